/* mc-chart.c: a chart drawn with cairo and pango, for the screen, PNG,
 * SVG and PDF alike
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * This file holds the chart's data and colours; hit-testing is in
 * mc-chart-hit.c, its rows and words in mc-chart-table.c, the frame and
 * mc_chart_render() in mc-chart-draw.c, what layers share in
 * mc-chart-layer-util.c, each kind's marks in its layer
 * (mc-chart-layer.h) and mc_chart_new() with the list of kinds in
 * mc-chart-layer.c. Each calls only the ones before it, never back.
 */
#define G_LOG_DOMAIN "mc-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mc-chart-layer.h"

G_DEFINE_FINAL_TYPE (McChart, mc_chart, G_TYPE_OBJECT)

static void
set_string (char       **field,
            const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*field);
  *field = copy;
}

static void
series_free (gpointer data)
{
  McChartSeries *series = data;

  g_free (series->name);
  g_free (series->x);
  g_free (series->y);
  g_free (series->groups);
  g_free (series->counts);
  g_free (series);
}

static void
mc_chart_finalize (GObject *object)
{
  McChart *self = MC_CHART (object);

  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->note);
  g_free (self->x_title);
  g_free (self->y_title);
  g_ptr_array_unref (self->categories);
  g_ptr_array_unref (self->series);
  g_ptr_array_unref (self->group_names);
  g_clear_pointer (&self->row_labels, g_ptr_array_unref);
  g_free (self->matrix);
  g_free (self->boxes);
  g_free (self->box_means);
  g_free (self->kpi_value);
  g_free (self->kpi_detail);
  g_free (self->unit);
  g_free (self->segments);
  g_free (self->bin_counts);
  if (self->point_labeller_destroy != NULL)
    self->point_labeller_destroy (self->point_labeller_data);
  g_array_unref (self->marks);
  g_array_unref (self->label_boxes);
  g_free (self->density);
  g_free (self->density_keys);
  g_clear_pointer (&self->density_image, cairo_surface_destroy);

  G_OBJECT_CLASS (mc_chart_parent_class)->finalize (object);
}

static void
mc_chart_class_init (McChartClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mc_chart_finalize;
}

static void
mc_chart_init (McChart *self)
{
  self->categories = g_ptr_array_new_with_free_func (g_free);
  self->series = g_ptr_array_new_with_free_func (series_free);
  self->group_names = g_ptr_array_new_with_free_func (g_free);
  self->marks = g_array_new (FALSE, FALSE, sizeof (McChartMark));
  self->label_boxes = g_array_new (FALSE, FALSE, sizeof (McChartMark));
  self->y_format = MC_VALUE_NUMBER;
  self->x_format = MC_VALUE_NUMBER;
  self->bin_low = self->bin_high = NAN;
  self->view_low = self->view_high = NAN;
  self->highlight_index = -2;
  self->point_period = -1;
}

McChartSeries *
mc_chart_series_at (McChart *chart,
                    guint    s)
{
  return g_ptr_array_index (chart->series, s);
}

McChartKind
mc_chart_get_kind (McChart *self)
{
  g_return_val_if_fail (MC_IS_CHART (self), MC_CHART_LINE);

  return self->kind;
}

void
mc_chart_set_title (McChart    *self,
                    const char *title,
                    const char *subtitle)
{
  g_return_if_fail (MC_IS_CHART (self));

  set_string (&self->title, title);
  set_string (&self->subtitle, subtitle);
}

const char *
mc_chart_get_title (McChart *self)
{
  g_return_val_if_fail (MC_IS_CHART (self), NULL);

  return self->title;
}

const char *
mc_chart_get_subtitle (McChart *self)
{
  g_return_val_if_fail (MC_IS_CHART (self), NULL);

  return self->subtitle;
}

/* A line under the subtitle ("Only purchases of Website · Electric
 * highlighted"), NULL for none: what an exported chart says of the
 * filter it shows. */
void
mc_chart_set_note (McChart    *self,
                   const char *note)
{
  g_return_if_fail (MC_IS_CHART (self));

  set_string (&self->note, note);
}

const char *
mc_chart_get_note (McChart *self)
{
  g_return_val_if_fail (MC_IS_CHART (self), NULL);

  return self->note;
}

/* The mark (SERIES, INDEX, ROW), as a hit names it, drawn as the
 * selection, every other mark veiled in the background; INDEX −2: none.
 * Drawn by mc_chart_render(), so exports show it as the screen does. */
void
mc_chart_set_highlight (McChart *self,
                        int      series,
                        int      index,
                        int      row)
{
  g_return_if_fail (MC_IS_CHART (self));

  self->highlight_series = series;
  self->highlight_index = index;
  self->highlight_row = row;
}

void
mc_chart_set_axis_titles (McChart    *self,
                          const char *x_title,
                          const char *y_title)
{
  g_return_if_fail (MC_IS_CHART (self));

  set_string (&self->x_title, x_title);
  set_string (&self->y_title, y_title);
}

void
mc_chart_set_formats (McChart       *self,
                      McValueFormat  x_format,
                      McValueFormat  y_format)
{
  g_return_if_fail (MC_IS_CHART (self));

  self->x_format = x_format;
  self->y_format = y_format;
}

void
mc_chart_set_theme (McChart      *self,
                    McChartTheme  theme)
{
  g_return_if_fail (MC_IS_CHART (self));

  self->theme = theme;
}

void
mc_chart_set_horizontal (McChart  *self,
                         gboolean  horizontal)
{
  g_return_if_fail (MC_IS_CHART (self));

  self->horizontal = horizontal;
}

void
mc_chart_set_bar_mode (McChart   *self,
                       McBarMode  mode)
{
  g_return_if_fail (MC_IS_CHART (self));

  self->bar_mode = mode;
}

void
mc_chart_set_moving_average (McChart *self,
                             guint    window)
{
  g_return_if_fail (MC_IS_CHART (self));

  self->moving_average = window;
}

void
mc_chart_set_point_period (McChart    *self,
                           McDateStep  period)
{
  g_return_if_fail (MC_IS_CHART (self));

  self->point_period = period;
}

void
mc_chart_set_categories (McChart            *self,
                         const char * const *labels,
                         guint               n)
{
  g_return_if_fail (MC_IS_CHART (self));

  g_ptr_array_set_size (self->categories, 0);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->categories, g_strdup (labels[i]));
  g_clear_pointer (&self->boxes, g_free);
  g_clear_pointer (&self->box_means, g_free);
}

guint
mc_chart_add_series (McChart      *self,
                     const char   *name,
                     const double *x,
                     const double *y,
                     gsize         n)
{
  McChartSeries *series;

  g_return_val_if_fail (MC_IS_CHART (self), 0);

  series = g_new0 (McChartSeries, 1);
  series->name = g_strdup (name);
  series->x = x != NULL ? g_memdup2 (x, n * sizeof (double)) : NULL;
  series->y = g_memdup2 (y, MAX (n, 1) * sizeof (double));
  series->n = n;
  series->x_low = series->y_low = INFINITY;
  series->x_high = series->y_high = -INFINITY;
  for (gsize i = 0; i < n; i++)
    {
      if (isfinite (y[i]))
        series->y_low = MIN (series->y_low, y[i]), series->y_high = MAX (series->y_high, y[i]);
      if (x != NULL && isfinite (x[i]))
        series->x_low = MIN (series->x_low, x[i]), series->x_high = MAX (series->x_high, x[i]);
    }
  g_ptr_array_add (self->series, series);
  return self->series->len - 1;
}

void
mc_chart_set_groups (McChart            *self,
                     guint               series,
                     const guint32      *groups,
                     const char * const *names,
                     guint               n_names)
{
  McChartSeries *target;

  g_return_if_fail (MC_IS_CHART (self));
  g_return_if_fail (series < self->series->len);

  target = g_ptr_array_index (self->series, series);
  g_free (target->groups);
  target->groups = g_memdup2 (groups, MAX (target->n, 1) * sizeof (guint32));
  g_ptr_array_set_size (self->group_names, 0);
  for (guint i = 0; i < n_names; i++)
    g_ptr_array_add (self->group_names, g_strdup (names[i]));
}

void
mc_chart_set_counts (McChart      *self,
                     guint         series,
                     const double *counts)
{
  McChartSeries *target;

  g_return_if_fail (MC_IS_CHART (self));
  g_return_if_fail (series < self->series->len);

  target = g_ptr_array_index (self->series, series);
  g_free (target->counts);
  target->counts = counts != NULL ? g_memdup2 (counts, MAX (target->n, 1) * sizeof (double)) : NULL;
}

void
mc_chart_set_unit (McChart    *self,
                   const char *unit)
{
  g_return_if_fail (MC_IS_CHART (self));

  set_string (&self->unit, unit);
}

guint
mc_chart_get_n_series (McChart *self)
{
  g_return_val_if_fail (MC_IS_CHART (self), 0);

  return self->series->len;
}

const char *
mc_chart_get_category (McChart *self,
                       int      index)
{
  g_return_val_if_fail (MC_IS_CHART (self), NULL);

  return index >= 0 && (guint) index < self->categories->len ? g_ptr_array_index (self->categories, index) : NULL;
}

const char *
mc_chart_get_series_name (McChart *self,
                          int      series)
{
  g_return_val_if_fail (MC_IS_CHART (self), NULL);

  return series >= 0 && (guint) series < self->series->len
           ? ((McChartSeries *) g_ptr_array_index (self->series, series))->name : NULL;
}

double
mc_chart_get_point_x (McChart *self,
                      int      series,
                      int      index)
{
  McChartSeries *target;

  g_return_val_if_fail (MC_IS_CHART (self), NAN);

  if (series < 0 || (guint) series >= self->series->len)
    return NAN;
  target = g_ptr_array_index (self->series, series);
  return target->x != NULL && index >= 0 && (gsize) index < target->n ? target->x[index] : NAN;
}

void
mc_chart_set_series_hidden (McChart  *self,
                            guint     series,
                            gboolean  hidden)
{
  g_return_if_fail (MC_IS_CHART (self));
  g_return_if_fail (series < self->series->len);

  ((McChartSeries *) g_ptr_array_index (self->series, series))->hidden = hidden;
}

gboolean
mc_chart_get_series_hidden (McChart *self,
                            guint    series)
{
  g_return_val_if_fail (MC_IS_CHART (self), FALSE);
  g_return_val_if_fail (series < self->series->len, FALSE);

  return ((McChartSeries *) g_ptr_array_index (self->series, series))->hidden;
}

void
mc_chart_set_matrix (McChart            *self,
                     const char * const *row_labels,
                     guint               n_rows,
                     const double       *values)
{
  g_return_if_fail (MC_IS_CHART (self));

  g_clear_pointer (&self->row_labels, g_ptr_array_unref);
  self->row_labels = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n_rows; i++)
    g_ptr_array_add (self->row_labels, g_strdup (row_labels[i]));
  g_free (self->matrix);
  self->matrix = g_memdup2 (values, MAX (n_rows * self->categories->len, 1) * sizeof (double));
}

void
mc_chart_set_box (McChart      *self,
                  guint         index,
                  const double  five[5])
{
  g_return_if_fail (MC_IS_CHART (self));
  g_return_if_fail (index < self->categories->len);

  if (self->boxes == NULL)
    {
      self->boxes = g_new (double, 5 * self->categories->len);
      for (guint i = 0; i < 5 * self->categories->len; i++)
        self->boxes[i] = NAN;
    }
  memcpy (self->boxes + 5 * index, five, 5 * sizeof (double));
}

void
mc_chart_set_bin_range (McChart *self,
                        double   low,
                        double   high)
{
  g_return_if_fail (MC_IS_CHART (self));

  self->bin_low = low;
  self->bin_high = high;
}

void
mc_chart_set_box_mean (McChart *self,
                       guint    index,
                       double   mean,
                       double   low,
                       double   high)
{
  g_return_if_fail (MC_IS_CHART (self));
  g_return_if_fail (index < self->categories->len);

  if (self->box_means == NULL)
    {
      self->box_means = g_new (double, 3 * self->categories->len);
      for (guint i = 0; i < 3 * self->categories->len; i++)
        self->box_means[i] = NAN;
    }
  self->box_means[3 * index] = mean;
  self->box_means[3 * index + 1] = low;
  self->box_means[3 * index + 2] = high;
}

void
mc_chart_set_kpi (McChart    *self,
                  const char *value,
                  const char *detail)
{
  g_return_if_fail (MC_IS_CHART (self));

  set_string (&self->kpi_value, value);
  set_string (&self->kpi_detail, detail);
}

/* Colours */

/* Okabe and Ito's palette, which colour-blind readers can tell apart. */
McRgb
mc_chart_palette (guint index)
{
  static const McRgb colours[] = {
    { 0.000, 0.447, 0.698 },  /* blue */
    { 0.902, 0.624, 0.000 },  /* orange */
    { 0.000, 0.620, 0.451 },  /* bluish green */
    { 0.835, 0.369, 0.000 },  /* vermilion */
    { 0.337, 0.706, 0.914 },  /* sky blue */
    { 0.800, 0.475, 0.655 },  /* reddish purple */
    { 0.941, 0.894, 0.259 },  /* yellow */
    { 0.500, 0.500, 0.500 },  /* grey */
  };

  return colours[index % G_N_ELEMENTS (colours)];
}

void
mc_chart_segment_colour (guint   segment,
                         double *red,
                         double *green,
                         double *blue)
{
  McRgb rgb = mc_chart_palette (segment);

  *red = rgb.red, *green = rgb.green, *blue = rgb.blue;
}

void
mc_chart_set_segments (McChart     *self,
                       const guint *segments,
                       guint        n)
{
  g_return_if_fail (MC_IS_CHART (self));

  g_clear_pointer (&self->segments, g_free);
  self->segments = segments != NULL && n > 0 ? g_memdup2 (segments, n * sizeof (guint)) : NULL;
  self->n_segments = self->segments != NULL ? n : 0;
}

McRgb
mc_chart_mark_colour (McChart *self,
                      guint    s,
                      int      i,
                      double  *alpha)
{
  double r, g, b;

  *alpha = 1;
  if (self->layer->mark_colour != NULL)
    return self->layer->mark_colour (self, s, i, alpha);
  if (self->segments == NULL)
    return mc_chart_palette (s);
  if (s >= self->n_segments)
    return mc_chart_palette (s);
  mc_chart_segment_colour (self->segments[s], &r, &g, &b);
  return (McRgb) { r, g, b };
}

/* Viridis, sampled: sequential and readable without colour vision. */
McRgb
mc_chart_sequential (double t)
{
  static const McRgb stops[] = {
    { 0.267, 0.005, 0.329 }, { 0.283, 0.141, 0.458 }, { 0.254, 0.265, 0.530 },
    { 0.207, 0.372, 0.553 }, { 0.164, 0.471, 0.558 }, { 0.128, 0.567, 0.551 },
    { 0.135, 0.659, 0.518 }, { 0.267, 0.749, 0.441 }, { 0.478, 0.821, 0.318 },
    { 0.741, 0.873, 0.150 }, { 0.993, 0.906, 0.144 },
  };
  double position = CLAMP (isnan (t) ? 0 : t, 0, 1) * (G_N_ELEMENTS (stops) - 1);
  guint i = MIN ((guint) position, G_N_ELEMENTS (stops) - 2);
  double f = position - i;

  return (McRgb) {
    stops[i].red + f * (stops[i + 1].red - stops[i].red),
    stops[i].green + f * (stops[i + 1].green - stops[i].green),
    stops[i].blue + f * (stops[i + 1].blue - stops[i].blue),
  };
}

/* Text and lines: STRENGTH 1 for titles, less for grid lines. */
McRgb
mc_chart_foreground (McChart *self,
                     double   strength)
{
  double level = self->theme == MC_CHART_THEME_DARK ? 0.12 + 0.83 * strength : 0.96 - 0.83 * strength;

  return (McRgb) { level, level, level };
}

McRgb
mc_chart_background (McChart *self)
{
  /* Adwaita's card colours: charts sit on cards in the app. */
  return self->theme == MC_CHART_THEME_DARK ? (McRgb) { 0.188, 0.188, 0.188 } : (McRgb) { 1, 1, 1 };
}

void
mc_chart_set_source (cairo_t *cr,
                     McRgb    rgb,
                     double   alpha)
{
  cairo_set_source_rgba (cr, rgb.red, rgb.green, rgb.blue, alpha);
}

gboolean
mc_chart_value_range (McChart *self,
                      double  *low,
                      double  *high)
{
  *low = INFINITY;
  *high = -INFINITY;
  for (guint s = 0; s < self->series->len; s++)
    {
      McChartSeries *series = g_ptr_array_index (self->series, s);

      if (!series->hidden)
        {
          *low = MIN (*low, series->y_low);
          *high = MAX (*high, series->y_high);
        }
    }
  return *low <= *high;
}

guint
mc_chart_get_n_groups (McChart *self)
{
  g_return_val_if_fail (MC_IS_CHART (self), 0);

  return self->group_names->len;
}

void
mc_chart_set_point_labeller (McChart          *self,
                             McChartLabelFunc  func,
                             gpointer          user_data,
                             GDestroyNotify    destroy)
{
  g_return_if_fail (MC_IS_CHART (self));

  if (self->point_labeller_destroy != NULL)
    self->point_labeller_destroy (self->point_labeller_data);
  self->point_labeller = func;
  self->point_labeller_data = user_data;
  self->point_labeller_destroy = destroy;
}

void
mc_chart_set_x_view (McChart *self,
                     double   x_min,
                     double   x_max)
{
  g_return_if_fail (MC_IS_CHART (self));

  self->view_low = x_min;
  self->view_high = x_max;
}

gboolean
mc_chart_get_x_view (McChart *self,
                     double  *x_min,
                     double  *x_max)
{
  g_return_val_if_fail (MC_IS_CHART (self), FALSE);

  *x_min = self->view_low;
  *x_max = self->view_high;
  return isfinite (self->view_low) && isfinite (self->view_high);
}

gboolean
mc_chart_get_x_extent (McChart *self,
                       double  *x_min,
                       double  *x_max)
{
  g_return_val_if_fail (MC_IS_CHART (self), FALSE);

  *x_min = INFINITY;
  *x_max = -INFINITY;
  for (guint s = 0; s < self->series->len; s++)
    {
      McChartSeries *series = g_ptr_array_index (self->series, s);

      *x_min = MIN (*x_min, series->x_low);
      *x_max = MAX (*x_max, series->x_high);
    }
  return *x_min < *x_max;
}

double
mc_chart_get_preferred_height (McChart *self,
                               double   minimum)
{
  guint rows = 0;

  g_return_val_if_fail (MC_IS_CHART (self), minimum);

  if (self->layer->n_rows != NULL)
    rows = self->layer->n_rows (self);
  /* Rows of 7-point labels, and room for titles, legend and the turned
   * labels of the axis below. */
  return MAX (minimum, MIN (rows * 13.0 + 210, 480));
}
