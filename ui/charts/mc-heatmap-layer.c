/* mc-heatmap-layer.c: a matrix of rows × categories, each cell coloured
 * by its value on a scale drawn above
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-chart"

#include "config.h"

#include <math.h>

#include "mc-chart-layer.h"

static void
plan_axes (McChart *self,
           McPlot  *plot)
{
  mc_axis_set_categories (&plot->x, self->categories);
  mc_axis_set_categories (&plot->y, self->row_labels);
}

static void
matrix_range (McChart *self,
              double  *low,
              double  *high)
{
  *low = INFINITY;
  *high = -INFINITY;
  for (guint i = 0; self->row_labels != NULL && i < self->row_labels->len * self->categories->len; i++)
    if (isfinite (self->matrix[i]))
      {
        *low = MIN (*low, self->matrix[i]);
        *high = MAX (*high, self->matrix[i]);
      }
}

static void
draw (McChart      *self,
      cairo_t      *cr,
      const McPlot *plot)
{
  double column = mc_axis_band (&plot->x, plot->area.width), row = mc_axis_band (&plot->y, plot->area.height);
  double low, high;

  matrix_range (self, &low, &high);
  for (guint r = 0; self->row_labels != NULL && r < self->row_labels->len; r++)
    for (guint c = 0; c < self->categories->len; c++)
      {
        double value = self->matrix[r * self->categories->len + c];
        double x = plot->area.x + c * column, y = plot->area.y + r * row;
        double t = high > low ? (value - low) / (high - low) : 0.5;

        if (!isfinite (value))
          continue;
        mc_chart_set_source (cr, mc_chart_sequential (t), 1);
        cairo_rectangle (cr, x + 0.5, y + 0.5, column - 1, row - 1);
        cairo_fill (cr);
        mc_chart_add_mark (self, x, y, column, row, -1, c, r);
        if (column > 34 && row > 14)
          {
            g_autofree char *text = mc_format_value (value, self->y_format, 1, TRUE);
            McRgb ink = t > 0.55 ? (McRgb) { 0.1, 0.1, 0.1 } : (McRgb) { 1, 1, 1 };
            g_autoptr(PangoLayout) layout = mc_chart_layout (cr, text, 7.5, FALSE);
            int w, h;

            pango_layout_get_size (layout, &w, &h);
            mc_chart_set_source (cr, ink, 0.9);
            cairo_move_to (cr, x + column / 2 - w / 2.0 / PANGO_SCALE, y + row / 2 - h / 2.0 / PANGO_SCALE);
            pango_cairo_show_layout (cr, layout);
          }
      }
}

/* Heat maps: a strip from the lowest to the highest value. */
static void
draw_key (McChart *self,
          cairo_t *cr,
          McRect  *area)
{
  double low, high, width, height;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  cairo_pattern_t *gradient;

  matrix_range (self, &low, &high);
  if (low > high)
    return;
  /* The ends are not ticks: three significant digits ("0 % … 10.5 %"). */
  from = mc_format_value (low, self->y_format, mc_significant_step (MAX (fabs (low), fabs (high))), TRUE);
  to = mc_format_value (high, self->y_format, mc_significant_step (MAX (fabs (low), fabs (high))), TRUE);
  mc_chart_text_extent (cr, from, MC_CHART_TEXT_SIZE, &width, &height);
  mc_chart_draw_text (self, cr, from, area->x, area->y, MC_CHART_TEXT_SIZE, 0, 0, 0.7);
  gradient = cairo_pattern_create_linear (area->x + width + 6, 0, area->x + width + 126, 0);
  for (int stop = 0; stop <= 10; stop++)
    {
      McRgb rgb = mc_chart_sequential (stop / 10.0);

      cairo_pattern_add_color_stop_rgb (gradient, stop / 10.0, rgb.red, rgb.green, rgb.blue);
    }
  cairo_set_source (cr, gradient);
  cairo_rectangle (cr, area->x + width + 6, area->y + 1, 120, height - 2);
  cairo_fill (cr);
  cairo_pattern_destroy (gradient);
  mc_chart_draw_text (self, cr, to, area->x + width + 132, area->y, MC_CHART_TEXT_SIZE, 0, 0, 0.7);
  area->y += height + 8;
  area->height -= height + 8;
}

static double
mark_value (McChart           *self,
            const McChartMark *mark,
            double            *x)
{
  *x = mark->index;
  return mark->row >= 0 && self->matrix != NULL ? self->matrix[mark->row * self->categories->len + mark->index] : NAN;
}

static void
to_table (McChart   *self,
          GPtrArray *table)
{
  GPtrArray *header = mc_chart_row_new ();

  g_ptr_array_add (header, g_strdup (""));
  for (guint c = 0; c < self->categories->len; c++)
    g_ptr_array_add (header, g_strdup (g_ptr_array_index (self->categories, c)));
  g_ptr_array_add (table, header);
  for (guint r = 0; self->row_labels != NULL && r < self->row_labels->len; r++)
    {
      GPtrArray *row = mc_chart_row_new ();

      g_ptr_array_add (row, g_strdup (g_ptr_array_index (self->row_labels, r)));
      for (guint c = 0; c < self->categories->len; c++)
        g_ptr_array_add (row, mc_chart_cell (self->matrix[r * self->categories->len + c]));
      g_ptr_array_add (table, row);
    }
}

static guint
n_rows (McChart *self)
{
  return self->row_labels != NULL ? self->row_labels->len : 0;
}

const McChartLayer mc_heatmap_layer = {
  .kind = MC_CHART_HEATMAP,
  .name = N_("Heat map"),
  .plan_axes = plan_axes,
  .draw = draw,
  .draw_key = draw_key,
  .mark_value = mark_value,
  .to_table = to_table,
  .n_rows = n_rows,
};
