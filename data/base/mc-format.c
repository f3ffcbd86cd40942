/* mc-format.c: numbers, amounts, days and identifiers written for people
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-format"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <langinfo.h>
#include <math.h>
#include <string.h>

#include "mc-format.h"

/* The locale's marks. printf's %' groups as LC_NUMERIC says, which is
 * not at all in the C locale (LANG unset): 1234567 would read as a
 * code, so a locale without a separator gets the comma (or the point,
 * where the comma is the decimal mark). */
static void
locale_marks (const char **point,
              const char **separator)
{
  *point = nl_langinfo (RADIXCHAR);
  *separator = nl_langinfo (THOUSEP);
  if (*point == NULL || **point == '\0')
    *point = ".";
  if (*separator == NULL || **separator == '\0')
    *separator = strcmp (*point, ",") == 0 ? "." : ",";
}

/* ASCII is "-1234567.89" (or "nan", "inf"): its digits grouped and its
 * point the locale's. */
static char *
group_ascii (const char *ascii)
{
  const char *point, *separator, *digits = ascii, *end;
  GString *out = g_string_new (NULL);
  gsize n_digits;

  locale_marks (&point, &separator);
  if (*digits == '-')
    g_string_append_c (out, *digits++);
  for (end = digits; g_ascii_isdigit (*end); end++)
    ;
  n_digits = end - digits;
  for (gsize i = 0; i < n_digits; i++)
    {
      if (i > 0 && (n_digits - i) % 3 == 0)
        g_string_append (out, separator);
      g_string_append_c (out, digits[i]);
    }
  if (*end == '.')
    {
      g_string_append (out, point);
      end++;
    }
  g_string_append (out, end);
  return g_string_free (out, FALSE);
}

char *
mc_format_grouped (double value,
                   int    decimals)
{
  /* %.*f of the largest double is 309 digits and the decimals. */
  char ascii[400];
  char format[16];

  g_snprintf (format, sizeof format, "%%.%df", CLAMP (decimals, 0, 20));
  g_ascii_formatd (ascii, sizeof ascii, format, value);
  return group_ascii (ascii);
}

char *
mc_format_count (gsize count)
{
  char ascii[32];

  g_snprintf (ascii, sizeof ascii, "%" G_GSIZE_FORMAT, count);
  return group_ascii (ascii);
}

/* Decimals that write every multiple of STEP exactly: 2.5 needs one,
 * 0.025 three (with two, 0.525 would read 0.53). */
static int
decimals_for (double step)
{
  int decimals = 0;
  double scaled = step;

  if (!(step > 0) || !isfinite (step))
    return 0;
  while (decimals < 6 && fabs (scaled - round (scaled)) > 1e-6 * scaled)
    {
      decimals++;
      scaled *= 10;
    }
  return decimals;
}

static const struct
{
  double      scale;
  const char *suffix;
} scales[] = {
  { 1e12, N_("T") }, { 1e9, N_("B") }, { 1e6, N_("M") }, { 1e3, N_("k") },
};

static char *
format_short (double value,
              double step)
{
  if (value == 0)
    return g_strdup ("0");
  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    if (fabs (value) >= scales[i].scale)
      {
        /* Two decimals at most: "4.24 k", never "4.2430 k". */
        g_autofree char *number = mc_format_grouped (value / scales[i].scale,
                                                     MIN (decimals_for (step / scales[i].scale), 2));

        return g_strdup_printf ("%s %s", number, _(scales[i].suffix));
      }
  return mc_format_grouped (value, decimals_for (step));
}

char *
mc_format_compact (double value)
{
  if (!isfinite (value))
    return g_strdup ("—");
  /* 999,999.99 rounds to 1.00 M, not 1,000.00 k. */
  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    if (fabs (value) >= scales[i].scale * (1 - 0.5e-5))
      {
        g_autofree char *number = mc_format_grouped (value / scales[i].scale, 2);

        return g_strdup_printf ("%s %s", number, _(scales[i].suffix));
      }
  return mc_format_grouped (value, 2);
}

char *
mc_format_rounded (double value)
{
  char ascii[G_ASCII_DTOSTR_BUF_SIZE];

  if (fabs (value) >= 100)
    return mc_format_grouped (value, 0);
  g_ascii_formatd (ascii, sizeof ascii, "%.2g", value);
  return group_ascii (ascii);
}

/* The step that writes VALUE to three significant digits, for labels
 * of values that are not ticks (a colour scale's ends): 0.10526 → 0.001. */
double
mc_significant_step (double value)
{
  if (!(fabs (value) > 0) || !isfinite (value))
    return 1;
  return pow (10, floor (log10 (fabs (value))) - 2);
}

char *
mc_format_day (double     day,
               McDateStep step)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc ((gint64) floor (day) * 86400);
  int quarter = (g_date_time_get_month (time) - 1) / 3 + 1;

  switch (step)
    {
    case MC_DATE_STEP_YEAR:
      return g_date_time_format (time, "%Y");
    case MC_DATE_STEP_QUARTER:
      return g_strdup_printf (_("Q%d %d"), quarter, g_date_time_get_year (time));
    case MC_DATE_STEP_MONTH:
      /* %b is the locale's abbreviated month name. */
      return g_date_time_format (time, "%b %Y");
    case MC_DATE_STEP_WEEK:
    case MC_DATE_STEP_DAY:
    default:
      {
        g_autofree char *month = g_date_time_format (time, "%b");

        return g_strdup_printf ("%d %s", g_date_time_get_day_of_month (time), month);
      }
    }
}

char *
mc_format_value (double        value,
                 McValueFormat format,
                 double        step,
                 gboolean      short_form)
{
  if (isnan (value))
    return g_strdup ("—");
  switch (format)
    {
    case MC_VALUE_PERCENT:
      {
        g_autofree char *number = NULL;

        if (value == 0 && short_form)
          return g_strdup ("0 %");
        number = mc_format_grouped (100 * value, short_form ? MIN (decimals_for (100 * step), 2) : 1);

        return g_strdup_printf ("%s %%", number);
      }
    case MC_VALUE_DAY:
      return mc_format_day (value, MC_DATE_STEP_DAY);
    case MC_VALUE_MONEY:
      return short_form ? format_short (value, step) : mc_format_grouped (value, 2);
    case MC_VALUE_COUNT:
      return short_form ? format_short (value, MAX (step, 1)) : mc_format_grouped (value, 0);
    case MC_VALUE_NUMBER:
    default:
      return short_form ? format_short (value, step) : mc_format_grouped (value, decimals_for (step));
    }
}

void
mc_format_uuid (const guint8 *bytes,
                gboolean      upper,
                gboolean      plain,
                char          out[37])
{
  const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  char *p = out;

  for (guint i = 0; i < 16; i++)
    {
      if (!plain && (i == 4 || i == 6 || i == 8 || i == 10))
        *p++ = '-';
      *p++ = digits[bytes[i] >> 4];
      *p++ = digits[bytes[i] & 0xf];
    }
  *p = '\0';
}

void
mc_format_date (gint32 days,
                char   out[16])
{
  g_autoptr(GDate) date = g_date_new_julian (719163 + days);

  g_snprintf (out, 16, "%04d-%02d-%02d",
              g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

void
mc_format_datetime (gint64 micros,
                    char   out[40])
{
  gint64 day_micros = G_GINT64_CONSTANT (86400000000);
  gint64 days = micros >= 0 ? micros / day_micros : -((-micros + day_micros - 1) / day_micros);
  gint64 rest = micros - days * day_micros;
  gint64 seconds = rest / 1000000;
  gint64 fraction = rest % 1000000;
  char date[16];

  mc_format_date ((gint32) days, date);
  if (fraction != 0)
    g_snprintf (out, 40, "%s %02d:%02d:%02d.%06d", date,
                (int) (seconds / 3600), (int) (seconds / 60 % 60), (int) (seconds % 60),
                (int) fraction);
  else
    g_snprintf (out, 40, "%s %02d:%02d:%02d", date,
                (int) (seconds / 3600), (int) (seconds / 60 % 60), (int) (seconds % 60));
}
