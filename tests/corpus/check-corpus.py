#!/usr/bin/python3
"""Compare mercato-cli with the recorded answers of the corpus of real exports.

    check-corpus.py MERCATO_CLI CORPUS_DIR [SLUG...]

For every entry of CORPUS_DIR (a folder with an expected.json; only the named
SLUGs when some are given) this runs

    MERCATO_CLI describe ENTRY/data
    MERCATO_CLI metrics  ENTRY/data
    MERCATO_CLI rfm      ENTRY/data --out TMP.csv
    MERCATO_CLI model    ENTRY/data

and prints TAP (one case per entry and check): tables and rows, primary keys,
each expected relation, each model field, overall revenue / orders /
customers / aov, by_month, by_product_type and by_currency when expected,
and RFM per customer when expected-rfm.csv exists. Money is compared to the
cent (|a - b| <= 0.01: an exact half cent may round either way), counts
exactly. A failing case is followed by
"# " lines saying what was expected and what came; a command that exits
non-zero fails every case that needs it, with its stderr.

The shapes read are those of the mercato-cli contract (DESIGN.md):
describe {"tables":[{"name","rows","primary_key",...}],"relations":[{"from",
"to",...}]}; metrics {"overall":{...},"by_month":{"YYYY-MM":{...}},
"by_product_type":{...},"by_currency":{...}}; the rfm CSV's columns
customer_id,recency_days,frequency,monetary,...; model
{"model":{"choices":{KEY:{"value":...}},"warnings":[...]}} (a choice that is
absent or whose value is null means "none").

Standard library only.
"""

import csv
import json
import os
import re
import subprocess
import sys
import tempfile

MONEY = {"revenue", "aov", "monetary", "clv", "discount"}
# The truth scripts round exact decimal sums; Mercato rounds a sum of
# binary doubles. An exact half cent (5202.305) may round either way, so
# money agrees when it is within one cent.
CENT = 0.01 + 1e-9
TIMEOUT = 900


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def case(self, ok, name, diag=()):
        self.n += 1
        print(("ok" if ok else "not ok") + f" {self.n} - {name}")
        if not ok:
            self.failed += 1
            for line in diag:
                for part in str(line).splitlines() or [""]:
                    print("# " + part)
        sys.stdout.flush()

    def end(self):
        print(f"1..{self.n}")


class Run:
    """one mercato-cli command: ok, parsed JSON (or None), stderr"""

    def __init__(self, argv, want_json=True):
        self.argv = argv
        self.ok = False
        self.json = None
        self.error = ""
        try:
            p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               timeout=TIMEOUT)
        except (OSError, subprocess.TimeoutExpired) as e:
            self.error = f"{' '.join(argv)}: {e}"
            return
        err = p.stderr.decode("utf-8", "replace").strip()
        if p.returncode != 0:
            self.error = (f"{' '.join(argv[1:3])} exited {p.returncode}: " + (err or "(no stderr)"))
            return
        if want_json:
            try:
                self.json = json.loads(p.stdout.decode("utf-8"))
            except ValueError as e:
                self.error = f"{' '.join(argv[1:3])}: stdout is not JSON ({e})"
                return
        self.ok = True


def money_eq(a, b):
    return isinstance(a, (int, float)) and isinstance(b, (int, float)) and abs(a - b) <= CENT


def value_eq(key, want, got):
    if want is None:
        return got is None
    if got is None or isinstance(got, bool) != isinstance(want, bool):
        return False
    if key in MONEY:
        return money_eq(want, got)
    if isinstance(want, bool) or isinstance(want, str):
        return want == got
    if isinstance(want, int) and isinstance(got, (int, float)):
        return float(got) == float(want)
    if isinstance(want, float) and isinstance(got, (int, float)):
        return abs(want - got) <= 1e-9 * max(1.0, abs(want))
    return want == got


def show(v):
    return json.dumps(v, ensure_ascii=False)


# ---- model fields ----

def split_amount(expr, purchases):
    """'price + freight_value' -> ({'price', 'freight_value'}, '+'); a
    'purchases.' prefix on a column is dropped, other tables' names are kept"""
    s = re.sub(r"\s+", "", str(expr)).lower()
    ops = "".join(sorted(set(re.findall(r"[-+*/]", s))))
    cols = set()
    pre = (purchases or "").lower() + "."
    for c in re.split(r"[-+*/()]", s):
        if not c:
            continue
        if pre != "." and c.startswith(pre):
            c = c[len(pre):]
        cols.add(c)
    return cols, ops


def as_list(v):
    if v is None:
        return None
    if isinstance(v, str):
        v = [x for x in (p.strip() for p in re.split(r"[,|]", v)) if x]
    if isinstance(v, (list, tuple)):
        return sorted(str(x).strip().lower() for x in v) or None
    return [str(v).strip().lower()]


def model_eq(key, want, got, purchases, same=frozenset()):
    """SAME holds the pairs of columns that are one key (a foreign key and
    the key it refers to): either names the same thing."""
    if isinstance(got, str) and got.strip() == "":
        got = None
    if isinstance(want, str) and isinstance(got, str) and (want, got) in same:
        return True
    if key == "amount" and want is not None:
        return got is not None and split_amount(want, purchases) == split_amount(got, purchases)
    if isinstance(want, list) or isinstance(got, list):
        return as_list(want) == as_list(got)
    if want is None:
        return got is None or got == [] or got == {}
    if isinstance(want, str) and isinstance(got, str):
        return want.strip() == got.strip()
    return want == got


# ---- the checks of one entry ----

def check_groups(tap, name, want, metrics, get):
    """One case: the groups GET finds in the metrics JSON against WANT
    (group -> field -> value)."""
    if not metrics.ok:
        tap.case(False, name, [metrics.error])
        return
    got = get(metrics.json)
    if want is None:
        tap.case(not got, name, [f"expected none, got {len(got or {})} groups"])
        return
    got = got or {}
    diag = []
    missing = sorted(set(want) - set(got))
    extra = sorted(set(got) - set(want))
    if missing:
        diag.append(f"missing groups ({len(missing)}): " + ", ".join(missing[:10]))
    if extra:
        diag.append(f"unexpected groups ({len(extra)}): " + ", ".join(extra[:10]))
    wrong = []
    for k in sorted(set(want) & set(got)):
        for field, wv in want[k].items():
            gv = (got[k] or {}).get(field)
            if not value_eq(field, wv, gv):
                wrong.append(f"{k}.{field}: expected {show(wv)}, got {show(gv)}")
    if wrong:
        diag.append(f"{len(wrong)} wrong value(s):")
        diag.extend(wrong[:10])
    tap.case(not diag, name, diag)


def check_entry(tap, cli, entry):
    slug = os.path.basename(entry.rstrip("/"))
    with open(os.path.join(entry, "expected.json"), encoding="utf-8") as f:
        exp = json.load(f)
    data = os.path.join(entry, "data")

    describe = Run([cli, "describe", data])
    metrics = Run([cli, "metrics", data])
    tmp = tempfile.NamedTemporaryFile(prefix=f"corpus-{slug}-", suffix=".csv", delete=False)
    tmp.close()
    os.unlink(tmp.name)          # the command must write it
    rfm = Run([cli, "rfm", data, "--out", tmp.name], want_json=False)
    model = Run([cli, "model", data])

    # tables and rows
    want_tables = exp.get("tables", {})
    if not describe.ok:
        tap.case(False, f"{slug}: tables and rows", [describe.error])
        tap.case(False, f"{slug}: primary keys", [describe.error])
    else:
        got = {t.get("name"): t for t in describe.json.get("tables", [])}
        diag = []
        if set(got) != set(want_tables):
            diag.append(f"tables: expected {sorted(want_tables)}, got {sorted(got)}")
        for name, w in sorted(want_tables.items()):
            if name in got and got[name].get("rows") != w.get("rows"):
                diag.append(f"{name}: expected {w.get('rows')} rows, got {got[name].get('rows')}")
        tap.case(not diag, f"{slug}: tables and rows", diag)
        diag = []
        for name, w in sorted(want_tables.items()):
            if name not in got:
                diag.append(f"{name}: expected primary key {show(w.get('primary_key'))}, table absent")
                continue
            g = got[name].get("primary_key")
            if isinstance(g, list) and len(g) == 1:
                g = g[0]
            if g != w.get("primary_key"):
                diag.append(f"{name}: expected primary key {show(w.get('primary_key'))}, got {show(g)}")
        tap.case(not diag, f"{slug}: primary keys", diag)

    # relations
    for fr, to in exp.get("relations", []):
        name = f"{slug}: relation {fr} -> {to}"
        if not describe.ok:
            tap.case(False, name, [describe.error])
            continue
        rels = [(r.get("from"), r.get("to")) for r in describe.json.get("relations", [])]
        tap.case((fr, to) in rels, name,
                 [f"expected {fr} -> {to}, got " + (", ".join(f"{a} -> {b}" for a, b in rels) or "no relation")])

    # model fields
    want_model = exp.get("model", {})
    purchases = want_model.get("purchases")
    choices = None
    merr = model.error
    if model.ok:
        m = model.json.get("model", model.json) if isinstance(model.json, dict) else None
        choices = m.get("choices") if isinstance(m, dict) else None
        if not isinstance(choices, dict):
            merr = "model: no \"model\".\"choices\" object in the output"
            choices = None
    same = set()
    if describe.ok:
        for r in describe.json.get("relations", []):
            same.add((r.get("from"), r.get("to")))
            same.add((r.get("to"), r.get("from")))
    for key, want in want_model.items():
        name = f"{slug}: model {key}"
        if key == "currency":
            # The one currency of every purchase, as metrics finds it.
            got = metrics.json.get("currency") if metrics.ok else None
            tap.case(metrics.ok and model_eq(key, want, got, purchases), name,
                     [f"expected {show(want)}, got {show(got)}", metrics.error or ""])
            continue
        if choices is None:
            tap.case(False, name, [f"expected {show(want)}", merr])
            continue
        c = choices.get(key)
        got = c.get("value") if isinstance(c, dict) else c
        tap.case(model_eq(key, want, got, purchases, same), name,
                 [f"expected {show(want)}, got {show(got)}"])

    # overall
    for key, want in exp.get("overall", {}).items():
        name = f"{slug}: overall {key}"
        if not metrics.ok:
            tap.case(False, name, [f"expected {show(want)}", metrics.error])
            continue
        got = (metrics.json.get("overall") or {}).get(key)
        tap.case(value_eq(key, want, got), name, [f"expected {show(want)}, got {show(got)}"])

    # by_month, by_product_type, by_currency
    for group in ("by_month", "by_product_type", "by_currency"):
        if group in exp:
            check_groups(tap, f"{slug}: {group}", exp[group], metrics, lambda j, g=group: j.get(g))

    # sessions of a web-analytics export: overall and by group
    for group, want in (exp.get("sessions") or {}).items():
        get = lambda j, g=group: (j.get("sessions") or {}).get(g)
        if group == "overall":
            check_groups(tap, f"{slug}: sessions overall", {"overall": want}, metrics,
                         lambda j: {"overall": get(j)} if get(j) is not None else None)
        else:
            check_groups(tap, f"{slug}: sessions {group}", want, metrics, get)

    # RFM per customer
    rfm_path = os.path.join(entry, "expected-rfm.csv")
    if os.path.exists(rfm_path):
        name = f"{slug}: rfm per customer"
        with open(rfm_path, encoding="utf-8", newline="") as f:
            want = {r["customer_id"]: r for r in csv.DictReader(f)}
        if not rfm.ok:
            tap.case(False, name, [f"expected {len(want)} customers", rfm.error])
        else:
            try:
                with open(tmp.name, encoding="utf-8", newline="") as f:
                    got = {r["customer_id"]: r for r in csv.DictReader(f)}
                diag = []
            except (OSError, KeyError) as e:
                got, diag = {}, [f"cannot read the rfm CSV {tmp.name}: {e}"]
            missing = sorted(set(want) - set(got))
            extra = sorted(set(got) - set(want))
            if missing:
                diag.append(f"{len(missing)} of {len(want)} customers missing, e.g. " + ", ".join(missing[:5]))
            if extra:
                diag.append(f"{len(extra)} unexpected customers, e.g. " + ", ".join(extra[:5]))
            wrong = []
            for c in sorted(set(want) & set(got)):
                w, g = want[c], got[c]
                try:
                    bad = (int(float(g["recency_days"])) != int(w["recency_days"])
                           or int(float(g["frequency"])) != int(w["frequency"])
                           or abs(float(g["monetary"]) - float(w["monetary"])) > CENT)
                except (KeyError, TypeError, ValueError):
                    bad = True
                if bad:
                    wrong.append(f"{c}: expected R={w['recency_days']} F={w['frequency']} M={w['monetary']}, "
                                 f"got R={g.get('recency_days')} F={g.get('frequency')} M={g.get('monetary')}")
            if wrong:
                diag.append(f"{len(wrong)} customer(s) with other values:")
                diag.extend(wrong[:5])
            tap.case(not diag, name, diag)
    if os.path.exists(tmp.name):
        os.unlink(tmp.name)


def main(argv):
    if len(argv) < 3:
        sys.stderr.write("usage: check-corpus.py MERCATO_CLI CORPUS_DIR [SLUG...]\n")
        return 2
    cli, corpus, slugs = argv[1], argv[2], argv[3:]
    entries = sorted(d for d in os.listdir(corpus)
                     if os.path.isfile(os.path.join(corpus, d, "expected.json")))
    if slugs:
        unknown = [s for s in slugs if s not in entries]
        if unknown:
            sys.stderr.write(f"check-corpus.py: no entry {', '.join(unknown)} in {corpus}\n")
            return 2
        entries = [e for e in entries if e in slugs]
    tap = Tap()
    for e in entries:
        check_entry(tap, cli, os.path.join(corpus, e))
    tap.end()
    return 1 if tap.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
