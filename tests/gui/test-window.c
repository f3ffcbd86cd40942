/* test-window.c: the main window on a real display
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "mc-chart-view.h"
#include "mc-table-model.h"
#include "mc-overview-page-private.h"
#include "mc-window-private.h"

static char *
sample_path (void)
{
  return g_build_filename (g_getenv ("MERCATO_SOURCE_ROOT"), "app", "sample", "automotive", NULL);
}

/* Runs the main loop until the window's load has finished. */
static void
wait_for_load (McWindow *window)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_TIME_SPAN_SECOND;

  while (mc_window_get_loading (window) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (mc_window_get_loading (window));
  /* Let the window settle (selection, page switch). */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}

static McWindow *
new_window (void)
{
  McWindow *window = mc_window_new (NULL);

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
test_open_sample (void)
{
  g_autofree char *path = sample_path ();
  const char *paths[] = { path, NULL };
  McWindow *window = new_window ();
  McDataset *dataset;

  g_assert_null (mc_window_get_dataset (window));
  mc_window_open_paths (window, paths);
  g_assert_true (mc_window_get_loading (window));
  wait_for_load (window);

  dataset = mc_window_get_dataset (window);
  g_assert_nonnull (dataset);
  g_assert_cmpuint (mc_dataset_get_n_tables (dataset), ==, 4);
  g_assert_cmpuint (count_rows (mc_window_get_table_list (window)), ==, 4);
  g_assert_nonnull (gtk_list_box_get_selected_row (mc_window_get_table_list (window)));
  g_assert_cmpuint (mc_table_get_n_rows (mc_dataset_lookup_table (dataset, "sales")), ==, 1487);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_bad_file_keeps_dataset (void)
{
  g_autofree char *good = sample_path ();
  g_autofree char *bad = g_test_build_filename (G_TEST_DIST, "fixtures", "gui", "bad", NULL);
  const char *good_paths[] = { good, NULL };
  const char *bad_paths[] = { bad, NULL };
  McWindow *window = new_window ();
  McDataset *before;

  mc_window_open_paths (window, good_paths);
  wait_for_load (window);
  before = mc_window_get_dataset (window);
  g_assert_nonnull (before);

  mc_window_open_paths (window, bad_paths);
  wait_for_load (window);
  g_assert_true (mc_window_get_dataset (window) == before);
  g_assert_nonnull (mc_window_get_last_error (window));
  /* The message names the file, the line and the column of the quote. */
  g_assert_nonnull (strstr (mc_window_get_last_error (window), "broken.csv:2:3: unterminated quoted field"));
  g_assert_cmpuint (count_rows (mc_window_get_table_list (window)), ==, 4);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_cancel_leaves_previous_state (void)
{
  g_autofree char *path = sample_path ();
  const char *paths[] = { path, NULL };
  McWindow *window = new_window ();

  mc_window_open_paths (window, paths);
  mc_window_cancel_load (window);
  wait_for_load (window);
  g_assert_null (mc_window_get_dataset (window));
  g_assert_null (mc_window_get_last_error (window));
  g_assert_cmpuint (count_rows (mc_window_get_table_list (window)), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
wait_for_dataset_change (McWindow  *window,
                         McDataset *from)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_TIME_SPAN_SECOND;

  while (mc_window_get_dataset (window) == from && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (mc_window_get_dataset (window) != from);
}

static gsize
sales_rows (McWindow *window)
{
  return mc_table_get_n_rows (mc_dataset_lookup_table (mc_window_get_dataset (window), "sales"));
}

static void
test_clean_and_undo (void)
{
  g_autofree char *path = sample_path ();
  const char *paths[] = { path, NULL };
  McWindow *window = new_window ();
  McQualityPage *page = mc_window_get_quality_page (window);
  McDataset *original;

  mc_window_open_paths (window, paths);
  wait_for_load (window);
  original = mc_window_get_dataset (window);
  /* The 15 findings of `mercato-cli check app/sample/automotive`; the
   * first is the repeated row of sales. */
  g_assert_cmpuint (mc_quality_page_get_n_findings (page), ==, 15);
  g_assert_true (mc_quality_page_add_fix (page, 0));
  g_assert_cmpuint (mc_quality_page_get_recipe (page)->len, ==, 1);

  mc_window_apply_recipe (window);
  wait_for_dataset_change (window, original);
  g_assert_cmpuint (sales_rows (window), ==, 1486);
  /* The repeated row is gone, so is its finding. */
  g_assert_cmpuint (mc_quality_page_get_n_findings (page), ==, 14);

  mc_window_undo_cleaning (window);
  g_assert_true (mc_window_get_dataset (window) == original);
  g_assert_cmpuint (sales_rows (window), ==, 1487);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The tooltips of the column view's header titles, in order. */
static void
collect_header_tooltips (GtkWidget *widget,
                         GPtrArray *tooltips)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (g_str_equal (G_OBJECT_TYPE_NAME (child), "GtkColumnViewTitle"))
      g_ptr_array_add (tooltips, (char *) gtk_widget_get_tooltip_text (child));
    else
      collect_header_tooltips (child, tooltips);
}

/* A file of 50,000 columns took 5.3 GB in the app (issue 17): widgets are
 * made for the first columns only, and the rest are said to be there. */
static void
test_wide_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mercato-wide-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "wide.csv", NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  const char *paths[] = { path, NULL };
  McWindow *window = new_window ();
  GtkColumnView *rows;

  for (int row = 0; row < 3; row++)
    {
      for (int c = 0; c < 50000; c++)
        if (row == 0)
          g_string_append_printf (text, "%sc%d", c > 0 ? "," : "", c);
        else
          g_string_append_printf (text, "%s%d", c > 0 ? "," : "", (c + row) % 10);
      g_string_append_c (text, '\n');
    }
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  mc_window_open_paths (window, paths);
  wait_for_load (window);
  g_assert_nonnull (mc_window_get_dataset (window));
  g_assert_cmpuint (mc_table_get_n_columns (mc_dataset_get_table (mc_window_get_dataset (window), 0)), ==, 50000);
  rows = mc_window_get_rows_view (window);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (rows)), ==, 200);

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_rows_view (void)
{
  g_autofree char *path = sample_path ();
  const char *paths[] = { path, NULL };
  McWindow *window = new_window ();
  GtkColumnView *rows;
  GtkSelectionModel *model;

  mc_window_open_paths (window, paths);
  wait_for_load (window);
  rows = mc_window_get_rows_view (window);
  /* cars, selected first: five columns, twelve rows, no object per row
   * until the view asks. */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (rows)), ==, 5);
  model = gtk_column_view_get_model (rows);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 12);

  /* Line 755 of sales.csv is its 754th data row (index 753). */
  mc_window_show_row (window, "sales", 755);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  model = gtk_column_view_get_model (rows);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1487);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (model)), ==, 753);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (rows)), ==, 7);
  /* Each header's tooltip tells its column's type, role, gaps and range. */
  {
    g_autoptr(GPtrArray) tooltips = g_ptr_array_new ();

    collect_header_tooltips (GTK_WIDGET (rows), tooltips);
    g_assert_cmpuint (tooltips->len, ==, 7);
    /* As mercato-cli describe gives purchase_price. */
    g_assert_cmpstr (g_ptr_array_index (tooltips, 5), ==, "integer · the amount paid\n0 missing\nfrom 19220 to 469900");
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Runs the main loop for a while: frames are drawn, marks recorded. */
static void
settle (void)
{
  for (gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC / 2; g_get_monotonic_time () < end;)
    g_main_context_iteration (NULL, FALSE);
}

static McChartView *
find_chart (McWindow   *window,
            const char *title)
{
  g_autoptr(GList) views = mc_overview_page_get_charts (mc_window_get_overview_page (window));

  for (GList *l = views; l != NULL; l = l->next)
    if (g_strcmp0 (mc_chart_get_title (mc_chart_view_get_chart (l->data)), title) == 0)
      return l->data;
  g_error ("no chart %s", title);
}

static guint
listed_rows (McWindow   *window,
             const char *table)
{
  GtkListBox *list = mc_window_get_table_list (window);

  for (guint i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, i);
      GtkWidget *name = gtk_widget_get_first_child (gtk_list_box_row_get_child (row));

      if (GTK_IS_LABEL (name) && g_str_equal (gtk_label_get_text (GTK_LABEL (name)), table))
        {
          gtk_list_box_select_row (list, row);
          settle ();
          return g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (mc_window_get_rows_view (window))));
        }
    }
  g_error ("no table %s", table);
}

/* Whether a label under WIDGET reads TEXT (visible ones only). */
static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child))
        continue;
      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0)
        return TRUE;
      if (has_label (child, text))
        return TRUE;
    }
  return FALSE;
}

/* Whether the row titled TITLE under WIDGET (All Metrics') shows VALUE,
 * the row made for these figures or kept from the last ones. */
static gboolean
metric_reads (GtkWidget  *widget,
              const char *title,
              const char *value)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_ACTION_ROW (child) && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)
        return has_label (child, value);
      if (metric_reads (child, title, value))
        return TRUE;
    }
  return FALSE;
}

/* Presses KEY as WIDGET's own shortcuts see it. */
static gboolean
press_widget_key (gpointer        widget,
                  guint           keyval,
                  GdkModifierType modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (widget));
  g_autofree char *wanted = gtk_accelerator_name (keyval, modifiers);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

          if (g_strcmp0 (trigger, wanted) == 0)
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, GTK_WIDGET (widget),
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }
  return FALSE;
}

#define press_window_key press_widget_key

/* The mark of CHART for CATEGORY and SERIES. */
static void
find_mark (McChart    *chart,
           const char *category,
           const char *series,
           McChartHit *hit)
{
  double x, y, width, height;

  memset (hit, 0, sizeof *hit);
  for (guint m = 0; m < mc_chart_get_n_marks (chart) && hit->label == NULL; m++)
    {
      g_assert_true (mc_chart_get_mark (chart, m, &x, &y, &width, &height));
      if (mc_chart_hit_test (chart, x + width / 2, y + height / 2, hit)
          && !(g_strcmp0 (mc_chart_get_category (chart, hit->index), category) == 0
               && g_strcmp0 (mc_chart_get_series_name (chart, hit->series), series) == 0))
        mc_chart_hit_clear (hit);
    }
  g_assert_nonnull (hit->label);
}

static void
wait_for_filter (McWindow *window)
{
  while (mc_window_get_filtering (window))
    g_main_context_iteration (NULL, TRUE);
  settle ();
}

static double
top_in_page (McWindow  *window,
             GtkWidget *widget)
{
  graphene_point_t point;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (mc_window_get_overview_page (window)),
                                           &GRAPHENE_POINT_INIT (0, 0), &point));
  return point.y;
}

/* How far WIDGET is from BEFORE once the page is laid out: a few frames,
 * more in a sanitizer build on a busy machine, so give it three seconds. */
static double
settled_offset (McWindow  *window,
                GtkWidget *widget,
                double     before)
{
  gint64 end = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;
  double offset;

  while ((offset = fabs (top_in_page (window, widget) - before)) >= 2 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  return offset;
}

static void
test_cross_filter (void)
{
  g_autofree char *path = sample_path ();
  const char *paths[] = { path, NULL };
  McWindow *window = new_window ();
  McOverviewPage *page;
  GtkAdjustment *scroll;
  McChartView *view;
  McChart *chart;
  McChartHit hit = { 0 };
  int series, index, row;
  double before;
  g_autoptr(GList) views = NULL;
  g_autofree char *all_orders = mc_format_count (1486);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  mc_window_open_paths (window, paths);
  wait_for_load (window);
  settle ();
  page = mc_window_get_overview_page (window);
  g_assert_cmpuint (listed_rows (window, "sales"), ==, 1487);

  /* The chart scrolled into the middle of the page, as a reader would. */
  view = find_chart (window, "Fuel type by platform");
  scroll = gtk_scrolled_window_get_vadjustment (mc_overview_page_get_scroller (page));
  gtk_adjustment_set_value (scroll, top_in_page (window, GTK_WIDGET (view)) - 200);
  settle ();
  before = top_in_page (window, GTK_WIDGET (view));
  g_assert_cmpfloat (gtk_adjustment_get_value (scroll), >, 100);

  /* Click the bar of electric cars sold on the Website (128 sales, as
   * `mercato-cli chart --chart type-by-platform --out t.csv` says). */
  chart = mc_chart_view_get_chart (view);
  find_mark (chart, "Website", "Electric", &hit);
  g_signal_emit_by_name (view, "mark-activated", hit.series, hit.index, hit.row);
  series = hit.series;
  index = hit.index;
  row = hit.row;
  mc_chart_hit_clear (&hit);
  /* Worked out on a worker; the page shows no busy sign at once, only
   * if the filter takes over 100 ms (it would only flicker). */
  g_assert_true (mc_window_get_filtering (window));
  g_assert_false (mc_overview_page_get_busy (page));
  wait_for_filter (window);
  g_assert_false (mc_overview_page_get_busy (page));

  /* The clicked chart is whole, its selection highlighted, and where it was. */
  view = find_chart (window, "Fuel type by platform");
  g_assert_cmpstr (mc_chart_get_category (mc_chart_view_get_chart (view), 0), ==, "Dealership");
  g_assert_cmpstr (mc_chart_get_category (mc_chart_view_get_chart (view), 2), ==, "Website");
  g_assert_true (mc_chart_view_get_highlight (view, &series, &index, &row));
  find_mark (mc_chart_view_get_chart (view), "Website", "Electric", &hit);
  g_assert_cmpint (hit.series, ==, series);
  g_assert_cmpint (hit.index, ==, index);
  mc_chart_hit_clear (&hit);
  g_assert_cmpfloat (settled_offset (window, GTK_WIDGET (view), before), <, 2);

  /* Every other chart and every tile says it is filtered; so do their
   * exports (the subtitle is drawn into them). */
  views = mc_overview_page_get_charts (page);
  for (GList *l = views; l != NULL; l = l->next)
    {
      McChart *other = mc_chart_view_get_chart (l->data);

      if (l->data == (gpointer) view)
        continue;
      g_assert_false (mc_chart_view_get_highlight (l->data, NULL, NULL, NULL));
      g_assert_true (g_str_has_suffix (mc_chart_get_subtitle (other), "only Website · Electric"));
      g_assert_true (has_label (gtk_widget_get_parent (gtk_widget_get_parent (l->data)), "Only Website · Electric"));
    }
  g_assert_true (has_label (GTK_WIDGET (page), "Only purchases of Website · Electric"));
  g_assert_true (has_label (GTK_WIDGET (page), "Only Website · Electric"));
  /* All Metrics counts the 128 orders of the filter, not the 1,486. */
  g_assert_true (metric_reads (GTK_WIDGET (page), "Orders", "128"));

  /* The Tables show the rows taking part: the sales, the cars sold, the
   * customers who bought them, the visits that ended in them. */
  g_assert_cmpuint (listed_rows (window, "sales"), ==, 128);
  /* 125 buyers, one of whom the users table lacks. */
  g_assert_cmpuint (listed_rows (window, "users"), ==, 124);
  g_assert_cmpuint (listed_rows (window, "cars"), ==, 4);
  g_assert_cmpuint (listed_rows (window, "visits"), ==, 126);

  /* Escape shows everything again. */
  g_assert_true (press_window_key (window, GDK_KEY_Escape, 0));
  settle ();
  g_assert_cmpuint (listed_rows (window, "sales"), ==, 1487);
  g_assert_cmpuint (listed_rows (window, "cars"), ==, 12);
  g_assert_false (has_label (GTK_WIDGET (page), "Only Website · Electric"));
  g_assert_true (metric_reads (GTK_WIDGET (page), "Orders", all_orders));

  /* A click on the selection again clears the filter too. */
  view = find_chart (window, "Fuel type by platform");
  find_mark (mc_chart_view_get_chart (view), "Website", "Electric", &hit);
  g_signal_emit_by_name (view, "mark-activated", hit.series, hit.index, hit.row);
  wait_for_filter (window);
  g_assert_cmpuint (listed_rows (window, "sales"), ==, 128);
  view = find_chart (window, "Fuel type by platform");
  g_signal_emit_by_name (view, "mark-activated", hit.series, hit.index, hit.row);
  mc_chart_hit_clear (&hit);
  settle ();
  g_assert_cmpuint (listed_rows (window, "sales"), ==, 1487);
  gtk_window_destroy (GTK_WINDOW (window));
}

static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", pdf, "-", NULL };
  char *text = NULL;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &text, NULL, NULL, NULL));
  g_strdelimit (text, "\n", ' ');
  return text;
}

/* The report under a filter is of the filtered purchases, and says so. */
static void
test_filtered_report (void)
{
  g_autofree char *path = sample_path ();
  const char *paths[] = { path, NULL };
  g_autofree char *dir = g_dir_make_tmp ("mercato-report-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *text = NULL;
  McWindow *window = new_window ();
  McChartView *view;
  McChartHit hit;

  mc_window_open_paths (window, paths);
  wait_for_load (window);
  view = find_chart (window, "Fuel type by platform");
  find_mark (mc_chart_view_get_chart (view), "Website", "Electric", &hit);
  g_signal_emit_by_name (view, "mark-activated", hit.series, hit.index, hit.row);
  mc_chart_hit_clear (&hit);
  wait_for_filter (window);
  mc_window_export_report (window, pdf);
  while (!g_file_test (pdf, G_FILE_TEST_EXISTS) || g_main_context_pending (NULL))
    g_main_context_iteration (NULL, TRUE);
  /* The title may wrap: pdf_text() joins the lines. */
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "only Website · Electric"));
  g_assert_nonnull (strstr (text, "sales: 128 rows"));
  /* 128 orders, not the whole dataset's 1,486. */
  g_assert_null (strstr (text, "1486"));
  g_assert_null (strstr (text, "1,486"));
  g_unlink (pdf);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The ARGB pixel of PNG at the middle of the mark of CHART for CATEGORY
 * and SERIES, where the export that wrote PNG (at SCALE pixels a point)
 * drew it. */
static guint32
mark_pixel (const char *png,
            McChart    *chart,
            const char *category,
            const char *series,
            double      scale)
{
  cairo_surface_t *image = cairo_image_surface_create_from_png (png);
  McChartHit hit;
  double x = 0, y = 0, width = 0, height = 0;
  guint32 pixel;

  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  find_mark (chart, category, series, &hit);
  for (guint m = 0; m < mc_chart_get_n_marks (chart); m++)
    {
      McChartHit at;

      g_assert_true (mc_chart_get_mark (chart, m, &x, &y, &width, &height));
      if (mc_chart_hit_test (chart, x + width / 2, y + height / 2, &at) && at.series == hit.series && at.index == hit.index)
        {
          mc_chart_hit_clear (&at);
          break;
        }
      mc_chart_hit_clear (&at);
    }
  mc_chart_hit_clear (&hit);
  pixel = ((guint32 *) (cairo_image_surface_get_data (image)
                        + (int) ((y + height / 2) * scale) * cairo_image_surface_get_stride (image)))
          [(int) ((x + width / 2) * scale)];
  cairo_surface_destroy (image);
  return pixel & 0xffffff;
}

/* The clicked chart saved (PNG, PDF) after a filter click states the
 * filter it shows and draws its selection highlighted, as on screen:
 * the bar of electric cars on the Website keeps the colour it has
 * unfiltered, the Dealership's electric cars are veiled. */
static void
test_export_after_filter (void)
{
  g_autofree char *path = sample_path ();
  const char *paths[] = { path, NULL };
  g_autofree char *dir = g_dir_make_tmp ("mercato-export-XXXXXX", NULL);
  g_autofree char *before_png = g_build_filename (dir, "before.png", NULL);
  g_autofree char *png = g_build_filename (dir, "chart.png", NULL);
  g_autofree char *pdf = g_build_filename (dir, "chart.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  McWindow *window = new_window ();
  McChartView *view;
  McChartHit hit;
  guint32 website, dealership;

  mc_window_open_paths (window, paths);
  wait_for_load (window);
  view = find_chart (window, "Fuel type by platform");
  g_assert_true (mc_chart_view_save (view, before_png, &error));
  g_assert_no_error (error);
  website = mark_pixel (before_png, mc_chart_view_get_chart (view), "Website", "Electric", 2);
  dealership = mark_pixel (before_png, mc_chart_view_get_chart (view), "Dealership", "Electric", 2);
  /* One series, one colour. */
  g_assert_cmphex (website, ==, dealership);

  find_mark (mc_chart_view_get_chart (view), "Website", "Electric", &hit);
  g_signal_emit_by_name (view, "mark-activated", hit.series, hit.index, hit.row);
  mc_chart_hit_clear (&hit);
  wait_for_filter (window);
  view = find_chart (window, "Fuel type by platform");
  g_assert_true (mc_chart_view_save (view, pdf, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Only purchases of Website · Electric highlighted"));
  g_assert_true (mc_chart_view_save (view, png, &error));
  g_assert_no_error (error);
  g_assert_cmphex (mark_pixel (png, mc_chart_view_get_chart (view), "Website", "Electric", 2), ==, website);
  g_assert_cmphex (mark_pixel (png, mc_chart_view_get_chart (view), "Dealership", "Electric", 2), !=, dealership);
  /* The note is the export's: the screen has the card's. */
  g_assert_null (mc_chart_get_note (mc_chart_view_get_chart (view)));

  g_unlink (before_png);
  g_unlink (png);
  g_unlink (pdf);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A chart saved under the name of one of the open dataset's files is
 * refused, whatever the file chooser allowed, and the file is intact:
 * the chart view finds the dataset through its window's session. */
static void
test_chart_never_over_source (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mercato-source-XXXXXX", NULL);
  g_autofree char *sales = g_build_filename (dir, "sales.csv", NULL);
  const char *paths[] = { sales, NULL };
  const char *text = "customer_id,purchase_date,purchase_price\n1,2023-01-01,10\n2,2023-01-02,20\n";
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  McWindow *window = new_window ();
  McChartView *view;

  g_assert_true (g_file_set_contents (sales, text, -1, NULL));
  mc_window_open_paths (window, paths);
  wait_for_load (window);
  {
    g_autoptr(GList) views = mc_overview_page_get_charts (mc_window_get_overview_page (window));

    g_assert_nonnull (views);
    view = views->data;
  }
  g_assert_false (mc_chart_view_save (view, sales, &error));
  g_assert_nonnull (error);
  g_assert_true (g_file_get_contents (sales, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, text);

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (sales);
  g_rmdir (dir);
}

/* Another dataset opened starts at the top, not where the last one was. */
static void
test_new_dataset_at_top (void)
{
  g_autofree char *path = sample_path ();
  g_autofree char *other = g_build_filename (g_getenv ("MERCATO_SOURCE_ROOT"), "tests", "corpus", "superstore", "data", NULL);
  const char *paths[] = { path, NULL };
  const char *other_paths[] = { other, NULL };
  McWindow *window = new_window ();
  GtkAdjustment *scroll;

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  mc_window_open_paths (window, paths);
  wait_for_load (window);
  settle ();
  scroll = gtk_scrolled_window_get_vadjustment (mc_overview_page_get_scroller (mc_window_get_overview_page (window)));
  gtk_adjustment_set_value (scroll, 900);
  settle ();
  g_assert_cmpfloat (gtk_adjustment_get_value (scroll), >, 800);
  mc_window_open_paths (window, other_paths);
  wait_for_load (window);
  settle ();
  g_assert_cmpfloat (gtk_adjustment_get_value (scroll), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_export_report (void)
{
  g_autofree char *path = sample_path ();
  const char *paths[] = { path, NULL };
  g_autofree char *dir = g_dir_make_tmp ("mercato-report-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *text = NULL;
  const char *argv[] = { "pdftotext", pdf, "-", NULL };
  McWindow *window = new_window ();

  mc_window_open_paths (window, paths);
  wait_for_load (window);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (window)));
  /* Written on a worker thread; the action comes back when it is done. */
  mc_window_export_report (window, pdf);
  while (!g_file_test (pdf, G_FILE_TEST_EXISTS) || g_main_context_pending (NULL))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &text, NULL, NULL, NULL));
  g_assert_nonnull (strstr (text, "Key figures"));
  g_assert_nonnull (strstr (text, "Sales trend"));
  g_unlink (pdf);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* "ascending" or "descending": the state of the sort arrow shown in a
 * column header under WIDGET, or NULL. */
static const char *
sort_indicator (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      const char *found;

      if (g_str_equal (gtk_widget_get_css_name (child), "sort-indicator") && gtk_widget_get_mapped (child))
        {
          if (gtk_widget_has_css_class (child, "ascending"))
            return "ascending";
          if (gtk_widget_has_css_class (child, "descending"))
            return "descending";
        }
      if ((found = sort_indicator (child)) != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_search_entry (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_SEARCH_ENTRY (child))
        return child;
      if ((found = find_search_entry (child)) != NULL)
        return found;
    }
  return NULL;
}

static void
test_sort_and_search_rows (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "dataset", "automotive", NULL);
  const char *paths[] = { path, NULL };
  McWindow *window = new_window ();
  GtkSelectionModel *selection;
  GListModel *rows;
  McTable *sales;
  g_autoptr(McTableRow) first = NULL;
  g_autoptr(McTableRow) last = NULL;

  mc_window_open_paths (window, paths);
  wait_for_load (window);
  g_assert_cmpuint (listed_rows (window, "sales"), ==, 10);
  selection = gtk_column_view_get_model (mc_window_get_rows_view (window));
  rows = gtk_single_selection_get_model (GTK_SINGLE_SELECTION (selection));
  sales = mc_table_model_get_table (MC_TABLE_MODEL (rows));
  g_assert_cmpint (mc_table_get_column_index (sales, "purchase_price"), ==, 5);

  /* The rows on screen, with the search bar (Ctrl+F). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL));
  settle ();

  /* Column 5, purchase_price, from its header menu: 24000 (sale 4) first. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sort-rows", "(ib)", 5, FALSE));
  first = g_list_model_get_item (rows, 0);
  g_assert_cmpuint (mc_table_row_get_index (first), ==, 3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sort-rows", "(ib)", 5, TRUE));
  last = g_list_model_get_item (rows, 9);
  g_assert_cmpuint (mc_table_row_get_index (last), ==, 3);

  /* The header shows it: an arrow down on purchase_price. */
  g_assert_cmpstr (sort_indicator (GTK_WIDGET (mc_window_get_rows_view (window))), ==, "descending");

  /* A click on a header sorts by it (what the header does: ascending
   * first, then the other way), with the arrow. */
  {
    GListModel *columns = gtk_column_view_get_columns (mc_window_get_rows_view (window));
    g_autoptr(GtkColumnViewColumn) price = g_list_model_get_item (columns, 5);

    for (guint c = 0; c < g_list_model_get_n_items (columns); c++)
      {
        g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, c);

        g_assert_nonnull (gtk_column_view_column_get_sorter (column));
      }
    gtk_column_view_sort_by_column (mc_window_get_rows_view (window), NULL, GTK_SORT_ASCENDING);
    g_clear_object (&first);
    first = g_list_model_get_item (rows, 0);
    g_assert_cmpuint (mc_table_row_get_index (first), ==, 0);
    g_assert_null (sort_indicator (GTK_WIDGET (mc_window_get_rows_view (window))));
    gtk_column_view_sort_by_column (mc_window_get_rows_view (window), price, GTK_SORT_ASCENDING);
    g_clear_object (&first);
    first = g_list_model_get_item (rows, 0);
    g_assert_cmpuint (mc_table_row_get_index (first), ==, 3);
    settle ();
    g_assert_cmpstr (sort_indicator (GTK_WIDGET (mc_window_get_rows_view (window))), ==, "ascending");
    gtk_column_view_sort_by_column (mc_window_get_rows_view (window), price, GTK_SORT_DESCENDING);
    g_clear_object (&last);
    last = g_list_model_get_item (rows, 9);
    g_assert_cmpuint (mc_table_row_get_index (last), ==, 3);
  }

  /* The search says how many rows match. */
  gtk_editable_set_text (GTK_EDITABLE (find_search_entry (GTK_WIDGET (window))), "website");
  settle ();
  g_assert_true (has_label (GTK_WIDGET (window), "5 of 10 rows match"));
  gtk_editable_set_text (GTK_EDITABLE (find_search_entry (GTK_WIDGET (window))), "");
  settle ();
  g_assert_false (has_label (GTK_WIDGET (window), "5 of 10 rows match"));

  /* Searching keeps the Website's five sales, still sorted. */
  mc_table_model_search (MC_TABLE_MODEL (rows), "website");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 5);
  g_clear_object (&first);
  first = g_list_model_get_item (rows, 0);
  g_assert_cmpuint (mc_table_row_get_index (first), ==, 7);   /* 27900 */
  mc_table_model_search (MC_TABLE_MODEL (rows), NULL);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 10);
  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWidget *
find_row_titled (GtkWidget  *widget,
                 const char *title)
{
  if (ADW_IS_ACTION_ROW (widget) && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row_titled (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_primary_menu_button (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_MENU_BUTTON (child) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (child)))
        return child;
      if ((found = find_primary_menu_button (child)) != NULL)
        return found;
    }
  return NULL;
}

/* The submenu labelled LABEL in MENU or its sections. */
static GMenuModel *
find_submenu (GMenuModel *menu,
              const char *label)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *text = NULL;
      g_autoptr(GMenuModel) submenu = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SUBMENU);
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      GMenuModel *found;

      g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &text);
      if (submenu != NULL && g_strcmp0 (text, label) == 0)
        return submenu;
      if (section != NULL && (found = find_submenu (section, label)) != NULL)
        return found;
    }
  return NULL;
}

static void
test_recent_datasets (void)
{
  g_autofree char *path = sample_path ();
  const char *paths[] = { path, NULL };
  McWindow *first = new_window ();
  McWindow *second;
  g_autoptr(GSettings) settings = g_settings_new ("org.mercato.Mercato");
  g_autoptr(GVariant) recent = NULL;
  g_autofree const char **latest = NULL;
  GtkWidget *row;

  mc_window_open_paths (first, paths);
  wait_for_load (first);
  /* The dataset opened last comes first. */
  recent = g_settings_get_value (settings, "recent-datasets");
  g_assert_cmpuint (g_variant_n_children (recent), >=, 1);
  latest = g_variant_get_strv (g_variant_get_child_value (recent, 0), NULL);
  g_assert_cmpstr (latest[0], ==, path);
  gtk_window_destroy (GTK_WINDOW (first));

  /* A new window offers it on its welcome page and in the primary
   * menu's Open Recent, and opens it. */
  second = new_window ();
  {
    GtkWidget *button = find_primary_menu_button (GTK_WIDGET (second));
    GMenuModel *menu, *recent_menu = NULL;
    g_autoptr(GVariant) target = NULL;
    g_autofree const char **opened = NULL;

    g_assert_nonnull (button);
    menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
    recent_menu = find_submenu (menu, "Open _Recent");
    g_assert_nonnull (recent_menu);
    g_assert_cmpint (g_menu_model_get_n_items (recent_menu), >=, 1);
    target = g_menu_model_get_item_attribute_value (recent_menu, 0, G_MENU_ATTRIBUTE_TARGET, G_VARIANT_TYPE_STRING_ARRAY);
    g_assert_nonnull (target);
    opened = g_variant_get_strv (target, NULL);
    g_assert_cmpstr (opened[0], ==, path);
  }
  row = find_row_titled (GTK_WIDGET (second), "automotive");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP)));
  g_signal_emit_by_name (row, "activated");
  wait_for_load (second);
  g_assert_nonnull (mc_window_get_dataset (second));
  gtk_window_destroy (GTK_WINDOW (second));
}

/* The text of the label that follows the label TITLE under WIDGET (a
 * key figure's value after its name). */
static const char *
value_after (GtkWidget  *widget,
             const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);
      const char *found;

      if (GTK_IS_LABEL (child) && g_str_equal (gtk_label_get_text (GTK_LABEL (child)), title) && next != NULL && GTK_IS_LABEL (next))
        return gtk_label_get_text (GTK_LABEL (next));
      if ((found = value_after (child, title)) != NULL)
        return found;
    }
  return NULL;
}

/* A money tile writes its amount short ("49.57 M"); its tooltip starts
 * with the exact amount: "Revenue: 49,571,270.00". */
static const char *
exact_amount (GtkWidget  *widget,
              const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      const char *found;

      if (GTK_IS_LABEL (child) && g_str_equal (gtk_label_get_text (GTK_LABEL (child)), title)
          && gtk_widget_get_tooltip_text (gtk_widget_get_parent (widget)) != NULL)
        {
          static char exact[64];
          const char *tooltip = gtk_widget_get_tooltip_text (gtk_widget_get_parent (widget));
          const char *start = strstr (tooltip, ": ");

          g_assert_nonnull (start);
          g_strlcpy (exact, start + 2, sizeof exact);
          *strchrnul (exact, '\n') = '\0';
          return exact;
        }
      if ((found = exact_amount (child, title)) != NULL)
        return found;
    }
  return NULL;
}

static char *
without_separators (const char *text)
{
  g_autoptr(GString) plain = g_string_new (text);

  g_string_replace (plain, ",", "", 0);
  g_string_replace (plain, " ", "", 0);
  return g_string_free (g_steal_pointer (&plain), FALSE);
}

static void
test_key_figures_match_cli (void)
{
  g_autofree char *path = sample_path ();
  const char *paths[] = { path, NULL };
  const char *argv[] = { g_getenv ("MERCATO_CLI"), "metrics", path, NULL };
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  McWindow *window = new_window ();
  JsonObject *overall;
  g_autofree char *revenue = NULL;
  g_autofree char *aov = NULL;
  g_autofree char *shown_revenue = NULL;
  g_autofree char *shown_aov = NULL;
  g_autofree char *orders = NULL;

  mc_window_open_paths (window, paths);
  wait_for_load (window);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, NULL, NULL));
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  overall = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "overall");
  revenue = g_strdup_printf ("%.2f", json_object_get_double_member (overall, "revenue"));
  aov = g_strdup_printf ("%.2f", json_object_get_double_member (overall, "aov"));
  orders = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (overall, "orders"));

  /* The tiles show what mercato-cli metrics prints, to the cent in
   * their tooltips and short on the tile ("49.57 M"). */
  g_assert_cmpstr (value_after (GTK_WIDGET (mc_window_get_overview_page (window)), "Revenue"), ==, "49.57 M");
  shown_revenue = without_separators (exact_amount (GTK_WIDGET (mc_window_get_overview_page (window)), "Revenue"));
  shown_aov = without_separators (exact_amount (GTK_WIDGET (mc_window_get_overview_page (window)), "Average Order Value"));
  g_assert_cmpstr (shown_revenue, ==, revenue);
  g_assert_cmpstr (shown_aov, ==, aov);
  g_free (shown_revenue);
  shown_revenue = without_separators (value_after (GTK_WIDGET (mc_window_get_overview_page (window)), "Orders"));
  g_assert_cmpstr (shown_revenue, ==, orders);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_size_remembered (void)
{
  McWindow *first = new_window ();
  McWindow *second;
  int width, height;

  gtk_window_set_default_size (GTK_WINDOW (first), 900, 600);
  gtk_window_destroy (GTK_WINDOW (first));
  second = new_window ();
  gtk_window_get_default_size (GTK_WINDOW (second), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 600);
  gtk_window_destroy (GTK_WINDOW (second));
}

/* Tab presses from the window's start to the first chart, each stop
 * logged. */
static guint
tabs_to_chart (McWindow *window)
{
  gtk_window_set_focus (GTK_WINDOW (window), NULL);
  for (guint n = 1; n <= 60; n++)
    {
      GtkWidget *focus;

      /* What a Tab press does, from the window down. */
      if (!gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD))
        return G_MAXUINT;
      focus = gtk_window_get_focus (GTK_WINDOW (window));
      g_test_message ("Tab %u: %s", n, focus != NULL ? G_OBJECT_TYPE_NAME (focus) : "(none)");
      if (MC_IS_CHART_VIEW (focus))
        return n;
    }
  return G_MAXUINT;
}

/* The charts within reach of the keyboard: fewer than 15 Tab presses
 * to the first, one stop each, with a menu from Shift+F10; F6 goes
 * from the header bar to the page's content. */
static void
test_charts_by_keyboard (void)
{
  g_autofree char *path = sample_path ();
  const char *paths[] = { path, NULL };
  McWindow *window = new_window ();
  g_autoptr(GList) views = NULL;
  GtkWidget *focus;
  guint n;

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  mc_window_open_paths (window, paths);
  wait_for_load (window);
  settle ();
  n = tabs_to_chart (window);
  g_assert_cmpuint (n, <, 15);

  /* The next Tab goes to the second chart: one stop per chart. */
  views = mc_overview_page_get_charts (mc_window_get_overview_page (window));
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == views->data);
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == views->next->data);

  /* Shift+F10 opens its menu, which offers Show as Table. */
  {
    /* Xvfb has no monitor to place a popover on: GDK complains of it,
     * which is not what is tested here. */
    GLogLevelFlags fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK);

    g_assert_true (press_widget_key (views->next->data, GDK_KEY_F10, GDK_SHIFT_MASK));
    settle ();
    g_log_set_always_fatal (fatal);
  }
  focus = gtk_window_get_focus (GTK_WINDOW (window));
  g_assert_nonnull (gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER_MENU));
  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER_MENU)));
  settle ();

  /* Each card shows a menu button with the same menu, not a Tab stop. */
  for (GList *l = views; l != NULL; l = l->next)
    {
      GtkWidget *card = gtk_widget_get_ancestor (l->data, GTK_TYPE_FLOW_BOX_CHILD);
      GtkWidget *button = g_object_get_data (G_OBJECT (gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (card))),
                                             "mc-chart-menu-button");
      GMenuModel *menu;
      gboolean table = FALSE;

      g_assert_true (GTK_IS_MENU_BUTTON (button));
      g_assert_true (gtk_widget_get_visible (button));
      g_assert_false (gtk_widget_get_can_focus (button));
      menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
      for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
        {
          g_autofree char *action = NULL;

          g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &action);
          table |= g_strcmp0 (action, "chart.show-table") == 0;
        }
      g_assert_true (table);
    }

  /* F6 from the header to the first chart of the Overview. */
  gtk_window_set_focus (GTK_WINDOW (window), NULL);
  g_assert_true (press_window_key (window, GDK_KEY_F6, 0));
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == views->data);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/Mercato/Window/open-sample", test_open_sample);
  g_test_add_func ("/Mercato/Window/wide-file", test_wide_file);
  g_test_add_func ("/Mercato/Window/bad-file-keeps-dataset", test_bad_file_keeps_dataset);
  g_test_add_func ("/Mercato/Window/cancel-leaves-previous-state", test_cancel_leaves_previous_state);
  g_test_add_func ("/Mercato/Window/size-remembered", test_size_remembered);
  g_test_add_func ("/Mercato/Window/clean-and-undo", test_clean_and_undo);
  g_test_add_func ("/Mercato/Window/rows-view", test_rows_view);
  g_test_add_func ("/Mercato/Window/cross-filter", test_cross_filter);
  g_test_add_func ("/Mercato/Window/export-report", test_export_report);
  g_test_add_func ("/Mercato/Window/filtered-report", test_filtered_report);
  g_test_add_func ("/Mercato/Window/export-after-filter", test_export_after_filter);
  g_test_add_func ("/Mercato/Window/chart-never-over-source", test_chart_never_over_source);
  g_test_add_func ("/Mercato/Window/new-dataset-at-top", test_new_dataset_at_top);
  g_test_add_func ("/Mercato/Window/charts-by-keyboard", test_charts_by_keyboard);
  g_test_add_func ("/Mercato/Window/sort-and-search-rows", test_sort_and_search_rows);
  g_test_add_func ("/Mercato/Window/recent-datasets", test_recent_datasets);
  g_test_add_func ("/Mercato/Window/key-figures-match-cli", test_key_figures_match_cli);

  return g_test_run ();
}
