/* bench-charts.c: how fast charts redraw at 1280 × 800
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A 1 M-point scatter (three clusters) and a two-year daily line with a
 * moving average, drawn again and again onto an image surface as a
 * window redraw would. Prints the best and median of RUNS draws in
 * milliseconds. Usage: bench-charts [POINTS] [RUNS]
 */
#include <stdio.h>
#include <stdlib.h>

#include "mc-chart.h"

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
time_redraws (const char *name,
              McChart    *chart,
              guint       runs)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1280, 800);
  g_autofree double *ms = g_new (double, runs);

  for (guint i = 0; i < runs; i++)
    {
      cairo_t *cr = cairo_create (surface);
      gint64 started = g_get_monotonic_time ();

      mc_chart_render (chart, cr, 1280, 800);
      cairo_surface_flush (surface);
      ms[i] = (g_get_monotonic_time () - started) / 1000.0;
      cairo_destroy (cr);
    }
  qsort (ms, runs, sizeof (double), compare_doubles);
  printf ("%-40s %8.1f %8.1f\n", name, ms[0], ms[runs / 2]);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  gsize n = argc > 1 ? g_ascii_strtoull (argv[1], NULL, 10) : 1000000;
  guint runs = argc > 2 ? MAX (atoi (argv[2]), 1) : 21;
  g_autofree double *x = g_new (double, n);
  g_autofree double *y = g_new (double, n);
  g_autofree guint32 *groups = g_new (guint32, n);
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  g_autoptr(McChart) scatter = mc_chart_new (MC_CHART_SCATTER);
  g_autoptr(McChart) line = mc_chart_new (MC_CHART_LINE);
  const char *names[] = { "Champions", "Loyal", "Lost" };
  double days[730], revenue[730];
  guint series;

  for (gsize i = 0; i < n; i++)
    {
      groups[i] = i % 3;
      x[i] = g_rand_double (rand) * 3 + groups[i] * 2;
      y[i] = g_rand_double (rand) * 2 + groups[i];
    }
  series = mc_chart_add_series (scatter, "customers", x, y, n);
  mc_chart_set_groups (scatter, series, groups, names, 3);
  mc_chart_set_title (scatter, "Segments", NULL);
  for (int d = 0; d < 730; d++)
    {
      days[d] = 19358 + d;
      revenue[d] = 50000 + g_rand_double_range (rand, -10000, 10000);
    }
  mc_chart_add_series (line, "Revenue", days, revenue, 730);
  mc_chart_set_formats (line, MC_VALUE_DAY, MC_VALUE_MONEY);
  mc_chart_set_moving_average (line, 28);
  mc_chart_set_title (line, "Daily revenue", NULL);

  printf ("1280 x 800, %u draws; milliseconds\n%-40s %8s %8s\n", runs, "chart", "best", "median");
  time_redraws ("scatter, 1,000,000 points (density)", scatter, runs);
  time_redraws ("line, 730 days, 28-day moving average", line, runs);
  return 0;
}
