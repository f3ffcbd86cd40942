/* mc-clean-columns.c: the steps that change the cells of one column
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Gaps filled or flagged, outliers flagged or tamed, text normalised and
 * spellings merged, values written as Mercato writes them, a column read
 * again as another type.
 */
#define G_LOG_DOMAIN "mc-cleaning"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mc-checks.h"
#include "mc-cleaning-private.h"
#include "mc-value-parse.h"

static gboolean
column_median (McColumn *column,
               double   *median)
{
  gsize n;
  g_autofree double *values = mc_column_sorted_values (column, &n);

  if (n == 0)
    return FALSE;
  *median = mc_quantile (values, n, 0.5);
  return TRUE;
}

/* The most frequent code of a coded column (ties: the first code). */
static gboolean
column_mode_code (McColumn *column,
                  guint32  *code)
{
  g_autofree gsize *counts = g_new0 (gsize, MAX (column->dict->len, 1));
  gsize best = 0;

  for (gsize r = 0; r < column->n_rows; r++)
    if (!mc_column_is_missing (column, r))
      counts[column->v.codes[r]]++;
  for (guint c = 0; c < column->dict->len; c++)
    if (counts[c] > best)
      {
        best = counts[c];
        *code = c;
      }
  return best > 0;
}

static gboolean
column_mode_number (McColumn *column,
                    double   *mode)
{
  gsize n, best = 0, run = 0;
  g_autofree double *values = mc_column_sorted_values (column, &n);

  for (gsize i = 0; i < n; i++)
    {
      run = i > 0 && values[i] == values[i - 1] ? run + 1 : 1;
      if (run > best)
        {
          best = run;
          *mode = values[i];
        }
    }
  return best > 0;
}

/* Parses TEXT as a value of COLUMN's type into ROW. */
static gboolean
set_from_text (McColumn   *column,
               gsize       row,
               const char *text)
{
  gsize len = strlen (text);
  double number;
  gint64 when;
  guint8 flag;

  if (mc_column_has_codes (column))
    {
      guint code = 0;

      while (code < column->dict->len && g_strcmp0 (g_ptr_array_index (column->dict, code), text) != 0)
        code++;
      column->v.codes[row] = code < column->dict->len ? code : mc_column_intern (column, text);
      mc_column_clear_missing (column, row);
      return TRUE;
    }
  if (mc_column_is_numeric (column) && mc_parse_number (text, len, &number) != MC_NUMBER_NONE)
    return _mc_clean_set_number (column, row, number), TRUE;
  if (column->type == MC_COLUMN_TYPE_DATE && mc_parse_date (text, len, &when) == MC_DATE_ISO)
    return _mc_clean_set_number (column, row, when), TRUE;
  if (column->type == MC_COLUMN_TYPE_DATETIME && mc_parse_date (text, len, &when) == MC_DATETIME_ISO)
    return _mc_clean_set_number (column, row, when), TRUE;
  if (column->type == MC_COLUMN_TYPE_BOOLEAN && mc_parse_boolean (text, len, &flag))
    return _mc_clean_set_number (column, row, flag), TRUE;
  return FALSE;
}

static gboolean
fill_missing (McColumn    *column,
              const char  *method,
              const char  *value,
              gsize       *changed,
              GError     **error)
{
  g_autofree gboolean *gaps = g_new (gboolean, MAX (column->n_rows, 1));
  g_autofree char *fill = NULL;
  double number;
  guint32 code;

  for (gsize r = 0; r < column->n_rows; r++)
    gaps[r] = mc_column_is_missing (column, r);
  if (g_str_equal (method, "constant"))
    fill = g_strdup (value);
  else if (g_str_equal (method, "median") && column_median (column, &number))
    fill = g_strdup_printf ("%.17g", number);
  else if (g_str_equal (method, "mode") && mc_column_has_codes (column) && column_mode_code (column, &code))
    fill = g_strdup (g_ptr_array_index (column->dict, code));
  else if (g_str_equal (method, "mode") && column_mode_number (column, &number))
    fill = g_strdup_printf ("%.17g", number);

  for (gsize r = 0; fill != NULL && r < column->n_rows; r++)
    {
      if (!gaps[r])
        continue;
      if (!set_from_text (column, r, fill))
        {
          /* Translators: the first %s is the name of a column, the second
           * a value, the third a type as the program names it (integer,
           * number, date…). */
          g_set_error (error, MC_CLEAN_ERROR, 0, _("cannot fill %s with “%s”: it is not a %s"),
                       column->name, fill, mc_column_type_to_string (column->type));
          return FALSE;
        }
      (*changed)++;
    }
  if (fill == NULL)
    {
      /* Translators: the first %s is the name of a column, the second a
       * method of the recipe; median, mode and constant are recipe words
       * that stay in English. */
      g_set_error (error, MC_CLEAN_ERROR, 0, _("cannot fill %s by %s: use median on numbers, mode, or constant "
                                               "with a value"), column->name, method);
      return FALSE;
    }
  return TRUE;
}

gboolean
_mc_clean_missing (McCleanWork     *work,
                   guint            index,
                   McCleanStep     *step,
                   McCleanLogEntry *entry,
                   GError         **error)
{
  McTable *table = g_ptr_array_index (work->tables, index);
  McColumn *column = mc_table_lookup_column (table, step->column);
  g_autofree gboolean *mark = g_new (gboolean, MAX (mc_table_get_n_rows (table), 1));
  const char *method = step->method != NULL ? step->method : "leave";

  for (gsize r = 0; r < column->n_rows; r++)
    mark[r] = mc_column_is_missing (column, r);
  if (g_str_equal (method, "leave"))
    return TRUE;
  if (g_str_equal (method, "drop"))
    {
      for (gsize r = 0; r < column->n_rows; r++)
        mark[r] = !mark[r];
      entry->rows_removed = _mc_clean_keep_rows (work, index, mark);
      return TRUE;
    }
  if (g_str_equal (method, "flag"))
    {
      entry->column_added = _mc_clean_add_flag_column (table, column, "missing", mark, &entry->rows_flagged);
      return TRUE;
    }
  return fill_missing (column, method, step->value, &entry->cells_changed, error);
}

gboolean
_mc_clean_outliers (McCleanWork     *work,
                    guint            index,
                    McCleanStep     *step,
                    McCleanLogEntry *entry,
                    GError         **error)
{
  McTable *table = g_ptr_array_index (work->tables, index);
  McColumn *column = mc_table_lookup_column (table, step->column);
  g_autofree gboolean *outside = g_new0 (gboolean, MAX (column->n_rows, 1));
  const char *method = step->method != NULL ? step->method : "flag";
  double low, high, median = 0, v;

  if (!mc_column_is_numeric (column))
    {
      /* Translators: %s is the name of a column. */
      g_set_error (error, MC_CLEAN_ERROR, 0, _("%s is not a number column, so it has no outliers"), column->name);
      return FALSE;
    }
  if (!mc_checks_iqr_fences (column, &low, &high))
    return TRUE;
  column_median (column, &median);
  for (gsize r = 0; r < column->n_rows; r++)
    outside[r] = mc_column_get_double (column, r, &v) && (v < low || v > high);

  if (g_str_equal (method, "flag"))
    entry->column_added = _mc_clean_add_flag_column (table, column, "outlier", outside, &entry->rows_flagged);
  else if (g_str_equal (method, "drop"))
    {
      for (gsize r = 0; r < column->n_rows; r++)
        outside[r] = !outside[r];
      entry->rows_removed = _mc_clean_keep_rows (work, index, outside);
    }
  else if (g_str_equal (method, "winsorize") || g_str_equal (method, "median"))
    {
      for (gsize r = 0; r < column->n_rows; r++)
        if (outside[r] && mc_column_get_double (column, r, &v))
          {
            _mc_clean_set_number (column, r, method[0] == 'm' ? median : CLAMP (v, low, high));
            entry->cells_changed++;
          }
    }
  else
    {
      g_set_error (error, MC_CLEAN_ERROR, 0,
                   /* Translators: %s is a method of the recipe; flag, winsorize,
                    * median and drop are recipe words that stay in English. */
                   _("unknown way to treat outliers “%s”: use flag, winsorize, median or drop"), method);
      return FALSE;
    }
  return TRUE;
}

/* Applies TRANSFORM to every distinct string of a coded column; strings
 * that become equal merge into one code. */
static void
rewrite_strings (McColumn *column,
                 char   *(*transform) (const char *text, gpointer data),
                 gpointer  data,
                 gsize    *changed)
{
  g_autoptr(GPtrArray) old_dict = g_steal_pointer (&column->dict);
  g_autoptr(GHashTable) codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree guint32 *remap = g_new (guint32, MAX (old_dict->len, 1));
  g_autofree gboolean *differs = g_new (gboolean, MAX (old_dict->len, 1));
  GStringChunk *old_arena = column->arena;

  column->dict = g_ptr_array_new ();
  column->arena = g_string_chunk_new (4096);
  for (guint c = 0; c < old_dict->len; c++)
    {
      g_autofree char *text = transform (g_ptr_array_index (old_dict, c), data);
      gpointer code;

      differs[c] = g_strcmp0 (text, g_ptr_array_index (old_dict, c)) != 0;
      if (!g_hash_table_lookup_extended (codes, text, NULL, &code))
        {
          code = GUINT_TO_POINTER (mc_column_intern (column, text));
          g_hash_table_insert (codes, g_strdup (text), code);
        }
      remap[c] = GPOINTER_TO_UINT (code);
    }
  for (gsize r = 0; r < column->n_rows; r++)
    {
      if (mc_column_is_missing (column, r))
        continue;
      *changed += differs[column->v.codes[r]];
      column->v.codes[r] = remap[column->v.codes[r]];
    }
  g_string_chunk_free (old_arena);
}

static char *
normalise (const char *text,
           gpointer    data)
{
  const char *method = data;
  g_autofree char *nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  g_autofree char *trimmed = g_strstrip (g_strdup (nfc != NULL ? nfc : text));

  if (g_strcmp0 (method, "lower") == 0)
    return g_utf8_strdown (trimmed, -1);
  if (g_strcmp0 (method, "upper") == 0)
    return g_utf8_strup (trimmed, -1);
  if (g_strcmp0 (method, "title") == 0 && trimmed[0] != '\0')
    {
      g_autofree char *rest = g_utf8_strdown (g_utf8_next_char (trimmed), -1);
      g_autofree char *first = g_utf8_strup (trimmed, g_utf8_next_char (trimmed) - trimmed);

      return g_strconcat (first, rest, NULL);
    }
  return g_steal_pointer (&trimmed);
}

/* "website=Website;WEB=Website": spellings the user confirmed are one. */
static char *
merge (const char *text,
       gpointer    data)
{
  GHashTable *mapping = data;
  const char *to = g_hash_table_lookup (mapping, text);

  return g_strdup (to != NULL ? to : text);
}

gboolean
_mc_clean_text (McCleanWork     *work,
                guint            index,
                McCleanStep     *step,
                McCleanLogEntry *entry,
                GError         **error)
{
  McColumn *column = mc_table_lookup_column (g_ptr_array_index (work->tables, index), step->column);
  g_autoptr(GHashTable) mapping = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) pairs = NULL;

  if (!mc_column_has_codes (column))
    {
      /* Translators: %s is the name of a column. */
      g_set_error (error, MC_CLEAN_ERROR, 0, _("%s does not hold text"), column->name);
      return FALSE;
    }
  if (step->action == MC_CLEAN_NORMALISE_TEXT)
    {
      rewrite_strings (column, normalise, step->method, &entry->cells_changed);
      return TRUE;
    }
  pairs = g_strsplit (step->value != NULL ? step->value : "", ";", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      char *equals = strchr (pairs[i], '=');

      if (equals == NULL)
        continue;
      g_hash_table_insert (mapping, g_strndup (pairs[i], equals - pairs[i]), g_strdup (equals + 1));
    }
  rewrite_strings (column, merge, mapping, &entry->cells_changed);
  return TRUE;
}

/* The text a cell was written as: its value, or for a cell that did not
 * parse as the old type, the raw text the reader kept. Rows are asked in
 * order; NEXT_ISSUE walks the column's issues (sorted by row) alongside. */
static char *
cell_text (McColumn *column,
           gsize     row,
           guint    *next_issue)
{
  GArray *issues = column->issues;

  while (*next_issue < issues->len && g_array_index (issues, McCellIssue, *next_issue).row < row)
    (*next_issue)++;
  if (*next_issue < issues->len && g_array_index (issues, McCellIssue, *next_issue).row == row)
    return g_strdup (g_array_index (issues, McCellIssue, *next_issue).raw);
  return mc_column_format_value (column, row);
}

/* Cells are written back as the file wrote them ("10.50", "12/31/2023")
 * unless a step changes them: this step is the one that writes a
 * column's values in one form (ISO dates, a decimal point, no + sign),
 * each cell it rewrites counted. Missing-value tokens stay. */
gboolean
_mc_clean_format (McCleanWork     *work,
                  guint            index,
                  McCleanStep     *step,
                  McCleanLogEntry *entry,
                  GError         **error)
{
  McColumn *column = mc_table_lookup_column (g_ptr_array_index (work->tables, index), step->column);
  GArray *issues = column->issues;
  guint kept = 0;

  for (guint i = 0; i < issues->len; i++)
    {
      McCellIssue issue = g_array_index (issues, McCellIssue, i);

      if (issue.kind == MC_CELL_ISSUE_VERBATIM && !mc_column_is_missing (column, issue.row))
        entry->cells_changed++;
      else
        g_array_index (issues, McCellIssue, kept++) = issue;
    }
  g_array_set_size (issues, kept);
  return TRUE;
}

/* Reads the column again as another type ("fix types"); values that do
 * not fit the new type become missing and count as changed. */
gboolean
_mc_clean_set_type (McCleanWork     *work,
                    guint            index,
                    McCleanStep     *step,
                    McCleanLogEntry *entry,
                    GError         **error)
{
  McTable *table = g_ptr_array_index (work->tables, index);
  int position = mc_table_get_column_index (table, step->column);
  McColumn *old = mc_table_get_column (table, position);
  g_autoptr(McColumn) retyped = NULL;
  guint next_issue = 0;
  McColumnType type;

  if (step->method == NULL || !mc_column_type_from_string (step->method, &type))
    {
      /* Translators: set-type, method= and the type names are recipe
       * words that stay in English. */
      g_set_error_literal (error, MC_CLEAN_ERROR, 0, _("set-type needs method= one of integer, number, date, "
                                                       "datetime, boolean, category, identifier or text"));
      return FALSE;
    }
  retyped = mc_column_new (old->name, type, old->n_rows);
  retyped->role = old->role;
  retyped->role_overridden = old->role_overridden;
  for (gsize r = 0; r < old->n_rows; r++)
    {
      g_autofree char *text = cell_text (old, r, &next_issue);
      g_autofree char *before = mc_column_format_value (old, r);
      g_autofree char *after = NULL;

      if (text == NULL || !set_from_text (retyped, r, text))
        mc_column_set_missing (retyped, r);
      after = mc_column_format_value (retyped, r);
      entry->cells_changed += g_strcmp0 (before, after) != 0;
    }
  mc_table_replace_column (table, position, retyped);
  return TRUE;
}
