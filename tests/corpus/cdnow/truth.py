#!/usr/bin/python3
"""Independent truth for the CDNOW corpus entry (pandas only).

usage: /usr/bin/python3 truth.py ENTRY_DIR
Reads ENTRY_DIR/data/CDNOW_master.txt, writes ENTRY_DIR/expected.json and
ENTRY_DIR/expected-rfm.csv. Written from the data's documentation (Fader &
Hardie's CDNOW notes, the lifetimes package) and tests/corpus/README.md.
"""
import json
import os
import sys

import pandas as pd

entry = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
path = os.path.join(entry, 'data', 'CDNOW_master.txt')

# Whitespace-separated, leading spaces, CRLF; ids read as text so 00010 survives.
raw = pd.read_csv(path, sep=r'\s+', dtype=str, engine='python')
raw.columns = [c.strip() for c in raw.columns]
assert list(raw.columns) == ['customer_id', 'date', 'number_of_cds', 'dollar_value'], raw.columns
raw['dollar_value'] = raw['dollar_value'].str.strip()

lines = pd.DataFrame({
    'customer': raw['customer_id'],
    'time': pd.to_datetime(raw['date'], format='%Y%m%d'),
    'amount': pd.to_numeric(raw['dollar_value']),
})
lines = lines[lines['amount'].notna()].copy()
lines['month'] = lines['time'].dt.strftime('%Y-%m')
# No order id: every row is an order of its own (README: "a table with none").
lines['order'] = ['row%d' % i for i in range(len(lines))]

revenue = lines['amount'].sum()
orders = len(lines)
customers = lines['customer'].nunique()

by_month = {}
for m, g in lines.groupby('month'):
    by_month[m] = {'revenue': round(g['amount'].sum(), 2), 'orders': int(len(g))}

# Second computation: months add up to the whole.
assert abs(sum(v['revenue'] for v in by_month.values()) - revenue) < 0.01
assert sum(v['orders'] for v in by_month.values()) == orders
# Third: the same total with plain Python floats summed from the text.
assert abs(sum(float(x) for x in raw['dollar_value']) - revenue) < 0.005

# RFM
ref = lines['time'].max().normalize()
g = lines.groupby('customer')
rfm = pd.DataFrame({
    'recency_days': (ref - g['time'].max().dt.normalize()).dt.days,
    'frequency': g['order'].nunique(),
    'monetary': g['amount'].sum(),
}).sort_index()
rfm.index = rfm.index.astype(str)
rfm = rfm.loc[sorted(rfm.index)]
assert len(rfm) == customers
assert abs(rfm['monetary'].sum() - revenue) < 0.01
with open(os.path.join(entry, 'expected-rfm.csv'), 'w', newline='') as f:
    f.write('customer_id,recency_days,frequency,monetary\n')
    for cid, r in rfm.iterrows():
        f.write('%s,%d,%d,%.2f\n' % (cid, r['recency_days'], r['frequency'], round(r['monetary'], 2)))

notes = (
    "CDNOW_master.txt as shipped in the lifetimes package: whitespace-separated, "
    "lines start with spaces, CRLF, one header line (customer_id date "
    "number_of_cds dollar_value) that lifetimes added to Fader & Hardie's headerless "
    "file. Each row is one customer's purchase of number_of_cds CDs on a day for "
    "dollar_value US dollars (Fader & Hardie's description). Purchases = every row "
    "(the only table); amount = dollar_value (already the total of the purchase, not "
    "a unit price, so it is not multiplied by number_of_cds); customer = customer_id, "
    "a zero-padded id kept as text (00010, written so in expected-rfm.csv); time = date "
    "(YYYYMMDD, a day, no time of day). There is no order id: each row is an order of "
    "its own, so orders = rows, and the 255 exact duplicate rows of the full file (some "
    "remain in the sample) count as separate purchases, as written. No status, no "
    "returns, no channel, no product type: by_product_type is null. Rows with "
    "dollar_value 0.00 are present amounts and count as orders. Currency is USD per "
    "the documentation but the file has no currency column, so the model's currency "
    "is null. RFM reference day = last purchase day of the sample; frequency = rows."
)

out = {
    'slug': 'cdnow',
    'shape': 'single purchase log, whitespace-separated, no order id',
    'tables': {'CDNOW_master': {'rows': int(len(raw)), 'primary_key': None}},
    'relations': [],
    'model': {
        'purchases': 'CDNOW_master',
        'amount': 'dollar_value',
        'order': None,
        'customer': 'CDNOW_master.customer_id',
        'time': 'CDNOW_master.date',
        'product_type': None,
        'channel': None,
        'currency': None,
        'excluded_status': [],
        'returns': None,
    },
    'overall': {
        'revenue': round(revenue, 2),
        'orders': int(orders),
        'customers': int(customers),
        'aov': round(revenue / orders, 2),
    },
    'by_month': by_month,
    'by_product_type': None,
    'rfm': {'reference_day': ref.strftime('%Y-%m-%d'), 'customers': int(len(rfm))},
    'notes': notes,
}
with open(os.path.join(entry, 'expected.json'), 'w') as f:
    json.dump(out, f, indent=2, ensure_ascii=False)
    f.write('\n')
print(json.dumps(out['overall']))
