/* mc-kmeans-quality.c: how good a clustering is: silhouette, Calinski–Harabasz, Davies–Bouldin, adjusted Rand
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-kmeans"

#include "config.h"

#include <string.h>

#include "mc-kmeans-private.h"

/* The silhouette of a sample: each sampled row against every other, in
 * parallel over blocks of sampled rows. The sample is copied into one
 * contiguous array grouped by cluster (in sample order within each), so
 * the inner loop reads memory in order and adds the distances of each
 * cluster in the same order as a plain loop over the sample would: the
 * score is the same to the last bit on any number of threads. */
#define SILHOUETTE_BLOCK 64

typedef struct
{
  const double  *points;     /* m × d, grouped by cluster */
  const Lanes   *pairs;      /* the same points interleaved, LANES by LANES */
  const guint32 *labels;     /* of the grouped points */
  const gsize   *starts;     /* k + 1: where each cluster's points begin */
  const gsize   *grouped;    /* sample position -> grouped position */
  gsize          m;
  guint          d;
  guint          k;
  double        *scores;     /* per sample position; NAN: adds nothing */
} Silhouette;

/* The sum of the distances from X to the grouped points START to END
 * other than SELF, added in their order; LANES at a time where all are
 * in the range and none is SELF. Always inlined, so that the callers
 * below with a constant D get the coordinate loops unrolled and X kept
 * in registers. */
static inline __attribute__ ((always_inline)) double
distance_sum_d (const Silhouette *s,
                const double     *x,
                gsize             start,
                gsize             end,
                gsize             self,
                guint             d)
{
  double sum = 0;
  gsize b = start;

  while (b < end)
    if (b % LANES == 0 && b + LANES <= end && (self < b || self >= b + LANES))
      {
        Lanes group = sqrt_lanes (distance2_lanes_d (x, s->pairs + b / LANES * d, d));

        for (guint l = 0; l < LANES; l++)
          sum += group[l];
        b += LANES;
      }
    else
      {
        if (b != self)
          sum += sqrt (distance2 (x, s->points + b * d, d));
        b++;
      }
  return sum;
}

/* The silhouette is the one part whose cost does not shrink with the
 * data (every pair of a 10,000-row sample): features are few, so each
 * count up to 8 has its own unrolled copy. */
MC_VECTOR_CLONES static double
distance_sum (const Silhouette *s,
              const double     *x,
              gsize             start,
              gsize             end,
              gsize             self)
{
  switch (s->d)
    {
    case 1: return distance_sum_d (s, x, start, end, self, 1);
    case 2: return distance_sum_d (s, x, start, end, self, 2);
    case 3: return distance_sum_d (s, x, start, end, self, 3);
    case 4: return distance_sum_d (s, x, start, end, self, 4);
    case 5: return distance_sum_d (s, x, start, end, self, 5);
    case 6: return distance_sum_d (s, x, start, end, self, 6);
    case 7: return distance_sum_d (s, x, start, end, self, 7);
    case 8: return distance_sum_d (s, x, start, end, self, 8);
    default: return distance_sum_d (s, x, start, end, self, s->d);
    }
}

static double
silhouette_of (const Silhouette *s,
               gsize             self)
{
  const double *x = s->points + self * s->d;
  guint own = s->labels[self];
  double within = 0, between = INFINITY;

  for (guint c = 0; c < s->k; c++)
    {
      gsize count = s->starts[c + 1] - s->starts[c] - (c == own);
      double sum = distance_sum (s, x, s->starts[c], s->starts[c + 1], self);

      if (count == 0)
        continue;
      if (c == own)
        within = sum / count;
      else
        between = MIN (between, sum / count);
    }
  /* A point alone in its cluster scores 0, as scikit-learn does. */
  if (s->starts[own + 1] - s->starts[own] == 1 || !isfinite (between))
    return NAN;
  return (between - within) / MAX (within, between);
}

MC_VECTOR_CLONES static void
silhouette_block (gpointer data,
                  gsize    block)
{
  Silhouette *s = data;
  gsize end = MIN ((block + 1) * SILHOUETTE_BLOCK, s->m);

  for (gsize a = block * SILHOUETTE_BLOCK; a < end; a++)
    s->scores[a] = silhouette_of (s, s->grouped[a]);
}

double
mc_kmeans_silhouette (const McMatrix *matrix,
                      const guint32  *labels,
                      guint           k,
                      gsize           sample,
                      guint64         seed)
{
  gsize n = matrix->n, m = sample > 0 ? MIN (sample, n) : n;
  guint d = matrix->d;
  g_autofree gsize *rows = g_new (gsize, MAX (n, 1));
  g_autofree gsize *starts = g_new0 (gsize, k + 2);
  g_autofree gsize *grouped = g_new (gsize, MAX (m, 1));
  g_autofree double *points = g_new (double, MAX (m * d, 1));
  g_autofree guint32 *grouped_labels = g_new (guint32, MAX (m, 1));
  g_autofree double *scores = g_new (double, MAX (m, 1));
  g_autoptr(GRand) rand = g_rand_new_with_seed ((guint32) seed);
  g_autofree const double **point_rows = g_new (const double *, MAX (m, 1));
  Silhouette s = { points, NULL, grouped_labels, starts, grouped, m, d, k, scores };
  Lanes *pairs;
  double total = 0;

  /* A seeded shuffle: the same rows every time. */
  for (gsize i = 0; i < n; i++)
    rows[i] = i;
  for (gsize i = 0; i < m && m < n; i++)
    {
      gsize j = i + g_rand_int_range (rand, 0, (gint32) (n - i)), swap = rows[i];

      rows[i] = rows[j], rows[j] = swap;
    }
  /* Group the sample by cluster, keeping its order within each. */
  for (gsize a = 0; a < m; a++)
    starts[labels[rows[a]] + 2]++;
  for (guint c = 0; c < k; c++)
    starts[c + 2] += starts[c + 1];
  for (gsize a = 0; a < m; a++)
    {
      guint32 label = labels[rows[a]];
      gsize at = starts[label + 1]++;

      grouped[a] = at;
      grouped_labels[at] = label;
      memcpy (points + at * d, matrix->values + rows[a] * d, d * sizeof (double));
    }
  for (gsize a = 0; a < m; a++)
    point_rows[a] = points + a * d;
  s.pairs = pairs = _mc_kmeans_interleave (point_rows, m, d);
  _mc_kmeans_parallel_blocks (silhouette_block, &s, (m + SILHOUETTE_BLOCK - 1) / SILHOUETTE_BLOCK,
                              MIN (g_get_num_processors (), MAX_THREADS));
  g_aligned_free (pairs);
  for (gsize a = 0; a < m; a++)
    if (!isnan (scores[a]))
      total += scores[a];
  return m > 0 ? total / m : NAN;
}

double
mc_kmeans_calinski_harabasz (const McMatrix       *matrix,
                             const McKmeansResult *result)
{
  g_autofree double *mean = g_new0 (double, matrix->d);
  double between = 0;

  if (result->k < 2 || matrix->n <= result->k)
    return NAN;
  for (gsize i = 0; i < matrix->n; i++)
    for (guint j = 0; j < matrix->d; j++)
      mean[j] += matrix->values[i * matrix->d + j] / matrix->n;
  for (guint c = 0; c < result->k; c++)
    between += result->sizes[c] * distance2 (result->centers + c * matrix->d, mean, matrix->d);
  return (between / (result->k - 1)) / (result->inertia / (matrix->n - result->k));
}

double
mc_kmeans_davies_bouldin (const McMatrix       *matrix,
                          const McKmeansResult *result)
{
  guint k = result->k, d = matrix->d;
  g_autofree double *scatter = g_new0 (double, MAX (k, 1));
  double total = 0;

  for (gsize i = 0; i < matrix->n; i++)
    scatter[result->labels[i]] += sqrt (distance2 (matrix->values + i * d, result->centers + result->labels[i] * d, d));
  for (guint c = 0; c < k; c++)
    scatter[c] = result->sizes[c] > 0 ? scatter[c] / result->sizes[c] : 0;
  for (guint a = 0; a < k; a++)
    {
      double worst = 0;

      for (guint b = 0; b < k; b++)
        if (b != a)
          worst = MAX (worst, (scatter[a] + scatter[b]) / sqrt (distance2 (result->centers + a * d, result->centers + b * d, d)));
      total += worst;
    }
  return k > 1 ? total / k : NAN;
}

static double
pairs (double n)
{
  return n * (n - 1) / 2;
}

double
mc_kmeans_adjusted_rand_index (const guint32 *a,
                               const guint32 *b,
                               gsize          n)
{
  g_autoptr(GHashTable) cells = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  g_autoptr(GHashTable) columns = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  GHashTableIter iter;
  gpointer value;
  double index = 0, sum_a = 0, sum_b = 0, expected, maximum;

  for (gsize i = 0; i < n; i++)
    {
      gint64 key = (gint64) a[i] << 32 | b[i];
      double *count;

      if ((count = g_hash_table_lookup (cells, &key)) == NULL)
        g_hash_table_insert (cells, g_memdup2 (&key, sizeof key), count = g_new0 (double, 1));
      (*count)++;
      if ((count = g_hash_table_lookup (rows, GUINT_TO_POINTER (a[i] + 1))) == NULL)
        g_hash_table_insert (rows, GUINT_TO_POINTER (a[i] + 1), count = g_new0 (double, 1));
      (*count)++;
      if ((count = g_hash_table_lookup (columns, GUINT_TO_POINTER (b[i] + 1))) == NULL)
        g_hash_table_insert (columns, GUINT_TO_POINTER (b[i] + 1), count = g_new0 (double, 1));
      (*count)++;
    }
  g_hash_table_iter_init (&iter, cells);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    index += pairs (*(double *) value);
  g_hash_table_iter_init (&iter, rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    sum_a += pairs (*(double *) value);
  g_hash_table_iter_init (&iter, columns);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    sum_b += pairs (*(double *) value);
  expected = sum_a * sum_b / pairs (n);
  maximum = (sum_a + sum_b) / 2;
  return maximum > expected ? (index - expected) / (maximum - expected) : 1.0;
}
