/* mc-sessions.c: sessions that may end in a purchase, as web analytics keep them
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A web-analytics export has no purchase rows: each row is a session
 * with its page counts, durations, bounce and exit rates, and a yes/no
 * column saying it bought (UCI's Online Shoppers: Revenue). Its figures
 * are the sessions' conversion — overall, by month, by visitor type and
 * by traffic source — and their engagement.
 */
#define G_LOG_DOMAIN "mc-sessions"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mc-model.h"
#include "mc-query.h"
#include "mc-roles.h"
#include "mc-sessions.h"

typedef struct
{
  McTable   *table;
  McColumn  *converted;
  GPtrArray *pages;       /* McColumn *: page counts, added up */
  GPtrArray *durations;   /* McColumn *: seconds, added up */
  gboolean   in_minutes;
  McColumn  *bounce;
  McColumn  *visitor;
} Columns;

static gboolean
named (McColumn           *column,
       const char * const *words)
{
  g_autofree char *n = mc_roles_normalise_name (column->name);

  return mc_roles_has_any_word (n, words);
}

static McColumn *
first_named (McTable            *table,
             const char * const *words,
             gboolean            numeric)
{
  for (guint c = 0; c < mc_table_get_n_columns (table); c++)
    {
      McColumn *column = mc_table_get_column (table, c);

      if (named (column, words) && mc_column_is_numeric (column) == numeric)
        return column;
    }
  return NULL;
}

/* Page counts are the columns named for pages, or those a duration is
 * given for ("ProductRelated" beside "ProductRelated_Duration"). */
static void
find_engagement (Columns *cols)
{
  McTable *table = cols->table;

  for (guint c = 0; c < mc_table_get_n_columns (table); c++)
    {
      McColumn *column = mc_table_get_column (table, c);
      g_autofree char *n = mc_roles_normalise_name (column->name);
      g_autofree char *duration = g_strconcat (column->name, "_Duration", NULL);

      if (!mc_column_is_numeric (column))
        continue;
      if (g_str_has_suffix (n, "duration"))
        {
          g_ptr_array_add (cols->durations, column);
          cols->in_minutes |= mc_roles_has_any_word (n, MC_WORDS ("minutes", "min", "mins"));
        }
      else if (mc_roles_has_any_word (n, MC_WORDS ("pages", "page_views", "pageviews", "views"))
               || mc_table_lookup_column (table, duration) != NULL)
        g_ptr_array_add (cols->pages, column);
    }
  cols->bounce = first_named (table, MC_WORDS ("bounce", "bounces", "bounce_rate", "bounce_rates"), TRUE);
  cols->visitor = first_named (table, MC_WORDS ("visitor_type", "visitor", "new_returning", "user_type"), FALSE);
}

static double
sum_of (GPtrArray *columns,
        gsize      row,
        gboolean  *present)
{
  double total = 0;

  *present = FALSE;
  for (guint i = 0; i < columns->len; i++)
    {
      double value;

      if (mc_column_get_double (g_ptr_array_index (columns, i), row, &value))
        {
          total += value;
          *present = TRUE;
        }
    }
  return total;
}

static gboolean
is_returning (McColumn *visitor,
              gsize     row)
{
  const char *text = mc_column_get_string (visitor, row);
  g_autofree char *lower = text != NULL ? g_ascii_strdown (text, -1) : NULL;

  return lower != NULL && (strstr (lower, "return") != NULL || strstr (lower, "repeat") != NULL);
}

/* The figures of the N sessions at ROWS. */
static void
figures_of (const Columns    *cols,
            const gsize      *rows,
            gsize             n,
            McSessionFigures *f)
{
  double pages = 0, seconds = 0, bounce = 0;
  gsize with_pages = 0, with_time = 0, with_bounce = 0, returning = 0, with_visitor = 0;

  memset (f, 0, sizeof *f);
  for (gsize i = 0; i < n; i++)
    {
      gsize r = rows[i];
      gboolean present;
      double value;

      f->sessions++;
      f->converted += !mc_column_is_missing (cols->converted, r) && cols->converted->v.bools[r];
      value = sum_of (cols->pages, r, &present);
      pages += present ? value : 0, with_pages += present;
      value = sum_of (cols->durations, r, &present);
      seconds += present ? value : 0, with_time += present;
      if (cols->bounce != NULL && mc_column_get_double (cols->bounce, r, &value))
        bounce += value, with_bounce++;
      if (cols->visitor != NULL && !mc_column_is_missing (cols->visitor, r))
        returning += is_returning (cols->visitor, r), with_visitor++;
    }
  f->conversion_rate = f->sessions > 0 ? (double) f->converted / f->sessions : 0;
  f->has_pages = with_pages > 0;
  f->mean_pages = with_pages > 0 ? pages / with_pages : 0;
  f->has_minutes = with_time > 0;
  f->mean_minutes = with_time > 0 ? seconds / with_time / (cols->in_minutes ? 1 : 60) : 0;
  f->has_bounce = with_bounce > 0;
  f->bounce_rate = with_bounce > 0 ? bounce / with_bounce : 0;
  f->has_returning = with_visitor > 0;
  f->returning_share = with_visitor > 0 ? (double) returning / with_visitor : 0;
}

/* Jan … Dec as written ("June" too): the month's number, or 0. */
static int
month_number (const char *label)
{
  static const char *months[] = { "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec" };

  for (int m = 0; label != NULL && m < 12; m++)
    if (g_ascii_strncasecmp (label, months[m], 3) == 0)
      return m + 1;
  return 0;
}

static int
compare_months (gconstpointer a,
                gconstpointer b)
{
  const McSessionGroup *x = a, *y = b;
  int mx = month_number (x->key), my = month_number (y->key);

  return mx != my ? mx - my : strcmp (x->key, y->key);
}

static void
group_clear (gpointer data)
{
  g_free (((McSessionGroup *) data)->key);
}

/* The sessions split by the values of COLUMN. */
static GArray *
by_group (const Columns *cols,
          McColumn      *column,
          gboolean       months)
{
  gsize n = mc_table_get_n_rows (cols->table);
  McKeyCodes key;
  g_autofree gsize *rows = g_new (gsize, MAX (n, 1));
  g_autofree gsize *offsets = NULL;
  g_autofree gsize *fill = NULL;
  GArray *groups = g_array_new (FALSE, TRUE, sizeof (McSessionGroup));

  g_array_set_clear_func (groups, group_clear);
  mc_key_codes_init (&key, (McColumnRef) { column, NULL }, MC_BUCKET_NONE, n);
  /* The rows of each value one after the other, in one counting pass. */
  offsets = g_new0 (gsize, key.labels->len + 1);
  for (gsize r = 0; r < n; r++)
    if (key.codes[r] != MC_NO_CODE)
      offsets[key.codes[r] + 1]++;
  for (guint g = 0; g < key.labels->len; g++)
    offsets[g + 1] += offsets[g];
  fill = g_memdup2 (offsets, (key.labels->len + 1) * sizeof (gsize));
  for (gsize r = 0; r < n; r++)
    if (key.codes[r] != MC_NO_CODE)
      rows[fill[key.codes[r]]++] = r;
  for (guint g = 0; g < key.labels->len; g++)
    {
      McSessionGroup group = { g_strdup (g_ptr_array_index (key.labels, g)) };

      figures_of (cols, rows + offsets[g], offsets[g + 1] - offsets[g], &group.figures);
      g_array_append_val (groups, group);
    }
  mc_key_codes_clear (&key);
  if (months)
    g_array_sort (groups, compare_months);
  return groups;
}

static char *
joined_names (GPtrArray *columns)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < columns->len; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? " + " : "", ((McColumn *) g_ptr_array_index (columns, i))->name);
  return columns->len > 0 ? g_string_free (names, FALSE) : (g_string_free (names, TRUE), NULL);
}

McSessions *
mc_sessions_compute (McDataset  *dataset,
                     GError    **error)
{
  McModel *model = mc_model_for_dataset (dataset);
  const char *table_name = model != NULL ? mc_model_get_value (model, MC_MODEL_VISITS) : NULL;
  const char *flag = model != NULL ? mc_model_get_value (model, MC_MODEL_CONVERTED) : NULL;
  g_autoptr(GPtrArray) pages = g_ptr_array_new ();
  g_autoptr(GPtrArray) durations = g_ptr_array_new ();
  Columns cols = { NULL, NULL, pages, durations };
  McColumn *month, *traffic;
  g_autofree gsize *all = NULL;
  McSessions *sessions;
  gsize n;

  g_return_val_if_fail (MC_IS_DATASET (dataset), NULL);

  cols.table = table_name != NULL ? mc_dataset_lookup_table (dataset, table_name) : NULL;
  if (cols.table != NULL && flag != NULL && g_str_has_prefix (flag, table_name) && flag[strlen (table_name)] == '.')
    cols.converted = mc_table_lookup_column (cols.table, flag + strlen (table_name) + 1);
  if (cols.converted == NULL || cols.converted->type != MC_COLUMN_TYPE_BOOLEAN)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("no table of sessions with a yes/no column saying they bought"));
      return NULL;
    }
  find_engagement (&cols);
  n = mc_table_get_n_rows (cols.table);
  all = g_new (gsize, MAX (n, 1));
  for (gsize r = 0; r < n; r++)
    all[r] = r;
  sessions = g_new0 (McSessions, 1);
  figures_of (&cols, all, n, &sessions->overall);
  month = first_named (cols.table, MC_WORDS ("month"), FALSE);
  traffic = first_named (cols.table, MC_WORDS ("traffic", "traffic_type", "traffic_source", "source", "medium",
                                               "referrer", "channel"), FALSE);
  if (traffic == NULL)
    traffic = first_named (cols.table, MC_WORDS ("traffic", "traffic_type", "traffic_source"), TRUE);
  sessions->by_month = month != NULL ? by_group (&cols, month, TRUE) : NULL;
  sessions->by_visitor_type = cols.visitor != NULL ? by_group (&cols, cols.visitor, FALSE) : NULL;
  sessions->by_traffic_source = traffic != NULL ? by_group (&cols, traffic, FALSE) : NULL;
  sessions->converted_column = g_strdup (flag);
  sessions->month_column = month != NULL ? g_strdup (month->name) : NULL;
  sessions->visitor_column = cols.visitor != NULL ? g_strdup (cols.visitor->name) : NULL;
  sessions->traffic_column = traffic != NULL ? g_strdup (traffic->name) : NULL;
  sessions->pages_columns = joined_names (pages);
  sessions->duration_columns = joined_names (durations);
  return sessions;
}

void
mc_sessions_free (McSessions *sessions)
{
  if (sessions == NULL)
    return;
  g_clear_pointer (&sessions->by_month, g_array_unref);
  g_clear_pointer (&sessions->by_visitor_type, g_array_unref);
  g_clear_pointer (&sessions->by_traffic_source, g_array_unref);
  g_free (sessions->converted_column);
  g_free (sessions->month_column);
  g_free (sessions->visitor_column);
  g_free (sessions->traffic_column);
  g_free (sessions->pages_columns);
  g_free (sessions->duration_columns);
  g_free (sessions);
}
