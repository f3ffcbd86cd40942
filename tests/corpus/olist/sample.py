#!/usr/bin/python3
"""Sample the Olist subset consistently, lines copied byte for byte.

    /usr/bin/python3 sample.py SRC_DIR data/

SRC_DIR holds orders.csv, order_items.csv, customers.csv, products.csv,
product_category_name_translation.csv (harjeetkalsi/dbt_project_cbf data/)
and olist_sellers_dataset.csv (olist/work-at-olist-data datasets/).
Rule: the first 2,500 orders by order_id (sorted as text); every order item
of those orders; the customers of those orders; the products and sellers
their items name; the translation table whole.
"""
import csv, os, sys

N_ORDERS = 2500
src, dst = sys.argv[1], sys.argv[2]


def read(name):
    with open(os.path.join(src, name), "rb") as f:
        raw = f.read().split(b"\n")
    if raw[-1] == b"":
        raw.pop()
    head = next(csv.reader([raw[0].decode("utf-8-sig").rstrip("\r")]))
    rows = [(r, dict(zip(head, next(csv.reader([r.decode("utf-8").rstrip("\r")])))))
            for r in raw[1:]]
    return raw[0], rows


def write(name, header, rows):
    with open(os.path.join(dst, name), "wb") as f:
        f.write(header + b"\n")
        for r, _ in rows:
            f.write(r + b"\n")


h, orders = read("orders.csv")
keep = set(sorted(d["order_id"] for _, d in orders)[:N_ORDERS])
orders = [x for x in orders if x[1]["order_id"] in keep]
write("orders.csv", h, orders)
h, items = read("order_items.csv")
items = [x for x in items if x[1]["order_id"] in keep]
write("order_items.csv", h, items)
custs = {d["customer_id"] for _, d in orders}
h, rows = read("customers.csv")
write("customers.csv", h, [x for x in rows if x[1]["customer_id"] in custs])
prods = {d["product_id"] for _, d in items}
h, rows = read("products.csv")
write("products.csv", h, [x for x in rows if x[1]["product_id"] in prods])
sellers = {d["seller_id"] for _, d in items}
h, rows = read("olist_sellers_dataset.csv")
write("olist_sellers_dataset.csv", h, [x for x in rows if x[1]["seller_id"] in sellers])
h, rows = read("product_category_name_translation.csv")
write("product_category_name_translation.csv", h, rows)
