/* mc-sql-columns.c: the model's tables and columns as the server's queries name them, and read back
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the queries of the server's figures share: where a column is,
 * how long a visit lasted, how a distribution of days is read back.
 */
#define G_LOG_DOMAIN "mc-server"

#include "config.h"

#include <math.h>

#include "mc-pg-table.h"
#include "mc-server-run.h"
#include "mc-sql-private.h"

char *
_mc_sql_column_on_server (McPgConnection   *connection,
                          const McPgOrigin *source,
                          McTable          *table,
                          McColumn         *column,
                          const char       *types)
{
  const McPgOrigin *origin = table != NULL ? mc_pg_table_get_origin (table) : NULL;
  const char *type = origin != NULL && column != NULL ? g_hash_table_lookup (origin->types, column->name) : NULL;
  g_auto(GStrv) listed = types != NULL ? g_strsplit (types, " ", -1) : NULL;
  g_autofree char *quoted = NULL;

  if (type == NULL || source == NULL || g_strcmp0 (origin->conninfo, source->conninfo) != 0
      || g_strcmp0 (origin->schema, source->schema) != 0
      || (listed != NULL && !g_strv_contains ((const char * const *) listed, type)))
    return NULL;
  quoted = mc_pg_connection_quote (connection, column->name);
  return g_strdup_printf ("t.%s", quoted);
}

char *
_mc_sql_table_on_server (McPgConnection *connection,
                         McTable        *table)
{
  const McPgOrigin *origin = mc_pg_table_get_origin (table);
  g_autofree char *schema = mc_pg_connection_quote (connection, origin->schema);
  g_autofree char *name = mc_pg_connection_quote (connection, origin->table);

  return g_strdup_printf ("%s.%s t", schema, name);
}

char *
_mc_sql_visit_minutes (McColumn   *start_column,
                       const char *start,
                       const char *end)
{
  if (start_column->type == MC_COLUMN_TYPE_DATE)
    return g_strdup_printf ("CASE WHEN pg_catalog.isfinite (%s) AND pg_catalog.isfinite (%s) AND %s >= %s "
                            "THEN (%s - %s) * 1440.0 END", start, end, end, start, end, start);
  return g_strdup_printf ("CASE WHEN pg_catalog.isfinite (%s) AND pg_catalog.isfinite (%s) AND %s >= %s "
                          "THEN ((EXTRACT (EPOCH FROM %s) * 1000000)::int8 - (EXTRACT (EPOCH FROM %s) * 1000000)::int8) "
                          "/ 60e6 END", start, end, end, start, end, start);
}

double
_mc_sql_number_or_nan (PGresult *result,
                       int       row,
                       int       column)
{
  return PQgetisnull (result, row, column) ? NAN : mc_server_number_at (result, row, column);
}

void
_mc_sql_read_days (PGresult *result,
                   int       row,
                   int       first,
                   McDays   *days)
{
  days->n = mc_server_count_at (result, row, first);
  days->mean = _mc_sql_number_or_nan (result, row, first + 1);
  days->p25 = _mc_sql_number_or_nan (result, row, first + 2);
  days->median = _mc_sql_number_or_nan (result, row, first + 3);
  days->p75 = _mc_sql_number_or_nan (result, row, first + 4);
}
