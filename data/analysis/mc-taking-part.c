/* mc-taking-part.c: the rows of every table that take part in a selection of purchases
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Tables page under a filter lists, in each table, the rows taking
 * part in the purchases the filter keeps. Each relation's link (for
 * each row of the referring table, the row it refers to) is worked out
 * once per dataset; a filter then only follows links over bitmaps.
 */
#define G_LOG_DOMAIN "mc-analysis"

#include "config.h"

#include "mc-key-set.h"
#include "mc-model.h"
#include "mc-taking-part.h"

/* For relation i, the row of its referenced table each row of its
 * referring table refers to (-1: none); kept with the dataset. */
typedef struct
{
  GPtrArray *links;     /* gssize * per relation */
} Links;

static GMutex links_mutex;

static void
links_free (Links *links)
{
  g_ptr_array_unref (links->links);
  g_free (links);
}

static gssize *
link_new (const McRelation *relation)
{
  McColumn *from = mc_table_get_column (relation->from_table, relation->from_column);
  gsize n = mc_table_get_n_rows (relation->from_table);
  g_autoptr(McKeySet) keys = mc_key_set_new (mc_table_get_column (relation->to_table, relation->to_column));
  gssize *link = g_new (gssize, MAX (n, 1));

  for (gsize r = 0; r < n; r++)
    link[r] = mc_key_set_lookup (keys, from, r);
  return link;
}

static const Links *
get_links (McDataset *dataset)
{
  Links *links;

  g_mutex_lock (&links_mutex);
  links = g_object_get_data (G_OBJECT (dataset), "mc-taking-part-links");
  if (links == NULL)
    {
      links = g_new0 (Links, 1);
      links->links = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < mc_dataset_get_n_relations (dataset); i++)
        g_ptr_array_add (links->links, link_new (mc_dataset_get_relation (dataset, i)));
      g_object_set_data_full (G_OBJECT (dataset), "mc-taking-part-links", links, (GDestroyNotify) links_free);
    }
  g_mutex_unlock (&links_mutex);
  return links;
}

static guint
table_index (McDataset *dataset,
             McTable   *table)
{
  for (guint t = 0; t < mc_dataset_get_n_tables (dataset); t++)
    if (mc_dataset_get_table (dataset, t) == table)
      return t;
  g_return_val_if_reached (0);
}

/* Marks the rows of the relation's unreached side that take part in the
 * reached side's KEPT rows: those the kept rows refer to, or those that
 * refer to a kept row. */
static guint8 *
follow (const McRelation *relation,
        const gssize     *link,
        const guint8     *kept,
        gboolean          from_reached)
{
  gsize n_from = mc_table_get_n_rows (relation->from_table);
  guint8 *marked;

  if (from_reached)
    {
      marked = g_new0 (guint8, MAX (mc_table_get_n_rows (relation->to_table), 1));
      for (gsize r = 0; r < n_from; r++)
        if (kept[r] && link[r] >= 0)
          marked[link[r]] = 1;
    }
  else
    {
      marked = g_new0 (guint8, MAX (n_from, 1));
      for (gsize r = 0; r < n_from; r++)
        marked[r] = link[r] >= 0 && kept[link[r]];
    }
  return marked;
}

static McTable *
table_of_marked (McTable      *table,
                 const guint8 *marked)
{
  gsize n = mc_table_get_n_rows (table), kept = 0;
  g_autofree gsize *rows = g_new (gsize, MAX (n, 1));

  for (gsize r = 0; r < n; r++)
    if (marked[r])
      rows[kept++] = r;
  return mc_table_select_rows (table, rows, kept);
}

/* Along the relations from the tables MARKED (the others NULL), as
 * mc_dataset_new_taking_part() goes: in rounds, each table reached from
 * one reached in an earlier round, once. */
static void
spread (McDataset  *dataset,
        guint8    **marked)
{
  guint n = mc_dataset_get_n_tables (dataset);
  const Links *links = get_links (dataset);
  gboolean grew = TRUE;

  while (grew)
    {
      g_autofree gboolean *reached = g_new0 (gboolean, MAX (n, 1));
      g_autofree gboolean *now = NULL;

      for (guint t = 0; t < n; t++)
        reached[t] = marked[t] != NULL;
      now = g_memdup2 (reached, sizeof (gboolean) * MAX (n, 1));
      grew = FALSE;
      for (guint i = 0; i < mc_dataset_get_n_relations (dataset); i++)
        {
          const McRelation *relation = mc_dataset_get_relation (dataset, i);
          guint from = table_index (dataset, relation->from_table);
          guint to = table_index (dataset, relation->to_table);
          guint target = reached[from] ? to : from;

          if (from == to || reached[from] == reached[to] || now[target])
            continue;
          marked[target] = follow (relation, g_ptr_array_index (links->links, i),
                                   marked[reached[from] ? from : to], reached[from]);
          now[target] = TRUE;
          grew = TRUE;
        }
    }
}

McDataset *
mc_taking_part_new (McDataset   *dataset,
                    const gsize *rows,
                    gsize        n_rows)
{
  McTable *purchases, *source;
  guint n, at;
  g_autofree guint8 **marked = NULL;
  g_autofree McTable **tables = NULL;

  g_return_val_if_fail (MC_IS_DATASET (dataset), NULL);

  if ((purchases = mc_model_find_purchases (dataset)) == NULL
      || (source = mc_dataset_lookup_table (dataset, mc_table_get_name (purchases))) == NULL)
    return NULL;
  n = mc_dataset_get_n_tables (dataset);
  marked = g_new0 (guint8 *, MAX (n, 1));
  tables = g_new0 (McTable *, MAX (n, 1));
  if (n_rows < mc_table_get_n_rows (source))
    {
      at = table_index (dataset, source);
      marked[at] = g_new0 (guint8, MAX (mc_table_get_n_rows (source), 1));
      for (gsize i = 0; i < n_rows; i++)
        marked[at][rows[i]] = 1;
      spread (dataset, marked);
    }
  for (guint t = 0; t < n; t++)
    if (marked[t] != NULL)
      {
        tables[t] = table_of_marked (mc_dataset_get_table (dataset, t), marked[t]);
        g_free (marked[t]);
      }
  return mc_dataset_new_replacing (dataset, tables);
}
