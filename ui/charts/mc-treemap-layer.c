/* mc-treemap-layer.c: areas proportional to values, squarified
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-chart"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "mc-chart-layer.h"

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
draw (McChart      *self,
      cairo_t      *cr,
      const McPlot *plot)
{
  McRect area = plot->area;
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

const McChartLayer mc_treemap_layer = {
  .kind = MC_CHART_TREEMAP,
  .name = N_("Tree map"),
  .draw = draw,
};
