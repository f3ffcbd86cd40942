-- The Online Retail corpus sample (tests/corpus/online-retail/data):
-- one table of invoice lines, credit notes' numbers starting with C.
CREATE TABLE "OnlineRetail" (
  "InvoiceNo"   text,
  "StockCode"   text,
  "Description" text,
  "Quantity"    integer,
  "InvoiceDate" timestamp,
  "UnitPrice"   numeric(10, 3),
  "CustomerID"  integer,
  "Country"     text
);
