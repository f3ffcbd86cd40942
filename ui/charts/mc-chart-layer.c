/* mc-chart-layer.c: the kinds of chart, and what their layers share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-chart"

#include "config.h"

#include <math.h>

#include "mc-chart-layer.h"

extern const McChartLayer mc_line_layer;
extern const McChartLayer mc_area_layer;
extern const McChartLayer mc_bar_layer;
extern const McChartLayer mc_histogram_layer;
extern const McChartLayer mc_box_layer;
extern const McChartLayer mc_heatmap_layer;
extern const McChartLayer mc_scatter_layer;
extern const McChartLayer mc_kpi_layer;
extern const McChartLayer mc_treemap_layer;
extern const McChartLayer mc_funnel_layer;

/* One line per kind. */
static const McChartLayer *builtin[] = {
  &mc_line_layer,
  &mc_area_layer,
  &mc_bar_layer,
  &mc_histogram_layer,
  &mc_box_layer,
  &mc_heatmap_layer,
  &mc_scatter_layer,
  &mc_kpi_layer,
  &mc_treemap_layer,
  &mc_funnel_layer,
};

static GPtrArray *registered;   /* McChartLayer *, kinds added at run time */
static GMutex registered_lock;

const McChartLayer *
mc_chart_layer_lookup (McChartKind kind)
{
  const McChartLayer *found = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (builtin); i++)
    if (builtin[i]->kind == kind)
      return builtin[i];
  g_mutex_lock (&registered_lock);
  for (guint i = 0; registered != NULL && i < registered->len && found == NULL; i++)
    if (((const McChartLayer *) g_ptr_array_index (registered, i))->kind == kind)
      found = g_ptr_array_index (registered, i);
  g_mutex_unlock (&registered_lock);
  return found;
}

void
mc_chart_layer_register (const McChartLayer *layer)
{
  g_return_if_fail (layer != NULL && layer->draw != NULL);
  g_return_if_fail (mc_chart_layer_lookup (layer->kind) == NULL);

  g_mutex_lock (&registered_lock);
  if (registered == NULL)
    registered = g_ptr_array_new ();
  g_ptr_array_add (registered, (gpointer) layer);
  g_mutex_unlock (&registered_lock);
}

McChartSeries *
mc_chart_series_at (McChart *chart,
                    guint    s)
{
  return g_ptr_array_index (chart->series, s);
}

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
