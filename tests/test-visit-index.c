/* test-visit-index.c: the visits index of a made-up export, by hand
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Visitor A (1111…) visits 40 times, the k-th visit on day (17 k mod 40)
 * from 2023-01-20 (so out of order: day i is visit 33 i mod 40), lasting
 * k + 1 minutes, a purchasing visit when k is a multiple of 4, and once
 * more with no start; B (2222…) on March 5, 1 and 3 for 5, 15 and 10
 * minutes, purchasing on the 1st; C (3333…) once on March 2 for 20.
 * No order column: the visit type says which visits are purchasing.
 *   45 visits, 3 visitors, 11 purchasing; 44 durations 1…40, 5, 10, 15,
 *   20: mean 870 / 44, median (19 + 20) / 2 (19 is the 22nd smallest)
 *   A and B came back: repeat visits 2 / 3
 *   January (days 20…31) 12 visits of A, February 28, March B's and C's:
 *   4 visits, mean and median 12.5, one purchasing, repeat 1 / 2
 *   A's journey by start: day i is purchasing when i is a multiple of 4
 *   (33 i ≡ i mod 4), the visit with no start last.
 */
#include <glib/gstdio.h>

#include "mc-visit-index.h"
#include "test-common.h"

#define A "11111111-1111-4111-8111-111111111111"
#define B "22222222-2222-4222-8222-222222222222"
#define C "33333333-3333-4333-8333-333333333333"

static void
add_visit (GString    *csv,
           const char *customer,
           GDateTime  *start,
           int         minutes,
           const char *type)
{
  g_autoptr(GDateTime) end = g_date_time_add_minutes (start, minutes);
  g_autofree char *from = g_date_time_format (start, "%Y-%m-%d %H:%M:%S");
  g_autofree char *to = g_date_time_format (end, "%Y-%m-%d %H:%M:%S");
  static guint id;

  g_string_append_printf (csv, "02000000-0000-4000-8000-%012u,%s,%s,%s,%s\n", ++id, customer, from, to, type);
}

static McDataset *
load_made_up (char **dir)
{
  g_autoptr(GString) visits = g_string_new ("visit_id,customer_id,start_timestamp,end_timestamp,visit_type\n");
  g_autoptr(GDateTime) first = g_date_time_new_utc (2023, 1, 20, 10, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *sales_path = NULL, *visits_path = NULL;
  const char *sales =
    "transaction_id,customer_id,purchase_date,purchase_price\n"
    "01000000-0000-4000-8000-000000000001," A ",2023-02-01,27000\n"
    "01000000-0000-4000-8000-000000000002," B ",2023-03-01,24500\n";
  const struct { int day, minutes; const char *type; } b[] = {
    { 5, 5, "viewing" }, { 1, 15, "purchasing" }, { 3, 10, "viewing" },
  };

  *dir = g_dir_make_tmp ("mercato-visit-index-XXXXXX", &error);
  g_assert_no_error (error);
  for (int k = 0; k < 40; k++)
    {
      g_autoptr(GDateTime) start = g_date_time_add_days (first, (17 * k) % 40);

      add_visit (visits, A, start, k + 1, k % 4 == 0 ? "purchasing" : "viewing");
      /* B's visits among A's: the index groups them by visitor. */
      if (k == 20)
        for (guint i = 0; i < G_N_ELEMENTS (b); i++)
          {
            g_autoptr(GDateTime) day = g_date_time_new_utc (2023, 3, b[i].day, 10, 0, 0);

            add_visit (visits, B, day, b[i].minutes, b[i].type);
          }
    }
  g_string_append (visits, "02000000-0000-4000-8000-000000000999," A ",,2023-03-09 10:00:00,viewing\n");
  {
    g_autoptr(GDateTime) day = g_date_time_new_utc (2023, 3, 2, 10, 0, 0);

    add_visit (visits, C, day, 20, "viewing");
  }
  sales_path = g_build_filename (*dir, "sales.csv", NULL);
  visits_path = g_build_filename (*dir, "visits.csv", NULL);
  g_assert_true (g_file_set_contents (sales_path, sales, -1, NULL));
  g_assert_true (g_file_set_contents (visits_path, visits->str, visits->len, NULL));
  return load_dataset_at (*dir);
}

static void
remove_made_up (char *dir)
{
  g_autofree char *sales = g_build_filename (dir, "sales.csv", NULL);
  g_autofree char *visits = g_build_filename (dir, "visits.csv", NULL);

  g_unlink (sales);
  g_unlink (visits);
  g_rmdir (dir);
  g_free (dir);
}

static const McVisitGroupIndex *
find_month (const McVisitIndex *index,
            const char         *key)
{
  for (guint g = 0; g < index->months->len; g++)
    if (g_str_equal (g_array_index (index->months, McVisitGroupIndex, g).key, key))
      return &g_array_index (index->months, McVisitGroupIndex, g);
  g_error ("no month %s", key);
}

static void
test_figures (void)
{
  char *dir = NULL;
  g_autoptr(McDataset) dataset = load_made_up (&dir);
  const McVisitIndex *index = mc_visit_index_for_dataset (dataset);
  const McVisitMetrics *all, *march;

  g_assert_nonnull (index);
  all = &index->all.figures;
  g_assert_cmpuint (all->visits, ==, 45);
  g_assert_cmpuint (all->visitors, ==, 3);
  g_assert_cmpfloat_with_epsilon (all->purchasing_visit_rate, 11.0 / 45, 1e-12);
  g_assert_cmpfloat_with_epsilon (all->mean_minutes, 870.0 / 44, 1e-9);
  g_assert_cmpfloat_with_epsilon (all->median_minutes, 19.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (all->repeat_visit_rate, 2.0 / 3, 1e-12);

  g_assert_cmpuint (index->months->len, ==, 3);
  g_assert_cmpuint (find_month (index, "2023-01")->figures.visits, ==, 12);
  g_assert_cmpuint (find_month (index, "2023-02")->figures.visits, ==, 28);
  g_assert_cmpuint (find_month (index, "2023-02")->figures.visitors, ==, 1);
  march = &find_month (index, "2023-03")->figures;
  g_assert_cmpuint (march->visits, ==, 4);
  g_assert_cmpuint (march->visitors, ==, 2);
  g_assert_cmpfloat_with_epsilon (march->purchasing_visit_rate, 0.25, 1e-12);
  g_assert_cmpfloat_with_epsilon (march->mean_minutes, 12.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (march->median_minutes, 12.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (march->repeat_visit_rate, 0.5, 1e-12);
  g_assert_true (mc_visit_index_month_has (index, find_month (index, "2023-03") - &g_array_index (index->months, McVisitGroupIndex, 0), 2));
  remove_made_up (dir);
}

static const char *
type_label (const McVisitIndex *index,
            gsize               i)
{
  return g_ptr_array_index (index->types.labels, index->journey_types[i]);
}

static void
test_journeys (void)
{
  char *dir = NULL;
  g_autoptr(McDataset) dataset = load_made_up (&dir);
  const McVisitIndex *index = mc_visit_index_for_dataset (dataset);
  gsize a, b;

  /* Visitors in the order of their ids: A, B, C. */
  g_assert_cmpuint (index->visitors.labels->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (index->visitors.labels, 0), ==, A);
  a = index->journey_offsets[0];
  b = index->journey_offsets[1];
  g_assert_cmpuint (b - a, ==, 41);
  for (gsize i = 0; i < 40; i++)
    {
      g_assert_cmpint (index->journey_starts[a + i], ==,
                       (G_GINT64_CONSTANT (19377) + i) * 86400000000 + G_GINT64_CONSTANT (36000000000));
      g_assert_cmpstr (type_label (index, a + i), ==, i % 4 == 0 ? "purchasing" : "viewing");
    }
  g_assert_cmpint (index->journey_starts[a + 40], ==, G_MAXINT64);
  g_assert_cmpstr (type_label (index, a + 40), ==, "viewing");

  /* B: March 1 (purchasing), 3, 5. */
  g_assert_cmpuint (index->journey_offsets[2] - b, ==, 3);
  for (gsize i = 0; i < 3; i++)
    g_assert_cmpint (index->journey_starts[b + i], ==,
                     (G_GINT64_CONSTANT (19417) + 2 * i) * 86400000000 + G_GINT64_CONSTANT (36000000000));
  g_assert_cmpstr (type_label (index, b), ==, "purchasing");
  g_assert_cmpstr (type_label (index, b + 1), ==, "viewing");
  remove_made_up (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Mercato/VisitIndex/figures", test_figures);
  g_test_add_func ("/Mercato/VisitIndex/journeys", test_journeys);
  return g_test_run ();
}
