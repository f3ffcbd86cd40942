/* mc-tables-page-private.h: what the Tables page's files share, and what the tests look at
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mc-tables-page.c has the tables, their rows, searching and sorting;
 * mc-tables-page-columns.c what the page says of a column.
 */
#pragma once

#include "mc-tables-page.h"

G_BEGIN_DECLS

GtkListBox    *_mc_tables_page_get_table_list (McTablesPage *self);
GtkColumnView *_mc_tables_page_get_rows_view  (McTablesPage *self);
/* What the page says above the rows of a database's table when a page
 * of them did not come, or NULL. */
const char    *_mc_tables_page_get_rows_error (McTablesPage *self);
GtkEditable   *_mc_tables_page_get_search_entry (McTablesPage *self);
/* "12 rows match" beside the search entry, or NULL when not shown. */
const char    *_mc_tables_page_get_search_count (McTablesPage *self);

/* mc-tables-page-columns.c */
GtkWidget     *_mc_tables_page_column_row_new      (McColumn     *column);
/* The relations of DATASET that TABLE takes part in. */
GtkWidget     *_mc_tables_page_relations_group_new (McDataset    *dataset,
                                                    McTable      *table);
/* What a column holds: its type and role, its gaps, its range. */
GStrv          _mc_tables_page_column_facts        (McColumn     *column);
/* The header menu of COLUMN (at INDEX in TABLE of DATASET). */
GMenuModel    *_mc_tables_page_column_menu         (McDataset    *dataset,
                                                    McTable      *table,
                                                    McColumn     *column,
                                                    int           index);

G_END_DECLS
