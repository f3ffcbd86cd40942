/* test-dataset-loader.c: opening a dataset in stages, with progress and cancellation
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "mc-analysis.h"
#include "mc-dataset-loader.h"
#include "mc-model.h"
#include "mc-model-store.h"
#include "test-common.h"

/* What a load reported, in order. */
typedef struct
{
  GPtrArray    *stages;       /* each new stage once, in order */
  GArray       *starts;       /* double, the fraction each began at */
  GArray       *fractions;    /* double, every report */
  GCancellable *cancellable;
  const char   *cancel_in;    /* a prefix of the stage that cancels */
  guint         cancel_at;    /* or the report that cancels (from 1) */
  gint64        cancelled_at;
} Reports;

static void
reports_init (Reports *reports)
{
  *reports = (Reports) { g_ptr_array_new_with_free_func (g_free), g_array_new (FALSE, FALSE, sizeof (double)),
                         g_array_new (FALSE, FALSE, sizeof (double)), g_cancellable_new () };
}

static void
reports_clear (Reports *reports)
{
  g_clear_pointer (&reports->stages, g_ptr_array_unref);
  g_clear_pointer (&reports->starts, g_array_unref);
  g_clear_pointer (&reports->fractions, g_array_unref);
  g_clear_object (&reports->cancellable);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reports, reports_clear)

static void
on_report_cb (double      fraction,
              const char *stage,
              gpointer    user_data)
{
  Reports *reports = user_data;
  const char *last = reports->stages->len > 0 ? g_ptr_array_index (reports->stages, reports->stages->len - 1) : NULL;

  g_array_append_val (reports->fractions, fraction);
  if (stage != NULL && g_strcmp0 (stage, last) != 0)
    {
      g_ptr_array_add (reports->stages, g_strdup (stage));
      g_array_append_val (reports->starts, fraction);
    }
  if (reports->cancelled_at != 0)
    return;
  if ((reports->cancel_in != NULL && stage != NULL && g_str_has_prefix (stage, reports->cancel_in))
      || reports->fractions->len == reports->cancel_at)
    {
      reports->cancelled_at = g_get_monotonic_time ();
      g_cancellable_cancel (reports->cancellable);
    }
}

static GStrv
fixture_paths (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "dataset", name, NULL);
  char *paths[] = { path, NULL };

  return g_strdupv (paths);
}

static McDatasetLoader *
fixture_loader (const char *name)
{
  g_auto(GStrv) paths = fixture_paths (name);

  return mc_dataset_loader_new ((const char * const *) paths);
}

static McDataset *
load_observed (McDatasetLoader  *loader,
               Reports          *reports,
               GError          **error)
{
  return mc_dataset_loader_load_reporting (loader, on_report_cb, reports, reports->cancellable, error);
}

/* Every stage, in the order of the chain, with a fraction that never
 * goes back, is not full after reading and is full at the end. */
static void
test_stages (void)
{
  g_autoptr(McDatasetLoader) loader = fixture_loader ("automotive");
  g_autoptr(GError) error = NULL;
  g_autoptr(McDataset) dataset = NULL;
  g_auto(Reports) reports;
  const char *expected[] = {
    "Reading cars.csv", "Finding types in cars.csv", "Reading sales.csv", "Finding types in sales.csv",
    "Reading users.csv", "Finding types in users.csv", "Reading visits.csv", "Finding types in visits.csv",
    "Finding relations", "Finding the purchases", "Working out the figures", "Loaded",
  };
  reports_init (&reports);
  dataset = load_observed (loader, &reports, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  g_assert_cmpuint (reports.stages->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (g_ptr_array_index (reports.stages, i), ==, expected[i]);
  for (guint i = 1; i < reports.fractions->len; i++)
    {
      g_assert_cmpfloat (g_array_index (reports.fractions, double, i), >=, g_array_index (reports.fractions, double, i - 1));
      g_assert_cmpfloat (g_array_index (reports.fractions, double, i), <=, 1.0);
    }
  g_assert_cmpfloat (g_array_index (reports.fractions, double, reports.fractions->len - 1), ==, 1.0);

  /* Each stage moves the bar on: reading ends well before it is full,
   * the figures take a good part of it. */
  for (guint i = 1; i < reports.starts->len; i++)
    g_assert_cmpfloat (g_array_index (reports.starts, double, i), >, g_array_index (reports.starts, double, i - 1));
  g_assert_cmpfloat (g_array_index (reports.starts, double, 8), <, 0.5);
  g_assert_cmpfloat (g_array_index (reports.starts, double, 10), <, 0.5);
  /* The analysis is there, worked out by the load. */
  g_assert_nonnull (g_object_get_data (G_OBJECT (dataset), "mc-analysis"));
  g_assert_nonnull (mc_analysis_for_dataset (dataset)->metrics);
}

/* Without the analysis (the CLI's load) the stages stop at the model. */
static void
test_stages_without_analysis (void)
{
  g_auto(GStrv) paths = fixture_paths ("automotive");
  g_autoptr(GError) error = NULL;
  g_autoptr(McDataset) dataset = NULL;
  g_auto(Reports) reports;

  reports_init (&reports);
  dataset = mc_dataset_load ((const char * const *) paths, on_report_cb, &reports, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_ptr_array_index (reports.stages, reports.stages->len - 2), ==, "Finding the purchases");
  g_assert_cmpstr (g_ptr_array_index (reports.stages, reports.stages->len - 1), ==, "Loaded");
  g_assert_null (g_object_get_data (G_OBJECT (dataset), "mc-analysis"));
  g_assert_cmpfloat (g_array_index (reports.fractions, double, reports.fractions->len - 1), ==, 1.0);
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

/* However many reports a load makes while the main context is busy,
 * the properties are notified once, from one low-priority idle. */
static void
test_notify_coalesced (void)
{
  g_autoptr(McDatasetLoader) loader = fixture_loader ("automotive");
  g_autoptr(GError) error = NULL;
  g_autoptr(McDataset) dataset = NULL;
  g_auto(Reports) reports;
  guint fractions = 0, messages = 0;

  reports_init (&reports);
  g_signal_connect (loader, "notify::fraction", G_CALLBACK (on_notify_cb), &fractions);
  g_signal_connect (loader, "notify::message", G_CALLBACK (on_notify_cb), &messages);
  dataset = load_observed (loader, &reports, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fractions, ==, 0);
  g_assert_cmpuint (reports.fractions->len, >, 20);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (fractions, ==, 1);
  g_assert_cmpuint (messages, ==, 1);
  g_assert_cmpfloat (mc_dataset_loader_get_fraction (loader), ==, 1.0);
  g_assert_cmpstr (mc_dataset_loader_get_message (loader), ==, "Loaded");
}

typedef struct
{
  McDataset *dataset;
  GError    *error;
  gboolean   done;
  double     last_fraction;
  guint      notified;
} Async;

static void
on_fraction_cb (GObject    *object,
                GParamSpec *pspec,
                gpointer    user_data)
{
  Async *async = user_data;
  double fraction = mc_dataset_loader_get_fraction (MC_DATASET_LOADER (object));

  /* A bar that moves back is worse than one that waits. */
  g_assert_cmpfloat (fraction, >=, async->last_fraction);
  async->last_fraction = fraction;
  async->notified++;
  /* A busy main loop: reports pile up meanwhile. */
  g_usleep (20000);
}

static void
on_loaded_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Async *async = user_data;

  async->dataset = mc_dataset_loader_load_finish (MC_DATASET_LOADER (object), result, &async->error);
  async->done = TRUE;
}

static void
load_async (McDatasetLoader *loader,
            GCancellable    *cancellable,
            Async           *async)
{
  g_signal_connect (loader, "notify::fraction", G_CALLBACK (on_fraction_cb), async);
  mc_dataset_loader_load_async (loader, cancellable, on_loaded_cb, async);
  while (!async->done)
    g_main_context_iteration (NULL, TRUE);
  /* The last idle may come after the result. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_async (void)
{
  g_autoptr(McDatasetLoader) loader = fixture_loader ("automotive");
  g_auto(Reports) reports;
  g_autoptr(McDataset) dataset = NULL;
  Async async = { NULL };

  load_async (loader, NULL, &async);
  g_assert_no_error (async.error);
  g_assert_nonnull (async.dataset);
  g_assert_cmpuint (mc_dataset_get_n_tables (async.dataset), ==, 4);
  g_assert_nonnull (g_object_get_data (G_OBJECT (async.dataset), "mc-analysis"));
  g_assert_cmpfloat (mc_dataset_loader_get_fraction (loader), ==, 1.0);
  g_assert_cmpstr (mc_dataset_loader_get_message (loader), ==, "Loaded");

  /* Far fewer notifications than reports. */
  reports_init (&reports);
  dataset = load_observed (loader, &reports, NULL);
  g_assert_cmpuint (async.notified, >=, 1);
  g_assert_cmpuint (async.notified * 3, <, reports.fractions->len);
  g_clear_object (&async.dataset);
}

static void
assert_cancelled (McDatasetLoader *loader,
                  Reports         *reports)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McDataset) dataset = load_observed (loader, reports, &error);
  gint64 returned = g_get_monotonic_time ();

  g_assert_null (dataset);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (reports->cancelled_at, >, 0);
  g_assert_cmpint (returned - reports->cancelled_at, <, G_USEC_PER_SEC / 2);
}

/* Cancelling when each stage starts ends the load there, quickly, with
 * no dataset, and the loader can load again. */
static void
test_cancel_each_stage (void)
{
  const char *stages[] = {
    "Reading sales.csv", "Finding types in visits.csv", "Finding relations", "Finding the purchases",
    "Working out the figures", "Loaded",
  };
  g_autoptr(McDatasetLoader) loader = fixture_loader ("automotive");
  g_autoptr(McDataset) dataset = NULL;

  for (guint s = 0; s < G_N_ELEMENTS (stages); s++)
    {
      g_auto(Reports) reports;

      reports_init (&reports);
      reports.cancel_in = stages[s];
      assert_cancelled (loader, &reports);
      g_assert_cmpstr (g_ptr_array_index (reports.stages, reports.stages->len - 1), ==, stages[s]);
    }
  dataset = mc_dataset_loader_load (loader, NULL, NULL);
  g_assert_nonnull (dataset);
}

/* Wherever it falls, between reports or inside the analysis, a cancel
 * is never lost and never gives a dataset. */
static void
test_cancel_at_every_report (void)
{
  g_autoptr(McDatasetLoader) loader = fixture_loader ("shop");
  g_auto(Reports) all;
  g_autoptr(McDataset) dataset = NULL;

  reports_init (&all);
  dataset = load_observed (loader, &all, NULL);
  g_assert_nonnull (dataset);
  for (guint n = 1; n <= all.fractions->len; n++)
    {
      g_auto(Reports) reports;

      reports_init (&reports);
      reports.cancel_at = n;
      assert_cancelled (loader, &reports);
    }
}

/* Cancelled inside the analysis, nothing more is worked out or kept. */
static void
test_cancel_analysis (void)
{
  g_autoptr(McDataset) dataset = load_test_dataset ("dataset", "automotive", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(Reports) reports;

  reports_init (&reports);
  reports.cancel_at = 1;
  g_assert_false (mc_analysis_compute_for_dataset (dataset, on_report_cb, &reports, reports.cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* The part after the one that saw the cancel never ran. */
  g_assert_cmpuint (reports.fractions->len, ==, 1);
  g_assert_null (g_object_get_data (G_OBJECT (dataset), "mc-analysis"));
  /* Later, uncancelled, it is worked out as ever. */
  g_assert_nonnull (mc_analysis_for_dataset (dataset)->metrics);
}

/* Each step of inference gives up when cancelled, leaving no model. */
static void
test_cancel_inference (void)
{
  g_autoptr(McDataset) dataset = load_test_dataset ("dataset", "automotive", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(McModel) model = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (mc_dataset_infer_relations (dataset, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (mc_dataset_get_n_relations (dataset), ==, 0);
  g_clear_error (&error);
  model = mc_model_infer (dataset, NULL, cancellable, &error);
  g_assert_null (model);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_false (mc_model_infer_for_dataset (dataset, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_null (mc_metrics_compute_full (dataset, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_null (mc_patterns_compute_full (dataset, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* The user's saved corrections make the model when asked for, and only
 * then; corrections that no longer fit give way to inference. */
static void
test_saved_model (void)
{
  g_autofree char *folder = g_dir_make_tmp ("mercato-models-XXXXXX", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "model", "invoices", NULL);
  const char *paths[] = { path, NULL };
  g_autoptr(McDataset) dataset = NULL;
  g_autoptr(McDataset) saved = NULL;
  g_autoptr(McDataset) ignored = NULL;
  g_autoptr(McDatasetLoader) loader = mc_dataset_loader_new (paths);
  g_autoptr(GHashTable) settings = mc_model_overrides_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *store = NULL;

  g_setenv ("MERCATO_MODEL_DIR", folder, TRUE);
  dataset = mc_dataset_load (paths, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (mc_model_parse_setting (settings, "amount=UnitPrice", &error));
  g_assert_true (mc_model_set_dataset_settings (dataset, settings, &error));
  g_assert_true (mc_model_store_save (dataset, &error));
  store = mc_model_store_path (dataset);

  ignored = mc_dataset_loader_load (loader, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (mc_model_get_choice (mc_model_for_dataset (ignored), MC_MODEL_AMOUNT)->set_by_user);
  mc_dataset_loader_set_use_saved_model (loader, TRUE);
  saved = mc_dataset_loader_load (loader, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (mc_model_get_choice (mc_model_for_dataset (saved), MC_MODEL_AMOUNT)->set_by_user);
  g_assert_cmpstr (mc_model_get_value (mc_model_for_dataset (saved), MC_MODEL_AMOUNT), ==, "UnitPrice");

  g_unlink (store);
  g_rmdir (folder);
  g_unsetenv ("MERCATO_MODEL_DIR");
}

/* Cancelled before it starts, the async load returns no dataset. */
static void
test_cancel_async (void)
{
  g_autoptr(McDatasetLoader) loader = fixture_loader ("automotive");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Async async = { NULL };

  g_cancellable_cancel (cancellable);
  load_async (loader, cancellable, &async);
  g_assert_null (async.dataset);
  g_assert_error (async.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&async.error);
}

/* The async load fails with the error the synchronous one gives. */
static void
assert_same_error (const char *path)
{
  const char *paths[] = { path, NULL };
  g_autoptr(McDatasetLoader) loader = mc_dataset_loader_new (paths);
  g_autoptr(GError) error = NULL;
  g_autoptr(McDataset) dataset = mc_dataset_load (paths, NULL, NULL, NULL, &error);
  Async async = { NULL };

  g_assert_null (dataset);
  g_assert_nonnull (error);
  load_async (loader, NULL, &async);
  g_assert_null (async.dataset);
  g_assert_error (async.error, error->domain, error->code);
  g_assert_cmpstr (async.error->message, ==, error->message);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&async.error);
}

static void
test_errors (void)
{
  g_autofree char *ragged = g_test_build_filename (G_TEST_DIST, "fixtures", "csv", "ragged.csv", NULL);
  g_autofree char *unterminated = g_test_build_filename (G_TEST_DIST, "fixtures", "csv", "unterminated.csv", NULL);

  assert_same_error ("/nonexistent/orders.csv");
  assert_same_error (ragged);
  assert_same_error (unterminated);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Mercato/DatasetLoader/stages", test_stages);
  g_test_add_func ("/Mercato/DatasetLoader/stages-without-analysis", test_stages_without_analysis);
  g_test_add_func ("/Mercato/DatasetLoader/notify-coalesced", test_notify_coalesced);
  g_test_add_func ("/Mercato/DatasetLoader/async", test_async);
  g_test_add_func ("/Mercato/DatasetLoader/cancel-each-stage", test_cancel_each_stage);
  g_test_add_func ("/Mercato/DatasetLoader/cancel-at-every-report", test_cancel_at_every_report);
  g_test_add_func ("/Mercato/DatasetLoader/saved-model", test_saved_model);
  g_test_add_func ("/Mercato/DatasetLoader/cancel-analysis", test_cancel_analysis);
  g_test_add_func ("/Mercato/DatasetLoader/cancel-inference", test_cancel_inference);
  g_test_add_func ("/Mercato/DatasetLoader/cancel-async", test_cancel_async);
  g_test_add_func ("/Mercato/DatasetLoader/errors", test_errors);

  return g_test_run ();
}
