/* mc-recipe-apply.c: a recipe run on copies of a dataset's tables
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
#include "mc-cleaning-private.h"
#include "mc-duplicates.h"
#include "mc-join.h"
#include "mc-key-set.h"
#include "mc-output.h"
#include "mc-value-parse.h"

static gsize
drop_duplicate_rows (McCleanWork *work,
                     guint        index)
{
  McTable *table = g_ptr_array_index (work->tables, index);
  g_autofree gssize *copies = mc_duplicates_find_rows (table);
  g_autofree gboolean *keep = g_new (gboolean, MAX (mc_table_get_n_rows (table), 1));

  for (gsize r = 0; r < mc_table_get_n_rows (table); r++)
    keep[r] = copies[r] < 0;
  return _mc_clean_keep_rows (work, index, keep);
}

static gsize
keep_first_key (McCleanWork *work,
                guint        index)
{
  McTable *table = g_ptr_array_index (work->tables, index);
  int key = mc_table_get_primary_key (table);
  McColumn *column;
  g_autofree gssize *repeats = NULL;
  g_autofree gboolean *keep = NULL;

  if (key < 0)
    return 0;
  column = mc_table_get_column (table, key);
  repeats = mc_duplicates_find_values (column);
  keep = g_new (gboolean, MAX (column->n_rows, 1));
  for (gsize r = 0; r < column->n_rows; r++)
    keep[r] = repeats[r] < 0 || mc_column_is_missing (column, r);
  return _mc_clean_keep_rows (work, index, keep);
}

static int
find_table (McCleanWork *work,
            const char  *name)
{
  for (guint i = 0; i < work->tables->len; i++)
    if (g_str_equal (mc_table_get_name (g_ptr_array_index (work->tables, i)), name))
      return i;
  return -1;
}

/* The column named "table.column" among the working tables. */
static McColumn *
find_qualified_column (McCleanWork *work,
                       const char  *qualified)
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
drop_or_flag (McCleanWork     *work,
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
      entry->column_added = _mc_clean_add_flag_column (table, column, suffix, mark, &entry->rows_flagged);
      return TRUE;
    }
  if (g_strcmp0 (step->method, "drop") == 0)
    {
      for (gsize r = 0; r < mc_table_get_n_rows (table); r++)
        mark[r] = !mark[r];
      entry->rows_removed = _mc_clean_keep_rows (work, index, mark);
      return TRUE;
    }
  /* Translators: %s is a step of the recipe; drop and flag are recipe
   * words that stay in English. */
  g_set_error (error, MC_CLEAN_ERROR, 0, _("%s: use method=drop or method=flag"), entry->command);
  return FALSE;
}

/* Rows whose foreign key is not found in the referenced column. */
static gboolean
clean_orphans (McCleanWork     *work,
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
clean_date_order (McCleanWork     *work,
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
          _mc_clean_set_number (start, r, b);
          _mc_clean_set_number (end, r, a);
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
clean_before_release (McCleanWork     *work,
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
clean_out_of_range (McCleanWork     *work,
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
  else if (!mc_checks_rating_scale (column, &low, &high))
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
apply_step (McCleanWork     *work,
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
      return _mc_clean_missing (work, index, step, entry, error);
    case MC_CLEAN_OUTLIERS:
      return _mc_clean_outliers (work, index, step, entry, error);
    case MC_CLEAN_NORMALISE_TEXT:
    case MC_CLEAN_MERGE_CATEGORIES:
      return _mc_clean_text (work, index, step, entry, error);
    case MC_CLEAN_SET_TYPE:
      return _mc_clean_set_type (work, index, step, entry, error);
    case MC_CLEAN_NORMALISE_FORMAT:
      return _mc_clean_format (work, index, step, entry, error);
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
  McCleanWork work = { tables };
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
