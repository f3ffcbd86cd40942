/* mc-window-changes.c: what the window asks its session to change or write
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each asks the session for an _async operation and says, when it ends,
 * what came of it: a toast that offers to undo, or a message. Opening
 * shows the loading page meanwhile, and what was there before when it
 * fails.
 */
#define G_LOG_DOMAIN "mc-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-dataset-files.h"
#include "mc-window-private.h"

Request *
_mc_window_request_new (McWindow   *self,
             const char *path)
{
  Request *request = g_new0 (Request, 1);
  const char *paths[] = { path, NULL };

  request->window = g_object_ref (self);
  request->paths = g_strdupv ((GStrv) paths);
  return request;
}

void
_mc_window_request_free (Request *request)
{
  g_clear_object (&request->window);
  g_clear_pointer (&request->paths, g_strfreev);
  g_free (request);
}

/* Whether a job's end has something to say: the window is open, and the
 * job was neither superseded nor refused for want of a dataset. */
gboolean
_mc_window_request_answered (Request *request,
                  GError  *error)
{
  if (request->window->session == NULL)
    return FALSE;
  return error == NULL || mc_session_error_is_said (error);
}

/* A job that says nothing when it succeeds, and its failure in a
 * message titled as the request says. */
void
_mc_window_failure_only_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(GError) error = NULL;

  if (!request->finish (MC_SESSION (object), result, &error) && _mc_window_request_answered (request, error))
    _mc_window_show_message (request->window, request->failure, error->message);
}

Request *
_mc_window_request_failure_only (McWindow   *self,
                      gboolean  (*finish) (McSession *, GAsyncResult *, GError **),
                      const char *failure)
{
  Request *request = _mc_window_request_new (self, NULL);

  request->finish = finish;
  request->failure = failure;
  return request;
}

/* A toast saying MESSAGE that offers to undo the change it is about. */
void
_mc_window_toast_undoable (McWindow   *self,
                const char *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * mc_window_apply_recipe:
 *
 * Cleans a copy of the dataset with the Data Quality page's recipe on a
 * worker thread, as its Apply button does.
 */
void
mc_window_apply_recipe (McWindow *self)
{
  g_return_if_fail (MC_IS_WINDOW (self));

  mc_quality_page_apply (self->quality_page);
}

static void
remodel_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  McWindow *self = request->window;
  g_autoptr(GError) error = NULL;
  gboolean done = mc_session_set_model_finish (MC_SESSION (object), result, &error);

  /* Superseded by a newer change, or the window closed. */
  if (!_mc_window_request_answered (request, error))
    return;
  if (self->model_dialog != NULL)
    mc_model_dialog_set_busy (self->model_dialog, FALSE);
  if (!done)
    {
      if (self->model_dialog != NULL)
        adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self->model_dialog), adw_toast_new (error->message));
      else
        _mc_window_show_error (self, error->message);
      return;
    }
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Every figure was worked out again")));
}

/**
 * mc_window_set_model_settings:
 *
 * Reads the shown dataset again with SETTINGS as the user's choices of
 * its model, on a worker thread, and shows every figure anew; the
 * settings are kept for these files.
 */
void
mc_window_set_model_settings (McWindow   *self,
                              GHashTable *settings)
{
  g_return_if_fail (MC_IS_WINDOW (self));

  if (mc_window_get_dataset (self) == NULL)
    return;
  if (self->model_dialog != NULL)
    mc_model_dialog_set_busy (self->model_dialog, TRUE);
  mc_session_set_model_settings_async (self->session, settings, remodel_cb, _mc_window_request_new (self, NULL));
}

static void
report_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  McWindow *self = request->window;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!mc_session_write_finish (MC_SESSION (object), result, &error))
    {
      if (_mc_window_request_answered (request, error))
        _mc_window_show_error (self, error->message);
      return;
    }
  if (self->session == NULL)
    return;
  message = g_strdup_printf (_("Report saved to %s"), request->paths[0]);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/**
 * mc_window_export_report:
 *
 * Writes the PDF report of what the pages show (the filtered purchases
 * under a filter, its title saying so) to PATH on a worker thread, and
 * says where in a toast.
 */
void
mc_window_export_report (McWindow   *self,
                         const char *path)
{
  g_return_if_fail (MC_IS_WINDOW (self));

  if (mc_window_get_dataset (self) == NULL)
    return;
  /* Under a filter, the report is of what the pages show, and its
   * title (the window's subtitle) says which part that is. */
  mc_session_export_report_async (self->session, adw_view_switcher_title_get_subtitle (self->window_title), path,
                                  report_cb, _mc_window_request_new (self, path));
}

/* "Undone: Drop the repeated rows of sales" */
static void
toast_step (McWindow   *self,
            const char *format,
            const char *step)
{
  g_autofree char *title = g_strdup_printf (format, step);
  /* A toast's title is markup; a column name may hold "&". */
  g_autofree char *markup = g_markup_escape_text (title, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (markup));
}

/**
 * mc_window_undo_cleaning:
 *
 * Goes back one step: the data before the last cleaning step (or the
 * segments added); the recipe loses that step, and redo brings it back.
 * A step in the middle of an Apply is made again on a worker thread.
 */
void
mc_window_undo_cleaning (McWindow *self)
{
  g_autofree char *step = NULL;

  g_return_if_fail (MC_IS_WINDOW (self));

  if ((step = mc_session_describe_undo (self->session)) == NULL)
    return;
  /* Translators: %s is the step undone, such as "Drop the repeated rows of sales". */
  toast_step (self, _("Undone: %s"), step);
  mc_session_undo_async (self->session, _mc_window_failure_only_cb,
                         _mc_window_request_failure_only (self, mc_session_history_finish, _("Could Not Clean the Data")));
}

/**
 * mc_window_redo_cleaning:
 *
 * Takes again the step the last undo took back, with its place in the
 * recipe.
 */
void
mc_window_redo_cleaning (McWindow *self)
{
  g_autofree char *step = NULL;

  g_return_if_fail (MC_IS_WINDOW (self));

  if ((step = mc_session_describe_redo (self->session)) == NULL)
    return;
  /* Translators: %s is the step done again, such as "Drop the repeated rows of sales". */
  toast_step (self, _("Redone: %s"), step);
  mc_session_redo_async (self->session, _mc_window_failure_only_cb,
                         _mc_window_request_failure_only (self, mc_session_history_finish, _("Could Not Clean the Data")));
}

/**
 * mc_window_open_recipe:
 *
 * Replays the recipe file at PATH (a recipe.ini) on the dataset shown:
 * its steps replace those not applied yet, then are applied. A file that
 * is not a recipe gets a message saying what one looks like.
 */
void
mc_window_open_recipe (McWindow   *self,
                       const char *path)
{
  g_autoptr(GPtrArray) recipe = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (MC_IS_WINDOW (self));

  if (mc_window_get_dataset (self) == NULL)
    return;
  recipe = mc_recipe_load (path, &error);
  if (recipe != NULL && recipe->len == 0)
    {
      g_autofree char *name = g_filename_display_name (path);

      recipe = (g_ptr_array_unref (recipe), NULL);
      /* Translators: %s is a file; [step 1], action= and table= stay as written. */
      error = g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("%s holds no cleaning steps: a recipe is the recipe.ini that Save Cleaned Copy… or "
                             "mercato-cli clean writes, groups such as [step 1] with action=… and table=… lines"),
                           name);
    }
  if (recipe == NULL)
    {
      _mc_window_show_message (self, _("Not a Cleaning Recipe"), error->message);
      return;
    }
  mc_quality_page_set_recipe (self->quality_page, recipe);
  mc_quality_page_apply (self->quality_page);
}

static void
save_cleaned_copy_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  McWindow *self = request->window;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *markup = NULL;

  if (!mc_session_write_finish (MC_SESSION (object), result, &error))
    {
      if (_mc_window_request_answered (request, error))
        _mc_window_show_message (self, _("Could Not Save the Cleaned Copy"), error->message);
      return;
    }
  if (self->session == NULL)
    return;
  name = g_filename_display_name (request->paths[0]);
  /* Translators: %s is a folder. */
  title = g_strdup_printf (_("Cleaned copy saved in %s, with its recipe and log"), name);
  markup = g_markup_escape_text (title, -1);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (markup));
}

/**
 * mc_window_save_cleaned_copy:
 *
 * Writes the data shown, the recipe that made it and what each step did
 * into FOLDER on a worker thread, as `mercato-cli clean --out FOLDER`
 * does: NAME.csv for each table, recipe.ini and cleaning-log.txt, all
 * at once, never over the files opened.
 */
void
mc_window_save_cleaned_copy (McWindow   *self,
                             const char *folder)
{
  g_return_if_fail (MC_IS_WINDOW (self));

  if (mc_window_get_dataset (self) == NULL)
    return;
  mc_session_save_cleaned_copy_async (self->session, folder, save_cleaned_copy_cb, _mc_window_request_new (self, folder));
}

/* Opening */

/* One CSV opened, with related ones beside it (sales.csv, cars.csv…):
 * offer to open them together. */
static void
offer_related_files (McWindow  *self,
                     McDataset *dataset)
{
  g_auto(GStrv) related = mc_dataset_find_related_files (dataset);
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) paths = NULL;
  g_autofree char *message = NULL;
  AdwToast *toast;

  if (related == NULL)
    return;
  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, mc_table_get_path (mc_dataset_get_table (dataset, 0)));
  g_strv_builder_addv (builder, (const char **) related);
  paths = g_strv_builder_end (builder);
  message = g_strdup_printf (g_dngettext (NULL, "%u related file is beside it", "%u related files are beside it",
                                          g_strv_length (related)),
                             g_strv_length (related));
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Open Together"));
  adw_toast_set_action_name (toast, "win.open-paths");
  adw_toast_set_action_target_value (toast, g_variant_new_strv ((const char * const *) paths, -1));
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* A pipe or a device among a folder's files is not read (it would block
 * or never end): say so rather than leave it out silently. */
static void
toast_skipped (McWindow  *self,
               McDataset *dataset)
{
  const GPtrArray *skipped = mc_dataset_get_skipped (dataset);

  for (guint i = 0; i < skipped->len; i++)
    {
      /* A toast's title is markup; a file name may hold "&". */
      g_autofree char *title = g_markup_escape_text (g_ptr_array_index (skipped, i), -1);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
    }
}

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  McWindow *self = request->window;
  McSession *session = MC_SESSION (object);
  g_autoptr(GError) error = NULL;

  if (mc_session_open_finish (session, result, &error))
    {
      if (self->session == NULL)
        return;
      _mc_window_remember_dataset (self, (const char * const *) request->paths);
      /* Another dataset starts at the top of every page. */
      mc_overview_page_scroll_to_top (self->overview_page);
      mc_tables_page_scroll_to_start (self->tables_page);
      offer_related_files (self, mc_window_get_dataset (self));
      toast_skipped (self, mc_window_get_dataset (self));
      return;
    }
  /* Closed, or a newer open superseded this one: nothing to say. */
  if (self->session == NULL || mc_session_get_loading (self->session))
    return;
  /* A failed or cancelled load leaves what was there before. */
  gtk_stack_set_visible_child_name (self->stack, self->previous_page);
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _mc_window_show_error (self, error->message);
  else
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Loading cancelled")));
}

/**
 * mc_window_open_paths:
 *
 * Loads the CSV files or folders PATHS as one dataset, in the background.
 */
void
mc_window_open_paths (McWindow           *self,
                      const char * const *paths)
{
  Request *request;

  g_return_if_fail (MC_IS_WINDOW (self));
  g_return_if_fail (paths != NULL && paths[0] != NULL);

  if (!mc_session_get_loading (self->session))
    {
      g_free (self->previous_page);
      self->previous_page = g_strdup (gtk_stack_get_visible_child_name (self->stack));
    }
  gtk_stack_set_visible_child_name (self->stack, "loading");
  request = _mc_window_request_new (self, NULL);
  g_strfreev (request->paths);
  request->paths = g_strdupv ((GStrv) paths);
  mc_session_open_async (self->session, paths, NULL, open_cb, request);
}

void
mc_window_open_files (McWindow  *self,
                      GFile    **files,
                      guint      n_files)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) paths = NULL;

  g_return_if_fail (MC_IS_WINDOW (self));

  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);

      if (path != NULL)
        g_strv_builder_add (builder, path);
    }
  paths = g_strv_builder_end (builder);
  if (paths[0] == NULL)
    {
      _mc_window_show_error (self, _("Mercato can only open files on this computer."));
      return;
    }
  mc_window_open_paths (self, (const char * const *) paths);
}

void
mc_window_cancel_load (McWindow *self)
{
  g_return_if_fail (MC_IS_WINDOW (self));

  mc_session_cancel_open (self->session);
}
