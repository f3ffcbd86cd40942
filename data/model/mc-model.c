/* mc-model.c: the one reading of a dataset that every figure comes from
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The object and its settings: the choices with their reasons, what the
 * user set (--set, model files, the app), and what a derived dataset
 * must decide the same way. Choosing is mc-model-infer.c's work, making
 * the purchases mc-model-purchases.c's.
 */
#define G_LOG_DOMAIN "mc-model"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "mc-model-private.h"

G_DEFINE_FINAL_TYPE (McModel, mc_model, G_TYPE_OBJECT)

G_DEFINE_QUARK (mc-model-error-quark, mc_model_error)

static const char *key_names[MC_MODEL_N_KEYS] = {
  "purchases", "purchase_events", "amount", "order", "customer", "time", "channel", "product",
  "product_type", "quantity", "rating", "status", "excluded_status", "returns", "currency", "visits",
  "converted",
};

const char *
mc_model_key_to_string (McModelKey key)
{
  g_return_val_if_fail (key < MC_MODEL_N_KEYS, NULL);

  return key_names[key];
}

static gboolean
key_from_string (const char *name,
                 McModelKey *key)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < MC_MODEL_N_KEYS; i++)
    if (g_ascii_strcasecmp (name, key_names[i]) == 0)
      {
        *key = i;
        return TRUE;
      }
  return FALSE;
}

static void
choice_clear (McModelChoice *choice)
{
  g_clear_pointer (&choice->value, g_free);
  g_clear_pointer (&choice->reason, g_free);
  g_clear_pointer (&choice->alternatives, g_ptr_array_unref);
}

static void
mc_model_finalize (GObject *object)
{
  McModel *self = (McModel *)object;

  for (guint k = 0; k < MC_MODEL_N_KEYS; k++)
    choice_clear (&self->choices[k]);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_clear_pointer (&self->settings, g_hash_table_unref);
  g_clear_object (&self->purchases);
  g_clear_pointer (&self->purchase_relations, g_array_unref);

  G_OBJECT_CLASS (mc_model_parent_class)->finalize (object);
}

static void
mc_model_class_init (McModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mc_model_finalize;
}

static void
mc_model_init (McModel *self)
{
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  self->settings = mc_model_overrides_new ();
  self->purchase_relations = g_array_new (FALSE, TRUE, sizeof (McRelation));
  for (guint k = 0; k < MC_MODEL_N_KEYS; k++)
    self->choices[k].alternatives = g_ptr_array_new_with_free_func (g_free);
}

void
_mc_model_choose (McModel    *self,
                  McModelKey  key,
                  const char *value,
                  double      confidence,
                  const char *reason)
{
  McModelChoice *choice = &self->choices[key];

  g_assert (key < MC_MODEL_N_KEYS);

  if (choice->set_by_user)
    return;
  g_free (choice->value);
  g_free (choice->reason);
  choice->value = g_strdup (value);
  choice->reason = g_strdup (reason);
  choice->confidence = confidence;
}

void
_mc_model_add_alternative (McModel    *self,
                           McModelKey  key,
                           const char *value)
{
  McModelChoice *choice = &self->choices[key];

  if (value == NULL || g_strcmp0 (value, choice->value) == 0)
    return;
  for (guint i = 0; i < choice->alternatives->len; i++)
    if (g_str_equal (g_ptr_array_index (choice->alternatives, i), value))
      return;
  g_ptr_array_add (choice->alternatives, g_strdup (value));
}

/* The user's word, kept as they wrote it; "none" says the data has no
 * such thing. */
static void
apply_overrides (McModel    *self,
                 GHashTable *overrides)
{
  GHashTableIter iter;
  gpointer name, value;

  if (overrides == NULL)
    return;
  g_hash_table_iter_init (&iter, overrides);
  while (g_hash_table_iter_next (&iter, &name, &value))
    {
      McModelKey key;
      McModelChoice *choice;

      if (!key_from_string (name, &key))
        continue;
      choice = &self->choices[key];
      g_free (choice->value);
      choice->value = g_ascii_strcasecmp (value, "none") == 0 || *(const char *) value == '\0' ? NULL : g_strdup (value);
      g_free (choice->reason);
      choice->reason = g_strdup (_("set by you"));
      choice->confidence = 1.0;
      choice->set_by_user = TRUE;
    }
}

static void
copy_settings (GHashTable *into,
               GHashTable *from)
{
  GHashTableIter iter;
  gpointer name, value;

  if (from == NULL)
    return;
  g_hash_table_iter_init (&iter, from);
  while (g_hash_table_iter_next (&iter, &name, &value))
    g_hash_table_insert (into, g_strdup (name), g_strdup (value));
}

/**
 * mc_model_is_relation_setting:
 *
 * Whether NAME is "refers.TABLE.COLUMN": what the user says a column
 * refers to ("TABLE.KEY" or "none"), applied to the dataset's relations
 * (mc_model_set_dataset_settings()).
 */
gboolean
mc_model_is_relation_setting (const char *name)
{
  return g_str_has_prefix (name, "refers.") && strchr (name + strlen ("refers."), '.') != NULL;
}

/* Names every key of OVERRIDES that is no choice of the model. */
static gboolean
check_override_keys (GHashTable  *overrides,
                     GError     **error)
{
  GHashTableIter iter;
  gpointer name;

  if (overrides == NULL)
    return TRUE;
  g_hash_table_iter_init (&iter, overrides);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    {
      McModelKey key;

      if (!key_from_string (name, &key) && !mc_model_is_relation_setting (name))
        {
          g_autoptr(GString) known = g_string_new (NULL);

          for (guint k = 0; k < MC_MODEL_N_KEYS; k++)
            g_string_append_printf (known, "%s%s", k > 0 ? ", " : "", key_names[k]);
          g_set_error (error, MC_MODEL_ERROR, MC_MODEL_ERROR_UNKNOWN_KEY,
                       _("“%s” is not a choice of the model; the choices are %s, and refers.TABLE.COLUMN for "
                         "what a column refers to"), (const char *) name, known->str);
          return FALSE;
        }
    }
  return TRUE;
}

/* A model of DATASET with OVERRIDES (key name → value) applied as the
 * user's choices and kept as its settings, and nothing inferred yet;
 * NULL when an override names no key. */
McModel *
_mc_model_new_with_overrides (McDataset   *dataset,
                              GHashTable  *overrides,
                              GError     **error)
{
  McModel *self;

  if (!check_override_keys (overrides, error))
    return NULL;
  self = g_object_new (MC_TYPE_MODEL, NULL);
  self->dataset = dataset;
  apply_overrides (self, overrides);
  copy_settings (self->settings, overrides);
  return self;
}

/* A model of DATASET with LIKE's choices, warnings and settings, and no
 * purchases yet. */
McModel *
_mc_model_new_copy (McModel   *like,
                    McDataset *dataset)
{
  McModel *self = g_object_new (MC_TYPE_MODEL, NULL);
  const char *source;

  self->dataset = dataset;
  for (guint k = 0; k < MC_MODEL_N_KEYS; k++)
    {
      const McModelChoice *from = &like->choices[k];
      McModelChoice *to = &self->choices[k];

      to->value = g_strdup (from->value);
      to->reason = g_strdup (from->reason);
      to->confidence = from->confidence;
      to->set_by_user = from->set_by_user;
      for (guint i = 0; i < from->alternatives->len; i++)
        g_ptr_array_add (to->alternatives, g_strdup (g_ptr_array_index (from->alternatives, i)));
    }
  for (guint i = 0; i < like->warnings->len; i++)
    g_ptr_array_add (self->warnings, g_strdup (g_ptr_array_index (like->warnings, i)));
  copy_settings (self->settings, like->settings);
  source = self->choices[MC_MODEL_PURCHASES].value;
  self->source = source != NULL ? mc_dataset_lookup_table (dataset, source) : NULL;
  return self;
}

const McModelChoice *
mc_model_get_choice (McModel    *self,
                     McModelKey  key)
{
  g_return_val_if_fail (MC_IS_MODEL (self), NULL);
  g_return_val_if_fail (key < MC_MODEL_N_KEYS, NULL);

  return &self->choices[key];
}

const char *
mc_model_get_value (McModel    *self,
                    McModelKey  key)
{
  g_return_val_if_fail (MC_IS_MODEL (self), NULL);
  g_return_val_if_fail (key < MC_MODEL_N_KEYS, NULL);

  return self->choices[key].value;
}

const GPtrArray *
mc_model_get_warnings (McModel *self)
{
  g_return_val_if_fail (MC_IS_MODEL (self), NULL);

  return self->warnings;
}

void
mc_model_add_warning (McModel    *self,
                      const char *warning)
{
  g_return_if_fail (MC_IS_MODEL (self));
  g_return_if_fail (warning != NULL);

  for (guint i = 0; i < self->warnings->len; i++)
    if (g_str_equal (g_ptr_array_index (self->warnings, i), warning))
      return;
  g_ptr_array_add (self->warnings, g_strdup (warning));
}

McTable *
mc_model_get_purchases (McModel *self)
{
  g_return_val_if_fail (MC_IS_MODEL (self), NULL);

  return self->purchases;
}

GArray *
mc_model_get_purchase_relations (McModel *self)
{
  g_return_val_if_fail (MC_IS_MODEL (self), NULL);

  return self->purchase_relations;
}

/* The table the purchases come from (before any join), as the model
 * chose it; NULL when there are none. */
McTable *
mc_model_get_source (McModel *self)
{
  g_return_val_if_fail (MC_IS_MODEL (self), NULL);

  return self->source;
}

GHashTable *
mc_model_overrides_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static GHashTable *
dup_choices (McModel  *self,
             gboolean  only_user)
{
  GHashTable *values = mc_model_overrides_new ();

  for (guint k = 0; k < MC_MODEL_N_KEYS; k++)
    if (!only_user || self->choices[k].set_by_user)
      g_hash_table_insert (values, g_strdup (key_names[k]),
                           g_strdup (self->choices[k].value != NULL ? self->choices[k].value : "none"));
  return values;
}

GHashTable *
mc_model_dup_overrides (McModel *self)
{
  GHashTable *overrides;

  g_return_val_if_fail (MC_IS_MODEL (self), NULL);

  overrides = mc_model_overrides_new ();
  copy_settings (overrides, self->settings);
  return overrides;
}

/**
 * mc_model_parse_setting:
 *
 * Adds "KEY=VALUE" (as given to --set) to OVERRIDES.
 */
gboolean
mc_model_parse_setting (GHashTable  *overrides,
                        const char  *setting,
                        GError     **error)
{
  const char *equals = strchr (setting, '=');
  g_autofree char *name = NULL;
  McModelKey key;

  g_return_val_if_fail (overrides != NULL, FALSE);
  g_return_val_if_fail (setting != NULL, FALSE);

  if (equals == NULL || equals == setting)
    {
      g_set_error (error, MC_MODEL_ERROR, MC_MODEL_ERROR_BAD_VALUE,
                   _("“%s” is not KEY=VALUE, e.g. amount=Quantity*UnitPrice"), setting);
      return FALSE;
    }
  name = g_strstrip (g_strndup (setting, equals - setting));
  if (mc_model_is_relation_setting (name))
    {
      g_hash_table_insert (overrides, g_steal_pointer (&name), g_strstrip (g_strdup (equals + 1)));
      return TRUE;
    }
  if (!key_from_string (name, &key))
    {
      g_autoptr(GHashTable) one = mc_model_overrides_new ();

      g_hash_table_insert (one, g_strdup (name), g_strdup (""));
      return check_override_keys (one, error);
    }
  g_hash_table_insert (overrides, g_strdup (key_names[key]), g_strstrip (g_strdup (equals + 1)));
  return TRUE;
}

/**
 * mc_model_load_keyfile:
 *
 * Adds the [model] group of the INI file at PATH to OVERRIDES.
 */
gboolean
mc_model_load_keyfile (GHashTable  *overrides,
                       const char  *path,
                       GError     **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_auto(GStrv) keys = NULL;

  g_return_val_if_fail (overrides != NULL, FALSE);

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, error))
    {
      g_prefix_error (error, _("%s is not a model file (an INI file with a [model] group, or the JSON of "
                               "mercato-cli model): "), path);
      return FALSE;
    }
  keys = g_key_file_get_keys (file, "model", NULL, NULL);
  if (keys == NULL)
    {
      g_set_error (error, MC_MODEL_ERROR, MC_MODEL_ERROR_BAD_FILE,
                   _("%s has no [model] group; write the choices as [model] followed by lines such as "
                     "amount=Quantity*UnitPrice"), path);
      return FALSE;
    }
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autofree char *value = g_key_file_get_string (file, "model", keys[i], NULL);
      g_autofree char *setting = g_strdup_printf ("%s=%s", keys[i], value != NULL ? value : "");

      if (!mc_model_parse_setting (overrides, setting, error))
        {
          g_prefix_error (error, "%s: ", path);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * mc_model_save_keyfile:
 *
 * Writes the choices (only the user's when ONLY_USER) as an INI file
 * that mc_model_load_keyfile() reads back, atomically.
 */
gboolean
mc_model_save_keyfile (McModel     *self,
                       const char  *path,
                       gboolean     only_user,
                       GError     **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GHashTable) values = NULL;

  g_return_val_if_fail (MC_IS_MODEL (self), FALSE);

  values = only_user ? mc_model_dup_overrides (self) : dup_choices (self, FALSE);
  if (!only_user)
    copy_settings (values, self->settings);
  g_key_file_set_comment (file, NULL, NULL, " How Mercato reads this dataset (mercato-cli --model FILE).", NULL);
  {
    g_autoptr(GList) names = g_hash_table_get_keys (values);

    names = g_list_sort (names, (GCompareFunc) strcmp);
    for (GList *l = names; l != NULL; l = l->next)
      g_key_file_set_string (file, "model", l->data, g_hash_table_lookup (values, l->data));
  }
  return g_key_file_save_to_file (file, path, error);
}
