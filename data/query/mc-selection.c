/* mc-selection.c: the rows that pass a list of filters, as a bitmap
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-query"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mc-query-private.h"
#include "mc-value-parse.h"

static gsize
n_words (gsize n_rows)
{
  return MAX ((n_rows + 63) / 64, 1);
}

static McSelection *
selection_new_all (gsize n_rows)
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
  _mc_reader_init (&test->reader, filter->ref, n_rows);
  return TRUE;
}

static void
test_clear (Test *test)
{
  g_clear_pointer (&test->intervals, g_array_unref);
  g_clear_pointer (&test->code_passes, g_free);
  _mc_reader_clear (&test->reader);
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
            gssize row = _mc_reader_row (&(test)->reader, r);                      \
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
  g_autoptr(McSelection) self = selection_new_all (n_rows);

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

