-- NOT VALID: the sample keeps only some rows of each table, so a few
-- references lead nowhere, as in a database whose constraint was added
-- after the data.
ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers NOT VALID;
ALTER TABLE order_items ADD FOREIGN KEY (order_id) REFERENCES orders NOT VALID;
ALTER TABLE order_items ADD FOREIGN KEY (product_id) REFERENCES products NOT VALID;
ALTER TABLE order_items ADD FOREIGN KEY (seller_id) REFERENCES olist_sellers_dataset NOT VALID;
-- The category's translation, which the model follows for product types.
ALTER TABLE products ADD FOREIGN KEY (product_category_name) REFERENCES product_category_name_translation NOT VALID;
