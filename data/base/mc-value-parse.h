/* mc-value-parse.h: fast, locale-independent parsing of cell text
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reader calls these once per cell, so they take (text, length) and
 * never allocate. Cleaning and filters reuse them to read user input.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How a number was written; decides between "1,234" (thousands) and
 * "1,5" (decimal comma) once the whole column has been seen. */
typedef enum
{
  MC_NUMBER_NONE,           /* not a number */
  MC_NUMBER_INTEGER,        /* 42, -7: plain digits, no leading zero */
  MC_NUMBER_DECIMAL,        /* 1.5, 2e3, .5 */
  MC_NUMBER_COMMA_DECIMAL,  /* 1,5  1234,56: only a decimal comma fits */
  MC_NUMBER_COMMA_GROUPED,  /* 1,234,567  1,234.5: only thousands commas fit */
  MC_NUMBER_DOT_GROUPED,    /* 1.234.567  1.234,5: only thousands dots fit */
  MC_NUMBER_COMMA_AMBIGUOUS,/* 12,500: thousands, or 12.5 with a decimal comma */
} McNumberSyntax;

typedef enum
{
  MC_DATE_NONE,
  MC_DATE_ISO,              /* 2024-05-01 (or 2024/05/01): days */
  MC_DATETIME_ISO,          /* 2024-05-01 13:45[:00[.123456]][Z|+02:00]: µs UTC */
  MC_DATE_AB,               /* 01/05/2024, 20-10-2017: order not yet known */
  MC_DATETIME_AB,           /* 01/05/2024 13:45:00 */
} McDateSyntax;

gboolean        mc_is_missing_token     (const char   *text,
                                         gsize         len);
gboolean        mc_parse_int64          (const char   *text,
                                         gsize         len,
                                         gint64       *value);
McNumberSyntax  mc_parse_number         (const char   *text,
                                         gsize         len,
                                         double       *value);
gboolean        mc_parse_number_european (const char  *text,
                                         gsize         len,
                                         double       *value);
gboolean        mc_parse_boolean        (const char   *text,
                                         gsize         len,
                                         guint8       *value);
gboolean        mc_parse_uuid           (const char   *text,
                                         gsize         len,
                                         guint8        bytes[16],
                                         int          *letter_case,
                                         gboolean     *plain);
McDateSyntax    mc_parse_date           (const char   *text,
                                         gsize         len,
                                         gint64       *value);
gint32          mc_days_from_civil      (int           year,
                                         int           month,
                                         int           day);
void            mc_civil_from_days      (gint32        days,
                                         int          *year,
                                         int          *month,
                                         int          *day);
gboolean        mc_date_is_valid        (int           year,
                                         int           month,
                                         int           day);

/* Ambiguous dates are kept packed until the column's order is known:
 * ((year * 100 + a) * 100 + b) for dates, that times 86400 s in µs plus
 * the time of day for datetimes. */
#define MC_MICROS_PER_DAY G_GINT64_CONSTANT (86400000000)

G_END_DECLS
