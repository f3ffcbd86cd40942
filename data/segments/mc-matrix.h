/* mc-matrix.h: rows of numbers to cluster: scaling and a plane to show them on
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  MC_SCALE_NONE,
  MC_SCALE_ZSCORE,   /* (x − mean) ÷ standard deviation */
  MC_SCALE_MINMAX,   /* (x − min) ÷ (max − min) */
  MC_SCALE_ROBUST,   /* (x − median) ÷ interquartile range */
} McScale;

/* N rows × D columns, row after row. */
typedef struct
{
  gsize   n;
  guint   d;
  double *values;
} McMatrix;

/* Scales the columns of MATRIX in place; LOG1P lists columns (or NULL)
 * to take log(1 + x) of first, for skewed money and counts. */
void            mc_matrix_scale           (McMatrix         *matrix,
                                           McScale           scale,
                                           const gboolean   *log1p);
gboolean        mc_scale_from_string      (const char       *name,
                                           McScale          *scale);
/* The first two principal components of MATRIX, as N × 2 points. */
double         *mc_matrix_pca2            (const McMatrix   *matrix);

G_END_DECLS
