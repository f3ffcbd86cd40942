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
#include "mc-query.h"
#include "mc-stats.h"
#include "mc-value-parse.h"

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
  McJoin      list_price;
  gboolean    has_list_price;
  double      years;
  gsize       outlying_days;  /* purchases dated far from the others */
  GCancellable *cancellable;  /* checked between groups */
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

/* Sorts VALUES and counts the distinct ones; REPEATED (may be NULL)
 * receives how many of them occur more than once. */
static gsize
count_distinct (guint64 *values,
                gsize    n,
                gsize   *repeated)
{
  gsize distinct = 0, more_than_once = 0;

  qsort (values, n, sizeof (guint64), compare_u64);
  for (gsize i = 0; i < n; i++)
    {
      distinct += i == 0 || values[i] != values[i - 1];
      more_than_once += i > 0 && values[i] == values[i - 1] && (i < 2 || values[i - 1] != values[i - 2]);
    }
  if (repeated != NULL)
    *repeated = more_than_once;
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

  m->orders = count_distinct (orders, n, NULL);
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
  m->has_customers = ctx->customer != NULL;
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
      if (ctx->quantity != NULL && mc_column_get_double (ctx->quantity, r, &extra))
        m->units += extra;
      /* A credit note takes its money back; it is no order of its own. */
      if (ctx->returns != NULL && !mc_column_is_missing (ctx->returns, r) && ctx->returns->v.bools[r])
        continue;
      orders[n_paid] = order_of (ctx, r);
      pairs[n_paid] = (guint64) (ctx->customers.codes != NULL ? ctx->customers.codes[r] : MC_NO_CODE) << 32
                      | (orders[n_paid] & G_MAXUINT32);
      n_paid++;
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

/* Puts the rows of each KEY value one after the other in ROWS (a
 * counting sort); value g's rows are ROWS[offsets[g]] to
 * ROWS[offsets[g + 1] − 1]. Returns the offsets. */
static gsize *
group_rows (const McKeyCodes *key,
            gsize             n_rows,
            gsize            *rows)
{
  gsize *offsets = g_new0 (gsize, key->labels->len + 1);
  g_autofree gsize *fill = NULL;

  for (gsize r = 0; r < n_rows; r++)
    if (key->codes[r] != MC_NO_CODE)
      offsets[key->codes[r] + 1]++;
  for (guint g = 0; g < key->labels->len; g++)
    offsets[g + 1] += offsets[g];
  fill = g_memdup2 (offsets, (key->labels->len + 1) * sizeof (gsize));
  for (gsize r = 0; r < n_rows; r++)
    if (key->codes[r] != MC_NO_CODE)
      rows[fill[key->codes[r]]++] = r;
  return offsets;
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
  offsets = group_rows (&key, ctx->n_rows, rows);
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

static gboolean
is_purchasing_type (const char *type)
{
  g_autofree char *lower = type != NULL ? g_ascii_strdown (type, -1) : NULL;

  return lower != NULL && (strstr (lower, "purchas") || strstr (lower, "checkout") || strstr (lower, "order")
                           || strstr (lower, "buy"));
}

/* The visits table read once for all visit metrics. */
typedef struct
{
  gsize       n_rows;
  McColumn   *start;
  McColumn   *end;
  McColumn   *order;
  McColumn   *type;
  McKeyCodes  visitors;
  McKeyCodes  sessions;       /* codes NULL without a session id */
  guint32    *buyer_of;       /* per visitor: their customer code among purchases, or MC_NO_CODE */
  guint64    *bought_months;  /* sorted (customer code << 32 | month) of purchases */
  gsize       n_bought_months;
  GCancellable *cancellable;  /* checked between passes over the visits */
} Visits;

static gint32
month_of (McColumn *time,
          gsize     row)
{
  return mc_time_bucket_of_day (MC_BUCKET_MONTH, mc_column_get_day (time, row));
}

/* Visitors are matched to buyers by the text of their id: visits and
 * purchases are different tables with different codes. */
static void
match_buyers (Visits  *v,
              Context *ctx)
{
  g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint c = 0; c < ctx->customers.labels->len; c++)
    g_hash_table_insert (codes, g_ptr_array_index (ctx->customers.labels, c), GUINT_TO_POINTER (c + 1));
  v->buyer_of = g_new (guint32, MAX (v->visitors.labels->len, 1));
  for (guint i = 0; i < v->visitors.labels->len; i++)
    v->buyer_of[i] = GPOINTER_TO_UINT (g_hash_table_lookup (codes, g_ptr_array_index (v->visitors.labels, i))) - 1;
  v->bought_months = g_new (guint64, MAX (ctx->n_rows, 1));
  for (gsize r = 0; r < ctx->n_rows; r++)
    if (ctx->customers.codes[r] != MC_NO_CODE && !mc_column_is_missing (ctx->amount, r) && !mc_column_is_missing (ctx->time, r))
      v->bought_months[v->n_bought_months++] = (guint64) ctx->customers.codes[r] << 32 | (guint32) month_of (ctx->time, r);
  qsort (v->bought_months, v->n_bought_months, sizeof (guint64), compare_u64);
}

/* A session id is a visit id that is not the table's own key: it
 * repeats over the events of one visit. */
static McColumn *
find_session (McTable *table)
{
  for (guint c = 0; c < mc_table_get_n_columns (table); c++)
    if (mc_table_get_column (table, c)->role == MC_ROLE_VISIT_ID && (int) c != mc_table_get_primary_key (table))
      return mc_table_get_column (table, c);
  return NULL;
}

static gboolean
visits_init (Visits    *v,
             Context   *ctx,
             McDataset *dataset)
{
  McTable *table;
  McColumn *session;

  memset (v, 0, sizeof *v);
  v->cancellable = ctx->cancellable;
  if (g_cancellable_is_cancelled (v->cancellable) || (table = mc_model_find_visits (dataset, &v->start)) == NULL)
    return FALSE;
  v->n_rows = mc_table_get_n_rows (table);
  v->end = mc_table_find_role (table, MC_ROLE_VISIT_END);
  v->order = mc_table_find_role (table, MC_ROLE_ORDER_ID);
  v->type = mc_table_find_role (table, MC_ROLE_EVENT_TYPE);
  mc_key_codes_init (&v->visitors, (McColumnRef) { mc_table_find_role (table, MC_ROLE_CUSTOMER_ID), NULL },
                     MC_BUCKET_NONE, v->n_rows);
  if ((session = find_session (table)) != NULL && !g_cancellable_is_cancelled (v->cancellable))
    mc_key_codes_init (&v->sessions, (McColumnRef) { session, NULL }, MC_BUCKET_NONE, v->n_rows);
  if (!g_cancellable_is_cancelled (v->cancellable))
    match_buyers (v, ctx);
  return TRUE;
}

static void
visits_clear (Visits *v)
{
  mc_key_codes_clear (&v->visitors);
  mc_key_codes_clear (&v->sessions);
  g_clear_pointer (&v->buyer_of, g_free);
  g_clear_pointer (&v->bought_months, g_free);
}

/* Whether VISITOR bought in MONTH (at all, when MONTH is G_MININT32). */
static gboolean
visitor_bought (const Visits *v,
                guint32       visitor,
                gint32        month)
{
  guint32 buyer = v->buyer_of[visitor];
  guint64 low = (guint64) buyer << 32, high = low | G_MAXUINT32, key = low | (guint32) month;
  gsize lo = 0, hi = v->n_bought_months;

  if (buyer == MC_NO_CODE)
    return FALSE;
  /* The first pair at or after KEY (or after LOW, for any month). */
  while (lo < hi)
    {
      gsize mid = (lo + hi) / 2;

      if (v->bought_months[mid] < (month == G_MININT32 ? low : key))
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < v->n_bought_months && (month == G_MININT32 ? v->bought_months[lo] <= high : v->bought_months[lo] == key);
}

static void
summarise_minutes (McVisitMetrics *m,
                   GArray         *minutes)
{
  McSum sum = { 0 };

  m->mean_minutes = m->median_minutes = NAN;
  if (minutes->len == 0)
    return;
  mc_sort_doubles ((double *) minutes->data, minutes->len);
  for (guint i = 0; i < minutes->len; i++)
    mc_sum_add (&sum, g_array_index (minutes, double, i));
  m->mean_minutes = mc_sum_value (&sum) / minutes->len;
  m->median_minutes = mc_quantile ((double *) minutes->data, minutes->len, 0.5);
}

/**
 * mc_visit_minutes:
 *
 * The duration of the visit in ROW, from START to END; FALSE when either
 * is missing or the visit ends before it starts.
 */
gboolean
mc_visit_minutes (McColumn *start,
                  McColumn *end,
                  gsize     row,
                  double   *minutes)
{
  double from, to;

  if (!mc_column_get_double (start, row, &from) || !mc_column_get_double (end, row, &to) || to < from)
    return FALSE;
  *minutes = start->type == MC_COLUMN_TYPE_DATE ? (to - from) * 1440.0 : (to - from) / 60e6;
  return TRUE;
}

static gboolean
is_purchasing_visit (const Visits *v,
                     gsize         r)
{
  if (v->order != NULL)
    return !mc_column_is_missing (v->order, r);
  return v->type != NULL && is_purchasing_type (mc_column_get_string (v->type, r));
}

/* Rows between two looks at the cancellable: a few milliseconds. */
#define CANCEL_CHECK_ROWS 65536

/* The metrics of the N visits at ROWS; conversion counts purchases in
 * MONTH only, unless it is G_MININT32. */
static void
visit_metrics (const Visits   *v,
               const gsize    *rows,
               gsize           n,
               gint32          month,
               McVisitMetrics *m)
{
  g_autofree guint64 *visitors = g_new (guint64, MAX (n, 1));
  g_autofree guint64 *sessions = g_new (guint64, MAX (n, 1));
  g_autoptr(GArray) minutes = g_array_new (FALSE, FALSE, sizeof (double));
  gsize n_visitors = 0, n_sessions = 0, purchasing = 0, repeat = 0, bought = 0;

  memset (m, 0, sizeof *m);
  m->visits = n;
  for (gsize i = 0; i < n; i++)
    {
      gsize r = rows[i];
      double duration;

      if (i % CANCEL_CHECK_ROWS == CANCEL_CHECK_ROWS - 1 && g_cancellable_is_cancelled (v->cancellable))
        return;
      if (v->visitors.codes[r] != MC_NO_CODE)
        visitors[n_visitors++] = v->visitors.codes[r];
      if (v->sessions.codes != NULL && v->sessions.codes[r] != MC_NO_CODE)
        sessions[n_sessions++] = v->sessions.codes[r];
      purchasing += is_purchasing_visit (v, r);
      if (v->end != NULL && mc_visit_minutes (v->start, v->end, r, &duration))
        g_array_append_val (minutes, duration);
    }
  /* Each pass below sorts up to a row a visit: the figures of a
   * cancelled analysis are never read. */
  if (g_cancellable_is_cancelled (v->cancellable))
    return;
  m->visitors = count_distinct (visitors, n_visitors, &repeat);
  for (gsize i = 0; i < n_visitors; i++)
    bought += (i == 0 || visitors[i] != visitors[i - 1]) && visitor_bought (v, visitors[i], month);
  m->has_sessions = v->sessions.codes != NULL;
  if (g_cancellable_is_cancelled (v->cancellable))
    return;
  m->events_per_session = ratio (n_sessions, count_distinct (sessions, n_sessions, NULL));
  m->conversion_rate = ratio (bought, m->visitors);
  m->purchasing_visit_rate = ratio (purchasing, m->visits);
  m->visits_per_customer = ratio (m->visits, m->visitors);
  m->repeat_visit_rate = ratio (repeat, m->visitors);
  if (!g_cancellable_is_cancelled (v->cancellable))
    summarise_minutes (m, minutes);
}

static void
visit_group_clear (gpointer data)
{
  g_free (((McVisitGroup *) data)->key);
}

/* All visits, and the visits of each month (by their start). */
static void
compute_visits (McMetrics *metrics,
                Context   *ctx,
                McDataset *dataset)
{
  Visits v;
  McKeyCodes months;
  g_autofree gsize *all = NULL;
  g_autofree gsize *rows = NULL;
  g_autofree gsize *offsets = NULL;

  /* Conversion matches visitors to buyers by their customer id. */
  if (ctx->customer == NULL || ctx->time == NULL || !visits_init (&v, ctx, dataset))
    return;
  if (g_cancellable_is_cancelled (ctx->cancellable))
    {
      visits_clear (&v);
      return;
    }
  metrics->has_visits = TRUE;
  all = identity_rows (v.n_rows);
  visit_metrics (&v, all, v.n_rows, G_MININT32, &metrics->visits);
  if (g_cancellable_is_cancelled (ctx->cancellable))
    {
      visits_clear (&v);
      return;
    }

  mc_key_codes_init (&months, (McColumnRef) { v.start, NULL }, MC_BUCKET_MONTH, v.n_rows);
  rows = g_new (gsize, MAX (v.n_rows, 1));
  offsets = group_rows (&months, v.n_rows, rows);
  metrics->visits_by_month = g_array_new (FALSE, TRUE, sizeof (McVisitGroup));
  g_array_set_clear_func (metrics->visits_by_month, visit_group_clear);
  g_array_set_size (metrics->visits_by_month, months.labels->len);
  for (guint g = 0; g < months.labels->len; g++)
    {
      McVisitGroup *group = &g_array_index (metrics->visits_by_month, McVisitGroup, g);
      gsize first = offsets[g];

      group->key = g_strdup (g_ptr_array_index (months.labels, g));
      if (!g_cancellable_is_cancelled (ctx->cancellable))
        visit_metrics (&v, rows + first, offsets[g + 1] - first, month_of (v.start, rows[first]), &group->visits);
    }
  mc_key_codes_clear (&months);
  visits_clear (&v);
}

static gboolean
context_init (Context    *ctx,
              McDataset  *dataset,
              GError    **error)
{
  McColumn *order;

  *ctx = (Context) { NULL };
  ctx->purchases = mc_model_find_purchases (dataset);
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
  if (ctx->customer != NULL)
    mc_key_codes_init (&ctx->customers, (McColumnRef) { ctx->customer, NULL }, MC_BUCKET_NONE, ctx->n_rows);
  if ((order = mc_table_find_role (ctx->purchases, MC_ROLE_ORDER_ID)) != NULL)
    mc_key_codes_init (&ctx->orders, (McColumnRef) { order, NULL }, MC_BUCKET_NONE, ctx->n_rows);
  ctx->has_list_price = mc_join_init (&ctx->list_price, dataset, ctx->purchases, MC_ROLE_LIST_PRICE);
  ctx->years = span_years (ctx, &ctx->outlying_days);
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

McMetrics *
mc_metrics_compute (McDataset  *dataset,
                    GError    **error)
{
  return mc_metrics_compute_full (dataset, NULL, error);
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
  Context ctx;
  McMetrics *metrics = NULL;
  McColumn *channel;
  g_autofree gsize *all = NULL;
  g_autofree char *not_pushed_down = NULL;

  g_return_val_if_fail (MC_IS_DATASET (dataset), NULL);

  /* A database computes the sales figures itself, from the model's
   * description of the purchases, when it can. */
  if ((push_down != NULL && (metrics = push_down (dataset, cancellable, &not_pushed_down)) != NULL)
      || g_cancellable_set_error_if_cancelled (cancellable, error))
    return metrics;
  if (!context_init (&ctx, dataset, error))
    return NULL;
  ctx.cancellable = cancellable;
  metrics = g_new0 (McMetrics, 1);
  metrics->span_years = ctx.years;
  metrics->outlying_days = ctx.outlying_days;
  metrics->warnings = mc_metrics_span_warnings (ctx.years, ctx.outlying_days, ctx.time != NULL);
  all = identity_rows (ctx.n_rows);
  sales_metrics (&ctx, all, ctx.n_rows, &metrics->overall);
  compute_visits (metrics, &ctx, dataset);
  if (g_cancellable_is_cancelled (cancellable))
    {
      context_clear (&ctx);
      mc_metrics_free (metrics);
      g_cancellable_set_error_if_cancelled (cancellable, error);
      return NULL;
    }
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
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    g_clear_pointer (&metrics, mc_metrics_free);
  else if (not_pushed_down != NULL)
    g_ptr_array_add (metrics->warnings, g_steal_pointer (&not_pushed_down));
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
  Context ctx;

  g_return_if_fail (MC_IS_DATASET (dataset));

  if (!context_init (&ctx, dataset, NULL))
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
