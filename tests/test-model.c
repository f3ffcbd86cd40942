/* test-model.c: the dataset model on small exports of five shapes
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fixtures in tests/fixtures/model/ are small enough to check by
 * hand; the expected figures below are worked out in the comments.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "mc-metrics.h"
#include "mc-model-store.h"
#include "mc-model.h"
#include "mc-rfm.h"
#include "test-common.h"

static void
assert_choice (McDataset  *dataset,
               McModelKey  key,
               const char *expected)
{
  const char *value = mc_model_get_value (mc_model_for_dataset (dataset), key);

  if (g_strcmp0 (value, expected) != 0)
    g_error ("%s: expected %s, got %s", mc_model_key_to_string (key), expected ? expected : "(none)",
             value ? value : "(none)");
}

static gboolean
has_warning_with (McDataset  *dataset,
                  const char *words)
{
  const GPtrArray *warnings = mc_model_get_warnings (mc_model_for_dataset (dataset));

  for (guint i = 0; i < warnings->len; i++)
    if (strstr (g_ptr_array_index (warnings, i), words) != NULL)
      return TRUE;
  return FALSE;
}

static const McMetricsGroup *
find_group (GArray     *groups,
            const char *key)
{
  for (guint i = 0; groups != NULL && i < groups->len; i++)
    if (g_str_equal (g_array_index (groups, McMetricsGroup, i).key, key))
      return &g_array_index (groups, McMetricsGroup, i);
  g_error ("no group %s", key);
  return NULL;
}

static void
assert_money (double      got,
              double      expected)
{
  g_assert_cmpfloat_with_epsilon (round (got * 100) / 100, expected, 1e-9);
}

/* Marketplace: lines carry price and freight; the order carries the
 * customer (one per order) and the time; the person is
 * customer_unique_id; o3 is canceled. Lines counted: o1 110 + 55, o2
 * 112.50, o4 44 = 321.50 over 3 orders of 2 people (u1: o1, o4; u2:
 * o2). January: o1 and o2 = 277.50; February: o4 = 44. bed_bath_table:
 * 110 + 112.50 = 222.50; health_beauty: 55 + 44 = 99. */
/* The relation from TABLE.COLUMN, as "to_table.to_column", or NULL. */
static char *
relation_from (McDataset  *dataset,
               const char *table,
               const char *column)
{
  for (guint i = 0; i < mc_dataset_get_n_relations (dataset); i++)
    {
      const McRelation *r = mc_dataset_get_relation (dataset, i);

      if (g_str_equal (mc_table_get_name (r->from_table), table)
          && g_str_equal (mc_table_get_column (r->from_table, r->from_column)->name, column))
        return g_strdup_printf ("%s.%s", mc_table_get_name (r->to_table), mc_table_get_column (r->to_table, r->to_column)->name);
    }
  return NULL;
}

/* Keys by evidence: order_reviews repeats o1, so order_id is not its key
 * and order lines refer to orders, not to reviews; a payment's sequence
 * number and instalments are counts, not money; a category name refers
 * to its translation. */
static void
test_marketplace_keys (void)
{
  g_autoptr(McDataset) dataset = load_test_dataset ("model", "marketplace", NULL);
  McTable *reviews = mc_dataset_lookup_table (dataset, "order_reviews");
  McTable *payments = mc_dataset_lookup_table (dataset, "order_payments");
  g_autofree char *items = relation_from (dataset, "order_items", "order_id");
  g_autofree char *rated = relation_from (dataset, "order_reviews", "order_id");
  g_autofree char *paid = relation_from (dataset, "order_payments", "order_id");
  g_autofree char *named = relation_from (dataset, "products", "product_category_name");

  g_assert_cmpint (mc_table_get_primary_key (reviews), ==, mc_table_get_column_index (reviews, "review_id"));
  g_assert_cmpstr (items, ==, "orders.order_id");
  g_assert_cmpstr (rated, ==, "orders.order_id");
  g_assert_cmpstr (paid, ==, "orders.order_id");
  g_assert_cmpstr (named, ==, "product_category_name_translation.product_category_name");
  g_assert_cmpint (mc_table_lookup_column (payments, "payment_sequential")->role, ==, MC_ROLE_NONE);
  g_assert_cmpint (mc_table_lookup_column (payments, "payment_installments")->role, ==, MC_ROLE_NONE);
  g_assert_cmpint (mc_table_lookup_column (payments, "payment_value")->role, ==, MC_ROLE_AMOUNT);
  /* Payments are another reading of revenue, offered, not taken. */
  assert_choice (dataset, MC_MODEL_PURCHASES, "order_items");
  g_assert_true (g_ptr_array_find_with_equal_func (mc_model_get_choice (mc_model_for_dataset (dataset), MC_MODEL_AMOUNT)->alternatives,
                                                   "order_payments.payment_value", g_str_equal, NULL));
}

static void
test_marketplace (void)
{
  g_autoptr(McDataset) dataset = load_test_dataset ("model", "marketplace", NULL);
  g_autoptr(McMetrics) metrics = mc_metrics_compute (dataset, NULL);

  assert_choice (dataset, MC_MODEL_PURCHASES, "order_items");
  assert_choice (dataset, MC_MODEL_AMOUNT, "price+freight_value");
  assert_choice (dataset, MC_MODEL_ORDER, "order_items.order_id");
  assert_choice (dataset, MC_MODEL_CUSTOMER, "customers.customer_unique_id");
  assert_choice (dataset, MC_MODEL_TIME, "orders.order_purchase_timestamp");
  assert_choice (dataset, MC_MODEL_PRODUCT_TYPE, "product_category_name_translation.product_category_name_english");
  assert_choice (dataset, MC_MODEL_EXCLUDED_STATUS, "canceled");
  g_assert_nonnull (metrics);
  assert_money (metrics->overall.revenue, 321.50);
  g_assert_cmpuint (metrics->overall.orders, ==, 3);
  g_assert_cmpuint (metrics->overall.customers, ==, 2);
  assert_money (metrics->overall.aov, 107.17);
  assert_money (find_group (metrics->by_month, "2023-01")->sales.revenue, 277.50);
  assert_money (find_group (metrics->by_month, "2023-02")->sales.revenue, 44.00);
  assert_money (find_group (metrics->by_product_type, "bed_bath_table")->sales.revenue, 222.50);
  assert_money (find_group (metrics->by_product_type, "health_beauty")->sales.revenue, 99.00);
  g_assert_cmpuint (find_group (metrics->by_product_type, "health_beauty")->sales.orders, ==, 2);
  /* Reviews by order, in a table of their own: o1 5 and 4 (mean 4.5), o2
   * 3, o4 1, each order counted once: (4.5 + 3 + 1) / 3. */
  assert_choice (dataset, MC_MODEL_RATING, "order_reviews.review_score");
  g_assert_true (has_warning_with (dataset, "1 order has several reviews"));
  g_assert_cmpuint (metrics->overall.reviews, ==, 3);
  g_assert_cmpfloat_with_epsilon (metrics->overall.review_mean, 8.5 / 3, 1e-12);
}

/* Invoice lines: Quantity × UnitPrice; C536379 is a credit note of
 * −27.50. Revenue 15.30 + 20.34 + 11.10 − 27.50 + 34.80 + 4.95 = 58.99
 * over 4 invoices (not the credit note); customers 17850 and 14527.
 * RFM as of 1 Dec 2010: 17850 bought twice for 46.74, 14527 once for
 * 34.80 − 27.50 = 7.30. 12/1/10 is 1 December (unpadded: month first). */
static void
test_credit_notes (void)
{
  g_autoptr(McDataset) dataset = load_test_dataset ("model", "invoices", NULL);
  g_autoptr(McMetrics) metrics = mc_metrics_compute (dataset, NULL);
  g_autoptr(GArray) rfm = NULL;
  gint32 reference = 0;

  assert_choice (dataset, MC_MODEL_AMOUNT, "Quantity*UnitPrice");
  assert_choice (dataset, MC_MODEL_ORDER, "lines.InvoiceNo");
  assert_choice (dataset, MC_MODEL_RETURNS, "order id prefix C");
  assert_money (metrics->overall.revenue, 58.99);
  g_assert_cmpuint (metrics->overall.orders, ==, 4);
  g_assert_cmpuint (metrics->overall.customers, ==, 2);
  assert_money (find_group (metrics->by_month, "2010-12")->sales.revenue, 58.99);
  rfm = mc_rfm_compute (dataset, G_MININT32, &reference, NULL);
  g_assert_cmpuint (rfm->len, ==, 2);
  g_assert_cmpstr (g_array_index (rfm, McRfmRow, 0).customer, ==, "14527");
  g_assert_cmpuint (g_array_index (rfm, McRfmRow, 0).frequency, ==, 1);
  assert_money (g_array_index (rfm, McRfmRow, 0).monetary, 7.30);
  g_assert_cmpuint (g_array_index (rfm, McRfmRow, 1).frequency, ==, 2);
  assert_money (g_array_index (rfm, McRfmRow, 1).monetary, 46.74);
}

/* A till log without customers: revenue 3.50 + 3.00 + 1.75 + 1.50 =
 * 9.75 over tickets 101, 102, 103; January 8.25. Customers are unknown,
 * not zero, and the model says so. */
static void
test_no_customers (void)
{
  g_autoptr(McDataset) dataset = load_test_dataset ("model", "till", NULL);
  g_autoptr(McMetrics) metrics = mc_metrics_compute (dataset, NULL);
  g_autoptr(GError) error = NULL;
  gint32 reference;

  assert_choice (dataset, MC_MODEL_AMOUNT, "LineTotal");
  assert_choice (dataset, MC_MODEL_ORDER, "sales.Transaction");
  assert_choice (dataset, MC_MODEL_TIME, "sales.TransDate");
  assert_choice (dataset, MC_MODEL_CUSTOMER, NULL);
  g_assert_true (has_warning_with (dataset, "customer"));
  assert_money (metrics->overall.revenue, 9.75);
  g_assert_cmpuint (metrics->overall.orders, ==, 3);
  g_assert_false (metrics->overall.has_customers);
  assert_money (find_group (metrics->by_month, "2022-01")->sales.revenue, 8.25);
  g_assert_null (mc_rfm_compute (dataset, G_MININT32, &reference, &error));
  g_assert_nonnull (error);
}

/* A shop platform's export: the order's fields on its first line only.
 * #1001 = 2 × 10 + 5 = 25 for ana, #1002 refunded, #1003 = 30 for ana:
 * 55 over 2 orders of 1 customer. #1003 at 23:30 −04:00 is 2 June UTC. */
static void
test_first_line_fields (void)
{
  g_autoptr(McDataset) dataset = load_test_dataset ("model", "platform", NULL);
  g_autoptr(McMetrics) metrics = mc_metrics_compute (dataset, NULL);

  assert_choice (dataset, MC_MODEL_ORDER, "orders_export.Name");
  assert_choice (dataset, MC_MODEL_CUSTOMER, "orders_export.Email");
  assert_choice (dataset, MC_MODEL_TIME, "orders_export.Created at");
  assert_choice (dataset, MC_MODEL_EXCLUDED_STATUS, "refunded");
  assert_choice (dataset, MC_MODEL_AMOUNT, "Lineitem quantity*Lineitem price");
  g_assert_true (has_warning_with (dataset, "Total"));
  assert_money (metrics->overall.revenue, 55.00);
  g_assert_cmpuint (metrics->overall.orders, ==, 2);
  g_assert_cmpuint (metrics->overall.customers, ==, 1);
  g_assert_cmpstr (metrics->currency, ==, "EUR");
  assert_money (find_group (metrics->by_month, "2025-06")->sales.revenue, 30.00);
}

/* The product type is the product's Category, not the customer's
 * Segment nor the Sub-Category: Furniture 200.50 + 300 = 500.50. */
static void
test_product_type (void)
{
  g_autoptr(McDataset) dataset = load_test_dataset ("model", "star", NULL);
  g_autoptr(McMetrics) metrics = mc_metrics_compute (dataset, NULL);

  assert_choice (dataset, MC_MODEL_PRODUCT_TYPE, "superstore.Category");
  assert_choice (dataset, MC_MODEL_AMOUNT, "Sales");
  assert_money (find_group (metrics->by_product_type, "Furniture")->sales.revenue, 500.50);
  g_assert_cmpuint (metrics->by_product_type->len, ==, 2);
}

/* --set: the user's word wins, is said to be theirs, and bad words are
 * errors that leave the model as it was. */
static void
test_settings (void)
{
  g_autoptr(McDataset) dataset = load_test_dataset ("model", "invoices", NULL);
  g_autoptr(GHashTable) settings = mc_model_overrides_new ();
  g_autoptr(GHashTable) bad = mc_model_overrides_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(McMetrics) metrics = NULL;

  g_assert_true (mc_model_parse_setting (settings, "amount = UnitPrice * 2", &error));
  g_assert_true (mc_model_parse_setting (settings, "returns=none", &error));
  g_assert_true (mc_model_set_dataset_settings (dataset, settings, &error));
  g_assert_no_error (error);
  g_assert_true (mc_model_get_choice (mc_model_for_dataset (dataset), MC_MODEL_AMOUNT)->set_by_user);
  metrics = mc_metrics_compute (dataset, NULL);
  /* 2 × (2.55 + 3.39 + 1.85 + 27.50 + 1.45 + 4.95) = 83.38; the credit
   * note is now an order of its own: 5 orders. */
  assert_money (metrics->overall.revenue, 83.38);
  g_assert_cmpuint (metrics->overall.orders, ==, 5);

  g_assert_false (mc_model_parse_setting (bad, "colour=blue", &error));
  g_assert_error (error, MC_MODEL_ERROR, MC_MODEL_ERROR_UNKNOWN_KEY);
  g_clear_error (&error);
  g_assert_false (mc_model_parse_setting (bad, "amount", &error));
  g_clear_error (&error);
  g_assert_true (mc_model_parse_setting (bad, "amount=Quantity*Colour", &error));
  g_assert_false (mc_model_set_dataset_settings (dataset, bad, &error));
  g_assert_error (error, MC_MODEL_ERROR, MC_MODEL_ERROR_BAD_VALUE);
  g_clear_error (&error);
  g_assert_true (mc_model_parse_setting (bad, "amount=Description", &error));
  g_assert_false (mc_model_set_dataset_settings (dataset, bad, &error));
  g_clear_error (&error);

  /* A currency the data does not name, given by the user, is the figures'. */
  g_assert_true (mc_model_parse_setting (settings, "currency=GBP", &error));
  g_assert_true (mc_model_set_dataset_settings (dataset, settings, &error));
  {
    g_autoptr(McMetrics) priced = mc_metrics_compute (dataset, NULL);

    g_assert_cmpstr (priced->currency, ==, "GBP");
  }
  assert_choice (dataset, MC_MODEL_AMOUNT, "UnitPrice * 2");
}

/* Corrections are kept outside the sources, found again for the same
 * files and headers, written back and read as the same settings. */
static void
test_store (void)
{
  g_autofree char *folder = g_dir_make_tmp ("mercato-models-XXXXXX", NULL);
  g_autoptr(McDataset) dataset = load_test_dataset ("model", "invoices", NULL);
  g_autoptr(McDataset) again = load_test_dataset ("model", "invoices", NULL);
  g_autoptr(McDataset) other = load_test_dataset ("model", "till", NULL);
  g_autoptr(GHashTable) settings = mc_model_overrides_new ();
  g_autoptr(GHashTable) kept = NULL;
  g_autofree char *path = NULL;
  g_autofree char *other_path = NULL;
  g_autoptr(GError) error = NULL;

  g_setenv ("MERCATO_MODEL_DIR", folder, TRUE);
  path = mc_model_store_path (dataset);
  other_path = mc_model_store_path (other);
  g_assert_true (g_str_has_prefix (path, folder));
  g_assert_cmpstr (path, !=, other_path);
  g_assert_null (mc_model_store_load (dataset));
  g_assert_true (mc_model_parse_setting (settings, "amount=UnitPrice", &error));
  g_assert_true (mc_model_set_dataset_settings (dataset, settings, &error));
  g_assert_true (mc_model_store_save (dataset, &error));
  g_assert_no_error (error);
  kept = mc_model_store_load (again);
  g_assert_nonnull (kept);
  g_assert_cmpuint (g_hash_table_size (kept), ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (kept, "amount"), ==, "UnitPrice");
  g_assert_null (mc_model_store_load (other));
  /* No corrections left: nothing is kept. */
  g_assert_true (mc_model_set_dataset_settings (dataset, NULL, &error));
  g_assert_true (mc_model_store_save (dataset, &error));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_rmdir (folder);
  g_unsetenv ("MERCATO_MODEL_DIR");
}

/* A filtered dataset keeps the whole data's reading. */
static void
test_filtered_keeps_choices (void)
{
  g_autoptr(McDataset) dataset = load_test_dataset ("model", "invoices", NULL);
  McTable *lines = mc_dataset_lookup_table (dataset, "lines");
  gsize rows[] = { 3, 4 };
  g_autoptr(McDataset) filtered = mc_dataset_new_with_rows (dataset, lines, rows, G_N_ELEMENTS (rows));
  g_autoptr(McMetrics) metrics = mc_metrics_compute (filtered, NULL);

  assert_choice (filtered, MC_MODEL_RETURNS, "order id prefix C");
  /* −27.50 + 34.80 */
  assert_money (metrics->overall.revenue, 7.30);
  g_assert_cmpuint (metrics->overall.orders, ==, 1);
}

/* Ids a spreadsheet wrote as floats are the integers meant; a review
 * column with one score off its scale stays a review column (so
 * out_of_range can report it). Customer 12347 has the even orders:
 * 2 + 4 + … + 60 = 930. */
static void
test_float_ids_and_ratings (void)
{
  g_autoptr(McDataset) dataset = load_test_dataset ("model", "floats", NULL);
  g_autoptr(GArray) rfm = NULL;
  gint32 reference;

  assert_choice (dataset, MC_MODEL_RATING, "orders.review_score");
  rfm = mc_rfm_compute (dataset, G_MININT32, &reference, NULL);
  g_assert_cmpuint (rfm->len, ==, 2);
  g_assert_cmpstr (g_array_index (rfm, McRfmRow, 0).customer, ==, "12347");
  g_assert_cmpstr (g_array_index (rfm, McRfmRow, 1).customer, ==, "17850");
  assert_money (g_array_index (rfm, McRfmRow, 0).monetary, 930.00);
  g_assert_cmpuint (g_array_index (rfm, McRfmRow, 0).frequency, ==, 30);
}

/* What a column refers to is the user's to say (refers.TABLE.COLUMN):
 * without the translation, categories are in Portuguese; without the
 * product link there is no product type; a wrong column is an error that
 * leaves the relations as they were; no setting, and they are found
 * again. */
static void
test_relation_settings (void)
{
  g_autoptr(McDataset) dataset = load_test_dataset ("model", "marketplace", NULL);
  g_autoptr(GHashTable) settings = mc_model_overrides_new ();
  g_autoptr(GHashTable) bad = mc_model_overrides_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *restored = NULL;
  guint found = mc_dataset_get_n_relations (dataset);

  g_assert_true (mc_model_parse_setting (settings, "refers.products.product_category_name=none", &error));
  g_assert_true (mc_model_set_dataset_settings (dataset, settings, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mc_dataset_get_n_relations (dataset), ==, found - 1);
  assert_choice (dataset, MC_MODEL_PRODUCT_TYPE, "products.product_category_name");

  g_assert_true (mc_model_parse_setting (settings, "refers.order_items.product_id=none", &error));
  g_assert_true (mc_model_set_dataset_settings (dataset, settings, &error));
  assert_choice (dataset, MC_MODEL_PRODUCT_TYPE, NULL);

  g_assert_true (mc_model_parse_setting (bad, "refers.order_items.colour=products.product_id", &error));
  g_assert_false (mc_model_set_dataset_settings (dataset, bad, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (mc_dataset_get_n_relations (dataset), ==, found - 2);

  g_assert_true (mc_model_set_dataset_settings (dataset, NULL, &error));
  g_assert_cmpuint (mc_dataset_get_n_relations (dataset), ==, found);
  restored = relation_from (dataset, "products", "product_category_name");
  g_assert_cmpstr (restored, ==, "product_category_name_translation.product_category_name");
  assert_choice (dataset, MC_MODEL_PRODUCT_TYPE, "product_category_name_translation.product_category_name_english");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Mercato/Model/marketplace", test_marketplace);
  g_test_add_func ("/Mercato/Model/marketplace-keys", test_marketplace_keys);
  g_test_add_func ("/Mercato/Model/credit-notes", test_credit_notes);
  g_test_add_func ("/Mercato/Model/no-customers", test_no_customers);
  g_test_add_func ("/Mercato/Model/first-line-fields", test_first_line_fields);
  g_test_add_func ("/Mercato/Model/product-type", test_product_type);
  g_test_add_func ("/Mercato/Model/settings", test_settings);
  g_test_add_func ("/Mercato/Model/store", test_store);
  g_test_add_func ("/Mercato/Model/filtered-keeps-choices", test_filtered_keeps_choices);
  g_test_add_func ("/Mercato/Model/float-ids-and-ratings", test_float_ids_and_ratings);
  g_test_add_func ("/Mercato/Model/relation-settings", test_relation_settings);

  return g_test_run ();
}
