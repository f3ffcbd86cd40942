/* test-dataset.c: keys, relations and roles on the three kinds of data
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fixtures in tests/fixtures/dataset/: automotive (four tables, one sale
 * of an unknown customer among ten), an electronics purchase log (one
 * wide table), and a shop (customers, orders, line items, products,
 * events; one line item of an unknown product among five).
 */
#include <glib/gstdio.h>

#include "mc-dataset.h"
#include "mc-dataset-loader.h"

static McDataset *
load (const char *first,
      ...)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  McDataset *dataset;
  va_list args;

  va_start (args, first);
  for (const char *name = first; name != NULL; name = va_arg (args, const char *))
    g_ptr_array_add (paths, g_test_build_filename (G_TEST_DIST, "fixtures", "dataset", name, NULL));
  va_end (args);
  g_ptr_array_add (paths, NULL);

  dataset = mc_dataset_load ((const char * const *) paths->pdata, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return dataset;
}

static McColumn *
column (McDataset  *dataset,
        const char *table,
        const char *name)
{
  McTable *t = mc_dataset_lookup_table (dataset, table);

  g_assert_nonnull (t);
  g_assert_nonnull (mc_table_lookup_column (t, name));
  return mc_table_lookup_column (t, name);
}

static void
assert_role (McDataset  *dataset,
             const char *table,
             const char *name,
             McRole      role)
{
  McColumn *c = column (dataset, table, name);

  if (c->role != role)
    g_error ("%s.%s: role %s, expected %s", table, name, mc_role_to_string (c->role), mc_role_to_string (role));
}

static void
assert_key (McDataset  *dataset,
            const char *table,
            const char *name)
{
  McTable *t = mc_dataset_lookup_table (dataset, table);
  int key = mc_table_get_primary_key (t);

  if (name == NULL)
    g_assert_cmpint (key, ==, -1);
  else
    {
      g_assert_cmpint (key, >=, 0);
      g_assert_cmpstr (mc_table_get_column (t, key)->name, ==, name);
    }
}

static const McRelation *
find_relation (McDataset  *dataset,
               const char *from_table,
               const char *from_column)
{
  for (guint i = 0; i < mc_dataset_get_n_relations (dataset); i++)
    {
      const McRelation *r = mc_dataset_get_relation (dataset, i);

      if (g_str_equal (mc_table_get_name (r->from_table), from_table)
          && g_str_equal (mc_table_get_column (r->from_table, r->from_column)->name, from_column))
        return r;
    }
  return NULL;
}

static void
assert_relation (McDataset  *dataset,
                 const char *from_table,
                 const char *from_column,
                 const char *to_table,
                 const char *to_column,
                 double      match_rate,
                 gsize       unmatched)
{
  const McRelation *r = find_relation (dataset, from_table, from_column);

  g_assert_nonnull (r);
  g_assert_cmpstr (mc_table_get_name (r->to_table), ==, to_table);
  g_assert_cmpstr (mc_table_get_column (r->to_table, r->to_column)->name, ==, to_column);
  g_assert_cmpfloat_with_epsilon (r->match_rate, match_rate, 1e-12);
  g_assert_cmpuint (r->n_unmatched, ==, unmatched);
}

static void
test_automotive (void)
{
  g_autoptr(McDataset) dataset = load ("automotive", NULL);

  g_assert_cmpuint (mc_dataset_get_n_tables (dataset), ==, 4);
  assert_key (dataset, "users", "customer_id");
  assert_key (dataset, "cars", "car_id");
  assert_key (dataset, "sales", "transaction_id");
  assert_key (dataset, "visits", "visit_id");

  /* One sale in ten is of customer 9999…, who is not in users. */
  assert_relation (dataset, "sales", "customer_id", "users", "customer_id", 0.9, 1);
  assert_relation (dataset, "sales", "car_id", "cars", "car_id", 1.0, 0);
  assert_relation (dataset, "visits", "customer_id", "users", "customer_id", 1.0, 0);
  assert_relation (dataset, "visits", "transaction_id", "sales", "transaction_id", 1.0, 0);
  g_assert_cmpuint (mc_dataset_get_n_relations (dataset), ==, 4);

  assert_role (dataset, "users", "email", MC_ROLE_EMAIL);
  assert_role (dataset, "users", "gender", MC_ROLE_GENDER);
  assert_role (dataset, "users", "user_first_name", MC_ROLE_FIRST_NAME);
  assert_role (dataset, "users", "user_last_name", MC_ROLE_LAST_NAME);
  assert_role (dataset, "cars", "car_id", MC_ROLE_PRODUCT_ID);
  assert_role (dataset, "cars", "car_model", MC_ROLE_PRODUCT_NAME);
  assert_role (dataset, "cars", "fuel_type", MC_ROLE_CATEGORY);
  assert_role (dataset, "cars", "release_date", MC_ROLE_RELEASE_DATE);
  assert_role (dataset, "cars", "price", MC_ROLE_LIST_PRICE);
  assert_role (dataset, "sales", "transaction_id", MC_ROLE_ORDER_ID);
  assert_role (dataset, "sales", "customer_id", MC_ROLE_CUSTOMER_ID);
  assert_role (dataset, "sales", "car_id", MC_ROLE_PRODUCT_ID);
  assert_role (dataset, "sales", "platform", MC_ROLE_CHANNEL);
  assert_role (dataset, "sales", "purchase_date", MC_ROLE_EVENT_TIME);
  assert_role (dataset, "sales", "purchase_price", MC_ROLE_AMOUNT);
  assert_role (dataset, "sales", "user_review", MC_ROLE_RATING);
  assert_role (dataset, "visits", "visit_id", MC_ROLE_VISIT_ID);
  assert_role (dataset, "visits", "start_timestamp", MC_ROLE_VISIT_START);
  assert_role (dataset, "visits", "end_timestamp", MC_ROLE_VISIT_END);
  assert_role (dataset, "visits", "visit_type", MC_ROLE_EVENT_TYPE);
  assert_role (dataset, "visits", "transaction_id", MC_ROLE_ORDER_ID);
}

static void
test_electronics (void)
{
  g_autoptr(McDataset) dataset = load ("electronics", NULL);

  g_assert_cmpuint (mc_dataset_get_n_tables (dataset), ==, 1);
  /* A purchase log repeats orders and products: no column is a key. */
  assert_key (dataset, "purchases", NULL);
  g_assert_cmpuint (mc_dataset_get_n_relations (dataset), ==, 0);
  g_assert_cmpint (column (dataset, "purchases", "event_time")->type, ==, MC_COLUMN_TYPE_DATETIME);
  g_assert_cmpint (column (dataset, "purchases", "order_id")->type, ==, MC_COLUMN_TYPE_IDENTIFIER);
  /* One product has no category code. */
  g_assert_cmpuint (column (dataset, "purchases", "category_code")->n_missing, ==, 1);
  assert_role (dataset, "purchases", "event_time", MC_ROLE_EVENT_TIME);
  assert_role (dataset, "purchases", "order_id", MC_ROLE_ORDER_ID);
  assert_role (dataset, "purchases", "product_id", MC_ROLE_PRODUCT_ID);
  assert_role (dataset, "purchases", "category_code", MC_ROLE_CATEGORY);
  assert_role (dataset, "purchases", "brand", MC_ROLE_BRAND);
  assert_role (dataset, "purchases", "price", MC_ROLE_AMOUNT);
  assert_role (dataset, "purchases", "user_id", MC_ROLE_CUSTOMER_ID);
}

static void
test_shop (void)
{
  g_autoptr(McDataset) dataset = load ("shop", NULL);

  g_assert_cmpuint (mc_dataset_get_n_tables (dataset), ==, 5);
  assert_key (dataset, "customers", "customer_id");
  assert_key (dataset, "orders", "order_id");
  assert_key (dataset, "products", "id");
  assert_key (dataset, "line_items", "line_item_id");
  assert_key (dataset, "events", "event_id");

  assert_relation (dataset, "orders", "customer_id", "customers", "customer_id", 1.0, 0);
  assert_relation (dataset, "line_items", "order_id", "orders", "order_id", 1.0, 0);
  /* item_id 9 is no product: four of five match. */
  assert_relation (dataset, "line_items", "item_id", "products", "id", 0.8, 1);
  assert_relation (dataset, "events", "customer_id", "customers", "customer_id", 1.0, 0);

  assert_role (dataset, "customers", "device_id", MC_ROLE_DEVICE_ID);
  assert_role (dataset, "customers", "location", MC_ROLE_COUNTRY);
  assert_role (dataset, "customers", "currency", MC_ROLE_CURRENCY);
  assert_role (dataset, "orders", "status", MC_ROLE_STATUS);
  assert_role (dataset, "orders", "checked_out_at", MC_ROLE_EVENT_TIME);
  assert_role (dataset, "products", "id", MC_ROLE_PRODUCT_ID);
  assert_role (dataset, "products", "name", MC_ROLE_PRODUCT_NAME);
  assert_role (dataset, "products", "price", MC_ROLE_LIST_PRICE);
  assert_role (dataset, "line_items", "item_id", MC_ROLE_PRODUCT_ID);
  assert_role (dataset, "line_items", "quantity", MC_ROLE_QUANTITY);
  assert_role (dataset, "events", "event_type", MC_ROLE_EVENT_TYPE);
  assert_role (dataset, "events", "event_timestamp", MC_ROLE_EVENT_TIME);
}

static void
test_role_override (void)
{
  g_autoptr(McDataset) dataset = load ("automotive", NULL);
  McTable *sales = mc_dataset_lookup_table (dataset, "sales");
  McColumn *found;
  McTable *table;

  mc_table_set_role (sales, mc_table_get_column_index (sales, "platform"), MC_ROLE_CATEGORY);
  mc_dataset_infer (dataset);
  assert_role (dataset, "sales", "platform", MC_ROLE_CATEGORY);
  g_assert_null (mc_dataset_find_role (dataset, MC_ROLE_CHANNEL, &table));
  g_assert_null (table);
  found = mc_dataset_find_role (dataset, MC_ROLE_AMOUNT, &table);
  g_assert_true (found == column (dataset, "sales", "purchase_price"));
  g_assert_true (table == sales);
  /* Inferring again finds the same relations, not twice as many. */
  g_assert_cmpuint (mc_dataset_get_n_relations (dataset), ==, 4);
}

static void
test_role_names (void)
{
  McRole role;

  for (guint i = 0; i < MC_N_ROLES; i++)
    {
      g_assert_true (mc_role_from_string (mc_role_to_string (i), &role));
      g_assert_cmpint (role, ==, i);
    }
  g_assert_cmpstr (mc_role_to_string (MC_ROLE_CUSTOMER_ID), ==, "customer_id");
  g_assert_false (mc_role_from_string ("shoe_size", &role));
}

static void
test_several_paths (void)
{
  /* Files and folders given together form one dataset; the same file
   * name twice gets a second table name. */
  g_autoptr(McDataset) dataset = load ("shop/orders.csv", "shop/customers.csv", "automotive",
                                      "automotive/users.csv", NULL);

  g_assert_cmpuint (mc_dataset_get_n_tables (dataset), ==, 7);
  g_assert_nonnull (mc_dataset_lookup_table (dataset, "orders"));
  g_assert_nonnull (mc_dataset_lookup_table (dataset, "visits"));
  g_assert_nonnull (mc_dataset_lookup_table (dataset, "users_2"));
  g_assert_cmpuint (mc_table_get_n_rows (mc_dataset_lookup_table (dataset, "users_2")), ==, 4);
  assert_relation (dataset, "orders", "customer_id", "customers", "customer_id", 1.0, 0);
}

static void
test_load_errors (void)
{
  g_autofree char *empty = g_dir_make_tmp ("mercato-test-XXXXXX", NULL);
  const char *paths[] = { empty, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(McDataset) dataset = mc_dataset_load (paths, NULL, NULL, NULL, &error);

  g_assert_null (dataset);
  g_assert_error (error, MC_CSV_ERROR, MC_CSV_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, empty));
  g_rmdir (empty);
}

/* The real datasets beside the checkout (../shared/data), when present. */
static char *
shared_data (const char *name)
{
  const char *root = g_getenv ("MERCATO_SOURCE_ROOT");
  g_autofree char *path = g_build_filename (root != NULL ? root : ".", "..", "shared", "data", name, NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    return NULL;
  return g_steal_pointer (&path);
}

/* Loads a real dataset from ../shared/data, or skips the test when that
 * folder is not beside the checkout. */
static McDataset *
load_shared (const char *name)
{
  g_autofree char *path = shared_data (name);
  const char *paths[] = { path, NULL };
  g_autoptr(GError) error = NULL;
  McDataset *dataset;

  if (path == NULL)
    {
      g_test_skip ("../shared/data is not beside this checkout");
      return NULL;
    }
  dataset = mc_dataset_load (paths, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return dataset;
}

static void
test_real_shop (void)
{
  g_autoptr(McDataset) dataset = load_shared ("shopsmart-altschool");

  if (dataset == NULL)
    return;
  /* SOURCE.md: 10,000 customers, 9,165 orders, 31,741 line items, 15
   * products, and referential integrity holds. */
  g_assert_cmpuint (mc_table_get_n_rows (mc_dataset_lookup_table (dataset, "line_items")), ==, 31741);
  assert_relation (dataset, "orders", "customer_id", "customers", "customer_id", 1.0, 0);
  assert_relation (dataset, "line_items", "item_id", "products", "id", 1.0, 0);
  assert_relation (dataset, "line_items", "order_id", "orders", "order_id", 1.0, 0);
  assert_role (dataset, "customers", "location", MC_ROLE_COUNTRY);
}

static void
test_real_olist (void)
{
  g_autoptr(McDataset) dataset = load_shared ("olist-partial");

  if (dataset == NULL)
    return;
  /* SOURCE.md: all 842 closed deals match a lead; 380 of 842 a seller. */
  assert_relation (dataset, "olist_closed_deals_dataset", "mql_id",
                   "olist_marketing_qualified_leads_dataset", "mql_id", 1.0, 0);
  assert_relation (dataset, "olist_closed_deals_dataset", "seller_id",
                   "olist_sellers_dataset", "seller_id", 380.0 / 842.0, 462);
  /* Dates written 01-02-2018 are day first. */
  g_assert_cmpint (column (dataset, "olist_marketing_qualified_leads_dataset", "first_contact_date")->type,
                   ==, MC_COLUMN_TYPE_DATE);
}

static void
test_related_files (void)
{
  g_autofree char *sales = g_test_build_filename (G_TEST_DIST, "fixtures", "dataset", "automotive", "sales.csv", NULL);
  g_autofree char *cars = g_test_build_filename (G_TEST_DIST, "fixtures", "dataset", "automotive", "cars.csv", NULL);
  g_autofree char *folder = g_test_build_filename (G_TEST_DIST, "fixtures", "dataset", "automotive", NULL);
  const char *one[] = { sales, NULL };
  const char *all[] = { folder, NULL };
  g_autoptr(McDataset) alone = mc_dataset_load (one, NULL, NULL, NULL, NULL);
  g_autoptr(McDataset) together = mc_dataset_load (all, NULL, NULL, NULL, NULL);
  g_auto(GStrv) related = mc_dataset_find_related_files (alone);

  /* sales.csv shares car_id with cars.csv, customer_id with users.csv,
   * transaction_id and customer_id with visits.csv. */
  g_assert_nonnull (related);
  g_assert_cmpuint (g_strv_length (related), ==, 3);
  g_assert_cmpstr (related[0], ==, cars);
  g_assert_true (g_str_has_suffix (related[1], "users.csv"));
  g_assert_true (g_str_has_suffix (related[2], "visits.csv"));
  /* Opened as a folder, nothing is left to offer. */
  g_assert_null (mc_dataset_find_related_files (together));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Mercato/Dataset/automotive", test_automotive);
  g_test_add_func ("/Mercato/Dataset/electronics", test_electronics);
  g_test_add_func ("/Mercato/Dataset/shop", test_shop);
  g_test_add_func ("/Mercato/Dataset/role-override", test_role_override);
  g_test_add_func ("/Mercato/Dataset/role-names", test_role_names);
  g_test_add_func ("/Mercato/Dataset/several-paths", test_several_paths);
  g_test_add_func ("/Mercato/Dataset/load-errors", test_load_errors);
  g_test_add_func ("/Mercato/Dataset/related-files", test_related_files);
  g_test_add_func ("/Mercato/Dataset/real/shop", test_real_shop);
  g_test_add_func ("/Mercato/Dataset/real/olist", test_real_olist);

  return g_test_run ();
}
