/* mc-box-layer.c: a five-number summary per category, with the mean
 * and its confidence interval beside the box
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "mc-chart-layer.h"

static void
box_range (McChart *self,
           double  *low,
           double  *high)
{
  *low = INFINITY;
  *high = -INFINITY;
  for (guint i = 0; self->boxes != NULL && i < 5 * self->categories->len; i++)
    if (isfinite (self->boxes[i]))
      {
        *low = MIN (*low, self->boxes[i]);
        *high = MAX (*high, self->boxes[i]);
      }
  for (guint i = 0; self->box_means != NULL && i < 3 * self->categories->len; i++)
    if (isfinite (self->box_means[i]))
      {
        *low = MIN (*low, self->box_means[i]);
        *high = MAX (*high, self->box_means[i]);
      }
  if (*low > *high)
    *low = 0, *high = 1;
}

static void
plan_axes (McChart *self,
           McPlot  *plot)
{
  double low, high;

  mc_axis_set_categories (self->horizontal ? &plot->y : &plot->x, self->categories);
  box_range (self, &low, &high);
  mc_axis_set_values (self->horizontal ? &plot->x : &plot->y, low, high, self->y_format, FALSE);
}

/* A mean as a diamond, its confidence interval as a bar through it. */
static void
draw_mean (McChart      *self,
           cairo_t      *cr,
           const McPlot *plot,
           double        x,
           const double  mean[3])
{
  double y = mc_plot_y (plot, mean[0]);

  mc_chart_set_source (cr, mc_chart_foreground (self, 0.9), 1);
  cairo_set_line_width (cr, 1.5);
  if (isfinite (mean[1]) && isfinite (mean[2]))
    {
      cairo_move_to (cr, x, mc_plot_y (plot, mean[1]));
      cairo_line_to (cr, x, mc_plot_y (plot, mean[2]));
      cairo_move_to (cr, x - 3, mc_plot_y (plot, mean[1]));
      cairo_line_to (cr, x + 3, mc_plot_y (plot, mean[1]));
      cairo_move_to (cr, x - 3, mc_plot_y (plot, mean[2]));
      cairo_line_to (cr, x + 3, mc_plot_y (plot, mean[2]));
      cairo_stroke (cr);
    }
  cairo_move_to (cr, x, y - 4.5);
  cairo_line_to (cr, x + 4.5, y);
  cairo_line_to (cr, x, y + 4.5);
  cairo_line_to (cr, x - 4.5, y);
  cairo_close_path (cr);
  cairo_fill (cr);
}

static void
draw (McChart      *self,
      cairo_t      *cr,
      const McPlot *plot)
{
  double band = mc_axis_band (&plot->x, plot->area.width);

  for (guint i = 0; self->boxes != NULL && i < self->categories->len; i++)
    {
      const double *five = self->boxes + 5 * i;
      double x = mc_plot_x (plot, i), half = band * 0.3;

      if (!isfinite (five[2]))
        continue;
      mc_chart_set_source (cr, mc_chart_foreground (self, 0.7), 1);
      cairo_set_line_width (cr, 1.2);
      cairo_move_to (cr, x, mc_plot_y (plot, five[0]));
      cairo_line_to (cr, x, mc_plot_y (plot, five[1]));
      cairo_move_to (cr, x, mc_plot_y (plot, five[3]));
      cairo_line_to (cr, x, mc_plot_y (plot, five[4]));
      cairo_move_to (cr, x - half / 2, mc_plot_y (plot, five[0]));
      cairo_line_to (cr, x + half / 2, mc_plot_y (plot, five[0]));
      cairo_move_to (cr, x - half / 2, mc_plot_y (plot, five[4]));
      cairo_line_to (cr, x + half / 2, mc_plot_y (plot, five[4]));
      cairo_stroke (cr);
      mc_chart_set_source (cr, mc_chart_palette (i), 0.85);
      cairo_rectangle (cr, x - half, mc_plot_y (plot, five[3]), 2 * half, mc_plot_y (plot, five[1]) - mc_plot_y (plot, five[3]));
      cairo_fill (cr);
      mc_chart_set_source (cr, mc_chart_background (self), 1);
      cairo_set_line_width (cr, 2);
      cairo_move_to (cr, x - half, mc_plot_y (plot, five[2]));
      cairo_line_to (cr, x + half, mc_plot_y (plot, five[2]));
      cairo_stroke (cr);
      mc_chart_add_mark (self, x - half, mc_plot_y (plot, five[4]), 2 * half,
                         mc_plot_y (plot, five[0]) - mc_plot_y (plot, five[4]), -1, i, -1);
      if (self->box_means != NULL && isfinite (self->box_means[3 * i]))
        draw_mean (self, cr, plot, x + half + 8, self->box_means + 3 * i);
    }
}

/* A box's datum: its median. */
static double
mark_value (McChart           *self,
            const McChartMark *mark,
            double            *x)
{
  *x = mark->index;
  return self->boxes != NULL ? self->boxes[5 * mark->index + 2] : NAN;
}

static void
to_table (McChart   *self,
          GPtrArray *table)
{
  static const char *names[] = { N_("low"), N_("first quartile"), N_("median"), N_("third quartile"), N_("high") };
  GPtrArray *header = mc_chart_row_new ();

  g_ptr_array_add (header, g_strdup (self->x_title != NULL ? self->x_title : ""));
  for (guint i = 0; i < 5; i++)
    g_ptr_array_add (header, g_strdup (_(names[i])));
  g_ptr_array_add (table, header);
  for (guint c = 0; self->boxes != NULL && c < self->categories->len; c++)
    {
      GPtrArray *row = mc_chart_row_new ();

      g_ptr_array_add (row, g_strdup (g_ptr_array_index (self->categories, c)));
      for (guint i = 0; i < 5; i++)
        g_ptr_array_add (row, mc_chart_cell (self->boxes[5 * c + i]));
      g_ptr_array_add (table, row);
    }
}

static guint
n_rows (McChart *self)
{
  return self->horizontal ? self->categories->len : 0;
}

const McChartLayer mc_box_layer = {
  .kind = MC_CHART_BOX,
  .name = N_("Box plot"),
  .plan_axes = plan_axes,
  .draw = draw,
  .mark_value = mark_value,
  .to_table = to_table,
  .n_rows = n_rows,
};
