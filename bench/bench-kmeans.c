/* bench-kmeans.c: k-means on a million customers against scikit-learn
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-kmeans --make FILE [N]  writes N × 8 doubles (eight blobs, a
 *                                 fixed seed) for both contenders to read
 *   bench-kmeans --make-csv FILE [N]  the same blobs as a CSV file (x1 … x8,
 *                                 six decimals), for whole mercato-cli
 *                                 segment runs (bench/run-segment-bench.sh)
 *   bench-kmeans FILE [N_INIT]    clusters them with k = 8 and prints
 *                                 "mercato SECONDS INERTIA ITERATIONS"
 * Run by bench/run-kmeans-bench.sh beside bench/kmeans-sklearn.py.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "mc-kmeans.h"

#define D 8
#define K 8

static gboolean
write_csv (const char    *path,
           const double  *values,
           gsize          n,
           GError       **error)
{
  g_autoptr(GString) text = g_string_new ("x1,x2,x3,x4,x5,x6,x7,x8\n");

  for (gsize i = 0; i < n; i++)
    for (int j = 0; j < D; j++)
      g_string_append_printf (text, "%.6f%c", values[i * D + j], j + 1 < D ? ',' : '\n');
  return g_file_set_contents (path, text->str, text->len, error);
}

static int
make_blobs (const char *path,
            gsize       n,
            gboolean    csv)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autofree double *values = g_new (double, n * D);
  double centers[K][D];
  g_autoptr(GError) error = NULL;

  for (int c = 0; c < K; c++)
    for (int j = 0; j < D; j++)
      centers[c][j] = g_rand_double_range (rand, -10, 10);
  for (gsize i = 0; i < n; i++)
    for (int j = 0; j < D; j++)
      {
        /* Box–Muller: normal noise of standard deviation 1.5 */
        double u = g_rand_double (rand) + 1e-12, v = g_rand_double (rand);

        values[i * D + j] = centers[i % K][j] + 1.5 * sqrt (-2 * log (u)) * cos (2 * G_PI * v);
      }
  if (csv ? !write_csv (path, values, n, &error)
          : !g_file_set_contents (path, (const char *) values, n * D * sizeof (double), &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *contents = NULL;
  gsize length;
  McMatrix matrix;
  McKmeansOptions options;
  g_autoptr(McKmeansResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started;

  if (argc >= 3 && (g_str_equal (argv[1], "--make") || g_str_equal (argv[1], "--make-csv")))
    return make_blobs (argv[2], argc > 3 ? g_ascii_strtoull (argv[3], NULL, 10) : 1000000,
                       g_str_equal (argv[1], "--make-csv"));
  if (argc < 2 || !g_file_get_contents (argv[1], &contents, &length, &error))
    {
      g_printerr ("Usage: bench-kmeans --make|--make-csv FILE [N] | bench-kmeans FILE [N_INIT]\n");
      return 2;
    }
  matrix = (McMatrix) { length / sizeof (double) / D, D, (double *) contents };
  mc_kmeans_options_init (&options, K);
  options.n_init = argc > 2 ? atoi (argv[2]) : 3;
  started = g_get_monotonic_time ();
  result = mc_kmeans_run (&matrix, &options, NULL, NULL, NULL, &error);
  if (result == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  printf ("mercato %.3f %.6f %u\n", (g_get_monotonic_time () - started) / 1e6, result->inertia, result->n_iter);
  return 0;
}
