-- A table larger than the sampling threshold test-pg-checks sets
-- (MERCATO_PG_SAMPLE_ROWS): 200 000 sales made on the server, with
-- problems counted by hand: a negative price on every 1000th row (200,
-- the first on row 1000, line 1001), a review of 9 off the 1–5 scale on
-- every row whose number ends in 250 or 750 (400), and no customer on
-- every row whose number ends in 07 (2 000).
CREATE DATABASE bigchecks;
\connect bigchecks
CREATE TABLE sales (
  transaction_id int8 PRIMARY KEY,
  customer_id    text,
  purchase_date  date,
  purchase_price numeric(10, 2),
  user_review    integer
);
INSERT INTO sales
  SELECT g, CASE WHEN g % 100 = 7 THEN NULL ELSE 'c' || (g % 5000) END,
         DATE '2023-01-01' + (g % 700),
         CASE WHEN g % 1000 = 0 THEN -1 ELSE (g % 1000) + 0.5 END,
         CASE WHEN g % 500 = 250 THEN 9 ELSE 1 + g % 5 END
  FROM generate_series (1, 200000) g;
ANALYZE sales;
