/* mc-crosstab.c: two keys crossed, with a chi-square test of independence
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-crosstab"

#include "config.h"

#include <math.h>
#include <string.h>

#include "mc-crosstab.h"
#include "mc-stats.h"

static void
compute_independence (McCrosstab *self)
{
  gsize smaller = MIN (self->n_rows, self->n_columns);

  self->chi_square = 0;
  for (gsize i = 0; i < self->n_rows; i++)
    for (gsize j = 0; j < self->n_columns; j++)
      {
        double expected = self->row_totals[i] * self->column_totals[j] / self->total;
        double difference = mc_crosstab_count (self, i, j) - expected;

        self->chi_square += difference * difference / expected;
      }
  self->dof = (double) (self->n_rows - 1) * (self->n_columns - 1);
  self->p_value = mc_stats_chi_square_p (self->chi_square, self->dof);
  self->cramers_v = smaller > 1 ? sqrt (self->chi_square / (self->total * (smaller - 1))) : NAN;
}

/* The position of each key value among those the selection left rows
 * for (G_MAXSIZE for the others), and their labels. */
static gsize *
index_present (McGroupResult *groups,
               guint          key,
               GPtrArray    **labels)
{
  GPtrArray *all = groups->keys[key].labels;
  gsize *index = g_new (gsize, MAX (all->len, 1));

  for (guint v = 0; v < all->len; v++)
    index[v] = G_MAXSIZE;
  for (gsize g = 0; g < groups->n_groups; g++)
    index[groups->codes[g * 2 + key]] = 0;
  *labels = g_ptr_array_new_with_free_func (g_free);
  for (guint v = 0; v < all->len; v++)
    if (index[v] == 0)
      {
        index[v] = (*labels)->len;
        g_ptr_array_add (*labels, g_strdup (g_ptr_array_index (all, v)));
      }
  return index;
}

McCrosstab *
mc_crosstab_new (gsize               n_rows,
                 const McSelection  *selection,
                 const McGroupKey   *row_key,
                 const McGroupKey   *column_key,
                 const McColumnRef  *amount,
                 GError            **error)
{
  McGroupKey keys[2] = { *row_key, *column_key };
  McAggregate sum = { MC_AGGREGATE_SUM, amount != NULL ? *amount : (McColumnRef) { NULL } };
  g_autoptr(McGroupResult) groups = NULL;
  g_autofree gsize *row_of = NULL;
  g_autofree gsize *column_of = NULL;
  GPtrArray *row_labels, *column_labels;
  McCrosstab *self;

  groups = mc_group_by (n_rows, selection, keys, 2, &sum, amount != NULL, error);
  if (groups == NULL)
    return NULL;

  row_of = index_present (groups, 0, &row_labels);
  column_of = index_present (groups, 1, &column_labels);
  self = mc_crosstab_new_empty (row_labels, column_labels, amount != NULL);
  for (gsize g = 0; g < groups->n_groups; g++)
    {
      gsize i = row_of[groups->codes[g * 2]], j = column_of[groups->codes[g * 2 + 1]];

      self->counts[i * self->n_columns + j] = groups->rows[g];
      if (self->amounts != NULL)
        self->amounts[i * self->n_columns + j] = mc_group_result_value (groups, g, 0);
    }
  mc_crosstab_finish (self);
  return self;
}

McCrosstab *
mc_crosstab_new_empty (GPtrArray *row_labels,
                       GPtrArray *column_labels,
                       gboolean   with_amounts)
{
  McCrosstab *self;

  g_return_val_if_fail (row_labels != NULL && column_labels != NULL, NULL);

  self = g_new0 (McCrosstab, 1);
  self->row_labels = row_labels;
  self->column_labels = column_labels;
  self->n_rows = row_labels->len;
  self->n_columns = column_labels->len;
  self->counts = g_new0 (double, MAX (self->n_rows * self->n_columns, 1));
  self->amounts = with_amounts ? g_new0 (double, MAX (self->n_rows * self->n_columns, 1)) : NULL;
  self->row_totals = g_new0 (double, MAX (self->n_rows, 1));
  self->column_totals = g_new0 (double, MAX (self->n_columns, 1));
  return self;
}

/**
 * mc_crosstab_finish:
 *
 * The totals and the test of the counts, whoever counted them: the
 * column store (mc_crosstab_new()) or a database's server.
 */
void
mc_crosstab_finish (McCrosstab *self)
{
  g_return_if_fail (self != NULL);

  memset (self->row_totals, 0, MAX (self->n_rows, 1) * sizeof (double));
  memset (self->column_totals, 0, MAX (self->n_columns, 1) * sizeof (double));
  self->total = 0;
  for (gsize i = 0; i < self->n_rows; i++)
    for (gsize j = 0; j < self->n_columns; j++)
      {
        self->row_totals[i] += mc_crosstab_count (self, i, j);
        self->column_totals[j] += mc_crosstab_count (self, i, j);
        self->total += mc_crosstab_count (self, i, j);
      }
  self->p_value = self->cramers_v = self->chi_square = NAN;
  if (self->total > 0)
    compute_independence (self);
}

double
mc_crosstab_row_share (const McCrosstab *self,
                       gsize             row,
                       gsize             column)
{
  return self->row_totals[row] > 0 ? mc_crosstab_count (self, row, column) / self->row_totals[row] : 0;
}

double
mc_crosstab_column_share (const McCrosstab *self,
                          gsize             row,
                          gsize             column)
{
  return self->column_totals[column] > 0 ? mc_crosstab_count (self, row, column) / self->column_totals[column] : 0;
}

void
mc_crosstab_free (McCrosstab *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->row_labels, g_ptr_array_unref);
  g_clear_pointer (&self->column_labels, g_ptr_array_unref);
  g_free (self->counts);
  g_free (self->amounts);
  g_free (self->row_totals);
  g_free (self->column_totals);
  g_free (self);
}
