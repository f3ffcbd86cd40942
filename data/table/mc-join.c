/* mc-join.c: read a related table's column through a foreign key
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-join"

#include "config.h"

#include "mc-join.h"

/* Sets JOIN up to read, for rows of TABLE, the column with ROLE of a
 * table TABLE refers to; FALSE when no relation leads to one. */
gboolean
mc_join_init (McJoin    *join,
              McDataset *dataset,
              McTable   *table,
              McRole     role)
{
  g_return_val_if_fail (MC_IS_DATASET (dataset), FALSE);

  *join = (McJoin) { NULL };
  for (guint i = 0; mc_dataset_get_relation_from (dataset, table, i) != NULL; i++)
    {
      const McRelation *r = mc_dataset_get_relation_from (dataset, table, i);
      McColumn *related;

      if ((related = mc_table_find_role (r->to_table, role)) == NULL)
        continue;
      join->related = related;
      join->from = mc_table_get_column (table, r->from_column);
      join->to = mc_table_get_column (r->to_table, r->to_column);
      join->keys = mc_key_set_new (join->to);
      join->label = g_strdup_printf ("%s.%s", mc_table_get_name (r->to_table), related->name);
      return TRUE;
    }
  return FALSE;
}

/* The row of the related table that ROW refers to, or -1. */
gssize
mc_join_row (McJoin *join,
             gsize   row)
{
  g_return_val_if_fail (join->keys != NULL, -1);

  return mc_key_set_lookup (join->keys, join->from, row);
}

gboolean
mc_join_value (McJoin *join,
               gsize   row,
               double *value)
{
  gssize other = mc_join_row (join, row);

  return other >= 0 && mc_column_get_double (join->related, other, value);
}

void
mc_join_clear (McJoin *join)
{
  g_clear_pointer (&join->keys, mc_key_set_free);
  g_clear_pointer (&join->label, g_free);
}
