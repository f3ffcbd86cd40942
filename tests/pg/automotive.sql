-- The shipped sample (app/sample/automotive) as a shop would keep it in
-- PostgreSQL: uuids where every value is one, text where the export
-- writes placeholders ("data layer field missing") in an id column.
CREATE TABLE cars (
  car_id       uuid PRIMARY KEY,
  car_model    text,
  fuel_type    text,
  release_date date,
  price        integer
);
CREATE TABLE users (
  customer_id     text,
  user_first_name text,
  user_last_name  text,
  gender          text,
  email           varchar(200)
);
CREATE TABLE sales (
  transaction_id uuid,
  customer_id    text,
  car_id         uuid,
  platform       text,
  purchase_date  date,
  purchase_price integer,
  user_review    numeric(2, 1)
);
-- The sample repeats some visit ids (an anomaly the checks report), so
-- visits has no declared key.
CREATE TABLE visits (
  visit_id        uuid,
  customer_id     text,
  start_timestamp timestamp,
  end_timestamp   timestamp,
  visit_type      text,
  transaction_id  uuid
);
