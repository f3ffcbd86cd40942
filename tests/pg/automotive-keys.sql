ALTER TABLE sales ADD FOREIGN KEY (car_id) REFERENCES cars (car_id);
