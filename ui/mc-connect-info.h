/* mc-connect-info.h: a database connection as the Connect dialog fills it
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Host, port, database, user and TLS mode, never a password: what the
 * recent datasets keep (as a postgresql:// URI) and what names the
 * password in the keyring.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char *host;      /* a name, an address or a socket folder */
  char *port;
  char *database;
  char *user;
  char *sslmode;   /* libpq's: disable, allow, prefer, require, verify-ca, verify-full */
} McConnectInfo;

McConnectInfo *mc_connect_info_new          (const char          *host,
                                             const char          *port,
                                             const char          *database,
                                             const char          *user,
                                             const char          *sslmode);
/* NULL when URI names no database or gives a password (not one of ours). */
McConnectInfo *mc_connect_info_new_from_uri (const char          *uri);
void           mc_connect_info_free         (McConnectInfo       *self);
/* postgresql:///DATABASE?host=…&port=…&user=…&sslmode=…, without password. */
char          *mc_connect_info_to_uri       (const McConnectInfo *self);
/* "shop@db.example.com:5432", for the recent lists. */
char          *mc_connect_info_describe     (const McConnectInfo *self);
/* For the recent lists: TITLE (the database) and WHERE (user@host:port)
 * of CONNINFO; FALSE when it names a file rather than a database. */
gboolean       mc_connect_info_describe_conninfo (const char    *conninfo,
                                             char               **title,
                                             char               **where);
/* Whether CONNINFO holds a password, and so must never be kept. */
gboolean       mc_connect_info_has_password (const char          *conninfo);
/* The libpq sslmode values, in the order the dialog lists them. */
const char * const *mc_connect_info_sslmodes (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McConnectInfo, mc_connect_info_free)

G_END_DECLS
