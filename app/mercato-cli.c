/* mercato-cli.c: the headless face of Mercato
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The output shapes and exit statuses are a contract (DESIGN.md): 0 on
 * success, 1 when the data is bad, 2 when the command line is.
 */
#define G_LOG_DOMAIN "mercato-cli"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "mc-checks.h"
#include "mc-dataset.h"
#include "mc-json-writer.h"

#define EXIT_BAD_DATA  1
#define EXIT_BAD_USAGE 2

typedef int (*CommandFunc) (int argc, char **argv);

typedef struct
{
  const char  *name;
  const char  *synopsis;
  const char  *summary;
  CommandFunc  run;
} Command;

static int command_describe (int argc, char **argv);
static int command_check (int argc, char **argv);

static const Command commands[] = {
  { "describe", "describe PATH...",
    "Print the tables, their columns (type, role, missing, distinct, min, max)\n"
    "  and the relations between tables, as JSON.",
    command_describe },
  { "check", "check PATH...",
    "Print what is wrong with the data as JSON findings: duplicates, missing\n"
    "  values, values that do not parse, invalid e-mails, negative amounts,\n"
    "  outliers, out-of-range ratings, dates out of order or in the future,\n"
    "  sales before a product's release, and keys with no match. Exits 0\n"
    "  even when it finds something.",
    command_check },
};

static void
print_usage (FILE *stream)
{
  fprintf (stream,
           "Usage: mercato-cli COMMAND PATH... [OPTION...]\n\n"
           "Mercato reads e-commerce CSV exports. PATH is a CSV file or a folder of\n"
           "CSV files; several PATHs form one dataset.\n\nCommands:\n");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %s\n  %s\n\n", commands[i].synopsis, commands[i].summary);
  fprintf (stream,
           "Options:\n"
           "  -h, --help    show this help\n\n"
           "Exit status: 0 success, 1 bad data (the message says which file and\n"
           "line), 2 bad usage. JSON goes to standard output, messages to standard\n"
           "error.\n");
}

static void
print_progress_cb (guint64  done,
                   guint64  total,
                   gpointer user_data)
{
}

/* Loads the dataset named by the PATH arguments; prints the error and
 * returns NULL when it cannot. */
static McDataset *
load_dataset (char **paths,
              int   *status)
{
  g_autoptr(GError) error = NULL;
  McDataset *dataset;

  if (paths == NULL || paths[0] == NULL)
    {
      fprintf (stderr, "mercato-cli: no PATH given; name a CSV file or a folder of CSV files\n");
      *status = EXIT_BAD_USAGE;
      return NULL;
    }
  dataset = mc_dataset_load ((const char * const *) paths, print_progress_cb, NULL, NULL, &error);
  if (dataset == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      *status = EXIT_BAD_DATA;
    }
  return dataset;
}

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
write_column (McJsonWriter *json,
              McColumn     *column)
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
  mc_json_writer_int (json, mc_column_count_distinct (column));
  mc_json_writer_key (json, "min");
  write_extreme (json, column, mc_column_format_min (column));
  mc_json_writer_key (json, "max");
  write_extreme (json, column, mc_column_format_max (column));
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
  const GPtrArray *notes = mc_table_get_notes (table);
  int key = mc_table_get_primary_key (table);
  char delimiter[2] = { mc_table_get_delimiter (table), '\0' };

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
  mc_json_writer_key (json, "notes");
  mc_json_writer_begin_array (json);
  for (guint i = 0; i < notes->len; i++)
    mc_json_writer_string (json, g_ptr_array_index (notes, i));
  mc_json_writer_end_array (json);
  mc_json_writer_key (json, "columns");
  mc_json_writer_begin_array (json);
  for (guint c = 0; c < mc_table_get_n_columns (table); c++)
    write_column (json, mc_table_get_column (table, c));
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
command_describe (int    argc,
                  char **argv)
{
  g_autoptr(McDataset) dataset = NULL;
  g_autoptr(McJsonWriter) json = mc_json_writer_new (TRUE);
  g_autofree char *text = NULL;
  int status = 0;

  dataset = load_dataset (argv, &status);
  if (dataset == NULL)
    return status;

  mc_json_writer_begin_object (json);
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
  mc_json_writer_end_object (json);

  text = mc_json_writer_steal (json);
  fputs (text, stdout);
  return 0;
}

static void
write_finding (McJsonWriter    *json,
               const McFinding *finding)
{
  mc_json_writer_begin_object (json);
  mc_json_writer_key (json, "check");
  mc_json_writer_string (json, finding->check);
  mc_json_writer_key (json, "severity");
  mc_json_writer_string (json, mc_severity_to_string (finding->severity));
  mc_json_writer_key (json, "table");
  mc_json_writer_string (json, finding->table);
  /* One column as a string, several as a list (DESIGN.md). */
  mc_json_writer_key (json, "column");
  if (g_strv_length (finding->columns) == 1)
    mc_json_writer_string (json, finding->columns[0]);
  else
    {
      mc_json_writer_begin_array (json);
      for (guint i = 0; finding->columns[i] != NULL; i++)
        mc_json_writer_string (json, finding->columns[i]);
      mc_json_writer_end_array (json);
    }
  mc_json_writer_key (json, "count");
  mc_json_writer_int (json, finding->count);
  mc_json_writer_key (json, "examples");
  mc_json_writer_begin_array (json);
  for (guint i = 0; i < finding->n_examples; i++)
    mc_json_writer_int (json, finding->examples[i]);
  mc_json_writer_end_array (json);
  mc_json_writer_key (json, "message");
  mc_json_writer_string (json, finding->message);
  mc_json_writer_end_object (json);
}

static int
command_check (int    argc,
               char **argv)
{
  g_autoptr(McDataset) dataset = NULL;
  g_autoptr(McJsonWriter) json = mc_json_writer_new (TRUE);
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *text = NULL;
  int status = 0;

  dataset = load_dataset (argv, &status);
  if (dataset == NULL)
    return status;
  findings = mc_checks_run (dataset, g_get_real_time ());

  mc_json_writer_begin_object (json);
  mc_json_writer_key (json, "findings");
  mc_json_writer_begin_array (json);
  for (guint i = 0; i < findings->len; i++)
    write_finding (json, g_ptr_array_index (findings, i));
  mc_json_writer_end_array (json);
  mc_json_writer_end_object (json);

  text = mc_json_writer_steal (json);
  fputs (text, stdout);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");

  if (argc < 2)
    {
      print_usage (stderr);
      return EXIT_BAD_USAGE;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return 0;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (!g_str_equal (argv[1], commands[i].name))
        continue;
      for (int a = 2; a < argc; a++)
        if (g_str_equal (argv[a], "--help") || g_str_equal (argv[a], "-h"))
          {
            print_usage (stdout);
            return 0;
          }
      return commands[i].run (argc - 2, argv + 2);
    }
  fprintf (stderr, "mercato-cli: unknown command '%s'; run 'mercato-cli --help' for the list\n", argv[1]);
  return EXIT_BAD_USAGE;
}
