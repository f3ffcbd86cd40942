/* test-charts.c: the chart library, by what it draws
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Charts are rendered to image surfaces and checked pixel by pixel where
 * marks must be (and must not be), exported to PDF and read back with
 * pdftotext, and to SVG and parsed.
 */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "mc-chart-export.h"
#include "mc-chart-private.h"
#include "mc-metrics.h"
#include "mc-standard-charts.h"
#include "mc-value-parse.h"
#include "test-common.h"

#define WIDTH 640
#define HEIGHT 400

static const char *platforms[] = { "Dealership", "Mobile App", "Website" };

static cairo_surface_t *
render (McChart *chart)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);

  mc_chart_render (chart, cr, WIDTH, HEIGHT);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* The colour at (X, Y), as 0–255 red, green, blue. */
static void
pixel_at (cairo_surface_t *surface,
          double           x,
          double           y,
          int              rgb[3])
{
  guint32 pixel = *(guint32 *) (cairo_image_surface_get_data (surface)
                                + (int) y * cairo_image_surface_get_stride (surface) + 4 * (int) x);

  rgb[0] = (pixel >> 16) & 0xff;
  rgb[1] = (pixel >> 8) & 0xff;
  rgb[2] = pixel & 0xff;
}

static void
assert_colour (cairo_surface_t *surface,
               double           x,
               double           y,
               McRgb            expected)
{
  int rgb[3];

  pixel_at (surface, x, y, rgb);
  if (abs (rgb[0] - (int) round (expected.red * 255)) > 3 || abs (rgb[1] - (int) round (expected.green * 255)) > 3
      || abs (rgb[2] - (int) round (expected.blue * 255)) > 3)
    g_error ("pixel (%.0f, %.0f) is %d %d %d, not %.0f %.0f %.0f", x, y, rgb[0], rgb[1], rgb[2],
             expected.red * 255, expected.green * 255, expected.blue * 255);
}

static McChartMark *
find_mark (McChart *chart,
           int      series,
           int      index)
{
  for (guint m = 0; m < chart->marks->len; m++)
    {
      McChartMark *mark = &g_array_index (chart->marks, McChartMark, m);

      if (mark->series == series && mark->index == index && mark->row != MC_CHART_LEGEND_ROW)
        return mark;
    }
  return NULL;
}

static McChart *
revenue_bars (McBarMode mode)
{
  McChart *chart = mc_chart_new (MC_CHART_BAR);
  const double dealership[] = { 100, 200, 300 };
  const double website[] = { 300, 100, 50 };

  mc_chart_set_title (chart, "Revenue by platform", "first quarter");
  mc_chart_set_axis_titles (chart, "Platform", "Revenue");
  mc_chart_set_formats (chart, MC_VALUE_NUMBER, MC_VALUE_MONEY);
  mc_chart_set_categories (chart, platforms, 3);
  mc_chart_add_series (chart, "January", NULL, dealership, 3);
  mc_chart_add_series (chart, "February", NULL, website, 3);
  mc_chart_set_bar_mode (chart, mode);
  return chart;
}

static void
test_ticks_and_labels (void)
{
  McTicks ticks;
  g_autofree char *millions = mc_format_value (1234567, MC_VALUE_MONEY, 500000, TRUE);
  g_autofree char *share = mc_format_value (0.25, MC_VALUE_PERCENT, 0.05, TRUE);
  g_autofree char *zero = mc_format_value (0, MC_VALUE_MONEY, 500000, TRUE);
  g_autofree char *thousands = mc_format_value (2500, MC_VALUE_COUNT, 500, TRUE);
  /* Every tick written exactly: steps of 0.025 need three decimals. */
  g_autofree char *fine = mc_format_value (0.525, MC_VALUE_NUMBER, 0.025, FALSE);
  g_autofree char *half = mc_format_value (7.5, MC_VALUE_NUMBER, 2.5, FALSE);

  mc_ticks_init_numeric (&ticks, 3, 97, 5, TRUE);
  g_assert_cmpfloat (ticks.min, ==, 0);
  g_assert_cmpfloat (ticks.max, ==, 100);
  g_assert_cmpfloat (ticks.step, ==, 20);
  g_assert_cmpuint (ticks.n_ticks, ==, 6);
  mc_ticks_clear (&ticks);
  /* One value still gets a range around it. */
  mc_ticks_init_numeric (&ticks, 7, 7, 5, FALSE);
  g_assert_cmpfloat (ticks.min, <, 7);
  g_assert_cmpfloat (ticks.max, >, 7);
  mc_ticks_clear (&ticks);
  /* Two years of days: quarters or months, starting on the 1st. */
  mc_ticks_init_dates (&ticks, 19358, 19358 + 730, 8);
  g_assert_cmpuint (ticks.n_ticks, >=, 4);
  g_assert_cmpuint (ticks.n_ticks, <=, 12);
  g_assert_true (ticks.date_step == MC_DATE_STEP_QUARTER || ticks.date_step == MC_DATE_STEP_MONTH);
  for (guint i = 0; i < ticks.n_ticks; i++)
    {
      g_autoptr(GDateTime) day = g_date_time_new_from_unix_utc ((gint64) ticks.ticks[i] * 86400);

      g_assert_cmpint (g_date_time_get_day_of_month (day), ==, 1);
    }
  mc_ticks_clear (&ticks);

  g_assert_cmpstr (millions, ==, "1.2 M");
  g_assert_cmpstr (share, ==, "25 %");
  g_assert_cmpstr (zero, ==, "0");
  g_assert_cmpstr (thousands, ==, "2.5 k");
  g_assert_cmpstr (fine, ==, "0.525");
  g_assert_cmpstr (half, ==, "7.5");
}

static void
test_bars (void)
{
  g_autoptr(McChart) chart = revenue_bars (MC_BARS_GROUPED);
  cairo_surface_t *surface = render (chart);
  McChartMark *tallest = find_mark (chart, 1, 0);   /* February at the dealership: 300 */
  McChartMark *website = find_mark (chart, 0, 2);
  McChartMark *shorter;

  /* Each bar is filled with its series' colour. */
  g_assert_nonnull (tallest);
  assert_colour (surface, tallest->x + tallest->width / 2, tallest->y + tallest->height / 2, mc_chart_palette (1));
  assert_colour (surface, website->x + website->width / 2, website->y + website->height / 2, mc_chart_palette (0));
  /* Above a short bar there is only background. */
  shorter = find_mark (chart, 1, 2);   /* 50 */
  assert_colour (surface, shorter->x + shorter->width / 2, shorter->y - 20, mc_chart_background (chart));
  /* Heights are proportional: 300 is three times 100. */
  g_assert_cmpfloat_with_epsilon (tallest->height, 3 * find_mark (chart, 0, 0)->height, 1.5);
  cairo_surface_destroy (surface);
}

static void
test_stacked_and_hidden (void)
{
  g_autoptr(McChart) percent = revenue_bars (MC_BARS_PERCENT);
  g_autoptr(McChart) hidden = revenue_bars (MC_BARS_STACKED);
  cairo_surface_t *surface = render (percent);
  cairo_surface_t *second;
  McChartMark *january, *february;

  /* To 100 %: each category's bars fill the plot's height. */
  for (int i = 0; i < 3; i++)
    g_assert_cmpfloat_with_epsilon (find_mark (percent, 0, i)->height + find_mark (percent, 1, i)->height,
                                    percent->plot_height, 1.5);
  /* Dealership: 100 of 400 in January, stacked under February. */
  january = find_mark (percent, 0, 0);
  february = find_mark (percent, 1, 0);
  g_assert_cmpfloat_with_epsilon (january->height, percent->plot_height / 4, 1.5);
  g_assert_cmpfloat_with_epsilon (february->y + february->height, january->y, 1.5);
  cairo_surface_destroy (surface);

  /* A hidden series draws nothing, and its legend entry stays. */
  mc_chart_set_series_hidden (hidden, 1, TRUE);
  second = render (hidden);
  g_assert_null (find_mark (hidden, 1, 0));
  g_assert_nonnull (find_mark (hidden, 0, 0));
  cairo_surface_destroy (second);
}

static void
test_hit_testing (void)
{
  g_autoptr(McChart) chart = revenue_bars (MC_BARS_GROUPED);
  cairo_surface_t *surface = render (chart);
  McChartMark *bar = find_mark (chart, 1, 2);
  McChartHit hit;
  double x_min, x_max, y_min, y_max;

  g_assert_true (mc_chart_hit_test (chart, bar->x + bar->width / 2, bar->y + bar->height / 2, &hit));
  g_assert_cmpint (hit.series, ==, 1);
  g_assert_cmpint (hit.index, ==, 2);
  g_assert_cmpfloat (hit.y, ==, 50);
  g_assert_false (hit.legend);
  g_assert_nonnull (strstr (hit.label, "Website · February: 50"));
  mc_chart_hit_clear (&hit);
  /* Empty plot: nothing. The legend: its series. */
  g_assert_false (mc_chart_hit_test (chart, bar->x + bar->width / 2, chart->plot_y + 2, &hit));
  for (guint m = 0; m < chart->marks->len; m++)
    {
      McChartMark *mark = &g_array_index (chart->marks, McChartMark, m);

      if (mark->row != MC_CHART_LEGEND_ROW || mark->series != 1)
        continue;
      g_assert_true (mc_chart_hit_test (chart, mark->x + 2, mark->y + mark->height / 2, &hit));
      g_assert_true (hit.legend);
      g_assert_cmpstr (hit.label, ==, "February");
      mc_chart_hit_clear (&hit);
    }
  /* The whole plot spans the value axis from 0. */
  g_assert_true (mc_chart_data_range (chart, 0, 0, WIDTH, HEIGHT, &x_min, &x_max, &y_min, &y_max));
  g_assert_cmpfloat (y_min, ==, 0);
  g_assert_cmpfloat (y_max, >=, 300);
  g_assert_cmpfloat_with_epsilon (x_min, -0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (x_max, 2.5, 1e-9);
  cairo_surface_destroy (surface);
}

static char *
label_point (McChart  *chart,
             int       series,
             int       index,
             gpointer  user_data)
{
  return g_strdup_printf ("%s %d", (char *) user_data, index);
}

/* Category labels longer than the left margin wrap onto a second line
 * where the rows are tall enough and are cut short beyond it, inside the
 * chart; a scatter's labeller names the point under the pointer. */
static void
test_long_labels_and_point_names (void)
{
  g_autoptr(McChart) bars = mc_chart_new (MC_CHART_BAR);
  g_autoptr(McChart) scatter = mc_chart_new (MC_CHART_SCATTER);
  const char *names[] = { "High-value frequent decisive long-standing Website Electric buyers", "Others" };
  const double shares[] = { 0.4, 0.6 }, x[] = { 1, 2, 3 }, y[] = { 3, 1, 2 };
  const guint32 groups[] = { 0, 1, 1 };
  const char *group_names[] = { "Near", "Far" };
  cairo_surface_t *surface;
  McChartMark *point;
  McChartHit hit;

  mc_chart_set_categories (bars, names, 2);
  mc_chart_add_series (bars, "Customers", NULL, shares, 2);
  mc_chart_set_horizontal (bars, TRUE);
  surface = render (bars);
  /* Nothing is drawn in the leftmost column: the label did not run off. */
  for (int row = 0; row < HEIGHT; row++)
    {
      int rgb[3];
      guint8 alpha = cairo_image_surface_get_data (surface)[row * cairo_image_surface_get_stride (surface) + 3];

      pixel_at (surface, 0, row, rgb);
      g_assert_true (alpha == 0 || (rgb[0] > 240 && rgb[1] > 240 && rgb[2] > 240));
    }
  cairo_surface_destroy (surface);
  /* Two rows of 400 pixels have room for two lines: the long name takes
   * both, "Others" one. */
  g_assert_cmpuint (bars->label_boxes->len, ==, 2);
  g_assert_cmpfloat (g_array_index (bars->label_boxes, McChartMark, 0).height, >,
                     1.6 * g_array_index (bars->label_boxes, McChartMark, 1).height);

  mc_chart_add_series (scatter, "Customers", x, y, 3);
  mc_chart_set_groups (scatter, 0, groups, group_names, 2);
  g_assert_cmpuint (mc_chart_get_n_groups (scatter), ==, 2);
  g_assert_cmpuint (mc_chart_get_n_groups (bars), ==, 0);
  mc_chart_set_point_labeller (scatter, label_point, g_strdup ("customer"), g_free);
  surface = render (scatter);
  point = find_mark (scatter, 0, 2);
  g_assert_nonnull (point);
  g_assert_true (mc_chart_hit_test (scatter, point->x + point->width / 2, point->y + point->height / 2, &hit));
  g_assert_cmpstr (hit.label, ==, "customer 2");
  mc_chart_hit_clear (&hit);
  cairo_surface_destroy (surface);
}

static void
test_lines (void)
{
  g_autoptr(McChart) chart = mc_chart_new (MC_CHART_LINE);
  double days[730], revenue[730];
  cairo_surface_t *surface;
  McChartMark *point;
  McChartHit hit;

  for (int i = 0; i < 730; i++)
    {
      days[i] = 19358 + i;   /* 2023-01-01 on */
      revenue[i] = 1000 + 500 * sin (i / 30.0);
    }
  mc_chart_add_series (chart, "Revenue", days, revenue, 730);
  mc_chart_set_formats (chart, MC_VALUE_DAY, MC_VALUE_MONEY);
  mc_chart_set_moving_average (chart, 28);
  surface = render (chart);
  /* The line passes through each point's mark. */
  point = find_mark (chart, 0, 100);
  assert_colour (surface, point->x + point->width / 2, point->y + point->height / 2, mc_chart_palette (0));
  g_assert_true (mc_chart_hit_test (chart, point->x + 4, point->y + 4, &hit));
  g_assert_cmpfloat (hit.x, ==, 19458);
  mc_chart_hit_clear (&hit);
  cairo_surface_destroy (surface);
}

static void
test_heatmap_and_scale (void)
{
  g_autoptr(McChart) chart = mc_chart_new (MC_CHART_HEATMAP);
  const char *hours[] = { "09", "10", "11" };
  const char *days[] = { "Monday", "Sunday" };
  const double values[] = { 1, 5, 10, 2, 3, 4 };
  cairo_surface_t *surface;
  McChartMark *cell;

  mc_chart_set_categories (chart, hours, 3);
  mc_chart_set_matrix (chart, days, 2, values);
  surface = render (chart);
  /* The lowest value is the scale's dark end, the highest its bright. */
  cell = &g_array_index (chart->marks, McChartMark, 0);
  g_assert_cmpint (cell->row, ==, 0);
  g_assert_cmpint (cell->index, ==, 0);
  assert_colour (surface, cell->x + 4, cell->y + 4, mc_chart_sequential (0));
  cell = &g_array_index (chart->marks, McChartMark, 2);
  assert_colour (surface, cell->x + 4, cell->y + 4, mc_chart_sequential (1));
  cairo_surface_destroy (surface);
}

static void
test_dense_scatter (void)
{
  g_autoptr(McChart) chart = mc_chart_new (MC_CHART_SCATTER);
  gsize n = 200000;
  g_autofree double *x = g_new (double, n);
  g_autofree double *y = g_new (double, n);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  cairo_surface_t *surface;
  int rgb[3], background[3];
  McChartHit hit;

  /* All points in the lower-left quarter of [0, 10] × [0, 10]. */
  for (gsize i = 0; i < n; i++)
    {
      x[i] = i == 0 ? 10 : g_rand_double_range (rand, 0, 5);
      y[i] = i == 0 ? 10 : g_rand_double_range (rand, 0, 5);
    }
  mc_chart_add_series (chart, "customers", x, y, n);
  surface = render (chart);
  /* Drawn as density: no mark per point, yet the quarter is coloured and
   * the rest is not; a point can still be found under the pointer. */
  g_assert_cmpuint (chart->marks->len, <, 10);
  pixel_at (surface, chart->plot_x + chart->plot_width * 0.25, chart->plot_y + chart->plot_height * 0.75, rgb);
  pixel_at (surface, chart->plot_x + chart->plot_width * 0.75, chart->plot_y + chart->plot_height * 0.3, background);
  g_assert_cmpint (rgb[2], >, rgb[0] + 40);   /* blue */
  g_assert_cmpint (background[0], ==, 255);
  g_assert_true (mc_chart_hit_test (chart, chart->plot_x + chart->plot_width, chart->plot_y, &hit));
  g_assert_cmpint (hit.index, ==, 0);
  mc_chart_hit_clear (&hit);
  cairo_surface_destroy (surface);
}

static void
test_crowded_axis (void)
{
  g_autoptr(McChart) chart = mc_chart_new (MC_CHART_BAR);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  double values[60];
  cairo_surface_t *surface;

  for (int i = 0; i < 60; i++)
    {
      g_ptr_array_add (labels, g_strdup_printf ("Product number %d", i));
      values[i] = i;
    }
  mc_chart_set_categories (chart, (const char * const *) labels->pdata, 60);
  mc_chart_add_series (chart, "sales", NULL, values, 60);
  surface = render (chart);
  /* Turned, and thinned so that no two labels overlap. */
  g_assert_true (chart->labels_rotated);
  g_assert_cmpuint (chart->label_boxes->len, <, 60);
  for (guint i = 1; i < chart->label_boxes->len; i++)
    {
      McChartMark *a = &g_array_index (chart->label_boxes, McChartMark, i - 1);
      McChartMark *b = &g_array_index (chart->label_boxes, McChartMark, i);

      /* At 45°, labels a distance d apart are d / √2 apart across. */
      g_assert_cmpfloat ((b->x - a->x) / G_SQRT2, >=, a->height);
    }
  cairo_surface_destroy (surface);
}

static void
test_whole_charts (void)
{
  g_autoptr(McChart) kpi = mc_chart_new (MC_CHART_KPI);
  g_autoptr(McChart) funnel = mc_chart_new (MC_CHART_FUNNEL);
  g_autoptr(McChart) treemap = mc_chart_new (MC_CHART_TREEMAP);
  const char *stages[] = { "viewing", "testing", "bought" };
  const double visitors[] = { 100, 50, 25 };
  cairo_surface_t *surface;
  double area = 0;

  mc_chart_set_title (kpi, "Revenue", NULL);
  mc_chart_set_kpi (kpi, "259,700.00", "over 0.8 years");
  cairo_surface_destroy (render (kpi));
  g_assert_cmpuint (kpi->marks->len, ==, 1);

  mc_chart_set_categories (funnel, stages, 3);
  mc_chart_add_series (funnel, "visitors", NULL, visitors, 3);
  surface = render (funnel);
  g_assert_cmpuint (funnel->marks->len, ==, 3);
  cairo_surface_destroy (surface);

  /* Tree map cells have areas proportional to their values. */
  mc_chart_set_categories (treemap, stages, 3);
  mc_chart_add_series (treemap, "visitors", NULL, visitors, 3);
  surface = render (treemap);
  g_assert_cmpuint (treemap->marks->len, ==, 3);
  for (guint m = 0; m < 3; m++)
    area += g_array_index (treemap->marks, McChartMark, m).width * g_array_index (treemap->marks, McChartMark, m).height;
  for (guint m = 0; m < 3; m++)
    {
      McChartMark *mark = &g_array_index (treemap->marks, McChartMark, m);

      g_assert_cmpfloat_with_epsilon (mark->width * mark->height / area, visitors[mark->index] / 175, 1e-6);
    }
  cairo_surface_destroy (surface);
}

static void
test_dark_theme (void)
{
  g_autoptr(McChart) chart = revenue_bars (MC_BARS_GROUPED);
  cairo_surface_t *surface;
  int rgb[3];

  mc_chart_set_theme (chart, MC_CHART_THEME_DARK);
  surface = render (chart);
  pixel_at (surface, 2, 2, rgb);
  g_assert_cmpint (rgb[0], <, 60);
  cairo_surface_destroy (surface);
}

static char *
run_pdftotext (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     &out, NULL, &status, &error))
    g_error ("pdftotext: %s", error->message);
  return out;
}

static void
test_export (void)
{
  g_autoptr(McChart) chart = revenue_bars (MC_BARS_STACKED);
  g_autofree char *dir = g_dir_make_tmp ("mercato-charts-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "chart.pdf", NULL);
  g_autofree char *svg = g_build_filename (dir, "chart.svg", NULL);
  g_autofree char *png = g_build_filename (dir, "chart.png", NULL);
  g_autofree char *bad = g_build_filename (dir, "chart.bmp", NULL);
  g_autofree char *nowhere = g_build_filename (dir, "missing", "chart.png", NULL);
  g_autofree char *text = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GMarkupParseContext) parser = NULL;
  g_autoptr(GError) error = NULL;
  GMarkupParser nothing = { NULL };
  cairo_surface_t *image;
  const char *name;
  GDir *listing;
  guint files = 0;

  /* PDF: text stays text. */
  g_assert_true (mc_chart_export (chart, pdf, 595, 420, 1, &error));
  g_assert_no_error (error);
  text = run_pdftotext (pdf);
  g_assert_nonnull (strstr (text, "Revenue by platform"));
  g_assert_nonnull (strstr (text, "Mobile App"));
  g_assert_nonnull (strstr (text, "February"));
  g_assert_nonnull (strstr (text, "Revenue"));

  /* SVG: well-formed XML. */
  g_assert_true (mc_chart_export (chart, svg, 640, 400, 1, &error));
  g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<svg"));
  parser = g_markup_parse_context_new (&nothing, 0, NULL, NULL);
  g_assert_true (g_markup_parse_context_parse (parser, contents, -1, &error) && g_markup_parse_context_end_parse (parser, &error));
  g_assert_no_error (error);

  /* PNG at twice the size, for HiDPI screens and slides. */
  g_assert_true (mc_chart_export (chart, png, 640, 400, 2, &error));
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 1280);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 800);
  cairo_surface_destroy (image);

  /* Failures say what to do and leave nothing behind. */
  /* CSV: the chart's data. */
  {
    g_autofree char *csv = g_build_filename (dir, "chart.csv", NULL);
    g_autofree char *data = NULL;

    g_assert_true (mc_chart_export (chart, csv, 640, 400, 1, &error));
    g_assert_true (g_file_get_contents (csv, &data, NULL, NULL));
    g_assert_cmpstr (data, ==, "Platform,January,February\nDealership,100,300\nMobile App,200,100\nWebsite,300,50\n");
  }

  g_assert_false (mc_chart_export (chart, bad, 640, 400, 1, &error));
  g_assert_nonnull (strstr (error->message, ".png, .svg or .pdf"));
  g_clear_error (&error);
  g_assert_false (mc_chart_export (chart, nowhere, 640, 400, 1, &error));
  g_assert_nonnull (error);
  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      files++;
      g_unlink (path);
    }
  g_dir_close (listing);
  g_assert_cmpuint (files, ==, 4);
  g_rmdir (dir);
}

static void
test_table_and_words (void)
{
  g_autoptr(McChart) chart = revenue_bars (MC_BARS_GROUPED);
  g_autoptr(GPtrArray) table = mc_chart_to_table (chart);
  g_autofree char *words = mc_chart_describe (chart);
  GPtrArray *header = g_ptr_array_index (table, 0);
  GPtrArray *last = g_ptr_array_index (table, 3);

  g_assert_cmpuint (table->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (header, 0), ==, "Platform");
  g_assert_cmpstr (g_ptr_array_index (header, 2), ==, "February");
  g_assert_cmpstr (g_ptr_array_index (last, 0), ==, "Website");
  g_assert_cmpstr (g_ptr_array_index (last, 2), ==, "50");
  g_assert_nonnull (strstr (words, "Bar chart of Revenue by platform"));
  g_assert_nonnull (strstr (words, "from Dealership to Website"));
}

/* tests/fixtures/dataset/automotive: Leafs (Electric) sold on the
 * Website are sales 1, 6 and 8: 27000 + 26000 + 27900. */
static void
test_cross_filter (void)
{
  g_autoptr(McDataset) dataset = load_test_dataset ("dataset", "automotive", NULL);
  g_autoptr(McChartData) data = mc_chart_data_new (dataset);
  g_autoptr(McChart) chart = mc_chart_data_build (data, "type-by-platform", NULL);
  g_autoptr(McChart) trend = mc_chart_data_build (data, "sales-trend", NULL);
  g_autoptr(GPtrArray) conditions = NULL;
  g_autoptr(GPtrArray) month = NULL;
  g_autoptr(McDataset) filtered = NULL;
  g_autoptr(McDataset) in_march = NULL;
  g_autoptr(McMetrics) metrics = NULL;
  g_autoptr(McMetrics) march = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;

  /* The bar of Electric (series 0) at the Website (category 2). */
  g_assert_cmpstr (mc_chart_get_category (chart, 2), ==, "Website");
  g_assert_cmpstr (mc_chart_get_series_name (chart, 0), ==, "Electric");
  conditions = mc_chart_data_conditions (data, "type-by-platform", chart, 0, 2, -1);
  g_assert_nonnull (conditions);
  label = mc_chart_conditions_describe (conditions);
  g_assert_cmpstr (label, ==, "Website · Electric");
  filtered = mc_chart_data_filter (data, conditions, &error);
  g_assert_no_error (error);
  /* Only the sales change; the other tables are all there. */
  g_assert_cmpuint (mc_table_get_n_rows (mc_dataset_lookup_table (filtered, "sales")), ==, 3);
  g_assert_cmpuint (mc_table_get_n_rows (mc_dataset_lookup_table (filtered, "users")), ==, 4);
  g_assert_cmpuint (mc_dataset_get_n_relations (filtered), ==, mc_dataset_get_n_relations (dataset));
  metrics = mc_metrics_compute (filtered, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (metrics->overall.revenue, ==, 80900);
  g_assert_cmpuint (metrics->overall.orders, ==, 3);

  /* A point of the trend: its month (one platform per line). */
  month = mc_chart_data_conditions (data, "sales-trend", trend, 0, 2, -1);
  g_assert_cmpuint (month->len, ==, 2);
  g_assert_cmpstr (((McChartCondition *) g_ptr_array_index (month, 0))->value, ==, "2023-03");
  in_march = mc_chart_data_filter (data, month, &error);
  march = mc_metrics_compute (in_march, NULL);
  /* March's only sale was on the Mobile App; the Dealership line has none. */
  g_assert_cmpuint (mc_table_get_n_rows (mc_dataset_lookup_table (in_march, "sales")), ==, 0);
  g_assert_null (mc_chart_data_conditions (data, "amounts", trend, 0, 0, -1));
}

/* Under a filter, every chart of the one analysis filtered to its rows
 * says what the charts of a dataset of only those rows say. */
static void
test_filtered_charts_as_dataset (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("MERCATO_SOURCE_ROOT"), "app", "sample", "automotive", NULL);
  g_autoptr(McDataset) dataset = load_dataset_at (path);
  g_autoptr(McChartData) data = mc_chart_data_new (dataset);
  g_autoptr(GPtrArray) conditions = g_ptr_array_new ();
  McChartCondition website = { MC_ROLE_CHANNEL, MC_BUCKET_NONE, (char *) "Website" };
  McChartCondition electric = { MC_ROLE_CATEGORY, MC_BUCKET_NONE, (char *) "Electric" };
  g_autofree gsize *rows = NULL;
  g_autoptr(McAnalysis) analysis = NULL;
  g_autoptr(McChartData) filtered = NULL;
  g_autoptr(McDataset) old_dataset = NULL;
  g_autoptr(McChartData) old = NULL;
  g_autoptr(GArray) names = NULL;
  g_autoptr(GArray) old_names = NULL;
  gsize n;

  g_ptr_array_add (conditions, &website);
  g_ptr_array_add (conditions, &electric);
  rows = mc_chart_data_select (data, conditions, &n, NULL);
  analysis = mc_analysis_new (dataset, rows, n);
  filtered = mc_chart_data_new_for (dataset, analysis);
  old_dataset = mc_chart_data_filter (data, conditions, NULL);
  old = mc_chart_data_new (old_dataset);
  names = mc_chart_data_list (filtered);
  old_names = mc_chart_data_list (old);
  g_assert_cmpuint (names->len, ==, old_names->len);
  g_assert_cmpuint (names->len, >, 10);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_array_index (names, McChartInfo, i).name;
      g_autofree char *finding = mc_chart_data_finding (filtered, name);
      g_autofree char *old_finding = mc_chart_data_finding (old, name);

      g_assert_cmpstr (name, ==, g_array_index (old_names, McChartInfo, i).name);
      g_assert_cmpstr (finding, ==, old_finding);
    }
}

/* Filtered to one month of app/sample/automotive, the trend shows that
 * month's days, from the one analysis filtered to its rows. */
static void
test_month_trend_by_day (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("MERCATO_SOURCE_ROOT"), "app", "sample", "automotive", NULL);
  g_autoptr(McDataset) dataset = load_dataset_at (path);
  g_autoptr(McChartData) data = mc_chart_data_new (dataset);
  g_autoptr(McChart) whole = mc_chart_data_build (data, "orders-trend", NULL);
  g_autoptr(GPtrArray) month = g_ptr_array_new ();
  McChartCondition march = { MC_ROLE_EVENT_TIME, MC_BUCKET_MONTH, (char *) "2022-03" };
  g_autofree gsize *rows = NULL;
  g_autoptr(McAnalysis) analysis = NULL;
  g_autoptr(McChartData) filtered = NULL;
  g_autoptr(McChart) trend = NULL;
  gsize n;
  int points = 0;

  /* Unfiltered, a point a month. */
  g_assert_cmpfloat (mc_chart_get_point_x (whole, 0, 1) - mc_chart_get_point_x (whole, 0, 0), >=, 28);
  g_ptr_array_add (month, &march);
  rows = mc_chart_data_select (data, month, &n, NULL);
  g_assert_cmpuint (n, >, 10);
  analysis = mc_analysis_new (dataset, rows, n);
  g_assert_cmpint (analysis->trend_bucket, ==, MC_BUCKET_DAY);
  filtered = mc_chart_data_new_for (dataset, analysis);
  trend = mc_chart_data_build (filtered, "orders-trend", NULL);
  g_assert_nonnull (trend);
  /* A point a day, every one of them in March 2022. */
  for (; !isnan (mc_chart_get_point_x (trend, 0, points)); points++)
    {
      double day = mc_chart_get_point_x (trend, 0, points);

      g_assert_cmpfloat (day, >=, mc_days_from_civil (2022, 3, 1));
      g_assert_cmpfloat (day, <=, mc_days_from_civil (2022, 3, 31));
      if (points > 0)
        g_assert_cmpfloat (day - mc_chart_get_point_x (trend, 0, points - 1), ==, 1);
    }
  g_assert_cmpint (points, >, 10);
}

static void
test_column_charts (void)
{
  g_autoptr(McDataset) dataset = load_test_dataset ("dataset", "automotive", NULL);
  McTable *sales = mc_dataset_lookup_table (dataset, "sales");
  g_autoptr(McChart) platform = mc_chart_for_column (mc_table_lookup_column (sales, "platform"));
  g_autoptr(McChart) price = mc_chart_for_column (mc_table_lookup_column (sales, "purchase_price"));
  g_autoptr(McChart) date = mc_chart_for_column (mc_table_lookup_column (sales, "purchase_date"));
  g_autoptr(GPtrArray) table = NULL;

  /* Text: the most frequent values, most first: Website 5, Dealership 3, Mobile App 2. */
  g_assert_cmpint (mc_chart_get_kind (platform), ==, MC_CHART_BAR);
  g_assert_cmpstr (mc_chart_get_category (platform, 0), ==, "Website");
  g_assert_cmpstr (mc_chart_get_category (platform, 2), ==, "Mobile App");
  table = mc_chart_to_table (platform);
  g_assert_cmpstr (g_ptr_array_index ((GPtrArray *) g_ptr_array_index (table, 1), 1), ==, "5");
  /* Numbers: a histogram; dates: rows by month, ten of them. */
  g_assert_cmpint (mc_chart_get_kind (price), ==, MC_CHART_HISTOGRAM);
  g_assert_cmpint (mc_chart_get_kind (date), ==, MC_CHART_LINE);
  g_assert_cmpfloat (mc_chart_get_point_x (date, 0, 9), ==, 19631);   /* 2023-10-01 */
  /* An identifier, every value different: nothing to draw. */
  g_assert_null (mc_chart_for_column (mc_table_lookup_column (sales, "transaction_id")));
}

/* Every chart of the sample has a finding in words, and no finding
 * prints a number that is not one. */
static void
test_findings (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("MERCATO_SOURCE_ROOT"), "app", "sample", "automotive", NULL);
  g_autoptr(McDataset) dataset = load_dataset_at (path);
  g_autoptr(McChartData) data = NULL;
  g_autoptr(GArray) list = NULL;

  data = mc_chart_data_new (dataset);
  list = mc_chart_data_list (data);
  g_assert_cmpuint (list->len, >=, 15);
  for (guint i = 0; i < list->len; i++)
    {
      g_autofree char *finding = mc_chart_data_finding (data, g_array_index (list, McChartInfo, i).name);
      g_assert_cmpuint (strlen (finding), >, 10);
      if (g_regex_match_simple ("\\b-?(nan|inf)\\b", finding, G_REGEX_CASELESS, 0))
        g_error ("%s: %s", g_array_index (list, McChartInfo, i).name, finding);
    }
}


/* Hovering the mark of SERIES at INDEX: its tooltip. */
static char *
hover (McChart *chart,
       int      series,
       int      index)
{
  McChartMark *mark = find_mark (chart, series, index);
  McChartHit hit;
  char *label;

  g_assert_nonnull (mark);
  g_assert_true (mc_chart_hit_test (chart, mark->x + mark->width / 2, mark->y + mark->height / 2, &hit));
  label = g_steal_pointer (&hit.label);
  mc_chart_hit_clear (&hit);
  return label;
}

/* Issue 13: ": 19,230" for a histogram bar, "1 Sep" without the year,
 * "245.00" for a count. */
static void
test_tooltips (void)
{
  g_autoptr(McChart) histogram = mc_chart_new (MC_CHART_HISTOGRAM);
  g_autoptr(McChart) outliers = mc_chart_new (MC_CHART_HISTOGRAM);
  g_autoptr(McChart) months = mc_chart_new (MC_CHART_LINE);
  g_autoptr(McChart) shares = revenue_bars (MC_BARS_PERCENT);
  g_autoptr(McChart) counts = mc_chart_new (MC_CHART_BAR);
  double values[101], x[4], dealership[] = { 12, 15, 19, 17 }, website[] = { 30, 31, 29, 35 }, count[] = { 245 };
  const char *one[] = { "Diesel" };
  g_autofree char *label = NULL;

  /* 0 … 99: twenty bins of five. */
  for (int i = 0; i < 100; i++)
    values[i] = i;
  mc_chart_add_series (histogram, "price", NULL, values, 100);
  mc_chart_set_formats (histogram, MC_VALUE_NUMBER, MC_VALUE_COUNT);
  mc_chart_set_unit (histogram, "sales");
  cairo_surface_destroy (render (histogram));
  label = hover (histogram, 0, 4);
  g_assert_cmpstr (label, ==, "20–25: 5 sales");
  g_clear_pointer (&label, g_free);
  /* A far outlier gathered in the first bar: the bar says so. */
  values[100] = -114813;
  mc_chart_add_series (outliers, "price", NULL, values, 101);
  mc_chart_set_formats (outliers, MC_VALUE_NUMBER, MC_VALUE_COUNT);
  mc_chart_set_unit (outliers, "sales");
  mc_chart_set_bin_range (outliers, 0, 99);
  cairo_surface_destroy (render (outliers));
  label = hover (outliers, 0, 0);
  g_assert_cmpstr (label, ==, "up to 5: 6 sales");
  g_clear_pointer (&label, g_free);

  /* Months: the month and its year. */
  for (int m = 0; m < 4; m++)
    x[m] = 19539 + 31 * m - (m >= 3);   /* 2023-07-01, 08-01, 09-01, 10-01 */
  x[1] = 19570, x[2] = 19601, x[3] = 19631;
  mc_chart_add_series (months, "Dealership", x, dealership, 4);
  mc_chart_add_series (months, "Website", x, website, 4);
  mc_chart_set_formats (months, MC_VALUE_DAY, MC_VALUE_COUNT);
  cairo_surface_destroy (render (months));
  label = hover (months, 0, 2);
  g_assert_cmpstr (label, ==, "Sep 2023 · Dealership: 19");
  g_clear_pointer (&label, g_free);

  /* Shares: the share and the count it is of, whole. */
  mc_chart_set_formats (shares, MC_VALUE_NUMBER, MC_VALUE_COUNT);
  mc_chart_set_unit (shares, "sales");
  cairo_surface_destroy (render (shares));
  label = hover (shares, 0, 0);
  g_assert_cmpstr (label, ==, "Dealership · January: 25 % (100 sales)");
  g_clear_pointer (&label, g_free);

  /* A count in a chart of plain numbers has no decimals. */
  mc_chart_set_categories (counts, one, 1);
  mc_chart_add_series (counts, "sales", NULL, count, 1);
  cairo_surface_destroy (render (counts));
  label = hover (counts, 0, 0);
  g_assert_cmpstr (label, ==, "Diesel: 245");
}

/* The sample's share chart gives shares of sales with their counts. */
static void
test_share_tooltip_of_sample (void)
{
  g_autoptr(McDataset) dataset = load_test_dataset ("dataset", "automotive", NULL);
  g_autoptr(McChartData) data = mc_chart_data_new (dataset);
  g_autoptr(McChart) chart = mc_chart_data_build (data, "type-by-platform", NULL);
  g_autofree char *label = NULL;

  cairo_surface_destroy (render (chart));
  label = hover (chart, 0, 2);
  /* Website: 3 Electric of its 5 sales. */
  g_assert_cmpstr (label, ==, "Website · Electric: 60 % (3 sales)");
}

/* Issue 13: "purchasing · 5,000 (112 %)" with bars past the card edge
 * and "(59 %" cut off. */
static void
test_funnel (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("MERCATO_SOURCE_ROOT"), "app", "sample", "automotive", NULL);
  g_autoptr(McDataset) sample = load_dataset_at (path);
  g_autoptr(McDataset) fixture = load_test_dataset ("dataset", "automotive", NULL);
  McDataset *datasets[] = { sample, fixture };
  g_autoptr(McChart) funnel = mc_chart_new (MC_CHART_FUNNEL);
  const char *stages[] = { "viewing", "a car configuration of some length", "purchasing", "bought" };
  const double visitors[] = { 4470, 4412, 5000, 2637 };
  cairo_surface_t *surface;
  int width = 420, height = 300;
  cairo_t *cr;

  /* A step larger than the one before: no funnel, but shares of visitors. */
  for (guint d = 0; d < G_N_ELEMENTS (datasets); d++)
    {
      g_autoptr(McChartData) data = mc_chart_data_new (datasets[d]);
      g_autoptr(McChart) chart = mc_chart_data_build (data, "visit-funnel", NULL);
      McChartSeries *series = g_ptr_array_index (chart->series, 0);

      if (mc_chart_get_kind (chart) == MC_CHART_FUNNEL)
        for (gsize i = 1; i < series->n; i++)
          g_assert_cmpfloat (series->y[i], <=, series->y[i - 1]);
      else
        {
          g_assert_cmpint (mc_chart_get_kind (chart), ==, MC_CHART_BAR);
          g_assert_cmpstr (mc_chart_get_title (chart), ==, "Visitors by visit type");
          for (gsize i = 0; i < series->n; i++)
            g_assert_cmpfloat (series->y[i], <=, 1);
        }
      if (d == 0)
        g_assert_cmpint (mc_chart_get_kind (chart), ==, MC_CHART_BAR);
    }

  /* Drawn anyway at a card's size: no bar and no label past the edge. */
  mc_chart_set_categories (funnel, stages, 4);
  mc_chart_add_series (funnel, "visitors", NULL, visitors, 4);
  mc_chart_set_formats (funnel, MC_VALUE_NUMBER, MC_VALUE_COUNT);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  mc_chart_render (funnel, cr, width, height);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  g_assert_cmpuint (funnel->label_boxes->len, ==, 4);
  for (guint i = 0; i < funnel->label_boxes->len; i++)
    {
      McChartMark *box = &g_array_index (funnel->label_boxes, McChartMark, i);
      McChartMark *row = find_mark (funnel, 0, i);

      g_assert_cmpfloat (box->x + box->width, <=, width - 13);
      /* Along the row's middle, the bar ends before its label starts. */
      for (int x = (int) box->x - 1; x < width; x++)
        {
          int rgb[3];

          pixel_at (surface, x, row->y + row->height / 2, rgb);
          g_assert_false (rgb[2] > 120 && rgb[0] < 60);
        }
    }
  /* Nothing drawn in the card's right margin. */
  for (int y = 0; y < height; y++)
    for (int x = width - 12; x < width; x++)
      {
        int rgb[3];

        pixel_at (surface, x, y, rgb);
        g_assert_cmpint (rgb[0] + rgb[1] + rgb[2], ==, 3 * 255);
      }
  cairo_surface_destroy (surface);
}

static char *
pdf_text_of (McChart *chart,
             double   width,
             double   height)
{
  g_autofree char *dir = g_dir_make_tmp ("mercato-charts-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "chart.pdf", NULL);
  g_autoptr(GError) error = NULL;
  char *text;

  g_assert_true (mc_chart_export (chart, pdf, width, height, 1, &error));
  g_assert_no_error (error);
  text = run_pdftotext (pdf);
  g_unlink (pdf);
  g_rmdir (dir);
  return text;
}

/* Issue 13: "0.000000 % … 10.526316 %", "4.2430 k", a 48–58 M axis. */
static void
test_scales (void)
{
  g_autoptr(McChart) cohorts = mc_chart_new (MC_CHART_HEATMAP);
  g_autoptr(McChart) area = mc_chart_new (MC_CHART_AREA);
  g_autoptr(McChart) bars = mc_chart_new (MC_CHART_BAR);
  const char *columns[] = { "+1", "+2" }, *rows[] = { "2023-01", "2023-02" }, *platforms_[] = { "Website", "App" };
  const double retention[] = { 0, 0.05, 0.10526316, 0.02 }, months[] = { 19358, 19389, 19417 };
  const double revenue[] = { 48.2e6, 57.9e6, 52e6 };
  g_autofree char *text = NULL;
  g_autofree char *short_number = mc_format_value (4243, MC_VALUE_NUMBER, 0.1, TRUE);
  g_autofree char *tick = mc_format_value (102500, MC_VALUE_MONEY, 2500, TRUE);
  double x_min, x_max, y_min, y_max;

  g_assert_cmpstr (short_number, ==, "4.24 k");
  g_assert_cmpstr (tick, ==, "102.5 k");
  mc_chart_set_categories (cohorts, columns, 2);
  mc_chart_set_matrix (cohorts, rows, 2, retention);
  mc_chart_set_formats (cohorts, MC_VALUE_NUMBER, MC_VALUE_PERCENT);
  text = pdf_text_of (cohorts, 640, 400);
  if (strstr (text, "10.5 %") == NULL || !g_regex_match_simple ("(^|\\s)0 ?%", text, 0, 0))
    g_error ("colour scale:\n%s", text);
  g_assert_null (strstr (text, "0.000000"));
  g_assert_null (strstr (text, "10.526316"));

  /* Areas and bars from zero, however high the values. */
  mc_chart_add_series (area, "Revenue", months, revenue, 3);
  mc_chart_set_formats (area, MC_VALUE_DAY, MC_VALUE_MONEY);
  cairo_surface_destroy (render (area));
  g_assert_true (mc_chart_data_range (area, 0, 0, WIDTH, HEIGHT, &x_min, &x_max, &y_min, &y_max));
  g_assert_cmpfloat (y_min, ==, 0);
  mc_chart_set_categories (bars, platforms_, 2);
  mc_chart_add_series (bars, "Revenue", NULL, revenue, 2);
  mc_chart_set_formats (bars, MC_VALUE_NUMBER, MC_VALUE_MONEY);
  cairo_surface_destroy (render (bars));
  g_assert_true (mc_chart_data_range (bars, 0, 0, WIDTH, HEIGHT, &x_min, &x_max, &y_min, &y_max));
  g_assert_cmpfloat (y_min, ==, 0);
}

/* Issue 13: every other row label of the RFM movement chart missing;
 * "…weekday and hour" subtitled "By weekday". */
static void
test_labels_and_subtitles (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("MERCATO_SOURCE_ROOT"), "app", "sample", "automotive", NULL);
  g_autoptr(McDataset) sample = load_dataset_at (path);
  g_autoptr(McDataset) fixture = load_test_dataset ("dataset", "automotive", NULL);
  g_autoptr(McChartData) data = mc_chart_data_new (sample);
  g_autoptr(McChartData) dates_only = mc_chart_data_new (fixture);
  g_autoptr(McChart) movement = mc_chart_data_build (data, "rfm-movement", NULL);
  g_autoptr(McChart) weekdays = mc_chart_data_build (dates_only, "weekday-hour", NULL);
  double height = mc_chart_get_preferred_height (movement, 300);
  g_autofree char *text = NULL;

  /* At the height its card is given, every row is labelled. */
  text = pdf_text_of (movement, 420, height);
  for (guint r = 0; r < movement->row_labels->len; r++)
    if (strstr (text, g_ptr_array_index (movement->row_labels, r)) == NULL)
      g_error ("row %u, %s, not labelled:\n%s", r, (char *) g_ptr_array_index (movement->row_labels, r), text);
  /* Dates without times: bars by weekday, and the title says so. */
  g_assert_cmpint (mc_chart_get_kind (weekdays), ==, MC_CHART_BAR);
  g_assert_null (strstr (mc_chart_get_title (weekdays), "hour"));
  g_assert_null (strstr (weekdays->subtitle, "hour"));
}

/* Issue 13: a single month (ShopSmart) drew nothing. */
static void
test_single_point (void)
{
  g_autoptr(McChart) chart = mc_chart_new (MC_CHART_LINE);
  const double month[] = { 19783 }, revenue[] = { 5630000 };   /* March 2024 */
  cairo_surface_t *surface;
  McChartMark *point;
  g_autofree char *text = NULL;

  mc_chart_add_series (chart, "Revenue", month, revenue, 1);
  mc_chart_set_formats (chart, MC_VALUE_DAY, MC_VALUE_MONEY);
  surface = render (chart);
  point = find_mark (chart, 0, 0);
  g_assert_nonnull (point);
  g_assert_cmpfloat (point->x, >, chart->plot_x);
  g_assert_cmpfloat (point->x + point->width, <, chart->plot_x + chart->plot_width);
  assert_colour (surface, point->x + point->width / 2, point->y + point->height / 2, mc_chart_palette (0));
  cairo_surface_destroy (surface);
  text = pdf_text_of (chart, 640, 400);
  g_assert_nonnull (strstr (text, "5.63 M"));
  /* "Mar 2024": a month guessed from a point on the 1st. */
  g_assert_nonnull (strstr (text, "Mar 2024: 5.63 M"));
}

/* A lone point of a daily trend on the 1st (an event log of one day,
 * 2019-10-01) is labelled with its day, as the chart's period says, and
 * its label, at the top of the scale, is drawn below the point: nothing
 * is drawn above the plot (the top tick's label is left of it). */
static void
test_single_day (void)
{
  g_autoptr(McChart) chart = mc_chart_new (MC_CHART_LINE);
  const double day[] = { 18170 }, revenue[] = { 50000 };
  cairo_surface_t *surface;
  g_autofree char *text = NULL;

  mc_chart_add_series (chart, "Revenue", day, revenue, 1);
  mc_chart_set_formats (chart, MC_VALUE_DAY, MC_VALUE_MONEY);
  mc_chart_set_point_period (chart, MC_DATE_STEP_DAY);
  text = pdf_text_of (chart, 640, 400);
  g_assert_nonnull (strstr (text, "1 Oct 2019: 50"));
  surface = render (chart);
  for (int row = 0; row < chart->plot_y - 1; row++)
    for (int column = chart->plot_x + 1; column < WIDTH; column++)
      {
        int rgb[3];

        pixel_at (surface, column, row, rgb);
        if (rgb[0] < 200 || rgb[1] < 200 || rgb[2] < 200)
          g_error ("drawn above the plot at %d, %d", column, row);
      }
  cairo_surface_destroy (surface);
}

/* The event log of tests/corpus/event-log is one day, 2019-10-01, in a
 * file named 2019-Oct.csv: its daily trend's lone point says the day,
 * and its purchases are "purchases", not "2019-Oct". */
static void
test_event_log_day (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("MERCATO_SOURCE_ROOT"), "tests", "corpus", "event-log", "data", NULL);
  g_autoptr(McDataset) dataset = load_dataset_at (path);
  g_autoptr(McChartData) data = mc_chart_data_new (dataset);
  g_autoptr(McChart) trend = mc_chart_data_build (data, "sales-trend", NULL);
  g_autoptr(McChart) amounts = mc_chart_data_build (data, "amounts", NULL);
  g_autofree char *text = pdf_text_of (trend, 640, 400);

  g_assert_nonnull (strstr (text, "1 Oct 2019: "));
  g_assert_cmpstr (amounts->y_title, ==, "purchases");
}

/* What the amounts' histogram counts: the table's rows named as the
 * data names them ("order items"), or "purchases" where the table is
 * named for the shop ("Sample - Superstore"). */
static void
test_purchase_nouns (void)
{
  const char *root = g_getenv ("MERCATO_SOURCE_ROOT");
  struct { const char *corpus; const char *noun; } cases[] = {
    { "superstore", "purchases" }, { "olist", "order items" }, { "chinook", "invoice items" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (root, "tests", "corpus", cases[i].corpus, "data", NULL);
      g_autoptr(McDataset) dataset = load_dataset_at (path);
      g_autoptr(McChartData) data = mc_chart_data_new (dataset);
      g_autoptr(McChart) amounts = mc_chart_data_build (data, "amounts", NULL);

      g_assert_cmpstr (amounts->y_title, ==, cases[i].noun);
    }
}

/* Counts in the charts' findings (the report's sentences) are grouped
 * when the locale groups nothing (LANG unset): 1,234 purchases of one
 * band, not 1234. */
static void
test_findings_grouped (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mercato-findings-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "sales.csv", NULL);
  g_autoptr(GString) csv = g_string_new ("order_id,customer_id,purchase_date,purchase_price\n");
  g_autoptr(McDataset) dataset = NULL;
  g_autoptr(McChartData) data = NULL;
  g_autofree char *finding = NULL;
  g_autofree char *numeric = g_strdup (setlocale (LC_NUMERIC, NULL));

  g_assert_no_error (error);
  /* 1,234 purchases at 1,000.00 make the band of most revenue; 40 from
   * 3,000 to 4,950 the others. */
  for (guint r = 0; r < 1274; r++)
    g_string_append_printf (csv, "o%u,c%u,2024-%02u-%02u,%u\n", r, r % 300, 1 + r % 12, 1 + r % 28,
                            r < 1234 ? 1000 : 3000 + 50 * (r - 1234));
  g_assert_true (g_file_set_contents (path, csv->str, csv->len, NULL));
  setlocale (LC_NUMERIC, "C");
  dataset = load_dataset_at (path);
  data = mc_chart_data_new (dataset);
  finding = mc_chart_data_finding (data, "price-bands");
  g_assert_nonnull (strstr (finding, "(1,234 purchases)"));
  setlocale (LC_NUMERIC, numeric);
  g_unlink (path);
  g_rmdir (dir);
}

/* A web-analytics export (the UCI shoppers' sessions with a Revenue
 * flag, no purchase rows) gets its sessions by month and the share of
 * sessions that bought by month, visitor type and traffic source; every
 * bar equals what pandas computed from the file
 * (tests/corpus/online-shoppers/truth.py → expected.json). */
static void
check_groups (McChart    *chart,
              JsonObject *expected,
              gboolean    counted)
{
  McChartSeries *series = g_ptr_array_index (chart->series, 0);

  g_assert_cmpuint (series->n, ==, json_object_get_size (expected));
  for (gsize i = 0; i < series->n; i++)
    {
      JsonObject *group = json_object_get_object_member (expected, mc_chart_get_category (chart, i));
      double sessions = json_object_get_int_member (group, "sessions");
      double converted = json_object_get_int_member (group, "converted");

      if (counted)
        g_assert_cmpfloat (series->y[i], ==, sessions);
      else
        {
          g_assert_cmpfloat_with_epsilon (series->y[i], json_object_get_double_member (group, "conversion_rate"), 1e-12);
          g_assert_cmpfloat (series->counts[i], ==, converted);
        }
    }
}

static void
test_session_charts (void)
{
  const char *root = g_getenv ("MERCATO_SOURCE_ROOT");
  g_autofree char *path = g_build_filename (root, "tests", "corpus", "online-shoppers", "data", NULL);
  g_autofree char *truth = g_build_filename (root, "tests", "corpus", "online-shoppers", "expected.json", NULL);
  g_autoptr(McDataset) dataset = load_dataset_at (path);
  g_autoptr(McChartData) data = mc_chart_data_new (dataset);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(McChart) sessions = NULL;
  g_autoptr(McChart) months = NULL;
  g_autoptr(McChart) visitors = NULL;
  g_autoptr(McChart) traffic = NULL;
  g_autofree char *finding = NULL;
  g_autofree char *tooltip = NULL;
  JsonObject *expected;
  McChartHit hit = { 0 };

  g_assert_true (json_parser_load_from_file (parser, truth, &error));
  g_assert_no_error (error);
  expected = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "sessions");
  sessions = mc_chart_data_build (data, "sessions-by-month", &error);
  g_assert_no_error (error);
  months = mc_chart_data_build (data, "conversion-by-month", NULL);
  visitors = mc_chart_data_build (data, "conversion-by-visitor-type", NULL);
  traffic = mc_chart_data_build (data, "conversion-by-traffic-source", NULL);
  check_groups (sessions, json_object_get_object_member (expected, "by_month"), TRUE);
  check_groups (months, json_object_get_object_member (expected, "by_month"), FALSE);
  check_groups (visitors, json_object_get_object_member (expected, "by_visitor_type"), FALSE);
  check_groups (traffic, json_object_get_object_member (expected, "by_traffic_source"), FALSE);
  /* In calendar order, as the data names its months. */
  g_assert_cmpstr (mc_chart_get_category (months, 0), ==, "Feb");
  g_assert_cmpstr (mc_chart_get_category (months, 3), ==, "June");
  g_assert_cmpstr (mc_chart_get_category (months, 9), ==, "Dec");

  /* Nov: 760 of 2,998 sessions bought; the tooltip says both. */
  cairo_surface_destroy (render (months));
  for (guint m = 0; m < mc_chart_get_n_marks (months); m++)
    {
      double x, y, width, height;

      g_assert_true (mc_chart_get_mark (months, m, &x, &y, &width, &height));
      g_assert_true (mc_chart_hit_test (months, x + width / 2, y + height / 2, &hit));
      if (g_str_has_prefix (hit.label, "Nov"))
        tooltip = g_strdup (hit.label);
      mc_chart_hit_clear (&hit);
    }
  g_assert_cmpstr (tooltip, ==, "Nov: 25 % (760 sessions bought)");
  /* The best converting source among those with 1 % of the sessions or
   * more: 8 (95 of 343), not 16 (1 of 3). */
  finding = mc_chart_data_finding (data, "conversion-by-traffic-source");
  g_assert_cmpstr (finding, ==, "Traffic source 8 converted best: 27.7 % of its 343 sessions bought.");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Mercato/Charts/findings", test_findings);
  g_test_add_func ("/Mercato/Charts/month-trend-by-day", test_month_trend_by_day);
  g_test_add_func ("/Mercato/Charts/filtered-charts-as-dataset", test_filtered_charts_as_dataset);
  g_test_add_func ("/Mercato/Charts/ticks-and-labels", test_ticks_and_labels);
  g_test_add_func ("/Mercato/Charts/bars", test_bars);
  g_test_add_func ("/Mercato/Charts/stacked-and-hidden", test_stacked_and_hidden);
  g_test_add_func ("/Mercato/Charts/hit-testing", test_hit_testing);
  g_test_add_func ("/Mercato/Charts/lines", test_lines);
  g_test_add_func ("/Mercato/Charts/long-labels-and-point-names", test_long_labels_and_point_names);
  g_test_add_func ("/Mercato/Charts/heatmap", test_heatmap_and_scale);
  g_test_add_func ("/Mercato/Charts/dense-scatter", test_dense_scatter);
  g_test_add_func ("/Mercato/Charts/crowded-axis", test_crowded_axis);
  g_test_add_func ("/Mercato/Charts/whole-charts", test_whole_charts);
  g_test_add_func ("/Mercato/Charts/dark-theme", test_dark_theme);
  g_test_add_func ("/Mercato/Charts/export", test_export);
  g_test_add_func ("/Mercato/Charts/table-and-words", test_table_and_words);
  g_test_add_func ("/Mercato/Charts/cross-filter", test_cross_filter);
  g_test_add_func ("/Mercato/Charts/column-charts", test_column_charts);
  g_test_add_func ("/Mercato/Charts/tooltips", test_tooltips);
  g_test_add_func ("/Mercato/Charts/share-tooltip-of-sample", test_share_tooltip_of_sample);
  g_test_add_func ("/Mercato/Charts/funnel", test_funnel);
  g_test_add_func ("/Mercato/Charts/scales", test_scales);
  g_test_add_func ("/Mercato/Charts/labels-and-subtitles", test_labels_and_subtitles);
  g_test_add_func ("/Mercato/Charts/single-point", test_single_point);
  g_test_add_func ("/Mercato/Charts/single-day", test_single_day);
  g_test_add_func ("/Mercato/Charts/event-log-day", test_event_log_day);
  g_test_add_func ("/Mercato/Charts/purchase-nouns", test_purchase_nouns);
  g_test_add_func ("/Mercato/Charts/findings-grouped", test_findings_grouped);
  g_test_add_func ("/Mercato/Charts/session-charts", test_session_charts);
  return g_test_run ();
}
