/* mc-server-run.h: one aggregate over the model's purchases, run on a database's server
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What every figure pushed down to PostgreSQL shares (the sales figures,
 * platform × type, RFM): the model's description of the purchases
 * refused when it says what SQL cannot, compiled to one SELECT
 * (mc-purchases-sql.h) with its parameters, a connection to the server
 * the source table came from, and aggregate queries over the purchases
 * whose rows are read as numbers. Only aggregate rows come back; they
 * are counted, so a test can tell that the work was done on the server.
 */
#pragma once

#include "mc-dataset.h"
#include "mc-pg-connection.h"
#include "mc-purchases-query.h"

G_BEGIN_DECLS

typedef struct
{
  McPgConnection    connection;
  McPurchasesQuery *query;
  char             *purchases;    /* the SELECT of the purchases */
  GPtrArray        *params;       /* char *: the purchases' parameters, then the aggregate's */
} McServerRun;

/* Connects to the server QUERY's source came from and compiles QUERY
 * (borrowed, kept until mc_server_run_close()); FALSE with ERROR saying
 * why the purchases cannot be computed there. CANCELLABLE cancels the
 * running query on the server. Close RUN even on failure. */
gboolean      mc_server_run_open          (McServerRun       *run,
                                           McPurchasesQuery  *query,
                                           GCancellable      *cancellable,
                                           GError           **error);
void          mc_server_run_close         (McServerRun       *run);
/* VALUE (copied; NULL is SQL's NULL) as the next parameter: its number,
 * to write "$%u" in the aggregate's text. */
guint         mc_server_run_add_param     (McServerRun       *run,
                                           const char        *value);
/* Runs "WITH purchases AS (the purchases' SELECT)" followed by
 * AGGREGATE: more WITH items, each after a comma, then the SELECT; NULL
 * with ERROR starting with DOING when the server refuses it. */
PGresult     *mc_server_run_aggregate     (McServerRun       *run,
                                           const char        *doing,
                                           const char        *aggregate,
                                           GError           **error);

/* A cell as a count or a number; 0 when it is NULL. */
guint64       mc_server_count_at          (PGresult          *result,
                                           int                row,
                                           int                column);
double        mc_server_number_at         (PGresult          *result,
                                           int                row,
                                           int                column);

/* Whether DATASET's figures may be computed on its server (the default
 * for a database; mercato-cli --in-memory turns it off), and whether it
 * comes from one at all. */
void          mc_server_set_enabled       (McDataset         *dataset,
                                           gboolean           enabled);
gboolean      mc_server_is_enabled        (McDataset         *dataset);
/* The purchases of DATASET's model, when they can be pushed down; NULL
 * when it is no database's or push-down is off. */
McPurchasesQuery *mc_server_purchases_query (McDataset       *dataset);

/* Sets *NOT_PUSHED_DOWN to IN_MEMORY (what was computed in memory
 * instead, in words) and ERROR's message; NULL when ERROR is NULL or
 * the user cancelled: nothing needs saying. */
void          mc_server_say_not_pushed_down (char            **not_pushed_down,
                                             const char       *in_memory,
                                             const GError     *error);

/* Told the purpose of each query sent to a server, in words for a
 * progress message ("Counting the orders of each month on the database
 * server…"), on the thread that sends it. */
typedef void (*McServerQueryFunc)         (const char       *stage,
                                           gpointer          user_data);
/* FUNC (NULL: none) hears of the queries the calling thread sends from
 * now on: those of mc_server_run_aggregate() and others that call
 * mc_server_say_query(). Per thread, so that a load and a filter on two
 * workers each hear of their own. */
void          mc_server_set_query_func    (McServerQueryFunc  func,
                                           gpointer           user_data);
/* Tells the calling thread's McServerQueryFunc, if any, that the query
 * DOING ("counting the orders of each month", as in the errors) is
 * being sent. */
void          mc_server_say_query         (const char        *doing);

/* Rows that aggregate queries have brought back from servers since the
 * program started, for tests. */
guint64       mc_server_rows_fetched      (void);

G_END_DECLS
