/* mc-pg-source.h: a PostgreSQL database read as the tables of a dataset
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-csv-reader.h"
#include "mc-pg-connection.h"
#include "mc-pg-table.h"

G_BEGIN_DECLS

/* A key the database's catalogue declares, with the tables it joins. */
typedef struct
{
  McTable *from_table;   /* owned by the array of tables returned */
  guint    from_column;
  McTable *to_table;
  guint    to_column;
} McPgForeignKey;

/* Whether PATH names a database rather than a file: a postgresql:// or
 * postgres:// URI, or a libpq conninfo with a service name. */
gboolean      mc_pg_is_conninfo           (const char          *path);
/* The database CONNINFO names, for titles; NULL when it names none
 * (libpq then uses the user's name) or does not parse. */
char         *mc_pg_get_database_name     (const char          *conninfo);
/* Every base table of the connection's current schema, read into the
 * column store, with the primary keys the catalogue declares set on the
 * tables and its single-column foreign keys in FOREIGN_KEYS (McPgForeignKey).
 * Progress counts the tables' bytes on the server. */
GPtrArray    *mc_pg_read                  (const char          *conninfo,
                                           GArray             **foreign_keys,
                                           McProgressFunc       progress,
                                           gpointer             user_data,
                                           GCancellable        *cancellable,
                                           GError             **error);

G_END_DECLS
