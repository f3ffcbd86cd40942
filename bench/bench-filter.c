/* bench-filter.c: how fast a cross-filter answers, before and after
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loads a dataset, works out its analysis and charts as the app does on
 * opening, then times what the app's filter job does for each filter
 * kind (channel, product type, month, a combination): "before", a
 * dataset of the filtered rows analysed from scratch (its purchases
 * derived again, its visits read again); "after", the one analysis
 * filtered to a selection of the purchases' rows (mc_analysis_new());
 * and "tables", the Tables page's rows taking part, read from the
 * selection (mc_taking_part_new()). Prints "KIND before_ms after_ms
 * after_cpu_ms tables_ms tables_cpu_ms", the medians of RUNS; the
 * _cpu_ms are processor times on all threads, which a machine shared
 * with other jobs inflates less than the wall time.
 * Usage: bench-filter RUNS FILE...   (BENCH_NO_BEFORE=1: skip "before")
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "mc-analysis.h"
#include "mc-dataset-loader.h"
#include "mc-standard-charts.h"
#include "mc-taking-part.h"

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *ms,
        guint   n)
{
  qsort (ms, n, sizeof (double), compare_doubles);
  return ms[n / 2];
}

static double
time_before (McChartData *whole,
             GPtrArray   *conditions)
{
  gint64 started = g_get_monotonic_time ();
  g_autoptr(McDataset) filtered = mc_chart_data_filter (whole, conditions, NULL);
  g_autoptr(McChartData) charts = mc_chart_data_new (filtered);

  return (g_get_monotonic_time () - started) / 1000.0;
}

static double
cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &now);
  return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

static double
time_after (McDataset   *dataset,
            McChartData *whole,
            GPtrArray   *conditions,
            double      *cpu)
{
  gint64 started = g_get_monotonic_time ();
  double cpu_started = cpu_ms ();
  gsize n;
  g_autofree gsize *rows = mc_chart_data_select (whole, conditions, &n, NULL);
  g_autoptr(McAnalysis) analysis = mc_analysis_new (dataset, rows, n);
  g_autoptr(McChartData) charts = mc_chart_data_new_for (dataset, analysis);

  *cpu = cpu_ms () - cpu_started;
  return (g_get_monotonic_time () - started) / 1000.0;
}

static double
time_tables (McDataset   *dataset,
             McChartData *whole,
             GPtrArray   *conditions,
             double      *cpu)
{
  gint64 started = g_get_monotonic_time ();
  double cpu_started = cpu_ms ();
  gsize n;
  g_autofree gsize *rows = mc_chart_data_select (whole, conditions, &n, NULL);
  g_autoptr(McDataset) listed = mc_taking_part_new (dataset, rows, n);

  *cpu = cpu_ms () - cpu_started;
  return (g_get_monotonic_time () - started) / 1000.0;
}

static void
add (GPtrArray    *conditions,
     McRole        role,
     McTimeBucket  bucket,
     const char   *value)
{
  McChartCondition *condition = g_new0 (McChartCondition, 1);

  *condition = (McChartCondition) { role, bucket, g_strdup (value) };
  g_ptr_array_add (conditions, condition);
}

static void
condition_free (gpointer data)
{
  g_free (((McChartCondition *) data)->value);
  g_free (data);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McDataset) dataset = NULL;
  g_autoptr(McChartData) whole = NULL;
  guint runs = argc > 1 ? MAX (atoi (argv[1]), 1) : 5;
  const char *kinds[] = { "channel", "product-type", "month", "channel+type+month" };

  if (argc < 3)
    {
      g_printerr ("Usage: bench-filter RUNS FILE...\n");
      return 2;
    }
  dataset = mc_dataset_load ((const char * const *) argv + 2, NULL, NULL, NULL, &error);
  if (dataset == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  whole = mc_chart_data_new (dataset);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(GPtrArray) conditions = g_ptr_array_new_with_free_func (condition_free);
      g_autofree double *before = g_new (double, runs);
      g_autofree double *after = g_new (double, runs);
      g_autofree double *after_cpu = g_new (double, runs);
      g_autofree double *tables = g_new (double, runs);
      g_autofree double *tables_cpu = g_new (double, runs);

      if (k == 0 || k == 3)
        add (conditions, MC_ROLE_CHANNEL, MC_BUCKET_NONE, "Dealership");
      if (k == 1 || k == 3)
        add (conditions, MC_ROLE_CATEGORY, MC_BUCKET_NONE, "Electric");
      if (k == 2 || k == 3)
        add (conditions, MC_ROLE_EVENT_TIME, MC_BUCKET_MONTH, "2022-03");
      for (guint i = 0; i < runs; i++)
        {
          /* BENCH_NO_BEFORE=1: only what the app does now (for perf record). */
          before[i] = g_getenv ("BENCH_NO_BEFORE") == NULL ? time_before (whole, conditions) : NAN;
          after[i] = time_after (dataset, whole, conditions, &after_cpu[i]);
          tables[i] = time_tables (dataset, whole, conditions, &tables_cpu[i]);
        }
      printf ("%-20s %10.1f %10.1f %12.1f %10.1f %13.1f\n", kinds[k], median (before, runs), median (after, runs),
              median (after_cpu, runs), median (tables, runs), median (tables_cpu, runs));
    }
  return 0;
}
