-- Names and values that SQL pasted together would break on: a table
-- name with double quotes, a column with an apostrophe, and a platform
-- whose text is an injection. Parameters and quoted identifiers keep
-- them data.
CREATE DATABASE quoted;
\connect quoted
CREATE TABLE "sales ""2024""" (
  transaction_id   text PRIMARY KEY,
  customer_id      text,
  platform         text,
  purchase_date    date,
  "purchase_price" numeric(10, 2),
  "buyer's note"   text
);
INSERT INTO "sales ""2024""" VALUES
  ('t1', 'c1', 'Website', '2024-01-05', 100.10, 'fine'),
  ('t2', 'c1', 'Website', '2024-02-07', 20.20, NULL),
  ('t3', 'c2', '''; DROP TABLE "sales ""2024"""; --', '2024-02-09', 300.30, 'it''s'),
  ('t4', 'c3', 'Dealership', '2024-03-11', 40.40, 'x'),
  ('t5', 'c2', 'Dealership', '2024-05-13', 5.05, 'y');
