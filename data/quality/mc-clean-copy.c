/* mc-clean-copy.c: writing a cleaned copy, its recipe and its log
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What `mercato-cli clean --out DIR` and the app's Save Cleaned Copy…
 * both write: the tables, recipe.ini (for programs: the recipe's own
 * words) and cleaning-log.txt (for people, in their language), all in a
 * staging folder moved into place once every file is written
 * (docs/reliability.md).
 */
#define G_LOG_DOMAIN "mc-clean-copy"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "mc-cleaning.h"
#include "mc-csv-writer.h"
#include "mc-output.h"
#include "mc-xlsx-writer.h"

char *
mc_clean_log_to_text (GPtrArray *log)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (log != NULL, g_string_free (text, FALSE));

  /* Translators: the title of cleaning-log.txt. */
  g_string_append_printf (text, "%s\n\n", _("Mercato cleaning log"));
  for (guint i = 0; i < log->len; i++)
    {
      McCleanLogEntry *entry = g_ptr_array_index (log, i);

      /* A numbered step of the recipe ("1. Drop the repeated rows of orders"). */
      g_string_append_printf (text, "%u. %s: ", i + 1, entry->step);
      /* Translators: in cleaning-log.txt, after the step; the first %zu
       * counts the rows a step removed, the second the rows before it.
       * The English text does not change with the count. */
      g_string_append_printf (text, g_dngettext (NULL, "%zu rows removed of %zu", "%zu rows removed of %zu",
                                                 entry->rows_removed),
                              entry->rows_removed, entry->rows_before);
      /* Translators: in cleaning-log.txt, after the rows removed; %zu
       * counts cells. The English text does not change with the count. */
      g_string_append_printf (text, g_dngettext (NULL, ", %zu cells changed", ", %zu cells changed",
                                                 entry->cells_changed),
                              entry->cells_changed);
      if (entry->column_added != NULL)
        /* Translators: in cleaning-log.txt; %s is the name of the column a
         * step added, %zu counts rows. The English text does not change
         * with the count. */
        g_string_append_printf (text, g_dngettext (NULL, ", added column %s with %zu rows flagged",
                                                   ", added column %s with %zu rows flagged", entry->rows_flagged),
                                entry->column_added, entry->rows_flagged);
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}

gboolean
mc_clean_is_source_folder (McDataset  *source,
                           const char *out)
{
  g_autofree char *out_real = realpath (out, NULL);

  g_return_val_if_fail (MC_IS_DATASET (source), FALSE);

  for (guint t = 0; out_real != NULL && t < mc_dataset_get_n_tables (source); t++)
    {
      const char *path = mc_table_get_path (mc_dataset_get_table (source, t));
      g_autofree char *dir = path != NULL ? g_path_get_dirname (path) : NULL;
      g_autofree char *dir_real = dir != NULL ? realpath (dir, NULL) : NULL;

      if (g_strcmp0 (dir_real, out_real) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The names of the files written in OUT. */
static GPtrArray *
cleaned_names (McDataset *cleaned,
               gboolean   as_workbook)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (guint t = 0; t < mc_dataset_get_n_tables (cleaned); t++)
    g_ptr_array_add (names, g_strconcat (mc_table_get_name (mc_dataset_get_table (cleaned, t)),
                                         as_workbook ? ".xlsx" : ".csv", NULL));
  g_ptr_array_add (names, g_strdup ("recipe.ini"));
  g_ptr_array_add (names, g_strdup ("cleaning-log.txt"));
  return names;
}

gboolean
mc_clean_write_copy (McDataset   *source,
                     McDataset   *cleaned,
                     GPtrArray   *recipe,
                     GPtrArray   *log,
                     const char  *out,
                     gboolean     as_workbook,
                     GError     **error)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *staging = NULL;
  g_autofree char *text = NULL;
  gboolean written;

  g_return_val_if_fail (MC_IS_DATASET (source), FALSE);
  g_return_val_if_fail (MC_IS_DATASET (cleaned), FALSE);
  g_return_val_if_fail (recipe != NULL && log != NULL && out != NULL, FALSE);

  if (mc_clean_is_source_folder (source, out))
    {
      /* Translators: %s is a folder. */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("%s holds the source files, which are never overwritten; choose another folder"), out);
      return FALSE;
    }
  /* Links in the source folder may point into OUT. */
  names = cleaned_names (cleaned, as_workbook);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (out, g_ptr_array_index (names, i), NULL);

      if (!mc_output_check_not_source (source, path, error))
        return FALSE;
    }

  if ((staging = mc_output_reserve_folder (out, error)) == NULL)
    return FALSE;
  written = TRUE;
  for (guint t = 0; written && t < mc_dataset_get_n_tables (cleaned); t++)
    {
      McTable *table = mc_dataset_get_table (cleaned, t);
      g_autofree char *path = g_build_filename (staging, g_ptr_array_index (names, t), NULL);

      written = as_workbook ? mc_xlsx_write (table, path, error) : mc_csv_write (table, path, error);
    }
  if (written)
    {
      g_autofree char *recipe_path = g_build_filename (staging, "recipe.ini", NULL);
      g_autofree char *log_path = g_build_filename (staging, "cleaning-log.txt", NULL);

      text = mc_clean_log_to_text (log);
      written = mc_recipe_save (recipe, recipe_path, error)
                && mc_output_write (log_path, text, strlen (text), error);
    }
  if (written && mc_output_commit_folder (staging, out, error))
    return TRUE;
  mc_output_discard_folder (staging);
  /* The messages name the file the user will find, not the staging one. */
  if (error != NULL && *error != NULL)
    {
      g_autoptr(GString) message = g_string_new ((*error)->message);

      g_string_replace (message, staging, out, 0);
      g_free ((*error)->message);
      (*error)->message = g_string_free (g_steal_pointer (&message), FALSE);
    }
  return FALSE;
}
