/* mc-platforms-sql.h: product type × platform counted on a database's server
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One GROUP BY over the model's purchases (mc-server-run.h), with two
 * grouping sets: the cells of type × platform (rows, revenue) and each
 * platform's sales and reviews. Only those rows come back; the
 * chi-square test, the correlations and the findings are then worked
 * out by the column store's code (mc_crosstab_finish(),
 * mc_platform_analysis_finish()).
 */
#pragma once

#include "mc-platforms.h"
#include "mc-purchases-query.h"

G_BEGIN_DECLS

/* The analysis of QUERY's purchases (its filters as WHERE clauses) on
 * the server its source came from; NULL with ERROR when the purchases
 * have no platform or product type, or the server fails. */
McPlatformAnalysis *mc_platforms_sql_compute_query (McPurchasesQuery  *query,
                                                    GCancellable      *cancellable,
                                                    GError           **error);
/* DATASET's, as McPlatformsPushDown: NULL when it is no database's. */
McPlatformAnalysis *mc_platforms_sql_compute       (McDataset         *dataset,
                                                    GCancellable      *cancellable,
                                                    char             **not_pushed_down);

G_END_DECLS
