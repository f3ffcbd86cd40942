/* mc-checks-sql.c: the data-quality checks that are queries, counted on a database's server
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every check is the same query: the table's rows numbered in storage
 * order, those that match the check's condition ("bad"), their count
 * and the first few numbers. Only the condition differs; each is
 * written to mean what the column store's loop means (mc-checks*.c):
 * NULL and empty keys are missing, NaN and infinite values are no
 * value, keys are matched by their text as McKeySet matches them.
 */
#define G_LOG_DOMAIN "mc-checks"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "mc-checks-sql.h"
#include "mc-pg-table.h"
#include "mc-sql-private.h"

typedef struct
{
  McPgConnection      connection;
  const McCheckQuery *query;
  const McPgOrigin   *origin;
  GPtrArray          *params;    /* char * */
} Run;

/* %1 the schema, %2 the table, %3 what each row adds (the whole row's
 * text for duplicates), %4 the rows found, %5 how many examples. */
static const char count_sql[] =
  "WITH t AS (SELECT pg_catalog.row_number () OVER (ORDER BY x.ctid) AS mc_row, x.*%3$s FROM %1$s.%2$s x), "
  "bad AS (%4$s) "
  "SELECT (SELECT pg_catalog.count(*) FROM bad), ARRAY (SELECT mc_row FROM bad ORDER BY mc_row LIMIT %5$d)";

static gboolean
type_is (const char *type,
         const char *names)
{
  g_auto(GStrv) listed = g_strsplit (names, " ", -1);

  return type != NULL && g_strv_contains ((const char * const *) listed, type);
}

/* COLUMN of TABLE as "ALIAS"."name", when its type on the server is one
 * of TYPES (NULL: any); NULL with ERROR otherwise. */
static char *
column_sql (Run         *run,
            McTable     *table,
            McColumn    *column,
            const char  *alias,
            const char  *types,
            GError     **error)
{
  const McPgOrigin *origin = mc_pg_table_get_origin (table);
  const char *type = origin != NULL ? g_hash_table_lookup (origin->types, column->name) : NULL;
  g_autofree char *quoted = NULL;

  if (type == NULL || (types != NULL && !type_is (type, types)))
    {
      /* Translators: the first %s is a column, the second its table, the third the column's type on the server. */
      g_set_error (error, MC_PG_ERROR, MC_PG_ERROR_QUERY, _("column %s of %s is of type %s on the server, "
                                                            "which the check cannot compare there"),
                   column->name, mc_table_get_name (table), type != NULL ? type : "?");
      return NULL;
    }
  quoted = mc_pg_connection_quote (&run->connection, column->name);
  return g_strdup_printf ("%s.%s", alias, quoted);
}

#define NUMBER_TYPES "int2 int4 int8 numeric float4 float8"
#define TIME_TYPES "date timestamp timestamptz"

/* A number the column store reads as one: finite (NaN and the
 * infinities are missing there). */
static char *
number_sql (const char *column)
{
  return g_strdup_printf ("(CASE WHEN %s::float8 > '-Infinity'::float8 AND %s::float8 < 'Infinity'::float8 "
                          "THEN %s::float8 END)", column, column, column);
}

/* A key as the text McKeySet matches, NULL where the column store has
 * none. */
static char *
key_sql (Run         *run,
         McTable     *table,
         McColumn    *column,
         const char  *alias,
         GError     **error)
{
  g_autofree char *quoted = column_sql (run, table, column, alias, NULL, error);

  return quoted != NULL ? _mc_sql_key_text (run->params, column, quoted) : NULL;
}

/* "S"."T" of another table of the same database; NULL with ERROR when
 * it was read from elsewhere. */
static char *
other_table_sql (Run      *run,
                 McTable  *table,
                 GError  **error)
{
  const McPgOrigin *origin = mc_pg_table_get_origin (table);
  g_autofree char *schema = NULL, *name = NULL;

  if (origin == NULL || g_strcmp0 (origin->conninfo, run->origin->conninfo) != 0
      || g_strcmp0 (origin->schema, run->origin->schema) != 0)
    {
      /* Translators: %s is a table. */
      g_set_error (error, MC_PG_ERROR, MC_PG_ERROR_QUERY, _("table %s is not in the same database"),
                   mc_table_get_name (table));
      return NULL;
    }
  schema = mc_pg_connection_quote (&run->connection, origin->schema);
  name = mc_pg_connection_quote (&run->connection, origin->table);
  return g_strdup_printf ("%s.%s", schema, name);
}

static char *
negative_sql (Run     *run,
              GError **error)
{
  g_autofree char *column = column_sql (run, run->query->table, run->query->column, "t", NUMBER_TYPES, error);
  g_autofree char *value = column != NULL ? number_sql (column) : NULL;

  return value != NULL ? g_strdup_printf ("SELECT mc_row FROM t WHERE %s < 0", value) : NULL;
}

static char *
out_of_range_sql (Run     *run,
                  GError **error)
{
  g_autofree char *column = column_sql (run, run->query->table, run->query->column, "t", NUMBER_TYPES, error);
  g_autofree char *value = column != NULL ? number_sql (column) : NULL;
  char low[G_ASCII_DTOSTR_BUF_SIZE], high[G_ASCII_DTOSTR_BUF_SIZE];
  int first = run->params->len + 1;

  if (value == NULL)
    return NULL;
  g_ptr_array_add (run->params, g_strdup (g_ascii_dtostr (low, sizeof low, run->query->low)));
  g_ptr_array_add (run->params, g_strdup (g_ascii_dtostr (high, sizeof high, run->query->high)));
  return g_strdup_printf ("SELECT mc_row FROM t WHERE %s < $%d::float8 OR %s > $%d::float8",
                          value, first, value, first + 1);
}

static char *
date_order_sql (Run     *run,
                GError **error)
{
  g_autofree char *start = column_sql (run, run->query->table, run->query->column, "t", TIME_TYPES, error);
  g_autofree char *end = start != NULL ? column_sql (run, run->query->table, run->query->end, "t", TIME_TYPES, error) : NULL;

  if (end == NULL)
    return NULL;
  return g_strdup_printf ("SELECT mc_row FROM t WHERE pg_catalog.isfinite (%s) AND pg_catalog.isfinite (%s) AND %s < %s",
                          start, end, end, start);
}

static char *
orphan_sql (Run     *run,
            GError **error)
{
  const McCheckQuery *q = run->query;
  g_autofree char *from = key_sql (run, q->table, q->column, "t", error);
  g_autofree char *other = from != NULL ? other_table_sql (run, q->other_table, error) : NULL;
  g_autofree char *key = other != NULL ? key_sql (run, q->other_table, q->other_key, "o", error) : NULL;

  if (key == NULL)
    return NULL;
  return g_strdup_printf ("SELECT mc_row FROM t WHERE %s IS NOT NULL AND NOT EXISTS (SELECT 1 FROM %s o WHERE %s = %s)",
                          from, other, key, from);
}

/* Each sale against the first product row of its key, as McJoin reads
 * it; days compared, a timestamp's day in UTC (the session's zone). */
static char *
before_release_sql (Run     *run,
                    GError **error)
{
  const McCheckQuery *q = run->query;
  g_autofree char *when = column_sql (run, q->table, q->column, "t", TIME_TYPES, error);
  g_autofree char *via = when != NULL ? key_sql (run, q->table, q->via, "t", error) : NULL;
  g_autofree char *other = via != NULL ? other_table_sql (run, q->other_table, error) : NULL;
  g_autofree char *key = other != NULL ? key_sql (run, q->other_table, q->other_key, "o", error) : NULL;
  g_autofree char *released = key != NULL ? column_sql (run, q->other_table, q->related, "o", TIME_TYPES, error) : NULL;

  if (released == NULL)
    return NULL;
  return g_strdup_printf ("SELECT t.mc_row FROM t JOIN (SELECT DISTINCT ON (%s) %s AS k, %s AS released "
                          "FROM %s o WHERE %s IS NOT NULL ORDER BY %s, o.ctid) r ON r.k = %s "
                          "WHERE pg_catalog.isfinite (%s) AND pg_catalog.isfinite (r.released) "
                          "AND %s::date < r.released::date",
                          key, key, released, other, key, key, via, when, when);
}

/* Rows whose key an earlier row had, that are no exact copy of an
 * earlier row (duplicate_rows counts those). */
static char *
duplicate_key_sql (Run     *run,
                   GError **error)
{
  g_autofree char *key = key_sql (run, run->query->table, run->query->column, "t", error);

  if (key == NULL)
    return NULL;
  return g_strdup_printf ("SELECT mc_row FROM (SELECT t.mc_row, "
                          "pg_catalog.row_number () OVER (PARTITION BY %s ORDER BY t.mc_row) AS nth_key, "
                          "pg_catalog.row_number () OVER (PARTITION BY %s, t.mc_whole ORDER BY t.mc_row) AS nth_copy "
                          "FROM t WHERE %s IS NOT NULL) d WHERE nth_key > 1 AND nth_copy = 1",
                          key, key, key);
}

static char *
bad_rows_sql (Run     *run,
              GError **error)
{
  switch (run->query->kind)
    {
    case MC_CHECK_QUERY_DUPLICATE_KEY: return duplicate_key_sql (run, error);
    case MC_CHECK_QUERY_ORPHAN: return orphan_sql (run, error);
    case MC_CHECK_QUERY_DATE_ORDER: return date_order_sql (run, error);
    case MC_CHECK_QUERY_BEFORE_RELEASE: return before_release_sql (run, error);
    case MC_CHECK_QUERY_OUT_OF_RANGE: return out_of_range_sql (run, error);
    case MC_CHECK_QUERY_NEGATIVE: return negative_sql (run, error);
    default: g_return_val_if_reached (NULL);
    }
}

/* "{3,17,40}": the rows' numbers from 1, as the table's lines. */
static void
read_examples (const char   *array,
               McTable      *table,
               McCheckCount *count)
{
  guint32 first_line = mc_table_get_has_header (table) ? 2 : 1;
  const char *p = array;

  while (*p != '\0' && count->n_examples < MC_CHECK_QUERY_MAX_EXAMPLES)
    {
      char *end;
      guint64 row;

      while (*p == '{' || *p == ',' || *p == '}')
        p++;
      if (*p == '\0')
        break;
      row = g_ascii_strtoull (p, &end, 10);
      if (end == p)
        break;
      count->examples[count->n_examples++] = (guint32) (row - 1 + first_line);
      p = end;
    }
}

static gboolean
run_count (Run           *run,
           McCheckCount  *count,
           GError       **error)
{
  g_autofree char *bad = bad_rows_sql (run, error);
  g_autofree char *schema = NULL, *table = NULL, *sql = NULL, *doing = NULL;
  g_autoptr(PGresult) result = NULL;

  if (bad == NULL)
    return FALSE;
  schema = mc_pg_connection_quote (&run->connection, run->origin->schema);
  table = mc_pg_connection_quote (&run->connection, run->origin->table);
  sql = g_strdup_printf (count_sql, schema, table,
                         run->query->kind == MC_CHECK_QUERY_DUPLICATE_KEY ? ", x::text AS mc_whole" : "",
                         bad, MC_CHECK_QUERY_MAX_EXAMPLES);
  /* Translators: what Mercato was doing when the server answered with an error; %s is a table. */
  doing = g_strdup_printf (_("checking table %s"), run->origin->table);
  result = mc_pg_connection_query (&run->connection, doing, sql, run->params->len,
                                   (const char **) run->params->pdata, error);
  if (result == NULL)
    return FALSE;
  count->count = g_ascii_strtoull (PQgetvalue (result, 0, 0), NULL, 10);
  read_examples (PQgetvalue (result, 0, 1), run->query->table, count);
  return TRUE;
}

gboolean
mc_checks_sql_count (const McCheckQuery  *query,
                     McCheckCount        *count,
                     GCancellable        *cancellable,
                     GError             **error)
{
  Run run = { .query = query };
  gboolean ok;

  g_return_val_if_fail (query != NULL && MC_IS_TABLE (query->table), FALSE);
  g_return_val_if_fail (count != NULL, FALSE);

  memset (count, 0, sizeof *count);
  if ((run.origin = mc_pg_table_get_origin (query->table)) == NULL)
    {
      /* Translators: %s is a table. */
      g_set_error (error, MC_PG_ERROR, MC_PG_ERROR_QUERY, _("table %s is not a database's"),
                   mc_table_get_name (query->table));
      return FALSE;
    }
  if (!mc_pg_connection_open (&run.connection, run.origin->conninfo, cancellable, error))
    {
      mc_pg_connection_close (&run.connection);
      return FALSE;
    }
  run.params = g_ptr_array_new_with_free_func (g_free);
  ok = run_count (&run, count, error);
  mc_pg_connection_close (&run.connection);
  g_ptr_array_unref (run.params);
  return ok;
}

char *
_mc_sql_key_text (GPtrArray  *params,
                  McColumn   *column,
                  const char *quoted)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) sql = g_string_new ("(CASE WHEN pg_catalog.btrim (");
  GHashTableIter iter;
  gpointer text;

  for (guint i = 0; column->issues != NULL && i < column->issues->len; i++)
    {
      const McCellIssue *issue = &g_array_index (column->issues, McCellIssue, i);

      if (issue->raw != NULL && mc_column_is_missing (column, issue->row))
        g_hash_table_add (seen, (gpointer) issue->raw);
    }
  g_string_append_printf (sql, "%s::text) = ''", quoted);
  g_hash_table_iter_init (&iter, seen);
  while (g_hash_table_iter_next (&iter, &text, NULL))
    {
      g_ptr_array_add (params, g_strdup (text));
      g_string_append_printf (sql, " OR %s::text = $%u", quoted, params->len);
    }
  g_string_append_printf (sql, " THEN NULL ELSE %s::text END)", quoted);
  return g_string_free (g_steal_pointer (&sql), FALSE);
}
