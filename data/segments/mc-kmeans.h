/* mc-kmeans.h: k-means clustering, fast, multi-threaded and deterministic
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mc-matrix.h"
#include "mc-progress.h"

G_BEGIN_DECLS

#define MC_KMEANS_ERROR (mc_kmeans_error_quark ())

typedef enum
{
  MC_KMEANS_ERROR_INVALID,
} McKmeansError;

typedef struct
{
  guint    k;
  guint    n_init;        /* runs from different k-means++ starts; the best kept */
  guint    max_iter;      /* Lloyd iterations per run */
  double   tol;           /* stop when centres move less (relative, as scikit-learn) */
  guint64  seed;
  guint    n_threads;     /* 0: one per processor */
} McKmeansOptions;

typedef struct
{
  guint    k;
  guint    d;
  double  *centers;       /* k × d, in the units clustered */
  guint32 *labels;        /* per row */
  gsize   *sizes;         /* per cluster */
  double   inertia;       /* sum of squared distances to the centres */
  guint    n_iter;        /* of the best run */
} McKmeansResult;

void            mc_kmeans_options_init    (McKmeansOptions  *options,
                                           guint             k);

/* k-means++ starts, Lloyd iterations; the same result for a seed on any
 * number of threads. PROGRESS (may be NULL) is called between
 * iterations, and CANCELLABLE checked there. */
McKmeansResult *mc_kmeans_run             (const McMatrix   *matrix,
                                           const McKmeansOptions *options,
                                           McProgressFunc    progress,
                                           gpointer          user_data,
                                           GCancellable     *cancellable,
                                           GError          **error);
void            mc_kmeans_result_free     (McKmeansResult   *result);

/* Quality of a clustering, for choosing k. The silhouette uses at most
 * SAMPLE rows picked with SEED (0: all rows). */
double          mc_kmeans_silhouette      (const McMatrix   *matrix,
                                           const guint32    *labels,
                                           guint             k,
                                           gsize             sample,
                                           guint64           seed);
double          mc_kmeans_calinski_harabasz (const McMatrix *matrix,
                                           const McKmeansResult *result);
double          mc_kmeans_davies_bouldin  (const McMatrix   *matrix,
                                           const McKmeansResult *result);
/* Agreement of two labellings, 1 for the same partition. */
double          mc_kmeans_adjusted_rand_index (const guint32  *a,
                                           const guint32    *b,
                                           gsize             n);

GQuark          mc_kmeans_error_quark     (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McKmeansResult, mc_kmeans_result_free)

G_END_DECLS
