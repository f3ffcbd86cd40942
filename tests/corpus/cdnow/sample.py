#!/usr/bin/python3
"""Sample CDNOW_master.txt by customers, bytes as they are.

Rule: keep the header line and every line whose customer_id (the first
whitespace-separated field, zero-padded) is a multiple of 10 as an integer,
i.e. every 10th customer of the 23,570. Lines are copied byte for byte
(leading spaces, runs of spaces, CRLF kept), in their original order.

usage: sample.py SOURCE/CDNOW_master.txt DEST/CDNOW_master.txt
"""
import sys

src, dst = sys.argv[1], sys.argv[2]
with open(src, 'rb') as f:
    lines = f.read().split(b'\n')
out = [lines[0]]                      # the header line the lifetimes copy has
for line in lines[1:]:
    fields = line.split()
    if fields and int(fields[0]) % 10 == 0:
        out.append(line)
with open(dst, 'wb') as f:
    f.write(b'\n'.join(out) + b'\n')
