/* mc-dataset.c: a set of tables with their keys, relations and roles
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-dataset"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "mc-dataset-private.h"

G_DEFINE_FINAL_TYPE (McDataset, mc_dataset, G_TYPE_OBJECT)

void
_mc_dataset_forget_model (McDataset *self)
{
  g_clear_object (&self->model);
  g_clear_pointer (&self->model_relations, g_array_unref);
  g_clear_error (&self->model_error);
}

static void
mc_dataset_dispose (GObject *object)
{
  McDataset *self = (McDataset *)object;

  if (self->relations != NULL)
    g_array_set_size (self->relations, 0);
  _mc_dataset_forget_model (self);
  if (self->tables != NULL)
    g_ptr_array_set_size (self->tables, 0);

  G_OBJECT_CLASS (mc_dataset_parent_class)->dispose (object);
}

static void
mc_dataset_finalize (GObject *object)
{
  McDataset *self = (McDataset *)object;

  g_clear_pointer (&self->tables, g_ptr_array_unref);
  g_clear_pointer (&self->relations, g_array_unref);
  g_clear_pointer (&self->found, g_array_unref);
  g_clear_pointer (&self->declared_keys, g_hash_table_unref);
  g_clear_pointer (&self->declared_relations, g_array_unref);
  g_clear_pointer (&self->model_settings, g_hash_table_unref);
  g_clear_object (&self->model_like);
  g_clear_object (&self->original);
  g_clear_pointer (&self->skipped, g_ptr_array_unref);

  G_OBJECT_CLASS (mc_dataset_parent_class)->finalize (object);
}

static void
mc_dataset_class_init (McDatasetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mc_dataset_dispose;
  object_class->finalize = mc_dataset_finalize;
}

static void
mc_dataset_init (McDataset *self)
{
  self->tables = g_ptr_array_new_with_free_func (g_object_unref);
  self->relations = g_array_new (FALSE, TRUE, sizeof (McRelation));
  self->declared_keys = g_hash_table_new (NULL, NULL);
  self->declared_relations = g_array_new (FALSE, TRUE, sizeof (McRelation));
  self->skipped = g_ptr_array_new_with_free_func (g_free);
}

McDataset *
mc_dataset_new (void)
{
  return g_object_new (MC_TYPE_DATASET, NULL);
}

/* What the folders held that was not read, as "path: why" (never NULL). */
const GPtrArray *
mc_dataset_get_skipped (McDataset *self)
{
  g_return_val_if_fail (MC_IS_DATASET (self), NULL);

  return self->skipped;
}

/* Says that a file of the folders the dataset was read from was not
 * read, and why ("path: why"). */
void
mc_dataset_add_skipped (McDataset  *self,
                        const char *note)
{
  g_return_if_fail (MC_IS_DATASET (self));
  g_return_if_fail (note != NULL);

  g_ptr_array_add (self->skipped, g_strdup (note));
}

void
mc_dataset_add_table (McDataset *self,
                      McTable   *table)
{
  g_return_if_fail (MC_IS_DATASET (self));
  g_return_if_fail (MC_IS_TABLE (table));

  g_ptr_array_add (self->tables, g_object_ref (table));
  _mc_dataset_forget_model (self);
}

/**
 * mc_dataset_declare_primary_key:
 *
 * COLUMN is TABLE's primary key because the source says so (a
 * database's catalogue): mc_dataset_infer() keeps it.
 */
void
mc_dataset_declare_primary_key (McDataset *self,
                                McTable   *table,
                                guint      column)
{
  g_return_if_fail (MC_IS_DATASET (self));
  g_return_if_fail (g_ptr_array_find (self->tables, table, NULL));
  g_return_if_fail (column < mc_table_get_n_columns (table));

  g_hash_table_insert (self->declared_keys, table, GINT_TO_POINTER (column + 1));
}

/**
 * mc_dataset_declare_relation:
 *
 * FROM_COLUMN of FROM_TABLE refers to TO_TABLE's declared primary key
 * TO_COLUMN because the source says so: mc_dataset_infer() keeps the
 * relation and infers none other from that column.
 */
void
mc_dataset_declare_relation (McDataset *self,
                             McTable   *from_table,
                             guint      from_column,
                             McTable   *to_table,
                             guint      to_column)
{
  McRelation relation = { from_table, from_column, to_table, to_column, 0.0, 0 };

  g_return_if_fail (MC_IS_DATASET (self));
  g_return_if_fail (g_ptr_array_find (self->tables, from_table, NULL));
  g_return_if_fail (GPOINTER_TO_INT (g_hash_table_lookup (self->declared_keys, to_table)) == (int) to_column + 1);

  g_array_append_val (self->declared_relations, relation);
}

guint
mc_dataset_get_n_tables (McDataset *self)
{
  g_return_val_if_fail (MC_IS_DATASET (self), 0);

  return self->tables->len;
}

McTable *
mc_dataset_get_table (McDataset *self,
                      guint      index)
{
  g_return_val_if_fail (MC_IS_DATASET (self), NULL);
  g_return_val_if_fail (index < self->tables->len, NULL);

  return g_ptr_array_index (self->tables, index);
}

McTable *
mc_dataset_lookup_table (McDataset  *self,
                         const char *name)
{
  g_return_val_if_fail (MC_IS_DATASET (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < self->tables->len; i++)
    if (g_str_equal (mc_table_get_name (g_ptr_array_index (self->tables, i)), name))
      return g_ptr_array_index (self->tables, i);
  return NULL;
}

guint
mc_dataset_get_n_relations (McDataset *self)
{
  g_return_val_if_fail (MC_IS_DATASET (self), 0);

  return self->relations->len;
}

const McRelation *
mc_dataset_get_relation (McDataset *self,
                         guint      index)
{
  g_return_val_if_fail (MC_IS_DATASET (self), NULL);
  g_return_val_if_fail (index < self->relations->len, NULL);

  return &g_array_index (self->relations, McRelation, index);
}

/**
 * mc_dataset_attach_model:
 *
 * Keeps MODEL (model/mc-model.h) as the dataset's reading of its data,
 * with RELATIONS (McRelation, may be NULL) from the model's table of
 * purchases, and SETTINGS, the user's choices it was made with; or ERROR,
 * why it could not be made. Drops what copies kept of their original.
 */
void
mc_dataset_attach_model (McDataset    *self,
                         GObject      *model,
                         GArray       *relations,
                         GHashTable   *settings,
                         const GError *error)
{
  g_return_if_fail (MC_IS_DATASET (self));
  g_return_if_fail ((model != NULL) != (error != NULL));

  _mc_dataset_forget_model (self);
  self->model = model != NULL ? g_object_ref (model) : NULL;
  self->model_relations = relations != NULL ? g_array_ref (relations) : NULL;
  self->model_error = error != NULL ? g_error_copy (error) : NULL;
  if (settings != self->model_settings)
    {
      g_clear_pointer (&self->model_settings, g_hash_table_unref);
      self->model_settings = settings != NULL ? g_hash_table_ref (settings) : NULL;
    }
  g_clear_object (&self->model_like);
  g_clear_object (&self->original);
}

/**
 * mc_dataset_get_attached_model:
 *
 * What mc_dataset_attach_model() kept: the model, or NULL with ERROR set
 * when it failed, or NULL and NULL when none is made yet. A copy's
 * LIKE receives its original's model, ORIGINAL the original itself while
 * it had no model; either may be NULL.
 */
GObject *
mc_dataset_get_attached_model (McDataset     *self,
                               const GError **error,
                               GObject      **like,
                               McDataset    **original)
{
  g_return_val_if_fail (MC_IS_DATASET (self), NULL);

  if (error != NULL)
    *error = self->model_error;
  if (like != NULL)
    *like = self->model_like;
  if (original != NULL)
    *original = self->original;
  return self->model;
}

GHashTable *
mc_dataset_get_model_settings (McDataset *self)
{
  g_return_val_if_fail (MC_IS_DATASET (self), NULL);

  return self->model_settings;
}

/* "refers.order_items.order_id" → the table and column it names. */
static McColumn *
lookup_spec (McDataset   *self,
             const char  *spec,
             McTable    **table_out)
{
  McTable *best = NULL;

  for (guint t = 0; t < self->tables->len; t++)
    {
      McTable *table = g_ptr_array_index (self->tables, t);
      gsize len = strlen (mc_table_get_name (table));

      if (strncmp (spec, mc_table_get_name (table), len) == 0 && spec[len] == '.'
          && (best == NULL || len > strlen (mc_table_get_name (best))))
        best = table;
    }
  *table_out = best;
  return best != NULL ? mc_table_lookup_column (best, spec + strlen (mc_table_get_name (best)) + 1) : NULL;
}

/* The relation the user says FROM_SPEC has: to TO_SPEC, or none. */
static gboolean
set_relation (McDataset   *self,
              const char  *from_spec,
              const char  *to_spec,
              GError     **error)
{
  McTable *from_table, *to_table = NULL;
  McColumn *from = lookup_spec (self, from_spec, &from_table), *to = NULL;
  McRelation relation;

  if (from == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("refers.%s: the dataset has no such column"), from_spec);
      return FALSE;
    }
  if (g_ascii_strcasecmp (to_spec, "none") != 0 && (to = lookup_spec (self, to_spec, &to_table)) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("refers.%s=%s: the dataset has no such column"),
                   from_spec, to_spec);
      return FALSE;
    }
  for (guint i = self->relations->len; i > 0; i--)
    {
      McRelation *r = &g_array_index (self->relations, McRelation, i - 1);

      if (r->from_table == from_table && mc_table_get_column (from_table, r->from_column) == from)
        g_array_remove_index (self->relations, i - 1);
    }
  if (to == NULL)
    return TRUE;
  {
    g_autoptr(McKeySet) keys = mc_key_set_new (to);

    relation = (McRelation) { from_table, mc_table_get_column_index (from_table, from->name), to_table,
                              mc_table_get_column_index (to_table, to->name), 0, 0 };
    relation.match_rate = mc_key_set_match_rate (keys, from, 0, &relation.n_unmatched);
  }
  g_array_append_val (self->relations, relation);
  return TRUE;
}

/* "refers.TABLE.COLUMN": what the user says a column refers to. */
static gboolean
is_relation_setting (const char *name)
{
  return g_str_has_prefix (name, "refers.") && strchr (name + strlen ("refers."), '.') != NULL;
}

/* The relations found, with what the user said of them (refers.*). */
static gboolean
apply_relation_settings (McDataset   *self,
                         GHashTable  *settings,
                         GError     **error)
{
  GHashTableIter iter;
  gpointer name, value;

  if (self->found == NULL)
    self->found = g_array_copy (self->relations);
  g_array_set_size (self->relations, 0);
  g_array_append_vals (self->relations, self->found->data, self->found->len);
  if (settings == NULL)
    return TRUE;
  g_hash_table_iter_init (&iter, settings);
  while (g_hash_table_iter_next (&iter, &name, &value))
    if (is_relation_setting (name) && !set_relation (self, (const char *) name + strlen ("refers."), value, error))
      return FALSE;
  return TRUE;
}

/**
 * mc_dataset_set_relation_settings:
 *
 * The relations found, with what SETTINGS (key name → value; NULL: none)
 * say of them ("refers.TABLE.COLUMN" = "TABLE.KEY" or "none"). BEFORE
 * receives the relations as they were, for mc_dataset_restore_relations()
 * when what follows fails; on failure nothing changed.
 */
gboolean
mc_dataset_set_relation_settings (McDataset   *self,
                                  GHashTable  *settings,
                                  GArray     **before,
                                  GError     **error)
{
  g_autoptr(GArray) previous = NULL;

  g_return_val_if_fail (MC_IS_DATASET (self), FALSE);

  previous = g_array_copy (self->relations);
  if (!apply_relation_settings (self, settings, error))
    {
      mc_dataset_restore_relations (self, previous);
      return FALSE;
    }
  *before = g_steal_pointer (&previous);
  return TRUE;
}

void
mc_dataset_restore_relations (McDataset *self,
                              GArray    *relations)
{
  g_return_if_fail (MC_IS_DATASET (self));

  g_array_set_size (self->relations, 0);
  g_array_append_vals (self->relations, relations->data, relations->len);
}

/**
 * mc_dataset_get_relation_from:
 *
 * The NTH relation from TABLE, which may be the table of purchases of the
 * attached model (mc_dataset_attach_model()); NULL past the last.
 */
const McRelation *
mc_dataset_get_relation_from (McDataset *self,
                              McTable   *table,
                              guint      nth)
{
  GArray *lists[2];

  g_return_val_if_fail (MC_IS_DATASET (self), NULL);

  lists[0] = self->relations;
  lists[1] = self->model_relations;
  for (guint l = 0; l < G_N_ELEMENTS (lists) && lists[l] != NULL; l++)
    for (guint i = 0; i < lists[l]->len; i++)
      if (g_array_index (lists[l], McRelation, i).from_table == table && nth-- == 0)
        return &g_array_index (lists[l], McRelation, i);
  return NULL;
}

McColumn *
mc_dataset_find_role (McDataset  *self,
                      McRole      role,
                      McTable   **table_out)
{
  g_return_val_if_fail (MC_IS_DATASET (self), NULL);

  for (guint i = 0; i < self->tables->len; i++)
    {
      McColumn *column = mc_table_find_role (g_ptr_array_index (self->tables, i), role);

      if (column != NULL)
        {
          if (table_out != NULL)
            *table_out = g_ptr_array_index (self->tables, i);
          return column;
        }
    }
  if (table_out != NULL)
    *table_out = NULL;
  return NULL;
}

/**
 * mc_dataset_new_replacing:
 *
 * The same dataset with TABLES[t] in place of its table t wherever
 * TABLES[t] is not NULL (taken); the other tables share their columns
 * with SELF. Keys, roles and relations are those of SELF, not inferred
 * again, so the answers are the same whatever the rows left.
 */
McDataset *
mc_dataset_new_replacing (McDataset  *self,
                          McTable   **tables)
{
  McDataset *copy;

  g_return_val_if_fail (MC_IS_DATASET (self), NULL);

  copy = mc_dataset_new ();
  for (guint t = 0; t < self->tables->len; t++)
    g_ptr_array_add (copy->tables, tables[t] != NULL ? tables[t] : mc_table_share_columns (g_ptr_array_index (self->tables, t)));
  for (guint i = 0; i < self->relations->len; i++)
    {
      McRelation relation = g_array_index (self->relations, McRelation, i);
      guint from, to;

      g_ptr_array_find (self->tables, relation.from_table, &from);
      g_ptr_array_find (self->tables, relation.to_table, &to);
      relation.from_table = g_ptr_array_index (copy->tables, from);
      relation.to_table = g_ptr_array_index (copy->tables, to);
      g_array_append_val (copy->relations, relation);
    }
  if (self->found != NULL)
    {
      copy->found = g_array_new (FALSE, TRUE, sizeof (McRelation));
      for (guint i = 0; i < self->found->len; i++)
        {
          McRelation relation = g_array_index (self->found, McRelation, i);
          guint from, to;

          g_ptr_array_find (self->tables, relation.from_table, &from);
          g_ptr_array_find (self->tables, relation.to_table, &to);
          relation.from_table = g_ptr_array_index (copy->tables, from);
          relation.to_table = g_ptr_array_index (copy->tables, to);
          g_array_append_val (copy->found, relation);
        }
    }
  /* The same choices, whatever rows are left: the original's model, or
   * the original, to make it from, while it has none. */
  copy->model_like = self->model != NULL ? g_object_ref (self->model) : NULL;
  copy->original = self->model == NULL && self->model_error == NULL ? g_object_ref (self) : NULL;
  copy->model_settings = self->model_settings != NULL ? g_hash_table_ref (self->model_settings) : NULL;
  return copy;
}

/**
 * mc_dataset_new_with_rows:
 *
 * The same dataset with only ROWS of TABLE: for filters ("the Website's
 * sales"), as mc_dataset_new_replacing().
 */
McDataset *
mc_dataset_new_with_rows (McDataset   *self,
                          McTable     *table,
                          const gsize *rows,
                          gsize        n)
{
  g_autofree McTable **tables = NULL;

  g_return_val_if_fail (MC_IS_DATASET (self), NULL);

  tables = g_new0 (McTable *, MAX (self->tables->len, 1));
  for (guint t = 0; t < self->tables->len; t++)
    if (g_ptr_array_index (self->tables, t) == table)
      tables[t] = mc_table_select_rows (table, rows, n);
  return mc_dataset_new_replacing (self, tables);
}

/* The rows of TABLE whose COLUMN value is in KEYS. */
static McTable *
rows_in_keys (McTable        *table,
              guint           column,
              const McKeySet *keys)
{
  McColumn *values = mc_table_get_column (table, column);
  gsize n = mc_table_get_n_rows (table), kept = 0;
  g_autofree gsize *rows = g_new (gsize, MAX (n, 1));

  for (gsize r = 0; r < n; r++)
    if (!mc_column_is_missing (values, r) && mc_key_set_contains (keys, values, r))
      rows[kept++] = r;
  return mc_table_select_rows (table, rows, kept);
}

/**
 * mc_dataset_new_taking_part:
 *
 * SELF, a part of WHOLE (the same tables, some with fewer rows, as
 * mc_dataset_new_with_rows() makes), with every other table cut down to
 * the rows that take part in the rows left: the products and customers
 * the purchases left refer to, the lines and payments that refer to
 * them, and so on along the relations, each table once, nearest first.
 * For showing a filter's rows; the figures keep to SELF.
 */
McDataset *
mc_dataset_new_taking_part (McDataset *self,
                            McDataset *whole)
{
  guint n;
  g_autofree McTable **tables = NULL;
  g_autofree gboolean *reached = NULL;
  gboolean grew = TRUE;

  g_return_val_if_fail (MC_IS_DATASET (self), NULL);
  g_return_val_if_fail (MC_IS_DATASET (whole), NULL);

  n = self->tables->len;
  g_return_val_if_fail (whole->tables->len == n, NULL);
  tables = g_new0 (McTable *, MAX (n, 1));
  reached = g_new0 (gboolean, MAX (n, 1));
  for (guint t = 0; t < n; t++)
    reached[t] = mc_table_get_n_rows (g_ptr_array_index (self->tables, t))
                 != mc_table_get_n_rows (g_ptr_array_index (whole->tables, t));
  while (grew)
    {
      g_autofree gboolean *now = g_memdup2 (reached, sizeof (gboolean) * MAX (n, 1));

      grew = FALSE;
      for (guint i = 0; i < self->relations->len; i++)
        {
          const McRelation *relation = &g_array_index (self->relations, McRelation, i);
          guint from, to;
          McTable *from_table, *to_table;
          g_autoptr(McKeySet) keys = NULL;

          g_ptr_array_find (self->tables, relation->from_table, &from);
          g_ptr_array_find (self->tables, relation->to_table, &to);
          if (from == to || reached[from] == reached[to] || now[reached[from] ? to : from])
            continue;
          from_table = tables[from] != NULL ? tables[from] : relation->from_table;
          to_table = tables[to] != NULL ? tables[to] : relation->to_table;
          if (reached[from])
            {
              /* What the rows left refer to. */
              keys = mc_key_set_new (mc_table_get_column (from_table, relation->from_column));
              tables[to] = rows_in_keys (to_table, relation->to_column, keys);
              now[to] = TRUE;
            }
          else
            {
              /* What refers to the rows left. */
              keys = mc_key_set_new (mc_table_get_column (to_table, relation->to_column));
              tables[from] = rows_in_keys (from_table, relation->from_column, keys);
              now[from] = TRUE;
            }
          grew = TRUE;
        }
      memcpy (reached, now, sizeof (gboolean) * MAX (n, 1));
    }
  return mc_dataset_new_replacing (self, tables);
}
