/* mc-patterns-sql.c: trends, cohorts and repeat orders counted on a database's server
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-patterns"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "mc-patterns-sql.h"
#include "mc-pg-connection.h"
#include "mc-push-down.h"
#include "mc-server-run.h"
#include "mc-sql-private.h"
#include "mc-visits-sql.h"

/* As orders_init() in mc-patterns.c: purchases with a customer, a time
 * and money (credit notes too) become orders, at their first time
 * (a date at its midnight); months are year × 12 + month − 1; each
 * order knows its customer's first month, number of orders, and the
 * days since their order before. */
static const char orders_sql[] =
  ", r AS (SELECT customer, t AS time, amount, (extract (year FROM t) * 12 + extract (month FROM t) - 1)::integer "
  "  AS month, CASE WHEN order_id IS NULL THEN 'r' || row_number () OVER () ELSE 'o' || order_id END AS o "
  "  FROM (SELECT *, time::timestamp AS t FROM purchases "
  "    WHERE customer IS NOT NULL AND day IS NOT NULL AND amount IS NOT NULL) p), "
  "o AS (SELECT customer, min (time) AS time, sum (amount::numeric) AS amount FROM r GROUP BY customer, o), "
  "c AS (SELECT customer, time, amount, month, min (month) OVER (PARTITION BY customer) AS cohort, "
  "  count(*) OVER (PARTITION BY customer) AS n_orders, "
  "  extract (epoch FROM time - lag (time) OVER (PARTITION BY customer ORDER BY time)) / 86400 AS gap "
  "  FROM (SELECT *, (extract (year FROM time) * 12 + extract (month FROM time) - 1)::integer AS month FROM o) m) ";

/* The months of the rows, not only of the orders' first ones. */
/* The span, and whether any purchase has a time of day (timestamps all
 * at midnight are dates, as mc-patterns.c has it). */
static const char span_sql[] =
  "SELECT min (month), max (month), bool_or (extract (epoch FROM time) % 86400 <> 0) FROM r";

static const char months_sql[] =
  "SELECT month, count(*), sum (amount), count(DISTINCT customer) FILTER (WHERE month = cohort), "
  "  count(DISTINCT customer) FILTER (WHERE month <> cohort) FROM c GROUP BY month";

static const char cohorts_sql[] =
  "SELECT cohort, month - cohort, count(DISTINCT customer), sum (amount) FROM c GROUP BY cohort, month";

static const char week_sql[] =
  "SELECT extract (isodow FROM time)::integer - 1, extract (hour FROM time)::integer, count(*), sum (amount) "
  "FROM c GROUP BY 1, 2";

static const char repeat_sql[] =
  "SELECT count(DISTINCT customer), count(DISTINCT customer) FILTER (WHERE n_orders >= 2), count(gap), avg (gap), "
  "  percentile_cont (0.25) WITHIN GROUP (ORDER BY gap), percentile_cont (0.5) WITHIN GROUP (ORDER BY gap), "
  "  percentile_cont (0.75) WITHIN GROUP (ORDER BY gap) FROM c";

static const char buyers_sql[] =
  "SELECT customer, (extract (epoch FROM min (time)) * 1000000)::bigint FROM o GROUP BY customer";

typedef struct
{
  McServerRun  server;
  gint32       first_month;
  gint32       n_months;
  char        *visits_in_memory;   /* why the visit patterns were computed in memory */
} Run;

/* Runs SELECT over the orders. */
static PGresult *
run_over_orders (Run         *run,
                 const char  *doing,
                 const char  *select,
                 GError     **error)
{
  g_autofree char *sql = g_strconcat (orders_sql, select, NULL);

  return mc_server_run_aggregate (&run->server, doing, sql, error);
}

static gint32
int_at (PGresult *result,
        int       row,
        int       column)
{
  return (gint32) g_ascii_strtoll (PQgetvalue (result, row, column), NULL, 10);
}

static void
read_months (Run        *run,
             PGresult   *result,
             McPatterns *self)
{
  for (int r = 0; r < PQntuples (result); r++)
    {
      McMonth *month = &g_array_index (self->months, McMonth, int_at (result, r, 0) - run->first_month);

      month->orders = mc_server_count_at (result, r, 1);
      month->revenue = mc_server_number_at (result, r, 2);
      month->new_customers = mc_server_count_at (result, r, 3);
      month->returning_customers = mc_server_count_at (result, r, 4);
    }
}

static void
read_cohorts (Run        *run,
              PGresult   *result,
              McPatterns *self)
{
  for (int r = 0; r < PQntuples (result); r++)
    {
      gint32 cohort = int_at (result, r, 0) - run->first_month;
      guint after = (guint) int_at (result, r, 1);
      McCohort *joined = &g_array_index (self->cohorts, McCohort, cohort);

      if (joined->retention->len == 0)
        g_array_set_size (joined->retention, mc_patterns_retention_length (run->n_months, cohort));
      /* Every customer orders in their first month. */
      if (after == 0)
        joined->customers = mc_server_count_at (result, r, 2);
      joined->revenue += mc_server_number_at (result, r, 3);
      if (after < joined->retention->len)
        g_array_index (joined->retention, double, after) = mc_server_count_at (result, r, 2);
    }
}

static void
read_week (PGresult   *result,
           McPatterns *self)
{
  for (int r = 0; r < PQntuples (result); r++)
    {
      int day = int_at (result, r, 0), hour = int_at (result, r, 1);

      self->orders_by_weekday_hour[day][hour] = mc_server_count_at (result, r, 2);
      self->revenue_by_weekday_hour[day][hour] = mc_server_number_at (result, r, 3);
    }
}

static void
read_repeat (PGresult   *result,
             McPatterns *self)
{
  self->customers = mc_server_count_at (result, 0, 0);
  self->repeat_customers = mc_server_count_at (result, 0, 1);
  _mc_sql_read_days (result, 0, 2, &self->days_between_orders);
}

/* The buyers' first orders, for the visit patterns counted in memory. */
static gboolean
add_visits_in_memory (Run         *run,
                      McDataset   *dataset,
                      McPatterns  *self,
                      GError     **error)
{
  g_autoptr(PGresult) result = NULL;
  g_autoptr(GPtrArray) buyers = NULL;
  g_autofree gint64 *first_order = NULL;

  if (!mc_patterns_want_buyers (dataset))
    {
      mc_patterns_add_visits (self, dataset, NULL, NULL);
      return TRUE;
    }
  /* Translators: what Mercato was doing when the server answered with an error. */
  if ((result = run_over_orders (run, _("finding each buyer's first order"), buyers_sql, error)) == NULL)
    return FALSE;
  buyers = g_ptr_array_new_full (PQntuples (result), g_free);
  first_order = g_new (gint64, MAX (PQntuples (result), 1));
  for (int r = 0; r < PQntuples (result); r++)
    {
      g_ptr_array_add (buyers, g_strdup (PQgetvalue (result, r, 0)));
      first_order[r] = g_ascii_strtoll (PQgetvalue (result, r, 1), NULL, 10);
    }
  mc_patterns_add_visits (self, dataset, buyers, first_order);
  return TRUE;
}

/* The visit patterns and the funnel, of the buyers' first orders on the
 * server; when the visits cannot be counted there, in memory, and
 * RUN's visits_in_memory says why. */
static gboolean
add_visits (Run         *run,
            McDataset   *dataset,
            McPatterns  *self,
            GError     **error)
{
  g_autoptr(GError) visits_error = NULL;
  guint n_params = run->server.params->len;

  if (mc_visits_sql_add_patterns (&run->server, dataset, self, &visits_error))
    return TRUE;
  /* The visits' parameters, which the orders' query would not use. */
  g_ptr_array_set_size (run->server.params, n_params);
  if (g_error_matches (visits_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&visits_error));
      return FALSE;
    }
  mc_server_say_not_pushed_down (&run->visits_in_memory,
                                 _("The visit patterns and the funnel were computed in memory, not on the database's "
                                   "server"), visits_error);
  self->has_visits = self->has_visit_hours = FALSE;
  memset (self->visits_by_weekday_hour, 0, sizeof self->visits_by_weekday_hour);
  g_clear_pointer (&self->funnel, g_array_unref);
  return add_visits_in_memory (run, dataset, self, error);
}

/* The patterns' span, or NULL without an order (the column store's
 * error to give, with no error here). */
static McPatterns *
new_span (Run               *run,
          McPurchasesQuery  *query,
          GError           **error)
{
  /* Translators: what Mercato was doing when the server answered with an error. */
  g_autoptr(PGresult) result = run_over_orders (run, _("finding the months of the purchases"), span_sql, error);

  if (result == NULL || PQgetisnull (result, 0, 0))
    return NULL;
  run->first_month = int_at (result, 0, 0);
  run->n_months = int_at (result, 0, 1) - run->first_month + 1;
  return mc_patterns_new_span (run->first_month, run->n_months,
                               query->fields[MC_PURCHASES_TIME]->column->type == MC_COLUMN_TYPE_DATETIME
                               && g_str_equal (PQgetvalue (result, 0, 2), "t"));
}

static McPatterns *
run_patterns (Run               *run,
              McDataset         *dataset,
              McPurchasesQuery  *query,
              GError           **error)
{
  g_autoptr(McPatterns) self = NULL;
  g_autoptr(PGresult) months = NULL;
  g_autoptr(PGresult) cohorts = NULL;
  g_autoptr(PGresult) week = NULL;
  g_autoptr(PGresult) repeat = NULL;

  if ((self = new_span (run, query, error)) == NULL
      /* Translators: what Mercato was doing when the server answered with an error. */
      || (months = run_over_orders (run, _("counting the orders of each month"), months_sql, error)) == NULL
      /* Translators: what Mercato was doing when the server answered with an error. */
      || (cohorts = run_over_orders (run, _("following the customers of each month"), cohorts_sql, error)) == NULL
      /* Translators: what Mercato was doing when the server answered with an error. */
      || (week = run_over_orders (run, _("counting the orders by weekday and hour"), week_sql, error)) == NULL
      /* Translators: what Mercato was doing when the server answered with an error. */
      || (repeat = run_over_orders (run, _("measuring the days between orders"), repeat_sql, error)) == NULL)
    return NULL;
  read_months (run, months, self);
  read_cohorts (run, cohorts, self);
  read_week (week, self);
  read_repeat (repeat, self);
  mc_patterns_finish (self);
  if (!add_visits (run, dataset, self, error))
    return NULL;
  return g_steal_pointer (&self);
}

McPatterns *
mc_patterns_sql_compute_query (McDataset         *dataset,
                               McPurchasesQuery  *query,
                               GCancellable      *cancellable,
                               char             **visits_in_memory,
                               GError           **error)
{
  Run run = { 0 };
  McPatterns *self = NULL;

  g_return_val_if_fail (MC_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (query->fields[MC_PURCHASES_CUSTOMER] == NULL || query->fields[MC_PURCHASES_TIME] == NULL)
    {
      g_set_error_literal (error, MC_PG_ERROR, MC_PG_ERROR_QUERY,
                           _("purchase patterns need purchases with a customer, a purchase time and an amount"));
      return NULL;
    }
  if (mc_server_run_open (&run.server, query, cancellable, error))
    self = run_patterns (&run, dataset, query, error);
  mc_server_run_close (&run.server);
  mc_push_down_say_why (visits_in_memory, self != NULL ? g_steal_pointer (&run.visits_in_memory) : NULL);
  g_free (run.visits_in_memory);
  return self;
}

McPatterns *
mc_patterns_sql_compute (McDataset     *dataset,
                         GCancellable  *cancellable,
                         char         **not_pushed_down)
{
  g_autoptr(McPurchasesQuery) query = NULL;
  g_autoptr(GError) error = NULL;
  McPatterns *self;

  g_return_val_if_fail (MC_IS_DATASET (dataset), NULL);

  *not_pushed_down = NULL;
  if ((query = mc_server_purchases_query (dataset)) == NULL
      || query->fields[MC_PURCHASES_CUSTOMER] == NULL || query->fields[MC_PURCHASES_TIME] == NULL)
    return NULL;
  /* The patterns from the server, their visits perhaps not: the reason
   * is handed on all the same. */
  if ((self = mc_patterns_sql_compute_query (dataset, query, cancellable, not_pushed_down, &error)) == NULL)
    mc_server_say_not_pushed_down (not_pushed_down,
                                   _("The purchase patterns were computed in memory, not on the database's server"),
                                   error);
  return self;
}
