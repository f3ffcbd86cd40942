/* mc-checks-values.c: the checks of values: outliers, ratings, durations, dates
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-checks"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "mc-checks-private.h"
#include "mc-join.h"
#include "mc-stats.h"

/* Values beyond the quartiles by more than this many interquartile
 * ranges are outliers (Tukey's "far out" fence). */
#define OUTLIER_IQR_FACTOR 3.0
/* A price this many times the product's list price, or below its
 * inverse, is an outlier whatever the other prices are. */
#define OUTLIER_PRICE_RATIO 3.0

typedef gboolean (*ValueFunc) (McTable *table, gpointer data, gsize row, double *value);

typedef struct
{
  double low;
  double high;
  double q1;
  double q3;
} Fences;

/* Sorts VALUES and sets the IQR fences; FALSE when there are too few
 * values or no spread. */
static gboolean
compute_fences (double *values,
                gsize   n,
                Fences *fences)
{
  if (n < 4)
    return FALSE;
  mc_sort_doubles (values, n);
  fences->q1 = mc_quantile (values, n, 0.25);
  fences->q3 = mc_quantile (values, n, 0.75);
  if (fences->q3 <= fences->q1)
    return FALSE;
  fences->low = fences->q1 - OUTLIER_IQR_FACTOR * (fences->q3 - fences->q1);
  fences->high = fences->q3 + OUTLIER_IQR_FACTOR * (fences->q3 - fences->q1);
  /* A fence below every possible value says nothing to a reader. */
  if (fences->low < 0 && values[0] >= 0)
    fences->low = -G_MAXDOUBLE;
  return TRUE;
}

/* Computes the IQR fences of the values VALUE_OF gives and flags the rows
 * beyond them; FALSE when there are too few values or no spread. */
static gboolean
flag_iqr_outliers (McTable   *table,
                   McFinding *finding,
                   ValueFunc  value_of,
                   gpointer   data,
                   Fences    *fences)
{
  gsize n_rows = mc_table_get_n_rows (table), n = 0;
  g_autofree double *values = g_new (double, MAX (n_rows, 1));
  double v;

  for (gsize r = 0; r < n_rows; r++)
    if (value_of (table, data, r, &values[n]))
      n++;
  if (!compute_fences (values, n, fences))
    return FALSE;
  for (gsize r = 0; r < n_rows; r++)
    if (value_of (table, data, r, &v) && (v < fences->low || v > fences->high))
      _mc_finding_add_row (finding, table, r);
  return TRUE;
}

/**
 * mc_checks_iqr_fences:
 *
 * The outlier fences of a numeric column, as the outlier check uses
 * them; LOW is -G_MAXDOUBLE when no value can fall below it.
 */
gboolean
mc_checks_iqr_fences (McColumn *column,
                      double   *low,
                      double   *high)
{
  g_autofree double *values = NULL;
  gsize n;
  Fences fences;

  g_return_val_if_fail (column != NULL, FALSE);

  values = mc_column_sorted_values (column, &n);
  if (!compute_fences (values, n, &fences))
    return FALSE;
  *low = fences.low;
  *high = fences.high;
  return TRUE;
}

static char *
describe_fences (const Fences *fences)
{
  if (fences->low == -G_MAXDOUBLE)
    /* Translators: the usual range that outliers lie beyond. */
    return g_strdup_printf (_("above %g"), fences->high);
  /* Translators: the usual range that outliers lie beyond. */
  return g_strdup_printf (_("below %g or above %g"), fences->low, fences->high);
}

/* Flags values beyond the IQR fences; VALUE_OF gives each row's value. */
static void
check_iqr_outliers (Checker    *checker,
                    McTable    *table,
                    McFinding  *finding,
                    const char *what,
                    ValueFunc   value_of,
                    gpointer    data)
{
  Fences fences;
  g_autofree char *range = NULL;

  if (!flag_iqr_outliers (table, finding, value_of, data, &fences))
    {
      _mc_checks_emit (checker, finding, NULL);
      return;
    }
  range = describe_fences (&fences);
  _mc_checks_emit (checker, finding,
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      /* Translators: %zu counts values, the first %s names a column, the
                                       * second is "above 12" or "below 3 or above 12"; the first %g is a
                                       * factor (3), the other two are the quartiles. */
                                      "%zu value of %s is far outside the usual range: %s, more than %g "
                                      "times the interquartile range (%g to %g) beyond it.",
                                      "%zu values of %s are far outside the usual range: %s, more than %g "
                                      "times the interquartile range (%g to %g) beyond it.",
                                      finding->count),
                         finding->count, what, range, OUTLIER_IQR_FACTOR, fences.q1, fences.q3));
}

static gboolean
column_value (McTable  *table,
              gpointer  data,
              gsize     row,
              double   *value)
{
  return mc_column_get_double (data, row, value);
}

void
_mc_check_value_outliers (Checker  *checker,
                          McTable  *table,
                          McColumn *column)
{
  McFinding *finding = _mc_finding_new ("outlier", MC_SEVERITY_WARNING, table, column->name, NULL);
  check_iqr_outliers (checker, table, finding, column->name, column_value, column);
}

typedef struct
{
  McColumn *start;
  McColumn *end;
  McColumn *kind;        /* the visit type, when there is one */
  guint32   kind_code;
} Span;

/* A visit's duration in minutes; only spans that end after they start
 * (the others are date_order findings). */
static gboolean
span_minutes (McTable  *table,
              gpointer  data,
              gsize     row,
              double   *value)
{
  Span *span = data;
  double start, end;

  if (span->kind != NULL && (mc_column_is_missing (span->kind, row) || span->kind->v.codes[row] != span->kind_code))
    return FALSE;
  if (!mc_column_get_double (span->start, row, &start) || !mc_column_get_double (span->end, row, &end) || end < start)
    return FALSE;
  *value = span->start->type == MC_COLUMN_TYPE_DATE ? (end - start) * 1440.0 : (end - start) / 60e6;
  return TRUE;
}

/* "sales.purchase_price" is ten times "cars.price": an outlier however
 * many such prices there are. */
void
_mc_check_price_ratio (Checker  *checker,
                       McTable  *table,
                       McColumn *amount)
{
  McJoin join;
  McFinding *finding;

  if (!mc_join_init (&join, checker->dataset, table, MC_ROLE_LIST_PRICE))
    return;
  finding = _mc_finding_new ("outlier", MC_SEVERITY_WARNING, table, amount->name, join.label, NULL);
  for (gsize r = 0; r < amount->n_rows; r++)
    {
      double paid, listed;

      /* A negative amount is reported once, by negative_value. */
      if (!mc_column_get_double (amount, r, &paid) || paid < 0 || !mc_join_value (&join, r, &listed) || listed <= 0)
        continue;
      if (paid > listed * OUTLIER_PRICE_RATIO || paid < listed / OUTLIER_PRICE_RATIO)
        _mc_finding_add_row (finding, table, r);
    }
  _mc_checks_emit (checker, finding,
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      /* Translators: %zu counts values, the first %s is the name of a
                                       * column, the second a column of another table (cars.price); both %g
                                       * are the same factor (3). */
                                      "%zu value of %s is more than %g times, or less than 1/%g of, "
                                      "the list price (%s) of the product bought.",
                                      "%zu values of %s are more than %g times, or less than 1/%g of, "
                                      "the list price (%s) of the product bought.",
                                      finding->count),
                         finding->count, amount->name, OUTLIER_PRICE_RATIO, OUTLIER_PRICE_RATIO, join.label));
  mc_join_clear (&join);
}

/* The usual scales a rating column uses; the first that holds 95 % of
 * its values is its scale. */
gboolean
mc_checks_rating_scale (McColumn *column,
                        double   *low,
                        double   *high)
{
  static const double scales[][2] = { { 1, 5 }, { 0, 5 }, { 1, 10 }, { 0, 10 }, { 0, 100 } };

  for (guint s = 0; s < G_N_ELEMENTS (scales); s++)
    {
      gsize inside = 0, present = 0;

      for (gsize r = 0; r < column->n_rows; r++)
        {
          double v;

          if (!mc_column_get_double (column, r, &v))
            continue;
          present++;
          inside += v >= scales[s][0] && v <= scales[s][1];
        }
      if (present > 0 && inside >= 0.95 * present)
        {
          *low = scales[s][0];
          *high = scales[s][1];
          return TRUE;
        }
    }
  return FALSE;
}

void
_mc_check_rating_range (Checker  *checker,
                        McTable  *table,
                        McColumn *column)
{
  McFinding *finding;
  McCheckQuery query;
  gboolean counted;
  double low, high;

  if (!mc_checks_rating_scale (column, &low, &high))
    return;
  finding = _mc_finding_new ("out_of_range", MC_SEVERITY_WARNING, table, column->name, NULL);
  query = (McCheckQuery) { MC_CHECK_QUERY_OUT_OF_RANGE, table, column, .low = low, .high = high };
  counted = _mc_checks_count_on_server (checker, &query, finding);

  for (gsize r = 0; r < column->n_rows && !counted; r++)
    {
      double v;

      if (mc_column_get_double (column, r, &v) && (v < low || v > high))
        _mc_finding_add_row (finding, table, r);
    }
  _mc_checks_emit (checker, finding,
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      /* Translators: %zu counts values, %s is the name of a column, the two
                                       * %g are the ends of a rating scale (1–5). */
                                      "%zu value of %s is outside the %g–%g scale the column uses.",
                                      "%zu values of %s are outside the %g–%g scale the column uses.",
                                      finding->count),
                         finding->count, column->name, low, high));
}

/* Viewing takes minutes and testing hours: durations are compared within
 * each visit type when the table says what type each visit is. */
static void
check_duration_outliers (Checker *checker,
                         McTable *table,
                         Span    *span)
{
  McFinding *finding = _mc_finding_new ("outlier", MC_SEVERITY_WARNING, table, span->start->name, span->end->name, NULL);
  g_autoptr(GString) ranges = g_string_new (NULL);
  guint n_groups;

  span->kind = mc_table_find_role (table, MC_ROLE_EVENT_TYPE);
  if (span->kind != NULL && !mc_column_has_codes (span->kind))
    span->kind = NULL;
  n_groups = span->kind != NULL ? span->kind->dict->len : 1;
  for (guint g = 0; g < n_groups; g++)
    {
      Fences fences;
      g_autofree char *range = NULL;

      span->kind_code = g;
      if (!flag_iqr_outliers (table, finding, span_minutes, span, &fences))
        continue;
      range = describe_fences (&fences);
      g_string_append_printf (ranges, "%s%s%s%s", ranges->len > 0 ? "; " : "",
                              span->kind != NULL ? (const char *) g_ptr_array_index (span->kind->dict, g) : "",
                              span->kind != NULL ? " " : "", range);
    }
  _mc_checks_emit (checker, finding,
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      /* Translators: %zu counts visits, the first two %s name columns (start
                                       * and end), %g is a factor (3), the last %s lists the usual range of
                                       * each kind of visit, such as "testing above 240; viewing above 35".
                                       * The English text does not change with the count. */
                                      "%zu durations (in minutes, from %s to %s) lie far outside the usual "
                                      "range for their kind of visit, more than %g times the interquartile "
                                      "range beyond it: %s.",
                                      "%zu durations (in minutes, from %s to %s) lie far outside the usual "
                                      "range for their kind of visit, more than %g times the interquartile "
                                      "range beyond it: %s.",
                                      finding->count),
                         finding->count, span->start->name, span->end->name, OUTLIER_IQR_FACTOR, ranges->str));
}

void
_mc_check_spans (Checker *checker,
                 McTable *table)
{
  Span span = { mc_table_find_role (table, MC_ROLE_VISIT_START), mc_table_find_role (table, MC_ROLE_VISIT_END), NULL, 0 };
  McFinding *finding;
  McCheckQuery query;
  gboolean counted;

  if (span.start == NULL || span.end == NULL || span.start->type != span.end->type)
    return;
  finding = _mc_finding_new ("date_order", MC_SEVERITY_ERROR, table, span.start->name, span.end->name, NULL);
  query = (McCheckQuery) { MC_CHECK_QUERY_DATE_ORDER, table, span.start, .end = span.end };
  counted = _mc_checks_count_on_server (checker, &query, finding);

  for (gsize r = 0; r < span.start->n_rows && !counted; r++)
    {
      double start, end;

      if (mc_column_get_double (span.start, r, &start) && mc_column_get_double (span.end, r, &end) && end < start)
        _mc_finding_add_row (finding, table, r);
    }
  _mc_checks_emit (checker, finding,
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      /* Translators: %zu counts rows, the first %s is the name of a table,
                                       * the second and third name its end and start columns. */
                                      "%zu row of %s ends before it starts (%s is earlier than %s).",
                                      "%zu rows of %s end before they start (%s is earlier than %s).",
                                      finding->count),
                         finding->count, mc_table_get_name (table), span.end->name, span.start->name));

  check_duration_outliers (checker, table, &span);
}

void
_mc_check_future (Checker  *checker,
                  McTable  *table,
                  McColumn *column)
{
  McFinding *finding = _mc_finding_new ("future_date", MC_SEVERITY_WARNING, table, column->name, NULL);
  double now = column->type == MC_COLUMN_TYPE_DATE ? floor (checker->now / 86400e6) : (double) checker->now;

  for (gsize r = 0; r < column->n_rows; r++)
    {
      double v;

      if (mc_column_get_double (column, r, &v) && v > now)
        _mc_finding_add_row (finding, table, r);
    }
  _mc_checks_emit (checker, finding,
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      /* Translators: %zu counts values, %s is the name of a column. */
                                      "%zu value of %s is in the future.",
                                      "%zu values of %s are in the future.",
                                      finding->count),
                         finding->count, column->name));
}

/* Online shops date from the 1990s: an event before 1990 is a typing
 * error or a stand-in (0001-01-01) rather than history. */
#define FIRST_PLAUSIBLE_DAY 7305 /* 1990-01-01 */

void
_mc_check_too_old (Checker  *checker,
                   McTable  *table,
                   McColumn *column)
{
  McFinding *finding = _mc_finding_new ("out_of_range", MC_SEVERITY_WARNING, table, column->name, NULL);
  double first = column->type == MC_COLUMN_TYPE_DATE ? FIRST_PLAUSIBLE_DAY : FIRST_PLAUSIBLE_DAY * 86400e6;

  for (gsize r = 0; r < column->n_rows; r++)
    {
      double v;

      if (mc_column_get_double (column, r, &v) && v < first)
        _mc_finding_add_row (finding, table, r);
    }
  _mc_checks_emit (checker, finding,
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      /* Translators: %zu counts values, %s is the name of a column. */
                                      "%zu value of %s is dated before 1990, too early for an online shop.",
                                      "%zu values of %s are dated before 1990, too early for an online shop.",
                                      finding->count),
                         finding->count, column->name));
}

/* The table of DATASET that holds COLUMN, or NULL. */
static McTable *
table_of (McDataset *dataset,
          McColumn  *column)
{
  for (guint t = 0; t < mc_dataset_get_n_tables (dataset); t++)
    {
      McTable *table = mc_dataset_get_table (dataset, t);

      for (guint c = 0; c < mc_table_get_n_columns (table); c++)
        if (mc_table_get_column (table, c) == column)
          return table;
    }
  return NULL;
}

/* A purchase dated before the product it bought was released. */
void
_mc_check_before_release (Checker  *checker,
                          McTable  *table,
                          McColumn *when)
{
  McJoin join;
  McFinding *finding;
  McCheckQuery query;
  gboolean counted;

  if (!mc_join_init (&join, checker->dataset, table, MC_ROLE_RELEASE_DATE))
    return;
  finding = _mc_finding_new ("before_release", MC_SEVERITY_ERROR, table, when->name, join.label, NULL);
  query = (McCheckQuery) { MC_CHECK_QUERY_BEFORE_RELEASE, table, when, .via = join.from,
                           .other_table = table_of (checker->dataset, join.to), .other_key = join.to,
                           .related = join.related };
  counted = query.other_table != NULL && _mc_checks_count_on_server (checker, &query, finding);
  for (gsize r = 0; r < when->n_rows && !counted; r++)
    {
      double at, released;

      if (!mc_column_get_double (when, r, &at) || !mc_join_value (&join, r, &released))
        continue;
      /* Compare days: a datetime is in µs, a release date in days. */
      if (when->type == MC_COLUMN_TYPE_DATETIME)
        at = floor (at / 86400e6);
      if (join.related->type == MC_COLUMN_TYPE_DATETIME)
        released = floor (released / 86400e6);
      if (at < released)
        _mc_finding_add_row (finding, table, r);
    }
  _mc_checks_emit (checker, finding,
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      /* Translators: %zu counts rows, the first %s is the name of a table,
                                       * the second of its date column, the third a column of another table
                                       * (cars.release_date). */
                                      "%zu row of %s is dated before the product bought was released "
                                      "(%s earlier than %s).",
                                      "%zu rows of %s are dated before the product bought was released "
                                      "(%s earlier than %s).",
                                      finding->count),
                         finding->count, mc_table_get_name (table), when->name, join.label));
  mc_join_clear (&join);
}
