/* mc-standard-charts.c: the charts every dataset gets, chosen by roles
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each chart is built from the analyses of the data layer (metrics,
 * patterns, the platform cross-tab, RFM, the query engine) and exists
 * only when the dataset's roles allow it: a shop without platforms has
 * no "type by platform", one without visits no funnel.
 */
#define G_LOG_DOMAIN "mc-standard-charts"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <math.h>
#include <string.h>

#include "mc-metrics.h"
#include "mc-model.h"
#include "mc-patterns.h"
#include "mc-platforms.h"
#include "mc-query.h"
#include "mc-rankings.h"
#include "mc-rfm.h"
#include "mc-analysis.h"
#include "mc-standard-charts-private.h"
#include "mc-value-parse.h"



McChartData *
mc_chart_data_new (McDataset *dataset)
{
  return mc_chart_data_new_for (dataset, mc_analysis_for_dataset (dataset));
}

McChartData *
mc_chart_data_new_for (McDataset        *dataset,
                       const McAnalysis *analysis)
{
  McChartData *data = g_new0 (McChartData, 1);

  data->dataset = g_object_ref (dataset);
  /* Every purchase: the model's own table, with its relations. */
  data->purchases = analysis == mc_analysis_for_dataset (dataset) ? mc_model_find_purchases (dataset)
                                                                    : analysis->purchases;
  data->trend_bucket = analysis->trend_bucket;
  data->metrics = analysis->metrics;
  data->patterns = analysis->patterns;
  data->platforms = analysis->platforms;
  data->rfm = analysis->rfm != NULL ? g_array_ref (analysis->rfm) : NULL;
  data->reference_day = analysis->reference_day;
  data->rfm_before = analysis->rfm_before != NULL ? g_array_ref (analysis->rfm_before) : NULL;
  data->sessions = analysis->sessions;
  return data;
}

void
mc_chart_data_free (McChartData *data)
{
  if (data == NULL)
    return;
  g_clear_pointer (&data->rfm, g_array_unref);
  g_clear_pointer (&data->rfm_before, g_array_unref);
  g_clear_object (&data->dataset);
  g_free (data);
}

/* "fuel_type" → "fuel type" (CAPITAL: "Fuel type") */
static char *
humanise (const char *name,
          gboolean    capital)
{
  char *text = g_strdelimit (g_strdup (name), "_.", ' ');

  if (capital && g_ascii_islower (text[0]))
    text[0] = g_ascii_toupper (text[0]);
  return text;
}

/* What a purchase is called in this data: "sales", "order items". A
 * table named for its period, a file's date or the shop ("2019-Oct",
 * "Sample - Superstore") names no things counted, and its rows are
 * "purchases". */
static char *
purchases_noun (McChartData *data)
{
  const char *name = mc_table_get_name (data->purchases);
  gsize length = strlen (name);

  for (const char *c = name; *c != '\0'; c++)
    if (g_ascii_isdigit (*c))
      return g_strdup (_("purchases"));
  if (length == 0 || g_ascii_tolower (name[length - 1]) != 's')
    return g_strdup (_("purchases"));
  return humanise (name, FALSE);
}

/* Segments take their colour from their place in the segmentation,
 * which is the order of the segment column's values (the Segments page
 * writes them in that order): the Overview shows each segment in the
 * colour the Segments page gives it. */
static void
colour_segments (McChartData        *data,
                 McChart            *chart,
                 const char * const *labels,
                 guint               n)
{
  McColumnRef ref;
  McJoin join;
  McColumn *column;
  g_autofree guint *places = g_new0 (guint, MAX (n, 1));

  if (data->purchases == NULL || !mc_column_ref_for_role (&ref, &join, data->dataset, data->purchases, MC_ROLE_SEGMENT))
    return;
  column = ref.join != NULL ? join.related : ref.column;
  for (guint i = 0; i < n; i++)
    for (guint code = 0; column->dict != NULL && code < column->dict->len; code++)
      if (labels[i] != NULL && g_str_equal (g_ptr_array_index (column->dict, code), labels[i]))
        places[i] = code;
  mc_chart_set_segments (chart, places, n);
  if (ref.join != NULL)
    mc_join_clear (&join);
}

/* Months */

double
_mc_chart_month_start (const char *label)
{
  int year = 1970, month = 1;

  sscanf (label, "%d-%d", &year, &month);
  return mc_days_from_civil (year, month, 1);
}

/* The first month from which orders come every month (three in a row):
 * a few orders dated years before the rest (typing errors, usually;
 * Data Quality shows them) would flatten the trend into a corner.
 * LEFT_OUT counts the orders before it. */
static guint
trend_start (GArray *months,
             gsize  *left_out)
{
  guint start = 0;

  *left_out = 0;
  while (start + 3 <= months->len && (g_array_index (months, McMonth, start).orders == 0
                                      || g_array_index (months, McMonth, start + 1).orders == 0
                                      || g_array_index (months, McMonth, start + 2).orders == 0))
    *left_out += g_array_index (months, McMonth, start++).orders;
  if (start + 3 > months->len)
    {
      *left_out = 0;
      return 0;
    }
  return start;
}

static char *
trend_subtitle (McRole   split,
                gboolean split_found,
                gsize    left_out)
{
  const char *what = !split_found ? _("By month; dashed: three-month moving average")
                     : split == MC_ROLE_SEGMENT ? _("By month and customer segment; dashed: three-month moving average")
                     : _("By month and platform; dashed: three-month moving average");

  if (left_out == 0)
    return g_strdup (what);
  return g_strdup_printf (g_dngettext (NULL, "%s; %zu earlier order left out",
                                       "%s; %zu earlier orders left out", left_out),
                          what, left_out);
}

/* The first day of group G's time bucket (a day, "2023-05-14"). */
static double
bucket_start (McGroupResult *groups,
              gsize          g)
{
  int year = 1970, month = 1, day = 1;

  sscanf (mc_group_result_label (groups, g, 0), "%d-%d-%d", &year, &month, &day);
  return mc_days_from_civil (year, month, day);
}

/* Days from the first group's (FIRST) to the last's, both counted. */
static guint
trend_days (McGroupResult *groups,
            double        *first_day)
{
  double first = G_MAXDOUBLE, last = -G_MAXDOUBLE;

  for (gsize g = 0; g < groups->n_groups; g++)
    {
      first = MIN (first, bucket_start (groups, g));
      last = MAX (last, bucket_start (groups, g));
    }
  *first_day = first;
  return (guint) (last - first) + 1;
}

/* Revenue (or orders) by month, a line for each value of the column
 * with the role SPLIT (platform, segment) where there is one, every
 * month present from trend_start() on; by day, every day of the span,
 * when the analysis counts trends by day (a filter to one month). */
static McChart *
build_trend (McChartData *data,
             gboolean     revenue,
             McRole       split)
{
  GArray *all = data->patterns->months;
  McColumn *platform = mc_table_find_role (data->purchases, split);
  McGroupKey keys[] = {
    { { mc_table_find_role (data->purchases, MC_ROLE_EVENT_TIME), NULL }, data->trend_bucket },
    { { platform, NULL }, MC_BUCKET_NONE },
  };
  McAggregate aggregate = { revenue ? MC_AGGREGATE_SUM : MC_AGGREGATE_COUNT,
                            { mc_table_find_role (data->purchases, MC_ROLE_AMOUNT), NULL } };
  g_autoptr(McGroupResult) groups = mc_group_by (mc_table_get_n_rows (data->purchases), NULL, keys,
                                                 platform != NULL ? 2 : 1, &aggregate, 1, NULL);
  guint n_series = platform != NULL ? groups->keys[1].labels->len : 1;
  gboolean daily = data->trend_bucket == MC_BUCKET_DAY && groups->n_groups > 0;
  gsize left_out = 0;
  double first_day = 0;
  guint first = daily ? 0 : trend_start (all, &left_out);
  guint n = daily ? trend_days (groups, &first_day) : all->len - first;
  g_autofree double *x = g_new (double, MAX (n, 1));
  g_autofree double *y = g_new0 (double, MAX (n * n_series, 1));
  g_autofree char *subtitle = daily ? g_strdup (_("By day; dashed: seven-day moving average"))
                                    : trend_subtitle (split, platform != NULL, left_out);
  McChart *chart = mc_chart_new_titled (MC_CHART_LINE,
                              split == MC_ROLE_SEGMENT ? _("Sales trend by segment")
                              : revenue ? _("Sales trend") : daily ? _("Orders by day") : _("Orders by month"), subtitle);

  for (guint m = 0; m < n; m++)
    x[m] = daily ? first_day + m : _mc_chart_month_start (g_array_index (all, McMonth, first + m).month);
  for (gsize g = 0; g < groups->n_groups; g++)
    {
      double month = daily ? bucket_start (groups, g) : _mc_chart_month_start (mc_group_result_label (groups, g, 0));
      guint s = platform != NULL ? groups->codes[g * 2 + 1] : 0;

      for (guint m = 0; m < n; m++)
        if (x[m] == month)
          y[s * n + m] = mc_group_result_value (groups, g, 0);
    }
  for (guint s = 0; s < n_series; s++)
    mc_chart_add_series (chart, platform != NULL ? g_ptr_array_index (groups->keys[1].labels, s)
                                                 : (revenue ? _("Revenue") : _("Orders")),
                         x, y + s * n, n);
  mc_chart_set_formats (chart, MC_VALUE_DAY, revenue ? MC_VALUE_MONEY : MC_VALUE_COUNT);
  mc_chart_set_moving_average (chart, daily ? 7 : 3);
  mc_chart_set_point_period (chart, daily ? MC_DATE_STEP_DAY : MC_DATE_STEP_MONTH);
  if (split == MC_ROLE_SEGMENT && platform != NULL)
    colour_segments (data, chart, (const char * const *) groups->keys[1].labels->pdata, n_series);
  return chart;
}

static McChart *
build_sales_trend (McChartData *data)
{
  return build_trend (data, TRUE, MC_ROLE_CHANNEL);
}

static McChart *
build_orders_trend (McChartData *data)
{
  return build_trend (data, FALSE, MC_ROLE_CHANNEL);
}

static McChart *
build_segments_trend (McChartData *data)
{
  return build_trend (data, TRUE, MC_ROLE_SEGMENT);
}

static char *
find_sales_trend (McChartData *data)
{
  GArray *months = data->patterns->months;
  const McMonth *best = &g_array_index (months, McMonth, 0), *last = &g_array_index (months, McMonth, months->len - 1);
  g_autofree char *peak = NULL;
  g_autofree char *latest = NULL;

  for (guint m = 0; m < months->len; m++)
    if (g_array_index (months, McMonth, m).revenue > best->revenue)
      best = &g_array_index (months, McMonth, m);
  peak = mc_format_value (best->revenue, MC_VALUE_MONEY, 1, FALSE);
  latest = mc_format_value (last->revenue, MC_VALUE_MONEY, 1, FALSE);
  return g_strdup_printf (_("Revenue peaked in %s at %s; the last month, %s, brought %s."), best->month, peak,
                          last->month, latest);
}

static char *
find_orders_trend (McChartData *data)
{
  GArray *months = data->patterns->months;
  gsize orders = 0, fresh = 0, returning = 0;

  for (guint m = 0; m < months->len; m++)
    {
      orders += g_array_index (months, McMonth, m).orders;
      fresh += g_array_index (months, McMonth, m).new_customers;
      returning += g_array_index (months, McMonth, m).returning_customers;
    }
  if (!data->patterns->has_customers)
    return g_strdup_printf (_("%.1f orders a month on average."), (double) orders / MAX (months->len, 1));
  return g_strdup_printf (_("%.1f orders a month on average; %.0f %% of monthly buyers were new customers."),
                          (double) orders / MAX (months->len, 1), 100.0 * fresh / MAX (fresh + returning, 1));
}

/* Platforms and product types */

static McChart *
build_type_by_platform (McChartData *data)
{
  McCrosstab *crosstab = data->platforms->crosstab;
  g_autofree char *type = humanise (data->platforms->type_name, TRUE);
  g_autofree char *title = g_strdup_printf (_("%s by platform"), type);
  McChart *chart = mc_chart_new_titled (MC_CHART_BAR, title, _("Share of each platform's sales"));
  g_autofree double *share = g_new (double, MAX (crosstab->n_columns, 1));
  g_autofree char *noun = purchases_noun (data);

  mc_chart_set_categories (chart, (const char * const *) crosstab->column_labels->pdata, crosstab->n_columns);
  for (gsize t = 0; t < crosstab->n_rows; t++)
    {
      for (gsize p = 0; p < crosstab->n_columns; p++)
        share[p] = mc_crosstab_count (crosstab, t, p);
      mc_chart_add_series (chart, g_ptr_array_index (crosstab->row_labels, t), NULL, share, crosstab->n_columns);
    }
  mc_chart_set_bar_mode (chart, MC_BARS_PERCENT);
  mc_chart_set_horizontal (chart, TRUE);
  /* The values are counts: tooltips give the share and the count. */
  mc_chart_set_formats (chart, MC_VALUE_NUMBER, MC_VALUE_COUNT);
  mc_chart_set_unit (chart, noun);
  return chart;
}

static char *
find_type_by_platform (McChartData *data)
{
  GPtrArray *statements = data->platforms->statements;

  if (statements->len > 1)
    return g_strdup_printf ("%s %s", (char *) g_ptr_array_index (statements, 1), (char *) g_ptr_array_index (statements, 0));
  return g_strdup (statements->len > 0 ? g_ptr_array_index (statements, 0) : "");
}

/* Review scores per platform: quartiles and range, and the mean with its
 * 95 % confidence interval (mean ± 1.96 standard errors). */
static McChart *
build_reviews_by_platform (McChartData *data)
{
  McColumnRef rating = { mc_table_find_role (data->purchases, MC_ROLE_RATING), NULL };
  McGroupKey key = { { mc_table_find_role (data->purchases, MC_ROLE_CHANNEL), NULL }, MC_BUCKET_NONE };
  McAggregate aggregates[] = {
    { MC_AGGREGATE_MIN, rating }, { MC_AGGREGATE_QUANTILE, rating, 0.25 }, { MC_AGGREGATE_MEDIAN, rating },
    { MC_AGGREGATE_QUANTILE, rating, 0.75 }, { MC_AGGREGATE_MAX, rating }, { MC_AGGREGATE_MEAN, rating },
    { MC_AGGREGATE_STDDEV, rating }, { MC_AGGREGATE_COUNT, rating },
  };
  g_autoptr(McGroupResult) groups = mc_group_by (mc_table_get_n_rows (data->purchases), NULL, &key, 1, aggregates,
                                                 G_N_ELEMENTS (aggregates), NULL);
  McChart *chart = mc_chart_new_titled (MC_CHART_BOX, _("Review scores by platform"),
                              /* xgettext:no-c-format */
                              _("Quartiles and range; diamonds: mean with its 95 % confidence interval"));
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  for (gsize g = 0; g < groups->n_groups; g++)
    g_ptr_array_add (labels, (char *) mc_group_result_label (groups, g, 0));
  mc_chart_set_categories (chart, (const char * const *) labels->pdata, labels->len);
  for (gsize g = 0; g < groups->n_groups; g++)
    {
      double five[5], mean = mc_group_result_value (groups, g, 5);
      double margin = 1.96 * mc_group_result_value (groups, g, 6) / sqrt (mc_group_result_value (groups, g, 7));

      for (int i = 0; i < 5; i++)
        five[i] = mc_group_result_value (groups, g, i);
      mc_chart_set_box (chart, g, five);
      mc_chart_set_box_mean (chart, g, mean, mean - margin, mean + margin);
    }
  return chart;
}

static char *
find_reviews (McChartData *data)
{
  if (data->platforms->reviews_statement != NULL)
    return g_strdup (data->platforms->reviews_statement);
  return g_strdup_printf (_("Reviews average %.2f."), data->metrics->overall.review_mean);
}

/* Distributions */

McChart *
_mc_chart_histogram_of (McColumn      *column,
                        const char    *title,
                        const char    *subtitle,
                        McValueFormat  format,
                        const char    *counted)
{
  gsize n = 0;
  g_autofree double *values = mc_column_sorted_values (column, &n);
  McChart *chart = mc_chart_new_titled (MC_CHART_HISTOGRAM, title, subtitle);
  g_autofree char *axis = humanise (column->name, FALSE);
  double q1, q3;

  mc_chart_add_series (chart, column->name, NULL, values, n);
  mc_chart_set_formats (chart, format, MC_VALUE_COUNT);
  mc_chart_set_axis_titles (chart, axis, counted);
  mc_chart_set_unit (chart, counted);
  /* Far outliers (three interquartile ranges out) go in the edge bars
   * rather than squeezing the rest into a few. */
  if (n > 0)
    {
      q1 = mc_quantile (values, n, 0.25);
      q3 = mc_quantile (values, n, 0.75);
      mc_chart_set_bin_range (chart, q1 - 3 * (q3 - q1), q3 + 3 * (q3 - q1));
    }
  return chart;
}

static McChart *
build_amounts (McChartData *data)
{
  g_autofree char *noun = purchases_noun (data);

  return _mc_chart_histogram_of (mc_table_find_role (data->purchases, MC_ROLE_AMOUNT), _("Purchase amounts"),
                       _("How many purchases of each amount; far outliers in the end bars"), MC_VALUE_MONEY, noun);
}

static char *
find_amounts (McChartData *data)
{
  gsize n = 0;
  g_autofree double *values = mc_column_sorted_values (mc_table_find_role (data->purchases, MC_ROLE_AMOUNT), &n);
  g_autofree char *low = mc_format_value (mc_quantile (values, n, 0.25), MC_VALUE_MONEY, 1, FALSE);
  g_autofree char *median = mc_format_value (mc_quantile (values, n, 0.5), MC_VALUE_MONEY, 1, FALSE);
  g_autofree char *high = mc_format_value (mc_quantile (values, n, 0.75), MC_VALUE_MONEY, 1, FALSE);

  return g_strdup_printf (_("Half the purchases are between %s and %s; the median is %s."), low, high, median);
}

static McChart *
build_price_bands (McChartData *data)
{
  double width = 0;
  g_autoptr(GArray) bands = mc_price_bands_in (data->purchases, &width);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree double *revenue = g_new (double, MAX (bands->len, 1));
  McChart *chart = mc_chart_new_titled (MC_CHART_BAR, _("Revenue by price band"), _("Purchases grouped by amount"));

  for (guint b = 0; b < bands->len; b++)
    {
      McPriceBand *band = &g_array_index (bands, McPriceBand, b);
      g_autofree char *from = mc_format_value (band->from, MC_VALUE_MONEY, width, TRUE);
      g_autofree char *to = mc_format_value (band->to, MC_VALUE_MONEY, width, TRUE);

      g_ptr_array_add (labels, isinf (band->from) ? g_strdup_printf (_("under %s"), to)
                               : isinf (band->to) ? g_strdup_printf (_("%s and over"), from)
                                                  : g_strdup_printf ("%s–%s", from, to));
      revenue[b] = band->revenue;
    }
  mc_chart_set_categories (chart, (const char * const *) labels->pdata, labels->len);
  mc_chart_add_series (chart, _("Revenue"), NULL, revenue, bands->len);
  mc_chart_set_formats (chart, MC_VALUE_NUMBER, MC_VALUE_MONEY);
  return chart;
}

/* When: weekday × hour */

/* The name of weekday D (0: Monday) in the user's language, from the C
 * library; filters keep the English name the data layer labels by. */
static char *
weekday_title (int d)
{
  /* 2024-01-01 was a Monday. */
  g_autoptr(GDateTime) day = g_date_time_new_utc (2024, 1, 1 + d, 12, 0, 0);
  g_autofree char *name = g_date_time_format (day, "%A");
  gunichar first = g_utf8_get_char (name);
  char upper[8];

  upper[g_unichar_to_utf8 (g_unichar_totitle (first), upper)] = '\0';
  return g_strconcat (upper, g_utf8_next_char (name), NULL);
}

static McChart *
weekday_chart (const char *title,
               double      table[7][24],
               gboolean    hours)
{
  const char *weekdays[7];
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  char hour_labels[24][4];
  const char *hour_names[24];
  McChart *chart;

  for (int d = 0; d < 7; d++)
    {
      g_ptr_array_add (names, weekday_title (d));
      weekdays[d] = g_ptr_array_index (names, d);
    }
  if (!hours)
    {
      double totals[7] = { 0 };

      chart = mc_chart_new_titled (MC_CHART_BAR, title, _("On each day of the week; the data gives no times of day"));
      for (int d = 0; d < 7; d++)
        for (int h = 0; h < 24; h++)
          totals[d] += table[d][h];
      mc_chart_set_categories (chart, weekdays, 7);
      mc_chart_add_series (chart, title, NULL, totals, 7);
      mc_chart_set_formats (chart, MC_VALUE_NUMBER, MC_VALUE_COUNT);
      return chart;
    }
  chart = mc_chart_new_titled (MC_CHART_HEATMAP, title, _("By weekday and hour of the day"));
  for (int h = 0; h < 24; h++)
    {
      g_snprintf (hour_labels[h], sizeof hour_labels[h], "%02d", h);
      hour_names[h] = hour_labels[h];
    }
  mc_chart_set_categories (chart, hour_names, 24);
  mc_chart_set_matrix (chart, weekdays, 7, &table[0][0]);
  mc_chart_set_formats (chart, MC_VALUE_NUMBER, MC_VALUE_COUNT);
  return chart;
}

static McChart *
build_weekday_hour (McChartData *data)
{
  /* Dates without times: the title says what the bars show. */
  return weekday_chart (data->patterns->has_hours ? _("Orders by weekday and hour") : _("Orders by weekday"),
                        data->patterns->orders_by_weekday_hour, data->patterns->has_hours);
}

static McChart *
build_visit_hours (McChartData *data)
{
  return weekday_chart (_("Visits by weekday and hour"), data->patterns->visits_by_weekday_hour, TRUE);
}

static char *
find_busiest (double      table[7][24],
              gboolean    hours,
              const char *what)
{
  int best_day = 0, best_hour = 0;
  double day_totals[7] = { 0 };
  g_autofree char *day = NULL;

  for (int d = 0; d < 7; d++)
    for (int h = 0; h < 24; h++)
      {
        day_totals[d] += table[d][h];
        if (table[d][h] > table[best_day][best_hour])
          best_day = d, best_hour = h;
      }
  if (!hours)
    for (int d = 0; d < 7; d++)
      if (day_totals[d] > day_totals[best_day])
        best_day = d;
  day = weekday_title (best_day);
  if (!hours)
    return g_strdup_printf (_("Most %s come on %s (%.0f)."), what, day, day_totals[best_day]);
  return g_strdup_printf (_("The busiest hour for %s is %s from %02d:00 (%.0f)."), what, day, best_hour,
                          table[best_day][best_hour]);
}

static char *
find_weekday_hour (McChartData *data)
{
  return find_busiest (data->patterns->orders_by_weekday_hour, data->patterns->has_hours, _("orders"));
}

static char *
find_visit_hours (McChartData *data)
{
  return find_busiest (data->patterns->visits_by_weekday_hour, TRUE, _("visits"));
}

/* Top lists */

static McChart *
ranking_chart (McChartData *data,
               McRole       role,
               McRole       fallback,
               const char  *title_format)
{
  g_autofree char *column = NULL;
  g_autoptr(GArray) ranked = mc_rank_by_role_in (data->dataset, data->purchases, role, TOP, &column);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autofree double *revenue = NULL;
  g_autofree char *title = NULL;
  McChart *chart;

  if (ranked == NULL && fallback != MC_ROLE_NONE)
    ranked = mc_rank_by_role_in (data->dataset, data->purchases, fallback, TOP, &column);
  {
    g_autofree char *readable = humanise (column, FALSE);

    title = g_strdup_printf (_(title_format), readable);
  }
  chart = mc_chart_new_titled (MC_CHART_BAR, title, _("Revenue of the ten largest"));
  revenue = g_new (double, MAX (ranked->len, 1));
  for (guint i = 0; i < ranked->len; i++)
    {
      g_ptr_array_add (labels, g_array_index (ranked, McRanked, i).label);
      revenue[i] = g_array_index (ranked, McRanked, i).revenue;
    }
  mc_chart_set_categories (chart, (const char * const *) labels->pdata, labels->len);
  mc_chart_add_series (chart, _("Revenue"), NULL, revenue, ranked->len);
  mc_chart_set_horizontal (chart, TRUE);
  mc_chart_set_formats (chart, MC_VALUE_MONEY, MC_VALUE_MONEY);
  if (role == MC_ROLE_SEGMENT)
    colour_segments (data, chart, (const char * const *) labels->pdata, labels->len);
  return chart;
}

static char *
ranking_finding (McChartData *data,
                 McRole       role,
                 McRole       fallback)
{
  g_autoptr(GArray) ranked = mc_rank_by_role_in (data->dataset, data->purchases, role, TOP, NULL);
  double top3 = 0;

  if (ranked == NULL && fallback != MC_ROLE_NONE)
    ranked = mc_rank_by_role_in (data->dataset, data->purchases, fallback, TOP, NULL);
  if (ranked == NULL || ranked->len == 0)
    return g_strdup ("");
  for (guint i = 0; i < MIN (ranked->len, 3); i++)
    top3 += g_array_index (ranked, McRanked, i).share;
  return g_strdup_printf (_("%s leads with %.0f %% of revenue; the first three bring %.0f %%."),
                          g_array_index (ranked, McRanked, 0).label, 100 * g_array_index (ranked, McRanked, 0).share,
                          100 * top3);
}

#define RANKING(what, role, fallback, title)                                       \
  static McChart *build_top_##what (McChartData *data)                             \
  { return ranking_chart (data, role, fallback, title); }                          \
  static char *find_top_##what (McChartData *data)                                 \
  { return ranking_finding (data, role, fallback); }

RANKING (products, MC_ROLE_PRODUCT_NAME, MC_ROLE_PRODUCT_ID, N_("Top products (%s)"))
RANKING (categories, MC_ROLE_CATEGORY, MC_ROLE_NONE, N_("Top categories (%s)"))
RANKING (brands, MC_ROLE_BRAND, MC_ROLE_NONE, N_("Top brands (%s)"))
RANKING (locations, MC_ROLE_COUNTRY, MC_ROLE_CITY, N_("Revenue by location (%s)"))
RANKING (segments, MC_ROLE_SEGMENT, MC_ROLE_NONE, N_("Revenue by customer segment"))

/* The list */

gboolean
_mc_chart_data_has_role (McChartData *data,
                         McRole       role)
{
  McColumnRef ref;
  McJoin join;

  if (data->purchases == NULL || !mc_column_ref_for_role (&ref, &join, data->dataset, data->purchases, role))
    return FALSE;
  if (ref.join != NULL)
    mc_join_clear (&join);
  return TRUE;
}

static gboolean
has_purchases (McChartData *data)
{
  return data->metrics != NULL && data->patterns != NULL;
}

static gboolean
has_customers (McChartData *data)
{
  return has_purchases (data) && data->patterns->has_customers;
}

static gboolean
has_platforms (McChartData *data)
{
  return data->platforms != NULL;
}

static gboolean
has_reviews (McChartData *data)
{
  return has_platforms (data) && data->metrics->overall.reviews > 0;
}

static gboolean
has_visit_hours (McChartData *data)
{
  return has_purchases (data) && data->patterns->has_visit_hours;
}

static gboolean
has_visitors (McChartData *data)
{
  return has_purchases (data) && data->patterns->has_visits;
}

static gboolean
has_rfm (McChartData *data)
{
  return data->rfm != NULL && data->rfm->len > 0;
}

static gboolean
has_movement (McChartData *data)
{
  return has_rfm (data) && data->rfm_before != NULL && data->rfm_before->len > 0;
}

static gboolean
has_products (McChartData *data)
{
  return has_purchases (data) && (_mc_chart_data_has_role (data, MC_ROLE_PRODUCT_NAME) || _mc_chart_data_has_role (data, MC_ROLE_PRODUCT_ID));
}

static gboolean
has_categories (McChartData *data)
{
  return has_purchases (data) && _mc_chart_data_has_role (data, MC_ROLE_CATEGORY);
}

/* Segments the user added from the segmentation wizard. */
static gboolean
has_segments (McChartData *data)
{
  return has_purchases (data) && _mc_chart_data_has_role (data, MC_ROLE_SEGMENT);
}

/* The trend splits by a column of the purchases themselves. */
static gboolean
has_segments_in_purchases (McChartData *data)
{
  return has_purchases (data) && mc_table_find_role (data->purchases, MC_ROLE_SEGMENT) != NULL;
}

static gboolean
has_brands (McChartData *data)
{
  return has_purchases (data) && _mc_chart_data_has_role (data, MC_ROLE_BRAND);
}

static gboolean
has_locations (McChartData *data)
{
  return has_purchases (data) && (_mc_chart_data_has_role (data, MC_ROLE_COUNTRY) || _mc_chart_data_has_role (data, MC_ROLE_CITY));
}

static char *
find_price_bands (McChartData *data)
{
  double width = 0, best = -1;
  g_autoptr(GArray) bands = mc_price_bands_in (data->purchases, &width);
  McPriceBand *top = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *count = NULL;

  for (guint b = 0; b < bands->len; b++)
    if (g_array_index (bands, McPriceBand, b).revenue > best)
      {
        top = &g_array_index (bands, McPriceBand, b);
        best = top->revenue;
      }
  from = mc_format_value (top->from, MC_VALUE_MONEY, width, FALSE);
  to = mc_format_value (top->to, MC_VALUE_MONEY, width, FALSE);
  count = mc_format_count (top->purchases);
  return g_strdup_printf (_("Most revenue comes from purchases between %s and %s (%s purchases)."),
                          from, to, count);
}

typedef struct
{
  McChartInfo      info;
  gboolean       (*available) (McChartData *data);
  McChart       *(*build)     (McChartData *data);
  char          *(*finding)   (McChartData *data);
} Entry;

static const Entry entries[] = {
  { { "sales-trend", N_("Revenue by month, per platform, with a moving average") },
    has_purchases, build_sales_trend, find_sales_trend },
  { { "segments", N_("Revenue by customer segment, once segments are added to the data") },
    has_segments, build_top_segments, find_top_segments },
  { { "segments-trend", N_("Revenue by month per customer segment, once segments are added to the data") },
    has_segments_in_purchases, build_segments_trend, find_sales_trend },
  { { "orders-trend", N_("Orders by month, per platform") }, has_purchases, build_orders_trend, find_orders_trend },
  { { "type-by-platform", N_("Product types (fuel type, category) by platform, as shares") },
    has_platforms, build_type_by_platform, find_type_by_platform },
  { { "reviews-by-platform", N_("Review scores by platform: distribution and mean with a confidence interval") },
    has_reviews, build_reviews_by_platform, find_reviews },
  { { "amounts", N_("Distribution of purchase amounts") }, has_purchases, build_amounts, find_amounts },
  { { "price-bands", N_("Revenue by price band") }, has_purchases, build_price_bands, find_price_bands },
  { { "weekday-hour", N_("Orders by weekday and hour") }, has_purchases, build_weekday_hour, find_weekday_hour },
  { { "visits-weekday-hour", N_("Visits by weekday and hour") }, has_visit_hours, build_visit_hours, find_visit_hours },
  { { "top-products", N_("The ten products with most revenue") }, has_products, build_top_products, find_top_products },
  { { "top-categories", N_("The ten categories with most revenue") }, has_categories, build_top_categories, find_top_categories },
  { { "top-brands", N_("The ten brands with most revenue") }, has_brands, build_top_brands, find_top_brands },
  { { "rfm-segments", N_("Customers per RFM segment") }, has_rfm, _mc_chart_build_rfm_segments, _mc_chart_find_rfm_segments },
  { { "rfm-movement", N_("How customers moved between RFM segments in the last quarter") },
    has_movement, _mc_chart_build_rfm_movement, _mc_chart_find_rfm_movement },
  { { "cohort-retention", N_("Share of each month's new customers buying again later") },
    has_customers, _mc_chart_build_cohorts, _mc_chart_find_cohorts },
  { { "visit-funnel", N_("Visitors at each visit type, and buyers") }, has_visitors, _mc_chart_build_funnel, _mc_chart_find_funnel },
  { { "visits-per-customer", N_("Distribution of visits per visitor") },
    has_visitors, _mc_chart_build_visits_per_customer, _mc_chart_find_visits_per_customer },
  { { "locations", N_("Revenue by country or city") }, has_locations, build_top_locations, find_top_locations },
  { { "sessions-by-month", N_("Sessions by month, when the data is sessions with a purchase flag") },
    _mc_chart_data_has_session_months, _mc_chart_build_sessions_by_month, _mc_chart_find_sessions_by_month },
  { { "conversion-by-month", N_("Share of sessions that bought, by month") },
    _mc_chart_data_has_session_months, _mc_chart_build_conversion_by_month, _mc_chart_find_conversion_by_month },
  { { "conversion-by-visitor-type", N_("Share of sessions that bought, by visitor type") },
    _mc_chart_data_has_visitor_types, _mc_chart_build_conversion_by_visitor, _mc_chart_find_conversion_by_visitor },
  { { "conversion-by-traffic-source", N_("Share of sessions that bought, by traffic source") },
    _mc_chart_data_has_traffic_sources, _mc_chart_build_conversion_by_traffic, _mc_chart_find_conversion_by_traffic },
};

GArray *
mc_chart_data_list (McChartData *data)
{
  GArray *list = g_array_new (FALSE, FALSE, sizeof (McChartInfo));

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    if (entries[i].available (data))
      {
        McChartInfo info = { entries[i].info.name, _(entries[i].info.description) };

        g_array_append_val (list, info);
      }
  return list;
}

static const Entry *
find_entry (McChartData *data,
            const char  *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    if (g_str_equal (entries[i].info.name, name) && entries[i].available (data))
      return &entries[i];
  return NULL;
}

gboolean
_mc_chart_data_has_chart (McChartData *data,
                          const char  *name)
{
  return find_entry (data, name) != NULL;
}

McChart *
mc_chart_data_build (McChartData  *data,
                     const char   *name,
                     GError      **error)
{
  const Entry *entry = find_entry (data, name);

  if (entry == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("“%s” is not a chart this dataset has; “--chart list” lists those it has"), name);
      return NULL;
    }
  return entry->build (data);
}

char *
mc_chart_data_finding (McChartData *data,
                       const char  *name)
{
  const Entry *entry = find_entry (data, name);

  return entry != NULL ? entry->finding (data) : NULL;
}

McMetrics *
mc_chart_data_get_metrics (McChartData *data)
{
  return data->metrics;
}

GArray *
mc_chart_data_get_rfm (McChartData *data)
{
  return data->rfm;
}

McPlatformAnalysis *
mc_chart_data_get_platforms (McChartData *data)
{
  return data->platforms;
}
