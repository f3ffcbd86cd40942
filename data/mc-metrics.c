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
#include <string.h>

#include "mc-join.h"
#include "mc-metrics.h"
#include "mc-value-parse.h"

#define MC_METRICS_ERROR (g_quark_from_static_string ("mc-metrics-error"))

static const struct { const char *name; const char *formula; } formulas[] = {
  { "revenue", "sum of the amounts of all purchases" },
  { "orders", "distinct order ids, plus purchases without one" },
  { "customers", "distinct customer ids among purchases" },
  { "aov", "revenue ÷ orders" },
  { "units", "sum of quantities" },
  { "discount", "list prices of the products bought − amounts paid for them" },
  { "discount_rate", "discount ÷ list prices of the products bought" },
  { "review_mean", "mean of the review scores given (purchases without one left out)" },
  { "repeat_purchase_rate", "customers with two or more orders ÷ customers" },
  { "clv_historic", "revenue ÷ customers, over the span of the data" },
  { "purchase_frequency", "orders ÷ customers ÷ years from the first to the last purchase day" },
  { "clv_predictive", "aov × purchase_frequency × expected lifespan (3 years)" },
  { "conversion_rate", "visitors who bought ÷ visitors" },
  { "purchasing_visit_rate", "visits that ended in a purchase ÷ visits" },
  { "visits_per_customer", "visits ÷ visitors" },
  { "mean_minutes", "mean visit duration, of visits that end after they start" },
  { "median_minutes", "median visit duration, of visits that end after they start" },
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
  McTable  *purchases;
  McColumn *customer;
  McColumn *time;
  McColumn *amount;
  McColumn *order;
  McColumn *quantity;
  McColumn *rating;
  McJoin    list_price;
  gboolean  has_list_price;
  double    years;
} Context;

static double
ratio (double a,
       double b)
{
  return b != 0 ? a / b : 0.0;
}

/* Counts distinct orders: ids, plus rows without one (each its own). */
typedef struct
{
  GHashTable *ids;
  gsize       unnamed;
} Orders;

static gsize
orders_count (Orders *orders)
{
  return g_hash_table_size (orders->ids) + orders->unnamed;
}

static void
orders_free (Orders *orders)
{
  g_hash_table_unref (orders->ids);
  g_free (orders);
}

static void
orders_add (Orders   *orders,
            McColumn *order,
            gsize     row)
{
  if (order != NULL && !mc_column_is_missing (order, row))
    g_hash_table_add (orders->ids, mc_column_format_value (order, row));
  else
    orders->unnamed++;
}

static Orders *
orders_new (void)
{
  Orders *orders = g_new0 (Orders, 1);

  orders->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return orders;
}

static void
add_review (McSalesMetrics *m,
            double          score)
{
  m->reviews++;
  m->review_mean += score;
  m->review_counts[(guint) CLAMP (lround (score), 0, 10)]++;
}

/* The metrics of the purchases GROUP selects (all when GROUP is NULL). */
static void
sales_metrics (Context        *ctx,
               const int      *group_of,
               int             group,
               McSalesMetrics *m)
{
  g_autoptr(GHashTable) customers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           (GDestroyNotify) orders_free);
  Orders *all = orders_new ();
  GHashTableIter iter;
  gpointer value;
  gsize repeat = 0;
  double paid_for_listed = 0;

  memset (m, 0, sizeof *m);
  m->has_units = ctx->quantity != NULL;
  m->has_discount = ctx->has_list_price;
  m->has_reviews = ctx->rating != NULL;
  for (gsize r = 0; r < mc_table_get_n_rows (ctx->purchases); r++)
    {
      g_autofree char *id = NULL;
      double amount, extra;
      Orders *orders;

      if ((group_of != NULL && group_of[r] != group) || !mc_column_get_double (ctx->amount, r, &amount))
        continue;
      m->revenue += amount;
      orders_add (all, ctx->order, r);
      if ((id = mc_column_format_value (ctx->customer, r)) != NULL)
        {
          if ((orders = g_hash_table_lookup (customers, id)) == NULL)
            g_hash_table_insert (customers, g_strdup (id), orders = orders_new ());
          orders_add (orders, ctx->order, r);
        }
      if (ctx->quantity != NULL && mc_column_get_double (ctx->quantity, r, &extra))
        m->units += extra;
      if (ctx->has_list_price && mc_join_value (&ctx->list_price, r, &extra))
        {
          m->list_total += extra;
          paid_for_listed += amount;
        }
      if (ctx->rating != NULL && mc_column_get_double (ctx->rating, r, &extra))
        add_review (m, extra);
    }

  m->orders = orders_count (all);
  m->customers = g_hash_table_size (customers);
  g_hash_table_iter_init (&iter, customers);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    repeat += orders_count (value) >= 2;
  orders_free (all);

  m->aov = ratio (m->revenue, m->orders);
  m->discount = m->list_total - paid_for_listed;
  m->discount_rate = ratio (m->discount, m->list_total);
  m->review_mean = ratio (m->review_mean, m->reviews);
  m->repeat_purchase_rate = ratio (repeat, m->customers);
  m->clv_historic = ratio (m->revenue, m->customers);
  m->purchase_frequency = ratio (ratio (m->orders, m->customers), ctx->years);
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

typedef char *(*KeyFunc) (Context *ctx, gpointer data, gsize row);

static char *
column_key (Context  *ctx,
            gpointer  data,
            gsize     row)
{
  return mc_column_format_value (data, row);
}

static char *
joined_key (Context  *ctx,
            gpointer  data,
            gsize     row)
{
  McJoin *join = data;
  gssize other = mc_join_row (join, row);

  return other >= 0 ? mc_column_format_value (join->related, other) : NULL;
}

static char *
month_key (Context  *ctx,
           gpointer  data,
           gsize     row)
{
  char day[16];

  if (mc_column_is_missing (ctx->time, row))
    return NULL;
  mc_format_date (mc_column_get_day (ctx->time, row), day);
  return g_strndup (day, 7);
}

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  return strcmp (((const McMetricsGroup *) a)->key, ((const McMetricsGroup *) b)->key);
}

static void
group_clear (gpointer data)
{
  g_free (((McMetricsGroup *) data)->key);
}

/* Splits the purchases by KEY_OF and computes each group's metrics. */
static GArray *
by_group (Context  *ctx,
          KeyFunc   key_of,
          gpointer  data)
{
  gsize n = mc_table_get_n_rows (ctx->purchases);
  g_autofree int *group_of = g_new (int, MAX (n, 1));
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GArray *groups = g_array_new (FALSE, TRUE, sizeof (McMetricsGroup));

  g_array_set_clear_func (groups, group_clear);
  for (gsize r = 0; r < n; r++)
    {
      g_autofree char *key = key_of (ctx, data, r);
      gpointer found;

      group_of[r] = -1;
      if (key == NULL)
        continue;
      if (!g_hash_table_lookup_extended (index, key, NULL, &found))
        {
          McMetricsGroup group = { g_strdup (key) };

          found = GINT_TO_POINTER (groups->len);
          g_array_append_val (groups, group);
          g_hash_table_insert (index, g_steal_pointer (&key), found);
        }
      group_of[r] = GPOINTER_TO_INT (found);
    }
  for (guint g = 0; g < groups->len; g++)
    sales_metrics (ctx, group_of, g, &g_array_index (groups, McMetricsGroup, g).sales);
  g_array_sort (groups, compare_groups);
  return groups;
}

/* The category of what was bought: in the purchases, or in the product
 * table they refer to. */
static GArray *
by_product_type (Context   *ctx,
                 McDataset *dataset)
{
  McColumn *category = mc_table_find_role (ctx->purchases, MC_ROLE_CATEGORY);
  McJoin join;
  GArray *groups;

  if (category != NULL)
    return by_group (ctx, column_key, category);
  if (!mc_join_init (&join, dataset, ctx->purchases, MC_ROLE_CATEGORY))
    return NULL;
  groups = by_group (ctx, joined_key, &join);
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
  McTable *visits = NULL;
  McColumn *start, *end, *customer, *order, *type;
  g_autoptr(GHashTable) visitors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) buyers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) minutes = g_array_new (FALSE, FALSE, sizeof (double));
  GHashTableIter iter;
  gpointer key, value;
  gsize purchasing = 0, repeat = 0, bought = 0;

  for (guint t = 0; visits == NULL && t < mc_dataset_get_n_tables (dataset); t++)
    if (mc_table_find_role (mc_dataset_get_table (dataset, t), MC_ROLE_VISIT_START) != NULL)
      visits = mc_dataset_get_table (dataset, t);
  if (visits == NULL)
    return FALSE;
  start = mc_table_find_role (visits, MC_ROLE_VISIT_START);
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

McMetrics *
mc_metrics_compute (McDataset  *dataset,
                    GError    **error)
{
  Context ctx = { NULL };
  McMetrics *metrics;
  McColumn *channel;

  g_return_val_if_fail (MC_IS_DATASET (dataset), NULL);

  ctx.purchases = mc_dataset_find_purchases (dataset);
  if (ctx.purchases == NULL)
    {
      g_set_error (error, MC_METRICS_ERROR, 0, "no table has a customer, a purchase time and an amount; "
                   "set the roles of those columns and try again");
      return NULL;
    }
  ctx.customer = mc_table_find_role (ctx.purchases, MC_ROLE_CUSTOMER_ID);
  ctx.time = mc_table_find_role (ctx.purchases, MC_ROLE_EVENT_TIME);
  ctx.amount = mc_table_find_role (ctx.purchases, MC_ROLE_AMOUNT);
  ctx.order = mc_table_find_role (ctx.purchases, MC_ROLE_ORDER_ID);
  ctx.quantity = mc_table_find_role (ctx.purchases, MC_ROLE_QUANTITY);
  ctx.rating = mc_table_find_role (ctx.purchases, MC_ROLE_RATING);
  ctx.has_list_price = mc_join_init (&ctx.list_price, dataset, ctx.purchases, MC_ROLE_LIST_PRICE);
  ctx.years = span_years (&ctx);

  metrics = g_new0 (McMetrics, 1);
  metrics->span_years = ctx.years;
  sales_metrics (&ctx, NULL, 0, &metrics->overall);
  metrics->has_visits = visit_metrics (&ctx, dataset, &metrics->visits);
  channel = mc_table_find_role (ctx.purchases, MC_ROLE_CHANNEL);
  if (channel != NULL)
    metrics->by_platform = by_group (&ctx, column_key, channel);
  metrics->by_month = by_group (&ctx, month_key, NULL);
  metrics->by_product_type = by_product_type (&ctx, dataset);
  if (ctx.has_list_price)
    mc_join_clear (&ctx.list_price);
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
