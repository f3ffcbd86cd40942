/* mc-window-actions.c: the window's actions and keys
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The win.* actions, their accelerators, and the keys that move between
 * the window's regions (F6) or step back (Escape).
 */
#define G_LOG_DOMAIN "mc-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-connect-dialog.h"
#include "mc-model.h"
#include "mc-window-private.h"

static void
open_paths_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  g_autofree const char **paths = g_variant_get_strv (parameter, NULL);

  mc_window_open_paths (MC_WINDOW (widget), paths);
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
  McModel *model = mc_window_get_dataset (self) != NULL ? mc_model_for_dataset (mc_window_get_dataset (self)) : NULL;
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

  if (mc_window_get_dataset (self) == NULL)
    return;
  if (self->model_dialog == NULL)
    {
      self->model_dialog = mc_model_dialog_new (GTK_WINDOW (self), mc_window_get_dataset (self));
      g_signal_connect (self->model_dialog, "settings-changed", G_CALLBACK (on_model_settings_changed_cb), self);
      g_signal_connect_swapped (self->model_dialog, "destroy", G_CALLBACK (on_model_dialog_destroyed_cb), self);
    }
  gtk_window_present (GTK_WINDOW (self->model_dialog));
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

  if (mc_window_get_dataset (self) == NULL)
    return;
  dialog = gtk_file_chooser_native_new (_("Export Report"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("Mercato report.pdf"));
  g_signal_connect (dialog, "response", G_CALLBACK (on_report_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Ctrl+F: the rows of the selected table, with the search entry. */
static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  McWindow *self = MC_WINDOW (widget);

  if (mc_window_get_dataset (self) == NULL)
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

  if (mc_window_get_dataset (self) != NULL)
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
  if (self->cleaning_chooser != NULL || mc_window_get_dataset (self) == NULL)
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

/* A page changed the data: a toast that offers to undo it. */
static void
toast_undoable_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  _mc_window_toast_undoable (MC_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* A finding's source line: (table, line). */
static void
show_row_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  const char *table;
  guint line;

  g_variant_get (parameter, "(&su)", &table, &line);
  mc_window_show_row (MC_WINDOW (widget), table, line);
}

/* A segment's customers are worked out: the Tables page lists them. */
static void
show_customers_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  McWindow *self = MC_WINDOW (widget);

  mc_tables_page_show_customers (self->tables_page);
  adw_view_stack_set_visible_child_name (self->view_stack, "tables");
}

/* A page's request to the session failed: (title, message). */
static void
show_message_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  const char *title;
  const char *message;

  g_variant_get (parameter, "(&s&s)", &title, &message);
  _mc_window_show_message (MC_WINDOW (widget), title, message);
}

static void
cancel_load_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  mc_window_cancel_load (MC_WINDOW (widget));
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

void
_mc_window_class_actions_init (McWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

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
  gtk_widget_class_install_action (widget_class, "win.show-message", "(ss)", show_message_action);
  gtk_widget_class_install_action (widget_class, "win.toast-undoable", "s", toast_undoable_action);
  gtk_widget_class_install_action (widget_class, "win.show-row", "(su)", show_row_action);
  gtk_widget_class_install_action (widget_class, "win.show-customers", NULL, show_customers_action);
  gtk_widget_class_install_action (widget_class, "win.show-model", NULL, show_model_action);
  gtk_widget_class_install_action (widget_class, "win.set-model-choice", "(ss)", set_model_choice_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK, "win.show-model", NULL);
  gtk_widget_class_install_action (widget_class, "win.open-paths", "as", open_paths_action);
  mc_connect_dialog_install_action (widget_class);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_install_action (widget_class, "win.sort-rows", "(ib)", sort_rows_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export-report", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F6, 0, next_region_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F6, GDK_SHIFT_MASK, next_region_cb, NULL);
}
