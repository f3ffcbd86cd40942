#!/usr/bin/env python3
"""Writes tests/pg/checks/*.csv: a small shop in the sample's layout
(loaded with automotive.sql) with each problem the checks that are
queries find, placed by hand; a row's line is its index + 2. What
test-pg-checks.c expects:
  users:  cust-3 used again by another person (line 52), cust-5 exported
          twice, an exact copy (line 82: duplicate_rows, not duplicate_key)
  sales:  before their car's release (lines 4, 23), negative prices
          (lines 6, 13), a review of 9 off the 1-5 scale (line 9; reviews
          have a decimal, as numeric(2, 1) on the server), a
          customer users lacks (line 17)
  visits: ending before they start (lines 5, 10)
Usage: make-checks-fixture.py FOLDER"""
import datetime
import os
import sys


def uuid(prefix, n):
    return "%s-0000-4000-8000-%012d" % (prefix, n)


def car(n):
    return uuid("ca000000", n)


def write(folder, name, header, rows):
    with open(os.path.join(folder, name + ".csv"), "w") as f:
        f.write(header + "\n")
        for row in rows:
            f.write(",".join(row) + "\n")


def cars():
    return [[car(1), "Sierra", "Diesel", "2013-05-01", "35000"],
            [car(2), "3 Series", "Diesel", "2014-12-11", "40000"],
            [car(3), "Model 3", "Electric", "2021-06-01", "45000"],
            [car(4), "Corolla", "Hybrid", "2019-03-15", "25000"]]


def users():
    first = ["Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Margaret", "Dennis"]
    last = ["Lovelace", "Turing", "Hopper", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson", "Hamilton", "Ritchie"]
    rows = []
    for i in range(1, 121):
        fn, ln = first[i % 10], last[(i * 3) % 10]
        rows.append(["cust-%d" % i, fn, ln, ["Female", "Male"][i % 2], "%s.%s%d@example.com" % (fn.lower(), ln.lower(), i)])
    rows.insert(50, ["cust-3", "Grace", "Brewster", "Female", "grace.brewster@example.com"])
    rows.insert(80, list(rows[4]))
    return rows


def sales():
    platforms = ["Website", "Mobile App", "Dealership"]
    rows = []
    for i in range(1, 121):
        day = datetime.date(2022, 1, 1) + datetime.timedelta(days=3 * i)
        rows.append([uuid("a0000000", i), "cust-%d" % (1 + (i * 7) % 120), car(1 + i % 4), platforms[i % 3],
                     day.isoformat(), str(20000 + 250 * i), "%.1f" % (1 + (i % 9) / 2)])
    rows[4][5] = "-21250"
    rows[11][5] = "-500"
    rows[7][6] = "9"
    rows[15][1] = "cust-999"
    rows[2][2], rows[2][4] = car(3), "2021-05-01"
    rows[21][2], rows[21][4] = car(3), "2020-01-01"
    return rows


def visits():
    rows = []
    for i in range(1, 13):
        start = datetime.datetime(2022, 2, 1, 10, 0, 0) + datetime.timedelta(days=3 * i, minutes=7 * i)
        end = start + datetime.timedelta(minutes=15 + i) if i not in (4, 9) else start - datetime.timedelta(minutes=30)
        rows.append([uuid("b0000000", i), "cust-%d" % (1 + i % 8), start.isoformat(" "), end.isoformat(" "),
                     ["viewing", "testing"][i % 2], ""])
    return rows


def main():
    folder = sys.argv[1]
    write(folder, "cars", "car_id,car_model,fuel_type,release_date,price", cars())
    write(folder, "users", "customer_id,user_first_name,user_last_name,gender,email", users())
    write(folder, "sales", "transaction_id,customer_id,car_id,platform,purchase_date,purchase_price,user_review",
          sales())
    write(folder, "visits", "visit_id,customer_id,start_timestamp,end_timestamp,visit_type,transaction_id", visits())


main()
