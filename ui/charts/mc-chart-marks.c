/* mc-chart-marks.c: what each kind of chart draws inside its axes, or
 * instead of them
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-chart"

#include "config.h"

#include <math.h>
#include <string.h>

#include "mc-chart-draw.h"
#include "mc-value-parse.h"

#define HISTOGRAM_BINS 24

gboolean
mc_chart_has_axes (McChart *self)
{
  return self->kind != MC_CHART_KPI && self->kind != MC_CHART_TREEMAP && self->kind != MC_CHART_FUNNEL;
}

static McChartSeries *
series_at (McChart *self,
           guint    s)
{
  return g_ptr_array_index (self->series, s);
}

static double
bar_value (McChart *self,
           guint    s,
           guint    i)
{
  McChartSeries *series = series_at (self, s);

  return i < series->n && !series->hidden && isfinite (series->y[i]) ? series->y[i] : 0;
}

/* Bars: where the bar of series S at category I starts and ends, side
 * by side, stacked (positives up, negatives down) or as a share of the
 * category's total. */
static void
bar_extent (McChart *self,
            guint    s,
            guint    i,
            double  *from,
            double  *to)
{
  double value = bar_value (self, s, i), above = 0, below = 0, total = 0;

  if (self->bar_mode == MC_BARS_GROUPED)
    {
      *from = 0;
      *to = value;
      return;
    }
  for (guint t = 0; t < self->series->len; t++)
    {
      double other = bar_value (self, t, i);

      total += fabs (other);
      if (t < s && other >= 0)
        above += other;
      else if (t < s)
        below += other;
    }
  *from = value >= 0 ? above : below;
  *to = *from + value;
  if (self->bar_mode == MC_BARS_PERCENT && total > 0)
    {
      *from /= total;
      *to /= total;
    }
}

static void
bar_range (McChart *self,
           double  *low,
           double  *high)
{
  *low = 0;
  *high = self->bar_mode == MC_BARS_PERCENT ? 1 : 0;
  for (guint i = 0; i < self->categories->len; i++)
    for (guint s = 0; s < self->series->len; s++)
      {
        double from, to;

        if (series_at (self, s)->hidden)
          continue;
        bar_extent (self, s, i, &from, &to);
        *low = MIN (*low, MIN (from, to));
        *high = MAX (*high, MAX (from, to));
      }
}

/* Histogram bins: round edges over the first series' values. */
typedef struct
{
  double  start;
  double  width;
  guint   n;
  double *counts;    /* n per visible series, series after series */
} Bins;

static void
bins_init (McChart *self,
           Bins    *bins)
{
  double low = INFINITY, high = -INFINITY;
  McTicks ticks;

  memset (bins, 0, sizeof *bins);
  for (guint s = 0; s < self->series->len; s++)
    for (gsize i = 0; i < series_at (self, s)->n; i++)
      if (isfinite (series_at (self, s)->y[i]))
        {
          low = MIN (low, series_at (self, s)->y[i]);
          high = MAX (high, series_at (self, s)->y[i]);
        }
  if (low > high)
    return;
  if (isfinite (self->bin_low) && isfinite (self->bin_high) && self->bin_low < self->bin_high)
    {
      low = MAX (low, self->bin_low);
      high = MIN (high, self->bin_high);
    }
  mc_ticks_init_numeric (&ticks, low, high, HISTOGRAM_BINS, FALSE);
  bins->start = ticks.min;
  bins->width = ticks.step;
  bins->n = MAX (ticks.n_ticks - 1, 1);
  if (ticks.ticks[ticks.n_ticks - 1] <= high)
    bins->n++;
  mc_ticks_clear (&ticks);
  bins->counts = g_new0 (double, bins->n * MAX (self->series->len, 1));
  for (guint s = 0; s < self->series->len; s++)
    for (gsize i = 0; i < series_at (self, s)->n; i++)
      {
        double v = series_at (self, s)->y[i];

        if (isfinite (v))
          bins->counts[s * bins->n + (guint) CLAMP (floor ((v - bins->start) / bins->width), 0, bins->n - 1)]++;
      }
}

static void
x_range (McChart *self,
         double  *low,
         double  *high)
{
  *low = INFINITY;
  *high = -INFINITY;
  for (guint s = 0; s < self->series->len; s++)
    if (!series_at (self, s)->hidden)
      {
        *low = MIN (*low, series_at (self, s)->x_low);
        *high = MAX (*high, series_at (self, s)->x_high);
      }
  if (*low > *high)
    *low = 0, *high = 1;
}

static gboolean
single_x (McChart *self)
{
  double low, high;

  x_range (self, &low, &high);
  return self->kind != MC_CHART_SCATTER && high - low < 1e-9;
}

static void
categories_axis (McChart *self,
                 McAxis  *axis,
                 GPtrArray *labels)
{
  axis->categorical = TRUE;
  axis->labels = labels;
}

static void
value_axis (McAxis        *axis,
            double         low,
            double         high,
            McValueFormat  format,
            gboolean       zero_based)
{
  axis->format = format;
  mc_ticks_init_numeric (&axis->ticks, low, high, 6, zero_based);
}

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

void
mc_chart_plan_axes (McChart *self,
                    McPlot  *plot)
{
  McAxis *values = self->horizontal ? &plot->x : &plot->y;
  McAxis *across = self->horizontal ? &plot->y : &plot->x;
  double low, high;

  switch (self->kind)
    {
    case MC_CHART_BAR:
      categories_axis (self, across, self->categories);
      bar_range (self, &low, &high);
      value_axis (values, low, high, self->bar_mode == MC_BARS_PERCENT ? MC_VALUE_PERCENT : self->y_format, TRUE);
      break;
    case MC_CHART_BOX:
      categories_axis (self, across, self->categories);
      box_range (self, &low, &high);
      value_axis (values, low, high, self->y_format, FALSE);
      break;
    case MC_CHART_HEATMAP:
      categories_axis (self, &plot->x, self->categories);
      categories_axis (self, &plot->y, self->row_labels);
      break;
    case MC_CHART_HISTOGRAM:
      {
        Bins bins;

        bins_init (self, &bins);
        low = 0;
        high = 1;
        for (guint i = 0; i < bins.n * self->series->len; i++)
          high = MAX (high, bins.counts[i]);
        value_axis (&plot->y, low, high, MC_VALUE_COUNT, TRUE);
        value_axis (&plot->x, bins.start, bins.start + bins.n * bins.width, self->x_format, FALSE);
        g_free (bins.counts);
      }
      break;
    case MC_CHART_LINE:
    case MC_CHART_AREA:
    case MC_CHART_SCATTER:
    case MC_CHART_KPI:
    case MC_CHART_TREEMAP:
    case MC_CHART_FUNNEL:
    default:
      if (!mc_chart_value_range (self, &low, &high))
        low = 0, high = 1;
      /* A lone point is measured from zero, like a bar. */
      value_axis (&plot->y, low, high, self->y_format, self->kind == MC_CHART_AREA || single_x (self));
      x_range (self, &low, &high);
      /* One x (a single month): room on both sides, to draw it in the
       * middle rather than divide by a zero span. */
      if (high - low < 1e-9)
        {
          double pad = self->x_format == MC_VALUE_DAY ? 15 : MAX (fabs (low) * 0.5, 0.5);

          low -= pad;
          high += pad;
        }
      if (isfinite (self->view_low) && isfinite (self->view_high) && self->view_low < self->view_high)
        low = self->view_low, high = self->view_high;
      plot->x.format = self->x_format;
      plot->x.ticks.min = low;
      plot->x.ticks.max = high;
      if (self->x_format != MC_VALUE_DAY && self->kind == MC_CHART_SCATTER)
        mc_ticks_init_numeric (&plot->x.ticks, low, high, 6, FALSE);
      break;
    }
}

/* Bars */

static void
draw_bars (McChart      *self,
           cairo_t      *cr,
           const McPlot *plot)
{
  const McAxis *across = self->horizontal ? &plot->y : &plot->x;
  double band = mc_axis_band (across, self->horizontal ? plot->area.height : plot->area.width);
  guint visible = 0, slot;

  for (guint s = 0; s < self->series->len; s++)
    visible += !series_at (self, s)->hidden;
  for (guint i = 0; i < self->categories->len; i++)
    {
      slot = 0;
      for (guint s = 0; s < self->series->len; s++)
        {
          double from, to, thick, offset, a, b, x, y, w, h;

          if (series_at (self, s)->hidden)
            continue;
          bar_extent (self, s, i, &from, &to);
          thick = band * 0.78 / (self->bar_mode == MC_BARS_GROUPED ? MAX (visible, 1) : 1);
          offset = -band * 0.39 + (self->bar_mode == MC_BARS_GROUPED ? slot++ * thick : 0);
          if (self->horizontal)
            {
              a = mc_plot_x (plot, from), b = mc_plot_x (plot, to);
              x = MIN (a, b), w = fabs (b - a);
              y = mc_plot_y (plot, i) + offset, h = thick;
            }
          else
            {
              a = mc_plot_y (plot, from), b = mc_plot_y (plot, to);
              y = MIN (a, b), h = fabs (b - a);
              x = mc_plot_x (plot, i) + offset, w = thick;
            }
          {
            double alpha;
            McRgb colour = mc_chart_mark_colour (self, s, i, &alpha);

            mc_chart_set_source (cr, colour, alpha);
          }
          cairo_rectangle (cr, x, y, w, h);
          cairo_fill (cr);
          mc_chart_add_mark (self, x, y, w, MAX (h, 1), s, i, -1);
        }
    }
}

/* Lines and areas */

static void
trace_series (cairo_t             *cr,
              const McPlot        *plot,
              const McChartSeries *series,
              const double        *y)
{
  gboolean pen_down = FALSE;

  for (gsize i = 0; i < series->n; i++)
    {
      double x = series->x != NULL ? series->x[i] : i;

      if (!isfinite (y[i]))
        {
          pen_down = FALSE;
          continue;
        }
      if (pen_down)
        cairo_line_to (cr, mc_plot_x (plot, x), mc_plot_y (plot, y[i]));
      else
        cairo_move_to (cr, mc_plot_x (plot, x), mc_plot_y (plot, y[i]));
      pen_down = TRUE;
    }
}

/* Strokes a series in pieces of a dozen segments: cairo rasterises one
 * long self-crossing polyline several times slower than the pieces
 * (30 ms against 8 for two years of days), and round joins and caps
 * hide the seams. A dash pattern carries on across pieces. */
#define STROKE_PIECE 12

static void
stroke_series (cairo_t             *cr,
               const McPlot        *plot,
               const McChartSeries *series,
               const double        *y,
               const double        *dashes,
               int                  n_dashes)
{
  double length = 0, last_x = 0, last_y = 0;
  gsize drawn = 0;

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (gsize i = 0; i < series->n; i++)
    {
      double x = mc_plot_x (plot, series->x != NULL ? series->x[i] : i), py;

      if (!isfinite (y[i]))
        {
          cairo_stroke (cr);
          drawn = 0;
          continue;
        }
      py = mc_plot_y (plot, y[i]);
      if (drawn == 0)
        cairo_move_to (cr, x, py);
      else
        {
          cairo_line_to (cr, x, py);
          length += hypot (x - last_x, py - last_y);
        }
      last_x = x, last_y = py;
      if (++drawn % STROKE_PIECE == 0)
        {
          cairo_stroke (cr);
          cairo_set_dash (cr, dashes, n_dashes, -length);
          cairo_move_to (cr, x, py);
        }
    }
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

static double *
moving_average (const McChartSeries *series,
                guint                window)
{
  double *mean = g_new (double, MAX (series->n, 1));
  double sum = 0;
  guint count = 0;

  for (gsize i = 0; i < series->n; i++)
    {
      sum += isfinite (series->y[i]) ? series->y[i] : 0;
      count += isfinite (series->y[i]);
      if (i >= window)
        {
          sum -= isfinite (series->y[i - window]) ? series->y[i - window] : 0;
          count -= isfinite (series->y[i - window]);
        }
      mean[i] = i + 1 >= window && count > 0 ? sum / count : NAN;
    }
  return mean;
}

/* The date of a lone point, for its label: "Mar 2020" for a month. */
static char *
lone_point_x (McChart *self,
              double   x)
{
  int year, month, day;

  if (self->x_format != MC_VALUE_DAY)
    return NULL;
  mc_civil_from_days ((gint32) floor (x), &year, &month, &day);
  return mc_format_day (x, day == 1 ? MC_DATE_STEP_MONTH : MC_DATE_STEP_DAY);
}

static void
draw_lines (McChart      *self,
            cairo_t      *cr,
            const McPlot *plot)
{
  for (guint s = 0; s < self->series->len; s++)
    {
      McChartSeries *series = series_at (self, s);
      double alpha;
      McRgb colour = mc_chart_mark_colour (self, s, -1, &alpha);

      if (series->hidden)
        continue;
      if (self->kind == MC_CHART_AREA && series->n > 0)
        {
          trace_series (cr, plot, series, series->y);
          cairo_line_to (cr, mc_plot_x (plot, series->x != NULL ? series->x[series->n - 1] : series->n - 1), mc_plot_y (plot, 0));
          cairo_line_to (cr, mc_plot_x (plot, series->x != NULL ? series->x[0] : 0), mc_plot_y (plot, 0));
          cairo_close_path (cr);
          mc_chart_set_source (cr, colour, 0.25);
          cairo_fill (cr);
        }
      mc_chart_set_source (cr, colour, 1);
      cairo_set_line_width (cr, 2);
      stroke_series (cr, plot, series, series->y, NULL, 0);
      if (self->moving_average > 1)
        {
          g_autofree double *mean = moving_average (series, self->moving_average);
          const double dashes[] = { 5, 3 };

          /* In the series' own colour, lighter: several averages must
           * be told apart. */
          mc_chart_set_source (cr, colour, 0.6);
          cairo_set_line_width (cr, 1.5);
          cairo_set_dash (cr, dashes, 2, 0);
          stroke_series (cr, plot, series, mean, dashes, 2);
        }
      for (gsize i = 0; i < series->n; i++)
        {
          double x = mc_plot_x (plot, series->x != NULL ? series->x[i] : i);

          /* A point without a neighbour draws no line: a dot, with its
           * value when it is all there is (one month of data). */
          if (isfinite (series->y[i]) && (i == 0 || !isfinite (series->y[i - 1]))
              && (i + 1 >= series->n || !isfinite (series->y[i + 1])))
            {
              double y = mc_plot_y (plot, series->y[i]);

              mc_chart_set_source (cr, colour, 1);
              cairo_arc (cr, x, y, 4, 0, 2 * G_PI);
              cairo_fill (cr);
              if (series->n == 1)
                {
                  g_autofree char *value = mc_format_value (series->y[i], self->y_format, mc_significant_step (series->y[i]), TRUE);
                  g_autofree char *when = lone_point_x (self, series->x != NULL ? series->x[i] : i);
                  g_autofree char *text = when != NULL ? g_strdup_printf ("%s: %s", when, value) : g_strdup (value);

                  mc_chart_draw_text (self, cr, text, x + 7, y - 3, MC_CHART_TEXT_SIZE, 0, 1, 0.85);
                }
            }
          /* Points zoomed out of view are not there to hover. */
          if (isfinite (series->y[i]) && x >= plot->area.x - 0.5 && x <= plot->area.x + plot->area.width + 0.5)
            mc_chart_add_mark (self, x - 4, mc_plot_y (plot, series->y[i]) - 4, 8, 8, s, i, -1);
        }
    }
}

/* Histograms and boxes */

static void
draw_histogram (McChart      *self,
                cairo_t      *cr,
                const McPlot *plot)
{
  Bins bins;
  double low = INFINITY, high = -INFINITY;

  bins_init (self, &bins);
  /* Kept for tooltips: a bar gives its range and count. */
  for (guint s = 0; s < self->series->len; s++)
    low = MIN (low, series_at (self, s)->y_low), high = MAX (high, series_at (self, s)->y_high);
  self->bin_start = bins.start;
  self->bin_width = bins.width;
  self->n_bins = bins.n;
  self->bins_below = low < bins.start;
  self->bins_above = high >= bins.start + bins.n * bins.width;
  g_free (self->bin_counts);
  self->bin_counts = g_memdup2 (bins.counts, MAX (bins.n * self->series->len, 1) * sizeof (double));
  for (guint s = 0; s < self->series->len; s++)
    for (guint b = 0; !series_at (self, s)->hidden && b < bins.n; b++)
      {
        double x0 = mc_plot_x (plot, bins.start + b * bins.width), x1 = mc_plot_x (plot, bins.start + (b + 1) * bins.width);
        double y0 = mc_plot_y (plot, 0), y1 = mc_plot_y (plot, bins.counts[s * bins.n + b]);

        mc_chart_set_source (cr, mc_chart_palette (s), self->series->len > 1 ? 0.55 : 1);
        cairo_rectangle (cr, x0 + 0.5, y1, MAX (x1 - x0 - 1, 0.5), y0 - y1);
        cairo_fill (cr);
        mc_chart_add_mark (self, x0, y1, x1 - x0, MAX (y0 - y1, 1), s, b, -1);
      }
  g_free (bins.counts);
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
draw_boxes (McChart      *self,
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

/* Heat maps */

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
draw_heatmap (McChart      *self,
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

/* Scatters */

static McRgb
point_colour (const McChartSeries *series,
              guint                s,
              gsize                i)
{
  McRgb rgb;

  if (series->groups == NULL)
    return mc_chart_palette (s);
  /* Groups are segments (clusters): their colour on every page. */
  mc_chart_segment_colour (series->groups[i], &rgb.red, &rgb.green, &rgb.blue);
  return rgb;
}

static gsize
count_points (McChart *self)
{
  gsize n = 0;

  for (guint s = 0; s < self->series->len; s++)
    n += series_at (self, s)->hidden ? 0 : series_at (self, s)->n;
  return n;
}

/* Per device pixel of the plot: the sums of its points' colours and
 * their count. Kept by the chart between draws: a redraw only clears it. */
static float *
density_cells (McChart *self,
               gsize    n_cells)
{
  if (self->density_size != n_cells)
    {
      g_free (self->density);
      self->density = g_new (float, 4 * n_cells);
      self->density_size = n_cells;
    }
  memset (self->density, 0, 4 * n_cells * sizeof (float));
  return self->density;
}

/* Rows of cells binned together: 16 rows of a wide plot are a few
 * hundred kilobytes, which stay in the processor's cache. */
#define BAND_ROWS 16

/* Bins the points into CELLS. Adding points in their own order would
 * touch megabytes of cells at random, one cache miss each (four fifths
 * of the time); so each point's cell and colour are first packed into a
 * key (cell << 3 | colour), the keys bucketed by band of rows, and each
 * band then added up within the cache. Returns the largest count. */
static float
accumulate_points (McChart      *self,
                   const McPlot *plot,
                   float        *cells,
                   int           width,
                   int           height)
{
  double kx = width / (plot->x.ticks.max - plot->x.ticks.min), ky = height / (plot->y.ticks.max - plot->y.ticks.min);
  guint n_bands = (height + BAND_ROWS - 1) / BAND_ROWS;
  guint32 band_cells = (guint32) width * BAND_ROWS;
  g_autofree gsize *offsets = g_new0 (gsize, n_bands + 1);
  gsize n_points = MAX (count_points (self), 1);
  guint32 *keys, *sorted;
  gsize n_keys = 0;
  float colours[8][3], most = 1;

  /* Both key arrays stay with the chart, for the next draw. */
  if (self->density_keys_size < n_points)
    {
      g_free (self->density_keys);
      self->density_keys = g_new (guint32, 2 * n_points);
      self->density_keys_size = n_points;
    }
  keys = self->density_keys;
  sorted = self->density_keys + n_points;
  for (guint c = 0; c < 8; c++)
    {
      McRgb rgb;

      mc_chart_segment_colour (c, &rgb.red, &rgb.green, &rgb.blue);

      colours[c][0] = rgb.red, colours[c][1] = rgb.green, colours[c][2] = rgb.blue;
    }
  for (guint s = 0; s < self->series->len; s++)
    {
      McChartSeries *series = series_at (self, s);

      for (gsize i = 0; !series->hidden && series->x != NULL && i < series->n; i++)
        {
          double fx = (series->x[i] - plot->x.ticks.min) * kx, fy = (plot->y.ticks.max - series->y[i]) * ky;
          guint32 key;

          if (!(fx >= 0 && fy >= 0 && fx < width && fy < height))
            continue;
          key = (guint32) ((gsize) fy * width + (gsize) fx) << 3 | ((series->groups != NULL ? series->groups[i] : s) % 8);
          keys[n_keys++] = key;
          offsets[(gsize) fy / BAND_ROWS + 1]++;
        }
    }
  for (guint b = 0; b < n_bands; b++)
    offsets[b + 1] += offsets[b];
  for (gsize k = 0; k < n_keys; k++)
    sorted[offsets[(keys[k] >> 3) / band_cells]++] = keys[k];
  for (gsize k = 0; k < n_keys; k++)
    {
      float *cell = cells + 4 * (gsize) (sorted[k] >> 3);
      const float *colour = colours[sorted[k] & 7];

      cell[0] += colour[0], cell[1] += colour[1], cell[2] += colour[2], cell[3] += 1;
      most = MAX (most, cell[3]);
    }
  return most;
}

#define DENSITY_TABLE 1024

/* Many points: counts per device pixel, drawn as one image whose
 * opacity grows with the logarithm of the count and whose colour is the
 * points' mean. */
static void
draw_density (McChart      *self,
              cairo_t      *cr,
              const McPlot *plot)
{
  double sx = plot->area.width, sy = plot->area.height;
  int width, height, stride;
  float *cells, most, scale, alphas[DENSITY_TABLE];
  cairo_surface_t *image;
  guint8 *pixels;

  cairo_user_to_device_distance (cr, &sx, &sy);
  width = MAX ((int) ceil (fabs (sx)), 1);
  height = MAX ((int) ceil (fabs (sy)), 1);
  cells = density_cells (self, (gsize) width * height);
  most = accumulate_points (self, plot, cells, width, height);
  scale = 0.75f / logf (1 + most);
  /* Counts are whole numbers: look the opacity of small ones up. */
  for (int count = 0; count < DENSITY_TABLE; count++)
    alphas[count] = 0.25f + scale * logf (1 + count);
  /* Kept between draws too: a fresh image is a fresh page fault per
   * 4 kB. */
  if (self->density_image == NULL || cairo_image_surface_get_width (self->density_image) != width
      || cairo_image_surface_get_height (self->density_image) != height)
    {
      g_clear_pointer (&self->density_image, cairo_surface_destroy);
      self->density_image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
    }
  image = self->density_image;
  cairo_surface_flush (image);
  pixels = cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image);
  for (int y = 0; y < height; y++)
    {
      guint32 *row = (guint32 *) (pixels + y * stride);
      const float *cell = cells + 4 * (gsize) y * width;

      for (int x = 0; x < width; x++, cell += 4)
        {
          float alpha, ink;

          if (cell[3] == 0)
            {
              row[x] = 0;
              continue;
            }
          alpha = cell[3] < DENSITY_TABLE ? alphas[(int) cell[3]] : 0.25f + scale * logf (1 + cell[3]);
          ink = alpha * 255 / cell[3];
          /* Premultiplied ARGB */
          row[x] = ((guint32) (alpha * 255) << 24) | ((guint32) (ink * cell[0]) << 16) | ((guint32) (ink * cell[1]) << 8)
                   | (guint32) (ink * cell[2]);
        }
    }
  cairo_surface_mark_dirty (image);
  cairo_save (cr);
  cairo_translate (cr, plot->area.x, plot->area.y);
  cairo_scale (cr, plot->area.width / width, plot->area.height / height);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
}

static void
draw_scatter (McChart      *self,
              cairo_t      *cr,
              const McPlot *plot)
{
  if (count_points (self) > MC_CHART_DENSITY_POINTS)
    {
      draw_density (self, cr, plot);
      return;
    }
  for (guint s = 0; s < self->series->len; s++)
    {
      McChartSeries *series = series_at (self, s);

      for (gsize i = 0; !series->hidden && series->x != NULL && i < series->n; i++)
        {
          double x = mc_plot_x (plot, series->x[i]), y = mc_plot_y (plot, series->y[i]);

          mc_chart_set_source (cr, point_colour (series, s, i), 0.6);
          cairo_arc (cr, x, y, 2.6, 0, 2 * G_PI);
          cairo_fill (cr);
          mc_chart_add_mark (self, x - 3, y - 3, 6, 6, s, i, -1);
        }
    }
}

void
mc_chart_draw_marks (McChart *self,
                     cairo_t *cr,
                     McPlot  *plot)
{
  switch (self->kind)
    {
    case MC_CHART_BAR:
      draw_bars (self, cr, plot);
      break;
    case MC_CHART_HISTOGRAM:
      draw_histogram (self, cr, plot);
      break;
    case MC_CHART_BOX:
      draw_boxes (self, cr, plot);
      break;
    case MC_CHART_HEATMAP:
      draw_heatmap (self, cr, plot);
      break;
    case MC_CHART_SCATTER:
      draw_scatter (self, cr, plot);
      break;
    case MC_CHART_LINE:
    case MC_CHART_AREA:
    case MC_CHART_KPI:
    case MC_CHART_TREEMAP:
    case MC_CHART_FUNNEL:
    default:
      draw_lines (self, cr, plot);
      break;
    }
}
