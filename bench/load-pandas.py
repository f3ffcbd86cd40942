#!/usr/bin/env python3
"""Loads the four automotive tables with pandas, dates parsed, and prints
"pandas <seconds> <peak RSS MB> <rows>" like bench-load does."""
import resource
import sys
import time

import pandas as pd

DATES = {
    "users": [],
    "cars": ["release_date"],
    "sales": ["purchase_date"],
    "visits": ["start_timestamp", "end_timestamp"],
}

folder = sys.argv[1]
started = time.perf_counter()
rows = 0
for table, dates in DATES.items():
    frame = pd.read_csv(f"{folder}/{table}.csv", parse_dates=dates)
    rows += len(frame)
elapsed = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(f"pandas {elapsed:.3f} {peak} {rows}")
