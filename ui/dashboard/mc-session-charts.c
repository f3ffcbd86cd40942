/* mc-session-charts.c: the charts of a web-analytics export's sessions
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A dataset whose purchases are a flag per session (the UCI shoppers'
 * Revenue TRUE/FALSE) has no purchase rows to chart. Its charts are the
 * sessions by month, and the share of sessions that bought by month, by
 * visitor type and by traffic source, each bar's tooltip with the
 * sessions behind it (mc-sessions.h computes the figures).
 */
#define G_LOG_DOMAIN "mc-standard-charts"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "mc-standard-charts-private.h"

static gboolean
has_groups (GArray *groups)
{
  return groups != NULL && groups->len > 0;
}

gboolean
_mc_chart_data_has_session_months (McChartData *data)
{
  return data->sessions != NULL && has_groups (data->sessions->by_month);
}

gboolean
_mc_chart_data_has_visitor_types (McChartData *data)
{
  return data->sessions != NULL && has_groups (data->sessions->by_visitor_type);
}

gboolean
_mc_chart_data_has_traffic_sources (McChartData *data)
{
  return data->sessions != NULL && has_groups (data->sessions->by_traffic_source);
}

/* GROUPS as bars: each group's share of sessions that bought (COUNTED
 * FALSE) with the sessions that bought in the tooltip, or its sessions
 * (COUNTED TRUE). */
static McChart *
groups_chart (GArray     *groups,
              const char *title,
              const char *subtitle,
              gboolean    counted)
{
  g_autofree const char **keys = g_new (const char *, groups->len);
  g_autofree double *values = g_new (double, groups->len);
  g_autofree double *converted = g_new (double, groups->len);
  McChart *chart = mc_chart_new_titled (MC_CHART_BAR, title, subtitle);

  for (guint g = 0; g < groups->len; g++)
    {
      const McSessionGroup *group = &g_array_index (groups, McSessionGroup, g);

      keys[g] = group->key;
      values[g] = counted ? (double) group->figures.sessions : group->figures.conversion_rate;
      converted[g] = (double) group->figures.converted;
    }
  mc_chart_set_categories (chart, keys, groups->len);
  if (counted)
    {
      mc_chart_add_series (chart, _("Sessions"), NULL, values, groups->len);
      mc_chart_set_formats (chart, MC_VALUE_NUMBER, MC_VALUE_COUNT);
      mc_chart_set_unit (chart, _("sessions"));
      return chart;
    }
  mc_chart_add_series (chart, _("Sessions that bought"), NULL, values, groups->len);
  mc_chart_set_formats (chart, MC_VALUE_NUMBER, MC_VALUE_PERCENT);
  mc_chart_set_counts (chart, 0, converted);
  mc_chart_set_unit (chart, _("sessions bought"));
  return chart;
}

McChart *
_mc_chart_build_sessions_by_month (McChartData *data)
{
  return groups_chart (data->sessions->by_month, _("Sessions by month"),
                       _("How many sessions each month of the data had"), TRUE);
}

McChart *
_mc_chart_build_conversion_by_month (McChartData *data)
{
  return groups_chart (data->sessions->by_month, _("Conversion by month"),
                       _("Share of each month's sessions that ended in a purchase"), FALSE);
}

McChart *
_mc_chart_build_conversion_by_visitor (McChartData *data)
{
  McChart *chart = groups_chart (data->sessions->by_visitor_type, _("Conversion by visitor type"),
                                 _("Share of each kind of visitor's sessions that ended in a purchase"), FALSE);

  mc_chart_set_horizontal (chart, TRUE);
  return chart;
}

McChart *
_mc_chart_build_conversion_by_traffic (McChartData *data)
{
  return groups_chart (data->sessions->by_traffic_source, _("Conversion by traffic source"),
                       _("Share of the sessions from each source that ended in a purchase"), FALSE);
}

/* The group of GROUPS with the most sessions (MOST_SESSIONS) or the
 * highest conversion among those with at least a hundredth of the
 * sessions, so that a source of three sessions does not win. */
static const McSessionGroup *
top_group (GArray   *groups,
           gboolean  most_sessions)
{
  const McSessionGroup *top = NULL;
  gsize total = 0;

  for (guint g = 0; g < groups->len; g++)
    total += g_array_index (groups, McSessionGroup, g).figures.sessions;
  for (guint g = 0; g < groups->len; g++)
    {
      const McSessionGroup *group = &g_array_index (groups, McSessionGroup, g);

      if (most_sessions ? top == NULL || group->figures.sessions > top->figures.sessions
                        : group->figures.sessions * 100 >= total
                          && (top == NULL || group->figures.conversion_rate > top->figures.conversion_rate))
        top = group;
    }
  return top;
}

static char *
conversion_finding (GArray     *groups,
                    const char *format)
{
  const McSessionGroup *top = top_group (groups, FALSE);
  g_autofree char *sessions = NULL;

  if (top == NULL)
    return NULL;
  sessions = mc_format_count (top->figures.sessions);
  return g_strdup_printf (format, top->key, 100 * top->figures.conversion_rate, sessions);
}

char *
_mc_chart_find_sessions_by_month (McChartData *data)
{
  const McSessionGroup *top = top_group (data->sessions->by_month, TRUE);
  g_autofree char *sessions = mc_format_count (top->figures.sessions);

  return g_strdup_printf (_("%s had the most sessions: %s."), top->key, sessions);
}

char *
_mc_chart_find_conversion_by_month (McChartData *data)
{
  /* Translators: a month as the data names it, a percentage, a number of sessions. */
  return conversion_finding (data->sessions->by_month, _("%s converted best: %.1f %% of its %s sessions bought."));
}

char *
_mc_chart_find_conversion_by_visitor (McChartData *data)
{
  /* Translators: a visitor type as the data names it, a percentage, a number of sessions. */
  return conversion_finding (data->sessions->by_visitor_type,
                             _("%s visitors converted best: %.1f %% of their %s sessions bought."));
}

char *
_mc_chart_find_conversion_by_traffic (McChartData *data)
{
  /* Translators: a traffic source as the data names it, a percentage, a number of sessions. */
  return conversion_finding (data->sessions->by_traffic_source,
                             _("Traffic source %s converted best: %.1f %% of its %s sessions bought."));
}
