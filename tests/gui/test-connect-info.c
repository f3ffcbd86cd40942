/* test-connect-info.c: the Connect dialog's fields as a URI and back
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the recent datasets keep: every field, escaped, and never a
 * password.
 */
#include <glib.h>

#include "mc-connect-info.h"

static void
test_round_trip (void)
{
  g_autoptr(McConnectInfo) info = mc_connect_info_new ("/run/my sockets", "6432", "shop & co", "anna@shop", "verify-full");
  g_autofree char *uri = mc_connect_info_to_uri (info);
  g_autoptr(McConnectInfo) back = mc_connect_info_new_from_uri (uri);
  g_autofree char *title = NULL;
  g_autofree char *where = NULL;

  g_assert_cmpstr (uri, ==, "postgresql:///shop%20%26%20co?host=%2Frun%2Fmy%20sockets&port=6432"
                            "&user=anna%40shop&sslmode=verify-full&connect_timeout=10");
  g_assert_nonnull (back);
  g_assert_cmpstr (back->host, ==, "/run/my sockets");
  g_assert_cmpstr (back->port, ==, "6432");
  g_assert_cmpstr (back->database, ==, "shop & co");
  g_assert_cmpstr (back->user, ==, "anna@shop");
  g_assert_cmpstr (back->sslmode, ==, "verify-full");
  g_assert_false (mc_connect_info_has_password (uri));
  g_assert_true (mc_connect_info_describe_conninfo (uri, &title, &where));
  g_assert_cmpstr (title, ==, "shop & co");
  g_assert_cmpstr (where, ==, "anna@shop@/run/my sockets:6432");
}

static void
test_not_ours (void)
{
  g_autofree char *title = NULL;
  g_autofree char *where = NULL;

  /* A password in a URI: never offered again, never kept. */
  g_assert_null (mc_connect_info_new_from_uri ("postgresql://shop:secret@db.example.com/shop"));
  g_assert_true (mc_connect_info_has_password ("postgresql://shop:secret@db.example.com/shop"));
  g_assert_true (mc_connect_info_has_password ("host=db.example.com dbname=shop password=secret"));
  g_assert_null (mc_connect_info_new_from_uri ("/home/anna/sales.csv"));
  g_assert_false (mc_connect_info_describe_conninfo ("/home/anna/sales.csv", &title, &where));
  /* An unknown TLS mode is libpq's default, prefer. */
  {
    g_autoptr(McConnectInfo) info = mc_connect_info_new ("db", "5432", "shop", "anna", "sometimes");

    g_assert_cmpstr (info->sslmode, ==, "prefer");
  }
  g_assert_true (mc_connect_info_describe_conninfo ("service=shop", &title, &where));
  g_assert_cmpstr (where, ==, "PostgreSQL database");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Mercato/ConnectInfo/round-trip", test_round_trip);
  g_test_add_func ("/Mercato/ConnectInfo/not-ours", test_not_ours);

  return g_test_run ();
}
