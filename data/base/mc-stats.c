/* mc-stats.c: the statistics analyses need, with no dependency but libm
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The incomplete gamma function is evaluated the textbook way: its
 * power series below x = a + 1, Legendre's continued fraction (modified
 * Lentz) above, where each converges fast.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "mc-stats.h"

#define EPSILON 1e-16
#define MAX_TERMS 1000

/* P(a, x) by its series, for x < a + 1. */
static double
gamma_p_series (double a,
                double x)
{
  double term = 1.0 / a, sum = term;

  for (int n = 1; n < MAX_TERMS && fabs (term) > fabs (sum) * EPSILON; n++)
    {
      term *= x / (a + n);
      sum += term;
    }
  return sum * exp (-x + a * log (x) - lgamma (a));
}

/* Q(a, x) by its continued fraction, for x ≥ a + 1. */
static double
gamma_q_fraction (double a,
                  double x)
{
  const double tiny = 1e-300;
  double b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d;

  for (int n = 1; n < MAX_TERMS; n++)
    {
      double an = -n * (n - a), delta;

      b += 2;
      d = an * d + b;
      d = fabs (d) < tiny ? tiny : d;
      c = b + an / c;
      c = fabs (c) < tiny ? tiny : c;
      d = 1 / d;
      delta = d * c;
      h *= delta;
      if (fabs (delta - 1) < EPSILON)
        break;
    }
  return exp (-x + a * log (x) - lgamma (a)) * h;
}

double
mc_stats_gamma_q (double a,
                  double x)
{
  g_return_val_if_fail (a > 0, NAN);

  if (x <= 0)
    return 1.0;
  if (x < a + 1)
    return 1.0 - gamma_p_series (a, x);
  return gamma_q_fraction (a, x);
}

double
mc_stats_chi_square_p (double statistic,
                       double dof)
{
  if (dof <= 0 || isnan (statistic))
    return NAN;
  return mc_stats_gamma_q (dof / 2, statistic / 2);
}

double
mc_stats_pearson (const double *x,
                  const double *y,
                  gsize         n)
{
  double mean_x = 0, mean_y = 0, xy = 0, xx = 0, yy = 0;

  if (n < 2)
    return NAN;
  for (gsize i = 0; i < n; i++)
    {
      mean_x += x[i] / n;
      mean_y += y[i] / n;
    }
  for (gsize i = 0; i < n; i++)
    {
      xy += (x[i] - mean_x) * (y[i] - mean_y);
      xx += (x[i] - mean_x) * (x[i] - mean_x);
      yy += (y[i] - mean_y) * (y[i] - mean_y);
    }
  return xx > 0 && yy > 0 ? xy / sqrt (xx * yy) : NAN;
}

/* The words are English, marked for where they are shown: "a %s
 * association" (mc-platforms.c translates them in that context). */
const char *
mc_stats_association_strength (double cramers_v)
{
  if (cramers_v < 0.1)
    return NC_("association strength", "negligible");
  if (cramers_v < 0.3)
    return NC_("association strength", "weak");
  return cramers_v < 0.5 ? NC_("association strength", "moderate") : NC_("association strength", "strong");
}
