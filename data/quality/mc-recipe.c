/* mc-recipe.c: cleaning recipes: saved, loaded, suggested from the findings
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A recipe is a list of steps saved as a key file, so the same cleaning
 * can run again on next month's export.
 */
#define G_LOG_DOMAIN "mc-cleaning"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mc-checks.h"
#include "mc-cleaning-private.h"
#include "mc-duplicates.h"
#include "mc-join.h"
#include "mc-output.h"

GPtrArray *
mc_recipe_copy (GPtrArray *recipe)
{
  GPtrArray *copy = mc_recipe_new ();

  for (guint i = 0; recipe != NULL && i < recipe->len; i++)
    g_ptr_array_add (copy, mc_clean_step_copy (g_ptr_array_index (recipe, i)));
  return copy;
}

GPtrArray *
mc_recipe_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) mc_clean_step_free);
}

gboolean
mc_recipe_save (GPtrArray   *recipe,
                const char  *path,
                GError     **error)
{
  g_autofree char *data = NULL;
  gsize length;
  g_autoptr(GKeyFile) file = g_key_file_new ();

  g_key_file_set_comment (file, NULL, NULL,
                          " Mercato cleaning recipe: run it again with\n"
                          " mercato-cli clean PATH... --out DIR --recipe THIS-FILE", NULL);
  for (guint i = 0; i < recipe->len; i++)
    {
      McCleanStep *step = g_ptr_array_index (recipe, i);
      g_autofree char *group = g_strdup_printf ("step %u", i + 1);

      g_key_file_set_string (file, group, "action", _mc_clean_action_to_string (step->action));
      g_key_file_set_string (file, group, "table", step->table);
      if (step->column != NULL)
        g_key_file_set_string (file, group, "column", step->column);
      if (step->method != NULL)
        g_key_file_set_string (file, group, "method", step->method);
      if (step->value != NULL)
        g_key_file_set_string (file, group, "value", step->value);
    }
  data = g_key_file_to_data (file, &length, NULL);
  return mc_output_write (path, data, length, error);
}

GPtrArray *
mc_recipe_load (const char  *path,
                GError     **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GPtrArray) recipe = mc_recipe_new ();
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) groups = NULL;

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &local_error))
    {
      /* "Key file contains line “transaction_id,…”" tells nothing to
       * whoever gave a CSV: say what a recipe is. */
      if (g_error_matches (local_error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_PARSE))
        g_set_error (error, MC_CLEAN_ERROR, 0,
                     _("%s is not a cleaning recipe: a recipe is the recipe.ini that mercato-cli clean writes, "
                       "groups such as [step 1] with action=… and table=… lines"),
                     path);
      else
        g_set_error (error, MC_CLEAN_ERROR, 0, "%s: %s", path, local_error->message);
      return NULL;
    }
  groups = g_key_file_get_groups (file, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_autofree char *name = g_key_file_get_string (file, groups[i], "action", NULL);
      g_autofree char *table = g_key_file_get_string (file, groups[i], "table", NULL);
      g_autofree char *column = g_key_file_get_string (file, groups[i], "column", NULL);
      g_autofree char *method = g_key_file_get_string (file, groups[i], "method", NULL);
      g_autofree char *value = g_key_file_get_string (file, groups[i], "value", NULL);
      McCleanAction action;

      if (!_mc_clean_action_from_string (name, &action) || table == NULL)
        {
          g_autofree char *names = _mc_clean_action_list ();

          /* Translators: %s names a group of the recipe file, such as
           * “step 1”; the second lists the actions, which stay in English. */
          g_set_error (error, MC_CLEAN_ERROR, 0, _("[%s] needs an action (one of %s) and a table"),
                       groups[i], names);
          g_prefix_error (error, "%s: ", path);
          return NULL;
        }
      g_ptr_array_add (recipe, mc_clean_step_new (action, table, column, method, value));
    }
  return g_steal_pointer (&recipe);
}

/* Merges the spellings of each value into its most frequent one:
 * "website" and "Website " become "Website" when that is most used. */
static McCleanStep *
suggest_merge (McDataset *dataset,
               McFinding *finding)
{
  McColumn *column = mc_table_lookup_column (mc_dataset_lookup_table (dataset, finding->table), finding->columns[0]);
  g_autofree gsize *counts = g_new0 (gsize, MAX (column->dict->len, 1));
  g_autoptr(GHashTable) best = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) mapping = g_string_new (NULL);

  for (gsize r = 0; r < column->n_rows; r++)
    if (!mc_column_is_missing (column, r))
      counts[column->v.codes[r]]++;
  for (guint c = 0; c < column->dict->len; c++)
    {
      char *key = mc_duplicates_spelling_key (g_ptr_array_index (column->dict, c));
      gpointer other;

      if (!g_hash_table_lookup_extended (best, key, NULL, &other) || counts[c] > counts[GPOINTER_TO_UINT (other)])
        g_hash_table_insert (best, key, GUINT_TO_POINTER (c));
      else
        g_free (key);
    }
  for (guint c = 0; c < column->dict->len; c++)
    {
      g_autofree char *key = mc_duplicates_spelling_key (g_ptr_array_index (column->dict, c));
      guint target = GPOINTER_TO_UINT (g_hash_table_lookup (best, key));

      if (target != c && counts[c] > 0)
        g_string_append_printf (mapping, "%s%s=%s", mapping->len > 0 ? ";" : "",
                                (const char *) g_ptr_array_index (column->dict, c),
                                (const char *) g_ptr_array_index (column->dict, target));
    }
  return mc_clean_step_new (MC_CLEAN_MERGE_CATEGORIES, finding->table, finding->columns[0], NULL, mapping->str);
}

GPtrArray *
mc_recipe_suggest (McDataset *dataset,
                   GPtrArray *findings)
{
  GPtrArray *recipe = mc_recipe_new ();

  g_return_val_if_fail (MC_IS_DATASET (dataset), recipe);

  for (guint i = 0; i < findings->len; i++)
    {
      McFinding *f = g_ptr_array_index (findings, i);

      if (g_str_equal (f->check, "duplicate_rows"))
        g_ptr_array_add (recipe, mc_clean_step_new (MC_CLEAN_DROP_DUPLICATE_ROWS, f->table, NULL, NULL, NULL));
      else if (g_str_equal (f->check, "duplicate_key"))
        g_ptr_array_add (recipe, mc_clean_step_new (MC_CLEAN_KEEP_FIRST_KEY, f->table, NULL, NULL, NULL));
      else if (g_str_equal (f->check, "outlier") && g_strv_length (f->columns) == 1)
        g_ptr_array_add (recipe, mc_clean_step_new (MC_CLEAN_OUTLIERS, f->table, f->columns[0], "flag", NULL));
      else if (g_str_equal (f->check, "missing_values") && f->severity != MC_SEVERITY_INFO)
        g_ptr_array_add (recipe, mc_clean_step_new (MC_CLEAN_MISSING, f->table, f->columns[0], "flag", NULL));
      else if (g_str_equal (f->check, "inconsistent_spelling"))
        g_ptr_array_add (recipe, suggest_merge (dataset, f));
    }
  return recipe;
}

static McCleanStep *
choice_step (McCleanAction  action,
             McFinding     *finding,
             const char    *method,
             const char    *value)
{
  return mc_clean_step_new (action, finding->table, finding->columns[0], method, value);
}

GPtrArray *
mc_recipe_choices (McDataset *dataset,
                   McFinding *finding)
{
  GPtrArray *choices = mc_recipe_new ();
  McTable *table;
  McColumn *column;

  g_return_val_if_fail (MC_IS_DATASET (dataset), choices);
  g_return_val_if_fail (finding != NULL, choices);

  table = mc_dataset_lookup_table (dataset, finding->table);
  column = table != NULL && finding->columns[0] != NULL ? mc_table_lookup_column (table, finding->columns[0]) : NULL;
  if (g_str_equal (finding->check, "orphan_key") && column != NULL)
    {
      for (guint i = 0; mc_dataset_get_relation_from (dataset, table, i) != NULL; i++)
        {
          const McRelation *r = mc_dataset_get_relation_from (dataset, table, i);
          g_autofree char *target = NULL;

          if (mc_table_get_column (table, r->from_column) != column)
            continue;
          target = g_strdup_printf ("%s.%s", mc_table_get_name (r->to_table),
                                    mc_table_get_column (r->to_table, r->to_column)->name);
          g_ptr_array_add (choices, choice_step (MC_CLEAN_ORPHAN_ROWS, finding, "drop", target));
          g_ptr_array_add (choices, choice_step (MC_CLEAN_ORPHAN_ROWS, finding, "flag", target));
          break;
        }
    }
  else if (g_str_equal (finding->check, "date_order") && g_strv_length (finding->columns) == 2)
    {
      g_ptr_array_add (choices, choice_step (MC_CLEAN_DATE_ORDER, finding, "swap", finding->columns[1]));
      g_ptr_array_add (choices, choice_step (MC_CLEAN_DATE_ORDER, finding, "drop", finding->columns[1]));
    }
  else if (g_str_equal (finding->check, "before_release") && column != NULL)
    {
      McJoin join;

      if (mc_join_init (&join, dataset, table, MC_ROLE_RELEASE_DATE))
        {
          g_autofree char *products = g_strndup (join.label, strrchr (join.label, '.') - join.label);
          g_autofree char *value = g_strdup_printf ("%s=%s.%s;%s", join.from->name, products, join.to->name,
                                                    join.label);

          g_ptr_array_add (choices, choice_step (MC_CLEAN_BEFORE_RELEASE, finding, "drop", value));
          g_ptr_array_add (choices, choice_step (MC_CLEAN_BEFORE_RELEASE, finding, "flag", value));
          mc_join_clear (&join);
        }
    }
  else if (g_str_equal (finding->check, "out_of_range") && column != NULL && column->role == MC_ROLE_RATING)
    {
      double low, high;

      if (mc_column_is_numeric (column) && mc_checks_rating_scale (column, &low, &high))
        {
          char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE];
          g_autofree char *scale = g_strdup_printf ("%s..%s", g_ascii_formatd (a, sizeof a, "%g", low),
                                                    g_ascii_formatd (b, sizeof b, "%g", high));

          g_ptr_array_add (choices, choice_step (MC_CLEAN_OUT_OF_RANGE, finding, "missing", scale));
        }
    }
  else
    {
      g_autoptr(GPtrArray) one = g_ptr_array_new ();
      g_autoptr(GPtrArray) suggested = NULL;

      g_ptr_array_add (one, finding);
      suggested = mc_recipe_suggest (dataset, one);
      g_ptr_array_extend_and_steal (choices, g_steal_pointer (&suggested));
    }
  return choices;
}

McCleanStep *
mc_recipe_find_fix (GPtrArray *recipe,
                    McDataset *dataset,
                    McFinding *finding)
{
  g_autoptr(GPtrArray) choices = NULL;

  g_return_val_if_fail (MC_IS_DATASET (dataset), NULL);

  if (recipe == NULL || recipe->len == 0)
    return NULL;
  choices = mc_recipe_choices (dataset, finding);
  for (guint i = 0; i < recipe->len; i++)
    {
      McCleanStep *step = g_ptr_array_index (recipe, i);

      for (guint c = 0; c < choices->len; c++)
        {
          McCleanStep *choice = g_ptr_array_index (choices, c);

          if (step->action == choice->action && g_strcmp0 (step->table, choice->table) == 0
              && g_strcmp0 (step->column, choice->column) == 0)
            return step;
        }
    }
  return NULL;
}

