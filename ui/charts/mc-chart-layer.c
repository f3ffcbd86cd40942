/* mc-chart-layer.c: the kinds of chart: a chart is made for its kind's layer
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

McChart *
mc_chart_new (McChartKind kind)
{
  const McChartLayer *layer = mc_chart_layer_lookup (kind);
  McChart *self;

  g_return_val_if_fail (layer != NULL, NULL);

  self = g_object_new (MC_TYPE_CHART, NULL);
  self->kind = kind;
  self->layer = layer;
  return self;
}

McChart *
mc_chart_new_titled (McChartKind  kind,
                     const char  *title,
                     const char  *subtitle)
{
  McChart *self = mc_chart_new (kind);

  mc_chart_set_title (self, title, subtitle);
  return self;
}
