/* test-checks.c: the quality checks find exactly what was planted
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The shipped sample (app/sample/README.md lists its planted anomalies,
 * counted there with grep and awk), a fixture planting the anomalies the
 * sample lacks, and a clean fixture that must give no finding at all.
 */
#include <string.h>

#include "mc-checks.h"
#include "mc-dataset-loader.h"

/* 2026-11-24 00:00 UTC, so "future" does not move with the clock. */
#define NOW (G_GINT64_CONSTANT (20781) * 86400 * 1000000)

static GPtrArray *
check_folder (const char *root,
              const char *first,
              ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McDataset) dataset = NULL;
  g_autofree char *path = NULL;
  const char *paths[2] = { NULL, NULL };
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  va_list args;

  g_ptr_array_add (parts, (gpointer) root);
  va_start (args, first);
  for (const char *part = first; part != NULL; part = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) part);
  va_end (args);
  g_ptr_array_add (parts, NULL);
  path = g_build_filenamev ((char **) parts->pdata);
  paths[0] = path;

  dataset = mc_dataset_load (paths, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return mc_checks_run (dataset, NOW);
}

static const McFinding *
find (GPtrArray  *findings,
      const char *check,
      const char *table,
      const char *column)
{
  for (guint i = 0; i < findings->len; i++)
    {
      const McFinding *f = g_ptr_array_index (findings, i);

      if (g_str_equal (f->check, check) && g_str_equal (f->table, table)
          && (column == NULL || g_str_equal (f->columns[0], column)))
        return f;
    }
  return NULL;
}

static void
assert_finding (GPtrArray  *findings,
                const char *check,
                const char *table,
                const char *column,
                gsize       count,
                McSeverity  severity,
                guint32     first_line)
{
  const McFinding *f = find (findings, check, table, column);

  if (f == NULL)
    g_error ("no %s finding on %s.%s", check, table, column != NULL ? column : "*");
  g_assert_cmpuint (f->count, ==, count);
  g_assert_cmpint (f->severity, ==, severity);
  g_assert_cmpuint (f->n_examples, ==, MIN (count, MC_FINDING_MAX_EXAMPLES));
  g_assert_cmpuint (f->examples[0], ==, first_line);
  g_assert_nonnull (f->message);
  g_assert_cmpuint (strlen (f->message), >, 20);
}

static void
test_sample (void)
{
  g_autoptr(GPtrArray) findings = check_folder (g_getenv ("MERCATO_SOURCE_ROOT"), "app", "sample", "automotive", NULL);
  const McFinding *ratio = NULL;

  assert_finding (findings, "duplicate_rows", "sales", NULL, 1, MC_SEVERITY_WARNING, 755);
  assert_finding (findings, "duplicate_rows", "visits", NULL, 1, MC_SEVERITY_WARNING, 13948);
  /* 3 empty ids and 2 "data layer field missing". */
  assert_finding (findings, "missing_values", "users", "customer_id", 5, MC_SEVERITY_WARNING, 9);
  assert_finding (findings, "invalid_email", "users", "email", 3, MC_SEVERITY_WARNING, 25);
  /* The 50th and 500th sale, on lines 51 and 501. */
  assert_finding (findings, "before_release", "sales", "purchase_date", 2, MC_SEVERITY_ERROR, 51);
  assert_finding (findings, "orphan_key", "sales", "customer_id", 2, MC_SEVERITY_ERROR, 1482);
  /* The three sales at ten times the list price, rated 0.0. */
  assert_finding (findings, "out_of_range", "sales", "user_review", 3, MC_SEVERITY_WARNING, 1486);
  assert_finding (findings, "outlier", "sales", "purchase_price", 3, MC_SEVERITY_WARNING, 1486);
  for (guint i = 0; i < findings->len; i++)
    {
      const McFinding *f = g_ptr_array_index (findings, i);

      if (g_str_equal (f->check, "outlier") && g_strv_length (f->columns) == 2
          && g_str_equal (f->columns[1], "cars.price"))
        ratio = f;
    }
  g_assert_nonnull (ratio);
  g_assert_cmpuint (ratio->count, ==, 3);
  /* The 100th, 2100th … 8100th visit, one line below their number. */
  assert_finding (findings, "date_order", "visits", "start_timestamp", 5, MC_SEVERITY_ERROR, 101);
  g_assert_cmpuint (find (findings, "date_order", "visits", NULL)->examples[4], ==, 8101);
  /* Reviews are optional: their gaps are information. */
  assert_finding (findings, "missing_values", "sales", "user_review", 1253, MC_SEVERITY_INFO, 2);
  g_assert_null (find (findings, "future_date", "sales", NULL));
  g_assert_null (find (findings, "negative_value", "sales", NULL));
  g_assert_null (find (findings, "type_mismatch", "sales", NULL));
}

/* The refund of −19,800 for a 20,000 car is reported once, as a negative
 * value, not again as a price forty times off the list. */
static void
test_negative_once (void)
{
  g_autoptr(GPtrArray) findings = check_folder (g_getenv ("MERCATO_SOURCE_ROOT"), "tests", "fixtures",
                                                "checks", "negative", NULL);

  assert_finding (findings, "negative_value", "sales", "purchase_price", 1, MC_SEVERITY_ERROR, 4);
  g_assert_null (find (findings, "outlier", "sales", NULL));
}

/* A spreadsheet-mangled export: seven of orders' ten rows are empty, and
 * nine of ten order lines name orders that are not there. The empty rows
 * are said to be empty (not "exported twice"), orders.order_id is still
 * the key, and the lines' links that point nowhere are reported. */
static void
test_mangled (void)
{
  g_autoptr(GPtrArray) findings = check_folder (g_getenv ("MERCATO_SOURCE_ROOT"), "tests", "fixtures",
                                                "checks", "mangled", NULL);
  const McFinding *empty = find (findings, "missing_values", "orders", NULL);

  g_assert_null (find (findings, "duplicate_rows", "orders", NULL));
  g_assert_nonnull (empty);
  g_assert_cmpuint (empty->count, ==, 7);
  g_assert_cmpuint (g_strv_length (empty->columns), ==, 3);
  assert_finding (findings, "orphan_key", "order_items", "order_id", 9, MC_SEVERITY_ERROR, 3);
}

static void
test_planted (void)
{
  g_autoptr(GPtrArray) findings = check_folder (g_getenv ("MERCATO_SOURCE_ROOT"), "tests", "fixtures",
                                                "checks", "planted", NULL);

  /* Rows 5 and 10 (lines 6 and 11) reuse o002 and o003 with other data. */
  assert_finding (findings, "duplicate_key", "orders", "order_id", 2, MC_SEVERITY_ERROR, 6);
  assert_finding (findings, "type_mismatch", "orders", "amount", 1, MC_SEVERITY_ERROR, 16);
  assert_finding (findings, "negative_value", "orders", "amount", 2, MC_SEVERITY_ERROR, 21);
  assert_finding (findings, "future_date", "orders", "order_date", 1, MC_SEVERITY_WARNING, 29);
  g_assert_null (find (findings, "duplicate_rows", "orders", NULL));
  g_assert_cmpuint (findings->len, ==, 5);
}

static void
test_spellings (void)
{
  g_autoptr(GPtrArray) findings = check_folder (g_getenv ("MERCATO_SOURCE_ROOT"), "tests", "fixtures",
                                                "cleaning", NULL);

  /* “Website” (lines 2 and 9), “website” (3 and 10) and “Website ” (4);
   * “WEB” is a different spelling only a person can merge. */
  assert_finding (findings, "inconsistent_spelling", "orders", "platform", 5, MC_SEVERITY_WARNING, 2);
}

static void
test_clean (void)
{
  g_autoptr(GPtrArray) findings = check_folder (g_getenv ("MERCATO_SOURCE_ROOT"), "tests", "fixtures",
                                                "checks", "clean", NULL);

  for (guint i = 0; i < findings->len; i++)
    g_printerr ("unexpected: %s\n", ((McFinding *) g_ptr_array_index (findings, i))->message);
  g_assert_cmpuint (findings->len, ==, 0);
}

/* Cancelled, the checks give up and give no findings at all; not
 * cancelled, the same findings as mc_checks_run(). */
static void
test_cancelled (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("MERCATO_SOURCE_ROOT"), "app", "sample", "automotive", NULL);
  const char *paths[] = { path, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(McDataset) dataset = mc_dataset_load (paths, NULL, NULL, NULL, &error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) again = NULL;

  g_assert_no_error (error);
  all = mc_checks_run (dataset, NOW);
  again = mc_checks_run_full (dataset, NOW, cancellable);
  g_assert_cmpuint (again->len, ==, all->len);
  g_assert_cmpuint (all->len, >, 0);
  g_cancellable_cancel (cancellable);
  g_assert_null (mc_checks_run_full (dataset, NOW, cancellable));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Mercato/Checks/sample", test_sample);
  g_test_add_func ("/Mercato/Checks/planted", test_planted);
  g_test_add_func ("/Mercato/Checks/negative-once", test_negative_once);
  g_test_add_func ("/Mercato/Checks/mangled", test_mangled);
  g_test_add_func ("/Mercato/Checks/spellings", test_spellings);
  g_test_add_func ("/Mercato/Checks/clean", test_clean);
  g_test_add_func ("/Mercato/Checks/cancelled", test_cancelled);

  return g_test_run ();
}
