/* mc-query.c: filters, group-by with aggregates, and time buckets
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A group-by turns each key into a dense code per row (category codes
 * and time buckets map straight to array slots, so no hashing happens
 * per row), combines the codes into one slot number, and accumulates
 * every aggregate in one pass. Medians, quantiles and distinct counts
 * then sort each group's values, which a second pass gathers.
 */
#define G_LOG_DOMAIN "mc-query"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mc-query.h"
#include "mc-stats.h"
#include "mc-value-parse.h"

G_DEFINE_QUARK (mc-query-error-quark, mc_query_error)

/* Most slots a result may address densely; 2^24 doubles are 128 MB. */
#define MAX_SLOTS ((gsize) 1 << 24)

/* Reads a column of the table queried, or of the related table. */
typedef struct
{
  McColumn *column;
  gssize   *rows;   /* row of the related table per row; NULL: same table */
} Reader;

static void
reader_init (Reader      *reader,
             McColumnRef  ref,
             gsize        n_rows)
{
  reader->column = ref.join != NULL ? ref.join->related : ref.column;
  reader->rows = NULL;
  if (ref.join == NULL)
    return;
  reader->rows = g_new (gssize, MAX (n_rows, 1));
  for (gsize r = 0; r < n_rows; r++)
    reader->rows[r] = mc_join_row (ref.join, r);
}

static void
reader_clear (Reader *reader)
{
  g_clear_pointer (&reader->rows, g_free);
}

/* The row of reader->column holding row R's value, or -1 when missing. */
static inline gssize
reader_row (const Reader *reader,
            gsize         r)
{
  gssize row = reader->rows != NULL ? reader->rows[r] : (gssize) r;

  return row >= 0 && !mc_column_is_missing (reader->column, row) ? row : -1;
}

gboolean
mc_column_ref_for_role (McColumnRef *ref,
                        McJoin      *join,
                        McDataset   *dataset,
                        McTable     *table,
                        McRole       role)
{
  McColumn *column = mc_table_find_role (table, role);

  *ref = (McColumnRef) { column, NULL };
  if (column != NULL)
    return TRUE;
  if (!mc_join_init (join, dataset, table, role))
    return FALSE;
  ref->join = join;
  return TRUE;
}

/* Time buckets */

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

/* Key codes */

/* Doubles as integers in the same order (IEEE 754 sign-magnitude). */
static gint64
ordered_bits (double value)
{
  guint64 bits;

  memcpy (&bits, &value, sizeof bits);
  bits = (bits >> 63) ? ~bits : bits | G_GUINT64_CONSTANT (0x8000000000000000);
  return (gint64) (bits ^ G_GUINT64_CONSTANT (0x8000000000000000));
}

typedef struct
{
  gint64 *raw;          /* per row; G_MININT64 when missing */
  gint64  min, max;
  gboolean by_label;    /* order distinct values by their label */
} RawKeys;

/* Fills keys->raw with EXPR of each row present (ROW its row in the
 * column read), G_MININT64 elsewhere. One loop per type keeps the type
 * switch out of the million-row loop. */
#define FILL_RAW(keys, reader, n_rows, expr)                             \
  for (gsize r = 0; r < (n_rows); r++)                                  \
    {                                                                   \
      gssize row = reader_row ((reader), r);                            \
      (keys)->raw[r] = row >= 0 ? (gint64) (expr) : G_MININT64;         \
    }

static void
fill_raw_values (RawKeys      *keys,
                 const Reader *reader,
                 gsize         n_rows)
{
  const McColumn *column = reader->column;
  g_autoptr(McKeySet) uuids = NULL;

  switch (column->type)
    {
    case MC_COLUMN_TYPE_INTEGER:
    case MC_COLUMN_TYPE_DATETIME:
      FILL_RAW (keys, reader, n_rows, column->v.i64[row]);
      break;
    case MC_COLUMN_TYPE_NUMBER:
      FILL_RAW (keys, reader, n_rows, ordered_bits (column->v.f64[row]));
      break;
    case MC_COLUMN_TYPE_DATE:
      FILL_RAW (keys, reader, n_rows, column->v.days[row]);
      break;
    case MC_COLUMN_TYPE_BOOLEAN:
      FILL_RAW (keys, reader, n_rows, column->v.bools[row]);
      break;
    case MC_COLUMN_TYPE_CATEGORY:
    case MC_COLUMN_TYPE_IDENTIFIER:
    case MC_COLUMN_TYPE_TEXT:
    case MC_N_COLUMN_TYPES:
    default:
      if (!column->is_uuid)
        {
          FILL_RAW (keys, reader, n_rows, column->v.codes[row]);
          break;
        }
      /* A UUID's raw value is the first row holding it. */
      uuids = mc_key_set_new ((McColumn *) column);
      FILL_RAW (keys, reader, n_rows, mc_key_set_lookup (uuids, (McColumn *) column, row));
      break;
    }
}

static void
fill_raw_hours (RawKeys      *keys,
                const Reader *reader,
                gsize         n_rows)
{
  const McColumn *column = reader->column;

  if (column->type == MC_COLUMN_TYPE_DATETIME)
    FILL_RAW (keys, reader, n_rows,
              (column->v.i64[row] - (gint64) mc_column_get_day (column, row) * MC_MICROS_PER_DAY) / G_GINT64_CONSTANT (3600000000))
  else
    FILL_RAW (keys, reader, n_rows, 0)
}

/* Buckets of days: the day of each row, then each day's bucket from a
 * table over the days present (a few hundred calendar computations, not
 * a million). */
static void
fill_raw_buckets (RawKeys      *keys,
                  const Reader *reader,
                  McTimeBucket  bucket,
                  gsize         n_rows)
{
  const McColumn *column = reader->column;
  gint64 first = G_MAXINT64, last = G_MININT64;
  g_autofree gint32 *bucket_of = NULL;

  FILL_RAW (keys, reader, n_rows, mc_column_get_day (column, row));
  for (gsize r = 0; r < n_rows; r++)
    if (keys->raw[r] != G_MININT64)
      {
        first = MIN (first, keys->raw[r]);
        last = MAX (last, keys->raw[r]);
      }
  if (bucket == MC_BUCKET_DAY || first > last)
    return;
  bucket_of = g_new (gint32, last - first + 1);
  for (gint64 day = first; day <= last; day++)
    bucket_of[day - first] = mc_time_bucket_of_day (bucket, (gint32) day);
  for (gsize r = 0; r < n_rows; r++)
    if (keys->raw[r] != G_MININT64)
      keys->raw[r] = bucket_of[keys->raw[r] - first];
}

static void
raw_keys_init (RawKeys      *keys,
               const Reader *reader,
               McTimeBucket  bucket,
               gsize         n_rows)
{
  McColumn *column = reader->column;

  if (!mc_column_is_temporal (column))
    bucket = MC_BUCKET_NONE;
  keys->by_label = bucket == MC_BUCKET_NONE && (mc_column_has_codes (column) || column->is_uuid);
  keys->raw = g_new (gint64, MAX (n_rows, 1));
  if (bucket == MC_BUCKET_NONE)
    fill_raw_values (keys, reader, n_rows);
  else if (bucket == MC_BUCKET_HOUR)
    fill_raw_hours (keys, reader, n_rows);
  else
    fill_raw_buckets (keys, reader, bucket, n_rows);
  keys->min = G_MAXINT64;
  keys->max = G_MININT64;
  for (gsize r = 0; r < n_rows; r++)
    if (keys->raw[r] != G_MININT64)
      {
        keys->min = MIN (keys->min, keys->raw[r]);
        keys->max = MAX (keys->max, keys->raw[r]);
      }
}

typedef struct
{
  gint64 raw;
  gsize  row;      /* the first row holding it, to label it */
  char  *label;
  guint32 code;    /* its rank in the key's natural order */
} Distinct;

static int
compare_distinct_raw (gconstpointer a,
                      gconstpointer b)
{
  const Distinct *x = a, *y = b;

  if (x->raw != y->raw)
    return x->raw < y->raw ? -1 : 1;
  return x->row < y->row ? -1 : x->row > y->row;
}

static int
compare_distinct_label (gconstpointer a,
                        gconstpointer b)
{
  return mc_compare_text (((const Distinct *) a)->label, ((const Distinct *) b)->label);
}

/* Whether the raw values fit an array indexed by value − min; computed
 * unsigned, as the span of two gint64 may not fit one. */
static gboolean
raw_keys_are_dense (const RawKeys *keys)
{
  return keys->min <= keys->max && (guint64) keys->max - (guint64) keys->min < MAX_SLOTS;
}

/* The distinct raw values with the first row of each, in raw order. */
static GArray *
find_distinct (const RawKeys *keys,
               gsize          n_rows)
{
  GArray *distinct = g_array_new (FALSE, FALSE, sizeof (Distinct));
  guint kept = 0;

  if (keys->min > keys->max)
    return distinct;
  if (raw_keys_are_dense (keys))
    {
      gsize range = keys->max - keys->min + 1;
      g_autofree gsize *first = g_new0 (gsize, range);

      for (gsize r = n_rows; r-- > 0;)
        if (keys->raw[r] != G_MININT64)
          first[keys->raw[r] - keys->min] = r + 1;
      for (gsize i = 0; i < range; i++)
        if (first[i] != 0)
          g_array_append_val (distinct, ((Distinct) { keys->min + (gint64) i, first[i] - 1 }));
      return distinct;
    }
  for (gsize r = 0; r < n_rows; r++)
    if (keys->raw[r] != G_MININT64)
      g_array_append_val (distinct, ((Distinct) { keys->raw[r], r }));
  g_array_sort (distinct, compare_distinct_raw);
  for (guint i = 0; i < distinct->len; i++)
    if (kept == 0 || g_array_index (distinct, Distinct, i).raw != g_array_index (distinct, Distinct, kept - 1).raw)
      g_array_index (distinct, Distinct, kept++) = g_array_index (distinct, Distinct, i);
  g_array_set_size (distinct, kept);
  return distinct;
}

static int
compare_raw (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = ((const Distinct *) b)->raw;

  return x < y ? -1 : x > y;
}

void
mc_key_codes_init (McKeyCodes   *self,
                   McColumnRef   ref,
                   McTimeBucket  bucket,
                   gsize         n_rows)
{
  Reader reader;
  RawKeys keys;
  g_autoptr(GArray) distinct = NULL;
  g_autofree guint32 *code_of = NULL;
  gboolean timed;

  reader_init (&reader, ref, n_rows);
  raw_keys_init (&keys, &reader, bucket, n_rows);
  timed = bucket != MC_BUCKET_NONE && mc_column_is_temporal (reader.column);
  distinct = find_distinct (&keys, n_rows);

  self->labels = g_ptr_array_new_full (distinct->len, g_free);
  for (guint i = 0; i < distinct->len; i++)
    {
      Distinct *d = &g_array_index (distinct, Distinct, i);
      gssize row = reader_row (&reader, d->row);

      d->label = timed ? mc_time_bucket_label (bucket, (gint32) d->raw) : mc_column_format_value (reader.column, row);
    }
  if (keys.by_label)
    g_array_sort (distinct, compare_distinct_label);
  for (guint i = 0; i < distinct->len; i++)
    {
      g_array_index (distinct, Distinct, i).code = i;
      g_ptr_array_add (self->labels, g_array_index (distinct, Distinct, i).label);
    }
  if (keys.by_label)
    g_array_sort (distinct, compare_distinct_raw);

  /* Raw value → code: an array when the raw values are few and close
   * (codes, buckets), a binary search otherwise. */
  self->codes = g_new (guint32, MAX (n_rows, 1));
  if (raw_keys_are_dense (&keys))
    {
      code_of = g_new (guint32, keys.max - keys.min + 1);
      for (guint i = 0; i < distinct->len; i++)
        code_of[g_array_index (distinct, Distinct, i).raw - keys.min] = g_array_index (distinct, Distinct, i).code;
      for (gsize r = 0; r < n_rows; r++)
        self->codes[r] = keys.raw[r] != G_MININT64 ? code_of[keys.raw[r] - keys.min] : MC_NO_CODE;
    }
  else
    {
      for (gsize r = 0; r < n_rows; r++)
        {
          Distinct *found = keys.raw[r] != G_MININT64 ? bsearch (&keys.raw[r], distinct->data, distinct->len, sizeof (Distinct), compare_raw) : NULL;

          self->codes[r] = found != NULL ? found->code : MC_NO_CODE;
        }
    }
  g_free (keys.raw);
  reader_clear (&reader);
}

void
mc_key_codes_clear (McKeyCodes *self)
{
  g_clear_pointer (&self->codes, g_free);
  g_clear_pointer (&self->labels, g_ptr_array_unref);
}

/* Selections */

static gsize
n_words (gsize n_rows)
{
  return MAX ((n_rows + 63) / 64, 1);
}

McSelection *
mc_selection_new_all (gsize n_rows)
{
  McSelection *self = g_new0 (McSelection, 1);

  self->n_rows = n_rows;
  self->n_selected = n_rows;
  self->bits = g_new0 (guint64, n_words (n_rows));
  memset (self->bits, 0xff, n_rows / 64 * sizeof (guint64));
  if (n_rows % 64 != 0)
    self->bits[n_rows / 64] = (G_GUINT64_CONSTANT (1) << (n_rows % 64)) - 1;
  return self;
}

void
mc_selection_free (McSelection *self)
{
  if (self == NULL)
    return;
  g_free (self->bits);
  g_free (self);
}

/* Filters */

typedef struct
{
  double   value;
  gboolean by_day;     /* a date given for a datetime column */
} Needle;

typedef struct
{
  const McFilter *filter;
  Reader          reader;
  GArray         *intervals;    /* Interval, for numbers, booleans, times */
  gboolean        negate;       /* pass outside the intervals */
  guint8         *code_passes;  /* per dictionary code, for text columns */
} Test;

/* Values lo ≤ value ≤ hi, in the unit the column stores. */
typedef struct
{
  double lo;
  double hi;
} Interval;

static gboolean
text_passes (const McFilter *filter,
             const char     *text)
{
  const char * const *values = filter->values;

  switch (filter->op)
    {
    case MC_FILTER_EQUALS:
    case MC_FILTER_NOT_EQUALS:
      for (guint i = 0; values[i] != NULL; i++)
        if (g_str_equal (text, values[i]))
          return filter->op == MC_FILTER_EQUALS;
      return filter->op == MC_FILTER_NOT_EQUALS;
    case MC_FILTER_LESS:
      return mc_compare_text (text, values[0]) < 0;
    case MC_FILTER_LESS_EQUAL:
      return mc_compare_text (text, values[0]) <= 0;
    case MC_FILTER_GREATER:
      return mc_compare_text (text, values[0]) > 0;
    case MC_FILTER_GREATER_EQUAL:
      return mc_compare_text (text, values[0]) >= 0;
    case MC_FILTER_BETWEEN:
      return mc_compare_text (text, values[0]) >= 0 && mc_compare_text (text, values[1]) <= 0;
    case MC_FILTER_CONTAINS:
      {
        g_autofree char *haystack = g_utf8_casefold (text, -1);
        g_autofree char *needle = g_utf8_casefold (values[0], -1);

        return strstr (haystack, needle) != NULL;
      }
    case MC_FILTER_MISSING:
    case MC_FILTER_PRESENT:
    default:
      return filter->op == MC_FILTER_PRESENT;
    }
}

static double
lowest_of (const Needle *needle,
           gboolean      datetime)
{
  return needle->by_day && datetime ? needle->value * MC_MICROS_PER_DAY : needle->value;
}

/* A date given for a datetime column stands for the whole day. */
static double
highest_of (const Needle *needle,
            gboolean      datetime)
{
  return needle->by_day && datetime ? (needle->value + 1) * MC_MICROS_PER_DAY - 1 : needle->value;
}

/* Turns a comparison into the intervals a value must fall in (or, with
 * NEGATE, outside of all of them). */
static GArray *
intervals_new (McFilterOp    op,
               gboolean      datetime,
               const Needle *needles,
               guint         n_needles,
               gboolean     *negate)
{
  GArray *intervals = g_array_new (FALSE, FALSE, sizeof (Interval));
  Interval interval = { -INFINITY, INFINITY };

  *negate = op == MC_FILTER_NOT_EQUALS;
  switch (op)
    {
    case MC_FILTER_EQUALS:
    case MC_FILTER_NOT_EQUALS:
      for (guint i = 0; i < n_needles; i++)
        g_array_append_val (intervals, ((Interval) { lowest_of (&needles[i], datetime), highest_of (&needles[i], datetime) }));
      return intervals;
    case MC_FILTER_LESS:
      interval.hi = nextafter (lowest_of (&needles[0], datetime), -INFINITY);
      break;
    case MC_FILTER_LESS_EQUAL:
      interval.hi = highest_of (&needles[0], datetime);
      break;
    case MC_FILTER_GREATER:
      interval.lo = nextafter (highest_of (&needles[0], datetime), INFINITY);
      break;
    case MC_FILTER_GREATER_EQUAL:
      interval.lo = lowest_of (&needles[0], datetime);
      break;
    case MC_FILTER_BETWEEN:
      interval.lo = lowest_of (&needles[0], datetime);
      interval.hi = highest_of (&needles[1], datetime);
      break;
    case MC_FILTER_CONTAINS:
    case MC_FILTER_MISSING:
    case MC_FILTER_PRESENT:
    default:
      g_assert_not_reached ();
    }
  g_array_append_val (intervals, interval);
  return intervals;
}

static inline gboolean
intervals_pass (const Test *test,
                double      value)
{
  const Interval *intervals = (const Interval *) test->intervals->data;

  for (guint i = 0; i < test->intervals->len; i++)
    if (value >= intervals[i].lo && value <= intervals[i].hi)
      return !test->negate;
  return test->negate;
}

/* Reads TEXT as a value of COLUMN's type, in the unit the column stores. */
static gboolean
parse_needle (const McColumn *column,
              const char     *text,
              Needle         *needle,
              GError        **error)
{
  gint64 when;
  guint8 flag;
  McDateSyntax syntax;

  needle->by_day = FALSE;
  switch (column->type)
    {
    case MC_COLUMN_TYPE_INTEGER:
    case MC_COLUMN_TYPE_NUMBER:
      if (mc_parse_number (text, strlen (text), &needle->value) != MC_NUMBER_NONE)
        return TRUE;
      break;
    case MC_COLUMN_TYPE_BOOLEAN:
      if (mc_parse_boolean (text, strlen (text), &flag))
        {
          needle->value = flag;
          return TRUE;
        }
      break;
    case MC_COLUMN_TYPE_DATE:
    case MC_COLUMN_TYPE_DATETIME:
      syntax = mc_parse_date (text, strlen (text), &when);
      if (syntax == MC_DATE_ISO)
        {
          needle->by_day = TRUE;
          needle->value = when;
          return TRUE;
        }
      if (syntax == MC_DATETIME_ISO)
        {
          needle->by_day = column->type == MC_COLUMN_TYPE_DATE;
          needle->value = needle->by_day ? floor ((double) when / MC_MICROS_PER_DAY) : when;
          return TRUE;
        }
      g_set_error (error, MC_QUERY_ERROR, MC_QUERY_ERROR_INVALID,
                   /* Translators: the first %s is a value of a filter, the second
                    * the name of a column; YYYY-MM-DD HH:MM:SS is the form to use. */
                   _("“%s” is not a date, which %s holds; write it as YYYY-MM-DD or YYYY-MM-DD HH:MM:SS"),
                   text, column->name);
      return FALSE;
    case MC_COLUMN_TYPE_CATEGORY:
    case MC_COLUMN_TYPE_IDENTIFIER:
    case MC_COLUMN_TYPE_TEXT:
    case MC_N_COLUMN_TYPES:
    default:
      break;
    }
  /* Translators: the first %s is a value of a filter, the second a type
   * as the program names it (integer, number, boolean…), the third the
   * name of a column. */
  g_set_error (error, MC_QUERY_ERROR, MC_QUERY_ERROR_INVALID, _("“%s” is not a %s, which %s holds"),
               text, mc_column_type_to_string (column->type), column->name);
  return FALSE;
}

static gboolean
test_init (Test           *test,
           const McFilter *filter,
           gsize           n_rows,
           GError        **error)
{
  guint n_values = filter->values != NULL ? g_strv_length ((char **) filter->values) : 0;
  guint needed = filter->op == MC_FILTER_BETWEEN ? 2 : filter->op >= MC_FILTER_MISSING ? 0 : 1;
  McColumn *column;

  *test = (Test) { filter };
  column = filter->ref.join != NULL ? filter->ref.join->related : filter->ref.column;
  if (n_values < needed)
    {
      g_set_error (error, MC_QUERY_ERROR, MC_QUERY_ERROR_INVALID,
                   /* Translators: %s is the name of a column, %u counts values. */
                   g_dngettext (GETTEXT_PACKAGE, "the filter on %s needs %u value", "the filter on %s needs %u values",
                                needed),
                   column->name, needed);
      return FALSE;
    }
  if (mc_column_has_codes (column))
    {
      test->code_passes = g_new (guint8, MAX (column->dict->len, 1));
      for (guint c = 0; c < column->dict->len; c++)
        test->code_passes[c] = text_passes (filter, g_ptr_array_index (column->dict, c));
    }
  else if ((mc_column_is_numeric (column) || mc_column_is_temporal (column) || column->type == MC_COLUMN_TYPE_BOOLEAN)
           && filter->op < MC_FILTER_CONTAINS)
    {
      g_autoptr(GArray) needles = g_array_new (FALSE, FALSE, sizeof (Needle));

      for (guint i = 0; i < n_values; i++)
        {
          Needle needle;

          if (!parse_needle (column, filter->values[i], &needle, error))
            return FALSE;
          g_array_append_val (needles, needle);
        }
      test->intervals = intervals_new (filter->op, column->type == MC_COLUMN_TYPE_DATETIME,
                                       (Needle *) needles->data, needles->len, &test->negate);
    }
  reader_init (&test->reader, filter->ref, n_rows);
  return TRUE;
}

static void
test_clear (Test *test)
{
  g_clear_pointer (&test->intervals, g_array_unref);
  g_clear_pointer (&test->code_passes, g_free);
  reader_clear (&test->reader);
}

static gboolean
text_of_row_passes (const Test *test,
                    gssize      row)
{
  g_autofree char *text = mc_column_format_value (test->reader.column, row);

  return text_passes (test->filter, text);
}

/* Keeps the rows where EXPR (of ROW, the row read, -1 when missing) is
 * true, 64 rows at a time and without a branch on the outcome: filters
 * pass rows at random, which branch prediction cannot learn. */
#define FILTER_ROWS(self, test, n_rows, expr)                                 \
  G_STMT_START {                                                               \
    for (gsize w = 0; w * 64 < (n_rows); w++)                                  \
      {                                                                        \
        gsize end = MIN ((n_rows), w * 64 + 64);                               \
        guint64 keep = 0;                                                      \
                                                                               \
        if ((self)->bits[w] == 0)                                              \
          continue;                                                            \
        for (gsize r = w * 64; r < end; r++)                                   \
          {                                                                    \
            gssize row = reader_row (&(test)->reader, r);                      \
                                                                               \
            keep |= (guint64) ((expr) != 0) << (r - w * 64);                   \
          }                                                                    \
        (self)->bits[w] &= keep;                                               \
      }                                                                        \
  } G_STMT_END

/* One loop per kind of test and type, to keep switches out of it. */
static void
apply_test (McSelection *self,
            const Test  *test,
            gsize        n_rows)
{
  const McColumn *column = test->reader.column;
  McFilterOp op = test->filter->op;

  if (op == MC_FILTER_MISSING || op == MC_FILTER_PRESENT)
    FILTER_ROWS (self, test, n_rows, (row < 0) == (op == MC_FILTER_MISSING));
  else if (test->code_passes != NULL)
    FILTER_ROWS (self, test, n_rows, row >= 0 && test->code_passes[column->v.codes[row]]);
  else if (test->intervals == NULL)
    FILTER_ROWS (self, test, n_rows, row >= 0 && text_of_row_passes (test, row));
  else if (column->type == MC_COLUMN_TYPE_INTEGER || column->type == MC_COLUMN_TYPE_DATETIME)
    FILTER_ROWS (self, test, n_rows, row >= 0 && intervals_pass (test, column->v.i64[row]));
  else if (column->type == MC_COLUMN_TYPE_NUMBER)
    FILTER_ROWS (self, test, n_rows, row >= 0 && intervals_pass (test, column->v.f64[row]));
  else if (column->type == MC_COLUMN_TYPE_DATE)
    FILTER_ROWS (self, test, n_rows, row >= 0 && intervals_pass (test, column->v.days[row]));
  else
    FILTER_ROWS (self, test, n_rows, row >= 0 && intervals_pass (test, column->v.bools[row]));
}

McSelection *
mc_selection_new_filtered (gsize            n_rows,
                           const McFilter  *filters,
                           guint            n_filters,
                           GError         **error)
{
  g_autoptr(McSelection) self = mc_selection_new_all (n_rows);

  for (guint f = 0; f < n_filters; f++)
    {
      Test test;

      if (!test_init (&test, &filters[f], n_rows, error))
        return NULL;
      apply_test (self, &test, n_rows);
      test_clear (&test);
    }
  self->n_selected = 0;
  for (gsize w = 0; w < n_words (n_rows); w++)
    self->n_selected += __builtin_popcountll (self->bits[w]);
  return g_steal_pointer (&self);
}

/* Group-by */

typedef struct
{
  gsize    n_groups;
  guint32 *group_of_row;   /* MC_NO_CODE: not selected, or a key missing */
} Grouping;

/* Numbers each non-empty combination of key codes, in key order. */
static gboolean
grouping_init (Grouping          *grouping,
               McGroupResult     *result,
               gsize              n_rows,
               const McSelection *selection,
               GError           **error)
{
  gsize n_slots = 1;
  g_autofree gsize *slot_rows = NULL;
  g_autofree guint32 *group_of_slot = NULL;

  for (guint k = 0; k < result->n_keys; k++)
    {
      gsize n_codes = result->keys[k].labels->len;

      if (n_codes != 0 && n_slots > MAX_SLOTS / n_codes)
        {
          g_set_error (error, MC_QUERY_ERROR, MC_QUERY_ERROR_TOO_MANY,
                       /* Translators: %zu is a large number (16777216). */
                       _("these keys make more than %zu combinations; group by fewer or coarser keys"), MAX_SLOTS);
          return FALSE;
        }
      n_slots *= n_codes;
    }

  grouping->group_of_row = g_new (guint32, MAX (n_rows, 1));
  slot_rows = g_new0 (gsize, MAX (n_slots, 1));
  for (gsize r = 0; r < n_rows; r++)
    {
      gsize slot = 0;
      guint k;

      grouping->group_of_row[r] = MC_NO_CODE;
      if (!mc_selection_contains (selection, r))
        continue;
      for (k = 0; k < result->n_keys && result->keys[k].codes[r] != MC_NO_CODE; k++)
        slot = slot * result->keys[k].labels->len + result->keys[k].codes[r];
      if (k < result->n_keys)
        continue;
      grouping->group_of_row[r] = (guint32) slot;
      slot_rows[slot]++;
    }

  group_of_slot = g_new (guint32, MAX (n_slots, 1));
  grouping->n_groups = 0;
  for (gsize s = 0; s < n_slots; s++)
    if (slot_rows[s] > 0)
      group_of_slot[s] = grouping->n_groups++;
  result->n_groups = grouping->n_groups;
  result->rows = g_new (gsize, MAX (grouping->n_groups, 1));
  result->codes = g_new (guint32, MAX (grouping->n_groups * result->n_keys, 1));
  for (gsize s = 0; s < n_slots; s++)
    if (slot_rows[s] > 0)
      {
        gsize g = group_of_slot[s], rest = s;

        result->rows[g] = slot_rows[s];
        for (guint k = result->n_keys; k-- > 0;)
          {
            result->codes[g * result->n_keys + k] = rest % result->keys[k].labels->len;
            rest /= result->keys[k].labels->len;
          }
      }
  for (gsize r = 0; r < n_rows; r++)
    if (grouping->group_of_row[r] != MC_NO_CODE)
      grouping->group_of_row[r] = group_of_slot[grouping->group_of_row[r]];
  return TRUE;
}

/* Each group's values (or key codes) gathered together, to sort. */
typedef struct
{
  gsize  *offsets;    /* n_groups + 1 */
  double *values;
} Gathered;

static void
gather (Gathered       *gathered,
        const Grouping *grouping,
        const Reader   *reader,
        const guint32  *codes,
        gsize           n_rows)
{
  g_autofree gsize *fill = g_new0 (gsize, grouping->n_groups + 1);
  double value;

  gathered->offsets = g_new0 (gsize, grouping->n_groups + 1);
  for (gsize r = 0; r < n_rows; r++)
    {
      guint32 g = grouping->group_of_row[r];
      gssize row = g != MC_NO_CODE ? reader_row (reader, r) : -1;

      if (row >= 0 && (codes != NULL ? codes[r] != MC_NO_CODE : mc_column_get_double (reader->column, row, &value)))
        gathered->offsets[g + 1]++;
    }
  for (gsize g = 0; g < grouping->n_groups; g++)
    gathered->offsets[g + 1] += gathered->offsets[g];
  gathered->values = g_new (double, MAX (gathered->offsets[grouping->n_groups], 1));
  for (gsize r = 0; r < n_rows; r++)
    {
      guint32 g = grouping->group_of_row[r];
      gssize row = g != MC_NO_CODE ? reader_row (reader, r) : -1;

      if (row < 0)
        continue;
      if (codes != NULL ? codes[r] != MC_NO_CODE : mc_column_get_double (reader->column, row, &value))
        gathered->values[gathered->offsets[g] + fill[g]++] = codes != NULL ? codes[r] : value;
    }
  for (gsize g = 0; g < grouping->n_groups; g++)
    mc_sort_doubles (gathered->values + gathered->offsets[g], gathered->offsets[g + 1] - gathered->offsets[g]);
}

static void
gathered_clear (Gathered *gathered)
{
  g_clear_pointer (&gathered->offsets, g_free);
  g_clear_pointer (&gathered->values, g_free);
}

/* Medians, quantiles and distinct counts, from sorted group values. */
static void
aggregate_sorted (McGroupResult     *result,
                  const Grouping    *grouping,
                  const McAggregate *aggregate,
                  guint              a,
                  gsize              n_rows)
{
  McKeyCodes distinct = { NULL };
  Gathered gathered;
  Reader reader;

  reader_init (&reader, aggregate->ref, n_rows);
  if (aggregate->kind == MC_AGGREGATE_DISTINCT)
    mc_key_codes_init (&distinct, aggregate->ref, MC_BUCKET_NONE, n_rows);
  gather (&gathered, grouping, &reader, distinct.codes, n_rows);
  for (gsize g = 0; g < grouping->n_groups; g++)
    {
      double *values = gathered.values + gathered.offsets[g];
      gsize n = gathered.offsets[g + 1] - gathered.offsets[g];
      double *out = &result->values[g * result->n_aggregates + a];

      if (aggregate->kind == MC_AGGREGATE_DISTINCT)
        {
          *out = 0;
          for (gsize i = 0; i < n; i++)
            *out += i == 0 || values[i] != values[i - 1];
        }
      else if (n > 0)
        *out = mc_quantile (values, n, aggregate->kind == MC_AGGREGATE_MEDIAN ? 0.5 : aggregate->quantile);
    }
  gathered_clear (&gathered);
  mc_key_codes_clear (&distinct);
  reader_clear (&reader);
}

/* Counts, sums, means, minima and maxima in one pass. */
static void
aggregate_streaming (McGroupResult     *result,
                     const Grouping    *grouping,
                     const McAggregate *aggregate,
                     guint              a,
                     gsize              n_rows)
{
  gsize n_groups = grouping->n_groups;
  g_autofree McSum *sum = g_new0 (McSum, MAX (n_groups, 1));
  g_autofree double *mean = g_new0 (double, MAX (n_groups, 1));
  g_autofree double *squares = g_new0 (double, MAX (n_groups, 1));
  g_autofree double *extreme = g_new (double, MAX (n_groups, 1));
  g_autofree gsize *count = g_new0 (gsize, MAX (n_groups, 1));
  gboolean is_max = aggregate->kind == MC_AGGREGATE_MAX;
  Reader reader = { NULL };

  if (aggregate->ref.column != NULL || aggregate->ref.join != NULL)
    reader_init (&reader, aggregate->ref, n_rows);
  for (gsize g = 0; g < n_groups; g++)
    extreme[g] = is_max ? -INFINITY : INFINITY;
  for (gsize r = 0; r < n_rows; r++)
    {
      guint32 g = grouping->group_of_row[r];
      gssize row;
      double value, delta;

      if (g == MC_NO_CODE)
        continue;
      if (reader.column == NULL)
        {
          count[g]++;
          continue;
        }
      if ((row = reader_row (&reader, r)) < 0 || !mc_column_get_double (reader.column, row, &value))
        {
          count[g] += aggregate->kind == MC_AGGREGATE_COUNT && row >= 0;
          continue;
        }
      count[g]++;
      mc_sum_add (&sum[g], value);
      /* Welford's update: no cancellation between large squares. */
      delta = value - mean[g];
      mean[g] += delta / count[g];
      squares[g] += delta * (value - mean[g]);
      extreme[g] = is_max ? MAX (extreme[g], value) : MIN (extreme[g], value);
    }
  for (gsize g = 0; g < n_groups; g++)
    {
      double *out = &result->values[g * result->n_aggregates + a];

      switch (aggregate->kind)
        {
        case MC_AGGREGATE_COUNT:
          *out = count[g];
          break;
        case MC_AGGREGATE_SUM:
          *out = mc_sum_value (&sum[g]);
          break;
        case MC_AGGREGATE_MEAN:
          *out = count[g] > 0 ? mc_sum_value (&sum[g]) / count[g] : NAN;
          break;
        case MC_AGGREGATE_STDDEV:
          *out = count[g] > 1 ? sqrt (squares[g] / (count[g] - 1)) : NAN;
          break;
        case MC_AGGREGATE_MIN:
        case MC_AGGREGATE_MAX:
        case MC_AGGREGATE_MEDIAN:
        case MC_AGGREGATE_QUANTILE:
        case MC_AGGREGATE_DISTINCT:
        default:
          *out = count[g] > 0 ? extreme[g] : NAN;
          break;
        }
    }
  reader_clear (&reader);
}

McGroupResult *
mc_group_by (gsize               n_rows,
             const McSelection  *selection,
             const McGroupKey   *keys,
             guint               n_keys,
             const McAggregate  *aggregates,
             guint               n_aggregates,
             GError            **error)
{
  g_autoptr(McGroupResult) result = g_new0 (McGroupResult, 1);
  Grouping grouping = { 0 };

  g_return_val_if_fail (selection == NULL || selection->n_rows == n_rows, NULL);

  result->n_keys = n_keys;
  result->n_aggregates = n_aggregates;
  result->keys = g_new0 (McKeyCodes, MAX (n_keys, 1));
  for (guint k = 0; k < n_keys; k++)
    mc_key_codes_init (&result->keys[k], keys[k].ref, keys[k].bucket, n_rows);
  if (!grouping_init (&grouping, result, n_rows, selection, error))
    return NULL;

  result->values = g_new (double, MAX (grouping.n_groups * n_aggregates, 1));
  for (guint a = 0; a < n_aggregates; a++)
    {
      McAggregateKind kind = aggregates[a].kind;

      if (kind == MC_AGGREGATE_COUNT && aggregates[a].ref.column == NULL && aggregates[a].ref.join == NULL)
        for (gsize g = 0; g < grouping.n_groups; g++)
          result->values[g * n_aggregates + a] = result->rows[g];
      else if (kind == MC_AGGREGATE_MEDIAN || kind == MC_AGGREGATE_QUANTILE || kind == MC_AGGREGATE_DISTINCT)
        aggregate_sorted (result, &grouping, &aggregates[a], a, n_rows);
      else
        aggregate_streaming (result, &grouping, &aggregates[a], a, n_rows);
    }
  g_free (grouping.group_of_row);
  return g_steal_pointer (&result);
}

void
mc_group_result_free (McGroupResult *self)
{
  if (self == NULL)
    return;
  for (guint k = 0; self->keys != NULL && k < self->n_keys; k++)
    mc_key_codes_clear (&self->keys[k]);
  g_free (self->keys);
  g_free (self->codes);
  g_free (self->rows);
  g_free (self->values);
  g_free (self);
}
