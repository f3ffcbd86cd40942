#!/usr/bin/python3
"""Sample the ShopSmart / alt-exam-poc tables consistently, bytes as they are.

Rule: every 4th customer of customers.csv (data rows 0, 4, 8, ... in file
order), all orders of those customers (orders.customer_id), all line items of
those orders (line_items.order_id), and products.csv whole (15 rows).
Header lines and the selected lines are copied byte for byte, in file order.
The files are plain comma-separated with no quoted commas in the key columns
(checked: the key is always the first or second field, a UUID).

usage: sample.py SOURCE_DIR DEST_DIR
"""
import os
import sys

src, dst = sys.argv[1], sys.argv[2]


def lines_of(name):
    with open(os.path.join(src, name), 'rb') as f:
        data = f.read()
    assert data.endswith(b'\n')
    return data[:-1].split(b'\n')


def write(name, lines):
    with open(os.path.join(dst, name), 'wb') as f:
        f.write(b'\n'.join(lines) + b'\n')


cust = lines_of('customers.csv')
keep_c = [l for i, l in enumerate(cust[1:]) if i % 4 == 0]
cids = {l.split(b',', 1)[0] for l in keep_c}
write('customers.csv', [cust[0]] + keep_c)

orders = lines_of('orders.csv')
keep_o = [l for l in orders[1:] if l.split(b',')[1] in cids]
oids = {l.split(b',', 1)[0] for l in keep_o}
write('orders.csv', [orders[0]] + keep_o)

items = lines_of('line_items.csv')
keep_i = [l for l in items[1:] if l.split(b',')[1] in oids]
write('line_items.csv', [items[0]] + keep_i)

with open(os.path.join(src, 'products.csv'), 'rb') as f:
    prod = f.read()
with open(os.path.join(dst, 'products.csv'), 'wb') as f:
    f.write(prod)
print(len(keep_c), len(keep_o), len(keep_i))
