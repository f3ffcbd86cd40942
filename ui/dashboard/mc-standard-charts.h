/* mc-standard-charts.h: the charts every dataset gets, chosen by roles
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same list serves the app's dashboard, `mercato-cli chart` and the
 * PDF report; each chart comes with a one-line finding for reports.
 */
#pragma once

#include "mc-analysis.h"
#include "mc-chart.h"
#include "mc-dataset.h"
#include "mc-metrics.h"
#include "mc-platforms.h"
#include "mc-query.h"

G_BEGIN_DECLS

typedef struct _McChartData McChartData;

typedef struct
{
  const char *name;         /* "sales-trend" */
  const char *description;  /* "Revenue by month, per platform" */
} McChartInfo;

/* Works out what the charts need (metrics, patterns, RFM…) from
 * DATASET, which must outlive it; slow on large data: call it on a
 * worker thread. */
McChartData  *mc_chart_data_new          (McDataset          *dataset);
/* The charts of ANALYSIS (mc_analysis_new() of DATASET, a filter; it
 * must outlive the data). */
McChartData  *mc_chart_data_new_for      (McDataset          *dataset,
                                          const McAnalysis   *analysis);
void          mc_chart_data_free         (McChartData        *data);
/* The charts this dataset's roles allow, in the order a report shows
 * them. */
GArray       *mc_chart_data_list         (McChartData        *data);
/* NULL, with ERROR set, for a name not on the list. */
McChart      *mc_chart_data_build        (McChartData        *data,
                                          const char         *name,
                                          GError            **error);
/* A sentence saying what the chart shows, for the report. */
char         *mc_chart_data_finding      (McChartData        *data,
                                          const char         *name);

/* How one column's values are spread: a histogram of numbers, counts by
 * month of dates, the most frequent values of text; NULL for a column
 * whose values are all different (an identifier). */
McChart      *mc_chart_for_column        (McColumn           *column);

/* A condition on the purchases a chart's mark stands for: "platform is
 * Website", "month is 2023-05", "weekday is Monday". */
typedef McPurchasesCondition McChartCondition;

/* The conditions a click on a mark of chart NAME (built from DATA) sets,
 * or NULL when that chart's marks are not filters. */
GPtrArray    *mc_chart_data_conditions   (McChartData        *data,
                                          const char         *name,
                                          McChart            *chart,
                                          int                 series,
                                          int                 index,
                                          int                 row);
/* The rows of DATA's purchases (ascending) that meet every condition,
 * N_ROWS of them: a selection for mc_analysis_new(). */
gsize        *mc_chart_data_select       (McChartData        *data,
                                          GPtrArray          *conditions,
                                          gsize              *n_rows,
                                          GError            **error);
/* DATA's dataset with only the purchases that meet every condition; on
 * a worker thread for large data. */
McDataset    *mc_chart_data_filter       (McChartData        *data,
                                          GPtrArray          *conditions,
                                          GError            **error);
/* "Website · 2023-05" */
char         *mc_chart_conditions_describe (GPtrArray        *conditions);

/* What the charts were built from, for reports: NULL when the dataset
 * has no purchases. */
McMetrics    *mc_chart_data_get_metrics  (McChartData        *data);
McPlatformAnalysis *mc_chart_data_get_platforms (McChartData *data);
/* McRfmRow, as of the last purchase day, or NULL. */
GArray       *mc_chart_data_get_rfm      (McChartData        *data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McChartData, mc_chart_data_free)

G_END_DECLS
