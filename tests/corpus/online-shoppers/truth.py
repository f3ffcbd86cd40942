#!/usr/bin/python3
"""Independent figures of the UCI Online Shoppers sessions, from UCI's
description of the columns (SOURCE.md), for tests/corpus/check-corpus.py.

    /usr/bin/python3 tests/corpus/online-shoppers/truth.py tests/corpus/online-shoppers

A session converted when Revenue is TRUE. Per session: pages = Administrative
+ Informational + ProductRelated; minutes = the three durations (seconds)
added up ÷ 60. Figures: sessions, converted, conversion_rate = converted ÷
sessions, pages_per_session and minutes_per_session (means), bounce_rate (mean
of BounceRates), returning_share (VisitorType == Returning_Visitor ÷
sessions); overall, by Month, by VisitorType, by TrafficType.
"""
import json
import os
import sys

import pandas as pd

here = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
df = pd.read_csv(os.path.join(here, "data", "online_shoppers_intention.csv"), sep=";",
                 dtype={"TrafficType": str, "Month": str, "VisitorType": str}, keep_default_na=False)
df["converted"] = df["Revenue"].map({"TRUE": True, "FALSE": False, True: True, False: False})
assert df["converted"].notna().all()
df["pages"] = df["Administrative"] + df["Informational"] + df["ProductRelated"]
df["minutes"] = (df["Administrative_Duration"] + df["Informational_Duration"] + df["ProductRelated_Duration"]) / 60


def figures(g):
    return {
        "sessions": int(len(g)),
        "converted": int(g["converted"].sum()),
        "conversion_rate": float(g["converted"].mean()),
        "pages_per_session": float(g["pages"].mean()),
        "minutes_per_session": float(g["minutes"].mean()),
        "bounce_rate": float(g["BounceRates"].mean()),
        "returning_share": float((g["VisitorType"] == "Returning_Visitor").mean()),
    }


def by(column):
    return {str(k): figures(g) for k, g in df.groupby(column, sort=True)}


sessions = {
    "overall": figures(df),
    "by_month": by("Month"),
    "by_visitor_type": by("VisitorType"),
    "by_traffic_source": by("TrafficType"),
}
# A second computation: the groups' sessions and conversions add up.
for key in ("by_month", "by_visitor_type", "by_traffic_source"):
    assert sum(g["sessions"] for g in sessions[key].values()) == len(df)
    assert sum(g["converted"] for g in sessions[key].values()) == int(df["converted"].sum())

expected = {
    "slug": "online-shoppers",
    "shape": "web-analytics sessions: page counts, durations, bounce rates and a Revenue flag; no purchase rows",
    "tables": {"online_shoppers_intention": {"rows": int(len(df)), "primary_key": None}},
    "relations": [],
    "model": {
        "purchases": None,
        "amount": None,
        "customer": None,
        "visits": "online_shoppers_intention",
        "converted": "online_shoppers_intention.Revenue",
    },
    "sessions": sessions,
    "notes": ("Each row is a session (UCI); Revenue says it ended in a transaction, so conversion = sessions "
              "with Revenue TRUE / sessions. There are no purchase rows, amounts, customers or times: no "
              "revenue, orders, AOV or RFM. Page counts and durations are the three page kinds added up, "
              "durations in seconds as UCI says; duplicates are kept, since sessions may repeat exactly."),
}
with open(os.path.join(here, "expected.json"), "w", encoding="utf-8") as out:
    json.dump(expected, out, indent=2, ensure_ascii=False)
    out.write("\n")
