/* bench-pg-metrics.c: the Overview's sales figures on the server against in memory
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-pg-metrics URI [RUNS]. Loads the database once, then
 * times the sales figures computed on its server (mc_metrics_sql_compute)
 * and in memory (mc_metrics_compute with push-down off), interleaved,
 * and prints the fastest and median run of each, the time of the visit
 * figures both compute in memory, and whether revenue and orders agree.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "mc-dataset.h"
#include "mc-dataset-loader.h"
#include "mc-metrics-sql.h"
#include "mc-stats.h"

static void
report (const char *what,
        double     *seconds,
        int         runs)
{
  mc_sort_doubles (seconds, runs);
  printf ("%-16s min %.3f s  median %.3f s\n", what, seconds[0], seconds[runs / 2]);
}

int
main (int    argc,
      char **argv)
{
  const char *paths[] = { argc > 1 ? argv[1] : NULL, NULL };
  int runs = argc > 2 ? atoi (argv[2]) : 3;
  g_autofree double *server = g_new (double, MAX (runs, 1));
  g_autofree double *memory = g_new (double, MAX (runs, 1));
  g_autofree double *visits = g_new (double, MAX (runs, 1));
  g_autoptr(McDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started;

  if (paths[0] == NULL || runs < 1)
    {
      fprintf (stderr, "usage: bench-pg-metrics URI [RUNS]\n");
      return 2;
    }
  started = g_get_monotonic_time ();
  if ((dataset = mc_dataset_load (paths, NULL, NULL, NULL, &error)) == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  printf ("loaded and inferred in %.1f s\n", (g_get_monotonic_time () - started) / 1e6);
  for (int r = 0; r < runs; r++)
    {
      g_autoptr(McMetrics) pushed = NULL;
      g_autoptr(McMetrics) in_memory = NULL;
      g_autofree McMetrics *visits_only = g_new0 (McMetrics, 1);
      g_autofree char *why = NULL;

      started = g_get_monotonic_time ();
      pushed = mc_metrics_sql_compute (dataset, NULL, &why);
      server[r] = (g_get_monotonic_time () - started) / 1e6;
      if (pushed == NULL)
        {
          fprintf (stderr, "not pushed down: %s\n", why != NULL ? why : "not a database");
          return 1;
        }
      mc_metrics_sql_set_enabled (dataset, FALSE);
      started = g_get_monotonic_time ();
      in_memory = mc_metrics_compute (dataset, NULL);
      memory[r] = (g_get_monotonic_time () - started) / 1e6;
      mc_metrics_sql_set_enabled (dataset, TRUE);
      /* Both include the visit figures, computed in memory by both. */
      started = g_get_monotonic_time ();
      mc_metrics_add_visits (visits_only, dataset);
      visits[r] = (g_get_monotonic_time () - started) / 1e6;
      g_clear_pointer (&visits_only->visits_by_month, g_array_unref);
      if (r == 0)
        printf ("revenue %.2f / %.2f, orders %zu / %zu (server / memory)\n", pushed->overall.revenue,
                in_memory->overall.revenue, pushed->overall.orders, in_memory->overall.orders);
    }
  report ("server", server, runs);
  report ("in memory", memory, runs);
  report ("of which visits", visits, runs);
  return 0;
}
