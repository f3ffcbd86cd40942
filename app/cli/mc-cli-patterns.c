/* mc-cli-patterns.c: the "patterns" part of mercato-cli metrics
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mercato-cli"

#include "config.h"

#include "mc-analysis.h"
#include "mc-cli.h"
#include "mc-patterns.h"
#include "mc-query.h"
#include "mc-rankings.h"

#define TOP_LIMIT 10

static void
write_doubles (McJsonWriter *json,
               const double *values,
               gsize         n)
{
  mc_json_writer_begin_array (json);
  for (gsize i = 0; i < n; i++)
    mc_json_writer_double (json, values[i]);
  mc_json_writer_end_array (json);
}

/* Seven rows (Monday first) of 24 hours, or of one total when the times
 * have no hours. */
static void
write_week_table (McJsonWriter *json,
                  const char   *key,
                  double        table[7][24],
                  gboolean      has_hours)
{
  mc_json_writer_key (json, key);
  mc_json_writer_begin_array (json);
  for (int day = 0; day < 7; day++)
    {
      double total = 0;

      for (int hour = 0; hour < 24; hour++)
        total += table[day][hour];
      write_doubles (json, has_hours ? table[day] : &total, has_hours ? 24 : 1);
    }
  mc_json_writer_end_array (json);
}

static void
write_weekdays (McJsonWriter     *json,
                const McPatterns *patterns)
{
  mc_json_writer_key (json, "weekdays");
  mc_json_writer_begin_array (json);
  for (int day = 0; day < 7; day++)
    {
      g_autofree char *name = mc_time_bucket_label (MC_BUCKET_WEEKDAY, day);

      mc_json_writer_string (json, name);
    }
  mc_json_writer_end_array (json);
  mc_json_writer_key (json, "by_hour");
  mc_json_writer_boolean (json, patterns->has_hours);
  write_week_table (json, "orders_by_weekday_hour", (double (*)[24]) patterns->orders_by_weekday_hour, patterns->has_hours);
  write_week_table (json, "revenue_by_weekday_hour", (double (*)[24]) patterns->revenue_by_weekday_hour, patterns->has_hours);
  if (patterns->has_visit_hours)
    write_week_table (json, "visits_by_weekday_hour", (double (*)[24]) patterns->visits_by_weekday_hour, TRUE);
}

/* A month's orders and revenue: all a month of purchases without
 * customers has. */
static void
write_month_of_orders (McJsonWriter  *json,
                       gconstpointer  item)
{
  const McMonth *month = item;

  mc_cli_write_string (json, "month", month->month);
  mc_cli_write_count (json, "orders", month->orders);
  mc_cli_write_money (json, "revenue", month->revenue);
  mc_cli_write_money (json, "moving_average_3", month->moving_average);
  mc_cli_write_number (json, "year_over_year", month->year_over_year);
}

static void
write_month (McJsonWriter  *json,
             gconstpointer  item)
{
  const McMonth *month = item;

  write_month_of_orders (json, item);
  mc_cli_write_count (json, "new_customers", month->new_customers);
  mc_cli_write_count (json, "returning_customers", month->returning_customers);
}

static void
write_cohorts (McJsonWriter *json,
               GArray       *cohorts)
{
  mc_json_writer_key (json, "cohorts");
  mc_json_writer_begin_array (json);
  for (guint c = 0; c < cohorts->len; c++)
    {
      McCohort *cohort = &g_array_index (cohorts, McCohort, c);

      if (cohort->customers == 0)
        continue;
      mc_json_writer_begin_object (json);
      mc_cli_write_string (json, "month", cohort->month);
      mc_cli_write_count (json, "customers", cohort->customers);
      mc_cli_write_money (json, "revenue", cohort->revenue);
      mc_json_writer_key (json, "retention");
      write_doubles (json, (double *) cohort->retention->data, cohort->retention->len);
      mc_json_writer_end_object (json);
    }
  mc_json_writer_end_array (json);
}

static void
write_days (McJsonWriter *json,
            const char   *key,
            const McDays *days)
{
  mc_json_writer_key (json, key);
  mc_json_writer_begin_object (json);
  mc_cli_write_count (json, "n", days->n);
  mc_cli_write_number (json, "mean", days->mean);
  mc_cli_write_number (json, "p25", days->p25);
  mc_cli_write_number (json, "median", days->median);
  mc_cli_write_number (json, "p75", days->p75);
  mc_json_writer_end_object (json);
}

static void
write_funnel_stage (McJsonWriter  *json,
                    gconstpointer  item)
{
  const McFunnelStage *stage = item;

  mc_cli_write_string (json, "stage", stage->stage);
  mc_cli_write_count (json, "customers", stage->customers);
  mc_cli_write_number (json, "share", stage->share);
  mc_cli_write_number (json, "visits_up_to_first_order", stage->visits_to_order);
  mc_cli_write_number (json, "days_from_first_visit", stage->days_from_first_visit);
}

static void
write_ranked (McJsonWriter  *json,
              gconstpointer  item)
{
  const McRanked *ranked = item;

  mc_cli_write_string (json, "label", ranked->label);
  mc_cli_write_count (json, "purchases", ranked->purchases);
  mc_cli_write_money (json, "revenue", ranked->revenue);
  mc_cli_write_number (json, "share", ranked->share);
}

static void
write_price_band (McJsonWriter  *json,
                  gconstpointer  item)
{
  const McPriceBand *band = item;

  /* Open ends are null: JSON has no infinity. */
  mc_cli_write_number (json, "from", band->from);
  mc_cli_write_number (json, "to", band->to);
  mc_cli_write_count (json, "purchases", band->purchases);
  mc_cli_write_money (json, "revenue", band->revenue);
}

/* The top values of a role; nothing when no column has it. */
static void
write_ranking (McJsonWriter *json,
               const char   *key,
               McDataset    *dataset,
               McRole        role,
               McRole        fallback)
{
  g_autofree char *column = NULL;
  g_autoptr(GArray) ranked = mc_rank_by_role (dataset, role, TOP_LIMIT, &column);

  if (ranked == NULL && fallback != MC_ROLE_NONE)
    ranked = mc_rank_by_role (dataset, fallback, TOP_LIMIT, &column);
  if (ranked == NULL)
    return;
  mc_json_writer_key (json, key);
  mc_json_writer_begin_object (json);
  mc_cli_write_string (json, "column", column);
  mc_cli_write_objects (json, "items", ranked, write_ranked);
  mc_json_writer_end_object (json);
}

static void
write_price_bands (McJsonWriter *json,
                   McDataset    *dataset)
{
  double width = 0;
  g_autoptr(GArray) bands = mc_price_bands (dataset, &width);

  if (bands == NULL)
    return;
  mc_json_writer_key (json, "price_bands");
  mc_json_writer_begin_object (json);
  mc_cli_write_number (json, "width", width);
  mc_cli_write_objects (json, "bands", bands, write_price_band);
  mc_json_writer_end_object (json);
}

void
mc_cli_write_patterns (McJsonWriter *json,
                       McDataset    *dataset)
{
  const McPatterns *patterns = mc_analysis_for_dataset (dataset)->patterns;

  if (patterns == NULL)
    return;
  mc_json_writer_key (json, "patterns");
  mc_json_writer_begin_object (json);
  write_weekdays (json, patterns);
  mc_cli_write_objects (json, "monthly", patterns->months, patterns->has_customers ? write_month : write_month_of_orders);
  /* No customer id: the customer figures are not there, not 0. */
  if (patterns->has_customers)
    {
      write_cohorts (json, patterns->cohorts);
      mc_cli_write_count (json, "customers", patterns->customers);
      mc_cli_write_count (json, "repeat_customers", patterns->repeat_customers);
      write_days (json, "days_between_orders", &patterns->days_between_orders);
    }
  if (patterns->has_visits)
    {
      write_days (json, "days_from_first_visit_to_first_order", &patterns->days_to_first_order);
      mc_cli_write_objects (json, "funnel", patterns->funnel, write_funnel_stage);
    }
  mc_json_writer_key (json, "top");
  mc_json_writer_begin_object (json);
  write_ranking (json, "products", dataset, MC_ROLE_PRODUCT_NAME, MC_ROLE_PRODUCT_ID);
  write_ranking (json, "categories", dataset, MC_ROLE_CATEGORY, MC_ROLE_NONE);
  write_ranking (json, "brands", dataset, MC_ROLE_BRAND, MC_ROLE_NONE);
  write_ranking (json, "locations", dataset, MC_ROLE_COUNTRY, MC_ROLE_CITY);
  mc_json_writer_end_object (json);
  write_price_bands (json, dataset);
  mc_json_writer_end_object (json);
}
