/* mc-pg-table.h: a table read from a database, as it is on the server
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where a table came from, for queries that run there (the pushed-down
 * figures, mc-metrics-sql.c), and its rows a page at a time in key
 * order (keyset pagination: WHERE key > last ORDER BY key LIMIT n, an
 * index scan however deep the page, where OFFSET would read every row
 * before it).
 */
#pragma once

#include "mc-pg-connection.h"
#include "mc-table.h"

G_BEGIN_DECLS

typedef struct
{
  char       *conninfo;  /* as given, to connect again */
  char       *schema;
  char       *table;
  GHashTable *types;     /* column name → the server's type (a domain's base type): "int4", "text" */
  double      rows;      /* the catalogue's estimate, -1 when never analysed */
  gboolean    sampled;   /* only a sample of the rows was read (TABLESAMPLE) */
} McPgOrigin;

/* Sets where TABLE is on the server (takes ORIGIN). */
void          mc_pg_table_set_origin      (McTable             *table,
                                           McPgOrigin          *origin);
/* NULL when TABLE was not read from a database. */
const McPgOrigin *mc_pg_table_get_origin  (McTable             *table);

/* At most LIMIT rows of ORIGIN's table whose KEY_COLUMN is after AFTER
 * (NULL: from the first), in key order; each row a GPtrArray of its
 * columns' text (NULL where NULL), in the table's column order.
 * LAST_KEY receives the last row's key, for the next page (NULL when
 * the page is empty). */
GPtrArray    *mc_pg_table_read_page       (const McPgOrigin    *origin,
                                           const char          *key_column,
                                           const char          *after,
                                           guint                limit,
                                           char               **last_key,
                                           GCancellable        *cancellable,
                                           GError             **error);

G_END_DECLS
