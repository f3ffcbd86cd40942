#!/usr/bin/python3
"""Truth script for the pizza-sales corpus entry (Maven Analytics' "Pizza
Place Sales": orders, order_details, pizzas, pizza_types).

Written from the data set's data dictionary (as quoted in SOURCE.md) and
from tests/corpus/README.md; never from Mercato's output.
Run: /usr/bin/python3 tests/corpus/pizza-sales/truth.py tests/corpus/pizza-sales
"""
import json, math, os, sys
import pandas as pd

# The figures of tests/corpus/README.md, shared by every truth script.
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from corpus_truth import count_orders, figures, money, rfm, tables_of, write  # noqa: E402



KEYS = {"orders": "order_id", "order_details": "order_details_id",
        "pizzas": "pizza_id", "pizza_types": "pizza_type_id"}
RELATIONS = [["order_details.order_id", "orders.order_id"],
             ["order_details.pizza_id", "pizzas.pizza_id"],
             ["pizzas.pizza_type_id", "pizza_types.pizza_type_id"]]
# pizza_types.csv is Windows-1252 (a \x91 left quote before 'Nduja); the
# other three files are ASCII
ENCODING = {"pizza_types": "cp1252"}


def main():
    here = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(__file__))
    data = os.path.join(here, "data")
    t = {n: pd.read_csv(os.path.join(data, n + ".csv"), dtype=str,
                        encoding=ENCODING.get(n, "ascii"),
                        keep_default_na=False, na_values=[""]) for n in KEYS}
    tables = tables_of(data, t, KEYS)
    for a, b in RELATIONS:
        (ta, ca), (tb, cb) = a.split("."), b.split(".")
        assert t[ta][ca].isin(t[tb][cb]).all(), (a, b)

    od, o, p, pt = t["order_details"], t["orders"], t["pizzas"], t["pizza_types"]
    lines = (od.merge(o, on="order_id", how="left", validate="m:1")
               .merge(p, on="pizza_id", how="left", validate="m:1")
               .merge(pt, on="pizza_type_id", how="left", validate="m:1"))
    qty = pd.to_numeric(lines["quantity"], errors="raise")
    price = pd.to_numeric(lines["price"], errors="raise")
    when = pd.to_datetime(lines["date"] + " " + lines["time"], format="%Y-%m-%d %H:%M:%S")
    L = pd.DataFrame({
        "_amount": qty * price,
        "_order": lines["order_id"],
        "_customer": pd.Series([None] * len(lines), dtype=object),
        "_time": when,
        "_type": lines["category"],
        "_return": pd.Series(False, index=lines.index),
    })
    L = L[L["_amount"].notna()]
    overall, by_month, by_type = figures(L)
    assert overall["customers"] is None

    # second computation: per pizza size and per pizza, units x price from
    # the small tables, and every order has at least one line
    units = od.assign(q=pd.to_numeric(od["quantity"])).groupby("pizza_id")["q"].sum()
    rev2 = math.fsum(units[pid] * float(pr) for pid, pr in zip(p["pizza_id"], p["price"]) if pid in units)
    assert abs(rev2 - overall["revenue"]) < 0.005
    assert o["order_id"].isin(od["order_id"]).all()
    assert abs(math.fsum(v["revenue"] for v in by_type.values()) - overall["revenue"]) < 0.01
    assert sum(v["orders"] for v in by_month.values()) == overall["orders"]

    expected = {
        "slug": "pizza-sales",
        "shape": "four tables of a pizza restaurant: order lines -> orders (date, time), lines -> pizzas (size, price) -> pizza types (category); no customers",
        "tables": tables,
        "relations": RELATIONS,
        "model": {
            "purchases": "order_details",
            "amount": "quantity*pizzas.price",
            "order": "order_details.order_id",
            "customer": None,
            "time": "orders.date",
            "product_type": "pizza_types.category",
            "channel": None,
            "currency": None,
            "excluded_status": [],
            "returns": None,
        },
        "overall": overall,
        "by_month": by_month,
        "by_product_type": by_type,
        "notes": (
            "The data dictionary: orders = 'Unique identifier for each order placed by a table', 'Date the order was "
            "placed (entered into the system prior to cooking & serving)', 'Time the order was placed'; "
            "order_details = 'Unique identifier for each pizza placed within each order (pizzas of the same type and "
            "size are kept in the same row, and the quantity increases)', 'Foreign key that ties the details in each "
            "order to the order itself', 'Foreign key that ties the pizza ordered to its details, like size and "
            "price', 'Quantity ordered for each pizza of the same type and size'; pizzas = 'Unique identifier for "
            "each pizza (constituted by its type and size)', 'Foreign key that ties each pizza to its broader pizza "
            "type', 'Size of the pizza (Small, Medium, Large, X Large, or XX Large)', 'Price of the pizza in USD'; "
            "pizza_types = 'Unique identifier for each pizza type', 'Name of the pizza as shown in the menu', "
            "'Category that the pizza fall under in the menu (Classic, Chicken, Supreme, or Veggie)', 'Comma-delimited "
            "ingredients used in the pizza as shown in the menu'. So the purchases are the rows of order_details, the "
            "line amount is quantity * the pizza's price (order_details.pizza_id -> pizzas.price: the price is in "
            "the product table, not on the line), the order is order_id, the time is orders.date with orders.time "
            "beside it (no zone; by_month reads the date), the product type is pizza_types.category two tables "
            "away (order_details.pizza_id -> pizzas.pizza_type_id -> pizza_types.category; size is a variant, not "
            "a type). There are no customers ('placed by a table': a restaurant's tables, not people), so "
            "customers is null (the data has none) and there is no RFM. No statuses, returns or channel. The prices are USD by the "
            "dictionary, but no column says so (currency null). Second computation: units per pizza_id times "
            "that pizza's price gives the same revenue."
        ),
    }
    write(here, expected, None)
    print(json.dumps(expected["overall"]))


if __name__ == "__main__":
    main()
