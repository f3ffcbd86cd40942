/* mc-kmeans-seed.c: the starting centres: greedy k-means++
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-kmeans"

#include "config.h"

#include <string.h>

#include "mc-kmeans-private.h"

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

void
_mc_kmeans_init_centers (const McMatrix *m,
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
  _mc_kmeans_parallel_blocks (take_candidate_block, &s, n_blocks, n_threads);
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
      s.candidate_lanes = _mc_kmeans_interleave (s.candidates, s.n_candidates, d);
      _mc_kmeans_parallel_blocks (try_candidates_block, &s, n_blocks, n_threads);
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
      _mc_kmeans_parallel_blocks (take_candidate_block, &s, n_blocks, n_threads);
      s.n_centers++;
    }
}

