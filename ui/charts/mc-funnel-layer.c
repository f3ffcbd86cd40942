/* mc-funnel-layer.c: stages narrowing, each as wide as its share of the
 * first
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-chart"

#include "config.h"

#include <math.h>

#include "mc-chart-layer.h"

/* Funnels: one centred bar per stage, as wide as its share of the
 * first, with the stage, its value and that share. The labels are
 * measured first and the bars get the room they leave, so no label is
 * cut at the card's edge and no bar runs past it, even for stages
 * larger than the first (which mc-standard-charts.c draws as bars
 * instead: such stages are no funnel). */
static char *
funnel_label (McChart             *self,
              const McChartSeries *series,
              gsize                i,
              double               first)
{
  g_autofree char *value = mc_format_value (series->y[i], self->y_format, 1, FALSE);
  double share = isfinite (series->y[i]) ? MAX (series->y[i], 0) / first : 0;

  return g_strdup_printf ("%s · %s (%.0f %%)",
                          i < self->categories->len ? (char *) g_ptr_array_index (self->categories, i) : "",
                          value, 100 * share);
}

static void
draw (McChart      *self,
      cairo_t      *cr,
      const McPlot *plot)
{
  McRect area = plot->area;
  McChartSeries *series = self->series->len > 0 ? g_ptr_array_index (self->series, 0) : NULL;
  double first, widest = 0, largest, step, room, text_room;

  if (series == NULL || series->n == 0)
    return;
  first = series->y[0] > 0 ? series->y[0] : 1;
  largest = first;
  for (gsize i = 0; i < series->n; i++)
    {
      g_autofree char *text = funnel_label (self, series, i, first);
      double width, height;

      mc_chart_text_extent (cr, text, 9, &width, &height);
      widest = MAX (widest, width);
      if (isfinite (series->y[i]))
        largest = MAX (largest, series->y[i]);
    }
  /* The bars take what the labels leave, at least two fifths. */
  room = CLAMP (area.width - widest - 10, area.width * 0.4, area.width * 0.62);
  text_room = area.width - room - 10;
  step = area.height / series->n;
  for (gsize i = 0; i < series->n; i++)
    {
      double share = isfinite (series->y[i]) ? MAX (series->y[i], 0) / largest : 0;
      double width = CLAMP (share * room, 2, room), y = area.y + i * step;
      g_autofree char *text = funnel_label (self, series, i, first);
      g_autoptr(PangoLayout) layout = mc_chart_layout (cr, text, 9, FALSE);
      int w, h;

      mc_chart_set_source (cr, mc_chart_palette (0), 1 - 0.5 * i / MAX (series->n, 1));
      cairo_rectangle (cr, area.x + (room - width) / 2, y + step * 0.12, width, step * 0.76);
      cairo_fill (cr);
      mc_chart_add_mark (self, area.x, y, area.width, step, 0, i, -1);
      /* Only a card narrower than any label cuts one, with an ellipsis. */
      pango_layout_set_width (layout, (int) (MAX (text_room, 1) * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_get_size (layout, &w, &h);
      mc_chart_set_source (cr, mc_chart_foreground (self, 0.85), 1);
      cairo_move_to (cr, area.x + room + 10, y + step / 2 - h / 2.0 / PANGO_SCALE);
      pango_cairo_show_layout (cr, layout);
      mc_chart_add_label_box (self, area.x + room + 10, y + step / 2 - h / 2.0 / PANGO_SCALE,
                              (double) w / PANGO_SCALE, (double) h / PANGO_SCALE, i);
    }
}

const McChartLayer mc_funnel_layer = {
  .kind = MC_CHART_FUNNEL,
  .name = N_("Funnel"),
  .draw = draw,
};
