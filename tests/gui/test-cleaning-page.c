/* test-cleaning-page.c: cleaning in the app, as issue 13 asked for it
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Save Cleaned Copy… writes what `mercato-cli clean` writes and the
 * folder opens again; Open Recipe… replays a recipe and explains what a
 * recipe is to whoever gives it a CSV; steps read as sentences; a
 * finding a step flagged says so instead of offering the fix again, and
 * errors get fixes; undo and redo go one step at a time (Ctrl+Z,
 * Shift+Ctrl+Z) with the recipe.
 */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "gui-common.h"
#include "mc-window-private.h"

static char *
sample_path (void)
{
  return g_build_filename (g_getenv ("MERCATO_SOURCE_ROOT"), "app", "sample", "automotive", NULL);
}

static void
settle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
wait_for_load (McWindow *window)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_TIME_SPAN_SECOND;

  while (mc_window_get_loading (window) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (mc_window_get_loading (window));
  settle ();
}

static void
wait_for_dataset_change (McWindow  *window,
                         McDataset *from)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_TIME_SPAN_SECOND;

  while (mc_window_get_dataset (window) == from && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (mc_window_get_dataset (window) != from);
  settle ();
}

static void
wait_for_file (const char *path)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_TIME_SPAN_SECOND;

  while (!g_file_test (path, G_FILE_TEST_EXISTS) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  settle ();
}

static McWindow *
open_sample (void)
{
  g_autofree char *path = sample_path ();
  const char *paths[] = { path, NULL };
  McWindow *window = mc_window_new (NULL);

  gtk_window_present (GTK_WINDOW (window));
  mc_window_open_paths (window, paths);
  wait_for_load (window);
  return window;
}

static gsize
rows_of (McWindow   *window,
         const char *table)
{
  return mc_table_get_n_rows (mc_dataset_lookup_table (mc_window_get_dataset (window), table));
}

/* The index of the first finding of CHECK on TABLE (and COLUMN). */
static guint
finding_index (McQualityPage *page,
               const char    *check,
               const char    *table,
               const char    *column)
{
  for (guint i = 0; i < mc_quality_page_get_n_findings (page); i++)
    {
      McFinding *f = mc_quality_page_get_finding (page, i);

      if (g_str_equal (f->check, check) && g_str_equal (f->table, table)
          && (column == NULL || (g_strv_length (f->columns) == 1 && g_str_equal (f->columns[0], column))))
        return i;
    }
  g_assert_not_reached ();
}

/* Titles of the rows (and labels of the buttons) under WIDGET, in order. */
static void
collect_texts (GtkWidget *widget,
               GPtrArray *texts)
{
  if (ADW_IS_PREFERENCES_ROW (widget))
    g_ptr_array_add (texts, (char *) adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    g_ptr_array_add (texts, (char *) gtk_button_get_label (GTK_BUTTON (widget)));
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)) != NULL)
    g_ptr_array_add (texts, (char *) gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)));
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (texts, (char *) gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_texts (child, texts);
}

static gboolean
page_shows (McQualityPage *page,
            const char    *text)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();

  collect_texts (GTK_WIDGET (page), texts);
  for (guint i = 0; i < texts->len; i++)
    if (g_strcmp0 (g_ptr_array_index (texts, i), text) == 0)
      return TRUE;
  return FALSE;
}

static void
apply_and_wait (McWindow *window)
{
  McDataset *before = mc_window_get_dataset (window);

  mc_window_apply_recipe (window);
  wait_for_dataset_change (window, before);
}

/* Save Cleaned Copy… writes the tables, recipe.ini and cleaning-log.txt;
 * never into the folder that was opened; the copy opens again. */
static void
test_save_cleaned_copy (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mercato-gui-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "cleaned", NULL);
  g_autofree char *log_path = g_build_filename (out, "cleaning-log.txt", NULL);
  g_autofree char *recipe_path = g_build_filename (out, "recipe.ini", NULL);
  g_autofree char *sales_path = g_build_filename (out, "sales.csv", NULL);
  g_autofree char *source = sample_path ();
  g_autofree char *source_sales = g_build_filename (source, "sales.csv", NULL);
  g_autofree char *log = NULL;
  g_autofree char *before_text = NULL, *after_text = NULL;
  g_autoptr(GPtrArray) recipe = NULL;
  McWindow *window = open_sample ();
  McQualityPage *page = mc_window_get_quality_page (window);
  const char *paths[] = { out, NULL };
  gint64 deadline;

  g_assert_true (mc_quality_page_add_fix (page, finding_index (page, "duplicate_rows", "sales", NULL)));
  apply_and_wait (window);
  g_assert_cmpuint (rows_of (window, "sales"), ==, 1486);

  /* Into the folder of the sources: refused, the sources unchanged. */
  g_assert_true (g_file_get_contents (source_sales, &before_text, NULL, NULL));
  mc_window_save_cleaned_copy (window, source);
  deadline = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;
  while (mc_window_get_last_error (window) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (strstr (mc_window_get_last_error (window), "never overwritten"));
  g_assert_true (g_file_get_contents (source_sales, &after_text, NULL, NULL));
  g_assert_cmpstr (before_text, ==, after_text);

  mc_window_save_cleaned_copy (window, out);
  wait_for_file (log_path);
  g_assert_true (g_file_test (sales_path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_get_contents (log_path, &log, NULL, NULL));
  g_assert_nonnull (strstr (log, "1. Drop the repeated rows of sales: 1 rows removed of 1487"));
  recipe = mc_recipe_load (recipe_path, NULL);
  g_assert_nonnull (recipe);
  g_assert_cmpuint (recipe->len, ==, 1);
  g_assert_cmpint (((McCleanStep *) g_ptr_array_index (recipe, 0))->action, ==, MC_CLEAN_DROP_DUPLICATE_ROWS);

  /* The folder written opens again: four tables, the log and the recipe skipped. */
  mc_window_open_paths (window, paths);
  wait_for_load (window);
  g_assert_cmpuint (mc_dataset_get_n_tables (mc_window_get_dataset (window)), ==, 4);
  g_assert_cmpuint (rows_of (window, "sales"), ==, 1486);
  g_assert_cmpuint (mc_dataset_get_skipped (mc_window_get_dataset (window))->len, ==, 2);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Open Recipe… replays a recipe; a CSV gets told what a recipe is. */
static void
test_open_recipe (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mercato-gui-XXXXXX", NULL);
  g_autofree char *recipe_path = g_build_filename (dir, "recipe.ini", NULL);
  g_autofree char *source = sample_path ();
  g_autofree char *csv = g_build_filename (source, "cars.csv", NULL);
  McWindow *window = open_sample ();
  McQualityPage *page = mc_window_get_quality_page (window);
  McDataset *original = mc_window_get_dataset (window);

  mc_window_open_recipe (window, csv);
  settle ();
  g_assert_true (mc_window_get_dataset (window) == original);
  g_assert_nonnull (mc_window_get_last_error (window));
  g_assert_nonnull (strstr (mc_window_get_last_error (window), "is not a cleaning recipe"));
  g_assert_nonnull (strstr (mc_window_get_last_error (window), "[step 1]"));

  g_assert_true (g_file_set_contents (recipe_path,
                                      "[step 1]\naction=drop-duplicate-rows\ntable=sales\n\n"
                                      "[step 2]\naction=outliers\ntable=sales\ncolumn=purchase_price\nmethod=flag\n",
                                      -1, NULL));
  mc_window_open_recipe (window, recipe_path);
  wait_for_dataset_change (window, original);
  /* One snapshot a step: wait for the last. */
  g_assert_cmpuint (mc_quality_page_get_applied (page)->len, ==, 2);
  g_assert_cmpuint (rows_of (window, "sales"), ==, 1486);
  g_assert_nonnull (mc_table_lookup_column (mc_dataset_lookup_table (mc_window_get_dataset (window), "sales"),
                                            "purchase_price_outlier"));
  g_assert_cmpuint (mc_quality_page_get_recipe (page)->len, ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Steps read as sentences; a flagged finding says Flagged; errors have
 * fixes to choose from. */
static void
test_sentences_and_fixes (void)
{
  McWindow *window = open_sample ();
  McQualityPage *page = mc_window_get_quality_page (window);
  guint outliers = finding_index (page, "outlier", "sales", "purchase_price");
  guint orphans, early, order, rating;

  g_assert_cmpstr (mc_quality_page_get_fix_state (page, outliers), ==, "add");
  g_assert_true (mc_quality_page_add_fix (page, outliers));
  g_assert_cmpstr (mc_quality_page_get_fix_state (page, outliers), ==, "added");
  g_assert_true (page_shows (page, "Flag outliers of sales.purchase_price in a new column"));
  g_assert_false (page_shows (page, "outliers sales.purchase_price by flag"));

  /* Errors: each has fixes, the ones that make sense. */
  orphans = finding_index (page, "orphan_key", "sales", "customer_id");
  early = finding_index (page, "before_release", "sales", NULL);
  order = finding_index (page, "date_order", "visits", NULL);
  rating = finding_index (page, "out_of_range", "sales", "user_review");
  g_assert_cmpstr (mc_quality_page_get_fix_state (page, orphans), ==, "add");
  g_assert_cmpstr (mc_quality_page_get_fix_state (page, early), ==, "add");
  g_assert_cmpstr (mc_quality_page_get_fix_state (page, order), ==, "add");
  g_assert_cmpstr (mc_quality_page_get_fix_state (page, rating), ==, "add");
  g_assert_true (mc_quality_page_add_choice (page, orphans, 1));   /* flag */
  g_assert_true (mc_quality_page_add_choice (page, early, 0));     /* drop */
  g_assert_true (mc_quality_page_add_choice (page, order, 0));     /* swap */
  g_assert_true (mc_quality_page_add_choice (page, rating, 0));    /* set missing */
  g_assert_false (mc_quality_page_add_choice (page, rating, 1));
  g_assert_true (page_shows (page, "Flag the rows whose sales.customer_id is not found in users.customer_id in a "
                                   "new column"));
  g_assert_true (page_shows (page, "Swap visits.start_timestamp and end_timestamp where a row ends before it starts"));

  apply_and_wait (window);
  /* Wait for the last of the five steps. */
  g_assert_cmpuint (mc_quality_page_get_applied (page)->len, ==, 5);
  g_assert_cmpuint (rows_of (window, "sales"), ==, 1485);

  /* The flagged findings are there still, marked, with no Add Fix. */
  outliers = finding_index (page, "outlier", "sales", "purchase_price");
  orphans = finding_index (page, "orphan_key", "sales", "customer_id");
  g_assert_cmpstr (mc_quality_page_get_fix_state (page, outliers), ==, "applied");
  g_assert_cmpstr (mc_quality_page_get_fix_state (page, orphans), ==, "applied");
  g_assert_true (page_shows (page, "Flagged"));
  for (guint i = 0; i < mc_quality_page_get_n_findings (page); i++)
    {
      McFinding *f = mc_quality_page_get_finding (page, i);

      /* The fixed ones are gone. */
      g_assert_cmpstr (f->check, !=, "before_release");
      g_assert_cmpstr (f->check, !=, "date_order");
      g_assert_false (g_str_equal (f->check, "out_of_range") && g_str_equal (f->columns[0], "user_review"));
    }
  /* The applied steps are listed as sentences. */
  g_assert_true (page_shows (page, "Flag outliers of sales.purchase_price in a new column"));
  g_assert_true (page_shows (page, "Set the values of sales.user_review outside the 1–5 scale missing"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A copy of the sample whose sales have their first row 1,234 times
 * more (the caller removes the folder). */
static char *
sample_with_repeats (void)
{
  g_autofree char *from = sample_path ();
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("mercato-repeats-XXXXXX", &error);
  const char *names[] = { "cars.csv", "sales.csv", "users.csv", "visits.csv" };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *source = g_build_filename (from, names[i], NULL);
      g_autofree char *target = g_build_filename (dir, names[i], NULL);
      g_autofree char *text = NULL;
      g_autoptr(GString) copy = NULL;

      g_assert_true (g_file_get_contents (source, &text, NULL, NULL));
      copy = g_string_new (text);
      if (g_str_equal (names[i], "sales.csv"))
        {
          const char *first = strchr (text, '\n') + 1;
          g_autofree char *row = g_strndup (first, strchr (first, '\n') + 1 - first);

          for (guint r = 0; r < 1234; r++)
            g_string_append (copy, row);
        }
      g_assert_true (g_file_set_contents (target, copy->str, copy->len, NULL));
    }
  return dir;
}

static void
remove_folder (const char *dir)
{
  const char *names[] = { "cars.csv", "sales.csv", "users.csv", "visits.csv" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

/* Counts are grouped when the locale has no grouping (LANG unset: the
 * C locale, as C.UTF-8, the tests' own): "1,235 rows removed", never
 * "1235", which printf's %' gave. */
static void
test_counts_grouped_without_locale (void)
{
  g_autofree char *dir = sample_with_repeats ();
  const char *paths[] = { dir, NULL };
  g_autofree char *numeric = g_strdup (setlocale (LC_NUMERIC, NULL));
  McWindow *window = mc_window_new (NULL);
  McQualityPage *page = mc_window_get_quality_page (window);

  setlocale (LC_NUMERIC, "C");
  gtk_window_present (GTK_WINDOW (window));
  mc_window_open_paths (window, paths);
  wait_for_load (window);
  g_assert_cmpuint (rows_of (window, "sales"), ==, 1487 + 1234);
  g_assert_true (mc_quality_page_add_fix (page, finding_index (page, "duplicate_rows", "sales", NULL)));
  apply_and_wait (window);
  /* The sample's one repeated row and the 1,234 added. */
  g_assert_cmpuint (rows_of (window, "sales"), ==, 1486);
  g_assert_true (page_shows (page, "1,235 rows removed"));
  g_assert_false (page_shows (page, "1235 rows removed"));

  gtk_window_destroy (GTK_WINDOW (window));
  setlocale (LC_NUMERIC, numeric);
  remove_folder (dir);
}

/* Activates win.undo or win.redo and waits for the step it goes to
 * (made again on a worker thread when it was in the middle of an Apply). */
static void
history (McWindow   *window,
         const char *action)
{
  McDataset *before = mc_window_get_dataset (window);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
  wait_for_dataset_change (window, before);
}

static gboolean
has_shortcut (McWindow   *window,
              const char *trigger,
              const char *action)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);
          g_autofree char *text = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          GtkShortcutAction *named = gtk_shortcut_get_action (shortcut);

          if (g_str_equal (text, trigger) && GTK_IS_NAMED_ACTION (named)
              && g_str_equal (gtk_named_action_get_action_name (GTK_NAMED_ACTION (named)), action))
            return TRUE;
        }
    }
  return FALSE;
}

/* Undo and redo one step at a time; the recipe follows. */
static void
test_undo_redo (void)
{
  McWindow *window = open_sample ();
  McQualityPage *page = mc_window_get_quality_page (window);
  McDataset *original = mc_window_get_dataset (window);
  g_autoptr(GBytes) overlay = g_resources_lookup_data ("/org/mercato/Mercato/gtk/help-overlay.ui", 0, NULL);
  McDataset *after_one;

  g_assert_true (has_shortcut (window, "<Control>z", "win.undo"));
  g_assert_true (has_shortcut (window, "<Shift><Control>z", "win.redo"));
  g_assert_nonnull (overlay);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (overlay, NULL), g_bytes_get_size (overlay),
                                  "&lt;Control&gt;z"));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (overlay, NULL), g_bytes_get_size (overlay),
                                  "&lt;Control&gt;&lt;Shift&gt;z"));
  /* Nothing to undo yet. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  settle ();
  g_assert_true (mc_window_get_dataset (window) == original);

  g_assert_true (mc_quality_page_add_fix (page, finding_index (page, "duplicate_rows", "sales", NULL)));
  g_assert_true (mc_quality_page_add_fix (page, finding_index (page, "outlier", "sales", "purchase_price")));
  apply_and_wait (window);
  g_assert_cmpuint (mc_quality_page_get_applied (page)->len, ==, 2);

  /* Ctrl+Z: back one step, the recipe loses it. */
  history (window, "win.undo");
  after_one = mc_window_get_dataset (window);
  g_assert_true (after_one != original);
  g_assert_cmpuint (mc_quality_page_get_applied (page)->len, ==, 1);
  g_assert_cmpuint (rows_of (window, "sales"), ==, 1486);
  g_assert_null (mc_table_lookup_column (mc_dataset_lookup_table (after_one, "sales"), "purchase_price_outlier"));
  g_assert_false (page_shows (page, "Flag outliers of sales.purchase_price in a new column"));
  g_assert_cmpstr (mc_quality_page_get_fix_state (page, finding_index (page, "outlier", "sales", "purchase_price")),
                   ==, "add");

  /* And the first. */
  history (window, "win.undo");
  g_assert_true (mc_window_get_dataset (window) == original);
  g_assert_cmpuint (mc_quality_page_get_applied (page)->len, ==, 0);

  /* Ctrl+Shift+Z: forward one step at a time, the recipe regains them. */
  history (window, "win.redo");
  g_assert_true (mc_window_get_dataset (window) == after_one);
  g_assert_cmpuint (mc_quality_page_get_applied (page)->len, ==, 1);
  history (window, "win.redo");
  g_assert_cmpuint (mc_quality_page_get_applied (page)->len, ==, 2);
  g_assert_nonnull (mc_table_lookup_column (mc_dataset_lookup_table (mc_window_get_dataset (window), "sales"),
                                            "purchase_price_outlier"));
  g_assert_cmpstr (mc_quality_page_get_fix_state (page, finding_index (page, "outlier", "sales", "purchase_price")),
                   ==, "applied");

  /* A new step after an undo: nothing left to redo. */
  history (window, "win.undo");
  g_assert_true (mc_quality_page_add_fix (page, finding_index (page, "duplicate_rows", "visits", NULL)));
  apply_and_wait (window);
  g_assert_cmpuint (mc_quality_page_get_applied (page)->len, ==, 2);
  g_assert_null (mc_table_lookup_column (mc_dataset_lookup_table (mc_window_get_dataset (window), "sales"),
                                         "purchase_price_outlier"));
  mc_window_redo_cleaning (window);
  g_assert_cmpuint (mc_quality_page_get_applied (page)->len, ==, 2);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A page on its own, given a session, lists what the checks found in
 * the session's dataset, waits while it is cleaned, and cleans it. */
static void
test_page_follows_session (void)
{
  g_autofree char *path = sample_path ();
  g_autoptr(McSession) session = mc_session_new ();
  McQualityPage *page = g_object_ref_sink (g_object_new (MC_TYPE_QUALITY_PAGE, "session", session, NULL));
  gint64 deadline = g_get_monotonic_time () + 60 * G_TIME_SPAN_SECOND;
  McDataset *before;

  g_assert_true (mc_quality_page_get_session (page) == session);
  open_session_at (session, path);
  g_assert_cmpuint (mc_quality_page_get_n_findings (page), >, 0);
  g_assert_cmpuint (mc_quality_page_get_n_findings (page), ==, mc_session_get_findings (session)->len);

  before = mc_session_get_dataset (session);
  g_assert_true (mc_quality_page_add_fix (page, finding_index (page, "duplicate_rows", "sales", NULL)));
  mc_quality_page_apply (page);
  g_assert_true (mc_session_get_changing (session));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (page)));
  while (mc_session_get_dataset (session) == before && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  settle ();
  /* The rows of test_save_cleaned_copy, the repeated ones dropped. */
  g_assert_cmpuint (mc_table_get_n_rows (mc_dataset_lookup_table (mc_session_get_dataset (session), "sales")), ==, 1486);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (page)));
  g_assert_cmpuint (mc_quality_page_get_applied (page)->len, ==, 1);
  g_assert_cmpuint (mc_quality_page_get_recipe (page)->len, ==, 0);

  mc_quality_page_set_session (page, NULL);
  g_object_unref (page);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/Mercato/Cleaning/save-cleaned-copy", test_save_cleaned_copy);
  g_test_add_func ("/Mercato/Cleaning/open-recipe", test_open_recipe);
  g_test_add_func ("/Mercato/Cleaning/sentences-and-fixes", test_sentences_and_fixes);
  g_test_add_func ("/Mercato/Cleaning/undo-redo", test_undo_redo);
  g_test_add_func ("/Mercato/Cleaning/counts-grouped-without-locale", test_counts_grouped_without_locale);
  g_test_add_func ("/Mercato/Cleaning/page-follows-session", test_page_follows_session);

  return g_test_run ();
}
