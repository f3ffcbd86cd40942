/* mc-rfm-sql.c: recency, frequency and monetary value aggregated on a database's server
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-rfm"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-pg-connection.h"
#include "mc-rfm-sql.h"
#include "mc-server-run.h"

/* As collect() in mc-rfm.c: purchases with a customer, a day and money,
 * on or before the day in %u; a credit note's money counts, but it is no
 * order and no visit to recency, and a customer with credit notes only
 * bought nothing. The purchases' last day counts credit notes too. */
static const char rfm_sql[] =
  ", p AS (SELECT customer, order_id, day, amount, is_return IS TRUE AS is_return FROM purchases "
  "  WHERE customer IS NOT NULL AND day IS NOT NULL AND amount IS NOT NULL AND day <= $%u::integer) "
  "SELECT customer, max (day) FILTER (WHERE NOT is_return), sum (amount::numeric), "
  "  count(DISTINCT order_id) FILTER (WHERE NOT is_return) "
  "  + count(*) FILTER (WHERE NOT is_return AND order_id IS NULL), "
  "  (SELECT max (day) FROM p) "
  "FROM p GROUP BY customer HAVING bool_or (NOT is_return)";

enum { COL_CUSTOMER, COL_LAST_DAY, COL_MONETARY, COL_FREQUENCY, COL_PURCHASES_LAST_DAY };

static GArray *
read_customers (PGresult *result,
                gint32   *last_day)
{
  GArray *rows = mc_rfm_rows_new ();

  *last_day = PQntuples (result) > 0 ? (gint32) g_ascii_strtoll (PQgetvalue (result, 0, COL_PURCHASES_LAST_DAY),
                                                                 NULL, 10)
                                     : G_MININT32;
  g_array_set_size (rows, PQntuples (result));
  for (int r = 0; r < PQntuples (result); r++)
    {
      McRfmRow *row = &g_array_index (rows, McRfmRow, r);

      row->customer = g_strdup (PQgetvalue (result, r, COL_CUSTOMER));
      row->last_day = (gint32) g_ascii_strtoll (PQgetvalue (result, r, COL_LAST_DAY), NULL, 10);
      row->frequency = (guint) mc_server_count_at (result, r, COL_FREQUENCY);
      row->monetary = mc_server_number_at (result, r, COL_MONETARY);
    }
  return rows;
}

GArray *
mc_rfm_sql_compute_query (McPurchasesQuery  *query,
                          gint32             at,
                          gint32            *reference_day,
                          GCancellable      *cancellable,
                          GError           **error)
{
  McServerRun run;
  g_autoptr(PGresult) result = NULL;
  GArray *rows;
  gint32 last_day;

  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (reference_day != NULL, NULL);

  if (query->fields[MC_PURCHASES_CUSTOMER] == NULL || query->fields[MC_PURCHASES_TIME] == NULL)
    {
      g_set_error_literal (error, MC_PG_ERROR, MC_PG_ERROR_QUERY,
                           _("RFM needs purchases with a customer, a purchase time and an amount"));
      return NULL;
    }
  if (mc_server_run_open (&run, query, cancellable, error))
    {
      g_autofree char *until = g_strdup_printf ("%d", at == G_MININT32 ? G_MAXINT32 : at);
      g_autofree char *sql = g_strdup_printf (rfm_sql, mc_server_run_add_param (&run, until));

      /* Translators: what Mercato was doing when the server answered with an error. */
      result = mc_server_run_aggregate (&run, _("aggregating the purchases of each customer"), sql, error);
    }
  mc_server_run_close (&run);
  if (result == NULL)
    return NULL;
  rows = read_customers (result, &last_day);
  return mc_rfm_finish (rows, at, last_day, mc_table_get_name (query->source), FALSE, reference_day, error);
}

GArray *
mc_rfm_sql_compute (McDataset     *dataset,
                    gint32         at,
                    gint32        *reference_day,
                    GCancellable  *cancellable,
                    char         **not_pushed_down)
{
  g_autoptr(McPurchasesQuery) query = NULL;
  g_autoptr(GError) error = NULL;
  GArray *rows;

  g_return_val_if_fail (MC_IS_DATASET (dataset), NULL);

  *not_pushed_down = NULL;
  if ((query = mc_server_purchases_query (dataset)) == NULL
      || query->fields[MC_PURCHASES_CUSTOMER] == NULL || query->fields[MC_PURCHASES_TIME] == NULL)
    return NULL;
  /* No purchase on or before AT is the column store's error to give. */
  if ((rows = mc_rfm_sql_compute_query (query, at, reference_day, cancellable, &error)) == NULL
      && error->domain == MC_PG_ERROR)
    mc_server_say_not_pushed_down (not_pushed_down, _("RFM was computed in memory, not on the database's server"),
                                   error);
  return rows;
}
