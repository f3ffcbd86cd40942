/* bench-load.c: load a dataset with Mercato and print time and memory
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints one line: "mercato <seconds> <peak RSS MB> <rows>". Run by
 * bench/run-load-bench.sh beside pandas and DuckDB.
 */
#include <stdio.h>
#include <sys/resource.h>

#include "mc-dataset.h"
#include "mc-dataset-loader.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McDataset) dataset = NULL;
  struct rusage usage;
  gint64 started;
  gsize rows = 0;

  if (argc < 2)
    {
      g_printerr ("Usage: bench-load PATH...\n");
      return 2;
    }
  started = g_get_monotonic_time ();
  dataset = mc_dataset_load ((const char * const *) argv + 1, NULL, NULL, NULL, &error);
  if (dataset == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  for (guint t = 0; t < mc_dataset_get_n_tables (dataset); t++)
    rows += mc_table_get_n_rows (mc_dataset_get_table (dataset, t));
  getrusage (RUSAGE_SELF, &usage);
  printf ("mercato %.3f %ld %" G_GSIZE_FORMAT "\n", (g_get_monotonic_time () - started) / 1e6,
          usage.ru_maxrss / 1024, rows);
  return 0;
}
