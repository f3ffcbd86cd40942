/* mc-chart-axis.h: the ticks of chart axes
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions (no cairo): what values an axis marks; how each is
 * written is mc-format.h's.
 */
#pragma once

#include <glib.h>

#include "mc-format.h"

G_BEGIN_DECLS

typedef struct
{
  double  min;         /* the axis range, widened to the ticks */
  double  max;
  double  step;
  guint   n_ticks;
  double *ticks;
  McDateStep date_step; /* for MC_VALUE_DAY */
} McTicks;

/* "Nice" ticks (1, 2, 2.5, 5 × 10^k) covering [LOW, HIGH], about
 * WANTED of them; ZERO_BASED extends the range to 0 (bars). */
void     mc_ticks_init_numeric  (McTicks       *ticks,
                                 double         low,
                                 double         high,
                                 guint          wanted,
                                 gboolean       zero_based);
/* Ticks on calendar days, months or years between two days. */
void     mc_ticks_init_dates    (McTicks       *ticks,
                                 double         first_day,
                                 double         last_day,
                                 guint          wanted);
void     mc_ticks_clear         (McTicks       *ticks);

G_END_DECLS
