/* test-chart-view.c: a chart on a real display
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>

#include "mc-chart-private.h"
#include "mc-chart-view.h"
#include "mc-save-chooser.h"
#include "mc-widget-utils.h"
#include "test-common.h"

static McChart *
sales_bars (void)
{
  McChart *chart = mc_chart_new (MC_CHART_BAR);
  const char *platforms[] = { "Dealership", "Mobile App", "Website" };
  const double sales[] = { 120, 60, 30 };

  mc_chart_set_title (chart, "Sales by platform", NULL);
  mc_chart_set_categories (chart, platforms, 3);
  mc_chart_add_series (chart, "sales", NULL, sales, 3);
  return chart;
}

static GtkWidget *
show_in_window (GtkWidget *view)
{
  GtkWidget *window = gtk_window_new ();

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 400);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  while (gtk_widget_get_width (view) == 0 || g_main_context_iteration (NULL, FALSE))
    g_main_context_iteration (NULL, TRUE);
  return window;
}

/* What the widget draws, as pixels. */
static GdkTexture *
render_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;

  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (snapshot);
  return gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node, NULL);
}

static void
assert_pixel (GdkTexture *texture,
              int         x,
              int         y,
              McRgb       expected)
{
  int width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
  g_autofree guint8 *data = g_malloc (4 * width * height);
  guint8 *pixel;

  gdk_texture_download (texture, data, 4 * width);
  pixel = data + 4 * (y * width + x);   /* BGRA, premultiplied */
  g_assert_cmpint (abs (pixel[2] - (int) round (expected.red * 255)), <=, 3);
  g_assert_cmpint (abs (pixel[1] - (int) round (expected.green * 255)), <=, 3);
  g_assert_cmpint (abs (pixel[0] - (int) round (expected.blue * 255)), <=, 3);
}

static void
test_draws_and_navigates (void)
{
  g_autoptr(McChart) chart = sales_bars ();
  GtkWidget *view = mc_chart_view_new (chart);
  GtkWidget *window = show_in_window (view);
  g_autoptr(GdkTexture) texture = render_widget (view);
  double x, y, width, height;

  /* The widget draws the chart: the first bar is there, in its colour. */
  g_assert_cmpuint (mc_chart_get_n_marks (chart), ==, 3);
  g_assert_true (mc_chart_get_mark (chart, 0, &x, &y, &width, &height));
  assert_pixel (texture, (int) (x + width / 2), (int) (y + height / 2), mc_chart_palette (0));

  /* The keyboard walks the marks and stops at the ends. */
  g_assert_cmpint (mc_chart_view_get_focus_mark (MC_CHART_VIEW (view)), ==, -1);
  g_assert_true (mc_chart_view_move_focus (MC_CHART_VIEW (view), 1));
  g_assert_cmpint (mc_chart_view_get_focus_mark (MC_CHART_VIEW (view)), ==, 0);
  mc_chart_view_move_focus (MC_CHART_VIEW (view), 5);
  g_assert_cmpint (mc_chart_view_get_focus_mark (MC_CHART_VIEW (view)), ==, 2);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_copy_to_clipboard (void)
{
  g_autoptr(McChart) chart = sales_bars ();
  GtkWidget *view = mc_chart_view_new (chart);
  GtkWidget *window = show_in_window (view);
  GdkContentFormats *formats;
  g_autoptr(GdkTexture) texture = mc_chart_view_to_texture (MC_CHART_VIEW (view));

  /* Twice the widget's size, for sharp slides. */
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 2 * MAX (gtk_widget_get_width (view), 640));
  g_assert_true (gtk_widget_activate_action (view, "chart.copy", NULL));
  formats = gdk_clipboard_get_formats (gtk_widget_get_clipboard (view));
  g_assert_true (gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_zoom_view (void)
{
  g_autoptr(McChart) chart = mc_chart_new (MC_CHART_LINE);
  double days[100], values[100], low, high;
  GtkWidget *view, *window;

  for (int i = 0; i < 100; i++)
    {
      days[i] = 19358 + i;
      values[i] = i;
    }
  mc_chart_add_series (chart, "revenue", days, values, 100);
  mc_chart_set_formats (chart, MC_VALUE_DAY, MC_VALUE_MONEY);
  view = mc_chart_view_new (chart);
  window = show_in_window (view);
  g_assert_cmpuint (mc_chart_get_n_marks (chart), ==, 100);
  /* Zoomed to 20 days, only their points can be hovered. */
  mc_chart_set_x_view (chart, 19358 + 40, 19358 + 59);
  gtk_widget_queue_draw (view);
  /* Wait for the frame that draws it. */
  for (gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC / 2; g_get_monotonic_time () < end;)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (mc_chart_get_n_marks (chart), ==, 20);
  g_assert_true (mc_chart_get_x_view (chart, &low, &high));
  g_assert_true (mc_chart_get_x_extent (chart, &low, &high));
  g_assert_cmpfloat (high - low, ==, 99);
  gtk_window_destroy (GTK_WINDOW (window));
}


/* What the view's tooltip shows over mark INDEX as the widget drew it. */
static char *
tooltip_at (GtkWidget *view,
            guint      index)
{
  McChart *chart = mc_chart_view_get_chart (MC_CHART_VIEW (view));
  double x, y, width, height;
  McChartHit hit;
  char *label;

  g_assert_true (mc_chart_get_mark (chart, index, &x, &y, &width, &height));
  g_assert_cmpfloat (x + width, <=, gtk_widget_get_width (view));
  g_assert_true (mc_chart_hit_test (chart, x + width / 2, y + height / 2, &hit));
  label = g_steal_pointer (&hit.label);
  mc_chart_hit_clear (&hit);
  return label;
}

/* Issue 13: the tooltip a bar or a point shows in the widget. */
static void
test_tooltips (void)
{
  g_autoptr(McChart) histogram = mc_chart_new (MC_CHART_HISTOGRAM);
  g_autoptr(McChart) months = mc_chart_new (MC_CHART_LINE);
  double values[100], x[] = { 19539, 19570, 19601, 19631 }, dealership[] = { 12, 15, 19, 17 };
  GtkWidget *view, *window;
  g_autofree char *tooltip = NULL;

  for (int i = 0; i < 100; i++)
    values[i] = i;
  mc_chart_add_series (histogram, "price", NULL, values, 100);
  mc_chart_set_formats (histogram, MC_VALUE_NUMBER, MC_VALUE_COUNT);
  mc_chart_set_unit (histogram, "sales");
  view = mc_chart_view_new (histogram);
  window = show_in_window (view);
  tooltip = tooltip_at (view, 4);
  g_assert_cmpstr (tooltip, ==, "20–25: 5 sales");
  g_clear_pointer (&tooltip, g_free);
  gtk_window_destroy (GTK_WINDOW (window));

  mc_chart_add_series (months, "Dealership", x, dealership, 4);
  mc_chart_set_formats (months, MC_VALUE_DAY, MC_VALUE_COUNT);
  view = mc_chart_view_new (months);
  window = show_in_window (view);
  tooltip = tooltip_at (view, 2);
  g_assert_cmpstr (tooltip, ==, "Sep 2023: 19");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Issue 13: every other row label of a twelve-row heat map was missing
 * in its card: the card grows to label them all. */
static void
test_card_fits_rows (void)
{
  g_autoptr(McChart) chart = mc_chart_new (MC_CHART_HEATMAP);
  const char *columns[] = { "a", "b" };
  const char *rows[12] = { "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11" };
  double values[24] = { 0 };
  GtkWidget *view, *card, *window;
  int height;

  mc_chart_set_categories (chart, columns, 2);
  mc_chart_set_matrix (chart, rows, 12, values);
  card = mc_chart_card_new (chart, &view);
  gtk_widget_get_size_request (view, NULL, &height);
  g_assert_cmpint (height, >, 300);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 420, height);
  gtk_window_set_child (GTK_WINDOW (window), card);
  gtk_window_present (GTK_WINDOW (window));
  while (gtk_widget_get_width (view) == 0 || g_main_context_iteration (NULL, FALSE))
    g_main_context_iteration (NULL, TRUE);
  {
    g_autoptr(GdkTexture) texture = render_widget (view);
    guint labelled = 0;

    for (guint i = 0; i < chart->label_boxes->len; i++)
      labelled += g_array_index (chart->label_boxes, McChartMark, i).x < chart->plot_x;
    g_assert_cmpuint (labelled, ==, 12);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The path the save dialog's response writes to, for NAME typed in DIR
 * and TYPE chosen among the types offered. */
static char *
chosen_path (const char *dir,
             const char *name,
             McSaveType  type,
             McSaveType *chosen)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new ("Save", NULL, GTK_FILE_CHOOSER_ACTION_SAVE, NULL, NULL);
  g_autoptr(GFile) file = g_file_new_build_filename (dir, name, NULL);
  char *path;

  mc_save_chooser_add_types (GTK_FILE_CHOOSER (chooser), MC_SAVE_CSV);
  mc_save_chooser_set_type (GTK_FILE_CHOOSER (chooser), type);
  path = mc_save_chooser_get_path (GTK_FILE_CHOOSER (chooser), file, chosen);
  g_object_unref (chooser);
  return path;
}

/* "Save Data" with "Workbook (.xlsx)" chosen: the name becomes .xlsx,
 * the workbook reopens with the CSV's values, the counts as numbers. */
static void
test_save_data_as_workbook (void)
{
  g_autoptr(McChart) chart = sales_bars ();
  GtkWidget *view = mc_chart_view_new (chart);
  GtkWidget *window = show_in_window (view);
  g_autofree char *dir = g_dir_make_tmp ("mercato-chart-XXXXXX", NULL);
  g_autofree char *xlsx = NULL, *csv = NULL;
  g_autoptr(McDataset) from_xlsx = NULL;
  g_autoptr(McDataset) from_csv = NULL;
  g_autoptr(GError) error = NULL;
  McSaveType type;

  xlsx = chosen_path (dir, "Sales by platform.csv", MC_SAVE_XLSX, &type);
  g_assert_cmpint (type, ==, MC_SAVE_XLSX);
  g_assert_true (g_str_has_suffix (xlsx, "/Sales by platform.xlsx"));
  csv = chosen_path (dir, "Sales by platform.csv", MC_SAVE_CSV, &type);
  g_assert_cmpint (type, ==, MC_SAVE_CSV);
  g_assert_true (mc_chart_view_save (MC_CHART_VIEW (view), xlsx, &error));
  g_assert_no_error (error);
  g_assert_true (mc_chart_view_save (MC_CHART_VIEW (view), csv, &error));
  g_assert_no_error (error);

  from_xlsx = load_dataset_at (xlsx);
  from_csv = load_dataset_at (csv);
  assert_same_values (mc_dataset_get_table (from_csv, 0), mc_dataset_get_table (from_xlsx, 0));
  g_assert_true (mc_column_is_numeric (mc_table_get_column (mc_dataset_get_table (from_xlsx, 0), 1)));
  g_assert_cmpstr (mc_column_get_string (mc_table_get_column (mc_dataset_get_table (from_xlsx, 0), 0), 0), ==,
                   "Dealership");
  g_unlink (xlsx);
  g_unlink (csv);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/Mercato/ChartView/draws-and-navigates", test_draws_and_navigates);
  g_test_add_func ("/Mercato/ChartView/copy-to-clipboard", test_copy_to_clipboard);
  g_test_add_func ("/Mercato/ChartView/zoom-view", test_zoom_view);
  g_test_add_func ("/Mercato/ChartView/tooltips", test_tooltips);
  g_test_add_func ("/Mercato/ChartView/save-data-as-workbook", test_save_data_as_workbook);
  g_test_add_func ("/Mercato/ChartView/card-fits-rows", test_card_fits_rows);
  return g_test_run ();
}
