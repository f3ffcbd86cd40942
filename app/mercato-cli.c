/* mercato-cli.c: the headless face of Mercato
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The output shapes and exit statuses are a contract (DESIGN.md): 0 on
 * success, 1 when the data is bad, 2 when the command line is.
 */
#define G_LOG_DOMAIN "mercato-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "mc-checks.h"
#include "mc-cli.h"
#include "mc-cleaning.h"
#include "mc-csv-writer.h"
#include "mc-xlsx-writer.h"
#include "mc-dataset.h"
#include "mc-i18n.h"
#include "mc-json-writer.h"
#include "mc-output.h"
#include "mc-rfm.h"
#include "mc-value-parse.h"

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
static int command_clean (int argc, char **argv);
static int command_rfm (int argc, char **argv);

/* The names and synopses are what users type: never translated. The
 * summaries are, when printed. */
static const Command commands[] = {
  { "model", "model PATH...",
    /* Translators: a summary in mercato-cli --help, as that of describe. */
    N_("Print how the figures are computed, as JSON: which rows are purchases,\n"
       "  their amount, order, customer, time, channel, product type, statuses\n"
       "  left out, returns, currency and visits, each with its reason, a\n"
       "  confidence and the alternatives, and warnings. Every command takes\n"
       "  --set KEY=VALUE (e.g. --set amount=Quantity*UnitPrice) and --model\n"
       "  FILE (that JSON, or an INI file with a [model] group) to correct it,\n"
       "  and embeds the model it used in its JSON."),
    mc_cli_model },
  { "describe", "describe PATH...",
    /* Translators: the summaries of the commands in mercato-cli --help.
     * Keep the line breaks and the two spaces that indent each following
     * line, and keep what users type (options such as --out, names such
     * as recipe.ini, and DIR, FILE, PATH as the synopses write them). */
    N_("Print the tables, their columns (type, role, missing, distinct, min, max)\n"
       "  and the relations between tables, as JSON."),
    command_describe },
  { "check", "check PATH...",
    /* Translators: a summary in mercato-cli --help, as that of describe. */
    N_("Print what is wrong with the data as JSON findings: duplicates, missing\n"
       "  values, values that do not parse, invalid e-mails, negative amounts,\n"
       "  outliers, out-of-range ratings, dates out of order or in the future,\n"
       "  sales before a product's release, and keys with no match. Exits 0\n"
       "  even when it finds something."),
    command_check },
  { "clean", "clean PATH... --out DIR [--recipe FILE] [--xlsx]",
    /* Translators: a summary in mercato-cli --help, as that of describe. */
    N_("Write cleaned copies of the tables into DIR, with the recipe used\n"
       "  (recipe.ini, to run again on next month's export) and a log of what\n"
       "  each step changed (cleaning-log.txt). Without --recipe, the steps are\n"
       "  suggested by the checks: drop repeated rows, keep the first row of a\n"
       "  repeated key, flag outliers and gaps in new columns. The source files\n"
       "  are never changed. Prints rows before and after, per table, as JSON."),
    command_clean },
  { "metrics", "metrics PATH...",
    /* Translators: a summary in mercato-cli --help, as that of describe. */
    N_("Print revenue, orders, customers, average order value, units, discount,\n"
       "  reviews, repeat purchase rate, customer lifetime value, and from visits\n"
       "  the conversion rate and engagement, overall and by platform, month and\n"
       "  product type, with their formulas, as JSON."),
    mc_cli_metrics },
  { "chart", "chart PATH... --chart NAME --out FILE.png|svg|pdf|csv|xlsx [--size WxH] [--theme light|dark] [--scale N]",
    /* Translators: a summary in mercato-cli --help, as that of describe. */
    N_("Draw one of the dataset's standard charts (sales trend, product type by\n"
       "  platform, reviews, RFM segments, funnel...) to a file; --chart list\n"
       "  names those this dataset has, with a tab and a description; .csv\n"
       "  writes the chart's data."),
    mc_cli_chart },
  { "report", "report PATH... --out FILE.pdf",
    /* Translators: a summary in mercato-cli --help, as that of describe. */
    N_("Write a PDF report: key figures, data quality, every standard chart\n"
       "  with a one-line finding, RFM segments."),
    mc_cli_report },
  { "rfm", "rfm PATH... --out FILE.csv|xlsx [--at YYYY-MM-DD] [--since YYYY-MM-DD]",
    /* Translators: a summary in mercato-cli --help, as that of describe. */
    N_("Score every customer on recency, frequency and monetary value (1-5\n"
       "  quintiles) and name their segment; one CSV row per customer. Recency\n"
       "  counts days to the last purchase in the data, or to --at, which also\n"
       "  leaves out later purchases. Prints a summary of segments as JSON; with\n"
       "  --since, also how many customers moved from each segment then to\n"
       "  each segment now."),
    command_rfm },
  { "segment", "segment PATH... --out FILE.csv|xlsx [--preset rfm|behaviour|product|engagement | --features a,b,c]\n"
    "          [--k K | --k-range 2-10] [--scale zscore|minmax|robust|none] [--no-log1p]\n"
    "          [--n-init N] [--seed S]",
    /* Translators: a summary in mercato-cli --help, as that of describe. */
    N_("Group customers into segments by k-means on features built from the\n"
       "  data (RFM, platform and product-type shares, visits...). Without --k,\n"
       "  tries k = 2-8 (or --k-range) and keeps the k whose segments stand\n"
       "  furthest apart. Skewed money and counts are log1p'd unless --no-log1p.\n"
       "  Writes id,segment,segment_name per row to the CSV and prints k, inertia,\n"
       "  silhouette, sizes, centroids in the features' units and a profile of\n"
       "  each segment as JSON. A plain numeric CSV is segmented on all its\n"
       "  numeric columns."),
    mc_cli_segment },
};

static void
print_usage (FILE *stream)
{
  /* Translators: the first line of mercato-cli --help; keep COMMAND,
   * PATH and OPTION, which the synopses of the commands use as written. */
  fprintf (stream, "%s\n\n", _("Usage: mercato-cli COMMAND PATH... [OPTION...]"));
  /* Translators: keep PATH, and the line breaks (lines of at most 80
   * columns). */
  fprintf (stream, "%s\n\n", _("Mercato reads e-commerce CSV exports. PATH is a CSV file or a folder of\n"
                               "CSV files; several PATHs form one dataset."));
  /* Translators: keep PATH, PGPASSWORD, ~/.pgpass and the URIs as written,
   * and the line breaks (lines of at most 80 columns). */
  fprintf (stream, "%s\n\n", _("PATH may also be a PostgreSQL database, read whole: postgresql://HOST/DB,\n"
                               "postgresql:///DB?host=SOCKET_FOLDER, or service=NAME. A password comes from\n"
                               "PGPASSWORD, ~/.pgpass or the service file, never from the command line."));
  fprintf (stream, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %s\n  %s\n\n", commands[i].synopsis, _(commands[i].summary));
  fprintf (stream, "%s\n", _("Options:"));
  /* Translators: what mercato-cli --help says of -h, --help. */
  fprintf (stream, "  -h, --help    %s\n\n", _("show this help"));
  /* Translators: keep the line breaks (lines of at most 80 columns). */
  fprintf (stream, "%s\n", _("Exit status: 0 success, 1 bad data (the message says which file and\n"
                             "line), 2 bad usage. JSON goes to standard output, messages to standard\n"
                             "error."));
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
  const GPtrArray *notes = mc_table_get_notes (table);
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
  mc_json_writer_key (json, "notes");
  mc_json_writer_begin_array (json);
  for (guint i = 0; i < notes->len; i++)
    mc_json_writer_string (json, g_ptr_array_index (notes, i));
  mc_json_writer_end_array (json);
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
command_describe (int    argc,
                  char **argv)
{
  g_autoptr(McDataset) dataset = NULL;
  g_autoptr(McJsonWriter) json = mc_json_writer_new (TRUE);
  g_autofree char *text = NULL;
  int status = 0;

  dataset = mc_cli_load_dataset (argv, &status);
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
  mc_cli_write_model (json, dataset);
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

  dataset = mc_cli_load_dataset (argv, &status);
  if (dataset == NULL)
    return status;
  findings = mc_checks_run (dataset, g_get_real_time ());

  mc_json_writer_begin_object (json);
  mc_json_writer_key (json, "findings");
  mc_json_writer_begin_array (json);
  for (guint i = 0; i < findings->len; i++)
    write_finding (json, g_ptr_array_index (findings, i));
  mc_json_writer_end_array (json);
  mc_cli_write_model (json, dataset);
  mc_json_writer_end_object (json);

  text = mc_json_writer_steal (json);
  fputs (text, stdout);
  return 0;
}

static void
write_clean_summary (McJsonWriter *json,
                     McDataset    *before,
                     McDataset    *after,
                     GPtrArray    *log,
                     const char   *out)
{
  mc_json_writer_begin_object (json);
  mc_json_writer_key (json, "out");
  mc_json_writer_string (json, out);
  mc_json_writer_key (json, "tables");
  mc_json_writer_begin_array (json);
  for (guint t = 0; t < mc_dataset_get_n_tables (after); t++)
    {
      McTable *table = mc_dataset_get_table (after, t);

      mc_json_writer_begin_object (json);
      mc_json_writer_key (json, "name");
      mc_json_writer_string (json, mc_table_get_name (table));
      mc_json_writer_key (json, "rows_before");
      mc_json_writer_int (json, mc_table_get_n_rows (mc_dataset_get_table (before, t)));
      mc_json_writer_key (json, "rows_after");
      mc_json_writer_int (json, mc_table_get_n_rows (table));
      mc_json_writer_end_object (json);
    }
  mc_json_writer_end_array (json);
  mc_json_writer_key (json, "steps");
  mc_json_writer_begin_array (json);
  for (guint i = 0; i < log->len; i++)
    {
      McCleanLogEntry *entry = g_ptr_array_index (log, i);

      mc_json_writer_begin_object (json);
      /* The step in the recipe's words, for programs; the log has the sentence. */
      mc_json_writer_key (json, "step");
      mc_json_writer_string (json, entry->command);
      mc_json_writer_key (json, "rows_removed");
      mc_json_writer_int (json, entry->rows_removed);
      mc_json_writer_key (json, "cells_changed");
      mc_json_writer_int (json, entry->cells_changed);
      mc_json_writer_key (json, "column_added");
      mc_json_writer_string (json, entry->column_added);
      mc_json_writer_key (json, "rows_flagged");
      mc_json_writer_int (json, entry->rows_flagged);
      mc_json_writer_end_object (json);
    }
  mc_json_writer_end_array (json);
  mc_cli_write_model (json, before);
  mc_json_writer_end_object (json);
}

static int
command_clean (int    argc,
               char **argv)
{
  g_autofree char *out = NULL;
  g_autofree char *recipe_path = NULL;
  gboolean as_workbook = FALSE;
  GOptionEntry entries[] = {
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, NULL, NULL },
    { "recipe", 0, 0, G_OPTION_ARG_FILENAME, &recipe_path, NULL, NULL },
    { "xlsx", 0, 0, G_OPTION_ARG_NONE, &as_workbook, NULL, NULL },
    { NULL }
  };
  g_autoptr(McDataset) dataset = NULL;
  g_autoptr(McDataset) cleaned = NULL;
  g_autoptr(GPtrArray) recipe = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(McJsonWriter) json = mc_json_writer_new (TRUE);
  g_autofree char *text = NULL;
  g_autofree char *parent = NULL;
  int status = 0;

  argc++, argv--;   /* GOption skips argv[0] */
  if (!mc_cli_parse_options (&argc, &argv, entries, &status))
    return status;
  if (out == NULL)
    {
      /* Translators: DIR stays as in the usage. */
      mc_cli_error ("clean", _("--out DIR is required: the folder for the cleaned files"));
      return EXIT_BAD_USAGE;
    }
  dataset = mc_cli_load_dataset (argv + 1, &status);
  if (dataset == NULL)
    return status;
  parent = g_path_get_dirname (out);
  if (recipe_path != NULL)
    recipe = mc_recipe_load (recipe_path, &error);
  else
    {
      g_autoptr(GPtrArray) findings = mc_checks_run (dataset, g_get_real_time ());

      recipe = mc_recipe_suggest (dataset, findings);
    }
  if (recipe == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return EXIT_BAD_USAGE;
    }
  cleaned = mc_recipe_apply (recipe, dataset, &log, &error);
  if (cleaned == NULL)
    {
      mc_cli_error ("clean", "%s", error->message);
      return EXIT_BAD_DATA;
    }
  if (g_mkdir_with_parents (parent, 0777) != 0 || mc_clean_is_source_folder (dataset, out))
    {
      int saved_errno = errno;   /* before anything else may change it */

      /* Translators: the first %s is a folder, the second says why it
       * cannot be used; --out stays as written. */
      mc_cli_error ("clean", _("%s: %s; choose another --out folder"), out,
                    saved_errno != 0 && !g_file_test (out, G_FILE_TEST_IS_DIR)
                    ? g_strerror (saved_errno)
                    : _("it holds the source files, which are never overwritten"));
      return EXIT_BAD_USAGE;
    }
  if (!mc_clean_write_copy (dataset, cleaned, recipe, log, out, as_workbook, &error))
    {
      mc_cli_error ("clean", "%s", error->message);
      /* An output that would replace a source is a usage error. */
      return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS) ? EXIT_BAD_USAGE : EXIT_BAD_DATA;
    }
  write_clean_summary (json, dataset, cleaned, log, out);
  text = mc_json_writer_steal (json);
  fputs (text, stdout);
  return 0;
}

static gboolean
write_rfm_csv (GArray      *rows,
               const char  *path,
               GError     **error)
{
  g_autoptr(GString) out = g_string_new ("customer_id,recency_days,frequency,monetary,r_score,f_score,m_score,segment\n");

  for (guint i = 0; i < rows->len; i++)
    {
      McRfmRow *row = &g_array_index (rows, McRfmRow, i);
      char money[G_ASCII_DTOSTR_BUF_SIZE];

      /* Money to the cent, with a decimal point whatever the locale. */
      g_ascii_formatd (money, sizeof money, "%.2f", row->monetary);
      /* A customer told apart by name may hold a comma ("AV Stores, Co."). */
      mc_csv_append_text (out, row->customer);
      g_string_append_printf (out, ",%d,%u,%s,%u,%u,%u,", row->recency_days, row->frequency, money, row->r_score,
                              row->f_score, row->m_score);
      mc_csv_append_text (out, row->segment);
      g_string_append_c (out, '\n');
    }
  return mc_output_write (path, out->str, out->len, error);
}

static void
write_movement (McJsonWriter        *json,
                const McRfmMovement *movement,
                const char          *since)
{
  mc_json_writer_key (json, "movement");
  mc_json_writer_begin_object (json);
  mc_json_writer_key (json, "since");
  mc_json_writer_string (json, since);
  mc_json_writer_key (json, "from");
  mc_json_writer_begin_object (json);
  for (guint i = 0; i <= MC_RFM_N_SEGMENTS; i++)
    {
      mc_json_writer_key (json, i < MC_RFM_N_SEGMENTS ? mc_rfm_segment_name (i) : "(new customer)");
      mc_json_writer_begin_object (json);
      for (guint j = 0; j < MC_RFM_N_SEGMENTS; j++)
        if (movement->counts[i][j] > 0)
          {
            mc_json_writer_key (json, mc_rfm_segment_name (j));
            mc_json_writer_int (json, movement->counts[i][j]);
          }
      mc_json_writer_end_object (json);
    }
  mc_json_writer_end_object (json);
  mc_json_writer_end_object (json);
}

static void
write_rfm_summary (McJsonWriter *json,
                   McDataset    *dataset,
                   GArray       *rows,
                   GArray       *before,
                   gint32        reference_day,
                   const char   *out,
                   const char   *since)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GList) names = NULL;
  char day[16];

  for (guint i = 0; i < rows->len; i++)
    {
      const char *segment = g_array_index (rows, McRfmRow, i).segment;

      g_hash_table_insert (counts, (gpointer) segment,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, segment)) + 1));
    }
  mc_format_date (reference_day, day);
  mc_json_writer_begin_object (json);
  mc_json_writer_key (json, "out");
  mc_json_writer_string (json, out);
  mc_json_writer_key (json, "reference_date");
  mc_json_writer_string (json, day);
  mc_json_writer_key (json, "customers");
  mc_json_writer_int (json, rows->len);
  mc_json_writer_key (json, "segments");
  mc_json_writer_begin_object (json);
  names = g_list_sort (g_hash_table_get_keys (counts), (GCompareFunc) strcmp);
  for (GList *l = names; l != NULL; l = l->next)
    {
      mc_json_writer_key (json, l->data);
      mc_json_writer_int (json, GPOINTER_TO_UINT (g_hash_table_lookup (counts, l->data)));
    }
  mc_json_writer_end_object (json);
  if (before != NULL)
    {
      McRfmMovement movement;

      mc_rfm_movement (before, rows, &movement);
      write_movement (json, &movement, since);
    }
  mc_cli_write_model (json, dataset);
  mc_json_writer_end_object (json);
}

/* Reads --at or --since; FALSE (and a message) when it is not a date. */
static gboolean
parse_day_option (const char *option,
                  const char *text,
                  gint32     *day)
{
  gint64 value;

  if (text == NULL)
    return TRUE;
  if (mc_parse_date (text, strlen (text), &value) != MC_DATE_ISO)
    {
      /* Translators: the first %s is an option (--at, --since), the
       * second what was given; YYYY-MM-DD is the form to use. */
      mc_cli_error ("rfm", _("%s %s: write the date as YYYY-MM-DD"), option, text);
      return FALSE;
    }
  *day = (gint32) value;
  return TRUE;
}

static int
command_rfm (int    argc,
             char **argv)
{
  gboolean written;
  g_autofree char *out = NULL;
  g_autofree char *at_text = NULL;
  g_autofree char *since_text = NULL;
  GOptionEntry entries[] = {
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, NULL, NULL },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at_text, NULL, NULL },
    { "since", 0, 0, G_OPTION_ARG_STRING, &since_text, NULL, NULL },
    { NULL }
  };
  g_autoptr(GArray) before = NULL;
  gint32 since = G_MININT32, since_reference;
  g_autoptr(McDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(McJsonWriter) json = mc_json_writer_new (TRUE);
  g_autofree char *text = NULL;
  gint32 at = G_MININT32, reference_day = 0;
  int status = 0;

  argc++, argv--;   /* GOption skips argv[0] */
  if (!mc_cli_parse_options (&argc, &argv, entries, &status))
    return status;
  if (out == NULL)
    {
      /* Translators: FILE.csv stays as in the usage. */
      mc_cli_error ("rfm", _("--out FILE.csv is required"));
      return EXIT_BAD_USAGE;
    }
  if (!parse_day_option ("--at", at_text, &at) || !parse_day_option ("--since", since_text, &since))
    return EXIT_BAD_USAGE;
  dataset = mc_cli_load_dataset (argv + 1, &status);
  if (dataset == NULL || !mc_cli_check_output ("rfm", dataset, out, &status))
    return status;
  rows = mc_rfm_compute (dataset, at, &reference_day, &error);
  if (rows == NULL)
    {
      mc_cli_error ("rfm", "%s", error->message);
      return EXIT_BAD_DATA;
    }
  if (mc_xlsx_path_is_workbook (out))
    {
      g_autoptr(McTable) table = mc_rfm_to_table (rows, "rfm");

      written = mc_cli_write_workbook (table, dataset, out, &error);
    }
  else
    written = write_rfm_csv (rows, out, &error);
  if (!written)
    {
      mc_cli_error ("rfm", "%s", error->message);
      return EXIT_BAD_DATA;
    }
  if (since_text != NULL)
    {
      before = mc_rfm_compute (dataset, since, &since_reference, &error);
      if (before == NULL)
        {
          mc_cli_error ("rfm", "--since %s: %s", since_text, error->message);
          return EXIT_BAD_DATA;
        }
    }
  write_rfm_summary (json, dataset, rows, before, reference_day, out, since_text);
  text = mc_json_writer_steal (json);
  fputs (text, stdout);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  mc_i18n_init ();
  /* Past the file size limit (ulimit -f) a write fails with EFBIG, which
   * the writers report, instead of the process being killed. */
  signal (SIGXFSZ, SIG_IGN);

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
      {
        int status = 0;

        argc -= 2, argv += 2;
        if (!mc_cli_take_model_options (&argc, argv, &status))
          return status;
        return commands[i].run (argc, argv);
      }
    }
  /* Translators: %s is what was typed as the command. */
  mc_cli_error (NULL, _("unknown command '%s'; run 'mercato-cli --help' for the list"), argv[1]);
  return EXIT_BAD_USAGE;
}
