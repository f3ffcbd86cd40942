/* mc-connect-secret.h: database passwords in the keyring, never in a file
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Passwords are kept by the Secret Service (libsecret) under the schema
 * org.mercato.Mercato.Database, by host, port, database and user. For
 * the life of the app they are also held in memory, so that every later
 * connection to the same database (each query of the pushed-down
 * figures, each page of a table) finds the one the user typed, with or
 * without "Remember password". Connections ask through
 * mc_pg_set_password_func(), so no conninfo ever holds a password.
 */
#pragma once

#include <gio/gio.h>

#include "mc-connect-info.h"

G_BEGIN_DECLS

/* Makes every database connection of the app look its password up here. */
void      mc_connect_secret_install           (void);
/* Holds PASSWORD in memory for INFO's connections (NULL: forgets it). */
void      mc_connect_secret_hold              (const McConnectInfo  *info,
                                               const char           *password);
gboolean  mc_connect_secret_store_sync        (const McConnectInfo  *info,
                                               const char           *password,
                                               GCancellable         *cancellable,
                                               GError              **error);
gboolean  mc_connect_secret_clear_sync        (const McConnectInfo  *info,
                                               GCancellable         *cancellable,
                                               GError              **error);
/* The keyring's password for INFO, NULL when it has none. */
char     *mc_connect_secret_lookup_sync       (const McConnectInfo  *info,
                                               GCancellable         *cancellable,
                                               GError              **error);
void      mc_connect_secret_lookup_async      (const McConnectInfo  *info,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
char     *mc_connect_secret_lookup_finish     (GAsyncResult         *result,
                                               GError              **error);

G_END_DECLS
