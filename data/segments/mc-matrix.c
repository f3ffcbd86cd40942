/* mc-matrix.c: rows of numbers to cluster: scaling and a plane to show them on
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-matrix"

#include "config.h"

#include <math.h>
#include <string.h>

#include "mc-column.h"  /* mc_sort_doubles(), mc_quantile() */
#include "mc-matrix.h"

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
