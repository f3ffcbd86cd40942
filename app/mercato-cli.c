/* mercato-cli.c: the headless face of Mercato
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * main() finds the command (app/cli/, a file each) and runs it. Output
 * shapes and exit statuses are the mercato-cli contract of
 * ../shared/DESIGN.md: 0 on success, 1 when the data is bad, 2 when the
 * command line is.
 */
#define G_LOG_DOMAIN "mercato-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <signal.h>
#include <stdio.h>

#include "mc-cli.h"
#include "mc-i18n.h"

/* In the order --help lists them. */
static const McCliCommand *commands[] = {
  &mc_cli_model_command,
  &mc_cli_describe_command,
  &mc_cli_check_command,
  &mc_cli_clean_command,
  &mc_cli_metrics_command,
  &mc_cli_chart_command,
  &mc_cli_report_command,
  &mc_cli_rfm_command,
  &mc_cli_segment_command,
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
  /* Translators: keep PATH, PGPASSWORD, ~/.pgpass, MERCATO_PG_SAMPLE_ROWS and
   * the URIs as written, and the line breaks (lines of at most 80 columns). */
  fprintf (stream, "%s\n\n", _("PATH may also be a PostgreSQL database: postgresql://HOST/DB,\n"
                               "postgresql:///DB?host=SOCKET_FOLDER, or service=NAME. A password comes from\n"
                               "PGPASSWORD, ~/.pgpass or the service file, never from the command line.\n"
                               "Its tables are read into memory, those of more than 10 million rows as a\n"
                               "sample (MERCATO_PG_SAMPLE_ROWS=N changes it); the figures of metrics and rfm\n"
                               "are computed on its server, but for the visits'."));
  fprintf (stream, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %s\n  %s\n\n", commands[i]->synopsis, _(commands[i]->summary));
  fprintf (stream, "%s\n", _("Options:"));
  /* Translators: what mercato-cli --help says of -h, --help. */
  fprintf (stream, "  -h, --help    %s\n\n", _("show this help"));
  /* Translators: keep the line breaks (lines of at most 80 columns). */
  fprintf (stream, "%s\n", _("Exit status: 0 success, 1 bad data (the message says which file and\n"
                             "line), 2 bad usage. JSON goes to standard output, messages to standard\n"
                             "error."));
}

static const McCliCommand *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (name, commands[i]->name))
      return commands[i];
  return NULL;
}

/* --help anywhere after the command prints the usage, which has every
 * command's options. */
static gboolean
asks_for_help (int    argc,
               char **argv)
{
  for (int a = 1; a < argc; a++)
    if (g_str_equal (argv[a], "--help") || g_str_equal (argv[a], "-h"))
      return TRUE;
  return FALSE;
}

int
main (int    argc,
      char **argv)
{
  const McCliCommand *command;
  int status = 0;

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
  if ((command = find_command (argv[1])) == NULL)
    {
      /* Translators: %s is what was typed as the command. */
      mc_cli_error (NULL, _("unknown command '%s'; run 'mercato-cli --help' for the list"), argv[1]);
      return EXIT_BAD_USAGE;
    }
  /* From here on ARGV is the command's: its name, then its paths and
   * options. */
  argc -= 1, argv += 1;
  if (asks_for_help (argc, argv))
    {
      print_usage (stdout);
      return 0;
    }
  if (!mc_cli_take_model_options (&argc, argv, &status))
    return status;
  return command->run (argc, argv);
}
