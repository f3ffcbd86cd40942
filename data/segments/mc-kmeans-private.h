/* mc-kmeans-private.h: what the files of k-means share: distances four at a time, blocks on threads
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <math.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "mc-kmeans.h"

G_BEGIN_DECLS

/* Rows go through k-means in blocks of this many: the unit of work of a
 * thread, and of the partial sums added in a fixed order. */
#define BLOCK_ROWS 8192
#define MAX_THREADS 16

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
 * one build and pairs of SSE ones in the other; nothing outside the
 * k-means files sees them, so the two calling conventions never meet. */
#pragma GCC diagnostic ignored "-Wpsabi"

typedef double Lanes __attribute__ ((vector_size (LANES * sizeof (double))));
typedef gint64 LaneMask __attribute__ ((vector_size (LANES * sizeof (gint64))));


/* Interleaves the N points of POINTS (d doubles each) into
 * ceil (N / LANES) groups of D Lanes; lanes past N repeat point 0. */
Lanes        *_mc_kmeans_interleave       (const double * const *points,
                                           guint                 n,
                                           guint                 d);

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

typedef void (*BlockFunc) (gpointer data, gsize block);

/* Runs FUNC on every block, N_THREADS at a time; blocks write only their
 * own results, so the threads need no lock. */
void          _mc_kmeans_parallel_blocks  (BlockFunc   func,
                                           gpointer    data,
                                           gsize       n_blocks,
                                           guint       n_threads);

/* mc-kmeans-seed.c: greedy k-means++, the K starting centres. */
void          _mc_kmeans_init_centers     (const McMatrix *m,
                                           guint           k,
                                           GRand          *rand,
                                           guint           n_threads,
                                           double         *centers);

G_END_DECLS
