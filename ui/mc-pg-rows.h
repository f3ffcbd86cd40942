/* mc-pg-rows.h: a database table's rows, fetched a page at a time as they are scrolled to
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "mc-table.h"

G_BEGIN_DECLS

#define MC_TYPE_PG_ROWS (mc_pg_rows_get_type ())

G_DECLARE_FINAL_TYPE (McPgRows, mc_pg_rows, MC, PG_ROWS, GObject)

/* TABLE's rows on its server, ordered by SORT_COLUMN (−1: by the key)
 * and then by its key; NULL when TABLE was not read from a database or
 * has no key to page by. Items are GtkStringLists of a row's cells (""
 * where NULL) and come a page at a time: the first at once, the next
 * when mc_pg_rows_load_more() is called. */
McPgRows           *mc_pg_rows_new              (McTable            *table,
                                                 int                 sort_column,
                                                 gboolean            descending);
/* The same, only the rows where the text of a column shown on the
 * Tables page holds SEARCH (in any case; NULL or "": every row),
 * searched on the server, which counts them (mc_pg_rows_get_n_matches()). */
McPgRows           *mc_pg_rows_new_search       (McTable            *table,
                                                 int                 sort_column,
                                                 gboolean            descending,
                                                 const char         *search);
McTable            *mc_pg_rows_get_table        (McPgRows           *self);
int                 mc_pg_rows_get_sort_column  (McPgRows           *self,
                                                 gboolean           *descending);
/* NULL when every row is paged. */
const char         *mc_pg_rows_get_search       (McPgRows           *self);
/* How many rows the search finds, as the server counted them with the
 * first page; -1 before it came, or without a search ("n-matches"). */
gint64              mc_pg_rows_get_n_matches    (McPgRows           *self);
/* Fetches the next page on a worker, unless one is on its way or every
 * row is there. */
void                mc_pg_rows_load_more        (McPgRows           *self);
gboolean            mc_pg_rows_get_loading      (McPgRows           *self);
gboolean            mc_pg_rows_get_complete     (McPgRows           *self);
guint               mc_pg_rows_get_n_pages      (McPgRows           *self);
/* What the last page's query failed with, or NULL (the rows read
 * before it stay; "error-message" is notified). */
const GError       *mc_pg_rows_get_error        (McPgRows           *self);
/* After an error: asks for the page again. */
void                mc_pg_rows_retry            (McPgRows           *self);
/* Stops the page on its way, on the server too; no more pages come. */
void                mc_pg_rows_cancel           (McPgRows           *self);
/* A list item factory's "bind": shows cell COLUMN (GUINT_TO_POINTER)
 * of ITEM's row in ITEM's label. */
void                mc_pg_rows_bind_cell_cb     (GtkSignalListItemFactory *factory,
                                                 GtkListItem        *item,
                                                 gpointer            column);

G_END_DECLS
