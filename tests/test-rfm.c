/* test-rfm.c: recency, frequency, monetary value and segments by hand
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tests/fixtures/dataset/automotive/sales.csv: ten sales of five
 * customers, the last on 2023-10-05.
 *   1111: Jan 5 27000, May 5 25000, Sep 5 28000 → F 3, M 80000, R 30
 *   2222: Feb 5 24500, Jun 5 26000             → F 2, M 50500, R 122
 *   3333: Mar 5 27500, Jul 5 24800             → F 2, M 52300, R 92
 *   4444: Apr 5 24000, Aug 5 27900             → F 2, M 51900, R 61
 *   9999: Oct 5 25000                          → F 1, M 25000, R 0
 * Quintile edges (linear interpolation over five values):
 *   R 0 30 61 92 122 → 24, 48.6, 73.4, 98: scores 5 4 3 2 1
 *   F 1 2 2 2 3      → 1.8, 2, 2, 2.2:     scores 1, 2 (for 2), 5 (for 3)
 *   M 25000 50500 51900 52300 80000 → 45400, 51340, 52060, 57840
 */
#include "mc-rfm.h"
#include "test-common.h"

static void
assert_row (GArray     *rows,
            guint       index,
            const char *prefix,
            int         recency,
            guint       frequency,
            double      monetary,
            guint       r,
            guint       f,
            guint       m,
            const char *segment)
{
  McRfmRow *row = &g_array_index (rows, McRfmRow, index);

  g_assert_true (g_str_has_prefix (row->customer, prefix));
  g_assert_cmpint (row->recency_days, ==, recency);
  g_assert_cmpuint (row->frequency, ==, frequency);
  g_assert_cmpfloat (row->monetary, ==, monetary);
  g_assert_cmpuint (row->r_score, ==, r);
  g_assert_cmpuint (row->f_score, ==, f);
  g_assert_cmpuint (row->m_score, ==, m);
  g_assert_cmpstr (row->segment, ==, segment);
}

static void
test_scores (void)
{
  g_autoptr(McDataset) dataset = load_test_dataset ("dataset", "automotive", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = NULL;
  gint32 reference;

  rows = mc_rfm_compute (dataset, G_MININT32, &reference, &error);
  g_assert_no_error (error);
  g_assert_cmpint (reference, ==, 19635);   /* 2023-10-05 */
  g_assert_cmpuint (rows->len, ==, 5);
  assert_row (rows, 0, "1111", 30, 3, 80000, 4, 5, 5, "Loyal");
  assert_row (rows, 1, "2222", 122, 2, 50500, 1, 2, 2, "Hibernating");
  assert_row (rows, 2, "3333", 92, 2, 52300, 2, 2, 4, "Hibernating");
  assert_row (rows, 3, "4444", 61, 2, 51900, 3, 2, 3, "About to sleep");
  assert_row (rows, 4, "9999", 0, 1, 25000, 5, 1, 1, "New");
}

static void
test_at_date (void)
{
  g_autoptr(McDataset) dataset = load_test_dataset ("dataset", "automotive", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = NULL;
  gint32 reference;

  /* On 2023-06-30 (day 19538) 9999 had not bought yet. F values 2 2 1 1
   * give edges 1, 1.2, 1.8, 2: two purchases score 4. */
  rows = mc_rfm_compute (dataset, 19538, &reference, &error);
  g_assert_no_error (error);
  g_assert_cmpint (reference, ==, 19538);
  g_assert_cmpuint (rows->len, ==, 4);
  assert_row (rows, 0, "1111", 56, 2, 52000, 4, 4, 5, "Loyal");
  assert_row (rows, 1, "2222", 25, 2, 50500, 5, 4, 4, "Champions");
  assert_row (rows, 2, "3333", 117, 1, 27500, 1, 1, 2, "Lost");
  assert_row (rows, 3, "4444", 86, 1, 24000, 2, 1, 1, "Hibernating");
}

static void
test_movement (void)
{
  g_autoptr(McDataset) dataset = load_test_dataset ("dataset", "automotive", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;
  McRfmMovement movement;
  gint32 reference;
  guint total = 0;

  before = mc_rfm_compute (dataset, 19538, &reference, &error);
  after = mc_rfm_compute (dataset, G_MININT32, &reference, &error);
  mc_rfm_movement (before, after, &movement);
  /* From test_at_date to test_scores: 1111 Loyal → Loyal, 2222
   * Champions → Hibernating, 3333 Lost → Hibernating, 4444 Hibernating →
   * About to sleep, and 9999 is new. Indices follow mc_rfm_segment_name. */
  g_assert_cmpstr (mc_rfm_segment_name (1), ==, "Loyal");
  g_assert_cmpuint (movement.counts[1][1], ==, 1);
  g_assert_cmpuint (movement.counts[0][9], ==, 1);
  g_assert_cmpuint (movement.counts[10][9], ==, 1);
  g_assert_cmpuint (movement.counts[9][6], ==, 1);
  g_assert_cmpuint (movement.counts[MC_RFM_N_SEGMENTS][3], ==, 1);
  for (guint i = 0; i <= MC_RFM_N_SEGMENTS; i++)
    for (guint j = 0; j < MC_RFM_N_SEGMENTS; j++)
      total += movement.counts[i][j];
  g_assert_cmpuint (total, ==, 5);
}

static void
test_segment_map (void)
{
  g_assert_cmpstr (mc_rfm_segment (5, 5), ==, "Champions");
  g_assert_cmpstr (mc_rfm_segment (1, 1), ==, "Lost");
  g_assert_cmpstr (mc_rfm_segment (1, 5), ==, "Can't lose them");
  g_assert_cmpstr (mc_rfm_segment (2, 3), ==, "At risk");
  g_assert_cmpstr (mc_rfm_segment (3, 3), ==, "Need attention");
  g_assert_cmpstr (mc_rfm_segment (4, 1), ==, "Promising");
  g_assert_cmpstr (mc_rfm_segment (5, 1), ==, "New");
  g_assert_cmpstr (mc_rfm_segment (4, 2), ==, "Potential loyalist");
}

static void
test_line_items (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McDataset) dataset = load_test_dataset ("dataset", "shop", NULL);
  g_autoptr(GArray) rows = NULL;
  McRfmRow *c1;
  gint32 reference;

  g_assert_no_error (error);
  /* The shop's amounts are line items × product prices: c1's orders o1
   * (2 × 1099.99 + 199) and o4 (4 × 199; its item 9 is unknown) count;
   * c2's failed and c3's cancelled orders do not. */
  rows = mc_rfm_compute (dataset, G_MININT32, &reference, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  c1 = &g_array_index (rows, McRfmRow, 0);
  g_assert_cmpstr (c1->customer, ==, "c1");
  g_assert_cmpuint (c1->frequency, ==, 2);
  g_assert_cmpfloat_with_epsilon (c1->monetary, 3194.98, 1e-9);
  g_assert_cmpint (c1->recency_days, ==, 0);
}

static void
test_no_purchases (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McDataset) dataset = load_test_dataset ("dataset", "shop", "customers.csv", NULL);
  g_autoptr(GArray) rows = NULL;
  gint32 reference;

  g_assert_no_error (error);
  /* Customers alone have no purchases. */
  rows = mc_rfm_compute (dataset, G_MININT32, &reference, &error);
  g_assert_null (rows);
  g_assert_nonnull (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Mercato/Rfm/scores", test_scores);
  g_test_add_func ("/Mercato/Rfm/at-date", test_at_date);
  g_test_add_func ("/Mercato/Rfm/movement", test_movement);
  g_test_add_func ("/Mercato/Rfm/line-items", test_line_items);
  g_test_add_func ("/Mercato/Rfm/segment-map", test_segment_map);
  g_test_add_func ("/Mercato/Rfm/no-purchases", test_no_purchases);

  return g_test_run ();
}
