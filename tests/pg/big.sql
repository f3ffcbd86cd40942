-- A table larger than the sampling threshold the test sets
-- (MERCATO_PG_SAMPLE_ROWS): 200 000 orders of 5 000 customers, made on
-- the server. Revenue is exactly 100 000 000 (200 × (0 + … + 999) + 200 000 × 0.5).
CREATE DATABASE big;
\connect big
CREATE TABLE orders (
  order_id       int8 PRIMARY KEY,
  customer_id    text,
  platform       text,
  purchase_date  date,
  purchase_price numeric(10, 2)
);
INSERT INTO orders
  SELECT g, 'c' || (g % 5000), (ARRAY['Website', 'Dealership', 'Mobile App'])[1 + g % 3],
         DATE '2023-01-01' + (g % 700), (g % 1000) + 0.5
  FROM generate_series (1, 200000) g;
ANALYZE orders;
