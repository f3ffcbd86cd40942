/* mc-pg-connection.h: one connection to a PostgreSQL server, its errors in words, cancel
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What reading tables (mc-pg-source.c) and running figures on the server
 * (mc-metrics-sql.c) share: connecting with a message that says where a
 * password goes, a read-only snapshot, queries with parameters (never
 * values pasted into SQL), identifiers quoted by libpq, the server's
 * error after what Mercato was doing, and a GCancellable that sends
 * PQcancel to the server.
 */
#pragma once

#include <gio/gio.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

#define MC_PG_ERROR (mc_pg_error_quark ())

typedef enum
{
  MC_PG_ERROR_BAD_CONNINFO,   /* the URI or conninfo does not parse */
  MC_PG_ERROR_CONNECT,        /* the server refused or could not be reached */
  MC_PG_ERROR_QUERY,          /* the server reported an error */
  MC_PG_ERROR_EMPTY,          /* the schema has no table */
  MC_PG_ERROR_TOO_LARGE,      /* more rows would come back than Mercato takes at once */
} McPgError;

GQuark        mc_pg_error_quark           (void);

typedef struct
{
  PGconn       *conn;
  PGcancel     *cancel;
  char         *label;          /* the connection, without its password */
  GCancellable *cancellable;
  gulong        cancelled_id;
} McPgConnection;

/* Connects to CONNINFO and starts a read-only REPEATABLE READ
 * transaction in UTC; CANCELLABLE (may be NULL) then cancels the
 * running query on the server. */
gboolean      mc_pg_connection_open       (McPgConnection  *self,
                                           const char      *conninfo,
                                           GCancellable    *cancellable,
                                           GError         **error);
void          mc_pg_connection_close      (McPgConnection  *self);
/* Runs SQL with N_PARAMS text parameters; NULL on failure, with an error
 * that starts with DOING. */
PGresult     *mc_pg_connection_query      (McPgConnection  *self,
                                           const char      *doing,
                                           const char      *sql,
                                           int              n_params,
                                           const char     **params,
                                           GError         **error);
/* Sets ERROR from RESULT (may be NULL: the connection's last error):
 * cancelled when the user cancelled, else "DOING: the server's words".
 * Returns FALSE. */
gboolean      mc_pg_connection_set_error  (McPgConnection  *self,
                                           GError         **error,
                                           PGresult        *result,
                                           const char      *doing);
/* NAME quoted as an SQL identifier by libpq ("order ""2024"""). */
char         *mc_pg_connection_quote      (McPgConnection  *self,
                                           const char      *name);
/* Where the app keeps passwords (its keyring): given the HOST, PORT,
 * DATABASE and USER a conninfo names (each NULL when it names none),
 * returns the password to connect with (freed with g_free), or NULL.
 * Called on the connecting thread, for a conninfo without a password,
 * so that passwords never have to be written into a conninfo that is
 * kept or shown. */
typedef char *(*McPgPasswordFunc)         (const char      *host,
                                           const char      *port,
                                           const char      *database,
                                           const char      *user);
void          mc_pg_set_password_func     (McPgPasswordFunc func);
/* Connects to CONNINFO once, to see that it can (the Connect dialog):
 * FALSE with "Could not connect to HOST: the server's words". */
gboolean      mc_pg_connection_try        (const char      *conninfo,
                                           GCancellable    *cancellable,
                                           GError         **error);
/* libpq's message on one line ("FATAL: …; DETAIL: …"). */
char         *mc_pg_one_line              (const char      *message);

G_END_DECLS
