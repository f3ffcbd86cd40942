"""What every corpus truth script shares: the figures of tests/corpus/README.md
(purchase lines to overall, by month, by product type and RFM), and writing
expected.json and expected-rfm.csv. Each truth.py adds its own reading of its
data, from the data's documentation; this file holds only the definitions
the README gives, so they are written once.
"""
import json, math, os, sys
import pandas as pd


def money(x):
    r = round(float(x), 2)
    return r + 0.0 if r != 0 else 0.0          # no "-0.0"


def count_orders(lines):
    """distinct order ids among lines that are not returns; a line without
    an order id is an order of its own"""
    buy = lines[~lines["_return"]]
    with_id = buy["_order"].dropna()
    return int(with_id.nunique() + buy["_order"].isna().sum())


def figures(lines):
    """lines: the purchase lines (status not excluded, amount present) with
    _amount (float), _order, _customer (str or NaN), _time (Timestamp or
    NaT), _type (str or NaN), _return (bool)"""
    revenue = math.fsum(lines["_amount"])
    orders = count_orders(lines)
    customers = int(lines.loc[~lines["_return"], "_customer"].dropna().nunique())
    # README: a figure that needs a customer is null when the data has none.
    has_customers = lines["_customer"].notna().any()
    overall = {"revenue": money(revenue), "orders": orders,
               "customers": customers if has_customers else None,
               "aov": money(revenue / orders) if orders else None}
    by_month = {}
    timed = lines[lines["_time"].notna()]
    for month, g in timed.groupby(timed["_time"].dt.strftime("%Y-%m"), sort=True):
        by_month[month] = {"revenue": money(math.fsum(g["_amount"])),
                           "orders": count_orders(g)}
    by_type = {}
    typed = lines[lines["_type"].notna()]
    for t, g in typed.groupby("_type", sort=True):
        by_type[t] = {"revenue": money(math.fsum(g["_amount"])),
                      "orders": count_orders(g)}
    # second computation: the months add up to the whole (lines with a time)
    assert abs(math.fsum(math.fsum(g["_amount"]) for _, g in
                         timed.groupby(timed["_time"].dt.strftime("%Y-%m")))
               - math.fsum(timed["_amount"])) < 1e-6
    return overall, by_month, by_type


def rfm(lines):
    """per customer over lines with a customer, a time and an amount;
    reference day = the last day among those lines"""
    r = lines[lines["_customer"].notna() & lines["_time"].notna()].copy()
    if r.empty:
        return None
    r["_day"] = r["_time"].dt.normalize()
    ref = r["_day"].max()
    rows = []
    for cust, g in r.groupby("_customer", sort=False):
        buy = g[~g["_return"]]
        if buy.empty:
            continue
        rows.append((str(cust), int((ref - buy["_day"].max()).days),
                     count_orders(g), money(math.fsum(g["_amount"]))))
    rows.sort(key=lambda x: x[0])
    return ref, rows


def write(here, expected, rfm_rows):
    with open(os.path.join(here, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, indent=2, ensure_ascii=False)
        f.write("\n")
    path = os.path.join(here, "expected-rfm.csv")
    if rfm_rows is None:
        if os.path.exists(path):
            os.remove(path)
        return
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("customer_id,recency_days,frequency,monetary\n")
        for c, rec, fr, m in rfm_rows:
            f.write(f"{c},{rec},{fr},{m:.2f}\n")


def tables_of(data_dir, frames, keys):
    """rows and primary key of every data file; a declared key is checked"""
    out = {}
    for name, df in frames.items():
        k = keys.get(name)
        if k is not None:
            assert df[k].notna().all() and df[k].is_unique, (name, k)
        out[name] = {"rows": int(len(df)), "primary_key": k}
    files = sorted(os.path.splitext(f)[0] for f in os.listdir(data_dir))
    assert files == sorted(out), (files, sorted(out))
    return out
