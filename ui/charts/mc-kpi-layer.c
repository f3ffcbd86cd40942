/* mc-kpi-layer.c: one figure in large type, its title above and a line
 * under it
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-chart"

#include "config.h"

#include "mc-chart-layer.h"

static void
draw (McChart      *self,
      cairo_t      *cr,
      const McPlot *plot)
{
  McRect area = plot->area;
  g_autoptr(PangoLayout) title = mc_chart_layout (cr, self->title != NULL ? self->title : "", 10, TRUE);
  g_autoptr(PangoLayout) value = NULL;
  double size = MIN (area.height * 0.36, 40);
  int w, h;

  value = mc_chart_layout (cr, self->kpi_value != NULL ? self->kpi_value : "—", size, TRUE);
  pango_layout_get_size (value, &w, &h);
  /* Shrink a long figure until it fits the tile. */
  while (w / PANGO_SCALE > area.width && size > 8)
    {
      g_object_unref (value);
      size *= 0.9;
      value = mc_chart_layout (cr, self->kpi_value, size, TRUE);
      pango_layout_get_size (value, &w, &h);
    }
  mc_chart_set_source (cr, mc_chart_foreground (self, 0.6), 1);
  pango_layout_get_size (title, &w, &h);
  cairo_move_to (cr, area.x + area.width / 2 - w / 2.0 / PANGO_SCALE, area.y);
  pango_cairo_show_layout (cr, title);
  pango_layout_get_size (value, &w, &h);
  mc_chart_set_source (cr, mc_chart_foreground (self, 1), 1);
  cairo_move_to (cr, area.x + area.width / 2 - w / 2.0 / PANGO_SCALE, area.y + area.height / 2 - h / 2.0 / PANGO_SCALE);
  pango_cairo_show_layout (cr, value);
  if (self->kpi_detail != NULL)
    mc_chart_draw_text (self, cr, self->kpi_detail, area.x + area.width / 2,
                        area.y + area.height / 2 + h / 2.0 / PANGO_SCALE + 4, 9, 0.5, 0, 0.6);
  mc_chart_add_mark (self, area.x, area.y, area.width, area.height, -1, 0, -1);
}

/* One row: the title and the value as shown. */
static void
to_table (McChart   *self,
          GPtrArray *table)
{
  GPtrArray *row = mc_chart_row_new ();

  g_ptr_array_add (row, g_strdup (self->title != NULL ? self->title : ""));
  g_ptr_array_add (row, g_strdup (self->kpi_value != NULL ? self->kpi_value : ""));
  g_ptr_array_add (table, row);
}

const McChartLayer mc_kpi_layer = {
  .kind = MC_CHART_KPI,
  .name = N_("Key figure"),
  .own_title = TRUE,
  .draw = draw,
  .to_table = to_table,
};
