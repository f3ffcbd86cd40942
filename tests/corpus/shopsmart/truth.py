#!/usr/bin/python3
"""Independent truth for the ShopSmart (AltSchool alt-exam-poc) corpus entry.

usage: /usr/bin/python3 truth.py ENTRY_DIR
Reads ENTRY_DIR/data/*.csv, writes expected.json and expected-rfm.csv.
Written from the repository's Readme.md / relationships diagram and
tests/corpus/README.md, never from Mercato's output.
"""
import json
import os
import sys

import pandas as pd

entry = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
d = os.path.join(entry, 'data')
rd = lambda n: pd.read_csv(os.path.join(d, n), dtype=str, keep_default_na=False)
customers, orders, items, products = (rd(n) for n in
                                      ('customers.csv', 'orders.csv', 'line_items.csv', 'products.csv'))

EXCLUDED = ['cancelled', 'failed']
assert set(orders['status']) <= {'success', 'cancelled', 'failed'}, set(orders['status'])

# Purchase lines: line items x their order x their product x the order's customer.
li = items.merge(orders, on='order_id', how='inner', validate='many_to_one')
li = li.merge(products.rename(columns={'id': 'item_id'}), on='item_id', how='inner', validate='many_to_one')
li = li.merge(customers[['customer_id', 'currency']], on='customer_id', how='left', validate='many_to_one')
assert len(li) == len(items), 'every line item has its order and product'
li['amount'] = pd.to_numeric(li['quantity']) * pd.to_numeric(li['price'])
li['time'] = pd.to_datetime(li['checked_out_at'], format='%Y-%m-%d %H:%M:%S.%f')
li['month'] = li['time'].dt.strftime('%Y-%m')
lines = li[~li['status'].isin(EXCLUDED) & li['amount'].notna()].copy()

revenue = lines['amount'].sum()
n_orders = lines['order_id'].nunique()
n_customers = lines['customer_id'].nunique()

by_month = {m: {'revenue': round(g['amount'].sum(), 2), 'orders': int(g['order_id'].nunique())}
            for m, g in lines.groupby('month')}
by_currency = {c: {'revenue': round(g['amount'].sum(), 2), 'orders': int(g['order_id'].nunique()),
                   'customers': int(g['customer_id'].nunique())}
               for c, g in lines.groupby('currency')}

# Second computation: per order totals from a different path (products price
# looked up through a dict, summed per successful order), then added up.
price = dict(zip(products['id'], products['price'].astype(float)))
ok = set(orders.loc[orders['status'] == 'success', 'order_id'])
per_order = {}
for o, it, q in zip(items['order_id'], items['item_id'], items['quantity']):
    if o in ok:
        per_order[o] = per_order.get(o, 0.0) + int(q) * price[it]
assert abs(sum(per_order.values()) - revenue) < 0.005
assert len(per_order) == n_orders
assert abs(sum(v['revenue'] for v in by_month.values()) - revenue) < 0.01
assert abs(sum(v['revenue'] for v in by_currency.values()) - revenue) < 0.01

# RFM over the successful lines (the person: customers.customer_id).
ref = lines['time'].max().normalize()
g = lines.groupby('customer_id')
rfm = pd.DataFrame({
    'recency_days': (ref - g['time'].max().dt.normalize()).dt.days,
    'frequency': g['order_id'].nunique(),
    'monetary': g['amount'].sum(),
})
rfm = rfm.loc[sorted(rfm.index)]
with open(os.path.join(entry, 'expected-rfm.csv'), 'w', newline='') as f:
    f.write('customer_id,recency_days,frequency,monetary\n')
    for cid, r in rfm.iterrows():
        f.write('%s,%d,%d,%.2f\n' % (cid, r['recency_days'], r['frequency'], round(r['monetary'], 2)))

notes = (
    "AltSchool exam data (ShopSmart): customers, orders, line_items, products; the "
    "events table of the original is too large to have been published in the "
    "snapshot and is absent. Purchases = line_items joined to orders (order_id) and "
    "products (item_id -> products.id), amount = quantity*price (products.price is "
    "the unit price; no amount is stored on the line). Order = line_items.order_id; "
    "customer = orders.customer_id, which is customers.customer_id (the person: one "
    "row per customer with device and location), time = orders.checked_out_at. "
    "orders.status is success / cancelled / failed: cancelled and failed orders "
    "brought no money and are excluded; no returns or credit notes exist. Orders "
    "without line items (about half) have no amount and are not purchases. Currency "
    "is per customer (USD, GBP, NGN) and unrelated to location; prices carry no "
    "currency of their own, so each line is read in its customer's currency and the "
    "totals mix currencies: the model's currency is null and by_currency splits "
    "revenue and orders. The overall revenue is given as the plain sum, as the "
    "contract asks, but it is not a meaningful amount of money. The repo's Readme "
    "warns that checked_out_at is a known technical error (all within 14 minutes of "
    "2024-03-30), so by_month has one month and every recency is 0. Products have no "
    "category: by_product_type is null."
)
out = {
    'slug': 'shopsmart',
    'shape': 'shop with customers, orders, line items x product prices, currency per customer',
    'tables': {
        'customers': {'rows': len(customers), 'primary_key': 'customer_id'},
        'orders': {'rows': len(orders), 'primary_key': 'order_id'},
        'line_items': {'rows': len(items), 'primary_key': 'line_item_id'},
        'products': {'rows': len(products), 'primary_key': 'id'},
    },
    'relations': [
        ['orders.customer_id', 'customers.customer_id'],
        ['line_items.order_id', 'orders.order_id'],
        ['line_items.item_id', 'products.id'],
    ],
    'model': {
        'purchases': 'line_items',
        'amount': 'quantity*products.price',
        'order': 'line_items.order_id',
        'customer': 'customers.customer_id',
        'time': 'orders.checked_out_at',
        'product_type': None,
        'channel': None,
        'currency': None,
        'excluded_status': EXCLUDED,
        'returns': None,
    },
    'overall': {'revenue': round(revenue, 2), 'orders': int(n_orders),
                'customers': int(n_customers), 'aov': round(revenue / n_orders, 2)},
    'by_month': by_month,
    'by_product_type': None,
    'by_currency': by_currency,
    'rfm': {'reference_day': ref.strftime('%Y-%m-%d'), 'customers': int(len(rfm))},
    'notes': notes,
}
for k in ('customers', 'orders', 'line_items', 'products'):
    assert out['tables'][k]['rows'] == len(rd(k + '.csv'))
for t, pk in (('customers', customers['customer_id']), ('orders', orders['order_id']),
              ('line_items', items['line_item_id']), ('products', products['id'])):
    assert pk.is_unique, t
with open(os.path.join(entry, 'expected.json'), 'w') as f:
    json.dump(out, f, indent=2, ensure_ascii=False)
    f.write('\n')
print(json.dumps(out['overall']), json.dumps(by_currency))
