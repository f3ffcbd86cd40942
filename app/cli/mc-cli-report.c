/* mc-cli-report.c: mercato-cli report, the PDF report
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mercato-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-checks.h"
#include "mc-cli.h"
#include "mc-pg-source.h"
#include "mc-report.h"

static int
run_report (int    argc,
            char **argv)
{
  g_autofree char *out = NULL;
  GOptionEntry entries[] = {
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, NULL, NULL },
    { NULL }
  };
  g_autoptr(McDataset) dataset = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  int status = 0;

  if (!mc_cli_parse_options (&argc, &argv, entries, &status))
    return status;
  if (out == NULL)
    {
      /* Translators: FILE.pdf stays as in the usage. */
      mc_cli_error ("report", _("--out FILE.pdf is required"));
      return EXIT_BAD_USAGE;
    }
  if (!g_str_has_suffix (out, ".pdf"))
    {
      /* Translators: %s is the file name given. */
      mc_cli_error ("report", _("--out %s: the report is a PDF; name the file .pdf"), out);
      return EXIT_BAD_USAGE;
    }
  if ((dataset = mc_cli_load_dataset (argv + 1, &status)) == NULL)
    return status;
  if (!mc_cli_check_output ("report", dataset, out, &status))
    return status;
  findings = mc_checks_run (dataset, g_get_real_time ());
  /* A database's report is titled by its name, a file's by its own. */
  if (mc_pg_is_conninfo (argv[1]))
    title = mc_pg_get_database_name (argv[1]);
  if (title == NULL)
    title = g_path_get_basename (argv[1]);
  if (!mc_report_write (dataset, findings, title, out, &error))
    return mc_cli_fail ("report", error, EXIT_BAD_DATA);
  return 0;
}

const McCliCommand mc_cli_report_command = {
  "report", "report PATH... --out FILE.pdf",
  /* Translators: a summary in mercato-cli --help, as that of describe. */
  N_("Write a PDF report: key figures, data quality, every standard chart\n"
     "  with a one-line finding, RFM segments."),
  run_report,
};
