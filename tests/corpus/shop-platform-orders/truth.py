#!/usr/bin/python3
"""Truth script for the shop-platform-orders corpus entry (a Shopify
development store's Orders export, orders_export.csv, 19 orders).

Written from Shopify's documentation of the orders CSV export
(help.shopify.com, "Exporting orders") and tests/corpus/README.md; never from
Mercato's output.
Run: /usr/bin/python3 tests/corpus/shop-platform-orders/truth.py tests/corpus/shop-platform-orders
"""
import json, math, os, sys
import pandas as pd

# The figures of tests/corpus/README.md, shared by every truth script.
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from corpus_truth import count_orders, figures, money, rfm, tables_of, write  # noqa: E402



def main():
    here = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(__file__))
    data = os.path.join(here, "data")
    df = pd.read_csv(os.path.join(data, "orders_export.csv"), dtype=str,
                     keep_default_na=False, na_values=[""])
    tables = tables_of(data, {"orders_export": df}, {"orders_export": None})

    # Shopify writes one row per line item; the order's own fields (Financial
    # Status, Currency, Subtotal, Total, Paid at ...) only on its first row.
    first = ~df["Name"].duplicated()
    order_fields = ["Financial Status", "Currency", "Subtotal", "Shipping", "Taxes",
                    "Total", "Discount Amount", "Refunded Amount", "Cancelled at"]
    assert df.loc[first, ["Financial Status", "Currency", "Subtotal", "Total"]].notna().all().all()
    assert df.loc[~first, ["Financial Status", "Currency", "Subtotal", "Total"]].isna().all().all()
    # rows of one order are contiguous and share Created at
    assert (df["Name"] != df["Name"].shift()).sum() == df["Name"].nunique()
    assert df.groupby("Name")["Created at"].nunique().eq(1).all()
    per_order = df.loc[first].set_index("Name")[order_fields]
    status = df["Name"].map(per_order["Financial Status"])
    currency = df["Name"].map(per_order["Currency"])

    assert df["Email"].dropna().str.lower().nunique() == df["Email"].nunique()
    qty = pd.to_numeric(df["Lineitem quantity"], errors="raise")
    price = pd.to_numeric(df["Lineitem price"], errors="raise")
    # "Created at" carries an offset (-0400): converted to UTC (README)
    t = pd.to_datetime(df["Created at"], format="%Y-%m-%d %H:%M:%S %z", utc=True)
    excluded = ["refunded", "voided"]
    live = ~status.isin(excluded)
    lines = pd.DataFrame({
        "_amount": qty * price,
        "_order": df["Name"],
        "_customer": df["Email"],
        "_time": t.dt.tz_localize(None),
        "_type": pd.Series([None] * len(df), dtype=object),
        "_return": pd.Series(False, index=df.index),
    })[live & (qty * price).notna()]
    overall, by_month, _ = figures(lines)
    ref, rfm_rows = rfm(lines)

    # second computation: the orders' own Subtotal (first row) equals the sum of
    # their line amounts, since no order has a discount (Discount Amount 0.00)
    sub = pd.to_numeric(per_order["Subtotal"])
    assert (pd.to_numeric(per_order["Discount Amount"]) == 0).all()
    per_line = lines.groupby("_order")["_amount"].sum()
    assert (abs(per_line - sub.loc[per_line.index]) < 0.005).all(), (per_line - sub)
    assert abs(round(math.fsum(sub[~per_order["Financial Status"].isin(excluded)]), 2)
               - overall["revenue"]) < 0.005
    assert abs(math.fsum(m for *_, m in rfm_rows)
               + math.fsum(lines.loc[lines["_customer"].isna(), "_amount"])
               - overall["revenue"]) < 0.005 * len(rfm_rows) + 0.01

    st = per_order["Financial Status"].value_counts().to_dict()
    cur = sorted(set(per_order["Currency"]))
    n_nocust = int(per_order.index.isin(df.loc[df["Email"].isna(), "Name"]).sum())
    n_gift = int(df["Lineitem name"].str.startswith("Gift Card").sum())
    total_vs_sub = bool((pd.to_numeric(per_order["Total"]) == sub).all())
    expected = {
        "slug": "shop-platform-orders",
        "shape": "shop platform's own order export (Shopify orders CSV): a row per line item, order fields on the first row only",
        "tables": tables,
        "relations": [],
        "model": {
            "purchases": "orders_export",
            "amount": "Lineitem quantity*Lineitem price",
            "order": "orders_export.Name",
            "customer": "orders_export.Email",
            "time": "orders_export.Created at",
            "product_type": None,
            # Shopify's Source names the channel an order came from (web,
            # pos, shopify_draft_order: here every order was drafted).
            "channel": "orders_export.Source",
            # The one currency of every purchase, as the Currency column says.
            "currency": "EUR",
            # refunded/voided would be left out; neither occurs here.
            "excluded_status": [v for v in excluded if v in set(df["Financial Status"].dropna())] or None,
            "returns": None,
        },
        "overall": overall,
        "by_month": by_month,
        "by_product_type": None,
        "rfm": {"reference_day": ref.strftime("%Y-%m-%d"), "customers": len(rfm_rows)},
        "notes": (
            "Shopify's Orders export writes one row per line item: 'Name' is the order number (#1001) and is "
            "repeated on each of the order's rows, while the order-level fields (Financial Status, Currency, "
            "Subtotal, Shipping, Taxes, Total, Discount Amount, Paid at ...) are filled on the order's first row "
            "only and left empty on the others. So the purchases are the rows, the line amount is "
            "Lineitem quantity*Lineitem price (Lineitem price is the unit price), and orders = distinct Name. "
            "Subtotal/Total are order totals and must not be summed per row (they would count once, on the first "
            "row, and they include shipping and tax in Total); in this file every order's Subtotal equals the sum "
            "of its lines (no discounts) and Total equals Subtotal: " + str(total_vs_sub) + ". "
            "Financial Status is taken from the order's first row for all its rows. Statuses here: "
            f"{st}; 'pending' (#1013, payment terms Net 7, outstanding balance) is an order placed and owed, so it "
            "counts (an uncertain choice: a paid-only reading would drop it); 'refunded' and 'voided' orders would "
            "bring no money and are excluded (none occur in this sample), 'partially_refunded' would count in full "
            "because the export gives no per-line refund (Refunded Amount is 0.00 on every order here). No returns "
            "or credit notes (returns null). The customer is Email as written (the export has no customer id; each address is spelt one way throughout, so case folding would change nothing); "
            f"{n_nocust} of the orders have no Email (draft orders entered without a customer): they count in "
            "revenue and orders but not in customers or RFM. Created at carries an offset (-0400), so it is "
            "converted to UTC for by_month and RFM days. "
            f"{n_gift} line(s) are gift cards (Gift Card - $10 ...; requires shipping false); they are line items "
            "of the order's Subtotal and are counted as sales (Shopify's own sales reports leave gift card sales "
            "out; a reader wanting that would exclude them). There is no product type column in the orders export "
            "(Lineitem name is the product, Vendor the vendor): product_type null. Currency column: "
            f"{cur} only, on the first row of each order (currency = that column). No channel "
            "(Source is shopify_draft_order throughout). "
            f"RFM reference day = the last purchase day among lines with a customer ({ref.date()})."
        ),
    }
    write(here, expected, rfm_rows)
    print(json.dumps(expected["overall"]))


if __name__ == "__main__":
    main()
