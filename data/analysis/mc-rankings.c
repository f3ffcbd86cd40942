/* mc-rankings.c: top products, categories, brands and locations, and
 * the distribution of purchase amounts over price bands
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-rankings"

#include "config.h"

#include <math.h>

#include "mc-model.h"
#include "mc-rankings.h"

static void
ranked_clear (gpointer data)
{
  g_free (((McRanked *) data)->label);
}

static int
compare_revenue (gconstpointer a,
                 gconstpointer b)
{
  const McRanked *x = a, *y = b;

  if (x->revenue != y->revenue)
    return x->revenue > y->revenue ? -1 : 1;
  return g_strcmp0 (x->label, y->label);
}

GArray *
mc_rank_by_role (McDataset  *dataset,
                 McRole      role,
                 guint       limit,
                 char      **column_name)
{
  return mc_rank_by_role_in (dataset, mc_model_find_purchases (dataset), role, limit, column_name);
}

GArray *
mc_rank_by_role_in (McDataset  *dataset,
                    McTable    *purchases,
                    McRole      role,
                    guint       limit,
                    char      **column_name)
{
  McColumnRef ref;
  McJoin join;
  McGroupKey key;
  McAggregate aggregates[2];
  g_autoptr(McGroupResult) groups = NULL;
  GArray *ranked;
  double total = 0;

  if (purchases == NULL || !mc_column_ref_for_role (&ref, &join, dataset, purchases, role))
    return NULL;
  key = (McGroupKey) { ref, MC_BUCKET_NONE };
  aggregates[0] = (McAggregate) { MC_AGGREGATE_SUM, { mc_table_find_role (purchases, MC_ROLE_AMOUNT), NULL } };
  aggregates[1] = (McAggregate) { MC_AGGREGATE_COUNT, aggregates[0].ref };
  groups = mc_group_by (mc_table_get_n_rows (purchases), NULL, &key, 1, aggregates, 2, NULL);
  if (column_name != NULL)
    *column_name = g_strdup (ref.join != NULL ? join.related->name : ref.column->name);
  if (ref.join != NULL)
    mc_join_clear (&join);

  ranked = g_array_sized_new (FALSE, TRUE, sizeof (McRanked), groups->n_groups);
  g_array_set_clear_func (ranked, ranked_clear);
  for (gsize g = 0; g < groups->n_groups; g++)
    {
      McRanked item = { NULL, mc_group_result_value (groups, g, 1), mc_group_result_value (groups, g, 0) };

      /* Rows without an amount (failed orders) are no purchases. */
      if (item.purchases == 0)
        continue;
      item.label = g_strdup (mc_group_result_label (groups, g, 0));
      total += item.revenue;
      g_array_append_val (ranked, item);
    }
  g_array_sort (ranked, compare_revenue);
  if (ranked->len > limit)
    g_array_set_size (ranked, limit);
  for (guint i = 0; i < ranked->len; i++)
    g_array_index (ranked, McRanked, i).share = total > 0 ? g_array_index (ranked, McRanked, i).revenue / total : 0;
  return ranked;
}

/* The round width that cuts RANGE into about eight bands. */
static double
round_width (double range)
{
  static const double steps[] = { 1, 2, 2.5, 5, 10 };
  double magnitude, rough = range / 8;

  if (!(rough > 0))
    return 1;
  magnitude = pow (10, floor (log10 (rough)));
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] * magnitude >= rough)
      return steps[i] * magnitude;
  return 10 * magnitude;
}

GArray *
mc_price_bands (McDataset *dataset,
                double    *width)
{
  return mc_price_bands_in (mc_model_find_purchases (dataset), width);
}

GArray *
mc_price_bands_in (McTable *purchases,
                   double  *width)
{
  McColumn *amount = purchases != NULL ? mc_table_find_role (purchases, MC_ROLE_AMOUNT) : NULL;
  g_autofree double *sorted = NULL;
  GArray *bands;
  double low, high;
  gsize n;

  if (amount == NULL || (sorted = mc_column_sorted_values (amount, &n)) == NULL || n == 0)
    return NULL;
  /* The reader keeps infinities out of columns; a band edge from one
   * would make a band that no value fits, so none are made. */
  if (!isfinite (sorted[0]) || !isfinite (sorted[n - 1]))
    return NULL;
  *width = round_width (mc_quantile (sorted, n, 0.99) - mc_quantile (sorted, n, 0.01));
  low = floor (mc_quantile (sorted, n, 0.01) / *width) * *width;
  high = (floor (mc_quantile (sorted, n, 0.99) / *width) + 1) * *width;

  bands = g_array_new (FALSE, TRUE, sizeof (McPriceBand));
  if (sorted[0] < low)
    g_array_append_val (bands, ((McPriceBand) { -INFINITY, low }));
  for (int i = 0; low + i * *width < high - *width / 2; i++)
    g_array_append_val (bands, ((McPriceBand) { low + i * *width, low + (i + 1) * *width }));
  if (sorted[n - 1] >= high)
    g_array_append_val (bands, ((McPriceBand) { high, INFINITY }));
  /* The values are sorted: walk the bands along them. */
  for (gsize i = 0, b = 0; i < n; i++)
    {
      McPriceBand *band;

      while (sorted[i] >= g_array_index (bands, McPriceBand, b).to)
        b++;
      band = &g_array_index (bands, McPriceBand, b);
      band->purchases++;
      band->revenue += sorted[i];
    }
  return bands;
}
