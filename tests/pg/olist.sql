-- The Olist corpus sample (tests/corpus/olist/data) with the keys the
-- marketplace's own schema has. Its ids are 32 hex digits kept as text.
CREATE TABLE customers (
  customer_id              text PRIMARY KEY,
  customer_unique_id       text NOT NULL,
  customer_zip_code_prefix integer,
  customer_city            text,
  customer_state           char(2)
);
CREATE TABLE olist_sellers_dataset (
  seller_id              text PRIMARY KEY,
  seller_zip_code_prefix integer,
  seller_city            text,
  seller_state           char(2)
);
CREATE TABLE product_category_name_translation (
  product_category_name         text PRIMARY KEY,
  product_category_name_english text
);
CREATE TABLE products (
  product_id                 text PRIMARY KEY,
  product_category_name      text,
  product_name_lenght        double precision,
  product_description_lenght double precision,
  product_photos_qty         double precision,
  product_weight_g           double precision,
  product_length_cm          double precision,
  product_height_cm          double precision,
  product_width_cm           double precision
);
CREATE TABLE orders (
  order_id                      text PRIMARY KEY,
  customer_id                   text,
  order_status                  text,
  order_purchase_timestamp      timestamp,
  order_approved_at             timestamp,
  order_delivered_carrier_date  timestamp,
  order_delivered_customer_date timestamp,
  order_estimated_delivery_date timestamp
);
CREATE TABLE order_items (
  order_id            text,
  order_item_id       integer,
  product_id          text,
  seller_id           text,
  shipping_limit_date timestamp,
  price               numeric(10, 2),
  freight_value       numeric(10, 2),
  PRIMARY KEY (order_id, order_item_id)
);
