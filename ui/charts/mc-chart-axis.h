/* mc-chart-axis.h: ticks, number and date labels for chart axes
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions (no cairo): what values an axis marks and how each is
 * written, in the user's locale.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  MC_VALUE_NUMBER,     /* 1,234.5 */
  MC_VALUE_COUNT,      /* 1,234 */
  MC_VALUE_MONEY,      /* 1,234.50, or 1.2 M on axes */
  MC_VALUE_PERCENT,    /* values are shares: 0.25 → 25 % */
  MC_VALUE_DAY,        /* days since 1970-01-01 */
} McValueFormat;

typedef enum
{
  MC_DATE_STEP_DAY,
  MC_DATE_STEP_WEEK,
  MC_DATE_STEP_MONTH,
  MC_DATE_STEP_QUARTER,
  MC_DATE_STEP_YEAR,
} McDateStep;

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

/* A value as an axis label: short ("1.2 M", "25 %", "May 2023") when
 * SHORT, else in full ("1,234,567.89"). STEP is the tick step, which
 * decides the decimals shown. */
char    *mc_format_value        (double         value,
                                 McValueFormat  format,
                                 double         step,
                                 gboolean       short_form);
/* The step writing VALUE to three significant digits (10.5 %, 4.24 k). */
double   mc_significant_step    (double         value);
char    *mc_format_day          (double         day,
                                 McDateStep     step);
/* Digits grouped by the locale's thousands separator. */
char    *mc_format_grouped      (double         value,
                                 int            decimals);

G_END_DECLS
