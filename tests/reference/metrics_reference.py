#!/usr/bin/python3
"""Independent business metrics, platform x product type statistics and
purchase patterns of the sample dataset with pandas and SciPy, recorded
for tests/test-cli.c to compare with mercato-cli metrics.

    /usr/bin/python3 tests/reference/metrics_reference.py app/sample/automotive \
        > tests/fixtures/metrics/sample-metrics-pandas.json

Definitions are those of docs/metrics.md: a purchase is a sales row with
an amount; an order is a transaction id, or a row without one; patterns
use purchases with a customer, a date and an amount, one entry per order.
The output is a flat object: "path.to.value" -> number, so the test can
look each one up in mercato-cli's JSON.
"""
import json
import sys

import pandas as pd
from scipy.stats import chi2_contingency

folder = sys.argv[1]
na = ["data layer field missing"]
ids = {"customer_id": str, "transaction_id": str, "car_id": str}
sales = pd.read_csv(f"{folder}/sales.csv", dtype=ids, na_values=na)
cars = pd.read_csv(f"{folder}/cars.csv", dtype=ids, na_values=na)
visits = pd.read_csv(f"{folder}/visits.csv", dtype=ids, na_values=na)
sales["purchase_date"] = pd.to_datetime(sales["purchase_date"])
visits["start_timestamp"] = pd.to_datetime(visits["start_timestamp"])
visits["end_timestamp"] = pd.to_datetime(visits["end_timestamp"])
out = {}

# Business metrics
paid = sales.dropna(subset=["purchase_price"])
orders = paid["transaction_id"].nunique() + paid["transaction_id"].isna().sum()
customers = paid["customer_id"].nunique()
revenue = paid["purchase_price"].sum()
out["overall.revenue"] = revenue
out["overall.orders"] = orders
out["overall.customers"] = customers
out["overall.aov"] = revenue / orders
listed = paid.merge(cars[["car_id", "price"]], on="car_id", how="inner")
out["overall.discount"] = listed["price"].sum() - listed["purchase_price"].sum()
out["overall.discount_rate"] = out["overall.discount"] / listed["price"].sum()
out["overall.review_mean"] = paid["user_review"].mean()
out["overall.reviews"] = paid["user_review"].notna().sum()
per_customer = paid.dropna(subset=["customer_id"]).groupby("customer_id").apply(
    lambda g: g["transaction_id"].nunique() + g["transaction_id"].isna().sum())
out["overall.repeat_purchase_rate"] = (per_customer >= 2).sum() / customers
out["overall.clv_historic"] = revenue / customers
known_dates = paid.dropna(subset=["purchase_date"])["purchase_date"].sort_values().reset_index(drop=True)
# docs/metrics.md: the span is where the purchases are. Days further than a
# quarter of the 1st-99th percentile range (at least 30 days) beyond those
# percentiles, taken by position (the ((n-1)//100)th smallest and largest),
# are left out.
n = len(known_dates)
low, high = known_dates[(n - 1) // 100], known_dates[(n - 1) - (n - 1) // 100]
margin = pd.Timedelta(days=max((high - low).days // 4, 30))
kept = known_dates[(known_dates >= low - margin) & (known_dates <= high + margin)]
span_years = ((kept.max() - kept.min()).days + 1) / 365.25
out["span_years"] = span_years
out["outlying_purchase_days"] = n - len(kept)
out["overall.purchase_frequency"] = orders / customers / max(span_years, 1)
out["overall.clv_predictive"] = out["overall.aov"] * out["overall.purchase_frequency"] * 3

visitors = visits["customer_id"].dropna()
buyers = set(paid["customer_id"].dropna())
distinct_visitors = visitors.unique()
out["overall.visits"] = len(visits)
out["overall.visitors"] = len(distinct_visitors)
out["overall.conversion_rate"] = sum(v in buyers for v in distinct_visitors) / len(distinct_visitors)
out["overall.purchasing_visit_rate"] = visits["transaction_id"].notna().sum() / len(visits)
minutes = (visits["end_timestamp"] - visits["start_timestamp"]).dt.total_seconds() / 60
minutes = minutes[minutes >= 0]
out["overall.mean_minutes"] = minutes.mean()
out["overall.median_minutes"] = minutes.median()
out["overall.repeat_visit_rate"] = (visitors.value_counts() >= 2).sum() / len(distinct_visitors)

for platform, group in paid.groupby("platform"):
    out[f"by_platform.{platform}.revenue"] = group["purchase_price"].sum()
for month, group in paid.groupby(paid["purchase_date"].dt.strftime("%Y-%m")):
    out[f"by_month.{month}.revenue"] = group["purchase_price"].sum()

# Fuel type x platform, over all sales rows with both
typed = sales.merge(cars[["car_id", "fuel_type"]], on="car_id", how="inner").dropna(subset=["platform", "fuel_type"])
table = pd.crosstab(typed["fuel_type"], typed["platform"])
statistic, p, dof, _ = chi2_contingency(table.values, correction=False)
out["platform_product_type.chi_square"] = statistic
out["platform_product_type.p_value"] = p
out["platform_product_type.dof"] = dof
out["platform_product_type.cramers_v"] = (statistic / (table.values.sum() * (min(table.shape) - 1))) ** 0.5
for platform, group in sales.groupby("platform"):
    out[f"platform_product_type.per_platform.{platform}.review_mean"] = group["user_review"].mean()

# Patterns: one entry per order of a known customer
known = paid.dropna(subset=["customer_id", "purchase_date"]).copy()
known["order"] = known["transaction_id"].fillna(pd.Series(known.index.astype(str), index=known.index).radd("row"))
per_order = known.groupby(["customer_id", "order"]).agg(date=("purchase_date", "min"), amount=("purchase_price", "sum")).reset_index()
per_order = per_order.sort_values(["customer_id", "date"])
weekday_orders = per_order["date"].dt.weekday.value_counts()
for day in range(7):
    out[f"patterns.orders_by_weekday_hour.{day}"] = int(weekday_orders.get(day, 0))
first = per_order.groupby("customer_id")["date"].min()
out["patterns.customers"] = len(first)
out["patterns.repeat_customers"] = int((per_order.groupby("customer_id").size() >= 2).sum())
gaps = per_order.groupby("customer_id")["date"].diff().dropna().dt.days
out["patterns.days_between_orders.mean"] = gaps.mean()
out["patterns.days_between_orders.median"] = gaps.median()
out["patterns.days_between_orders.n"] = len(gaps)
cohort = first.dt.to_period("M")
per_order["cohort"] = per_order["customer_id"].map(cohort)
per_order["offset"] = (per_order["date"].dt.to_period("M") - per_order["cohort"]).apply(lambda d: d.n)
sizes = cohort.value_counts().sort_index()
first_cohort = sizes.index[0]
out["patterns.cohorts.0.customers"] = int(sizes.iloc[0])
for k in (0, 1, 2, 3):
    buying = per_order[(per_order["cohort"] == first_cohort) & (per_order["offset"] == k)]["customer_id"].nunique()
    out[f"patterns.cohorts.0.retention.{k}"] = buying / sizes.iloc[0]
months = per_order["date"].dt.to_period("M")
is_new = months == per_order["cohort"]
month_new = per_order[is_new].groupby(months[is_new])["customer_id"].nunique()
for month, count in month_new.items():
    out[f"patterns.monthly.{month}.new_customers"] = int(count)

# Days from a buyer's first visit (its day: the sales have dates) to their first order
first_visit = visits.dropna(subset=["customer_id"]).groupby("customer_id")["start_timestamp"].min().dt.normalize()
waits = [(first[c] - first_visit[c]).days for c in first.index if c in first_visit.index and first_visit[c] <= first[c]]
out["patterns.days_from_first_visit_to_first_order.n"] = len(waits)
out["patterns.days_from_first_visit_to_first_order.mean"] = sum(waits) / len(waits)
out["patterns.days_from_first_visit_to_first_order.median"] = pd.Series(waits).median()
for visit_type, group in visits.dropna(subset=["customer_id"]).groupby("visit_type"):
    out[f"patterns.funnel.{visit_type}.customers"] = group["customer_id"].nunique()

models = paid.merge(cars[["car_id", "car_model"]], on="car_id").groupby("car_model")["purchase_price"].sum()
for model, value in models.sort_values(ascending=False).head(3).items():
    out[f"patterns.top.products.{model}.revenue"] = value

print(json.dumps({k: float(v) for k, v in out.items()}, indent=1, sort_keys=True))
