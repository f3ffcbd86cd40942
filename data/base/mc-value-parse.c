/* mc-value-parse.c: fast, locale-independent parsing of cell text
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-value-parse"

#include "config.h"

#include <math.h>
#include <string.h>

#include "mc-value-parse.h"

#define IS_DIGIT(c) ((guint) ((c) - '0') < 10)

/* The spellings pandas and spreadsheets use for "no value". */
gboolean
mc_is_missing_token (const char *text,
                     gsize       len)
{
  static const char *tokens[] = {
    "NA", "N/A", "n/a", "NaN", "nan", "-NaN", "null", "NULL", "Null",
    "None", "<NA>", "#N/A", "NAN",
  };
  gsize i;

  for (i = 0; i < len; i++)
    if (text[i] != ' ' && text[i] != '\t')
      break;
  if (i == len)
    return TRUE;
  if (len > 4)
    return FALSE;
  for (i = 0; i < G_N_ELEMENTS (tokens); i++)
    if (strlen (tokens[i]) == len && memcmp (tokens[i], text, len) == 0)
      return TRUE;
  return FALSE;
}

/* Accepts only integers written plainly ("42", "-7", "0"), so a column
 * of zero-padded codes such as "00042" is never read as numbers. */
gboolean
mc_parse_int64 (const char *text,
                gsize       len,
                gint64     *value)
{
  const char *p = text;
  const char *end = text + len;
  gboolean negative = FALSE;
  guint64 acc = 0;

  if (p < end && (*p == '-' || *p == '+'))
    negative = *p++ == '-';
  if (p == end || end - p > 18)
    return FALSE;
  if (*p == '0' && end - p > 1)
    return FALSE;
  for (; p < end; p++)
    {
      if (!IS_DIGIT (*p))
        return FALSE;
      acc = acc * 10 + (guint) (*p - '0');
    }
  *value = negative ? -(gint64) acc : (gint64) acc;
  return TRUE;
}

static const double powers_of_ten[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/* Turns digits (without separators) and a decimal exponent into the
 * magnitude of a number. With at most 15 significant digits and a power
 * of ten below 1e22 the division is exactly rounded (Clinger's fast
 * path); otherwise strtod reads TEXT, without its sign and THOUSANDS,
 * with DECIMAL as a point. */
static double
compose_double (guint64     mantissa,
                int         n_digits,
                int         exponent,
                const char *text,
                gsize       len,
                char        thousands,
                char        decimal)
{
  char buffer[128];
  gsize n = 0;

  if (n_digits <= 15 && exponent <= 0 && -exponent <= 22)
    return (double) mantissa / powers_of_ten[-exponent];
  if (n_digits <= 15 && exponent > 0 && exponent <= 22)
    return (double) mantissa * powers_of_ten[exponent];
  for (gsize i = (text[0] == '-' || text[0] == '+'); i < len && n < sizeof buffer - 1; i++)
    if (thousands == 0 || text[i] != thousands)
      buffer[n++] = text[i] == decimal ? '.' : text[i];
  buffer[n] = '\0';
  return g_ascii_strtod (buffer, NULL);
}

/* Reads a number whose digits may be grouped by THOUSANDS every three
 * digits and whose fraction follows DECIMAL; 0 disables grouping. */
static gboolean
parse_with_separators (const char *text,
                       gsize       len,
                       char        thousands,
                       char        decimal,
                       double     *value)
{
  const char *p = text;
  const char *end = text + len;
  gboolean negative = FALSE;
  guint64 mantissa = 0;
  int n_digits = 0, exponent = 0, int_digits = 0, run = 0, groups = 0;

  if (p < end && (*p == '-' || *p == '+'))
    negative = *p++ == '-';
  /* Zero-padded codes ("00042") are identifiers, not numbers. */
  if (end - p > 1 && p[0] == '0' && IS_DIGIT (p[1]))
    return FALSE;
  for (; p < end; p++)
    {
      if (IS_DIGIT (*p))
        {
          if (n_digits < 19)
            {
              mantissa = mantissa * 10 + (guint) (*p - '0');
              n_digits += mantissa != 0;
            }
          else
            exponent++;
          int_digits++;
          run++;
        }
      else if (thousands != 0 && *p == thousands)
        {
          /* The first group has one to three digits, later ones three. */
          if (run == 0 || (groups == 0 && run > 3) || (groups > 0 && run != 3))
            return FALSE;
          groups++;
          run = 0;
        }
      else
        break;
    }
  if (groups > 0 && run != 3)
    return FALSE;
  if (p < end && *p == decimal)
    {
      const char *start = ++p;

      for (; p < end && IS_DIGIT (*p); p++)
        if (n_digits < 19)
          {
            mantissa = mantissa * 10 + (guint) (*p - '0');
            n_digits += mantissa != 0;
            exponent--;
          }
      if (p == start && int_digits == 0)
        return FALSE;
    }
  else if (int_digits == 0)
    return FALSE;
  if (p < end && (*p == 'e' || *p == 'E') && thousands == 0)
    {
      gboolean negative_exponent = FALSE;
      int e = 0;

      p++;
      if (p < end && (*p == '+' || *p == '-'))
        negative_exponent = *p++ == '-';
      if (p == end || !IS_DIGIT (*p))
        return FALSE;
      for (; p < end && IS_DIGIT (*p); p++)
        e = MIN (e * 10 + (*p - '0'), 9999);
      exponent += negative_exponent ? -e : e;
    }
  if (p != end)
    return FALSE;
  *value = compose_double (mantissa, n_digits, exponent, text, len, thousands, decimal);
  /* "1e309" overflows to infinity: no analysis can use it, so it is not
   * a number but a cell the checks report (type_mismatch). */
  if (!isfinite (*value))
    return FALSE;
  if (negative)
    *value = -*value;
  return TRUE;
}

/* Parses "-12.5", "1,234.50", "1.234,5", "1,5", "3e-2"; tells how the
 * number was written so the reader can settle ambiguous separators per
 * column. Ambiguous "12,500" is read as twelve thousand five hundred. */
McNumberSyntax
mc_parse_number (const char *text,
                 gsize       len,
                 double     *value)
{
  const char *last_comma = NULL, *last_dot = NULL;
  guint n_commas = 0, n_dots = 0;
  gint64 as_int;

  if (mc_parse_int64 (text, len, &as_int))
    {
      *value = (double) as_int;
      return MC_NUMBER_INTEGER;
    }

  for (const char *p = text; p < text + len; p++)
    {
      if (*p == ',')
        n_commas++, last_comma = p;
      else if (*p == '.')
        n_dots++, last_dot = p;
    }

  if (n_commas == 0 && n_dots <= 1)
    return parse_with_separators (text, len, 0, '.', value) ? MC_NUMBER_DECIMAL : MC_NUMBER_NONE;
  if (n_commas == 0)
    return parse_with_separators (text, len, '.', ',', value) ? MC_NUMBER_DOT_GROUPED : MC_NUMBER_NONE;
  if (n_dots == 0 && n_commas == 1)
    {
      /* "12,500" fits both readings; "0,500" and "12,5" only the decimal comma. */
      const char *digits = text + (text[0] == '-' || text[0] == '+');

      if (digits[0] != '0' && parse_with_separators (text, len, ',', '.', value))
        return MC_NUMBER_COMMA_AMBIGUOUS;
      return parse_with_separators (text, len, 0, ',', value) ? MC_NUMBER_COMMA_DECIMAL : MC_NUMBER_NONE;
    }
  if (n_dots == 0 || last_dot > last_comma)
    return parse_with_separators (text, len, ',', '.', value) ? MC_NUMBER_COMMA_GROUPED : MC_NUMBER_NONE;
  return parse_with_separators (text, len, '.', ',', value) ? MC_NUMBER_DOT_GROUPED : MC_NUMBER_NONE;
}

/* Reads a number written with a decimal comma and optional thousands
 * dots: "1.234,56", "12,5", "12,500" (twelve and a half), "1.234" (one
 * thousand two hundred and thirty-four). */
gboolean
mc_parse_number_european (const char *text,
                          gsize       len,
                          double     *value)
{
  return parse_with_separators (text, len, '.', ',', value);
}

gboolean
mc_parse_boolean (const char *text,
                  gsize       len,
                  guint8     *value)
{
  static const struct { const char *text; guint8 value; } words[] = {
    { "true", 1 }, { "false", 0 }, { "yes", 1 }, { "no", 0 },
  };

  if (len < 2 || len > 5)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strlen (words[i].text) == len && g_ascii_strncasecmp (words[i].text, text, len) == 0)
      {
        *value = words[i].value;
        return TRUE;
      }
  return FALSE;
}

/* Per byte: its hex value in the low four bits, 0x10 for a lower-case
 * letter, 0x20 for an upper-case one, 0xff when it is not a hex digit.
 * UUID columns are parsed once per cell, so this is a table. */
static guint8 hex_table[256];

static void
init_hex_table (void)
{
  memset (hex_table, 0xff, sizeof hex_table);
  for (int c = '0'; c <= '9'; c++)
    hex_table[c] = c - '0';
  for (int c = 'a'; c <= 'f'; c++)
    {
      hex_table[c] = (c - 'a' + 10) | 0x10;
      hex_table[c - 'a' + 'A'] = (c - 'a' + 10) | 0x20;
    }
}

/* Reads "2c192c40-f69f-42e5-9431-41d92558568b" or its 32-digit form.
 * LETTER_CASE receives 1 for lower-case letters, 2 for upper, 0 for
 * digits only, 3 for mixed: a mixed column cannot be printed back. */
gboolean
mc_parse_uuid (const char *text,
               gsize       len,
               guint8      bytes[16],
               int        *letter_case,
               gboolean   *plain)
{
  static gsize initialised = 0;
  const guchar *p = (const guchar *) text;
  guint seen = 0;

  if (len != 36 && len != 32)
    return FALSE;
  if (len == 36 && (text[8] != '-' || text[13] != '-' || text[18] != '-' || text[23] != '-'))
    return FALSE;
  if (g_once_init_enter (&initialised))
    {
      init_hex_table ();
      g_once_init_leave (&initialised, 1);
    }

  for (guint i = 0; i < 16; i++)
    {
      guint hi, lo;

      if (len == 36 && (i == 4 || i == 6 || i == 8 || i == 10))
        p++;
      hi = hex_table[p[0]];
      lo = hex_table[p[1]];
      seen |= hi | lo;
      bytes[i] = (guint8) ((hi & 0xf) << 4 | (lo & 0xf));
      p += 2;
    }
  if (seen & 0xc0)
    return FALSE;
  *letter_case = (seen >> 4) & 3;
  *plain = len == 32;
  return TRUE;
}

gboolean
mc_date_is_valid (int year,
                  int month,
                  int day)
{
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12
      && day >= 1 && day <= g_date_get_days_in_month (month, year);
}

/* Days since 1970-01-01 in the proleptic Gregorian calendar
 * (Howard Hinnant's days_from_civil). */
gint32
mc_days_from_civil (int year,
                    int month,
                    int day)
{
  int y = year - (month <= 2);
  int era = (y >= 0 ? y : y - 399) / 400;
  int yoe = y - era * 400;
  int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + doe - 719468;
}

/* The inverse of mc_days_from_civil (Howard Hinnant's civil_from_days):
 * integer arithmetic only, as bucketing a million rows by month needs. */
void
mc_civil_from_days (gint32  days,
                    int    *year,
                    int    *month,
                    int    *day)
{
  int z = days + 719468;
  int era = (z >= 0 ? z : z - 146096) / 146097;
  int doe = z - era * 146097;
  int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int mp = (5 * doy + 2) / 153;

  *day = doy - (153 * mp + 2) / 5 + 1;
  *month = mp < 10 ? mp + 3 : mp - 9;
  *year = yoe + era * 400 + (*month <= 2);
}

/* Reads exactly N digits. */
static gboolean
read_fixed (const char **p,
            const char  *end,
            int          n,
            int         *value)
{
  int v = 0;

  if (end - *p < n)
    return FALSE;
  for (int i = 0; i < n; i++)
    {
      if (!IS_DIGIT ((*p)[i]))
        return FALSE;
      v = v * 10 + ((*p)[i] - '0');
    }
  *p += n;
  *value = v;
  return TRUE;
}

/* Reads one or two digits. */
static gboolean
read_short (const char **p,
            const char  *end,
            int         *value)
{
  if (*p < end && IS_DIGIT (**p))
    {
      if (*p + 1 < end && IS_DIGIT ((*p)[1]))
        return read_fixed (p, end, 2, value);
      return read_fixed (p, end, 1, value);
    }
  return FALSE;
}

/* Reads an offset from UTC, "+02:00", "-0400" or, as shop platforms
 * write it, " -0400", and turns *MICROS from local time to UTC; nothing
 * to read is no error. */
static gboolean
read_offset (const char **pp,
             const char  *end,
             gint64      *micros)
{
  const char *p = *pp;
  int sign, oh, om = 0;

  if (end - p >= 5 && *p == ' ' && (p[1] == '+' || p[1] == '-') && IS_DIGIT (p[2]))
    p++;
  if (p == end || (*p != '+' && *p != '-'))
    return TRUE;
  sign = *p++ == '-' ? -1 : 1;
  if (!read_fixed (&p, end, 2, &oh))
    return FALSE;
  if (p < end && *p == ':')
    p++;
  if (p < end && !read_fixed (&p, end, 2, &om))
    return FALSE;
  /* Local time minus the offset is UTC. */
  *micros -= sign * ((gint64) oh * 3600 + om * 60) * 1000000;
  *pp = p;
  return TRUE;
}

/* Reads " 13:45", " 13:45:00", "T13:45:00.123456", an optional "Z" or
 * "+02:00" offset, into microseconds since midnight UTC (may leave the
 * day's range when an offset applies). */
static gboolean
read_time (const char *p,
           const char *end,
           gint64     *micros)
{
  int hour, minute, second = 0, fraction = 0, scale = 1000000;

  if (p == end || (*p != ' ' && *p != 'T'))
    return FALSE;
  p++;
  if (!read_short (&p, end, &hour) || p == end || *p++ != ':' || !read_fixed (&p, end, 2, &minute))
    return FALSE;
  if (p < end && *p == ':')
    {
      p++;
      if (!read_fixed (&p, end, 2, &second))
        return FALSE;
      if (p < end && *p == '.')
        {
          const char *start = ++p;

          for (; p < end && IS_DIGIT (*p); p++)
            if (p - start < 6)
              {
                fraction = fraction * 10 + (*p - '0');
                scale /= 10;
              }
          if (p == start)
            return FALSE;
          fraction *= scale;
        }
    }
  if (hour > 23 || minute > 59 || second > 60)
    return FALSE;
  *micros = ((gint64) hour * 3600 + minute * 60 + second) * 1000000 + fraction;

  /* "… 11:50:39 UTC" as in event logs, or the ISO "Z". */
  if (end - p == 4 && (memcmp (p, " UTC", 4) == 0 || memcmp (p, " GMT", 4) == 0))
    p += 4;
  else if (end - p == 3 && memcmp (p, "UTC", 3) == 0)
    p += 3;
  else if (p < end && *p == 'Z')
    p++;
  else if (!read_offset (&p, end, micros))
    return FALSE;
  return p == end;
}

/* Ends a date read up to P: with nothing after it, DAY is the value; with
 * a time, DAY × µs per day plus the time. */
static McDateSyntax
date_or_datetime (const char   *p,
                  const char   *end,
                  gint64        day,
                  McDateSyntax  date_syntax,
                  gint64       *value)
{
  gint64 micros;

  if (p == end)
    {
      *value = day;
      return date_syntax;
    }
  if (!read_time (p, end, &micros))
    return MC_DATE_NONE;
  *value = day * MC_MICROS_PER_DAY + micros;
  return date_syntax == MC_DATE_ISO ? MC_DATETIME_ISO : MC_DATETIME_AB;
}

/* The month of an English month name or its first three letters at P
 * (1–12), or 0; P moves past it. */
static int
read_month_name (const char **p,
                 const char  *end)
{
  static const char *months[] = {
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
  };

  for (int m = 0; m < 12; m++)
    {
      gsize full = strlen (months[m]);

      if ((gsize) (end - *p) >= full && g_ascii_strncasecmp (*p, months[m], full) == 0)
        {
          *p += full;
          return m + 1;
        }
      if (end - *p >= 3 && g_ascii_strncasecmp (*p, months[m], 3) == 0 && (end - *p == 3 || !g_ascii_isalpha ((*p)[3])))
        {
          *p += (*p)[3] == '.' ? 4 : 3;
          return m + 1;
        }
    }
  return 0;
}

/* Skips a weekday name and its comma ("Saturday, "), if there is one. */
static const char *
skip_weekday (const char *p,
              const char *end)
{
  const char *q = p;

  while (q < end && g_ascii_isalpha (*q))
    q++;
  if (q - p < 3 || q - p > 9 || q == end || *q != ',')
    return p;
  for (q++; q < end && *q == ' '; q++)
    ;
  return q;
}

/* "Saturday, January 1, 2022", "January 1, 2022", "Jan 1 2022": dates
 * written out, as spreadsheets' long date format does; read as ISO
 * dates, since they are not ambiguous. */
static McDateSyntax
parse_named_date (const char *p,
                  const char *end,
                  gint64     *value)
{
  int month, day, year;

  p = skip_weekday (p, end);
  if ((month = read_month_name (&p, end)) == 0 || p == end || *p++ != ' ' || !read_short (&p, end, &day))
    return MC_DATE_NONE;
  if (p < end && *p == ',')
    p++;
  if (p == end || *p++ != ' ' || !read_fixed (&p, end, 4, &year) || !mc_date_is_valid (year, month, day))
    return MC_DATE_NONE;
  return date_or_datetime (p, end, mc_days_from_civil (year, month, day), MC_DATE_ISO, value);
}

/* Recognises the date forms of real exports. ISO forms are converted to
 * days or µs; day/month forms are returned packed (see the header). */
McDateSyntax
mc_parse_date (const char *text,
               gsize       len,
               gint64     *value)
{
  const char *p = text;
  const char *end = text + len;
  int year, a, b;
  char sep;

  if (len >= 10 && len <= 40 && g_ascii_isalpha (*p))
    return parse_named_date (p, end, value);
  if (len < 6 || !IS_DIGIT (*p))
    return MC_DATE_NONE;

  if (len >= 10 && IS_DIGIT (p[1]) && IS_DIGIT (p[2]) && IS_DIGIT (p[3]) && (p[4] == '-' || p[4] == '/'))
    {
      sep = p[4];
      if (!read_fixed (&p, end, 4, &year) || *p++ != sep || !read_fixed (&p, end, 2, &a)
          || p == end || *p++ != sep || !read_fixed (&p, end, 2, &b)
          || !mc_date_is_valid (year, a, b))
        return MC_DATE_NONE;
      return date_or_datetime (p, end, mc_days_from_civil (year, a, b), MC_DATE_ISO, value);
    }

  if (!read_short (&p, end, &a) || p == end)
    return MC_DATE_NONE;
  sep = *p++;
  if ((sep != '/' && sep != '-' && sep != '.') || !read_short (&p, end, &b)
      || p == end || *p++ != sep)
    return MC_DATE_NONE;
  if (!read_fixed (&p, end, 4, &year))
    {
      /* "12/1/10 8:26": spreadsheets write two-digit years; 69–99 are
       * 1969–1999 and 00–68 are 2000–2068, as C's strptime reads %y. */
      if (!read_fixed (&p, end, 2, &year) || (p < end && IS_DIGIT (*p)))
        return MC_DATE_NONE;
      year += year < 69 ? 2000 : 1900;
    }
  /* Either order must be a possible date for the value to be one. */
  if (a < 1 || b < 1 || a > 31 || b > 31 || (a > 12 && b > 12) || year < 1)
    return MC_DATE_NONE;
  return date_or_datetime (p, end, ((gint64) year * 100 + a) * 100 + b, MC_DATE_AB, value);
}
