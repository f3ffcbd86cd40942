/* mc-analysis-sql.h: a filter's analysis computed on a database's server
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A cross-filter on a database's dataset (a chart's mark: a platform, a
 * product type, a month) is the model's description of the purchases
 * with its conditions as WHERE clauses (mc_purchases_query_add_conditions()).
 * The filter's sales figures, platform × type, RFM (as of its last day
 * and MC_ANALYSIS_MOVEMENT_DAYS before) and patterns are each computed
 * there (mc-metrics-sql.h, mc-platforms-sql.h, mc-rfm-sql.h,
 * mc-patterns-sql.h); only the visit figures are counted in memory, from
 * the filter's rows. Installed by the loader as McAnalysisPushDown.
 */
#pragma once

#include "mc-analysis.h"

G_BEGIN_DECLS

/* Fills ANALYSIS (its purchases set, the filter's rows) with QUERY's
 * figures from the server; FALSE without ERROR when DATASET is no
 * database's or push-down is off, FALSE with ERROR when the sales
 * figures cannot be computed there (a condition SQL cannot say, the
 * server's error): nothing is filled then. A later piece the server
 * fails is computed in memory, the metrics' warnings saying why. */
gboolean      mc_analysis_sql_compute_query (McDataset         *dataset,
                                             McPurchasesQuery  *query,
                                             McAnalysis        *analysis,
                                             GCancellable      *cancellable,
                                             GError           **error);
/* DATASET's purchases filtered to CONDITIONS (McPurchasesCondition *, a
 * chart's mark's), for mc_analysis_new_for_query(); NULL when DATASET
 * is no database's or push-down is off. A condition SQL cannot say is
 * in the description's not_expressible: the figures then come from
 * memory, saying why. */
McPurchasesQuery *mc_analysis_sql_filter_query (McDataset      *dataset,
                                                GPtrArray      *conditions);

G_END_DECLS
