/* test-pg-metrics.c: the sales figures computed on the server
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run by run-pg-tests.sh, which names the databases it loaded in
 * MERCATO_PG_AUTOMOTIVE_URI, MERCATO_PG_QUOTED_URI and MERCATO_PG_BIG_URI.
 * The pushed-down figures must be the column store's, with cross-filters
 * as WHERE clauses, values that are SQL text kept as data, a long query
 * cancelled on the server, a big table sampled for inference while the
 * server counts every row, and pages read by key.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "mc-analysis.h"
#include "mc-dataset.h"
#include "mc-metrics-sql.h"
#include "mc-pg-connection.h"
#include "mc-pg-source.h"
#include "pg-test.h"

static const char injection[] = "'; DROP TABLE \"sales \"\"2024\"\"\"; --";

static const McMetricsGroup *
find_group (GArray     *groups,
            const char *key)
{
  for (guint g = 0; groups != NULL && g < groups->len; g++)
    if (g_str_equal (g_array_index (groups, McMetricsGroup, g).key, key))
      return &g_array_index (groups, McMetricsGroup, g);
  g_assert_not_reached ();
}

static void
assert_same_sales (const McSalesMetrics *a,
                   const McSalesMetrics *b)
{
  g_assert_cmpfloat_with_epsilon (a->revenue, b->revenue, 0.005);
  g_assert_cmpuint (a->orders, ==, b->orders);
  g_assert_cmpuint (a->customers, ==, b->customers);
  g_assert_cmpuint (a->reviews, ==, b->reviews);
  g_assert_cmpfloat_with_epsilon (a->discount, b->discount, 0.005);
  g_assert_cmpfloat_with_epsilon (a->repeat_purchase_rate, b->repeat_purchase_rate, 1e-12);
}

static McMetrics *
pushed_down (McDataset          *dataset,
             McPurchasesField    field,
             McFilterOp          op,
             const char * const *values)
{
  g_autoptr(McPurchasesQuery) query = mc_purchases_query_new (dataset, NULL);
  g_autoptr(GError) error = NULL;
  McMetrics *metrics;

  g_assert_nonnull (query);
  g_assert_true (mc_purchases_query_add_filter (query, field, op, values));
  metrics = mc_metrics_sql_compute_query (dataset, query, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (metrics->pushed_down);
  return metrics;
}

/* A filter on the platform is the column store's group of that platform. */
static void
test_filter_is_group (void)
{
  g_autoptr(McDataset) dataset = pg_test_load_or_skip ("MERCATO_PG_AUTOMOTIVE_URI");
  const char *website[] = { "Website", NULL };
  const char *months[] = { "2022-06-01", "2022-06-30", NULL };
  const McMetrics *all;
  g_autoptr(McMetrics) filtered = NULL;
  g_autoptr(McMetrics) june = NULL;

  if (dataset == NULL)
    return;
  mc_metrics_sql_set_enabled (dataset, FALSE);
  all = mc_analysis_for_dataset (dataset)->metrics;
  g_assert_false (all->pushed_down);
  filtered = pushed_down (dataset, MC_PURCHASES_CHANNEL, MC_FILTER_EQUALS, website);
  assert_same_sales (&filtered->overall, &find_group (all->by_platform, "Website")->sales);
  g_assert_cmpuint (filtered->by_platform->len, ==, 1);
  june = pushed_down (dataset, MC_PURCHASES_TIME, MC_FILTER_BETWEEN, months);
  assert_same_sales (&june->overall, &find_group (all->by_month, "2022-06")->sales);
}

/* Quoted names and a value that is SQL text stay data. */
static void
test_parameters (void)
{
  g_autoptr(McDataset) dataset = pg_test_load_or_skip ("MERCATO_PG_QUOTED_URI");
  const char *values[] = { injection, NULL };
  g_autoptr(McMetrics) all = NULL;
  g_autoptr(McMetrics) dropped = NULL;
  g_autoptr(GError) error = NULL;

  if (dataset == NULL)
    return;
  all = mc_metrics_sql_compute (dataset, NULL, NULL);
  g_assert_nonnull (all);
  g_assert_cmpuint (all->overall.orders, ==, 5);
  g_assert_cmpfloat_with_epsilon (find_group (all->by_platform, injection)->sales.revenue, 300.30, 1e-9);
  dropped = pushed_down (dataset, MC_PURCHASES_CHANNEL, MC_FILTER_EQUALS, values);
  g_assert_cmpuint (dropped->overall.orders, ==, 1);
  g_assert_cmpfloat_with_epsilon (dropped->overall.revenue, 300.30, 1e-9);
  g_clear_pointer (&dropped, mc_metrics_free);
  /* The table is still there, with its rows. */
  dropped = pushed_down (dataset, MC_PURCHASES_CHANNEL, MC_FILTER_NOT_EQUALS, values);
  g_assert_cmpuint (dropped->overall.orders, ==, 4);
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static gpointer
run_long_query (gpointer data)
{
  McPgConnection connection;
  GError *error = NULL;
  PGresult *result;

  g_assert_true (mc_pg_connection_open (&connection, g_getenv ("MERCATO_PG_QUOTED_URI"), data, &error));
  result = mc_pg_connection_query (&connection, "sleeping", "SELECT pg_sleep (60)", 0, NULL, &error);
  g_assert_null (result);
  mc_pg_connection_close (&connection);
  return error;
}

/* Cancelling sends PQcancel: the server stops the query at once. */
static void
test_cancel_long_query (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  GThread *thread;
  gint64 started = g_get_monotonic_time ();

  if (g_getenv ("MERCATO_PG_QUOTED_URI") == NULL)
    {
      g_test_skip ("MERCATO_PG_QUOTED_URI is not set: run tests/pg/run-pg-tests.sh");
      return;
    }
  thread = g_thread_new ("long-query", run_long_query, cancellable);
  g_timeout_add (300, cancel_cb, cancellable);
  while (!g_cancellable_is_cancelled (cancellable))
    g_main_context_iteration (NULL, TRUE);
  error = g_thread_join (thread);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpstr (error->message, ==, "sleeping: cancelled");
  g_assert_cmpint (g_get_monotonic_time () - started, <, 20 * G_USEC_PER_SEC);
}

/* A table above the threshold is read as a sample, for inference; the
 * figures on the server count every row. */
static void
test_sampled_table (void)
{
  g_autoptr(McDataset) dataset = NULL;
  g_autoptr(McMetrics) metrics = NULL;
  McTable *orders;
  const McPgOrigin *origin;

  g_setenv ("MERCATO_PG_SAMPLE_ROWS", "20000", TRUE);
  dataset = pg_test_load_or_skip ("MERCATO_PG_BIG_URI");
  g_unsetenv ("MERCATO_PG_SAMPLE_ROWS");
  if (dataset == NULL)
    return;
  orders = mc_dataset_get_table (dataset, 0);
  origin = mc_pg_table_get_origin (orders);
  g_assert_true (origin->sampled);
  g_assert_cmpuint (mc_table_get_n_rows (orders), >, 5000);
  g_assert_cmpuint (mc_table_get_n_rows (orders), <, 60000);
  g_assert_nonnull (strstr (g_ptr_array_index (mc_table_get_notes (orders), 0), "TABLESAMPLE"));
  metrics = mc_metrics_sql_compute (dataset, NULL, NULL);
  g_assert_nonnull (metrics);
  g_assert_cmpuint (metrics->overall.orders, ==, 200000);
  g_assert_cmpuint (metrics->overall.customers, ==, 5000);
  g_assert_cmpfloat_with_epsilon (metrics->overall.revenue, 100000000.0, 1e-6);
}

/* Pages in key order, each after the last key of the one before. */
static void
test_pages (void)
{
  g_autoptr(McDataset) dataset = pg_test_load_or_skip ("MERCATO_PG_BIG_URI");
  g_autofree char *after = NULL;
  gsize total = 0;
  guint pages = 0;

  if (dataset == NULL)
    return;
  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *last = NULL;
      g_autoptr(GPtrArray) rows = mc_pg_table_read_page (mc_pg_table_get_origin (mc_dataset_get_table (dataset, 0)),
                                                         "order_id", after, 60000, &last, NULL, &error);

      g_assert_no_error (error);
      if (rows->len == 0)
        break;
      /* The first column is the key: the page starts right after the last one. */
      GPtrArray *first = g_ptr_array_index (rows, 0);

      g_assert_cmpint (g_ascii_strtoll (g_ptr_array_index (first, 0), NULL, 10), ==,
                       after != NULL ? g_ascii_strtoll (after, NULL, 10) + 1 : 1);
      g_assert_cmpuint (first->len, ==, 5);
      total += rows->len;
      pages++;
      g_free (after);
      after = g_steal_pointer (&last);
    }
  g_assert_cmpuint (total, ==, 200000);
  g_assert_cmpuint (pages, ==, 4);
  g_assert_cmpstr (after, ==, "200000");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  /* First: it sets the environment before any thread runs. */
  g_test_add_func ("/Mercato/PgMetrics/sampled-table", test_sampled_table);
  g_test_add_func ("/Mercato/PgMetrics/filter-is-group", test_filter_is_group);
  g_test_add_func ("/Mercato/PgMetrics/parameters", test_parameters);
  g_test_add_func ("/Mercato/PgMetrics/cancel-long-query", test_cancel_long_query);
  g_test_add_func ("/Mercato/PgMetrics/pages", test_pages);

  return g_test_run ();
}
