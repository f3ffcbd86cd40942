/* test-pg-visits.c: the visit figures and the funnel counted on the server
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run by run-pg-tests.sh, which names each database it loaded in
 * MERCATO_PG_<NAME>_URI and the folder of CSV files it loaded it from in
 * MERCATO_PG_<NAME>_CSV. Every visit figure, every month's, the visits
 * by weekday and hour, the days to the first order and every stage of
 * the funnel from the server must be the column store's from the CSV
 * files (whose figures are checked against pandas elsewhere), for all
 * the purchases and for a filter's, and only aggregates may come back:
 * a row per month of visits, per funnel stage, per weekday × hour cell.
 * Visits the server cannot compare are counted in memory, and the
 * figures say why.
 */
#include "config.h"

#include <math.h>

#include "mc-model.h"
#include "mc-metrics-sql.h"
#include "mc-patterns-sql.h"
#include "mc-purchase-selection.h"
#include "mc-server-run.h"
#include "mc-visits-sql.h"
#include "pg-test.h"

static void
assert_same_visit_patterns (const McPatterns *a,
                            const McPatterns *b)
{
  g_assert_cmpint (a->has_visit_hours, ==, b->has_visit_hours);
  for (int day = 0; day < 7; day++)
    for (int hour = 0; hour < 24; hour++)
      g_assert_cmpfloat (a->visits_by_weekday_hour[day][hour], ==, b->visits_by_weekday_hour[day][hour]);
  g_assert_cmpint (a->has_visits, ==, b->has_visits);
  if (!a->has_visits)
    return;
  assert_same_days (&a->days_to_first_order, &b->days_to_first_order);
  assert_same_funnel (a->funnel, b->funnel);
}

/* The visit figures of QUERY's buyers on the server: a row for all
 * visits and one per month of them come back, no visit. */
static void
visits_on_server (McDataset        *dataset,
                  McPurchasesQuery *query,
                  McMetrics        *metrics)
{
  g_autoptr(GError) error = NULL;
  guint64 before = mc_server_rows_fetched ();
  McServerRun run;

  g_assert_true (mc_server_run_open (&run, query, NULL, &error));
  g_assert_true (mc_visits_sql_add_metrics (&run, dataset, metrics, &error));
  g_assert_no_error (error);
  mc_server_run_close (&run);
  g_assert_cmpuint (mc_server_rows_fetched () - before, ==,
                    metrics->has_visits ? 1 + metrics->visits_by_month->len : 0);
}

/* The visit patterns of QUERY's buyers on the server: the weekday ×
 * hour cells with visits, the funnel's stages and a row of days. */
static void
visit_patterns_on_server (McDataset        *dataset,
                          McPurchasesQuery *query,
                          McPatterns       *patterns)
{
  g_autoptr(GError) error = NULL;
  guint64 before = mc_server_rows_fetched (), cells = 0;
  McServerRun run;

  g_assert_true (mc_server_run_open (&run, query, NULL, &error));
  g_assert_true (mc_visits_sql_add_patterns (&run, dataset, patterns, &error));
  g_assert_no_error (error);
  mc_server_run_close (&run);
  for (int day = 0; day < 7; day++)
    for (int hour = 0; hour < 24; hour++)
      cells += patterns->visits_by_weekday_hour[day][hour] > 0;
  g_assert_cmpuint (mc_server_rows_fetched () - before, ==, cells + (patterns->has_visits ? patterns->funnel->len + 1 : 0));
}

/* PURCHASES (a selection of the CSV files'; NULL: all) in memory, and
 * QUERY's on the server: the same visit figures and patterns. */
static void
assert_same_on_server (Pair             *pair,
                       McTable          *purchases,
                       McPurchasesQuery *query)
{
  g_autoptr(McTable) all = purchases == NULL ? mc_purchase_selection_new (pair->csv, NULL, 0) : NULL;
  g_autoptr(McMetrics) csv = NULL;
  g_autoptr(McPatterns) csv_patterns = NULL;
  g_autoptr(GError) error = NULL;
  McMetrics server = { 0 };
  g_autoptr(McPatterns) server_patterns = NULL;

  csv = mc_metrics_compute_for (pair->csv, purchases != NULL ? purchases : all, &error);
  g_assert_no_error (error);
  csv_patterns = mc_patterns_compute_for (pair->csv, purchases != NULL ? purchases : all, &error);
  g_assert_no_error (error);
  visits_on_server (pair->database, query, &server);
  assert_same_visit_metrics (csv, &server);
  g_clear_pointer (&server.visits_by_month, g_array_unref);
  /* Whether orders have times of day is the patterns' (test-pg-analyses
   * checks it); the visits compare with them as that says. */
  server_patterns = mc_patterns_new_span (0, 1, csv_patterns->has_hours);
  visit_patterns_on_server (pair->database, query, server_patterns);
  assert_same_visit_patterns (csv_patterns, server_patterns);
}

static void
test_whole (gconstpointer data)
{
  g_auto(Pair) pair;
  g_autoptr(McPurchasesQuery) query = NULL;
  g_autoptr(McMetrics) pushed = NULL;
  g_autoptr(McMetrics) csv = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *why = NULL;

  if (!pair_load (&pair, data))
    return;
  query = mc_purchases_query_new (pair.database, NULL);
  assert_same_on_server (&pair, NULL, query);
  /* The dataset's own figures: every one from the server, none said to
   * be computed in memory. */
  csv = mc_metrics_compute (pair.csv, &error);
  g_assert_no_error (error);
  pushed = mc_metrics_sql_compute (pair.database, NULL, &why);
  g_assert_null (why);
  g_assert_true (pushed->pushed_down);
  assert_same_visit_metrics (csv, pushed);
  g_assert_false (pg_test_says (pushed, "computed in memory"));
  g_assert_true (pg_test_says (pushed, "The figures were computed on the database's server."));
}

/* The purchases of the CSV files' whose channel is PLATFORM, and the
 * database's filtered to it. */
static void
test_filtered (gconstpointer data)
{
  g_auto(Pair) pair;
  g_autoptr(McTable) all = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(McTable) website = NULL;
  g_autoptr(McPurchasesQuery) query = NULL;
  const char *platform[] = { "Website", NULL };

  if (!pair_load (&pair, data))
    return;
  all = mc_purchase_selection_new (pair.csv, NULL, 0);
  rows = rows_of_platform (all, platform[0]);
  g_assert_cmpuint (rows->len, >, 0);
  g_assert_cmpuint (rows->len, <, mc_table_get_n_rows (all));
  website = mc_purchase_selection_new (pair.csv, (const gsize *) rows->data, rows->len);
  query = mc_purchases_query_new (pair.database, NULL);
  g_assert_true (mc_purchases_query_add_filter (query, MC_PURCHASES_CHANNEL, MC_FILTER_EQUALS, platform));
  assert_same_on_server (&pair, website, query);
}

/* Visits whose start the server keeps as text (the column store reads
 * it as a time): counted in memory, the same figures, and the warning
 * names the column. */
static void
test_in_memory (void)
{
  g_auto(Pair) pair;
  g_autoptr(McMetrics) csv = NULL;
  g_autoptr(McMetrics) pushed = NULL;
  g_autoptr(McPurchasesQuery) query = NULL;
  g_autoptr(McPatterns) csv_patterns = NULL;
  g_autoptr(McPatterns) patterns = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *why = NULL;
  g_autofree char *visits_in_memory = NULL;

  if (!pair_load (&pair, "TEXTVISITS"))
    return;
  csv = mc_metrics_compute (pair.csv, &error);
  g_assert_no_error (error);
  pushed = mc_metrics_sql_compute (pair.database, NULL, &why);
  g_assert_null (why);
  g_assert_true (pushed->pushed_down);
  g_assert_true (pushed->has_visits);
  assert_same_visit_metrics (csv, pushed);
  g_assert_true (pg_test_says (pushed, "The visit figures were computed in memory, not on the database's server"));
  g_assert_true (pg_test_says (pushed, "start_timestamp"));
  csv_patterns = mc_patterns_compute (pair.csv, &error);
  g_assert_no_error (error);
  query = mc_purchases_query_new (pair.database, NULL);
  patterns = mc_patterns_sql_compute_query (pair.database, query, NULL, &visits_in_memory, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (visits_in_memory, "The visit patterns and the funnel were computed in memory"));
  g_assert_nonnull (strstr (visits_in_memory, "start_timestamp"));
  assert_same_visit_patterns (csv_patterns, patterns);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/Mercato/PgVisits/whole/automotive", "AUTOMOTIVE", test_whole);
  g_test_add_data_func ("/Mercato/PgVisits/whole/generated", "GENERATED", test_whole);
  g_test_add_data_func ("/Mercato/PgVisits/whole/olist", "OLIST", test_whole);
  g_test_add_data_func ("/Mercato/PgVisits/whole/checks", "CHECKS", test_whole);
  g_test_add_data_func ("/Mercato/PgVisits/filtered/automotive", "AUTOMOTIVE", test_filtered);
  g_test_add_data_func ("/Mercato/PgVisits/filtered/generated", "GENERATED", test_filtered);
  g_test_add_func ("/Mercato/PgVisits/in-memory", test_in_memory);

  return g_test_run ();
}
