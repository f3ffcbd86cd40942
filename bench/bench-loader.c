/* bench-loader.c: open a dataset as the app does, to its figures, or cancel it
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-loader PATH...: loads with McDatasetLoader on its worker thread
 * to the finished analysis, the main loop running as in the app, and
 * prints "loader <seconds> <peak RSS MB> <rows>".
 *
 * bench-loader --cancel-in STAGE --after MS PATH...: cancels MS after
 * `message` first starts with STAGE (as the app's Cancel would, from the
 * main loop) and prints "cancel <STAGE> <MS> <milliseconds until the
 * load returned> <what it returned>". Run by bench/run-loader-bench.sh.
 */
#include <stdio.h>
#include <sys/resource.h>

#include "mc-dataset-loader.h"

typedef struct
{
  GMainLoop    *loop;
  GCancellable *cancellable;
  const char   *cancel_in;
  guint         after_ms;
  gint64        cancelled_at;
  gint64        returned_at;
  McDataset    *dataset;
  GError       *error;
} Bench;

static gboolean
cancel_cb (gpointer user_data)
{
  Bench *bench = user_data;

  bench->cancelled_at = g_get_monotonic_time ();
  g_cancellable_cancel (bench->cancellable);
  return G_SOURCE_REMOVE;
}

static void
on_message_cb (GObject    *object,
               GParamSpec *pspec,
               gpointer    user_data)
{
  Bench *bench = user_data;
  const char *message = mc_dataset_loader_get_message (MC_DATASET_LOADER (object));

  if (bench->cancel_in == NULL || message == NULL || !g_str_has_prefix (message, bench->cancel_in))
    return;
  g_timeout_add (bench->after_ms, cancel_cb, bench);
  bench->cancel_in = NULL;
}

static void
on_loaded_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Bench *bench = user_data;

  bench->returned_at = g_get_monotonic_time ();
  bench->dataset = mc_dataset_loader_load_finish (MC_DATASET_LOADER (object), result, &bench->error);
  g_main_loop_quit (bench->loop);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cancel_in = NULL;
  int after_ms = 0;
  GOptionEntry entries[] = {
    { "cancel-in", 0, 0, G_OPTION_ARG_STRING, &cancel_in, "Cancel in the stage whose message starts so", "STAGE" },
    { "after", 0, 0, G_OPTION_ARG_INT, &after_ms, "Milliseconds into the stage", "MS" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("PATH...");
  g_autoptr(GError) error = NULL;
  g_autoptr(McDatasetLoader) loader = NULL;
  Bench bench = { 0 };
  struct rusage usage;
  gint64 started;
  gsize rows = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc < 2)
    {
      g_printerr ("Usage: bench-loader [--cancel-in STAGE --after MS] PATH...\n");
      return 2;
    }
  bench.loop = g_main_loop_new (NULL, FALSE);
  bench.cancellable = g_cancellable_new ();
  bench.cancel_in = cancel_in;
  bench.after_ms = MAX (after_ms, 0);
  loader = mc_dataset_loader_new ((const char * const *) argv + 1);
  g_signal_connect (loader, "notify::message", G_CALLBACK (on_message_cb), &bench);
  started = g_get_monotonic_time ();
  mc_dataset_loader_load_async (loader, bench.cancellable, on_loaded_cb, &bench);
  g_main_loop_run (bench.loop);

  if (cancel_in != NULL)
    {
      printf ("cancel %s %d %.0f %s\n", cancel_in, after_ms,
              bench.cancelled_at > 0 ? (bench.returned_at - bench.cancelled_at) / 1e3 : -1.0,
              bench.dataset != NULL ? "dataset" : bench.error != NULL ? "cancelled" : "nothing");
      return bench.cancelled_at > 0 && bench.dataset == NULL ? 0 : 1;
    }
  if (bench.dataset == NULL)
    {
      g_printerr ("%s\n", bench.error->message);
      return 1;
    }
  for (guint t = 0; t < mc_dataset_get_n_tables (bench.dataset); t++)
    rows += mc_table_get_n_rows (mc_dataset_get_table (bench.dataset, t));
  getrusage (RUSAGE_SELF, &usage);
  printf ("loader %.3f %ld %" G_GSIZE_FORMAT "\n", (bench.returned_at - started) / 1e6, usage.ru_maxrss / 1024, rows);
  g_clear_object (&bench.dataset);
  g_clear_error (&bench.error);
  g_clear_object (&bench.cancellable);
  g_main_loop_unref (bench.loop);
  return 0;
}
