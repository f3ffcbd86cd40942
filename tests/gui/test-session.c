/* test-session.c: the session without a window
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the window and its pages observe: a dataset opened on a worker
 * thread with its properties notified, a filter, cleaning with undo and
 * redo one step at a time, and results that came too late dropped.
 */
#include <gio/gio.h>

#include "mc-checks.h"
#include "mc-cleaning.h"
#include "mc-session.h"

static char *
sample_path (void)
{
  return g_build_filename (g_getenv ("MERCATO_SOURCE_ROOT"), "app", "sample", "automotive", NULL);
}

/* How often each property was notified. */
static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              GHashTable *counts)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, pspec->name));

  g_hash_table_insert (counts, (gpointer) pspec->name, GUINT_TO_POINTER (n + 1));
}

static guint
notified (GHashTable *counts,
          const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counts, name));
}

/* An operation's end: whether it succeeded and its error. */
typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
  gboolean (*finish) (McSession *, GAsyncResult *, GError **);
} Ending;

static void
ended_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Ending *ending = user_data;

  ending->ok = ending->finish (MC_SESSION (object), result, &ending->error);
  ending->done = TRUE;
}

static void
wait_for (Ending *ending)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_TIME_SPAN_SECOND;

  while (!ending->done && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (ending->done);
  /* The jobs' tasks and the last progress idle let go of the session. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* A worker thread lets go of its task (and so of the session, its
 * source) a moment after the task's callback ran: wait for that, then
 * the session must go. */
static void
finalize_session (McSession *session)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  while (G_OBJECT (session)->ref_count > 1 && g_get_monotonic_time () < deadline)
    {
      g_usleep (1000);
      g_main_context_iteration (NULL, FALSE);
    }
  g_assert_finalize_object (session);
}

static McSession *
open_sample (GHashTable *counts)
{
  g_autofree char *path = sample_path ();
  const char *paths[] = { path, NULL };
  McSession *session = mc_session_new ();
  Ending opened = { .finish = mc_session_open_finish };

  if (counts != NULL)
    g_signal_connect (session, "notify", G_CALLBACK (on_notify_cb), counts);
  mc_session_open_async (session, paths, NULL, ended_cb, &opened);
  g_assert_true (mc_session_get_loading (session));
  g_assert_true (mc_session_get_busy (session));
  g_assert_cmpstr (mc_session_get_progress_message (session), ==, "Reading automotive");
  wait_for (&opened);
  g_assert_no_error (opened.error);
  g_assert_true (opened.ok);
  return session;
}

static guint
sales_rows (McSession *session)
{
  return mc_table_get_n_rows (mc_dataset_lookup_table (mc_session_get_dataset (session), "sales"));
}

/* Opening: the dataset, its checks and charts, and what was notified. */
static void
test_open (void)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  McSession *session = open_sample (counts);

  g_assert_false (mc_session_get_loading (session));
  g_assert_false (mc_session_get_busy (session));
  g_assert_nonnull (mc_session_get_dataset (session));
  g_assert_nonnull (mc_session_get_analysis (session)->metrics);
  g_assert_nonnull (mc_session_get_charts (session));
  /* The 15 findings of `mercato-cli check app/sample/automotive`. */
  g_assert_cmpuint (mc_session_get_findings (session)->len, ==, 15);
  g_assert_cmpuint (sales_rows (session), ==, 1487);
  g_assert_false (mc_session_get_can_undo (session));
  g_assert_cmpuint (notified (counts, "dataset"), ==, 1);
  g_assert_cmpuint (notified (counts, "analysis"), ==, 1);
  /* Started and ended. */
  g_assert_cmpuint (notified (counts, "loading"), ==, 2);
  g_assert_cmpuint (notified (counts, "busy"), >=, 2);
  /* Each stage is named as the loader reaches it (reading each file,
   * finding types, relations, the purchases, the figures). */
  g_assert_cmpuint (notified (counts, "progress-message"), >=, 2);
  finalize_session (session);
}

/* A file that cannot be read: an error, and nothing shown. */
static void
test_open_error (void)
{
  const char *paths[] = { "/nonexistent/mercato/sales.csv", NULL };
  McSession *session = mc_session_new ();
  Ending opened = { .finish = mc_session_open_finish };

  mc_session_open_async (session, paths, NULL, ended_cb, &opened);
  wait_for (&opened);
  g_assert_false (opened.ok);
  g_assert_nonnull (opened.error);
  g_assert_false (g_error_matches (opened.error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  g_assert_null (mc_session_get_dataset (session));
  g_assert_false (mc_session_get_loading (session));
  g_clear_error (&opened.error);
  finalize_session (session);
}

static GPtrArray *
website_electric (void)
{
  GPtrArray *conditions = g_ptr_array_new ();
  static McChartCondition website = { MC_ROLE_CHANNEL, MC_BUCKET_NONE, (char *) "Website" };
  static McChartCondition electric = { MC_ROLE_CATEGORY, MC_BUCKET_NONE, (char *) "Electric" };

  g_ptr_array_add (conditions, &website);
  g_ptr_array_add (conditions, &electric);
  return conditions;
}

/* The filter: its label at once, its purchases once worked out, and
 * gone when cleared. */
static void
test_filter (void)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  McSession *session = open_sample (counts);
  g_autoptr(GPtrArray) conditions = website_electric ();
  Ending filtered = { .finish = mc_session_filter_finish };

  mc_session_filter_async (session, conditions, ended_cb, &filtered);
  g_assert_cmpstr (mc_session_get_filter_label (session), ==, "Website · Electric");
  g_assert_true (mc_session_get_filtering (session));
  g_assert_null (mc_session_get_filtered (session));
  wait_for (&filtered);
  g_assert_no_error (filtered.error);
  g_assert_false (mc_session_get_filtering (session));
  g_assert_nonnull (mc_session_get_filtered (session));
  g_assert_nonnull (mc_session_get_filtered_charts (session));
  /* 128 sales of electric cars on the Website. */
  g_assert_cmpuint (mc_table_get_n_rows (mc_dataset_lookup_table (mc_session_get_filtered (session), "sales")), ==,
                    128);
  g_assert_true (mc_session_get_listed (session) != mc_session_get_dataset (session));
  g_assert_cmpuint (notified (counts, "filtered"), ==, 1);
  g_assert_cmpuint (notified (counts, "filter-label"), ==, 1);

  mc_session_clear_filter (session);
  g_assert_null (mc_session_get_filtered (session));
  g_assert_null (mc_session_get_filter_label (session));
  g_assert_true (mc_session_get_listed (session) == mc_session_get_dataset (session));
  g_assert_cmpuint (notified (counts, "filtered"), ==, 2);
  finalize_session (session);
}

/* A filter superseded by a newer one, or cleared while worked out,
 * never shows. */
static void
test_superseded (void)
{
  McSession *session = open_sample (NULL);
  g_autoptr(GPtrArray) conditions = website_electric ();
  g_autoptr(McDataset) whole = g_object_ref (mc_session_get_dataset (session));
  Ending first = { .finish = mc_session_filter_finish };
  Ending second = { .finish = mc_session_filter_finish };
  Ending cleared = { .finish = mc_session_filter_finish };

  mc_session_filter_async (session, conditions, ended_cb, &first);
  mc_session_filter_dataset_async (session, whole, "everything", ended_cb, &second);
  wait_for (&first);
  wait_for (&second);
  g_assert_error (first.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_no_error (second.error);
  g_assert_true (mc_session_get_filtered (session) == whole);
  g_assert_cmpstr (mc_session_get_filter_label (session), ==, "everything");

  mc_session_filter_async (session, conditions, ended_cb, &cleared);
  mc_session_clear_filter (session);
  wait_for (&cleared);
  g_assert_error (cleared.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (mc_session_get_filtered (session));
  g_assert_null (mc_session_get_filter_label (session));
  g_assert_false (mc_session_get_busy (session));
  g_clear_error (&first.error);
  g_clear_error (&cleared.error);
  finalize_session (session);
}

/* A filter superseded while its charts are worked out stops (its task
 * ends with G_IO_ERROR_CANCELLED) and shows nothing of itself: until the
 * newer one is ready, the charts of the filter before stay. */
static void
test_superseded_keeps_charts (void)
{
  McSession *session = open_sample (NULL);
  g_autoptr(GPtrArray) conditions = website_electric ();
  Ending before = { .finish = mc_session_filter_finish };
  Ending superseded = { .finish = mc_session_filter_finish };
  Ending newer = { .finish = mc_session_filter_finish };
  McChartData *charts;

  mc_session_filter_async (session, conditions, ended_cb, &before);
  wait_for (&before);
  g_assert_no_error (before.error);
  charts = mc_session_get_filtered_charts (session);
  g_assert_nonnull (charts);

  mc_session_filter_async (session, conditions, ended_cb, &superseded);
  g_assert_true (mc_session_get_filtered_charts (session) == charts);
  mc_session_filter_async (session, conditions, ended_cb, &newer);
  g_assert_true (mc_session_get_filtered_charts (session) == charts);
  wait_for (&superseded);
  g_assert_error (superseded.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  if (!newer.done)
    g_assert_true (mc_session_get_filtered_charts (session) == charts);
  wait_for (&newer);
  g_assert_no_error (newer.error);
  g_assert_nonnull (mc_session_get_filtered_charts (session));
  g_assert_true (mc_session_get_filtered_charts (session) != charts);
  g_clear_error (&superseded.error);
  finalize_session (session);
}

/* An open started while another runs: only the last one shows. */
static void
test_open_superseded (void)
{
  g_autofree char *path = sample_path ();
  const char *paths[] = { path, NULL };
  McSession *session = mc_session_new ();
  Ending first = { .finish = mc_session_open_finish };
  Ending second = { .finish = mc_session_open_finish };
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);

  g_signal_connect (session, "notify::dataset", G_CALLBACK (on_notify_cb), counts);
  mc_session_open_async (session, paths, NULL, ended_cb, &first);
  mc_session_open_async (session, paths, NULL, ended_cb, &second);
  wait_for (&first);
  wait_for (&second);
  g_assert_error (first.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (second.ok);
  g_assert_cmpuint (notified (counts, "dataset"), ==, 1);
  g_clear_error (&first.error);
  finalize_session (session);
}

static void
applied_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Ending *ending = user_data;
  gsize removed = 0;

  ending->ok = mc_session_apply_recipe_finish (MC_SESSION (object), result, &removed, &ending->error);
  ending->done = TRUE;
  /* The repeated row of sales. */
  if (ending->ok)
    g_assert_cmpuint (removed, >=, 1);
}

/* Cleaning, then undo and redo one step at a time; the steps in the
 * middle of the Apply are made again on a worker thread. */
static void
test_undo_redo (void)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  McSession *session = open_sample (counts);
  McDataset *original = mc_session_get_dataset (session);
  g_autoptr(GPtrArray) recipe = mc_recipe_suggest (original, mc_session_get_findings (session));
  McDataset *cleaned;
  Ending applied = { 0 };
  Ending undone = { .finish = mc_session_history_finish };
  Ending redone = { .finish = mc_session_history_finish };
  Ending back = { .finish = mc_session_history_finish };
  guint undos = 0;

  g_assert_cmpuint (recipe->len, >=, 2);
  g_hash_table_remove_all (counts);
  mc_session_apply_recipe_async (session, recipe, applied_cb, &applied);
  g_assert_true (mc_session_get_changing (session));
  g_assert_false (mc_session_get_can_undo (session));
  wait_for (&applied);
  g_assert_no_error (applied.error);
  g_assert_false (mc_session_get_changing (session));
  cleaned = mc_session_get_dataset (session);
  g_assert_true (cleaned != original);
  g_assert_cmpuint (mc_session_get_recipe (session)->len, ==, recipe->len);
  g_assert_cmpuint (sales_rows (session), ==, 1486);
  g_assert_true (mc_session_get_can_undo (session));
  g_assert_false (mc_session_get_can_redo (session));
  g_assert_cmpuint (notified (counts, "can-undo"), >=, 1);

  /* Back to the data opened, one step at a time. */
  while (mc_session_get_can_undo (session))
    {
      McDataset *before = mc_session_get_dataset (session);

      undone.done = FALSE;
      mc_session_undo_async (session, ended_cb, &undone);
      wait_for (&undone);
      g_assert_no_error (undone.error);
      g_assert_true (mc_session_get_dataset (session) != before);
      undos++;
    }
  g_assert_cmpuint (undos, ==, recipe->len);
  g_assert_true (mc_session_get_dataset (session) == original);
  g_assert_null (mc_session_get_recipe (session));
  g_assert_true (mc_session_get_can_redo (session));

  /* Forth again: the step in the middle is made on a worker thread. */
  mc_session_redo_async (session, ended_cb, &redone);
  wait_for (&redone);
  g_assert_no_error (redone.error);
  g_assert_cmpuint (mc_session_get_recipe (session)->len, ==, 1);
  redone.done = FALSE;
  for (guint i = 1; i < recipe->len; i++)
    {
      redone.done = FALSE;
      mc_session_redo_async (session, ended_cb, &redone);
      wait_for (&redone);
    }
  g_assert_true (mc_session_get_dataset (session) == cleaned);
  g_assert_false (mc_session_get_can_redo (session));

  /* Nowhere to go: refused, nothing changed. */
  mc_session_redo_async (session, ended_cb, &back);
  wait_for (&back);
  g_assert_error (back.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_true (mc_session_get_dataset (session) == cleaned);
  g_clear_error (&back.error);
  finalize_session (session);
}

/* A cleaning of a dataset another one replaced meanwhile is dropped. */
static void
test_cleaning_superseded (void)
{
  g_autofree char *path = sample_path ();
  const char *paths[] = { path, NULL };
  McSession *session = open_sample (NULL);
  g_autoptr(GPtrArray) recipe = mc_recipe_suggest (mc_session_get_dataset (session),
                                                   mc_session_get_findings (session));
  Ending applied = { 0 };
  Ending reopened = { .finish = mc_session_open_finish };
  Ending again = { 0 };

  mc_session_apply_recipe_async (session, recipe, applied_cb, &applied);
  mc_session_open_async (session, paths, NULL, ended_cb, &reopened);
  wait_for (&applied);
  wait_for (&reopened);
  /* Whichever ended first, the cleaning of the data no longer shown
   * never shows. */
  g_assert_true (reopened.ok);
  if (!applied.ok)
    g_assert_error (applied.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (mc_session_get_recipe (session));
  g_assert_false (mc_session_get_can_undo (session));
  g_assert_cmpuint (sales_rows (session), ==, 1487);
  g_clear_error (&applied.error);

  /* And one of the data shown is taken. */
  mc_session_apply_recipe_async (session, recipe, applied_cb, &again);
  wait_for (&again);
  g_assert_no_error (again.error);
  g_assert_true (again.ok);
  g_assert_cmpuint (sales_rows (session), ==, 1486);
  finalize_session (session);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Mercato/Session/open", test_open);
  g_test_add_func ("/Mercato/Session/open-error", test_open_error);
  g_test_add_func ("/Mercato/Session/open-superseded", test_open_superseded);
  g_test_add_func ("/Mercato/Session/filter", test_filter);
  g_test_add_func ("/Mercato/Session/superseded", test_superseded);
  g_test_add_func ("/Mercato/Session/superseded-keeps-charts", test_superseded_keeps_charts);
  g_test_add_func ("/Mercato/Session/undo-redo", test_undo_redo);
  g_test_add_func ("/Mercato/Session/cleaning-superseded", test_cleaning_superseded);
  return g_test_run ();
}
