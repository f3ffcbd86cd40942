/* test-pg-app.c: the app's pages on a database, against a real server
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run by tests/pg/run-pg-gui-tests.sh, which starts the server (socket
 * folder in MERCATO_PG_SOCKET, the trusted role mercato, database shop
 * with the shipped sample and the table events). The test connects as
 * mercato beside the app to do to the tables what a busy or changing
 * database does: hold a lock, rename a column.
 */
#include <adwaita.h>
#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>

#include "pg-rows-common.h"
#include "mc-segments-page-private.h"
#include "mc-tables-page-private.h"
#include "mc-window-private.h"
#include "test-common.h"

static PGconn *admin;

static void
settle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until DONE, which may look at the server: a timer
 * wakes the loop to ask again. FALSE after SECONDS. */
static gboolean
poll_until (gboolean  (*done) (gpointer),
            gpointer    data,
            double      seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (seconds * G_TIME_SPAN_SECOND);
  guint timer = g_timeout_add (50, wake_cb, NULL);
  gboolean ok;

  while (!(ok = done (data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timer);
  settle ();
  return ok;
}

static void
admin_exec (const char *sql)
{
  PGresult *result = PQexec (admin, sql);

  g_assert_cmpstr (PQresultErrorMessage (result), ==, "");
  PQclear (result);
}

static gboolean
lock_granted (gpointer data)
{
  PGresult *result;

  if (!PQconsumeInput (admin))
    g_error ("the admin connection failed: %s", PQerrorMessage (admin));
  if (PQisBusy (admin))
    return FALSE;
  while ((result = PQgetResult (admin)) != NULL)
    {
      g_assert_cmpstr (PQresultErrorMessage (result), ==, "");
      PQclear (result);
    }
  return TRUE;
}

/* Begins a transaction holding TABLE locked, the main loop running
 * meanwhile: a query of the app's that holds the table up (a page being
 * read, the Overview's figures) ends first, where a blocking PQexec()
 * would stop the very loop it needs. */
static void
admin_lock (const char *table)
{
  g_autofree char *sql = g_strdup_printf ("LOCK TABLE %s IN ACCESS EXCLUSIVE MODE", table);

  admin_exec ("BEGIN");
  g_assert_true (PQsendQuery (admin, sql));
  g_assert_true (poll_until (lock_granted, NULL, 90));
}

/* Queries of the app's waiting on a lock (the activity read anew,
 * not the snapshot of it the transaction holding the lock took). */
static int
n_waiting_on_lock (void)
{
  PGresult *result = PQexec (admin, "SELECT pg_catalog.pg_stat_clear_snapshot (); SELECT count(*) FROM pg_stat_activity WHERE datname = 'shop' "
                                    "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid ()");
  int n = atoi (PQgetvalue (result, 0, 0));

  PQclear (result);
  return n;
}

static gboolean
some_waiting (gpointer data)
{
  return n_waiting_on_lock () > 0;
}

static gboolean
one_waiting (gpointer data)
{
  return n_waiting_on_lock () == 1;
}

static gboolean
none_waiting (gpointer data)
{
  return n_waiting_on_lock () == 0;
}

static gboolean
loaded (gpointer window)
{
  return !mc_window_get_loading (window) && mc_window_get_dataset (window) != NULL;
}

static gboolean
prepared (gpointer page)
{
  const char *step = mc_segments_page_get_step (page);

  if (g_strcmp0 (step, "unavailable") == 0)
    g_test_message ("Segments: %s", adw_status_page_get_description (MC_SEGMENTS_PAGE (page)->unavailable_page));
  return g_strcmp0 (step, "features") == 0 || g_strcmp0 (step, "unavailable") == 0;
}

static gboolean
is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

static McWindow *
open_shop (void)
{
  g_autofree char *uri = g_strdup_printf ("postgresql:///shop?host=%s&user=mercato", g_getenv ("MERCATO_PG_SOCKET"));
  const char *paths[] = { uri, NULL };
  McWindow *window = mc_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  mc_window_open_paths (window, paths);
  wait_until (loaded, window);
  return window;
}

/* Cancel while the customers' features are worked out on the server
 * (their query waits on a lock) stops that query on the server, and
 * the page offers to prepare again, which then works. */
static void
test_segments_cancel (void)
{
  McWindow *window = open_shop ();
  McSegmentsPage *page = mc_window_get_segments_page (window);

  g_assert_true (poll_until (prepared, page, 60));
  g_assert_cmpstr (mc_segments_page_get_step (page), ==, "features");
  admin_lock ("sales");
  mc_segments_page_prepare_again (page);
  g_assert_cmpstr (mc_segments_page_get_step (page), ==, "preparing");
  g_assert_true (poll_until (some_waiting, NULL, 20));
  mc_segments_page_cancel (page);
  g_assert_cmpstr (mc_segments_page_get_step (page), ==, "unavailable");
  g_assert_false (mc_segments_page_get_busy (page));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (page->retry_button)));
  /* The lock is still held: only a cancel on the server ends the wait. */
  g_assert_true (poll_until (none_waiting, NULL, 10));
  admin_exec ("ROLLBACK");

  g_signal_emit_by_name (page->retry_button, "clicked");
  g_assert_cmpstr (mc_segments_page_get_step (page), ==, "preparing");
  g_assert_true (poll_until (prepared, page, 60));
  g_assert_cmpstr (mc_segments_page_get_step (page), ==, "features");
  g_assert_null (mc_segments_page_get_server_note (page));
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
}

/* A server that fails the features' query is said in the wizard, with
 * what it was asked and its words, and that memory computed them. */
static void
test_segments_server_error (void)
{
  McWindow *window = open_shop ();
  McSegmentsPage *page = mc_window_get_segments_page (window);
  const char *note;

  g_assert_true (poll_until (prepared, page, 60));
  g_assert_null (mc_segments_page_get_server_note (page));
  admin_exec ("ALTER TABLE sales RENAME COLUMN platform TO platform_renamed");
  mc_segments_page_prepare_again (page);
  g_assert_true (poll_until (prepared, page, 60));
  g_assert_cmpstr (mc_segments_page_get_step (page), ==, "features");
  note = mc_segments_page_get_server_note (page);
  g_test_message ("the wizard says: %s", note);
  g_assert_nonnull (note);
  g_assert_true (g_str_has_prefix (note, "Could not compute the customers' features on the database server: "));
  g_assert_nonnull (strstr (note, "platform does not exist"));
  g_assert_nonnull (strstr (note, "computed in memory"));
  adw_view_stack_set_visible_child_name (window->view_stack, "segments");
  g_assert_true (poll_until (is_mapped, page->server_note_label, 10));
  admin_exec ("ALTER TABLE sales RENAME COLUMN platform_renamed TO platform");
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
}

/* The Tables page on table events (key event_id from 1 to 5000). */
static McPgRows *
show_events (McWindow *window)
{
  McDataset *dataset = mc_window_get_dataset (window);
  McPgRows *rows;

  adw_view_stack_set_visible_child_name (window->view_stack, "tables");
  for (guint t = 0; t < mc_dataset_get_n_tables (dataset); t++)
    if (g_str_equal (mc_table_get_name (mc_dataset_get_table (dataset, t)), "events"))
      gtk_list_box_select_row (mc_window_get_table_list (window),
                               gtk_list_box_get_row_at_index (mc_window_get_table_list (window), t));
  gtk_stack_set_visible_child_name (GTK_STACK (gtk_widget_get_ancestor (GTK_WIDGET (mc_window_get_rows_view (window)),
                                                                        GTK_TYPE_STACK)), "rows");
  rows = shown_rows (window);
  g_assert_true (poll_until (page_read, rows, 30));
  return rows;
}

/* A page the server refuses (the key column was renamed after the
 * table was read) is said above the rows, naming the table and with
 * the server's words; the rows shown stay, and Retry, once the column
 * is back, brings the next page. */
static void
test_table_page_error (void)
{
  McWindow *window = open_shop ();
  McPgRows *rows = show_events (window);
  const char *said;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 200);
  g_assert_null (_mc_tables_page_get_rows_error (window->tables_page));
  admin_exec ("ALTER TABLE events RENAME COLUMN event_id TO event_key");
  mc_pg_rows_load_more (rows);
  g_assert_true (poll_until (page_read, rows, 30));
  said = _mc_tables_page_get_rows_error (window->tables_page);
  g_test_message ("the page says: %s", said);
  g_assert_nonnull (said);
  g_assert_true (g_str_has_prefix (said, "Could not read rows of table events from the database server: "));
  g_assert_nonnull (strstr (said, "event_id does not exist"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 200);
  g_assert_cmpstr (cell (rows, 199, 0), ==, "200");

  admin_exec ("ALTER TABLE events RENAME COLUMN event_key TO event_id");
  mc_pg_rows_retry (rows);
  g_assert_null (_mc_tables_page_get_rows_error (window->tables_page));
  g_assert_true (poll_until (page_read, rows, 30));
  g_assert_null (_mc_tables_page_get_rows_error (window->tables_page));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 400);
  g_assert_cmpstr (cell (rows, 200, 0), ==, "201");
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
}

typedef struct
{
  McWindow   *window;
  const char *text;
} Searched;

/* Setting the entry's text empties it first: the rows for "" come and
 * go before those searched for. */
static gboolean
rows_searched (gpointer data)
{
  Searched *searched = data;
  const char *search = mc_pg_rows_get_search (shown_rows (searched->window));

  return g_strcmp0 (search, *searched->text != '\0' ? searched->text : NULL) == 0;
}

/* Types TEXT in the search entry and waits for the rows it shows. */
static McPgRows *
search_for (McWindow   *window,
            const char *text)
{
  Searched searched = { window, text };

  gtk_editable_set_text (_mc_tables_page_get_search_entry (window->tables_page), text);
  g_assert_true (poll_until (rows_searched, &searched, 10));
  return shown_rows (window);
}

static gboolean
all_read (gpointer rows)
{
  if (page_read (rows) && !mc_pg_rows_get_complete (rows) && mc_pg_rows_get_error (rows) == NULL)
    mc_pg_rows_load_more (rows);
  return page_read (rows) && (mc_pg_rows_get_complete (rows) || mc_pg_rows_get_error (rows) != NULL);
}

/* The pid of the app's query that waits on a lock, or 0. */
static int
waiting_pid (void)
{
  PGresult *result = PQexec (admin, "SELECT pg_catalog.pg_stat_clear_snapshot (); SELECT pid FROM pg_stat_activity "
                                    "WHERE datname = 'shop' AND wait_event_type = 'Lock' AND pid <> pg_backend_pid ()");
  int pid = PQntuples (result) > 0 ? atoi (PQgetvalue (result, 0, 0)) : 0;

  PQclear (result);
  return pid;
}

static gboolean
pid_waiting (gpointer pid)
{
  PGresult *result = PQexec (admin, "SELECT pg_catalog.pg_stat_clear_snapshot (); SELECT pid FROM pg_stat_activity "
                                    "WHERE wait_event_type = 'Lock'");
  gboolean found = FALSE;

  for (int r = 0; r < PQntuples (result); r++)
    found |= atoi (PQgetvalue (result, r, 0)) == GPOINTER_TO_INT (pid);
  PQclear (result);
  return found;
}

static gboolean
pid_not_waiting (gpointer pid)
{
  return !pid_waiting (pid);
}

/* A search on a database's table runs on the server, keyset paged and
 * counted there: "event 1" is in the labels of events 1, 10–19,
 * 100–199 and 1000–1999 (1 + 10 + 100 + 1000 = 1111 rows, the first
 * page 200 of them); "event 12" in those of 12, 120–129 and 1200–1299
 * (111); "%" and "_" are letters, not wildcards (no label has them);
 * in any case. A new search text stops the search before it on the
 * server. */
static void
test_table_search (void)
{
  McWindow *window = open_shop ();
  McPgRows *rows = show_events (window);
  int pid;

  g_assert_null (_mc_tables_page_get_search_count (window->tables_page));
  rows = search_for (window, "EVENT 1");
  g_assert_true (poll_until (page_read, rows, 30));
  g_assert_cmpint (mc_pg_rows_get_n_matches (rows), ==, 1111);
  g_assert_cmpstr (_mc_tables_page_get_search_count (window->tables_page), ==, "1,111 rows match");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 200);
  g_assert_cmpstr (cell (rows, 0, 1), ==, "event 1");
  g_assert_cmpstr (cell (rows, 1, 1), ==, "event 10");
  g_assert_true (poll_until (all_read, rows, 60));
  g_assert_null (mc_pg_rows_get_error (rows));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 1111);
  g_assert_cmpstr (cell (rows, 1110, 1), ==, "event 1999");
  for (guint r = 0; r < 1111; r++)
    g_assert_true (g_str_has_prefix (cell (rows, r, 1), "event 1"));

  rows = search_for (window, "%");
  g_assert_true (poll_until (page_read, rows, 30));
  g_assert_null (mc_pg_rows_get_error (rows));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 0);
  g_assert_cmpint (mc_pg_rows_get_n_matches (rows), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 0);
  g_assert_cmpstr (_mc_tables_page_get_search_count (window->tables_page), ==, "No row matches");
  rows = search_for (window, "event_1");
  g_assert_true (poll_until (page_read, rows, 30));
  g_assert_cmpint (mc_pg_rows_get_n_matches (rows), ==, 0);

  admin_lock ("events");
  rows = search_for (window, "event 1");
  g_assert_true (poll_until (some_waiting, NULL, 20));
  pid = waiting_pid ();
  g_assert_cmpint (pid, >, 0);
  rows = search_for (window, "event 12");
  /* The lock is still held: the search before stopped on the server. */
  g_assert_true (poll_until (pid_not_waiting, GINT_TO_POINTER (pid), 10));
  /* Only the search shown waits (each text set passes through ""). */
  g_assert_true (poll_until (one_waiting, NULL, 10));
  g_assert_true (pid_not_waiting (GINT_TO_POINTER (pid)));
  admin_exec ("ROLLBACK");
  g_assert_true (poll_until (page_read, rows, 30));
  g_assert_cmpint (mc_pg_rows_get_n_matches (rows), ==, 111);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 111);
  g_assert_cmpstr (_mc_tables_page_get_search_count (window->tables_page), ==, "111 rows match");

  /* An empty search pages every row again. */
  rows = search_for (window, "");
  g_assert_true (poll_until (page_read, rows, 30));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 200);
  g_assert_null (_mc_tables_page_get_search_count (window->tables_page));
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
}

static void
on_progress_message_cb (McSession  *session,
                        GParamSpec *pspec,
                        GPtrArray  *seen)
{
  if (mc_session_get_progress_message (session) != NULL)
    g_ptr_array_add (seen, g_strdup (mc_session_get_progress_message (session)));
}

static gboolean
names_a_query (const char *message)
{
  return message != NULL && g_str_has_suffix (message, " on the database server…")
         && g_unichar_isupper (g_utf8_get_char (message));
}

static gboolean
session_names_a_query (gpointer session)
{
  return names_a_query (mc_session_get_progress_message (session));
}

/* A label under WIDGET whose text holds PART, or NULL. */
static GtkLabel *
find_label (GtkWidget  *widget,
            const char *part)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget)
      && strstr (gtk_label_get_text (GTK_LABEL (widget)), part) != NULL)
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, part);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
overview_names_a_query (gpointer window)
{
  GtkLabel *label = find_label (window, "Filtering to the purchases of ");

  return label != NULL && strstr (gtk_label_get_text (label), " on the database server…") != NULL;
}

static void
filtered_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mc_session_filter_finish (MC_SESSION (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static gboolean
is_true (gpointer flag)
{
  return *(gboolean *) flag;
}

/* While a database's figures are worked out on its server, the
 * progress names the query: as the dataset loads (the loading page's
 * message), and as a filter's figures are (the Overview's busy sign;
 * its first query waits on a lock, so the message stays). */
static void
test_progress_names_queries (void)
{
  g_autofree char *uri = g_strdup_printf ("postgresql:///shop?host=%s&user=mercato", g_getenv ("MERCATO_PG_SOCKET"));
  const char *paths[] = { uri, NULL };
  McWindow *window = mc_window_new (NULL);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) conditions = g_ptr_array_new_with_free_func (mc_purchases_condition_free);
  gboolean done = FALSE;

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (window->session, "notify::progress-message", G_CALLBACK (on_progress_message_cb), seen);
  mc_window_open_paths (window, paths);
  wait_until (loaded, window);
  /* Queries of a few milliseconds are said only when the main loop
   * gets to them: shown, not counted on. */
  for (guint i = 0; i < seen->len; i++)
    g_test_message ("while loading: %s", (char *) g_ptr_array_index (seen, i));
  g_signal_handlers_disconnect_by_data (window->session, seen);

  adw_view_stack_set_visible_child_name (window->view_stack, "overview");
  /* The Segments page's queries on sales are over before the lock. */
  g_assert_true (poll_until (prepared, mc_window_get_segments_page (window), 60));
  admin_lock ("sales");
  g_ptr_array_add (conditions, mc_purchases_condition_new (MC_ROLE_CHANNEL, MC_BUCKET_NONE, "Website"));
  mc_session_filter_async (window->session, conditions, filtered_cb, &done);
  g_assert_true (poll_until (some_waiting, NULL, 20));
  g_assert_true (poll_until (session_names_a_query, window->session, 10));
  g_test_message ("while filtering: %s", mc_session_get_progress_message (window->session));
  g_assert_true (poll_until (overview_names_a_query, window, 10));
  admin_exec ("ROLLBACK");
  g_assert_true (poll_until (is_true, &done, 60));
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *conninfo = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  conninfo = g_strdup_printf ("dbname=shop host=%s user=mercato", g_getenv ("MERCATO_PG_SOCKET"));
  admin = PQconnectdb (conninfo);
  g_assert_cmpint (PQstatus (admin), ==, CONNECTION_OK);
  /* A lock the app's own work holds up fails the test, not hangs it. */
  PQclear (PQexec (admin, "SET lock_timeout = '60s'"));

  g_test_add_func ("/Mercato/PgApp/segments-cancel", test_segments_cancel);
  g_test_add_func ("/Mercato/PgApp/segments-server-error", test_segments_server_error);

  g_test_add_func ("/Mercato/PgApp/table-page-error", test_table_page_error);

  g_test_add_func ("/Mercato/PgApp/table-search", test_table_search);

  g_test_add_func ("/Mercato/PgApp/progress-names-queries", test_progress_names_queries);

  status = g_test_run ();
  PQfinish (admin);
  return status;
}
