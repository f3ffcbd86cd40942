/* mc-cli.c: what every mercato-cli command shares
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mercato-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "mc-cli.h"
#include "mc-dataset-loader.h"
#include "mc-output.h"
#include "mc-xlsx-writer.h"

/* Messages are translated; the program and command names before them,
 * like the JSON and CSV on standard output, never are. */
void
mc_cli_error (const char *command,
              const char *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (command != NULL)
    fprintf (stderr, "mercato-cli %s: %s\n", command, message);
  else
    fprintf (stderr, "mercato-cli: %s\n", message);
}

int
mc_cli_fail (const char   *command,
             const GError *error,
             int           status)
{
  mc_cli_error (command, "%s", error->message);
  return status;
}

/* No progress is shown: standard error is for messages. */
McDataset *
mc_cli_load_dataset (char **paths,
                     int   *status)
{
  g_autoptr(GError) error = NULL;
  McDataset *dataset;

  if (paths == NULL || paths[0] == NULL)
    {
      /* Translators: PATH is written as in the usage: keep it. */
      mc_cli_error (NULL, _("no PATH given; name a CSV file, a folder of CSV files or a postgresql:// database"));
      *status = EXIT_BAD_USAGE;
      return NULL;
    }
  dataset = mc_dataset_load ((const char * const *) paths, NULL, NULL, NULL, &error);
  if (dataset == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      *status = EXIT_BAD_DATA;
      return NULL;
    }
  for (guint i = 0; i < mc_dataset_get_skipped (dataset)->len; i++)
    fprintf (stderr, "%s\n", (const char *) g_ptr_array_index (mc_dataset_get_skipped (dataset), i));
  if (!mc_cli_apply_model_settings (dataset, status))
    g_clear_object (&dataset);
  return dataset;
}

gboolean
mc_cli_check_output (const char *command,
                     McDataset  *dataset,
                     const char *out,
                     int        *status)
{
  g_autoptr(GError) error = NULL;

  if (mc_output_check_not_source (dataset, out, &error))
    return TRUE;
  mc_cli_error (command, "%s", error->message);
  *status = EXIT_BAD_USAGE;
  return FALSE;
}

gboolean
mc_cli_parse_options (int            *argc,
                      char         ***argv,
                      GOptionEntry   *entries,
                      int            *status)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("PATH...");
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_help_enabled (context, FALSE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      /* Translators: %s says what is wrong with an option. */
      mc_cli_error (NULL, _("%s; run 'mercato-cli --help'"), error->message);
      *status = EXIT_BAD_USAGE;
      return FALSE;
    }
  return TRUE;
}

/* Money to the cent: sums of doubles carry noise past it. */
void
mc_cli_write_money (McJsonWriter *json,
                    const char   *key,
                    double        value)
{
  mc_cli_write_number (json, key, round (value * 100) / 100);
}

void
mc_cli_write_number (McJsonWriter *json,
                     const char   *key,
                     double        value)
{
  mc_json_writer_key (json, key);
  /* A figure the data cannot give (NAN) is null, never a number. */
  if (isnan (value))
    mc_json_writer_null (json);
  else
    mc_json_writer_double (json, value);
}

void
mc_cli_write_count (McJsonWriter *json,
                    const char   *key,
                    gsize         value)
{
  mc_json_writer_key (json, key);
  mc_json_writer_int (json, value);
}

void
mc_cli_write_string (McJsonWriter *json,
                     const char   *key,
                     const char   *value)
{
  mc_json_writer_key (json, key);
  mc_json_writer_string (json, value);
}

void
mc_cli_write_strings (McJsonWriter    *json,
                      const char      *key,
                      const GPtrArray *strings)
{
  mc_json_writer_key (json, key);
  mc_json_writer_begin_array (json);
  for (guint i = 0; i < strings->len; i++)
    mc_json_writer_string (json, g_ptr_array_index (strings, i));
  mc_json_writer_end_array (json);
}

void
mc_cli_write_objects (McJsonWriter     *json,
                      const char       *key,
                      GArray           *items,
                      McCliMembersFunc  write_members)
{
  guint size = g_array_get_element_size (items);

  mc_json_writer_key (json, key);
  mc_json_writer_begin_array (json);
  for (guint i = 0; i < items->len; i++)
    {
      mc_json_writer_begin_object (json);
      write_members (json, items->data + (gsize) i * size);
      mc_json_writer_end_object (json);
    }
  mc_json_writer_end_array (json);
}

void
mc_cli_write_named_objects (McJsonWriter     *json,
                            const char       *key,
                            GArray           *items,
                            gsize             name_offset,
                            McCliMembersFunc  write_members)
{
  guint size = items != NULL ? g_array_get_element_size (items) : 0;

  mc_json_writer_key (json, key);
  mc_json_writer_begin_object (json);
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      const char *item = items->data + (gsize) i * size;

      mc_json_writer_key (json, *(const char * const *) (item + name_offset));
      mc_json_writer_begin_object (json);
      write_members (json, item);
      mc_json_writer_end_object (json);
    }
  mc_json_writer_end_object (json);
}

McJsonWriter *
mc_cli_json_begin (void)
{
  McJsonWriter *json = mc_json_writer_new (TRUE);

  mc_json_writer_begin_object (json);
  return json;
}

int
mc_cli_run_json (char          **paths,
                 McCliJsonFunc   write)
{
  g_autoptr(McDataset) dataset = NULL;
  g_autoptr(McJsonWriter) json = NULL;
  int status = 0;

  if ((dataset = mc_cli_load_dataset (paths, &status)) == NULL)
    return status;
  json = mc_cli_json_begin ();
  if ((status = write (json, dataset)) != 0)
    return status;
  mc_cli_json_finish (json, dataset);
  return 0;
}

void
mc_cli_json_finish (McJsonWriter *json,
                    McDataset    *dataset)
{
  g_autofree char *text = NULL;

  mc_cli_write_model (json, dataset);
  mc_json_writer_end_object (json);
  text = mc_json_writer_steal (json);
  fputs (text, stdout);
}

gboolean
mc_cli_write_workbook (McTable     *table,
                       McDataset   *dataset,
                       const char  *out,
                       GError     **error)
{
  g_autofree char *base = g_path_get_basename (out);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  mc_table_set_name (table, base);
  return mc_xlsx_write_checked (table, dataset, out, error);
}
