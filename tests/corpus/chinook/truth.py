#!/usr/bin/python3
"""Truth script for the chinook corpus entry (the Chinook sample database,
SQLite edition, exported table by table to CSV).

Written from the Chinook data model (lerocha/chinook-database) and from
tests/corpus/README.md; never from Mercato's output.
Run: /usr/bin/python3 tests/corpus/chinook/truth.py tests/corpus/chinook
"""
import json, math, os, sys
import pandas as pd

# The figures of tests/corpus/README.md, shared by every truth script.
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from corpus_truth import count_orders, figures, money, rfm, tables_of, write  # noqa: E402



KEYS = {"customers": "CustomerId", "invoices": "InvoiceId",
        "invoice_items": "InvoiceLineId", "tracks": "TrackId",
        "albums": "AlbumId", "artists": "ArtistId", "genres": "GenreId",
        "media_types": "MediaTypeId"}
RELATIONS = [["invoice_items.InvoiceId", "invoices.InvoiceId"],
             ["invoice_items.TrackId", "tracks.TrackId"],
             ["invoices.CustomerId", "customers.CustomerId"],
             ["tracks.AlbumId", "albums.AlbumId"],
             ["tracks.GenreId", "genres.GenreId"],
             ["tracks.MediaTypeId", "media_types.MediaTypeId"],
             ["albums.ArtistId", "artists.ArtistId"]]


def main():
    here = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(__file__))
    data = os.path.join(here, "data")
    t = {n: pd.read_csv(os.path.join(data, n + ".csv"), dtype=str,
                        keep_default_na=False, na_values=[""]) for n in KEYS}
    tables = tables_of(data, t, KEYS)
    # every foreign key finds its row
    for a, b in RELATIONS:
        (ta, ca), (tb, cb) = a.split("."), b.split(".")
        v = t[ta][ca].dropna()
        assert v.isin(t[tb][cb]).all(), (a, b)
    # the leading `index` column is the exporter's 0-based row number
    for n, df in t.items():
        assert (df["index"] == pd.Series(range(len(df))).astype(str)).all(), n

    ii, inv, tr, ge = t["invoice_items"], t["invoices"], t["tracks"], t["genres"]
    lines = (ii.merge(inv[["InvoiceId", "CustomerId", "InvoiceDate"]], on="InvoiceId", how="left", validate="m:1")
               .merge(tr[["TrackId", "GenreId"]], on="TrackId", how="left", validate="m:1")
               .merge(ge[["GenreId", "Name"]], on="GenreId", how="left", validate="m:1"))
    qty = pd.to_numeric(lines["Quantity"], errors="raise")
    price = pd.to_numeric(lines["UnitPrice"], errors="raise")
    L = pd.DataFrame({
        "_amount": qty * price,
        "_order": lines["InvoiceId"],
        "_customer": lines["CustomerId"],
        "_time": pd.to_datetime(lines["InvoiceDate"], format="%Y-%m-%d %H:%M:%S"),
        "_type": lines["Name"],
        "_return": pd.Series(False, index=lines.index),
    })
    L = L[L["_amount"].notna()]

    overall, by_month, by_type = figures(L)
    ref, rfm_rows = rfm(L)

    # second computation: each invoice's lines add up to its Total, and the
    # Totals (by InvoiceDate's month) to revenue and by_month
    per_inv = L.groupby("_order")["_amount"].apply(math.fsum)
    total = pd.to_numeric(inv.set_index("InvoiceId")["Total"])
    assert ((per_inv.reindex(total.index) - total).abs() < 0.005).all()
    assert abs(math.fsum(total) - overall["revenue"]) < 0.005
    tm = pd.to_datetime(inv["InvoiceDate"]).dt.strftime("%Y-%m")
    for mth, g in total.groupby(tm.values):
        assert abs(by_month[mth]["revenue"] - math.fsum(g)) < 0.005, mth
        assert by_month[mth]["orders"] == len(g)
    # the line price is the track's list price on every line
    lp = ii.merge(tr[["TrackId", "UnitPrice"]], on="TrackId", suffixes=("", "_track"))
    same_price = bool((lp["UnitPrice"] == lp["UnitPrice_track"]).all())
    assert abs(math.fsum(v["revenue"] for v in by_type.values()) - overall["revenue"]) < 0.01

    expected = {
        "slug": "chinook",
        "shape": "star schema of a digital music store: invoice lines -> invoices -> customers, lines -> tracks -> genres / albums / media types",
        "tables": tables,
        "relations": RELATIONS,
        "model": {
            "purchases": "invoice_items",
            "amount": "UnitPrice*Quantity",
            "order": "invoice_items.InvoiceId",
            "customer": "invoices.CustomerId",
            "time": "invoices.InvoiceDate",
            "product_type": "genres.Name",
            "channel": None,
            "currency": None,
            "excluded_status": [],
            "returns": None,
        },
        "overall": overall,
        "by_month": by_month,
        "by_product_type": by_type,
        "rfm": {"reference_day": str(ref.date()), "customers": len(rfm_rows)},
        "notes": (
            "Chinook's data model: an Invoice (InvoiceId, CustomerId, InvoiceDate, billing address, Total) has "
            "InvoiceLines (InvoiceLineId, InvoiceId, TrackId, UnitPrice, Quantity); a Track has an AlbumId, a "
            "MediaTypeId, a GenreId and a list UnitPrice; an Album has an ArtistId. So the purchases are the rows of "
            "invoice_items and the line amount is UnitPrice*Quantity (Quantity is 1 on every line, UnitPrice 0.99 "
            "or 1.99); the line's own UnitPrice is used, which here equals the track's on every line "
            f"({same_price}). The order is InvoiceId; the customer is the invoice's CustomerId (a person: customers "
            "has one row per CustomerId, with name and email), read through invoice_items.InvoiceId -> invoices; "
            "the time is invoices.InvoiceDate ('YYYY-MM-DD 00:00:00', midnight, no zone: the sales were "
            "auto-generated by day). The product type is the track's genre, two tables away: invoice_items.TrackId "
            "-> tracks.GenreId -> genres.Name (media type is a file format and album/artist a product hierarchy, "
            "not a type). Every track has a genre, so by_product_type adds up to revenue. No statuses, returns "
            "or channel (BillingCountry is where the customer is billed; the store is one online shop). No "
            "currency column: Chinook does not name one. Every table carries a leading `index` column, the "
            "0-based row number written by the pandas export: it is unique but it is not the key; the keys are "
            "the *Id columns (primary_key). Second computation: each invoice's lines add up to its Total to the "
            "cent, and the Totals by month give by_month. "
            f"RFM reference day = the last invoice day ({ref.date()}); frequency = distinct invoices."
        ),
    }
    write(here, expected, rfm_rows)
    print(json.dumps(expected["overall"]))


if __name__ == "__main__":
    main()
