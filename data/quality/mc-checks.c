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

#include "mc-checks-private.h"
#include "mc-duplicates.h"
#include "mc-key-set.h"

/* Columns at least this empty are optional by nature (reviews). */
#define OPTIONAL_MISSING_SHARE 0.5

/* Messages are whole sentences in the user's language, their nouns and
 * verbs agreeing with the count through g_dngettext(): "1 row is", "3 rows
 * are". Check names, severities, tables and columns are never translated:
 * they are identifiers (DESIGN.md). */

/* A whole row repeats or is empty: the finding is about every column. */
static McFinding *
whole_row_finding (const char *check,
                   McTable    *table)
{
  McFinding *finding = _mc_finding_new (check, MC_SEVERITY_WARNING, table, NULL);
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
  g_autofree gssize *copies = mc_duplicates_find_rows (table);
  int key = mc_table_get_primary_key (table);
  McFinding *rows = whole_row_finding ("duplicate_rows", table);
  McFinding *empty = whole_row_finding ("missing_values", table);

  for (gsize r = 0; r < n; r++)
    {
      if (mc_table_row_is_empty (table, r))
        {
          _mc_finding_add_row (empty, table, r);
          copies[r] = -1;
        }
      else if (copies[r] >= 0)
        _mc_finding_add_row (rows, table, r);
    }
  _mc_checks_emit (checker, empty,
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      /* Translators: %zu counts rows, %s is the name of a table. */
                                      "%zu row of %s is empty: every cell is missing.",
                                      "%zu rows of %s are empty: every cell is missing.",
                                      empty->count),
                         empty->count, mc_table_get_name (table)));
  _mc_checks_emit (checker, rows,
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      /* Translators: %zu counts rows, %s is the name of a table. */
                                      "%zu row of %s repeats an earlier row exactly: probably exported twice.",
                                      "%zu rows of %s repeat an earlier row exactly: probably exported twice.",
                                      rows->count),
                         rows->count, mc_table_get_name (table)));
  if (key >= 0)
    {
      McColumn *column = mc_table_get_column (table, key);
      g_autofree gssize *same_key = mc_duplicates_find_values (column);
      McFinding *keys = _mc_finding_new ("duplicate_key", MC_SEVERITY_ERROR, table, column->name, NULL);
      McCheckQuery query = { MC_CHECK_QUERY_DUPLICATE_KEY, table, column };

      gboolean counted = _mc_checks_count_on_server (checker, &query, keys);

      for (gsize r = 0; r < n && !counted; r++)
        if (same_key[r] >= 0 && copies[r] < 0 && !mc_column_is_missing (column, r))
          _mc_finding_add_row (keys, table, r);
      _mc_checks_emit (checker, keys,
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
  McFinding *finding = _mc_finding_new ("missing_values", optional ? MC_SEVERITY_INFO : MC_SEVERITY_WARNING,
                                        table, column->name, NULL);
  g_autofree char *placeholders = describe_placeholders (column);
  char *message;
  double share;

  for (gsize r = 0; r < column->n_rows; r++)
    if (mc_column_is_missing (column, r))
      _mc_finding_add_row (finding, table, r);
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
  _mc_checks_emit (checker, finding, message);
}

static void
check_type_mismatches (Checker  *checker,
                       McTable  *table,
                       McColumn *column)
{
  McFinding *finding = _mc_finding_new ("type_mismatch", MC_SEVERITY_ERROR, table, column->name, NULL);
  const char *first = NULL;

  for (guint i = 0; i < column->issues->len; i++)
    {
      const McCellIssue *issue = &g_array_index (column->issues, McCellIssue, i);

      if (issue->kind != MC_CELL_ISSUE_MISMATCH)
        continue;
      first = first != NULL ? first : issue->raw;
      _mc_finding_add_row (finding, table, issue->row);
    }
  _mc_checks_emit (checker, finding,
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
  McFinding *finding = _mc_finding_new ("invalid_email", MC_SEVERITY_WARNING, table, column->name, NULL);
  const char *first = NULL;

  for (gsize r = 0; r < column->n_rows; r++)
    {
      const char *text = mc_column_get_string (column, r);

      if (text == NULL || is_valid_email (text))
        continue;
      first = first != NULL ? first : text;
      _mc_finding_add_row (finding, table, r);
    }
  _mc_checks_emit (checker, finding,
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
  McFinding *finding = _mc_finding_new ("negative_value", MC_SEVERITY_ERROR, table, column->name, NULL);
  McCheckQuery query = { MC_CHECK_QUERY_NEGATIVE, table, column };

  gboolean counted = _mc_checks_count_on_server (checker, &query, finding);

  for (gsize r = 0; r < column->n_rows && !counted; r++)
    {
      double v;

      if (mc_column_get_double (column, r, &v) && v < 0)
        _mc_finding_add_row (finding, table, r);
    }
  _mc_checks_emit (checker, finding,
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      /* Translators: %zu counts values, %s is the name of a column. */
                                      "%zu value of %s is below zero, which prices, amounts and "
                                      "quantities cannot be.",
                                      "%zu values of %s are below zero, which prices, amounts and "
                                      "quantities cannot be.",
                                      finding->count),
                         finding->count, column->name));
}

static void
check_orphans (Checker          *checker,
               const McRelation *relation)
{
  McColumn *from = mc_table_get_column (relation->from_table, relation->from_column);
  McColumn *to = mc_table_get_column (relation->to_table, relation->to_column);
  g_autofree char *target = g_strdup_printf ("%s.%s", mc_table_get_name (relation->to_table), to->name);
  g_autoptr(McKeySet) keys = mc_key_set_new (to);
  McFinding *finding = _mc_finding_new ("orphan_key", MC_SEVERITY_ERROR, relation->from_table, from->name, NULL);
  McCheckQuery query = { MC_CHECK_QUERY_ORPHAN, relation->from_table, from,
                         .other_table = relation->to_table, .other_key = to };

  gboolean counted = _mc_checks_count_on_server (checker, &query, finding);

  for (gsize r = 0; r < from->n_rows && !counted; r++)
    if (!mc_column_is_missing (from, r) && !mc_key_set_contains (keys, from, r))
      _mc_finding_add_row (finding, relation->from_table, r);
  _mc_checks_emit (checker, finding,
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

/* "Website", "website" and "Website " in one category column. */
static void
check_spellings (Checker  *checker,
                 McTable  *table,
                 McColumn *column)
{
  g_autoptr(GHashTable) first_code = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree gboolean *variant = g_new0 (gboolean, MAX (column->dict->len, 1));
  g_autoptr(GString) examples = g_string_new (NULL);
  McFinding *finding = _mc_finding_new ("inconsistent_spelling", MC_SEVERITY_WARNING, table, column->name, NULL);

  for (guint c = 0; c < column->dict->len; c++)
    {
      char *key = mc_duplicates_spelling_key (g_ptr_array_index (column->dict, c));
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
      _mc_finding_add_row (finding, table, r);
  _mc_checks_emit (checker, finding,
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
      _mc_check_value_outliers (checker, table, column);
    }
  if (column->role == MC_ROLE_AMOUNT && mc_column_is_numeric (column))
    _mc_check_price_ratio (checker, table, column);
  if (column->role == MC_ROLE_RATING && mc_column_is_numeric (column))
    _mc_check_rating_range (checker, table, column);
  if (mc_column_is_temporal (column))
    _mc_check_future (checker, table, column);
  if (column->role == MC_ROLE_EVENT_TIME && mc_column_is_temporal (column))
    {
      _mc_check_before_release (checker, table, column);
      _mc_check_too_old (checker, table, column);
    }
}

GPtrArray *
mc_checks_run (McDataset *dataset,
               gint64     now)
{
  return mc_checks_run_full (dataset, now, NULL);
}

GPtrArray *
mc_checks_run_full (McDataset    *dataset,
                    gint64        now,
                    GCancellable *cancellable)
{
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_finding_free);
  Checker checker = { dataset, findings, now, cancellable };

  g_return_val_if_fail (MC_IS_DATASET (dataset), NULL);

  for (guint t = 0; t < mc_dataset_get_n_tables (dataset); t++)
    {
      McTable *table = mc_dataset_get_table (dataset, t);

      checker.table = table;
      check_duplicates (&checker, table);
      for (guint c = 0; c < mc_table_get_n_columns (table); c++)
        {
          if (g_cancellable_is_cancelled (cancellable))
            return NULL;
          check_column (&checker, table, mc_table_get_column (table, c));
        }
      _mc_check_spans (&checker, table);
      for (guint i = 0; i < mc_dataset_get_n_relations (dataset); i++)
        if (mc_dataset_get_relation (dataset, i)->from_table == table)
          check_orphans (&checker, mc_dataset_get_relation (dataset, i));
    }
  g_free (checker.server_error);
  /* A query on the server may have been the part cancelled. */
  if (g_cancellable_is_cancelled (cancellable))
    return NULL;
  return g_steal_pointer (&findings);
}
