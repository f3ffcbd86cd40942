/* mc-analysis.h: everything worked out from a dataset's model, once
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-dataset.h"
#include "mc-metrics.h"
#include "mc-patterns.h"
#include "mc-progress.h"
#include "mc-platforms.h"
#include "mc-purchase-selection.h"
#include "mc-purchases-query.h"
#include "mc-rfm.h"
#include "mc-sessions.h"

G_BEGIN_DECLS

/* What the Overview, the charts, the report and mercato-cli read; each
 * member NULL when the data cannot give it. Owned by the dataset. */
typedef struct
{
  McMetrics          *metrics;
  McPatterns         *patterns;
  McPlatformAnalysis *platforms;
  GArray             *rfm;            /* McRfmRow, as of the last purchase day */
  GArray             *rfm_before;     /* … and MC_ANALYSIS_MOVEMENT_DAYS before it, or NULL */
  McSessions         *sessions;       /* sessions with a converted flag (web analytics) */
  gint32              reference_day;
  McTable            *purchases;      /* the purchases the figures are of (mc_purchase_selection_new()) */
  McTimeBucket        trend_bucket;   /* what trends over time are counted by: days over a span of two
                                       * months or less (a filter to one month), months otherwise */
} McAnalysis;

/* How far back RFM is worked out again, to show how customers moved. */
#define MC_ANALYSIS_MOVEMENT_DAYS 91

/* Trends over a span of this many days or fewer are counted by day. */
#define MC_ANALYSIS_DAILY_SPAN_DAYS 62

/* The analysis of the purchases at ROWS (N_ROWS of them, ascending rows
 * of mc_model_find_purchases()) of DATASET, or of every purchase when
 * ROWS is NULL: a filter. Every figure is of those rows only; what does
 * not depend on them (the visits' codes) is worked out once per dataset.
 * The pieces are computed on two threads. Free with mc_analysis_free(). */
McAnalysis       *mc_analysis_new         (McDataset    *dataset,
                                           const gsize  *rows,
                                           gsize         n_rows);
/* mc_analysis_new() on a worker that a newer filter may supersede:
 * PROGRESS after the visits and at the end, CANCELLABLE checked between
 * the pieces; NULL with G_IO_ERROR_CANCELLED when cancelled, nothing
 * half made kept. */
McAnalysis       *mc_analysis_new_full    (McDataset      *dataset,
                                           const gsize    *rows,
                                           gsize           n_rows,
                                           McProgressFunc  progress,
                                           gpointer        user_data,
                                           GCancellable   *cancellable,
                                           GError        **error);
/* mc_analysis_new_full() of a filter that QUERY also describes (the
 * purchases at ROWS, as mc_purchases_query_add_conditions() says them):
 * for a database's dataset the metrics, platforms, RFM and patterns are
 * computed on its server with QUERY's filters as WHERE clauses, through
 * the push-down below; from ROWS in memory when QUERY is NULL, when the
 * dataset is no database's or when a condition cannot be said in SQL
 * (the metrics' warnings then say why). */
McAnalysis       *mc_analysis_new_for_query (McDataset        *dataset,
                                             McPurchasesQuery *query,
                                             const gsize      *rows,
                                             gsize             n_rows,
                                             McProgressFunc    progress,
                                             gpointer          user_data,
                                             GCancellable     *cancellable,
                                             GError          **error);
/* A second executor of a filter's analysis, for datasets whose rows live
 * on a database server (data/server/mc-analysis-sql.c, installed by the
 * loader): fills ANALYSIS's metrics, patterns, platforms and RFM (its
 * purchases, the filter's rows, are set) with the figures of QUERY's
 * purchases. FALSE, nothing filled, when they cannot be computed there:
 * with ERROR saying why, or without one when nothing needs saying (no
 * database, push-down off). It sits above analysis/, which calls it
 * through this hook. */
typedef gboolean (*McAnalysisPushDown) (McDataset         *dataset,
                                        McPurchasesQuery  *query,
                                        McAnalysis        *analysis,
                                        GCancellable      *cancellable,
                                        GError           **error);
void              mc_analysis_set_push_down (McAnalysisPushDown push_down);
void              mc_analysis_free        (McAnalysis   *analysis);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McAnalysis, mc_analysis_free)

/* The analysis of every purchase of DATASET (of a filtered dataset: of
 * its rows), mc_analysis_new()'s, worked out on the first call — slow on
 * large data, so call it first on a worker thread — and the same on
 * every later one. */
const McAnalysis *mc_analysis_for_dataset (McDataset *dataset);
/* Works it out now, on this thread, with progress and cancellation:
 * FALSE with G_IO_ERROR_CANCELLED, and no analysis kept, when cancelled. */
gboolean          mc_analysis_compute_for_dataset (McDataset      *dataset,
                                                   McProgressFunc  progress,
                                                   gpointer        user_data,
                                                   GCancellable   *cancellable,
                                                   GError        **error);

G_END_DECLS
