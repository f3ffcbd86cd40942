/* mc-window.c: Mercato's main window
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The shell: a welcome page, the loading page bound to the session's
 * progress, then the dataset's pages, each bound to the session in the
 * template. The window follows its McSession for the header bar, the
 * view switcher and the actions; its actions, its requests to the
 * session (opening included), the recent datasets and the drop target
 * are in the other mc-window-*.c files. The previous dataset stays
 * until a new one is ready.
 */
#define G_LOG_DOMAIN "mc-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-window-private.h"

G_DEFINE_FINAL_TYPE (McWindow, mc_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DATASET,
  PROP_LOADING,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* "automotive — 4 tables": where the data came from, at a glance, and
 * what part of it the pages show under a filter. */
static void
update_subtitle (McWindow *self)
{
  McDataset *dataset = mc_window_get_dataset (self);
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

/* The actions that need a dataset, or that wait while one is written. */
static void
update_actions (McWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean shown = mc_window_get_dataset (self) != NULL;
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
  McDataset *dataset = mc_window_get_dataset (self);

  if (dataset == NULL)
    return;
  if (self->model_dialog != NULL)
    mc_model_dialog_set_dataset (self->model_dialog, dataset);
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

void
_mc_window_show_error (McWindow   *self,
            const char *message)
{
  _mc_window_show_message (self, _("Could Not Open the Dataset"), message);
}

static void
on_cancel_clicked_cb (McWindow *self)
{
  mc_window_cancel_load (self);
}

/* The model */

McModelDialog *
_mc_window_get_model_dialog (McWindow *self)
{
  return self->model_dialog;
}

/* Filtering the overview and the tables by a chart's mark */

/* The filter was dropped: the subtitle and the actions say so (the
 * pages follow the session). */
static void
on_filter_label_changed_cb (McWindow *self)
{
  if (mc_session_get_filter_label (self->session) != NULL)
    return;
  update_actions (self);
  update_subtitle (self);
}

/* The filter's purchases are worked out. */
static void
on_filtered_changed_cb (McWindow *self)
{
  if (mc_session_get_filtered (self->session) == NULL)
    return;
  update_actions (self);
  update_subtitle (self);
}

/**
 * mc_window_clear_filter:
 *
 * Shows every purchase again.
 */
void
mc_window_clear_filter (McWindow *self)
{
  g_return_if_fail (MC_IS_WINDOW (self));

  mc_session_clear_filter (self->session);
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

  if (mc_window_get_dataset (self) == NULL || mc_dataset_lookup_table (mc_window_get_dataset (self), table_name) == NULL)
    return;
  /* Lines are those of the whole dataset, which the table must show. */
  if (mc_session_get_filter_label (self->session) != NULL)
    mc_window_clear_filter (self);
  if (mc_tables_page_show_row (self->tables_page, table_name, line))
    adw_view_stack_set_visible_child_name (self->view_stack, "tables");
}

void
_mc_window_show_message (McWindow   *self,
                     const char *title,
                     const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), title, message);

  g_free (self->last_error);
  self->last_error = g_strdup (message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
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

  _mc_window_class_actions_init (klass);
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
  _mc_window_show_recent (self);
}

/* The window follows its session: what it shows, what runs. Connected
 * before the template binds the pages to the session, so that the window
 * shows the figures first and the Tables page lists its rows after, as
 * the Overview's chart that keeps its place on screen expects. */
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
}

/* After the template: the widgets it binds to. */
static void
bind_session (McWindow *self)
{
  g_object_bind_property (self->session, "progress-fraction", self->progress_bar, "fraction", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->session, "progress-message", self->loading_label, "label", G_BINDING_SYNC_CREATE);
}

static void
mc_window_init (McWindow *self)
{
  self->session = mc_session_new ();
  observe_session (self);
  self->recent_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  self->previous_page = g_strdup ("welcome");
  gtk_window_set_default_size (GTK_WINDOW (self), 1100, 720);
  bind_window_state (self);
  bind_session (self);
  update_actions (self);

  _mc_window_dnd_init (self);
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

  return self->session != NULL ? mc_session_get_dataset (self->session) : NULL;
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
