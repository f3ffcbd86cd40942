/* mc-window.c: Mercato's main window
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows a welcome page, then a dataset: a sidebar of its tables and,
 * for the selected table, its columns with their types, roles and
 * missing values, and the relations between tables. Loading runs on a
 * worker thread; the previous dataset stays until a new one is ready.
 */
#define G_LOG_DOMAIN "mc-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-dataset-files.h"
#include "mc-widget-utils.h"

#include "mc-chart-view.h"
#include "mc-overview-page.h"
#include "mc-report.h"
#include "mc-analysis.h"
#include "mc-model-dialog.h"
#include "mc-model-store.h"
#include "mc-model.h"
#include "mc-quality-page.h"
#include "mc-segments-page.h"
#include "mc-session.h"
#include "mc-tables-page-private.h"
#include "mc-window.h"

struct _McWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwViewSwitcherTitle *window_title;
  AdwViewStack         *view_stack;
  McOverviewPage       *overview_page;
  McQualityPage        *quality_page;
  McSegmentsPage       *segments_page;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  GtkLabel             *loading_label;
  GtkProgressBar       *progress_bar;
  McTablesPage         *tables_page;
  AdwPreferencesGroup  *recent_group;
  GMenu                *recent_menu;    /* Open Recent in the primary menu */
  GPtrArray            *recent_rows;

  /* Owned references */
  McSession            *session;        /* the dataset shown and what was done to it */
  GtkFileChooserNative *cleaning_chooser; /* Open Recipe… or Save Cleaned Copy…, while open */
  gboolean              tables_after_filter; /* show the Tables once the filter is ready */
  McModelDialog        *model_dialog;   /* "How the figures are computed", while open */
  GSettings            *settings;
  char                 *last_error;
  char                 *previous_page;
};

G_DEFINE_FINAL_TYPE (McWindow, mc_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DATASET,
  PROP_LOADING,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What a job the window asked the session for needs when it ends: the
 * window (which may have closed meanwhile) and the file it was about. */
typedef struct
{
  McWindow   *window;
  GStrv       paths;
  /* For a job whose end says only that it failed: how to finish it, and
   * the title of the message. */
  gboolean  (*finish) (McSession     *session,
                       GAsyncResult  *result,
                       GError       **error);
  const char *failure;
} Request;

static Request *
request_new (McWindow   *self,
             const char *path)
{
  Request *request = g_new0 (Request, 1);
  const char *paths[] = { path, NULL };

  request->window = g_object_ref (self);
  request->paths = g_strdupv ((GStrv) paths);
  return request;
}

static void
request_free (Request *request)
{
  g_clear_object (&request->window);
  g_clear_pointer (&request->paths, g_strfreev);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

/* Whether a job's end has something to say: the window is open, and the
 * job was neither superseded nor refused for want of a dataset. */
static gboolean
request_answered (Request *request,
                  GError  *error)
{
  if (request->window->session == NULL)
    return FALSE;
  return error == NULL || !(g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                            || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED)
                            || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND));
}

static void show_cleaning_error (McWindow   *self,
                                 const char *title,
                                 const char *message);

/* A job that says nothing when it succeeds, and its failure in a
 * message titled as the request says. */
static void
failure_only_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(GError) error = NULL;

  if (!request->finish (MC_SESSION (object), result, &error) && request_answered (request, error))
    show_cleaning_error (request->window, request->failure, error->message);
}

static Request *
request_failure_only (McWindow   *self,
                      gboolean  (*finish) (McSession *, GAsyncResult *, GError **),
                      const char *failure)
{
  Request *request = request_new (self, NULL);

  request->finish = finish;
  request->failure = failure;
  return request;
}

static McDataset *
shown_dataset (McWindow *self)
{
  return mc_session_get_dataset (self->session);
}
/* "automotive — 4 tables": where the data came from, at a glance, and
 * what part of it the pages show under a filter. */
static void
update_subtitle (McWindow *self)
{
  McDataset *dataset = shown_dataset (self);
  const char *label = mc_session_get_filter_label (self->session);
  gboolean filtered = mc_session_get_filtered (self->session) != NULL && label != NULL;
  guint n = dataset != NULL ? mc_dataset_get_n_tables (dataset) : 0;
  const char *path = n > 0 ? mc_table_get_path (mc_dataset_get_table (dataset, 0)) : NULL;
  g_autofree char *folder = path != NULL ? g_path_get_dirname (path) : NULL;
  g_autofree char *name = folder != NULL ? g_path_get_basename (folder) : g_strdup ("");
  g_autofree char *subtitle = NULL;

  /* Translators: the dataset's folder and how many tables it has. */
  subtitle = g_strdup_printf (g_dngettext (NULL, "%s — %u table", "%s — %u tables", n), name, n);
  if (filtered)
    {
      /* Translators: the dataset, then what part of it is shown. */
      g_autofree char *part = g_strdup_printf (_("%s · only %s"), subtitle, label);

      g_free (subtitle);
      subtitle = g_steal_pointer (&part);
    }
  adw_view_switcher_title_set_subtitle (self->window_title, subtitle);
}

static void show_cleaning (McWindow *self);

/* The actions that need a dataset, or that wait while one is written. */
static void
update_actions (McWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean shown = shown_dataset (self) != NULL;
  gboolean writing = mc_session_get_writing (self->session);
  GPtrArray *recipe = mc_session_get_recipe (self->session);

  gtk_widget_action_set_enabled (widget, "win.cancel-load", mc_session_get_loading (self->session));
  gtk_widget_action_set_enabled (widget, "win.show-model", shown);
  gtk_widget_action_set_enabled (widget, "win.export-report", shown && !writing);
  gtk_widget_action_set_enabled (widget, "win.clear-filter", mc_session_get_filtered (self->session) != NULL);
  gtk_widget_action_set_enabled (widget, "win.undo", mc_session_get_can_undo (self->session));
  gtk_widget_action_set_enabled (widget, "win.redo", mc_session_get_can_redo (self->session));
  /* A copy is worth saving once a step changed it. */
  gtk_widget_action_set_enabled (widget, "win.save-cleaned-copy", recipe != NULL && recipe->len > 0 && !writing);
  gtk_widget_action_set_enabled (widget, "win.open-recipe", shown && !writing);
}

/* The session's dataset changed: every page shows it. */
static void
on_dataset_changed_cb (McWindow *self)
{
  McDataset *dataset = shown_dataset (self);
  const McAnalysis *analysis = mc_session_get_analysis (self->session);

  if (dataset == NULL)
    return;
  mc_overview_page_show (self->overview_page, analysis->metrics, analysis->platforms,
                         mc_session_get_charts (self->session));
  if (analysis->metrics == NULL)
    mc_overview_page_show_sessions (self->overview_page, analysis->sessions);
  mc_overview_page_set_model (self->overview_page, mc_model_for_dataset (dataset));
  if (self->model_dialog != NULL)
    mc_model_dialog_set_dataset (self->model_dialog, dataset);
  show_cleaning (self);
  mc_segments_page_set_dataset (self->segments_page, dataset, mc_session_get_only_columns_added (self->session));
  adw_view_switcher_title_set_view_switcher_enabled (self->window_title, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "dataset");
  update_subtitle (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
}

static void
on_loading_changed_cb (McWindow *self)
{
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
show_error (McWindow   *self,
            const char *message)
{
  show_cleaning_error (self, _("Could Not Open the Dataset"), message);
}

/* Recent datasets */

/* "automotive", "sales.csv and 2 other files" */
static char *
name_paths (const char * const *paths)
{
  g_autofree char *first = g_path_get_basename (paths[0]);
  guint n = g_strv_length ((GStrv) paths);

  if (n == 1)
    return g_steal_pointer (&first);
  return g_strdup_printf (g_dngettext (NULL, "%s and %u other file", "%s and %u other files", n - 1), first, n - 1);
}


#define MAX_RECENT 8

static void
on_recent_activated_cb (AdwActionRow *row,
                        McWindow     *self)
{
  const char * const *paths = g_object_get_data (G_OBJECT (row), "mc-paths");

  mc_window_open_paths (self, paths);
}

/* The welcome page's list of recent datasets whose files are still there. */
static void
show_recent (McWindow *self)
{
  g_autoptr(GVariant) recent = self->settings != NULL ? g_settings_get_value (self->settings, "recent-datasets") : NULL;
  GVariantIter iter;
  GVariant *entry;

  g_menu_remove_all (self->recent_menu);
  for (guint i = 0; i < self->recent_rows->len; i++)
    adw_preferences_group_remove (self->recent_group, g_ptr_array_index (self->recent_rows, i));
  g_ptr_array_set_size (self->recent_rows, 0);
  if (recent != NULL)
    {
      g_variant_iter_init (&iter, recent);
      while ((entry = g_variant_iter_next_value (&iter)) != NULL)
        {
          g_auto(GStrv) paths = g_variant_dup_strv (entry, NULL);
          g_autofree char *title = NULL;
          g_autofree char *folder = NULL;
          GtkWidget *row;

          g_autoptr(GMenuItem) item = NULL;

          g_variant_unref (entry);
          if (paths[0] == NULL || !g_file_test (paths[0], G_FILE_TEST_EXISTS))
            continue;
          title = name_paths ((const char * const *) paths);
          folder = g_path_get_dirname (paths[0]);
          /* The same in the primary menu's Open Recent: "automotive — /home/…". */
          {
            g_autofree char *label = g_strdup_printf (_("%s — %s"), title, folder);
            g_autoptr(GString) escaped = g_string_new (label);

            /* Menu labels take underscores as mnemonics. */
            g_string_replace (escaped, "_", "__", 0);
            item = g_menu_item_new (escaped->str, NULL);
            g_menu_item_set_action_and_target_value (item, "win.open-paths",
                                                     g_variant_new_strv ((const char * const *) paths, -1));
            g_menu_append_item (self->recent_menu, item);
          }
          row = adw_action_row_new ();
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), folder);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
          g_object_set_data_full (G_OBJECT (row), "mc-paths", g_steal_pointer (&paths), (GDestroyNotify) g_strfreev);
          g_signal_connect (row, "activated", G_CALLBACK (on_recent_activated_cb), self);
          adw_preferences_group_add (self->recent_group, row);
          g_ptr_array_add (self->recent_rows, row);
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->recent_group), self->recent_rows->len > 0);
  if (self->recent_rows->len == 0)
    /* No action: shown, insensitive. */
    g_menu_append (self->recent_menu, _("No Recent Datasets"), NULL);
}

/* Puts PATHS first among the recent datasets, and each file in the
 * desktop's recent files. */
static void
remember_dataset (McWindow           *self,
                  const char * const *paths)
{
  g_autoptr(GVariant) recent = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  GVariant *entry;
  guint kept = 1;

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);
      g_autofree char *uri = g_file_get_uri (file);

      gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
    }
  if (self->settings == NULL)
    return;
  recent = g_settings_get_value (self->settings, "recent-datasets");
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aas"));
  g_variant_builder_add_value (&builder, g_variant_new_strv (paths, -1));
  g_variant_iter_init (&iter, recent);
  while ((entry = g_variant_iter_next_value (&iter)) != NULL)
    {
      g_auto(GStrv) other = g_variant_dup_strv (entry, NULL);

      if (kept < MAX_RECENT && !g_strv_equal ((const char * const *) other, paths))
        {
          g_variant_builder_add_value (&builder, entry);
          kept++;
        }
      g_variant_unref (entry);
    }
  g_settings_set_value (self->settings, "recent-datasets", g_variant_builder_end (&builder));
  show_recent (self);
}

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

static void
open_paths_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  g_autofree const char **paths = g_variant_get_strv (parameter, NULL);

  mc_window_open_paths (MC_WINDOW (widget), paths);
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
      remember_dataset (self, (const char * const *) request->paths);
      /* Another dataset starts at the top of every page. */
      mc_overview_page_scroll_to_top (self->overview_page);
      mc_tables_page_scroll_to_start (self->tables_page);
      offer_related_files (self, shown_dataset (self));
      toast_skipped (self, shown_dataset (self));
      return;
    }
  /* Closed, or a newer open superseded this one: nothing to say. */
  if (self->session == NULL || mc_session_get_loading (self->session))
    return;
  /* A failed or cancelled load leaves what was there before. */
  gtk_stack_set_visible_child_name (self->stack, self->previous_page);
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_error (self, error->message);
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
  request = request_new (self, NULL);
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
      show_error (self, _("Mercato can only open files on this computer."));
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

static void
on_cancel_clicked_cb (McWindow *self)
{
  mc_window_cancel_load (self);
}

/* A toast saying MESSAGE that offers to undo the change it is about. */
static void
toast_undoable (McWindow   *self,
                const char *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
apply_recipe_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  McWindow *self = request->window;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gsize removed = 0;

  if (!mc_session_apply_recipe_finish (MC_SESSION (object), result, &removed, &error))
    {
      if (request_answered (request, error))
        show_cleaning_error (self, _("Could Not Clean the Data"), error->message);
      return;
    }
  if (self->session == NULL)
    return;
  message = g_strdup_printf (g_dngettext (NULL, "Cleaned: %'zu row removed",
                                          "Cleaned: %'zu rows removed", removed),
                             removed);
  toast_undoable (self, message);
}

/**
 * mc_window_apply_recipe:
 *
 * Cleans a copy of the dataset with the quality page's recipe on a worker
 * thread; the dataset before stays on the undo list.
 */
void
mc_window_apply_recipe (McWindow *self)
{
  GPtrArray *recipe;

  g_return_if_fail (MC_IS_WINDOW (self));

  recipe = mc_quality_page_get_recipe (self->quality_page);
  if (shown_dataset (self) == NULL || recipe->len == 0)
    return;
  mc_session_apply_recipe_async (self->session, recipe, apply_recipe_cb, request_new (self, NULL));
}

static void
on_apply_recipe_cb (McWindow *self)
{
  mc_window_apply_recipe (self);
}

/* The model */

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
  if (!request_answered (request, error))
    return;
  if (self->model_dialog != NULL)
    mc_model_dialog_set_busy (self->model_dialog, FALSE);
  if (!done)
    {
      if (self->model_dialog != NULL)
        adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self->model_dialog), adw_toast_new (error->message));
      else
        show_error (self, error->message);
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

  if (shown_dataset (self) == NULL)
    return;
  if (self->model_dialog != NULL)
    mc_model_dialog_set_busy (self->model_dialog, TRUE);
  mc_session_set_model_settings_async (self->session, settings, remodel_cb, request_new (self, NULL));
}

static void
on_model_settings_changed_cb (McModelDialog *dialog,
                              GHashTable    *settings,
                              McWindow      *self)
{
  mc_window_set_model_settings (self, settings);
}

static void
on_model_dialog_destroyed_cb (McWindow *self)
{
  self->model_dialog = NULL;
}

static void
set_model_choice_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  McWindow *self = MC_WINDOW (widget);
  McModel *model = shown_dataset (self) != NULL ? mc_model_for_dataset (shown_dataset (self)) : NULL;
  g_autoptr(GHashTable) settings = model != NULL ? mc_model_dup_overrides (model) : mc_model_overrides_new ();
  const char *key, *value;

  g_variant_get (parameter, "(&s&s)", &key, &value);
  g_hash_table_insert (settings, g_strdup (key), g_strdup (value));
  mc_window_set_model_settings (self, settings);
}

static void
show_model_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  McWindow *self = MC_WINDOW (widget);

  if (shown_dataset (self) == NULL)
    return;
  if (self->model_dialog == NULL)
    {
      self->model_dialog = mc_model_dialog_new (GTK_WINDOW (self), shown_dataset (self));
      g_signal_connect (self->model_dialog, "settings-changed", G_CALLBACK (on_model_settings_changed_cb), self);
      g_signal_connect_swapped (self->model_dialog, "destroy", G_CALLBACK (on_model_dialog_destroyed_cb), self);
    }
  gtk_window_present (GTK_WINDOW (self->model_dialog));
}

McModelDialog *
_mc_window_get_model_dialog (McWindow *self)
{
  return self->model_dialog;
}

/* Export report */

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
      if (request_answered (request, error))
        show_error (self, error->message);
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

  if (shown_dataset (self) == NULL)
    return;
  /* Under a filter, the report is of what the pages show, and its
   * title (the window's subtitle) says which part that is. */
  mc_session_export_report_async (self->session, adw_view_switcher_title_get_subtitle (self->window_title), path,
                                  report_cb, request_new (self, path));
}

static void
on_report_response_cb (GtkNativeDialog *dialog,
                       int              response,
                       gpointer         user_data)
{
  McWindow *self = MC_WINDOW (user_data);
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL
      && (path = g_file_get_path (file)) != NULL)
    mc_window_export_report (self, path);
  g_object_unref (dialog);
}

static void
export_report_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  McWindow *self = MC_WINDOW (widget);
  GtkFileChooserNative *dialog;

  if (shown_dataset (self) == NULL)
    return;
  dialog = gtk_file_chooser_native_new (_("Export Report"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("Mercato report.pdf"));
  g_signal_connect (dialog, "response", G_CALLBACK (on_report_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Filtering the overview and the tables by a chart's mark */

/* The filter's purchases are worked out: the Overview and the Tables
 * show them. */
static void
on_filtered_changed_cb (McWindow *self)
{
  const McAnalysis *filtered = mc_session_get_filtered_analysis (self->session);

  if (filtered == NULL)
    return;
  mc_overview_page_set_busy (self->overview_page, NULL);
  mc_overview_page_show_filtered (self->overview_page, filtered->metrics, filtered->platforms,
                                  mc_session_get_filtered_charts (self->session),
                                  mc_session_get_charts (self->session),
                                  mc_session_get_filter_label (self->session));
  update_actions (self);
  update_subtitle (self);
  if (self->tables_after_filter)
    {
      mc_tables_page_show_customers (self->tables_page);
      adw_view_stack_set_visible_child_name (self->view_stack, "tables");
    }
  self->tables_after_filter = FALSE;
}

/* A filter was asked for (the Overview says it is being worked out),
 * or dropped. */
static void
on_filter_label_changed_cb (McWindow *self)
{
  const char *label = mc_session_get_filter_label (self->session);

  if (label != NULL)
    {
      if (mc_session_get_filtering (self->session))
        mc_overview_page_set_busy (self->overview_page, label);
      return;
    }
  mc_overview_page_set_busy (self->overview_page, NULL);
  mc_overview_page_set_filter (self->overview_page, NULL);
  update_actions (self);
  update_subtitle (self);
}

/**
 * mc_window_filter:
 *
 * Shows only the purchases that meet CONDITIONS (McChartCondition, as
 * charts' marks give them) on the Overview and the Tables pages; the
 * figures and charts are worked out again on a worker thread. Data
 * Quality and cleaning keep to the whole dataset.
 */
void
mc_window_filter (McWindow  *self,
                  GPtrArray *conditions)
{
  g_return_if_fail (MC_IS_WINDOW (self));

  self->tables_after_filter = FALSE;
  mc_session_filter_async (self->session, conditions, failure_only_cb,
                           request_failure_only (self, mc_session_filter_finish, _("Could Not Open the Dataset")));
}

/**
 * mc_window_filter_dataset:
 *
 * Shows FILTERED, a part of the dataset shown (as LABEL says: "Website",
 * "the segment Big spenders"), on the Overview and the Tables pages;
 * its figures and charts are worked out on a worker thread.
 */
void
mc_window_filter_dataset (McWindow   *self,
                          McDataset  *filtered,
                          const char *label)
{
  g_return_if_fail (MC_IS_WINDOW (self));

  mc_session_filter_dataset_async (self->session, filtered, label, failure_only_cb,
                                   request_failure_only (self, mc_session_filter_finish,
                                                         _("Could Not Open the Dataset")));
}

/**
 * mc_window_clear_filter:
 *
 * Shows every purchase again.
 */
void
mc_window_clear_filter (McWindow *self)
{
  const McAnalysis *analysis;

  g_return_if_fail (MC_IS_WINDOW (self));

  if ((analysis = mc_session_get_analysis (self->session)) == NULL)
    return;
  mc_session_clear_filter (self->session);
  mc_overview_page_show (self->overview_page, analysis->metrics, analysis->platforms,
                         mc_session_get_charts (self->session));
}

static void
on_filter_cb (McWindow  *self,
              GPtrArray *conditions)
{
  mc_window_filter (self, conditions);
}

static void
on_clear_filter_cb (McWindow *self)
{
  mc_window_clear_filter (self);
}

/**
 * mc_window_show_row:
 *
 * Shows, in the table's rows, the row that starts on LINE of its file.
 */
void
mc_window_show_row (McWindow   *self,
                    const char *table_name,
                    guint       line)
{
  g_return_if_fail (MC_IS_WINDOW (self));

  if (shown_dataset (self) == NULL || mc_dataset_lookup_table (shown_dataset (self), table_name) == NULL)
    return;
  /* Lines are those of the whole dataset, which the table must show. */
  if (mc_session_get_filter_label (self->session) != NULL)
    mc_window_clear_filter (self);
  if (mc_tables_page_show_row (self->tables_page, table_name, line))
    adw_view_stack_set_visible_child_name (self->view_stack, "tables");
}

/* Ctrl+F: the rows of the selected table, with the search entry. */
static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  McWindow *self = MC_WINDOW (widget);

  if (shown_dataset (self) == NULL)
    return;
  adw_view_stack_set_visible_child_name (self->view_stack, "tables");
  mc_tables_page_find (self->tables_page);
}

/* Alt+1…4: a page by name, once a dataset is open. */
static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  McWindow *self = MC_WINDOW (widget);

  if (shown_dataset (self) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, g_variant_get_string (parameter, NULL));
}

/* From a column's header menu. */
static void
sort_rows_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  int column;
  gboolean descending;

  g_variant_get (parameter, "(ib)", &column, &descending);
  mc_tables_page_sort_rows (MC_WINDOW (widget)->tables_page, column, descending);
}

static void
on_show_line_cb (McWindow   *self,
                 const char *table,
                 guint       line)
{
  mc_window_show_row (self, table, line);
}

/* The Data Quality page of the dataset shown, with the steps that made
 * it. */
static void
show_cleaning (McWindow *self)
{
  mc_quality_page_show_cleaned (self->quality_page, shown_dataset (self), mc_session_get_findings (self->session),
                                mc_session_get_recipe (self->session), mc_session_get_log (self->session));
}

static void
show_cleaning_error (McWindow   *self,
                     const char *title,
                     const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), title, message);

  g_free (self->last_error);
  self->last_error = g_strdup (message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
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
  mc_session_undo_async (self->session, failure_only_cb,
                         request_failure_only (self, mc_session_history_finish, _("Could Not Clean the Data")));
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
  mc_session_redo_async (self->session, failure_only_cb,
                         request_failure_only (self, mc_session_history_finish, _("Could Not Clean the Data")));
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

  if (shown_dataset (self) == NULL)
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
      show_cleaning_error (self, _("Not a Cleaning Recipe"), error->message);
      return;
    }
  mc_quality_page_set_recipe (self->quality_page, recipe);
  mc_window_apply_recipe (self);
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
      if (request_answered (request, error))
        show_cleaning_error (self, _("Could Not Save the Cleaned Copy"), error->message);
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

  if (shown_dataset (self) == NULL)
    return;
  mc_session_save_cleaned_copy_async (self->session, folder, save_cleaned_copy_cb, request_new (self, folder));
}

static void
on_cleaning_chooser_response_cb (GtkNativeDialog *chooser,
                                 int              response,
                                 McWindow        *self)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
  gboolean saving = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER;

  if (response == GTK_RESPONSE_ACCEPT && path != NULL)
    {
      if (saving)
        mc_window_save_cleaned_copy (self, path);
      else
        mc_window_open_recipe (self, path);
    }
  g_clear_object (&self->cleaning_chooser);
}

static void
choose_for_cleaning (McWindow *self,
                     gboolean  saving)
{
  if (self->cleaning_chooser != NULL || shown_dataset (self) == NULL)
    return;
  if (saving)
    {
      self->cleaning_chooser = gtk_file_chooser_native_new (_("Save Cleaned Copy"), GTK_WINDOW (self),
                                                            GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Save Here"),
                                                            _("_Cancel"));
    }
  else
    {
      g_autoptr(GtkFileFilter) recipes = gtk_file_filter_new ();
      g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

      self->cleaning_chooser = gtk_file_chooser_native_new (_("Open Recipe"), GTK_WINDOW (self),
                                                            GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
      gtk_file_filter_set_name (recipes, _("Cleaning recipes"));
      gtk_file_filter_add_pattern (recipes, "*.ini");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->cleaning_chooser), recipes);
      gtk_file_filter_set_name (all, _("All files"));
      gtk_file_filter_add_pattern (all, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->cleaning_chooser), all);
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->cleaning_chooser), TRUE);
  g_signal_connect (self->cleaning_chooser, "response", G_CALLBACK (on_cleaning_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->cleaning_chooser));
}

static void
save_cleaned_copy_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  choose_for_cleaning (MC_WINDOW (widget), TRUE);
}

static void
open_recipe_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  choose_for_cleaning (MC_WINDOW (widget), FALSE);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  mc_window_redo_cleaning (MC_WINDOW (widget));
}

/* F6 (and Shift+F6) goes between the window's regions: the header bar,
 * and the page shown (on the Overview, its first chart). */
static gboolean
next_region_cb (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  McWindow *self = MC_WINDOW (widget);
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (self));
  GtkWidget *header = gtk_widget_get_ancestor (GTK_WIDGET (self->window_title), ADW_TYPE_HEADER_BAR);
  GtkWidget *page = gtk_stack_get_visible_child (self->stack);

  if (focus != NULL && !gtk_widget_is_ancestor (focus, header))
    {
      gtk_window_set_focus (GTK_WINDOW (self), NULL);
      return gtk_widget_child_focus (header, GTK_DIR_TAB_FORWARD);
    }
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "dataset") == 0)
    {
      page = adw_view_stack_get_visible_child (self->view_stack);
      if (page == GTK_WIDGET (self->overview_page))
        return mc_overview_page_focus_content (self->overview_page);
    }
  return page != NULL && gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD);
}

/* Escape cancels a load, else clears the filter. */
static gboolean
escape_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  McWindow *self = MC_WINDOW (widget);

  if (mc_window_get_loading (self))
    mc_window_cancel_load (self);
  else if (mc_session_get_filter_label (self->session) != NULL)
    mc_window_clear_filter (self);
  else
    return FALSE;
  return TRUE;
}

static void
clear_filter_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  mc_window_clear_filter (MC_WINDOW (widget));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  mc_window_undo_cleaning (MC_WINDOW (widget));
}

static void
toast_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  adw_toast_overlay_add_toast (MC_WINDOW (widget)->toast_overlay, adw_toast_new (g_variant_get_string (parameter, NULL)));
}

/* Segments */

static void
add_segment_column_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(McWindow) self = user_data;

  /* Closed, or another dataset opened meanwhile. */
  if (mc_session_add_segments_finish (MC_SESSION (object), result, NULL) && self->session != NULL)
    toast_undoable (self, _("Segments added to the data: the dashboard can be filtered by them"));
}

/**
 * mc_window_add_segment_column:
 *
 * Shows WITH_COLUMN, the dataset shown with the segments of the
 * Segments page added, once its figures are worked out on a worker
 * thread; the dataset before goes on the undo list.
 */
void
mc_window_add_segment_column (McWindow  *self,
                              McDataset *with_column)
{
  g_return_if_fail (MC_IS_WINDOW (self));

  if (shown_dataset (self) == NULL)
    return;
  mc_session_add_segments_async (self->session, with_column, add_segment_column_cb, g_object_ref (self));
}

static void
on_add_segment_column_cb (McWindow  *self,
                          McDataset *with_column)
{
  mc_window_add_segment_column (self, with_column);
}

static void
on_show_customers_cb (McWindow   *self,
                      McDataset  *selection,
                      const char *label)
{
  self->tables_after_filter = TRUE;
  /* No chart's mark set this filter. */
  mc_overview_page_forget_selection (self->overview_page);
  mc_window_filter_dataset (self, selection, label);
}

static void
on_chooser_response_cb (GtkNativeDialog *dialog,
                        int              response,
                        gpointer         user_data)
{
  McWindow *self = MC_WINDOW (user_data);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      guint n = g_list_model_get_n_items (files);
      g_autofree GFile **array = g_new0 (GFile *, n + 1);

      for (guint i = 0; i < n; i++)
        array[i] = g_list_model_get_item (files, i);
      mc_window_open_files (self, array, n);
      for (guint i = 0; i < n; i++)
        g_object_unref (array[i]);
    }
  g_object_unref (dialog);
}

/**
 * mc_window_choose:
 *
 * Asks for CSV files, or a FOLDER of them, and opens them.
 */
void
mc_window_choose (McWindow *self,
                  gboolean  folder)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  g_return_if_fail (MC_IS_WINDOW (self));

  chooser = gtk_file_chooser_native_new (folder ? _("Open a Folder of CSV Files") : _("Open CSV Files"),
                                         GTK_WINDOW (self),
                                         folder ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER : GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  if (!folder)
    {
      gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
      gtk_file_filter_set_name (filter, _("CSV and text tables"));
      gtk_file_filter_add_mime_type (filter, "text/csv");
      gtk_file_filter_add_mime_type (filter, "text/tab-separated-values");
      gtk_file_filter_add_suffix (filter, "csv");
      gtk_file_filter_add_suffix (filter, "tsv");
      gtk_file_filter_add_suffix (filter, "txt");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
    }
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            gpointer       user_data)
{
  McWindow *self = MC_WINDOW (user_data);
  GSList *list = g_value_get_boxed (value);
  g_autoptr(GPtrArray) files = g_ptr_array_new ();

  for (GSList *l = list; l != NULL; l = l->next)
    g_ptr_array_add (files, l->data);
  if (files->len == 0)
    return FALSE;
  mc_window_open_files (self, (GFile **) files->pdata, files->len);
  return TRUE;
}

static void
cancel_load_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  mc_window_cancel_load (MC_WINDOW (widget));
}

static void
mc_window_dispose (GObject *object)
{
  McWindow *self = (McWindow *)object;

  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      mc_session_cancel_open (self->session);
      g_clear_object (&self->session);
    }
  if (self->model_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->model_dialog));
  if (self->cleaning_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->cleaning_chooser));
  g_clear_object (&self->cleaning_chooser);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->recent_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (mc_window_parent_class)->dispose (object);
}

static void
mc_window_finalize (GObject *object)
{
  McWindow *self = (McWindow *)object;

  g_clear_pointer (&self->last_error, g_free);
  g_clear_pointer (&self->previous_page, g_free);

  G_OBJECT_CLASS (mc_window_parent_class)->finalize (object);
}

static void
mc_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  McWindow *self = MC_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, mc_window_get_dataset (self));
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, mc_window_get_loading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_window_class_init (McWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_window_dispose;
  object_class->finalize = mc_window_finalize;
  object_class->get_property = mc_window_get_property;

  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL, MC_TYPE_DATASET,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, MC_TYPE_SESSION,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MC_TYPE_OVERVIEW_PAGE);
  g_type_ensure (MC_TYPE_QUALITY_PAGE);
  g_type_ensure (MC_TYPE_SEGMENTS_PAGE);
  g_type_ensure (MC_TYPE_TABLES_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/mercato/Mercato/ui/mc-window.ui");
  gtk_widget_class_bind_template_child (widget_class, McWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, McWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, McWindow, overview_page);
  gtk_widget_class_bind_template_child (widget_class, McWindow, quality_page);
  gtk_widget_class_bind_template_child (widget_class, McWindow, segments_page);
  gtk_widget_class_bind_template_child (widget_class, McWindow, tables_page);
  gtk_widget_class_bind_template_child (widget_class, McWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, McWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, McWindow, loading_label);
  gtk_widget_class_bind_template_child (widget_class, McWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, McWindow, recent_group);
  gtk_widget_class_bind_template_child (widget_class, McWindow, recent_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_apply_recipe_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_show_line_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_filter_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_show_customers_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_segment_column_cb);

  gtk_widget_class_install_action (widget_class, "win.cancel-load", NULL, cancel_load_action);
  gtk_widget_class_install_action (widget_class, "win.export-report", NULL, export_report_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_install_action (widget_class, "win.open-recipe", NULL, open_recipe_action);
  gtk_widget_class_install_action (widget_class, "win.save-cleaned-copy", NULL, save_cleaned_copy_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  {
    static const char *pages[] = { "overview", "tables", "segments", "quality" };

    for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK, "win.show-page", "s", pages[i]);
  }
  gtk_widget_class_install_action (widget_class, "win.clear-filter", NULL, clear_filter_action);
  gtk_widget_class_install_action (widget_class, "win.toast", "s", toast_action);
  gtk_widget_class_install_action (widget_class, "win.show-model", NULL, show_model_action);
  gtk_widget_class_install_action (widget_class, "win.set-model-choice", "(ss)", set_model_choice_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK, "win.show-model", NULL);
  gtk_widget_class_install_action (widget_class, "win.open-paths", "as", open_paths_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_install_action (widget_class, "win.sort-rows", "(ib)", sort_rows_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export-report", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F6, 0, next_region_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F6, GDK_SHIFT_MASK, next_region_cb, NULL);
}

/* Remembers the window's size when the schema is installed (or found
 * through GSETTINGS_SCHEMA_DIR); an uninstalled build without it simply
 * does not remember. */
static void
bind_window_state (McWindow *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    return;
  self->settings = g_settings_new (APPLICATION_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  show_recent (self);
}

/* The window follows its session: what it shows, what runs. */
static void
observe_session (McWindow *self)
{
  static const struct { const char *signal; GCallback callback; } observed[] = {
    { "notify::dataset", G_CALLBACK (on_dataset_changed_cb) },
    { "notify::filter-label", G_CALLBACK (on_filter_label_changed_cb) },
    { "notify::filtered", G_CALLBACK (on_filtered_changed_cb) },
    { "notify::loading", G_CALLBACK (on_loading_changed_cb) },
    { "notify::busy", G_CALLBACK (update_actions) },
    { "notify::can-undo", G_CALLBACK (update_actions) },
    { "notify::can-redo", G_CALLBACK (update_actions) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (observed); i++)
    g_signal_connect_swapped (self->session, observed[i].signal, observed[i].callback, self);
  g_object_bind_property (self->session, "progress-fraction", self->progress_bar, "fraction", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->session, "progress-message", self->loading_label, "label", G_BINDING_SYNC_CREATE);
  /* Data Quality waits while a cleaning or a step of undo is made. */
  g_object_bind_property (self->session, "changing", self->quality_page, "sensitive",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
}

static void
mc_window_init (McWindow *self)
{
  GtkDropTarget *drop;

  self->session = mc_session_new ();
  self->recent_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  self->previous_page = g_strdup ("welcome");
  gtk_window_set_default_size (GTK_WINDOW (self), 1100, 720);
  bind_window_state (self);
  observe_session (self);
  update_actions (self);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

McWindow *
mc_window_new (AdwApplication *application)
{
  return g_object_new (MC_TYPE_WINDOW, "application", application, NULL);
}

McDataset *
mc_window_get_dataset (McWindow *self)
{
  g_return_val_if_fail (MC_IS_WINDOW (self), NULL);

  return self->session != NULL ? shown_dataset (self) : NULL;
}

gboolean
mc_window_get_loading (McWindow *self)
{
  g_return_val_if_fail (MC_IS_WINDOW (self), FALSE);

  return self->session != NULL && mc_session_get_loading (self->session);
}

const char *
mc_window_get_last_error (McWindow *self)
{
  g_return_val_if_fail (MC_IS_WINDOW (self), NULL);

  return self->last_error;
}

GtkColumnView *
mc_window_get_rows_view (McWindow *self)
{
  g_return_val_if_fail (MC_IS_WINDOW (self), NULL);

  return _mc_tables_page_get_rows_view (self->tables_page);
}

McQualityPage *
mc_window_get_quality_page (McWindow *self)
{
  g_return_val_if_fail (MC_IS_WINDOW (self), NULL);

  return self->quality_page;
}

GtkListBox *
mc_window_get_table_list (McWindow *self)
{
  g_return_val_if_fail (MC_IS_WINDOW (self), NULL);

  return _mc_tables_page_get_table_list (self->tables_page);
}

McOverviewPage *
mc_window_get_overview_page (McWindow *self)
{
  g_return_val_if_fail (MC_IS_WINDOW (self), NULL);

  return self->overview_page;
}

/* Whether a filter is being worked out. */
gboolean
mc_window_get_filtering (McWindow *self)
{
  g_return_val_if_fail (MC_IS_WINDOW (self), FALSE);

  return self->session != NULL && mc_session_get_filtering (self->session);
}

McSegmentsPage *
mc_window_get_segments_page (McWindow *self)
{
  g_return_val_if_fail (MC_IS_WINDOW (self), NULL);

  return self->segments_page;
}
