#!/usr/bin/python3
"""Sample the Superstore export by whole orders: keep every line of every
second Order ID (Order IDs sorted as text, the 1st, 3rd, 5th ... kept),
lines written byte for byte as published, in the file's order.

    /usr/bin/python3 sample.py ORIGINAL.csv data/'Sample - Superstore.csv'
"""
import csv, sys

src, dst = sys.argv[1], sys.argv[2]
with open(src, "rb") as f:
    raw = f.read().split(b"\n")
if raw and raw[-1] == b"":
    raw.pop()
header, rows = raw[0], raw[1:]
col = next(csv.reader([header.decode("utf-8-sig").rstrip("\r")])).index("Order ID")
ids = [next(csv.reader([r.decode("utf-8").rstrip("\r")]))[col] for r in rows]
keep = set(sorted(set(ids))[0::2])
with open(dst, "wb") as f:
    f.write(header + b"\n")
    for r, i in zip(rows, ids):
        if i in keep:
            f.write(r + b"\n")
