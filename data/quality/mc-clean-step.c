/* mc-clean-step.c: one step of a cleaning recipe, in words and in a sentence
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-cleaning"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mc-checks.h"
#include "mc-cleaning-private.h"
#include "mc-value-parse.h"

static const char *action_names[MC_N_CLEAN_ACTIONS + 1] = {
  "drop-duplicate-rows", "keep-first-key", "missing-values", "outliers",
  "normalise-text", "merge-categories", "set-type", "normalise-format",
  "orphan-rows", "date-order", "before-release", "out-of-range",
};

const char *
_mc_clean_action_to_string (McCleanAction action)
{
  g_assert (action < MC_N_CLEAN_ACTIONS);

  return action_names[action];
}

char *
_mc_clean_action_list (void)
{
  return g_strjoinv (", ", (char **) action_names);
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

gboolean
_mc_clean_action_from_string (const char    *name,
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

