/* mc-chart-axis.c: the ticks of chart axes
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-chart-axis"

#include "config.h"

#include <math.h>
#include <string.h>

#include "mc-chart-axis.h"
#include "mc-value-parse.h"

static double
nice_step (double range,
           guint  wanted)
{
  static const double steps[] = { 1, 2, 2.5, 5, 10 };
  double rough = range / MAX (wanted, 1), magnitude;

  if (!(rough > 0) || !isfinite (rough))
    return 1;
  magnitude = pow (10, floor (log10 (rough)));
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] * magnitude >= rough * 0.999)
      return steps[i] * magnitude;
  return 10 * magnitude;
}

void
mc_ticks_init_numeric (McTicks  *ticks,
                       double    low,
                       double    high,
                       guint     wanted,
                       gboolean  zero_based)
{
  memset (ticks, 0, sizeof *ticks);
  if (!isfinite (low) || !isfinite (high))
    low = 0, high = 1;
  if (zero_based)
    {
      low = MIN (low, 0);
      high = MAX (high, 0);
    }
  if (high - low < 1e-12 * MAX (fabs (high), 1))
    {
      /* One value: give it room on both sides (or above a zero base). */
      double pad = fabs (high) > 0 ? fabs (high) * 0.5 : 1;

      high += pad;
      low = zero_based && low >= 0 ? low : low - pad;
    }
  ticks->step = nice_step (high - low, wanted);
  ticks->min = floor (low / ticks->step + 1e-9) * ticks->step;
  ticks->max = ceil (high / ticks->step - 1e-9) * ticks->step;
  ticks->n_ticks = (guint) llround ((ticks->max - ticks->min) / ticks->step) + 1;
  ticks->ticks = g_new (double, ticks->n_ticks);
  for (guint i = 0; i < ticks->n_ticks; i++)
    ticks->ticks[i] = ticks->min + i * ticks->step;
}

/* The first day of the month (or quarter, year) on or after DAY. */
static gint32
next_boundary (gint32     day,
               McDateStep step)
{
  int year, month, mday;

  mc_civil_from_days (day, &year, &month, &mday);
  if (mday == 1 && (step == MC_DATE_STEP_MONTH || (step == MC_DATE_STEP_QUARTER && (month - 1) % 3 == 0)
                    || (step == MC_DATE_STEP_YEAR && month == 1)))
    return day;
  if (step == MC_DATE_STEP_YEAR)
    return mc_days_from_civil (year + 1, 1, 1);
  month += step == MC_DATE_STEP_QUARTER ? 3 - (month - 1) % 3 : 1;
  if (month > 12)
    month -= 12, year++;
  return mc_days_from_civil (year, month, 1);
}

static gint32
advance (gint32     day,
         McDateStep step,
         guint      count)
{
  int year, month, mday;

  if (step == MC_DATE_STEP_DAY || step == MC_DATE_STEP_WEEK)
    return day + (gint32) count * (step == MC_DATE_STEP_DAY ? 1 : 7);
  mc_civil_from_days (day, &year, &month, &mday);
  month += count * (step == MC_DATE_STEP_YEAR ? 12 : step == MC_DATE_STEP_QUARTER ? 3 : 1);
  year += (month - 1) / 12;
  month = (month - 1) % 12 + 1;
  return mc_days_from_civil (year, month, 1);
}

void
mc_ticks_init_dates (McTicks *ticks,
                     double   first_day,
                     double   last_day,
                     guint    wanted)
{
  /* The unit whose count over the range comes nearest WANTED, in steps
   * of 1, 2, 3, 6 (months) or 1, 2, 5 (years, days). */
  static const struct { McDateStep step; guint every; double days; } units[] = {
    { MC_DATE_STEP_DAY, 1, 1 }, { MC_DATE_STEP_DAY, 2, 2 }, { MC_DATE_STEP_WEEK, 1, 7 },
    { MC_DATE_STEP_WEEK, 2, 14 }, { MC_DATE_STEP_MONTH, 1, 30.44 }, { MC_DATE_STEP_MONTH, 2, 60.9 },
    { MC_DATE_STEP_QUARTER, 1, 91.3 }, { MC_DATE_STEP_MONTH, 6, 182.6 }, { MC_DATE_STEP_YEAR, 1, 365.25 },
    { MC_DATE_STEP_YEAR, 2, 730.5 }, { MC_DATE_STEP_YEAR, 5, 1826 }, { MC_DATE_STEP_YEAR, 10, 3652 },
  };
  double span = MAX (last_day - first_day, 1);
  guint u = 0;
  GArray *found = g_array_new (FALSE, FALSE, sizeof (double));
  gint32 day;

  memset (ticks, 0, sizeof *ticks);
  while (u + 1 < G_N_ELEMENTS (units) && span / units[u].days > wanted)
    u++;
  ticks->date_step = units[u].step;
  ticks->step = units[u].days;
  if (units[u].step == MC_DATE_STEP_WEEK)
    day = (gint32) ceil (first_day) + ((7 - ((gint32) ceil (first_day) + 3) % 7) % 7);   /* a Monday */
  else if (units[u].step == MC_DATE_STEP_DAY)
    day = (gint32) ceil (first_day);
  else
    day = next_boundary ((gint32) ceil (first_day), units[u].step == MC_DATE_STEP_MONTH && units[u].every == 6
                                                      ? MC_DATE_STEP_QUARTER : units[u].step);
  for (; day <= last_day; day = advance (day, units[u].step, units[u].every))
    {
      double value = day;

      g_array_append_val (found, value);
    }
  ticks->min = first_day;
  ticks->max = last_day;
  ticks->n_ticks = found->len;
  ticks->ticks = (double *) g_array_free (found, FALSE);
}

void
mc_ticks_clear (McTicks *ticks)
{
  g_clear_pointer (&ticks->ticks, g_free);
  ticks->n_ticks = 0;
}
