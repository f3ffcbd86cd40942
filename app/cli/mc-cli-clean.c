/* mc-cli-clean.c: mercato-cli clean, cleaned copies with their recipe and log
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The copies, recipe.ini and cleaning-log.txt are written by
 * mc_clean_write_copy(), as the app's Save Cleaned Copy… writes them;
 * this file chooses the recipe, the folder and the exit status.
 */
#define G_LOG_DOMAIN "mercato-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "mc-checks.h"
#include "mc-cleaning.h"
#include "mc-cli.h"

static void
write_tables (McJsonWriter *json,
              McDataset    *before,
              McDataset    *after)
{
  mc_json_writer_key (json, "tables");
  mc_json_writer_begin_array (json);
  for (guint t = 0; t < mc_dataset_get_n_tables (after); t++)
    {
      McTable *table = mc_dataset_get_table (after, t);

      mc_json_writer_begin_object (json);
      mc_cli_write_string (json, "name", mc_table_get_name (table));
      mc_cli_write_count (json, "rows_before", mc_table_get_n_rows (mc_dataset_get_table (before, t)));
      mc_cli_write_count (json, "rows_after", mc_table_get_n_rows (table));
      mc_json_writer_end_object (json);
    }
  mc_json_writer_end_array (json);
}

static void
write_steps (McJsonWriter *json,
             GPtrArray    *log)
{
  mc_json_writer_key (json, "steps");
  mc_json_writer_begin_array (json);
  for (guint i = 0; i < log->len; i++)
    {
      McCleanLogEntry *entry = g_ptr_array_index (log, i);

      mc_json_writer_begin_object (json);
      /* The step in the recipe's words, for programs; the log has the sentence. */
      mc_cli_write_string (json, "step", entry->command);
      mc_cli_write_count (json, "rows_removed", entry->rows_removed);
      mc_cli_write_count (json, "cells_changed", entry->cells_changed);
      mc_cli_write_string (json, "column_added", entry->column_added);
      mc_cli_write_count (json, "rows_flagged", entry->rows_flagged);
      mc_json_writer_end_object (json);
    }
  mc_json_writer_end_array (json);
}

/* The recipe of --recipe FILE, or without it the steps the checks
 * suggest; NULL (and the message printed) when FILE is no recipe. */
static GPtrArray *
choose_recipe (McDataset  *dataset,
               const char *recipe_path)
{
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *recipe;

  if (recipe_path == NULL)
    {
      findings = mc_checks_run (dataset, g_get_real_time ());
      return mc_recipe_suggest (dataset, findings);
    }
  if ((recipe = mc_recipe_load (recipe_path, &error)) == NULL)
    fprintf (stderr, "%s\n", error->message);
  return recipe;
}

/* The parent of OUT is made if need be; FALSE (and the message printed)
 * when it cannot be, or when OUT is where the sources are. */
static gboolean
check_out_folder (McDataset  *dataset,
                  const char *out)
{
  g_autofree char *parent = g_path_get_dirname (out);
  int saved_errno;

  if (g_mkdir_with_parents (parent, 0777) == 0 && !mc_clean_is_source_folder (dataset, out))
    return TRUE;
  saved_errno = errno;   /* before anything else may change it */
  /* Translators: the first %s is a folder, the second says why it
   * cannot be used; --out stays as written. */
  mc_cli_error ("clean", _("%s: %s; choose another --out folder"), out,
                saved_errno != 0 && !g_file_test (out, G_FILE_TEST_IS_DIR)
                ? g_strerror (saved_errno)
                : _("it holds the source files, which are never overwritten"));
  return FALSE;
}

static int
run_clean (int    argc,
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
  g_autoptr(McJsonWriter) json = NULL;
  int status = 0;

  if (!mc_cli_parse_options (&argc, &argv, entries, &status))
    return status;
  if (out == NULL)
    {
      /* Translators: DIR stays as in the usage. */
      mc_cli_error ("clean", _("--out DIR is required: the folder for the cleaned files"));
      return EXIT_BAD_USAGE;
    }
  if ((dataset = mc_cli_load_dataset (argv + 1, &status)) == NULL)
    return status;
  if ((recipe = choose_recipe (dataset, recipe_path)) == NULL)
    return EXIT_BAD_USAGE;
  if ((cleaned = mc_recipe_apply (recipe, dataset, &log, &error)) == NULL)
    return mc_cli_fail ("clean", error, EXIT_BAD_DATA);
  if (!check_out_folder (dataset, out))
    return EXIT_BAD_USAGE;
  /* An output that would replace a source is a usage error. */
  if (!mc_clean_write_copy (dataset, cleaned, recipe, log, out, as_workbook, &error))
    return mc_cli_fail ("clean", error, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS)
                                        ? EXIT_BAD_USAGE : EXIT_BAD_DATA);

  json = mc_cli_json_begin ();
  mc_cli_write_string (json, "out", out);
  write_tables (json, dataset, cleaned);
  write_steps (json, log);
  mc_cli_json_finish (json, dataset);
  return 0;
}

const McCliCommand mc_cli_clean_command = {
  "clean", "clean PATH... --out DIR [--recipe FILE] [--xlsx]",
  /* Translators: a summary in mercato-cli --help, as that of describe. */
  N_("Write cleaned copies of the tables into DIR, with the recipe used\n"
     "  (recipe.ini, to run again on next month's export) and a log of what\n"
     "  each step changed (cleaning-log.txt). Without --recipe, the steps are\n"
     "  suggested by the checks: drop repeated rows, keep the first row of a\n"
     "  repeated key, flag outliers and gaps in new columns. The source files\n"
     "  are never changed. Prints rows before and after, per table, as JSON."),
  run_clean,
};
