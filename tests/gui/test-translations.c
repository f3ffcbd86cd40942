/* test-translations.c: Mercato in French and German, CLI and window
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The catalogs are those the build compiled (MERCATO_LOCALEDIR). Each
 * language is checked three ways: the catalog translates (the text
 * differs from the English and starts as reviewed), mercato-cli prints
 * the catalog's text, and a window built under that language shows it,
 * with numbers written the language's way.
 */
#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>
#include <sys/wait.h>

#include "mc-window.h"

typedef struct
{
  const char *language;
  const char *locale;
  const char *usage_start;    /* the reviewed translation's first word */
  const char *open_dataset;   /* the welcome page's title */
} Language;

static const Language french = { "fr", "fr_FR.UTF-8", "Utilisation", "Ouvrir un jeu de données" };
static const Language german = { "de", "de_DE.UTF-8", "Aufruf", "Datensatz öffnen" };

/* Switches this process to LANGUAGE; FALSE when the system lacks its
 * locale. */
static gboolean
use_language (const Language *language)
{
  g_setenv ("LANGUAGE", language->language, TRUE);
  if (setlocale (LC_ALL, language->locale) == NULL)
    return FALSE;
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("MERCATO_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  return TRUE;
}

static void
use_english (void)
{
  g_setenv ("LANGUAGE", "", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
}

/* mercato-cli ARGUMENT PATH under LANGUAGE: its standard output and error. */
static void
run_cli (const Language *language,
         const char     *argument,
         const char     *path,
         char          **out,
         char          **err)
{
  const char *argv[] = { g_getenv ("MERCATO_CLI"), argument, path, NULL };
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int status;

  env = g_environ_setenv (env, "LC_ALL", language->locale, TRUE);
  env = g_environ_setenv (env, "LANGUAGE", language->language, TRUE);
  g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
}

static void
collect_labels (GtkWidget *widget,
                GString   *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_labels (child, text);
}

static char *
window_text (McWindow *window)
{
  GString *text = g_string_new (NULL);

  collect_labels (GTK_WIDGET (window), text);
  return g_string_free (text, FALSE);
}

static void
check_language (gconstpointer data)
{
  const Language *language = data;
  const char *usage, *cannot_open;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  g_autofree char *revenue = NULL;
  g_autofree char *sample = g_build_filename (g_getenv ("MERCATO_SOURCE_ROOT"), "app", "sample", "automotive", NULL);
  const char *paths[] = { sample, NULL };
  g_autofree char *cannot_open_prefix = NULL;
  McWindow *window;

  if (!use_language (language))
    {
      g_test_skip_printf ("the %s locale is not installed (tests/install-deps.sh generates it)", language->locale);
      return;
    }
  /* The catalog translates, as reviewed. */
  usage = g_dgettext (GETTEXT_PACKAGE, "Usage: mercato-cli COMMAND PATH... [OPTION...]");
  g_assert_cmpstr (usage, !=, "Usage: mercato-cli COMMAND PATH... [OPTION...]");
  g_assert_true (g_str_has_prefix (usage, language->usage_start));
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Open a Dataset"), ==, language->open_dataset);

  /* The command line speaks it: its help and its errors. */
  run_cli (language, "--help", NULL, &out, &err);
  g_assert_true (g_str_has_prefix (out, usage));
  cannot_open = g_dgettext (GETTEXT_PACKAGE, "cannot open the file: %s");
  g_assert_cmpstr (cannot_open, !=, "cannot open the file: %s");
  cannot_open_prefix = g_strndup (cannot_open, strstr (cannot_open, "%s") - cannot_open);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  run_cli (language, "describe", "/nonexistent/sales.csv", &out, &err);
  g_assert_nonnull (strstr (err, cannot_open_prefix));

  /* So does the window: the welcome page, then the sample's figures with
   * the language's digit grouping and decimal mark. */
  window = mc_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  text = window_text (window);
  g_assert_nonnull (strstr (text, language->open_dataset));
  g_clear_pointer (&text, g_free);
  mc_window_open_paths (window, paths);
  while (mc_window_get_loading (window))
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  text = window_text (window);
  revenue = g_strdup_printf ("%'.2f", 49571270.0);
  g_assert_nonnull (strstr (revenue, ",00"));
  g_assert_nonnull (strstr (text, revenue));
  g_assert_nonnull (strstr (text, g_dgettext (GETTEXT_PACKAGE, "Average Order Value")));
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Average Order Value"), !=, "Average Order Value");
  gtk_window_destroy (GTK_WINDOW (window));
  use_english ();
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_data_func ("/Mercato/Translations/french", &french, check_language);
  g_test_add_data_func ("/Mercato/Translations/german", &german, check_language);

  return g_test_run ();
}
