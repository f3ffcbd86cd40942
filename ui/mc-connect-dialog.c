/* mc-connect-dialog.c: "Connect to Database…"
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Asks for a server, a database, a user, a password and a TLS mode,
 * tries them on a worker (Cancel stops the query on the server through
 * the cancellable, PQcancel) and stays open with the server's words when
 * they fail; when they work, keeps the password in the keyring if asked
 * (mc-connect-secret.c) and hands the window a URI without it, which
 * opens as a file does and joins the recent datasets.
 */
#define G_LOG_DOMAIN "mc-connect-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-connect-dialog.h"
#include "mc-connect-info.h"
#include "mc-connect-secret.h"
#include "mc-pg-connection.h"
#include "mc-pg-source.h"

struct _McConnectDialog
{
  AdwWindow             parent_instance;

  /* Template widgets */
  AdwPreferencesGroup  *server_group;
  AdwPreferencesGroup  *recent_group;
  AdwEntryRow          *host_row;
  AdwEntryRow          *port_row;
  AdwEntryRow          *database_row;
  AdwEntryRow          *user_row;
  AdwEntryRow          *password_row;
  AdwComboRow          *sslmode_row;
  GtkSwitch            *remember_switch;
  GtkLabel             *error_label;
  GtkSpinner           *spinner;
  GtkButton            *connect_button;

  /* Owned */
  GCancellable         *cancellable;    /* connecting, or looking a password up */
  guint                 looking_up;
};

G_DEFINE_FINAL_TYPE (McConnectDialog, mc_connect_dialog, ADW_TYPE_WINDOW)

enum {
  CONNECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What a worker needs to connect; the password wiped when done. */
typedef struct
{
  McConnectInfo *info;
  char          *uri;
  char          *password;   /* NULL: the keyring's, if it has one */
  gboolean       remember;
} Attempt;

static void
attempt_free (Attempt *attempt)
{
  mc_connect_info_free (attempt->info);
  g_free (attempt->uri);
  if (attempt->password != NULL)
    explicit_bzero (attempt->password, strlen (attempt->password));
  g_free (attempt->password);
  g_free (attempt);
}

static char *
row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static McConnectInfo *
read_info (McConnectDialog *self)
{
  g_autofree char *host = row_text (self->host_row);
  g_autofree char *port = row_text (self->port_row);
  g_autofree char *database = row_text (self->database_row);
  g_autofree char *user = row_text (self->user_row);
  guint mode = adw_combo_row_get_selected (self->sslmode_row);
  const char * const *modes = mc_connect_info_sslmodes ();

  return mc_connect_info_new (host, port, database, user, mode < g_strv_length ((GStrv) modes) ? modes[mode] : NULL);
}

static void
show_error (McConnectDialog *self,
            const char      *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
set_connecting (McConnectDialog *self,
                gboolean         connecting)
{
  /* GTK 4.8 warns when an entry with the focus turns insensitive. */
  if (connecting)
    gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), connecting);
  gtk_spinner_set_spinning (self->spinner, connecting);
  gtk_widget_set_sensitive (GTK_WIDGET (self->server_group), !connecting);
  gtk_widget_set_sensitive (GTK_WIDGET (self->recent_group), !connecting);
  gtk_widget_set_sensitive (GTK_WIDGET (self->connect_button), !connecting);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(McConnectDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = mc_connect_secret_lookup_finish (result, &error);

  self->looking_up--;
  if (error != NULL)
    {
      /* No keyring here: the user types the password. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("could not look the password up: %s", error->message);
      return;
    }
  /* What the user typed meanwhile wins. */
  if (password != NULL && *gtk_editable_get_text (GTK_EDITABLE (self->password_row)) == '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->password_row), password);
  if (password != NULL)
    explicit_bzero (password, strlen (password));
}

static void
fill_from (McConnectDialog     *self,
           const McConnectInfo *info)
{
  const char * const *modes = mc_connect_info_sslmodes ();

  gtk_editable_set_text (GTK_EDITABLE (self->host_row), info->host);
  gtk_editable_set_text (GTK_EDITABLE (self->port_row), info->port);
  gtk_editable_set_text (GTK_EDITABLE (self->database_row), info->database);
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), info->user);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  for (guint i = 0; modes[i] != NULL; i++)
    if (g_str_equal (modes[i], info->sslmode))
      adw_combo_row_set_selected (self->sslmode_row, i);
  show_error (self, NULL);
  self->looking_up++;
  mc_connect_secret_lookup_async (info, self->cancellable, lookup_cb, g_object_ref (self));
}

static void
on_recent_activated_cb (AdwActionRow    *row,
                        McConnectDialog *self)
{
  fill_from (self, g_object_get_data (G_OBJECT (row), "mc-connect-info"));
}

/* The databases among the recent datasets, newest first; the newest
 * fills the fields. */
static void
show_recent (McConnectDialog *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source != NULL ? g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE) : NULL;
  g_autoptr(GSettings) settings = schema != NULL ? g_settings_new (APPLICATION_ID) : NULL;
  g_autoptr(GVariant) recent = settings != NULL ? g_settings_get_value (settings, "recent-datasets") : NULL;
  GVariantIter iter;
  const char **paths;
  gboolean filled = FALSE;

  if (recent == NULL)
    return;
  g_variant_iter_init (&iter, recent);
  while (g_variant_iter_next (&iter, "^a&s", &paths))
    {
      g_autoptr(McConnectInfo) info = paths[0] != NULL && paths[1] == NULL ? mc_connect_info_new_from_uri (paths[0]) : NULL;
      g_autofree char *where = NULL;
      GtkWidget *row;

      g_free (paths);
      if (info == NULL)
        continue;
      if (!filled)
        fill_from (self, info);
      filled = TRUE;
      where = mc_connect_info_describe (info);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), info->database);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), where);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "mc-connect-info", g_steal_pointer (&info),
                              (GDestroyNotify) mc_connect_info_free);
      g_signal_connect (row, "activated", G_CALLBACK (on_recent_activated_cb), self);
      adw_preferences_group_add (self->recent_group, row);
      gtk_widget_set_visible (GTK_WIDGET (self->recent_group), TRUE);
    }
}

/* On the worker: the password held for the app's connections, one try
 * of the connection, then the keyring told. Returns a warning when the
 * keyring could not keep the password. */
static void
connect_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Attempt *attempt = task_data;
  GError *error = NULL;
  g_autoptr(GError) keyring_error = NULL;

  mc_connect_secret_hold (attempt->info, attempt->password);
  if (!mc_pg_connection_try (attempt->uri, cancellable, &error))
    {
      /* A wrong password is not kept, and the keyring is asked again next time. */
      mc_connect_secret_hold (attempt->info, NULL);
      g_task_return_error (task, error);
      return;
    }
  if (attempt->remember && attempt->password != NULL)
    mc_connect_secret_store_sync (attempt->info, attempt->password, cancellable, &keyring_error);
  else if (!attempt->remember)
    mc_connect_secret_clear_sync (attempt->info, cancellable, &keyring_error);
  if (keyring_error != NULL)
    {
      /* Translators: %s is the keyring's message. */
      g_task_return_pointer (task, g_strdup_printf (_("Connected, but the keyring could not keep the password: %s"),
                                                    keyring_error->message), g_free);
      return;
    }
  g_task_return_pointer (task, NULL, NULL);
}

static void
connect_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  McConnectDialog *self = MC_CONNECT_DIALOG (object);
  Attempt *attempt = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *warning = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  set_connecting (self, FALSE);
  if (error != NULL)
    {
      show_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (error->code == MC_PG_ERROR_CONNECT ? self->password_row : self->database_row));
      return;
    }
  g_signal_emit (self, signals[CONNECTED], 0, attempt->uri, warning);
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_connect_clicked_cb (McConnectDialog *self)
{
  g_autoptr(GTask) task = NULL;
  Attempt *attempt;
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  if (gtk_spinner_get_spinning (self->spinner))
    return;
  attempt = g_new0 (Attempt, 1);
  attempt->info = read_info (self);
  if (*attempt->info->database == '\0')
    {
      attempt_free (attempt);
      show_error (self, _("Give the name of the database to open."));
      gtk_widget_grab_focus (GTK_WIDGET (self->database_row));
      return;
    }
  attempt->uri = mc_connect_info_to_uri (attempt->info);
  attempt->password = *password != '\0' ? g_strdup (password) : NULL;
  attempt->remember = gtk_switch_get_active (self->remember_switch);
  /* A password still being looked up is not needed any more. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  show_error (self, NULL);
  set_connecting (self, TRUE);
  task = g_task_new (self, self->cancellable, connect_cb, NULL);
  g_task_set_source_tag (task, on_connect_clicked_cb);
  g_task_set_task_data (task, attempt, (GDestroyNotify) attempt_free);
  /* Cancel answers at once; the worker ends when the server has stopped. */
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, connect_thread);
}

static void
on_cancel_clicked_cb (McConnectDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

/* GTK 4.8 warns when a window goes with an entry that has the focus. */
static gboolean
mc_connect_dialog_close_request (GtkWindow *window)
{
  gtk_window_set_focus (window, NULL);
  return GTK_WINDOW_CLASS (mc_connect_dialog_parent_class)->close_request (window);
}

static void
mc_connect_dialog_dispose (GObject *object)
{
  McConnectDialog *self = MC_CONNECT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (mc_connect_dialog_parent_class)->dispose (object);
}

static void
mc_connect_dialog_class_init (McConnectDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_connect_dialog_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = mc_connect_dialog_close_request;

  /**
   * McConnectDialog::connected:
   * @uri: the database, without its password
   * @warning: (nullable): what went wrong with the keyring
   */
  signals[CONNECTED] = g_signal_new ("connected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                     G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/mercato/Mercato/ui/mc-connect-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, McConnectDialog, server_group);
  gtk_widget_class_bind_template_child (widget_class, McConnectDialog, recent_group);
  gtk_widget_class_bind_template_child (widget_class, McConnectDialog, host_row);
  gtk_widget_class_bind_template_child (widget_class, McConnectDialog, port_row);
  gtk_widget_class_bind_template_child (widget_class, McConnectDialog, database_row);
  gtk_widget_class_bind_template_child (widget_class, McConnectDialog, user_row);
  gtk_widget_class_bind_template_child (widget_class, McConnectDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, McConnectDialog, sslmode_row);
  gtk_widget_class_bind_template_child (widget_class, McConnectDialog, remember_switch);
  gtk_widget_class_bind_template_child (widget_class, McConnectDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, McConnectDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, McConnectDialog, connect_button);
  gtk_widget_class_bind_template_callback (widget_class, on_connect_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mc_connect_dialog_init (McConnectDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_editable_set_text (GTK_EDITABLE (self->host_row), "localhost");
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), g_get_user_name ());
  show_recent (self);
}

McConnectDialog *
mc_connect_dialog_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (MC_TYPE_CONNECT_DIALOG, "transient-for", parent, NULL);
}

static void
on_connected_cb (McConnectDialog *dialog,
                 const char      *uri,
                 const char      *warning,
                 GtkWidget       *window)
{
  const char *paths[] = { uri, NULL };

  gtk_widget_activate_action_variant (window, "win.open-paths", g_variant_new_strv (paths, -1));
  if (warning != NULL)
    {
      /* A toast's title is markup. */
      g_autofree char *markup = g_markup_escape_text (warning, -1);

      gtk_widget_activate_action (window, "win.toast", "s", markup);
    }
}

static void
connect_database_action (GtkWidget  *window,
                         const char *action_name,
                         GVariant   *parameter)
{
  McConnectDialog *dialog = mc_connect_dialog_new (GTK_WINDOW (window));

  g_signal_connect_object (dialog, "connected", G_CALLBACK (on_connected_cb), window, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
mc_connect_dialog_install_action (GtkWidgetClass *window_class)
{
  gtk_widget_class_install_action (window_class, "win.connect-database", NULL, connect_database_action);
  /* Ctrl+Shift+O is Open Folder's. */
  gtk_widget_class_add_binding_action (window_class, GDK_KEY_d, GDK_CONTROL_MASK, "win.connect-database", NULL);
  mc_connect_secret_install ();
}

AdwEntryRow *
_mc_connect_dialog_get_row (McConnectDialog *self,
                            const char      *name)
{
  g_return_val_if_fail (MC_IS_CONNECT_DIALOG (self), NULL);

  return ADW_ENTRY_ROW (gtk_widget_get_template_child (GTK_WIDGET (self), MC_TYPE_CONNECT_DIALOG, name));
}

AdwComboRow *
_mc_connect_dialog_get_sslmode_row (McConnectDialog *self)
{
  return self->sslmode_row;
}

GtkSwitch *
_mc_connect_dialog_get_remember (McConnectDialog *self)
{
  return self->remember_switch;
}

void
_mc_connect_dialog_connect (McConnectDialog *self)
{
  on_connect_clicked_cb (self);
}

gboolean
_mc_connect_dialog_get_connecting (McConnectDialog *self)
{
  return gtk_spinner_get_spinning (self->spinner);
}

const char *
_mc_connect_dialog_get_error (McConnectDialog *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_text (self->error_label) : NULL;
}

gboolean
_mc_connect_dialog_get_looking_up (McConnectDialog *self)
{
  return self->looking_up > 0;
}
