#!/usr/bin/env python3
"""Independent RFM of a sales table with pandas, written to compare with
mercato-cli rfm (tests/test-cli.c reads the recorded output).

    /usr/bin/python3 tests/reference/rfm_reference.py \
        app/sample/automotive/sales.csv > tests/fixtures/rfm/sample-rfm-pandas.csv

Same definitions as docs/metrics.md: rows with a customer, a date and an
amount count; reference = the last purchase day; frequency = distinct
transaction ids plus rows without one; quintile edges with pandas'
linear interpolation; score = 1 + edges below the value (R reversed);
segments from the R × F map.
"""
import sys

import pandas as pd

SEGMENTS = [
    ["Lost", "Hibernating", "At risk", "At risk", "Can't lose them"],
    ["Hibernating", "Hibernating", "At risk", "At risk", "Can't lose them"],
    ["About to sleep", "About to sleep", "Need attention", "Loyal", "Loyal"],
    ["Promising", "Potential loyalist", "Potential loyalist", "Loyal", "Loyal"],
    ["New", "Potential loyalist", "Potential loyalist", "Champions", "Champions"],
]

sales = pd.read_csv(sys.argv[1], dtype={"customer_id": str, "transaction_id": str},
                    keep_default_na=True, na_values=["data layer field missing"])
sales["purchase_date"] = pd.to_datetime(sales["purchase_date"])
sales = sales.dropna(subset=["customer_id", "purchase_date", "purchase_price"])
reference = sales["purchase_date"].max()

def frequency(group):
    return group["transaction_id"].nunique() + group["transaction_id"].isna().sum()

rfm = sales.groupby("customer_id").apply(lambda g: pd.Series({
    "recency_days": (reference - g["purchase_date"].max()).days,
    "frequency": frequency(g),
    "monetary": g["purchase_price"].sum(),
}))

def scores(values, reverse=False):
    edges = [values.quantile(q) for q in (0.2, 0.4, 0.6, 0.8)]
    s = values.apply(lambda v: 1 + sum(e < v for e in edges))
    return 6 - s if reverse else s

rfm["r_score"] = scores(rfm["recency_days"], reverse=True)
rfm["f_score"] = scores(rfm["frequency"])
rfm["m_score"] = scores(rfm["monetary"])
rfm["segment"] = [SEGMENTS[r - 1][f - 1] for r, f in zip(rfm["r_score"], rfm["f_score"])]
rfm = rfm.sort_index()
print("customer_id,recency_days,frequency,monetary,r_score,f_score,m_score,segment")
for customer, row in rfm.iterrows():
    print(f"{customer},{int(row.recency_days)},{int(row.frequency)},{row.monetary:.2f},"
          f"{int(row.r_score)},{int(row.f_score)},{int(row.m_score)},{row.segment}")
