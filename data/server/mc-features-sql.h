/* mc-features-sql.h: the per-customer numbers of segmentation, aggregated on a database's server
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What segments/mc-features.c adds up per customer in memory — RFM,
 * tenure, discount, reviews, the share of each platform and product
 * type, visits, their types and durations — as one GROUP BY customer
 * query over the model's purchases (mc-purchases-sql.h) and the tables
 * of reviews and visits; only one row per customer comes back, at most
 * MC_FEATURES_SQL_MAX_CUSTOMERS of them. segments/ finishes them as its
 * own (names, descriptions, medians for gaps).
 */
#pragma once

#include "mc-dataset.h"

G_BEGIN_DECLS

/* More customers than this are not fetched: the error says how many
 * there are and what to do. */
#define MC_FEATURES_SQL_MAX_CUSTOMERS 2000000

/* An McFeaturesPushDown: one row per customer who bought, sorted by id,
 * as a table whose first column is the customer id and whose others are
 * the raw figures (NAN where none), named as segments/ reads them:
 * "recency", "frequency", "monetary", "tenure", "discount_rate",
 * "mean_review", "visits", "visits_per_purchase", "mean_visit_minutes",
 * "days_to_first_purchase", and "platform:LABEL", "product:LABEL",
 * "visit_type:LABEL" for the shares and counts of the most common
 * values ("other" for the rest). NULL without ERROR when DATASET's
 * purchases are not a database's or cannot be described to it (they
 * are then computed in memory); NULL with ERROR when the server failed
 * or has too many customers (MC_PG_ERROR_TOO_LARGE). */
McTable      *mc_features_sql_compute     (McDataset     *dataset,
                                           GCancellable  *cancellable,
                                           GError       **error);
/* For tests: the cap instead of MC_FEATURES_SQL_MAX_CUSTOMERS (0: that). */
void          mc_features_sql_set_max_customers (guint    max_customers);

G_END_DECLS
