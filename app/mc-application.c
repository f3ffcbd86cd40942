/* mc-application.c: the Mercato application
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens a window per launch; files given on the command line or by the
 * file manager (double-click on a CSV) form one dataset.
 */
#define G_LOG_DOMAIN "mc-application"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-application.h"
#include "mc-window.h"

struct _McApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (McApplication, mc_application, ADW_TYPE_APPLICATION)

static McWindow *
get_window (McApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (mc_window_new (ADW_APPLICATION (self)));
  return MC_WINDOW (window);
}

static void
mc_application_activate (GApplication *app)
{
  gtk_window_present (GTK_WINDOW (get_window (MC_APPLICATION (app))));
}

static void
mc_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  McWindow *window = get_window (MC_APPLICATION (app));

  mc_window_open_files (window, files, n_files);
  gtk_window_present (GTK_WINDOW (window));
}

static void
open_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  McWindow *window = get_window (MC_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (window));
  mc_window_choose (window, g_str_equal (g_action_get_name (G_ACTION (action)), "open-folder"));
}

/* The sample ships in the source tree and is installed beside the data;
 * an uninstalled build uses the source copy. */
static void
open_sample_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  McWindow *window = get_window (MC_APPLICATION (user_data));
  g_autofree char *installed = g_build_filename (PKGDATADIR, "sample", "automotive", NULL);
  const char *paths[] = { installed, NULL };

  if (!g_file_test (installed, G_FILE_TEST_IS_DIR))
    paths[0] = MERCATO_SAMPLE_DIR;
  gtk_window_present (GTK_WINDOW (window));
  mc_window_open_paths (window, paths);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  static const char *developers[] = { "The Mercato developers", NULL };
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  adw_show_about_window (window,
                         "application-name", _("Mercato"),
                         "application-icon", "x-office-spreadsheet",
                         "version", PACKAGE_VERSION,
                         "comments", _("E-commerce analytics for the CSV exports of your shop"),
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "copyright", "© 2026 The Mercato developers",
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "open", open_action },
  { "open-folder", open_action },
  { "open-sample", open_sample_action },
  { "about", about_action },
  { "quit", quit_action },
};

static void
mc_application_startup (GApplication *app)
{
  static const char *open_accels[] = { "<Control>o", NULL };
  static const char *open_folder_accels[] = { "<Control><Shift>o", NULL };
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  /* GtkApplication gives the shortcuts window Ctrl+?; F1 is where GNOME
   * users look for help. */
  static const char *help_accels[] = { "F1", "<Control>question", NULL };

  G_APPLICATION_CLASS (mc_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.open", open_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.open-folder", open_folder_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay", help_accels);
}

static void
mc_application_class_init (McApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = mc_application_activate;
  app_class->open = mc_application_open;
  app_class->startup = mc_application_startup;
}

static void
mc_application_init (McApplication *self)
{
}

McApplication *
mc_application_new (void)
{
  return g_object_new (MC_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/org/mercato/Mercato",
                       NULL);
}
