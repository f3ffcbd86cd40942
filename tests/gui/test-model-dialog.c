/* test-model-dialog.c: "How the figures are computed" on a real display
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens tests/fixtures/model/invoices (see test-model.c for its figures),
 * corrects the amount in the dialog as a user does, and checks that every
 * figure is worked out again, that the correction is found again when
 * the files are opened anew, and that Reset forgets it.
 */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "mc-metrics.h"
#include "mc-model-dialog.h"
#include "mc-model-store.h"
#include "mc-model.h"
#include "mc-window-private.h"
#include "test-common.h"

static gboolean
loaded (gpointer data)
{
  return !mc_window_get_loading (data) && mc_window_get_dataset (data) != NULL;
}

typedef struct
{
  McWindow  *window;
  McDataset *from;
} Change;

static gboolean
changed (gpointer data)
{
  Change *change = data;

  return mc_window_get_dataset (change->window) != change->from;
}

static McWindow *
open_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "model", name, NULL);
  const char *paths[] = { path, NULL };
  McWindow *window = mc_window_new (NULL);

  gtk_window_present (GTK_WINDOW (window));
  mc_window_open_paths (window, paths);
  wait_until (loaded, window);
  return window;
}

static McWindow *
open_invoices (void)
{
  return open_fixture ("invoices");
}

/* The row of WIDGET's tree whose title starts with PREFIX. */
static GtkWidget *
find_row (GtkWidget  *widget,
          GType       type,
          const char *prefix)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type)
      && g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), prefix))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, type, prefix);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static double
revenue_of (McWindow *window)
{
  g_autoptr(McMetrics) metrics = mc_metrics_compute (mc_window_get_dataset (window), NULL);

  return round (metrics->overall.revenue * 100) / 100;
}

static const char *
amount_of (McWindow *window)
{
  return mc_model_get_value (mc_model_for_dataset (mc_window_get_dataset (window)), MC_MODEL_AMOUNT);
}

static void
test_correct_amount (void)
{
  const char *folder = g_getenv ("MERCATO_MODEL_DIR");
  McWindow *window, *again;
  McModelDialog *dialog;
  GtkWidget *entry, *reset;
  Change change;
  g_autofree char *kept = NULL;

  window = open_invoices ();
  g_assert_cmpstr (amount_of (window), ==, "Quantity*UnitPrice");
  g_assert_cmpfloat_with_epsilon (revenue_of (window), 58.99, 1e-9);

  /* Ctrl+M's action opens the dialog on the dataset's model. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-model", NULL));
  dialog = _mc_window_get_model_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_nonnull (find_row (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, "Amount of a purchase line"));

  /* Typing an amount works every figure out again: 2 × the unit prices. */
  entry = find_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Or type the amount");
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "UnitPrice*2");
  change = (Change) { window, mc_window_get_dataset (window) };
  g_signal_emit_by_name (entry, "apply");
  /* The dialog says it is working until the figures are ready. */
  g_assert_true (_mc_model_dialog_get_busy (dialog));
  wait_until (changed, &change);
  g_assert_false (_mc_model_dialog_get_busy (dialog));
  g_assert_cmpstr (amount_of (window), ==, "UnitPrice*2");
  g_assert_true (mc_model_get_choice (mc_model_for_dataset (mc_window_get_dataset (window)), MC_MODEL_AMOUNT)->set_by_user);
  g_assert_cmpfloat_with_epsilon (revenue_of (window), 83.38, 1e-9);

  /* Kept outside the sources, and found again. */
  kept = mc_model_store_path (mc_window_get_dataset (window));
  g_assert_true (g_str_has_prefix (kept, folder));
  g_assert_true (g_file_test (kept, G_FILE_TEST_EXISTS));
  again = open_invoices ();
  g_assert_cmpstr (amount_of (again), ==, "UnitPrice*2");
  gtk_window_destroy (GTK_WINDOW (again));

  /* Reset lets Mercato choose again and forgets the correction. */
  reset = find_button (GTK_WIDGET (dialog), "_Reset");
  g_assert_nonnull (reset);
  g_assert_true (gtk_widget_get_sensitive (reset));
  change = (Change) { window, mc_window_get_dataset (window) };
  g_signal_emit_by_name (reset, "clicked");
  wait_until (changed, &change);
  g_assert_cmpstr (amount_of (window), ==, "Quantity*UnitPrice");
  g_assert_false (g_file_test (kept, G_FILE_TEST_EXISTS));
  g_assert_false (gtk_widget_get_sensitive (find_button (GTK_WIDGET (dialog), "_Reset")));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A correction that names nothing in the data is refused in words and
 * the figures stay. */
static void
test_bad_setting_keeps_figures (void)
{
  McWindow *window = open_invoices ();
  McDataset *before = mc_window_get_dataset (window);
  g_autoptr(GHashTable) bad = mc_model_overrides_new ();
  McModelDialog *dialog;
  gint64 deadline;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-model", NULL));
  dialog = _mc_window_get_model_dialog (window);
  g_hash_table_insert (bad, g_strdup ("amount"), g_strdup ("Quantity*Colour"));
  g_signal_emit_by_name (dialog, "settings-changed", bad);
  deadline = g_get_monotonic_time () + 2 * G_TIME_SPAN_SECOND;
  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (mc_window_get_dataset (window) == before);
  g_assert_cmpstr (amount_of (window), ==, "Quantity*UnitPrice");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A column's header menu offers it for the figures (win.set-model-choice):
 * UnitPrice alone as the amount is 2.55 + 3.39 + 1.85 + 27.50 + 1.45 +
 * 4.95 = 41.69. */
static void
test_column_as_amount (void)
{
  McWindow *window = open_invoices ();
  Change change = { window, mc_window_get_dataset (window) };

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.set-model-choice", "(ss)",
                                             "amount", "lines.UnitPrice"));
  wait_until (changed, &change);
  g_assert_cmpstr (amount_of (window), ==, "lines.UnitPrice");
  g_assert_cmpfloat_with_epsilon (revenue_of (window), 41.69, 1e-9);
  /* Back to Mercato's own reading for the other tests. */
  change.from = mc_window_get_dataset (window);
  {
    g_autoptr(GHashTable) none = mc_model_overrides_new ();

    mc_window_set_model_settings (window, none);
  }
  wait_until (changed, &change);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A column's "Refers To" menu: products.product_category_name refers to
 * nothing, so the product type is the Portuguese category itself. */
static void
test_column_refers_to_nothing (void)
{
  McWindow *window = open_fixture ("marketplace");
  Change change = { window, mc_window_get_dataset (window) };
  McModel *model;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.set-model-choice", "(ss)",
                                             "refers.products.product_category_name", "none"));
  wait_until (changed, &change);
  model = mc_model_for_dataset (mc_window_get_dataset (window));
  g_assert_cmpstr (mc_model_get_value (model, MC_MODEL_PRODUCT_TYPE), ==, "products.product_category_name");
  change.from = mc_window_get_dataset (window);
  {
    g_autoptr(GHashTable) none = mc_model_overrides_new ();

    mc_window_set_model_settings (window, none);
  }
  wait_until (changed, &change);
  model = mc_model_for_dataset (mc_window_get_dataset (window));
  g_assert_cmpstr (mc_model_get_value (model, MC_MODEL_PRODUCT_TYPE), ==,
                   "product_category_name_translation.product_category_name_english");
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;
  return FALSE;
}

/* A web-analytics export has no purchase rows: the Overview shows its
 * sessions' conversion (1,908 of 12,330 bought: 15.5 %) instead of "No
 * Purchases Found". */
static void
test_sessions_overview (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "corpus", "online-shoppers", "data", NULL);
  const char *paths[] = { path, NULL };
  McWindow *window = mc_window_new (NULL);
  GtkWidget *overview;

  gtk_window_present (GTK_WINDOW (window));
  mc_window_open_paths (window, paths);
  wait_until (loaded, window);
  overview = GTK_WIDGET (mc_window_get_overview_page (window));
  g_assert_true (shows_label (overview, "Conversion Rate"));
  g_assert_true (shows_label (overview, "15.5 %"));
  g_assert_false (shows_label (overview, "No Purchases Found"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Paid 320 for cars listed at 300: "Above List Price 6.7 %", never a
 * discount of −6.7 %. */
static void
test_above_list_price (void)
{
  McWindow *window = open_fixture ("premium");
  GtkWidget *overview = GTK_WIDGET (mc_window_get_overview_page (window));

  g_assert_true (shows_label (overview, "Above List Price"));
  g_assert_true (shows_label (overview, "6.7 %"));
  g_assert_false (shows_label (overview, "Discount"));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *folder = g_dir_make_tmp ("mercato-models-XXXXXX", NULL);
  int status;

  /* Corrections go to a folder of the test's own, set before any thread. */
  g_setenv ("MERCATO_MODEL_DIR", folder, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/Mercato/ModelDialog/correct-amount", test_correct_amount);
  g_test_add_func ("/Mercato/ModelDialog/bad-setting-keeps-figures", test_bad_setting_keeps_figures);
  g_test_add_func ("/Mercato/ModelDialog/column-as-amount", test_column_as_amount);
  g_test_add_func ("/Mercato/ModelDialog/column-refers-to-nothing", test_column_refers_to_nothing);
  g_test_add_func ("/Mercato/ModelDialog/sessions-overview", test_sessions_overview);
  g_test_add_func ("/Mercato/ModelDialog/above-list-price", test_above_list_price);

  status = g_test_run ();
  g_rmdir (folder);
  return status;
}
