/* fuzz-pipeline.c: arbitrary bytes through everything mercato-cli does
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is one to three CSV files, separated by a line "===", read
 * as one dataset: read → model → checks → metrics → RFM → segments
 * (k = 2 and 3) → every chart the data allows, drawn to a recording
 * surface. The reader alone was robust; the layers above it crashed on
 * what it let through (issue 17), so this target goes through them all.
 *
 * Built for libFuzzer with -Dfuzzing=true (clang), and always as a plain
 * program that replays tests/fuzz/corpus, where crashers are kept.
 */
#include <cairo.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "mc-checks.h"
#include "mc-chart.h"
#include "mc-dataset.h"
#include "mc-dataset-loader.h"
#include "mc-features.h"
#include "mc-kmeans.h"
#include "mc-metrics.h"
#include "mc-rfm.h"
#include "mc-segments.h"
#include "mc-standard-charts.h"

#define MAX_FILES 3

/* Writes the parts of DATA into a new folder; returns it. */
static char *
write_files (const guint8 *data,
             size_t        size)
{
  g_autofree char *dir = g_dir_make_tmp ("mercato-fuzz-XXXXXX", NULL);
  const char *start = (const char *) data, *end = start + size;

  g_assert (dir != NULL);
  for (guint n = 0; n < MAX_FILES && start <= end; n++)
    {
      const char *cut = n + 1 < MAX_FILES ? g_strstr_len (start, end - start, "\n===\n") : NULL;
      const char *stop = cut != NULL ? cut + 1 : end;
      g_autofree char *name = g_strdup_printf ("%c.csv", 'a' + n);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert (g_file_set_contents (path, start, stop - start, NULL));
      if (cut == NULL)
        break;
      start = cut + 5;
    }
  return g_steal_pointer (&dir);
}

static void
remove_files (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
segment (McDataset *dataset)
{
  g_autoptr(McFeatureTable) table = mc_features_compute (dataset, NULL);
  g_auto(GStrv) names = NULL;

  if (table == NULL || table->features->len == 0)
    return;
  names = g_new0 (char *, MIN (table->features->len, 4) + 1);
  for (guint f = 0; f < MIN (table->features->len, 4); f++)
    names[f] = g_strdup (g_array_index (table->features, McFeature, f).name);
  for (guint k = 2; k <= 3; k++)
    {
      g_autoptr(McSegmentation) segmentation = NULL;
      McKmeansOptions options;

      mc_kmeans_options_init (&options, k);
      options.n_init = 1;
      options.n_threads = 1;
      segmentation = mc_segments_run (table, (const char * const *) names, MC_SCALE_ZSCORE, TRUE, &options,
                                      NULL, NULL, NULL, NULL);
    }
}

static void
draw_every_chart (McDataset *dataset)
{
  McChartData *data = mc_chart_data_new (dataset);
  g_autoptr(GArray) list = mc_chart_data_list (data);

  for (guint i = 0; i < list->len; i++)
    {
      const char *name = g_array_index (list, McChartInfo, i).name;
      g_autoptr(McChart) chart = mc_chart_data_build (data, name, NULL);
      cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
      cairo_t *cr = cairo_create (surface);

      if (chart != NULL)
        mc_chart_render (chart, cr, 640, 400);
      g_free (mc_chart_data_finding (data, name));
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
  mc_chart_data_free (data);
}

static void
run_pipeline (const guint8 *data,
              size_t        size)
{
  g_autofree char *dir = write_files (data, size);
  const char *paths[] = { dir, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(McDataset) dataset = mc_dataset_load (paths, NULL, NULL, NULL, &error);

  /* Either a dataset or an error that names a file or the folder. */
  g_assert ((dataset == NULL) != (error == NULL));
  if (dataset != NULL)
    {
      g_autoptr(GPtrArray) findings = mc_checks_run (dataset, G_GINT64_CONSTANT (1700000000) * G_USEC_PER_SEC);
      g_autoptr(McMetrics) metrics = mc_metrics_compute (dataset, NULL);
      g_autoptr(GArray) rfm = NULL;
      gint32 reference;

      rfm = mc_rfm_compute (dataset, G_MININT32, &reference, NULL);
      segment (dataset);
      draw_every_chart (dataset);
    }
  else
    g_assert (strstr (error->message, dir) != NULL);
  remove_files (dir);
}

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  run_pipeline (data, size);
  return 0;
}

#ifndef MERCATO_LIBFUZZER
static void
test_corpus (void)
{
  const char *dir = g_test_get_filename (G_TEST_DIST, "fuzz", "corpus", NULL);
  g_autoptr(GDir) corpus = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (corpus);
  while ((name = g_dir_read_name (corpus)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      g_test_message ("%s", name);
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      run_pipeline ((const guint8 *) contents, length);
      n++;
    }
  g_assert_cmpuint (n, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Mercato/Fuzz/pipeline-corpus", test_corpus);
  return g_test_run ();
}
#endif
