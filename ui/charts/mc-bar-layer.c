/* mc-bar-layer.c: a value per category and series, as bars side by
 * side, stacked or stacked to 100 %
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-chart"

#include "config.h"

#include <math.h>

#include "mc-chart-layer.h"

static double
bar_value (McChart *self,
           guint    s,
           guint    i)
{
  McChartSeries *series = mc_chart_series_at (self, s);

  return i < series->n && !series->hidden && isfinite (series->y[i]) ? series->y[i] : 0;
}

/* Where the bar of series S at category I starts and ends, side by
 * side, stacked (positives up, negatives down) or as a share of the
 * category's total. */
static void
bar_extent (McChart *self,
            guint    s,
            guint    i,
            double  *from,
            double  *to)
{
  double value = bar_value (self, s, i), above = 0, below = 0, total = 0;

  if (self->bar_mode == MC_BARS_GROUPED)
    {
      *from = 0;
      *to = value;
      return;
    }
  for (guint t = 0; t < self->series->len; t++)
    {
      double other = bar_value (self, t, i);

      total += fabs (other);
      if (t < s && other >= 0)
        above += other;
      else if (t < s)
        below += other;
    }
  *from = value >= 0 ? above : below;
  *to = *from + value;
  if (self->bar_mode == MC_BARS_PERCENT && total > 0)
    {
      *from /= total;
      *to /= total;
    }
}

static void
bar_range (McChart *self,
           double  *low,
           double  *high)
{
  *low = 0;
  *high = self->bar_mode == MC_BARS_PERCENT ? 1 : 0;
  for (guint i = 0; i < self->categories->len; i++)
    for (guint s = 0; s < self->series->len; s++)
      {
        double from, to;

        if (mc_chart_series_at (self, s)->hidden)
          continue;
        bar_extent (self, s, i, &from, &to);
        *low = MIN (*low, MIN (from, to));
        *high = MAX (*high, MAX (from, to));
      }
}

static void
plan_axes (McChart *self,
           McPlot  *plot)
{
  McAxis *values = self->horizontal ? &plot->x : &plot->y;
  McAxis *across = self->horizontal ? &plot->y : &plot->x;
  double low, high;

  mc_axis_set_categories (across, self->categories);
  bar_range (self, &low, &high);
  mc_axis_set_values (values, low, high, self->bar_mode == MC_BARS_PERCENT ? MC_VALUE_PERCENT : self->y_format, TRUE);
}

static void
draw (McChart      *self,
      cairo_t      *cr,
      const McPlot *plot)
{
  const McAxis *across = self->horizontal ? &plot->y : &plot->x;
  double band = mc_axis_band (across, self->horizontal ? plot->area.height : plot->area.width);
  guint visible = 0, slot;

  for (guint s = 0; s < self->series->len; s++)
    visible += !mc_chart_series_at (self, s)->hidden;
  for (guint i = 0; i < self->categories->len; i++)
    {
      slot = 0;
      for (guint s = 0; s < self->series->len; s++)
        {
          double from, to, thick, offset, a, b, x, y, w, h, alpha;
          McRgb colour;

          if (mc_chart_series_at (self, s)->hidden)
            continue;
          bar_extent (self, s, i, &from, &to);
          thick = band * 0.78 / (self->bar_mode == MC_BARS_GROUPED ? MAX (visible, 1) : 1);
          offset = -band * 0.39 + (self->bar_mode == MC_BARS_GROUPED ? slot++ * thick : 0);
          if (self->horizontal)
            {
              a = mc_plot_x (plot, from), b = mc_plot_x (plot, to);
              x = MIN (a, b), w = fabs (b - a);
              y = mc_plot_y (plot, i) + offset, h = thick;
            }
          else
            {
              a = mc_plot_y (plot, from), b = mc_plot_y (plot, to);
              y = MIN (a, b), h = fabs (b - a);
              x = mc_plot_x (plot, i) + offset, w = thick;
            }
          colour = mc_chart_mark_colour (self, s, i, &alpha);
          mc_chart_set_source (cr, colour, alpha);
          cairo_rectangle (cr, x, y, w, h);
          cairo_fill (cr);
          mc_chart_add_mark (self, x, y, w, MAX (h, 1), s, i, -1);
        }
    }
}

/* Segment bars: each category in its segment's colour, the second
 * series the same colour, lighter; its legend entry a grey as light. */
static McRgb
mark_colour (McChart *self,
             guint    s,
             int      i,
             double  *alpha)
{
  double r, g, b;

  if (self->segments == NULL)
    return mc_chart_palette (s);
  *alpha = s == 0 ? 1 : 0.45;
  if (i < 0 || (guint) i >= self->n_segments)
    return mc_chart_foreground (self, 0.8);
  mc_chart_segment_colour (self->segments[i], &r, &g, &b);
  return (McRgb) { r, g, b };
}

/* Bars stacked to 100 % hold counts: the tooltip gives the share of the
 * category's total and the count, "24 % (245 sales)". */
static char *
describe_hit (McChart          *self,
              const McChartHit *hit)
{
  McChartSeries *series = hit->series >= 0 && (guint) hit->series < self->series->len
                            ? mc_chart_series_at (self, hit->series) : NULL;
  g_autofree char *percent = NULL;
  g_autofree char *count = NULL;
  g_autofree char *value = NULL;
  double total = 0;

  if (self->bar_mode != MC_BARS_PERCENT || series == NULL || series->counts != NULL
      || hit->index < 0 || (gsize) hit->index >= series->n)
    return mc_chart_describe_at (self, hit, NULL);
  for (guint s = 0; s < self->series->len; s++)
    {
      McChartSeries *other = mc_chart_series_at (self, s);

      if (!other->hidden && (gsize) hit->index < other->n && isfinite (other->y[hit->index]))
        total += fabs (other->y[hit->index]);
    }
  percent = mc_chart_hover_value (total > 0 ? hit->y / total : 0, MC_VALUE_PERCENT);
  count = mc_chart_with_unit (self, mc_format_grouped (hit->y, 0));
  value = g_strdup_printf ("%s (%s)", percent, count);
  return mc_chart_describe_at (self, hit, value);
}

static guint
n_rows (McChart *self)
{
  return self->horizontal ? self->categories->len : 0;
}

const McChartLayer mc_bar_layer = {
  .kind = MC_CHART_BAR,
  .name = N_("Bar chart"),
  .plan_axes = plan_axes,
  .draw = draw,
  .draw_key = mc_chart_draw_series_key,
  .mark_colour = mark_colour,
  .describe_hit = describe_hit,
  .n_rows = n_rows,
};
