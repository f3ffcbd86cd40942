/* mc-checks.c: what is wrong with a dataset
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each check looks at columns by role, so the same checks run on every
 * kind of export. A finding counts the offending rows and keeps the
 * source lines of the first twenty, so users can find them in the file.
 */
#define G_LOG_DOMAIN "mc-checks"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mc-checks.h"
#include "mc-join.h"
#include "mc-key-set.h"

/* Values beyond the quartiles by more than this many interquartile
 * ranges are outliers (Tukey's "far out" fence). */
#define OUTLIER_IQR_FACTOR 3.0
/* A price this many times the product's list price, or below its
 * inverse, is an outlier whatever the other prices are. */
#define OUTLIER_PRICE_RATIO 3.0
/* Columns at least this empty are optional by nature (reviews). */
#define OPTIONAL_MISSING_SHARE 0.5

typedef struct
{
  McDataset *dataset;
  GPtrArray *findings;
  gint64     now;
} Checker;

const char *
mc_severity_to_string (McSeverity severity)
{
  static const char *names[] = { "info", "warning", "error" };

  g_return_val_if_fail (severity <= MC_SEVERITY_ERROR, NULL);
  return names[severity];
}

void
mc_finding_free (McFinding *finding)
{
  if (finding == NULL)
    return;
  g_free (finding->check);
  g_free (finding->table);
  g_strfreev (finding->columns);
  g_free (finding->message);
  g_free (finding);
}

/* Starts a finding about COLUMNS (NULL-terminated) of TABLE. */
static McFinding *
finding_new (const char *check,
             McSeverity  severity,
             McTable    *table,
             const char *column,
             ...)
{
  g_autoptr(GStrvBuilder) columns = g_strv_builder_new ();
  McFinding *finding = g_new0 (McFinding, 1);
  va_list args;

  finding->check = g_strdup (check);
  finding->severity = severity;
  finding->table = g_strdup (mc_table_get_name (table));
  va_start (args, column);
  for (const char *c = column; c != NULL; c = va_arg (args, const char *))
    g_strv_builder_add (columns, c);
  va_end (args);
  finding->columns = g_strv_builder_end (columns);
  return finding;
}

static void
finding_add_row (McFinding *finding,
                 McTable   *table,
                 gsize      row)
{
  if (finding->n_examples < MC_FINDING_MAX_EXAMPLES)
    finding->examples[finding->n_examples++] = mc_table_get_row_line (table, row);
  finding->count++;
}

/* Keeps FINDING when it found something, with MESSAGE (taken). */
static void
emit (Checker   *checker,
      McFinding *finding,
      char      *message)
{
  if (finding->count == 0)
    {
      g_free (message);
      mc_finding_free (finding);
      return;
    }
  finding->message = message;
  g_ptr_array_add (checker->findings, finding);
}

/* Messages are whole sentences in the user's language, their nouns and
 * verbs agreeing with the count through g_dngettext(): "1 row is", "3 rows
 * are". Check names, severities, tables and columns are never translated:
 * they are identifiers (DESIGN.md). */

/* Cells hash and compare by their stored value: dictionary codes, UUID
 * bytes or numbers; two missing cells are equal. */
static guint64
cell_hash (McColumn *column,
           gsize     row)
{
  guint64 bits = 0x9e3779b97f4a7c15;
  double d;

  if (mc_column_is_missing (column, row))
    return bits;
  if (column->is_uuid)
    {
      memcpy (&bits, column->v.uuids + row * 16 + 8, 8);
      return bits;
    }
  if (mc_column_has_codes (column))
    return column->v.codes[row];
  if (mc_column_get_double (column, row, &d))
    memcpy (&bits, &d, 8);
  return bits;
}

static gboolean
cells_equal (McColumn *column,
             gsize     a,
             gsize     b)
{
  double x, y;

  if (mc_column_is_missing (column, a) || mc_column_is_missing (column, b))
    return mc_column_is_missing (column, a) == mc_column_is_missing (column, b);
  if (column->is_uuid)
    return memcmp (column->v.uuids + a * 16, column->v.uuids + b * 16, 16) == 0;
  if (mc_column_has_codes (column))
    return column->v.codes[a] == column->v.codes[b];
  if (column->type == MC_COLUMN_TYPE_INTEGER || column->type == MC_COLUMN_TYPE_DATETIME)
    return column->v.i64[a] == column->v.i64[b];
  mc_column_get_double (column, a, &x);
  mc_column_get_double (column, b, &y);
  return x == y;
}

static guint64
row_hash (McTable *table,
          gsize    row)
{
  guint64 hash = 1469598103934665603;

  for (guint c = 0; c < mc_table_get_n_columns (table); c++)
    hash = (hash ^ cell_hash (mc_table_get_column (table, c), row)) * 1099511628211;
  return hash ^ (hash >> 29);
}

static gboolean
rows_equal (McTable *table,
            gsize    a,
            gsize    b)
{
  for (guint c = 0; c < mc_table_get_n_columns (table); c++)
    if (!cells_equal (mc_table_get_column (table, c), a, b))
      return FALSE;
  return TRUE;
}

/* For each row, the first earlier row that SAME says equals it, or -1:
 * an open-addressing table of (hash, row), probed once per row. */
typedef gboolean (*SameFunc) (gpointer data, gsize a, gsize b);

static gssize *
find_earlier_equals (gsize     n_rows,
                     guint64 (*hash_func) (gpointer, gsize),
                     SameFunc  same,
                     gpointer  data)
{
  gsize capacity = 16;
  g_autofree guint64 *hashes = NULL;
  g_autofree gssize *slots = NULL;
  gssize *earlier = g_new (gssize, MAX (n_rows, 1));

  while (capacity < n_rows + n_rows / 2)
    capacity *= 2;
  hashes = g_new (guint64, capacity);
  slots = g_new (gssize, capacity);
  for (gsize i = 0; i < capacity; i++)
    slots[i] = -1;

  for (gsize r = 0; r < n_rows; r++)
    {
      guint64 hash = hash_func (data, r);
      gsize i = hash & (capacity - 1);

      while (slots[i] >= 0 && (hashes[i] != hash || !same (data, slots[i], r)))
        i = (i + 1) & (capacity - 1);
      earlier[r] = slots[i];
      if (slots[i] < 0)
        {
          slots[i] = r;
          hashes[i] = hash;
        }
    }
  return earlier;
}

static guint64
table_row_hash (gpointer data,
                gsize    row)
{
  return row_hash (data, row);
}

static gboolean
table_rows_equal (gpointer data,
                  gsize    a,
                  gsize    b)
{
  return rows_equal (data, a, b);
}

static guint64
key_cell_hash (gpointer data,
               gsize    row)
{
  guint64 h = cell_hash (data, row);

  return h ^ (h >> 31) ^ (h << 17);
}

static gboolean
key_cells_equal (gpointer data,
                 gsize    a,
                 gsize    b)
{
  return cells_equal (data, a, b);
}

/**
 * mc_table_find_copies:
 *
 * For each row, the first earlier row equal to it in every column, or -1.
 */
gssize *
mc_table_find_copies (McTable *table)
{
  g_return_val_if_fail (MC_IS_TABLE (table), NULL);

  return find_earlier_equals (mc_table_get_n_rows (table), table_row_hash, table_rows_equal, table);
}

/**
 * mc_column_find_repeats:
 *
 * For each row, the first earlier row with the same value, or -1; missing
 * cells count as one value, so callers skip them.
 */
gssize *
mc_column_find_repeats (McColumn *column)
{
  g_return_val_if_fail (column != NULL, NULL);

  return find_earlier_equals (column->n_rows, key_cell_hash, key_cells_equal, column);
}

/* A whole row repeats or is empty: the finding is about every column. */
static McFinding *
whole_row_finding (const char *check,
                   McTable    *table)
{
  McFinding *finding = finding_new (check, MC_SEVERITY_WARNING, table, NULL);
  g_autoptr(GStrvBuilder) all = g_strv_builder_new ();

  for (guint c = 0; c < mc_table_get_n_columns (table); c++)
    g_strv_builder_add (all, mc_table_get_column (table, c)->name);
  g_strfreev (finding->columns);
  finding->columns = g_strv_builder_end (all);
  return finding;
}

/* duplicate_rows, then duplicate_key on rows that are not exact copies;
 * rows with every cell empty (a spreadsheet's leftovers) are not copies
 * of each other but rows with nothing, said as such. */
static void
check_duplicates (Checker *checker,
                  McTable *table)
{
  gsize n = mc_table_get_n_rows (table);
  g_autofree gssize *copies = mc_table_find_copies (table);
  int key = mc_table_get_primary_key (table);
  McFinding *rows = whole_row_finding ("duplicate_rows", table);
  McFinding *empty = whole_row_finding ("missing_values", table);

  for (gsize r = 0; r < n; r++)
    {
      if (mc_table_row_is_empty (table, r))
        {
          finding_add_row (empty, table, r);
          copies[r] = -1;
        }
      else if (copies[r] >= 0)
        finding_add_row (rows, table, r);
    }
  emit (checker, empty,
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      /* Translators: %zu counts rows, %s is the name of a table. */
                                      "%zu row of %s is empty: every cell is missing.",
                                      "%zu rows of %s are empty: every cell is missing.",
                                      empty->count),
                         empty->count, mc_table_get_name (table)));
  emit (checker, rows,
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      /* Translators: %zu counts rows, %s is the name of a table. */
                                      "%zu row of %s repeats an earlier row exactly: probably exported twice.",
                                      "%zu rows of %s repeat an earlier row exactly: probably exported twice.",
                                      rows->count),
                         rows->count, mc_table_get_name (table)));
  if (key >= 0)
    {
      McColumn *column = mc_table_get_column (table, key);
      g_autofree gssize *same_key = mc_column_find_repeats (column);
      McFinding *keys = finding_new ("duplicate_key", MC_SEVERITY_ERROR, table, column->name, NULL);

      for (gsize r = 0; r < n; r++)
        if (same_key[r] >= 0 && copies[r] < 0 && !mc_column_is_missing (column, r))
          finding_add_row (keys, table, r);
      emit (checker, keys,
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          /* Translators: %zu counts rows, the first %s is the name of a
                                           * table, the other two the name of its key column. */
                                          "%zu row of %s reuses the %s of an earlier, different row; "
                                          "each %s should appear once.",
                                          "%zu rows of %s reuse the %s of an earlier, different row; "
                                          "each %s should appear once.",
                                          keys->count),
                             keys->count, mc_table_get_name (table), column->name, column->name));
    }
}

static gboolean
is_optional (McColumn *column)
{
  return column->role == MC_ROLE_RATING
      || (double) column->n_missing >= OPTIONAL_MISSING_SHARE * column->n_rows;
}

/* "including 24 × “data layer field missing”" when stand-in texts count. */
static char *
describe_placeholders (McColumn *column)
{
  g_autoptr(GHashTable) counts = mc_column_count_placeholders (column);
  g_autoptr(GString) list = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (list->len > 0)
        g_string_append (list, ", ");
      /* Translators: how often a stand-in text fills a column, such as
       * 24 × “data layer field missing”. */
      g_string_append_printf (list, _("%u × “%s”"), GPOINTER_TO_UINT (value), (const char *) key);
    }
  if (list->len == 0)
    return g_strdup ("");
  /* Translators: follows "are empty or unusable" in the message about
   * missing values; %s lists stand-in texts, such as
   * 24 × “data layer field missing”. */
  return g_strdup_printf (_(" (including %s)"), list->str);
}

static void
check_missing (Checker  *checker,
               McTable  *table,
               McColumn *column)
{
  gboolean optional = is_optional (column);
  McFinding *finding = finding_new ("missing_values", optional ? MC_SEVERITY_INFO : MC_SEVERITY_WARNING,
                                    table, column->name, NULL);
  g_autofree char *placeholders = describe_placeholders (column);
  char *message;
  double share;

  for (gsize r = 0; r < column->n_rows; r++)
    if (mc_column_is_missing (column, r))
      finding_add_row (finding, table, r);
  share = 100.0 * finding->count / MAX (column->n_rows, 1);
  if (optional)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            /* Translators: the first %zu counts empty values, the
                                             * second all the values of the column named by the first
                                             * %s; the second %s is empty or lists stand-in texts, such
                                             * as " (including 24 × “n/a”)"; %.1f is a percentage. */
                                            "%zu of %zu values of %s is empty or unusable%s (%.1f %%); "
                                            "the column is optional, so gaps are expected.",
                                            "%zu of %zu values of %s are empty or unusable%s (%.1f %%); "
                                            "the column is optional, so gaps are expected.",
                                            finding->count),
                               finding->count, column->n_rows, column->name, placeholders, share);
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            /* Translators: as the message about an optional column,
                                             * for a column that should be full. */
                                            "%zu of %zu values of %s is empty or unusable%s (%.1f %%).",
                                            "%zu of %zu values of %s are empty or unusable%s (%.1f %%).",
                                            finding->count),
                               finding->count, column->n_rows, column->name, placeholders, share);
  emit (checker, finding, message);
}

static void
check_type_mismatches (Checker  *checker,
                       McTable  *table,
                       McColumn *column)
{
  McFinding *finding = finding_new ("type_mismatch", MC_SEVERITY_ERROR, table, column->name, NULL);
  const char *first = NULL;

  for (guint i = 0; i < column->issues->len; i++)
    {
      const McCellIssue *issue = &g_array_index (column->issues, McCellIssue, i);

      if (issue->kind != MC_CELL_ISSUE_MISMATCH)
        continue;
      first = first != NULL ? first : issue->raw;
      finding_add_row (finding, table, issue->row);
    }
  emit (checker, finding,
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      /* Translators: %zu counts values, the first %s is the name of a column,
                                       * the second its type as the program names it (integer, number, date,
                                       * datetime, boolean, category, identifier or text), the third one of
                                       * the values. */
                                      "%zu value of %s cannot be read as %s (such as “%s”) and is "
                                      "treated as missing.",
                                      "%zu values of %s cannot be read as %s (such as “%s”) and are "
                                      "treated as missing.",
                                      finding->count),
                         finding->count, column->name, mc_column_type_to_string (column->type),
                         first != NULL ? first : ""));
}

/* name@domain.tld, with no spaces and one @. */
static gboolean
is_valid_email (const char *text)
{
  const char *at = strchr (text, '@');
  const char *dot;

  if (at == NULL || at == text || strchr (at + 1, '@') != NULL || strpbrk (text, " \t,;<>") != NULL)
    return FALSE;
  dot = strrchr (at + 1, '.');
  return dot != NULL && dot > at + 1 && strlen (dot + 1) >= 2;
}

static void
check_emails (Checker  *checker,
              McTable  *table,
              McColumn *column)
{
  McFinding *finding = finding_new ("invalid_email", MC_SEVERITY_WARNING, table, column->name, NULL);
  const char *first = NULL;

  for (gsize r = 0; r < column->n_rows; r++)
    {
      const char *text = mc_column_get_string (column, r);

      if (text == NULL || is_valid_email (text))
        continue;
      first = first != NULL ? first : text;
      finding_add_row (finding, table, r);
    }
  emit (checker, finding,
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      /* Translators: %zu counts addresses, the first %s is the name of a
                                       * column, the second one of the addresses. */
                                      "%zu e-mail address in %s is not valid (such as “%s”).",
                                      "%zu e-mail addresses in %s are not valid (such as “%s”).",
                                      finding->count),
                         finding->count, column->name, first != NULL ? first : ""));
}

static gboolean
is_money_or_count (McColumn *column)
{
  return mc_column_is_numeric (column)
      && (column->role == MC_ROLE_AMOUNT || column->role == MC_ROLE_LIST_PRICE || column->role == MC_ROLE_QUANTITY);
}

static void
check_negative (Checker  *checker,
                McTable  *table,
                McColumn *column)
{
  McFinding *finding = finding_new ("negative_value", MC_SEVERITY_ERROR, table, column->name, NULL);

  for (gsize r = 0; r < column->n_rows; r++)
    {
      double v;

      if (mc_column_get_double (column, r, &v) && v < 0)
        finding_add_row (finding, table, r);
    }
  emit (checker, finding,
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      /* Translators: %zu counts values, %s is the name of a column. */
                                      "%zu value of %s is below zero, which prices, amounts and "
                                      "quantities cannot be.",
                                      "%zu values of %s are below zero, which prices, amounts and "
                                      "quantities cannot be.",
                                      finding->count),
                         finding->count, column->name));
}

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
      finding_add_row (finding, table, r);
  return TRUE;
}

/**
 * mc_column_iqr_fences:
 *
 * The outlier fences of a numeric column, as the outlier check uses
 * them; LOW is -G_MAXDOUBLE when no value can fall below it.
 */
gboolean
mc_column_iqr_fences (McColumn *column,
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
      emit (checker, finding, NULL);
      return;
    }
  range = describe_fences (&fences);
  emit (checker, finding,
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

static void
check_value_outliers (Checker  *checker,
                      McTable  *table,
                      McColumn *column)
{
  McFinding *finding = finding_new ("outlier", MC_SEVERITY_WARNING, table, column->name, NULL);
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
static void
check_price_ratio (Checker  *checker,
                   McTable  *table,
                   McColumn *amount)
{
  McJoin join;
  McFinding *finding;

  if (!mc_join_init (&join, checker->dataset, table, MC_ROLE_LIST_PRICE))
    return;
  finding = finding_new ("outlier", MC_SEVERITY_WARNING, table, amount->name, join.label, NULL);
  for (gsize r = 0; r < amount->n_rows; r++)
    {
      double paid, listed;

      /* A negative amount is reported once, by negative_value. */
      if (!mc_column_get_double (amount, r, &paid) || paid < 0 || !mc_join_value (&join, r, &listed) || listed <= 0)
        continue;
      if (paid > listed * OUTLIER_PRICE_RATIO || paid < listed / OUTLIER_PRICE_RATIO)
        finding_add_row (finding, table, r);
    }
  emit (checker, finding,
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
mc_column_rating_scale (McColumn *column,
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

static void
check_rating_range (Checker  *checker,
                    McTable  *table,
                    McColumn *column)
{
  McFinding *finding;
  double low, high;

  if (!mc_column_rating_scale (column, &low, &high))
    return;
  finding = finding_new ("out_of_range", MC_SEVERITY_WARNING, table, column->name, NULL);
  for (gsize r = 0; r < column->n_rows; r++)
    {
      double v;

      if (mc_column_get_double (column, r, &v) && (v < low || v > high))
        finding_add_row (finding, table, r);
    }
  emit (checker, finding,
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
  McFinding *finding = finding_new ("outlier", MC_SEVERITY_WARNING, table, span->start->name, span->end->name, NULL);
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
  emit (checker, finding,
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

static void
check_spans (Checker *checker,
             McTable *table)
{
  Span span = { mc_table_find_role (table, MC_ROLE_VISIT_START), mc_table_find_role (table, MC_ROLE_VISIT_END), NULL, 0 };
  McFinding *finding;

  if (span.start == NULL || span.end == NULL || span.start->type != span.end->type)
    return;
  finding = finding_new ("date_order", MC_SEVERITY_ERROR, table, span.start->name, span.end->name, NULL);
  for (gsize r = 0; r < span.start->n_rows; r++)
    {
      double start, end;

      if (mc_column_get_double (span.start, r, &start) && mc_column_get_double (span.end, r, &end) && end < start)
        finding_add_row (finding, table, r);
    }
  emit (checker, finding,
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      /* Translators: %zu counts rows, the first %s is the name of a table,
                                       * the second and third name its end and start columns. */
                                      "%zu row of %s ends before it starts (%s is earlier than %s).",
                                      "%zu rows of %s end before they start (%s is earlier than %s).",
                                      finding->count),
                         finding->count, mc_table_get_name (table), span.end->name, span.start->name));

  check_duration_outliers (checker, table, &span);
}

static void
check_future (Checker  *checker,
              McTable  *table,
              McColumn *column)
{
  McFinding *finding = finding_new ("future_date", MC_SEVERITY_WARNING, table, column->name, NULL);
  double now = column->type == MC_COLUMN_TYPE_DATE ? floor (checker->now / 86400e6) : (double) checker->now;

  for (gsize r = 0; r < column->n_rows; r++)
    {
      double v;

      if (mc_column_get_double (column, r, &v) && v > now)
        finding_add_row (finding, table, r);
    }
  emit (checker, finding,
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

static void
check_too_old (Checker  *checker,
               McTable  *table,
               McColumn *column)
{
  McFinding *finding = finding_new ("out_of_range", MC_SEVERITY_WARNING, table, column->name, NULL);
  double first = column->type == MC_COLUMN_TYPE_DATE ? FIRST_PLAUSIBLE_DAY : FIRST_PLAUSIBLE_DAY * 86400e6;

  for (gsize r = 0; r < column->n_rows; r++)
    {
      double v;

      if (mc_column_get_double (column, r, &v) && v < first)
        finding_add_row (finding, table, r);
    }
  emit (checker, finding,
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      /* Translators: %zu counts values, %s is the name of a column. */
                                      "%zu value of %s is dated before 1990, too early for an online shop.",
                                      "%zu values of %s are dated before 1990, too early for an online shop.",
                                      finding->count),
                         finding->count, column->name));
}

/* A purchase dated before the product it bought was released. */
static void
check_before_release (Checker  *checker,
                      McTable  *table,
                      McColumn *when)
{
  McJoin join;
  McFinding *finding;

  if (!mc_join_init (&join, checker->dataset, table, MC_ROLE_RELEASE_DATE))
    return;
  finding = finding_new ("before_release", MC_SEVERITY_ERROR, table, when->name, join.label, NULL);
  for (gsize r = 0; r < when->n_rows; r++)
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
        finding_add_row (finding, table, r);
    }
  emit (checker, finding,
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

static void
check_orphans (Checker          *checker,
               const McRelation *relation)
{
  McColumn *from = mc_table_get_column (relation->from_table, relation->from_column);
  McColumn *to = mc_table_get_column (relation->to_table, relation->to_column);
  g_autofree char *target = g_strdup_printf ("%s.%s", mc_table_get_name (relation->to_table), to->name);
  g_autoptr(McKeySet) keys = mc_key_set_new (to);
  McFinding *finding = finding_new ("orphan_key", MC_SEVERITY_ERROR, relation->from_table, from->name, NULL);

  for (gsize r = 0; r < from->n_rows; r++)
    if (!mc_column_is_missing (from, r) && !mc_key_set_contains (keys, from, r))
      finding_add_row (finding, relation->from_table, r);
  emit (checker, finding,
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      /* Translators: %zu counts values, the first two %s are a table and
                                       * its column, the third the table.column they should be found in. */
                                      "%zu value of %s.%s is not found in %s: that row refers to "
                                      "something the dataset does not have.",
                                      "%zu values of %s.%s are not found in %s: those rows refer to "
                                      "something the dataset does not have.",
                                      finding->count),
                         finding->count, mc_table_get_name (relation->from_table), from->name, target));
}

/* The form two spellings share when they are the same value written
 * differently: trimmed, case-folded, NFC. */
char *
mc_spelling_key (const char *text)
{
  g_autofree char *nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  g_autofree char *trimmed = g_strstrip (g_strdup (nfc != NULL ? nfc : text));

  return g_utf8_casefold (trimmed, -1);
}

/* "Website", "website" and "Website " in one category column. */
static void
check_spellings (Checker  *checker,
                 McTable  *table,
                 McColumn *column)
{
  g_autoptr(GHashTable) first_code = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree gboolean *variant = g_new0 (gboolean, MAX (column->dict->len, 1));
  g_autoptr(GString) examples = g_string_new (NULL);
  McFinding *finding = finding_new ("inconsistent_spelling", MC_SEVERITY_WARNING, table, column->name, NULL);

  for (guint c = 0; c < column->dict->len; c++)
    {
      char *key = mc_spelling_key (g_ptr_array_index (column->dict, c));
      gpointer first;

      if (g_hash_table_lookup_extended (first_code, key, NULL, &first))
        {
          variant[c] = variant[GPOINTER_TO_UINT (first)] = TRUE;
          g_free (key);
        }
      else
        g_hash_table_insert (first_code, key, GUINT_TO_POINTER (c));
    }
  for (guint c = 0; c < column->dict->len; c++)
    if (variant[c])
      {
        if (examples->len > 0)
          g_string_append (examples, ", ");
        /* Translators: one of the spellings of a value, quoted. */
        g_string_append_printf (examples, _("“%s”"), (const char *) g_ptr_array_index (column->dict, c));
      }
  for (gsize r = 0; r < column->n_rows; r++)
    if (!mc_column_is_missing (column, r) && variant[column->v.codes[r]])
      finding_add_row (finding, table, r);
  emit (checker, finding,
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      /* Translators: the first %s is the name of a column, the second lists
                                       * its spellings of one value (“Website”, “website”), %zu counts rows. */
                                      "%s writes the same value in several ways (%s): %zu row would be "
                                      "counted apart in every chart until they are merged.",
                                      "%s writes the same value in several ways (%s): %zu rows would be "
                                      "counted apart in every chart until they are merged.",
                                      finding->count),
                         column->name, examples->str, finding->count));
}

static void
check_column (Checker  *checker,
              McTable  *table,
              McColumn *column)
{
  check_missing (checker, table, column);
  check_type_mismatches (checker, table, column);
  if (column->type == MC_COLUMN_TYPE_CATEGORY || column->type == MC_COLUMN_TYPE_TEXT)
    check_spellings (checker, table, column);
  if (column->role == MC_ROLE_EMAIL)
    check_emails (checker, table, column);
  if (is_money_or_count (column))
    {
      check_negative (checker, table, column);
      check_value_outliers (checker, table, column);
    }
  if (column->role == MC_ROLE_AMOUNT && mc_column_is_numeric (column))
    check_price_ratio (checker, table, column);
  if (column->role == MC_ROLE_RATING && mc_column_is_numeric (column))
    check_rating_range (checker, table, column);
  if (mc_column_is_temporal (column))
    check_future (checker, table, column);
  if (column->role == MC_ROLE_EVENT_TIME && mc_column_is_temporal (column))
    {
      check_before_release (checker, table, column);
      check_too_old (checker, table, column);
    }
}

GPtrArray *
mc_checks_run (McDataset *dataset,
               gint64     now)
{
  Checker checker = { dataset, g_ptr_array_new_with_free_func ((GDestroyNotify) mc_finding_free), now };

  g_return_val_if_fail (MC_IS_DATASET (dataset), NULL);

  for (guint t = 0; t < mc_dataset_get_n_tables (dataset); t++)
    {
      McTable *table = mc_dataset_get_table (dataset, t);

      check_duplicates (&checker, table);
      for (guint c = 0; c < mc_table_get_n_columns (table); c++)
        check_column (&checker, table, mc_table_get_column (table, c));
      check_spans (&checker, table);
      for (guint i = 0; i < mc_dataset_get_n_relations (dataset); i++)
        if (mc_dataset_get_relation (dataset, i)->from_table == table)
          check_orphans (&checker, mc_dataset_get_relation (dataset, i));
    }
  return checker.findings;
}
