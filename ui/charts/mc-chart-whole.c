/* mc-chart-whole.c: charts without axes: a key figure, a tree map, a
 * funnel
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-chart"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "mc-chart-draw.h"

static void
draw_kpi (McChart *self,
          cairo_t *cr,
          McRect   area)
{
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

/* Tree maps: squarified (Bruls, Huizing and van Wijk): rows of cells as
 * close to squares as the values allow. */
typedef struct
{
  double value;
  guint  index;
} Cell;

static int
compare_cells (const void *a,
               const void *b)
{
  double x = ((const Cell *) a)->value, y = ((const Cell *) b)->value;

  return (x < y) - (x > y);
}

/* The worst aspect ratio of CELLS laid along a side of length SIDE. */
static double
worst_ratio (const Cell *cells,
             guint       n,
             double      side,
             double      scale)
{
  double sum = 0, most = 0, least = INFINITY;

  for (guint i = 0; i < n; i++)
    {
      sum += cells[i].value * scale;
      most = MAX (most, cells[i].value * scale);
      least = MIN (least, cells[i].value * scale);
    }
  if (sum <= 0 || least <= 0)
    return INFINITY;
  return MAX (side * side * most / (sum * sum), sum * sum / (side * side * least));
}

static void
draw_cell (McChart *self,
           cairo_t *cr,
           McRect   r,
           guint    index)
{
  McChartSeries *series = g_ptr_array_index (self->series, 0);
  const char *label = index < self->categories->len ? g_ptr_array_index (self->categories, index) : "";
  g_autofree char *value = mc_format_value (series->y[index], self->y_format, 1, TRUE);
  g_autofree char *text = g_strdup_printf ("%s\n%s", label, value);
  g_autoptr(PangoLayout) layout = mc_chart_layout (cr, text, 8.5, FALSE);
  int w, h;
  McRgb fill = mc_chart_palette (index);
  double luminance;

  /* Past the palette's eight colours, lighter tints of them. */
  if (index >= 8)
    fill = (McRgb) { 0.55 * fill.red + 0.45, 0.55 * fill.green + 0.45, 0.55 * fill.blue + 0.45 };
  luminance = 0.2126 * fill.red + 0.7152 * fill.green + 0.0722 * fill.blue;
  mc_chart_set_source (cr, fill, 1);
  cairo_rectangle (cr, r.x + 1, r.y + 1, MAX (r.width - 2, 0), MAX (r.height - 2, 0));
  cairo_fill (cr);
  mc_chart_add_mark (self, r.x, r.y, r.width, r.height, 0, index, -1);
  pango_layout_set_width (layout, (int) (MAX (r.width - 8, 1) * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_get_size (layout, &w, &h);
  if (h / PANGO_SCALE > r.height - 6 || r.width < 30)
    return;
  if (luminance > 0.55)
    cairo_set_source_rgba (cr, 0.1, 0.1, 0.1, 0.95);
  else
    cairo_set_source_rgba (cr, 1, 1, 1, 0.95);
  cairo_move_to (cr, r.x + 5, r.y + 4);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_treemap (McChart *self,
              cairo_t *cr,
              McRect   area)
{
  McChartSeries *series = self->series->len > 0 ? g_ptr_array_index (self->series, 0) : NULL;
  g_autofree Cell *cells = NULL;
  double total = 0, scale;
  guint n = 0, start = 0;

  if (series == NULL)
    return;
  cells = g_new (Cell, MAX (series->n, 1));
  for (gsize i = 0; i < series->n; i++)
    if (isfinite (series->y[i]) && series->y[i] > 0)
      {
        cells[n++] = (Cell) { series->y[i], i };
        total += series->y[i];
      }
  qsort (cells, n, sizeof (Cell), compare_cells);
  scale = total > 0 ? area.width * area.height / total : 0;
  while (start < n)
    {
      double side = MIN (area.width, area.height), row_sum = 0, thickness, offset = 0;
      guint end = start + 1;

      while (end < n && worst_ratio (cells + start, end + 1 - start, side, scale) <= worst_ratio (cells + start, end - start, side, scale))
        end++;
      for (guint i = start; i < end; i++)
        row_sum += cells[i].value * scale;
      thickness = row_sum / side;
      for (guint i = start; i < end; i++)
        {
          double length = cells[i].value * scale / thickness;
          McRect r = area.width >= area.height ? (McRect) { area.x, area.y + offset, thickness, length }
                                               : (McRect) { area.x + offset, area.y, length, thickness };

          draw_cell (self, cr, r, cells[i].index);
          offset += length;
        }
      if (area.width >= area.height)
        area.x += thickness, area.width -= thickness;
      else
        area.y += thickness, area.height -= thickness;
      start = end;
    }
}

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
draw_funnel (McChart *self,
             cairo_t *cr,
             McRect   area)
{
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

void
mc_chart_draw_whole (McChart *self,
                     cairo_t *cr,
                     McRect   area)
{
  switch (self->kind)
    {
    case MC_CHART_KPI:
      draw_kpi (self, cr, area);
      break;
    case MC_CHART_TREEMAP:
      draw_treemap (self, cr, area);
      break;
    case MC_CHART_FUNNEL:
    default:
      draw_funnel (self, cr, area);
      break;
    }
}
