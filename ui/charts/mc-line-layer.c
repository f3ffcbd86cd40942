/* mc-line-layer.c: series over a numeric or time x axis, as lines
 * with an optional moving average; a lone point as a dot with its value
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-chart"

#include "config.h"

#include <math.h>

#include "mc-chart-layer.h"
#include "mc-line-layer.h"
#include "mc-value-parse.h"

static void
trace_series (cairo_t             *cr,
              const McPlot        *plot,
              const McChartSeries *series,
              const double        *y)
{
  gboolean pen_down = FALSE;

  for (gsize i = 0; i < series->n; i++)
    {
      double x = series->x != NULL ? series->x[i] : i;

      if (!isfinite (y[i]))
        {
          pen_down = FALSE;
          continue;
        }
      if (pen_down)
        cairo_line_to (cr, mc_plot_x (plot, x), mc_plot_y (plot, y[i]));
      else
        cairo_move_to (cr, mc_plot_x (plot, x), mc_plot_y (plot, y[i]));
      pen_down = TRUE;
    }
}

/* Strokes a series in pieces of a dozen segments: cairo rasterises one
 * long self-crossing polyline several times slower than the pieces
 * (30 ms against 8 for two years of days), and round joins and caps
 * hide the seams. A dash pattern carries on across pieces. */
#define STROKE_PIECE 12

static void
stroke_series (cairo_t             *cr,
               const McPlot        *plot,
               const McChartSeries *series,
               const double        *y,
               const double        *dashes,
               int                  n_dashes)
{
  double length = 0, last_x = 0, last_y = 0;
  gsize drawn = 0;

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (gsize i = 0; i < series->n; i++)
    {
      double x = mc_plot_x (plot, series->x != NULL ? series->x[i] : i), py;

      if (!isfinite (y[i]))
        {
          cairo_stroke (cr);
          drawn = 0;
          continue;
        }
      py = mc_plot_y (plot, y[i]);
      if (drawn == 0)
        cairo_move_to (cr, x, py);
      else
        {
          cairo_line_to (cr, x, py);
          length += hypot (x - last_x, py - last_y);
        }
      last_x = x, last_y = py;
      if (++drawn % STROKE_PIECE == 0)
        {
          cairo_stroke (cr);
          cairo_set_dash (cr, dashes, n_dashes, -length);
          cairo_move_to (cr, x, py);
        }
    }
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

static double *
moving_average (const McChartSeries *series,
                guint                window)
{
  double *mean = g_new (double, MAX (series->n, 1));
  double sum = 0;
  guint count = 0;

  for (gsize i = 0; i < series->n; i++)
    {
      sum += isfinite (series->y[i]) ? series->y[i] : 0;
      count += isfinite (series->y[i]);
      if (i >= window)
        {
          sum -= isfinite (series->y[i - window]) ? series->y[i - window] : 0;
          count -= isfinite (series->y[i - window]);
        }
      mean[i] = i + 1 >= window && count > 0 ? sum / count : NAN;
    }
  return mean;
}


/* TEXT beside the lone point at X, Y: above and to its right, or below
 * and to its left where the plot's top or right edge would cut it. */
static void
draw_lone_label (McChart      *self,
                 cairo_t      *cr,
                 const McPlot *plot,
                 const char   *text,
                 double        x,
                 double        y)
{
  double width, height;
  gboolean left, below;

  mc_chart_text_extent (cr, text, MC_CHART_TEXT_SIZE, &width, &height);
  left = x + 7 + width > plot->area.x + plot->area.width;
  below = y - 3 - height < plot->area.y;
  mc_chart_draw_text (self, cr, text, left ? x - 7 : x + 7, below ? y + 5 : y - 3, MC_CHART_TEXT_SIZE,
                      left ? 1 : 0, below ? 0 : 1, 0.85);
}

void
mc_line_layer_draw_series (McChart      *self,
                           cairo_t      *cr,
                           const McPlot *plot,
                           gboolean      filled)
{
  for (guint s = 0; s < self->series->len; s++)
    {
      McChartSeries *series = mc_chart_series_at (self, s);
      double alpha;
      McRgb colour = mc_chart_mark_colour (self, s, -1, &alpha);

      if (series->hidden)
        continue;
      if (filled && series->n > 0)
        {
          trace_series (cr, plot, series, series->y);
          cairo_line_to (cr, mc_plot_x (plot, series->x != NULL ? series->x[series->n - 1] : series->n - 1), mc_plot_y (plot, 0));
          cairo_line_to (cr, mc_plot_x (plot, series->x != NULL ? series->x[0] : 0), mc_plot_y (plot, 0));
          cairo_close_path (cr);
          mc_chart_set_source (cr, colour, 0.25);
          cairo_fill (cr);
        }
      mc_chart_set_source (cr, colour, 1);
      cairo_set_line_width (cr, 2);
      stroke_series (cr, plot, series, series->y, NULL, 0);
      if (self->moving_average > 1)
        {
          g_autofree double *mean = moving_average (series, self->moving_average);
          const double dashes[] = { 5, 3 };

          /* In the series' own colour, lighter: several averages must
           * be told apart. */
          mc_chart_set_source (cr, colour, 0.6);
          cairo_set_line_width (cr, 1.5);
          cairo_set_dash (cr, dashes, 2, 0);
          stroke_series (cr, plot, series, mean, dashes, 2);
        }
      for (gsize i = 0; i < series->n; i++)
        {
          double x = mc_plot_x (plot, series->x != NULL ? series->x[i] : i);

          /* A point without a neighbour draws no line: a dot, with its
           * value when it is all there is (one month of data). */
          if (isfinite (series->y[i]) && (i == 0 || !isfinite (series->y[i - 1]))
              && (i + 1 >= series->n || !isfinite (series->y[i + 1])))
            {
              double y = mc_plot_y (plot, series->y[i]);

              mc_chart_set_source (cr, colour, 1);
              cairo_arc (cr, x, y, 4, 0, 2 * G_PI);
              cairo_fill (cr);
              if (series->n == 1)
                {
                  g_autofree char *value = mc_format_value (series->y[i], self->y_format, mc_significant_step (series->y[i]), TRUE);
                  g_autofree char *when = self->x_format == MC_VALUE_DAY
                                            ? mc_chart_point_day (self, s, series->x != NULL ? series->x[i] : i) : NULL;
                  g_autofree char *text = when != NULL ? g_strdup_printf ("%s: %s", when, value) : g_strdup (value);

                  draw_lone_label (self, cr, plot, text, x, y);
                }
            }
          /* Points zoomed out of view are not there to hover. */
          if (isfinite (series->y[i]) && x >= plot->area.x - 0.5 && x <= plot->area.x + plot->area.width + 0.5)
            mc_chart_add_mark (self, x - 4, mc_plot_y (plot, series->y[i]) - 4, 8, 8, s, i, -1);
        }
    }
}

/* A lone x (a single month) is measured from zero, like a bar. */
static void
plan_axes (McChart *self,
           McPlot  *plot)
{
  double low, high;

  mc_chart_x_range (self, &low, &high);
  mc_chart_plan_xy_axes (self, plot, high - low < 1e-9);
}

static void
draw (McChart      *self,
      cairo_t      *cr,
      const McPlot *plot)
{
  mc_line_layer_draw_series (self, cr, plot, FALSE);
}

const McChartLayer mc_line_layer = {
  .kind = MC_CHART_LINE,
  .name = N_("Line chart"),
  .over_x = TRUE,
  .plan_axes = plan_axes,
  .draw = draw,
  .draw_key = mc_chart_draw_series_key,
};
