/* mc-connect-secret.c: database passwords in the keyring, never in a file
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-connect-secret"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>
#include <string.h>

#include "mc-connect-secret.h"
#include "mc-pg-connection.h"

/* Passwords held for the app's life, by held_key(); "" where the
 * keyring was asked and had none. Read on workers. */
static GMutex held_lock;
static GHashTable *held;

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "org.mercato.Mercato.Database", SECRET_SCHEMA_NONE,
    {
      { "host", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "port", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "database", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

static GHashTable *
attributes_for (const McConnectInfo *info)
{
  return secret_attributes_build (get_schema (),
                                  "host", info->host, "port", info->port,
                                  "database", info->database, "user", info->user,
                                  NULL);
}

static char *
held_key (const McConnectInfo *info)
{
  return g_strjoin ("\x1f", info->host, info->port, info->database, info->user, NULL);
}

static void
wipe_free (gpointer data)
{
  char *password = data;

  explicit_bzero (password, strlen (password));
  g_free (password);
}

void
mc_connect_secret_hold (const McConnectInfo *info,
                        const char          *password)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&held_lock);

  g_return_if_fail (info != NULL);

  if (held == NULL)
    held = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, wipe_free);
  if (password != NULL)
    g_hash_table_insert (held, held_key (info), g_strdup (password));
  else
    g_hash_table_remove (held, held_key (info));
}

/* A copy of the held password; FALSE when none was held or looked up. */
static gboolean
find_held (const McConnectInfo  *info,
           char                **password)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&held_lock);
  g_autofree char *key = held_key (info);
  const char *found = held != NULL ? g_hash_table_lookup (held, key) : NULL;

  *password = found != NULL && *found != '\0' ? g_strdup (found) : NULL;
  return found != NULL;
}

/* mc_pg_set_password_func(): on the connecting thread. */
static char *
look_up_password_cb (const char *host,
                     const char *port,
                     const char *database,
                     const char *user)
{
  g_autoptr(McConnectInfo) info = mc_connect_info_new (host, port, database, user, NULL);
  g_autoptr(GError) error = NULL;
  char *password = NULL;

  if (find_held (info, &password))
    return password;
  password = mc_connect_secret_lookup_sync (info, NULL, &error);
  if (error != NULL)
    g_debug ("no password from the keyring for %s: %s", database, error->message);
  /* Asked once: the next connection does not ask the keyring again. */
  mc_connect_secret_hold (info, password != NULL ? password : "");
  return password;
}

void
mc_connect_secret_install (void)
{
  mc_pg_set_password_func (look_up_password_cb);
}

gboolean
mc_connect_secret_store_sync (const McConnectInfo  *info,
                              const char           *password,
                              GCancellable         *cancellable,
                              GError              **error)
{
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *where = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (info != NULL && password != NULL, FALSE);

  attributes = attributes_for (info);
  where = mc_connect_info_describe (info);
  /* Translators: how the keyring lists the password; the first %s is a database, the second user@host:port. */
  label = g_strdup_printf (_("Mercato: database %s (%s)"), info->database, where);
  return secret_password_storev_sync (get_schema (), attributes, SECRET_COLLECTION_DEFAULT, label, password,
                                      cancellable, error);
}

gboolean
mc_connect_secret_clear_sync (const McConnectInfo  *info,
                              GCancellable         *cancellable,
                              GError              **error)
{
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (info != NULL, FALSE);

  attributes = attributes_for (info);
  /* FALSE with no error when there was nothing to clear. */
  secret_password_clearv_sync (get_schema (), attributes, cancellable, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

char *
mc_connect_secret_lookup_sync (const McConnectInfo  *info,
                               GCancellable         *cancellable,
                               GError              **error)
{
  g_autoptr(GHashTable) attributes = NULL;
  char *secret;
  char *password;

  g_return_val_if_fail (info != NULL, NULL);

  attributes = attributes_for (info);
  secret = secret_password_lookupv_sync (get_schema (), attributes, cancellable, error);
  if (secret == NULL)
    return NULL;
  /* libsecret's copy lives in non-pageable memory; ours in GLib's. */
  password = g_strdup (secret);
  secret_password_free (secret);
  return password;
}

static void
lookup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  char *password = mc_connect_secret_lookup_sync (task_data, cancellable, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, password, wipe_free);
}

void
mc_connect_secret_lookup_async (const McConnectInfo *info,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, mc_connect_secret_lookup_async);
  g_task_set_task_data (task,
                        mc_connect_info_new (info->host, info->port, info->database, info->user, info->sslmode),
                        (GDestroyNotify) mc_connect_info_free);
  g_task_run_in_thread (task, lookup_thread);
}

char *
mc_connect_secret_lookup_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
