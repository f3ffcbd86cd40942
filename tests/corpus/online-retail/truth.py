#!/usr/bin/python3
"""Truth script for the online-retail corpus entry (UCI Online Retail).

Written from the UCI documentation of the data set and from
tests/corpus/README.md; never from Mercato's output.
Run: /usr/bin/python3 tests/corpus/online-retail/truth.py tests/corpus/online-retail
"""
import json, math, os, sys
import pandas as pd

# The figures of tests/corpus/README.md, shared by every truth script.
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from corpus_truth import count_orders, figures, money, rfm, tables_of, write  # noqa: E402



def main():
    here = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(__file__))
    data = os.path.join(here, "data")
    # ids as text: InvoiceNo "C536379", StockCode "85123A", CustomerID "17850"
    df = pd.read_csv(os.path.join(data, "OnlineRetail.csv"), dtype=str,
                     keep_default_na=False, na_values=[""])
    tables = tables_of(data, {"OnlineRetail": df}, {"OnlineRetail": None})

    qty = pd.to_numeric(df["Quantity"], errors="raise")
    price = pd.to_numeric(df["UnitPrice"], errors="raise")
    cust = df["CustomerID"].str.replace(r"\.0$", "", regex=True)   # 17850.0 -> 17850 (none here)
    lines = pd.DataFrame({
        "_amount": qty * price,
        "_order": df["InvoiceNo"],
        "_customer": cust,
        "_time": pd.to_datetime(df["InvoiceDate"], format="%m/%d/%y %H:%M"),
        "_type": pd.Series([None] * len(df), dtype=object),
        "_return": df["InvoiceNo"].str.startswith("C"),
    })
    lines = lines[lines["_amount"].notna()]
    # every C invoice carries negative quantities (UCI: "If this code starts
    # with letter 'c', it indicates a cancellation")
    assert (qty[lines["_return"]] < 0).all()

    overall, by_month, _ = figures(lines)
    ref, rfm_rows = rfm(lines)

    # second computation: revenue = sales lines - credit notes, computed apart
    sales = math.fsum((qty * price)[~lines["_return"]])
    credits = math.fsum((qty * price)[lines["_return"]])
    assert abs(overall["revenue"] - round(sales + credits, 2)) < 0.005
    # and the customers' monetary plus the lines without a customer
    no_cust = math.fsum(lines.loc[lines["_customer"].isna(), "_amount"])
    kept = {c for c, *_ in rfm_rows}
    only_credits = math.fsum(lines.loc[lines["_customer"].notna() & ~lines["_customer"].isin(kept), "_amount"])
    assert abs(math.fsum(m for *_, m in rfm_rows) + no_cust + only_credits
               - overall["revenue"]) < 0.005 * len(rfm_rows) + 0.005

    n_c = int(lines.loc[lines["_return"], "_order"].nunique())
    n_nocust = int(lines["_customer"].isna().sum())
    expected = {
        "slug": "online-retail",
        "shape": "one wide table of invoice lines with credit notes (UK gift wholesaler)",
        "tables": tables,
        "relations": [],
        "model": {
            "purchases": "OnlineRetail",
            "amount": "Quantity*UnitPrice",
            "order": "OnlineRetail.InvoiceNo",
            "customer": "OnlineRetail.CustomerID",
            "time": "OnlineRetail.InvoiceDate",
            "product_type": None,
            "channel": None,
            "excluded_status": None,
            "returns": "order id prefix C",
        },
        "overall": overall,
        "by_month": by_month,
        "notes": (
            "Every row is an invoice line (UCI: 'InvoiceNo: a 6-digit integral number uniquely assigned to each "
            "transaction'), so the purchases are the rows of OnlineRetail and the line amount is Quantity*UnitPrice "
            "(UnitPrice is 'product price per unit in sterling'). No table has a key: InvoiceNo repeats once per line "
            "and StockCode once per product; relations are none (one table). "
            f"Returns: invoice numbers starting with C are cancellations (credit notes, {n_c} of them here, all with "
            "negative quantities); their negative amounts are netted into revenue, by_month and RFM monetary, and they "
            "count neither as orders nor as buying customers. There is no status column (excluded_status null) "
            "and no product type: Description is a product name, StockCode a product code, not a category "
            "(product_type null, so no by_product_type). Country is where the customer lives, not a sales channel "
            "(channel null). The person is CustomerID, written as integers in this copy (no 17850.0 floats); "
            f"{n_nocust} line(s) have no CustomerID: they count in revenue and orders but not in customers or RFM. "
            "InvoiceDate is M/D/YY H:MM local UK time with no offset, read as written. "
            f"RFM reference day = the last day among lines with a customer ({ref.date()}); recency is counted from "
            "the customer's last line that is not a credit note; frequency = their distinct non-C invoices. "
            "All money is GBP (the whole data set is sterling), but the file has no currency column."
        ),
    }
    write(here, expected, rfm_rows)
    print(json.dumps(expected["overall"]))


if __name__ == "__main__":
    main()
