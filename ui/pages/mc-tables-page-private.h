/* mc-tables-page-private.h: what the tests look at in the Tables page
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-tables-page.h"

G_BEGIN_DECLS

GtkListBox    *_mc_tables_page_get_table_list (McTablesPage *self);
GtkColumnView *_mc_tables_page_get_rows_view  (McTablesPage *self);

G_END_DECLS
