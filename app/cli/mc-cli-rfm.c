/* mc-cli-rfm.c: mercato-cli rfm, every customer's RFM scores and segment
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mercato-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mc-cli.h"
#include "mc-csv-writer.h"
#include "mc-output.h"
#include "mc-rfm.h"
#include "mc-value-parse.h"
#include "mc-xlsx-writer.h"

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
write_segment_counts (McJsonWriter *json,
                      GArray       *rows)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GList) names = NULL;

  for (guint i = 0; i < rows->len; i++)
    {
      const char *segment = g_array_index (rows, McRfmRow, i).segment;

      g_hash_table_insert (counts, (gpointer) segment,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, segment)) + 1));
    }
  mc_json_writer_key (json, "segments");
  mc_json_writer_begin_object (json);
  names = g_list_sort (g_hash_table_get_keys (counts), (GCompareFunc) strcmp);
  for (GList *l = names; l != NULL; l = l->next)
    mc_cli_write_count (json, l->data, GPOINTER_TO_UINT (g_hash_table_lookup (counts, l->data)));
  mc_json_writer_end_object (json);
}

/* The segments now, and with --since how customers moved since then
 * (BEFORE, the scores on that day). */
static void
write_summary (McDataset  *dataset,
               GArray     *rows,
               GArray     *before,
               gint32      reference_day,
               const char *out,
               const char *since)
{
  g_autoptr(McJsonWriter) json = mc_cli_json_begin ();
  char day[16];

  mc_format_date (reference_day, day);
  mc_cli_write_string (json, "out", out);
  mc_cli_write_string (json, "reference_date", day);
  mc_cli_write_count (json, "customers", rows->len);
  write_segment_counts (json, rows);
  if (before != NULL)
    {
      McRfmMovement movement;

      mc_rfm_movement (before, rows, &movement);
      write_movement (json, &movement, since);
    }
  mc_cli_json_finish (json, dataset);
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

/* ROWS to OUT, a workbook or a CSV file as its name says. */
static gboolean
write_rows (GArray      *rows,
            McDataset   *dataset,
            const char  *out,
            GError     **error)
{
  g_autoptr(McTable) table = NULL;

  if (!mc_xlsx_path_is_workbook (out))
    return write_rfm_csv (rows, out, error);
  table = mc_rfm_to_table (rows, "rfm");
  return mc_cli_write_workbook (table, dataset, out, error);
}

static int
run_rfm (int    argc,
         char **argv)
{
  g_autofree char *out = NULL;
  g_autofree char *at_text = NULL;
  g_autofree char *since_text = NULL;
  GOptionEntry entries[] = {
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, NULL, NULL },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at_text, NULL, NULL },
    { "since", 0, 0, G_OPTION_ARG_STRING, &since_text, NULL, NULL },
    { NULL }
  };
  g_autoptr(McDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GArray) before = NULL;
  gint32 at = G_MININT32, reference_day = 0;
  gint32 since = G_MININT32, since_reference;
  int status = 0;

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
  if ((rows = mc_rfm_compute (dataset, at, &reference_day, &error)) == NULL
      || !write_rows (rows, dataset, out, &error))
    return mc_cli_fail ("rfm", error, EXIT_BAD_DATA);
  if (since_text != NULL && (before = mc_rfm_compute (dataset, since, &since_reference, &error)) == NULL)
    {
      mc_cli_error ("rfm", "--since %s: %s", since_text, error->message);
      return EXIT_BAD_DATA;
    }
  write_summary (dataset, rows, before, reference_day, out, since_text);
  return 0;
}

const McCliCommand mc_cli_rfm_command = {
  "rfm", "rfm PATH... --out FILE.csv|xlsx [--at YYYY-MM-DD] [--since YYYY-MM-DD]",
  /* Translators: a summary in mercato-cli --help, as that of describe. */
  N_("Score every customer on recency, frequency and monetary value (1-5\n"
     "  quintiles) and name their segment; one CSV row per customer. Recency\n"
     "  counts days to the last purchase in the data, or to --at, which also\n"
     "  leaves out later purchases. Prints a summary of segments as JSON; with\n"
     "  --since, also how many customers moved from each segment then to\n"
     "  each segment now."),
  run_rfm,
};
