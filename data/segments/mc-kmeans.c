/* mc-kmeans.c: k-means clustering, fast, multi-threaded and deterministic
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lloyd's algorithm from greedy k-means++ starts (as scikit-learn). Each
 * iteration assigns rows in fixed blocks of BLOCK_ROWS; every block adds
 * up its own partial sums, and the sums are then added block after block
 * in the same order whatever thread did which block: a seed gives the
 * same centres, labels and inertia on one thread or many.
 */
#define G_LOG_DOMAIN "mc-kmeans"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mc-kmeans-private.h"

G_DEFINE_QUARK (mc-kmeans-error-quark, mc_kmeans_error)

void
mc_kmeans_options_init (McKmeansOptions *options,
                        guint            k)
{
  *options = (McKmeansOptions) { k, 1, 300, 1e-4, 0, 0 };
}

/* One Lloyd step over blocks of rows, on several threads */

typedef struct
{
  const McMatrix *matrix;
  const double   *centers;
  guint           k;
  guint32        *labels;
  double         *distances;    /* per row: to its centre */
  double         *block_sums;   /* per block: k × d sums, then k counts */
  double         *block_inertia;
  gsize           n_blocks;
  guint           n_threads;
  Lanes          *center_lanes;   /* the centres interleaved, for step_block */

  /* Hamerly's bounds (see keeps_centre()), valid when BOUNDED. */
  gboolean        bounded;
  double         *upper;          /* per row: >= its distance to its centre */
  double         *lower;          /* per row: <= its distance to any other */
  double         *bound_centers;  /* k × d: the centres they were made for */
  double         *moved;          /* per centre: how far it went since */
  double         *half_gap;       /* per centre: <= half the way to the next */
  double          most_moved;
  double          next_most_moved;
  guint           most_moved_centre;
} Step;

/* Rows whose centre is certainly still the nearest keep it without being
 * measured against every centre (Hamerly's bounds, in plain distances):
 * an upper bound on the distance to the row's centre grows by how far
 * that centre moved, a lower bound on the distance to every other shrinks
 * by the most any other moved, and while the upper stays below both the
 * lower and half the way from the centre to its nearest neighbour, no
 * other centre can be nearer. Every bound is rounded outwards by a margin
 * far wider than rounding errors, so a row keeps its centre only when the
 * full comparison would have kept it too: labels, centres and inertia are
 * the same to the bit; the distance to the kept centre is still worked
 * out, for the inertia. */
#define BOUND_MARGIN 1e-9

static inline double
round_up (double x)
{
  return x + BOUND_MARGIN * fabs (x);
}

static inline double
round_down (double x)
{
  return x - BOUND_MARGIN * fabs (x);
}

/* Whether ROW, labelled A, certainly keeps A; updates its bounds, and
 * leaves its squared distance to A in DIST when it does. */
static inline gboolean
keeps_centre (Step         *step,
              gsize         i,
              const double *row,
              guint         a,
              double       *dist)
{
  guint d = step->matrix->d;
  double other_moved = a == step->most_moved_centre ? step->next_most_moved : step->most_moved;
  double limit;

  step->upper[i] = round_up (step->upper[i] + step->moved[a]);
  step->lower[i] = round_down (step->lower[i] - round_up (other_moved));
  limit = MAX (step->lower[i], step->half_gap[a]);
  if (!(step->upper[i] < limit))
    {
      /* Tighten the upper bound with the real distance, and try again. */
      *dist = distance2 (row, step->centers + a * d, d);
      step->upper[i] = round_up (sqrt (*dist));
      return step->upper[i] < limit;
    }
  *dist = distance2 (row, step->centers + a * d, d);
  return TRUE;
}

/* How far each centre moved since the bounds were made, the two largest
 * moves, and half the distance from each centre to its nearest other. */
static void
prepare_bounds (Step *step)
{
  guint k = step->k, d = step->matrix->d;

  step->most_moved = step->next_most_moved = 0;
  step->most_moved_centre = 0;
  for (guint c = 0; c < k; c++)
    {
      double moved = round_up (sqrt (distance2 (step->centers + c * d, step->bound_centers + c * d, d)));

      step->moved[c] = moved;
      if (moved > step->most_moved)
        {
          step->next_most_moved = step->most_moved;
          step->most_moved = moved;
          step->most_moved_centre = c;
        }
      else if (moved > step->next_most_moved)
        step->next_most_moved = moved;
    }
  for (guint c = 0; c < k; c++)
    {
      double nearest_other = INFINITY;

      for (guint o = 0; o < k; o++)
        if (o != c)
          nearest_other = MIN (nearest_other, distance2 (step->centers + c * d, step->centers + o * d, d));
      step->half_gap[c] = round_down (sqrt (nearest_other) / 2);
    }
}

/* Assigns the rows of BLOCK to their nearest centre and adds them up. */
MC_VECTOR_CLONES static void
step_block (gpointer data,
            gsize    block)
{
  Step *step = data;
  const McMatrix *m = step->matrix;
  guint d = m->d, k = step->k;
  double *sums = step->block_sums + block * (k * d + k), *counts = sums + k * d;
  gsize end = MIN ((block + 1) * BLOCK_ROWS, m->n);
  double inertia = 0;

  memset (sums, 0, (k * d + k) * sizeof (double));
  for (gsize i = block * BLOCK_ROWS; i < end; i++)
    {
      const double *row = m->values + i * d;
      double dist = INFINITY, second = INFINITY;
      guint label = step->bounded ? step->labels[i] : 0;

      if (!step->bounded || !keeps_centre (step, i, row, label, &dist))
        {
          /* The nearest centre, the first of equals, as nearest() finds
           * it, and the distance to the next nearest for the bounds. */
          dist = INFINITY;
          label = 0;
          for (guint g = 0; g * LANES < k; g++)
            {
              Lanes group = distance2_lanes (row, step->center_lanes + g * d, d);

              for (guint c = g * LANES; c < MIN (k, (g + 1) * LANES); c++)
                if (group[c - g * LANES] < dist)
                  second = dist, dist = group[c - g * LANES], label = c;
                else
                  second = MIN (second, group[c - g * LANES]);
            }
          step->upper[i] = round_up (sqrt (dist));
          step->lower[i] = round_down (sqrt (second));
        }

      step->labels[i] = label;
      step->distances[i] = dist;
      inertia += dist;
      counts[label]++;
      for (guint j = 0; j < d; j++)
        sums[label * d + j] += row[j];
    }
  step->block_inertia[block] = inertia;
}

/* Assigns every row; returns the inertia. Sums per cluster are left in
 * SUMS (k × d, then k counts), added up block by block in order. */
static double
run_step (Step   *step,
          double *sums)
{
  guint k = step->k, d = step->matrix->d;
  double inertia = 0;

  g_autofree const double **points = g_new (const double *, k);

  for (guint c = 0; c < k; c++)
    points[c] = step->centers + c * d;
  step->center_lanes = _mc_kmeans_interleave (points, k, d);
  if (step->bounded)
    prepare_bounds (step);
  _mc_kmeans_parallel_blocks (step_block, step, step->n_blocks, step->n_threads);
  g_clear_pointer (&step->center_lanes, g_aligned_free);
  memcpy (step->bound_centers, step->centers, k * d * sizeof (double));
  step->bounded = TRUE;
  memset (sums, 0, (k * d + k) * sizeof (double));
  for (gsize b = 0; b < step->n_blocks; b++)
    {
      const double *partial = step->block_sums + b * (k * d + k);

      for (guint i = 0; i < k * d + k; i++)
        sums[i] += partial[i];
      inertia += step->block_inertia[b];
    }
  return inertia;
}
/* A cluster left empty takes the row farthest from its centre. */
static void
reseed_empty (const McMatrix *m,
              Step           *step,
              double         *centers,
              const double   *counts)
{
  for (guint c = 0; c < step->k; c++)
    {
      gsize far = 0;

      if (counts[c] > 0)
        continue;
      for (gsize i = 1; i < m->n; i++)
        if (step->distances[i] > step->distances[far])
          far = i;
      memcpy (centers + c * m->d, m->values + far * m->d, m->d * sizeof (double));
      step->distances[far] = 0;
    }
}

/* Variance per column, averaged: scikit-learn's scale for the tolerance. */
static double
mean_variance (const McMatrix *m)
{
  double total = 0;

  for (guint j = 0; j < m->d; j++)
    {
      double sum = 0, squares = 0;

      for (gsize i = 0; i < m->n; i++)
        sum += m->values[i * m->d + j];
      for (gsize i = 0; i < m->n; i++)
        squares += pow (m->values[i * m->d + j] - sum / m->n, 2);
      total += squares / m->n;
    }
  return m->d > 0 ? total / m->d : 0;
}

/* One run from one start: Lloyd until the centres stop moving. */
static double
lloyd (const McMatrix        *m,
       const McKmeansOptions *options,
       Step                  *step,
       double                *centers,
       double                 tolerance,
       guint                 *n_iter,
       GCancellable          *cancellable)
{
  guint k = options->k, d = m->d;
  g_autofree double *sums = g_new (double, k * d + k);
  double inertia = 0;

  step->centers = centers;
  step->bounded = FALSE;
  for (*n_iter = 0; *n_iter < options->max_iter; (*n_iter)++)
    {
      double shift = 0;

      if (g_cancellable_is_cancelled (cancellable))
        return NAN;
      run_step (step, sums);
      reseed_empty (m, step, centers, sums + k * d);
      for (guint c = 0; c < k; c++)
        for (guint j = 0; j < d && sums[k * d + c] > 0; j++)
          {
            double moved = sums[c * d + j] / sums[k * d + c];

            shift += (moved - centers[c * d + j]) * (moved - centers[c * d + j]);
            centers[c * d + j] = moved;
          }
      if (shift <= tolerance)
        {
          (*n_iter)++;
          break;
        }
    }
  /* Labels and inertia of the final centres. */
  inertia = run_step (step, sums);
  return inertia;
}

/* Squared distances between rows must stay finite, or Lloyd's sums turn
 * into nan and no row gets a centre. Values this large are data errors
 * that the checks report; refuse them here rather than crash. */
#define MAX_CLUSTERED_VALUE 1e150

static gboolean
check_finite (const McMatrix  *matrix,
              GError         **error)
{
  for (gsize i = 0; i < matrix->n * matrix->d; i++)
    if (!(fabs (matrix->values[i]) <= MAX_CLUSTERED_VALUE))
      {
        g_set_error (error, MC_KMEANS_ERROR, MC_KMEANS_ERROR_INVALID,
                     _("row %zu has a feature value (%g) too large to compare; check that column for an "
                       "implausible value or scale the features"),
                     i / matrix->d + 1, matrix->values[i]);
        return FALSE;
      }
  return TRUE;
}

McKmeansResult *
mc_kmeans_run (const McMatrix         *matrix,
               const McKmeansOptions  *options,
               McProgressFunc          progress,
               gpointer                user_data,
               GCancellable           *cancellable,
               GError                **error)
{
  guint k = options->k, d = matrix->d, runs = MAX (options->n_init, 1);
  g_autoptr(GRand) rand = g_rand_new_with_seed ((guint32) (options->seed ^ (options->seed >> 32)));
  g_autofree double *centers = g_new (double, MAX (k * d, 1));
  g_autofree guint32 *labels = g_new (guint32, MAX (matrix->n, 1));
  g_autofree double *distances = g_new (double, MAX (matrix->n, 1));
  Step step = { matrix, NULL, k, labels, distances };
  double tolerance = options->tol * mean_variance (matrix);
  McKmeansResult *result;

  if (k < 1 || matrix->n < k || d == 0)
    {
      g_set_error (error, MC_KMEANS_ERROR, MC_KMEANS_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                /* Translators: both %u are the number of segments asked for, %zu
                                 * counts rows, the last %u features (columns). */
                                "%u segments need at least %u rows with a feature each; there are %zu rows and "
                                "%u features",
                                "%u segments need at least %u rows with a feature each; there are %zu rows and "
                                "%u features", k),
                   k, k, matrix->n, d);
      return NULL;
    }
  if (!check_finite (matrix, error))
    return NULL;
  step.n_blocks = (matrix->n + BLOCK_ROWS - 1) / BLOCK_ROWS;
  step.n_threads = CLAMP (options->n_threads > 0 ? options->n_threads : g_get_num_processors (), 1, MAX_THREADS);
  step.block_sums = g_new (double, step.n_blocks * (k * d + k));
  step.block_inertia = g_new (double, step.n_blocks);
  step.upper = g_new (double, matrix->n);
  step.lower = g_new (double, matrix->n);
  step.bound_centers = g_new (double, k * d);
  step.moved = g_new (double, k);
  step.half_gap = g_new (double, k);

  result = g_new0 (McKmeansResult, 1);
  result->k = k;
  result->d = d;
  result->inertia = INFINITY;
  result->centers = g_new (double, k * d);
  result->labels = g_new (guint32, matrix->n);
  for (guint run = 0; run < runs; run++)
    {
      guint n_iter;
      double inertia;

      _mc_kmeans_init_centers (matrix, k, rand, step.n_threads, centers);
      inertia = lloyd (matrix, options, &step, centers, tolerance, &n_iter, cancellable);
      if (isnan (inertia))
        break;
      if (inertia < result->inertia)
        {
          result->inertia = inertia;
          result->n_iter = n_iter;
          memcpy (result->centers, centers, k * d * sizeof (double));
          memcpy (result->labels, labels, matrix->n * sizeof (guint32));
        }
      mc_progress_report (progress, user_data, (run + 1.0) / runs, NULL);
    }
  g_free (step.block_sums);
  g_free (step.block_inertia);
  g_free (step.upper);
  g_free (step.lower);
  g_free (step.bound_centers);
  g_free (step.moved);
  g_free (step.half_gap);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      mc_kmeans_result_free (result);
      return NULL;
    }
  result->sizes = g_new0 (gsize, k);
  for (gsize i = 0; i < matrix->n; i++)
    result->sizes[result->labels[i]]++;
  return result;
}

void
mc_kmeans_result_free (McKmeansResult *result)
{
  if (result == NULL)
    return;
  g_free (result->centers);
  g_free (result->labels);
  g_free (result->sizes);
  g_free (result);
}

