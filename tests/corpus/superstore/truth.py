#!/usr/bin/python3
"""Truth script for the superstore corpus entry (the flat "Sample -
Superstore.csv", every second order).

Written from the data's columns and tests/corpus/README.md; never from
Mercato's output.
Run: /usr/bin/python3 tests/corpus/superstore/truth.py tests/corpus/superstore
"""
import json, math, os, sys
import pandas as pd

# The figures of tests/corpus/README.md, shared by every truth script.
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from corpus_truth import count_orders, figures, money, rfm, tables_of, write  # noqa: E402



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
