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
#include <math.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "mc-column.h"
#include "mc-kmeans.h"

#define BLOCK_ROWS 8192
#define MAX_THREADS 16

G_DEFINE_QUARK (mc-kmeans-error-quark, mc_kmeans_error)

void
mc_kmeans_options_init (McKmeansOptions *options,
                        guint            k)
{
  *options = (McKmeansOptions) { k, 1, 300, 1e-4, 0, 0 };
}

gboolean
mc_scale_from_string (const char *name,
                      McScale    *scale)
{
  static const char *names[] = { "none", "zscore", "minmax", "robust" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (name, names[i]) == 0)
      {
        *scale = i;
        return TRUE;
      }
  return FALSE;
}

/* Scaling */

static void
column_stats (const McMatrix *matrix,
              guint           j,
              McScale         scale,
              double         *center,
              double         *spread)
{
  g_autofree double *sorted = g_new (double, MAX (matrix->n, 1));
  double sum = 0, squares = 0;

  for (gsize i = 0; i < matrix->n; i++)
    {
      sorted[i] = matrix->values[i * matrix->d + j];
      sum += sorted[i];
    }
  *center = matrix->n > 0 ? sum / matrix->n : 0;
  for (gsize i = 0; i < matrix->n; i++)
    squares += (sorted[i] - *center) * (sorted[i] - *center);
  *spread = matrix->n > 0 ? sqrt (squares / matrix->n) : 0;
  if (scale == MC_SCALE_MINMAX || scale == MC_SCALE_ROBUST)
    {
      mc_sort_doubles (sorted, matrix->n);
      if (scale == MC_SCALE_MINMAX)
        {
          *center = sorted[0];
          *spread = sorted[matrix->n - 1] - sorted[0];
        }
      else
        {
          *center = mc_quantile (sorted, matrix->n, 0.5);
          *spread = mc_quantile (sorted, matrix->n, 0.75) - mc_quantile (sorted, matrix->n, 0.25);
        }
    }
}

void
mc_matrix_scale (McMatrix       *matrix,
                 McScale         scale,
                 const gboolean *log1p_columns)
{
  for (guint j = 0; j < matrix->d; j++)
    {
      double center, spread;

      if (log1p_columns != NULL && log1p_columns[j])
        for (gsize i = 0; i < matrix->n; i++)
          matrix->values[i * matrix->d + j] = log1p (MAX (matrix->values[i * matrix->d + j], 0));
      if (scale == MC_SCALE_NONE || matrix->n == 0)
        continue;
      column_stats (matrix, j, scale, &center, &spread);
      /* A constant column stays where it is: nothing to tell apart. */
      if (!(spread > 0))
        spread = 1;
      for (gsize i = 0; i < matrix->n; i++)
        matrix->values[i * matrix->d + j] = (matrix->values[i * matrix->d + j] - center) / spread;
    }
}

/* Distances */

static inline double
distance2 (const double *a,
           const double *b,
           guint         d)
{
  double sum = 0;

  for (guint j = 0; j < d; j++)
    sum += (a[j] - b[j]) * (a[j] - b[j]);
  return sum;
}

static inline guint
nearest (const double *row,
         const double *centers,
         guint         k,
         guint         d,
         double       *best)
{
  guint label = 0;

  *best = INFINITY;
  for (guint c = 0; c < k; c++)
    {
      double dist = distance2 (row, centers + c * d, d);

      if (dist < *best)
        *best = dist, label = c;
    }
  return label;
}

/* Points four at a time: their coordinates interleaved (coordinate j of
 * point p at lanes[j][p]), so one vector operation serves four distances:
 * one AVX2 instruction where the processor has it (the hot loops below
 * are built twice, MC_VECTOR_CLONES), two SSE2 ones (the x86-64
 * baseline) otherwise. Each lane adds its terms in the order distance2()
 * does, and neither build contracts them into fused multiply-adds (AVX2
 * does not include FMA), so the distances are the same to the bit on any
 * processor; only four are done together. */
#define LANES 4

#if defined (__x86_64__) && defined (__GNUC__) && defined (__has_attribute)
#if __has_attribute (target_clones)
#define MC_VECTOR_CLONES __attribute__ ((target_clones ("avx2", "default")))
#endif
#endif
#ifndef MC_VECTOR_CLONES
#define MC_VECTOR_CLONES
#endif

/* Four doubles pass between the inlined helpers below in AVX registers in
 * one build and pairs of SSE ones in the other; nothing outside this file
 * sees them, so the two calling conventions never meet. */
#pragma GCC diagnostic ignored "-Wpsabi"

typedef double Lanes __attribute__ ((vector_size (LANES * sizeof (double))));
typedef gint64 LaneMask __attribute__ ((vector_size (LANES * sizeof (gint64))));

/* Interleaves the N points of POINTS (d doubles each) into
 * ceil (N / LANES) groups of D Lanes; lanes past N repeat point 0. */
static Lanes *
interleave (const double * const *points,
            guint                 n,
            guint                 d)
{
  guint n_groups = (n + LANES - 1) / LANES;
  Lanes *lanes = g_aligned_alloc (MAX (n_groups * d, 1), sizeof (Lanes), sizeof (Lanes));

  for (guint g = 0; g < n_groups; g++)
    for (guint j = 0; j < d; j++)
      for (guint p = 0; p < LANES; p++)
        lanes[g * d + j][p] = points[g * LANES + p < n ? g * LANES + p : 0][j];
  return lanes;
}

/* The helpers below are statement expressions, not functions: clang
 * refuses four-double vectors as the arguments or results of a function
 * built without AVX (the default clone), even one always inlined. */

/* Squared distances of ROW to the LANES points interleaved at POINTS. */
#define distance2_lanes_d(row, points, d) \
  ({ \
    Lanes sum_ = { 0 }; \
    for (guint j_ = 0; j_ < (d); j_++) \
      { \
        Lanes diff_ = (row)[j_] - (points)[j_]; \
        sum_ += diff_ * diff_; \
      } \
    sum_; \
  })

/* With the usual few features, one unrolled copy per count. */
#define distance2_lanes(row, points, d) \
  ({ \
    Lanes distances_; \
    switch (d) \
      { \
      case 2: distances_ = distance2_lanes_d (row, points, 2); break; \
      case 3: distances_ = distance2_lanes_d (row, points, 3); break; \
      case 4: distances_ = distance2_lanes_d (row, points, 4); break; \
      case 5: distances_ = distance2_lanes_d (row, points, 5); break; \
      case 6: distances_ = distance2_lanes_d (row, points, 6); break; \
      case 7: distances_ = distance2_lanes_d (row, points, 7); break; \
      case 8: distances_ = distance2_lanes_d (row, points, 8); break; \
      default: distances_ = distance2_lanes_d (row, points, d); break; \
      } \
    distances_; \
  })

/* Square roots lane by lane, two per SSE2 instruction (correctly rounded
 * either way, so the same values as sqrt ()). */
#ifdef __SSE2__
#define sqrt_lanes(x) \
  ({ \
    Lanes x_ = (x); \
    __m128d low_ = _mm_sqrt_pd ((__m128d) { x_[0], x_[1] }); \
    __m128d high_ = _mm_sqrt_pd ((__m128d) { x_[2], x_[3] }); \
    (Lanes) { low_[0], low_[1], high_[0], high_[1] }; \
  })
#else
#define sqrt_lanes(x) \
  ({ \
    Lanes x_ = (x); \
    (Lanes) { sqrt (x_[0]), sqrt (x_[1]), sqrt (x_[2]), sqrt (x_[3]) }; \
  })
#endif

/* MIN (a, b) lane by lane, as the macro would choose. */
#define min_lanes(a, b) \
  ({ \
    Lanes a_ = (a), b_ = (b); \
    LaneMask a_smaller_ = a_ < b_; \
    (Lanes) ((a_smaller_ & (LaneMask) a_) | (~a_smaller_ & (LaneMask) b_)); \
  })

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

typedef void (*BlockFunc) (gpointer data, gsize block);

typedef struct
{
  BlockFunc  func;
  gpointer   data;
  gsize      n_blocks;
  guint      n_threads;
  guint      thread;
} Worker;

static gpointer
run_worker (gpointer data)
{
  Worker *worker = data;

  for (gsize b = worker->thread; b < worker->n_blocks; b += worker->n_threads)
    worker->func (worker->data, b);
  return NULL;
}

/* Runs FUNC on every block, N_THREADS at a time; blocks write only their
 * own results, so the threads need no lock. */
static void
parallel_blocks (BlockFunc  func,
                 gpointer   data,
                 gsize      n_blocks,
                 guint      n_threads)
{
  Worker workers[MAX_THREADS] = { { NULL } };
  GThread *threads[MAX_THREADS] = { NULL };

  for (guint t = 0; t < n_threads; t++)
    {
      workers[t] = (Worker) { func, data, n_blocks, n_threads, t };
      if (t > 0)
        threads[t] = g_thread_try_new ("mc-kmeans", run_worker, &workers[t], NULL);
      if (t > 0 && threads[t] == NULL)
        run_worker (&workers[t]);
    }
  run_worker (&workers[0]);
  for (guint t = 1; t < n_threads; t++)
    if (threads[t] != NULL)
      g_thread_join (threads[t]);
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
  step->center_lanes = interleave (points, k, d);
  if (step->bounded)
    prepare_bounds (step);
  parallel_blocks (step_block, step, step->n_blocks, step->n_threads);
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

/* k-means++ (greedy, as scikit-learn: the best of 2 + ln k candidates
 * at each step), its passes over the rows in parallel blocks */

#define MAX_TRIALS 8

typedef struct
{
  const McMatrix *matrix;
  double         *closest;        /* per row: squared distance to the nearest centre so far */
  double         *block_totals;   /* per block: sum of closest */
  const double   *candidates[MAX_TRIALS];
  guint           n_candidates;
  Lanes          *candidate_lanes;  /* the candidates interleaved */
  double         *candidate_totals; /* per block × candidate */
  guint32        *nearest;        /* per row: the centre closest is the distance to */
  guint           n_centers;      /* chosen so far */
  const double   *centers;
  double         *beyond;         /* per candidate × centre: see far_enough() */
  Lanes          *beyond_lanes;   /* per centre × group of candidates: the same */
} Seeding;

/* A row whose nearest centre c is at squared distance CLOSEST cannot be
 * nearer to a point p when |c - p| >= 2 sqrt (CLOSEST) (the triangle
 * inequality): then MIN (closest, distance) is CLOSEST, and the distance
 * need not be worked out. BEYOND holds |c - p|² / 4, less a margin far
 * wider than rounding, so that a row is skipped only when the distance
 * would certainly have lost: the totals stay the same to the bit. Rows of
 * other clusters, most of them once a few centres are chosen, are skipped
 * this way. */
#define BEYOND_MARGIN 1e-9

static void
set_beyond (Seeding *s,
            guint    t)
{
  guint d = s->matrix->d;

  for (guint c = 0; c < s->n_centers; c++)
    s->beyond[t * s->n_centers + c] = distance2 (s->centers + c * d, s->candidates[t], d) / 4 * (1 - BEYOND_MARGIN);
}

static inline gboolean
far_enough (const Seeding *s,
            guint          t,
            gsize          row)
{
  return s->closest[row] < s->beyond[t * s->n_centers + s->nearest[row]];
}

/* BEYOND of every candidate, interleaved by centre as the candidates are,
 * so a row tests two candidates in one operation; lanes past the last
 * candidate always pass. */
static void
interleave_beyond (Seeding *s)
{
  guint n_groups = (s->n_candidates + LANES - 1) / LANES;

  for (guint c = 0; c < s->n_centers; c++)
    for (guint g = 0; g < n_groups; g++)
      for (guint l = 0; l < LANES; l++)
        s->beyond_lanes[c * n_groups + g][l] = g * LANES + l < s->n_candidates
                                               ? s->beyond[(g * LANES + l) * s->n_centers + c]
                                               : INFINITY;
}

/* Each candidate's total if it were chosen, block by block. */
MC_VECTOR_CLONES static void
try_candidates_block (gpointer data,
                      gsize    block)
{
  Seeding *s = data;
  guint d = s->matrix->d;
  gsize end = MIN ((block + 1) * BLOCK_ROWS, s->matrix->n);
  guint n_groups = (s->n_candidates + LANES - 1) / LANES;
  Lanes totals[(MAX_TRIALS + LANES - 1) / LANES] = { { 0 } };

  for (gsize i = block * BLOCK_ROWS; i < end; i++)
    {
      Lanes closest = s->closest[i] - (Lanes) { 0 };
      const Lanes *beyond = s->beyond_lanes + s->nearest[i] * n_groups;

      for (guint g = 0; g < n_groups; g++)
        {
          LaneMask far = closest < beyond[g];
          gboolean all_far = TRUE;

          for (guint l = 0; l < LANES; l++)
            all_far &= far[l] != 0;
          totals[g] += all_far
                       ? closest
                       : min_lanes (closest, distance2_lanes (s->matrix->values + i * d, s->candidate_lanes + g * d, d));
        }
    }
  for (guint t = 0; t < s->n_candidates; t++)
    s->candidate_totals[block * MAX_TRIALS + t] = totals[t / LANES][t % LANES];
}

/* The chosen candidate (candidates[0]) becomes a centre. */
MC_VECTOR_CLONES static void
take_candidate_block (gpointer data,
                      gsize    block)
{
  Seeding *s = data;
  guint d = s->matrix->d;
  gsize end = MIN ((block + 1) * BLOCK_ROWS, s->matrix->n);
  double total = 0;

  for (gsize i = block * BLOCK_ROWS; i < end; i++)
    {
      if (s->n_centers == 0 || !far_enough (s, 0, i))
        {
          double dist = distance2 (s->matrix->values + i * d, s->candidates[0], d);

          if (dist < s->closest[i])
            s->nearest[i] = s->n_centers;
          s->closest[i] = MIN (s->closest[i], dist);
        }
      total += s->closest[i];
    }
  s->block_totals[block] = total;
}

/* A row drawn with probability proportional to its distance: the block
 * first, from the block totals, then the row. */
static gsize
sample_row (Seeding *s,
            gsize    n_blocks,
            GRand   *rand)
{
  double total = 0, target, running = 0;
  gsize block = 0;

  for (gsize b = 0; b < n_blocks; b++)
    total += s->block_totals[b];
  if (!(total > 0))
    return g_rand_int_range (rand, 0, (gint32) MIN (s->matrix->n, G_MAXINT32));
  target = g_rand_double (rand) * total;
  while (block + 1 < n_blocks && running + s->block_totals[block] < target)
    running += s->block_totals[block++];
  for (gsize i = block * BLOCK_ROWS; i < MIN ((block + 1) * BLOCK_ROWS, s->matrix->n); i++)
    if ((running += s->closest[i]) >= target)
      return i;
  return MIN ((block + 1) * BLOCK_ROWS, s->matrix->n) - 1;
}

static void
init_centers (const McMatrix *m,
              guint           k,
              GRand          *rand,
              guint           n_threads,
              double         *centers)
{
  guint d = m->d;
  gsize n_blocks = (m->n + BLOCK_ROWS - 1) / BLOCK_ROWS;
  g_autofree double *closest = g_new (double, MAX (m->n, 1));
  g_autofree double *block_totals = g_new (double, MAX (n_blocks, 1));
  g_autofree double *candidate_totals = g_new (double, MAX (n_blocks, 1) * MAX_TRIALS);
  g_autofree guint32 *nearest = g_new0 (guint32, MAX (m->n, 1));
  g_autofree double *beyond = g_new (double, MAX_TRIALS * k);
  g_autofree Lanes *beyond_lanes = g_aligned_alloc (k * ((MAX_TRIALS + LANES - 1) / LANES), sizeof (Lanes), sizeof (Lanes));
  Seeding s = { m, closest, block_totals };
  gsize first = g_rand_int_range (rand, 0, (gint32) MIN (m->n, G_MAXINT32));

  s.candidate_totals = candidate_totals;
  s.nearest = nearest;
  s.beyond = beyond;
  s.beyond_lanes = beyond_lanes;
  s.centers = centers;
  memcpy (centers, m->values + first * d, d * sizeof (double));
  for (gsize i = 0; i < m->n; i++)
    closest[i] = INFINITY;
  s.candidates[0] = centers;
  parallel_blocks (take_candidate_block, &s, n_blocks, n_threads);
  s.n_centers = 1;
  for (guint c = 1; c < k; c++)
    {
      gsize picks[MAX_TRIALS];
      double best_total = INFINITY;
      guint best = 0;

      s.n_candidates = MIN (2 + (guint) log (k), MAX_TRIALS);
      for (guint t = 0; t < s.n_candidates; t++)
        {
          picks[t] = sample_row (&s, n_blocks, rand);
          s.candidates[t] = m->values + picks[t] * d;
        }
      for (guint t = 0; t < s.n_candidates; t++)
        set_beyond (&s, t);
      interleave_beyond (&s);
      s.candidate_lanes = interleave (s.candidates, s.n_candidates, d);
      parallel_blocks (try_candidates_block, &s, n_blocks, n_threads);
      g_clear_pointer (&s.candidate_lanes, g_aligned_free);
      for (guint t = 0; t < s.n_candidates; t++)
        {
          double total = 0;

          for (gsize b = 0; b < n_blocks; b++)
            total += candidate_totals[b * MAX_TRIALS + t];
          if (total < best_total)
            best_total = total, best = t;
        }
      memcpy (centers + c * d, m->values + picks[best] * d, d * sizeof (double));
      s.candidates[0] = centers + c * d;
      set_beyond (&s, 0);
      parallel_blocks (take_candidate_block, &s, n_blocks, n_threads);
      s.n_centers++;
    }
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

      init_centers (matrix, k, rand, step.n_threads, centers);
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

/* Quality */

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
  s.pairs = pairs = interleave (point_rows, m, d);
  parallel_blocks (silhouette_block, &s, (m + SILHOUETTE_BLOCK - 1) / SILHOUETTE_BLOCK,
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
mc_adjusted_rand_index (const guint32 *a,
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

/* The largest eigenvector of the symmetric D × D matrix A (power
 * iteration from a fixed start), and its eigenvalue. */
static double
top_eigenvector (const double *a,
                 guint         d,
                 double       *vector)
{
  g_autofree double *next = g_new (double, d);
  double value = 0;

  for (guint j = 0; j < d; j++)
    vector[j] = 1.0 / sqrt (d) + 1e-3 * j;
  for (int it = 0; it < 500; it++)
    {
      double norm = 0;

      for (guint r = 0; r < d; r++)
        {
          next[r] = 0;
          for (guint c = 0; c < d; c++)
            next[r] += a[r * d + c] * vector[c];
          norm += next[r] * next[r];
        }
      norm = sqrt (norm);
      if (norm == 0)
        return 0;
      value = norm;
      for (guint j = 0; j < d; j++)
        vector[j] = next[j] / norm;
    }
  return value;
}

double *
mc_matrix_pca2 (const McMatrix *matrix)
{
  guint d = matrix->d;
  g_autofree double *mean = g_new0 (double, MAX (d, 1));
  g_autofree double *cov = g_new0 (double, MAX (d * d, 1));
  g_autofree double *first = g_new0 (double, MAX (d, 1));
  g_autofree double *second = g_new0 (double, MAX (d, 1));
  double *points = g_new0 (double, MAX (2 * matrix->n, 1)), lambda;

  for (gsize i = 0; i < matrix->n; i++)
    for (guint j = 0; j < d; j++)
      mean[j] += matrix->values[i * d + j] / matrix->n;
  for (gsize i = 0; i < matrix->n; i++)
    for (guint r = 0; r < d; r++)
      for (guint c = 0; c < d; c++)
        cov[r * d + c] += (matrix->values[i * d + r] - mean[r]) * (matrix->values[i * d + c] - mean[c]);
  lambda = top_eigenvector (cov, d, first);
  /* Deflate: what the first component does not explain. */
  for (guint r = 0; r < d; r++)
    for (guint c = 0; c < d; c++)
      cov[r * d + c] -= lambda * first[r] * first[c];
  /* Data on a line has no second component: rounding noise is not one. */
  if (d > 1 && top_eigenvector (cov, d, second) <= 1e-9 * lambda)
    memset (second, 0, d * sizeof (double));
  for (gsize i = 0; i < matrix->n; i++)
    for (guint j = 0; j < d; j++)
      {
        points[2 * i] += (matrix->values[i * d + j] - mean[j]) * first[j];
        points[2 * i + 1] += (matrix->values[i * d + j] - mean[j]) * second[j];
      }
  return points;
}
