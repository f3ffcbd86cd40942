/* mc-dataset-loader.c: open a dataset, from its files to its figures
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one way a dataset is opened, by the app, the CLI and the tests:
 * its files (or its database) are read, then its keys, relations and
 * roles found, its model made and, for the app, its analysis worked
 * out. Each stage is named in `message` with a `fraction` that moves
 * through all of them. As in sysprof's document loader, the worker's
 * reports are kept under a mutex and published by one low-priority
 * idle on the main context, however often they come; the pages bind to
 * the properties. Cancelling stops the stage under way at its next
 * check and leaves no dataset.
 */
#define G_LOG_DOMAIN "mc-dataset-loader"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "mc-analysis.h"
#include "mc-analysis-sql.h"
#include "mc-checks.h"
#include "mc-checks-sql.h"
#include "mc-features.h"
#include "mc-features-sql.h"
#include "mc-dataset-files.h"
#include "mc-dataset-loader.h"
#include "mc-metrics-sql.h"
#include "mc-model-store.h"
#include "mc-pg-source.h"
#include "mc-patterns-sql.h"
#include "mc-platforms-sql.h"
#include "mc-rfm-sql.h"

struct _McDatasetLoader
{
  GObject         parent_instance;

  GStrv           paths;
  guint           analyse : 1;
  guint           use_saved_model : 1;

  /* Written by the worker; the idle reads it. */
  McProgressSink  sink;
  GMutex          mutex;           /* guards the two below */
  GMainContext   *context;         /* where the load was started */
  GSource        *notify_source;

  /* As last notified, on the main context only. */
  double          fraction;
  char           *message;
};

G_DEFINE_FINAL_TYPE (McDatasetLoader, mc_dataset_loader, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATHS,
  PROP_ANALYSE,
  PROP_USE_SAVED_MODEL,
  PROP_FRACTION,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef enum
{
  STAGE_READ,
  STAGE_RELATIONS,
  STAGE_MODEL,
  STAGE_ANALYSIS,
  N_STAGES
} Stage;

/* Each stage's share of the time on the 1.5 M-row export (bench/): with
 * the analysis, reading is a third of the load. */
static const double stage_weights[N_STAGES] = { 0.30, 0.05, 0.03, 0.62 };

/* What one load does, copied when it starts: the worker never reads
 * the loader's settings, which the main thread may change. */
typedef struct
{
  const char * const *paths;
  gboolean            analyse;
  gboolean            use_saved_model;
  McProgressFunc      progress;
  gpointer            user_data;
  McProgressFunc      observer;         /* sees every report before the sink (tests) */
  gpointer            observer_data;
  McProgressSink     *sink;
  double              ends[N_STAGES];   /* where each stage ends, 0 to 1 */
  McProgress          part;             /* the stage under way */
  gint64              started;
} Load;

static void
load_init (Load               *load,
           const char * const *paths,
           gboolean            analyse,
           gboolean            use_saved_model,
           McProgressFunc      progress,
           gpointer            user_data)
{
  guint last = analyse ? STAGE_ANALYSIS : STAGE_MODEL;
  double total = 0, done = 0;

  *load = (Load) { paths, analyse, use_saved_model, progress, user_data };
  for (guint s = 0; s <= last; s++)
    total += stage_weights[s];
  for (guint s = 0; s < N_STAGES; s++)
    {
      done += s <= last ? stage_weights[s] : 0;
      load->ends[s] = MIN (done / total, 1.0);
    }
  load->started = g_get_monotonic_time ();
}

/* Starts STAGE, named MESSAGE; its 0 to 1 goes to its share of the bar. */
static McProgress *
load_begin (Load       *load,
            Stage       stage,
            const char *message)
{
  double from = stage > 0 ? load->ends[stage - 1] : 0.0;

  g_debug ("%s at %.3f s", message, (g_get_monotonic_time () - load->started) / 1e6);
  mc_progress_init (&load->part, load->progress, load->user_data, from, load->ends[stage], message);
  mc_progress_part_cb (0.0, NULL, &load->part);
  return &load->part;
}

static guint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (guint64) st.st_size : 0;
}

/* Gives TABLE a name no other table of the dataset has. */
static void
make_name_unique (McDataset *dataset,
                  McTable   *table)
{
  g_autofree char *base = g_strdup (mc_table_get_name (table));
  g_autofree char *name = g_strdup (base);

  for (guint n = 2; mc_dataset_lookup_table (dataset, name) != NULL; n++)
    {
      g_free (name);
      name = g_strdup_printf ("%s_%u", base, n);
    }
  mc_table_set_name (table, name);
}

/* Reads one file into DATASET, in the part of the reading stage from
 * FROM to TO. */
static gboolean
read_file (Load          *load,
           McDataset     *dataset,
           const char    *path,
           double         from,
           double         to,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autofree char *name = g_path_get_basename (path);
  /* Translators: %s is the name of a file being read. */
  g_autofree char *message = g_strdup_printf (_("Reading %s"), name);
  double start = load->ends[STAGE_READ] * from;
  double end = load->ends[STAGE_READ] * to;
  g_autoptr(GPtrArray) tables = NULL;
  McProgress part;

  g_debug ("%s at %.3f s", message, (g_get_monotonic_time () - load->started) / 1e6);
  mc_progress_init (&part, load->progress, load->user_data, start, end, message);
  mc_progress_part_cb (0.0, NULL, &part);
  if ((tables = mc_dataset_files_read (path, mc_progress_part_cb, &part, cancellable, error)) == NULL)
    return FALSE;
  for (guint t = 0; t < tables->len; t++)
    {
      make_name_unique (dataset, g_ptr_array_index (tables, t));
      mc_dataset_add_table (dataset, g_ptr_array_index (tables, t));
    }
  return TRUE;
}

/* Files are read in turn, each given a share of the stage by its size. */
static McDataset *
read_files (Load          *load,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(McDataset) dataset = mc_dataset_new ();
  g_autoptr(GPtrArray) skipped = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) files = NULL;
  guint64 total = 0, done = 0;

  if ((files = mc_dataset_files_list (load->paths, skipped, error)) == NULL)
    return NULL;
  for (guint i = 0; i < skipped->len; i++)
    mc_dataset_add_skipped (dataset, g_ptr_array_index (skipped, i));
  for (guint i = 0; i < files->len; i++)
    total += file_size (g_ptr_array_index (files, i));
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      guint64 size = file_size (path);

      if (!read_file (load, dataset, path, (double) done / MAX (total, 1), (double) (done + size) / MAX (total, 1),
                      cancellable, error))
        return NULL;
      done += size;
    }
  return g_steal_pointer (&dataset);
}

/* A database is a dataset of its own: its tables and the keys its
 * catalogue declares, which inference then keeps. */
static McDataset *
read_database (Load          *load,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(McDataset) dataset = mc_dataset_new ();
  g_autoptr(GPtrArray) tables = NULL;
  g_autoptr(GArray) keys = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  McProgress *part;

  if (load->paths[1] != NULL)
    {
      g_set_error_literal (error, MC_CSV_ERROR, MC_CSV_ERROR_IO,
                           _("a database is opened on its own: give its URI as the only PATH"));
      return NULL;
    }
  name = mc_pg_get_database_name (load->paths[0]);
  /* Translators: %s is the name of a database being read. */
  message = name != NULL ? g_strdup_printf (_("Reading %s"), name) : g_strdup (_("Reading the database"));
  part = load_begin (load, STAGE_READ, message);
  if ((tables = mc_pg_read (load->paths[0], &keys, mc_progress_part_cb, part, cancellable, error)) == NULL)
    return NULL;
  for (guint t = 0; t < tables->len; t++)
    {
      McTable *table = g_ptr_array_index (tables, t);

      mc_dataset_add_table (dataset, table);
      if (mc_table_get_primary_key (table) >= 0)
        mc_dataset_declare_primary_key (dataset, table, mc_table_get_primary_key (table));
    }
  for (guint i = 0; i < keys->len; i++)
    {
      const McPgForeignKey *key = &g_array_index (keys, McPgForeignKey, i);

      mc_dataset_declare_relation (dataset, key->from_table, key->from_column, key->to_table, key->to_column);
    }
  return g_steal_pointer (&dataset);
}

static gboolean
names_database (const char * const *paths)
{
  for (guint i = 0; paths[i] != NULL; i++)
    if (mc_pg_is_conninfo (paths[i]))
      return TRUE;
  return FALSE;
}

/* The model, with the user's saved corrections when asked and when they
 * still fit the data. A dataset whose model cannot be made still opens;
 * mc_model_for_dataset() says why. */
static gboolean
make_model (Load          *load,
            McDataset     *dataset,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GHashTable) saved = load->use_saved_model ? mc_model_store_load (dataset) : NULL;
  g_autoptr(GError) local_error = NULL;

  if (saved != NULL && !mc_model_infer_for_dataset (dataset, saved, cancellable, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_warning ("Saved model settings no longer fit: %s", local_error->message);
      g_clear_pointer (&saved, g_hash_table_unref);
      g_clear_error (&local_error);
    }
  if (saved == NULL && !mc_model_infer_for_dataset (dataset, NULL, cancellable, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      mc_model_for_dataset (dataset);
    }
  return TRUE;
}

/* A database's figures and the checks that are queries are computed on
 * its server where they can be: analysis/ and quality/ reach
 * data/server/ through their push-down hooks. */
static void
install_push_down (void)
{
  static gsize installed;

  if (g_once_init_enter (&installed))
    {
      mc_metrics_set_push_down (mc_metrics_sql_compute);
      mc_analysis_set_push_down (mc_analysis_sql_compute_query);
      mc_patterns_set_push_down (mc_patterns_sql_compute);
      mc_platform_analysis_set_push_down (mc_platforms_sql_compute);
      mc_rfm_set_push_down (mc_rfm_sql_compute);
      mc_checks_set_push_down (mc_checks_sql_count);
      mc_features_set_push_down (mc_features_sql_compute);
      g_once_init_leave (&installed, 1);
    }
}

/* The whole chain, on the calling thread. */
static McDataset *
load_run (Load          *load,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(McDataset) dataset = NULL;
  McProgress *part;

  g_assert (load->paths != NULL && load->paths[0] != NULL);

  install_push_down ();

  dataset = names_database (load->paths) ? read_database (load, cancellable, error)
                                         : read_files (load, cancellable, error);
  if (dataset == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  load_begin (load, STAGE_RELATIONS, _("Finding relations"));
  if (!mc_dataset_infer_relations (dataset, cancellable, error))
    return NULL;
  load_begin (load, STAGE_MODEL, _("Finding the purchases"));
  if (!make_model (load, dataset, cancellable, error))
    return NULL;
  if (load->analyse)
    {
      part = load_begin (load, STAGE_ANALYSIS, _("Working out the figures"));
      if (!mc_analysis_compute_for_dataset (dataset, mc_progress_part_cb, part, cancellable, error))
        return NULL;
    }
  mc_progress_report (load->progress, load->user_data, 1.0, _("Loaded"));
  /* A cancel that came before the return is never lost. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  g_debug ("loaded at %.3f s", (g_get_monotonic_time () - load->started) / 1e6);
  return g_steal_pointer (&dataset);
}

static gboolean
notify_in_idle (gpointer data)
{
  McDatasetLoader *self = data;
  g_autofree char *message = NULL;
  double fraction;

  g_assert (MC_IS_DATASET_LOADER (self));

  g_mutex_lock (&self->mutex);
  g_clear_pointer (&self->notify_source, g_source_unref);
  g_mutex_unlock (&self->mutex);

  fraction = mc_progress_sink_get (&self->sink, &message);
  if (fraction != self->fraction)
    {
      self->fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }
  if (g_strcmp0 (message, self->message) != 0)
    {
      g_free (self->message);
      self->message = g_steal_pointer (&message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
    }
  return G_SOURCE_REMOVE;
}

/* Called on the loading thread after every report that changed
 * something: at most one idle is pending, whatever the rate. */
static void
on_sink_changed_cb (gpointer sink,
                    gpointer user_data)
{
  McDatasetLoader *self = user_data;

  g_mutex_lock (&self->mutex);
  if (self->notify_source == NULL && self->context != NULL)
    {
      self->notify_source = g_idle_source_new ();
      g_source_set_priority (self->notify_source, G_PRIORITY_LOW);
      g_source_set_callback (self->notify_source, notify_in_idle, g_object_ref (self), g_object_unref);
      g_source_set_static_name (self->notify_source, "[mc-dataset-loader] notify");
      g_source_attach (self->notify_source, self->context);
    }
  g_mutex_unlock (&self->mutex);
}

/* The reports of a load with an observer: to it, then to the sink. */
static void
on_observed_progress_cb (double      fraction,
                         const char *stage,
                         gpointer    user_data)
{
  Load *load = user_data;

  load->observer (fraction, stage, load->observer_data);
  mc_progress_sink_cb (fraction, stage, load->sink);
}

/* A new load: reports start from nothing and are published where it
 * was started. */
static void
start_load (McDatasetLoader *self,
            Load            *load)
{
  mc_progress_sink_reset (&self->sink);
  g_mutex_lock (&self->mutex);
  g_clear_pointer (&self->context, g_main_context_unref);
  self->context = g_main_context_ref_thread_default ();
  g_mutex_unlock (&self->mutex);
  load_init (load, (const char * const *) self->paths, self->analyse, self->use_saved_model,
             mc_progress_sink_cb, &self->sink);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  McDataset *dataset = load_run (task_data, cancellable, &error);

  if (dataset == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, dataset, g_object_unref);
}

static void
mc_dataset_loader_finalize (GObject *object)
{
  McDatasetLoader *self = (McDatasetLoader *)object;

  if (self->notify_source != NULL)
    g_source_destroy (self->notify_source);
  g_clear_pointer (&self->notify_source, g_source_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->paths, g_strfreev);
  g_clear_pointer (&self->message, g_free);
  mc_progress_sink_clear (&self->sink);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (mc_dataset_loader_parent_class)->finalize (object);
}

static void
mc_dataset_loader_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  McDatasetLoader *self = MC_DATASET_LOADER (object);

  switch (prop_id)
    {
    case PROP_PATHS:
      g_value_set_boxed (value, self->paths);
      break;

    case PROP_ANALYSE:
      g_value_set_boolean (value, self->analyse);
      break;

    case PROP_USE_SAVED_MODEL:
      g_value_set_boolean (value, self->use_saved_model);
      break;

    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;

    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_dataset_loader_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  McDatasetLoader *self = MC_DATASET_LOADER (object);

  switch (prop_id)
    {
    case PROP_PATHS:
      self->paths = g_value_dup_boxed (value);
      break;

    case PROP_ANALYSE:
      mc_dataset_loader_set_analyse (self, g_value_get_boolean (value));
      break;

    case PROP_USE_SAVED_MODEL:
      mc_dataset_loader_set_use_saved_model (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_dataset_loader_class_init (McDatasetLoaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mc_dataset_loader_finalize;
  object_class->get_property = mc_dataset_loader_get_property;
  object_class->set_property = mc_dataset_loader_set_property;

  properties[PROP_PATHS] =
    g_param_spec_boxed ("paths", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ANALYSE] =
    g_param_spec_boolean ("analyse", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_USE_SAVED_MODEL] =
    g_param_spec_boolean ("use-saved-model", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL,
                         0, 1, 0,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mc_dataset_loader_init (McDatasetLoader *self)
{
  self->analyse = TRUE;
  g_mutex_init (&self->mutex);
  mc_progress_sink_init (&self->sink, on_sink_changed_cb, self);
}

McDatasetLoader *
mc_dataset_loader_new (const char * const *paths)
{
  g_return_val_if_fail (paths != NULL && paths[0] != NULL, NULL);

  return g_object_new (MC_TYPE_DATASET_LOADER, "paths", paths, NULL);
}

const char * const *
mc_dataset_loader_get_paths (McDatasetLoader *self)
{
  g_return_val_if_fail (MC_IS_DATASET_LOADER (self), NULL);

  return (const char * const *) self->paths;
}

gboolean
mc_dataset_loader_get_analyse (McDatasetLoader *self)
{
  g_return_val_if_fail (MC_IS_DATASET_LOADER (self), FALSE);

  return self->analyse;
}

void
mc_dataset_loader_set_analyse (McDatasetLoader *self,
                               gboolean         analyse)
{
  g_return_if_fail (MC_IS_DATASET_LOADER (self));

  analyse = !!analyse;
  if (self->analyse == analyse)
    return;
  self->analyse = analyse;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANALYSE]);
}

gboolean
mc_dataset_loader_get_use_saved_model (McDatasetLoader *self)
{
  g_return_val_if_fail (MC_IS_DATASET_LOADER (self), FALSE);

  return self->use_saved_model;
}

void
mc_dataset_loader_set_use_saved_model (McDatasetLoader *self,
                                       gboolean         use_saved_model)
{
  g_return_if_fail (MC_IS_DATASET_LOADER (self));

  use_saved_model = !!use_saved_model;
  if (self->use_saved_model == use_saved_model)
    return;
  self->use_saved_model = use_saved_model;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USE_SAVED_MODEL]);
}

double
mc_dataset_loader_get_fraction (McDatasetLoader *self)
{
  g_return_val_if_fail (MC_IS_DATASET_LOADER (self), 0.0);

  return self->fraction;
}

const char *
mc_dataset_loader_get_message (McDatasetLoader *self)
{
  g_return_val_if_fail (MC_IS_DATASET_LOADER (self), NULL);

  return self->message;
}

/**
 * mc_dataset_loader_load_async:
 *
 * Loads the dataset on a worker thread; `fraction` and `message` change
 * on the thread-default main context of the caller meanwhile. Cancelling
 * CANCELLABLE ends the load within a fraction of a second with
 * G_IO_ERROR_CANCELLED and no dataset. One load at a time: a loader's
 * properties follow the last one started.
 */
void
mc_dataset_loader_load_async (McDatasetLoader     *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Load *load;

  g_return_if_fail (MC_IS_DATASET_LOADER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mc_dataset_loader_load_async);
  load = g_new0 (Load, 1);
  start_load (self, load);
  g_task_set_task_data (task, load, g_free);
  g_task_run_in_thread (task, load_thread);
}

McDataset *
mc_dataset_loader_load_finish (McDatasetLoader  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (MC_IS_DATASET_LOADER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * mc_dataset_loader_load:
 *
 * The load of mc_dataset_loader_load_async() on this thread; `fraction`
 * and `message` are notified once this thread's main context runs.
 */
McDataset *
mc_dataset_loader_load (McDatasetLoader  *self,
                        GCancellable     *cancellable,
                        GError          **error)
{
  return mc_dataset_loader_load_reporting (self, NULL, NULL, cancellable, error);
}

McDataset *
mc_dataset_loader_load_reporting (McDatasetLoader  *self,
                                  McProgressFunc    progress,
                                  gpointer          user_data,
                                  GCancellable     *cancellable,
                                  GError          **error)
{
  Load load;

  g_return_val_if_fail (MC_IS_DATASET_LOADER (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  start_load (self, &load);
  if (progress != NULL)
    {
      /* The stages' parts report to the tee, which holds the sink. */
      load.observer = progress;
      load.observer_data = user_data;
      load.sink = &self->sink;
      load.progress = on_observed_progress_cb;
      load.user_data = &load;
    }
  return load_run (&load, cancellable, error);
}

/**
 * mc_dataset_load:
 *
 * Reads PATHS and finds their keys, relations, roles and model, without
 * the analysis (which commands that need it work out when they ask for
 * it), on this thread; PROGRESS is called with every report.
 */
McDataset *
mc_dataset_load (const char * const  *paths,
                 McProgressFunc       progress,
                 gpointer             user_data,
                 GCancellable        *cancellable,
                 GError             **error)
{
  Load load;

  g_return_val_if_fail (paths != NULL && paths[0] != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  load_init (&load, paths, FALSE, FALSE, progress, user_data);
  return load_run (&load, cancellable, error);
}
