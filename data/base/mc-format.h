/* mc-format.h: numbers, amounts, days and identifiers written for people
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one place Mercato turns values into text: chart axes and
 * tooltips, the app's tiles and lists, the report and the CSV writer's
 * dates all use it, so a figure reads the same everywhere. Numbers are
 * grouped in every locale, the C locale (LANG unset) too: 1,234,567.
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

/* Digits grouped in threes by the locale's thousands separator (a comma
 * where the locale names none), with its decimal mark. */
char    *mc_format_grouped      (double         value,
                                 int            decimals);
/* A count, grouped: "1,234,567". */
char    *mc_format_count        (gsize          count);
/* An amount as a business dashboard's tile writes it: "49.57 M",
 * "812.40"; the exact amount belongs in the tooltip. */
char    *mc_format_compact      (double         value);
/* A value as people write it: whole and grouped from 100 ("32,755"),
 * else two significant digits ("0.45", "2.3"). */
char    *mc_format_rounded      (double         value);
/* A value as an axis label: short ("1.2 M", "25 %", "May 2023") when
 * SHORT, else in full ("1,234,567.89"). STEP is the tick step, which
 * decides the decimals shown. */
char    *mc_format_value        (double         value,
                                 McValueFormat  format,
                                 double         step,
                                 gboolean       short_form);
/* The step writing VALUE to three significant digits (10.5 %, 4.24 k). */
double   mc_significant_step    (double         value);
/* A day (since 1970-01-01) as an axis of STEP labels it: "14 Sep",
 * "Sep 2023", "Q3 2023", "2023". */
char    *mc_format_day          (double         day,
                                 McDateStep     step);

/* Identifiers and times as the CSV writer and the JSON outputs write
 * them: a UUID's 16 bytes (PLAIN: without hyphens), an ISO day, an ISO
 * date and time with microseconds when there are any. */
void     mc_format_uuid         (const guint8  *bytes,
                                 gboolean       upper,
                                 gboolean       plain,
                                 char           out[37]);
void     mc_format_date         (gint32         days,
                                 char           out[16]);
void     mc_format_datetime     (gint64         micros,
                                 char           out[40]);

G_END_DECLS
