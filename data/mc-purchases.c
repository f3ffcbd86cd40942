/* mc-purchases.c: the purchases of a dataset, whatever its shape
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Analyses ask for "the purchases" and expect a customer, a time and an
 * amount on each row. Car sales and electronics logs have such a table;
 * a shop with orders, line items and products does not (the amount is a
 * quantity times a price two tables away), and an orders table may hold
 * failed and cancelled orders that must not count as revenue. This file
 * makes the table the analyses expect, sharing the source columns.
 */
#define G_LOG_DOMAIN "mc-purchases"

#include "config.h"

#include <string.h>

#include "mc-key-set.h"
#include "mc-purchases.h"

gboolean
mc_status_is_failure (const char *status)
{
  static const char *failures[] = {
    "fail", "cancel", "declin", "refund", "return", "abandon", "reject", "void", "unavailable", "error",
  };
  g_autofree char *lower = status != NULL ? g_utf8_strdown (status, -1) : NULL;

  for (guint i = 0; lower != NULL && i < G_N_ELEMENTS (failures); i++)
    if (strstr (lower, failures[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* The row of RELATION's referenced table for each row of its table. */
static gssize *
resolve_relation (const McRelation *relation)
{
  McColumn *from = mc_table_get_column (relation->from_table, relation->from_column);
  McColumn *to = mc_table_get_column (relation->to_table, relation->to_column);
  g_autoptr(McKeySet) keys = mc_key_set_new (to);
  gsize n = mc_table_get_n_rows (relation->from_table);
  gssize *rows = g_new (gssize, MAX (n, 1));

  for (gsize r = 0; r < n; r++)
    rows[r] = mc_key_set_lookup (keys, from, r);
  return rows;
}

static const McRelation *
find_relation (McDataset *dataset,
               McTable   *from,
               McRole     from_role,
               McRole     to_role)
{
  for (guint i = 0; i < mc_dataset_get_n_relations (dataset); i++)
    {
      const McRelation *r = mc_dataset_get_relation (dataset, i);

      if (r->from_table == from && mc_table_get_column (from, r->from_column)->role == from_role
          && mc_table_find_role (r->to_table, to_role) != NULL)
        return r;
    }
  return NULL;
}

/* Copies the relations from SOURCE for the columns of VIEW that came
 * from it (ORIGINS[c] is the table column c of VIEW came from). */
static void
copy_relations (McDataset      *dataset,
                McTable        *source,
                McTable        *view,
                McTable *const *origins,
                GArray         *relations)
{
  for (guint i = 0; i < mc_dataset_get_n_relations (dataset); i++)
    {
      McRelation copy = *mc_dataset_get_relation (dataset, i);
      int index;

      if (copy.from_table != source)
        continue;
      index = mc_table_get_column_index (view, mc_table_get_column (source, copy.from_column)->name);
      if (index < 0 || origins[index] != source)
        continue;
      copy.from_table = view;
      copy.from_column = index;
      g_array_append_val (relations, copy);
    }
}

/* Whether the order of row R failed: STATUS read at ROWS[R] (ROWS NULL:
 * at R). */
static gboolean
row_failed (McColumn      *status,
            const gssize  *rows,
            gsize          r)
{
  gssize row = rows != NULL ? rows[r] : (gssize) r;

  return status != NULL && row >= 0 && mc_status_is_failure (mc_column_get_string (status, row));
}

static gboolean
any_failed (McColumn *status)
{
  for (guint c = 0; status != NULL && c < status->dict->len; c++)
    if (mc_status_is_failure (g_ptr_array_index (status->dict, c)))
      return TRUE;
  return FALSE;
}

/* A copy of AMOUNT without the amounts of failed orders. */
static McColumn *
mask_failures (McColumn     *amount,
               McColumn     *status,
               const gssize *status_rows)
{
  g_autofree gssize *rows = g_new (gssize, MAX (amount->n_rows, 1));
  McColumn *masked;

  for (gsize r = 0; r < amount->n_rows; r++)
    rows[r] = row_failed (status, status_rows, r) ? -1 : (gssize) r;
  masked = mc_column_gather (amount, rows, amount->n_rows);
  return masked;
}

/* An orders table whose status says some orders failed: the same
 * columns, with the failed orders' amounts missing. */
static McTable *
drop_failed_orders (McDataset *dataset,
                    McTable   *table,
                    GArray    *relations)
{
  McColumn *status = mc_table_find_role (table, MC_ROLE_STATUS);
  g_autofree McTable **origins = NULL;
  McTable *view;

  if (!any_failed (status))
    return NULL;
  view = mc_table_new (mc_table_get_name (table), mc_table_get_path (table));
  origins = g_new (McTable *, mc_table_get_n_columns (table));
  for (guint c = 0; c < mc_table_get_n_columns (table); c++)
    {
      McColumn *column = mc_table_get_column (table, c);
      g_autoptr(McColumn) masked = column->role == MC_ROLE_AMOUNT ? mask_failures (column, status, NULL) : NULL;

      mc_table_add_column (view, masked != NULL ? masked : column);
      origins[c] = table;
    }
  copy_relations (dataset, table, view, origins, relations);
  return view;
}

/* quantity × price, missing where either is or where the order failed. */
static McColumn *
line_amounts (McColumn     *quantity,
              McColumn     *price,
              const gssize *product_rows,
              McColumn     *status,
              const gssize *order_rows,
              gsize         n)
{
  McColumn *amount = mc_column_new ("amount", MC_COLUMN_TYPE_NUMBER, n);

  amount->role = MC_ROLE_AMOUNT;
  for (gsize r = 0; r < n; r++)
    {
      double count = 1, each;

      if ((quantity != NULL && !mc_column_get_double (quantity, r, &count)) || product_rows[r] < 0
          || !mc_column_get_double (price, product_rows[r], &each) || row_failed (status, order_rows, r))
        mc_column_set_missing (amount, r);
      else
        amount->v.f64[r] = count * each;
    }
  return amount;
}

/* Line items with the customer, time, status… of their order and an
 * amount of quantity × the product's price. */
static McTable *
join_line_items (McDataset        *dataset,
                 McTable          *items,
                 const McRelation *to_order,
                 const McRelation *to_product,
                 GArray           *relations)
{
  McTable *orders = to_order->to_table;
  guint n_columns = mc_table_get_n_columns (items) + mc_table_get_n_columns (orders) + 1;
  g_autofree gssize *order_rows = resolve_relation (to_order);
  g_autofree gssize *product_rows = resolve_relation (to_product);
  g_autofree McTable **origins = g_new0 (McTable *, n_columns);
  gsize n = mc_table_get_n_rows (items);
  g_autoptr(McColumn) amount = NULL;
  McTable *view = mc_table_new (mc_table_get_name (items), mc_table_get_path (items));

  for (guint c = 0; c < mc_table_get_n_columns (items); c++)
    {
      mc_table_add_column (view, mc_table_get_column (items, c));
      origins[c] = items;
    }
  for (guint c = 0; c < mc_table_get_n_columns (orders); c++)
    {
      McColumn *column = mc_table_get_column (orders, c);
      g_autoptr(McColumn) gathered = NULL;

      if ((int) c == mc_table_get_primary_key (orders) || mc_table_lookup_column (view, column->name) != NULL)
        continue;
      gathered = mc_column_gather (column, order_rows, n);
      origins[mc_table_get_n_columns (view)] = orders;
      mc_table_add_column (view, gathered);
    }
  amount = line_amounts (mc_table_find_role (items, MC_ROLE_QUANTITY),
                         mc_table_find_role (to_product->to_table, MC_ROLE_LIST_PRICE), product_rows,
                         mc_table_find_role (orders, MC_ROLE_STATUS), order_rows, n);
  mc_table_add_column (view, amount);
  copy_relations (dataset, items, view, origins, relations);
  copy_relations (dataset, orders, view, origins, relations);
  return view;
}

McTable *
mc_purchases_derive (McDataset *dataset,
                     McTable   *table,
                     GArray    *relations)
{
  if (table != NULL)
    return drop_failed_orders (dataset, table, relations);
  for (guint t = 0; t < mc_dataset_get_n_tables (dataset); t++)
    {
      McTable *items = mc_dataset_get_table (dataset, t);
      const McRelation *to_order = find_relation (dataset, items, MC_ROLE_ORDER_ID, MC_ROLE_CUSTOMER_ID);
      const McRelation *to_product = find_relation (dataset, items, MC_ROLE_PRODUCT_ID, MC_ROLE_LIST_PRICE);

      if (to_order != NULL && to_product != NULL && mc_table_find_role (to_order->to_table, MC_ROLE_EVENT_TIME) != NULL)
        return join_line_items (dataset, items, to_order, to_product, relations);
    }
  return NULL;
}
