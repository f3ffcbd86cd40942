/* mc-cli-describe.c: mercato-cli describe, the tables and their relations
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mercato-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mc-cli.h"

static void
write_extreme (McJsonWriter *json,
               McColumn     *column,
               char         *text)
{
  if (text != NULL && mc_column_is_numeric (column))
    mc_json_writer_double (json, g_ascii_strtod (text, NULL));
  else
    mc_json_writer_string (json, text);
  g_free (text);
}

static void
write_placeholders (McJsonWriter *json,
                    McColumn     *column)
{
  g_autoptr(GHashTable) placeholders = mc_column_count_placeholders (column);
  g_autoptr(GList) keys = g_list_sort (g_hash_table_get_keys (placeholders), (GCompareFunc) strcmp);

  mc_json_writer_key (json, "placeholders");
  mc_json_writer_begin_object (json);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      mc_json_writer_key (json, l->data);
      mc_json_writer_int (json, GPOINTER_TO_UINT (g_hash_table_lookup (placeholders, l->data)));
    }
  mc_json_writer_end_object (json);
}

static void
write_column (McJsonWriter    *json,
              McColumn        *column,
              McColumnSummary *summary)
{
  mc_json_writer_begin_object (json);
  mc_json_writer_key (json, "name");
  mc_json_writer_string (json, column->name);
  mc_json_writer_key (json, "type");
  mc_json_writer_string (json, mc_column_type_to_string (column->type));
  mc_json_writer_key (json, "role");
  mc_json_writer_string (json, mc_role_to_string (column->role));
  mc_json_writer_key (json, "missing");
  mc_json_writer_int (json, column->n_missing);
  mc_json_writer_key (json, "distinct");
  mc_json_writer_int (json, summary->distinct);
  mc_json_writer_key (json, "min");
  write_extreme (json, column, g_steal_pointer (&summary->min));
  mc_json_writer_key (json, "max");
  write_extreme (json, column, g_steal_pointer (&summary->max));
  mc_json_writer_key (json, "type_mismatches");
  mc_json_writer_int (json, mc_column_count_issues (column, MC_CELL_ISSUE_MISMATCH));
  write_placeholders (json, column);
  if (column->format != NULL)
    {
      mc_json_writer_key (json, "format");
      mc_json_writer_string (json, column->format);
    }
  mc_json_writer_end_object (json);
}

static void
write_table (McJsonWriter *json,
             McTable      *table)
{
  int key = mc_table_get_primary_key (table);
  char delimiter[2] = { mc_table_get_delimiter (table), '\0' };
  guint n_columns = mc_table_get_n_columns (table);
  g_autofree McColumn **columns = g_new (McColumn *, MAX (n_columns, 1));
  g_autofree McColumnSummary *summaries = g_new0 (McColumnSummary, MAX (n_columns, 1));

  /* Distinct counts hash every row: all columns at once, on all cores. */
  for (guint c = 0; c < n_columns; c++)
    columns[c] = mc_table_get_column (table, c);
  mc_columns_summarize (columns, n_columns, summaries);

  mc_json_writer_begin_object (json);
  mc_json_writer_key (json, "name");
  mc_json_writer_string (json, mc_table_get_name (table));
  mc_json_writer_key (json, "path");
  mc_json_writer_string (json, mc_table_get_path (table));
  mc_json_writer_key (json, "rows");
  mc_json_writer_int (json, mc_table_get_n_rows (table));
  mc_json_writer_key (json, "encoding");
  mc_json_writer_string (json, mc_table_get_encoding (table));
  mc_json_writer_key (json, "delimiter");
  mc_json_writer_string (json, mc_table_get_whitespace_aligned (table) ? "whitespace" : delimiter);
  mc_json_writer_key (json, "line_ending");
  mc_json_writer_string (json, mc_table_get_line_ending (table));
  mc_json_writer_key (json, "header");
  mc_json_writer_boolean (json, mc_table_get_has_header (table));
  mc_json_writer_key (json, "primary_key");
  mc_json_writer_string (json, key >= 0 ? mc_table_get_column (table, key)->name : NULL);
  mc_cli_write_strings (json, "notes", mc_table_get_notes (table));
  mc_json_writer_key (json, "columns");
  mc_json_writer_begin_array (json);
  for (guint c = 0; c < n_columns; c++)
    {
      write_column (json, columns[c], &summaries[c]);
      mc_column_summary_clear (&summaries[c]);
    }
  mc_json_writer_end_array (json);
  mc_json_writer_end_object (json);
}

static void
write_relation (McJsonWriter     *json,
                const McRelation *relation)
{
  g_autofree char *from = g_strdup_printf ("%s.%s", mc_table_get_name (relation->from_table),
                                           mc_table_get_column (relation->from_table, relation->from_column)->name);
  g_autofree char *to = g_strdup_printf ("%s.%s", mc_table_get_name (relation->to_table),
                                         mc_table_get_column (relation->to_table, relation->to_column)->name);

  mc_json_writer_begin_object (json);
  mc_json_writer_key (json, "from");
  mc_json_writer_string (json, from);
  mc_json_writer_key (json, "to");
  mc_json_writer_string (json, to);
  mc_json_writer_key (json, "match_rate");
  mc_json_writer_double (json, relation->match_rate);
  mc_json_writer_key (json, "unmatched");
  mc_json_writer_int (json, relation->n_unmatched);
  mc_json_writer_end_object (json);
}

static int
write_describe (McJsonWriter *json,
                McDataset    *dataset)
{
  mc_json_writer_key (json, "tables");
  mc_json_writer_begin_array (json);
  for (guint t = 0; t < mc_dataset_get_n_tables (dataset); t++)
    write_table (json, mc_dataset_get_table (dataset, t));
  mc_json_writer_end_array (json);
  mc_json_writer_key (json, "relations");
  mc_json_writer_begin_array (json);
  for (guint r = 0; r < mc_dataset_get_n_relations (dataset); r++)
    write_relation (json, mc_dataset_get_relation (dataset, r));
  mc_json_writer_end_array (json);
  return 0;
}

static int
run_describe (int    argc,
              char **argv)
{
  return mc_cli_run_json (argv + 1, write_describe);
}

const McCliCommand mc_cli_describe_command = {
  "describe", "describe PATH...",
  /* Translators: the summaries of the commands in mercato-cli --help.
   * Keep the line breaks and the two spaces that indent each following
   * line, and keep what users type (options such as --out, names such
   * as recipe.ini, and DIR, FILE, PATH as the synopses write them). */
  N_("Print the tables, their columns (type, role, missing, distinct, min, max)\n"
     "  and the relations between tables, as JSON."),
  run_describe,
};
