#!/usr/bin/env python3
"""Compares mercato-cli's JSON from the CSV files (A) and from the
database (B). Prints the differences and exits 1 when there are any.
Usage: compare.py describe|metrics|check|segment A.json B.json"""
import json
import sys


def describe_view(doc):
    # Where a table came from (path, encoding, delimiter, header, notes
    # on the file's layout) differs by nature; what was read and
    # inferred from it must not.
    source_only = {"path", "encoding", "delimiter", "line_ending", "header", "notes"}
    tables = {t["name"]: {k: v for k, v in t.items() if k not in source_only} for t in doc["tables"]}
    # How a CSV file wrote its dates ("%m/%d/%y %H:%M"); a database's are typed.
    for table in tables.values():
        for column in table["columns"]:
            column.pop("format", None)
    return {"tables": tables, "relations": doc["relations"]}


# Figures summed on the server may differ from the column store's in
# the last bits of a double (another order of addition); money is
# rounded to the cent by mercato-cli and must agree exactly.
tolerance = 0.0


def metrics_view(doc):
    # Where the figures were computed is said in the database's JSON only.
    global tolerance
    if doc.pop("pushed_down", False):
        tolerance = 1e-9
    doc["warnings"] = [w for w in doc["warnings"] if "database's server" not in w]
    return doc


def check_view(doc):
    # Examples cite rows by where they are: a CSV file's lines, a
    # table's rows in the server's storage order, which COPY need not
    # keep. What was found and how often must agree.
    return [{k: v for k, v in finding.items() if k != "examples"} for finding in doc["findings"]]


def segment_view(doc):
    # Features summed on the server in another order: the last bits of
    # a double (mean visit minutes, silhouettes).
    # Where the segments were written differs by nature.
    global tolerance
    tolerance = 1e-9
    doc.pop("out", None)
    return doc


def differences(a, b, where=""):
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b), key=str):
            if key not in a or key not in b:
                yield "%s.%s: only in %s" % (where, key, "the CSV files" if key in a else "the database")
            else:
                yield from differences(a[key], b[key], "%s.%s" % (where, key))
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            yield from differences(x, y, "%s[%d]" % (where, i))
    elif (isinstance(a, float) or isinstance(b, float)) and isinstance(a, (int, float)) \
            and isinstance(b, (int, float)) and abs(a - b) <= tolerance * max(abs(a), abs(b)):
        return
    elif a != b:
        yield "%s: CSV %r, database %r" % (where or "value", a, b)


def main():
    kind, path_a, path_b = sys.argv[1:4]
    view = {"describe": describe_view, "metrics": metrics_view, "check": check_view, "segment": segment_view}[kind]
    with open(path_a) as a, open(path_b) as b:
        found = list(differences(view(json.load(a)), view(json.load(b))))
    for line in found[:30]:
        print(line)
    if len(found) > 30:
        print("… and %d more" % (len(found) - 30))
    return 1 if found else 0


sys.exit(main())
