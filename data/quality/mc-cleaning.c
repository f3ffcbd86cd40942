/* mc-cleaning.c: cleaning recipes that yield a new dataset
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Cleaning never changes what was read: a recipe runs on copies of the
 * tables and returns a new dataset, so undoing is going back to the one
 * before, and the same recipe can run on next month's export. Each step
 * logs how many rows it removed and cells it changed.
 */
#define G_LOG_DOMAIN "mc-cleaning"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mc-checks.h"
#include "mc-cleaning.h"
#include "mc-join.h"
#include "mc-key-set.h"
#include "mc-output.h"
#include "mc-value-parse.h"

#define MC_CLEAN_ERROR (g_quark_from_static_string ("mc-clean-error"))

static const char *action_names[MC_N_CLEAN_ACTIONS + 1] = {
  "drop-duplicate-rows", "keep-first-key", "missing-values", "outliers",
  "normalise-text", "merge-categories", "set-type", "normalise-format",
  "orphan-rows", "date-order", "before-release", "out-of-range",
};

const char *
mc_clean_action_to_string (McCleanAction action)
{
  g_return_val_if_fail (action < MC_N_CLEAN_ACTIONS, NULL);

  return action_names[action];
}

McCleanStep *
mc_clean_step_new (McCleanAction  action,
                   const char    *table,
                   const char    *column,
                   const char    *method,
                   const char    *value)
{
  McCleanStep *step = g_new0 (McCleanStep, 1);

  step->action = action;
  step->table = g_strdup (table);
  step->column = g_strdup (column);
  step->method = g_strdup (method);
  step->value = g_strdup (value);
  return step;
}

McCleanStep *
mc_clean_step_copy (McCleanStep *step)
{
  g_return_val_if_fail (step != NULL, NULL);

  return mc_clean_step_new (step->action, step->table, step->column, step->method, step->value);
}

gboolean
mc_clean_step_equal (McCleanStep *a,
                     McCleanStep *b)
{
  return a->action == b->action && g_strcmp0 (a->table, b->table) == 0 && g_strcmp0 (a->column, b->column) == 0
         && g_strcmp0 (a->method, b->method) == 0 && g_strcmp0 (a->value, b->value) == 0;
}

GPtrArray *
mc_recipe_copy (GPtrArray *recipe)
{
  GPtrArray *copy = mc_recipe_new ();

  for (guint i = 0; recipe != NULL && i < recipe->len; i++)
    g_ptr_array_add (copy, mc_clean_step_copy (g_ptr_array_index (recipe, i)));
  return copy;
}

void
mc_clean_step_free (McCleanStep *step)
{
  if (step == NULL)
    return;
  g_free (step->table);
  g_free (step->column);
  g_free (step->method);
  g_free (step->value);
  g_free (step);
}

McCleanLogEntry *
mc_clean_log_entry_copy (McCleanLogEntry *entry)
{
  McCleanLogEntry *copy = g_memdup2 (entry, sizeof *entry);

  copy->step = g_strdup (entry->step);
  copy->command = g_strdup (entry->command);
  copy->table = g_strdup (entry->table);
  copy->column_added = g_strdup (entry->column_added);
  return copy;
}

void
mc_clean_log_entry_free (McCleanLogEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->step);
  g_free (entry->command);
  g_free (entry->table);
  g_free (entry->column_added);
  g_free (entry);
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

      g_key_file_set_string (file, group, "action", action_names[step->action]);
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

static gboolean
action_from_string (const char    *name,
                    McCleanAction *action)
{
  for (guint i = 0; i < MC_N_CLEAN_ACTIONS; i++)
    if (g_strcmp0 (name, action_names[i]) == 0)
      {
        *action = i;
        return TRUE;
      }
  return FALSE;
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

      if (!action_from_string (name, &action) || table == NULL)
        {
          g_autofree char *names = g_strjoinv (", ", (char **) action_names);

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
      char *key = mc_spelling_key (g_ptr_array_index (column->dict, c));
      gpointer other;

      if (!g_hash_table_lookup_extended (best, key, NULL, &other) || counts[c] > counts[GPOINTER_TO_UINT (other)])
        g_hash_table_insert (best, key, GUINT_TO_POINTER (c));
      else
        g_free (key);
    }
  for (guint c = 0; c < column->dict->len; c++)
    {
      g_autofree char *key = mc_spelling_key (g_ptr_array_index (column->dict, c));
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

      if (mc_column_is_numeric (column) && mc_column_rating_scale (column, &low, &high))
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

/* Working state: the copies the recipe changes. */
typedef struct
{
  GPtrArray *tables;   /* McTable, copies of the source's */
} Work;

/* Keeps the rows whose KEEP is TRUE; returns how many went. */
static gsize
keep_rows (Work     *work,
           guint     index,
           gboolean *keep)
{
  McTable *table = g_ptr_array_index (work->tables, index);
  gsize n = mc_table_get_n_rows (table), kept = 0;
  g_autofree gsize *rows = g_new (gsize, MAX (n, 1));

  for (gsize r = 0; r < n; r++)
    if (keep[r])
      rows[kept++] = r;
  if (kept < n)
    {
      g_ptr_array_index (work->tables, index) = mc_table_select_rows (table, rows, kept);
      g_object_unref (table);
    }
  return n - kept;
}

static gsize
drop_duplicate_rows (Work  *work,
                     guint  index)
{
  McTable *table = g_ptr_array_index (work->tables, index);
  g_autofree gssize *copies = mc_table_find_copies (table);
  g_autofree gboolean *keep = g_new (gboolean, MAX (mc_table_get_n_rows (table), 1));

  for (gsize r = 0; r < mc_table_get_n_rows (table); r++)
    keep[r] = copies[r] < 0;
  return keep_rows (work, index, keep);
}

static gsize
keep_first_key (Work  *work,
                guint  index)
{
  McTable *table = g_ptr_array_index (work->tables, index);
  int key = mc_table_get_primary_key (table);
  McColumn *column;
  g_autofree gssize *repeats = NULL;
  g_autofree gboolean *keep = NULL;

  if (key < 0)
    return 0;
  column = mc_table_get_column (table, key);
  repeats = mc_column_find_repeats (column);
  keep = g_new (gboolean, MAX (column->n_rows, 1));
  for (gsize r = 0; r < column->n_rows; r++)
    keep[r] = repeats[r] < 0 || mc_column_is_missing (column, r);
  return keep_rows (work, index, keep);
}

/* Adds a boolean column NAME_SUFFIX, true where MARK is. */
static char *
add_flag_column (McTable         *table,
                 McColumn        *column,
                 const char      *suffix,
                 const gboolean  *mark,
                 gsize           *flagged)
{
  g_autofree char *name = g_strdup_printf ("%s_%s", column->name, suffix);
  g_autoptr(McColumn) flag = NULL;

  for (guint n = 2; mc_table_lookup_column (table, name) != NULL; n++)
    {
      g_free (name);
      name = g_strdup_printf ("%s_%s_%u", column->name, suffix, n);
    }
  flag = mc_column_new (name, MC_COLUMN_TYPE_BOOLEAN, column->n_rows);
  for (gsize r = 0; r < column->n_rows; r++)
    {
      flag->v.bools[r] = mark[r] != FALSE;
      *flagged += flag->v.bools[r];
    }
  mc_table_add_column (table, flag);
  return g_steal_pointer (&name);
}

/* Writes VALUE (a double) into a numeric or temporal cell. */
static void
set_number (McColumn *column,
            gsize     row,
            double    value)
{
  switch (column->type)
    {
    case MC_COLUMN_TYPE_INTEGER:
    case MC_COLUMN_TYPE_DATETIME:
      column->v.i64[row] = (gint64) llround (value);
      break;
    case MC_COLUMN_TYPE_DATE:
      column->v.days[row] = (gint32) lround (value);
      break;
    case MC_COLUMN_TYPE_BOOLEAN:
      column->v.bools[row] = value != 0;
      break;
    default:
      column->v.f64[row] = value;
    }
  mc_column_clear_missing (column, row);
}

static gboolean
column_median (McColumn *column,
               double   *median)
{
  gsize n;
  g_autofree double *values = mc_column_sorted_values (column, &n);

  if (n == 0)
    return FALSE;
  *median = mc_quantile (values, n, 0.5);
  return TRUE;
}

/* The most frequent code of a coded column (ties: the first code). */
static gboolean
column_mode_code (McColumn *column,
                  guint32  *code)
{
  g_autofree gsize *counts = g_new0 (gsize, MAX (column->dict->len, 1));
  gsize best = 0;

  for (gsize r = 0; r < column->n_rows; r++)
    if (!mc_column_is_missing (column, r))
      counts[column->v.codes[r]]++;
  for (guint c = 0; c < column->dict->len; c++)
    if (counts[c] > best)
      {
        best = counts[c];
        *code = c;
      }
  return best > 0;
}

static gboolean
column_mode_number (McColumn *column,
                    double   *mode)
{
  gsize n, best = 0, run = 0;
  g_autofree double *values = mc_column_sorted_values (column, &n);

  for (gsize i = 0; i < n; i++)
    {
      run = i > 0 && values[i] == values[i - 1] ? run + 1 : 1;
      if (run > best)
        {
          best = run;
          *mode = values[i];
        }
    }
  return best > 0;
}

/* Parses TEXT as a value of COLUMN's type into ROW. */
static gboolean
set_from_text (McColumn   *column,
               gsize       row,
               const char *text)
{
  gsize len = strlen (text);
  double number;
  gint64 when;
  guint8 flag;

  if (mc_column_has_codes (column))
    {
      guint code = 0;

      while (code < column->dict->len && g_strcmp0 (g_ptr_array_index (column->dict, code), text) != 0)
        code++;
      column->v.codes[row] = code < column->dict->len ? code : mc_column_intern (column, text);
      mc_column_clear_missing (column, row);
      return TRUE;
    }
  if (mc_column_is_numeric (column) && mc_parse_number (text, len, &number) != MC_NUMBER_NONE)
    return set_number (column, row, number), TRUE;
  if (column->type == MC_COLUMN_TYPE_DATE && mc_parse_date (text, len, &when) == MC_DATE_ISO)
    return set_number (column, row, when), TRUE;
  if (column->type == MC_COLUMN_TYPE_DATETIME && mc_parse_date (text, len, &when) == MC_DATETIME_ISO)
    return set_number (column, row, when), TRUE;
  if (column->type == MC_COLUMN_TYPE_BOOLEAN && mc_parse_boolean (text, len, &flag))
    return set_number (column, row, flag), TRUE;
  return FALSE;
}

static gboolean
fill_missing (McColumn    *column,
              const char  *method,
              const char  *value,
              gsize       *changed,
              GError     **error)
{
  g_autofree gboolean *gaps = g_new (gboolean, MAX (column->n_rows, 1));
  g_autofree char *fill = NULL;
  double number;
  guint32 code;

  for (gsize r = 0; r < column->n_rows; r++)
    gaps[r] = mc_column_is_missing (column, r);
  if (g_str_equal (method, "constant"))
    fill = g_strdup (value);
  else if (g_str_equal (method, "median") && column_median (column, &number))
    fill = g_strdup_printf ("%.17g", number);
  else if (g_str_equal (method, "mode") && mc_column_has_codes (column) && column_mode_code (column, &code))
    fill = g_strdup (g_ptr_array_index (column->dict, code));
  else if (g_str_equal (method, "mode") && column_mode_number (column, &number))
    fill = g_strdup_printf ("%.17g", number);

  for (gsize r = 0; fill != NULL && r < column->n_rows; r++)
    {
      if (!gaps[r])
        continue;
      if (!set_from_text (column, r, fill))
        {
          /* Translators: the first %s is the name of a column, the second
           * a value, the third a type as the program names it (integer,
           * number, date…). */
          g_set_error (error, MC_CLEAN_ERROR, 0, _("cannot fill %s with “%s”: it is not a %s"),
                       column->name, fill, mc_column_type_to_string (column->type));
          return FALSE;
        }
      (*changed)++;
    }
  if (fill == NULL)
    {
      /* Translators: the first %s is the name of a column, the second a
       * method of the recipe; median, mode and constant are recipe words
       * that stay in English. */
      g_set_error (error, MC_CLEAN_ERROR, 0, _("cannot fill %s by %s: use median on numbers, mode, or constant "
                                               "with a value"), column->name, method);
      return FALSE;
    }
  return TRUE;
}

static gboolean
clean_missing (Work            *work,
               guint            index,
               McCleanStep     *step,
               McCleanLogEntry *entry,
               GError         **error)
{
  McTable *table = g_ptr_array_index (work->tables, index);
  McColumn *column = mc_table_lookup_column (table, step->column);
  g_autofree gboolean *mark = g_new (gboolean, MAX (mc_table_get_n_rows (table), 1));
  const char *method = step->method != NULL ? step->method : "leave";

  for (gsize r = 0; r < column->n_rows; r++)
    mark[r] = mc_column_is_missing (column, r);
  if (g_str_equal (method, "leave"))
    return TRUE;
  if (g_str_equal (method, "drop"))
    {
      for (gsize r = 0; r < column->n_rows; r++)
        mark[r] = !mark[r];
      entry->rows_removed = keep_rows (work, index, mark);
      return TRUE;
    }
  if (g_str_equal (method, "flag"))
    {
      entry->column_added = add_flag_column (table, column, "missing", mark, &entry->rows_flagged);
      return TRUE;
    }
  return fill_missing (column, method, step->value, &entry->cells_changed, error);
}

static gboolean
clean_outliers (Work            *work,
                guint            index,
                McCleanStep     *step,
                McCleanLogEntry *entry,
                GError         **error)
{
  McTable *table = g_ptr_array_index (work->tables, index);
  McColumn *column = mc_table_lookup_column (table, step->column);
  g_autofree gboolean *outside = g_new0 (gboolean, MAX (column->n_rows, 1));
  const char *method = step->method != NULL ? step->method : "flag";
  double low, high, median = 0, v;

  if (!mc_column_is_numeric (column))
    {
      /* Translators: %s is the name of a column. */
      g_set_error (error, MC_CLEAN_ERROR, 0, _("%s is not a number column, so it has no outliers"), column->name);
      return FALSE;
    }
  if (!mc_column_iqr_fences (column, &low, &high))
    return TRUE;
  column_median (column, &median);
  for (gsize r = 0; r < column->n_rows; r++)
    outside[r] = mc_column_get_double (column, r, &v) && (v < low || v > high);

  if (g_str_equal (method, "flag"))
    entry->column_added = add_flag_column (table, column, "outlier", outside, &entry->rows_flagged);
  else if (g_str_equal (method, "drop"))
    {
      for (gsize r = 0; r < column->n_rows; r++)
        outside[r] = !outside[r];
      entry->rows_removed = keep_rows (work, index, outside);
    }
  else if (g_str_equal (method, "winsorize") || g_str_equal (method, "median"))
    {
      for (gsize r = 0; r < column->n_rows; r++)
        if (outside[r] && mc_column_get_double (column, r, &v))
          {
            set_number (column, r, method[0] == 'm' ? median : CLAMP (v, low, high));
            entry->cells_changed++;
          }
    }
  else
    {
      g_set_error (error, MC_CLEAN_ERROR, 0,
                   /* Translators: %s is a method of the recipe; flag, winsorize,
                    * median and drop are recipe words that stay in English. */
                   _("unknown way to treat outliers “%s”: use flag, winsorize, median or drop"), method);
      return FALSE;
    }
  return TRUE;
}

/* Applies TRANSFORM to every distinct string of a coded column; strings
 * that become equal merge into one code. */
static void
rewrite_strings (McColumn *column,
                 char   *(*transform) (const char *text, gpointer data),
                 gpointer  data,
                 gsize    *changed)
{
  g_autoptr(GPtrArray) old_dict = g_steal_pointer (&column->dict);
  g_autoptr(GHashTable) codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree guint32 *remap = g_new (guint32, MAX (old_dict->len, 1));
  g_autofree gboolean *differs = g_new (gboolean, MAX (old_dict->len, 1));
  GStringChunk *old_arena = column->arena;

  column->dict = g_ptr_array_new ();
  column->arena = g_string_chunk_new (4096);
  for (guint c = 0; c < old_dict->len; c++)
    {
      g_autofree char *text = transform (g_ptr_array_index (old_dict, c), data);
      gpointer code;

      differs[c] = g_strcmp0 (text, g_ptr_array_index (old_dict, c)) != 0;
      if (!g_hash_table_lookup_extended (codes, text, NULL, &code))
        {
          code = GUINT_TO_POINTER (mc_column_intern (column, text));
          g_hash_table_insert (codes, g_strdup (text), code);
        }
      remap[c] = GPOINTER_TO_UINT (code);
    }
  for (gsize r = 0; r < column->n_rows; r++)
    {
      if (mc_column_is_missing (column, r))
        continue;
      *changed += differs[column->v.codes[r]];
      column->v.codes[r] = remap[column->v.codes[r]];
    }
  g_string_chunk_free (old_arena);
}

static char *
normalise (const char *text,
           gpointer    data)
{
  const char *method = data;
  g_autofree char *nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  g_autofree char *trimmed = g_strstrip (g_strdup (nfc != NULL ? nfc : text));

  if (g_strcmp0 (method, "lower") == 0)
    return g_utf8_strdown (trimmed, -1);
  if (g_strcmp0 (method, "upper") == 0)
    return g_utf8_strup (trimmed, -1);
  if (g_strcmp0 (method, "title") == 0 && trimmed[0] != '\0')
    {
      g_autofree char *rest = g_utf8_strdown (g_utf8_next_char (trimmed), -1);
      g_autofree char *first = g_utf8_strup (trimmed, g_utf8_next_char (trimmed) - trimmed);

      return g_strconcat (first, rest, NULL);
    }
  return g_steal_pointer (&trimmed);
}

/* "website=Website;WEB=Website": spellings the user confirmed are one. */
static char *
merge (const char *text,
       gpointer    data)
{
  GHashTable *mapping = data;
  const char *to = g_hash_table_lookup (mapping, text);

  return g_strdup (to != NULL ? to : text);
}

static gboolean
clean_text (Work            *work,
            guint            index,
            McCleanStep     *step,
            McCleanLogEntry *entry,
            GError         **error)
{
  McColumn *column = mc_table_lookup_column (g_ptr_array_index (work->tables, index), step->column);
  g_autoptr(GHashTable) mapping = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) pairs = NULL;

  if (!mc_column_has_codes (column))
    {
      /* Translators: %s is the name of a column. */
      g_set_error (error, MC_CLEAN_ERROR, 0, _("%s does not hold text"), column->name);
      return FALSE;
    }
  if (step->action == MC_CLEAN_NORMALISE_TEXT)
    {
      rewrite_strings (column, normalise, step->method, &entry->cells_changed);
      return TRUE;
    }
  pairs = g_strsplit (step->value != NULL ? step->value : "", ";", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      char *equals = strchr (pairs[i], '=');

      if (equals == NULL)
        continue;
      g_hash_table_insert (mapping, g_strndup (pairs[i], equals - pairs[i]), g_strdup (equals + 1));
    }
  rewrite_strings (column, merge, mapping, &entry->cells_changed);
  return TRUE;
}

/* The text a cell was written as: its value, or for a cell that did not
 * parse as the old type, the raw text the reader kept. Rows are asked in
 * order; NEXT_ISSUE walks the column's issues (sorted by row) alongside. */
static char *
cell_text (McColumn *column,
           gsize     row,
           guint    *next_issue)
{
  GArray *issues = column->issues;

  while (*next_issue < issues->len && g_array_index (issues, McCellIssue, *next_issue).row < row)
    (*next_issue)++;
  if (*next_issue < issues->len && g_array_index (issues, McCellIssue, *next_issue).row == row)
    return g_strdup (g_array_index (issues, McCellIssue, *next_issue).raw);
  return mc_column_format_value (column, row);
}

/* Cells are written back as the file wrote them ("10.50", "12/31/2023")
 * unless a step changes them: this step is the one that writes a
 * column's values in one form (ISO dates, a decimal point, no + sign),
 * each cell it rewrites counted. Missing-value tokens stay. */
static gboolean
clean_format (Work            *work,
              guint            index,
              McCleanStep     *step,
              McCleanLogEntry *entry,
              GError         **error)
{
  McColumn *column = mc_table_lookup_column (g_ptr_array_index (work->tables, index), step->column);
  GArray *issues = column->issues;
  guint kept = 0;

  for (guint i = 0; i < issues->len; i++)
    {
      McCellIssue issue = g_array_index (issues, McCellIssue, i);

      if (issue.kind == MC_CELL_ISSUE_VERBATIM && !mc_column_is_missing (column, issue.row))
        entry->cells_changed++;
      else
        g_array_index (issues, McCellIssue, kept++) = issue;
    }
  g_array_set_size (issues, kept);
  return TRUE;
}

/* Reads the column again as another type ("fix types"); values that do
 * not fit the new type become missing and count as changed. */
static gboolean
clean_set_type (Work            *work,
                guint            index,
                McCleanStep     *step,
                McCleanLogEntry *entry,
                GError         **error)
{
  McTable *table = g_ptr_array_index (work->tables, index);
  int position = mc_table_get_column_index (table, step->column);
  McColumn *old = mc_table_get_column (table, position);
  g_autoptr(McColumn) retyped = NULL;
  guint next_issue = 0;
  McColumnType type;

  if (step->method == NULL || !mc_column_type_from_string (step->method, &type))
    {
      /* Translators: set-type, method= and the type names are recipe
       * words that stay in English. */
      g_set_error_literal (error, MC_CLEAN_ERROR, 0, _("set-type needs method= one of integer, number, date, "
                                                       "datetime, boolean, category, identifier or text"));
      return FALSE;
    }
  retyped = mc_column_new (old->name, type, old->n_rows);
  retyped->role = old->role;
  retyped->role_overridden = old->role_overridden;
  for (gsize r = 0; r < old->n_rows; r++)
    {
      g_autofree char *text = cell_text (old, r, &next_issue);
      g_autofree char *before = mc_column_format_value (old, r);
      g_autofree char *after = NULL;

      if (text == NULL || !set_from_text (retyped, r, text))
        mc_column_set_missing (retyped, r);
      after = mc_column_format_value (retyped, r);
      entry->cells_changed += g_strcmp0 (before, after) != 0;
    }
  mc_table_replace_column (table, position, retyped);
  return TRUE;
}

char *
mc_clean_step_to_string (McCleanStep *step)
{
  GString *text = g_string_new (action_names[step->action]);

  g_string_append_printf (text, " %s", step->table);
  if (step->column != NULL)
    g_string_append_printf (text, ".%s", step->column);
  if (step->method != NULL)
    g_string_append_printf (text, " by %s", step->method);
  if (step->value != NULL)
    g_string_append_printf (text, " (%s)", step->value);
  return g_string_free (text, FALSE);
}

/* The sentence for the method of a step on one column: WHERE is
 * "table.column". NULL when the method is not one of the recipe's. */
static char *
describe_column_step (McCleanStep *step,
                      const char  *where)
{
  const char *method = step->method != NULL ? step->method : "";

  switch (step->action)
    {
    case MC_CLEAN_MISSING:
      if (step->method == NULL || g_str_equal (method, "leave"))
        /* Translators: %s is a table and its column, "sales.rating". */
        return g_strdup_printf (_("Leave the gaps in %s as they are"), where);
      if (g_str_equal (method, "drop"))
        return g_strdup_printf (_("Drop the rows where %s is missing"), where);
      if (g_str_equal (method, "median"))
        return g_strdup_printf (_("Fill the gaps in %s with its median"), where);
      if (g_str_equal (method, "mode"))
        return g_strdup_printf (_("Fill the gaps in %s with its most frequent value"), where);
      if (g_str_equal (method, "constant"))
        /* Translators: the first %s is a table and its column, the second a value. */
        return g_strdup_printf (_("Fill the gaps in %s with “%s”"), where, step->value != NULL ? step->value : "");
      if (g_str_equal (method, "flag"))
        return g_strdup_printf (_("Flag the gaps in %s in a new column"), where);
      return NULL;
    case MC_CLEAN_OUTLIERS:
      if (step->method == NULL || g_str_equal (method, "flag"))
        return g_strdup_printf (_("Flag outliers of %s in a new column"), where);
      if (g_str_equal (method, "winsorize"))
        return g_strdup_printf (_("Bring outliers of %s back to the edge of the usual range"), where);
      if (g_str_equal (method, "median"))
        return g_strdup_printf (_("Replace outliers of %s by its median"), where);
      if (g_str_equal (method, "drop"))
        return g_strdup_printf (_("Drop the rows with outliers of %s"), where);
      return NULL;
    case MC_CLEAN_NORMALISE_TEXT:
      if (g_str_equal (method, "lower"))
        return g_strdup_printf (_("Trim the spaces of %s and write it in lower case"), where);
      if (g_str_equal (method, "upper"))
        return g_strdup_printf (_("Trim the spaces of %s and write it in upper case"), where);
      if (g_str_equal (method, "title"))
        return g_strdup_printf (_("Trim the spaces of %s and capitalise its first letter"), where);
      return g_strdup_printf (_("Trim the spaces around the values of %s"), where);
    case MC_CLEAN_MERGE_CATEGORIES:
      {
        g_autoptr(GString) merges = g_string_new (step->value);

        /* "website=Website;WEB=Website" reads "website → Website, WEB → Website". */
        g_string_replace (merges, "=", " → ", 0);
        g_string_replace (merges, ";", ", ", 0);
        /* Translators: the first %s is a table and its column, the second
         * lists the merges, such as "website → Website, WEB → Website". */
        return g_strdup_printf (_("Merge the spellings of one value in %s (%s)"), where, merges->str);
      }
    case MC_CLEAN_SET_TYPE:
      /* Translators: the first %s is a table and its column, the second a
       * type of the recipe (number, date, text…), which stays in English. */
      return g_strdup_printf (_("Read %s again as %s"), where, method);
    case MC_CLEAN_NORMALISE_FORMAT:
      return g_strdup_printf (_("Write the values of %s in one format (ISO dates, a decimal point)"), where);
    case MC_CLEAN_ORPHAN_ROWS:
      if (g_str_equal (method, "drop"))
        /* Translators: the first %s is a table and its column, the second the
         * table and column its values should be found in. */
        return g_strdup_printf (_("Drop the rows whose %s is not found in %s"), where,
                                step->value != NULL ? step->value : "");
      if (g_str_equal (method, "flag"))
        return g_strdup_printf (_("Flag the rows whose %s is not found in %s in a new column"), where,
                                step->value != NULL ? step->value : "");
      return NULL;
    case MC_CLEAN_DATE_ORDER:
      if (g_str_equal (method, "swap"))
        /* Translators: the first %s is a table and its start column, the
         * second its end column. */
        return g_strdup_printf (_("Swap %s and %s where a row ends before it starts"), where,
                                step->value != NULL ? step->value : "");
      if (g_str_equal (method, "drop"))
        return g_strdup_printf (_("Drop the rows of %s that end before they start (%s)"), step->table, where);
      return NULL;
    case MC_CLEAN_BEFORE_RELEASE:
      if (g_str_equal (method, "drop"))
        /* Translators: %s is a table and its date column. */
        return g_strdup_printf (_("Drop the rows whose %s is before the product's release"), where);
      if (g_str_equal (method, "flag"))
        return g_strdup_printf (_("Flag the rows whose %s is before the product's release in a new column"), where);
      return NULL;
    case MC_CLEAN_OUT_OF_RANGE:
      if (step->value != NULL)
        {
          g_autoptr(GString) scale = g_string_new (step->value);

          g_string_replace (scale, "..", "–", 1);
          /* Translators: the first %s is a table and its column, the second a
           * scale such as 1–5. */
          return g_strdup_printf (_("Set the values of %s outside the %s scale missing"), where, scale->str);
        }
      return g_strdup_printf (_("Set the values of %s outside its scale missing"), where);
    case MC_CLEAN_DROP_DUPLICATE_ROWS:
    case MC_CLEAN_KEEP_FIRST_KEY:
    case MC_N_CLEAN_ACTIONS:
    default:
      return NULL;
    }
}

char *
mc_clean_step_describe (McCleanStep *step)
{
  g_autofree char *where = NULL;
  char *sentence = NULL;

  g_return_val_if_fail (step != NULL, NULL);

  if (step->action == MC_CLEAN_DROP_DUPLICATE_ROWS)
    /* Translators: %s is the name of a table. */
    return g_strdup_printf (_("Drop the repeated rows of %s"), step->table);
  if (step->action == MC_CLEAN_KEEP_FIRST_KEY)
    /* Translators: %s is the name of a table. */
    return g_strdup_printf (_("Keep only the first row of each repeated key of %s"), step->table);
  if (step->column != NULL)
    {
      where = g_strdup_printf ("%s.%s", step->table, step->column);
      sentence = describe_column_step (step, where);
    }
  /* A method the recipe does not know reads in its own words. */
  return sentence != NULL ? sentence : mc_clean_step_to_string (step);
}

static int
find_table (Work       *work,
            const char *name)
{
  for (guint i = 0; i < work->tables->len; i++)
    if (g_str_equal (mc_table_get_name (g_ptr_array_index (work->tables, i)), name))
      return i;
  return -1;
}

/* The column named "table.column" among the working tables. */
static McColumn *
find_qualified_column (Work       *work,
                       const char *qualified)
{
  const char *dot = qualified != NULL ? strrchr (qualified, '.') : NULL;
  g_autofree char *table = NULL;

  if (dot == NULL)
    return NULL;
  table = g_strndup (qualified, dot - qualified);
  for (guint i = 0; i < work->tables->len; i++)
    if (g_str_equal (mc_table_get_name (g_ptr_array_index (work->tables, i)), table))
      return mc_table_lookup_column (g_ptr_array_index (work->tables, i), dot + 1);
  return NULL;
}

/* Drops the rows MARK holds, or flags them in a new column SUFFIX. */
static gboolean
drop_or_flag (Work            *work,
              guint            index,
              McCleanStep     *step,
              McColumn        *column,
              const char      *suffix,
              gboolean        *mark,
              McCleanLogEntry *entry,
              GError         **error)
{
  McTable *table = g_ptr_array_index (work->tables, index);

  if (g_strcmp0 (step->method, "flag") == 0)
    {
      entry->column_added = add_flag_column (table, column, suffix, mark, &entry->rows_flagged);
      return TRUE;
    }
  if (g_strcmp0 (step->method, "drop") == 0)
    {
      for (gsize r = 0; r < mc_table_get_n_rows (table); r++)
        mark[r] = !mark[r];
      entry->rows_removed = keep_rows (work, index, mark);
      return TRUE;
    }
  /* Translators: %s is a step of the recipe; drop and flag are recipe
   * words that stay in English. */
  g_set_error (error, MC_CLEAN_ERROR, 0, _("%s: use method=drop or method=flag"), entry->command);
  return FALSE;
}

/* Rows whose foreign key is not found in the referenced column. */
static gboolean
clean_orphans (Work            *work,
               guint            index,
               McCleanStep     *step,
               McCleanLogEntry *entry,
               GError         **error)
{
  McTable *table = g_ptr_array_index (work->tables, index);
  McColumn *from = mc_table_lookup_column (table, step->column);
  McColumn *to = find_qualified_column (work, step->value);
  g_autoptr(McKeySet) keys = NULL;
  g_autofree gboolean *mark = NULL;

  if (to == NULL)
    {
      /* Translators: %s is a step of the recipe; value= stays in English. */
      g_set_error (error, MC_CLEAN_ERROR, 0, _("%s: value= must name the table.column the keys refer to"),
                   entry->command);
      return FALSE;
    }
  keys = mc_key_set_new (to);
  mark = g_new (gboolean, MAX (from->n_rows, 1));
  for (gsize r = 0; r < from->n_rows; r++)
    mark[r] = !mc_column_is_missing (from, r) && !mc_key_set_contains (keys, from, r);
  return drop_or_flag (work, index, step, from, "orphan", mark, entry, error);
}

/* Visits that end before they start: the two times swapped, or the rows
 * dropped. */
static gboolean
clean_date_order (Work            *work,
                  guint            index,
                  McCleanStep     *step,
                  McCleanLogEntry *entry,
                  GError         **error)
{
  McTable *table = g_ptr_array_index (work->tables, index);
  McColumn *start = mc_table_lookup_column (table, step->column);
  McColumn *end = step->value != NULL ? mc_table_lookup_column (table, step->value) : NULL;
  g_autofree gboolean *mark = NULL;

  if (end == NULL || end->type != start->type || !mc_column_is_temporal (start))
    {
      /* Translators: %s is a step of the recipe; value= stays in English. */
      g_set_error (error, MC_CLEAN_ERROR, 0, _("%s: value= must name the end column, a date of the same kind"),
                   entry->command);
      return FALSE;
    }
  mark = g_new (gboolean, MAX (start->n_rows, 1));
  for (gsize r = 0; r < start->n_rows; r++)
    {
      double a, b;

      mark[r] = mc_column_get_double (start, r, &a) && mc_column_get_double (end, r, &b) && b < a;
    }
  if (g_strcmp0 (step->method, "swap") == 0)
    {
      for (gsize r = 0; r < start->n_rows; r++)
        {
          double a, b;

          if (!mark[r] || !mc_column_get_double (start, r, &a) || !mc_column_get_double (end, r, &b))
            continue;
          set_number (start, r, b);
          set_number (end, r, a);
          entry->cells_changed += 2;
        }
      return TRUE;
    }
  if (g_strcmp0 (step->method, "flag") == 0 || g_strcmp0 (step->method, "drop") == 0)
    return drop_or_flag (work, index, step, start, "order", mark, entry, error);
  /* Translators: %s is a step of the recipe; swap and drop are recipe
   * words that stay in English. */
  g_set_error (error, MC_CLEAN_ERROR, 0, _("%s: use method=swap or method=drop"), entry->command);
  return FALSE;
}

/* Purchases dated before the product bought was released; value is
 * "car_id=cars.car_id;cars.release_date". */
static gboolean
clean_before_release (Work            *work,
                      guint            index,
                      McCleanStep     *step,
                      McCleanLogEntry *entry,
                      GError         **error)
{
  McTable *table = g_ptr_array_index (work->tables, index);
  McColumn *when = mc_table_lookup_column (table, step->column);
  g_auto(GStrv) parts = g_strsplit (step->value != NULL ? step->value : "", ";", 2);
  g_auto(GStrv) key = g_strsplit (parts[0] != NULL ? parts[0] : "", "=", 2);
  McColumn *from = key[0] != NULL ? mc_table_lookup_column (table, key[0]) : NULL;
  McColumn *to = key[0] != NULL && key[1] != NULL ? find_qualified_column (work, key[1]) : NULL;
  McColumn *released = parts[0] != NULL && parts[1] != NULL ? find_qualified_column (work, parts[1]) : NULL;
  g_autoptr(McKeySet) keys = NULL;
  g_autofree gboolean *mark = NULL;

  if (from == NULL || to == NULL || released == NULL || !mc_column_is_temporal (when)
      || !mc_column_is_temporal (released))
    {
      /* Translators: %s is a step of the recipe; value= and the example stay in English. */
      g_set_error (error, MC_CLEAN_ERROR, 0, _("%s: value= must name the product key and the release date, "
                                               "such as car_id=cars.car_id;cars.release_date"), entry->command);
      return FALSE;
    }
  keys = mc_key_set_new (to);
  mark = g_new0 (gboolean, MAX (when->n_rows, 1));
  for (gsize r = 0; r < when->n_rows; r++)
    {
      gssize product = mc_key_set_lookup (keys, from, r);
      double at, release;

      if (product < 0 || !mc_column_get_double (when, r, &at) || !mc_column_get_double (released, product, &release))
        continue;
      /* Compared by day, as the check does. */
      if (when->type == MC_COLUMN_TYPE_DATETIME)
        at = floor (at / 86400e6);
      if (released->type == MC_COLUMN_TYPE_DATETIME)
        release = floor (release / 86400e6);
      mark[r] = at < release;
    }
  return drop_or_flag (work, index, step, when, "before_release", mark, entry, error);
}

/* Values outside the scale of a rating become missing. */
static gboolean
clean_out_of_range (Work            *work,
                    guint            index,
                    McCleanStep     *step,
                    McCleanLogEntry *entry,
                    GError         **error)
{
  McColumn *column = mc_table_lookup_column (g_ptr_array_index (work->tables, index), step->column);
  const char *dots = step->value != NULL ? strstr (step->value, "..") : NULL;
  double low, high;

  if (!mc_column_is_numeric (column) || (step->method != NULL && !g_str_equal (step->method, "missing")))
    {
      /* Translators: %s is a step of the recipe; method=missing stays in English. */
      g_set_error (error, MC_CLEAN_ERROR, 0, _("%s: only a number column's values can be set missing "
                                               "(method=missing)"), entry->command);
      return FALSE;
    }
  if (dots != NULL)
    {
      low = g_ascii_strtod (step->value, NULL);
      high = g_ascii_strtod (dots + 2, NULL);
    }
  else if (!mc_column_rating_scale (column, &low, &high))
    return TRUE;
  for (gsize r = 0; r < column->n_rows; r++)
    {
      double v;

      if (mc_column_get_double (column, r, &v) && (v < low || v > high))
        {
          mc_column_set_missing (column, r);
          entry->cells_changed++;
        }
    }
  return TRUE;
}

static gboolean
apply_step (Work            *work,
            McCleanStep     *step,
            McCleanLogEntry *entry,
            GError         **error)
{
  int index = find_table (work, step->table);
  McTable *table = index >= 0 ? g_ptr_array_index (work->tables, index) : NULL;

  if (table == NULL || (step->column != NULL && mc_table_lookup_column (table, step->column) == NULL))
    {
      /* Translators: %s is a step of the recipe, such as
       * “missing-values orders.rating by flag”. */
      g_set_error (error, MC_CLEAN_ERROR, 0, _("%s: no such table or column in this dataset"), entry->step);
      return FALSE;
    }
  if (step->column == NULL && step->action >= MC_CLEAN_MISSING)
    {
      /* Translators: %s is a step of the recipe, such as
       * “outliers orders by flag”. */
      g_set_error (error, MC_CLEAN_ERROR, 0, _("%s: this step needs a column"), entry->step);
      return FALSE;
    }
  entry->rows_before = mc_table_get_n_rows (table);
  switch (step->action)
    {
    case MC_CLEAN_DROP_DUPLICATE_ROWS:
      entry->rows_removed = drop_duplicate_rows (work, index);
      return TRUE;
    case MC_CLEAN_KEEP_FIRST_KEY:
      entry->rows_removed = keep_first_key (work, index);
      return TRUE;
    case MC_CLEAN_MISSING:
      return clean_missing (work, index, step, entry, error);
    case MC_CLEAN_OUTLIERS:
      return clean_outliers (work, index, step, entry, error);
    case MC_CLEAN_NORMALISE_TEXT:
    case MC_CLEAN_MERGE_CATEGORIES:
      return clean_text (work, index, step, entry, error);
    case MC_CLEAN_SET_TYPE:
      return clean_set_type (work, index, step, entry, error);
    case MC_CLEAN_NORMALISE_FORMAT:
      return clean_format (work, index, step, entry, error);
    case MC_CLEAN_ORPHAN_ROWS:
      return clean_orphans (work, index, step, entry, error);
    case MC_CLEAN_DATE_ORDER:
      return clean_date_order (work, index, step, entry, error);
    case MC_CLEAN_BEFORE_RELEASE:
      return clean_before_release (work, index, step, entry, error);
    case MC_CLEAN_OUT_OF_RANGE:
      return clean_out_of_range (work, index, step, entry, error);
    case MC_N_CLEAN_ACTIONS:
    default:
      g_assert_not_reached ();
    }
}

McDataset *
mc_recipe_apply (GPtrArray  *recipe,
                 McDataset  *source,
                 GPtrArray **log,
                 GError    **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_clean_log_entry_free);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_object_unref);
  Work work = { tables };
  McDataset *result;

  g_return_val_if_fail (MC_IS_DATASET (source), NULL);

  for (guint t = 0; t < mc_dataset_get_n_tables (source); t++)
    {
      McTable *table = mc_dataset_get_table (source, t);
      gsize n = mc_table_get_n_rows (table);
      g_autofree gsize *all = g_new (gsize, MAX (n, 1));

      for (gsize r = 0; r < n; r++)
        all[r] = r;
      g_ptr_array_add (tables, mc_table_select_rows (table, all, n));
    }
  for (guint i = 0; i < recipe->len; i++)
    {
      McCleanStep *step = g_ptr_array_index (recipe, i);
      McCleanLogEntry *entry = g_new0 (McCleanLogEntry, 1);

      entry->step = mc_clean_step_describe (step);
      entry->command = mc_clean_step_to_string (step);
      entry->table = g_strdup (step->table);
      g_ptr_array_add (entries, entry);
      if (!apply_step (&work, step, entry, error))
        {
          /* Translators: %u numbers the steps of a cleaning recipe, as
           * its groups [step 1], [step 2]… do. */
          g_prefix_error (error, _("step %u: "), i + 1);
          return NULL;
        }
    }
  result = mc_dataset_new ();
  for (guint t = 0; t < tables->len; t++)
    mc_dataset_add_table (result, g_ptr_array_index (tables, t));
  mc_dataset_infer (result);
  if (log != NULL)
    *log = g_steal_pointer (&entries);
  return result;
}
