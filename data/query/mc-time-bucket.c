/* mc-time-bucket.c: days, weeks, months, quarters and years as numbered buckets
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-query"

#include "config.h"

#include "mc-query.h"
#include "mc-value-parse.h"

static const char *weekdays[] = { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" };

static const char *bucket_names[] = { "none", "day", "week", "month", "quarter", "year", "weekday", "hour" };

gboolean
mc_time_bucket_from_string (const char   *name,
                            McTimeBucket *bucket)
{
  for (guint i = 0; i < G_N_ELEMENTS (bucket_names); i++)
    if (g_ascii_strcasecmp (name, bucket_names[i]) == 0)
      {
        *bucket = i;
        return TRUE;
      }
  return FALSE;
}

static int
floor_div (gint64 a,
           int    b)
{
  return (int) (a >= 0 ? a / b : -((-a + b - 1) / b));
}

/* 1970-01-01 was a Thursday: day 0 + 3 is a Sunday's count of Mondays. */
static int
weekday_of (gint32 day)
{
  return floor_div ((gint64) day + 3, 7) * -7 + day + 3;
}

gint32
mc_time_bucket_of_day (McTimeBucket bucket,
                       gint32       day)
{
  int year, month, mday;

  switch (bucket)
    {
    case MC_BUCKET_WEEK:
      /* Weeks are numbered by their Monday. */
      return day - weekday_of (day);
    case MC_BUCKET_MONTH:
    case MC_BUCKET_QUARTER:
    case MC_BUCKET_YEAR:
      mc_civil_from_days (day, &year, &month, &mday);
      if (bucket == MC_BUCKET_MONTH)
        return year * 12 + month - 1;
      return bucket == MC_BUCKET_QUARTER ? year * 4 + (month - 1) / 3 : year;
    case MC_BUCKET_WEEKDAY:
      return weekday_of (day);
    case MC_BUCKET_DAY:
    case MC_BUCKET_NONE:
    case MC_BUCKET_HOUR:
    default:
      return day;
    }
}

/* The ISO year and week of the week starting on MONDAY. */
static void
iso_week (gint32  monday,
          int    *year,
          int    *week)
{
  int month, mday;
  gint32 first_monday;

  /* The week belongs to the year of its Thursday. */
  mc_civil_from_days (monday + 3, year, &month, &mday);
  first_monday = mc_days_from_civil (*year, 1, 4);
  first_monday -= weekday_of (first_monday);
  *week = (monday - first_monday) / 7 + 1;
}

char *
mc_time_bucket_label (McTimeBucket bucket,
                      gint32       number)
{
  int year, week;
  char day[16];

  switch (bucket)
    {
    case MC_BUCKET_WEEK:
      iso_week (number, &year, &week);
      return g_strdup_printf ("%04d-W%02d", year, week);
    case MC_BUCKET_MONTH:
      return g_strdup_printf ("%04d-%02d", floor_div (number, 12), number - floor_div (number, 12) * 12 + 1);
    case MC_BUCKET_QUARTER:
      return g_strdup_printf ("%04d-Q%d", floor_div (number, 4), number - floor_div (number, 4) * 4 + 1);
    case MC_BUCKET_YEAR:
      return g_strdup_printf ("%04d", number);
    case MC_BUCKET_WEEKDAY:
      return g_strdup (weekdays[CLAMP (number, 0, 6)]);
    case MC_BUCKET_HOUR:
      return g_strdup_printf ("%02d", number);
    case MC_BUCKET_DAY:
    case MC_BUCKET_NONE:
    default:
      mc_format_date (number, day);
      return g_strdup (day);
    }
}

