/* test-analysis-filter.c: a filter's analysis is that of a dataset of only its rows
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mc_analysis_new() filters the one analysis to a selection of the
 * purchases' rows. For every filter kind (channel, product type, month,
 * segment, a combination) its figures must be those the old way gives:
 * a dataset made of only those rows, its purchases derived again and
 * analysed from scratch; and the unfiltered analysis (the selection of
 * every row) must be the dataset's own.
 */
#include <math.h>

#include "mc-model.h"
#include "mc-analysis.h"
#include "mc-query.h"
#include "mc-taking-part.h"
#include "mc-visit-index.h"
#include "test-common.h"

/* To the cent. */
static void
assert_money (double expected,
              double value)
{
  g_assert_cmpint (llround (expected * 100), ==, llround (value * 100));
}

static void
assert_ratio (double expected,
              double value)
{
  if (isnan (expected))
    g_assert_true (isnan (value));
  else
    g_assert_cmpfloat_with_epsilon (expected, value, 1e-9);
}

static void
assert_same_sales (const McSalesMetrics *expected,
                   const McSalesMetrics *m)
{
  assert_money (expected->revenue, m->revenue);
  g_assert_cmpuint (expected->orders, ==, m->orders);
  g_assert_cmpuint (expected->customers, ==, m->customers);
  assert_money (expected->aov, m->aov);
  assert_money (expected->list_total, m->list_total);
  assert_money (expected->discount, m->discount);
  g_assert_cmpuint (expected->reviews, ==, m->reviews);
  assert_ratio (expected->review_mean, m->review_mean);
  assert_ratio (expected->repeat_purchase_rate, m->repeat_purchase_rate);
  assert_money (expected->clv_historic, m->clv_historic);
  assert_ratio (expected->purchase_frequency, m->purchase_frequency);
}

static void
assert_same_groups (GArray *expected,
                    GArray *groups)
{
  g_assert_true ((expected == NULL) == (groups == NULL));
  if (expected == NULL)
    return;
  g_assert_cmpuint (expected->len, ==, groups->len);
  for (guint g = 0; g < expected->len; g++)
    {
      g_assert_cmpstr (g_array_index (expected, McMetricsGroup, g).key, ==, g_array_index (groups, McMetricsGroup, g).key);
      assert_same_sales (&g_array_index (expected, McMetricsGroup, g).sales, &g_array_index (groups, McMetricsGroup, g).sales);
    }
}

static void
assert_same_visits (const McVisitMetrics *expected,
                    const McVisitMetrics *m)
{
  g_assert_cmpuint (expected->visits, ==, m->visits);
  g_assert_cmpuint (expected->visitors, ==, m->visitors);
  assert_ratio (expected->conversion_rate, m->conversion_rate);
  assert_ratio (expected->purchasing_visit_rate, m->purchasing_visit_rate);
  assert_ratio (expected->mean_minutes, m->mean_minutes);
  assert_ratio (expected->median_minutes, m->median_minutes);
  assert_ratio (expected->repeat_visit_rate, m->repeat_visit_rate);
}

static void
assert_same_metrics (const McMetrics *expected,
                     const McMetrics *m)
{
  assert_same_sales (&expected->overall, &m->overall);
  assert_ratio (expected->span_years, m->span_years);
  g_assert_cmpint (expected->has_visits, ==, m->has_visits);
  if (expected->has_visits)
    {
      assert_same_visits (&expected->visits, &m->visits);
      g_assert_cmpuint (expected->visits_by_month->len, ==, m->visits_by_month->len);
      for (guint g = 0; g < expected->visits_by_month->len; g++)
        assert_same_visits (&g_array_index (expected->visits_by_month, McVisitGroup, g).visits,
                            &g_array_index (m->visits_by_month, McVisitGroup, g).visits);
    }
  assert_same_groups (expected->by_platform, m->by_platform);
  assert_same_groups (expected->by_month, m->by_month);
  assert_same_groups (expected->by_product_type, m->by_product_type);
  assert_same_groups (expected->by_currency, m->by_currency);
}

static void
assert_same_days (const McDays *expected,
                  const McDays *days)
{
  g_assert_cmpuint (expected->n, ==, days->n);
  assert_ratio (expected->mean, days->mean);
  assert_ratio (expected->median, days->median);
}

static void
assert_same_patterns (const McPatterns *expected,
                      const McPatterns *p)
{
  g_assert_true ((expected == NULL) == (p == NULL));
  if (expected == NULL)
    return;
  g_assert_cmpuint (expected->months->len, ==, p->months->len);
  for (guint m = 0; m < expected->months->len; m++)
    {
      const McMonth *x = &g_array_index (expected->months, McMonth, m), *y = &g_array_index (p->months, McMonth, m);

      g_assert_cmpstr (x->month, ==, y->month);
      g_assert_cmpuint (x->orders, ==, y->orders);
      assert_money (x->revenue, y->revenue);
      g_assert_cmpuint (x->new_customers, ==, y->new_customers);
      g_assert_cmpuint (x->returning_customers, ==, y->returning_customers);
    }
  g_assert_cmpuint (expected->cohorts->len, ==, p->cohorts->len);
  g_assert_cmpuint (expected->repeat_customers, ==, p->repeat_customers);
  assert_same_days (&expected->days_between_orders, &p->days_between_orders);
  g_assert_cmpint (expected->has_visits, ==, p->has_visits);
  assert_same_days (&expected->days_to_first_order, &p->days_to_first_order);
  for (int d = 0; d < 7; d++)
    for (int h = 0; h < 24; h++)
      {
        assert_money (expected->revenue_by_weekday_hour[d][h], p->revenue_by_weekday_hour[d][h]);
        g_assert_cmpfloat (expected->visits_by_weekday_hour[d][h], ==, p->visits_by_weekday_hour[d][h]);
      }
  g_assert_true ((expected->funnel == NULL) == (p->funnel == NULL));
  for (guint s = 0; expected->funnel != NULL && s < expected->funnel->len; s++)
    {
      const McFunnelStage *x = &g_array_index (expected->funnel, McFunnelStage, s);
      const McFunnelStage *y = &g_array_index (p->funnel, McFunnelStage, s);

      g_assert_cmpstr (x->stage, ==, y->stage);
      g_assert_cmpuint (x->customers, ==, y->customers);
      assert_ratio (x->visits_to_order, y->visits_to_order);
      assert_ratio (x->days_from_first_visit, y->days_from_first_visit);
    }
}

static void
assert_same_rfm (GArray *expected,
                 GArray *rows)
{
  g_assert_true ((expected == NULL) == (rows == NULL));
  g_assert_cmpuint (expected->len, ==, rows->len);
  for (guint i = 0; i < expected->len; i++)
    {
      const McRfmRow *x = &g_array_index (expected, McRfmRow, i), *y = &g_array_index (rows, McRfmRow, i);

      g_assert_cmpstr (x->customer, ==, y->customer);
      g_assert_cmpint (x->recency_days, ==, y->recency_days);
      g_assert_cmpuint (x->frequency, ==, y->frequency);
      assert_money (x->monetary, y->monetary);
      g_assert_cmpstr (x->segment, ==, y->segment);
    }
}

static void
assert_same_platforms (const McPlatformAnalysis *expected,
                       const McPlatformAnalysis *p)
{
  g_assert_true ((expected == NULL) == (p == NULL));
  if (expected == NULL)
    return;
  g_assert_cmpuint (expected->platforms->len, ==, p->platforms->len);
  for (guint i = 0; i < expected->platforms->len; i++)
    {
      const McPlatformSummary *x = &g_array_index (expected->platforms, McPlatformSummary, i);
      const McPlatformSummary *y = &g_array_index (p->platforms, McPlatformSummary, i);

      g_assert_cmpstr (x->platform, ==, y->platform);
      g_assert_cmpuint (x->sales, ==, y->sales);
      assert_money (x->revenue, y->revenue);
    }
  g_assert_cmpuint (expected->statements->len, ==, p->statements->len);
  for (guint i = 0; i < expected->statements->len; i++)
    g_assert_cmpstr (g_ptr_array_index (expected->statements, i), ==, g_ptr_array_index (p->statements, i));
}

/* The purchases' rows whose ROLE value (in BUCKET) is VALUE, among KEEP. */
static void
keep_only (McDataset    *dataset,
           gboolean     *keep,
           McRole        role,
           McTimeBucket  bucket,
           const char   *value)
{
  McTable *purchases = mc_model_find_purchases (dataset);
  gsize n = mc_table_get_n_rows (purchases);
  McKeyCodes codes;

  mc_key_codes_init (&codes, (McColumnRef) { mc_table_find_role (purchases, role), NULL }, bucket, n);
  for (gsize r = 0; r < n; r++)
    keep[r] = keep[r] && codes.codes[r] != MC_NO_CODE && g_str_equal (g_ptr_array_index (codes.labels, codes.codes[r]), value);
  mc_key_codes_clear (&codes);
}

/* The Tables page's rows taking part in ROWS, from the selection, are
 * those of the old way: the relations followed from a dataset of only
 * those rows (OLD). */
static void
assert_same_taking_part (McDataset   *dataset,
                         McDataset   *old,
                         const gsize *rows,
                         gsize        n_rows)
{
  g_autoptr(McDataset) expected = mc_dataset_new_taking_part (old, dataset);
  g_autoptr(McDataset) listed = mc_taking_part_new (dataset, rows, n_rows);

  g_assert_cmpuint (mc_dataset_get_n_tables (listed), ==, mc_dataset_get_n_tables (expected));
  for (guint t = 0; t < mc_dataset_get_n_tables (expected); t++)
    {
      g_assert_cmpuint (mc_table_get_n_rows (mc_dataset_get_table (listed, t)), ==,
                        mc_table_get_n_rows (mc_dataset_get_table (expected, t)));
      assert_same_values (mc_dataset_get_table (expected, t), mc_dataset_get_table (listed, t));
    }
}

/* The filtered analysis of ROWS against the old way: a dataset of only
 * those rows, worked out afresh. */
static McAnalysis *
check_filter (McDataset  *dataset,
              gboolean   *keep)
{
  McTable *purchases = mc_model_find_purchases (dataset);
  gsize n = mc_table_get_n_rows (purchases), kept = 0;
  g_autofree gsize *rows = g_new (gsize, MAX (n, 1));
  g_autoptr(McDataset) old = NULL;
  g_autoptr(McMetrics) metrics = NULL;
  g_autoptr(McPatterns) patterns = NULL;
  g_autoptr(McPlatformAnalysis) platforms = NULL;
  g_autoptr(GArray) rfm = NULL;
  g_autoptr(GArray) rfm_before = NULL;
  McAnalysis *analysis;
  gint32 day = 0, ignored;

  for (gsize r = 0; r < n; r++)
    if (keep[r])
      rows[kept++] = r;
  g_assert_cmpuint (kept, >, 0);
  g_assert_cmpuint (kept, <, n);
  analysis = mc_analysis_new (dataset, rows, kept);
  old = mc_dataset_new_with_rows (dataset, mc_dataset_lookup_table (dataset, mc_table_get_name (purchases)), rows, kept);
  g_assert_cmpuint (mc_table_get_n_rows (mc_model_find_purchases (old)), ==, kept);
  assert_same_taking_part (dataset, old, rows, kept);
  metrics = mc_metrics_compute (old, NULL);
  patterns = mc_patterns_compute (old, NULL);
  platforms = mc_platform_analysis_compute (old, NULL);
  rfm = mc_rfm_compute (old, G_MININT32, &day, NULL);
  assert_same_metrics (metrics, analysis->metrics);
  assert_same_patterns (patterns, analysis->patterns);
  assert_same_platforms (platforms, analysis->platforms);
  assert_same_rfm (rfm, analysis->rfm);
  g_assert_cmpint (day, ==, analysis->reference_day);
  rfm_before = mc_rfm_compute (old, day - MC_ANALYSIS_MOVEMENT_DAYS, &ignored, NULL);
  g_assert_true ((rfm_before == NULL) == (analysis->rfm_before == NULL));
  if (rfm_before != NULL)
    assert_same_rfm (rfm_before, analysis->rfm_before);
  return analysis;
}

typedef struct
{
  McRole        role;
  McTimeBucket  bucket;
  const char   *value;
} Condition;

static McAnalysis *
check_conditions (McDataset       *dataset,
                  const Condition *conditions,
                  guint            n_conditions)
{
  gsize n = mc_table_get_n_rows (mc_model_find_purchases (dataset));
  g_autofree gboolean *keep = g_new (gboolean, n);

  for (gsize r = 0; r < n; r++)
    keep[r] = TRUE;
  for (guint i = 0; i < n_conditions; i++)
    keep_only (dataset, keep, conditions[i].role, conditions[i].bucket, conditions[i].value);
  return check_filter (dataset, keep);
}

/* A segment: the purchases of the customers RFM puts in it. */
static void
check_segment (McDataset  *dataset,
               const char *segment)
{
  const McAnalysis *whole = mc_analysis_for_dataset (dataset);
  McTable *purchases = mc_model_find_purchases (dataset);
  McColumn *customer = mc_table_find_role (purchases, MC_ROLE_CUSTOMER_ID);
  gsize n = mc_table_get_n_rows (purchases);
  g_autoptr(GHashTable) members = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree gboolean *keep = g_new0 (gboolean, n);
  g_autoptr(McAnalysis) analysis = NULL;

  for (guint i = 0; i < whole->rfm->len; i++)
    if (g_str_equal (g_array_index (whole->rfm, McRfmRow, i).segment, segment))
      g_hash_table_add (members, g_array_index (whole->rfm, McRfmRow, i).customer);
  g_assert_cmpuint (g_hash_table_size (members), >, 0);
  for (gsize r = 0; r < n; r++)
    {
      g_autofree char *id = mc_column_format_key (customer, r);

      keep[r] = id != NULL && g_hash_table_contains (members, id);
    }
  analysis = check_filter (dataset, keep);
}

/* Every filter kind on DATASET, whose values name a platform, a type
 * and a month of it. */
static void
check_every_kind (McDataset  *dataset,
                  const char *platform,
                  const char *type,
                  const char *month,
                  const char *segment)
{
  const Condition channel = { MC_ROLE_CHANNEL, MC_BUCKET_NONE, platform };
  const Condition category = { MC_ROLE_CATEGORY, MC_BUCKET_NONE, type };
  const Condition in_month = { MC_ROLE_EVENT_TIME, MC_BUCKET_MONTH, month };
  const Condition all[] = { channel, category, in_month };
  g_autoptr(McAnalysis) by_channel = check_conditions (dataset, &channel, 1);
  g_autoptr(McAnalysis) by_type = check_conditions (dataset, &category, 1);
  g_autoptr(McAnalysis) by_month = check_conditions (dataset, &in_month, 1);
  g_autoptr(McAnalysis) by_two = check_conditions (dataset, all, 2);
  g_autoptr(McAnalysis) by_all = check_conditions (dataset, all, 3);

  check_segment (dataset, segment);
  /* A month's trends are counted by day; a year's by month. */
  g_assert_cmpint (by_month->trend_bucket, ==, MC_BUCKET_DAY);
  g_assert_cmpint (by_channel->trend_bucket, ==, MC_BUCKET_MONTH);
  g_assert_cmpint (mc_analysis_for_dataset (dataset)->trend_bucket, ==, MC_BUCKET_MONTH);
}

/* Worked out by hand from tests/fixtures/dataset/automotive. */
static void
test_fixture_by_hand (void)
{
  g_autoptr(McDataset) dataset = load_test_dataset ("dataset", "automotive", NULL);
  const Condition website = { MC_ROLE_CHANNEL, MC_BUCKET_NONE, "Website" };
  const Condition both[] = { website, { MC_ROLE_CATEGORY, MC_BUCKET_NONE, "Electric" } };
  g_autoptr(McAnalysis) web = check_conditions (dataset, &website, 1);
  g_autoptr(McAnalysis) web_electric = check_conditions (dataset, both, 2);

  /* 27000 + 24000 + 26000 + 27900 + 25000, five orders of four customers. */
  assert_money (129900, web->metrics->overall.revenue);
  g_assert_cmpuint (web->metrics->overall.orders, ==, 5);
  g_assert_cmpuint (web->metrics->overall.customers, ==, 4);
  g_assert_cmpuint (web->metrics->by_platform->len, ==, 1);
  /* Three Leafs listed at 28000, sold for 27000 + 26000 + 27900. */
  assert_money (80900, web_electric->metrics->overall.revenue);
  assert_money (84000, web_electric->metrics->overall.list_total);
  assert_money (3100, web_electric->metrics->overall.discount);
}

static gsize
listed_rows (McDataset  *listed,
             const char *table)
{
  return mc_table_get_n_rows (mc_dataset_lookup_table (listed, table));
}

/* The rows taking part in the Website's sales, counted by hand in
 * tests/fixtures/dataset/automotive: sales 1, 4, 6, 8 and 10; the Leaf
 * and the Golf they bought; Ann, Dee and Bob (customer 9… of sale 10 is
 * no user); the one visit that bought (sale 1's). And nothing is cut
 * when every sale is selected. */
static void
test_taking_part_by_hand (void)
{
  g_autoptr(McDataset) dataset = load_test_dataset ("dataset", "automotive", NULL);
  const gsize website[] = { 0, 3, 5, 7, 9 };
  const gsize leafs_on_website[] = { 0, 5, 7 };
  const gsize every[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 };
  g_autoptr(McDataset) web = mc_taking_part_new (dataset, website, G_N_ELEMENTS (website));
  g_autoptr(McDataset) leafs = mc_taking_part_new (dataset, leafs_on_website, G_N_ELEMENTS (leafs_on_website));
  g_autoptr(McDataset) all = mc_taking_part_new (dataset, every, G_N_ELEMENTS (every));
  g_autofree char *first = mc_column_format_key (mc_table_lookup_column (mc_dataset_lookup_table (web, "users"),
                                                                         "user_first_name"), 0);

  g_assert_cmpuint (listed_rows (web, "sales"), ==, 5);
  g_assert_cmpuint (listed_rows (web, "cars"), ==, 2);
  g_assert_cmpuint (listed_rows (web, "users"), ==, 3);
  g_assert_cmpstr (first, ==, "Ann");
  g_assert_cmpuint (listed_rows (web, "visits"), ==, 1);
  g_assert_cmpuint (listed_rows (leafs, "sales"), ==, 3);
  g_assert_cmpuint (listed_rows (leafs, "cars"), ==, 1);
  g_assert_cmpuint (listed_rows (leafs, "users"), ==, 3);
  g_assert_cmpuint (listed_rows (all, "users"), ==, 4);
  g_assert_cmpuint (listed_rows (all, "visits"), ==, 6);
}

static void
test_fixture_every_kind (void)
{
  g_autoptr(McDataset) dataset = load_test_dataset ("dataset", "automotive", NULL);
  const McAnalysis *whole = mc_analysis_for_dataset (dataset);

  check_every_kind (dataset, "Website", "Electric", "2023-01", g_array_index (whole->rfm, McRfmRow, 0).segment);
}

static void
test_sample_every_kind (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("MERCATO_SOURCE_ROOT"), "app", "sample", "automotive", NULL);
  g_autoptr(McDataset) dataset = load_dataset_at (path);

  check_every_kind (dataset, "Dealership", "Electric", "2022-03", "Champions");
}

/* Every purchase selected is the dataset's own analysis, to the bit. */
static void
test_everything_is_unfiltered (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("MERCATO_SOURCE_ROOT"), "app", "sample", "automotive", NULL);
  g_autoptr(McDataset) dataset = load_dataset_at (path);
  gsize n = mc_table_get_n_rows (mc_model_find_purchases (dataset));
  g_autofree gsize *rows = g_new (gsize, n);
  g_autoptr(McAnalysis) everything = NULL;
  const McAnalysis *whole = mc_analysis_for_dataset (dataset);

  for (gsize r = 0; r < n; r++)
    rows[r] = r;
  everything = mc_analysis_new (dataset, rows, n);
  g_assert_cmpfloat (everything->metrics->overall.revenue, ==, whole->metrics->overall.revenue);
  g_assert_cmpfloat (everything->metrics->visits.conversion_rate, ==, whole->metrics->visits.conversion_rate);
  assert_same_metrics (whole->metrics, everything->metrics);
  assert_same_patterns (whole->patterns, everything->patterns);
  assert_same_rfm (whole->rfm, everything->rfm);
  /* The visits are read once for both. */
  g_assert_true (mc_visit_index_for_dataset (dataset) == mc_visit_index_for_dataset (dataset));
}

static void
cancel_on_progress_cb (double      fraction,
                       const char *stage,
                       gpointer    user_data)
{
  g_cancellable_cancel (user_data);
}

/* A filter superseded while its analysis is worked out stops: cancelled
 * before it starts or mid-way (after the visits, before the figures of
 * the purchases), it returns G_IO_ERROR_CANCELLED and no analysis; not
 * cancelled, it is mc_analysis_new()'s. */
static void
test_cancelled (void)
{
  g_autoptr(McDataset) dataset = load_test_dataset ("dataset", "automotive", NULL);
  const gsize website[] = { 0, 3, 5, 7, 9 };
  g_autoptr(GCancellable) before = g_cancellable_new ();
  g_autoptr(GCancellable) midway = g_cancellable_new ();
  g_autoptr(GCancellable) never = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(McAnalysis) analysis = NULL;

  g_cancellable_cancel (before);
  g_assert_null (mc_analysis_new_full (dataset, website, G_N_ELEMENTS (website), NULL, NULL, before, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  g_assert_null (mc_analysis_new_full (dataset, website, G_N_ELEMENTS (website), cancel_on_progress_cb, midway, midway,
                                       &error));
  g_assert_true (g_cancellable_is_cancelled (midway));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  analysis = mc_analysis_new_full (dataset, website, G_N_ELEMENTS (website), NULL, NULL, never, &error);
  g_assert_no_error (error);
  g_assert_nonnull (analysis);
  assert_money (129900, analysis->metrics->overall.revenue);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/analysis-filter/fixture-by-hand", test_fixture_by_hand);
  g_test_add_func ("/analysis-filter/taking-part-by-hand", test_taking_part_by_hand);
  g_test_add_func ("/analysis-filter/cancelled", test_cancelled);
  g_test_add_func ("/analysis-filter/fixture-every-kind", test_fixture_every_kind);
  g_test_add_func ("/analysis-filter/sample-every-kind", test_sample_every_kind);
  g_test_add_func ("/analysis-filter/everything-is-unfiltered", test_everything_is_unfiltered);
  return g_test_run ();
}
