/* mc-metrics-sql.h: the sales figures computed on a database's server
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The second executor of the model's purchases (mc-purchases-query.h):
 * the description compiled to SQL (mc-purchases-sql.h), one aggregate
 * query per grouping of the Overview — overall, by platform, month,
 * product type and currency — plus one for the span of the purchase
 * days; only those rows come back. The figures are then finished as
 * the column store's are (mc_sales_metrics_finish), so both executors
 * give the same numbers. The visit figures are counted there too
 * (mc-visits-sql.h), in memory only when they cannot be.
 */
#pragma once

#include "mc-metrics.h"
#include "mc-purchases-query.h"

G_BEGIN_DECLS

/* Whether DATASET's figures may be computed on its server (the default
 * for a database); FALSE computes them in memory. */
void          mc_metrics_sql_set_enabled  (McDataset        *dataset,
                                           gboolean          enabled);
/* The metrics computed on the server; NULL when DATASET does not come
 * from a database, push-down is off, or a figure cannot be computed
 * there: NOT_PUSHED_DOWN (may be NULL) then says why, as a warning for
 * the figures computed in memory instead (NULL when nothing needs
 * saying). CANCELLABLE stops the running query on the server. */
McMetrics    *mc_metrics_sql_compute      (McDataset        *dataset,
                                           GCancellable     *cancellable,
                                           char            **not_pushed_down);
/* The metrics of QUERY's purchases (its filters as WHERE clauses) on
 * the server the source table came from; CANCELLABLE stops the running
 * query there (PQcancel). */
McMetrics    *mc_metrics_sql_compute_query (McDataset       *dataset,
                                           McPurchasesQuery *query,
                                           GCancellable     *cancellable,
                                           GError          **error);
/* The visit figures of METRICS, conversion of QUERY's buyers, on the
 * server; in memory with PURCHASES (a selection; NULL: all) as the
 * buyers, and a warning saying why, when they cannot be. */
void          mc_metrics_sql_add_visits   (McMetrics        *metrics,
                                           McDataset        *dataset,
                                           McPurchasesQuery *query,
                                           McTable          *purchases,
                                           GCancellable     *cancellable);

G_END_DECLS
