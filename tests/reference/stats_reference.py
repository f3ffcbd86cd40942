#!/usr/bin/python3
"""Chi-square tail probabilities from SciPy, for tests/test-crosstab.c.

Run: /usr/bin/python3 tests/reference/stats_reference.py
Prints C initialisers {statistic, dof, p}; paste them into the test.
"""
from scipy.stats import chi2

CASES = [(3.841458820694124, 1), (0.5, 3), (10.0, 5), (100.0, 50), (246.86064245700248, 6),
         (0.0001, 4), (1000.0, 900), (30.0, 2)]

for statistic, dof in CASES:
    print("    { %r, %d, %r }," % (statistic, dof, chi2.sf(statistic, dof)))
