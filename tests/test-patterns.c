/* test-patterns.c: purchase and visit patterns, rankings and price bands,
 * by hand
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tests/fixtures/dataset/automotive: one sale a month, 2023-01-05 to
 * 2023-10-05 (dates only), of customers 1111 2222 3333 4444 1111 2222
 * 3333 4444 1111 9999; weekdays Thu Sun Sun Wed Fri Mon Wed Sat Tue Thu.
 * Gaps between a customer's orders: 1111 120 and 123 days, 2222 120,
 * 3333 122, 4444 122. Visits (with times) by 1111 on Jan 1 and 5, 2222
 * on Feb 1 and 5, 3333 on Mar 5, 4444 on Apr 1: first visit to first
 * order 4, 4, 0 and 4 days.
 *
 * tests/fixtures/dataset/electronics: six rows, two of them the same
 * order (77.52 each), so five orders of five customers, on Friday
 * 2020-04-24 at 11, 14 and 19 h and Sunday 2020-04-26 at 8 and 9 h.
 */
#include <glib/gstdio.h>
#include <math.h>

#include "mc-patterns.h"
#include "mc-rankings.h"
#include "test-common.h"

static McPatterns *
compute (McDataset *dataset)
{
  g_autoptr(GError) error = NULL;
  McPatterns *patterns = mc_patterns_compute (dataset, &error);

  g_assert_no_error (error);
  return patterns;
}

static double
weekday_total (double table[7][24],
               int    day)
{
  double total = 0;

  for (int hour = 0; hour < 24; hour++)
    total += table[day][hour];
  return total;
}

static void
test_weekdays (void)
{
  g_autoptr(McDataset) automotive = load_test_dataset ("dataset", "automotive", NULL);
  g_autoptr(McDataset) electronics = load_test_dataset ("dataset", "electronics", NULL);
  g_autoptr(McPatterns) cars = compute (automotive);
  g_autoptr(McPatterns) shop = compute (electronics);
  static const double orders[7] = { 1, 1, 2, 2, 1, 1, 2 };

  g_assert_false (cars->has_hours);
  for (int day = 0; day < 7; day++)
    g_assert_cmpfloat (weekday_total (cars->orders_by_weekday_hour, day), ==, orders[day]);
  /* Wednesdays: April 24000 and July 24800 */
  g_assert_cmpfloat (weekday_total (cars->revenue_by_weekday_hour, 2), ==, 48800);
  /* Visits start Sun 10 h, Thu 11 h, Wed 9 h, Sun 15 h, Sun 12 h, Sat 8 h. */
  g_assert_true (cars->has_visit_hours);
  g_assert_cmpfloat (cars->visits_by_weekday_hour[6][10], ==, 1);
  g_assert_cmpfloat (cars->visits_by_weekday_hour[2][9], ==, 1);
  g_assert_cmpfloat (weekday_total (cars->visits_by_weekday_hour, 6), ==, 3);

  g_assert_true (shop->has_hours);
  g_assert_cmpfloat (shop->orders_by_weekday_hour[4][11], ==, 1);
  /* The two rows of one order are one order of 155.04. */
  g_assert_cmpfloat (shop->orders_by_weekday_hour[4][14], ==, 1);
  g_assert_cmpfloat_with_epsilon (shop->revenue_by_weekday_hour[4][14], 155.04, 1e-9);
  g_assert_cmpfloat (shop->orders_by_weekday_hour[6][8] + shop->orders_by_weekday_hour[6][9], ==, 2);
  g_assert_cmpfloat (weekday_total (shop->orders_by_weekday_hour, 0), ==, 0);
}

/* Timestamps all at midnight (Chinook's invoice dates) are dates: no
 * chart of hours, every order at "0 h" would mislead; one purchase with
 * a time of day makes them times. */
static McPatterns *
patterns_of_times (const char *last_time)
{
  g_autofree char *dir = g_dir_make_tmp ("mercato-patterns-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "invoices.csv", NULL);
  g_autofree char *csv = g_strdup_printf ("invoice_id,customer_id,invoice_date,total\n"
                                          "1,c1,2024-01-01 00:00:00,10\n"
                                          "2,c2,2024-01-03 00:00:00,20\n"
                                          "3,c1,2024-02-07 %s,30\n", last_time);
  g_autoptr(McDataset) dataset = NULL;
  McPatterns *patterns;

  g_assert_true (g_file_set_contents (path, csv, -1, NULL));
  dataset = load_dataset_at (path);
  patterns = compute (dataset);
  g_unlink (path);
  g_rmdir (dir);
  return patterns;
}

static void
test_midnight_timestamps (void)
{
  g_autoptr(McPatterns) dates = patterns_of_times ("00:00:00");
  g_autoptr(McPatterns) times = patterns_of_times ("13:05:00");

  g_assert_false (dates->has_hours);
  /* Monday, Wednesday, Wednesday. */
  g_assert_cmpfloat (weekday_total (dates->orders_by_weekday_hour, 0), ==, 1);
  g_assert_cmpfloat (weekday_total (dates->orders_by_weekday_hour, 2), ==, 2);
  g_assert_true (times->has_hours);
  g_assert_cmpfloat (times->orders_by_weekday_hour[2][13], ==, 1);
}

/* Pizza sales without a customer id (tests/corpus/pizza-sales): the
 * months' orders and revenue as pandas has them (expected.json's
 * by_month), the weekdays, and no customer figure. */
static void
test_no_customers (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("MERCATO_SOURCE_ROOT"), "tests", "corpus", "pizza-sales", "data", NULL);
  g_autoptr(McDataset) dataset = load_dataset_at (path);
  g_autoptr(McPatterns) patterns = compute (dataset);
  static const struct { guint month; gsize orders; double revenue; } expected[] = {
    { 0, 1845, 69793.3 }, { 6, 1935, 72557.9 }, { 11, 1680, 64701.15 },
  };
  double orders = 0;

  g_assert_false (patterns->has_customers);
  /* orders.date is the purchase time; the time of day is a column of its own. */
  g_assert_false (patterns->has_hours);
  g_assert_cmpuint (patterns->months->len, ==, 12);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      McMonth *month = &g_array_index (patterns->months, McMonth, expected[i].month);

      g_assert_cmpuint (month->orders, ==, expected[i].orders);
      g_assert_cmpfloat_with_epsilon (month->revenue, expected[i].revenue, 1e-6);
      g_assert_cmpuint (month->new_customers + month->returning_customers, ==, 0);
    }
  for (int day = 0; day < 7; day++)
    orders += weekday_total (patterns->orders_by_weekday_hour, day);
  g_assert_cmpfloat (orders, ==, 21350);
  g_assert_cmpuint (patterns->customers, ==, 0);
  g_assert_false (patterns->has_visits);
}

static void
test_months (void)
{
  g_autoptr(McDataset) dataset = load_test_dataset ("dataset", "automotive", NULL);
  g_autoptr(McPatterns) patterns = compute (dataset);
  static const gsize new_customers[10] = { 1, 1, 1, 1, 0, 0, 0, 0, 0, 1 };
  McMonth *march;

  g_assert_cmpuint (patterns->months->len, ==, 10);
  for (guint m = 0; m < 10; m++)
    {
      McMonth *month = &g_array_index (patterns->months, McMonth, m);

      g_assert_cmpuint (month->orders, ==, 1);
      g_assert_cmpuint (month->new_customers, ==, new_customers[m]);
      g_assert_cmpuint (month->returning_customers, ==, 1 - new_customers[m]);
      g_assert_true (isnan (month->year_over_year));
    }
  g_assert_true (isnan (g_array_index (patterns->months, McMonth, 1).moving_average));
  march = &g_array_index (patterns->months, McMonth, 2);
  g_assert_cmpstr (march->month, ==, "2023-03");
  g_assert_cmpfloat_with_epsilon (march->moving_average, (27000 + 24500 + 27500) / 3.0, 1e-9);
}

static void
test_cohorts (void)
{
  g_autoptr(McDataset) dataset = load_test_dataset ("dataset", "automotive", NULL);
  g_autoptr(McPatterns) patterns = compute (dataset);
  McCohort *january = &g_array_index (patterns->cohorts, McCohort, 0);
  McCohort *may = &g_array_index (patterns->cohorts, McCohort, 4);
  McCohort *october = &g_array_index (patterns->cohorts, McCohort, 9);
  static const double january_retention[10] = { 1, 0, 0, 0, 1, 0, 0, 0, 1, 0 };

  /* 1111 first bought in January and again 4 and 8 months later. */
  g_assert_cmpstr (january->month, ==, "2023-01");
  g_assert_cmpuint (january->customers, ==, 1);
  g_assert_cmpfloat (january->revenue, ==, 80000);
  g_assert_cmpuint (january->retention->len, ==, 10);
  for (guint k = 0; k < 10; k++)
    g_assert_cmpfloat (g_array_index (january->retention, double, k), ==, january_retention[k]);
  g_assert_cmpuint (may->customers, ==, 0);
  g_assert_cmpuint (october->customers, ==, 1);
  g_assert_cmpfloat (october->revenue, ==, 25000);
  g_assert_cmpuint (october->retention->len, ==, 1);
}

static void
test_repeat_orders (void)
{
  g_autoptr(McDataset) automotive = load_test_dataset ("dataset", "automotive", NULL);
  g_autoptr(McDataset) electronics = load_test_dataset ("dataset", "electronics", NULL);
  g_autoptr(McPatterns) cars = compute (automotive);
  g_autoptr(McPatterns) shop = compute (electronics);

  g_assert_cmpuint (cars->customers, ==, 5);
  g_assert_cmpuint (cars->repeat_customers, ==, 4);
  /* gaps 120 120 122 122 123 */
  g_assert_cmpuint (cars->days_between_orders.n, ==, 5);
  g_assert_cmpfloat_with_epsilon (cars->days_between_orders.mean, 121.4, 1e-9);
  g_assert_cmpfloat (cars->days_between_orders.p25, ==, 120);
  g_assert_cmpfloat (cars->days_between_orders.median, ==, 122);
  g_assert_cmpfloat (cars->days_between_orders.p75, ==, 122);

  g_assert_cmpuint (shop->customers, ==, 5);
  g_assert_cmpuint (shop->repeat_customers, ==, 0);
  g_assert_cmpuint (shop->days_between_orders.n, ==, 0);
  g_assert_true (isnan (shop->days_between_orders.median));
  g_assert_false (shop->has_visits);
}

static void
test_funnel (void)
{
  g_autoptr(McDataset) dataset = load_test_dataset ("dataset", "automotive", NULL);
  g_autoptr(McPatterns) patterns = compute (dataset);
  /* In journey order: days from a visitor's first visit to their first
   * of the type: viewing 0 (1111, 4444), car configuration 0 (2222),
   * purchasing (4 d 1 h 0.25 s for 1111, 0 for 3333) ÷ 2, testing 4.25. */
  static const struct { const char *stage; gsize customers; double up_to_order; double days; } expected[] = {
    { "viewing", 2, 0.5, 0 },
    { "car configuration", 1, 0.25, 0 },
    { "purchasing", 2, 0.5, (4 + (3600 + 0.25) / 86400) / 2 },
    { "testing", 1, 0.25, 4.25 },
    { "bought", 4, 1.5, NAN },
  };

  /* Days 4 4 0 4: p25 is 0 + 0.75 × 4. */
  g_assert_true (patterns->has_visits);
  g_assert_cmpuint (patterns->days_to_first_order.n, ==, 4);
  g_assert_cmpfloat (patterns->days_to_first_order.mean, ==, 3);
  g_assert_cmpfloat (patterns->days_to_first_order.p25, ==, 3);
  g_assert_cmpfloat (patterns->days_to_first_order.median, ==, 4);

  g_assert_cmpuint (patterns->funnel->len, ==, G_N_ELEMENTS (expected));
  for (guint s = 0; s < G_N_ELEMENTS (expected); s++)
    {
      McFunnelStage *stage = &g_array_index (patterns->funnel, McFunnelStage, s);

      g_assert_cmpstr (stage->stage, ==, expected[s].stage);
      g_assert_cmpuint (stage->customers, ==, expected[s].customers);
      g_assert_cmpfloat (stage->share, ==, expected[s].customers / 4.0);
      g_assert_cmpfloat (stage->visits_to_order, ==, expected[s].up_to_order);
      if (isnan (expected[s].days))
        g_assert_true (isnan (stage->days_from_first_visit));
      else
        g_assert_cmpfloat_with_epsilon (stage->days_from_first_visit, expected[s].days, 1e-9);
    }
}

static void
test_rankings (void)
{
  g_autoptr(McDataset) automotive = load_test_dataset ("dataset", "automotive", NULL);
  g_autoptr(McDataset) electronics = load_test_dataset ("dataset", "electronics", NULL);
  g_autofree char *model = NULL;
  g_autofree char *brand = NULL;
  g_autoptr(GArray) models = mc_rank_by_role (automotive, MC_ROLE_PRODUCT_NAME, 10, &model);
  g_autoptr(GArray) brands = mc_rank_by_role (electronics, MC_ROLE_BRAND, 3, &brand);
  McRanked *first;

  /* Car models are read through sales.car_id → cars. */
  g_assert_cmpstr (model, ==, "car_model");
  g_assert_cmpuint (models->len, ==, 2);
  first = &g_array_index (models, McRanked, 0);
  g_assert_cmpstr (first->label, ==, "Leaf");
  g_assert_cmpuint (first->purchases, ==, 5);
  g_assert_cmpfloat (first->revenue, ==, 136400);
  g_assert_cmpfloat_with_epsilon (first->share, 136400 / 259700.0, 1e-12);

  /* apple 1387.01, karcher 217.57, samsung 162.01 of 1960.96 in all;
   * cut at three */
  g_assert_cmpstr (brand, ==, "brand");
  g_assert_cmpuint (brands->len, ==, 3);
  g_assert_cmpstr (g_array_index (brands, McRanked, 0).label, ==, "apple");
  g_assert_cmpstr (g_array_index (brands, McRanked, 2).label, ==, "samsung");
  g_assert_cmpfloat_with_epsilon (g_array_index (brands, McRanked, 1).share, 217.57 / 1960.96, 1e-9);
  g_assert_null (mc_rank_by_role (automotive, MC_ROLE_BRAND, 10, NULL));
}

static void
test_price_bands (void)
{
  g_autoptr(McDataset) dataset = load_test_dataset ("dataset", "electronics", NULL);
  double width = 0;
  g_autoptr(GArray) bands = mc_price_bands (dataset, &width);
  McPriceBand *first, *last;

  /* 1st to 99th percentile: 41.24 to 1328.54, about eight bands of a
   * round width: 200, from 0 to 1400. */
  g_assert_cmpfloat (width, ==, 200);
  g_assert_cmpuint (bands->len, ==, 7);
  first = &g_array_index (bands, McPriceBand, 0);
  last = &g_array_index (bands, McPriceBand, 6);
  g_assert_cmpfloat (first->from, ==, 0);
  g_assert_cmpuint (first->purchases, ==, 4);
  g_assert_cmpfloat_with_epsilon (first->revenue, 39.33 + 77.52 * 2 + 162.01, 1e-9);
  g_assert_cmpfloat (last->from, ==, 1200);
  g_assert_cmpfloat (last->to, ==, 1400);
  g_assert_cmpuint (last->purchases, ==, 1);
}

static void
test_line_items (void)
{
  g_autoptr(McDataset) dataset = load_test_dataset ("dataset", "shop", NULL);
  g_autoptr(McPatterns) patterns = compute (dataset);
  g_autofree char *country = NULL;
  g_autoptr(GArray) countries = mc_rank_by_role (dataset, MC_ROLE_COUNTRY, 10, &country);
  g_autoptr(GArray) products = mc_rank_by_role (dataset, MC_ROLE_PRODUCT_NAME, 10, NULL);
  McFunnelStage *bought;

  /* c1 first visited on 2024-03-29 at 10:00 and ordered on 2024-03-30
   * at 04:12:10.394413. */
  g_assert_cmpuint (patterns->days_to_first_order.n, ==, 1);
  g_assert_cmpfloat_with_epsilon (patterns->days_to_first_order.median,
                                  (18 * 3600 + 12 * 60 + 10.394413) / 86400, 1e-9);
  /* visit (3 visitors), add_to_cart, checkout (c1 each), then bought */
  g_assert_cmpuint (patterns->funnel->len, ==, 4);
  g_assert_cmpstr (g_array_index (patterns->funnel, McFunnelStage, 0).stage, ==, "visit");
  bought = &g_array_index (patterns->funnel, McFunnelStage, 3);
  g_assert_cmpstr (bought->stage, ==, "bought");
  g_assert_cmpuint (bought->customers, ==, 1);
  g_assert_cmpfloat (bought->visits_to_order, ==, 3);

  /* The customers' country is two relations away: line item → order →
   * customer. Germany's only order failed. */
  g_assert_cmpstr (country, ==, "location");
  g_assert_cmpuint (countries->len, ==, 1);
  g_assert_cmpstr (g_array_index (countries, McRanked, 0).label, ==, "France");
  g_assert_cmpuint (g_array_index (countries, McRanked, 0).purchases, ==, 3);
  /* iPhone 2199.98, AirPods 199 + 796; the Galaxy was in the failed order */
  g_assert_cmpuint (products->len, ==, 2);
  g_assert_cmpfloat_with_epsilon (g_array_index (products, McRanked, 1).revenue, 995, 1e-9);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Mercato/Patterns/weekdays", test_weekdays);
  g_test_add_func ("/Mercato/Patterns/midnight-timestamps", test_midnight_timestamps);
  g_test_add_func ("/Mercato/Patterns/no-customers", test_no_customers);
  g_test_add_func ("/Mercato/Patterns/months", test_months);
  g_test_add_func ("/Mercato/Patterns/cohorts", test_cohorts);
  g_test_add_func ("/Mercato/Patterns/repeat-orders", test_repeat_orders);
  g_test_add_func ("/Mercato/Patterns/funnel", test_funnel);
  g_test_add_func ("/Mercato/Patterns/rankings", test_rankings);
  g_test_add_func ("/Mercato/Patterns/price-bands", test_price_bands);
  g_test_add_func ("/Mercato/Patterns/line-items", test_line_items);
  return g_test_run ();
}
