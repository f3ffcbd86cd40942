/* mc-csv-writer.c: write a table as CSV
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Comma-separated UTF-8 with a header (unless the table was read without
 * one), LF line ends, and quotes only where a value needs them. A cell
 * no cleaning step changed is written as the file wrote it ("10.50",
 * "12/31/2023", "NA", a placeholder); a changed one as
 * mc_column_format_value() writes it (ISO dates, full precision
 * numbers). Text that a spreadsheet would run as a formula gets a
 * leading ' (mc-output.h). The file is written to a temporary name and
 * renamed, so a failure leaves no half file.
 */
#define G_LOG_DOMAIN "mc-csv-writer"

#include "config.h"

#include <string.h>

#include "mc-csv-writer.h"
#include "mc-output.h"

void
mc_csv_append_field (GString    *out,
                     const char *text)
{
  gsize len = strlen (text);

  /* Spaces at either end are quoted so that readers that trim keep them. */
  if (strpbrk (text, ",\"\r\n") == NULL && (len == 0 || (text[0] != ' ' && text[len - 1] != ' ')))
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

void
mc_csv_append_text (GString    *out,
                    const char *text)
{
  g_autofree char *safe = mc_output_neutralise (text);

  mc_csv_append_field (out, safe != NULL ? safe : text);
}

/* Numbers, dates and booleans are written as such; anything else may be
 * a formula to a spreadsheet. */
static gboolean
is_text (const McColumn *column)
{
  return column->type == MC_COLUMN_TYPE_TEXT || column->type == MC_COLUMN_TYPE_CATEGORY
         || column->type == MC_COLUMN_TYPE_IDENTIFIER;
}

gboolean
mc_csv_write (McTable     *table,
              const char  *path,
              GError     **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree guint *next_issue = NULL;
  guint n_columns;

  g_return_val_if_fail (MC_IS_TABLE (table), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  n_columns = mc_table_get_n_columns (table);
  /* A file read without a header (column_1, …) is written without one. */
  for (guint c = 0; c < n_columns && mc_table_get_has_header (table); c++)
    {
      if (c > 0)
        g_string_append_c (out, ',');
      mc_csv_append_text (out, mc_table_get_column (table, c)->name);
    }
  if (mc_table_get_has_header (table))
    g_string_append_c (out, '\n');

  next_issue = g_new0 (guint, MAX (n_columns, 1));
  for (gsize r = 0; r < mc_table_get_n_rows (table); r++)
    {
      for (guint c = 0; c < n_columns; c++)
        {
          McColumn *column = mc_table_get_column (table, c);
          /* A cell no step changed is written as the file wrote it. */
          const char *as_read = mc_column_get_written_text (column, r, &next_issue[c]);
          g_autofree char *text = as_read == NULL ? mc_column_format_value (column, r) : NULL;
          const char *cell = as_read != NULL ? as_read : text != NULL ? text : "";

          if (c > 0)
            g_string_append_c (out, ',');
          if (is_text (column) || as_read != NULL)
            mc_csv_append_text (out, cell);
          else
            mc_csv_append_field (out, cell);
        }
      g_string_append_c (out, '\n');
    }
  return mc_output_write (path, out->str, out->len, error);
}
