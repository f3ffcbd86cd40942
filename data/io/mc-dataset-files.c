/* mc-dataset-files.c: the files a dataset is read from
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the paths a user gives name (a folder is its table files), how
 * one file is read (by what it holds, not by its name), and the files
 * beside one that belong with it.
 */
#define G_LOG_DOMAIN "mc-dataset"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "mc-dataset-files.h"
#include "mc-workbook-reader.h"

static gboolean
is_table_file (const char *name)
{
  return g_str_has_suffix (name, ".csv") || g_str_has_suffix (name, ".tsv")
      || g_str_has_suffix (name, ".txt") || g_str_has_suffix (name, ".CSV")
      || g_str_has_suffix (name, ".xlsx") || g_str_has_suffix (name, ".ods");
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Only regular files are read: a FIFO named .csv would block for ever,
 * a device would never end. */
static gboolean
is_regular_file (const char *path,
                 GPtrArray  *skipped)
{
  GStatBuf info;

  if (g_stat (path, &info) == 0 && S_ISREG (info.st_mode))
    return TRUE;
  g_ptr_array_add (skipped, g_strdup_printf (_("%s: skipped, not a regular file (a pipe, a device, a folder or "
                                               "a broken link)"), path));
  return FALSE;
}

/* Why a file of a folder is not read as a table, or NULL when it is one.
 * Mercato's own outputs beside the tables (`mercato-cli clean --out`
 * writes recipe.ini and cleaning-log.txt with them) are named so that
 * such a folder opens again. */
static char *
why_not_a_table (const char *folder,
                 const char *name)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);

  if (g_str_equal (name, "cleaning-log.txt"))
    /* Translators: %s is a file; Mercato wrote it beside the cleaned tables. */
    return g_strdup_printf (_("%s: skipped, the log of a cleaning, not a table"), path);
  if (g_str_equal (name, "recipe.ini"))
    /* Translators: %s is a file; Mercato wrote it beside the cleaned tables. */
    return g_strdup_printf (_("%s: skipped, a cleaning recipe, not a table (open it on the Data Quality page)"),
                            path);
  if (!is_table_file (name) && g_file_test (path, G_FILE_TEST_IS_REGULAR))
    /* Translators: %s is a file in a folder that was opened. */
    return g_strdup_printf (_("%s: skipped, not a data file (.csv, .tsv, .txt, .xlsx or .ods)"), path);
  return NULL;
}

/* Expands folders into their table files, sorted by name; what a folder
 * holds that cannot be read goes to SKIPPED, files that are not tables
 * too, sorted. Hidden files (a write in progress) and folders are not
 * looked at. */
GPtrArray *
mc_dataset_files_list (const char * const  *paths,
                       GPtrArray           *skipped,
                       GError             **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GDir) dir = NULL;
      g_autoptr(GPtrArray) found = NULL;
      g_autoptr(GPtrArray) others = NULL;
      guint irregular = 0;
      const char *name;

      if (!g_file_test (paths[i], G_FILE_TEST_IS_DIR))
        {
          g_ptr_array_add (files, g_strdup (paths[i]));
          continue;
        }
      dir = g_dir_open (paths[i], 0, error);
      if (dir == NULL)
        return NULL;
      found = g_ptr_array_new ();
      others = g_ptr_array_new_with_free_func (g_free);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          char *why;

          if (name[0] == '.')
            continue;
          if ((why = why_not_a_table (paths[i], name)) != NULL)
            g_ptr_array_add (others, why);
          else if (is_table_file (name))
            {
              char *path = g_build_filename (paths[i], name, NULL);

              if (is_regular_file (path, skipped))
                g_ptr_array_add (found, path);
              else
                {
                  g_free (path);
                  irregular++;
                }
            }
        }
      if (found->len == 0 && irregular > 0)
        {
          g_set_error_literal (error, MC_CSV_ERROR, MC_CSV_ERROR_IO, g_ptr_array_index (skipped, skipped->len - 1));
          return NULL;
        }
      if (found->len == 0)
        {
          g_set_error_literal (error, MC_CSV_ERROR, MC_CSV_ERROR_IO,
                               _("the folder holds no .csv, .tsv, .txt, .xlsx or .ods file"));
          g_prefix_error (error, "%s: ", paths[i]);
          return NULL;
        }
      g_ptr_array_sort (found, compare_paths);
      for (guint k = 0; k < found->len; k++)
        g_ptr_array_add (files, g_ptr_array_index (found, k));
      g_ptr_array_sort (others, compare_paths);
      g_ptr_array_extend_and_steal (skipped, g_steal_pointer (&others));
    }
  return g_steal_pointer (&files);
}

/* The reader is chosen by what the file holds, not by its name: a
 * workbook gives a table per sheet, anything else that is not refused
 * is delimited text. */
GPtrArray *
mc_dataset_files_read (const char      *path,
                       McProgressFunc   progress,
                       gpointer         user_data,
                       GCancellable    *cancellable,
                       GError         **error)
{
  GPtrArray *tables;
  McFileKind kind;
  McTable *table;
  GStatBuf info;

  /* Detecting the kind opens the file: a FIFO would block it for ever. */
  if (g_stat (path, &info) == 0 && !S_ISREG (info.st_mode))
    {
      g_set_error_literal (error, MC_CSV_ERROR, MC_CSV_ERROR_IO,
                           _("not a regular file (a pipe, a device or a folder); save the data to a file and "
                             "open that"));
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }
  if (!mc_file_kind_detect (path, &kind, error))
    return NULL;
  if (kind != MC_FILE_KIND_TEXT)
    return mc_workbook_read (path, kind, progress, user_data, cancellable, error);
  if ((table = mc_csv_read (path, NULL, progress, user_data, cancellable, error)) == NULL)
    return NULL;
  tables = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (tables, table);
  return tables;
}

/* The names in the first line of the CSV file at PATH, lowercased; NULL
 * when it cannot be read. The delimiter is the most frequent of , ; tab |. */
static GStrv
read_header (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  char buffer[16384];
  gssize n;
  const char *delimiters = ",;\t|", *line;
  char best = ',';
  guint most = 0;
  g_autofree char *lower = NULL;

  if (stream == NULL || (n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, sizeof buffer - 1, NULL, NULL)) <= 0)
    return NULL;
  buffer[n] = '\0';
  buffer[strcspn (buffer, "\r\n")] = '\0';
  line = g_str_has_prefix (buffer, "\xEF\xBB\xBF") ? buffer + 3 : buffer;
  for (const char *d = delimiters; *d; d++)
    {
      guint count = 0;

      for (const char *p = line; *p; p++)
        count += *p == *d;
      if (count > most)
        most = count, best = *d;
    }
  lower = g_ascii_strdown (line, -1);
  g_strdelimit (lower, "\"", ' ');
  return g_strsplit (lower, (char[]) { best, '\0' }, -1);
}

static gboolean
shares_key (McTable      *table,
            const GStrv   names)
{
  for (guint c = 0; c < mc_table_get_n_columns (table); c++)
    {
      McColumn *column = mc_table_get_column (table, c);
      g_autofree char *name = g_ascii_strdown (column->name, -1);

      if (column->role != MC_ROLE_CUSTOMER_ID && column->role != MC_ROLE_PRODUCT_ID && column->role != MC_ROLE_ORDER_ID
          && column->role != MC_ROLE_VISIT_ID && column->role != MC_ROLE_DEVICE_ID && column->role != MC_ROLE_ID)
        continue;
      for (guint i = 0; names[i] != NULL; i++)
        if (g_str_equal (g_strstrip (names[i]), name))
          return TRUE;
    }
  return FALSE;
}

/**
 * mc_dataset_find_related_files:
 *
 * For a dataset opened from one CSV file: the other CSV files in its
 * folder that share a key column with it (sales.csv → cars.csv,
 * users.csv, visits.csv), sorted; NULL when there are none.
 */
GStrv
mc_dataset_find_related_files (McDataset *self)
{
  McTable *table;
  g_autofree char *folder = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) related = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_return_val_if_fail (MC_IS_DATASET (self), NULL);

  if (mc_dataset_get_n_tables (self) != 1 || mc_table_get_path (table = mc_dataset_get_table (self, 0)) == NULL)
    return NULL;
  folder = g_path_get_dirname (mc_table_get_path (table));
  if ((dir = g_dir_open (folder, 0, NULL)) == NULL)
    return NULL;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_auto(GStrv) header = NULL;

      if (!is_table_file (name) || g_str_equal (path, mc_table_get_path (table)) || related->len >= 50)
        continue;
      if ((header = read_header (path)) != NULL && shares_key (table, header))
        g_ptr_array_add (related, g_steal_pointer (&path));
    }
  if (related->len == 0)
    return NULL;
  g_ptr_array_sort (related, compare_paths);
  g_ptr_array_add (related, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&related), FALSE);
}
