/* mc-window-recent.c: the datasets opened lately
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Kept in GSettings and shown on the welcome page and in Open Recent.
 */
#define G_LOG_DOMAIN "mc-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-connect-info.h"
#include "mc-pg-source.h"
#include "mc-window-private.h"

#define MAX_RECENT 8

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

static void
on_recent_activated_cb (AdwActionRow *row,
                        McWindow     *self)
{
  const char * const *paths = g_object_get_data (G_OBJECT (row), "mc-paths");

  mc_window_open_paths (self, paths);
}

/* The welcome page's list of recent datasets whose files are still there. */
void
_mc_window_show_recent (McWindow *self)
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
          if (paths[0] == NULL || (!mc_pg_is_conninfo (paths[0]) && !g_file_test (paths[0], G_FILE_TEST_EXISTS)))
            continue;
          /* A database: its name, then user@host:port. */
          if (!mc_connect_info_describe_conninfo (paths[0], &title, &folder))
            {
              title = name_paths ((const char * const *) paths);
              folder = g_path_get_dirname (paths[0]);
            }
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
void
_mc_window_remember_dataset (McWindow           *self,
                  const char * const *paths)
{
  g_autoptr(GVariant) recent = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  GVariant *entry;
  guint kept = 1;

  /* A password is never kept, and a database is no file of the desktop's. */
  if (mc_pg_is_conninfo (paths[0]) && mc_connect_info_has_password (paths[0]))
    return;
  for (guint i = 0; paths[i] != NULL && !mc_pg_is_conninfo (paths[i]); i++)
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
  _mc_window_show_recent (self);
}
