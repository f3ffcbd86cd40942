/* mc-chart-layer-util.c: what the layers share
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Axes planned from the series, and the series' legend: used by the
 * layers only, so it sits between the drawing helpers (mc-chart-draw.c,
 * mc-chart-hit.c) it calls and the layers that call it.
 */
#define G_LOG_DOMAIN "mc-chart"

#include "config.h"

#include <math.h>

#include "mc-chart-layer.h"

void
mc_chart_x_range (McChart *chart,
                  double  *low,
                  double  *high)
{
  *low = INFINITY;
  *high = -INFINITY;
  for (guint s = 0; s < chart->series->len; s++)
    if (!mc_chart_series_at (chart, s)->hidden)
      {
        *low = MIN (*low, mc_chart_series_at (chart, s)->x_low);
        *high = MAX (*high, mc_chart_series_at (chart, s)->x_high);
      }
  if (*low > *high)
    *low = 0, *high = 1;
}

void
mc_axis_set_categories (McAxis    *axis,
                        GPtrArray *labels)
{
  axis->categorical = TRUE;
  axis->labels = labels;
}

void
mc_axis_set_values (McAxis        *axis,
                    double         low,
                    double         high,
                    McValueFormat  format,
                    gboolean       zero_based)
{
  axis->format = format;
  mc_ticks_init_numeric (&axis->ticks, low, high, 6, zero_based);
}

void
mc_chart_plan_xy_axes (McChart  *chart,
                       McPlot   *plot,
                       gboolean  zero_based)
{
  double low, high;

  if (!mc_chart_value_range (chart, &low, &high))
    low = 0, high = 1;
  mc_axis_set_values (&plot->y, low, high, chart->y_format, zero_based);
  mc_chart_x_range (chart, &low, &high);
  /* One x (a single month): room on both sides, to draw it in the
   * middle rather than divide by a zero span. */
  if (high - low < 1e-9)
    {
      double pad = chart->x_format == MC_VALUE_DAY ? 15 : MAX (fabs (low) * 0.5, 0.5);

      low -= pad;
      high += pad;
    }
  if (isfinite (chart->view_low) && isfinite (chart->view_high) && chart->view_low < chart->view_high)
    low = chart->view_low, high = chart->view_high;
  plot->x.format = chart->x_format;
  plot->x.ticks.min = low;
  plot->x.ticks.max = high;
}

static void
series_entry (McChart       *chart,
              guint          i,
              McLegendEntry *entry)
{
  McChartSeries *series = mc_chart_series_at (chart, i);

  entry->name = series->name;
  entry->hidden = series->hidden;
  entry->colour = mc_chart_mark_colour (chart, i, -1, &entry->alpha);
}

void
mc_chart_draw_series_key (McChart *chart,
                          cairo_t *cr,
                          McRect  *area)
{
  if (chart->series->len > 1)
    mc_chart_draw_legend (chart, cr, area, chart->series->len, series_entry);
}
