#!/usr/bin/python3
"""Truth script for the sales-sample corpus entry ("Sample Sales Data",
kyanyoga on Kaggle, sales_data_sample.csv).

Written from the data set's description and its columns, and from
tests/corpus/README.md; never from Mercato's output.
Run: /usr/bin/python3 tests/corpus/sales-sample/truth.py tests/corpus/sales-sample
"""
import json, math, os, sys
import pandas as pd

# The figures of tests/corpus/README.md, shared by every truth script.
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from corpus_truth import count_orders, figures, money, rfm, tables_of, write  # noqa: E402



def write(here, expected, rfm_rows):
    """the common write(), with the customer id quoted as CSV wants:
    CUSTOMERNAME holds commas ("AV Stores, Co.")"""
    import csv
    with open(os.path.join(here, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, indent=2, ensure_ascii=False)
        f.write("\n")
    with open(os.path.join(here, "expected-rfm.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["customer_id", "recency_days", "frequency", "monetary"])
        for c, rec, fr, m in rfm_rows:
            w.writerow([c, rec, fr, f"{m:.2f}"])


EXCLUDED = ["Cancelled"]


def main():
    here = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(__file__))
    data = os.path.join(here, "data")
    # latin-1 (Berguvsv\xe4gen, Mart\xedn ...); ids as text; TERRITORY "NA"
    # is North America, not a missing value, so pandas' NA list is off
    df = pd.read_csv(os.path.join(data, "sales_data_sample.csv"), dtype=str,
                     encoding="latin-1", keep_default_na=False, na_values=[""])
    tables = tables_of(data, {"sales_data_sample": df}, {"sales_data_sample": None})
    # the line key is ORDERNUMBER + ORDERLINENUMBER (no single-column key)
    assert not df.duplicated(["ORDERNUMBER", "ORDERLINENUMBER"]).any()

    qty = pd.to_numeric(df["QUANTITYORDERED"], errors="raise")
    price = pd.to_numeric(df["PRICEEACH"], errors="raise")
    sales = pd.to_numeric(df["SALES"], errors="raise")
    # ORDERDATE is month-first; days 1-12 are written 05/07/2003 00:00,
    # days 13-31 2/24/2003 0:00 (one format parses both)
    when = pd.to_datetime(df["ORDERDATE"], format="%m/%d/%Y %H:%M")
    # second reading of the date: the file's own MONTH_ID / YEAR_ID agree
    assert (when.dt.month.astype(str) == df["MONTH_ID"]).all()
    assert (when.dt.year.astype(str) == df["YEAR_ID"]).all()

    # the line amount: SALES. PRICEEACH never exceeds 100; where the line's
    # SALES / QUANTITYORDERED is above 100 it reads 100 (a capped price)
    diff = (qty * price - sales).abs() > 0.005
    assert (price <= 100).all()
    assert (price[diff] == 100).all() and (sales[diff] > qty[diff] * 100).all()
    n_capped = int(diff.sum())

    keep = ~df["STATUS"].isin(EXCLUDED)
    lines = pd.DataFrame({
        "_amount": sales,
        "_order": df["ORDERNUMBER"],
        "_customer": df["CUSTOMERNAME"],
        "_time": when,
        "_type": df["PRODUCTLINE"],
        "_return": pd.Series(False, index=df.index),
    })[keep & sales.notna()]

    overall, by_month, by_type = figures(lines)
    ref, rfm_rows = rfm(lines)

    # second computation: revenue by YEAR_ID/MONTH_ID and by PRODUCTLINE
    # straight from the columns, and the customers' monetary sum to revenue
    k = df[keep]
    alt = k.assign(_s=sales[keep]).groupby(["YEAR_ID", "MONTH_ID"])["_s"].apply(math.fsum)
    for (y, m), v in alt.items():
        assert abs(by_month[f"{y}-{int(m):02d}"]["revenue"] - v) < 0.005
    assert abs(math.fsum(v["revenue"] for v in by_type.values()) - overall["revenue"]) < 0.01
    assert abs(math.fsum(m for *_, m in rfm_rows) - overall["revenue"]) < 0.005 * len(rfm_rows)
    # and where the price is not capped, lines x price is SALES to the cent
    assert ((qty * price - sales).abs()[~diff] < 0.005).all()

    st = df.groupby("STATUS")["ORDERNUMBER"].nunique().to_dict()
    st_lines = df["STATUS"].value_counts().to_dict()
    strict = ~df["STATUS"].isin(["Cancelled", "On Hold", "Disputed"])
    alt_rev = money(math.fsum(sales[strict]))
    alt_orders = int(df.loc[strict, "ORDERNUMBER"].nunique())

    expected = {
        "slug": "sales-sample",
        "shape": "one wide table of order lines of a die-cast model wholesaler, with statuses and a capped unit price",
        "tables": tables,
        "relations": [],
        "model": {
            "purchases": "sales_data_sample",
            "amount": "SALES",
            "order": "sales_data_sample.ORDERNUMBER",
            "customer": "sales_data_sample.CUSTOMERNAME",
            "time": "sales_data_sample.ORDERDATE",
            "product_type": "sales_data_sample.PRODUCTLINE",
            "channel": None,
            "currency": None,
            "excluded_status": EXCLUDED,
            "returns": None,
        },
        "overall": overall,
        "by_month": by_month,
        "by_product_type": by_type,
        "rfm": {"reference_day": str(ref.date()), "customers": len(rfm_rows)},
        "alternatives": {
            "excluded_status=Cancelled,On Hold,Disputed": {"revenue": alt_rev, "orders": alt_orders},
        },
        "notes": (
            "One table of order lines ('Sample Sales Data, Order Info, Sales, Customer, Shipping', written for Pentaho "
            "Kettle; the classic-models wholesaler of die-cast cars, planes, ships...). A row is one line of an order: "
            "ORDERNUMBER repeats once per line and ORDERNUMBER+ORDERLINENUMBER is unique, so no single column is a key "
            "(primary_key null) and there are no relations. "
            f"Amount = SALES, not QUANTITYORDERED*PRICEEACH: PRICEEACH never exceeds 100, and on {n_capped} of "
            f"{len(df)} lines it reads exactly 100 while SALES/QUANTITYORDERED is between 100.01 and 252.87 "
            "(the price was capped at 100 when the file was made); on every other line QUANTITYORDERED*PRICEEACH "
            "equals SALES to the cent, so SALES is the line's true amount. "
            f"Statuses (lines / orders): {', '.join(f'{s} {st_lines[s]}/{st[s]}' for s in sorted(st))}. Only "
            "Cancelled brings no money (an order called off). Shipped and Resolved (a dispute settled) are sales; "
            "In Process is an order being prepared, a sale not yet shipped; On Hold and Disputed are orders placed "
            "whose money is in question but not lost, so they are kept, as docs/metrics.md leaves out only failed, "
            "cancelled, declined, refunded or returned orders. That is the uncertain choice: 'alternatives' gives "
            "revenue and orders when On Hold and Disputed are left out too. No returns or credit notes. "
            "The customer is CUSTOMERNAME (a company; the file has no customer id; 92 names, each with one phone and "
            "address). ORDERDATE is month-first M/D/YYYY H:MM with no time zone and always midnight; the file "
            "mixes '2/24/2003 0:00' (days 13-31) with zero-padded '05/07/2003 00:00' (days 1-12, the trace of a "
            "spreadsheet that re-read the ambiguous dates); MONTH_ID and YEAR_ID agree with the month-first reading "
            "on every line. Product type = PRODUCTLINE (Classic Cars, Motorcycles, ...), the line's own category; "
            "PRODUCTCODE is the product. No channel: DEALSIZE is a band of the line's amount (Small/Medium/Large) "
            "and TERRITORY (EMEA, NA = North America, APAC, Japan) a region of the customer. No currency column: "
            "the data set does not name one (prices look like US dollars, MSRP included, but it is not stated). "
            f"RFM reference day = the last order day ({ref.date()}); recency from the customer's last non-cancelled "
            "order, frequency their distinct ORDERNUMBERs, monetary the sum of their SALES."
        ),
    }
    write(here, expected, rfm_rows)
    print(json.dumps(expected["overall"]))


if __name__ == "__main__":
    main()
