/* mc-metrics.c: the business metrics of a dataset, overall and by group
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every metric is read by role, so the same definitions hold for car
 * sales and electronics orders; the formulas are in docs/metrics.md and
 * mc_metrics_formula().
 */
#define G_LOG_DOMAIN "mc-metrics"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mc-metrics.h"
#include "mc-query.h"
#include "mc-stats.h"
#include "mc-value-parse.h"

#define MC_METRICS_ERROR (g_quark_from_static_string ("mc-metrics-error"))

static const struct { const char *name; const char *formula; } formulas[] = {
  { "revenue", "sum of the amounts of all purchases" },
  { "orders", "distinct order ids, plus purchases without one" },
  { "customers", "distinct customer ids among purchases" },
  { "aov", "revenue ÷ orders" },
  { "units", "sum of quantities" },
  { "discount", "list prices (× quantities) of the products bought − amounts paid for them" },
  { "discount_rate", "discount ÷ list prices (× quantities) of the products bought" },
  { "review_mean", "mean of the review scores given (purchases without one left out)" },
  { "repeat_purchase_rate", "customers with two or more orders ÷ customers" },
  { "clv_historic", "revenue ÷ customers, over the span of the data" },
  { "purchase_frequency", "orders ÷ customers ÷ years from the first to the last purchase day (at least one)" },
  { "clv_predictive", "aov × purchase_frequency × expected lifespan (3 years)" },
  { "conversion_rate", "visitors who bought ÷ visitors" },
  { "purchasing_visit_rate", "visits that ended in a purchase ÷ visits" },
  { "visits_per_customer", "visits ÷ visitors" },
  { "mean_minutes", "mean visit duration, of visits that do not end before they start" },
  { "median_minutes", "median visit duration, of visits that do not end before they start" },
  { "repeat_visit_rate", "visitors with two or more visits ÷ visitors" },
};

const char *
mc_metrics_formula (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (formulas); i++)
    if (g_str_equal (formulas[i].name, name))
      return formulas[i].formula;
  return NULL;
}

typedef struct
{
  McTable    *purchases;
  gsize       n_rows;
  McColumn   *customer;
  McColumn   *time;
  McColumn   *amount;
  McColumn   *quantity;
  McColumn   *rating;
  McKeyCodes  customers;
  McKeyCodes  orders;         /* codes NULL without an order id */
  McJoin      list_price;
  gboolean    has_list_price;
  double      years;
} Context;

static double
ratio (double a,
       double b)
{
  return b != 0 ? a / b : 0.0;
}

static int
compare_u64 (const void *a,
             const void *b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return x < y ? -1 : x > y;
}

static gsize
count_distinct (guint64 *values,
                gsize    n)
{
  gsize distinct = 0;

  qsort (values, n, sizeof (guint64), compare_u64);
  for (gsize i = 0; i < n; i++)
    distinct += i == 0 || values[i] != values[i - 1];
  return distinct;
}

/* A row's order: its order id's code, or, without one, a number of its
 * own (each such purchase is an order). */
static guint64
order_of (Context *ctx,
          gsize    row)
{
  guint32 code = ctx->orders.codes != NULL ? ctx->orders.codes[row] : MC_NO_CODE;

  return code != MC_NO_CODE ? code : (guint64) (ctx->orders.codes != NULL ? ctx->orders.labels->len : 0) + row;
}

/* Orders, customers and repeat customers from (customer, order) pairs
 * sorted together: no string is hashed. */
static void
count_customers (McSalesMetrics *m,
                 guint64        *pairs,
                 guint64        *orders,
                 gsize           n)
{
  gsize repeat = 0, orders_of_customer = 0;

  m->orders = count_distinct (orders, n);
  qsort (pairs, n, sizeof (guint64), compare_u64);
  for (gsize i = 0; i < n; i++)
    {
      guint64 customer = pairs[i] >> 32;

      if (customer == MC_NO_CODE || (i > 0 && pairs[i] == pairs[i - 1]))
        continue;
      if (i == 0 || customer != pairs[i - 1] >> 32)
        {
          m->customers++;
          orders_of_customer = 0;
        }
      repeat += ++orders_of_customer == 2;
    }
  m->repeat_purchase_rate = ratio (repeat, m->customers);
}

static void
add_review (McSalesMetrics *m,
            double          score)
{
  m->reviews++;
  m->review_mean += score;
  m->review_counts[(guint) CLAMP (lround (score), 0, 10)]++;
}

/* The metrics of the N purchases at ROWS. */
static void
sales_metrics (Context        *ctx,
               const gsize    *rows,
               gsize           n,
               McSalesMetrics *m)
{
  g_autofree guint64 *pairs = g_new (guint64, MAX (n, 1));
  g_autofree guint64 *orders = g_new (guint64, MAX (n, 1));
  McSum revenue = { 0 }, paid_for_listed = { 0 }, list_total = { 0 };
  gsize n_paid = 0;

  memset (m, 0, sizeof *m);
  m->has_units = ctx->quantity != NULL;
  m->has_discount = ctx->has_list_price;
  m->has_reviews = ctx->rating != NULL;
  for (gsize i = 0; i < n; i++)
    {
      gsize r = rows[i];
      double amount, extra, count;

      if (!mc_column_get_double (ctx->amount, r, &amount))
        continue;
      mc_sum_add (&revenue, amount);
      orders[n_paid] = order_of (ctx, r);
      pairs[n_paid] = (guint64) ctx->customers.codes[r] << 32 | (orders[n_paid] & G_MAXUINT32);
      n_paid++;
      if (ctx->quantity != NULL && mc_column_get_double (ctx->quantity, r, &extra))
        m->units += extra;
      if (ctx->has_list_price && mc_join_value (&ctx->list_price, r, &extra))
        {
          /* A line of several items lists them all. */
          if (ctx->quantity != NULL && mc_column_get_double (ctx->quantity, r, &count))
            extra *= count;
          mc_sum_add (&list_total, extra);
          mc_sum_add (&paid_for_listed, amount);
        }
      if (ctx->rating != NULL && mc_column_get_double (ctx->rating, r, &extra))
        add_review (m, extra);
    }
  count_customers (m, pairs, orders, n_paid);

  m->revenue = mc_sum_value (&revenue);
  m->list_total = mc_sum_value (&list_total);
  m->aov = ratio (m->revenue, m->orders);
  m->discount = m->list_total - mc_sum_value (&paid_for_listed);
  m->discount_rate = ratio (m->discount, m->list_total);
  m->review_mean = ratio (m->review_mean, m->reviews);
  m->clv_historic = ratio (m->revenue, m->customers);
  /* Less than a year of data is not stretched to a year of buying. */
  m->purchase_frequency = ratio (ratio (m->orders, m->customers), MAX (ctx->years, 1.0));
  m->clv_predictive = m->aov * m->purchase_frequency * MC_METRICS_LIFESPAN_YEARS;
}

/* Years from the first to the last purchase day, both counted. */
static double
span_years (Context *ctx)
{
  gint32 first = G_MAXINT32, last = G_MININT32;

  for (gsize r = 0; r < ctx->time->n_rows; r++)
    if (!mc_column_is_missing (ctx->time, r))
      {
        first = MIN (first, mc_column_get_day (ctx->time, r));
        last = MAX (last, mc_column_get_day (ctx->time, r));
      }
  return first <= last ? (last - first + 1) / 365.25 : 0.0;
}

static void
group_clear (gpointer data)
{
  g_free (((McMetricsGroup *) data)->key);
}

/* Splits the purchases by the values of REF (in BUCKETs) and computes
 * each group's metrics; groups come in the key's natural order. */
static GArray *
by_group (Context      *ctx,
          McColumnRef   ref,
          McTimeBucket  bucket)
{
  McKeyCodes key;
  g_autofree gsize *offsets = NULL;
  g_autofree gsize *rows = NULL;
  g_autofree gsize *fill = NULL;
  GArray *groups = g_array_new (FALSE, TRUE, sizeof (McMetricsGroup));

  g_array_set_clear_func (groups, group_clear);
  mc_key_codes_init (&key, ref, bucket, ctx->n_rows);
  /* The rows of each group, one after the other (a counting sort). */
  offsets = g_new0 (gsize, key.labels->len + 1);
  rows = g_new (gsize, MAX (ctx->n_rows, 1));
  for (gsize r = 0; r < ctx->n_rows; r++)
    if (key.codes[r] != MC_NO_CODE)
      offsets[key.codes[r] + 1]++;
  for (guint g = 0; g < key.labels->len; g++)
    offsets[g + 1] += offsets[g];
  fill = g_memdup2 (offsets, key.labels->len * sizeof (gsize));
  for (gsize r = 0; r < ctx->n_rows; r++)
    if (key.codes[r] != MC_NO_CODE)
      rows[fill[key.codes[r]]++] = r;

  g_array_set_size (groups, key.labels->len);
  for (guint g = 0; g < key.labels->len; g++)
    {
      McMetricsGroup *group = &g_array_index (groups, McMetricsGroup, g);

      group->key = g_strdup (g_ptr_array_index (key.labels, g));
      sales_metrics (ctx, rows + offsets[g], offsets[g + 1] - offsets[g], &group->sales);
    }
  mc_key_codes_clear (&key);
  return groups;
}

/* The category of what was bought: in the purchases, or in the product
 * table they refer to. */
static GArray *
by_product_type (Context   *ctx,
                 McDataset *dataset)
{
  McColumnRef ref;
  McJoin join;
  GArray *groups;

  if (!mc_column_ref_for_role (&ref, &join, dataset, ctx->purchases, MC_ROLE_CATEGORY))
    return NULL;
  groups = by_group (ctx, ref, MC_BUCKET_NONE);
  if (ref.join != NULL)
    mc_join_clear (&join);
  return groups;
}

static gboolean
is_purchasing_type (const char *type)
{
  g_autofree char *lower = type != NULL ? g_ascii_strdown (type, -1) : NULL;

  return lower != NULL && (strstr (lower, "purchas") || strstr (lower, "checkout") || strstr (lower, "order")
                           || strstr (lower, "buy"));
}

static gboolean
visit_metrics (Context        *ctx,
               McDataset      *dataset,
               McVisitMetrics *m)
{
  McTable *visits;
  McColumn *start = NULL, *end, *customer, *order, *type;
  g_autoptr(GHashTable) visitors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) buyers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) minutes = g_array_new (FALSE, FALSE, sizeof (double));
  GHashTableIter iter;
  gpointer key, value;
  gsize purchasing = 0, repeat = 0, bought = 0;

  if ((visits = mc_dataset_find_visits (dataset, &start)) == NULL)
    return FALSE;
  end = mc_table_find_role (visits, MC_ROLE_VISIT_END);
  customer = mc_table_find_role (visits, MC_ROLE_CUSTOMER_ID);
  order = mc_table_find_role (visits, MC_ROLE_ORDER_ID);
  type = mc_table_find_role (visits, MC_ROLE_EVENT_TYPE);

  for (gsize r = 0; r < mc_table_get_n_rows (ctx->purchases); r++)
    if (!mc_column_is_missing (ctx->amount, r) && !mc_column_is_missing (ctx->customer, r))
      g_hash_table_add (buyers, mc_column_format_value (ctx->customer, r));

  memset (m, 0, sizeof *m);
  m->visits = mc_table_get_n_rows (visits);
  for (gsize r = 0; r < m->visits; r++)
    {
      double from, to;

      if (customer != NULL && !mc_column_is_missing (customer, r))
        {
          char *id = mc_column_format_value (customer, r);

          g_hash_table_insert (visitors, id, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (visitors, id)) + 1));
        }
      if (order != NULL ? !mc_column_is_missing (order, r) : type != NULL && is_purchasing_type (mc_column_get_string (type, r)))
        purchasing++;
      if (end != NULL && mc_column_get_double (start, r, &from) && mc_column_get_double (end, r, &to) && to >= from)
        {
          double duration = start->type == MC_COLUMN_TYPE_DATE ? (to - from) * 1440.0 : (to - from) / 60e6;

          g_array_append_val (minutes, duration);
        }
    }
  g_hash_table_iter_init (&iter, visitors);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      repeat += GPOINTER_TO_UINT (value) >= 2;
      bought += g_hash_table_contains (buyers, key);
    }
  m->visitors = g_hash_table_size (visitors);
  m->conversion_rate = ratio (bought, m->visitors);
  m->purchasing_visit_rate = ratio (purchasing, m->visits);
  m->visits_per_customer = ratio (m->visits, m->visitors);
  m->repeat_visit_rate = ratio (repeat, m->visitors);
  m->mean_minutes = m->median_minutes = NAN;
  if (minutes->len > 0)
    {
      double sum = 0;

      mc_sort_doubles ((double *) minutes->data, minutes->len);
      for (guint i = 0; i < minutes->len; i++)
        sum += g_array_index (minutes, double, i);
      m->mean_minutes = sum / minutes->len;
      m->median_minutes = mc_quantile ((double *) minutes->data, minutes->len, 0.5);
    }
  return TRUE;
}

static gboolean
context_init (Context    *ctx,
              McDataset  *dataset,
              GError    **error)
{
  McColumn *order;

  *ctx = (Context) { NULL };
  ctx->purchases = mc_dataset_find_purchases (dataset);
  if (ctx->purchases == NULL)
    {
      g_set_error (error, MC_METRICS_ERROR, 0, "no table has a customer, a purchase time and an amount; "
                   "set the roles of those columns and try again");
      return FALSE;
    }
  ctx->n_rows = mc_table_get_n_rows (ctx->purchases);
  ctx->customer = mc_table_find_role (ctx->purchases, MC_ROLE_CUSTOMER_ID);
  ctx->time = mc_table_find_role (ctx->purchases, MC_ROLE_EVENT_TIME);
  ctx->amount = mc_table_find_role (ctx->purchases, MC_ROLE_AMOUNT);
  ctx->quantity = mc_table_find_role (ctx->purchases, MC_ROLE_QUANTITY);
  ctx->rating = mc_table_find_role (ctx->purchases, MC_ROLE_RATING);
  mc_key_codes_init (&ctx->customers, (McColumnRef) { ctx->customer, NULL }, MC_BUCKET_NONE, ctx->n_rows);
  if ((order = mc_table_find_role (ctx->purchases, MC_ROLE_ORDER_ID)) != NULL)
    mc_key_codes_init (&ctx->orders, (McColumnRef) { order, NULL }, MC_BUCKET_NONE, ctx->n_rows);
  ctx->has_list_price = mc_join_init (&ctx->list_price, dataset, ctx->purchases, MC_ROLE_LIST_PRICE);
  ctx->years = span_years (ctx);
  return TRUE;
}

static void
context_clear (Context *ctx)
{
  mc_key_codes_clear (&ctx->customers);
  mc_key_codes_clear (&ctx->orders);
  if (ctx->has_list_price)
    mc_join_clear (&ctx->list_price);
}

McMetrics *
mc_metrics_compute (McDataset  *dataset,
                    GError    **error)
{
  Context ctx;
  McMetrics *metrics;
  McColumn *channel;
  g_autofree gsize *all = NULL;

  g_return_val_if_fail (MC_IS_DATASET (dataset), NULL);

  if (!context_init (&ctx, dataset, error))
    return NULL;
  metrics = g_new0 (McMetrics, 1);
  metrics->span_years = ctx.years;
  all = g_new (gsize, MAX (ctx.n_rows, 1));
  for (gsize r = 0; r < ctx.n_rows; r++)
    all[r] = r;
  sales_metrics (&ctx, all, ctx.n_rows, &metrics->overall);
  metrics->has_visits = visit_metrics (&ctx, dataset, &metrics->visits);
  channel = mc_table_find_role (ctx.purchases, MC_ROLE_CHANNEL);
  if (channel != NULL)
    metrics->by_platform = by_group (&ctx, (McColumnRef) { channel, NULL }, MC_BUCKET_NONE);
  metrics->by_month = by_group (&ctx, (McColumnRef) { ctx.time, NULL }, MC_BUCKET_MONTH);
  metrics->by_product_type = by_product_type (&ctx, dataset);
  context_clear (&ctx);
  return metrics;
}

void
mc_metrics_free (McMetrics *metrics)
{
  if (metrics == NULL)
    return;
  g_clear_pointer (&metrics->by_platform, g_array_unref);
  g_clear_pointer (&metrics->by_month, g_array_unref);
  g_clear_pointer (&metrics->by_product_type, g_array_unref);
  g_free (metrics);
}
