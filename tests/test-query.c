/* test-query.c: filters, group-by, aggregates and time buckets by hand
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tests/fixtures/dataset/automotive/sales.csv, by platform:
 *   Website    sales 1 4 6 8 10: 27000 24000 26000 27900 25000 (customers
 *              1111 4444 2222 4444 9999), reviews 5 and 2
 *   Dealership sales 2 5 9: 24500 25000 28000, review 3
 *   Mobile App sales 3 7: 27500 24800, review 4
 * Sales 1 3 6 8 9 are of the Leaf (Electric), the others of the Golf.
 */
#include <math.h>
#include <string.h>

#include "mc-dataset-loader.h"
#include "mc-query.h"
#include "mc-value-parse.h"

typedef struct
{
  McDataset *dataset;
  McTable   *sales;
  McColumn  *platform;
  McColumn  *price;
  McColumn  *date;
  McColumn  *customer;
  McColumn  *review;
  McJoin     car;      /* sales.car_id → cars.fuel_type */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "dataset", "automotive", NULL);
  const char *paths[] = { path, NULL };
  g_autoptr(GError) error = NULL;

  f->dataset = mc_dataset_load (paths, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  f->sales = mc_dataset_lookup_table (f->dataset, "sales");
  f->platform = mc_table_lookup_column (f->sales, "platform");
  f->price = mc_table_lookup_column (f->sales, "purchase_price");
  f->date = mc_table_lookup_column (f->sales, "purchase_date");
  f->customer = mc_table_lookup_column (f->sales, "customer_id");
  f->review = mc_table_lookup_column (f->sales, "user_review");
  g_assert_true (mc_join_init (&f->car, f->dataset, f->sales, MC_ROLE_CATEGORY));
  g_assert_cmpstr (f->car.related->name, ==, "fuel_type");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  mc_join_clear (&f->car);
  g_clear_object (&f->dataset);
}

static McColumnRef
ref (McColumn *column)
{
  return (McColumnRef) { column, NULL };
}

static gsize
find_group (McGroupResult *result,
            const char    *first,
            const char    *second)
{
  for (gsize g = 0; g < result->n_groups; g++)
    if (g_str_equal (mc_group_result_label (result, g, 0), first)
        && (second == NULL || g_str_equal (mc_group_result_label (result, g, 1), second)))
      return g;
  g_error ("no group %s %s", first, second);
}

static void
test_aggregates (Fixture       *f,
                 gconstpointer  data)
{
  McGroupKey key = { ref (f->platform), MC_BUCKET_NONE };
  McAggregate aggregates[] = {
    { MC_AGGREGATE_COUNT, { NULL } },
    { MC_AGGREGATE_SUM, ref (f->price) },
    { MC_AGGREGATE_MEAN, ref (f->price) },
    { MC_AGGREGATE_MEDIAN, ref (f->price) },
    { MC_AGGREGATE_MIN, ref (f->price) },
    { MC_AGGREGATE_MAX, ref (f->price) },
    { MC_AGGREGATE_QUANTILE, ref (f->price), 0.9 },
    { MC_AGGREGATE_DISTINCT, ref (f->customer) },
    { MC_AGGREGATE_COUNT, ref (f->review) },
    { MC_AGGREGATE_MEAN, ref (f->review) },
    { MC_AGGREGATE_STDDEV, ref (f->price) },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(McGroupResult) result = NULL;
  gsize web, app;

  result = mc_group_by (mc_table_get_n_rows (f->sales), NULL, &key, 1, aggregates, G_N_ELEMENTS (aggregates), &error);
  g_assert_no_error (error);
  /* Groups come in label order. */
  g_assert_cmpuint (result->n_groups, ==, 3);
  g_assert_cmpstr (mc_group_result_label (result, 0, 0), ==, "Dealership");
  g_assert_cmpstr (mc_group_result_label (result, 1, 0), ==, "Mobile App");
  g_assert_cmpstr (mc_group_result_label (result, 2, 0), ==, "Website");

  web = find_group (result, "Website", NULL);
  g_assert_cmpuint (result->rows[web], ==, 5);
  g_assert_cmpfloat (mc_group_result_value (result, web, 0), ==, 5);
  g_assert_cmpfloat (mc_group_result_value (result, web, 1), ==, 129900);
  g_assert_cmpfloat (mc_group_result_value (result, web, 2), ==, 25980);
  /* sorted 24000 25000 26000 27000 27900 */
  g_assert_cmpfloat (mc_group_result_value (result, web, 3), ==, 26000);
  g_assert_cmpfloat (mc_group_result_value (result, web, 4), ==, 24000);
  g_assert_cmpfloat (mc_group_result_value (result, web, 5), ==, 27900);
  /* position 0.9 × 4 = 3.6: 27000 + 0.6 × 900 */
  g_assert_cmpfloat_with_epsilon (mc_group_result_value (result, web, 6), 27540, 1e-9);
  g_assert_cmpfloat (mc_group_result_value (result, web, 7), ==, 4);
  g_assert_cmpfloat (mc_group_result_value (result, web, 8), ==, 2);
  g_assert_cmpfloat (mc_group_result_value (result, web, 9), ==, 3.5);
  /* deviations from 25980: 1020 −1980 20 1920 −980; squares sum 9,608,000 ÷ 4 */
  g_assert_cmpfloat_with_epsilon (mc_group_result_value (result, web, 10), sqrt (9608000 / 4.0), 1e-9);

  app = find_group (result, "Mobile App", NULL);
  g_assert_cmpfloat (mc_group_result_value (result, app, 1), ==, 52300);
  g_assert_cmpfloat (mc_group_result_value (result, app, 3), ==, 26150);
  g_assert_cmpfloat (mc_group_result_value (result, app, 7), ==, 1);
}

static void
test_month_by_platform (Fixture       *f,
                        gconstpointer  data)
{
  McGroupKey keys[] = {
    { ref (f->date), MC_BUCKET_MONTH },
    { ref (f->platform), MC_BUCKET_NONE },
  };
  McAggregate sum = { MC_AGGREGATE_SUM, ref (f->price) };
  g_autoptr(GError) error = NULL;
  g_autoptr(McGroupResult) result = NULL;

  result = mc_group_by (mc_table_get_n_rows (f->sales), NULL, keys, 2, &sum, 1, &error);
  g_assert_no_error (error);
  /* One sale a month: ten groups, in month order. */
  g_assert_cmpuint (result->n_groups, ==, 10);
  g_assert_cmpstr (mc_group_result_label (result, 0, 0), ==, "2023-01");
  g_assert_cmpstr (mc_group_result_label (result, 0, 1), ==, "Website");
  g_assert_cmpfloat (mc_group_result_value (result, 0, 0), ==, 27000);
  g_assert_cmpstr (mc_group_result_label (result, 9, 0), ==, "2023-10");
  g_assert_cmpfloat (mc_group_result_value (result, find_group (result, "2023-07", "Mobile App"), 0), ==, 24800);
}

static void
test_quarter_and_joined_key (Fixture       *f,
                             gconstpointer  data)
{
  McGroupKey keys[] = {
    { ref (f->date), MC_BUCKET_QUARTER },
    { { NULL, &f->car }, MC_BUCKET_NONE },
  };
  McAggregate sum = { MC_AGGREGATE_SUM, ref (f->price) };
  g_autoptr(GError) error = NULL;
  g_autoptr(McGroupResult) result = NULL;
  g_autoptr(McGroupResult) by_fuel = NULL;

  by_fuel = mc_group_by (mc_table_get_n_rows (f->sales), NULL, &keys[1], 1, &sum, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (by_fuel->n_groups, ==, 2);
  g_assert_cmpfloat (mc_group_result_value (by_fuel, find_group (by_fuel, "Electric", NULL), 0), ==, 136400);
  g_assert_cmpfloat (mc_group_result_value (by_fuel, find_group (by_fuel, "Gasoline", NULL), 0), ==, 123300);

  /* Q1: Jan Leaf 27000, Feb Golf 24500, Mar Leaf 27500 */
  result = mc_group_by (mc_table_get_n_rows (f->sales), NULL, keys, 2, &sum, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (mc_group_result_value (result, find_group (result, "2023-Q1", "Electric"), 0), ==, 54500);
  g_assert_cmpfloat (mc_group_result_value (result, find_group (result, "2023-Q1", "Gasoline"), 0), ==, 24500);
  g_assert_cmpfloat (mc_group_result_value (result, find_group (result, "2023-Q4", "Gasoline"), 0), ==, 25000);
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  const char *website[] = { "Website", NULL };
  const char *spring[] = { "2023-03-01", "2023-08-31", NULL };
  const char *electric[] = { "Electric", NULL };
  const char *big[] = { "27000", NULL };
  const char *app[] = { "app", NULL };
  McFilter web_in_spring[] = {
    { ref (f->platform), MC_FILTER_EQUALS, website },
    { ref (f->date), MC_FILTER_BETWEEN, spring },
  };
  McFilter electric_elsewhere[] = {
    { { NULL, &f->car }, MC_FILTER_EQUALS, electric },
    { ref (f->platform), MC_FILTER_NOT_EQUALS, website },
  };
  McFilter unreviewed = { ref (f->review), MC_FILTER_MISSING, NULL };
  McFilter expensive = { ref (f->price), MC_FILTER_GREATER_EQUAL, big };
  McFilter on_app = { ref (f->platform), MC_FILTER_CONTAINS, app };
  McAggregate sum = { MC_AGGREGATE_SUM, ref (f->price) };
  McGroupKey key = { ref (f->platform), MC_BUCKET_NONE };
  gsize n = mc_table_get_n_rows (f->sales);
  g_autoptr(GError) error = NULL;
  g_autoptr(McSelection) selection = NULL;
  g_autoptr(McSelection) elsewhere = NULL;
  g_autoptr(McSelection) missing = NULL;
  g_autoptr(McSelection) over = NULL;
  g_autoptr(McSelection) contains = NULL;
  g_autoptr(McGroupResult) result = NULL;

  /* Website, March to August: sales 4 (24000), 6 (26000), 8 (27900) */
  selection = mc_selection_new_filtered (n, web_in_spring, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (selection->n_selected, ==, 3);
  g_assert_true (mc_selection_contains (selection, 3));
  g_assert_false (mc_selection_contains (selection, 0));
  result = mc_group_by (n, selection, &key, 1, &sum, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_groups, ==, 1);
  g_assert_cmpfloat (mc_group_result_value (result, 0, 0), ==, 77900);

  /* Leafs not sold on the Website: sales 3 and 9 */
  elsewhere = mc_selection_new_filtered (n, electric_elsewhere, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (elsewhere->n_selected, ==, 2);
  g_assert_true (mc_selection_contains (elsewhere, 2) && mc_selection_contains (elsewhere, 8));

  missing = mc_selection_new_filtered (n, &unreviewed, 1, &error);
  g_assert_cmpuint (missing->n_selected, ==, 6);
  /* 27000 27500 27900 28000 */
  over = mc_selection_new_filtered (n, &expensive, 1, &error);
  g_assert_cmpuint (over->n_selected, ==, 4);
  contains = mc_selection_new_filtered (n, &on_app, 1, &error);
  g_assert_cmpuint (contains->n_selected, ==, 2);
}

static void
test_bad_filters (Fixture       *f,
                  gconstpointer  data)
{
  const char *not_a_date[] = { "last spring", NULL };
  const char *one[] = { "2023-01-01", NULL };
  McFilter bad_date = { ref (f->date), MC_FILTER_LESS, not_a_date };
  McFilter half_range = { ref (f->date), MC_FILTER_BETWEEN, one };
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;

  g_assert_null (mc_selection_new_filtered (10, &bad_date, 1, &error));
  g_assert_error (error, MC_QUERY_ERROR, MC_QUERY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“last spring” is not a date"));
  g_assert_nonnull (strstr (error->message, "purchase_date"));
  g_assert_null (mc_selection_new_filtered (10, &half_range, 1, &error2));
  g_assert_nonnull (strstr (error2->message, "needs 2 values"));
}

static void
test_time_buckets (void)
{
  struct { McTimeBucket bucket; int y, m, d; const char *label; } cases[] = {
    { MC_BUCKET_DAY, 2023, 5, 1, "2023-05-01" },
    { MC_BUCKET_WEEK, 2023, 1, 5, "2023-W01" },    /* a Thursday */
    { MC_BUCKET_WEEK, 2021, 1, 1, "2020-W53" },    /* a Friday of 2020's last week */
    { MC_BUCKET_WEEK, 2024, 12, 30, "2025-W01" },  /* a Monday of 2025's first */
    { MC_BUCKET_WEEK, 1969, 12, 31, "1970-W01" },
    { MC_BUCKET_MONTH, 2023, 12, 31, "2023-12" },
    { MC_BUCKET_MONTH, 1969, 7, 20, "1969-07" },
    { MC_BUCKET_QUARTER, 2023, 5, 1, "2023-Q2" },
    { MC_BUCKET_QUARTER, 1969, 12, 1, "1969-Q4" },
    { MC_BUCKET_YEAR, 2023, 5, 1, "2023" },
    { MC_BUCKET_WEEKDAY, 2023, 1, 5, "Thursday" },
    { MC_BUCKET_WEEKDAY, 1969, 12, 28, "Sunday" },
    { MC_BUCKET_WEEKDAY, 2024, 12, 30, "Monday" },
  };
  McTimeBucket parsed;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint32 day = mc_days_from_civil (cases[i].y, cases[i].m, cases[i].d);
      g_autofree char *label = mc_time_bucket_label (cases[i].bucket, mc_time_bucket_of_day (cases[i].bucket, day));

      g_assert_cmpstr (label, ==, cases[i].label);
    }
  g_assert_true (mc_time_bucket_from_string ("Quarter", &parsed));
  g_assert_cmpint (parsed, ==, MC_BUCKET_QUARTER);
  g_assert_false (mc_time_bucket_from_string ("fortnight", &parsed));
}

static void
test_hours (Fixture       *f,
            gconstpointer  data)
{
  McTable *visits = mc_dataset_lookup_table (f->dataset, "visits");
  McGroupKey keys[] = {
    { ref (mc_table_lookup_column (visits, "start_timestamp")), MC_BUCKET_WEEKDAY },
    { ref (mc_table_lookup_column (visits, "start_timestamp")), MC_BUCKET_HOUR },
  };
  McAggregate count = { MC_AGGREGATE_COUNT, { NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(McGroupResult) result = NULL;

  /* Visits start Sun 10h, Thu 11h, Wed 9h, Sun 15h, Sun 12h, Sat 8h. */
  result = mc_group_by (mc_table_get_n_rows (visits), NULL, keys, 2, &count, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_groups, ==, 6);
  g_assert_cmpstr (mc_group_result_label (result, 0, 0), ==, "Wednesday");
  g_assert_cmpstr (mc_group_result_label (result, 0, 1), ==, "09");
  g_assert_cmpstr (mc_group_result_label (result, 5, 0), ==, "Sunday");
  g_assert_cmpstr (mc_group_result_label (result, 5, 1), ==, "15");
}

static void
test_visits_through_sales (Fixture       *f,
                           gconstpointer  data)
{
  McTable *visits = mc_dataset_lookup_table (f->dataset, "visits");
  McJoin sale;
  McGroupKey key;
  McAggregate count = { MC_AGGREGATE_COUNT, { NULL } };
  g_autoptr(McGroupResult) result = NULL;

  /* visits.transaction_id → sales: the purchasing visits 2 (sale 1,
   * Website) and 5 (sale 3, Mobile App); the others have no sale. */
  g_assert_true (mc_join_init (&sale, f->dataset, visits, MC_ROLE_CHANNEL));
  key = (McGroupKey) { { NULL, &sale }, MC_BUCKET_NONE };
  result = mc_group_by (mc_table_get_n_rows (visits), NULL, &key, 1, &count, 1, NULL);
  g_assert_cmpuint (result->n_groups, ==, 2);
  g_assert_cmpstr (mc_group_result_label (result, 0, 0), ==, "Mobile App");
  g_assert_cmpstr (mc_group_result_label (result, 1, 0), ==, "Website");
  g_assert_cmpfloat (mc_group_result_value (result, 1, 0), ==, 1);
  mc_join_clear (&sale);
}

/* Columns made in the test, where the numbers are chosen to break naive
 * arithmetic. */
static McColumn *
number_column (const double *values,
               gsize         n)
{
  McColumn *column = mc_column_new ("x", MC_COLUMN_TYPE_NUMBER, n);

  memcpy (column->v.f64, values, n * sizeof (double));
  return column;
}

static void
test_compensated_sum (void)
{
  const double values[] = { 1e16, 1.0, -1e16, 0.01, 0.02 };
  g_autoptr(McColumn) column = number_column (values, G_N_ELEMENTS (values));
  McAggregate sum = { MC_AGGREGATE_SUM, ref (column) };
  g_autoptr(McGroupResult) result = mc_group_by (G_N_ELEMENTS (values), NULL, NULL, 0, &sum, 1, NULL);

  /* No keys: one group of everything. A naive sum gives 0.03. */
  g_assert_cmpuint (result->n_groups, ==, 1);
  g_assert_cmpfloat_with_epsilon (mc_group_result_value (result, 0, 0), 1.03, 1e-12);
}

static void
test_number_keys_and_too_many (void)
{
  const double values[] = { 2.5, -1.0, 2.5, 1e300, -0.0 };
  g_autoptr(McColumn) column = number_column (values, G_N_ELEMENTS (values));
  McGroupKey key = { ref (column), MC_BUCKET_NONE };
  McAggregate count = { MC_AGGREGATE_COUNT, { NULL } };
  g_autoptr(McGroupResult) result = mc_group_by (G_N_ELEMENTS (values), NULL, &key, 1, &count, 1, NULL);
  gsize n = 5000;
  g_autoptr(McColumn) wide = mc_column_new ("id", MC_COLUMN_TYPE_INTEGER, n);
  McGroupKey pair[] = { { ref (wide), MC_BUCKET_NONE }, { ref (wide), MC_BUCKET_NONE } };
  g_autoptr(GError) error = NULL;

  /* Numbers group in numeric order. */
  g_assert_cmpuint (result->n_groups, ==, 4);
  g_assert_cmpfloat (g_ascii_strtod (mc_group_result_label (result, 0, 0), NULL), ==, -1);
  g_assert_cmpfloat (g_ascii_strtod (mc_group_result_label (result, 2, 0), NULL), ==, 2.5);
  g_assert_cmpfloat (mc_group_result_value (result, 2, 0), ==, 2);

  /* 5000 × 5000 combinations are more than a result holds. */
  for (gsize r = 0; r < n; r++)
    wide->v.i64[r] = (gint64) r * 1000;
  g_assert_null (mc_group_by (n, NULL, pair, 2, &count, 1, &error));
  g_assert_error (error, MC_QUERY_ERROR, MC_QUERY_ERROR_TOO_MANY);
}

/* A UUID column's codes are in the order of its printed labels (as a
 * text column's are), for every case and with or without hyphens; the
 * values are first seen in another order, f0… sorts after 80… (no
 * signed compare) and two share their first eight bytes. */
static void
test_uuid_codes_by_label (void)
{
  const char *values[] = {
    "f0000000-0000-0000-0000-000000000001", "0f000000-0000-0000-0000-000000000000",
    "0f000000-0000-0000-ffff-000000000000", NULL,
    "f0000000-0000-0000-0000-000000000001", "80000000-0000-0000-0000-000000000000",
    "0f000000-0000-0000-0000-00000000000a",
  };
  /* By hand: 0f…0000 (row 1), 0f…000a (6), 0f…ffff… (2), 80… (5), f0… (0, 4). */
  const guint32 expected_codes[] = { 4, 0, 2, MC_NO_CODE, 4, 3, 1 };
  const guint expected_first_row[] = { 1, 6, 2, 5, 0 };
  gsize n = G_N_ELEMENTS (values);

  for (guint layout = 0; layout < 3; layout++)
    {
      g_autoptr(McColumn) column = mc_column_new ("id", MC_COLUMN_TYPE_IDENTIFIER, n);
      McKeyCodes codes;
      gboolean plain;
      int letter_case;

      column->is_uuid = TRUE;
      column->uuid_upper = layout == 1;
      column->uuid_plain = layout == 2;
      for (gsize r = 0; r < n; r++)
        if (values[r] == NULL)
          mc_column_set_missing (column, r);
        else
          g_assert_true (mc_parse_uuid (values[r], strlen (values[r]), column->v.uuids + 16 * r, &letter_case, &plain));
      mc_key_codes_init (&codes, ref (column), MC_BUCKET_NONE, n);
      g_assert_cmpuint (codes.labels->len, ==, G_N_ELEMENTS (expected_first_row));
      for (gsize r = 0; r < n; r++)
        g_assert_cmpuint (codes.codes[r], ==, expected_codes[r]);
      for (guint c = 0; c < codes.labels->len; c++)
        {
          g_autofree char *label = mc_column_format_value (column, expected_first_row[c]);

          g_assert_cmpstr (g_ptr_array_index (codes.labels, c), ==, label);
          if (c > 0)
            g_assert_cmpint (strcmp (g_ptr_array_index (codes.labels, c - 1), label), <, 0);
        }
      mc_key_codes_clear (&codes);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add ("/Mercato/Query/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("aggregates", test_aggregates);
  ADD ("month-by-platform", test_month_by_platform);
  ADD ("quarter-and-joined-key", test_quarter_and_joined_key);
  ADD ("filters", test_filters);
  ADD ("bad-filters", test_bad_filters);
  ADD ("hours", test_hours);
  ADD ("visits-through-sales", test_visits_through_sales);
#undef ADD
  g_test_add_func ("/Mercato/Query/time-buckets", test_time_buckets);
  g_test_add_func ("/Mercato/Query/compensated-sum", test_compensated_sum);
  g_test_add_func ("/Mercato/Query/number-keys-and-too-many", test_number_keys_and_too_many);
  g_test_add_func ("/Mercato/Query/uuid-codes-by-label", test_uuid_codes_by_label);
  return g_test_run ();
}
