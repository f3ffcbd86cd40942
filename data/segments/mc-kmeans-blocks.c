/* mc-kmeans-blocks.c: points interleaved four at a time, blocks run on threads
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-kmeans"

#include "config.h"

#include "mc-kmeans-private.h"

/* Interleaves the N points of POINTS (d doubles each) into
 * ceil (N / LANES) groups of D Lanes; lanes past N repeat point 0. */
Lanes *
_mc_kmeans_interleave (const double * const *points,
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

void
_mc_kmeans_parallel_blocks (BlockFunc  func,
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

