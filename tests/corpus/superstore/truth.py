#!/usr/bin/python3
"""Truth script for the superstore corpus entry (the flat "Sample -
Superstore.csv", every second order).

Written from the data's columns and tests/corpus/README.md; never from
Mercato's output.
Run: /usr/bin/python3 tests/corpus/superstore/truth.py tests/corpus/superstore
"""
# ---- the figures of tests/corpus/README.md (same block in every truth.py) ----
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
    overall = {"revenue": money(revenue), "orders": orders,
               "customers": customers,
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
# ---- end of the common block ----


def main():
    here = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(__file__))
    data = os.path.join(here, "data")
    name = "Sample - Superstore"
    df = pd.read_csv(os.path.join(data, name + ".csv"), dtype=str,
                     keep_default_na=False, na_values=[""])
    tables = tables_of(data, {name: df}, {name: "Row ID"})

    sales = pd.to_numeric(df["Sales"], errors="raise")
    lines = pd.DataFrame({
        "_amount": sales,
        "_order": df["Order ID"],
        "_customer": df["Customer ID"],
        "_time": pd.to_datetime(df["Order Date"], format="%m/%d/%Y"),
        "_type": df["Category"],
        "_return": pd.Series(False, index=df.index),
    })
    overall, by_month, by_type = figures(lines)
    ref, rfm_rows = rfm(lines)

    # second computations: the categories add up to the whole (every line has
    # one), and so do the customers' monetary values
    assert df["Category"].notna().all()
    assert abs(math.fsum(v["revenue"] for v in by_type.values()) - overall["revenue"]) < 0.005 * len(by_type) + 0.005
    assert abs(math.fsum(m for *_, m in rfm_rows) - overall["revenue"]) < 0.005 * len(rfm_rows) + 0.005
    # an order has one customer and one order date
    g = df.groupby("Order ID")
    assert (g["Customer ID"].nunique() == 1).all() and (g["Order Date"].nunique() == 1).all()
    neg = int((sales <= 0).sum())

    expected = {
        "slug": "superstore",
        "shape": "one flat table of order lines (Tableau's Sample - Superstore), not a star schema",
        "tables": tables,
        "relations": [],
        "model": {
            "purchases": name,
            "amount": "Sales",
            "order": f"{name}.Order ID",
            "customer": f"{name}.Customer ID",
            "time": f"{name}.Order Date",
            "product_type": f"{name}.Category",
            "channel": None,
            "excluded_status": None,
            "returns": None,
        },
        "overall": overall,
        "by_month": by_month,
        "by_product_type": by_type,
        "notes": (
            "Only the flat Sample - Superstore.csv was found (no star-schema split of it), so it is taken flat. Each "
            "row is one product line of an order (Row ID is the line's key, unique); Sales is the line amount (the sale of the "
            "line's whole Quantity with its Discount rate applied, as the data set is commonly read; the file has no "
            "unit price, so Sales is not multiplied by Quantity); Profit is the seller's margin, not revenue. Orders are the distinct Order ID (CA-2020-152156), "
            "several lines each; the person is Customer ID (CG-12520; Customer Name is the same person's name). The "
            "time is Order Date, written M/D/YYYY with no time of day; Ship Date is the shipping. Product type is "
            "Category (Furniture, Office Supplies, Technology) - never Segment, which is the customer's segment "
            "(Consumer, Corporate, Home Office), nor Ship Mode, which is shipping; Sub-Category is finer than the "
            "type. There is no status, no return or credit note "
            f"({neg} lines with Sales <= 0) and no sales channel; Region/State/City are the customer's location. "
            "No currency column (the publisher's US store, dollars by context, not stated in the file). "
            f"RFM reference day = the last Order Date ({ref.date()})."
        ),
    }
    write(here, expected, rfm_rows)
    print(json.dumps(expected["overall"]))


if __name__ == "__main__":
    main()
