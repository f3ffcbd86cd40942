/* mc-segmentation.c: a segmentation once made: renamed, written out, added to the dataset
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The customers of a segment are selected as a dataset of their own, or
 * every table that names a customer gets a column with the segment.
 */
#define G_LOG_DOMAIN "mc-segments"

#include "config.h"

#include <string.h>

#include "mc-csv-writer.h"
#include "mc-output.h"
#include "mc-segments.h"

void
mc_segmentation_free (McSegmentation *self)
{
  if (self == NULL)
    return;
  for (guint c = 0; self->profiles != NULL && c < self->result->k; c++)
    {
      g_free (self->profiles[c].name);
      g_free (self->profiles[c].description);
      g_free (self->profiles[c].means);
      g_free (self->profiles[c].z);
    }
  g_free (self->profiles);
  g_free (self->overall_mean);
  g_clear_pointer (&self->result, mc_kmeans_result_free);
  g_free (self->original.values);
  g_free (self->scaled.values);
  g_strfreev (self->names);
  g_free (self);
}

/**
 * mc_segmentation_write_csv:
 *
 * One line per row: its id, its segment number (from 1) and the
 * segment's name. Written whole or not at all.
 */
gboolean
mc_segmentation_write_csv (McSegmentation  *self,
                           const char      *id_header,
                           const char      *path,
                           GError         **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  mc_csv_append_text (out, id_header);
  g_string_append (out, ",segment,segment_name\n");
  for (gsize i = 0; i < self->scaled.n; i++)
    {
      guint segment = self->result->labels[i];

      mc_csv_append_text (out, g_ptr_array_index (self->table->ids, i));
      g_string_append_printf (out, ",%u,", segment + 1);
      mc_csv_append_text (out, self->profiles[segment].name);
      g_string_append_c (out, '\n');
    }
  return mc_output_write (path, out->str, out->len, error);
}

McTable *
mc_segmentation_to_table (McSegmentation *self,
                          const char     *id_header,
                          const char     *name)
{
  gsize n = self->scaled.n;
  g_autofree const char **names = g_new (const char *, MAX (n, 1));
  g_autoptr(McColumn) ids = NULL;
  g_autoptr(McColumn) numbers = mc_column_new ("segment", MC_COLUMN_TYPE_INTEGER, n);
  g_autoptr(McColumn) labels = NULL;
  McTable *table;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (id_header != NULL && name != NULL, NULL);

  for (gsize i = 0; i < n; i++)
    {
      guint segment = self->result->labels[i];

      numbers->v.i64[i] = segment + 1;
      names[i] = self->profiles[segment].name;
    }
  /* Ids stay text: "00123" is not the number 123. */
  ids = mc_column_new_strings (id_header, MC_COLUMN_TYPE_IDENTIFIER,
                               (const char * const *) self->table->ids->pdata, n);
  labels = mc_column_new_strings ("segment_name", MC_COLUMN_TYPE_CATEGORY, names, n);
  table = mc_table_new (name, NULL);
  mc_table_add_column (table, ids);
  mc_table_add_column (table, numbers);
  mc_table_add_column (table, labels);
  return table;
}

void
mc_segmentation_rename (McSegmentation *self,
                        guint           segment,
                        const char     *name)
{
  g_return_if_fail (segment < self->result->k);
  g_return_if_fail (name != NULL && *name != '\0');

  g_free (self->profiles[segment].name);
  self->profiles[segment].name = g_strdup (name);
}

/* Row of the feature table for each customer id. */
static GHashTable *
index_ids (McSegmentation *self)
{
  GHashTable *rows = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < self->table->ids->len; i++)
    g_hash_table_insert (rows, g_ptr_array_index (self->table->ids, i), GUINT_TO_POINTER (i + 1));
  return rows;
}

/* The feature row of each row of TABLE: by its customer id, or, for the
 * table the features were read from row by row, its own; −1 for none. */
static gssize *
feature_rows_of (McSegmentation *self,
                 McTable        *table,
                 GHashTable     *rows_by_id)
{
  McColumn *customer = mc_table_find_role (table, MC_ROLE_CUSTOMER_ID);
  gsize n = mc_table_get_n_rows (table);
  gssize *rows;

  if (self->table->rows_table != NULL ? g_strcmp0 (mc_table_get_name (table), self->table->rows_table) != 0
                                      : customer == NULL)
    return NULL;
  rows = g_new (gssize, MAX (n, 1));
  for (gsize r = 0; r < n; r++)
    {
      g_autofree char *id = NULL;

      if (self->table->rows_table != NULL)
        {
          rows[r] = r < self->table->ids->len ? (gssize) r : -1;
          continue;
        }
      id = mc_column_format_key (customer, r);
      rows[r] = id != NULL ? (gssize) GPOINTER_TO_SIZE (g_hash_table_lookup (rows_by_id, id)) - 1 : -1;
    }
  return rows;
}

/**
 * mc_segmentation_select:
 *
 * DATASET with only the rows of the customers (or rows) whose feature
 * row is SELECTED, in every table that names customers: their purchases,
 * visits and details. NULL when no table does.
 */
McDataset *
mc_segmentation_select (McSegmentation *self,
                        McDataset      *dataset,
                        const gboolean *selected)
{
  guint n_tables = mc_dataset_get_n_tables (dataset);
  g_autofree McTable **tables = g_new0 (McTable *, MAX (n_tables, 1));
  g_autoptr(GHashTable) rows_by_id = index_ids (self);
  gboolean any = FALSE;

  for (guint t = 0; t < n_tables; t++)
    {
      McTable *table = mc_dataset_get_table (dataset, t);
      g_autofree gssize *rows = feature_rows_of (self, table, rows_by_id);
      g_autofree gsize *kept = NULL;
      gsize n_kept = 0;

      if (rows == NULL)
        continue;
      kept = g_new (gsize, MAX (mc_table_get_n_rows (table), 1));
      for (gsize r = 0; r < mc_table_get_n_rows (table); r++)
        if (rows[r] >= 0 && selected[rows[r]])
          kept[n_kept++] = r;
      tables[t] = mc_table_select_rows (table, kept, n_kept);
      any = TRUE;
    }
  return any ? mc_dataset_new_replacing (dataset, tables) : NULL;
}

/* "segment", or "segment_2"… when TABLE has a column of that name. */
static char *
segment_column_name (McTable *table)
{
  char *name = g_strdup ("segment");

  for (guint copy = 2; mc_table_lookup_column (table, name) != NULL; copy++)
    {
      g_free (name);
      name = g_strdup_printf ("segment_%u", copy);
    }
  return name;
}

/**
 * mc_segmentation_add_column:
 *
 * A copy of DATASET where every table that names customers has a column
 * with each row's segment (role "segment"), for charts and filters to
 * split by; rows of customers not segmented have none.
 */
McDataset *
mc_segmentation_add_column (McSegmentation *self,
                            McDataset      *dataset)
{
  guint n_tables = mc_dataset_get_n_tables (dataset);
  g_autofree McTable **tables = g_new0 (McTable *, MAX (n_tables, 1));
  g_autoptr(GHashTable) rows_by_id = index_ids (self);

  for (guint t = 0; t < n_tables; t++)
    {
      McTable *table = mc_dataset_get_table (dataset, t);
      g_autofree gssize *rows = feature_rows_of (self, table, rows_by_id);
      g_autofree char *name = NULL;
      g_autoptr(McColumn) column = NULL;

      if (rows == NULL)
        continue;
      name = segment_column_name (table);
      column = mc_column_new (name, MC_COLUMN_TYPE_CATEGORY, mc_table_get_n_rows (table));
      column->role = MC_ROLE_SEGMENT;
      column->role_overridden = TRUE;
      for (guint c = 0; c < self->result->k; c++)
        mc_column_intern (column, self->profiles[c].name);
      for (gsize r = 0; r < mc_table_get_n_rows (table); r++)
        if (rows[r] >= 0)
          column->v.codes[r] = self->result->labels[rows[r]];
        else
          mc_column_set_missing (column, r);
      tables[t] = mc_table_share_columns (table);
      mc_table_add_column (tables[t], column);
    }
  return mc_dataset_new_replacing (dataset, tables);
}

