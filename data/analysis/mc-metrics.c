/* mc-metrics.c: the business metrics of a dataset, overall and by group
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every metric is read by role, so the same definitions hold for car
 * sales and electronics orders; the formulas are in docs/metrics.md and
 * mc_metrics_formula().
 */
#define G_LOG_DOMAIN "mc-metrics"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mc-metrics.h"
#include "mc-model.h"
#include "mc-purchase-selection.h"
#include "mc-query.h"
#include "mc-stats.h"
#include "mc-value-parse.h"
#include "mc-visit-index.h"

#define MC_METRICS_ERROR (g_quark_from_static_string ("mc-metrics-error"))

typedef struct
{
  McTable    *purchases;
  gsize       n_rows;
  McColumn   *customer;
  McColumn   *time;
  McColumn   *amount;
  McColumn   *quantity;
  McColumn   *rating;
  McColumn   *returns;        /* TRUE on credit notes: netted, not orders */
  McKeyCodes  customers;      /* codes NULL without a customer */
  McKeyCodes  orders;         /* codes NULL without an order id */
  McColumn   *list_price;     /* of what was bought, read through its relation by the selection */
  double      years;
  gsize       outlying_days;  /* purchases dated far from the others */
} Context;

static double
ratio (double a,
       double b)
{
  return b != 0 ? a / b : 0.0;
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

  m->orders = mc_count_distinct_u64 (orders, n, NULL);
  mc_sort_u64 (pairs, n);
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
  m->has_customers = ctx->customer != NULL;
  m->has_units = ctx->quantity != NULL;
  m->has_discount = ctx->list_price != NULL;
  m->has_reviews = ctx->rating != NULL;
  for (gsize i = 0; i < n; i++)
    {
      gsize r = rows[i];
      double amount, extra, count;

      if (!mc_column_get_double (ctx->amount, r, &amount))
        continue;
      mc_sum_add (&revenue, amount);
      if (ctx->quantity != NULL && mc_column_get_double (ctx->quantity, r, &extra))
        m->units += extra;
      /* A credit note takes its money back; it is no order of its own. */
      if (ctx->returns != NULL && !mc_column_is_missing (ctx->returns, r) && ctx->returns->v.bools[r])
        continue;
      orders[n_paid] = order_of (ctx, r);
      pairs[n_paid] = (guint64) (ctx->customers.codes != NULL ? ctx->customers.codes[r] : MC_NO_CODE) << 32
                      | (orders[n_paid] & G_MAXUINT32);
      n_paid++;
      if (ctx->list_price != NULL && mc_column_get_double (ctx->list_price, r, &extra))
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
  mc_sales_metrics_finish (m, mc_sum_value (&revenue), mc_sum_value (&list_total), mc_sum_value (&paid_for_listed),
                           ctx->years);
}

static int
compare_days (const void *a,
              const void *b)
{
  gint32 x = *(const gint32 *) a, y = *(const gint32 *) b;

  return x < y ? -1 : x > y;
}

/* Years from the first to the last purchase day, both counted, where
 * the purchases are: a day far before the 1st percentile or after the
 * 99th (two orders misdated by ten years) is left out and counted in
 * OUTLYING, so it does not stretch every rate computed per year. */
static double
span_years (Context *ctx,
            gsize   *outlying)
{
  g_autofree gint32 *days = g_new (gint32, MAX (ctx->n_rows, 1));
  gsize n = 0, first, last;
  gint32 low, high, margin;

  *outlying = 0;
  for (gsize r = 0; ctx->time != NULL && r < ctx->time->n_rows; r++)
    if (!mc_column_is_missing (ctx->time, r) && !mc_column_is_missing (ctx->amount, r))
      days[n++] = mc_column_get_day (ctx->time, r);
  if (n == 0)
    return 0.0;
  qsort (days, n, sizeof (gint32), compare_days);
  low = days[(n - 1) / 100];
  high = days[(n - 1) - (n - 1) / 100];
  margin = MAX ((high - low) / 4, 30);
  for (first = 0; first < n && days[first] < low - margin; first++)
    ;
  for (last = n - 1; last > first && days[last] > high + margin; last--)
    ;
  *outlying = first + (n - 1 - last);
  return (days[last] - days[first] + 1) / 365.25;
}

static gsize *
identity_rows (gsize n)
{
  gsize *rows = g_new (gsize, MAX (n, 1));

  for (gsize r = 0; r < n; r++)
    rows[r] = r;
  return rows;
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
  GArray *groups = g_array_new (FALSE, TRUE, sizeof (McMetricsGroup));

  g_array_set_clear_func (groups, group_clear);
  mc_key_codes_init (&key, ref, bucket, ctx->n_rows);
  rows = g_new (gsize, MAX (ctx->n_rows, 1));
  offsets = mc_key_codes_group_rows (&key, ctx->n_rows, rows);
  g_array_set_size (groups, key.labels->len);
  for (guint g = 0; g < key.labels->len; g++)
    {
      McMetricsGroup *group = &g_array_index (groups, McMetricsGroup, g);

      group->key = g_strdup (g_ptr_array_index (key.labels, g));
      sales_metrics (ctx, rows + offsets[g], offsets[g + 1] - offsets[g], &group->sales);
    }
  mc_key_codes_clear (&key);
  /* A value only rows without an amount have (a category viewed, never
   * bought; an order cancelled) is no group of purchases. */
  for (guint g = groups->len; g > 0; g--)
    {
      McSalesMetrics *m = &g_array_index (groups, McMetricsGroup, g - 1).sales;

      if (m->orders == 0 && m->revenue == 0 && m->units == 0)
        g_array_remove_index (groups, g - 1);
    }
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

/* Money in several currencies adds up only per currency. */
static GArray *
by_currency (Context   *ctx,
             McDataset *dataset)
{
  McColumnRef ref;
  McJoin join;
  GArray *groups;

  if (!mc_column_ref_for_role (&ref, &join, dataset, ctx->purchases, MC_ROLE_CURRENCY))
    return NULL;
  groups = by_group (ctx, ref, MC_BUCKET_NONE);
  if (ref.join != NULL)
    mc_join_clear (&join);
  return groups;
}

static gint32
month_of (McColumn *time,
          gsize     row)
{
  return mc_time_bucket_of_day (MC_BUCKET_MONTH, mc_column_get_day (time, row));
}

/* Which visitors of each month bought in it, and of all who bought:
 * from the distinct (customer, month) pairs of these purchases, each
 * customer met as the visitor of the same id (the index's). */
static void
count_buyers (Context            *ctx,
              const McVisitIndex *index,
              gsize              *bought_ever,
              gsize              *bought_in)
{
  g_autofree guint64 *pairs = g_new (guint64, MAX (ctx->n_rows, 1));
  const guint32 *visitor_of = mc_visit_index_visitors_of_customers (index, ctx->customers.labels);
  gsize n = 0;

  for (gsize r = 0; r < ctx->n_rows; r++)
    if (ctx->customers.codes[r] != MC_NO_CODE && !mc_column_is_missing (ctx->amount, r) && !mc_column_is_missing (ctx->time, r))
      pairs[n++] = (guint64) ctx->customers.codes[r] << 32 | (guint32) month_of (ctx->time, r);
  mc_sort_u64 (pairs, n);
  *bought_ever = 0;
  memset (bought_in, 0, index->months->len * sizeof (gsize));
  for (gsize i = 0; i < n; i++)
    {
      guint32 visitor = visitor_of[pairs[i] >> 32];
      int g;

      if (visitor == MC_NO_CODE || (i > 0 && pairs[i] == pairs[i - 1]))
        continue;
      *bought_ever += i == 0 || pairs[i] >> 32 != pairs[i - 1] >> 32;
      if ((g = mc_visit_index_find_month (index, (gint32) (pairs[i] & G_MAXUINT32))) >= 0
          && mc_visit_index_month_has (index, g, visitor))
        bought_in[g]++;
    }
}

static void
visit_group_clear (gpointer data)
{
  g_free (((McVisitGroup *) data)->key);
}

/* All visits, and the visits of each month (by their start): the
 * index's figures, with the share of their visitors who bought (in the
 * month, for a month). */
static void
compute_visits (McMetrics *metrics,
                Context   *ctx,
                McDataset *dataset)
{
  const McVisitIndex *index;
  g_autofree gsize *bought_in = NULL;
  gsize bought_ever;

  /* Conversion matches visitors to buyers by their customer id. */
  if (ctx->customer == NULL || ctx->time == NULL || (index = mc_visit_index_for_dataset (dataset)) == NULL
      || index->customer == NULL)
    return;
  metrics->has_visits = TRUE;
  bought_in = g_new (gsize, index->months->len + 1);
  count_buyers (ctx, index, &bought_ever, bought_in);
  metrics->visits = index->all.figures;
  metrics->visits.conversion_rate = ratio (bought_ever, metrics->visits.visitors);
  metrics->visits_by_month = g_array_new (FALSE, TRUE, sizeof (McVisitGroup));
  g_array_set_clear_func (metrics->visits_by_month, visit_group_clear);
  g_array_set_size (metrics->visits_by_month, index->months->len);
  for (guint g = 0; g < index->months->len; g++)
    {
      McVisitGroup *group = &g_array_index (metrics->visits_by_month, McVisitGroup, g);
      const McVisitGroupIndex *month = &g_array_index (index->months, McVisitGroupIndex, g);

      group->key = g_strdup (month->key);
      group->visits = month->figures;
      group->visits.conversion_rate = ratio (bought_in[g], month->figures.visitors);
    }
}

static gboolean
context_init (Context    *ctx,
              McTable    *purchases,
              GError    **error)
{
  *ctx = (Context) { NULL };
  ctx->purchases = purchases;
  if (ctx->purchases == NULL || mc_table_find_role (ctx->purchases, MC_ROLE_AMOUNT) == NULL)
    {
      g_set_error_literal (error, MC_METRICS_ERROR, 0, _("no table holds purchases with an amount; say which "
                                                         "with --set purchases=TABLE --set amount=COLUMN"));
      return FALSE;
    }
  ctx->n_rows = mc_table_get_n_rows (ctx->purchases);
  ctx->customer = mc_table_find_role (ctx->purchases, MC_ROLE_CUSTOMER_ID);
  ctx->time = mc_table_find_role (ctx->purchases, MC_ROLE_EVENT_TIME);
  ctx->amount = mc_table_find_role (ctx->purchases, MC_ROLE_AMOUNT);
  ctx->quantity = mc_table_find_role (ctx->purchases, MC_ROLE_QUANTITY);
  ctx->rating = mc_table_find_role (ctx->purchases, MC_ROLE_RATING);
  ctx->returns = mc_table_find_role (ctx->purchases, MC_ROLE_RETURN);
  /* The whole purchases' codes: no id is hashed again for a filter. */
  mc_purchase_selection_codes (ctx->purchases, MC_ROLE_CUSTOMER_ID, &ctx->customers);
  mc_purchase_selection_codes (ctx->purchases, MC_ROLE_ORDER_ID, &ctx->orders);
  ctx->list_price = mc_table_find_role (ctx->purchases, MC_ROLE_LIST_PRICE);
  ctx->years = span_years (ctx, &ctx->outlying_days);
  return TRUE;
}

static void
context_clear (Context *ctx)
{
  mc_key_codes_clear (&ctx->customers);
  mc_key_codes_clear (&ctx->orders);
}

/* The one currency all purchases are in, where the data says so (a
 * currency column in the purchases or in what they refer to, such as the
 * customer); NULL when it does not, or when they mix currencies. */
static char *
single_currency (McDataset *dataset,
                 McTable   *purchases)
{
  McColumnRef ref;
  McJoin join;
  McKeyCodes codes;
  char *currency = NULL;
  gboolean mixed = FALSE;
  McModel *model = mc_model_for_dataset (dataset);
  const char *named = model != NULL ? mc_model_get_value (model, MC_MODEL_CURRENCY) : NULL;

  /* A currency the user gave for data that names none. */
  if (named != NULL && strchr (named, '.') == NULL && mc_table_find_role (purchases, MC_ROLE_CURRENCY) == NULL)
    return g_strdup (named);
  if (!mc_column_ref_for_role (&ref, &join, dataset, purchases, MC_ROLE_CURRENCY))
    return NULL;
  mc_key_codes_init (&codes, ref, MC_BUCKET_NONE, mc_table_get_n_rows (purchases));
  for (gsize r = 0; r < mc_table_get_n_rows (purchases) && !mixed; r++)
    {
      const char *label = codes.codes[r] != MC_NO_CODE ? g_ptr_array_index (codes.labels, codes.codes[r]) : NULL;

      if (label == NULL)
        continue;
      if (currency == NULL)
        currency = g_strdup (label);
      mixed = !g_str_equal (currency, label);
    }
  mc_key_codes_clear (&codes);
  if (ref.join != NULL)
    mc_join_clear (&join);
  if (mixed)
    g_clear_pointer (&currency, g_free);
  return currency;
}

/* The visits read once (the long part on large data), giving up when
 * CANCELLABLE is cancelled: then FALSE with ERROR set. */
static gboolean
visits_ready (McDataset     *dataset,
              GCancellable  *cancellable,
              GError       **error)
{
  gboolean cancelled = FALSE;

  if (!g_cancellable_is_cancelled (cancellable))
    mc_visit_index_for_dataset_full (dataset, cancellable, &cancelled);
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static McMetricsPushDown push_down;

/**
 * mc_metrics_set_push_down:
 *
 * Installs the executor that computes the sales figures on a database's
 * server; called once, before any dataset is analysed.
 */
void
mc_metrics_set_push_down (McMetricsPushDown func)
{
  push_down = func;
}

/* As mc_metrics_compute(), checking CANCELLABLE between its parts and
 * groups: G_IO_ERROR_CANCELLED and no metrics when it is cancelled. */
McMetrics *
mc_metrics_compute_full (McDataset     *dataset,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(McMetrics) metrics = NULL;
  g_autoptr(McTable) purchases = NULL;
  g_autofree char *not_pushed_down = NULL;

  g_return_val_if_fail (MC_IS_DATASET (dataset), NULL);

  /* A database computes the sales figures itself, from the model's
   * description of the purchases, when it can. */
  if (push_down != NULL && (metrics = push_down (dataset, cancellable, &not_pushed_down)) != NULL)
    return g_steal_pointer (&metrics);
  if (!visits_ready (dataset, cancellable, error))
    return NULL;
  purchases = mc_purchase_selection_new (dataset, NULL, 0);
  if ((metrics = mc_metrics_compute_for (dataset, purchases, error)) == NULL
      || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (not_pushed_down != NULL)
    g_ptr_array_add (metrics->warnings, g_steal_pointer (&not_pushed_down));
  return g_steal_pointer (&metrics);
}

McMetrics *
mc_metrics_compute (McDataset  *dataset,
                    GError    **error)
{
  return mc_metrics_compute_full (dataset, NULL, error);
}

McMetrics *
mc_metrics_compute_for (McDataset  *dataset,
                        McTable    *purchases,
                        GError    **error)
{
  Context ctx;
  McMetrics *metrics = NULL;
  McColumn *channel;
  g_autofree gsize *all = NULL;

  g_return_val_if_fail (MC_IS_DATASET (dataset), NULL);

  if (!context_init (&ctx, purchases, error))
    return NULL;
  metrics = g_new0 (McMetrics, 1);
  metrics->span_years = ctx.years;
  metrics->outlying_days = ctx.outlying_days;
  metrics->warnings = mc_metrics_span_warnings (ctx.years, ctx.outlying_days, ctx.time != NULL);
  all = identity_rows (ctx.n_rows);
  sales_metrics (&ctx, all, ctx.n_rows, &metrics->overall);
  compute_visits (metrics, &ctx, dataset);
  channel = mc_table_find_role (ctx.purchases, MC_ROLE_CHANNEL);
  if (channel != NULL)
    metrics->by_platform = by_group (&ctx, (McColumnRef) { channel, NULL }, MC_BUCKET_NONE);
  if (ctx.time != NULL)
    metrics->by_month = by_group (&ctx, (McColumnRef) { ctx.time, NULL }, MC_BUCKET_MONTH);
  metrics->by_product_type = by_product_type (&ctx, dataset);
  metrics->currency = single_currency (dataset, ctx.purchases);
  if (metrics->currency == NULL)
    metrics->by_currency = by_currency (&ctx, dataset);
  context_clear (&ctx);
  return metrics;
}

/**
 * mc_metrics_add_visits:
 *
 * The visit figures of METRICS, from DATASET in memory: what an
 * executor of the sales figures elsewhere leaves to the column store.
 */
void
mc_metrics_add_visits (McMetrics *metrics,
                       McDataset *dataset)
{
  g_autoptr(McTable) purchases = NULL;

  g_return_if_fail (MC_IS_DATASET (dataset));

  purchases = mc_purchase_selection_new (dataset, NULL, 0);
  mc_metrics_add_visits_for (metrics, dataset, purchases);
}

/**
 * mc_metrics_add_visits_for:
 *
 * mc_metrics_add_visits() with the buyers of PURCHASES, a selection of
 * DATASET's (a filter's): as mc_metrics_compute_for() counts them.
 */
void
mc_metrics_add_visits_for (McMetrics *metrics,
                           McDataset *dataset,
                           McTable   *purchases)
{
  Context ctx;

  g_return_if_fail (MC_IS_DATASET (dataset));

  if (!context_init (&ctx, purchases, NULL))
    return;
  compute_visits (metrics, &ctx, dataset);
  context_clear (&ctx);
}

void
mc_metrics_free (McMetrics *metrics)
{
  if (metrics == NULL)
    return;
  g_clear_pointer (&metrics->by_platform, g_array_unref);
  g_clear_pointer (&metrics->by_month, g_array_unref);
  g_clear_pointer (&metrics->by_product_type, g_array_unref);
  g_clear_pointer (&metrics->by_currency, g_array_unref);
  g_clear_pointer (&metrics->visits_by_month, g_array_unref);
  g_free (metrics->currency);
  g_clear_pointer (&metrics->warnings, g_ptr_array_unref);
  g_free (metrics);
}
