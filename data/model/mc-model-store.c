/* mc-model-store.c: the user's corrections of a dataset's model, kept
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A correction made once ("the amount is Quantity*UnitPrice") holds for
 * next month's export of the same shape, so it is kept per dataset: in
 * the user's data folder (never beside the sources, which stay
 * untouched), under a name made from the files' paths and headers, so a
 * file whose columns changed is read afresh.
 */
#define G_LOG_DOMAIN "mc-model"

#include "config.h"

#include <errno.h>

#include <glib/gstdio.h>

#include "mc-model-store.h"
#include "mc-table.h"

/* $XDG_DATA_HOME/mercato/models, or MERCATO_MODEL_DIR (tests). */
static char *
store_folder (void)
{
  const char *dir = g_getenv ("MERCATO_MODEL_DIR");

  if (dir != NULL && *dir != '\0')
    return g_strdup (dir);
  return g_build_filename (g_get_user_data_dir (), "mercato", "models", NULL);
}

/**
 * mc_model_store_path:
 *
 * Where the model settings of DATASET are kept: a file named by the
 * SHA-256 of its tables' paths and column names.
 */
char *
mc_model_store_path (McDataset *dataset)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *folder = store_folder ();
  g_autofree char *name = NULL;

  g_return_val_if_fail (MC_IS_DATASET (dataset), NULL);

  for (guint t = 0; t < mc_dataset_get_n_tables (dataset); t++)
    {
      McTable *table = mc_dataset_get_table (dataset, t);
      const char *path = mc_table_get_path (table) != NULL ? mc_table_get_path (table) : mc_table_get_name (table);
      g_autofree char *absolute = g_canonicalize_filename (path, NULL);

      g_checksum_update (checksum, (const guchar *) absolute, -1);
      for (guint c = 0; c < mc_table_get_n_columns (table); c++)
        {
          g_checksum_update (checksum, (const guchar *) "\x1f", 1);
          g_checksum_update (checksum, (const guchar *) mc_table_get_column (table, c)->name, -1);
        }
      g_checksum_update (checksum, (const guchar *) "\x1e", 1);
    }
  name = g_strconcat (g_checksum_get_string (checksum), ".ini", NULL);
  return g_build_filename (folder, name, NULL);
}

/**
 * mc_model_store_load:
 *
 * The settings kept for DATASET (key name → value), or NULL when there
 * are none or they cannot be read.
 */
GHashTable *
mc_model_store_load (McDataset *dataset)
{
  g_autofree char *path = mc_model_store_path (dataset);
  g_autoptr(GHashTable) settings = mc_model_overrides_new ();
  g_autoptr(GError) error = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;
  if (!mc_model_load_keyfile (settings, path, &error))
    {
      g_warning ("Ignoring the kept model settings: %s", error->message);
      return NULL;
    }
  return g_steal_pointer (&settings);
}

/**
 * mc_model_store_save:
 *
 * Keeps the choices the user made in DATASET's model; with none, forgets
 * what was kept.
 */
gboolean
mc_model_store_save (McDataset  *dataset,
                     GError    **error)
{
  McModel *model = mc_model_for_dataset (dataset);
  g_autofree char *path = NULL;
  g_autofree char *folder = NULL;
  g_autoptr(GHashTable) overrides = NULL;

  g_return_val_if_fail (MC_IS_DATASET (dataset), FALSE);

  path = mc_model_store_path (dataset);
  overrides = model != NULL ? mc_model_dup_overrides (model) : NULL;
  if (overrides == NULL || g_hash_table_size (overrides) == 0)
    {
      g_remove (path);
      return TRUE;
    }
  folder = g_path_get_dirname (path);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "%s: %s", folder, g_strerror (saved));
      return FALSE;
    }
  return mc_model_save_keyfile (model, path, TRUE, error);
}
