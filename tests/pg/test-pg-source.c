/* test-pg-source.c: a PostgreSQL database read as a dataset
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run by run-pg-tests.sh, which starts the server, loads types.sql and
 * the automotive sample and names them in MERCATO_PG_TYPES_URI and
 * MERCATO_PG_AUTOMOTIVE_URI; without them only the tests that need no server
 * run.
 */
#include "config.h"

#include <math.h>

#include "mc-dataset.h"
#include "mc-dataset-loader.h"
#include "mc-pg-source.h"
#include "pg-test.h"

static McColumn *
column_of (McTable      *table,
           const char   *name,
           McColumnType  type)
{
  McColumn *column = mc_table_lookup_column (table, name);

  g_assert_nonnull (column);
  g_assert_cmpint (column->type, ==, type);
  g_assert_cmpuint (column->n_rows, ==, 3);
  return column;
}

static void
assert_text (McColumn   *column,
             gsize       row,
             const char *expected)
{
  g_autofree char *value = mc_column_format_value (column, row);

  g_assert_false (mc_column_is_missing (column, row));
  g_assert_cmpstr (value, ==, expected);
}

static void
test_conninfo (void)
{
  g_assert_true (mc_pg_is_conninfo ("postgresql:///shop?host=/tmp/x"));
  g_assert_true (mc_pg_is_conninfo ("postgres://me@db.example/shop"));
  g_assert_true (mc_pg_is_conninfo ("service=shop"));
  g_assert_false (mc_pg_is_conninfo ("postgresql.csv"));
  g_assert_false (mc_pg_is_conninfo ("exports/orders.csv"));
}

static void
test_types (void)
{
  g_autoptr(McDataset) dataset = pg_test_load_or_skip ("MERCATO_PG_TYPES_URI");
  McTable *table;
  McColumn *column;

  if (dataset == NULL)
    return;
  table = mc_dataset_lookup_table (dataset, "everything");
  g_assert_nonnull (table);
  g_assert_cmpuint (mc_table_get_n_rows (table), ==, 3);

  /* An integer named as an id is an id, as in a CSV export; the
   * catalogue's key is the key. */
  column = column_of (table, "item_id", MC_COLUMN_TYPE_IDENTIFIER);
  g_assert_cmpint (mc_table_get_primary_key (table), ==, mc_table_get_column_index (table, "item_id"));
  assert_text (column, 2, "3");

  column = column_of (table, "quantity", MC_COLUMN_TYPE_INTEGER);
  g_assert_cmpint (column->v.i64[0], ==, 3);
  g_assert_true (mc_column_is_missing (column, 1));
  column = column_of (table, "big", MC_COLUMN_TYPE_INTEGER);
  g_assert_cmpint (column->v.i64[0], ==, G_GINT64_CONSTANT (9007199254740993));

  /* A domain reads as its base type; NaN and infinities are missing. */
  column = column_of (table, "amount", MC_COLUMN_TYPE_NUMBER);
  g_assert_cmpfloat (column->v.f64[0], ==, 12.5);
  g_assert_true (mc_column_is_missing (column, 1));
  column = column_of (table, "ratio", MC_COLUMN_TYPE_NUMBER);
  g_assert_cmpfloat (column->v.f64[0], ==, 0.1);
  column = column_of (table, "score", MC_COLUMN_TYPE_NUMBER);
  g_assert_cmpfloat (column->v.f64[0], ==, 0.30000000000000004);
  g_assert_true (mc_column_is_missing (column, 1));
  g_assert_cmpfloat (column->v.f64[2], ==, 1e300);

  column = column_of (table, "day", MC_COLUMN_TYPE_DATE);
  g_assert_cmpint (column->v.days[0], ==, 19782);   /* 2024-02-29 */
  g_assert_true (mc_column_is_missing (column, 1)); /* infinity */
  g_assert_cmpint (column->v.days[2], ==, 0);

  /* Timestamps are UTC, to the microsecond, before 1970 too; with a
   * time zone they are the instant, whatever the session's zone. */
  column = column_of (table, "stamp", MC_COLUMN_TYPE_DATETIME);
  g_assert_cmpint (column->v.i64[0], ==, G_GINT64_CONSTANT (1714557600123456));
  g_assert_cmpint (column->v.i64[1], ==, -1000000);
  g_assert_true (mc_column_is_missing (column, 2));
  column = column_of (table, "stamp_tz", MC_COLUMN_TYPE_DATETIME);
  g_assert_cmpint (column->v.i64[0], ==, G_GINT64_CONSTANT (1714557600000000));
  g_assert_cmpint (column->v.i64[2], ==, 0);

  column = column_of (table, "flag", MC_COLUMN_TYPE_BOOLEAN);
  g_assert_cmpint (column->v.bools[0], ==, 1);
  g_assert_cmpint (column->v.bools[1], ==, 0);
  g_assert_true (mc_column_is_missing (column, 2));

  column = column_of (table, "token", MC_COLUMN_TYPE_IDENTIFIER);
  g_assert_true (column->is_uuid);
  assert_text (column, 0, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
  g_assert_true (mc_column_is_missing (column, 1));

  /* char(n) without its padding; COPY's escapes decoded; '' is missing
   * as an empty CSV cell is. */
  assert_text (mc_table_lookup_column (table, "code"), 0, "ab");
  assert_text (mc_table_lookup_column (table, "label"), 0, "Website");
  column = mc_table_lookup_column (table, "note");
  assert_text (column, 0, "tab\there, line\nbreak and back\\slash");
  g_assert_true (mc_column_is_missing (column, 1));
}

/* The catalogue's keys take precedence over what inference would
 * choose: the first unique column (lookup.rank) is not the key, and a
 * plain integer column (child.parent) is a reference. */
static void
test_declared_keys (void)
{
  g_autoptr(McDataset) dataset = pg_test_load_or_skip ("MERCATO_PG_TYPES_URI");
  McTable *child, *lookup;
  gboolean found = FALSE;

  if (dataset == NULL)
    return;
  child = mc_dataset_lookup_table (dataset, "child");
  g_assert_nonnull (child);
  for (guint i = 0; i < mc_dataset_get_n_relations (dataset); i++)
    {
      const McRelation *relation = mc_dataset_get_relation (dataset, i);

      if (relation->from_table != child)
        continue;
      g_assert_cmpstr (mc_table_get_column (child, relation->from_column)->name, ==, "parent");
      g_assert_cmpstr (mc_table_get_name (relation->to_table), ==, "everything");
      g_assert_cmpfloat (relation->match_rate, ==, 1.0);
      found = TRUE;
    }
  g_assert_true (found);
  lookup = mc_dataset_lookup_table (dataset, "lookup");
  g_assert_nonnull (lookup);
  g_assert_cmpint (mc_table_get_primary_key (lookup), ==, mc_table_get_column_index (lookup, "code"));
}

typedef struct
{
  GCancellable *cancellable;
  guint         cancel_at;   /* the report of progress that cancels */
  double        last_fraction;
  guint         calls;
} Progress;

static void
on_progress_cb (double      fraction,
                const char *stage,
                gpointer    user_data)
{
  Progress *progress = user_data;

  g_assert_cmpfloat (fraction, >=, progress->last_fraction);
  g_assert_cmpfloat (fraction, <=, 1.0);
  progress->last_fraction = fraction;
  if (++progress->calls == progress->cancel_at)
    g_cancellable_cancel (progress->cancellable);
}

static McDataset *
load_with_progress (const char    *variable,
                    Progress      *progress,
                    GError       **error)
{
  const char *paths[] = { g_getenv (variable), NULL };

  return mc_dataset_load (paths, on_progress_cb, progress, progress->cancellable, error);
}

static void
test_progress (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McDataset) dataset = NULL;
  Progress progress = { 0 };

  if (g_getenv ("MERCATO_PG_AUTOMOTIVE_URI") == NULL)
    {
      g_test_skip ("MERCATO_PG_AUTOMOTIVE_URI is not set: run tests/pg/run-pg-tests.sh");
      return;
    }
  dataset = load_with_progress ("MERCATO_PG_AUTOMOTIVE_URI", &progress, &error);
  g_assert_no_error (error);
  /* After each table, and within visits (27,495 rows) as it streams. */
  g_assert_cmpuint (progress.calls, >, mc_dataset_get_n_tables (dataset));
  g_assert_cmpfloat (progress.last_fraction, ==, 1.0);
}

/* The sample's tables are read in order: cars, sales, users, visits.
 * The loader's first report names the stage; then progress is reported
 * after each table and every 4096 rows, so the second report comes
 * between two tables and the fifth while visits
 * streams, when cancelling asks the server to stop the COPY. Either way
 * the read stops with an error that says what it was reading. */
static void
assert_cancelled_at (guint       cancel_at,
                     const char *expected)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(McDataset) dataset = NULL;
  Progress progress = { cancellable, cancel_at };

  if (g_getenv ("MERCATO_PG_AUTOMOTIVE_URI") == NULL)
    {
      g_test_skip ("MERCATO_PG_AUTOMOTIVE_URI is not set: run tests/pg/run-pg-tests.sh");
      return;
    }
  dataset = load_with_progress ("MERCATO_PG_AUTOMOTIVE_URI", &progress, &error);
  g_assert_null (dataset);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_cmpuint (progress.calls, ==, cancel_at);
}

static void
test_cancel_between_tables (void)
{
  assert_cancelled_at (2, "reading table sales: cancelled");
}

static void
test_cancel_while_streaming (void)
{
  assert_cancelled_at (5, "reading table visits: cancelled");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Mercato/PgSource/conninfo", test_conninfo);
  g_test_add_func ("/Mercato/PgSource/types", test_types);
  g_test_add_func ("/Mercato/PgSource/declared-keys", test_declared_keys);
  g_test_add_func ("/Mercato/PgSource/progress", test_progress);
  g_test_add_func ("/Mercato/PgSource/cancel-between-tables", test_cancel_between_tables);
  g_test_add_func ("/Mercato/PgSource/cancel-while-streaming", test_cancel_while_streaming);

  return g_test_run ();
}
