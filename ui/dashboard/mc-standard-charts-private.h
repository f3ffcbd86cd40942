/* mc-standard-charts-private.h: what the files of the standard charts
 * share
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mc-standard-charts.c is the catalogue and the sales charts;
 * mc-customer-charts.c the charts of customers and visits;
 * mc-column-charts.c a column's spread; mc-chart-filter.c what a
 * click on a mark filters.
 */
#pragma once

#include "mc-analysis.h"
#include "mc-patterns.h"
#include "mc-rankings.h"
#include "mc-rfm.h"
#include "mc-standard-charts.h"
#include "mc-value-parse.h"

G_BEGIN_DECLS

/* Top lists and a text column's values show this many. */
#define TOP 10

/* RFM movement compares customers' segments this many days apart. */
#define MC_CHART_MOVEMENT_DAYS MC_ANALYSIS_MOVEMENT_DAYS

struct _McChartData
{
  McDataset          *dataset;
  McTable            *purchases;
  /* Borrowed from the dataset's one analysis (mc-analysis.h). */
  McMetrics          *metrics;
  McPatterns         *patterns;
  McPlatformAnalysis *platforms;
  GArray             *rfm;         /* McRfmRow, as of the last day */
  GArray             *rfm_before;  /* … and MC_CHART_MOVEMENT_DAYS before */
  gint32              reference_day;
  McTimeBucket        trend_bucket;  /* the analysis' */
  McSessions         *sessions;      /* borrowed: sessions with a converted flag, or NULL */
};

/* The first day of a "2023-05" month label. */
double    _mc_chart_month_start               (const char    *label);
McChart  *_mc_chart_histogram_of              (McColumn      *column,
                                               const char    *title,
                                               const char    *subtitle,
                                               McValueFormat  format,
                                               const char    *counted);
gboolean  _mc_chart_data_has_role             (McChartData   *data,
                                               McRole         role);
/* NAME is on DATA's list. */
gboolean  _mc_chart_data_has_chart            (McChartData   *data,
                                               const char    *name);

/* mc-customer-charts.c */
McChart  *_mc_chart_build_rfm_segments        (McChartData   *data);
char     *_mc_chart_find_rfm_segments         (McChartData   *data);
McChart  *_mc_chart_build_rfm_movement        (McChartData   *data);
char     *_mc_chart_find_rfm_movement         (McChartData   *data);
McChart  *_mc_chart_build_cohorts             (McChartData   *data);
char     *_mc_chart_find_cohorts              (McChartData   *data);
McChart  *_mc_chart_build_funnel              (McChartData   *data);
char     *_mc_chart_find_funnel               (McChartData   *data);
McChart  *_mc_chart_build_visits_per_customer (McChartData   *data);
char     *_mc_chart_find_visits_per_customer  (McChartData   *data);

/* mc-session-charts.c */
gboolean  _mc_chart_data_has_session_months   (McChartData   *data);
gboolean  _mc_chart_data_has_visitor_types     (McChartData   *data);
gboolean  _mc_chart_data_has_traffic_sources   (McChartData   *data);
McChart  *_mc_chart_build_sessions_by_month    (McChartData   *data);
char     *_mc_chart_find_sessions_by_month     (McChartData   *data);
McChart  *_mc_chart_build_conversion_by_month  (McChartData   *data);
char     *_mc_chart_find_conversion_by_month   (McChartData   *data);
McChart  *_mc_chart_build_conversion_by_visitor (McChartData  *data);
char     *_mc_chart_find_conversion_by_visitor  (McChartData  *data);
McChart  *_mc_chart_build_conversion_by_traffic (McChartData  *data);
char     *_mc_chart_find_conversion_by_traffic  (McChartData  *data);

G_END_DECLS
