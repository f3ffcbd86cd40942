/* mc-area-layer.c: series over a numeric or time x axis, filled down to
 * zero
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-chart"

#include "config.h"

#include "mc-line-layer.h"

/* Areas start at zero: a filled area up from 48 M would misstate it. */
static void
plan_axes (McChart *self,
           McPlot  *plot)
{
  mc_chart_plan_xy_axes (self, plot, TRUE);
}

static void
draw (McChart      *self,
      cairo_t      *cr,
      const McPlot *plot)
{
  mc_line_layer_draw_series (self, cr, plot, TRUE);
}

const McChartLayer mc_area_layer = {
  .kind = MC_CHART_AREA,
  .name = N_("Area chart"),
  .over_x = TRUE,
  .plan_axes = plan_axes,
  .draw = draw,
  .draw_key = mc_chart_draw_series_key,
};
