/* mc-pg-page.h: a table's rows a page at a time, in any column's order
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Keyset pagination for the Tables page: rows ordered by a column and
 * then by the table's key, each page starting after the last row of the
 * one before (WHERE (column, key) > (last column value, last key)), so
 * that a deep page costs what the first one does, where OFFSET would
 * read every row before it. Values travel as parameters, cast to the
 * column's own type on the server.
 */
#pragma once

#include "mc-pg-table.h"

G_BEGIN_DECLS

typedef struct
{
  char     *key_column;   /* the table's primary or a unique key */
  char     *sort_column;  /* NULL: by the key alone */
  gboolean  descending;
  /* Where the next page starts: the last row's values, as text. */
  gboolean  started;
  char     *last_sort;    /* NULL where the last row had none (NULLs come last) */
  char     *last_key;
  /* A search: rows where the text of one of these columns holds it. */
  GStrv     search_columns;
  char     *search_pattern;  /* ILIKE's: %text% with \, % and _ escaped */
  gint64    n_matches;       /* counted with the first page; -1 before */
} McPgPager;

McPgPager    *mc_pg_pager_new             (const char        *key_column,
                                           const char        *sort_column,
                                           gboolean           descending);
void          mc_pg_pager_free            (McPgPager         *self);
/* Pages only the rows where the text of one of COLUMNS holds TEXT, in
 * any case (ILIKE, TEXT a parameter with its wildcards escaped); the
 * first page counts them all into n_matches. Before the first page. */
void          mc_pg_pager_set_search      (McPgPager         *self,
                                           const char * const *columns,
                                           const char        *text);
/* The next LIMIT rows of ORIGIN's table in SELF's order, each a GStrv of
 * its columns' text (NULL where NULL, so each row is a GPtrArray), and
 * moves SELF past them. An empty array: no rows are left. */
GPtrArray    *mc_pg_pager_next            (McPgPager         *self,
                                           const McPgOrigin  *origin,
                                           guint              limit,
                                           GCancellable      *cancellable,
                                           GError           **error);
/* The SQL mc_pg_pager_next() sends, for tests and the debug log. */
char         *mc_pg_pager_get_sql         (McPgPager         *self,
                                           McPgConnection    *connection,
                                           const McPgOrigin  *origin);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McPgPager, mc_pg_pager_free)

G_END_DECLS
