/* mc-column.c: one typed column with a missing-value bitmap
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-column"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mc-buffer.h"
#include "mc-column.h"
#include "mc-value-parse.h"

static const char *type_names[MC_N_COLUMN_TYPES] = {
  "integer", "number", "date", "datetime", "boolean", "category",
  "identifier", "text",
};

const char *
mc_column_type_to_string (McColumnType type)
{
  g_return_val_if_fail (type < MC_N_COLUMN_TYPES, NULL);

  return type_names[type];
}

gboolean
mc_column_type_from_string (const char   *name,
                            McColumnType *type)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < MC_N_COLUMN_TYPES; i++)
    {
      if (g_str_equal (name, type_names[i]))
        {
          *type = i;
          return TRUE;
        }
    }
  return FALSE;
}

static gsize
value_size (McColumnType type,
            gboolean     is_uuid)
{
  switch (type)
    {
    case MC_COLUMN_TYPE_INTEGER:
    case MC_COLUMN_TYPE_DATETIME:
      return sizeof (gint64);
    case MC_COLUMN_TYPE_NUMBER:
      return sizeof (double);
    case MC_COLUMN_TYPE_DATE:
      return sizeof (gint32);
    case MC_COLUMN_TYPE_BOOLEAN:
      return sizeof (guint8);
    case MC_COLUMN_TYPE_IDENTIFIER:
      return is_uuid ? 16 : sizeof (guint32);
    case MC_COLUMN_TYPE_CATEGORY:
    case MC_COLUMN_TYPE_TEXT:
      return sizeof (guint32);
    case MC_N_COLUMN_TYPES:
    default:
      g_assert_not_reached ();
    }
}

/* Creates a column of N_ROWS zeroed values with no missing cells. For a
 * UUID identifier column set is_uuid before filling v.uuids: the buffer is
 * sized for the larger of the two layouts. */
McColumn *
mc_column_new (const char   *name,
               McColumnType  type,
               gsize         n_rows)
{
  McColumn *self;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (type < MC_N_COLUMN_TYPES, NULL);

  self = g_new0 (McColumn, 1);
  self->ref_count = 1;
  self->name = g_strdup (name);
  self->type = type;
  self->n_rows = n_rows;
  self->v.data = mc_buffer_alloc (MAX (n_rows, 1) * value_size (type, type == MC_COLUMN_TYPE_IDENTIFIER));
  self->dict = g_ptr_array_new ();
  self->issues = g_array_new (FALSE, FALSE, sizeof (McCellIssue));
  self->arena = g_string_chunk_new (4096);

  return self;
}

McColumn *
mc_column_new_strings (const char         *name,
                       McColumnType        type,
                       const char * const *values,
                       gsize               n)
{
  g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);
  McColumn *self;

  g_return_val_if_fail (type == MC_COLUMN_TYPE_CATEGORY || type == MC_COLUMN_TYPE_TEXT
                        || type == MC_COLUMN_TYPE_IDENTIFIER, NULL);
  g_return_val_if_fail (values != NULL || n == 0, NULL);

  self = mc_column_new (name, type, n);
  for (gsize r = 0; r < n; r++)
    {
      gpointer code;

      if (values[r] == NULL)
        {
          self->v.codes[r] = 0;
          mc_column_set_missing (self, r);
          continue;
        }
      /* Equal strings share one code, as the reader stores them. */
      if (!g_hash_table_lookup_extended (codes, values[r], NULL, &code))
        {
          code = GUINT_TO_POINTER (mc_column_intern (self, values[r]));
          g_hash_table_insert (codes, (gpointer) values[r], code);
        }
      self->v.codes[r] = GPOINTER_TO_UINT (code);
    }
  return self;
}

McColumn *
mc_column_ref (McColumn *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
mc_column_unref (McColumn *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;

  if (self->shares != NULL)
    {
      /* Everything but the name and the role is the shared column's. */
      mc_column_unref (self->shares);
      g_free (self->name);
      g_free (self);
      return;
    }
  g_free (self->name);
  mc_buffer_free (self->missing);
  mc_buffer_free (self->v.data);
  g_free (self->format);
  g_clear_pointer (&self->dict, g_ptr_array_unref);
  g_clear_pointer (&self->issues, g_array_unref);
  g_clear_pointer (&self->arena, g_string_chunk_free);
  g_free (self);
}

McColumn *
mc_column_new_alias (McColumn   *self,
                     const char *name,
                     McRole      role)
{
  McColumn *alias;

  g_return_val_if_fail (self != NULL, NULL);

  alias = g_new (McColumn, 1);
  *alias = *self;
  alias->ref_count = 1;
  alias->name = g_strdup (name != NULL ? name : self->name);
  alias->role = role;
  alias->shares = mc_column_ref (self->shares != NULL ? self->shares : self);
  return alias;
}

void
mc_column_set_missing (McColumn *self,
                       gsize     row)
{
  guint64 bit = G_GUINT64_CONSTANT (1) << (row & 63);

  g_return_if_fail (self != NULL);
  g_return_if_fail (row < self->n_rows);
  g_return_if_fail (self->shares == NULL);

  if (self->missing == NULL)
    self->missing = mc_buffer_alloc ((self->n_rows + 63) / 64 * sizeof (guint64));
  if ((self->missing[row >> 6] & bit) == 0)
    {
      self->missing[row >> 6] |= bit;
      self->n_missing++;
      self->distinct_plus_one = 0;
    }
}

gboolean
mc_column_has_codes (const McColumn *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->type == MC_COLUMN_TYPE_CATEGORY
      || self->type == MC_COLUMN_TYPE_TEXT
      || (self->type == MC_COLUMN_TYPE_IDENTIFIER && !self->is_uuid);
}

gboolean
mc_column_is_numeric (const McColumn *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->type == MC_COLUMN_TYPE_INTEGER
      || self->type == MC_COLUMN_TYPE_NUMBER;
}

gboolean
mc_column_is_temporal (const McColumn *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->type == MC_COLUMN_TYPE_DATE
      || self->type == MC_COLUMN_TYPE_DATETIME;
}

/* Returns the string of a dictionary-coded cell, or NULL when the cell
 * is missing or the column holds no strings. */
void
mc_column_clear_missing (McColumn *self,
                         gsize     row)
{
  guint64 bit = G_GUINT64_CONSTANT (1) << (row & 63);

  g_return_if_fail (self != NULL);
  g_return_if_fail (row < self->n_rows);
  g_return_if_fail (self->shares == NULL);

  if (self->missing != NULL && (self->missing[row >> 6] & bit) != 0)
    {
      self->missing[row >> 6] &= ~bit;
      self->n_missing--;
      self->distinct_plus_one = 0;
    }
}

/* An empty column of N rows with SELF's type, role, dictionary and the
 * forms its values are written back in. */
static McColumn *
new_like (const McColumn *self,
          gsize           n)
{
  McColumn *copy = mc_column_new (self->name, self->type, n);

  copy->role = self->role;
  copy->is_uuid = self->is_uuid;
  copy->uuid_upper = self->uuid_upper;
  copy->uuid_plain = self->uuid_plain;
  copy->midnight_as_date = self->midnight_as_date;
  copy->format = g_strdup (self->format);
  copy->float_ids = self->float_ids;
  for (guint i = 0; i < self->dict->len; i++)
    mc_column_intern (copy, g_ptr_array_index (self->dict, i));
  return copy;
}

/* A new column holding ROWS (ascending) of this one, with the same type,
 * role, dictionary codes and the cell issues of the rows kept. */
McColumn *
mc_column_select (const McColumn *self,
                  const gsize    *rows,
                  gsize           n)
{
  McColumn *copy;
  gsize size;
  guint next_issue = 0;

  g_return_val_if_fail (self != NULL, NULL);

  copy = new_like (self, n);
  size = value_size (self->type, self->is_uuid);
  copy->role_overridden = self->role_overridden;

  for (gsize i = 0; i < n; i++)
    {
      memcpy ((char *) copy->v.data + i * size, (const char *) self->v.data + rows[i] * size, size);
      if (mc_column_is_missing (self, rows[i]))
        mc_column_set_missing (copy, i);
      while (next_issue < self->issues->len && g_array_index (self->issues, McCellIssue, next_issue).row < rows[i])
        next_issue++;
      for (; next_issue < self->issues->len && g_array_index (self->issues, McCellIssue, next_issue).row == rows[i]; next_issue++)
        {
          McCellIssue issue = g_array_index (self->issues, McCellIssue, next_issue);

          /* Kept whole: a verbatim cell keeps the value it was read as. */
          issue.row = i;
          issue.raw = mc_column_keep_text (copy, issue.raw);
          g_array_append_val (copy->issues, issue);
        }
    }
  return copy;
}

/* A new column holding, for each I < N, the value at ROWS[I] (missing
 * where ROWS[I] is negative): a column read through a join. Cell issues
 * are not carried over. */
McColumn *
mc_column_gather (const McColumn *self,
                  const gssize   *rows,
                  gsize           n)
{
  McColumn *copy;
  gsize size;

  g_return_val_if_fail (self != NULL, NULL);

  copy = new_like (self, n);
  size = value_size (self->type, self->is_uuid);
  for (gsize i = 0; i < n; i++)
    if (rows[i] < 0 || mc_column_is_missing (self, rows[i]))
      mc_column_set_missing (copy, i);
    else
      memcpy ((char *) copy->v.data + i * size, (const char *) self->v.data + rows[i] * size, size);
  return copy;
}

char *
mc_column_format_key (const McColumn *self,
                      gsize           row)
{
  char *text = mc_column_format_value (self, row);
  char *dot;

  if (text != NULL && self->float_ids && (dot = strrchr (text, '.')) != NULL)
    *dot = '\0';
  return text;
}

const char *
mc_column_get_string (const McColumn *self,
                      gsize           row)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (row < self->n_rows, NULL);

  if (!mc_column_has_codes (self) || mc_column_is_missing (self, row))
    return NULL;
  return g_ptr_array_index (self->dict, self->v.codes[row]);
}

/* Gives the cell as a double for numeric, temporal (days or µs) and
 * boolean columns; FALSE when missing or not representable. */
gboolean
mc_column_get_double (const McColumn *self,
                      gsize           row,
                      double         *value)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (row < self->n_rows, FALSE);

  if (mc_column_is_missing (self, row))
    return FALSE;

  switch (self->type)
    {
    case MC_COLUMN_TYPE_INTEGER:
    case MC_COLUMN_TYPE_DATETIME:
      *value = (double) self->v.i64[row];
      return TRUE;
    case MC_COLUMN_TYPE_NUMBER:
      *value = self->v.f64[row];
      return TRUE;
    case MC_COLUMN_TYPE_DATE:
      *value = self->v.days[row];
      return TRUE;
    case MC_COLUMN_TYPE_BOOLEAN:
      *value = self->v.bools[row];
      return TRUE;
    case MC_COLUMN_TYPE_CATEGORY:
    case MC_COLUMN_TYPE_IDENTIFIER:
    case MC_COLUMN_TYPE_TEXT:
    case MC_N_COLUMN_TYPES:
    default:
      return FALSE;
    }
}

static char *
format_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (value == floor (value) && fabs (value) < 1e15)
    return g_strdup_printf ("%.0f", value);
  /* %.15g reads back the decimals people wrote (12.3 not 12.300000000000001). */
  g_ascii_formatd (buffer, sizeof buffer, "%.15g", value);
  return g_strdup (buffer);
}

/* Formats a cell for display and export; NULL when the cell is missing. */
char *
mc_column_format_value (const McColumn *self,
                        gsize           row)
{
  char buffer[40];

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (row < self->n_rows, NULL);

  if (mc_column_is_missing (self, row))
    return NULL;

  switch (self->type)
    {
    case MC_COLUMN_TYPE_INTEGER:
      return g_strdup_printf ("%" G_GINT64_FORMAT, self->v.i64[row]);
    case MC_COLUMN_TYPE_NUMBER:
      return format_number (self->v.f64[row]);
    case MC_COLUMN_TYPE_DATE:
      mc_format_date (self->v.days[row], buffer);
      return g_strdup (buffer);
    case MC_COLUMN_TYPE_DATETIME:
      if (self->midnight_as_date && self->v.i64[row] % G_GINT64_CONSTANT (86400000000) == 0)
        mc_format_date (mc_column_get_day (self, row), buffer);
      else
        mc_format_datetime (self->v.i64[row], buffer);
      return g_strdup (buffer);
    case MC_COLUMN_TYPE_BOOLEAN:
      return g_strdup (self->v.bools[row] ? "true" : "false");
    case MC_COLUMN_TYPE_IDENTIFIER:
      if (self->is_uuid)
        {
          mc_format_uuid (self->v.uuids + row * 16, self->uuid_upper, self->uuid_plain, buffer);
          return g_strdup (buffer);
        }
      G_GNUC_FALLTHROUGH;
    case MC_COLUMN_TYPE_CATEGORY:
    case MC_COLUMN_TYPE_TEXT:
      return g_strdup (g_ptr_array_index (self->dict, self->v.codes[row]));
    case MC_N_COLUMN_TYPES:
    default:
      g_assert_not_reached ();
    }
}

/* Appends TEXT to the dictionary without looking for an equal entry;
 * the reader interns with its own hash tables and uses this to store. */
guint
mc_column_intern (McColumn   *self,
                  const char *text)
{
  g_return_val_if_fail (self != NULL, 0);

  g_ptr_array_add (self->dict, g_string_chunk_insert (self->arena, text));
  return self->dict->len - 1;
}

const char *
mc_column_keep_text (McColumn   *self,
                     const char *text)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_string_chunk_insert_const (self->arena, text);
}

void
mc_column_add_issue (McColumn        *self,
                     guint32          row,
                     McCellIssueKind  kind,
                     const char      *raw)
{
  McCellIssue issue = { row, kind, NULL, NAN };

  g_return_if_fail (self != NULL);

  issue.raw = mc_column_keep_text (self, raw);
  g_array_append_val (self->issues, issue);
}

void
mc_column_add_verbatim (McColumn   *self,
                        guint32     row,
                        const char *raw,
                        double      value)
{
  McCellIssue issue = { row, MC_CELL_ISSUE_VERBATIM, NULL, value };

  g_return_if_fail (self != NULL);

  issue.raw = mc_column_keep_text (self, raw);
  g_array_append_val (self->issues, issue);
}

/* A UUID kept verbatim ("A1B2…" in a lower-case column) still holds the
 * value it was read as when its text reads as the cell's bytes. */
static gboolean
uuid_reads_as (const char   *raw,
               const guint8  bytes[16])
{
  guint8 read[16];
  int letter_case;
  gboolean plain;

  return mc_parse_uuid (raw, strlen (raw), read, &letter_case, &plain) && memcmp (read, bytes, 16) == 0;
}

/* The text to write for ROW: what the file said when no step changed the
 * cell since (a placeholder still missing, a verbatim cell still holding
 * the value its text was read as), else NULL: format the value. ISSUE
 * walks the column's issues (sorted by row) as rows are asked in order. */
const char *
mc_column_get_written_text (const McColumn *self,
                            gsize           row,
                            guint          *next_issue)
{
  const McCellIssue *issue;
  gboolean missing;
  double value;

  g_return_val_if_fail (self != NULL, NULL);

  while (*next_issue < self->issues->len && g_array_index (self->issues, McCellIssue, *next_issue).row < row)
    (*next_issue)++;
  if (*next_issue >= self->issues->len || g_array_index (self->issues, McCellIssue, *next_issue).row != row)
    return NULL;
  issue = &g_array_index (self->issues, McCellIssue, *next_issue);
  missing = mc_column_is_missing (self, row);
  if (issue->kind == MC_CELL_ISSUE_VERBATIM && self->is_uuid)
    return !missing && uuid_reads_as (issue->raw, self->v.uuids + row * 16) ? issue->raw : NULL;
  if (issue->kind != MC_CELL_ISSUE_VERBATIM || isnan (issue->value))
    return missing ? issue->raw : NULL;
  return !missing && mc_column_get_double (self, row, &value) && value == issue->value ? issue->raw : NULL;
}

gsize
mc_column_count_issues (const McColumn  *self,
                        McCellIssueKind  kind)
{
  gsize count = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < self->issues->len; i++)
    if (g_array_index (self->issues, McCellIssue, i).kind == kind)
      count++;
  return count;
}

/* Returns placeholder text → GUINT_TO_POINTER (count); the keys are
 * owned by the column. */
GHashTable *
mc_column_count_placeholders (const McColumn *self)
{
  GHashTable *counts = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (self != NULL, counts);

  for (guint i = 0; i < self->issues->len; i++)
    {
      const McCellIssue *issue = &g_array_index (self->issues, McCellIssue, i);
      guint count;

      if (issue->kind != MC_CELL_ISSUE_PLACEHOLDER)
        continue;
      count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, issue->raw));
      g_hash_table_insert (counts, (gpointer) issue->raw, GUINT_TO_POINTER (count + 1));
    }
  return counts;
}
