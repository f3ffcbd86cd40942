/* mc-stats.h: the statistics analyses need, with no dependency but libm
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A compensated (Neumaier) sum: a million amounts add up to the cent. */
typedef struct
{
  double sum;
  double compensation;
} McSum;

static inline void
mc_sum_add (McSum  *self,
            double  value)
{
  double total = self->sum + value;

  if (self->sum >= value ? self->sum >= -value : value >= -self->sum)
    self->compensation += (self->sum - total) + value;   /* |sum| ≥ |value| */
  else
    self->compensation += (value - total) + self->sum;
  self->sum = total;
}

static inline double
mc_sum_value (const McSum *self)
{
  return self->sum + self->compensation;
}

/* Q(a, x) = Γ(a, x) / Γ(a): the upper tail of a gamma distribution,
 * accurate to about 1e-14 relative. */
double   mc_stats_gamma_q            (double        a,
                                      double        x);
/* P(χ² ≥ statistic) with DOF degrees of freedom. */
double   mc_stats_chi_square_p       (double        statistic,
                                      double        dof);
/* Pearson's r of N pairs; NAN when either side does not vary. */
double   mc_stats_pearson            (const double *x,
                                      const double *y,
                                      gsize         n);
/* "negligible", "weak", "moderate" or "strong", by the usual cut-offs of
 * Cramér's V (0.1, 0.3, 0.5). */
const char *mc_stats_association_strength (double cramers_v);

G_END_DECLS
