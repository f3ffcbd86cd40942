/* test-pg-checks.c: the checks that are queries, counted on the server
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run by run-pg-tests.sh, which loads the CSV files of tests/pg/checks/
 * (made by make-checks-fixture.py, which says where each problem is)
 * into the database it names in MERCATO_PG_CHECKS_URI (the folder is
 * MERCATO_PG_CHECKS_CSV) and big-checks.sql into MERCATO_PG_BIGCHECKS_URI.
 * Every finding from the database must be the CSV files' one, counts
 * and examples as counted by hand; rows added on the server after the
 * tables were read are counted, which only the server can do; and a
 * table read as a sample is counted whole by the queries, while the
 * other checks say they saw a sample.
 */
#include "config.h"

#include <libpq-fe.h>
#include <string.h>

#include "mc-checks.h"
#include "mc-pg-table.h"
#include "pg-test.h"

/* Any fixed moment: nothing in the fixtures is in the future. */
#define NOW (G_GINT64_CONSTANT (1767225600) * G_USEC_PER_SEC)   /* 2026-01-01 */

static const McFinding *
find (GPtrArray  *findings,
      const char *check,
      const char *table)
{
  for (guint i = 0; i < findings->len; i++)
    {
      const McFinding *f = g_ptr_array_index (findings, i);

      if (g_str_equal (f->check, check) && g_str_equal (f->table, table))
        return f;
    }
  return NULL;
}

static void
assert_same_finding (const McFinding *a,
                     const McFinding *b)
{
  g_assert_cmpstr (a->check, ==, b->check);
  g_assert_cmpint (a->severity, ==, b->severity);
  g_assert_cmpstr (a->table, ==, b->table);
  g_assert_true (g_strv_equal ((const char * const *) a->columns, (const char * const *) b->columns));
  g_assert_cmpuint (a->count, ==, b->count);
  g_assert_cmpuint (a->n_examples, ==, b->n_examples);
  for (guint e = 0; e < a->n_examples; e++)
    g_assert_cmpuint (a->examples[e], ==, b->examples[e]);
  g_assert_cmpstr (a->message, ==, b->message);
}

/* COUNT rows of CHECK in TABLE, the first at the lines in EXAMPLES (0-ended). */
static void
assert_finding (GPtrArray     *findings,
                const char    *check,
                const char    *table,
                gsize          count,
                const guint32 *examples)
{
  const McFinding *f = find (findings, check, table);
  guint n = 0;

  g_assert_nonnull (f);
  g_assert_cmpuint (f->count, ==, count);
  for (; examples[n] != 0; n++)
    g_assert_cmpuint (f->examples[n], ==, examples[n]);
  g_assert_cmpuint (f->n_examples, ==, n);
}

static McDataset *
load_csv (void)
{
  g_autofree char *folder = g_strdup (g_getenv ("MERCATO_PG_CHECKS_CSV"));
  const char *paths[] = { folder, NULL };
  g_autoptr(GError) error = NULL;
  McDataset *dataset = mc_dataset_load (paths, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  return dataset;
}

/* Each kind of problem, as counted by hand (the CSV files of tests/pg/checks/). */
static void
assert_hand_counts (GPtrArray *findings)
{
  assert_finding (findings, "duplicate_key", "users", 1, (const guint32[]) { 52, 0 });
  assert_finding (findings, "orphan_key", "sales", 1, (const guint32[]) { 17, 0 });
  assert_finding (findings, "date_order", "visits", 2, (const guint32[]) { 5, 10, 0 });
  assert_finding (findings, "before_release", "sales", 2, (const guint32[]) { 4, 23, 0 });
  assert_finding (findings, "out_of_range", "sales", 1, (const guint32[]) { 9, 0 });
  assert_finding (findings, "negative_value", "sales", 2, (const guint32[]) { 6, 13, 0 });
}

static void
test_same_findings (void)
{
  g_autoptr(McDataset) database = pg_test_load_or_skip ("MERCATO_PG_CHECKS_URI");
  g_autoptr(McDataset) files = NULL;
  g_autoptr(GPtrArray) from_database = NULL;
  g_autoptr(GPtrArray) from_files = NULL;

  if (database == NULL)
    return;
  files = load_csv ();
  from_database = mc_checks_run (database, NOW);
  from_files = mc_checks_run (files, NOW);
  assert_hand_counts (from_files);
  assert_hand_counts (from_database);
  g_assert_cmpuint (from_database->len, ==, from_files->len);
  for (guint i = 0; i < from_files->len; i++)
    assert_same_finding (g_ptr_array_index (from_database, i), g_ptr_array_index (from_files, i));
}

static void
run_sql (const char *sql)
{
  PGconn *conn = PQconnectdb (g_getenv ("MERCATO_PG_CHECKS_URI"));
  PGresult *result;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (result);
  PQfinish (conn);
}

/* Rows added on the server after the tables were read into memory:
 * only a count made there sees them, at the end of the storage order. */
static void
test_counted_on_server (void)
{
  g_autoptr(McDataset) database = pg_test_load_or_skip ("MERCATO_PG_CHECKS_URI");
  g_autoptr(GPtrArray) findings = NULL;

  if (database == NULL)
    return;
  run_sql ("INSERT INTO sales VALUES ('a0000000-0000-4000-8000-000000000121', 'cust-998', "
           "'ca000000-0000-4000-8000-000000000003', 'Website', '2020-02-02', -7, 0);"
           "INSERT INTO users VALUES ('cust-1', 'Ada', 'Byron', 'Female', 'ada.byron@example.com');"
           "INSERT INTO visits VALUES ('b0000000-0000-4000-8000-000000000013', 'cust-1', '2022-03-01 10:00', '2022-03-01 09:00', 'viewing', NULL)");
  findings = mc_checks_run (database, NOW);
  run_sql ("DELETE FROM sales WHERE customer_id = 'cust-998';"
           "DELETE FROM users WHERE email = 'ada.byron@example.com';"
           "DELETE FROM visits WHERE visit_id = 'b0000000-0000-4000-8000-000000000013'");
  assert_finding (findings, "duplicate_key", "users", 2, (const guint32[]) { 52, 124, 0 });
  assert_finding (findings, "orphan_key", "sales", 2, (const guint32[]) { 17, 122, 0 });
  assert_finding (findings, "date_order", "visits", 3, (const guint32[]) { 5, 10, 14, 0 });
  assert_finding (findings, "before_release", "sales", 3, (const guint32[]) { 4, 23, 122, 0 });
  assert_finding (findings, "out_of_range", "sales", 2, (const guint32[]) { 9, 122, 0 });
  assert_finding (findings, "negative_value", "sales", 3, (const guint32[]) { 6, 13, 122, 0 });
}

/* A table read as a sample: the queries count all 200 000 rows (by hand
 * in big-checks.sql), the other checks say they saw a sample. */
static void
test_sampled_table (void)
{
  g_autoptr(McDataset) dataset = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  const guint32 negatives[] = { 1001, 2001, 3001, 4001, 5001, 6001, 7001, 8001, 9001, 10001, 11001, 12001,
                                13001, 14001, 15001, 16001, 17001, 18001, 19001, 20001, 0 };
  const McFinding *missing;

  g_setenv ("MERCATO_PG_SAMPLE_ROWS", "20000", TRUE);
  dataset = pg_test_load_or_skip ("MERCATO_PG_BIGCHECKS_URI");
  g_unsetenv ("MERCATO_PG_SAMPLE_ROWS");
  if (dataset == NULL)
    return;
  g_assert_true (mc_pg_table_get_origin (mc_dataset_get_table (dataset, 0))->sampled);
  findings = mc_checks_run (dataset, NOW);
  assert_finding (findings, "negative_value", "sales", 200, negatives);
  g_assert_cmpuint (find (findings, "out_of_range", "sales")->count, ==, 400);
  g_assert_null (strstr (find (findings, "negative_value", "sales")->message, "sample"));
  missing = find (findings, "missing_values", "sales");
  g_assert_nonnull (missing);
  g_assert_cmpuint (missing->count, <, 2000);
  g_assert_nonnull (strstr (missing->message, "Found among a sample of"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  /* First: it sets the environment before any thread runs. */
  g_test_add_func ("/Mercato/PgChecks/sampled-table", test_sampled_table);
  g_test_add_func ("/Mercato/PgChecks/same-findings", test_same_findings);
  g_test_add_func ("/Mercato/PgChecks/counted-on-server", test_counted_on_server);

  return g_test_run ();
}
