/* test-connect-dialog.c: "Connect to Database…" against a real server
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run by tests/pg/run-pg-gui-tests.sh, which starts the server (role
 * shop with the password in MERCATO_PG_PASSWORD, socket folder in
 * MERCATO_PG_SOCKET) and, where it can, a keyring (MERCATO_TEST_KEYRING).
 */
#include <adwaita.h>
#include <string.h>

#include "mc-connect-dialog.h"
#include "mc-connect-secret.h"
#include "pg-rows-common.h"
#include "mc-window-private.h"
#include "test-common.h"

static void
settle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
not_connecting (gpointer dialog)
{
  return !_mc_connect_dialog_get_connecting (dialog);
}

static gboolean
not_looking_up (gpointer dialog)
{
  return !_mc_connect_dialog_get_looking_up (dialog);
}

static gboolean
is_null (gpointer pointer)
{
  return *(gpointer *) pointer == NULL;
}

static gboolean
loaded (gpointer window)
{
  return !mc_window_get_loading (window) && mc_window_get_dataset (window) != NULL;
}

/* The dialog win.connect-database opened over WINDOW. */
static McConnectDialog *
open_dialog (McWindow *window)
{
  McConnectDialog *found = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.connect-database", NULL));
  settle ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (MC_IS_CONNECT_DIALOG (toplevel))
        found = MC_CONNECT_DIALOG (toplevel);
    }
  g_assert_nonnull (found);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (found)) == GTK_WINDOW (window));
  return found;
}

static void
set_row (McConnectDialog *dialog,
         const char      *name,
         const char      *text)
{
  gtk_editable_set_text (GTK_EDITABLE (_mc_connect_dialog_get_row (dialog, name)), text);
}

static const char *
row_text (McConnectDialog *dialog,
          const char      *name)
{
  return gtk_editable_get_text (GTK_EDITABLE (_mc_connect_dialog_get_row (dialog, name)));
}

static void
fill (McConnectDialog *dialog,
      const char      *password)
{
  set_row (dialog, "host_row", g_getenv ("MERCATO_PG_SOCKET"));
  set_row (dialog, "port_row", "5432");
  set_row (dialog, "database_row", "shop");
  set_row (dialog, "user_row", "shop");
  set_row (dialog, "password_row", password);
  /* prefer, the default: a Unix socket has no TLS. */
  g_assert_cmpuint (adw_combo_row_get_selected (_mc_connect_dialog_get_sslmode_row (dialog)), ==, 2);
}

static gboolean
has_keyring (void)
{
  if (g_getenv ("MERCATO_TEST_KEYRING") != NULL)
    return TRUE;
  g_test_message ("no Secret Service here (gnome-keyring-daemon missing): the keyring is not checked");
  return FALSE;
}

/* A wrong password: the server's words in the dialog, which stays open
 * to correct them; then the right one opens the Overview, and the
 * keyring keeps it under host, port, database and user. */
static void
test_connect (void)
{
  McWindow *window = mc_window_new (NULL);
  McConnectDialog *dialog;
  const char *error;
  g_autoptr(McConnectInfo) info = mc_connect_info_new (g_getenv ("MERCATO_PG_SOCKET"), "5432", "shop", "shop", "prefer");

  gtk_window_present (GTK_WINDOW (window));
  dialog = open_dialog (window);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_switch_set_active (_mc_connect_dialog_get_remember (dialog), TRUE);

  fill (dialog, "not-the-password");
  _mc_connect_dialog_connect (dialog);
  g_assert_true (_mc_connect_dialog_get_connecting (dialog));
  wait_until (not_connecting, dialog);
  error = _mc_connect_dialog_get_error (dialog);
  g_assert_nonnull (error);
  g_test_message ("the dialog says: %s", error);
  g_assert_true (g_str_has_prefix (error, "Could not connect to "));
  g_assert_nonnull (strstr (error, "password authentication failed for user \"shop\""));
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_null (mc_window_get_dataset (window));

  set_row (dialog, "password_row", g_getenv ("MERCATO_PG_PASSWORD"));
  _mc_connect_dialog_connect (dialog);
  wait_until (is_null, &dialog);
  wait_until (loaded, window);
  g_assert_null (mc_window_get_last_error (window));
  g_assert_cmpuint (mc_dataset_get_n_tables (mc_window_get_dataset (window)), ==, 5);
  g_assert_cmpuint (mc_table_get_n_rows (mc_dataset_lookup_table (mc_window_get_dataset (window), "sales")), ==, 1487);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "dataset");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, "overview");

  if (has_keyring ())
    {
      g_autoptr(GError) keyring_error = NULL;
      g_autofree char *stored = mc_connect_secret_lookup_sync (info, NULL, &keyring_error);

      g_assert_no_error (keyring_error);
      g_assert_cmpstr (stored, ==, g_getenv ("MERCATO_PG_PASSWORD"));
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The connection is remembered without its password, offered in Open
 * Recent and in the dialog, which takes the password from the keyring. */
static void
test_recent_connection (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.mercato.Mercato");
  g_autoptr(GVariant) recent = g_settings_get_value (settings, "recent-datasets");
  g_autofree char *printed = g_variant_print (recent, FALSE);
  g_autofree const char **latest = NULL;
  McWindow *window = mc_window_new (NULL);
  McConnectDialog *dialog;

  g_assert_cmpuint (g_variant_n_children (recent), >=, 1);
  latest = g_variant_get_strv (g_variant_get_child_value (recent, 0), NULL);
  g_test_message ("remembered: %s", latest[0]);
  g_assert_true (g_str_has_prefix (latest[0], "postgresql:///shop?"));
  g_assert_nonnull (strstr (latest[0], "sslmode=prefer"));
  g_assert_null (strstr (printed, g_getenv ("MERCATO_PG_PASSWORD")));
  g_assert_null (strstr (printed, "password"));

  gtk_window_present (GTK_WINDOW (window));
  {
    GMenuModel *menu = G_MENU_MODEL (window->recent_menu);
    g_autofree char *label = NULL;

    g_assert_cmpint (g_menu_model_get_n_items (menu), >=, 1);
    g_menu_model_get_item_attribute (menu, 0, G_MENU_ATTRIBUTE_LABEL, "s", &label);
    g_assert_true (g_str_has_prefix (label, "shop — shop@"));
  }
  dialog = open_dialog (window);
  g_assert_cmpstr (row_text (dialog, "database_row"), ==, "shop");
  g_assert_cmpstr (row_text (dialog, "user_row"), ==, "shop");
  g_assert_cmpstr (row_text (dialog, "host_row"), ==, g_getenv ("MERCATO_PG_SOCKET"));
  wait_until (not_looking_up, dialog);
  if (has_keyring ())
    g_assert_cmpstr (row_text (dialog, "password_row"), ==, g_getenv ("MERCATO_PG_PASSWORD"));
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
}

static gboolean
after_a_second (gpointer start)
{
  return g_get_monotonic_time () - *(gint64 *) start > G_TIME_SPAN_SECOND;
}

/* Without "Remember password" the keyring forgets it (the app still
 * holds it while it runs); Cancel while connecting opens nothing. */
static void
test_forget_and_cancel (void)
{
  g_autoptr(McConnectInfo) info = mc_connect_info_new (g_getenv ("MERCATO_PG_SOCKET"), "5432", "shop", "shop", "prefer");
  McWindow *window = mc_window_new (NULL);
  McConnectDialog *dialog;
  gint64 start;

  gtk_window_present (GTK_WINDOW (window));
  dialog = open_dialog (window);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  wait_until (not_looking_up, dialog);
  set_row (dialog, "password_row", g_getenv ("MERCATO_PG_PASSWORD"));
  gtk_switch_set_active (_mc_connect_dialog_get_remember (dialog), FALSE);
  _mc_connect_dialog_connect (dialog);
  wait_until (is_null, &dialog);
  wait_until (loaded, window);
  if (has_keyring ())
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *stored = mc_connect_secret_lookup_sync (info, NULL, &error);

      g_assert_no_error (error);
      g_assert_null (stored);
    }
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();

  window = mc_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  dialog = open_dialog (window);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  _mc_connect_dialog_connect (dialog);
  g_assert_true (_mc_connect_dialog_get_connecting (dialog));
  gtk_window_close (GTK_WINDOW (dialog));
  wait_until (is_null, &dialog);
  start = g_get_monotonic_time ();
  wait_until (after_a_second, &start);
  g_assert_false (mc_window_get_loading (window));
  g_assert_null (mc_window_get_dataset (window));
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
}

static gboolean
laid_out (gpointer adjustment)
{
  return gtk_adjustment_get_upper (adjustment) > gtk_adjustment_get_page_size (adjustment) + 1;
}

/* A table on the server is paged by its key as the rows are scrolled:
 * the first 200 rows, then, scrolled to the end, the next 200, each
 * page after the last key; sorted by a column, by that column and then
 * the key, rows without a value last. (events: key g from 1 to 5000,
 * score (g × 37 mod 1000) / 10, kind missing where g is a multiple of 5.) */
static void
test_table_pages (void)
{
  g_autoptr(McConnectInfo) info = mc_connect_info_new (g_getenv ("MERCATO_PG_SOCKET"), "5432", "shop", "shop", "prefer");
  g_autofree char *uri = mc_connect_info_to_uri (info);
  const char *paths[] = { uri, NULL };
  McWindow *window = mc_window_new (NULL);
  McDataset *dataset;
  McPgRows *rows;
  GtkAdjustment *adjustment;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  /* The password the user gave is held for the app's connections. */
  mc_window_open_paths (window, paths);
  wait_until (loaded, window);
  dataset = mc_window_get_dataset (window);
  adw_view_stack_set_visible_child_name (window->view_stack, "tables");
  for (guint t = 0; t < mc_dataset_get_n_tables (dataset); t++)
    if (g_str_equal (mc_table_get_name (mc_dataset_get_table (dataset, t)), "events"))
      gtk_list_box_select_row (mc_window_get_table_list (window),
                               gtk_list_box_get_row_at_index (mc_window_get_table_list (window), t));
  rows = shown_rows (window);
  wait_until (page_read, rows);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 200);
  g_assert_cmpstr (cell (rows, 0, 0), ==, "1");
  g_assert_cmpstr (cell (rows, 199, 0), ==, "200");
  g_assert_cmpstr (cell (rows, 199, 1), ==, "event 200");

  /* The Rows tab, shown and laid out. */
  gtk_stack_set_visible_child_name (GTK_STACK (gtk_widget_get_ancestor (GTK_WIDGET (mc_window_get_rows_view (window)),
                                                                        GTK_TYPE_STACK)), "rows");
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (
    gtk_widget_get_ancestor (GTK_WIDGET (mc_window_get_rows_view (window)), GTK_TYPE_SCROLLED_WINDOW)));
  wait_until (laid_out, adjustment);
  g_assert_cmpuint (mc_pg_rows_get_n_pages (rows), ==, 1);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  g_assert_true (mc_pg_rows_get_loading (rows));
  wait_until (page_read, rows);
  g_assert_cmpuint (mc_pg_rows_get_n_pages (rows), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 400);
  g_assert_cmpstr (cell (rows, 200, 0), ==, "201");
  g_assert_cmpstr (cell (rows, 399, 0), ==, "400");

  /* Highest score first: 99.90 for g = 4027, 3027, 2027, 1027, 27. */
  mc_tables_page_sort_rows (window->tables_page, 2, TRUE);
  rows = shown_rows (window);
  wait_until (page_read, rows);
  g_assert_cmpstr (cell (rows, 0, 2), ==, "99.90");
  g_assert_cmpstr (cell (rows, 0, 0), ==, "4027");
  g_assert_cmpstr (cell (rows, 4, 0), ==, "27");
  g_assert_cmpstr (cell (rows, 5, 2), ==, "99.80");

  /* By kind, every row once: 4000 with a kind, then the 1000 without,
   * in key order (5, 10, …, 5000). */
  mc_tables_page_sort_rows (window->tables_page, 3, FALSE);
  rows = shown_rows (window);
  for (wait_until (page_read, rows); !mc_pg_rows_get_complete (rows); wait_until (page_read, rows))
    mc_pg_rows_load_more (rows);
  g_assert_null (mc_pg_rows_get_error (rows));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 5000);
  g_assert_cmpuint (mc_pg_rows_get_n_pages (rows), ==, 26);
  for (guint r = 0; r < 5000; r++)
    g_hash_table_add (seen, (gpointer) cell (rows, r, 0));
  g_assert_cmpuint (g_hash_table_size (seen), ==, 5000);
  g_assert_cmpstr (cell (rows, 0, 3), ==, "k0");
  g_assert_cmpstr (cell (rows, 3999, 3), ==, "k2");
  g_assert_cmpstr (cell (rows, 4000, 3), ==, "");
  g_assert_cmpstr (cell (rows, 4000, 0), ==, "5");
  g_assert_cmpstr (cell (rows, 4999, 0), ==, "5000");
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/Mercato/ConnectDialog/connect", test_connect);
  g_test_add_func ("/Mercato/ConnectDialog/recent-connection", test_recent_connection);
  g_test_add_func ("/Mercato/ConnectDialog/table-pages", test_table_pages);
  g_test_add_func ("/Mercato/ConnectDialog/forget-and-cancel", test_forget_and_cancel);

  return g_test_run ();
}
