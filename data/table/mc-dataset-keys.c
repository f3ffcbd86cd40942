/* mc-dataset-keys.c: the keys, relations and roles a dataset's values show
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Primary keys are chosen from each table's identifiers by their names
 * and uniqueness, relations by how well a column's values are found in
 * another table's key; a source's own declarations (a database's
 * catalogue) are kept in place of what would be inferred.
 */
#define G_LOG_DOMAIN "mc-dataset"

#include "config.h"

#include <gio/gio.h>

#include "mc-dataset-private.h"
#include "mc-roles.h"

/* A key may have a few missing or repeated values (real exports do; the
 * duplicate_key and missing_values checks report them). */
#define MAX_KEY_MISSING_SHARE 0.05
#define MIN_KEY_UNIQUE_SHARE  0.98
/* Names (not ids) are keys of small lookup tables only. */
#define MAX_NAME_KEY_ROWS     100000

/* Whether COLUMN's first rows are unique enough for a key: rejects
 * columns such as visits.customer_id without hashing all their rows. */
static gboolean
first_rows_unique (McColumn *column)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gsize present = 0;

  for (gsize r = 0; r < column->n_rows && present < 2000; r++)
    if (!mc_column_is_missing (column, r))
      {
        present++;
        g_hash_table_add (seen, mc_column_format_value (column, r));
      }
  return g_hash_table_size (seen) >= MIN_KEY_UNIQUE_SHARE * present;
}

static gboolean
is_name (McColumn *column)
{
  return column->type == MC_COLUMN_TYPE_TEXT || column->type == MC_COLUMN_TYPE_CATEGORY;
}

/* Identifiers and integers are keys; so are the names of a small lookup
 * table (a category name and its translation), which must then be
 * unique. */
static gboolean
is_key_type (McColumn *column)
{
  if (column->type == MC_COLUMN_TYPE_IDENTIFIER || column->type == MC_COLUMN_TYPE_INTEGER)
    return TRUE;
  return is_name (column) && column->n_rows <= MAX_NAME_KEY_ROWS && column->n_missing == 0;
}

static int key_name_score (McTable *table, McColumn *column);

/* Returns the set of COLUMN's values when it can be TABLE's key: an id
 * with few missing and few repeated values. */
/* Rows with every cell missing: a spreadsheet's leftovers, which say
 * nothing of whether a column is a key. */
static gsize
count_empty_rows (McTable *table)
{
  gsize empty = 0;

  for (gsize r = 0; r < mc_table_get_n_rows (table); r++)
    empty += mc_table_row_is_empty (table, r);
  return empty;
}

static McKeySet *
key_candidate (McTable  *table,
               McColumn *column,
               gsize     empty_rows)
{
  gsize n = mc_table_get_n_rows (table) - empty_rows;
  gsize missing = column->n_missing - MIN (empty_rows, column->n_missing);
  gsize present = n - MIN (missing, n);
  McKeySet *keys;

  if (n == 0 || present == 0 || missing > MAX_KEY_MISSING_SHARE * n)
    return NULL;
  if (!is_key_type (column))
    return NULL;
  if (!first_rows_unique (column))
    return NULL;
  keys = mc_key_set_new (column);
  /* A few repeats are a key's anomaly (duplicate_key reports them) only
   * when the name says it is the table's key; a column of names or
   * codes must be wholly unique, and so must one that merely names an
   * entity the table also speaks of (reviews.order_id). */
  if (mc_key_set_size (keys) < (key_name_score (table, column) >= (is_name (column) ? 6 : 4)
                                ? MIN_KEY_UNIQUE_SHARE * present : present))
    g_clear_pointer (&keys, mc_key_set_free);
  return keys;
}

/* "sale_id" for the table sales. */
static char *
own_key_name (McTable *table)
{
  g_autofree char *entity = mc_roles_singular (mc_table_get_name (table));

  return g_strconcat (entity, "_id", NULL);
}

/* How strongly COLUMN's name says it is TABLE's key. */
static int
key_name_score (McTable  *table,
                McColumn *column)
{
  g_autofree char *n = mc_roles_normalise_name (column->name);
  g_autofree char *own = own_key_name (table);
  int score = 0;

  if (g_str_equal (n, own))
    score += 8;
  if (g_str_equal (n, "id"))
    score += 6;
  if (mc_roles_entity_of (n) != MC_ENTITY_NONE
      && mc_roles_entity_of (n) == mc_roles_entity_of (mc_table_get_name (table)))
    score += 4;
  return score;
}

static int
key_score (McTable  *table,
           guint     index,
           McColumn *column,
           gsize     distinct)
{
  int score = key_name_score (table, column);

  if (column->type == MC_COLUMN_TYPE_IDENTIFIER)
    score += 2;
  if (index == 0)
    score += 1;
  if (column->n_missing == 0 && distinct == mc_table_get_n_rows (table))
    score += 2;
  return score;
}

/* Chooses TABLE's primary key and returns the set of its values, which
 * relations reuse; NULL when no column can be the key. */
static McKeySet *
infer_primary_key (McTable *table)
{
  McKeySet *best_keys = NULL;
  int best = -1, best_score = -1;
  gsize empty_rows = count_empty_rows (table);

  for (guint c = 0; c < mc_table_get_n_columns (table); c++)
    {
      McColumn *column = mc_table_get_column (table, c);
      McKeySet *keys = key_candidate (table, column, empty_rows);
      int score;

      if (keys == NULL)
        continue;
      score = key_score (table, c, column, mc_key_set_size (keys));
      if (score > best_score)
        {
          g_clear_pointer (&best_keys, mc_key_set_free);
          best_keys = keys;
          best = c;
          best_score = score;
        }
      else
        mc_key_set_free (keys);
    }
  mc_table_set_primary_key (table, best);
  return best_keys;
}

/* How strongly the name of FROM suggests it refers to TO's key: 2 for
 * the same name, 1 for a name that speaks of the same entity. */
static int
name_affinity (McTable  *to_table,
               McColumn *from,
               McColumn *to)
{
  g_autofree char *a = mc_roles_normalise_name (from->name);
  g_autofree char *b = mc_roles_normalise_name (to->name);
  g_autofree char *table_key = own_key_name (to_table);
  McEntity entity = mc_roles_entity_of (mc_table_get_name (to_table));

  if (g_str_equal (a, b) || g_str_equal (a, table_key))
    return 2;
  if (entity != MC_ENTITY_NONE && mc_roles_entity_of (a) == entity)
    return 1;
  return 0;
}

static gboolean
comparable (McColumn *a,
            McColumn *b)
{
  if (is_name (a) || is_name (b))
    return is_name (a) && is_name (b);
  if (a->type != MC_COLUMN_TYPE_IDENTIFIER && a->type != MC_COLUMN_TYPE_INTEGER)
    return FALSE;
  if (b->type != MC_COLUMN_TYPE_IDENTIFIER && b->type != MC_COLUMN_TYPE_INTEGER)
    return FALSE;
  return a->is_uuid == b->is_uuid;
}

/* Whether FROM is named as TABLE's own key ("order_id" for orders). */
static gboolean
names_own_key (McTable  *table,
               McColumn *from)
{
  g_autofree char *n = mc_roles_normalise_name (from->name);
  g_autofree char *own = own_key_name (table);

  return g_str_equal (n, own);
}

/* The lowest match rate at which a column is taken for a foreign key:
 * a column named like the key needs a few matches (sellers that never
 * sold are normal), an unrelated name needs nearly all. */
static double
threshold_for (int affinity)
{
  return affinity == 2 ? 0.2 : affinity == 1 ? 0.5 : 0.9;
}

/* Looks for the table FROM refers to, trying the best-named candidates
 * first: most columns are settled without hashing a million values
 * against every table. KEY_SETS holds each table's primary key values. */
static gboolean
find_reference (McDataset  *self,
                McTable    *from_table,
                guint       from_column,
                GPtrArray  *key_sets,
                McRelation *relation)
{
  McColumn *from = mc_table_get_column (from_table, from_column);
  gboolean is_own_key = (int) from_column == mc_table_get_primary_key (from_table);

  for (int affinity = 2; affinity >= (is_own_key ? 2 : 0); affinity--)
    {
      gboolean found = FALSE;

      for (guint t = 0; t < self->tables->len; t++)
        {
          McTable *to_table = g_ptr_array_index (self->tables, t);
          int key = mc_table_get_primary_key (to_table);
          McKeySet *keys = g_ptr_array_index (key_sets, t);
          McColumn *to;
          double rate;
          gsize unmatched;

          if (to_table == from_table || keys == NULL)
            continue;
          to = mc_table_get_column (to_table, key);
          if (!comparable (from, to) || name_affinity (to_table, from, to) != affinity)
            continue;
          /* Names refer to a lookup table only under the same name. */
          if (is_name (from) && affinity < 2)
            continue;
          /* Unrelated names must match nearly always: a sample says no fast. */
          if (affinity == 0 && mc_key_set_match_rate (keys, from, 2000, &unmatched) < threshold_for (0))
            continue;
          rate = mc_key_set_match_rate (keys, from, 0, &unmatched);
          /* order_items.order_id names orders' own key: it refers there
           * however few of its values are found (orphan_key says how
           * many point nowhere). */
          if ((rate < threshold_for (affinity) && !(names_own_key (to_table, from) && rate > 0))
              || (found && rate <= relation->match_rate))
            continue;
          *relation = (McRelation) { from_table, from_column, to_table, key, rate, unmatched };
          found = TRUE;
        }
      if (found)
        return TRUE;
    }
  return FALSE;
}

static McKeySet *
declared_or_inferred_key (McDataset *self,
                          McTable   *table)
{
  int declared = GPOINTER_TO_INT (g_hash_table_lookup (self->declared_keys, table)) - 1;

  if (declared < 0)
    return infer_primary_key (table);
  mc_table_set_primary_key (table, declared);
  return mc_key_set_new (mc_table_get_column (table, declared));
}

/* The source's relation from COLUMN of TABLE, with how well its values
 * match (a database's constraint may be NOT VALID). */
static gboolean
find_declared_reference (McDataset  *self,
                         McTable    *table,
                         guint       column,
                         GPtrArray  *key_sets,
                         McRelation *relation)
{
  for (guint i = 0; i < self->declared_relations->len; i++)
    {
      const McRelation *declared = &g_array_index (self->declared_relations, McRelation, i);
      guint to;

      if (declared->from_table != table || declared->from_column != column)
        continue;
      /* A set of UUIDs is asked about UUIDs only (mc-key-set.h). */
      if (mc_table_get_column (table, column)->is_uuid != mc_table_get_column (declared->to_table, declared->to_column)->is_uuid)
        return FALSE;
      g_ptr_array_find (self->tables, declared->to_table, &to);
      *relation = *declared;
      relation->match_rate = mc_key_set_match_rate (g_ptr_array_index (key_sets, to), mc_table_get_column (table, column),
                                                    0, &relation->n_unmatched);
      return TRUE;
    }
  return FALSE;
}

/* Relations in the order of the tables and their columns, whether the
 * source declared them or they are inferred, so that a database and its
 * CSV export list them alike. */
static gboolean
find_relations (McDataset    *self,
                GPtrArray    *key_sets,
                GCancellable *cancellable)
{
  for (guint t = 0; t < self->tables->len; t++)
    {
      McTable *table = g_ptr_array_index (self->tables, t);

      for (guint c = 0; c < mc_table_get_n_columns (table); c++)
        {
          McColumn *column = mc_table_get_column (table, c);
          McRelation relation;

          /* A column is matched against every key in one pass over its rows. */
          if (g_cancellable_is_cancelled (cancellable))
            return FALSE;
          if (find_declared_reference (self, table, c, key_sets, &relation)
              || ((column->type == MC_COLUMN_TYPE_IDENTIFIER || is_name (column))
                  && find_reference (self, table, c, key_sets, &relation)))
            g_array_append_val (self->relations, relation);
        }
    }
  return TRUE;
}

static void
infer_roles (McTable *table)
{
  for (guint c = 0; c < mc_table_get_n_columns (table); c++)
    {
      McColumn *column = mc_table_get_column (table, c);

      if (!column->role_overridden)
        column->role = mc_roles_infer (table, column);
    }
}

/**
 * mc_dataset_infer_relations:
 *
 * The first part of mc_dataset_infer(): primary keys, roles and
 * relations, without the model. Checks CANCELLABLE between columns and
 * fails with G_IO_ERROR_CANCELLED, the relations then unknown.
 */
gboolean
mc_dataset_infer_relations (McDataset     *self,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(GPtrArray) key_sets = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_key_set_free);

  g_return_val_if_fail (MC_IS_DATASET (self), FALSE);

  g_array_set_size (self->relations, 0);
  g_clear_pointer (&self->found, g_array_unref);
  _mc_dataset_forget_model (self);
  for (guint t = 0; t < self->tables->len; t++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      g_ptr_array_add (key_sets, declared_or_inferred_key (self, g_ptr_array_index (self->tables, t)));
    }
  for (guint t = 0; t < self->tables->len; t++)
    infer_roles (g_ptr_array_index (self->tables, t));
  if (!find_relations (self, key_sets, cancellable))
    {
      g_array_set_size (self->relations, 0);
      return !g_cancellable_set_error_if_cancelled (cancellable, error);
    }
  return TRUE;
}

void
mc_dataset_infer (McDataset *self)
{
  g_return_if_fail (MC_IS_DATASET (self));

  mc_dataset_infer_relations (self, NULL, NULL);
}
