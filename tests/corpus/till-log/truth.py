#!/usr/bin/python3
"""Independent truth for the till-log corpus entry (vending machine sales).

usage: /usr/bin/python3 truth.py ENTRY_DIR
Reads ENTRY_DIR/data/vending_machine_sales.csv, writes ENTRY_DIR/expected.json.
No customer column exists, so there is no expected-rfm.csv. Written from the
Kaggle dataset's column descriptions (quoted in SOURCE.md) and
tests/corpus/README.md, never from Mercato's output.
"""
import json
import os
import sys

import pandas as pd

entry = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
path = os.path.join(entry, 'data', 'vending_machine_sales.csv')
raw = pd.read_csv(path, dtype=str, encoding='utf-8-sig', keep_default_na=False, na_values=[''])
assert raw.columns[0] == 'Status', 'the UTF-8 BOM must not stick to the first name'

# TransDate is "The Date & time of transaction", written as a long English date
# ("Saturday, January 1, 2022") with no time of day.
time = pd.to_datetime(raw['TransDate'], format='%A, %B %d, %Y')
amount = pd.to_numeric(raw['LineTotal'])
lines = pd.DataFrame({'order': raw['Transaction'], 'time': time, 'amount': amount,
                      'ptype': raw['Category'], 'status': raw['Status']})
lines = lines[lines['amount'].notna()].copy()
lines['month'] = lines['time'].dt.strftime('%Y-%m')

revenue = lines['amount'].sum()
orders = lines['order'].nunique()

by_month = {m: {'revenue': round(g['amount'].sum(), 2), 'orders': int(g['order'].nunique())}
            for m, g in lines.groupby('month')}
typed = lines[lines['ptype'].notna()]
by_type = {t: {'revenue': round(g['amount'].sum(), 2), 'orders': int(g['order'].nunique())}
           for t, g in typed.groupby('ptype')}

# Second computations: LineTotal is RPrice x RQty on every row; months add up.
alt = (pd.to_numeric(raw['RPrice']) * pd.to_numeric(raw['RQty'])).sum()
assert abs(alt - revenue) < 0.005, (alt, revenue)
assert abs(sum(v['revenue'] for v in by_month.values()) - revenue) < 0.01
assert sum(v['orders'] for v in by_month.values()) >= orders  # a ticket never spans two days here
assert lines.groupby('order')['time'].nunique().max() == 1

notes = (
    "A vending machine operator's sales log (4 locations, 5 machines, Central New Jersey, "
    "Jan-Aug 2022). One row is one product vended (a line); Transaction is the ticket "
    "(335 rows share a Transaction with another row: several products bought in one card "
    "or cash transaction; TransTotal repeats the ticket total on each of its lines, so it "
    "is not the amount). Purchases = every row; amount = LineTotal ('Total sale per "
    "transaction' line, always RPrice*RQty here); order = Transaction; time = TransDate "
    "(the transaction day, written 'Saturday, January 1, 2022', no time of day; Prcd Date "
    "is when SeedLive processed it, later in 854 rows, not the purchase time). "
    "Status is about data processing (Processed / one Unlinked row whose product mapping "
    "failed), not about the sale: the Unlinked cash sale still took money, so no status is "
    "excluded. No returns. product_type = Category (Carbonated / Food / Non Carbonated / "
    "Water); 185 rows have no Category (4 of them no Product either) and are left out of "
    "by_product_type only. There is no customer column (cash and anonymous card "
    "payments): customers, CLV, repeat-purchase rate, conversion and RFM cannot be made "
    "and are null / absent; Type (Cash/Credit) is the payment method, and Location/Machine "
    "is where the sale happened, which a user could choose as the channel; the model "
    "leaves channel null because the data calls neither a sales channel. No currency "
    "column (US dollars by context only)."
)
out = {
    'slug': 'till-log',
    'shape': 'till / vending log: lines grouped by ticket, no customer',
    'tables': {'vending_machine_sales': {'rows': int(len(raw)), 'primary_key': None}},
    'relations': [],
    'model': {
        'purchases': 'vending_machine_sales',
        'amount': 'LineTotal',
        'order': 'vending_machine_sales.Transaction',
        'customer': None,
        'time': 'vending_machine_sales.TransDate',
        'product_type': 'vending_machine_sales.Category',
        'channel': None,
        'currency': None,
        'excluded_status': [],
        'returns': None,
    },
    'overall': {'revenue': round(revenue, 2), 'orders': int(orders), 'customers': None,
                'aov': round(revenue / orders, 2)},
    'by_month': by_month,
    'by_product_type': by_type,
    'rfm': None,
    'notes': notes,
}
with open(os.path.join(entry, 'expected.json'), 'w') as f:
    json.dump(out, f, indent=2, ensure_ascii=False)
    f.write('\n')
print(json.dumps(out['overall']), json.dumps(by_type))
