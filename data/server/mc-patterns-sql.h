/* mc-patterns-sql.h: trends, cohorts and repeat orders counted on a database's server
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The purchases made orders on the server (rows of one order id merged,
 * at their first time; a row without one an order of its own), then
 * GROUP BY queries over them (mc-server-run.h): orders and revenue per
 * month with new and returning customers, per cohort and month after,
 * per weekday and hour; customers, repeat customers and the days between
 * orders (mean and quartiles); and, when the visits have customer ids,
 * each buyer's first order. Only those rows come back; the moving
 * averages, changes over a year, retention shares and the visit funnel
 * are the column store's code (mc_patterns_finish(),
 * mc_patterns_add_visits()).
 */
#pragma once

#include "mc-patterns.h"
#include "mc-purchases-query.h"

G_BEGIN_DECLS

/* The patterns of QUERY's purchases (its filters as WHERE clauses), the
 * visits DATASET's; NULL with ERROR when the purchases have no customer
 * or time or the server fails, NULL without an error when no purchase
 * has a customer, a time and an amount (the column store says so).
 * The visit patterns and the funnel are counted on the server too; when
 * they cannot be, in memory, and VISITS_IN_MEMORY (may be NULL: then it
 * is logged) says why. */
McPatterns   *mc_patterns_sql_compute_query (McDataset         *dataset,
                                             McPurchasesQuery  *query,
                                             GCancellable      *cancellable,
                                             char             **visits_in_memory,
                                             GError           **error);
/* DATASET's, as McPatternsPushDown: NULL when it is no database's. */
McPatterns   *mc_patterns_sql_compute       (McDataset         *dataset,
                                             GCancellable      *cancellable,
                                             char             **not_pushed_down);

G_END_DECLS
