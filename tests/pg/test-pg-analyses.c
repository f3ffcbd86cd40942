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
#include "mc-model.h"
#include "mc-patterns-sql.h"
#include "mc-platforms-sql.h"
#include "mc-purchase-selection.h"
#include "mc-rfm-sql.h"
#include "mc-server-run.h"
#include "pg-test.h"

typedef struct
{
  McDataset *csv;
  McDataset *database;
} Pair;

/* The database NAME and its CSV files, loaded; FALSE (skipped) when
 * run-pg-tests.sh did not name them. */
static gboolean
pair_load (Pair       *pair,
           const char *name)
{
  g_autofree char *uri_variable = g_strdup_printf ("MERCATO_PG_%s_URI", name);
  g_autofree char *csv_variable = g_strdup_printf ("MERCATO_PG_%s_CSV", name);
  const char *paths[] = { g_getenv (csv_variable), NULL };
  g_autoptr(GError) error = NULL;

  *pair = (Pair) { NULL };
  if (paths[0] == NULL)
    {
      g_test_skip_printf ("%s is not set: run tests/pg/run-pg-tests.sh", csv_variable);
      return FALSE;
    }
  if ((pair->database = pg_test_load_or_skip (uri_variable)) == NULL)
    return FALSE;
  pair->csv = mc_dataset_load (paths, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return TRUE;
}

static void
pair_clear (Pair *pair)
{
  g_clear_object (&pair->csv);
  g_clear_object (&pair->database);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Pair, pair_clear)

static void
assert_close (double a,
              double b)
{
  if (isnan (a) || isnan (b))
    g_assert_true (isnan (a) && isnan (b));
  else
    g_assert_cmpfloat_with_epsilon (a, b, 1e-9 * MAX (1.0, MAX (fabs (a), fabs (b))));
}

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

/* The purchases of SELECTION whose channel is PLATFORM, as rows of it. */
static GArray *
rows_of_platform (McTable    *selection,
                  const char *platform)
{
  McColumn *channel = mc_table_find_role (selection, MC_ROLE_CHANNEL);
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (gsize));

  for (gsize r = 0; r < mc_table_get_n_rows (selection); r++)
    {
      g_autofree char *value = mc_column_format_value (channel, r);

      if (g_strcmp0 (value, platform) == 0)
        g_array_append_val (rows, r);
    }
  return rows;
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
assert_same_days (const McDays *a,
                  const McDays *b)
{
  g_assert_cmpuint (a->n, ==, b->n);
  assert_close (a->mean, b->mean);
  assert_close (a->p25, b->p25);
  assert_close (a->median, b->median);
  assert_close (a->p75, b->p75);
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
assert_same_funnel (GArray *a,
                    GArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint s = 0; s < a->len; s++)
    {
      const McFunnelStage *x = &g_array_index (a, McFunnelStage, s), *y = &g_array_index (b, McFunnelStage, s);

      g_assert_cmpstr (x->stage, ==, y->stage);
      g_assert_cmpuint (x->customers, ==, y->customers);
      assert_close (x->share, y->share);
      assert_close (x->visits_to_order, y->visits_to_order);
      assert_close (x->days_from_first_visit, y->days_from_first_visit);
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
 * cohort cells with orders, the weekday × hour cells, one row of repeat
 * figures and, with visits, one row per buyer. */
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
      rows += patterns->orders_by_weekday_hour[day][hour] > 0;
  return rows + (patterns->has_visits ? patterns->customers : 0);
}

static McPatterns *
patterns_on_server (McDataset        *dataset,
                    McPurchasesQuery *query)
{
  g_autoptr(GError) error = NULL;
  guint64 before = mc_server_rows_fetched ();
  McPatterns *patterns = mc_patterns_sql_compute_query (dataset, query, NULL, &error);

  g_assert_no_error (error);
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

  return g_test_run ();
}
