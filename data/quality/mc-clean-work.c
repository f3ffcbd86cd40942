/* mc-clean-work.c: the edits steps share on the working copies: rows kept, flag columns, numbers written
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-cleaning"

#include "config.h"

#include <math.h>

#include "mc-cleaning-private.h"

/* Keeps the rows whose KEEP is TRUE; returns how many went. */
gsize
_mc_clean_keep_rows (McCleanWork *work,
                     guint        index,
                     gboolean    *keep)
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

/* Adds a boolean column NAME_SUFFIX, true where MARK is. */
char *
_mc_clean_add_flag_column (McTable         *table,
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
void
_mc_clean_set_number (McColumn *column,
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
