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

#include "mc-analysis-sql.h"
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

static void
assert_filter (const McPurchasesQuery *query,
               guint                   i,
               McPurchasesField        field,
               McFilterOp              op,
               const char             *value)
{
  const McPurchasesFilter *filter = &g_array_index (query->filters, McPurchasesFilter, i);

  g_assert_cmpint (filter->field, ==, field);
  g_assert_cmpint (filter->op, ==, op);
  g_assert_cmpstr (filter->values[0], ==, value);
  g_assert_null (filter->values[1]);
}

static gboolean
says (const McPurchasesQuery *query,
      const char             *text)
{
  for (guint i = 0; i < query->not_expressible->len; i++)
    if (strstr (g_ptr_array_index (query->not_expressible, i), text) != NULL)
      return TRUE;
  return FALSE;
}

/* A chart's mark's conditions as WHERE clauses: a month is the days
 * from its first to the next month's first (December's next is
 * January); a weekday, a segment or a role the purchases have no field
 * for cannot be said, and the description says so. */
static void
test_conditions (void)
{
  g_autoptr(McDataset) dataset = load_test_dataset ("model", "marketplace", NULL);
  g_autoptr(McPurchasesQuery) query = mc_purchases_query_new (dataset, NULL);
  g_autoptr(GPtrArray) conditions = g_ptr_array_new_with_free_func (mc_purchases_condition_free);
  guint model_reasons;

  g_assert_nonnull (query);
  model_reasons = query->not_expressible->len;
  g_ptr_array_add (conditions, mc_purchases_condition_new (MC_ROLE_EVENT_TIME, MC_BUCKET_MONTH, "2017-12"));
  g_ptr_array_add (conditions, mc_purchases_condition_new (MC_ROLE_ORDER_ID, MC_BUCKET_NONE, "o1"));
  g_assert_true (mc_purchases_query_add_conditions (query, conditions));
  g_assert_cmpuint (query->filters->len, ==, 3);
  assert_filter (query, 0, MC_PURCHASES_TIME, MC_FILTER_GREATER_EQUAL, "2017-12-01");
  assert_filter (query, 1, MC_PURCHASES_TIME, MC_FILTER_LESS, "2018-01-01");
  assert_filter (query, 2, MC_PURCHASES_ORDER, MC_FILTER_EQUALS, "o1");
  g_assert_true (mc_purchases_query_add_condition (query, MC_ROLE_EVENT_TIME, MC_BUCKET_MONTH, "2018-03"));
  assert_filter (query, 4, MC_PURCHASES_TIME, MC_FILTER_LESS, "2018-04-01");
  g_assert_cmpuint (query->not_expressible->len, ==, model_reasons);

  g_assert_false (mc_purchases_query_add_condition (query, MC_ROLE_EVENT_TIME, MC_BUCKET_WEEKDAY, "Monday"));
  g_assert_true (says (query, "Monday"));
  g_assert_false (mc_purchases_query_add_condition (query, MC_ROLE_SEGMENT, MC_BUCKET_NONE, "Big spenders"));
  g_assert_true (says (query, "the segment Big spenders is a set of customers held in memory"));
  /* The marketplace's purchases have no platform. */
  g_assert_false (mc_purchases_query_add_condition (query, MC_ROLE_CHANNEL, MC_BUCKET_NONE, "Website"));
  g_assert_true (says (query, "Website"));
  g_assert_false (mc_purchases_query_add_condition (query, MC_ROLE_EVENT_TIME, MC_BUCKET_MONTH, "May 2018"));
  g_assert_cmpuint (query->not_expressible->len, ==, model_reasons + 4);
  g_assert_cmpuint (query->filters->len, ==, 5);
  /* Files keep the filter's rows in memory: no description of them. */
  g_assert_null (mc_analysis_sql_filter_query (dataset, conditions));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Mercato/PurchasesQuery/fields-and-paths", test_fields_and_paths);
  g_test_add_func ("/Mercato/PurchasesQuery/order-level-fields", test_order_level_fields_are_not_expressible);
  g_test_add_func ("/Mercato/PurchasesQuery/files-not-pushed-down", test_files_are_not_pushed_down);
  g_test_add_func ("/Mercato/PurchasesQuery/conditions", test_conditions);

  return g_test_run ();
}
