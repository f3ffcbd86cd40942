/* test-pg-analyses.c: platform × type, RFM and patterns computed on the server
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run by run-pg-tests.sh, which names each database it loaded in
 * MERCATO_PG_<NAME>_URI and the folder of CSV files it loaded it from in
 * MERCATO_PG_<NAME>_CSV. Every figure computed on the server must be the
 * one the column store computes from the CSV files (whose figures are
 * checked against pandas elsewhere), and only aggregate rows may come
 * back from the server.
 */
#include "config.h"

#include <math.h>

#include "mc-analysis.h"
#include "mc-analysis-sql.h"
#include "mc-model.h"
#include "mc-patterns-sql.h"
#include "mc-platforms-sql.h"
#include "mc-purchase-selection.h"
#include "mc-rfm-sql.h"
#include "mc-server-run.h"
#include "mc-standard-charts.h"
#include "pg-test.h"

static void
assert_same_strings (GPtrArray *a,
                     GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpstr (g_ptr_array_index (a, i), ==, g_ptr_array_index (b, i));
}

static void
assert_same_crosstab (const McCrosstab *a,
                      const McCrosstab *b)
{
  assert_same_strings (a->row_labels, b->row_labels);
  assert_same_strings (a->column_labels, b->column_labels);
  for (gsize c = 0; c < a->n_rows * a->n_columns; c++)
    {
      g_assert_cmpfloat (a->counts[c], ==, b->counts[c]);
      assert_close (a->amounts[c], b->amounts[c]);
    }
  g_assert_cmpfloat (a->total, ==, b->total);
  assert_close (a->chi_square, b->chi_square);
  g_assert_cmpfloat (a->dof, ==, b->dof);
  assert_close (a->p_value, b->p_value);
  assert_close (a->cramers_v, b->cramers_v);
}

static void
assert_same_platforms (const McPlatformAnalysis *a,
                       const McPlatformAnalysis *b)
{
  g_assert_cmpstr (a->type_name, ==, b->type_name);
  g_assert_cmpstr (a->platform_name, ==, b->platform_name);
  assert_same_crosstab (a->crosstab, b->crosstab);
  g_assert_cmpuint (a->platforms->len, ==, b->platforms->len);
  for (guint p = 0; p < a->platforms->len; p++)
    {
      const McPlatformSummary *x = &g_array_index (a->platforms, McPlatformSummary, p);
      const McPlatformSummary *y = &g_array_index (b->platforms, McPlatformSummary, p);

      g_assert_cmpstr (x->platform, ==, y->platform);
      g_assert_cmpuint (x->sales, ==, y->sales);
      assert_close (x->revenue, y->revenue);
      g_assert_cmpuint (x->reviews, ==, y->reviews);
      assert_close (x->review_mean, y->review_mean);
    }
  for (guint t = 0; t < a->correlations->len; t++)
    {
      assert_close (g_array_index (a->correlations, McTypeCorrelation, t).with_sales,
                    g_array_index (b->correlations, McTypeCorrelation, t).with_sales);
      assert_close (g_array_index (a->correlations, McTypeCorrelation, t).with_reviews,
                    g_array_index (b->correlations, McTypeCorrelation, t).with_reviews);
    }
  assert_same_strings (a->statements, b->statements);
  assert_same_strings (a->plain_statements, b->plain_statements);
}

static McPlatformAnalysis *
platforms_on_server (McDataset *dataset,
                     guint64   *rows_fetched)
{
  g_autoptr(McPurchasesQuery) query = mc_purchases_query_new (dataset, NULL);
  g_autoptr(GError) error = NULL;
  guint64 before = mc_server_rows_fetched ();
  McPlatformAnalysis *analysis;

  g_assert_nonnull (query);
  analysis = mc_platforms_sql_compute_query (query, NULL, &error);
  g_assert_no_error (error);
  *rows_fetched = mc_server_rows_fetched () - before;
  return analysis;
}

/* The cells and each platform are all that come back. */
static void
assert_only_aggregates (const McPlatformAnalysis *analysis,
                        guint64                   rows_fetched,
                        McDataset                *dataset)
{
  gsize cells = 0;

  for (gsize c = 0; c < analysis->crosstab->n_rows * analysis->crosstab->n_columns; c++)
    cells += analysis->crosstab->counts[c] > 0;
  g_assert_cmpuint (rows_fetched, ==, cells + analysis->platforms->len);
  g_assert_cmpuint (rows_fetched, <, mc_table_get_n_rows (mc_model_find_purchases (dataset)));
}

static void
test_platforms (gconstpointer data)
{
  g_auto(Pair) pair;
  g_autoptr(McPlatformAnalysis) in_memory = NULL;
  g_autoptr(McPlatformAnalysis) on_server = NULL;
  g_autoptr(GError) error = NULL;
  guint64 fetched;

  if (!pair_load (&pair, data))
    return;
  in_memory = mc_platform_analysis_compute (pair.csv, &error);
  g_assert_no_error (error);
  on_server = platforms_on_server (pair.database, &fetched);
  assert_same_platforms (in_memory, on_server);
  assert_only_aggregates (on_server, fetched, pair.database);
  /* The dataset's own analysis is the server's, and came from it. */
  fetched = mc_server_rows_fetched ();
  assert_same_platforms (mc_analysis_for_dataset (pair.database)->platforms, on_server);
  g_assert_cmpuint (mc_server_rows_fetched () - fetched, >=, on_server->platforms->len);
}

/* A cross-filter on the type is a WHERE clause: its one row of cells is
 * that type's row of the whole crosstab. */
static void
test_platforms_filtered (void)
{
  g_auto(Pair) pair;
  g_autoptr(McPlatformAnalysis) all = NULL;
  g_autoptr(McPlatformAnalysis) filtered = NULL;
  g_autoptr(McPurchasesQuery) query = NULL;
  g_autoptr(GError) error = NULL;
  const McCrosstab *whole;
  const char *type[2] = { NULL, NULL };

  if (!pair_load (&pair, "AUTOMOTIVE"))
    return;
  all = mc_platform_analysis_compute (pair.csv, &error);
  g_assert_no_error (error);
  whole = all->crosstab;
  type[0] = g_ptr_array_index (whole->row_labels, whole->n_rows - 1);
  query = mc_purchases_query_new (pair.database, NULL);
  g_assert_true (mc_purchases_query_add_filter (query, MC_PURCHASES_PRODUCT_TYPE, MC_FILTER_EQUALS, type));
  filtered = mc_platforms_sql_compute_query (query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (filtered->crosstab->n_rows, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (filtered->crosstab->row_labels, 0), ==, type[0]);
  g_assert_cmpuint (filtered->crosstab->n_columns, ==, whole->n_columns);
  for (gsize j = 0; j < whole->n_columns; j++)
    {
      g_assert_cmpfloat (mc_crosstab_count (filtered->crosstab, 0, j), ==,
                         mc_crosstab_count (whole, whole->n_rows - 1, j));
      assert_close (filtered->crosstab->amounts[j], whole->amounts[(whole->n_rows - 1) * whole->n_columns + j]);
    }
  g_assert_true (isnan (filtered->crosstab->p_value));
}

static void
assert_same_rfm (GArray *a,
                 GArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      const McRfmRow *x = &g_array_index (a, McRfmRow, i), *y = &g_array_index (b, McRfmRow, i);

      g_assert_cmpstr (x->customer, ==, y->customer);
      g_assert_cmpint (x->last_day, ==, y->last_day);
      g_assert_cmpint (x->recency_days, ==, y->recency_days);
      g_assert_cmpuint (x->frequency, ==, y->frequency);
      assert_close (x->monetary, y->monetary);
      g_assert_cmpuint (x->r_score, ==, y->r_score);
      g_assert_cmpuint (x->f_score, ==, y->f_score);
      g_assert_cmpuint (x->m_score, ==, y->m_score);
      g_assert_cmpstr (x->segment, ==, y->segment);
    }
}

/* RFM of QUERY on the server as of AT, the reference day in REFERENCE;
 * one row per customer comes back. */
static GArray *
rfm_on_server (McPurchasesQuery *query,
               gint32            at,
               gint32           *reference)
{
  g_autoptr(GError) error = NULL;
  guint64 before = mc_server_rows_fetched ();
  GArray *rows = mc_rfm_sql_compute_query (query, at, reference, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (mc_server_rows_fetched () - before, ==, rows->len);
  return rows;
}

static void
test_rfm (gconstpointer data)
{
  g_auto(Pair) pair;
  g_autoptr(McPurchasesQuery) query = NULL;
  g_autoptr(GArray) in_memory = NULL;
  g_autoptr(GArray) on_server = NULL;
  g_autoptr(GArray) earlier_in_memory = NULL;
  g_autoptr(GArray) earlier_on_server = NULL;
  g_autoptr(GError) error = NULL;
  gint32 reference, server_reference, earlier;
  guint64 fetched;

  if (!pair_load (&pair, data))
    return;
  in_memory = mc_rfm_compute (pair.csv, G_MININT32, &reference, &error);
  g_assert_no_error (error);
  query = mc_purchases_query_new (pair.database, NULL);
  on_server = rfm_on_server (query, G_MININT32, &server_reference);
  g_assert_cmpint (server_reference, ==, reference);
  g_assert_cmpuint (on_server->len, >, 10);
  assert_same_rfm (in_memory, on_server);
  /* As of a day before the last: fewer customers, other scores, or no
   * purchase yet on both. */
  earlier_in_memory = mc_rfm_compute (pair.csv, reference - MC_ANALYSIS_MOVEMENT_DAYS, &earlier, &error);
  if (earlier_in_memory != NULL)
    {
      earlier_on_server = rfm_on_server (query, reference - MC_ANALYSIS_MOVEMENT_DAYS, &server_reference);
      g_assert_cmpint (server_reference, ==, earlier);
      assert_same_rfm (earlier_in_memory, earlier_on_server);
    }
  else
    {
      g_autoptr(GError) server_error = NULL;

      g_assert_null (mc_rfm_sql_compute_query (query, reference - MC_ANALYSIS_MOVEMENT_DAYS, &server_reference, NULL,
                                               &server_error));
      g_assert_cmpstr (server_error->message, ==, error->message);
    }
  /* The dataset's own RFM is the server's, and came from it. */
  fetched = mc_server_rows_fetched ();
  assert_same_rfm (mc_analysis_for_dataset (pair.database)->rfm, on_server);
  g_assert_cmpuint (mc_server_rows_fetched () - fetched, >=, on_server->len);
}

/* A cross-filter on the platform is a WHERE clause: the RFM of that
 * platform's purchases, as the column store computes it for the filter. */
static void
test_rfm_filtered (void)
{
  g_auto(Pair) pair;
  g_autoptr(McTable) all = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(McTable) website = NULL;
  g_autoptr(McPurchasesQuery) query = NULL;
  g_autoptr(GArray) in_memory = NULL;
  g_autoptr(GArray) on_server = NULL;
  g_autoptr(GError) error = NULL;
  const char *platform[] = { "Website", NULL };
  gint32 reference, server_reference;

  if (!pair_load (&pair, "AUTOMOTIVE"))
    return;
  all = mc_purchase_selection_new (pair.csv, NULL, 0);
  rows = rows_of_platform (all, platform[0]);
  g_assert_cmpuint (rows->len, >, 0);
  g_assert_cmpuint (rows->len, <, mc_table_get_n_rows (all));
  website = mc_purchase_selection_new (pair.csv, (const gsize *) rows->data, rows->len);
  in_memory = mc_rfm_compute_for (website, G_MININT32, &reference, &error);
  g_assert_no_error (error);
  query = mc_purchases_query_new (pair.database, NULL);
  g_assert_true (mc_purchases_query_add_filter (query, MC_PURCHASES_CHANNEL, MC_FILTER_EQUALS, platform));
  on_server = rfm_on_server (query, G_MININT32, &server_reference);
  g_assert_cmpint (server_reference, ==, reference);
  assert_same_rfm (in_memory, on_server);
}

static void
assert_same_months (GArray *a,
                    GArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint m = 0; m < a->len; m++)
    {
      const McMonth *x = &g_array_index (a, McMonth, m), *y = &g_array_index (b, McMonth, m);

      g_assert_cmpstr (x->month, ==, y->month);
      g_assert_cmpuint (x->orders, ==, y->orders);
      assert_close (x->revenue, y->revenue);
      assert_close (x->moving_average, y->moving_average);
      assert_close (x->year_over_year, y->year_over_year);
      g_assert_cmpuint (x->new_customers, ==, y->new_customers);
      g_assert_cmpuint (x->returning_customers, ==, y->returning_customers);
    }
}

static void
assert_same_cohorts (GArray *a,
                     GArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint c = 0; c < a->len; c++)
    {
      const McCohort *x = &g_array_index (a, McCohort, c), *y = &g_array_index (b, McCohort, c);

      g_assert_cmpstr (x->month, ==, y->month);
      g_assert_cmpuint (x->customers, ==, y->customers);
      assert_close (x->revenue, y->revenue);
      g_assert_cmpuint (x->retention->len, ==, y->retention->len);
      for (guint k = 0; k < x->retention->len; k++)
        assert_close (g_array_index (x->retention, double, k), g_array_index (y->retention, double, k));
    }
}

static void
assert_same_patterns (const McPatterns *a,
                      const McPatterns *b)
{
  g_assert_cmpint (a->has_hours, ==, b->has_hours);
  for (int day = 0; day < 7; day++)
    for (int hour = 0; hour < 24; hour++)
      {
        g_assert_cmpfloat (a->orders_by_weekday_hour[day][hour], ==, b->orders_by_weekday_hour[day][hour]);
        assert_close (a->revenue_by_weekday_hour[day][hour], b->revenue_by_weekday_hour[day][hour]);
        g_assert_cmpfloat (a->visits_by_weekday_hour[day][hour], ==, b->visits_by_weekday_hour[day][hour]);
      }
  g_assert_cmpint (a->has_visit_hours, ==, b->has_visit_hours);
  assert_same_months (a->months, b->months);
  assert_same_cohorts (a->cohorts, b->cohorts);
  g_assert_cmpuint (a->customers, ==, b->customers);
  g_assert_cmpuint (a->repeat_customers, ==, b->repeat_customers);
  assert_same_days (&a->days_between_orders, &b->days_between_orders);
  g_assert_cmpint (a->has_visits, ==, b->has_visits);
  if (a->has_visits)
    {
      assert_same_days (&a->days_to_first_order, &b->days_to_first_order);
      assert_same_funnel (a->funnel, b->funnel);
    }
}

/* What the patterns' queries bring back: their span, the months and
 * cohort cells with orders, the weekday × hour cells of orders and of
 * visits, one row of repeat figures and, with visits, the funnel's. */
static guint64
aggregate_rows (const McPatterns *patterns)
{
  guint64 rows = 2;

  for (guint m = 0; m < patterns->months->len; m++)
    rows += g_array_index (patterns->months, McMonth, m).orders > 0;
  for (guint c = 0; c < patterns->cohorts->len; c++)
    {
      GArray *retention = g_array_index (patterns->cohorts, McCohort, c).retention;

      for (guint k = 0; k < retention->len; k++)
        rows += g_array_index (retention, double, k) > 0;
    }
  for (int day = 0; day < 7; day++)
    for (int hour = 0; hour < 24; hour++)
      rows += (patterns->orders_by_weekday_hour[day][hour] > 0) + (patterns->visits_by_weekday_hour[day][hour] > 0);
  /* With visits, the funnel's stages and one row of days to the first
   * order: no visit, no buyer. */
  return rows + (patterns->has_visits ? patterns->funnel->len + 1 : 0);
}

static McPatterns *
patterns_on_server (McDataset        *dataset,
                    McPurchasesQuery *query)
{
  g_autoptr(GError) error = NULL;
  guint64 before = mc_server_rows_fetched ();
  g_autofree char *visits_in_memory = NULL;
  McPatterns *patterns = mc_patterns_sql_compute_query (dataset, query, NULL, &visits_in_memory, &error);

  g_assert_no_error (error);
  g_assert_null (visits_in_memory);
  g_assert_nonnull (patterns);
  g_assert_cmpuint (mc_server_rows_fetched () - before, ==, aggregate_rows (patterns));
  return patterns;
}

static void
test_patterns (gconstpointer data)
{
  g_auto(Pair) pair;
  g_autoptr(McPurchasesQuery) query = NULL;
  g_autoptr(McPatterns) in_memory = NULL;
  g_autoptr(McPatterns) on_server = NULL;
  g_autoptr(GError) error = NULL;
  guint64 fetched;

  if (!pair_load (&pair, data))
    return;
  in_memory = mc_patterns_compute (pair.csv, &error);
  g_assert_no_error (error);
  query = mc_purchases_query_new (pair.database, NULL);
  on_server = patterns_on_server (pair.database, query);
  g_assert_cmpuint (on_server->customers, >, 10);
  assert_same_patterns (in_memory, on_server);
  /* The dataset's own patterns are the server's, and came from it. */
  fetched = mc_server_rows_fetched ();
  assert_same_patterns (mc_analysis_for_dataset (pair.database)->patterns, on_server);
  g_assert_cmpuint (mc_server_rows_fetched () - fetched, >=, aggregate_rows (on_server));
}

/* A cross-filter on the platform: the patterns of that platform's
 * purchases, as the column store computes them for the filter. */
static void
test_patterns_filtered (void)
{
  g_auto(Pair) pair;
  g_autoptr(McTable) all = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(McTable) website = NULL;
  g_autoptr(McPurchasesQuery) query = NULL;
  g_autoptr(McPatterns) in_memory = NULL;
  g_autoptr(McPatterns) on_server = NULL;
  g_autoptr(GError) error = NULL;
  const char *platform[] = { "Website", NULL };

  if (!pair_load (&pair, "AUTOMOTIVE"))
    return;
  all = mc_purchase_selection_new (pair.csv, NULL, 0);
  rows = rows_of_platform (all, platform[0]);
  website = mc_purchase_selection_new (pair.csv, (const gsize *) rows->data, rows->len);
  in_memory = mc_patterns_compute_for (pair.csv, website, &error);
  g_assert_no_error (error);
  query = mc_purchases_query_new (pair.database, NULL);
  g_assert_true (mc_purchases_query_add_filter (query, MC_PURCHASES_CHANNEL, MC_FILTER_EQUALS, platform));
  on_server = patterns_on_server (pair.database, query);
  assert_same_patterns (in_memory, on_server);
}

/* The app's cross-filter: a chart's mark's conditions (as
 * mc-chart-filter.c makes them), its rows selected from the charts as
 * the session selects them, the filter's analysis of a database
 * computed on its server with the conditions as WHERE clauses. */

static void
add_condition (GPtrArray    *conditions,
               McRole        role,
               McTimeBucket  bucket,
               const char   *value)
{
  g_ptr_array_add (conditions, mc_purchases_condition_new (role, bucket, value));
}

static GPtrArray *
new_conditions (void)
{
  return g_ptr_array_new_with_free_func (mc_purchases_condition_free);
}

/* The analysis of DATASET filtered to CONDITIONS, through the session's
 * path: rows from the charts, and on a database the description of the
 * purchases with the conditions (unless IN_MEMORY). */
static McAnalysis *
filtered_analysis (McDataset *dataset,
                   GPtrArray *conditions,
                   gboolean   in_memory)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McPurchasesQuery) query = NULL;
  McChartData *charts = mc_chart_data_new_for (dataset, mc_analysis_for_dataset (dataset));
  g_autofree gsize *rows = NULL;
  McAnalysis *analysis;
  gsize n_rows;

  rows = mc_chart_data_select (charts, conditions, &n_rows, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, >, 0);
  mc_chart_data_free (charts);
  if (!in_memory)
    query = mc_analysis_sql_filter_query (dataset, conditions);
  analysis = mc_analysis_new_for_query (dataset, query, rows, n_rows, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return analysis;
}

static void
assert_same_sales (const McSalesMetrics *a,
                   const McSalesMetrics *b)
{
  assert_close (a->revenue, b->revenue);
  g_assert_cmpuint (a->orders, ==, b->orders);
  g_assert_cmpuint (a->customers, ==, b->customers);
  assert_close (a->aov, b->aov);
  assert_close (a->units, b->units);
  assert_close (a->list_total, b->list_total);
  assert_close (a->discount, b->discount);
  g_assert_cmpuint (a->reviews, ==, b->reviews);
  assert_close (a->review_mean, b->review_mean);
  assert_close (a->repeat_purchase_rate, b->repeat_purchase_rate);
  assert_close (a->clv_historic, b->clv_historic);
  assert_close (a->purchase_frequency, b->purchase_frequency);
  assert_close (a->clv_predictive, b->clv_predictive);
}

static void
assert_same_groups (GArray *a,
                    GArray *b)
{
  g_assert_true ((a == NULL) == (b == NULL));
  g_assert_cmpuint (a != NULL ? a->len : 0, ==, b != NULL ? b->len : 0);
  for (guint g = 0; a != NULL && g < a->len; g++)
    {
      g_assert_cmpstr (g_array_index (a, McMetricsGroup, g).key, ==, g_array_index (b, McMetricsGroup, g).key);
      assert_same_sales (&g_array_index (a, McMetricsGroup, g).sales, &g_array_index (b, McMetricsGroup, g).sales);
    }
}

static void
assert_same_metrics (const McMetrics *a,
                     const McMetrics *b)
{
  assert_same_sales (&a->overall, &b->overall);
  assert_same_groups (a->by_platform, b->by_platform);
  assert_same_groups (a->by_month, b->by_month);
  assert_same_groups (a->by_product_type, b->by_product_type);
  assert_same_groups (a->by_currency, b->by_currency);
  assert_close (a->span_years, b->span_years);
  g_assert_cmpuint (a->outlying_days, ==, b->outlying_days);
  assert_same_visit_metrics (a, b);
  g_assert_cmpstr (a->currency, ==, b->currency);
}

static void
assert_same_analysis (const McAnalysis *a,
                      const McAnalysis *b)
{
  assert_same_metrics (a->metrics, b->metrics);
  g_assert_true ((a->platforms == NULL) == (b->platforms == NULL));
  if (a->platforms != NULL)
    assert_same_platforms (a->platforms, b->platforms);
  g_assert_cmpint (a->reference_day, ==, b->reference_day);
  g_assert_true ((a->rfm == NULL) == (b->rfm == NULL));
  if (a->rfm != NULL)
    assert_same_rfm (a->rfm, b->rfm);
  g_assert_true ((a->rfm_before == NULL) == (b->rfm_before == NULL));
  if (a->rfm_before != NULL)
    assert_same_rfm (a->rfm_before, b->rfm_before);
  g_assert_true ((a->patterns == NULL) == (b->patterns == NULL));
  if (a->patterns != NULL)
    assert_same_patterns (a->patterns, b->patterns);
  g_assert_cmpint (a->trend_bucket, ==, b->trend_bucket);
}

/* The CSV files' filter in memory, and the database's on its server:
 * the same figures, aggregates fetched from the server (RFM's one row
 * per customer, the patterns' cells), none on the database's filter
 * computed in memory. */
static void
assert_filter_on_server (Pair      *pair,
                         GPtrArray *conditions)
{
  g_autoptr(McAnalysis) csv = filtered_analysis (pair->csv, conditions, FALSE);
  g_autoptr(McAnalysis) in_memory = NULL;
  g_autoptr(McAnalysis) on_server = NULL;
  const McAnalysis *whole = mc_analysis_for_dataset (pair->database);
  guint64 before;

  g_assert_false (csv->metrics->pushed_down);
  /* The whole's analysis (the charts') was fetched above; the filter's
   * rows in memory fetch nothing more. */
  before = mc_server_rows_fetched ();
  in_memory = filtered_analysis (pair->database, conditions, TRUE);
  g_assert_cmpuint (mc_server_rows_fetched (), ==, before);
  g_assert_false (in_memory->metrics->pushed_down);
  on_server = filtered_analysis (pair->database, conditions, FALSE);
  g_assert_true (on_server->metrics->pushed_down);
  g_assert_true (pg_test_says (on_server->metrics, "The filter's figures were computed on the database's server"));
  g_assert_false (pg_test_says (on_server->metrics, "computed in memory, not on"));
  g_assert_cmpuint (mc_server_rows_fetched () - before, >=,
                    (on_server->rfm != NULL ? on_server->rfm->len : 0) + aggregate_rows (on_server->patterns)
                    + (on_server->platforms != NULL ? on_server->platforms->platforms->len : 0));
  assert_same_analysis (csv, on_server);
  assert_same_analysis (in_memory, on_server);
  /* Fewer purchases than the whole's: the filter was applied. */
  g_assert_cmpuint (on_server->metrics->overall.orders, <, whole->metrics->overall.orders);
}

/* A platform, a product type on it (a bar of type by platform), a month
 * (a point of the sales trend). */
static void
test_filter (gconstpointer data)
{
  g_auto(Pair) pair;
  g_autoptr(GPtrArray) platform = new_conditions ();
  g_autoptr(GPtrArray) bar = new_conditions ();
  g_autoptr(GPtrArray) month = new_conditions ();
  const McAnalysis *whole;
  const McCrosstab *crosstab;
  GArray *by_month;

  if (!pair_load (&pair, data))
    return;
  whole = mc_analysis_for_dataset (pair.csv);
  crosstab = whole->platforms->crosstab;
  add_condition (platform, MC_ROLE_CHANNEL, MC_BUCKET_NONE, g_ptr_array_index (crosstab->column_labels, 0));
  assert_filter_on_server (&pair, platform);
  add_condition (bar, MC_ROLE_CHANNEL, MC_BUCKET_NONE, g_ptr_array_index (crosstab->column_labels, 0));
  add_condition (bar, MC_ROLE_CATEGORY, MC_BUCKET_NONE, g_ptr_array_index (crosstab->row_labels, 0));
  assert_filter_on_server (&pair, bar);
  by_month = whole->metrics->by_month;
  add_condition (month, MC_ROLE_EVENT_TIME, MC_BUCKET_MONTH,
                 g_array_index (by_month, McMetricsGroup, by_month->len / 2).key);
  assert_filter_on_server (&pair, month);
}

/* A weekday is no condition the purchases' SQL says: the filter's
 * figures come from memory, the same as the CSV files', and say why. */
static void
test_filter_in_memory (void)
{
  g_auto(Pair) pair;
  g_autoptr(GPtrArray) weekday = new_conditions ();
  g_autoptr(McAnalysis) csv = NULL;
  g_autoptr(McAnalysis) database = NULL;
  g_autofree char *monday = mc_time_bucket_label (MC_BUCKET_WEEKDAY, 0);

  if (!pair_load (&pair, "AUTOMOTIVE"))
    return;
  add_condition (weekday, MC_ROLE_EVENT_TIME, MC_BUCKET_WEEKDAY, monday);
  csv = filtered_analysis (pair.csv, weekday, FALSE);
  database = filtered_analysis (pair.database, weekday, FALSE);
  g_assert_false (database->metrics->pushed_down);
  g_assert_true (pg_test_says (database->metrics,
                               "The filter's figures were computed in memory, not on the database's server"));
  g_assert_true (pg_test_says (database->metrics, monday));
  assert_same_analysis (csv, database);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/Mercato/PgAnalyses/platforms/automotive", "AUTOMOTIVE", test_platforms);
  g_test_add_data_func ("/Mercato/PgAnalyses/platforms/generated", "GENERATED", test_platforms);
  g_test_add_func ("/Mercato/PgAnalyses/platforms/filtered", test_platforms_filtered);
  g_test_add_data_func ("/Mercato/PgAnalyses/rfm/automotive", "AUTOMOTIVE", test_rfm);
  g_test_add_data_func ("/Mercato/PgAnalyses/rfm/generated", "GENERATED", test_rfm);
  g_test_add_data_func ("/Mercato/PgAnalyses/rfm/olist", "OLIST", test_rfm);
  g_test_add_data_func ("/Mercato/PgAnalyses/rfm/online-retail", "RETAIL", test_rfm);
  g_test_add_func ("/Mercato/PgAnalyses/rfm/filtered", test_rfm_filtered);
  g_test_add_data_func ("/Mercato/PgAnalyses/patterns/automotive", "AUTOMOTIVE", test_patterns);
  g_test_add_data_func ("/Mercato/PgAnalyses/patterns/generated", "GENERATED", test_patterns);
  g_test_add_data_func ("/Mercato/PgAnalyses/patterns/olist", "OLIST", test_patterns);
  g_test_add_data_func ("/Mercato/PgAnalyses/patterns/online-retail", "RETAIL", test_patterns);
  g_test_add_func ("/Mercato/PgAnalyses/patterns/filtered", test_patterns_filtered);
  g_test_add_data_func ("/Mercato/PgAnalyses/filter/automotive", "AUTOMOTIVE", test_filter);
  g_test_add_data_func ("/Mercato/PgAnalyses/filter/generated", "GENERATED", test_filter);
  g_test_add_func ("/Mercato/PgAnalyses/filter/in-memory", test_filter_in_memory);

  return g_test_run ();
}
