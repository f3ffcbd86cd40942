/* mc-pg-table.c: a table read from a database, as it is on the server
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-pg-table"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-pg-table.h"

static void
origin_free (gpointer data)
{
  McPgOrigin *origin = data;

  g_free (origin->conninfo);
  g_free (origin->schema);
  g_free (origin->table);
  g_clear_pointer (&origin->types, g_hash_table_unref);
  g_free (origin);
}

void
mc_pg_table_set_origin (McTable    *table,
                        McPgOrigin *origin)
{
  g_return_if_fail (MC_IS_TABLE (table));

  g_object_set_data_full (G_OBJECT (table), "mc-pg-origin", origin, origin_free);
}

const McPgOrigin *
mc_pg_table_get_origin (McTable *table)
{
  g_return_val_if_fail (MC_IS_TABLE (table), NULL);

  return g_object_get_data (G_OBJECT (table), "mc-pg-origin");
}

static GPtrArray *
read_rows (PGresult  *result,
           char     **last_key)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  /* Column 0 is the key as text, for the next page; the table's columns follow. */
  for (int r = 0; r < PQntuples (result); r++)
    {
      GPtrArray *row = g_ptr_array_new_full (PQnfields (result), g_free);

      for (int c = 1; c < PQnfields (result); c++)
        g_ptr_array_add (row, PQgetisnull (result, r, c) ? NULL : g_strdup (PQgetvalue (result, r, c)));
      g_ptr_array_add (rows, row);
    }
  *last_key = PQntuples (result) > 0 ? g_strdup (PQgetvalue (result, PQntuples (result) - 1, 0)) : NULL;
  return rows;
}

GPtrArray *
mc_pg_table_read_page (const McPgOrigin  *origin,
                       const char        *key_column,
                       const char        *after,
                       guint              limit,
                       char             **last_key,
                       GCancellable      *cancellable,
                       GError           **error)
{
  McPgConnection connection;
  g_autofree char *schema = NULL, *table = NULL, *key = NULL, *type = NULL, *sql = NULL, *doing = NULL;
  g_autofree char *count = g_strdup_printf ("%u", limit);
  const char *params[] = { after, count };
  g_autoptr(PGresult) result = NULL;
  GPtrArray *rows = NULL;

  g_return_val_if_fail (origin != NULL && key_column != NULL && last_key != NULL, NULL);

  *last_key = NULL;
  if (!g_hash_table_contains (origin->types, key_column))
    {
      /* Translators: the first %s is a column, the second a table. */
      g_set_error (error, MC_PG_ERROR, MC_PG_ERROR_QUERY, _("%s is no column of table %s"), key_column, origin->table);
      return NULL;
    }
  if (!mc_pg_connection_open (&connection, origin->conninfo, cancellable, error))
    {
      mc_pg_connection_close (&connection);
      return NULL;
    }
  schema = mc_pg_connection_quote (&connection, origin->schema);
  table = mc_pg_connection_quote (&connection, origin->table);
  key = mc_pg_connection_quote (&connection, key_column);
  type = mc_pg_connection_quote (&connection, g_hash_table_lookup (origin->types, key_column));
  /* Compared in the key's own type, so that its index serves the page. */
  sql = g_strdup_printf ("SELECT t.%s::text AS page_key, t.* FROM %s.%s t "
                         "WHERE $1::text IS NULL OR t.%s > CAST ($1 AS pg_catalog.%s) ORDER BY t.%s LIMIT $2::int8",
                         key, schema, table, key, type, key);
  /* Translators: %s is a table of the database. */
  doing = g_strdup_printf (_("reading a page of table %s"), origin->table);
  result = mc_pg_connection_query (&connection, doing, sql, 2, params, error);
  if (result != NULL)
    rows = read_rows (result, last_key);
  mc_pg_connection_close (&connection);
  return rows;
}
