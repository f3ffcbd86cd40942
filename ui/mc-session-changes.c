/* mc-session-changes.c: what changes the session's dataset, and what writes it
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The model's choices changed, cleaning with a recipe, undo and redo one step at a time, segments
 * added as a column, and the files written from what is shown: each an
 * _async/_finish pair over the session's one job runner.
 */
#define G_LOG_DOMAIN "mc-session"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-cleaning.h"
#include "mc-model-store.h"
#include "mc-model.h"
#include "mc-report.h"
#include "mc-session-private.h"

/* The model */

typedef struct
{
  McDataset  *dataset;    /* the shown one's tables, to read anew */
  GHashTable *settings;
} Remodel;

static void
remodel_free (Remodel *remodel)
{
  g_clear_object (&remodel->dataset);
  g_clear_pointer (&remodel->settings, g_hash_table_unref);
  g_free (remodel);
}

static gpointer
remodel_work (gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  Remodel *remodel = data;
  g_autoptr(GError) unsaved = NULL;

  if (!mc_model_set_dataset_settings (remodel->dataset, remodel->settings, error))
    return NULL;
  if (!mc_model_store_save (remodel->dataset, &unsaved))
    g_warning ("The model settings could not be kept: %s", unsaved->message);
  return _mc_snapshot_new (g_object_ref (remodel->dataset), NULL, cancellable, error);
}

static void
show_made (McSession *self,
           Job       *job,
           gpointer   made)
{
  if (made == NULL)
    return;
  self->only_columns_added = FALSE;
  _mc_session_show (self, made);
}

/**
 * mc_session_set_model_settings_async:
 *
 * Reads the shown dataset again with SETTINGS as the user's choices of
 * its model, on a worker thread, and shows every figure anew; the
 * settings are kept for these files.
 */
void
mc_session_set_model_settings_async (McSession           *self,
                                     GHashTable          *settings,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree McTable **same = NULL;
  Remodel *remodel;

  g_return_if_fail (MC_IS_SESSION (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, mc_session_set_model_settings_async);
  if (self->dataset == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, "No dataset");
      return;
    }
  /* The shown dataset stays as it is while pages read it. */
  same = g_new0 (McTable *, mc_dataset_get_n_tables (self->dataset) + 1);
  remodel = g_new0 (Remodel, 1);
  remodel->dataset = mc_dataset_new_replacing (self->dataset, same);
  remodel->settings = g_hash_table_ref (settings);
  _mc_session_run_job (self, SLOT_MODEL, task, remodel_work, show_made, (GDestroyNotify) _mc_snapshot_free, remodel,
           (GDestroyNotify) remodel_free);
}

/**
 * mc_session_set_model_choice_async:
 *
 * Changes one of the model's choices (KEY, as `--set` takes it, to
 * VALUE), keeping the others the user made.
 */
void
mc_session_set_model_choice_async (McSession           *self,
                                   const char          *key,
                                   const char          *value,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  McModel *model;
  g_autoptr(GHashTable) settings = NULL;

  g_return_if_fail (MC_IS_SESSION (self));

  model = self->dataset != NULL ? mc_model_for_dataset (self->dataset) : NULL;
  settings = model != NULL ? mc_model_dup_overrides (model) : mc_model_overrides_new ();
  g_hash_table_insert (settings, g_strdup (key), g_strdup (value));
  mc_session_set_model_settings_async (self, settings, callback, user_data);
}

gboolean
mc_session_set_model_finish (McSession     *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return _mc_session_finish_job (self, result, error) >= 0;
}

/* Cleaning */

/* What a cleaning works on: its own references, so that the session
 * may move on (open another dataset) while it runs. */
typedef struct
{
  GPtrArray *recipe;      /* the steps to apply */
  McDataset *dataset;
  GPtrArray *applied;     /* the steps that made DATASET, and their log */
  GPtrArray *applied_log;
} Cleaning;

static void
cleaning_free (Cleaning *cleaning)
{
  g_clear_pointer (&cleaning->recipe, g_ptr_array_unref);
  g_clear_object (&cleaning->dataset);
  g_clear_pointer (&cleaning->applied, g_ptr_array_unref);
  g_clear_pointer (&cleaning->applied_log, g_ptr_array_unref);
  g_free (cleaning);
}

/* The whole recipe in one go (one copy of the data, one round of
 * checks and charts); the steps in between are made again only if undo
 * or redo reaches them. */
static gpointer
clean_work (gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Cleaning *cleaning = data;
  GPtrArray *log = NULL;
  McDataset *cleaned = mc_recipe_apply (cleaning->recipe, cleaning->dataset, &log, error);
  Snapshot *snapshot;

  if (cleaned == NULL)
    return NULL;
  snapshot = _mc_snapshot_new (cleaned, _mc_copy_log (cleaning->applied_log), NULL, NULL);
  g_ptr_array_extend_and_steal (snapshot->log, log);
  snapshot->recipe = mc_recipe_copy (cleaning->applied);
  for (guint i = 0; i < cleaning->recipe->len; i++)
    g_ptr_array_add (snapshot->recipe, mc_clean_step_copy (g_ptr_array_index (cleaning->recipe, i)));
  return snapshot;
}

/* The step K (from 1) of the Apply CLEANING did, which LAST finished,
 * to be made when undo or redo reaches it. */
static Snapshot *
snapshot_new_step (Cleaning *cleaning,
                   Snapshot *last,
                   guint     k)
{
  Snapshot *snapshot = g_new0 (Snapshot, 1);
  guint before = cleaning->applied->len;

  snapshot->anchor = g_object_ref (cleaning->dataset);
  snapshot->steps = mc_recipe_new ();
  for (guint i = 0; i < k; i++)
    g_ptr_array_add (snapshot->steps, mc_clean_step_copy (g_ptr_array_index (cleaning->recipe, i)));
  snapshot->recipe = mc_recipe_new ();
  snapshot->log = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_clean_log_entry_free);
  for (guint i = 0; i < before + k; i++)
    {
      g_ptr_array_add (snapshot->recipe, mc_clean_step_copy (g_ptr_array_index (last->recipe, i)));
      g_ptr_array_add (snapshot->log, mc_clean_log_entry_copy (g_ptr_array_index (last->log, i)));
    }
  return snapshot;
}

static void
clean_apply (McSession *self,
             Job       *job,
             gpointer   made)
{
  Cleaning *cleaning = job->data;
  Snapshot *cleaned = made;
  gsize removed = 0;

  if (cleaned == NULL)
    return;
  for (guint i = cleaning->applied->len; i < cleaned->log->len; i++)
    removed += ((McCleanLogEntry *) g_ptr_array_index (cleaned->log, i))->rows_removed;
  job->answer = removed;
  /* Undo goes back one step at a time: the steps in between go on the
   * undo list, to be made again when it reaches them. */
  g_ptr_array_set_size (self->redo, 0);
  for (guint k = 1; k < cleaning->recipe->len; k++)
    {
      g_ptr_array_add (self->undo, g_steal_pointer (&self->shown));
      self->shown = snapshot_new_step (cleaning, cleaned, k);
    }
  self->only_columns_added = FALSE;
  _mc_session_replace_shown (self, cleaned);
}

/**
 * mc_session_apply_recipe_async:
 *
 * Cleans a copy of the dataset with RECIPE on a worker thread; the
 * dataset before stays on the undo list, one step at a time.
 */
void
mc_session_apply_recipe_async (McSession           *self,
                               GPtrArray           *recipe,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Cleaning *cleaning;

  g_return_if_fail (MC_IS_SESSION (self));
  g_return_if_fail (recipe != NULL);

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, mc_session_apply_recipe_async);
  if (self->dataset == NULL || recipe->len == 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, "Nothing to apply");
      return;
    }
  cleaning = g_new0 (Cleaning, 1);
  cleaning->recipe = mc_recipe_copy (recipe);
  cleaning->dataset = g_object_ref (self->dataset);
  cleaning->applied = mc_recipe_copy (self->shown->recipe);
  cleaning->applied_log = _mc_copy_log (self->shown->log);
  _mc_session_run_job (self, SLOT_CHANGE, task, clean_work, clean_apply, (GDestroyNotify) _mc_snapshot_free, cleaning,
           (GDestroyNotify) cleaning_free);
}

gboolean
mc_session_apply_recipe_finish (McSession     *self,
                                GAsyncResult  *result,
                                gsize         *rows_removed,
                                GError       **error)
{
  gssize removed = _mc_session_finish_job (self, result, error);

  if (removed >= 0 && rows_removed != NULL)
    *rows_removed = removed;
  return removed >= 0;
}

/* Undo and redo */

typedef struct
{
  Snapshot *target;
  gboolean  undoing;
} Going;

static void
going_free (Going *going)
{
  _mc_snapshot_free (going->target);
  g_free (going);
}

static gpointer
make_step_work (gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  Going *going = data;
  McDataset *dataset = mc_recipe_apply (going->target->steps, going->target->anchor, NULL, error);

  return dataset != NULL ? _mc_snapshot_new (dataset, NULL, cancellable, error) : NULL;
}

/* Moves what is shown to the list TARGET (taken) did not come from,
 * then shows TARGET. */
static void
go_to (McSession *self,
       Snapshot  *target,
       gboolean   undoing)
{
  g_ptr_array_add (undoing ? self->redo : self->undo, g_steal_pointer (&self->shown));
  self->only_columns_added = FALSE;
  _mc_session_show (self, target);
}

static void
make_step_apply (McSession *self,
                 Job       *job,
                 gpointer   made)
{
  Going *going = job->data;
  Snapshot *target = g_steal_pointer (&going->target);
  Snapshot *step = made;

  if (step == NULL)
    {
      /* Put back where it was taken from. */
      g_ptr_array_add (going->undoing ? self->undo : self->redo, target);
      return;
    }
  /* TARGET keeps its recipe and log, and is made for good. */
  target->dataset = g_steal_pointer (&step->dataset);
  target->findings = g_steal_pointer (&step->findings);
  target->charts = g_steal_pointer (&step->charts);
  g_clear_object (&target->anchor);
  g_clear_pointer (&target->steps, g_ptr_array_unref);
  _mc_snapshot_free (step);
  go_to (self, target, going->undoing);
}

/* Goes one step back (UNDOING) or forth, making the step first on a
 * worker thread if it is one in the middle of an Apply. */
static void
go_through_history (McSession           *self,
                    gboolean             undoing,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, callback, user_data);
  GPtrArray *from = undoing ? self->undo : self->redo;
  Going *going;

  g_task_set_source_tag (task, go_through_history);
  if (from->len == 0 || self->shown == NULL || mc_session_get_changing (self))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "Nowhere to go");
      return;
    }
  going = g_new0 (Going, 1);
  going->undoing = undoing;
  going->target = g_ptr_array_steal_index (from, from->len - 1);
  if (going->target->dataset != NULL)
    {
      go_to (self, g_steal_pointer (&going->target), undoing);
      going_free (going);
      g_task_return_int (task, 0);
      return;
    }
  _mc_session_run_job (self, SLOT_CHANGE, task, make_step_work, make_step_apply, (GDestroyNotify) _mc_snapshot_free, going,
           (GDestroyNotify) going_free);
}

/**
 * mc_session_undo_async:
 *
 * Goes back one step: the data before the last cleaning step (or the
 * segments added); the recipe loses that step, and redo brings it back.
 */
void
mc_session_undo_async (McSession           *self,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (MC_IS_SESSION (self));

  go_through_history (self, TRUE, callback, user_data);
}

/**
 * mc_session_redo_async:
 *
 * Takes again the step the last undo took back, with its place in the
 * recipe.
 */
void
mc_session_redo_async (McSession           *self,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (MC_IS_SESSION (self));

  go_through_history (self, FALSE, callback, user_data);
}

gboolean
mc_session_history_finish (McSession     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return _mc_session_finish_job (self, result, error) >= 0;
}

/* "Drop the repeated rows of sales": the last step of WITH_STEP. */
static char *
describe_last_step (Snapshot *with_step)
{
  if (with_step->recipe == NULL || with_step->recipe->len == 0)
    return g_strdup (_("the last change"));
  return mc_clean_step_describe (g_ptr_array_index (with_step->recipe, with_step->recipe->len - 1));
}

/* What undo would take back, or NULL. */
char *
mc_session_describe_undo (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), NULL);

  return mc_session_get_can_undo (self) ? describe_last_step (self->shown) : NULL;
}

/* What redo would take again, or NULL. */
char *
mc_session_describe_redo (McSession *self)
{
  g_return_val_if_fail (MC_IS_SESSION (self), NULL);

  if (!mc_session_get_can_redo (self))
    return NULL;
  return describe_last_step (g_ptr_array_index (self->redo, self->redo->len - 1));
}

/* Segments */

static gpointer
add_segments_work (gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  return _mc_snapshot_new (g_object_ref (data), NULL, cancellable, error);
}

static void
add_segments_apply (McSession *self,
                    Job       *job,
                    gpointer   made)
{
  if (made == NULL)
    return;
  /* Said before the dataset's notify, which is read with it. */
  self->only_columns_added = TRUE;
  _mc_session_replace_shown (self, made);
}

/**
 * mc_session_add_segments_async:
 *
 * Shows WITH_COLUMN, the dataset shown with a column of segments added,
 * once its figures are worked out on a worker thread; the dataset
 * before goes on the undo list.
 */
void
mc_session_add_segments_async (McSession           *self,
                               McDataset           *with_column,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MC_IS_SESSION (self));
  g_return_if_fail (MC_IS_DATASET (with_column));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, mc_session_add_segments_async);
  if (self->dataset == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, "No dataset");
      return;
    }
  _mc_session_run_job (self, SLOT_CHANGE, task, add_segments_work, add_segments_apply, (GDestroyNotify) _mc_snapshot_free,
           g_object_ref (with_column), g_object_unref);
}

gboolean
mc_session_add_segments_finish (McSession     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return _mc_session_finish_job (self, result, error) >= 0;
}

/* Writing files */

typedef struct
{
  McDataset *source;     /* the data as opened: its files are never written over */
  McDataset *dataset;
  GPtrArray *findings;
  GPtrArray *recipe;
  GPtrArray *log;
  char      *title;
  char      *path;
} Writing;

static void
writing_free (Writing *writing)
{
  g_clear_object (&writing->source);
  g_clear_object (&writing->dataset);
  g_clear_pointer (&writing->findings, g_ptr_array_unref);
  g_clear_pointer (&writing->recipe, g_ptr_array_unref);
  g_clear_pointer (&writing->log, g_ptr_array_unref);
  g_free (writing->title);
  g_free (writing->path);
  g_free (writing);
}

static gpointer
report_work (gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  Writing *report = data;

  return mc_report_write (report->dataset, report->findings, report->title, report->path, error)
         ? GINT_TO_POINTER (TRUE) : NULL;
}

static gpointer
clean_copy_work (gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  Writing *copy = data;

  return mc_clean_write_copy (copy->source, copy->dataset, copy->recipe, copy->log, copy->path, FALSE, error)
         ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
written_apply (McSession *self,
               Job       *job,
               gpointer   made)
{
}

static void
no_free (gpointer data)
{
}

static void
write_file (McSession           *self,
            JobWork              work,
            Writing             *writing,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, callback, user_data);

  g_task_set_source_tag (task, write_file);
  if (self->shown == NULL)
    {
      writing_free (writing);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, "No dataset");
      return;
    }
  _mc_session_run_job (self, SLOT_NONE, task, work, written_apply, no_free, writing, (GDestroyNotify) writing_free);
}

/**
 * mc_session_export_report_async:
 *
 * Writes the PDF report of what is shown (the filtered purchases under
 * a filter, TITLE saying so) to PATH on a worker thread.
 */
void
mc_session_export_report_async (McSession           *self,
                                const char          *title,
                                const char          *path,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  Writing *report = g_new0 (Writing, 1);

  g_return_if_fail (MC_IS_SESSION (self));

  if (self->shown != NULL)
    {
      report->dataset = g_object_ref (self->filtered != NULL ? self->filtered->dataset : self->dataset);
      report->findings = g_ptr_array_ref (self->shown->findings);
    }
  report->title = g_strdup (title);
  report->path = g_strdup (path);
  write_file (self, report_work, report, callback, user_data);
}

/**
 * mc_session_save_cleaned_copy_async:
 *
 * Writes the data shown, the recipe that made it and what each step did
 * into FOLDER on a worker thread, as `mercato-cli clean --out FOLDER`
 * does: NAME.csv for each table, recipe.ini and cleaning-log.txt, all
 * at once, never over the files opened.
 */
void
mc_session_save_cleaned_copy_async (McSession           *self,
                                    const char          *folder,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  Writing *copy = g_new0 (Writing, 1);

  g_return_if_fail (MC_IS_SESSION (self));

  if (self->shown != NULL)
    {
      copy->source = g_object_ref (self->undo->len > 0 ? ((Snapshot *) g_ptr_array_index (self->undo, 0))->dataset
                                                        : self->dataset);
      copy->dataset = g_object_ref (self->dataset);
      copy->recipe = mc_recipe_copy (self->shown->recipe);
      copy->log = _mc_copy_log (self->shown->log);
    }
  copy->path = g_strdup (folder);
  write_file (self, clean_copy_work, copy, callback, user_data);
}

gboolean
mc_session_write_finish (McSession     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  return _mc_session_finish_job (self, result, error) >= 0;
}

