/* test-pg-session.c: the app's cross-filter on a database, through its session
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run by run-pg-tests.sh with MERCATO_PG_AUTOMOTIVE_URI (the shipped
 * sample on the throwaway server) and MERCATO_PG_AUTOMOTIVE_CSV (its
 * CSV files). A click on a mark of the database's charts is filtered on
 * the server, its figures those of the CSV files' same click computed in
 * memory; a weekday, which SQL is not given, is filtered in memory and
 * says why. No display is needed: the session draws nothing.
 */
#include "config.h"

#include "gui-common.h"
#include "mc-server-run.h"
#include "pg-test.h"

/* Website · Electric: a bar of type by platform. */
static GPtrArray *
website_electric (void)
{
  GPtrArray *conditions = g_ptr_array_new_with_free_func (mc_purchases_condition_free);

  g_ptr_array_add (conditions, mc_purchases_condition_new (MC_ROLE_CHANNEL, MC_BUCKET_NONE, "Website"));
  g_ptr_array_add (conditions, mc_purchases_condition_new (MC_ROLE_CATEGORY, MC_BUCKET_NONE, "Electric"));
  return conditions;
}

/* SESSION opened at PATH and filtered to CONDITIONS. */
static McSession *
filtered_session (const char *path,
                  GPtrArray  *conditions)
{
  McSession *session = mc_session_new ();
  Waiting filtering = { mc_session_filter_finish, FALSE };

  open_session_at (session, path);
  g_assert_nonnull (mc_session_get_analysis (session));
  mc_session_filter_async (session, conditions, wait_ended_cb, &filtering);
  wait_for_ending (&filtering);
  g_assert_nonnull (mc_session_get_filtered_analysis (session));
  return session;
}

static void
assert_same_figures (const McAnalysis *csv,
                     const McAnalysis *database)
{
  const McSalesMetrics *a = &csv->metrics->overall, *b = &database->metrics->overall;

  g_assert_cmpfloat_with_epsilon (a->revenue, b->revenue, 1e-6 * MAX (1.0, a->revenue));
  g_assert_cmpuint (a->orders, ==, b->orders);
  g_assert_cmpuint (a->customers, ==, b->customers);
  g_assert_cmpuint (csv->rfm->len, ==, database->rfm->len);
  g_assert_cmpuint (csv->patterns->customers, ==, database->patterns->customers);
  g_assert_cmpuint (csv->platforms->platforms->len, ==, database->platforms->platforms->len);
}

static void
test_filter_on_server (void)
{
  const char *uri = g_getenv ("MERCATO_PG_AUTOMOTIVE_URI");
  const char *csv_path = g_getenv ("MERCATO_PG_AUTOMOTIVE_CSV");
  g_autoptr(GPtrArray) conditions = website_electric ();
  g_autoptr(McSession) csv = NULL;
  McSession *database;
  const McAnalysis *filtered;
  guint64 before;

  if (uri == NULL || csv_path == NULL)
    {
      g_test_skip ("MERCATO_PG_AUTOMOTIVE_URI is not set: run tests/pg/run-pg-tests.sh");
      return;
    }
  csv = filtered_session (csv_path, conditions);
  g_assert_false (mc_session_get_filtered_analysis (csv)->metrics->pushed_down);
  before = mc_server_rows_fetched ();
  database = filtered_session (uri, conditions);
  filtered = mc_session_get_filtered_analysis (database);
  g_assert_true (filtered->metrics->pushed_down);
  g_assert_true (pg_test_says (filtered->metrics, "The filter's figures were computed on the database's server"));
  g_assert_cmpuint (mc_server_rows_fetched () - before, >, filtered->rfm->len);
  /* 128 sales of electric cars on the Website, listed from the rows. */
  g_assert_cmpuint (mc_table_get_n_rows (mc_dataset_lookup_table (mc_session_get_filtered (database), "sales")), ==,
                    128);
  assert_same_figures (mc_session_get_filtered_analysis (csv), filtered);
  g_object_unref (database);
}

static void
test_weekday_in_memory (void)
{
  const char *uri = g_getenv ("MERCATO_PG_AUTOMOTIVE_URI");
  g_autoptr(GPtrArray) conditions = g_ptr_array_new_with_free_func (mc_purchases_condition_free);
  g_autofree char *monday = mc_time_bucket_label (MC_BUCKET_WEEKDAY, 0);
  McSession *database;
  const McMetrics *metrics;

  if (uri == NULL)
    {
      g_test_skip ("MERCATO_PG_AUTOMOTIVE_URI is not set: run tests/pg/run-pg-tests.sh");
      return;
    }
  g_ptr_array_add (conditions, mc_purchases_condition_new (MC_ROLE_EVENT_TIME, MC_BUCKET_WEEKDAY, monday));
  database = filtered_session (uri, conditions);
  metrics = mc_session_get_filtered_analysis (database)->metrics;
  g_assert_false (metrics->pushed_down);
  g_assert_true (pg_test_says (metrics, "The filter's figures were computed in memory, not on the database's server"));
  g_object_unref (database);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Mercato/PgSession/filter-on-server", test_filter_on_server);
  g_test_add_func ("/Mercato/PgSession/weekday-in-memory", test_weekday_in_memory);
  return g_test_run ();
}
