/* mc-metrics-sql.c: the sales figures computed on a database's server
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-metrics"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mc-metrics-sql.h"
#include "mc-server-run.h"
#include "mc-visits-sql.h"

typedef struct
{
  McServerRun        server;
  McPurchasesQuery  *query;
  double             years;
} Run;

/* The Overview's groupings, as mc_metrics_compute() makes them. */
typedef struct
{
  McPurchasesField  field;
  const char       *key_sql;      /* over the purchases' columns */
} Grouping;

static const Grouping overall = { MC_PURCHASES_N_FIELDS, "'all'::text" };
static const Grouping by_platform = { MC_PURCHASES_CHANNEL, "channel" };
static const Grouping by_month = { MC_PURCHASES_TIME,
                                   "CASE WHEN pg_catalog.isfinite (time) THEN pg_catalog.to_char (time, 'YYYY-MM') END" };
static const Grouping by_product_type = { MC_PURCHASES_PRODUCT_TYPE, "product_type" };
static const Grouping by_currency = { MC_PURCHASES_CURRENCY, "currency" };

/* Money is summed exactly (numeric), as near the column store's
 * compensated sums as a double can tell. Rows that count as orders are
 * paid lines that are no credit note;
 * a line without an order id is an order of its own. The review
 * distribution rounds half away from zero, as lround(). */
static const char sales_sql[] =
  ", keyed AS (SELECT %s AS key, p.*, p.amount IS NOT NULL AND NOT p.is_return AS counts FROM purchases p), "
  "repeaters AS (SELECT key, count(*) AS n FROM (SELECT key FROM keyed WHERE counts AND customer IS NOT NULL "
  "  GROUP BY key, customer HAVING count(DISTINCT order_id) + count(*) FILTER (WHERE order_id IS NULL) >= 2) r "
  "  GROUP BY key) "
  "SELECT k.key, coalesce (sum (amount::numeric), 0), coalesce (sum (quantity) FILTER (WHERE amount IS NOT NULL), 0), "
  "  count(DISTINCT order_id) FILTER (WHERE counts) + count(*) FILTER (WHERE counts AND order_id IS NULL), "
  "  count(DISTINCT customer) FILTER (WHERE counts), coalesce (max (r.n), 0), "
  "  count(rating) FILTER (WHERE counts), coalesce (sum (rating) FILTER (WHERE counts), 0), "
  "  coalesce (sum ((list_price * coalesce (quantity, 1))::numeric) FILTER (WHERE counts AND list_price IS NOT NULL), 0), "
  "  coalesce (sum (amount::numeric) FILTER (WHERE counts AND list_price IS NOT NULL), 0)%s "
  "FROM keyed k LEFT JOIN repeaters r ON r.key = k.key WHERE k.key IS NOT NULL GROUP BY k.key";

enum { COL_KEY, COL_REVENUE, COL_UNITS, COL_ORDERS, COL_CUSTOMERS, COL_REPEAT, COL_REVIEWS, COL_REVIEW_SUM,
       COL_LIST_TOTAL, COL_PAID_FOR_LISTED, COL_REVIEW_COUNTS };

/* Years from the first to the last purchase day, days far outside the
 * 1st to 99th percentiles left out, as span_years() in mc-metrics.c. */
static const char span_sql[] =
  ", d AS (SELECT day FROM purchases WHERE day IS NOT NULL AND amount IS NOT NULL), "
  "o AS (SELECT day, row_number () OVER (ORDER BY day) - 1 AS i, count(*) OVER () AS n FROM d), "
  "b AS (SELECT min (day) FILTER (WHERE i = (n - 1) / 100) AS low, "
  "  min (day) FILTER (WHERE i = (n - 1) - (n - 1) / 100) AS high FROM o), "
  "m AS (SELECT low - greatest ((high - low) / 4, 30) AS lo, high + greatest ((high - low) / 4, 30) AS hi FROM b) "
  "SELECT min (day) FILTER (WHERE day >= lo), max (day) FILTER (WHERE day <= hi), "
  "  count(*) FILTER (WHERE day < lo OR day > hi), count(*) FROM d, m";

static const char currencies_sql[] =
  "SELECT count(DISTINCT currency), min (currency) FROM purchases";

static void
read_sales (Run            *run,
            PGresult       *result,
            int             row,
            McSalesMetrics *m)
{
  McPurchasesColumn **fields = run->query->fields;

  memset (m, 0, sizeof *m);
  m->has_customers = fields[MC_PURCHASES_CUSTOMER] != NULL;
  m->has_units = fields[MC_PURCHASES_QUANTITY] != NULL;
  m->has_discount = fields[MC_PURCHASES_LIST_PRICE] != NULL;
  m->has_reviews = fields[MC_PURCHASES_RATING] != NULL;
  m->units = mc_server_number_at (result, row, COL_UNITS);
  m->orders = mc_server_count_at (result, row, COL_ORDERS);
  m->customers = mc_server_count_at (result, row, COL_CUSTOMERS);
  m->repeat_purchase_rate = m->customers > 0 ? (double) mc_server_count_at (result, row, COL_REPEAT) / m->customers
                                             : 0.0;
  m->reviews = mc_server_count_at (result, row, COL_REVIEWS);
  m->review_mean = mc_server_number_at (result, row, COL_REVIEW_SUM);
  for (guint s = 0; s < G_N_ELEMENTS (m->review_counts); s++)
    m->review_counts[s] = mc_server_count_at (result, row, COL_REVIEW_COUNTS + s);
  mc_sales_metrics_finish (m, mc_server_number_at (result, row, COL_REVENUE), mc_server_number_at (result, row, COL_LIST_TOTAL),
                           mc_server_number_at (result, row, COL_PAID_FOR_LISTED), run->years);
}

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  return mc_compare_text (((const McMetricsGroup *) a)->key, ((const McMetricsGroup *) b)->key);
}

static void
group_clear (gpointer data)
{
  g_free (((McMetricsGroup *) data)->key);
}

/* The figures of each value of GROUPING, in the column store's order;
 * values only lines without money have are no group. */
static GArray *
run_sales (Run             *run,
           const Grouping  *grouping,
           GError         **error)
{
  g_autoptr(GString) histogram = g_string_new (NULL);
  g_autofree char *sql = NULL;
  g_autoptr(PGresult) result = NULL;
  GArray *groups;

  for (guint s = 0; s <= 10; s++)
    g_string_append_printf (histogram, ", count(*) FILTER (WHERE counts AND rating IS NOT NULL AND "
                            "least (greatest (round (rating::numeric), 0), 10) = %u)", s);
  sql = g_strdup_printf (sales_sql, grouping->key_sql, histogram->str);
  /* Translators: what Mercato was doing when the server answered with an error. */
  result = mc_server_run_aggregate (&run->server, _("computing the sales figures"), sql, error);
  if (result == NULL)
    return NULL;
  groups = g_array_new (FALSE, TRUE, sizeof (McMetricsGroup));
  g_array_set_clear_func (groups, group_clear);
  for (int r = 0; r < PQntuples (result); r++)
    {
      McMetricsGroup group = { g_strdup (PQgetvalue (result, r, COL_KEY)) };

      read_sales (run, result, r, &group.sales);
      if (group.sales.orders == 0 && group.sales.revenue == 0 && group.sales.units == 0)
        group_clear (&group);
      else
        g_array_append_val (groups, group);
    }
  g_array_sort (groups, compare_groups);
  return groups;
}

static gboolean
run_span (Run        *run,
          McMetrics  *metrics,
          GError    **error)
{
  g_autoptr(PGresult) result = mc_server_run_aggregate (&run->server, _("finding the span of the purchases"),
                                                        span_sql, error);

  if (result == NULL)
    return FALSE;
  if (mc_server_count_at (result, 0, 3) > 0)
    {
      run->years = (mc_server_number_at (result, 0, 1) - mc_server_number_at (result, 0, 0) + 1) / 365.25;
      metrics->outlying_days = mc_server_count_at (result, 0, 2);
    }
  metrics->span_years = run->years;
  return TRUE;
}

/* The one currency of every purchase, or the figures per currency. */
static gboolean
run_currency (Run        *run,
              McMetrics  *metrics,
              GError    **error)
{
  g_autoptr(PGresult) result = NULL;

  if (run->query->currency_code != NULL)
    {
      metrics->currency = g_strdup (run->query->currency_code);
      return TRUE;
    }
  if (run->query->fields[MC_PURCHASES_CURRENCY] == NULL)
    return TRUE;
  if ((result = mc_server_run_aggregate (&run->server, _("finding the currencies of the purchases"),
                                         currencies_sql, error)) == NULL)
    return FALSE;
  if (mc_server_count_at (result, 0, 0) == 1)
    metrics->currency = g_strdup (PQgetvalue (result, 0, 1));
  else
    metrics->by_currency = run_sales (run, &by_currency, error);
  return metrics->currency != NULL || metrics->by_currency != NULL;
}

static gboolean
run_groupings (Run        *run,
               McMetrics  *metrics,
               GError    **error)
{
  g_autoptr(GArray) all = NULL;
  const struct { const Grouping *grouping; GArray **groups; } wanted[] = {
    { &by_platform, &metrics->by_platform },
    { &by_month, &metrics->by_month },
    { &by_product_type, &metrics->by_product_type },
  };

  if ((all = run_sales (run, &overall, error)) == NULL)
    return FALSE;
  if (all->len > 0)
    metrics->overall = g_array_index (all, McMetricsGroup, 0).sales;
  else
    read_sales (run, NULL, -1, &metrics->overall);
  for (guint i = 0; i < G_N_ELEMENTS (wanted); i++)
    if (run->query->fields[wanted[i].grouping->field] != NULL
        && (*wanted[i].groups = run_sales (run, wanted[i].grouping, error)) == NULL)
      return FALSE;
  return run_currency (run, metrics, error);
}

McMetrics *
mc_metrics_sql_compute_query (McDataset         *dataset,
                              McPurchasesQuery  *query,
                              GCancellable      *cancellable,
                              GError           **error)
{
  Run run = { .query = query };
  g_autoptr(McMetrics) metrics = NULL;
  gboolean ok;

  g_return_val_if_fail (MC_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  metrics = g_new0 (McMetrics, 1);
  ok = mc_server_run_open (&run.server, query, cancellable, error)
       && (query->fields[MC_PURCHASES_TIME] == NULL || run_span (&run, metrics, error))
       && run_groupings (&run, metrics, error);
  mc_server_run_close (&run.server);
  if (!ok)
    return NULL;
  metrics->warnings = mc_metrics_span_warnings (metrics->span_years, metrics->outlying_days,
                                                query->fields[MC_PURCHASES_TIME] != NULL);
  metrics->pushed_down = TRUE;
  return g_steal_pointer (&metrics);
}

/**
 * mc_metrics_sql_add_visits:
 *
 * The visit figures of METRICS, counted on the server with QUERY's
 * purchases as the buyers; in memory, with PURCHASES (NULL: all of
 * DATASET's) as the buyers and a warning saying why, when they cannot be.
 */
void
mc_metrics_sql_add_visits (McMetrics        *metrics,
                           McDataset        *dataset,
                           McPurchasesQuery *query,
                           McTable          *purchases,
                           GCancellable     *cancellable)
{
  McServerRun run;
  g_autoptr(GError) error = NULL;
  char *not_pushed_down;
  gboolean ok;

  g_return_if_fail (MC_IS_DATASET (dataset));
  g_return_if_fail (query != NULL);

  ok = mc_server_run_open (&run, query, cancellable, &error) && mc_visits_sql_add_metrics (&run, dataset, metrics, &error);
  mc_server_run_close (&run);
  if (ok || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  metrics->has_visits = FALSE;
  g_clear_pointer (&metrics->visits_by_month, g_array_unref);
  if (purchases != NULL)
    mc_metrics_add_visits_for (metrics, dataset, purchases);
  else
    mc_metrics_add_visits (metrics, dataset);
  mc_server_say_not_pushed_down (&not_pushed_down,
                                 _("The visit figures were computed in memory, not on the database's server"), error);
  if (not_pushed_down != NULL)
    g_ptr_array_add (metrics->warnings, not_pushed_down);
}

void
mc_metrics_sql_set_enabled (McDataset *dataset,
                            gboolean   enabled)
{
  g_return_if_fail (MC_IS_DATASET (dataset));

  mc_server_set_enabled (dataset, enabled);
}

McMetrics *
mc_metrics_sql_compute (McDataset     *dataset,
                        GCancellable  *cancellable,
                        char         **not_pushed_down)
{
  g_autoptr(McPurchasesQuery) query = NULL;
  g_autoptr(GError) error = NULL;
  McMetrics *metrics;

  g_return_val_if_fail (MC_IS_DATASET (dataset), NULL);

  if (not_pushed_down != NULL)
    *not_pushed_down = NULL;
  if ((query = mc_server_purchases_query (dataset)) == NULL)
    return NULL;
  metrics = mc_metrics_sql_compute_query (dataset, query, cancellable, &error);
  if (metrics == NULL)
    {
      if (not_pushed_down != NULL)
        mc_server_say_not_pushed_down (not_pushed_down,
                                       _("The figures were computed in memory, not on the database's server"), error);
      return NULL;
    }
  mc_metrics_sql_add_visits (metrics, dataset, query, NULL, cancellable);
  g_ptr_array_add (metrics->warnings, g_strdup (_("The figures were computed on the database's server.")));
  return metrics;
}
