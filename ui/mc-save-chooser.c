/* mc-save-chooser.c: the file types a table can be saved as, in a file chooser
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-save-chooser"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mc-save-chooser.h"
#include "mc-xlsx-writer.h"

#define FILTER_KEY_CSV  "mc-save-filter-csv"
#define FILTER_KEY_XLSX "mc-save-filter-xlsx"

static GtkFileFilter *
new_filter (const char *name,
            const char *pattern,
            const char *mime_type)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_filter_add_mime_type (filter, mime_type);
  return filter;
}

void
mc_save_chooser_add_types (GtkFileChooser *chooser,
                           McSaveType      type)
{
  GtkFileFilter *csv, *xlsx;

  g_return_if_fail (GTK_IS_FILE_CHOOSER (chooser));

  /* Translators: a file type in the save dialog. */
  csv = new_filter (_("CSV (.csv)"), "*.csv", "text/csv");
  /* Translators: a file type in the save dialog: an Excel workbook. */
  xlsx = new_filter (_("Workbook (.xlsx)"), "*.xlsx",
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  gtk_file_chooser_add_filter (chooser, csv);
  gtk_file_chooser_add_filter (chooser, xlsx);
  /* Told apart by identity: their names are translated. */
  g_object_set_data_full (G_OBJECT (chooser), FILTER_KEY_CSV, csv, g_object_unref);
  g_object_set_data_full (G_OBJECT (chooser), FILTER_KEY_XLSX, xlsx, g_object_unref);
  mc_save_chooser_set_type (chooser, type);
}

void
mc_save_chooser_set_type (GtkFileChooser *chooser,
                          McSaveType      type)
{
  GtkFileFilter *filter;

  g_return_if_fail (GTK_IS_FILE_CHOOSER (chooser));

  filter = g_object_get_data (G_OBJECT (chooser), type == MC_SAVE_XLSX ? FILTER_KEY_XLSX : FILTER_KEY_CSV);
  g_return_if_fail (filter != NULL);
  gtk_file_chooser_set_filter (chooser, filter);
}

static gboolean
has_suffix (const char *path,
            const char *suffix)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, suffix);
}

char *
mc_save_chooser_get_path (GtkFileChooser *chooser,
                          GFile          *file,
                          McSaveType     *type)
{
  GtkFileFilter *chosen;
  g_autofree char *path = NULL;
  const char *wanted, *other;

  g_return_val_if_fail (GTK_IS_FILE_CHOOSER (chooser), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (type != NULL, NULL);

  if ((path = g_file_get_path (file)) == NULL)
    return NULL;
  chosen = gtk_file_chooser_get_filter (chooser);
  if (chosen != NULL && chosen == g_object_get_data (G_OBJECT (chooser), FILTER_KEY_XLSX))
    *type = MC_SAVE_XLSX;
  else if (chosen != NULL && chosen == g_object_get_data (G_OBJECT (chooser), FILTER_KEY_CSV))
    *type = MC_SAVE_CSV;
  else
    {
      *type = mc_xlsx_path_is_workbook (path) ? MC_SAVE_XLSX : MC_SAVE_CSV;
      return g_steal_pointer (&path);
    }

  wanted = *type == MC_SAVE_XLSX ? ".xlsx" : ".csv";
  other = *type == MC_SAVE_XLSX ? ".csv" : ".xlsx";
  if (has_suffix (path, wanted))
    return g_steal_pointer (&path);
  /* The name says the other type: it is the one the user left in the
   * name field when choosing this type. */
  if (has_suffix (path, other))
    path[strlen (path) - strlen (other)] = '\0';
  return g_strconcat (path, wanted, NULL);
}
