/* mc-connect-info.c: a database connection as the Connect dialog fills it
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-connect-info"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libpq-fe.h>

#include "mc-connect-info.h"
#include "mc-pg-source.h"

/* Connecting gives up after this many seconds, so that a host that
 * never answers ends in an error rather than a dialog that waits. */
#define CONNECT_TIMEOUT "10"

static const char * const sslmodes[] = { "disable", "allow", "prefer", "require", "verify-ca", "verify-full", NULL };

const char * const *
mc_connect_info_sslmodes (void)
{
  return sslmodes;
}

McConnectInfo *
mc_connect_info_new (const char *host,
                     const char *port,
                     const char *database,
                     const char *user,
                     const char *sslmode)
{
  McConnectInfo *self = g_new0 (McConnectInfo, 1);

  self->host = g_strdup (host != NULL ? host : "");
  self->port = g_strdup (port != NULL ? port : "");
  self->database = g_strdup (database != NULL ? database : "");
  self->user = g_strdup (user != NULL ? user : "");
  self->sslmode = g_strdup (sslmode != NULL && g_strv_contains (sslmodes, sslmode) ? sslmode : "prefer");
  return self;
}

McConnectInfo *
mc_connect_info_new_from_uri (const char *uri)
{
  PQconninfoOption *options;
  const char *values[6] = { NULL };
  const char *keywords[] = { "host", "port", "dbname", "user", "sslmode", "password" };
  McConnectInfo *self = NULL;

  g_return_val_if_fail (uri != NULL, NULL);

  if (!g_str_has_prefix (uri, "postgresql://") && !g_str_has_prefix (uri, "postgres://"))
    return NULL;
  options = PQconninfoParse (uri, NULL);
  if (options == NULL)
    return NULL;
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    for (guint i = 0; i < G_N_ELEMENTS (keywords); i++)
      if (g_str_equal (o->keyword, keywords[i]))
        values[i] = o->val;
  if (values[2] != NULL && values[5] == NULL)
    self = mc_connect_info_new (values[0], values[1], values[2], values[3], values[4]);
  PQconninfoFree (options);
  return self;
}

void
mc_connect_info_free (McConnectInfo *self)
{
  if (self == NULL)
    return;
  g_free (self->host);
  g_free (self->port);
  g_free (self->database);
  g_free (self->user);
  g_free (self->sslmode);
  g_free (self);
}

static void
append_parameter (GString    *uri,
                  const char *name,
                  const char *value)
{
  g_autofree char *escaped = NULL;

  if (value == NULL || *value == '\0')
    return;
  escaped = g_uri_escape_string (value, NULL, FALSE);
  g_string_append_printf (uri, "%s%s=%s", strchr (uri->str, '?') != NULL ? "&" : "?", name, escaped);
}

char *
mc_connect_info_to_uri (const McConnectInfo *self)
{
  g_autofree char *database = NULL;
  GString *uri;

  g_return_val_if_fail (self != NULL, NULL);

  /* Every part as a parameter: a host may be a socket folder, which has
   * no place in a URI's authority. */
  database = g_uri_escape_string (self->database, NULL, FALSE);
  uri = g_string_new ("postgresql:///");
  g_string_append (uri, database);
  append_parameter (uri, "host", self->host);
  append_parameter (uri, "port", self->port);
  append_parameter (uri, "user", self->user);
  append_parameter (uri, "sslmode", self->sslmode);
  append_parameter (uri, "connect_timeout", CONNECT_TIMEOUT);
  return g_string_free (uri, FALSE);
}

char *
mc_connect_info_describe (const McConnectInfo *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  if (*self->user != '\0')
    g_string_append_printf (text, "%s@", self->user);
  g_string_append (text, *self->host != '\0' ? self->host : "localhost");
  if (*self->port != '\0')
    g_string_append_printf (text, ":%s", self->port);
  return g_string_free (text, FALSE);
}

gboolean
mc_connect_info_describe_conninfo (const char  *conninfo,
                                   char       **title,
                                   char       **where)
{
  g_autoptr(McConnectInfo) info = NULL;

  g_return_val_if_fail (conninfo != NULL && title != NULL && where != NULL, FALSE);

  if (!mc_pg_is_conninfo (conninfo))
    return FALSE;
  info = mc_connect_info_new_from_uri (conninfo);
  if (info != NULL)
    {
      *title = g_strdup (info->database);
      *where = mc_connect_info_describe (info);
      return TRUE;
    }
  *title = mc_pg_get_database_name (conninfo);
  if (*title == NULL)
    *title = g_strdup (conninfo);
  *where = g_strdup (_("PostgreSQL database"));
  return TRUE;
}

gboolean
mc_connect_info_has_password (const char *conninfo)
{
  PQconninfoOption *options = PQconninfoParse (conninfo, NULL);
  gboolean has = FALSE;

  if (options == NULL)
    return FALSE;
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    has |= g_str_equal (o->keyword, "password") && o->val != NULL;
  PQconninfoFree (options);
  return has;
}
