/* test-metrics.c: business metrics of the automotive fixture, by hand
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tests/fixtures/dataset/automotive: ten sales of five customers from
 * 2023-01-05 to 2023-10-05 (274 days, both counted); two cars, the Leaf
 * (Electric, list 28000) and the Golf (Gasoline, list 25000).
 *   revenue 27000+24500+27500+24000+25000+26000+24800+27900+28000+25000
 *         = 259700; ten orders, AOV 25970
 *   list prices 5 × 28000 + 5 × 25000 = 265000 → discount 5300, rate 0.02
 *   reviews 5 4 3 2 → mean 3.5
 *   orders per customer 3 2 2 2 1 → repeat purchase rate 4/5
 *   visits: six by four visitors (all of whom bought); two carry a
 *   transaction id; durations 10, 39.99583 (from 11:00:00.25), 30, 60, 20
 *   minutes, the sixth ends before it starts and is left out.
 */
#include <math.h>

#include "mc-metrics.h"
#include "mc-model.h"
#include "test-common.h"

static McMetrics *
compute (void)
{
  g_autoptr(McDataset) dataset = load_test_dataset ("dataset", "automotive", NULL);
  g_autoptr(GError) error = NULL;
  McMetrics *metrics = mc_metrics_compute (dataset, &error);

  g_assert_no_error (error);
  return metrics;
}

static const McSalesMetrics *
find_group (GArray     *groups,
            const char *key)
{
  g_assert_nonnull (groups);
  for (guint g = 0; g < groups->len; g++)
    if (g_str_equal (g_array_index (groups, McMetricsGroup, g).key, key))
      return &g_array_index (groups, McMetricsGroup, g).sales;
  g_error ("no group %s", key);
}

static void
test_overall (void)
{
  g_autoptr(McMetrics) metrics = compute ();
  const McSalesMetrics *m = &metrics->overall;

  g_assert_cmpfloat (m->revenue, ==, 259700);
  g_assert_cmpuint (m->orders, ==, 10);
  g_assert_cmpuint (m->customers, ==, 5);
  g_assert_cmpfloat (m->aov, ==, 25970);
  g_assert_false (m->has_units);
  g_assert_true (m->has_discount);
  g_assert_cmpfloat (m->list_total, ==, 265000);
  g_assert_cmpfloat (m->discount, ==, 5300);
  g_assert_cmpfloat_with_epsilon (m->discount_rate, 0.02, 1e-12);
  g_assert_cmpuint (m->reviews, ==, 4);
  g_assert_cmpfloat (m->review_mean, ==, 3.5);
  for (guint s = 0; s <= 10; s++)
    g_assert_cmpuint (m->review_counts[s], ==, s >= 2 && s <= 5);
  g_assert_cmpfloat_with_epsilon (m->repeat_purchase_rate, 0.8, 1e-12);
  g_assert_cmpfloat (m->clv_historic, ==, 51940);
}

/* The car sales do not say their currency. */
static void
test_no_currency (void)
{
  g_autoptr(McMetrics) metrics = compute ();

  g_assert_null (metrics->currency);
}

static void
test_lifetime_value (void)
{
  g_autoptr(McMetrics) metrics = compute ();
  const McSalesMetrics *m = &metrics->overall;
  double years = 274 / 365.25;

  g_assert_cmpfloat_with_epsilon (metrics->span_years, years, 1e-12);
  /* 10 orders ÷ 5 customers over 0.75 years, which count as one (a
   * shorter span is not stretched to a year): 2 a year; × 25970 × 3
   * years = 155820. tests/test-cli.c checks a span of several years. */
  g_assert_cmpfloat_with_epsilon (m->purchase_frequency, 2.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (m->clv_predictive, 155820, 1e-6);
}

static void
test_visits (void)
{
  g_autoptr(McMetrics) metrics = compute ();
  const McVisitMetrics *v = &metrics->visits;

  g_assert_true (metrics->has_visits);
  g_assert_cmpuint (v->visits, ==, 6);
  g_assert_cmpuint (v->visitors, ==, 4);
  g_assert_cmpfloat (v->conversion_rate, ==, 1.0);
  g_assert_cmpfloat_with_epsilon (v->purchasing_visit_rate, 1.0 / 3, 1e-12);
  g_assert_cmpfloat (v->visits_per_customer, ==, 1.5);
  g_assert_cmpfloat_with_epsilon (v->mean_minutes, (10 + (40 - 0.25 / 60) + 30 + 60 + 20) / 5, 1e-9);
  g_assert_cmpfloat (v->median_minutes, ==, 30);
  g_assert_cmpfloat (v->repeat_visit_rate, ==, 0.5);
}

static void
test_by_platform (void)
{
  g_autoptr(McMetrics) metrics = compute ();
  const McSalesMetrics *web, *dealer, *app;

  g_assert_cmpuint (metrics->by_platform->len, ==, 3);
  web = find_group (metrics->by_platform, "Website");
  dealer = find_group (metrics->by_platform, "Dealership");
  app = find_group (metrics->by_platform, "Mobile App");
  /* Website: sales 1 4 6 8 10 of customers 1111 4444 2222 4444 9999 */
  g_assert_cmpfloat (web->revenue, ==, 129900);
  g_assert_cmpuint (web->orders, ==, 5);
  g_assert_cmpuint (web->customers, ==, 4);
  g_assert_cmpfloat_with_epsilon (web->repeat_purchase_rate, 0.25, 1e-12);
  g_assert_cmpfloat (web->list_total, ==, 134000);
  g_assert_cmpfloat (web->discount, ==, 4100);
  g_assert_cmpuint (web->reviews, ==, 2);
  g_assert_cmpfloat (web->review_mean, ==, 3.5);
  /* Dealership: 24500 + 25000 + 28000, reviews 3 */
  g_assert_cmpfloat (dealer->revenue, ==, 77500);
  g_assert_cmpuint (dealer->customers, ==, 2);
  g_assert_cmpfloat (dealer->review_mean, ==, 3);
  g_assert_cmpfloat (app->revenue, ==, 52300);
  g_assert_cmpfloat (app->aov, ==, 26150);
  g_assert_cmpfloat (app->repeat_purchase_rate, ==, 1.0);
}

static void
test_by_month_and_type (void)
{
  g_autoptr(McMetrics) metrics = compute ();
  GArray *months = metrics->by_month;

  g_assert_cmpuint (months->len, ==, 10);
  g_assert_cmpstr (g_array_index (months, McMetricsGroup, 0).key, ==, "2023-01");
  g_assert_cmpstr (g_array_index (months, McMetricsGroup, 9).key, ==, "2023-10");
  g_assert_cmpfloat (find_group (months, "2023-03")->revenue, ==, 27500);
  g_assert_cmpfloat (find_group (months, "2023-08")->review_mean, ==, 2);

  g_assert_cmpuint (metrics->by_product_type->len, ==, 2);
  g_assert_cmpfloat (find_group (metrics->by_product_type, "Electric")->revenue, ==, 136400);
  g_assert_cmpfloat (find_group (metrics->by_product_type, "Gasoline")->revenue, ==, 123300);
  /* Golf: list 5 × 25000 = 125000, paid 123300 */
  g_assert_cmpfloat (find_group (metrics->by_product_type, "Gasoline")->discount, ==, 1700);
}

/* tests/fixtures/dataset/shop: orders o1 (c1, success), o2 (c2, failed),
 * o3 (c3, cancelled, no lines), o4 (c1, success); lines o1 2 × iPhone
 * 1099.99 + 1 × AirPods 199, o2 1 × Galaxy 899.99, o4 4 × AirPods + 1 of
 * an unknown item. Events: c1 visit, add_to_cart, checkout; c2 visit; c4
 * visit. */
static void
test_line_items (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McDataset) dataset = load_test_dataset ("dataset", "shop", NULL);
  g_autoptr(McMetrics) metrics = NULL;
  McTable *purchases;

  g_assert_no_error (error);
  /* The purchases are made from the line items; the tables stay five. */
  purchases = mc_model_find_purchases (dataset);
  g_assert_nonnull (purchases);
  g_assert_cmpstr (mc_table_get_name (purchases), ==, "line_items");
  g_assert_cmpuint (mc_table_get_n_rows (purchases), ==, 5);
  g_assert_nonnull (mc_table_find_role (purchases, MC_ROLE_CUSTOMER_ID));
  g_assert_cmpuint (mc_dataset_get_n_tables (dataset), ==, 5);

  metrics = mc_metrics_compute (dataset, &error);
  g_assert_no_error (error);
  /* 2 × 1099.99 + 199 + 4 × 199; the failed o2 counts for nothing */
  g_assert_cmpfloat_with_epsilon (metrics->overall.revenue, 3194.98, 1e-9);
  g_assert_cmpuint (metrics->overall.orders, ==, 2);
  g_assert_cmpuint (metrics->overall.customers, ==, 1);
  g_assert_cmpfloat (metrics->overall.units, ==, 7);
  /* Amounts are list prices × quantities: no discount. */
  g_assert_cmpfloat_with_epsilon (metrics->overall.discount, 0, 1e-9);
  g_assert_cmpfloat (metrics->overall.repeat_purchase_rate, ==, 1);
  /* Events stand for visits: 5 by c1 c2 c4, of whom c1 bought; one checkout */
  g_assert_true (metrics->has_visits);
  g_assert_cmpuint (metrics->visits.visits, ==, 5);
  g_assert_cmpuint (metrics->visits.visitors, ==, 3);
  g_assert_cmpfloat_with_epsilon (metrics->visits.conversion_rate, 1.0 / 3, 1e-12);
  g_assert_cmpfloat_with_epsilon (metrics->visits.purchasing_visit_rate, 0.2, 1e-12);
  g_assert_true (isnan (metrics->visits.mean_minutes));
  g_assert_null (metrics->by_platform);
  /* Its one buyer, c1, pays in EUR (customers.csv), though others not. */
  g_assert_cmpstr (metrics->currency, ==, "EUR");
}

static const McVisitMetrics *
find_visit_month (McMetrics  *metrics,
                  const char *month)
{
  for (guint g = 0; g < metrics->visits_by_month->len; g++)
    if (g_str_equal (g_array_index (metrics->visits_by_month, McVisitGroup, g).key, month))
      return &g_array_index (metrics->visits_by_month, McVisitGroup, g).visits;
  g_error ("no visits in %s", month);
}

static void
test_visits_by_month (void)
{
  g_autoptr(McMetrics) metrics = compute ();
  const McVisitMetrics *february, *march;

  /* January to April, by the visits' start */
  g_assert_cmpuint (metrics->visits_by_month->len, ==, 4);
  /* 2222 configured on Feb 1, tested on Feb 5 and bought that day */
  february = find_visit_month (metrics, "2023-02");
  g_assert_cmpuint (february->visits, ==, 2);
  g_assert_cmpuint (february->visitors, ==, 1);
  g_assert_cmpfloat (february->conversion_rate, ==, 1);
  g_assert_cmpfloat (february->purchasing_visit_rate, ==, 0);
  g_assert_cmpfloat (february->mean_minutes, ==, 45);
  march = find_visit_month (metrics, "2023-03");
  g_assert_cmpfloat (march->purchasing_visit_rate, ==, 1);
  g_assert_false (march->has_sessions);
}

/* tests/fixtures/dataset/sessions: seven events in sessions s1 (3 of
 * u1, May), s2 (u2, May), s3 (2 of u2, June), s4 (u3, June); u1 ordered
 * in May, u2 in June. */
static void
test_sessions (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McDataset) dataset = load_test_dataset ("dataset", "sessions", NULL);
  g_autoptr(McMetrics) metrics = NULL;
  const McVisitMetrics *may;

  g_assert_no_error (error);
  metrics = mc_metrics_compute (dataset, &error);
  g_assert_no_error (error);
  g_assert_true (metrics->visits.has_sessions);
  g_assert_cmpfloat (metrics->visits.events_per_session, ==, 7.0 / 4);
  g_assert_cmpfloat_with_epsilon (metrics->visits.conversion_rate, 2.0 / 3, 1e-12);
  /* In May u1 and u2 visited, and only u1 bought in May. */
  may = &g_array_index (metrics->visits_by_month, McVisitGroup, 0).visits;
  g_assert_cmpstr (g_array_index (metrics->visits_by_month, McVisitGroup, 0).key, ==, "2024-05");
  g_assert_cmpfloat (may->conversion_rate, ==, 0.5);
  g_assert_cmpfloat (may->events_per_session, ==, 2);
  g_assert_cmpfloat (may->purchasing_visit_rate, ==, 0.25);
  g_assert_true (isnan (metrics->overall.review_mean));
}

static void
test_formulas (void)
{
  const char *names[] = { "revenue", "aov", "clv_predictive", "conversion_rate", "discount_rate" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_nonnull (mc_metrics_formula (names[i]));
  g_assert_nonnull (strstr (mc_metrics_formula ("aov"), "revenue ÷ orders"));
  g_assert_null (mc_metrics_formula ("no-such-metric"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Mercato/Metrics/overall", test_overall);
  g_test_add_func ("/Mercato/Metrics/lifetime-value", test_lifetime_value);
  g_test_add_func ("/Mercato/Metrics/no-currency", test_no_currency);
  g_test_add_func ("/Mercato/Metrics/visits", test_visits);
  g_test_add_func ("/Mercato/Metrics/by-platform", test_by_platform);
  g_test_add_func ("/Mercato/Metrics/by-month-and-type", test_by_month_and_type);
  g_test_add_func ("/Mercato/Metrics/line-items", test_line_items);
  g_test_add_func ("/Mercato/Metrics/visits-by-month", test_visits_by_month);
  g_test_add_func ("/Mercato/Metrics/sessions", test_sessions);
  g_test_add_func ("/Mercato/Metrics/formulas", test_formulas);
  return g_test_run ();
}
