#!/usr/bin/python3
"""Truth script for the olist corpus entry (Olist Brazilian e-commerce:
2,500 orders of 2017 with their items, customers, products and sellers).

Written from Olist's documentation of the data set and tests/corpus/README.md;
never from Mercato's output.
Run: /usr/bin/python3 tests/corpus/olist/truth.py tests/corpus/olist
"""
import json, math, os, sys
import pandas as pd

# The figures of tests/corpus/README.md, shared by every truth script.
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from corpus_truth import count_orders, figures, money, rfm, tables_of, write  # noqa: E402



def main():
    here = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(__file__))
    data = os.path.join(here, "data")
    rd = lambda n: pd.read_csv(os.path.join(data, n + ".csv"), dtype=str,
                               keep_default_na=False, na_values=[""])
    orders, items, customers = rd("orders"), rd("order_items"), rd("customers")
    products, sellers = rd("products"), rd("olist_sellers_dataset")
    trans = rd("product_category_name_translation")
    tables = tables_of(data, {
        "orders": orders, "order_items": items, "customers": customers,
        "products": products, "olist_sellers_dataset": sellers,
        "product_category_name_translation": trans,
    }, {
        "orders": "order_id", "order_items": None, "customers": "customer_id",
        "products": "product_id", "olist_sellers_dataset": "seller_id",
        "product_category_name_translation": "product_category_name",
    })
    # order_items' key is the pair (order_id, order_item_id), no single column
    assert not items["order_id"].is_unique and not items.duplicated(["order_id", "order_item_id"]).any()
    # every foreign key of the sample finds its row
    assert items["order_id"].isin(orders["order_id"]).all()
    assert orders["customer_id"].isin(customers["customer_id"]).all()
    assert items["product_id"].isin(products["product_id"]).all()
    assert items["seller_id"].isin(sellers["seller_id"]).all()

    excluded = ["canceled", "unavailable"]
    m = (items.merge(orders, on="order_id", how="left", validate="many_to_one")
              .merge(customers, on="customer_id", how="left", validate="many_to_one")
              .merge(products[["product_id", "product_category_name"]], on="product_id",
                     how="left", validate="many_to_one")
              .merge(trans, on="product_category_name", how="left", validate="many_to_one"))
    price = pd.to_numeric(m["price"], errors="raise")
    freight = pd.to_numeric(m["freight_value"], errors="raise")
    live = ~m["order_status"].isin(excluded)
    lines = pd.DataFrame({
        "_amount": price + freight,
        "_order": m["order_id"],
        "_customer": m["customer_unique_id"],
        "_time": pd.to_datetime(m["order_purchase_timestamp"], format="%Y-%m-%d %H:%M:%S"),
        "_type": m["product_category_name_english"],
        "_return": pd.Series(False, index=m.index),
    })[live]
    overall, by_month, by_type = figures(lines)
    ref, rfm_rows = rfm(lines)

    # second computations: price and freight summed apart; the typed and the
    # untyped lines add up to the whole; the people's monetary adds up too
    assert abs(round(math.fsum(price[live]) + math.fsum(freight[live]), 2) - overall["revenue"]) < 0.006
    untyped = math.fsum(lines.loc[lines["_type"].isna(), "_amount"])
    assert abs(math.fsum(v["revenue"] for v in by_type.values()) + untyped - overall["revenue"]) < 0.005 * len(by_type) + 0.01
    assert abs(math.fsum(mm for *_, mm in rfm_rows) - overall["revenue"]) < 0.005 * len(rfm_rows) + 0.01

    st = orders["order_status"].value_counts().to_dict()
    n_excl_orders = int(orders["order_status"].isin(excluded).sum())
    n_excl_with_items = int(orders.loc[orders["order_status"].isin(excluded), "order_id"].isin(items["order_id"]).sum())
    no_items = int((~orders["order_id"].isin(items["order_id"])).sum())
    no_cat = int(lines["_type"].isna().sum())
    untranslated = sorted(set(m.loc[m["product_category_name"].notna() & m["product_category_name_english"].isna(),
                                    "product_category_name"]))
    persons = customers["customer_unique_id"].nunique()
    expected = {
        "slug": "olist",
        "shape": "marketplace: orders, order items, customers (per-order id and person), products, sellers, category translation",
        "tables": tables,
        "relations": [
            ["order_items.order_id", "orders.order_id"],
            ["orders.customer_id", "customers.customer_id"],
            ["order_items.product_id", "products.product_id"],
            ["order_items.seller_id", "olist_sellers_dataset.seller_id"],
            ["products.product_category_name", "product_category_name_translation.product_category_name"],
        ],
        "model": {
            "purchases": "order_items",
            "amount": "price+freight_value",
            "order": "order_items.order_id",
            "customer": "customers.customer_unique_id",
            "time": "orders.order_purchase_timestamp",
            "product_type": "product_category_name_translation.product_category_name_english",
            "channel": None,
            "excluded_status": excluded,
            "returns": None,
        },
        "overall": overall,
        "by_month": by_month,
        "by_product_type": by_type,
        "notes": (
            "Olist: 'Order Items Dataset: data about the items purchased within each order', one row per item "
            "(order_item_id 1..n); 'The total order value (product + freight)' is price + freight_value summed over "
            "the order's items, so the purchases are order_items and the line amount is price+freight_value "
            "(what the buyer paid for the line). order_items has no one-column key (its key is order_id + "
            "order_item_id): primary_key null. Orders are order_items.order_id. The person is "
            "customers.customer_unique_id: Olist says 'each order is assigned to a unique customer_id. This means "
            "that the same customer will get different ids for different orders'; reached through "
            f"orders.customer_id -> customers.customer_id ({len(customers)} customer_id, {persons} persons). "
            "The time is orders.order_purchase_timestamp ('Shows the purchase timestamp'), local Brazilian time "
            f"with no offset, read as written. Status (order_status: {st}): canceled and unavailable orders brought "
            f"no money and are left out of every figure ({n_excl_orders} orders, {n_excl_with_items} of them with "
            f"items); the other statuses ({', '.join(sorted(set(st) - set(excluded)))}) are sales "
            "in progress or done and count. No returns or credit notes exist in the data (returns null). "
            f"{no_items} orders have no item at all and are no purchase. Product type: products.product_category_name "
            "translated by product_category_name_translation to product_category_name_english; "
            f"{no_cat} counted line(s) have no English type (category empty, or untranslated: {untranslated}) and are "
            "left out of by_product_type only. No channel (Olist sells through several marketplaces but the data "
            "does not say which). Currency: a Brazilian marketplace, reais by context; no currency column. "
            "The payments and reviews tables of Olist are not in this sample (the copy taken has none), so the "
            "payments vs price+freight comparison could not be made here. "
            f"RFM reference day = the last purchase day among counted lines ({ref.date()})."
        ),
    }
    write(here, expected, rfm_rows)
    print(json.dumps(expected["overall"]))


if __name__ == "__main__":
    main()
