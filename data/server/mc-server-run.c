/* mc-server-run.c: one aggregate over the model's purchases, run on a database's server
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-server"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-model.h"
#include "mc-pg-source.h"
#include "mc-purchases-sql.h"
#include "mc-server-run.h"

static guint64 rows_fetched;

typedef struct
{
  McServerQueryFunc func;
  gpointer          user_data;
} QueryListener;

static GPrivate query_listener = G_PRIVATE_INIT (g_free);

void
mc_server_set_query_func (McServerQueryFunc func,
                          gpointer          user_data)
{
  QueryListener *listener = NULL;

  if (func != NULL)
    {
      listener = g_new (QueryListener, 1);
      *listener = (QueryListener) { func, user_data };
    }
  g_private_replace (&query_listener, listener);
}

void
mc_server_say_query (const char *doing)
{
  QueryListener *listener = g_private_get (&query_listener);
  g_autofree char *first = NULL;
  g_autofree char *stage = NULL;
  const char *rest;

  if (listener == NULL || doing == NULL || *doing == '\0')
    return;
  /* The purpose starts a sentence here, as it does not in an error. */
  rest = g_utf8_next_char (doing);
  first = g_utf8_strup (doing, rest - doing);
  /* Translators: the first %s is the first letter of what the server is asked, the second the rest:
   * "Counting the orders of each month on the database server…". */
  stage = g_strdup_printf (_("%s%s on the database server…"), first, rest);
  listener->func (stage, listener->user_data);
}

/* What only the column store does, in words; FALSE when there is some. */
static gboolean
check_expressible (McPurchasesQuery  *query,
                   GError           **error)
{
  g_autofree char *reasons = NULL;

  if (query->not_expressible->len == 0)
    return TRUE;
  g_ptr_array_add (query->not_expressible, NULL);
  reasons = g_strjoinv ("; ", (char **) query->not_expressible->pdata);
  g_ptr_array_remove_index (query->not_expressible, query->not_expressible->len - 1);
  g_set_error (error, MC_PG_ERROR, MC_PG_ERROR_QUERY, "%s", reasons);
  return FALSE;
}

gboolean
mc_server_run_open (McServerRun       *run,
                    McPurchasesQuery  *query,
                    GCancellable      *cancellable,
                    GError           **error)
{
  const McPgOrigin *origin;

  g_return_val_if_fail (run != NULL, FALSE);
  g_return_val_if_fail (query != NULL, FALSE);

  *run = (McServerRun) { .query = query, .params = g_ptr_array_new_with_free_func (g_free) };
  if (!check_expressible (query, error))
    return FALSE;
  if ((origin = mc_pg_table_get_origin (query->source)) == NULL)
    {
      /* Translators: %s is a table. */
      g_set_error (error, MC_PG_ERROR, MC_PG_ERROR_QUERY, _("table %s is not a database's"),
                   mc_table_get_name (query->source));
      return FALSE;
    }
  if (!mc_pg_connection_open (&run->connection, origin->conninfo, cancellable, error))
    return FALSE;
  run->purchases = mc_purchases_sql_compile (query, &run->connection, run->params, error);
  return run->purchases != NULL;
}

void
mc_server_run_close (McServerRun *run)
{
  g_return_if_fail (run != NULL);

  mc_pg_connection_close (&run->connection);
  g_clear_pointer (&run->purchases, g_free);
  g_clear_pointer (&run->params, g_ptr_array_unref);
}

guint
mc_server_run_add_param (McServerRun *run,
                         const char  *value)
{
  g_return_val_if_fail (run != NULL && run->params != NULL, 0);

  g_ptr_array_add (run->params, g_strdup (value));
  return run->params->len;
}

PGresult *
mc_server_run_aggregate (McServerRun  *run,
                         const char   *doing,
                         const char   *aggregate,
                         GError      **error)
{
  g_autofree char *sql = NULL;
  PGresult *result;

  g_return_val_if_fail (run != NULL && run->purchases != NULL, NULL);

  sql = g_strconcat ("WITH purchases AS (", run->purchases, ") ", aggregate, NULL);
  mc_server_say_query (doing);
  result = mc_pg_connection_query (&run->connection, doing, sql, run->params->len,
                                   (const char **) run->params->pdata, error);
  if (result != NULL)
    __atomic_fetch_add (&rows_fetched, (guint64) PQntuples (result), __ATOMIC_RELAXED);
  return result;
}

guint64
mc_server_count_at (PGresult *result,
                    int       row,
                    int       column)
{
  return PQgetisnull (result, row, column) ? 0 : g_ascii_strtoull (PQgetvalue (result, row, column), NULL, 10);
}

double
mc_server_number_at (PGresult *result,
                     int       row,
                     int       column)
{
  return PQgetisnull (result, row, column) ? 0.0 : g_ascii_strtod (PQgetvalue (result, row, column), NULL);
}

void
mc_server_set_enabled (McDataset *dataset,
                       gboolean   enabled)
{
  g_return_if_fail (MC_IS_DATASET (dataset));

  g_object_set_data (G_OBJECT (dataset), "mc-server-disabled", GINT_TO_POINTER (!enabled));
}

gboolean
mc_server_is_enabled (McDataset *dataset)
{
  g_return_val_if_fail (MC_IS_DATASET (dataset), FALSE);

  return !GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dataset), "mc-server-disabled"));
}

McPurchasesQuery *
mc_server_purchases_query (McDataset *dataset)
{
  McModel *model;
  McTable *source;

  g_return_val_if_fail (MC_IS_DATASET (dataset), NULL);

  model = mc_model_for_dataset (dataset);
  source = model != NULL ? mc_model_get_source (model) : NULL;
  if (!mc_server_is_enabled (dataset) || source == NULL || mc_pg_table_get_origin (source) == NULL)
    return NULL;
  return mc_purchases_query_new (dataset, NULL);
}

void
mc_server_say_not_pushed_down (char         **not_pushed_down,
                               const char    *in_memory,
                               const GError  *error)
{
  g_return_if_fail (not_pushed_down != NULL);

  *not_pushed_down = NULL;
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    /* Translators: the first %s says what was computed in memory ("RFM was computed in memory, not on the
     * database's server"), the second is the reason or the server's error. */
    *not_pushed_down = g_strdup_printf (_("%s: %s."), in_memory, error->message);
}

guint64
mc_server_rows_fetched (void)
{
  return __atomic_load_n (&rows_fetched, __ATOMIC_RELAXED);
}
