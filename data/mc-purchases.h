/* mc-purchases.h: the purchases of a dataset, whatever its shape
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Private to the data layer: McDataset calls it once and keeps the
 * result (mc_dataset_find_purchases()).
 */
#pragma once

#include "mc-dataset.h"

G_BEGIN_DECLS

/* "failed", "Cancelled", "refunded" … : an order that brought no money. */
gboolean  mc_status_is_failure   (const char  *status);

/* A table of purchases made for analyses, or NULL when TABLE (the first
 * with a customer, a time and an amount; NULL when none has all three)
 * can be used as it is:
 * - when orders carry the customer and time but the amounts come from
 *   line items × product prices, one row per line item with the order's
 *   columns and an amount column;
 * - when a status column says some orders failed, the same table with
 *   those amounts missing, so they count for nothing.
 * RELATIONS receives the McRelations from the new table, copied from
 * those of the tables it was made of. */
McTable  *mc_purchases_derive    (McDataset   *dataset,
                                  McTable     *table,
                                  GArray      *relations);

G_END_DECLS
