/* test-kmeans.c: k-means, scaling and the scores for choosing k
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tests/fixtures/kmeans/blobs.csv: 600 points in four blobs from
 * scikit-learn's make_blobs; tests/reference/kmeans_reference.py recorded
 * scikit-learn's results on them.
 */
#include <math.h>
#include <string.h>

#include "mc-kmeans.h"

/* scikit-learn 1.2.1, tests/reference/kmeans_reference.py */
#define SKLEARN_INERTIA 103.41826532771071
#define SKLEARN_SILHOUETTE 0.7580826670098717
#define SKLEARN_CALINSKI_HARABASZ 3259.1364483521456
#define SKLEARN_DAVIES_BOULDIN 0.34456359034139744

typedef struct
{
  McMatrix  matrix;
  guint32  *blobs;
} Blobs;

static void
blobs_load (Blobs *blobs)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "kmeans", "blobs.csv", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  gsize n = 0;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  blobs->matrix = (McMatrix) { 0, 3, g_new (double, 3 * g_strv_length (lines)) };
  blobs->blobs = g_new (guint32, g_strv_length (lines));
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++, n++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[i], ",", -1);

      for (guint j = 0; j < 3; j++)
        blobs->matrix.values[n * 3 + j] = g_ascii_strtod (cells[j], NULL);
      blobs->blobs[n] = atoi (cells[3]);
    }
  blobs->matrix.n = n;
}

static void
blobs_clear (Blobs *blobs)
{
  g_free (blobs->matrix.values);
  g_free (blobs->blobs);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Blobs, blobs_clear)

static McKmeansResult *
cluster (const McMatrix *matrix,
         guint           k,
         guint           n_init,
         guint           threads)
{
  McKmeansOptions options;
  g_autoptr(GError) error = NULL;
  McKmeansResult *result;

  mc_kmeans_options_init (&options, k);
  options.n_init = n_init;
  options.seed = 11;
  options.n_threads = threads;
  result = mc_kmeans_run (matrix, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return result;
}

static void
test_recovers_blobs (void)
{
  g_auto(Blobs) blobs = { { 0 } };
  g_autoptr(McKmeansResult) result = NULL;

  blobs_load (&blobs);
  g_assert_cmpuint (blobs.matrix.n, ==, 600);
  mc_matrix_scale (&blobs.matrix, MC_SCALE_ZSCORE, NULL);
  result = cluster (&blobs.matrix, 4, 10, 0);
  /* The same partition as the blobs (labels may be numbered otherwise). */
  g_assert_cmpfloat (mc_kmeans_adjusted_rand_index (result->labels, blobs.blobs, 600), >=, 0.99);
  /* Never worse than scikit-learn from as many starts. */
  g_assert_cmpfloat (result->inertia, <=, SKLEARN_INERTIA * (1 + 1e-9));
  g_assert_cmpuint (result->sizes[0] + result->sizes[1] + result->sizes[2] + result->sizes[3], ==, 600);
}

/* The scores of the true blobs, as scikit-learn computes them. */
static void
test_scores_match_sklearn (void)
{
  g_auto(Blobs) blobs = { { 0 } };
  McKmeansResult truth = { 4, 3 };
  double centers[12] = { 0 };
  gsize sizes[4] = { 0 };

  blobs_load (&blobs);
  mc_matrix_scale (&blobs.matrix, MC_SCALE_ZSCORE, NULL);
  for (gsize i = 0; i < 600; i++)
    {
      sizes[blobs.blobs[i]]++;
      for (guint j = 0; j < 3; j++)
        centers[blobs.blobs[i] * 3 + j] += blobs.matrix.values[i * 3 + j];
    }
  for (guint c = 0; c < 4; c++)
    for (guint j = 0; j < 3; j++)
      centers[c * 3 + j] /= sizes[c];
  for (gsize i = 0; i < 600; i++)
    for (guint j = 0; j < 3; j++)
      truth.inertia += pow (blobs.matrix.values[i * 3 + j] - centers[blobs.blobs[i] * 3 + j], 2);
  truth.centers = centers;
  truth.labels = blobs.blobs;
  truth.sizes = sizes;
  g_assert_cmpfloat_with_epsilon (mc_kmeans_silhouette (&blobs.matrix, blobs.blobs, 4, 0, 1), SKLEARN_SILHOUETTE, 1e-9);
  g_assert_cmpfloat_with_epsilon (mc_kmeans_calinski_harabasz (&blobs.matrix, &truth) / SKLEARN_CALINSKI_HARABASZ, 1, 1e-9);
  g_assert_cmpfloat_with_epsilon (mc_kmeans_davies_bouldin (&blobs.matrix, &truth), SKLEARN_DAVIES_BOULDIN, 1e-9);
}

static void
test_same_on_any_thread_count (void)
{
  gsize n = 50000;
  McMatrix matrix = { n, 4, g_new (double, n * 4) };
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autoptr(McKmeansResult) one = NULL;
  g_autoptr(McKmeansResult) two = NULL;

  for (gsize i = 0; i < n * 4; i++)
    matrix.values[i] = g_rand_double (rand) + (i / 4 % 5);
  one = cluster (&matrix, 6, 2, 1);
  two = cluster (&matrix, 6, 2, 2);
  /* Bit for bit: sums are added up block by block in the same order. */
  g_assert_true (one->inertia == two->inertia);
  g_assert_cmpmem (one->centers, 6 * 4 * sizeof (double), two->centers, 6 * 4 * sizeof (double));
  g_assert_cmpmem (one->labels, n * sizeof (guint32), two->labels, n * sizeof (guint32));
  g_free (matrix.values);
}

static void
cancel_after_first (double      fraction,
                    const char *stage,
                    gpointer    user_data)
{
  g_cancellable_cancel (user_data);
}

static void
test_cancel (void)
{
  g_auto(Blobs) blobs = { { 0 } };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  McKmeansOptions options;

  blobs_load (&blobs);
  mc_kmeans_options_init (&options, 4);
  options.n_init = 50;
  /* Cancelled when the first start is done: no result, no half result. */
  g_assert_null (mc_kmeans_run (&blobs.matrix, &options, cancel_after_first, cancellable, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_silhouette_by_hand (void)
{
  /* 0 and 1 in one cluster, 5 and 6 in the other. For 0: a = 1, b =
   * (5 + 6) / 2 = 5.5, s = 4.5 / 5.5; for 1: a = 1, b = 4.5, s = 3.5 /
   * 4.5; 5 and 6 mirror them. */
  double values[] = { 0, 1, 5, 6 };
  guint32 labels[] = { 0, 0, 1, 1 };
  McMatrix matrix = { 4, 1, values };
  double expected = (4.5 / 5.5 + 3.5 / 4.5) / 2;

  g_assert_cmpfloat_with_epsilon (mc_kmeans_silhouette (&matrix, labels, 2, 0, 1), expected, 1e-12);
}

static void
test_scaling (void)
{
  double values[] = { 1, 10, 2, 20, 3, 30, 4, 1000 };
  McMatrix matrix = { 4, 2, g_memdup2 (values, sizeof values) };
  gboolean log1p_columns[] = { FALSE, TRUE };

  /* z-score: mean 2.5, population deviation sqrt(1.25) */
  mc_matrix_scale (&matrix, MC_SCALE_ZSCORE, NULL);
  g_assert_cmpfloat_with_epsilon (matrix.values[0], -1.5 / sqrt (1.25), 1e-12);
  memcpy (matrix.values, values, sizeof values);
  mc_matrix_scale (&matrix, MC_SCALE_MINMAX, NULL);
  g_assert_cmpfloat (matrix.values[0], ==, 0);
  g_assert_cmpfloat (matrix.values[6], ==, 1);
  g_assert_cmpfloat_with_epsilon (matrix.values[3], 10.0 / 990, 1e-12);
  /* robust: median 2.5, IQR 3.25 − 1.75 = 1.5 */
  memcpy (matrix.values, values, sizeof values);
  mc_matrix_scale (&matrix, MC_SCALE_ROBUST, NULL);
  g_assert_cmpfloat_with_epsilon (matrix.values[6], 1.5 / 1.5, 1e-12);
  /* log1p before scaling tames the 1000. */
  memcpy (matrix.values, values, sizeof values);
  mc_matrix_scale (&matrix, MC_SCALE_NONE, log1p_columns);
  g_assert_cmpfloat_with_epsilon (matrix.values[7], log1p (1000), 1e-12);
  g_free (matrix.values);
}

static void
test_rand_index_and_pca (void)
{
  guint32 a[] = { 0, 0, 1, 1, 2, 2 };
  guint32 relabelled[] = { 5, 5, 3, 3, 4, 4 };
  guint32 different[] = { 0, 1, 0, 1, 0, 1 };
  /* Points along the line y = 2x: the first component carries them all. */
  double values[] = { 0, 0, 1, 2, 2, 4, 3, 6 };
  McMatrix matrix = { 4, 2, values };
  g_autofree double *points = mc_matrix_pca2 (&matrix);

  g_assert_cmpfloat (mc_kmeans_adjusted_rand_index (a, relabelled, 6), ==, 1);
  g_assert_cmpfloat (mc_kmeans_adjusted_rand_index (a, different, 6), <, 0.1);
  g_assert_cmpfloat_with_epsilon (fabs (points[6] - points[0]), sqrt (9 + 36), 1e-6);
  g_assert_cmpfloat_with_epsilon (points[1], 0, 1e-6);
}

static void
test_bad_input (void)
{
  double values[] = { 1, 2 };
  McMatrix matrix = { 2, 1, values };
  McKmeansOptions options;
  g_autoptr(GError) error = NULL;

  mc_kmeans_options_init (&options, 3);
  g_assert_null (mc_kmeans_run (&matrix, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, MC_KMEANS_ERROR, MC_KMEANS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "3 segments need at least 3 rows"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Mercato/Kmeans/recovers-blobs", test_recovers_blobs);
  g_test_add_func ("/Mercato/Kmeans/scores-match-sklearn", test_scores_match_sklearn);
  g_test_add_func ("/Mercato/Kmeans/same-on-any-thread-count", test_same_on_any_thread_count);
  g_test_add_func ("/Mercato/Kmeans/cancel", test_cancel);
  g_test_add_func ("/Mercato/Kmeans/silhouette-by-hand", test_silhouette_by_hand);
  g_test_add_func ("/Mercato/Kmeans/scaling", test_scaling);
  g_test_add_func ("/Mercato/Kmeans/rand-index-and-pca", test_rand_index_and_pca);
  g_test_add_func ("/Mercato/Kmeans/bad-input", test_bad_input);
  return g_test_run ();
}
