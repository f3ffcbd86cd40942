/* mc-chart.c: a chart drawn with cairo and pango, for the screen, PNG,
 * SVG and PDF alike
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * This file holds the chart's data, colours and hit-testing; drawing is
 * in mc-chart-draw.c.
 */
#define G_LOG_DOMAIN "mc-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mc-chart-private.h"
#include "mc-value-parse.h"

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
}

McChart *
mc_chart_new (McChartKind kind)
{
  McChart *self = g_object_new (MC_TYPE_CHART, NULL);

  self->kind = kind;
  return self;
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

const char *
mc_chart_get_row_label (McChart *self,
                        int      row)
{
  g_return_val_if_fail (MC_IS_CHART (self), NULL);

  return self->row_labels != NULL && row >= 0 && (guint) row < self->row_labels->len
           ? g_ptr_array_index (self->row_labels, row) : NULL;
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
  if (self->segments == NULL)
    return mc_chart_palette (s);
  if (self->kind == MC_CHART_BAR)
    {
      /* The second series of segment bars is the same colour, lighter;
       * its legend entry a grey as light. */
      *alpha = s == 0 ? 1 : 0.45;
      if (i < 0 || (guint) i >= self->n_segments)
        return mc_chart_foreground (self, 0.8);
      mc_chart_segment_colour (self->segments[i], &r, &g, &b);
      return (McRgb) { r, g, b };
    }
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

/* Hit-testing */

void
mc_chart_add_mark (McChart *self,
                   double   x,
                   double   y,
                   double   width,
                   double   height,
                   int      series,
                   int      index,
                   int      row)
{
  McChartMark mark = { x, y, width, height, series, index, row };

  g_array_append_val (self->marks, mark);
}

void
mc_chart_add_label_box (McChart *self,
                        double   x,
                        double   y,
                        double   width,
                        double   height,
                        int      index)
{
  McChartMark box = { x, y, width, height, -1, index, -1 };

  g_array_append_val (self->label_boxes, box);
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

static const char *
series_name (McChart *self,
             int      series)
{
  return series >= 0 ? ((McChartSeries *) g_ptr_array_index (self->series, series))->name : NULL;
}

static const char *
category_name (McChart *self,
               int      index)
{
  return index >= 0 && (guint) index < self->categories->len ? g_ptr_array_index (self->categories, index) : NULL;
}

guint
mc_chart_get_n_groups (McChart *self)
{
  g_return_val_if_fail (MC_IS_CHART (self), 0);

  return self->kind == MC_CHART_SCATTER ? self->group_names->len : 0;
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

/* A value as a tooltip gives it: counts whole, shares to a tenth of a
 * percent below 10 %, other numbers without trailing zeros. */
static char *
hover_value (double        value,
             McValueFormat format)
{
  switch (format)
    {
    case MC_VALUE_COUNT:
      return mc_format_grouped (value, 0);
    case MC_VALUE_PERCENT:
      return mc_format_value (value, format, fabs (value) < 0.1 && value != 0 ? 0.001 : 0.01, TRUE);
    case MC_VALUE_NUMBER:
      if (fabs (value - round (value)) < 1e-9)
        return mc_format_grouped (value, 0);
      return mc_format_grouped (value, fabs (value) >= 100 ? 1 : 2);
    case MC_VALUE_MONEY:
    case MC_VALUE_DAY:
    default:
      return mc_format_value (value, format, 0.01, FALSE);
    }
}

/* "245 sales" */
static char *
with_unit (McChart *self,
           char    *count)
{
  if (self->unit == NULL)
    return count;
  {
    char *text = g_strdup_printf ("%s %s", count, self->unit);

    g_free (count);
    return text;
  }
}

/* A point's day in full, with its year: "Sep 2023" when the series is
 * of months (every point on the 1st), else "14 Sep 2023". */
static char *
point_day (McChart *self,
           int      series,
           double   day)
{
  McChartSeries *target = series >= 0 && (guint) series < self->series->len ? g_ptr_array_index (self->series, series) : NULL;
  gboolean months = target != NULL && target->x != NULL;
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc ((gint64) floor (day) * 86400);
  g_autofree char *month = NULL;

  for (gsize i = 0; months && i < target->n; i++)
    {
      int year, month_number, mday;

      mc_civil_from_days ((gint32) floor (target->x[i]), &year, &month_number, &mday);
      months = mday == 1;
    }
  if (months)
    return mc_format_day (day, MC_DATE_STEP_MONTH);
  month = g_date_time_format (time, "%b %Y");
  return g_strdup_printf ("%d %s", g_date_time_get_day_of_month (time), month);
}

/* A histogram bar: its range and count, "20,000–25,000: 19,230 sales";
 * the end bars say they hold the far outliers too. */
static char *
describe_bin (McChart          *self,
              const McChartHit *hit)
{
  double from = self->bin_start + hit->index * self->bin_width, to = from + self->bin_width;
  g_autofree char *low = mc_format_value (from, self->x_format, self->bin_width, FALSE);
  g_autofree char *high = mc_format_value (to, self->x_format, self->bin_width, FALSE);
  g_autofree char *count = with_unit (self, mc_format_grouped (hit->y, 0));
  g_autofree char *range = NULL;

  if (hit->index == 0 && self->bins_below)
    range = g_strdup_printf (_("up to %s"), high);
  else if ((guint) hit->index + 1 == self->n_bins && self->bins_above)
    range = g_strdup_printf (_("%s and over"), low);
  else
    range = g_strdup_printf ("%s–%s", low, high);
  if (self->series->len > 1 && series_name (self, hit->series) != NULL)
    return g_strdup_printf ("%s · %s: %s", range, series_name (self, hit->series), count);
  return g_strdup_printf ("%s: %s", range, count);
}

/* The count behind a share, or NULL. */
static char *
share_count (McChart          *self,
             const McChartHit *hit,
             double           *share)
{
  McChartSeries *series = hit->series >= 0 && (guint) hit->series < self->series->len
                            ? g_ptr_array_index (self->series, hit->series) : NULL;
  double total = 0;

  if (series == NULL || hit->index < 0 || (gsize) hit->index >= series->n)
    return NULL;
  if (series->counts != NULL)
    {
      *share = hit->y;
      return with_unit (self, mc_format_grouped (series->counts[hit->index], 0));
    }
  if (self->kind != MC_CHART_BAR || self->bar_mode != MC_BARS_PERCENT)
    return NULL;
  for (guint s = 0; s < self->series->len; s++)
    {
      McChartSeries *other = g_ptr_array_index (self->series, s);

      if (!other->hidden && (gsize) hit->index < other->n && isfinite (other->y[hit->index]))
        total += fabs (other->y[hit->index]);
    }
  *share = total > 0 ? hit->y / total : 0;
  return with_unit (self, mc_format_grouped (hit->y, 0));
}

/* "Website · May 2023: 12,345.00": where the datum is, then its value. */
static char *
describe_hit (McChart          *self,
              const McChartHit *hit)
{
  g_autofree char *value = NULL;
  g_autofree char *x = NULL;
  g_autofree char *count = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *where = NULL;
  double share = 0;

  if (self->kind == MC_CHART_SCATTER && self->point_labeller != NULL)
    return self->point_labeller (self, hit->series, hit->index, self->point_labeller_data);
  if (self->kind == MC_CHART_HISTOGRAM)
    return describe_bin (self, hit);
  if ((count = share_count (self, hit, &share)) != NULL)
    {
      g_autofree char *percent = hover_value (share, MC_VALUE_PERCENT);

      value = g_strdup_printf ("%s (%s)", percent, count);
    }
  else
    value = hover_value (hit->y, self->y_format);
  if (hit->row >= 0 && self->row_labels != NULL)
    g_ptr_array_add (parts, g_ptr_array_index (self->row_labels, hit->row));
  if (self->kind == MC_CHART_LINE || self->kind == MC_CHART_AREA || self->kind == MC_CHART_SCATTER)
    g_ptr_array_add (parts, x = self->x_format == MC_VALUE_DAY ? point_day (self, hit->series, hit->x)
                                                               : hover_value (hit->x, self->x_format));
  else if (category_name (self, hit->index) != NULL)
    g_ptr_array_add (parts, (char *) category_name (self, hit->index));
  if (series_name (self, hit->series) != NULL && self->series->len > 1)
    g_ptr_array_add (parts, (char *) series_name (self, hit->series));
  g_ptr_array_add (parts, NULL);
  where = g_strjoinv (" · ", (char **) parts->pdata);
  return g_strdup_printf ("%s: %s", where, value);
}

static double
mark_value (McChart           *self,
            const McChartMark *mark,
            double            *x)
{
  McChartSeries *series = mark->series >= 0 ? g_ptr_array_index (self->series, mark->series) : NULL;

  *x = series != NULL && series->x != NULL ? series->x[mark->index] : mark->index;
  if (mark->row >= 0 && self->matrix != NULL)
    return self->matrix[mark->row * self->categories->len + mark->index];
  if (self->kind == MC_CHART_HISTOGRAM && series != NULL)
    {
      *x = self->bin_start + (mark->index + 0.5) * self->bin_width;
      return self->bin_counts != NULL && (guint) mark->index < self->n_bins
               ? self->bin_counts[mark->series * self->n_bins + mark->index] : NAN;
    }
  if (series != NULL)
    return series->y[mark->index];
  if (self->boxes != NULL)
    return self->boxes[5 * mark->index + 2];
  return NAN;
}

/* Dense scatters keep no marks: find the nearest point instead. */
static gboolean
hit_dense_points (McChart    *self,
                  double      px,
                  double      py,
                  McChartHit *hit)
{
  double best = 36;   /* within 6 points */

  for (guint s = 0; s < self->series->len; s++)
    {
      McChartSeries *series = g_ptr_array_index (self->series, s);

      for (gsize i = 0; !series->hidden && series->x != NULL && i < series->n; i++)
        {
          double dx = self->plot_x + (series->x[i] - self->x_min) / (self->x_max - self->x_min) * self->plot_width - px;
          double dy = self->plot_y + (self->y_max - series->y[i]) / (self->y_max - self->y_min) * self->plot_height - py;

          if (dx * dx + dy * dy < best)
            {
              best = dx * dx + dy * dy;
              *hit = (McChartHit) { s, i, -1, FALSE, series->x[i], series->y[i], NULL };
            }
        }
    }
  return best < 36;
}

gboolean
mc_chart_hit_test (McChart    *self,
                   double      x,
                   double      y,
                   McChartHit *hit)
{
  g_return_val_if_fail (MC_IS_CHART (self), FALSE);

  memset (hit, 0, sizeof *hit);
  /* The last mark drawn is on top. */
  for (guint m = self->marks->len; m-- > 0;)
    {
      McChartMark *mark = &g_array_index (self->marks, McChartMark, m);

      if (x >= mark->x && x <= mark->x + mark->width && y >= mark->y && y <= mark->y + mark->height)
        {
          if (mark->row == MC_CHART_LEGEND_ROW)
            {
              *hit = (McChartHit) { mark->series, -1, -1, FALSE, 0, 0, g_strdup (series_name (self, mark->series)) };
              hit->legend = TRUE;
              return TRUE;
            }
          *hit = (McChartHit) { mark->series, mark->index, mark->row, FALSE, 0, 0, NULL };
          hit->y = mark_value (self, mark, &hit->x);
          hit->label = describe_hit (self, hit);
          return TRUE;
        }
    }
  if (self->kind == MC_CHART_SCATTER && self->has_plot && hit_dense_points (self, x, y, hit))
    {
      hit->label = describe_hit (self, hit);
      return TRUE;
    }
  return FALSE;
}

void
mc_chart_hit_clear (McChartHit *hit)
{
  g_clear_pointer (&hit->label, g_free);
}

gboolean
mc_chart_data_range (McChart *self,
                     double   x0,
                     double   y0,
                     double   x1,
                     double   y1,
                     double  *x_min,
                     double  *x_max,
                     double  *y_min,
                     double  *y_max)
{
  double left, right, top, bottom;

  g_return_val_if_fail (MC_IS_CHART (self), FALSE);

  if (!self->has_plot)
    return FALSE;
  left = CLAMP (MIN (x0, x1), self->plot_x, self->plot_x + self->plot_width);
  right = CLAMP (MAX (x0, x1), self->plot_x, self->plot_x + self->plot_width);
  top = CLAMP (MIN (y0, y1), self->plot_y, self->plot_y + self->plot_height);
  bottom = CLAMP (MAX (y0, y1), self->plot_y, self->plot_y + self->plot_height);
  if (right <= left || bottom <= top)
    return FALSE;
  *x_min = self->x_min + (left - self->plot_x) / self->plot_width * (self->x_max - self->x_min);
  *x_max = self->x_min + (right - self->plot_x) / self->plot_width * (self->x_max - self->x_min);
  *y_max = self->y_max - (top - self->plot_y) / self->plot_height * (self->y_max - self->y_min);
  *y_min = self->y_max - (bottom - self->plot_y) / self->plot_height * (self->y_max - self->y_min);
  return TRUE;
}

/* Tables and words */

static GPtrArray *
new_row (void)
{
  return g_ptr_array_new_with_free_func (g_free);
}

static char *
format_cell (McChart *self,
             double   value)
{
  return isnan (value) ? g_strdup ("") : g_strdup_printf ("%.10g", value);
}

static void
table_of_matrix (McChart   *self,
                 GPtrArray *table)
{
  GPtrArray *header = new_row ();

  g_ptr_array_add (header, g_strdup (""));
  for (guint c = 0; c < self->categories->len; c++)
    g_ptr_array_add (header, g_strdup (g_ptr_array_index (self->categories, c)));
  g_ptr_array_add (table, header);
  for (guint r = 0; self->row_labels != NULL && r < self->row_labels->len; r++)
    {
      GPtrArray *row = new_row ();

      g_ptr_array_add (row, g_strdup (g_ptr_array_index (self->row_labels, r)));
      for (guint c = 0; c < self->categories->len; c++)
        g_ptr_array_add (row, format_cell (self, self->matrix[r * self->categories->len + c]));
      g_ptr_array_add (table, row);
    }
}

static void
table_of_boxes (McChart   *self,
                GPtrArray *table)
{
  static const char *names[] = { N_("low"), N_("first quartile"), N_("median"), N_("third quartile"), N_("high") };
  GPtrArray *header = new_row ();

  g_ptr_array_add (header, g_strdup (self->x_title != NULL ? self->x_title : ""));
  for (guint i = 0; i < 5; i++)
    g_ptr_array_add (header, g_strdup (_(names[i])));
  g_ptr_array_add (table, header);
  for (guint c = 0; self->boxes != NULL && c < self->categories->len; c++)
    {
      GPtrArray *row = new_row ();

      g_ptr_array_add (row, g_strdup (g_ptr_array_index (self->categories, c)));
      for (guint i = 0; i < 5; i++)
        g_ptr_array_add (row, format_cell (self, self->boxes[5 * c + i]));
      g_ptr_array_add (table, row);
    }
}

/* One row per category (or x value), one column per series. */
static void
table_of_series (McChart   *self,
                 GPtrArray *table)
{
  GPtrArray *header = new_row ();
  McChartSeries *first = self->series->len > 0 ? g_ptr_array_index (self->series, 0) : NULL;
  gsize n = first != NULL ? first->n : 0;

  g_ptr_array_add (header, g_strdup (self->x_title != NULL ? self->x_title : ""));
  for (guint s = 0; s < self->series->len; s++)
    g_ptr_array_add (header, g_strdup (((McChartSeries *) g_ptr_array_index (self->series, s))->name));
  g_ptr_array_add (table, header);
  for (gsize i = 0; i < n; i++)
    {
      GPtrArray *row = new_row ();

      /* Days as ISO dates: "1 Jan", as the axis shows them, loses the
       * year, and a spreadsheet reads the ISO form as a date. */
      if (first->x != NULL && self->x_format == MC_VALUE_DAY && isfinite (first->x[i]))
        {
          char day[16];

          mc_format_date ((gint32) floor (first->x[i]), day);
          g_ptr_array_add (row, g_strdup (day));
        }
      else if (first->x != NULL)
        g_ptr_array_add (row, format_cell (self, first->x[i]));
      else
        g_ptr_array_add (row, g_strdup (category_name (self, i) != NULL ? category_name (self, i) : ""));
      for (guint s = 0; s < self->series->len; s++)
        {
          McChartSeries *series = g_ptr_array_index (self->series, s);

          g_ptr_array_add (row, i < series->n ? format_cell (self, series->y[i]) : g_strdup (""));
        }
      g_ptr_array_add (table, row);
    }
}

GPtrArray *
mc_chart_to_table (McChart *self)
{
  GPtrArray *table = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  g_return_val_if_fail (MC_IS_CHART (self), NULL);

  if (self->kind == MC_CHART_HEATMAP)
    table_of_matrix (self, table);
  else if (self->kind == MC_CHART_BOX)
    table_of_boxes (self, table);
  else if (self->kind == MC_CHART_KPI)
    {
      GPtrArray *row = new_row ();

      g_ptr_array_add (row, g_strdup (self->title != NULL ? self->title : ""));
      g_ptr_array_add (row, g_strdup (self->kpi_value != NULL ? self->kpi_value : ""));
      g_ptr_array_add (table, row);
    }
  else
    table_of_series (self, table);
  return table;
}

McValueFormat
mc_chart_get_column_format (McChart *self,
                            guint    column)
{
  McChartSeries *first;

  g_return_val_if_fail (MC_IS_CHART (self), MC_VALUE_NUMBER);

  if (column > 0)
    return self->y_format;
  first = self->series->len > 0 ? g_ptr_array_index (self->series, 0) : NULL;
  /* The x of a series over days; a heat map's or box plot's first
   * column is its labels. */
  if (self->x_format == MC_VALUE_DAY && first != NULL && first->x != NULL
      && self->kind != MC_CHART_HEATMAP && self->kind != MC_CHART_BOX)
    return MC_VALUE_DAY;
  return self->x_format == MC_VALUE_DAY ? MC_VALUE_NUMBER : self->x_format;
}

char *
mc_chart_describe (McChart *self)
{
  static const char *kinds[] = {
    N_("Line chart"), N_("Area chart"), N_("Bar chart"), N_("Histogram"), N_("Box plot"), N_("Heat map"),
    N_("Scatter plot"), N_("Key figure"), N_("Tree map"), N_("Funnel"),
  };
  double low, high;
  GString *text = g_string_new (_(kinds[self->kind]));

  g_return_val_if_fail (MC_IS_CHART (self), NULL);

  if (self->title != NULL)
    g_string_append_printf (text, _(" of %s"), self->title);
  g_string_append (text, ".");
  if (self->kind == MC_CHART_KPI && self->kpi_value != NULL)
    g_string_append_printf (text, " %s.", self->kpi_value);
  if (self->series->len > 0 && self->kind != MC_CHART_HISTOGRAM && mc_chart_value_range (self, &low, &high))
    {
      g_autofree char *from = mc_format_value (low, self->y_format, 0.01, FALSE);
      g_autofree char *to = mc_format_value (high, self->y_format, 0.01, FALSE);

      g_string_append_printf (text, _(" %u series; values from %s to %s."), self->series->len, from, to);
    }
  if (self->categories->len > 0)
    g_string_append_printf (text, _(" %u categories, from %s to %s."), self->categories->len,
                            (char *) g_ptr_array_index (self->categories, 0),
                            (char *) g_ptr_array_index (self->categories, self->categories->len - 1));
  return g_string_free (text, FALSE);
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

static gboolean
is_data_mark (const McChartMark *mark)
{
  return mark->row != MC_CHART_LEGEND_ROW;
}

guint
mc_chart_get_n_marks (McChart *self)
{
  guint n = 0;

  g_return_val_if_fail (MC_IS_CHART (self), 0);

  for (guint m = 0; m < self->marks->len; m++)
    n += is_data_mark (&g_array_index (self->marks, McChartMark, m));
  return n;
}

gboolean
mc_chart_get_mark (McChart *self,
                   guint    index,
                   double  *x,
                   double  *y,
                   double  *width,
                   double  *height)
{
  g_return_val_if_fail (MC_IS_CHART (self), FALSE);

  for (guint m = 0; m < self->marks->len; m++)
    {
      McChartMark *mark = &g_array_index (self->marks, McChartMark, m);

      if (!is_data_mark (mark) || index-- > 0)
        continue;
      *x = mark->x, *y = mark->y, *width = mark->width, *height = mark->height;
      return TRUE;
    }
  return FALSE;
}

double
mc_chart_get_preferred_height (McChart *self,
                               double   minimum)
{
  guint rows = 0;

  g_return_val_if_fail (MC_IS_CHART (self), minimum);

  if (self->kind == MC_CHART_HEATMAP && self->row_labels != NULL)
    rows = self->row_labels->len;
  else if (self->horizontal && (self->kind == MC_CHART_BAR || self->kind == MC_CHART_BOX))
    rows = self->categories->len;
  /* Rows of 7-point labels, and room for titles, legend and the turned
   * labels of the axis below. */
  return MAX (minimum, MIN (rows * 13.0 + 210, 480));
}

/**
 * mc_chart_render:
 *
 * Draws the chart over WIDTH × HEIGHT points of CR, and remembers where
 * each mark went, for mc_chart_hit_test().
 */
void
mc_chart_render (McChart *self,
                 cairo_t *cr,
                 double   width,
                 double   height)
{
  g_return_if_fail (MC_IS_CHART (self));

  cairo_save (cr);
  /* The background is painted: keep it inside the chart's own box, so
   * charts can share a page. */
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  mc_chart_draw_frame (self, cr, width, height);
  cairo_restore (cr);
}
