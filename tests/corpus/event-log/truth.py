#!/usr/bin/python3
"""Truth script for the event-log corpus entry (REES46 "eCommerce behavior
data from multi category store", first 14,000 events of 2019-Oct.csv).

Written from the data's own documentation and tests/corpus/README.md;
never from Mercato's output.
Run: /usr/bin/python3 tests/corpus/event-log/truth.py tests/corpus/event-log
"""
import json, math, os, sys
import pandas as pd

# The figures of tests/corpus/README.md, shared by every truth script.
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from corpus_truth import count_orders, figures, money, rfm, tables_of, write  # noqa: E402



def main():
    here = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(__file__))
    data = os.path.join(here, "data")
    ev = pd.read_csv(os.path.join(data, "2019-Oct.csv"), dtype=str,
                     keep_default_na=False, na_values=[""])
    tables = tables_of(data, {"2019-Oct": ev}, {"2019-Oct": None})

    buy = ev[ev["event_type"] == "purchase"]
    # "2019-10-01 00:00:00 UTC": the time carries its zone (UTC), so UTC it is
    t = pd.to_datetime(buy["event_time"].str.replace(" UTC", "", regex=False),
                       format="%Y-%m-%d %H:%M:%S")
    lines = pd.DataFrame({
        "_amount": pd.to_numeric(buy["price"], errors="raise"),
        "_order": pd.Series([None] * len(buy), index=buy.index, dtype=object),
        "_customer": buy["user_id"],
        "_time": t,
        "_type": buy["category_code"],
        "_return": pd.Series(False, index=buy.index),
    })
    lines = lines[lines["_amount"].notna()]
    overall, by_month, by_type = figures(lines)
    ref, rfm_rows = rfm(lines)

    # second computation: every purchase event is an order, so orders = events,
    # and the customers' monetary adds up to the revenue (every event has a user)
    assert overall["orders"] == len(lines)
    assert lines["_customer"].notna().all()
    assert abs(math.fsum(m for *_, m in rfm_rows) - overall["revenue"]) < 0.005 * len(rfm_rows) + 0.005
    typed = lines["_type"].notna()

    counts = ev["event_type"].value_counts().to_dict()
    expected = {
        "slug": "event-log",
        "shape": "event log: views, carts and purchases with sessions, no order id",
        "tables": tables,
        "relations": [],
        "model": {
            "purchases": "2019-Oct",
            "purchase_events": "event_type=purchase",
            "amount": "price",
            "order": None,
            "customer": "2019-Oct.user_id",
            "time": "2019-Oct.event_time",
            "product_type": "2019-Oct.category_code",
            "channel": None,
            "excluded_status": None,
            "returns": None,
        },
        "overall": overall,
        "by_month": by_month,
        "by_product_type": by_type,
        "notes": (
            f"Every row is an event ({counts}); REES46: 'Each row in the file represents an event. All events are "
            "related to products and users', event_type is one of view, cart, remove_from_cart, purchase. Only the "
            f"{len(lines)} purchase events are purchases ('purchase - a user purchased a product'); views and carts "
            "bring no revenue and are the visits/events of the model. The amount is price ('Float price of a "
            "product'): a purchase event is one product bought, no quantity column. There is no order id: each "
            "purchase event is an order of its own, so orders = purchase events (the publisher says several purchases "
            "in one session are one order, but the file has no order key and counting sessions would be a guess; "
            "user_session is given as the session in the model). The person is user_id ('permanent user ID'). "
            "event_time is 'Time when event happened at (in UTC)', written 'YYYY-MM-DD HH:MM:SS UTC'. Product type: "
            f"category_code ('Product's category taxonomy (code name) if it was possible to make it'), empty for "
            f"{int((~typed).sum())} purchase(s), which are left out of by_product_type (category_id is a numeric "
            "code, not a type). No status, no returns, no currency column (prices are in the store's unit, not "
            "stated). No table key: no column is unique (events repeat). The sample is the first three hours of "
            f"2019-10-01, so by_month has one month and RFM recency is 0 for everyone (reference {ref.date()})."
        ),
    }
    write(here, expected, rfm_rows)
    print(json.dumps(expected["overall"]))


if __name__ == "__main__":
    main()
