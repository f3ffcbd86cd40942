/* test-purchases-query.c: the model's purchases as a description for other executors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a database compiles to SQL (mc-purchases-sql.c) must be the
 * choices the column store's purchases table is made from, and what no
 * description can say must be listed, so that the figures fall back to
 * memory rather than differ. Runs without a server.
 */
#include "config.h"

#include <string.h>

#include "mc-metrics-sql.h"
#include "mc-purchases-query.h"
#include "test-common.h"

static const char *
column_name (const McPurchasesColumn *column)
{
  g_assert_nonnull (column);
  return column->column->name;
}

/* Marketplace: lines → orders (time, customer) → customers (the person);
 * the amount is price + freight. */
static void
test_fields_and_paths (void)
{
  g_autoptr(McDataset) dataset = load_test_dataset ("model", "marketplace", NULL);
  g_autoptr(McPurchasesQuery) query = mc_purchases_query_new (dataset, NULL);
  const McPurchasesTerm *first, *second;

  g_assert_nonnull (query);
  g_assert_cmpstr (mc_table_get_name (query->source), ==, "order_items");
  g_assert_cmpstr (column_name (query->fields[MC_PURCHASES_CUSTOMER]), ==, "customer_unique_id");
  g_assert_cmpuint (query->fields[MC_PURCHASES_CUSTOMER]->path->len, ==, 2);
  g_assert_cmpstr (column_name (query->fields[MC_PURCHASES_TIME]), ==, "order_purchase_timestamp");
  g_assert_cmpuint (query->fields[MC_PURCHASES_TIME]->path->len, ==, 1);
  g_assert_cmpstr (column_name (query->fields[MC_PURCHASES_ORDER]), ==, "order_id");
  g_assert_cmpuint (query->fields[MC_PURCHASES_ORDER]->path->len, ==, 0);
  g_assert_cmpuint (query->amount->len, ==, 2);
  first = &g_array_index (query->amount, McPurchasesTerm, 0);
  second = &g_array_index (query->amount, McPurchasesTerm, 1);
  g_assert_cmpfloat (first->sign, ==, 1.0);
  g_assert_cmpstr (g_array_index (first->factors, McPurchasesFactor, 0).column->column->name, ==, "price");
  g_assert_cmpstr (g_array_index (second->factors, McPurchasesFactor, 0).column->column->name, ==, "freight_value");
  g_assert_nonnull (query->excluded_statuses);
  g_assert_true (g_strv_contains ((const char * const *) query->excluded_statuses, "canceled"));
  /* A filter needs a field the model has. */
  g_assert_false (mc_purchases_query_add_filter (query, MC_PURCHASES_CHANNEL, MC_FILTER_EQUALS,
                                                 (const char *[]) { "Website", NULL }));
  g_assert_true (mc_purchases_query_add_filter (query, MC_PURCHASES_TIME, MC_FILTER_PRESENT, NULL));
  g_assert_cmpuint (query->filters->len, ==, 1);
}

/* Shopify writes the order's fields on its first line only: the column
 * store gives them to every line, which no single row of the source
 * says, so the description says it cannot. */
static void
test_order_level_fields_are_not_expressible (void)
{
  g_autoptr(McDataset) dataset = load_test_dataset ("model", "platform", NULL);
  g_autoptr(McPurchasesQuery) query = mc_purchases_query_new (dataset, NULL);
  g_autofree char *reasons = NULL;

  g_assert_nonnull (query);
  g_assert_cmpuint (query->not_expressible->len, >, 0);
  g_ptr_array_add (query->not_expressible, NULL);
  reasons = g_strjoinv ("; ", (char **) query->not_expressible->pdata);
  g_assert_nonnull (strstr (reasons, "first line only"));
}

/* Files are no database: their figures are computed in memory, silently. */
static void
test_files_are_not_pushed_down (void)
{
  g_autoptr(McDataset) dataset = load_test_dataset ("model", "marketplace", NULL);
  g_autofree char *why = NULL;

  g_assert_null (mc_metrics_sql_compute (dataset, NULL, &why));
  g_assert_null (why);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Mercato/PurchasesQuery/fields-and-paths", test_fields_and_paths);
  g_test_add_func ("/Mercato/PurchasesQuery/order-level-fields", test_order_level_fields_are_not_expressible);
  g_test_add_func ("/Mercato/PurchasesQuery/files-not-pushed-down", test_files_are_not_pushed_down);

  return g_test_run ();
}
