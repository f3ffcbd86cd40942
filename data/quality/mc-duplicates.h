/* mc-duplicates.h: rows and values that repeat earlier ones
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-table.h"

G_BEGIN_DECLS

/* For each row of TABLE, the first earlier row equal to it in every
 * column, or -1. */
gssize       *mc_duplicates_find_rows     (McTable      *table);
/* For each row of COLUMN, the first earlier row with the same value, or
 * -1; missing cells count as one value, so callers skip them. */
gssize       *mc_duplicates_find_values   (McColumn     *column);
/* The form two spellings of one value share: trimmed, case-folded, NFC. */
char         *mc_duplicates_spelling_key  (const char   *text);

G_END_DECLS
