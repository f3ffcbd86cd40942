/* mc-cli-metrics.c: mercato-cli metrics, the business metrics as JSON
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mercato-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mc-analysis.h"
#include "mc-cli.h"
#include "mc-metrics.h"
#include "mc-metrics-sql.h"
#include "mc-model.h"
#include "mc-platforms.h"

static void
write_sales_metrics (McJsonWriter         *json,
                     const McSalesMetrics *m)
{
  mc_cli_write_money (json, "revenue", m->revenue);
  mc_cli_write_count (json, "orders", m->orders);
  mc_json_writer_key (json, "customers");
  if (m->has_customers)
    mc_json_writer_int (json, m->customers);
  else
    mc_json_writer_null (json);
  mc_cli_write_money (json, "aov", m->aov);
  if (m->has_units)
    mc_cli_write_number (json, "units", m->units);
  if (m->has_discount)
    {
      mc_cli_write_money (json, "discount", m->discount);
      mc_cli_write_number (json, "discount_rate", m->discount_rate);
    }
  if (m->has_reviews)
    {
      mc_cli_write_count (json, "reviews", m->reviews);
      mc_cli_write_number (json, "review_mean", m->review_mean);
      mc_json_writer_key (json, "review_distribution");
      mc_json_writer_begin_object (json);
      for (guint s = 0; s < G_N_ELEMENTS (m->review_counts); s++)
        if (m->review_counts[s] > 0)
          {
            char score[4];

            g_snprintf (score, sizeof score, "%u", s);
            mc_cli_write_count (json, score, m->review_counts[s]);
          }
      mc_json_writer_end_object (json);
    }
  if (!m->has_customers)
    return;
  mc_cli_write_number (json, "repeat_purchase_rate", m->repeat_purchase_rate);
  mc_cli_write_money (json, "clv", m->clv_historic);
  mc_cli_write_money (json, "clv_historic", m->clv_historic);
  mc_cli_write_number (json, "purchase_frequency", m->purchase_frequency);
  mc_cli_write_money (json, "clv_predictive", m->clv_predictive);
}

static void
write_visit_metrics (McJsonWriter         *json,
                     const McVisitMetrics *v)
{
  mc_cli_write_number (json, "conversion_rate", v->conversion_rate);
  mc_cli_write_number (json, "purchasing_visit_rate", v->purchasing_visit_rate);
  mc_cli_write_count (json, "visits", v->visits);
  mc_cli_write_count (json, "visitors", v->visitors);
  mc_cli_write_number (json, "visits_per_customer", v->visits_per_customer);
  mc_cli_write_number (json, "mean_minutes", v->mean_minutes);
  mc_cli_write_number (json, "median_minutes", v->median_minutes);
  mc_cli_write_number (json, "repeat_visit_rate", v->repeat_visit_rate);
  if (v->has_sessions)
    mc_cli_write_number (json, "events_per_session", v->events_per_session);
}

static void
write_group (McJsonWriter  *json,
             gconstpointer  item)
{
  write_sales_metrics (json, &((const McMetricsGroup *) item)->sales);
}

static void
write_groups (McJsonWriter *json,
              const char   *key,
              GArray       *groups)
{
  mc_cli_write_named_objects (json, key, groups, G_STRUCT_OFFSET (McMetricsGroup, key), write_group);
}

/* Months of purchases and of visits, merged: both lists are sorted. */
static void
write_months (McJsonWriter *json,
              GArray       *sales,
              GArray       *visits)
{
  guint s = 0, v = 0;

  mc_json_writer_key (json, "by_month");
  mc_json_writer_begin_object (json);
  while ((sales != NULL && s < sales->len) || (visits != NULL && v < visits->len))
    {
      McMetricsGroup *sold = sales != NULL && s < sales->len ? &g_array_index (sales, McMetricsGroup, s) : NULL;
      McVisitGroup *visited = visits != NULL && v < visits->len ? &g_array_index (visits, McVisitGroup, v) : NULL;
      int order = sold == NULL ? 1 : visited == NULL ? -1 : strcmp (sold->key, visited->key);

      mc_json_writer_key (json, order <= 0 ? sold->key : visited->key);
      mc_json_writer_begin_object (json);
      if (order <= 0)
        write_sales_metrics (json, &g_array_index (sales, McMetricsGroup, s++).sales);
      if (order >= 0)
        write_visit_metrics (json, &g_array_index (visits, McVisitGroup, v++).visits);
      mc_json_writer_end_object (json);
    }
  mc_json_writer_end_object (json);
}

static void
write_formulas (McJsonWriter *json)
{
  static const char *names[] = {
    "revenue", "orders", "customers", "aov", "units", "discount", "discount_rate", "review_mean",
    "repeat_purchase_rate", "clv_historic", "purchase_frequency", "clv_predictive", "conversion_rate",
    "purchasing_visit_rate", "visits_per_customer", "mean_minutes", "median_minutes", "repeat_visit_rate",
    "events_per_session",
  };

  mc_json_writer_key (json, "formulas");
  mc_json_writer_begin_object (json);
  mc_json_writer_key (json, "clv");
  mc_json_writer_string (json, mc_metrics_formula ("clv_historic"));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      mc_json_writer_key (json, names[i]);
      mc_json_writer_string (json, mc_metrics_formula (names[i]));
    }
  mc_json_writer_end_object (json);
}

typedef double (*CellFunc) (const McCrosstab *crosstab, gsize row, gsize column);

static double
cell_amount (const McCrosstab *crosstab,
             gsize             row,
             gsize             column)
{
  return round (crosstab->amounts[row * crosstab->n_columns + column] * 100) / 100;
}

/* One array per type (row), one number per platform (column). */
static void
write_matrix (McJsonWriter     *json,
              const char       *key,
              const McCrosstab *crosstab,
              CellFunc          cell)
{
  mc_json_writer_key (json, key);
  mc_json_writer_begin_array (json);
  for (gsize i = 0; i < crosstab->n_rows; i++)
    {
      mc_json_writer_begin_array (json);
      for (gsize j = 0; j < crosstab->n_columns; j++)
        mc_json_writer_double (json, cell (crosstab, i, j));
      mc_json_writer_end_array (json);
    }
  mc_json_writer_end_array (json);
}

static void
write_platform_summary (McJsonWriter  *json,
                        gconstpointer  item)
{
  const McPlatformSummary *summary = item;

  mc_cli_write_count (json, "sales", summary->sales);
  mc_cli_write_money (json, "revenue", summary->revenue);
  mc_cli_write_count (json, "reviews", summary->reviews);
  mc_cli_write_number (json, "review_mean", summary->review_mean);
}

static void
write_correlation (McJsonWriter  *json,
                   gconstpointer  item)
{
  const McTypeCorrelation *correlation = item;

  mc_cli_write_number (json, "share_vs_sales", correlation->with_sales);
  mc_cli_write_number (json, "share_vs_review_mean", correlation->with_reviews);
}

/* Product type × platform: counts, shares, revenue, the chi-square test,
 * per-platform summaries and the findings in words. */
static void
write_platform_analysis (McJsonWriter             *json,
                         const McPlatformAnalysis *analysis)
{
  McCrosstab *crosstab = analysis->crosstab;

  mc_json_writer_key (json, "platform_product_type");
  mc_json_writer_begin_object (json);
  mc_cli_write_string (json, "type_column", analysis->type_name);
  mc_cli_write_string (json, "platform_column", analysis->platform_name);
  mc_cli_write_strings (json, "types", crosstab->row_labels);
  mc_cli_write_strings (json, "platforms", crosstab->column_labels);
  write_matrix (json, "counts", crosstab, mc_crosstab_count);
  write_matrix (json, "share_of_platform", crosstab, mc_crosstab_column_share);
  write_matrix (json, "share_of_type", crosstab, mc_crosstab_row_share);
  write_matrix (json, "revenue", crosstab, cell_amount);
  mc_cli_write_number (json, "chi_square", crosstab->chi_square);
  mc_cli_write_number (json, "dof", crosstab->dof);
  mc_cli_write_number (json, "p_value", crosstab->p_value);
  mc_cli_write_number (json, "cramers_v", crosstab->cramers_v);
  mc_cli_write_named_objects (json, "per_platform", analysis->platforms,
                              G_STRUCT_OFFSET (McPlatformSummary, platform), write_platform_summary);
  mc_cli_write_named_objects (json, "correlations", analysis->correlations,
                              G_STRUCT_OFFSET (McTypeCorrelation, type), write_correlation);
  mc_cli_write_strings (json, "statements", analysis->statements);
  mc_json_writer_end_object (json);
}

static void
write_session_figures (McJsonWriter           *json,
                       const McSessionFigures *f)
{
  mc_cli_write_count (json, "sessions", f->sessions);
  mc_cli_write_count (json, "converted", f->converted);
  mc_cli_write_number (json, "conversion_rate", f->conversion_rate);
  if (f->has_pages)
    mc_cli_write_number (json, "pages_per_session", f->mean_pages);
  if (f->has_minutes)
    mc_cli_write_number (json, "minutes_per_session", f->mean_minutes);
  if (f->has_bounce)
    mc_cli_write_number (json, "bounce_rate", f->bounce_rate);
  if (f->has_returning)
    mc_cli_write_number (json, "returning_share", f->returning_share);
}

static void
write_session_group (McJsonWriter  *json,
                     gconstpointer  item)
{
  write_session_figures (json, &((const McSessionGroup *) item)->figures);
}

/* A grouping the export has no column for is left out. */
static void
write_session_groups (McJsonWriter *json,
                      const char   *key,
                      GArray       *groups)
{
  if (groups != NULL)
    mc_cli_write_named_objects (json, key, groups, G_STRUCT_OFFSET (McSessionGroup, key), write_session_group);
}

/* "sessions": a web-analytics export's conversion and engagement, with
 * the columns they come from. */
static void
write_sessions (McJsonWriter     *json,
                const McSessions *sessions)
{
  if (sessions == NULL)
    return;
  mc_json_writer_key (json, "sessions");
  mc_json_writer_begin_object (json);
  mc_json_writer_key (json, "overall");
  mc_json_writer_begin_object (json);
  write_session_figures (json, &sessions->overall);
  mc_json_writer_end_object (json);
  write_session_groups (json, "by_month", sessions->by_month);
  write_session_groups (json, "by_visitor_type", sessions->by_visitor_type);
  write_session_groups (json, "by_traffic_source", sessions->by_traffic_source);
  mc_json_writer_key (json, "columns");
  mc_json_writer_begin_object (json);
  mc_cli_write_string (json, "converted", sessions->converted_column);
  mc_cli_write_string (json, "month", sessions->month_column);
  mc_cli_write_string (json, "visitor_type", sessions->visitor_column);
  mc_cli_write_string (json, "traffic_source", sessions->traffic_column);
  mc_cli_write_string (json, "pages", sessions->pages_columns);
  mc_cli_write_string (json, "durations", sessions->duration_columns);
  mc_json_writer_end_object (json);
  mc_json_writer_end_object (json);
}

/* "warnings": the model's and, when there are figures, their own, one
 * list. */
static void
write_warnings (McJsonWriter    *json,
                McDataset       *dataset,
                const McMetrics *metrics)
{
  const GPtrArray *model = mc_model_get_warnings (mc_model_for_dataset (dataset));

  mc_json_writer_key (json, "warnings");
  mc_json_writer_begin_array (json);
  for (guint i = 0; i < model->len; i++)
    mc_json_writer_string (json, g_ptr_array_index (model, i));
  for (guint i = 0; metrics != NULL && i < metrics->warnings->len; i++)
    mc_json_writer_string (json, g_ptr_array_index (metrics->warnings, i));
  mc_json_writer_end_array (json);
}

static void
write_metrics (McJsonWriter *json,
               McDataset    *dataset)
{
  const McAnalysis *analysis = mc_analysis_for_dataset (dataset);
  const McMetrics *metrics = analysis->metrics;

  mc_json_writer_key (json, "overall");
  mc_json_writer_begin_object (json);
  write_sales_metrics (json, &metrics->overall);
  if (metrics->has_visits)
    write_visit_metrics (json, &metrics->visits);
  mc_json_writer_end_object (json);
  write_groups (json, "by_platform", metrics->by_platform);
  write_months (json, metrics->by_month, metrics->visits_by_month);
  write_groups (json, "by_product_type", metrics->by_product_type);
  if (metrics->by_currency != NULL)
    write_groups (json, "by_currency", metrics->by_currency);
  mc_cli_write_number (json, "span_years", metrics->span_years);
  mc_cli_write_count (json, "outlying_purchase_days", metrics->outlying_days);
  if (metrics->pushed_down)
    {
      mc_json_writer_key (json, "pushed_down");
      mc_json_writer_boolean (json, TRUE);
    }
  /* The one currency of every purchase, when the data names it. */
  mc_cli_write_string (json, "currency", metrics->currency);
  mc_cli_write_number (json, "lifespan_years", MC_METRICS_LIFESPAN_YEARS);
  /* Optional: only shops with platforms and product types have it. */
  if (analysis->platforms != NULL)
    write_platform_analysis (json, analysis->platforms);
  mc_cli_write_patterns (json, dataset);
  write_sessions (json, analysis->sessions);
  write_formulas (json);
}

/* Without purchases, a dataset of sessions (a web-analytics export) has
 * their figures, and the model's warnings say what is missing. */
/* --in-memory: the sales figures of a database computed from the tables
 * read, not on its server. */
static gboolean in_memory;

static int
write_figures (McJsonWriter *json,
               McDataset    *dataset)
{
  const McAnalysis *analysis;

  mc_metrics_sql_set_enabled (dataset, !in_memory);
  analysis = mc_analysis_for_dataset (dataset);

  if (analysis->metrics == NULL && analysis->sessions == NULL)
    {
      g_autoptr(GError) error = NULL;
      /* Asked again only to say why there are none. */
      McMetrics *none = mc_metrics_compute (dataset, &error);

      g_clear_pointer (&none, mc_metrics_free);
      return mc_cli_fail ("metrics", error, EXIT_BAD_DATA);
    }
  if (analysis->metrics != NULL)
    write_metrics (json, dataset);
  else
    write_sessions (json, analysis->sessions);
  write_warnings (json, dataset, analysis->metrics);
  return 0;
}

static int
run_metrics (int    argc,
             char **argv)
{
  GOptionEntry entries[] = {
    { "in-memory", 0, 0, G_OPTION_ARG_NONE, &in_memory, NULL, NULL },
    { NULL }
  };
  int status = 0;

  if (!mc_cli_parse_options (&argc, &argv, entries, &status))
    return status;
  return mc_cli_run_json (argv + 1, write_figures);
}

const McCliCommand mc_cli_metrics_command = {
  "metrics", "metrics PATH... [--in-memory]",
  /* Translators: a summary in mercato-cli --help, as that of describe. */
  N_("Print revenue, orders, customers, average order value, units, discount,\n"
     "  reviews, repeat purchase rate, customer lifetime value, and from visits\n"
     "  the conversion rate and engagement, overall and by platform, month and\n"
     "  product type, with their formulas, as JSON. On a database the figures\n"
     "  but the visits' are computed on its server; --in-memory computes them here."),
  run_metrics,
};
