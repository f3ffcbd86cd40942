/* mc-cli-charts.c: mercato-cli chart and mercato-cli report
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mercato-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "mc-chart-export.h"
#include "mc-checks.h"
#include "mc-cli.h"
#include "mc-pg-source.h"
#include "mc-xlsx-writer.h"
#include "mc-report.h"
#include "mc-standard-charts.h"

static gboolean
parse_size (const char *text,
            double     *width,
            double     *height)
{
  int w, h;
  char end;

  if (text == NULL)
    return TRUE;
  if (sscanf (text, "%dx%d%c", &w, &h, &end) != 2 || w < 100 || h < 100 || w > 20000 || h > 20000)
    {
      /* Translators: %s is what was given; WIDTHxHEIGHT stays as written. */
      mc_cli_error ("chart", _("--size %s: write it as WIDTHxHEIGHT in points, e.g. 800x500"), text);
      return FALSE;
    }
  *width = w;
  *height = h;
  return TRUE;
}

static gboolean
parse_theme (const char   *text,
             McChartTheme *theme)
{
  if (text == NULL || g_str_equal (text, "light"))
    *theme = MC_CHART_THEME_LIGHT;
  else if (g_str_equal (text, "dark"))
    *theme = MC_CHART_THEME_DARK;
  else
    {
      /* Translators: %s is what was given; light and dark are the values
       * --theme takes: keep them. */
      mc_cli_error ("chart", _("--theme %s: use light or dark"), text);
      return FALSE;
    }
  return TRUE;
}

static void
print_chart_list (McChartData *data)
{
  g_autoptr(GArray) list = mc_chart_data_list (data);

  for (guint i = 0; i < list->len; i++)
    printf ("%s\t%s\n", g_array_index (list, McChartInfo, i).name, g_array_index (list, McChartInfo, i).description);
}

int
mc_cli_chart (int    argc,
              char **argv)
{
  g_autofree char *name = NULL;
  g_autofree char *out = NULL;
  g_autofree char *size = NULL;
  g_autofree char *theme_name = NULL;
  double scale = 1, width = 800, height = 500;
  GOptionEntry entries[] = {
    { "chart", 0, 0, G_OPTION_ARG_STRING, &name, NULL, NULL },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, NULL, NULL },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size, NULL, NULL },
    { "theme", 0, 0, G_OPTION_ARG_STRING, &theme_name, NULL, NULL },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &scale, NULL, NULL },
    { NULL }
  };
  g_autoptr(McDataset) dataset = NULL;
  g_autoptr(McChartData) data = NULL;
  g_autoptr(McChart) chart = NULL;
  g_autoptr(GError) error = NULL;
  McChartTheme theme;
  McChartFile type;
  int status = 0;

  argc++, argv--;   /* GOption skips argv[0] */
  if (!mc_cli_parse_options (&argc, &argv, entries, &status))
    return status;
  if (name == NULL || (!g_str_equal (name, "list") && out == NULL))
    {
      /* Translators: the options and NAME, FILE stay as in the usage. */
      mc_cli_error ("chart", _("--chart NAME and --out FILE.png|svg|pdf are required (--chart list names the charts)"));
      return EXIT_BAD_USAGE;
    }
  if (out != NULL && !mc_chart_file_from_path (out, &type))
    {
      /* Translators: %s is a file name. */
      mc_cli_error ("chart", _("%s: name the file .png, .svg or .pdf (or .csv or .xlsx for its data)"), out);
      return EXIT_BAD_USAGE;
    }
  if (!parse_size (size, &width, &height) || !parse_theme (theme_name, &theme))
    return EXIT_BAD_USAGE;
  if (scale < 0.25 || scale > 8)
    {
      /* Translators: %g is the scale given. */
      mc_cli_error ("chart", _("--scale %g: use a scale from 0.25 to 8"), scale);
      return EXIT_BAD_USAGE;
    }
  if ((dataset = mc_cli_load_dataset (argv + 1, &status)) == NULL)
    return status;
  if (out != NULL && !mc_cli_check_output ("chart", dataset, out, &status))
    return status;
  data = mc_chart_data_new (dataset);
  if (g_str_equal (name, "list"))
    {
      print_chart_list (data);
      return 0;
    }
  if ((chart = mc_chart_data_build (data, name, &error)) == NULL)
    {
      mc_cli_error ("chart", "%s", error->message);
      return EXIT_BAD_USAGE;
    }
  mc_chart_set_theme (chart, theme);
  if (!mc_chart_export (chart, out, width, height, scale, &error))
    {
      mc_cli_error ("chart", "%s", error->message);
      return EXIT_BAD_DATA;
    }
  return 0;
}

int
mc_cli_report (int    argc,
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

  argc++, argv--;
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
    {
      mc_cli_error ("report", "%s", error->message);
      return EXIT_BAD_DATA;
    }
  return 0;
}
