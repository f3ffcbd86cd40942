/* mc-visits-sql.c: the visit figures and the funnel counted on a database's server
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-visits"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>

#include "mc-model.h"
#include "mc-pg-table.h"
#include "mc-sql-private.h"
#include "mc-visit-index.h"
#include "mc-visits-sql.h"

/* The visits as the visit index reads them, one row per row of the
 * table: the visitor's id as a key's text (NULL where the column store
 * has none), the start (a timestamp; NULL when missing), the minutes as
 * mc_visit_minutes() has them, the session and type ids, and whether
 * the visit ended in a purchase (is_purchasing_visit(): an order id, or
 * a type that says so, its ASCII letters lowered). Not materialized:
 * each query computes only the columns it reads. */
static const char visits_sql[] =
  ", visits AS NOT MATERIALIZED (SELECT %s AS visitor, CASE WHEN pg_catalog.isfinite (%s) THEN %s::timestamp END AS start, "
  "  %s AS minutes, %s AS session, %s AS type, coalesce (%s, false) AS purchasing FROM %s)";

static const char purchasing_type_sql[] =
  "pg_catalog.translate (%s, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') "
  "~ 'purchas|checkout|order|buy'";

/* The buyers of the purchases, as count_buyers() and orders_init() take
 * them: a customer, a time and money (credit notes too). */
#define BUYS "customer IS NOT NULL AND day IS NOT NULL AND amount IS NOT NULL"

/* All visits (the grouping set without a month) and those of each
 * month of a start, with the visitors of each who bought (ever, or in
 * that month); the visits are read once, the months sorted once. */
static const char metrics_sql[] =
  ", v AS (SELECT visitor, minutes, session, purchasing, pg_catalog.date_trunc ('month', start) AS month FROM visits), "
  "buys AS (SELECT DISTINCT customer, pg_catalog.date_trunc ('month', time::timestamp) AS month FROM purchases "
  "  WHERE " BUYS "), "
  "per AS (SELECT GROUPING (month) AS whole, month, visitor, count(*) AS n FROM v WHERE visitor IS NOT NULL "
  "  GROUP BY GROUPING SETS ((month, visitor), (visitor))), "
  "who AS (SELECT per.whole, per.month, count(*) FILTER (WHERE per.n >= 2) AS repeaters, "
  "  count(e.customer) + count(b.customer) AS bought FROM per "
  "  LEFT JOIN (SELECT DISTINCT customer FROM buys) e ON per.whole = 1 AND e.customer = per.visitor "
  "  LEFT JOIN buys b ON per.whole = 0 AND b.customer = per.visitor AND b.month = per.month "
  "  GROUP BY per.whole, per.month), "
  "a AS (SELECT GROUPING (month) AS whole, month, count(*) AS visits, count(DISTINCT visitor) AS visitors, "
  "  count(*) FILTER (WHERE purchasing) AS purchasing, count(session) AS events, count(DISTINCT session) AS sessions, "
  "  count(minutes) AS timed, avg (minutes) AS mean, percentile_cont (0.5) WITHIN GROUP (ORDER BY minutes) AS median "
  "  FROM v GROUP BY GROUPING SETS ((month), ())) "
  "SELECT a.whole, pg_catalog.to_char (a.month, 'YYYY-MM'), a.visits, a.visitors, a.purchasing, a.events, a.sessions, "
  "  a.timed, a.mean, a.median, who.repeaters, who.bought "
  "FROM a LEFT JOIN who ON who.whole = a.whole AND who.month IS NOT DISTINCT FROM a.month "
  "WHERE a.whole = 1 OR a.month IS NOT NULL ORDER BY a.whole DESC, a.month";

enum { COL_WHOLE, COL_GROUP, COL_VISITS, COL_VISITORS, COL_PURCHASING, COL_EVENTS, COL_SESSIONS, COL_TIMED, COL_MEAN,
       COL_MEDIAN, COL_REPEATERS, COL_BOUGHT };

static const char hours_sql[] =
  " SELECT extract (isodow FROM start)::integer - 1, extract (hour FROM start)::integer, count(*) FROM visits "
  "WHERE start IS NOT NULL GROUP BY 1, 2";

/* The visitors, starts and types, read once; each buyer's first order
 * (a date at its midnight); each visitor's
 * first dated visit, and first of each type; the buyers' visits up to
 * their first order (on its day, for dates: %s is a visit's start as it
 * compares with orders). */
static const char journeys_sql[] =
  ", vt AS MATERIALIZED (SELECT visitor, start, type FROM visits), "
  "fo AS (SELECT customer, min (time::timestamp) AS first FROM purchases WHERE " BUYS " GROUP BY customer), "
  "fv AS (SELECT visitor, min (start) AS first FROM vt WHERE visitor IS NOT NULL AND start IS NOT NULL "
  "  GROUP BY visitor), "
  "ft AS (SELECT visitor, type, min (start) AS first FROM vt "
  "  WHERE visitor IS NOT NULL AND start IS NOT NULL AND type IS NOT NULL GROUP BY visitor, type), "
  "bv AS (SELECT v.type FROM vt v JOIN fo ON fo.customer = v.visitor WHERE %s <= fo.first) ";

#define MICROS(x) "(extract (epoch FROM " x ") * 1000000)::int8"

/* Per type, its visitors, their days from the first visit to the first
 * of the type summed, and the buyers' visits of it so far; then a row
 * without a type: the visitors, the buyers who visited, all the buyers'
 * visits so far. */
static const char funnel_sql[] =
  ", tv AS (SELECT ft.type, count(*) AS visitors, "
  "  sum ((" MICROS ("ft.first") " - " MICROS ("fv.first") ")::float8 / 86400e6) AS days "
  "  FROM ft JOIN fv ON fv.visitor = ft.visitor GROUP BY ft.type), "
  "tb AS (SELECT type, count(*) AS n FROM bv WHERE type IS NOT NULL GROUP BY type) "
  "SELECT t.type, coalesce (tv.visitors, 0), coalesce (tv.days, 0), coalesce (tb.n, 0) "
  "FROM (SELECT DISTINCT type FROM vt WHERE type IS NOT NULL) t "
  "  LEFT JOIN tv ON tv.type = t.type LEFT JOIN tb ON tb.type = t.type "
  "UNION ALL SELECT NULL, (SELECT count(DISTINCT visitor) FROM vt), "
  "  (SELECT count(*) FROM fo WHERE customer IN (SELECT visitor FROM vt)), (SELECT count(*) FROM bv)";

/* Days from each buyer's first visit (%s: as it compares with orders)
 * to their first order, when that is not before it. */
static const char first_order_sql[] =
  ", d AS (SELECT (" MICROS ("fo.first") " - " MICROS ("f.first") ")::float8 / 86400e6 AS days "
  "  FROM (SELECT visitor, %s AS first FROM fv) f JOIN fo ON fo.customer = f.visitor WHERE f.first <= fo.first) "
  "SELECT count(*), avg (days), percentile_cont (0.25) WITHIN GROUP (ORDER BY days), "
  "  percentile_cont (0.5) WITHIN GROUP (ORDER BY days), percentile_cont (0.75) WITHIN GROUP (ORDER BY days) FROM d";

typedef struct
{
  McTable  *table;        /* NULL: no visits */
  McColumn *start;
  gboolean  has_visitor;
  char     *cte;          /* ", visits AS (…)" */
} Visits;

static void
visits_clear (Visits *visits)
{
  g_clear_pointer (&visits->cte, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Visits, visits_clear)

/* COLUMN (NULL: none to read) of the visits, as "t"."name"; FALSE,
 * ERROR saying why, when the visits are in another database or schema
 * than the purchases or COLUMN's server type is none of TYPES. */
static gboolean
on_server (McServerRun  *run,
           Visits       *visits,
           McColumn     *column,
           const char   *types,
           char        **sql,
           GError      **error)
{
  const McPgOrigin *source = mc_pg_table_get_origin (run->query->source);
  g_autofree char *anywhere = NULL;

  if (column == NULL
      || (*sql = _mc_sql_column_on_server (&run->connection, source, visits->table, column, types)) != NULL)
    return TRUE;
  if ((anywhere = _mc_sql_column_on_server (&run->connection, source, visits->table, column, NULL)) == NULL)
    /* Translators: %s is a table. */
    g_set_error (error, MC_PG_ERROR, MC_PG_ERROR_QUERY,
                 _("the visits table %s is not in the purchases' database and schema"),
                 mc_table_get_name (visits->table));
  else
    /* Translators: the first %s is a column, the second a table. */
    g_set_error (error, MC_PG_ERROR, MC_PG_ERROR_QUERY,
                 _("column %s of the visits table %s is no date or timestamp on the server (store it as one to "
                   "have the visits counted there)"),
                 column->name, mc_table_get_name (visits->table));
  return FALSE;
}

static char *
key_text_or_null (McServerRun *run,
                  McColumn    *column,
                  const char  *quoted)
{
  return column != NULL ? _mc_sql_key_text (run->params, column, quoted) : g_strdup ("NULL::text");
}

/* Whether each visit ended in a purchase, as is_purchasing_visit(). */
static char *
purchasing_sql (McServerRun *run,
                McColumn    *order,
                const char  *order_sql,
                const char  *type_text)
{
  g_autofree char *order_text = NULL;

  if (order != NULL)
    {
      order_text = _mc_sql_key_text (run->params, order, order_sql);
      return g_strdup_printf ("%s IS NOT NULL", order_text);
    }
  return type_text != NULL ? g_strdup_printf (purchasing_type_sql, type_text) : g_strdup ("false");
}

/* The visits' CTE, its parameters added to RUN's; FALSE with ERROR when
 * the visits are not on the purchases' server. Without a visits table,
 * TRUE with VISITS->table NULL. */
static gboolean
visits_prepare (Visits       *visits,
                McServerRun  *run,
                McDataset    *dataset,
                GError      **error)
{
  McColumn *customer, *end, *type, *order, *session;
  g_autofree char *visitor_sql = NULL, *start_sql = NULL, *end_sql = NULL, *type_sql = NULL, *order_sql = NULL;
  g_autofree char *session_sql = NULL, *visitor = NULL, *minutes = NULL, *kind = NULL, *id = NULL;
  g_autofree char *purchasing = NULL, *from = NULL;

  *visits = (Visits) { NULL };
  if ((visits->table = mc_model_find_visits (dataset, &visits->start)) == NULL)
    return TRUE;
  customer = mc_table_find_role (visits->table, MC_ROLE_CUSTOMER_ID);
  end = mc_table_find_role (visits->table, MC_ROLE_VISIT_END);
  type = mc_table_find_role (visits->table, MC_ROLE_EVENT_TYPE);
  order = mc_table_find_role (visits->table, MC_ROLE_ORDER_ID);
  session = customer != NULL ? mc_visit_index_find_session (visits->table) : NULL;
  visits->has_visitor = customer != NULL;
  if (!on_server (run, visits, visits->start, MC_SQL_TIME_TYPES, &start_sql, error)
      || !on_server (run, visits, customer, NULL, &visitor_sql, error)
      || !on_server (run, visits, end, MC_SQL_TIME_TYPES, &end_sql, error)
      || !on_server (run, visits, type, NULL, &type_sql, error)
      || !on_server (run, visits, order, NULL, &order_sql, error)
      || !on_server (run, visits, session, NULL, &session_sql, error))
    return FALSE;
  visitor = key_text_or_null (run, customer, visitor_sql);
  minutes = end != NULL ? _mc_sql_visit_minutes (visits->start, start_sql, end_sql) : g_strdup ("NULL::float8");
  id = key_text_or_null (run, session, session_sql);
  kind = key_text_or_null (run, type, type_sql);
  purchasing = purchasing_sql (run, order, order_sql, type != NULL ? kind : NULL);
  from = _mc_sql_table_on_server (&run->connection, visits->table);
  visits->cte = g_strdup_printf (visits_sql, visitor, start_sql, start_sql, minutes, id, kind, purchasing, from);
  return TRUE;
}

/* Runs "the visits' CTE, MORE, SELECT" over RUN's purchases. */
static PGresult *
run_over_visits (McServerRun  *run,
                 Visits       *visits,
                 const char   *doing,
                 const char   *select,
                 GError      **error)
{
  g_autofree char *sql = g_strconcat (visits->cte, select, NULL);

  return mc_server_run_aggregate (run, doing, sql, error);
}

/* A group's figures, finished as the visit index finishes them. */
static void
read_group (PGresult       *result,
            int             row,
            gboolean        has_sessions,
            McVisitMetrics *m)
{
  *m = (McVisitMetrics) { 0 };
  m->visits = mc_server_count_at (result, row, COL_VISITS);
  m->visitors = mc_server_count_at (result, row, COL_VISITORS);
  m->has_sessions = has_sessions;
  m->mean_minutes = _mc_sql_number_or_nan (result, row, COL_MEAN);
  m->median_minutes = _mc_sql_number_or_nan (result, row, COL_MEDIAN);
  mc_visit_metrics_finish (m, mc_server_count_at (result, row, COL_PURCHASING),
                           mc_server_count_at (result, row, COL_REPEATERS), mc_server_count_at (result, row, COL_BOUGHT),
                           mc_server_count_at (result, row, COL_EVENTS), mc_server_count_at (result, row, COL_SESSIONS));
}

static void
visit_group_clear (gpointer data)
{
  g_free (((McVisitGroup *) data)->key);
}

static void
read_metrics (PGresult  *result,
              gboolean   has_sessions,
              McMetrics *metrics)
{
  metrics->has_visits = TRUE;
  metrics->visits = (McVisitMetrics) { .has_sessions = has_sessions, .mean_minutes = NAN, .median_minutes = NAN };
  metrics->visits_by_month = g_array_new (FALSE, TRUE, sizeof (McVisitGroup));
  g_array_set_clear_func (metrics->visits_by_month, visit_group_clear);
  for (int r = 0; r < PQntuples (result); r++)
    {
      McVisitGroup group = { NULL };

      if (mc_server_count_at (result, r, COL_WHOLE) == 1)
        {
          read_group (result, r, has_sessions, &metrics->visits);
          continue;
        }
      group.key = g_strdup (PQgetvalue (result, r, COL_GROUP));
      read_group (result, r, has_sessions, &group.visits);
      g_array_append_val (metrics->visits_by_month, group);
    }
}

gboolean
mc_visits_sql_add_metrics (McServerRun  *run,
                           McDataset    *dataset,
                           McMetrics    *metrics,
                           GError      **error)
{
  g_auto(Visits) visits = { NULL };
  g_autoptr(PGresult) result = NULL;

  g_return_val_if_fail (run != NULL && run->purchases != NULL, FALSE);
  g_return_val_if_fail (metrics != NULL, FALSE);

  /* Conversion matches visitors to buyers by their customer id. */
  if (run->query->fields[MC_PURCHASES_CUSTOMER] == NULL || run->query->fields[MC_PURCHASES_TIME] == NULL)
    return TRUE;
  if (!visits_prepare (&visits, run, dataset, error))
    return FALSE;
  if (visits.table == NULL || !visits.has_visitor)
    return TRUE;
  /* Translators: what Mercato was doing when the server answered with an error. */
  if ((result = run_over_visits (run, &visits, _("counting the visits of each month"), metrics_sql, error)) == NULL)
    return FALSE;
  read_metrics (result, mc_visit_index_find_session (visits.table) != NULL, metrics);
  return TRUE;
}

static void
read_hours (PGresult   *result,
            McPatterns *self)
{
  for (int r = 0; r < PQntuples (result); r++)
    self->visits_by_weekday_hour[atoi (PQgetvalue (result, r, 0))][atoi (PQgetvalue (result, r, 1))] =
      mc_server_count_at (result, r, 2);
}

static void
read_funnel (PGresult   *result,
             McPatterns *self)
{
  int n = PQntuples (result), n_types = n - 1;
  g_autoptr(GPtrArray) types = g_ptr_array_new ();
  g_autofree gsize *type_visitors = g_new0 (gsize, MAX (n_types, 1));
  g_autofree double *type_days = g_new0 (double, MAX (n_types, 1));
  g_autofree double *before = g_new0 (double, n_types + 1);
  int t = 0, total = n_types;

  /* The row without a type is the totals'; the types keep their order. */
  for (int r = 0; r < n; r++)
    {
      if (PQgetisnull (result, r, 0))
        {
          total = r;
          continue;
        }
      g_ptr_array_add (types, PQgetvalue (result, r, 0));
      type_visitors[t] = mc_server_count_at (result, r, 1);
      type_days[t] = mc_server_number_at (result, r, 2);
      before[t++] = mc_server_number_at (result, r, 3);
    }
  before[n_types] = mc_server_number_at (result, total, 3);
  mc_patterns_set_funnel (self, types, type_visitors, type_days, before, mc_server_count_at (result, total, 1),
                          mc_server_count_at (result, total, 2), mc_server_count_at (result, total, 2));
}

/* The funnel and the days to the first order of the buyers. */
static gboolean
add_journeys (McServerRun  *run,
              Visits       *visits,
              McPatterns   *self,
              GError      **error)
{
  /* Orders with dates only compare with the day of a visit (as_order_time()). */
  const char *as_order = self->has_hours ? "%s" : "pg_catalog.date_trunc ('day', %s)";
  g_autofree char *visit_start = g_strdup_printf (as_order, "v.start");
  g_autofree char *first_visit = g_strdup_printf (as_order, "first");
  g_autofree char *journeys = g_strdup_printf (journeys_sql, visit_start);
  g_autofree char *funnel = g_strconcat (journeys, funnel_sql, NULL);
  g_autofree char *days_sql = g_strdup_printf (first_order_sql, first_visit);
  g_autofree char *first_order = g_strconcat (journeys, days_sql, NULL);
  g_autoptr(PGresult) stages = NULL;
  g_autoptr(PGresult) days = NULL;

  /* Translators: what Mercato was doing when the server answered with an error. */
  if ((stages = run_over_visits (run, visits, _("following the visitors through the funnel"), funnel, error)) == NULL
      /* Translators: what Mercato was doing when the server answered with an error. */
      || (days = run_over_visits (run, visits, _("measuring the days from the first visit to the first order"),
                                  first_order, error)) == NULL)
    return FALSE;
  read_funnel (stages, self);
  _mc_sql_read_days (days, 0, 0, &self->days_to_first_order);
  return TRUE;
}

gboolean
mc_visits_sql_add_patterns (McServerRun  *run,
                            McDataset    *dataset,
                            McPatterns   *patterns,
                            GError      **error)
{
  g_auto(Visits) visits = { NULL };
  g_autoptr(PGresult) hours = NULL;

  g_return_val_if_fail (run != NULL && run->purchases != NULL, FALSE);
  g_return_val_if_fail (patterns != NULL, FALSE);

  if (!visits_prepare (&visits, run, dataset, error))
    return FALSE;
  if (visits.table == NULL)
    return TRUE;
  patterns->has_visit_hours = visits.start->type == MC_COLUMN_TYPE_DATETIME;
  if (patterns->has_visit_hours
      /* Translators: what Mercato was doing when the server answered with an error. */
      && (hours = run_over_visits (run, &visits, _("counting the visits by weekday and hour"), hours_sql, error)) == NULL)
    return FALSE;
  if (hours != NULL)
    read_hours (hours, patterns);
  if (!visits.has_visitor)
    return TRUE;
  patterns->has_visits = TRUE;
  return add_journeys (run, &visits, patterns, error);
}
