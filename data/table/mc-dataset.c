/* mc-dataset.c: a set of tables with their keys, relations and roles
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-dataset"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "mc-dataset.h"
#include "mc-key-set.h"
#include "mc-pg-source.h"
#include "mc-roles.h"
#include "mc-workbook-reader.h"

/* A key may have a few missing or repeated values (real exports do; the
 * duplicate_key and missing_values checks report them). */
#define MAX_KEY_MISSING_SHARE 0.05
#define MIN_KEY_UNIQUE_SHARE  0.98
/* Names (not ids) are keys of small lookup tables only. */
#define MAX_NAME_KEY_ROWS     100000

struct _McDataset
{
  GObject    parent_instance;

  GPtrArray *tables;      /* McTable */
  GArray    *relations;   /* McRelation */
  GArray    *found;       /* the relations before the user's refers.* settings; NULL until some apply */
  GPtrArray *skipped;     /* "path: why", files of its folders not read */

  /* What the source declares (a database's catalogue), kept by
   * mc_dataset_infer() in place of what it would infer. */
  GHashTable *declared_keys;        /* McTable → GINT_TO_POINTER (column + 1) */
  GArray     *declared_relations;   /* McRelation */

  /* The reading of the data every figure comes from: the model, which
   * model/ makes and attaches (mc_model_for_dataset()); the dataset only
   * keeps it, with the relations from its table of purchases. A copy
   * (filtered rows) keeps the original's model, or the original itself
   * while that has none yet, so that its own makes the same choices. */
  GObject    *model;
  GArray     *model_relations;  /* McRelation from the model's purchases */
  GError     *model_error;
  GHashTable *model_settings;   /* key name → value, the user's */
  GObject    *model_like;
  McDataset  *original;
};

G_DEFINE_FINAL_TYPE (McDataset, mc_dataset, G_TYPE_OBJECT)

static void
forget_purchases (McDataset *self)
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
  forget_purchases (self);
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

void
mc_dataset_add_table (McDataset *self,
                      McTable   *table)
{
  g_return_if_fail (MC_IS_DATASET (self));
  g_return_if_fail (MC_IS_TABLE (table));

  g_ptr_array_add (self->tables, g_object_ref (table));
  forget_purchases (self);
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

  forget_purchases (self);
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

static double match_rate (McColumn *from, const McKeySet *keys, gsize limit, gsize *unmatched);

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
      g_set_error (error, MC_CSV_ERROR, MC_CSV_ERROR_IO, _("refers.%s: the dataset has no such column"), from_spec);
      return FALSE;
    }
  if (g_ascii_strcasecmp (to_spec, "none") != 0 && (to = lookup_spec (self, to_spec, &to_table)) == NULL)
    {
      g_set_error (error, MC_CSV_ERROR, MC_CSV_ERROR_IO, _("refers.%s=%s: the dataset has no such column"),
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
    relation.match_rate = match_rate (from, keys, 0, &relation.n_unmatched);
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

/* Share of FROM's non-missing values among the first LIMIT rows (all
 * when 0) that KEYS holds. */
static double
match_rate (McColumn       *from,
            const McKeySet *keys,
            gsize           limit,
            gsize          *unmatched)
{
  gsize present = 0, found = 0;
  gsize n = limit > 0 ? MIN (limit, from->n_rows) : from->n_rows;

  for (gsize r = 0; r < n; r++)
    {
      if (mc_column_is_missing (from, r))
        continue;
      present++;
      found += mc_key_set_contains (keys, from, r);
    }
  *unmatched = present - found;
  return present > 0 ? (double) found / present : 0.0;
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
          if (affinity == 0 && match_rate (from, keys, 2000, &unmatched) < threshold_for (0))
            continue;
          rate = match_rate (from, keys, 0, &unmatched);
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
      relation->match_rate = match_rate (mc_table_get_column (table, column), g_ptr_array_index (key_sets, to),
                                         0, &relation->n_unmatched);
      return TRUE;
    }
  return FALSE;
}

/* Relations in the order of the tables and their columns, whether the
 * source declared them or they are inferred, so that a database and its
 * CSV export list them alike. */
static void
find_relations (McDataset *self,
                GPtrArray *key_sets)
{
  for (guint t = 0; t < self->tables->len; t++)
    {
      McTable *table = g_ptr_array_index (self->tables, t);

      for (guint c = 0; c < mc_table_get_n_columns (table); c++)
        {
          McRelation relation;

          McColumn *column = mc_table_get_column (table, c);

          if (find_declared_reference (self, table, c, key_sets, &relation)
              || ((column->type == MC_COLUMN_TYPE_IDENTIFIER || is_name (column))
                  && find_reference (self, table, c, key_sets, &relation)))
            g_array_append_val (self->relations, relation);
        }
    }
}

void
mc_dataset_infer (McDataset *self)
{
  g_return_if_fail (MC_IS_DATASET (self));

  g_autoptr(GPtrArray) key_sets = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_key_set_free);

  g_array_set_size (self->relations, 0);
  g_clear_pointer (&self->found, g_array_unref);
  forget_purchases (self);
  for (guint t = 0; t < self->tables->len; t++)
    g_ptr_array_add (key_sets, declared_or_inferred_key (self, g_ptr_array_index (self->tables, t)));
  for (guint t = 0; t < self->tables->len; t++)
    {
      McTable *table = g_ptr_array_index (self->tables, t);

      for (guint c = 0; c < mc_table_get_n_columns (table); c++)
        {
          McColumn *column = mc_table_get_column (table, c);

          if (!column->role_overridden)
            column->role = mc_roles_infer (table, column);
        }
    }
  find_relations (self, key_sets);
}

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
static GPtrArray *
list_files (const char * const  *paths,
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

typedef struct
{
  McCsvProgressFunc  func;
  gpointer           user_data;
  guint64            done_before;   /* bytes of the files already read */
  guint64            total;
} Progress;

static void
on_file_progress_cb (guint64  done,
                     guint64  total,
                     gpointer user_data)
{
  Progress *progress = user_data;

  if (progress->func != NULL)
    progress->func (progress->done_before + done, progress->total, progress->user_data);
}

static guint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (guint64) st.st_size : 0;
}

/* Gives TABLE a name no other table of the dataset has. */
static void
make_name_unique (McDataset *self,
                  McTable   *table)
{
  g_autofree char *base = g_strdup (mc_table_get_name (table));
  g_autofree char *name = g_strdup (base);

  for (guint n = 2; mc_dataset_lookup_table (self, name) != NULL; n++)
    {
      g_free (name);
      name = g_strdup_printf ("%s_%u", base, n);
    }
  mc_table_set_name (table, name);
}

/* The reader is chosen by what the file holds, not by its name: a
 * workbook gives a table per sheet, anything else that is not refused
 * is delimited text. */
static GPtrArray *
read_tables (const char    *path,
             Progress      *progress,
             GCancellable  *cancellable,
             GError       **error)
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
    return mc_workbook_read (path, kind, on_file_progress_cb, progress, cancellable, error);
  if ((table = mc_csv_read (path, NULL, on_file_progress_cb, progress, cancellable, error)) == NULL)
    return NULL;
  tables = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (tables, table);
  return tables;
}

/* A database is a dataset of its own: its tables and the keys its
 * catalogue declares, then inferred as files are. */
static McDataset *
load_database (const char * const  *paths,
               McCsvProgressFunc    progress_func,
               gpointer             user_data,
               GCancellable        *cancellable,
               GError             **error)
{
  g_autoptr(McDataset) self = mc_dataset_new ();
  g_autoptr(GPtrArray) tables = NULL;
  g_autoptr(GArray) keys = NULL;

  if (paths[1] != NULL)
    {
      g_set_error_literal (error, MC_CSV_ERROR, MC_CSV_ERROR_IO,
                           _("a database is opened on its own: give its URI as the only PATH"));
      return NULL;
    }
  tables = mc_pg_read (paths[0], &keys, progress_func, user_data, cancellable, error);
  if (tables == NULL)
    return NULL;
  for (guint t = 0; t < tables->len; t++)
    {
      McTable *table = g_ptr_array_index (tables, t);

      mc_dataset_add_table (self, table);
      if (mc_table_get_primary_key (table) >= 0)
        mc_dataset_declare_primary_key (self, table, mc_table_get_primary_key (table));
    }
  for (guint i = 0; i < keys->len; i++)
    {
      const McPgForeignKey *key = &g_array_index (keys, McPgForeignKey, i);

      mc_dataset_declare_relation (self, key->from_table, key->from_column, key->to_table, key->to_column);
    }
  mc_dataset_infer (self);
  return g_steal_pointer (&self);
}

static gboolean
names_database (const char * const *paths)
{
  for (guint i = 0; paths[i] != NULL; i++)
    if (mc_pg_is_conninfo (paths[i]))
      return TRUE;
  return FALSE;
}

McDataset *
mc_dataset_load (const char * const  *paths,
                 McCsvProgressFunc    progress_func,
                 gpointer             user_data,
                 GCancellable        *cancellable,
                 GError             **error)
{
  g_autoptr(McDataset) self = NULL;
  g_autoptr(GPtrArray) files = NULL;
  Progress progress = { progress_func, user_data, 0, 0 };
  gint64 started;

  g_return_val_if_fail (paths != NULL && paths[0] != NULL, NULL);

  if (names_database (paths))
    return load_database (paths, progress_func, user_data, cancellable, error);
  self = mc_dataset_new ();
  files = list_files (paths, self->skipped, error);
  if (files == NULL)
    return NULL;
  for (guint i = 0; i < files->len; i++)
    progress.total += file_size (g_ptr_array_index (files, i));

  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autoptr(GPtrArray) tables = read_tables (path, &progress, cancellable, error);

      if (tables == NULL)
        return NULL;
      for (guint t = 0; t < tables->len; t++)
        {
          make_name_unique (self, g_ptr_array_index (tables, t));
          mc_dataset_add_table (self, g_ptr_array_index (tables, t));
        }
      progress.done_before += file_size (path);
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  started = g_get_monotonic_time ();
  mc_dataset_infer (self);
  g_debug ("keys, relations and roles inferred in %.3f s", (g_get_monotonic_time () - started) / 1e6);
  return g_steal_pointer (&self);
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

  if (self->tables->len != 1 || mc_table_get_path (table = g_ptr_array_index (self->tables, 0)) == NULL)
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
