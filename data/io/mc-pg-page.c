/* mc-pg-page.c: a table's rows a page at a time, in any column's order
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-pg-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-pg-page.h"

McPgPager *
mc_pg_pager_new (const char *key_column,
                 const char *sort_column,
                 gboolean    descending)
{
  McPgPager *self = g_new0 (McPgPager, 1);

  g_return_val_if_fail (key_column != NULL, NULL);

  self->key_column = g_strdup (key_column);
  /* By the key itself is by the key alone: the simpler query uses its index. */
  self->sort_column = g_strcmp0 (sort_column, key_column) != 0 ? g_strdup (sort_column) : NULL;
  self->descending = descending;
  self->n_matches = -1;
  return self;
}

void
mc_pg_pager_set_search (McPgPager          *self,
                        const char * const *columns,
                        const char         *text)
{
  GString *pattern = g_string_new ("%");

  g_return_if_fail (self != NULL && !self->started && columns != NULL && text != NULL);

  for (const char *c = text; *c != '\0'; c++)
    {
      if (*c == '\\' || *c == '%' || *c == '_')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *c);
    }
  g_string_append_c (pattern, '%');
  g_strfreev (self->search_columns);
  g_free (self->search_pattern);
  self->search_columns = g_strdupv ((char **) columns);
  self->search_pattern = g_string_free (pattern, FALSE);
}

void
mc_pg_pager_free (McPgPager *self)
{
  if (self == NULL)
    return;
  g_free (self->key_column);
  g_free (self->sort_column);
  g_free (self->last_sort);
  g_free (self->last_key);
  g_strfreev (self->search_columns);
  g_free (self->search_pattern);
  g_free (self);
}

/* " AND (t.a::text ILIKE $N OR …)" over the search's columns the table
 * has; "" without a search. */
static char *
search_condition (McPgPager        *self,
                  McPgConnection   *connection,
                  const McPgOrigin *origin,
                  guint             param)
{
  GString *condition = g_string_new (NULL);

  for (guint c = 0; self->search_columns != NULL && self->search_columns[c] != NULL; c++)
    {
      g_autofree char *column = NULL;

      if (!g_hash_table_contains (origin->types, self->search_columns[c]))
        continue;
      column = mc_pg_connection_quote (connection, self->search_columns[c]);
      g_string_append_printf (condition, "%st.%s::text ILIKE $%u", condition->len == 0 ? " AND (" : " OR ", column, param);
    }
  /* No column to search in: no row matches. */
  if (self->search_columns != NULL)
    g_string_append (condition, condition->len == 0 ? " AND false" : ")");
  return g_string_free (condition, FALSE);
}

static char *
quote_type (McPgConnection   *connection,
            const McPgOrigin *origin,
            const char       *column)
{
  return mc_pg_connection_quote (connection, g_hash_table_lookup (origin->types, column));
}

/* $1: whether a page came before; $2 the last row's sort value, $3 its
 * key; $4 the page's size. Each value is compared in its column's own
 * type, so that an index on the columns serves the page. Rows without a
 * sort value come last, in key order. */
char *
mc_pg_pager_get_sql (McPgPager        *self,
                     McPgConnection   *connection,
                     const McPgOrigin *origin)
{
  g_autofree char *schema = mc_pg_connection_quote (connection, origin->schema);
  g_autofree char *table = mc_pg_connection_quote (connection, origin->table);
  g_autofree char *key = mc_pg_connection_quote (connection, self->key_column);
  g_autofree char *key_type = quote_type (connection, origin, self->key_column);
  g_autofree char *sort = NULL;
  g_autofree char *sort_type = NULL;
  const char *after = self->descending ? "<" : ">";
  const char *order = self->descending ? " DESC" : "";

  g_autofree char *matching = search_condition (self, connection, origin, 5);

  if (self->sort_column == NULL)
    return g_strdup_printf ("SELECT $2::text AS page_sort, t.%s::text AS page_key, t.* FROM %s.%s t "
                            "WHERE ($1::bool IS NULL OR t.%s %s CAST ($3 AS pg_catalog.%s))%s "
                            "ORDER BY t.%s%s LIMIT $4::int8",
                            key, schema, table, key, after, key_type, matching, key, order);
  sort = mc_pg_connection_quote (connection, self->sort_column);
  sort_type = quote_type (connection, origin, self->sort_column);
  return g_strdup_printf ("SELECT t.%s::text AS page_sort, t.%s::text AS page_key, t.* FROM %s.%s t "
                          "WHERE ($1::bool IS NULL "
                          "OR ($2::text IS NOT NULL AND ((t.%s, t.%s) %s (CAST ($2 AS pg_catalog.%s), CAST ($3 AS pg_catalog.%s)) "
                          "OR t.%s IS NULL)) "
                          "OR ($2::text IS NULL AND t.%s IS NULL AND t.%s %s CAST ($3 AS pg_catalog.%s)))%s "
                          "ORDER BY t.%s%s NULLS LAST, t.%s%s LIMIT $4::int8",
                          sort, key, schema, table,
                          sort, key, after, sort_type, key_type,
                          sort,
                          sort, key, after, key_type, matching,
                          sort, order, key, order);
}

/* Columns 0 and 1 are the sort value and the key, for the next page;
 * the table's columns follow. */
static GPtrArray *
read_rows (McPgPager *self,
           PGresult  *result)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  int last = PQntuples (result) - 1;

  for (int r = 0; r <= last; r++)
    {
      GPtrArray *row = g_ptr_array_new_full (PQnfields (result), g_free);

      for (int c = 2; c < PQnfields (result); c++)
        g_ptr_array_add (row, PQgetisnull (result, r, c) ? NULL : g_strdup (PQgetvalue (result, r, c)));
      g_ptr_array_add (rows, row);
    }
  if (last >= 0)
    {
      g_free (self->last_sort);
      g_free (self->last_key);
      self->last_sort = PQgetisnull (result, last, 0) ? NULL : g_strdup (PQgetvalue (result, last, 0));
      self->last_key = g_strdup (PQgetvalue (result, last, 1));
      self->started = TRUE;
    }
  return rows;
}

/* Counts the rows the search finds, once, with the first page. */
static gboolean
count_matches (McPgPager         *self,
               McPgConnection    *connection,
               const McPgOrigin  *origin,
               GError           **error)
{
  g_autofree char *schema = mc_pg_connection_quote (connection, origin->schema);
  g_autofree char *table = mc_pg_connection_quote (connection, origin->table);
  g_autofree char *matching = search_condition (self, connection, origin, 1);
  /* matching starts with " AND": after a WHERE that is always true. */
  g_autofree char *sql = g_strdup_printf ("SELECT pg_catalog.count(*) FROM %s.%s t WHERE true%s", schema, table, matching);
  /* Translators: %s is a table of the database. */
  g_autofree char *doing = g_strdup_printf (_("counting the rows of table %s that match the search"), origin->table);
  const char *params[] = { self->search_pattern };
  g_autoptr(PGresult) result = mc_pg_connection_query (connection, doing, sql, 1, params, error);

  if (result == NULL)
    return FALSE;
  self->n_matches = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  return TRUE;
}

GPtrArray *
mc_pg_pager_next (McPgPager         *self,
                  const McPgOrigin  *origin,
                  guint              limit,
                  GCancellable      *cancellable,
                  GError           **error)
{
  McPgConnection connection;
  g_autofree char *sql = NULL;
  g_autofree char *doing = NULL;
  g_autofree char *count = g_strdup_printf ("%u", limit);
  const char *params[5];
  g_autoptr(PGresult) result = NULL;
  GPtrArray *rows = NULL;

  g_return_val_if_fail (self != NULL && origin != NULL, NULL);

  for (const char *column = self->key_column; column != NULL; column = column == self->key_column ? self->sort_column : NULL)
    if (!g_hash_table_contains (origin->types, column))
      {
        /* Translators: the first %s is a column, the second a table. */
        g_set_error (error, MC_PG_ERROR, MC_PG_ERROR_QUERY, _("%s is no column of table %s"), column, origin->table);
        return NULL;
      }
  if (!mc_pg_connection_open (&connection, origin->conninfo, cancellable, error))
    {
      mc_pg_connection_close (&connection);
      return NULL;
    }
  sql = mc_pg_pager_get_sql (self, &connection, origin);
  params[0] = self->started ? "true" : NULL;
  params[1] = self->last_sort;
  params[2] = self->last_key;
  params[3] = count;
  params[4] = self->search_pattern;
  /* Translators: %s is a table of the database. */
  doing = g_strdup_printf (_("reading a page of table %s"), origin->table);
  if (self->search_pattern == NULL || self->n_matches >= 0 || count_matches (self, &connection, origin, error))
    result = mc_pg_connection_query (&connection, doing, sql, self->search_pattern != NULL ? 5 : 4, params, error);
  if (result != NULL)
    rows = read_rows (self, result);
  mc_pg_connection_close (&connection);
  return rows;
}
