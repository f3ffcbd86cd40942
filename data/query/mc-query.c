/* mc-query.c: what every query reads: a column of the table or of a related one
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Selections (mc-selection.c), key codes (mc-key-codes.c), time buckets
 * (mc-time-bucket.c) and group-by (mc-group-by.c) share the reader of a
 * column reached through a join, and the error domain.
 */
#define G_LOG_DOMAIN "mc-query"

#include "config.h"

#include "mc-query-private.h"

G_DEFINE_QUARK (mc-query-error-quark, mc_query_error)

void
_mc_reader_init (Reader      *reader,
                 McColumnRef  ref,
                 gsize        n_rows)
{
  reader->column = ref.join != NULL ? ref.join->related : ref.column;
  reader->rows = NULL;
  if (ref.join == NULL)
    return;
  reader->rows = g_new (gssize, MAX (n_rows, 1));
  for (gsize r = 0; r < n_rows; r++)
    reader->rows[r] = mc_join_row (ref.join, r);
}

void
_mc_reader_clear (Reader *reader)
{
  g_clear_pointer (&reader->rows, g_free);
}

gboolean
mc_column_ref_for_role (McColumnRef *ref,
                        McJoin      *join,
                        McDataset   *dataset,
                        McTable     *table,
                        McRole       role)
{
  McColumn *column = mc_table_find_role (table, role);

  *ref = (McColumnRef) { column, NULL };
  if (column != NULL)
    return TRUE;
  if (!mc_join_init (join, dataset, table, role))
    return FALSE;
  ref->join = join;
  return TRUE;
}
