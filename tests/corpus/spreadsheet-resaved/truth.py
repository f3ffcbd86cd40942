#!/usr/bin/python3
"""Truth script for the spreadsheet-resaved corpus entry (the Kaggle
"Vending Machine Sales" log for all of 2022 as a spreadsheet re-saved it:
UTF-8 BOM, CRLF, dates rewritten M/D/YYYY).

Written from the Kaggle description of the data (quoted in SOURCE.md) and
tests/corpus/README.md; never from Mercato's output.
Run: /usr/bin/python3 tests/corpus/spreadsheet-resaved/truth.py tests/corpus/spreadsheet-resaved
"""
import json, math, os, sys
import pandas as pd

# The figures of tests/corpus/README.md, shared by every truth script.
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from corpus_truth import count_orders, figures, money, rfm, tables_of, write  # noqa: E402



def main():
    here = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(__file__))
    data = os.path.join(here, "data")
    path = os.path.join(data, "vending_machine_sales.csv")
    raw = open(path, "rb").read()
    # the file as re-saved: BOM, CRLF on every line, no bare LF
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\r\n") == raw.count(b"\n")
    # utf-8-sig takes the BOM off the first header ("Status", not "\ufeffStatus")
    df = pd.read_csv(path, dtype=str, encoding="utf-8-sig",
                     keep_default_na=False, na_values=[""])
    assert df.columns[0] == "Status"
    tables = tables_of(data, {"vending_machine_sales": df}, {"vending_machine_sales": None})

    line_total = pd.to_numeric(df["LineTotal"], errors="raise")
    # TransDate is M/D/YYYY (month first: 12/31/2022 exists, no day > 12 in
    # the first field), no time of day
    assert df["TransDate"].str.split("/").str[0].astype(int).max() == 12
    t = pd.to_datetime(df["TransDate"], format="%m/%d/%Y")
    lines = pd.DataFrame({
        "_amount": line_total,
        "_order": df["Transaction"],
        "_customer": pd.Series([None] * len(df), dtype=object),
        "_time": t,
        "_type": df["Category"],
        "_return": pd.Series(False, index=df.index),
    })
    lines = lines[lines["_amount"].notna()]
    overall, by_month, by_type = figures(lines)
    overall["customers"] = None          # the data has no customer at all

    # second computations: LineTotal = RPrice*RQty on every row; each
    # Transaction's lines add up to its TransTotal (repeated on every line)
    rp, rq = pd.to_numeric(df["RPrice"]), pd.to_numeric(df["RQty"])
    assert (abs(line_total - rp * rq) < 1e-9).all()
    tt = pd.to_numeric(df["TransTotal"])
    per_t = pd.DataFrame({"lt": line_total, "tt": tt, "t": df["Transaction"]}).groupby("t")
    assert (per_t["tt"].nunique() == 1).all()
    assert (abs(per_t["lt"].sum() - per_t["tt"].first()) < 0.005).all()
    assert abs(round(math.fsum(per_t["tt"].first()), 2) - overall["revenue"]) < 0.005
    untyped = math.fsum(lines.loc[lines["_type"].isna(), "_amount"])
    assert abs(math.fsum(v["revenue"] for v in by_type.values()) + untyped - overall["revenue"]) < 0.01

    st = df["Status"].value_counts().to_dict()
    multi = int(df["Transaction"].duplicated(keep=False).sum())
    no_cat = int(df["Category"].isna().sum())
    no_prod = int(df["Product"].isna().sum())
    prcd_diff = int((df["Prcd Date"] != df["TransDate"]).sum())
    expected = {
        "slug": "spreadsheet-resaved",
        "shape": "a till log as a spreadsheet re-saved it: UTF-8 BOM, CRLF, dates rewritten M/D/YYYY, no customers",
        "tables": tables,
        "relations": [],
        "model": {
            "purchases": "vending_machine_sales",
            "amount": "LineTotal",
            "order": "vending_machine_sales.Transaction",
            "customer": None,
            "time": "vending_machine_sales.TransDate",
            "product_type": "vending_machine_sales.Category",
            "channel": None,
            "currency": None,
            "excluded_status": [],
            "returns": None,
        },
        "overall": overall,
        "by_month": by_month,
        "by_product_type": by_type,
        "notes": (
            "Vending machine sales of 2022 (4 locations, 5 machines, Central New Jersey), one row per product "
            "vended. The reading is the Kaggle description's: Transaction is the 'unique identifier for every "
            f"transaction' (a ticket; {multi} rows share one with another row), LineTotal the line's "
            "'total sale' (RPrice*RQty on every row) and TransTotal 'the total of all transactions that will show "
            "up on the Credit Card', repeated on each line of the ticket, so it is not the amount. "
            "Purchases = every row; amount = LineTotal; order = Transaction; time = TransDate, the transaction day "
            "with no time of day (Prcd Date is when SeedLive processed it and differs in "
            f"{prcd_diff} rows). Status ({st}) is about data processing, not the sale: the Unlinked rows are cash "
            "sales whose product mapping failed (Product, Category and MPrice empty) and still took money, so no "
            f"status is excluded. No returns. product_type = Category; {no_cat} rows have no Category "
            f"({no_prod} of them no Product either) and are left out of by_product_type only. There is no customer "
            "column (cash and anonymous card payments): customers is null and there is no RFM. Type (Cash/Credit) "
            "is the payment method and Location/Machine where the sale happened; neither is called a channel, so "
            "channel is null. No currency column (US dollars by context). What makes this entry: the file is the "
            "spreadsheet re-save: it begins with a UTF-8 BOM (which must not stay on the first header name), every "
            "line ends CRLF, and TransDate is written M/D/YYYY (1/1/2022 ... 12/31/2022, month first, no zero "
            "padding) where the Kaggle original writes 'Saturday, January 1, 2022'."
        ),
    }
    write(here, expected, None)
    print(json.dumps(expected["overall"]))


if __name__ == "__main__":
    main()
