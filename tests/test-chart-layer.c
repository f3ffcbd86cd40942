/* test-chart-layer.c: a kind of chart added as one layer, through the
 * layer table alone
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Links the chart library only (GLib, cairo, pango, data/base): what a
 * kind needs is all in mc-chart-layer.h.
 */
#include <math.h>
#include <stdlib.h>

#include "mc-chart-layer.h"

#define WIDTH 480
#define HEIGHT 320
#define MC_CHART_DOTS ((McChartKind) 100)

/* A dot plot: a square per category at its value, from zero. */
static void
dots_plan_axes (McChart *chart,
                McPlot  *plot)
{
  double low, high;

  mc_axis_set_categories (&plot->x, chart->categories);
  if (!mc_chart_value_range (chart, &low, &high))
    low = 0, high = 1;
  mc_axis_set_values (&plot->y, low, high, chart->y_format, TRUE);
}

static void
dots_draw (McChart      *chart,
           cairo_t      *cr,
           const McPlot *plot)
{
  McChartSeries *series = mc_chart_series_at (chart, 0);

  for (gsize i = 0; i < series->n; i++)
    {
      double x = mc_plot_x (plot, i), y = mc_plot_y (plot, series->y[i]);

      mc_chart_set_source (cr, mc_chart_palette (3), 1);
      cairo_rectangle (cr, x - 6, y - 6, 12, 12);
      cairo_fill (cr);
      mc_chart_add_mark (chart, x - 6, y - 6, 12, 12, 0, i, -1);
    }
}

static char *
dots_describe_hit (McChart          *chart,
                   const McChartHit *hit)
{
  return g_strdup_printf ("dot %s at %.0f", mc_chart_get_category (chart, hit->index), hit->y);
}

static void
dots_to_table (McChart   *chart,
               GPtrArray *rows)
{
  McChartSeries *series = mc_chart_series_at (chart, 0);
  GPtrArray *header = mc_chart_row_new ();

  g_ptr_array_add (header, g_strdup ("dot"));
  g_ptr_array_add (header, g_strdup ("height"));
  g_ptr_array_add (rows, header);
  for (gsize i = 0; i < series->n; i++)
    {
      GPtrArray *row = mc_chart_row_new ();

      g_ptr_array_add (row, g_strdup (mc_chart_get_category (chart, i)));
      g_ptr_array_add (row, mc_chart_cell (series->y[i]));
      g_ptr_array_add (rows, row);
    }
}

static const McChartLayer dots_layer = {
  .kind = MC_CHART_DOTS,
  .name = "Dot plot",
  .plan_axes = dots_plan_axes,
  .draw = dots_draw,
  .draw_key = mc_chart_draw_series_key,
  .describe_hit = dots_describe_hit,
  .to_table = dots_to_table,
};

static void
test_builtin_kinds (void)
{
  /* Every kind of the enum has its layer, under its own kind. */
  for (McChartKind kind = MC_CHART_LINE; kind <= MC_CHART_FUNNEL; kind++)
    {
      const McChartLayer *layer = mc_chart_layer_lookup (kind);

      g_assert_nonnull (layer);
      g_assert_cmpint (layer->kind, ==, kind);
      g_assert_nonnull (layer->draw);
    }
  g_assert_null (mc_chart_layer_lookup (MC_CHART_DOTS));
}

static void
test_registered_kind (void)
{
  static const char *names[] = { "north", "south", "east" };
  const double heights[] = { 10, 30, 20 };
  g_autoptr(McChart) chart = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *words = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  McRgb ink = mc_chart_palette (3);
  McChartHit hit;
  double x, y, width, height;
  guint32 pixel;

  mc_chart_layer_register (&dots_layer);
  g_assert_true (mc_chart_layer_lookup (MC_CHART_DOTS) == &dots_layer);
  chart = mc_chart_new (MC_CHART_DOTS);
  mc_chart_set_title (chart, "Heights", NULL);
  mc_chart_set_categories (chart, names, 3);
  mc_chart_add_series (chart, "height", NULL, heights, 3);
  mc_chart_render (chart, cr, WIDTH, HEIGHT);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* The frame draws the axes, the layer its three dots, tallest highest. */
  g_assert_cmpuint (mc_chart_get_n_marks (chart), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (mc_chart_get_mark (chart, i, &x, &y, &width, &height));
      pixel = *(guint32 *) (cairo_image_surface_get_data (surface) + (int) (y + 6) * cairo_image_surface_get_stride (surface)
                            + 4 * (int) (x + 6));
      g_assert_cmpint (abs ((int) ((pixel >> 16) & 0xff) - (int) round (ink.red * 255)), <=, 2);
      g_assert_cmpint (abs ((int) ((pixel >> 8) & 0xff) - (int) round (ink.green * 255)), <=, 2);
      g_assert_cmpint (abs ((int) (pixel & 0xff) - (int) round (ink.blue * 255)), <=, 2);
    }
  g_assert_true (mc_chart_get_mark (chart, 1, &x, &y, &width, &height));
  {
    double x0, y0, w0, h0;

    g_assert_true (mc_chart_get_mark (chart, 0, &x0, &y0, &w0, &h0));
    g_assert_cmpfloat (y, <, y0);
  }
  /* Its tooltip, its rows and its name come from the layer. */
  g_assert_true (mc_chart_hit_test (chart, x + 6, y + 6, &hit));
  g_assert_cmpstr (hit.label, ==, "dot south at 30");
  mc_chart_hit_clear (&hit);
  rows = mc_chart_to_table (chart);
  g_assert_cmpuint (rows->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index ((GPtrArray *) g_ptr_array_index (rows, 0), 0), ==, "dot");
  g_assert_cmpstr (g_ptr_array_index ((GPtrArray *) g_ptr_array_index (rows, 2), 1), ==, "30");
  words = mc_chart_describe (chart);
  g_assert_true (g_str_has_prefix (words, "Dot plot of Heights."));
  cairo_surface_destroy (surface);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Mercato/ChartLayer/builtin-kinds", test_builtin_kinds);
  g_test_add_func ("/Mercato/ChartLayer/registered-kind", test_registered_kind);

  return g_test_run ();
}
