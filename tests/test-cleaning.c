/* test-cleaning.c: each cleaning step's counts, exactly
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tests/fixtures/cleaning/orders.csv has ten rows: one exact copy (line
 * 10), one missing amount (o5), an amount of 1000 among tens, two missing
 * ratings, and the platform written "Website", "website", "Website " and
 * "WEB". Expected values are worked out in the comments.
 */
#include <glib/gstdio.h>

#include "mc-checks.h"
#include "mc-cleaning.h"
#include "test-common.h"

/* Applies STEPS (after dropping the exact copy, when DEDUPLICATE) and
 * returns the log entry of the last step. */
/* The log of the last apply(), whose last entry callers look at. */
static GPtrArray *last_log;

static McDataset *
apply (McDataset        *source,
       gboolean          deduplicate,
       McCleanStep      *step,
       McCleanLogEntry **last)
{
  g_autoptr(GPtrArray) recipe = mc_recipe_new ();
  g_autoptr(GError) error = NULL;
  McDataset *result;

  if (deduplicate)
    g_ptr_array_add (recipe, mc_clean_step_new (MC_CLEAN_DROP_DUPLICATE_ROWS, "orders", NULL, NULL, NULL));
  g_ptr_array_add (recipe, step);
  g_clear_pointer (&last_log, g_ptr_array_unref);
  result = mc_recipe_apply (recipe, source, &last_log, &error);
  g_assert_no_error (error);
  *last = g_ptr_array_index (last_log, last_log->len - 1);
  return result;
}

static McColumn *
orders_column (McDataset  *dataset,
               const char *name)
{
  return mc_table_lookup_column (mc_dataset_lookup_table (dataset, "orders"), name);
}

static void
test_rows (void)
{
  g_autoptr(McDataset) source = load_test_dataset ("cleaning", NULL);
  g_autoptr(McDataset) planted = load_test_dataset ("checks/planted", NULL);
  g_autoptr(McDataset) deduplicated = NULL;
  g_autoptr(McDataset) keys = NULL;
  McCleanLogEntry *entry;

  deduplicated = apply (source, FALSE, mc_clean_step_new (MC_CLEAN_DROP_DUPLICATE_ROWS, "orders", NULL, NULL, NULL),
                        &entry);
  g_assert_cmpuint (entry->rows_before, ==, 10);
  g_assert_cmpuint (entry->rows_removed, ==, 1);
  g_assert_cmpuint (mc_table_get_n_rows (mc_dataset_lookup_table (deduplicated, "orders")), ==, 9);
  /* The source dataset is untouched. */
  g_assert_cmpuint (mc_table_get_n_rows (mc_dataset_lookup_table (source, "orders")), ==, 10);

  /* o002 and o003 each come back once with other data: two rows go. */
  keys = apply (planted, FALSE, mc_clean_step_new (MC_CLEAN_KEEP_FIRST_KEY, "orders", NULL, NULL, NULL), &entry);
  g_assert_cmpuint (entry->rows_removed, ==, 2);
  g_assert_cmpuint (mc_table_get_n_rows (mc_dataset_lookup_table (keys, "orders")), ==, 98);
}

static void
test_missing (void)
{
  g_autoptr(McDataset) source = load_test_dataset ("cleaning", NULL);
  g_autoptr(McDataset) median = NULL, mode = NULL, constant = NULL, flag = NULL, drop = NULL;
  McCleanLogEntry *entry;
  McColumn *column;

  /* Amounts 10 20 30 40 50 60 70 1000: the median is (40 + 50) / 2. */
  median = apply (source, TRUE, mc_clean_step_new (MC_CLEAN_MISSING, "orders", "amount", "median", NULL), &entry);
  g_assert_cmpuint (entry->cells_changed, ==, 1);
  column = orders_column (median, "amount");
  g_assert_cmpuint (column->n_missing, ==, 0);
  g_assert_cmpint (column->v.i64[4], ==, 45);

  /* Ratings 5 3 4 4 2 5 1: 4 and 5 tie, the smaller wins. */
  mode = apply (source, TRUE, mc_clean_step_new (MC_CLEAN_MISSING, "orders", "rating", "mode", NULL), &entry);
  g_assert_cmpuint (entry->cells_changed, ==, 2);
  g_assert_cmpint (orders_column (mode, "rating")->v.i64[1], ==, 4);
  g_assert_cmpint (orders_column (mode, "rating")->v.i64[5], ==, 4);

  constant = apply (source, TRUE, mc_clean_step_new (MC_CLEAN_MISSING, "orders", "rating", "constant", "3"), &entry);
  g_assert_cmpuint (entry->cells_changed, ==, 2);
  g_assert_cmpint (orders_column (constant, "rating")->v.i64[1], ==, 3);

  flag = apply (source, TRUE, mc_clean_step_new (MC_CLEAN_MISSING, "orders", "rating", "flag", NULL), &entry);
  g_assert_cmpstr (entry->column_added, ==, "rating_missing");
  g_assert_cmpuint (entry->rows_flagged, ==, 2);
  column = orders_column (flag, "rating_missing");
  g_assert_cmpint (column->type, ==, MC_COLUMN_TYPE_BOOLEAN);
  g_assert_cmpuint (column->v.bools[1], ==, 1);
  g_assert_cmpuint (column->v.bools[0], ==, 0);

  drop = apply (source, TRUE, mc_clean_step_new (MC_CLEAN_MISSING, "orders", "rating", "drop", NULL), &entry);
  g_assert_cmpuint (entry->rows_removed, ==, 2);
  g_assert_cmpuint (mc_table_get_n_rows (mc_dataset_lookup_table (drop, "orders")), ==, 7);
}

static void
test_outliers (void)
{
  g_autoptr(McDataset) source = load_test_dataset ("cleaning", NULL);
  g_autoptr(McDataset) winsorized = NULL, median = NULL, flag = NULL, drop = NULL;
  McCleanLogEntry *entry;

  /* Q1 = 27.5 and Q3 = 62.5 (linear interpolation over 8 values), so the
   * upper fence is 62.5 + 3 × 35 = 167.5: 1000 is the only outlier. */
  winsorized = apply (source, TRUE, mc_clean_step_new (MC_CLEAN_OUTLIERS, "orders", "amount", "winsorize", NULL),
                      &entry);
  g_assert_cmpuint (entry->cells_changed, ==, 1);
  g_assert_cmpint (orders_column (winsorized, "amount")->v.i64[7], ==, 168);

  median = apply (source, TRUE, mc_clean_step_new (MC_CLEAN_OUTLIERS, "orders", "amount", "median", NULL), &entry);
  g_assert_cmpint (orders_column (median, "amount")->v.i64[7], ==, 45);

  flag = apply (source, TRUE, mc_clean_step_new (MC_CLEAN_OUTLIERS, "orders", "amount", "flag", NULL), &entry);
  g_assert_cmpuint (entry->rows_flagged, ==, 1);
  g_assert_cmpuint (orders_column (flag, "amount_outlier")->v.bools[7], ==, 1);

  drop = apply (source, TRUE, mc_clean_step_new (MC_CLEAN_OUTLIERS, "orders", "amount", "drop", NULL), &entry);
  g_assert_cmpuint (entry->rows_removed, ==, 1);
}

static void
test_text (void)
{
  g_autoptr(McDataset) source = load_test_dataset ("cleaning", NULL);
  g_autoptr(McDataset) trimmed = NULL, lower = NULL, merged = NULL;
  McCleanLogEntry *entry;

  trimmed = apply (source, TRUE, mc_clean_step_new (MC_CLEAN_NORMALISE_TEXT, "orders", "platform", "trim", NULL),
                   &entry);
  g_assert_cmpuint (entry->cells_changed, ==, 1);
  g_assert_cmpstr (mc_column_get_string (orders_column (trimmed, "platform"), 2), ==, "Website");

  /* Every platform but "website" changes case: 8 of 9 rows. */
  lower = apply (source, TRUE, mc_clean_step_new (MC_CLEAN_NORMALISE_TEXT, "orders", "platform", "lower", NULL),
                 &entry);
  g_assert_cmpuint (entry->cells_changed, ==, 8);
  g_assert_cmpuint (mc_column_count_distinct (orders_column (lower, "platform")), ==, 4);

  merged = apply (source, TRUE, mc_clean_step_new (MC_CLEAN_MERGE_CATEGORIES, "orders", "platform", NULL,
                                                   "website=Website;Website =Website;WEB=Website"), &entry);
  g_assert_cmpuint (entry->cells_changed, ==, 3);
  g_assert_cmpuint (mc_column_count_distinct (orders_column (merged, "platform")), ==, 3);
}

static void
test_set_type (void)
{
  g_autoptr(McDataset) source = load_test_dataset ("cleaning", NULL);
  g_autoptr(McDataset) mismatches = load_test_dataset ("csv/mismatches.csv", NULL);
  g_autoptr(McDataset) as_text = NULL, as_number = NULL, recovered = NULL;
  McCleanLogEntry *entry;
  McColumn *column;

  /* Integers as text read the same: nothing changes but the type. */
  as_text = apply (source, TRUE, mc_clean_step_new (MC_CLEAN_SET_TYPE, "orders", "amount", "text", NULL), &entry);
  g_assert_cmpuint (entry->cells_changed, ==, 0);
  column = orders_column (as_text, "amount");
  g_assert_cmpint (column->type, ==, MC_COLUMN_TYPE_TEXT);
  g_assert_cmpstr (mc_column_get_string (column, 0), ==, "10");

  /* No platform is a number: all nine become missing. */
  as_number = apply (source, TRUE, mc_clean_step_new (MC_CLEAN_SET_TYPE, "orders", "platform", "number", NULL),
                     &entry);
  g_assert_cmpuint (entry->cells_changed, ==, 9);
  g_assert_cmpuint (orders_column (as_number, "platform")->n_missing, ==, 9);

  /* "12..5" and "abc1" did not parse as numbers; as text they are back. */
  recovered = apply (mismatches, FALSE, mc_clean_step_new (MC_CLEAN_SET_TYPE, "mismatches", "amount", "text", NULL),
                     &entry);
  g_assert_cmpuint (entry->cells_changed, ==, 2);
  column = mc_table_lookup_column (mc_dataset_lookup_table (recovered, "mismatches"), "amount");
  g_assert_cmpstr (mc_column_get_string (column, 38), ==, "12..5");
  g_assert_cmpuint (column->n_missing, ==, 0);
}

static void
test_recipe_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mercato-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "recipe.ini", NULL);
  g_autoptr(GPtrArray) recipe = mc_recipe_new ();
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;
  McCleanStep *step;

  g_ptr_array_add (recipe, mc_clean_step_new (MC_CLEAN_DROP_DUPLICATE_ROWS, "orders", NULL, NULL, NULL));
  g_ptr_array_add (recipe, mc_clean_step_new (MC_CLEAN_MERGE_CATEGORIES, "orders", "platform", NULL, "WEB=Website"));
  g_assert_true (mc_recipe_save (recipe, path, &error));
  g_assert_no_error (error);
  loaded = mc_recipe_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 2);
  step = g_ptr_array_index (loaded, 1);
  g_assert_cmpint (step->action, ==, MC_CLEAN_MERGE_CATEGORIES);
  g_assert_cmpstr (step->column, ==, "platform");
  g_assert_cmpstr (step->value, ==, "WEB=Website");
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_errors (void)
{
  g_autoptr(McDataset) source = load_test_dataset ("cleaning", NULL);
  g_autoptr(GPtrArray) recipe = mc_recipe_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(McDataset) result = NULL;

  g_ptr_array_add (recipe, mc_clean_step_new (MC_CLEAN_MISSING, "orders", "no_such_column", "median", NULL));
  result = mc_recipe_apply (recipe, source, NULL, &error);
  g_assert_null (result);
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "step 1: "));
}

static void
test_suggested (void)
{
  g_autoptr(McDataset) source = load_test_dataset ("cleaning", NULL);
  g_autoptr(GPtrArray) findings = mc_checks_run (source, 0);
  g_autoptr(GPtrArray) recipe = mc_recipe_suggest (source, findings);
  McCleanStep *first;

  McCleanStep *merge;

  /* Drop the copy, merge the spellings of Website into the most used one
   * (“Website” and “website” tie at two rows: the first seen wins), flag
   * the missing amount and the outlier; the optional rating's gaps are
   * left alone. */
  g_assert_cmpuint (recipe->len, ==, 4);
  first = g_ptr_array_index (recipe, 0);
  g_assert_cmpint (first->action, ==, MC_CLEAN_DROP_DUPLICATE_ROWS);
  merge = g_ptr_array_index (recipe, 1);
  g_assert_cmpint (merge->action, ==, MC_CLEAN_MERGE_CATEGORIES);
  g_assert_cmpstr (merge->value, ==, "website=Website;Website =Website");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Mercato/Cleaning/rows", test_rows);
  g_test_add_func ("/Mercato/Cleaning/missing", test_missing);
  g_test_add_func ("/Mercato/Cleaning/outliers", test_outliers);
  g_test_add_func ("/Mercato/Cleaning/text", test_text);
  g_test_add_func ("/Mercato/Cleaning/set-type", test_set_type);
  g_test_add_func ("/Mercato/Cleaning/recipe-file", test_recipe_file);
  g_test_add_func ("/Mercato/Cleaning/errors", test_errors);
  g_test_add_func ("/Mercato/Cleaning/suggested", test_suggested);

  status = g_test_run ();
  g_clear_pointer (&last_log, g_ptr_array_unref);
  return status;
}
