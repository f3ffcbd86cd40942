/* mc-cli-chart.c: mercato-cli chart, one standard chart to a file
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mercato-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "mc-chart-export.h"
#include "mc-cli.h"
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

static int
run_chart (int    argc,
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
    return mc_cli_fail ("chart", error, EXIT_BAD_USAGE);
  mc_chart_set_theme (chart, theme);
  if (!mc_chart_export (chart, out, width, height, scale, &error))
    return mc_cli_fail ("chart", error, EXIT_BAD_DATA);
  return 0;
}

const McCliCommand mc_cli_chart_command = {
  "chart", "chart PATH... --chart NAME --out FILE.png|svg|pdf|csv|xlsx [--size WxH] [--theme light|dark] [--scale N]",
  /* Translators: a summary in mercato-cli --help, as that of describe. */
  N_("Draw one of the dataset's standard charts (sales trend, product type by\n"
     "  platform, reviews, RFM segments, funnel...) to a file; --chart list\n"
     "  names those this dataset has, with a tab and a description; .csv\n"
     "  writes the chart's data."),
  run_chart,
};
