/* mc-chart-filter.c: cross-filtering: what a click on a mark of a
 * standard chart stands for, and the purchases that meet it
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

static void
add_condition (GPtrArray    *conditions,
               McRole        role,
               McTimeBucket  bucket,
               const char   *value)
{
  if (value != NULL)
    g_ptr_array_add (conditions, mc_purchases_condition_new (role, bucket, value));
}

static GPtrArray *
new_conditions (void)
{
  return g_ptr_array_new_with_free_func (mc_purchases_condition_free);
}

/* A point of a trend: its month, and its platform (or segment) when the
 * lines are platforms (or segments). */
static GPtrArray *
split_trend_conditions (McChart *chart,
                        int      series,
                        int      index,
                        McRole   split)
{
  GPtrArray *conditions = new_conditions ();
  double day = mc_chart_get_point_x (chart, series, index);
  g_autofree char *month = NULL;

  if (isfinite (day))
    {
      month = mc_time_bucket_label (MC_BUCKET_MONTH, mc_time_bucket_of_day (MC_BUCKET_MONTH, (gint32) day));
      add_condition (conditions, MC_ROLE_EVENT_TIME, MC_BUCKET_MONTH, month);
    }
  if (mc_chart_get_n_series (chart) > 1)
    add_condition (conditions, split, MC_BUCKET_NONE, mc_chart_get_series_name (chart, series));
  return conditions;
}

static GPtrArray *
trend_conditions (McChartData *data,
                  McChart     *chart,
                  int          series,
                  int          index,
                  int          row)
{
  return split_trend_conditions (chart, series, index, MC_ROLE_CHANNEL);
}

static GPtrArray *
segments_trend_conditions (McChartData *data,
                           McChart     *chart,
                           int          series,
                           int          index,
                           int          row)
{
  return split_trend_conditions (chart, series, index, MC_ROLE_SEGMENT);
}

static GPtrArray *
platform_conditions (McChartData *data,
                     McChart     *chart,
                     int          series,
                     int          index,
                     int          row)
{
  GPtrArray *conditions = new_conditions ();

  add_condition (conditions, MC_ROLE_CHANNEL, MC_BUCKET_NONE, mc_chart_get_category (chart, index));
  if (mc_chart_get_kind (chart) == MC_CHART_BAR)
    add_condition (conditions, MC_ROLE_CATEGORY, MC_BUCKET_NONE, mc_chart_get_series_name (chart, series));
  return conditions;
}

static GPtrArray *
weekday_conditions (McChartData *data,
                    McChart     *chart,
                    int          series,
                    int          index,
                    int          row)
{
  GPtrArray *conditions = new_conditions ();

  /* The weekday by its number: the chart shows it in the user's language,
   * the data labels it in English. */
  g_autofree char *weekday = mc_time_bucket_label (MC_BUCKET_WEEKDAY,
                                                   mc_chart_get_kind (chart) == MC_CHART_HEATMAP ? row : index);

  add_condition (conditions, MC_ROLE_EVENT_TIME, MC_BUCKET_WEEKDAY, weekday);
  if (mc_chart_get_kind (chart) == MC_CHART_HEATMAP)
    add_condition (conditions, MC_ROLE_EVENT_TIME, MC_BUCKET_HOUR, mc_chart_get_category (chart, index));
  return conditions;
}

/* A bar of a top list: the role the list was made of. */
static GPtrArray *
ranking_conditions (McChartData *data,
                    McChart     *chart,
                    int          index,
                    McRole       role,
                    McRole       fallback)
{
  GPtrArray *conditions = new_conditions ();

  add_condition (conditions, _mc_chart_data_has_role (data, role) ? role : fallback, MC_BUCKET_NONE, mc_chart_get_category (chart, index));
  return conditions;
}

#define RANKING_CONDITIONS(what, role, fallback)                                          \
  static GPtrArray *what##_conditions (McChartData *data, McChart *chart, int series,     \
                                       int index, int row)                                \
  { return ranking_conditions (data, chart, index, role, fallback); }

RANKING_CONDITIONS (products, MC_ROLE_PRODUCT_NAME, MC_ROLE_PRODUCT_ID)
RANKING_CONDITIONS (categories, MC_ROLE_CATEGORY, MC_ROLE_NONE)
RANKING_CONDITIONS (brands, MC_ROLE_BRAND, MC_ROLE_NONE)
RANKING_CONDITIONS (locations, MC_ROLE_COUNTRY, MC_ROLE_CITY)
RANKING_CONDITIONS (segments, MC_ROLE_SEGMENT, MC_ROLE_NONE)


typedef GPtrArray *(*ConditionsFunc) (McChartData *data, McChart *chart, int series, int index, int row);

/* The charts whose marks are filters, and what each mark stands for. */
static const struct
{
  const char     *name;
  ConditionsFunc  conditions;
} filters[] = {
  { "sales-trend", trend_conditions },
  { "segments", segments_conditions },
  { "segments-trend", segments_trend_conditions },
  { "orders-trend", trend_conditions },
  { "type-by-platform", platform_conditions },
  { "reviews-by-platform", platform_conditions },
  { "weekday-hour", weekday_conditions },
  { "top-products", products_conditions },
  { "top-categories", categories_conditions },
  { "top-brands", brands_conditions },
  { "locations", locations_conditions },
};

GPtrArray *
mc_chart_data_conditions (McChartData *data,
                          const char  *name,
                          McChart     *chart,
                          int          series,
                          int          index,
                          int          row)
{
  GPtrArray *conditions = NULL;

  if (!_mc_chart_data_has_chart (data, name))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (filters) && conditions == NULL; i++)
    if (g_str_equal (filters[i].name, name))
      conditions = filters[i].conditions (data, chart, series, index, row);
  if (conditions != NULL && conditions->len == 0)
    g_clear_pointer (&conditions, g_ptr_array_unref);
  return conditions;
}

char *
mc_chart_conditions_describe (GPtrArray *conditions)
{
  g_autoptr(GStrvBuilder) parts = g_strv_builder_new ();
  g_auto(GStrv) values = NULL;

  for (guint i = 0; i < conditions->len; i++)
    g_strv_builder_add (parts, ((McChartCondition *) g_ptr_array_index (conditions, i))->value);
  values = g_strv_builder_end (parts);
  return g_strjoinv (" · ", values);
}

/* Clears the rows of KEEP whose value under CONDITION differs. */
static gboolean
apply_condition (McChartData            *data,
                 const McChartCondition *condition,
                 gboolean               *keep,
                 GError                **error)
{
  gsize n = mc_table_get_n_rows (data->purchases);
  McColumnRef ref;
  McJoin join;
  McKeyCodes codes;
  guint32 wanted = MC_NO_CODE;

  if (!mc_column_ref_for_role (&ref, &join, data->dataset, data->purchases, condition->role))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No column of the purchases has the role %s"),
                   mc_role_to_string (condition->role));
      return FALSE;
    }
  mc_key_codes_init (&codes, ref, condition->bucket, n);
  for (guint i = 0; i < codes.labels->len; i++)
    if (g_str_equal (g_ptr_array_index (codes.labels, i), condition->value))
      wanted = i;
  for (gsize r = 0; r < n; r++)
    keep[r] = keep[r] && codes.codes[r] == wanted && wanted != MC_NO_CODE;
  mc_key_codes_clear (&codes);
  if (ref.join != NULL)
    mc_join_clear (&join);
  return TRUE;
}

gsize *
mc_chart_data_select (McChartData  *data,
                      GPtrArray    *conditions,
                      gsize        *n_rows,
                      GError      **error)
{
  gsize n = data->purchases != NULL ? mc_table_get_n_rows (data->purchases) : 0, kept = 0;
  g_autofree gboolean *keep = g_new (gboolean, MAX (n, 1));
  g_autofree gsize *rows = g_new (gsize, MAX (n, 1));

  if (data->purchases == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("The dataset has no purchases to filter"));
      return NULL;
    }
  for (gsize r = 0; r < n; r++)
    keep[r] = TRUE;
  for (guint i = 0; i < conditions->len; i++)
    if (!apply_condition (data, g_ptr_array_index (conditions, i), keep, error))
      return NULL;
  for (gsize r = 0; r < n; r++)
    if (keep[r])
      rows[kept++] = r;
  *n_rows = kept;
  return g_steal_pointer (&rows);
}

McDataset *
mc_chart_data_filter (McChartData  *data,
                      GPtrArray    *conditions,
                      GError      **error)
{
  gsize kept;
  g_autofree gsize *rows = mc_chart_data_select (data, conditions, &kept, error);
  McTable *source;

  if (rows == NULL)
    return NULL;
  /* Purchases made from line items, or without failed orders, have the
   * rows of the table they were made from, under its name. */
  source = mc_dataset_lookup_table (data->dataset, mc_table_get_name (data->purchases));
  return mc_dataset_new_with_rows (data->dataset, source, rows, kept);
}
