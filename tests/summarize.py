#!/usr/bin/env python3
"""Counts individual test cases in meson test logs (TAP) and prints the
summary line CI reads: "tests: N passed, M failed".

A test program that crashed before reporting its cases counts as one
failure, so a crash can never look like a pass.
"""
import json
import re
import sys

# The exit statuses tests/meson.build and run-all.sh give the sanitizers:
# a report is a crash, not bad data (exit 1).
SANITIZER_EXITS = {86: "AddressSanitizer", 87: "UndefinedBehaviorSanitizer"}

passed = failed = skipped = 0
sanitizer_reports = []
for path in sys.argv[1:]:
    try:
        lines = open(path, encoding="utf-8").read().splitlines()
    except FileNotFoundError:
        print(f"{path}: no test log (the build or the test run failed)", file=sys.stderr)
        failed += 1
        continue
    for line in lines:
        if not line.strip():
            continue
        entry = json.loads(line)
        out = entry.get("stdout") or ""
        ok = len(re.findall(r"^ok \d+(?! .*# ?skip)", out, re.M | re.I))
        skip = len(re.findall(r"^ok \d+ .*# ?skip", out, re.M | re.I))
        not_ok = len(re.findall(r"^not ok \d+", out, re.M))
        passed += ok
        skipped += skip
        failed += not_ok
        good = entry.get("result") in ("OK", "SKIP", "EXPECTEDFAIL")
        sanitizer = SANITIZER_EXITS.get(entry.get("returncode"))
        if sanitizer is not None or re.search(r"ERROR: (Address|UndefinedBehavior)Sanitizer|runtime error:",
                                              (entry.get("stderr") or "") + out):
            sanitizer_reports.append(f"{entry.get('name')}: {sanitizer or 'a sanitizer'} report")
        if ok + skip + not_ok == 0 and good:
            # A test that reports no cases (a validator) is one case.
            passed += 1
        elif not good and not_ok == 0:
            print(f"{entry.get('name')}: {entry.get('result')} without a failed case; counted as one failure",
                  file=sys.stderr)
            failed += 1

for report in sanitizer_reports:
    print(f"{report} (a crash, whatever the test's own status)", file=sys.stderr)
if sanitizer_reports and failed == 0:
    failed = len(sanitizer_reports)

# Skipped cases are said on a line of their own: the last line keeps the
# exact form CI reads.
if skipped:
    print(f"({skipped} test cases skipped: what they need is not on this machine)")
print(f"tests: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
