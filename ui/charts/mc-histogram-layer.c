/* mc-histogram-layer.c: raw values binned by the chart, a bar per bin
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mc-chart-layer.h"

#define HISTOGRAM_BINS 24

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
    for (gsize i = 0; i < mc_chart_series_at (self, s)->n; i++)
      if (isfinite (mc_chart_series_at (self, s)->y[i]))
        {
          low = MIN (low, mc_chart_series_at (self, s)->y[i]);
          high = MAX (high, mc_chart_series_at (self, s)->y[i]);
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
    for (gsize i = 0; i < mc_chart_series_at (self, s)->n; i++)
      {
        double v = mc_chart_series_at (self, s)->y[i];

        if (isfinite (v))
          bins->counts[s * bins->n + (guint) CLAMP (floor ((v - bins->start) / bins->width), 0, bins->n - 1)]++;
      }
}

static void
plan_axes (McChart *self,
           McPlot  *plot)
{
  Bins bins;
  double high = 1;

  bins_init (self, &bins);
  for (guint i = 0; i < bins.n * self->series->len; i++)
    high = MAX (high, bins.counts[i]);
  mc_axis_set_values (&plot->y, 0, high, MC_VALUE_COUNT, TRUE);
  mc_axis_set_values (&plot->x, bins.start, bins.start + bins.n * bins.width, self->x_format, FALSE);
  g_free (bins.counts);
}

static void
draw (McChart      *self,
      cairo_t      *cr,
      const McPlot *plot)
{
  Bins bins;
  double low = INFINITY, high = -INFINITY;

  bins_init (self, &bins);
  /* Kept for tooltips: a bar gives its range and count. */
  for (guint s = 0; s < self->series->len; s++)
    low = MIN (low, mc_chart_series_at (self, s)->y_low), high = MAX (high, mc_chart_series_at (self, s)->y_high);
  self->bin_start = bins.start;
  self->bin_width = bins.width;
  self->n_bins = bins.n;
  self->bins_below = low < bins.start;
  self->bins_above = high >= bins.start + bins.n * bins.width;
  g_free (self->bin_counts);
  self->bin_counts = g_memdup2 (bins.counts, MAX (bins.n * self->series->len, 1) * sizeof (double));
  for (guint s = 0; s < self->series->len; s++)
    for (guint b = 0; !mc_chart_series_at (self, s)->hidden && b < bins.n; b++)
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

/* A histogram bar: its range and count, "20,000–25,000: 19,230 sales";
 * the end bars say they hold the far outliers too. */
static char *
describe_hit (McChart          *self,
              const McChartHit *hit)
{
  double from = self->bin_start + hit->index * self->bin_width, to = from + self->bin_width;
  g_autofree char *low = mc_format_value (from, self->x_format, self->bin_width, FALSE);
  g_autofree char *high = mc_format_value (to, self->x_format, self->bin_width, FALSE);
  g_autofree char *count = mc_chart_with_unit (self, mc_format_grouped (hit->y, 0));
  g_autofree char *range = NULL;

  if (hit->index == 0 && self->bins_below)
    range = g_strdup_printf (_("up to %s"), high);
  else if ((guint) hit->index + 1 == self->n_bins && self->bins_above)
    range = g_strdup_printf (_("%s and over"), low);
  else
    range = g_strdup_printf ("%s–%s", low, high);
  if (self->series->len > 1 && mc_chart_get_series_name (self, hit->series) != NULL)
    return g_strdup_printf ("%s · %s: %s", range, mc_chart_get_series_name (self, hit->series), count);
  return g_strdup_printf ("%s: %s", range, count);
}

/* A bar's datum: its bin's middle and count. */
static double
mark_value (McChart           *self,
            const McChartMark *mark,
            double            *x)
{
  *x = self->bin_start + (mark->index + 0.5) * self->bin_width;
  return self->bin_counts != NULL && (guint) mark->index < self->n_bins
           ? self->bin_counts[mark->series * self->n_bins + mark->index] : NAN;
}

const McChartLayer mc_histogram_layer = {
  .kind = MC_CHART_HISTOGRAM,
  .name = N_("Histogram"),
  .samples = TRUE,
  .plan_axes = plan_axes,
  .draw = draw,
  .draw_key = mc_chart_draw_series_key,
  .mark_value = mark_value,
  .describe_hit = describe_hit,
};
