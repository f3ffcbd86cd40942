/* mc-pg-connection.c: one connection to a PostgreSQL server, its errors in words, cancel
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-pg-connection"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mc-pg-connection.h"

G_DEFINE_QUARK (mc-pg-error-quark, mc_pg_error)

/* Set once by the app before any connection; read on workers. */
static McPgPasswordFunc password_func;

void
mc_pg_set_password_func (McPgPasswordFunc func)
{
  password_func = func;
}

/* libpq's messages end with a newline and may hold several lines
 * ("FATAL: …" then "DETAIL: …"): one line reads better after ours. */
char *
mc_pg_one_line (const char *message)
{
  g_autofree char *copy = g_strstrip (g_strdup (message != NULL ? message : ""));
  g_auto(GStrv) lines = g_strsplit (copy, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    g_strstrip (lines[i]);
  return g_strjoinv ("; ", lines);
}

/* The server's own words for a failed query, after what Mercato was
 * doing: "reading table orders: permission denied for table orders". */
gboolean
mc_pg_connection_set_error (McPgConnection  *self,
                            GError         **error,
                            PGresult        *result,
                            const char      *doing)
{
  const char *primary = result != NULL ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  const char *state = result != NULL ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  g_autofree char *message = mc_pg_one_line (primary != NULL ? primary : PQerrorMessage (self->conn));

  if (g_cancellable_is_cancelled (self->cancellable) && g_strcmp0 (state, "57014") == 0)
    {
      /* Translators: %s says what was being read when the user cancelled. */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("%s: cancelled"), doing);
      return FALSE;
    }
  g_set_error (error, MC_PG_ERROR, MC_PG_ERROR_QUERY, "%s: %s", doing, message);
  return FALSE;
}

PGresult *
mc_pg_connection_query (McPgConnection  *self,
                        const char      *doing,
                        const char      *sql,
                        int              n_params,
                        const char     **params,
                        GError         **error)
{
  PGresult *result;
  ExecStatusType status;
  gint64 started = g_get_monotonic_time ();

  result = PQexecParams (self->conn, sql, n_params, NULL, params, NULL, NULL, 0);
  status = PQresultStatus (result);
  /* G_MESSAGES_DEBUG=mc-pg-connection shows what the server was asked and how long it took. */
  g_debug ("%s: %.3f s: %s", doing, (g_get_monotonic_time () - started) / 1e6, sql);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_COPY_OUT)
    return result;
  mc_pg_connection_set_error (self, error, result, doing);
  PQclear (result);
  return NULL;
}

char *
mc_pg_connection_quote (McPgConnection *self,
                        const char     *name)
{
  char *escaped = PQescapeIdentifier (self->conn, name, strlen (name));
  char *quoted = g_strdup (escaped);

  PQfreemem (escaped);
  return quoted;
}

/* A label for messages and for the tables' path: the conninfo as given,
 * or, when it holds a password, its options without the password. */
static char *
make_label (const char        *conninfo,
            PQconninfoOption  *options)
{
  g_autoptr(GString) label = NULL;
  gboolean has_password = FALSE;

  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    has_password |= g_str_equal (o->keyword, "password") && o->val != NULL;
  if (!has_password)
    return g_strdup (conninfo);
  label = g_string_new (NULL);
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    if (o->val != NULL && !g_str_equal (o->keyword, "password"))
      g_string_append_printf (label, "%s%s=%s", label->len > 0 ? " " : "", o->keyword, o->val);
  return g_string_free (g_steal_pointer (&label), FALSE);
}

static gboolean
set_connect_error (McPgConnection  *self,
                   GError         **error)
{
  g_autofree char *message = mc_pg_one_line (PQerrorMessage (self->conn));

  if (PQconnectionNeedsPassword (self->conn))
    /* Translators: the first %s is the database, the second the server's message. */
    g_set_error (error, MC_PG_ERROR, MC_PG_ERROR_CONNECT,
                 _("connecting to %s: %s; the server asks for a password: give it in PGPASSWORD, "
                   "~/.pgpass or a service file (~/.pg_service.conf), never on the command line"),
                 self->label, message);
  else
    /* Translators: the first %s is the database, the second the server's message. */
    g_set_error (error, MC_PG_ERROR, MC_PG_ERROR_CONNECT,
                 _("connecting to %s: %s"), self->label, message);
  return FALSE;
}

/* Every query reads one snapshot, tables in their stored order from
 * their start (no synchronised scans that would begin where another
 * reader is); floats print so that they read back exactly, times are
 * bucketed in UTC, as the column store keeps them, and the sorts of
 * distinct counts stay in memory rather than spill to disk. */
static const char session_setup[] =
  "SET synchronize_seqscans = off; SET extra_float_digits = 1; SET TIME ZONE 'UTC'; SET work_mem = '64MB'; "
  "BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY";

static void
on_cancelled_cb (GCancellable *cancellable,
                 gpointer      user_data)
{
  McPgConnection *self = user_data;
  char message[256];

  /* Asks the server to stop the query; it then ends with an error that
   * says it was cancelled. */
  if (self->cancel != NULL && !PQcancel (self->cancel, message, sizeof message))
    g_debug ("could not cancel the query: %s", message);
}

static const char *
option_value (PQconninfoOption *options,
              const char       *keyword)
{
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    if (g_str_equal (o->keyword, keyword))
      return o->val;
  return NULL;
}

/* The app's password for a conninfo that gives none. */
static char *
look_up_password (PQconninfoOption *options)
{
  if (password_func == NULL || option_value (options, "password") != NULL)
    return NULL;
  return password_func (option_value (options, "host"), option_value (options, "port"),
                        option_value (options, "dbname"), option_value (options, "user"));
}

/* The password goes to libpq beside the conninfo, never into it. */
static PGconn *
connect_with_password (const char *conninfo,
                       char       *password)
{
  const char *keywords[] = { "dbname", "password", NULL };
  const char *values[] = { conninfo, password, NULL };
  PGconn *conn;

  if (password == NULL)
    return PQconnectdb (conninfo);
  conn = PQconnectdbParams (keywords, values, TRUE);
  explicit_bzero (password, strlen (password));
  g_free (password);
  return conn;
}

/* Connecting itself is not cancelled (libpq's connect_timeout bounds it). */
gboolean
mc_pg_connection_open (McPgConnection  *self,
                       const char      *conninfo,
                       GCancellable    *cancellable,
                       GError         **error)
{
  char *parse_error = NULL;
  PQconninfoOption *options = PQconninfoParse (conninfo, &parse_error);
  g_autoptr(PGresult) setup = NULL;
  char *password;

  *self = (McPgConnection) { NULL };
  if (options == NULL)
    {
      g_autofree char *message = mc_pg_one_line (parse_error != NULL ? parse_error : _("out of memory"));

      PQfreemem (parse_error);
      /* Translators: the first %s is what the user gave, the second what is wrong with it. */
      g_set_error (error, MC_PG_ERROR, MC_PG_ERROR_BAD_CONNINFO,
                   _("%s: not a database Mercato can connect to: %s; write postgresql://[USER@]HOST[:PORT]/DATABASE, "
                     "postgresql:///DATABASE?host=SOCKET_FOLDER or service=NAME"), conninfo, message);
      return FALSE;
    }
  self->label = make_label (conninfo, options);
  password = look_up_password (options);
  PQconninfoFree (options);

  self->conn = connect_with_password (conninfo, password);
  if (PQstatus (self->conn) != CONNECTION_OK || PQsetClientEncoding (self->conn, "UTF8") != 0)
    return set_connect_error (self, error);
  self->cancel = PQgetCancel (self->conn);
  setup = PQexec (self->conn, session_setup);
  if (PQresultStatus (setup) != PGRES_COMMAND_OK)
    {
      /* Translators: %s is the database. */
      g_autofree char *doing = g_strdup_printf (_("starting a read-only transaction on %s"), self->label);

      return mc_pg_connection_set_error (self, error, setup, doing);
    }
  if (cancellable != NULL)
    {
      self->cancellable = g_object_ref (cancellable);
      self->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled_cb), self, NULL);
    }
  return TRUE;
}

void
mc_pg_connection_close (McPgConnection *self)
{
  if (self->cancelled_id != 0)
    g_cancellable_disconnect (self->cancellable, self->cancelled_id);
  self->cancelled_id = 0;
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->cancel, PQfreeCancel);
  g_clear_pointer (&self->conn, PQfinish);
  g_clear_pointer (&self->label, g_free);
}

/* What the server said, without libpq's "connection to server at … failed:"
 * before it and the severity: "password authentication failed for user "shop"". */
static char *
server_words (PGconn *conn)
{
  g_autofree char *message = mc_pg_one_line (PQerrorMessage (conn));
  const char *words = strstr (message, "failed: ");

  words = words != NULL ? words + strlen ("failed: ") : message;
  if (g_str_has_prefix (words, "FATAL:"))
    words += strlen ("FATAL:");
  if (PQconnectionNeedsPassword (conn))
    return g_strdup (_("the server asks for a password"));
  return g_strdup (g_strchug ((char *) words));
}

gboolean
mc_pg_connection_try (const char    *conninfo,
                      GCancellable  *cancellable,
                      GError       **error)
{
  McPgConnection connection;
  g_autoptr(GError) local = NULL;
  g_autoptr(PGresult) result = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (conninfo != NULL, FALSE);

  if (!mc_pg_connection_open (&connection, conninfo, cancellable, &local))
    {
      if (connection.conn != NULL && PQstatus (connection.conn) != CONNECTION_OK)
        {
          const char *host = PQhost (connection.conn);
          g_autofree char *words = server_words (connection.conn);

          /* Translators: the first %s is the server, the second what it said. */
          g_set_error (error, MC_PG_ERROR, MC_PG_ERROR_CONNECT, _("Could not connect to %s: %s"),
                       host != NULL && *host != '\0' ? host : "localhost", words);
        }
      else
        g_propagate_error (error, g_steal_pointer (&local));
      mc_pg_connection_close (&connection);
      return FALSE;
    }
  result = mc_pg_connection_query (&connection, _("looking for tables"),
                                   "SELECT count(*) FROM information_schema.tables "
                                   "WHERE table_schema = current_schema () AND table_type = 'BASE TABLE'",
                                   0, NULL, error);
  if (result != NULL && g_strcmp0 (PQgetvalue (result, 0, 0), "0") == 0)
    /* Translators: %s is the database. */
    g_set_error (error, MC_PG_ERROR, MC_PG_ERROR_EMPTY, _("Database %s holds no table Mercato can read"),
                 PQdb (connection.conn));
  else
    ok = result != NULL;
  mc_pg_connection_close (&connection);
  return ok;
}
