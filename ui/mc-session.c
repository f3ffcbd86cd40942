/* mc-session.c: the dataset open in a window and what the user did to it
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not a widget (sysprof's SysprofSession, gnome-text-editor's
 * EditorSession): the window and its pages observe it. It owns the
 * dataset shown with its checks and charts, the cleaning recipe that
 * made it, the undo and redo lists, and the filter. Everything slow
 * runs on a worker thread through _mc_session_run_job(), which drops the
 * results that came too late: a newer job of the same kind, or another
 * dataset, came first.
 */
#define G_LOG_DOMAIN "mc-session"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-checks.h"
#include "mc-dataset-loader.h"
#include "mc-cleaning.h"
#include "mc-model-store.h"
#include "mc-model.h"
#include "mc-report.h"
#include "mc-server-run.h"
#include "mc-session-private.h"

G_DEFINE_FINAL_TYPE (McSession, mc_session, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

void
_mc_session_notify (McSession *self,
                    guint      prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

/* The property that says a job of each slot runs. */
static const guint slot_props[N_SLOTS] = {
  [SLOT_OPEN] = PROP_LOADING,
  [SLOT_MODEL] = PROP_REMODELLING,
  [SLOT_FILTER] = PROP_FILTERING,
  [SLOT_CHANGE] = PROP_CHANGING,
};

void
_mc_snapshot_free (Snapshot *snapshot)
{
  if (snapshot == NULL)
    return;
  g_clear_object (&snapshot->dataset);
  g_clear_object (&snapshot->listed);
  g_clear_pointer (&snapshot->findings, g_ptr_array_unref);
  g_clear_pointer (&snapshot->charts, mc_chart_data_free);
  g_clear_pointer (&snapshot->log, g_ptr_array_unref);
  g_clear_pointer (&snapshot->recipe, g_ptr_array_unref);
  g_clear_object (&snapshot->anchor);
  g_clear_pointer (&snapshot->steps, g_ptr_array_unref);
  g_clear_pointer (&snapshot->analysis, mc_analysis_free);
  g_free (snapshot);
}

/* The figures and charts of DATASET (taken). Asking for the analysis
 * here works it out on the worker thread that made the dataset. */
Snapshot *
_mc_snapshot_new_view (McDataset *dataset)
{
  Snapshot *snapshot = g_new0 (Snapshot, 1);

  snapshot->dataset = dataset;
  mc_analysis_for_dataset (dataset);
  snapshot->charts = mc_chart_data_new (dataset);
  return snapshot;
}

/* Everything the pages show of DATASET and LOG (both taken); NULL with
 * ERROR set when CANCELLABLE is cancelled before the checks are done. */
Snapshot *
_mc_snapshot_new (McDataset     *dataset,
                  GPtrArray     *log,
                  GCancellable  *cancellable,
                  GError       **error)
{
  Snapshot *snapshot = _mc_snapshot_new_view (dataset);

  snapshot->log = log;
  snapshot->findings = mc_checks_run_full (dataset, g_get_real_time (), cancellable);
  if (snapshot->findings == NULL)
    {
      g_clear_pointer (&snapshot, _mc_snapshot_free);
      g_cancellable_set_error_if_cancelled (cancellable, error);
    }
  return snapshot;
}

GPtrArray *
_mc_copy_log (GPtrArray *log)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_clean_log_entry_free);

  for (guint i = 0; log != NULL && i < log->len; i++)
    g_ptr_array_add (copy, mc_clean_log_entry_copy (g_ptr_array_index (log, i)));
  return copy;
}

/* Jobs */

static void
job_free (Job *job)
{
  if (job->free_data != NULL)
    g_clear_pointer (&job->data, job->free_data);
  g_clear_object (&job->base);
  g_clear_object (&job->caller);
  g_free (job);
}

static void
notify_history (McSession *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

/* Says that a job of SLOT started or ended. */
static void
notify_running (McSession *self,
                Slot       slot)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[slot == SLOT_NONE ? PROP_WRITING : slot_props[slot]]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  if (slot == SLOT_CHANGE || slot == SLOT_NONE)
    notify_history (self);
}

/* The job of SLOT running, if any, will be dropped when it ends. */
static void
supersede (McSession *self,
           Slot       slot)
{
  JobSlot *running = &self->slots[slot];

  running->serial++;
  if (running->cancellable == NULL)
    return;
  g_cancellable_cancel (running->cancellable);
  g_clear_object (&running->cancellable);
  notify_running (self, slot);
}

/* Whether JOB's result is still wanted: no newer job of its kind was
 * started, and the dataset it worked from is still the one shown. */
static gboolean
job_is_current (McSession *self,
                Job       *job)
{
  if (job->slot == SLOT_NONE)
    return TRUE;
  if (job->serial != self->slots[job->slot].serial)
    return FALSE;
  return job->slot == SLOT_OPEN || job->base == self->dataset;
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  gpointer made = job->work (job->data, cancellable, &error);

  if (made == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, made, job->free_made);
}

static void
job_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  McSession *self = MC_SESSION (object);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gpointer made = g_task_propagate_pointer (G_TASK (result), &error);

  if (!job_is_current (self, job))
    {
      if (made != NULL)
        job->free_made (made);
      g_task_return_new_error (job->caller, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Superseded");
      return;
    }
  /* Ended before what it made is shown, so that whoever sees the new
   * state sees the job over; said after. */
  if (job->slot == SLOT_NONE)
    self->n_writing--;
  else
    g_clear_object (&self->slots[job->slot].cancellable);
  job->apply (self, job, made);
  if (error != NULL)
    g_task_return_error (job->caller, g_steal_pointer (&error));
  else
    g_task_return_int (job->caller, job->answer);
  notify_running (self, job->slot);
}

/* Runs WORK (DATA) on a worker thread, then APPLY on the main thread
 * unless a newer job of SLOT or another dataset came first; CALLER's
 * task returns either way. */
void
_mc_session_run_job (McSession      *self,
         Slot            slot,
         GTask          *caller,
         JobWork         work,
         JobApply        apply,
         GDestroyNotify  free_made,
         gpointer        data,
         GDestroyNotify  free_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  Job *job = g_new0 (Job, 1);

  job->slot = slot;
  job->work = work;
  job->apply = apply;
  job->free_made = free_made;
  job->data = data;
  job->free_data = free_data;
  job->caller = g_object_ref (caller);
  if (slot != SLOT_OPEN && self->dataset != NULL)
    job->base = g_object_ref (self->dataset);
  if (g_task_get_cancellable (caller) != NULL)
    cancellable = g_object_ref (g_task_get_cancellable (caller));
  else
    cancellable = g_cancellable_new ();
  if (slot == SLOT_NONE)
    self->n_writing++;
  else
    {
      supersede (self, slot);
      self->slots[slot].cancellable = g_object_ref (cancellable);
      job->serial = self->slots[slot].serial;
    }
  task = g_task_new (self, cancellable, job_done_cb, NULL);
  g_task_set_source_tag (task, _mc_session_run_job);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, job_thread);
  notify_running (self, slot);
}

gssize
_mc_session_finish_job (McSession     *self,
            GAsyncResult  *result,
            GError       **error)
{
  g_return_val_if_fail (MC_IS_SESSION (self), -1);
  g_return_val_if_fail (g_task_is_valid (result, self), -1);

  return g_task_propagate_int (G_TASK (result), error);
}

/**
 * mc_session_error_is_said:
 *
 * Whether the user should hear of ERROR, how an operation ended: not
 * when it was superseded or cancelled, nor refused for want of a
 * dataset or of what it was about.
 */
gboolean
mc_session_error_is_said (const GError *error)
{
  return error != NULL && !(g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                            || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED)
                            || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND));
}

/* What is shown */

void
_mc_session_drop_filter (McSession *self)
{
  gboolean had = self->filter_label != NULL || self->filtered != NULL;

  supersede (self, SLOT_FILTER);
  g_clear_pointer (&self->filtered, _mc_snapshot_free);
  g_clear_pointer (&self->filter_label, g_free);
  if (had)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTERED]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER_LABEL]);
    }
}

/* Shows SNAPSHOT (taken), unfiltered. */
void
_mc_session_show (McSession *self,
      Snapshot  *snapshot)
{
  g_clear_pointer (&self->shown, _mc_snapshot_free);
  self->shown = snapshot;
  g_set_object (&self->dataset, snapshot->dataset);
  _mc_session_drop_filter (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANALYSIS]);
  notify_history (self);
}

/* Shows CHANGED (taken) in place of the dataset shown, which goes on
 * the undo list. */
void
_mc_session_replace_shown (McSession *self,
               Snapshot  *changed)
{
  /* A new change: what was undone cannot be redone any more. */
  g_ptr_array_set_size (self->redo, 0);
  if (changed->recipe == NULL && self->shown->recipe != NULL)
    {
      /* Segments added to cleaned data keep its recipe. */
      changed->recipe = mc_recipe_copy (self->shown->recipe);
      changed->log = _mc_copy_log (self->shown->log);
    }
  g_ptr_array_add (self->undo, g_steal_pointer (&self->shown));
  _mc_session_show (self, changed);
}

/* Progress */

static gboolean
publish_progress_idle (gpointer data)
{
  McSession *self = data;
  g_autofree char *stage = NULL;
  double fraction;

  g_mutex_lock (&self->progress_mutex);
  fraction = self->progress_reported;
  stage = g_steal_pointer (&self->progress_stage);
  self->progress_idle = 0;
  g_mutex_unlock (&self->progress_mutex);

  /* The load or the filter may have ended since this was queued. */
  if (!mc_session_get_loading (self) && !mc_session_get_filtering (self))
    return G_SOURCE_REMOVE;
  self->progress_fraction = fraction;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS_FRACTION]);
  if (stage != NULL && g_strcmp0 (stage, self->progress_message) != 0)
    {
      g_free (self->progress_message);
      self->progress_message = g_steal_pointer (&stage);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS_MESSAGE]);
    }
  return G_SOURCE_REMOVE;
}

/* Runs on the worker thread: store, and let the main loop say it, with
 * at most one idle pending however often the reader reports. */
static void
on_load_progress_cb (double      fraction,
                     const char *stage,
                     gpointer    user_data)
{
  McSession *self = user_data;

  g_mutex_lock (&self->progress_mutex);
  self->progress_reported = fraction;
  /* The stage is named when it starts: kept until the idle says it. */
  if (stage != NULL)
    {
      g_free (self->progress_stage);
      self->progress_stage = g_strdup (stage);
    }
  if (self->progress_idle == 0)
    self->progress_idle = g_idle_add_full (G_PRIORITY_LOW, publish_progress_idle,
                                           g_object_ref (self), g_object_unref);
  g_mutex_unlock (&self->progress_mutex);
}

static void set_progress (McSession  *self,
                          double      fraction,
                          const char *message);

/* A query sent to a database's server names the stage; how far the
 * work is stays as the work said. */
static void
on_server_query_cb (const char *stage,
                    gpointer    user_data)
{
  McSession *self = user_data;
  double fraction;

  g_mutex_lock (&self->progress_mutex);
  fraction = self->progress_reported;
  g_mutex_unlock (&self->progress_mutex);
  on_load_progress_cb (fraction, stage, self);
}

void
_mc_session_clear_progress (McSession *self)
{
  set_progress (self, 0.0, NULL);
}

void
_mc_session_hear_queries (McSession *self)
{
  if (self != NULL)
    mc_server_set_query_func (on_server_query_cb, self);
  else
    mc_server_set_query_func (NULL, NULL);
}

static void
set_progress (McSession  *self,
              double      fraction,
              const char *message)
{
  self->progress_fraction = fraction;
  g_free (self->progress_message);
  self->progress_message = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS_FRACTION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS_MESSAGE]);
}

/* Opening */

typedef struct
{
  McSession *session;   /* for the progress, which it outlives */
  GStrv      paths;
} Opening;

static void
opening_free (Opening *opening)
{
  g_clear_object (&opening->session);
  g_strfreev (opening->paths);
  g_free (opening);
}

/* The one place the app loads a dataset: the data/ loader's job. */
static gpointer
open_work (gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Opening *opening = data;
  g_autoptr(McDatasetLoader) loader = mc_dataset_loader_new ((const char * const *) opening->paths);
  McDataset *dataset;
  gpointer snapshot;

  /* Reading, relations, the model with the user's corrections from last
   * time (if they still fit the data) and the figures, each stage named
   * and cancellable. */
  mc_dataset_loader_set_use_saved_model (loader, TRUE);
  /* A database's figures are worked out on its server: each query names
   * the stage while it runs. */
  _mc_session_hear_queries (opening->session);
  dataset = mc_dataset_loader_load_reporting (loader, on_load_progress_cb, opening->session, cancellable, error);
  snapshot = dataset != NULL ? _mc_snapshot_new (dataset, NULL, cancellable, error) : NULL;
  _mc_session_hear_queries (NULL);
  return snapshot;
}

static void
open_apply (McSession *self,
            Job       *job,
            gpointer   made)
{
  if (made == NULL)
    return;
  /* A new dataset starts a new history. */
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  self->only_columns_added = FALSE;
  _mc_session_show (self, made);
}

static char *
describe_paths (const char * const *paths)
{
  g_autofree char *first = g_path_get_basename (paths[0]);
  guint n = g_strv_length ((GStrv) paths);

  if (n == 1)
    return g_strdup_printf (_("Reading %s"), first);
  return g_strdup_printf (g_dngettext (NULL, "Reading %s and %u other file", "Reading %s and %u other files", n - 1),
                          first, n - 1);
}

/**
 * mc_session_open_async:
 *
 * Loads the CSV files or folders PATHS as one dataset on a worker
 * thread, with the user's kept corrections of its model; the dataset
 * shown stays until the new one is ready. An open started meanwhile
 * supersedes this one.
 */
void
mc_session_open_async (McSession           *self,
                       const char * const  *paths,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *message = NULL;
  Opening *opening;

  g_return_if_fail (MC_IS_SESSION (self));
  g_return_if_fail (paths != NULL && paths[0] != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mc_session_open_async);
  opening = g_new0 (Opening, 1);
  opening->session = g_object_ref (self);
  opening->paths = g_strdupv ((GStrv) paths);
  message = describe_paths (paths);
  set_progress (self, 0.0, message);
  _mc_session_run_job (self, SLOT_OPEN, task, open_work, open_apply, (GDestroyNotify) _mc_snapshot_free, opening,
           (GDestroyNotify) opening_free);
}

gboolean
mc_session_open_finish (McSession     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  return _mc_session_finish_job (self, result, error) >= 0;
}

void
mc_session_cancel_open (McSession *self)
{
  g_return_if_fail (MC_IS_SESSION (self));

  if (self->slots[SLOT_OPEN].cancellable != NULL)
    g_cancellable_cancel (self->slots[SLOT_OPEN].cancellable);
}

/* The object */

static void
mc_session_dispose (GObject *object)
{
  McSession *self = (McSession *)object;

  for (guint i = 0; i < N_SLOTS; i++)
    {
      g_cancellable_cancel (self->slots[i].cancellable);
      g_clear_object (&self->slots[i].cancellable);
    }
  g_clear_pointer (&self->filtered, _mc_snapshot_free);
  g_clear_pointer (&self->filter_label, g_free);
  g_clear_pointer (&self->shown, _mc_snapshot_free);
  g_clear_object (&self->dataset);
  if (self->undo != NULL)
    g_ptr_array_set_size (self->undo, 0);
  if (self->redo != NULL)
    g_ptr_array_set_size (self->redo, 0);

  G_OBJECT_CLASS (mc_session_parent_class)->dispose (object);
}

static void
mc_session_finalize (GObject *object)
{
  McSession *self = (McSession *)object;

  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  g_clear_pointer (&self->progress_message, g_free);
  g_clear_pointer (&self->progress_stage, g_free);
  g_mutex_clear (&self->progress_mutex);

  G_OBJECT_CLASS (mc_session_parent_class)->finalize (object);
}

static void
mc_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  McSession *self = MC_SESSION (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;
    case PROP_ANALYSIS:
      g_value_set_pointer (value, (gpointer) mc_session_get_analysis (self));
      break;
    case PROP_FILTER_LABEL:
      g_value_set_string (value, self->filter_label);
      break;
    case PROP_FILTERED:
      g_value_set_object (value, mc_session_get_filtered (self));
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, mc_session_get_loading (self));
      break;
    case PROP_FILTERING:
      g_value_set_boolean (value, mc_session_get_filtering (self));
      break;
    case PROP_CHANGING:
      g_value_set_boolean (value, mc_session_get_changing (self));
      break;
    case PROP_REMODELLING:
      g_value_set_boolean (value, mc_session_get_remodelling (self));
      break;
    case PROP_WRITING:
      g_value_set_boolean (value, mc_session_get_writing (self));
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, mc_session_get_busy (self));
      break;
    case PROP_PROGRESS_FRACTION:
      g_value_set_double (value, self->progress_fraction);
      break;
    case PROP_PROGRESS_MESSAGE:
      g_value_set_string (value, self->progress_message);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, mc_session_get_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, mc_session_get_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
running_pspec (const char *name)
{
  return g_param_spec_boolean (name, NULL, NULL, FALSE,
                               G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
mc_session_class_init (McSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = mc_session_dispose;
  object_class->finalize = mc_session_finalize;
  object_class->get_property = mc_session_get_property;

  properties[PROP_DATASET] = g_param_spec_object ("dataset", NULL, NULL, MC_TYPE_DATASET, flags);
  /* The McAnalysis of the dataset; notified with it. */
  properties[PROP_ANALYSIS] = g_param_spec_pointer ("analysis", NULL, NULL, flags);
  properties[PROP_FILTER_LABEL] = g_param_spec_string ("filter-label", NULL, NULL, NULL, flags);
  properties[PROP_FILTERED] = g_param_spec_object ("filtered", NULL, NULL, MC_TYPE_DATASET, flags);
  properties[PROP_LOADING] = running_pspec ("loading");
  properties[PROP_FILTERING] = running_pspec ("filtering");
  properties[PROP_CHANGING] = running_pspec ("changing");
  properties[PROP_REMODELLING] = running_pspec ("remodelling");
  properties[PROP_WRITING] = running_pspec ("writing");
  properties[PROP_BUSY] = running_pspec ("busy");
  properties[PROP_PROGRESS_FRACTION] = g_param_spec_double ("progress-fraction", NULL, NULL, 0.0, 1.0, 0.0, flags);
  properties[PROP_PROGRESS_MESSAGE] = g_param_spec_string ("progress-message", NULL, NULL, NULL, flags);
  properties[PROP_CAN_UNDO] = running_pspec ("can-undo");
  properties[PROP_CAN_REDO] = running_pspec ("can-redo");
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mc_session_init (McSession *self)
{
  g_mutex_init (&self->progress_mutex);
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) _mc_snapshot_free);
  self->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) _mc_snapshot_free);
}

McSession *
mc_session_new (void)
{
  return g_object_new (MC_TYPE_SESSION, NULL);
}

McDataset *
mc_session_get_dataset (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), NULL);

  return self->dataset;
}

const McAnalysis *
mc_session_get_analysis (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), NULL);

  return self->dataset != NULL ? mc_analysis_for_dataset (self->dataset) : NULL;
}

GPtrArray *
mc_session_get_findings (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), NULL);

  return self->shown != NULL ? self->shown->findings : NULL;
}

McChartData *
mc_session_get_charts (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), NULL);

  return self->shown != NULL ? self->shown->charts : NULL;
}

/* The cleaning steps that made the dataset shown from the one opened. */
GPtrArray *
mc_session_get_recipe (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), NULL);

  return self->shown != NULL ? self->shown->recipe : NULL;
}

GPtrArray *
mc_session_get_log (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), NULL);

  return self->shown != NULL ? self->shown->log : NULL;
}

/* Whether the dataset shown only gained a column of segments: the
 * customers are the same, so their segments may stay. */
gboolean
mc_session_get_only_columns_added (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), FALSE);

  return self->only_columns_added;
}

const char *
mc_session_get_filter_label (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), NULL);

  return self->filter_label;
}

McDataset *
mc_session_get_filtered (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), NULL);

  return self->filtered != NULL ? self->filtered->dataset : NULL;
}

const McAnalysis *
mc_session_get_filtered_analysis (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), NULL);

  if (self->filtered == NULL)
    return NULL;
  return self->filtered->analysis != NULL ? self->filtered->analysis : mc_analysis_for_dataset (self->filtered->dataset);
}

McChartData *
mc_session_get_filtered_charts (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), NULL);

  return self->filtered != NULL ? self->filtered->charts : NULL;
}

/* The dataset the Tables page lists: under a filter, every table cut to
 * the rows taking part. */
McDataset *
mc_session_get_listed (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), NULL);

  if (self->filtered != NULL)
    return self->filtered->listed != NULL ? self->filtered->listed : self->filtered->dataset;
  return self->dataset;
}

gboolean
mc_session_get_loading (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), FALSE);

  return self->slots[SLOT_OPEN].cancellable != NULL;
}

gboolean
mc_session_get_filtering (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), FALSE);

  return self->slots[SLOT_FILTER].cancellable != NULL;
}

/* Whether a cleaning, a step undo or redo reached, or segments added
 * are being made. */
gboolean
mc_session_get_changing (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), FALSE);

  return self->slots[SLOT_CHANGE].cancellable != NULL;
}

gboolean
mc_session_get_remodelling (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), FALSE);

  return self->slots[SLOT_MODEL].cancellable != NULL;
}

gboolean
mc_session_get_writing (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), FALSE);

  return self->n_writing > 0;
}

gboolean
mc_session_get_busy (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), FALSE);

  for (guint i = 0; i < N_SLOTS; i++)
    if (self->slots[i].cancellable != NULL)
      return TRUE;
  return self->n_writing > 0;
}

double
mc_session_get_progress_fraction (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), 0.0);

  return self->progress_fraction;
}

const char *
mc_session_get_progress_message (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), NULL);

  return self->progress_message;
}

/* Undo and redo wait while a step is being made or the data written. */
gboolean
mc_session_get_can_undo (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), FALSE);

  return self->undo->len > 0 && self->shown != NULL && !mc_session_get_changing (self) && self->n_writing == 0;
}

gboolean
mc_session_get_can_redo (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), FALSE);

  return self->redo->len > 0 && self->shown != NULL && !mc_session_get_changing (self) && self->n_writing == 0;
}
