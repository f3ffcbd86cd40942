/* mc-column-charts.c: how one column's values are spread, for the
 * Tables page
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-standard-charts"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mc-query.h"
#include "mc-standard-charts-private.h"

static McChart *
column_by_month (McColumn *column)
{
  McGroupKey key = { { column, NULL }, MC_BUCKET_MONTH };
  McAggregate count = { MC_AGGREGATE_COUNT, { NULL } };
  g_autoptr(McGroupResult) groups = mc_group_by (column->n_rows, NULL, &key, 1, &count, 1, NULL);
  g_autofree double *x = g_new (double, MAX (groups->n_groups, 1));
  g_autofree double *y = g_new (double, MAX (groups->n_groups, 1));
  McChart *chart = mc_chart_new_titled (MC_CHART_LINE, column->name, _("Rows by month"));

  for (gsize g = 0; g < groups->n_groups; g++)
    {
      x[g] = _mc_chart_month_start (mc_group_result_label (groups, g, 0));
      y[g] = groups->rows[g];
    }
  mc_chart_add_series (chart, _("rows"), x, y, groups->n_groups);
  mc_chart_set_formats (chart, MC_VALUE_DAY, MC_VALUE_COUNT);
  return chart;
}

static int
compare_counts (gconstpointer a,
                gconstpointer b,
                gpointer      data)
{
  const double *counts = data;
  guint x = *(const guint *) a, y = *(const guint *) b;

  return (counts[x] < counts[y]) - (counts[x] > counts[y]);
}

static McChart *
column_top_values (McColumn *column)
{
  McGroupKey key = { { column, NULL }, MC_BUCKET_NONE };
  McAggregate count = { MC_AGGREGATE_COUNT, { NULL } };
  g_autoptr(McGroupResult) groups = mc_group_by (column->n_rows, NULL, &key, 1, &count, 1, NULL);
  g_autofree guint *order = g_new (guint, MAX (groups->n_groups, 1));
  g_autofree double *counts = g_new (double, MAX (groups->n_groups, 1));
  g_autofree double *top = g_new (double, TOP);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autofree char *subtitle = NULL;
  McChart *chart;

  if (groups->n_groups == column->n_rows - column->n_missing && column->role != MC_ROLE_NONE)
    return NULL;
  for (gsize g = 0; g < groups->n_groups; g++)
    {
      order[g] = g;
      counts[g] = groups->rows[g];
    }
  g_qsort_with_data (order, groups->n_groups, sizeof (guint), compare_counts, counts);
  for (guint i = 0; i < MIN (groups->n_groups, TOP); i++)
    {
      g_ptr_array_add (labels, (char *) mc_group_result_label (groups, order[i], 0));
      top[i] = counts[order[i]];
    }
  subtitle = g_strdup_printf (g_dngettext (NULL, "The most frequent of %zu value",
                                           "The most frequent of %zu values", groups->n_groups),
                              groups->n_groups);
  chart = mc_chart_new_titled (MC_CHART_BAR, column->name, subtitle);
  mc_chart_set_categories (chart, (const char * const *) labels->pdata, labels->len);
  mc_chart_add_series (chart, _("rows"), NULL, top, labels->len);
  mc_chart_set_horizontal (chart, TRUE);
  mc_chart_set_formats (chart, MC_VALUE_COUNT, MC_VALUE_COUNT);
  return chart;
}

McChart *
mc_chart_for_column (McColumn *column)
{
  g_return_val_if_fail (column != NULL, NULL);

  if (column->n_missing == column->n_rows)
    return NULL;
  if (mc_column_is_temporal (column))
    return column_by_month (column);
  if (mc_column_is_numeric (column) && column->role != MC_ROLE_ID && column->role != MC_ROLE_CUSTOMER_ID
      && column->role != MC_ROLE_PRODUCT_ID && column->role != MC_ROLE_ORDER_ID)
    return _mc_chart_histogram_of (column, column->name, _("How many rows have each value"), MC_VALUE_NUMBER, _("rows"));
  return column_top_values (column);
}
