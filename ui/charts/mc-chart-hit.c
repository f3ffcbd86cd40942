/* mc-chart-hit.c: what is under a point of the last render, in words
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-chart"

#include "config.h"

#include <math.h>
#include <string.h>

#include "mc-chart-layer.h"
#include "mc-value-parse.h"

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

/* A value as a tooltip gives it: counts whole, shares to a tenth of a
 * percent below 10 %, other numbers without trailing zeros. */
char *
mc_chart_hover_value (double        value,
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
char *
mc_chart_with_unit (McChart *self,
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
 * of months (as the chart's point period says, else every point on the
 * 1st), else "14 Sep 2023". */
char *
mc_chart_point_day (McChart *self,
                    int      series,
                    double   day)
{
  McChartSeries *target = series >= 0 && (guint) series < self->series->len ? g_ptr_array_index (self->series, series) : NULL;
  gboolean months = self->point_period >= 0 ? self->point_period == MC_DATE_STEP_MONTH : target != NULL && target->x != NULL;
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc ((gint64) floor (day) * 86400);
  g_autofree char *month = NULL;

  for (gsize i = 0; self->point_period < 0 && months && i < target->n; i++)
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

/* The count behind a share, or NULL. */
static char *
share_count (McChart          *self,
             const McChartHit *hit)
{
  McChartSeries *series = hit->series >= 0 && (guint) hit->series < self->series->len
                            ? mc_chart_series_at (self, hit->series) : NULL;

  if (series == NULL || series->counts == NULL || hit->index < 0 || (gsize) hit->index >= series->n)
    return NULL;
  return mc_chart_with_unit (self, mc_format_grouped (series->counts[hit->index], 0));
}

char *
mc_chart_describe_at (McChart          *self,
                      const McChartHit *hit,
                      const char       *value)
{
  g_autofree char *own = NULL;
  g_autofree char *x = NULL;
  g_autofree char *count = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *where = NULL;

  if (value == NULL && (count = share_count (self, hit)) != NULL)
    {
      g_autofree char *percent = mc_chart_hover_value (hit->y, MC_VALUE_PERCENT);

      value = own = g_strdup_printf ("%s (%s)", percent, count);
    }
  else if (value == NULL)
    value = own = mc_chart_hover_value (hit->y, self->y_format);
  if (hit->row >= 0 && self->row_labels != NULL)
    g_ptr_array_add (parts, g_ptr_array_index (self->row_labels, hit->row));
  if (self->layer->over_x)
    g_ptr_array_add (parts, x = self->x_format == MC_VALUE_DAY ? mc_chart_point_day (self, hit->series, hit->x)
                                                               : mc_chart_hover_value (hit->x, self->x_format));
  else if (mc_chart_get_category (self, hit->index) != NULL)
    g_ptr_array_add (parts, (char *) mc_chart_get_category (self, hit->index));
  if (mc_chart_get_series_name (self, hit->series) != NULL && self->series->len > 1)
    g_ptr_array_add (parts, (char *) mc_chart_get_series_name (self, hit->series));
  g_ptr_array_add (parts, NULL);
  where = g_strjoinv (" · ", (char **) parts->pdata);
  return g_strdup_printf ("%s: %s", where, value);
}

/* "Website · May 2023: 12,345.00", or as the kind says. */
static char *
describe_hit (McChart          *self,
              const McChartHit *hit)
{
  if (self->layer->describe_hit != NULL)
    return self->layer->describe_hit (self, hit);
  return mc_chart_describe_at (self, hit, NULL);
}

static double
mark_value (McChart           *self,
            const McChartMark *mark,
            double            *x)
{
  McChartSeries *series = mark->series >= 0 ? mc_chart_series_at (self, mark->series) : NULL;

  if (self->layer->mark_value != NULL)
    return self->layer->mark_value (self, mark, x);
  *x = series != NULL && series->x != NULL ? series->x[mark->index] : mark->index;
  return series != NULL ? series->y[mark->index] : NAN;
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
              *hit = (McChartHit) { mark->series, -1, -1, FALSE, 0, 0, g_strdup (mc_chart_get_series_name (self, mark->series)) };
              hit->legend = TRUE;
              return TRUE;
            }
          *hit = (McChartHit) { mark->series, mark->index, mark->row, FALSE, 0, 0, NULL };
          hit->y = mark_value (self, mark, &hit->x);
          hit->label = describe_hit (self, hit);
          return TRUE;
        }
    }
  /* Marks not kept (dense scatters): the layer finds the nearest. */
  if (self->layer->lookup_item != NULL && self->has_plot && self->layer->lookup_item (self, x, y, hit))
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
