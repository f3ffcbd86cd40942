/* mc-rfm-sql.h: recency, frequency and monetary value aggregated on a database's server
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One GROUP BY customer over the model's purchases (mc-server-run.h):
 * one row per customer, with the last purchase day, the orders and the
 * money, and the purchases' last day. The scores are then worked out by
 * the column store's code (mc_rfm_finish()).
 */
#pragma once

#include "mc-purchases-query.h"
#include "mc-rfm.h"

G_BEGIN_DECLS

/* The RFM of QUERY's purchases (its filters as WHERE clauses) on or
 * before AT (G_MININT32: the last purchase day), as mc_rfm_compute_for()
 * gives it; NULL with ERROR when the purchases have no customer or
 * time, none is on or before AT, or the server fails. */
GArray       *mc_rfm_sql_compute_query    (McPurchasesQuery  *query,
                                           gint32             at,
                                           gint32            *reference_day,
                                           GCancellable      *cancellable,
                                           GError           **error);
/* DATASET's, as McRfmPushDown: NULL when it is no database's. */
GArray       *mc_rfm_sql_compute          (McDataset         *dataset,
                                           gint32             at,
                                           gint32            *reference_day,
                                           GCancellable      *cancellable,
                                           char             **not_pushed_down);

G_END_DECLS
