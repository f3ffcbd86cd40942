/* mc-purchase-selection.h: the purchases a filter keeps, as the analysis reads them
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-dataset.h"
#include "mc-query.h"

G_BEGIN_DECLS

/* The rows at ROWS (N_ROWS of them, ascending, rows of
 * mc_model_find_purchases()) of DATASET's purchases, or every one when
 * ROWS is NULL, as a table of their own: the purchases' columns (shared
 * for every row, gathered otherwise) and the columns of the tables they
 * refer to that the figures and charts read (the list price, name and
 * type of what was bought, the currency and segment of who bought it,
 * when the purchases have none), looked up through
 * their relations once per dataset. NULL without purchases. */
McTable      *mc_purchase_selection_new   (McDataset    *dataset,
                                           const gsize  *rows,
                                           gsize         n_rows);

/* The codes of the customer or order (ROLE) of DATASET's purchases, of
 * every row, worked out once per dataset (borrowed); NULL without one. */
const McKeyCodes *mc_purchase_codes         (McDataset    *dataset,
                                             McRole        role);
/* The codes of SELECTION's customers or orders (ROLE): the whole
 * purchases' at its rows, with their labels (some of which may have no
 * row here), so no id is hashed again for a filter. Clear CODES with
 * mc_key_codes_clear(); FALSE, CODES untouched, without such a column. */
gboolean      mc_purchase_selection_codes (McTable      *selection,
                                           McRole        role,
                                           McKeyCodes   *codes);

/* The codes of SELECTION's customers (those mc_purchase_selection_codes()
 * gives) in the order of their ids' text (strcmp), worked out once per
 * dataset; NULL for a table that is no selection. */
const GArray *mc_purchase_selection_customer_order (McTable *selection);

G_END_DECLS
