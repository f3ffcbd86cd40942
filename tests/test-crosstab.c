/* test-crosstab.c: cross-tabulation, the chi-square test and the platform
 * analysis, by hand and against SciPy
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fuel type × platform of tests/fixtures/dataset/automotive/sales.csv:
 *
 *              Dealership  Mobile App  Website   total
 *   Electric        1          1          3        5     (sales 9, 3, 1 6 8)
 *   Gasoline        2          1          2        5     (2 5, 7, 4 10)
 *   total           3          2          5       10
 *
 * Expected counts 1.5 1 2.5 in both rows, so
 *   χ² = 2 × 0.25 / 1.5 + 2 × 0.25 / 2.5 = 8/15, 2 degrees of freedom,
 *   p = exp(−χ²/2) = exp(−4/15) (the χ² tail with 2 dof is exp(−x/2)),
 *   Cramér's V = sqrt(χ² / (10 × 1)).
 */
#include <math.h>

#include "mc-platforms.h"
#include "mc-stats.h"
#include "test-common.h"

static void
assert_relative (double actual,
                 double expected,
                 double tolerance)
{
  if (fabs (actual - expected) > tolerance * fabs (expected))
    g_error ("%.17g differs from %.17g by more than %g relative", actual, expected, tolerance);
}

static void
test_chi_square_tail (void)
{
  /* tests/reference/stats_reference.py: scipy.stats.chi2.sf */
  static const struct { double statistic; double dof; double p; } cases[] = {
    { 3.841458820694124, 1, 0.04999999999999989 },
    { 0.5, 3, 0.9188914116546758 },
    { 10.0, 5, 0.07523524614651217 },
    { 100.0, 50, 3.454931382984871e-05 },
    { 246.86064245700248, 6, 1.9219544417195933e-50 },
    { 0.0001, 4, 0.9999999987500416 },
    { 1000.0, 900, 0.010994608942135844 },
    { 30.0, 2, 3.0590232050182594e-07 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_relative (mc_stats_chi_square_p (cases[i].statistic, cases[i].dof), cases[i].p, 1e-9);
  /* Q(1, x) = exp(−x) */
  assert_relative (mc_stats_gamma_q (1, 2.5), exp (-2.5), 1e-12);
  g_assert_cmpfloat (mc_stats_gamma_q (3, 0), ==, 1);
  g_assert_true (isnan (mc_stats_chi_square_p (1, 0)));
}

static void
test_pearson_and_sums (void)
{
  const double x[] = { 1, 2, 3, 4 };
  const double up[] = { 2, 4, 6, 8 };
  const double down[] = { 8, 6, 4, 2 };
  const double flat[] = { 5, 5, 5, 5 };
  /* r of (1,2,3) and (1,3,2) = 0.5 by hand: Σdxdy = 1, Σdx² = Σdy² = 2 */
  const double a[] = { 1, 2, 3 };
  const double b[] = { 1, 3, 2 };
  McSum sum = { 0 };

  g_assert_cmpfloat_with_epsilon (mc_stats_pearson (x, up, 4), 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (mc_stats_pearson (x, down, 4), -1, 1e-12);
  g_assert_cmpfloat_with_epsilon (mc_stats_pearson (a, b, 3), 0.5, 1e-12);
  g_assert_true (isnan (mc_stats_pearson (x, flat, 4)));
  g_assert_true (isnan (mc_stats_pearson (x, up, 1)));
  g_assert_cmpstr (mc_stats_association_strength (0.05), ==, "negligible");
  g_assert_cmpstr (mc_stats_association_strength (0.29), ==, "weak");
  g_assert_cmpstr (mc_stats_association_strength (0.3), ==, "moderate");
  g_assert_cmpstr (mc_stats_association_strength (0.7), ==, "strong");

  /* Ten million cents: a naive sum drifts, a compensated one does not. */
  for (int i = 0; i < 10000000; i++)
    mc_sum_add (&sum, 0.01);
  g_assert_cmpfloat (round (mc_sum_value (&sum) * 100), ==, 10000000);
  g_assert_cmpfloat_with_epsilon (mc_sum_value (&sum), 100000, 1e-9);
}

static void
test_crosstab (void)
{
  g_autoptr(McDataset) dataset = load_test_dataset ("dataset", "automotive", NULL);
  g_autoptr(McPlatformAnalysis) analysis = NULL;
  g_autoptr(GError) error = NULL;
  McCrosstab *crosstab;
  static const double counts[2][3] = { { 1, 1, 3 }, { 2, 1, 2 } };
  /* Electric: 28000 | 27500 | 27000 + 26000 + 27900 */
  static const double revenue[2][3] = { { 28000, 27500, 80900 }, { 49500, 24800, 49000 } };

  analysis = mc_platform_analysis_compute (dataset, &error);
  g_assert_no_error (error);
  crosstab = analysis->crosstab;
  g_assert_cmpstr (analysis->type_name, ==, "fuel_type");
  g_assert_cmpstr (analysis->platform_name, ==, "platform");
  g_assert_cmpuint (crosstab->n_rows, ==, 2);
  g_assert_cmpuint (crosstab->n_columns, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (crosstab->row_labels, 0), ==, "Electric");
  g_assert_cmpstr (g_ptr_array_index (crosstab->column_labels, 2), ==, "Website");
  for (guint i = 0; i < 2; i++)
    for (guint j = 0; j < 3; j++)
      {
        g_assert_cmpfloat (mc_crosstab_count (crosstab, i, j), ==, counts[i][j]);
        g_assert_cmpfloat (crosstab->amounts[i * 3 + j], ==, revenue[i][j]);
      }
  g_assert_cmpfloat (crosstab->total, ==, 10);
  g_assert_cmpfloat_with_epsilon (mc_crosstab_column_share (crosstab, 0, 2), 0.6, 1e-12);
  g_assert_cmpfloat_with_epsilon (mc_crosstab_row_share (crosstab, 1, 0), 0.4, 1e-12);
  assert_relative (crosstab->chi_square, 8.0 / 15, 1e-12);
  g_assert_cmpfloat (crosstab->dof, ==, 2);
  assert_relative (crosstab->p_value, exp (-4.0 / 15), 1e-12);
  assert_relative (crosstab->cramers_v, sqrt (8.0 / 150), 1e-12);
}

static void
test_platform_statements (void)
{
  g_autoptr(McDataset) dataset = load_test_dataset ("dataset", "automotive", NULL);
  g_autoptr(McPlatformAnalysis) analysis = mc_platform_analysis_compute (dataset, NULL);
  McPlatformSummary *web = &g_array_index (analysis->platforms, McPlatformSummary, 2);
  McTypeCorrelation *electric = &g_array_index (analysis->correlations, McTypeCorrelation, 0);
  /* Electric's share per platform 1/3, 1/2, 3/5; sales 3, 2, 5; reviews 3, 4, 3.5 */
  const double share[] = { 1.0 / 3, 0.5, 0.6 }, sales[] = { 3, 2, 5 }, reviews[] = { 3, 4, 3.5 };

  g_assert_cmpstr (web->platform, ==, "Website");
  g_assert_cmpuint (web->sales, ==, 5);
  g_assert_cmpfloat (web->revenue, ==, 129900);
  g_assert_cmpuint (web->reviews, ==, 2);
  g_assert_cmpfloat (web->review_mean, ==, 3.5);
  g_assert_cmpstr (electric->type, ==, "Electric");
  assert_relative (electric->with_sales, mc_stats_pearson (share, sales, 3), 1e-12);
  assert_relative (electric->with_reviews, mc_stats_pearson (share, reviews, 3), 1e-12);
  g_assert_cmpfloat_with_epsilon (electric->with_sales, 0.5399492471560389, 1e-9);

  g_assert_cmpuint (analysis->statements->len, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (analysis->statements, 0), ==,
                   "Fuel type and platform are not clearly related (χ² = 0.53 with 2 degrees of freedom, "
                   "p = 0.766; Cramér's V = 0.23).");
  g_assert_cmpstr (g_ptr_array_index (analysis->statements, 1), ==,
                   "Electric is 60 % of Website sales vs 33 % of Dealership sales.");
  g_assert_cmpstr (g_ptr_array_index (analysis->statements, 2), ==,
                   "Mobile App reviews average 4.0 (1 review) vs 3.0 at Dealership (1 review).");
  g_assert_true (g_str_has_prefix (g_ptr_array_index (analysis->statements, 4),
                                   "Across the 3 platforms, a larger share of Electric goes with higher review scores (r = 0.62)"));
}

static void
test_no_platform (void)
{
  g_autoptr(McDataset) dataset = load_test_dataset ("dataset", "shop", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (dataset);
  g_assert_null (mc_platform_analysis_compute (dataset, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "platform"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Mercato/Crosstab/chi-square-tail", test_chi_square_tail);
  g_test_add_func ("/Mercato/Crosstab/pearson-and-sums", test_pearson_and_sums);
  g_test_add_func ("/Mercato/Crosstab/fuel-by-platform", test_crosstab);
  g_test_add_func ("/Mercato/Crosstab/platform-statements", test_platform_statements);
  g_test_add_func ("/Mercato/Crosstab/no-platform", test_no_platform);
  return g_test_run ();
}
