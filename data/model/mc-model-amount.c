/* mc-model-amount.c: which expression is a purchase line's amount
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exports write the amount many ways: a line total (Superstore's Sales),
 * a unit price beside a quantity (Online Retail's UnitPrice × Quantity),
 * a price and its freight (Olist), the product's list price times the
 * quantity (a shop whose lines name only the product), or an order total
 * written on the order's first line only (Shopify), which is no line
 * amount at all. Names say which is which; values confirm it.
 */
#define G_LOG_DOMAIN "mc-model"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "mc-model-private.h"
#include "mc-roles.h"

typedef enum
{
  MONEY_PRICE,      /* a price: per unit or per line, as the quantity tells */
  MONEY_UNIT,       /* a price per unit */
  MONEY_TOTAL,      /* the line's total */
  MONEY_EXTRA,      /* freight, shipping, tax, fees */
  MONEY_DISCOUNT,
  MONEY_OTHER,
} MoneyKind;

static MoneyKind
money_kind (McColumn *column)
{
  g_autofree char *n = mc_roles_normalise_name (column->name);

  if (strstr (n, "discount") != NULL)
    return MONEY_DISCOUNT;
  if (mc_roles_has_any_word (n, MC_WORDS ("freight", "shipping", "delivery", "tax", "taxes", "vat", "fee", "fees",
                                          "postage", "handling")))
    return MONEY_EXTRA;
  if (strstr (n, "unit") != NULL || strstr (n, "each") != NULL || mc_roles_has_any_word (n, MC_WORDS ("per")))
    return MONEY_UNIT;
  if (mc_roles_has_any_word (n, MC_WORDS ("total", "amount", "sales", "sale", "revenue", "subtotal", "paid", "spent",
                                          "spend", "turnover", "linetotal", "value", "dollar", "dollars")))
    return MONEY_TOTAL;
  if (mc_roles_has_any_word (n, MC_WORDS ("price", "cost", "msrp")))
    return MONEY_PRICE;
  return MONEY_OTHER;
}

/* A total written once per order, on its first line (the others empty):
 * it would count the order's total once per order, not per line, and
 * lines have no amount of their own in it. */
static gboolean
is_order_level (McColumn *column,
                McColumn *order)
{
  gsize present = column->n_rows - column->n_missing, orders;

  if (order == NULL || column->n_missing == 0 || present * 10 > column->n_rows * 9)
    return FALSE;
  orders = mc_column_count_distinct (order);
  return orders < order->n_rows && present <= orders + orders / 100;
}

static void
choose (McModel    *self,
        const char *expression,
        double      confidence,
        const char *reason)
{
  _mc_model_choose (self, MC_MODEL_AMOUNT, expression, confidence, reason);
}

/* Payments keyed by the same order are another reading of revenue, to
 * offer, not to add to the lines. */
static void
offer_payments (McModel *self)
{
  for (guint t = 0; t < mc_dataset_get_n_tables (self->dataset); t++)
    {
      McTable *table = mc_dataset_get_table (self->dataset, t);

      for (guint c = 0; table != self->source && c < mc_table_get_n_columns (table); c++)
        {
          McColumn *column = mc_table_get_column (table, c);
          g_autofree char *spec = NULL;

          if (column->role != MC_ROLE_AMOUNT || !mc_column_is_numeric (column) || money_kind (column) == MONEY_OTHER)
            continue;
          spec = _mc_model_column_spec (table, column);
          _mc_model_add_alternative (self, MC_MODEL_AMOUNT, spec);
        }
    }
}

/* The first column of KIND among the source's money columns. */
static McColumn *
first_of (GPtrArray *money,
          MoneyKind  kind)
{
  for (guint i = 0; i < money->len; i++)
    if (money_kind (g_ptr_array_index (money, i)) == kind)
      return g_ptr_array_index (money, i);
  return NULL;
}

static gboolean
choose_from_list_price (McModel  *self,
                        McColumn *quantity)
{
  for (guint t = 0; t < mc_dataset_get_n_tables (self->dataset); t++)
    {
      McTable *table = mc_dataset_get_table (self->dataset, t);
      McColumn *price = mc_table_find_role (table, MC_ROLE_LIST_PRICE);

      /* A catalogue whose price was read as an amount (pizzas.price). */
      if (price == NULL)
        price = mc_table_find_role (table, MC_ROLE_AMOUNT);
      g_autoptr(GArray) path = NULL;
      g_autofree char *spec = NULL;
      g_autofree char *expression = NULL;

      if (price == NULL || table == self->source || (path = _mc_model_find_path (self->dataset, self->source, table)) == NULL)
        continue;
      spec = _mc_model_column_spec (table, price);
      expression = quantity != NULL ? g_strdup_printf ("%s*%s", quantity->name, spec) : g_strdup (spec);
      choose (self, expression, 0.75, quantity != NULL ? _("the lines name a product and a quantity: the amount is "
                                                           "the quantity × the product's price")
                                                       : _("the lines name a product: the amount is its price"));
      return TRUE;
    }
  return FALSE;
}

/* The export's own line total, checked against quantity × unit price
 * where both are there: Sample Sales Data caps PRICEEACH at 100 while
 * SALES holds what was paid. */
static void
choose_total (McModel  *self,
              McColumn *total,
              McColumn *quantity,
              McColumn *unit)
{
  gsize compared = 0, differ = 0;

  for (gsize r = 0; quantity != NULL && unit != NULL && r < total->n_rows; r++)
    {
      double t, q, u;

      if (!mc_column_get_double (total, r, &t) || !mc_column_get_double (quantity, r, &q)
          || !mc_column_get_double (unit, r, &u))
        continue;
      compared++;
      differ += fabs (t - q * u) > 0.005 + 1e-9 * fabs (t);
    }
  if (differ > 0)
    {
      g_autofree char *reason = g_strdup_printf (_("its name says it is the line's total; on %zu of %zu lines it is not "
                                                   "%s × %s, so the total the export gives is taken"),
                                                 differ, compared, quantity->name, unit->name);
      g_autofree char *product = g_strdup_printf ("%s*%s", quantity->name, unit->name);

      _mc_model_add_alternative (self, MC_MODEL_AMOUNT, product);
      choose (self, total->name, 0.7, reason);
      return;
    }
  choose (self, total->name, 0.85, _("its name says it is the line's total"));
}

gboolean
_mc_model_choose_amount (McModel  *self,
                         GError  **error)
{
  McModelChoice *choice = &self->choices[MC_MODEL_AMOUNT];
  McColumn *quantity = mc_table_find_role (self->source, MC_ROLE_QUANTITY);
  McModelColumn chosen_order = { NULL };
  McColumn *order = NULL;
  g_autoptr(GPtrArray) money = g_ptr_array_new ();
  McColumn *unit, *total, *price, *extra;

  if (choice->set_by_user)
    return TRUE;
  if (self->choices[MC_MODEL_ORDER].value != NULL
      && _mc_model_column_lookup (&chosen_order, self->dataset, self->source, self->choices[MC_MODEL_ORDER].value)
      && chosen_order.table == self->source)
    order = chosen_order.column;
  _mc_model_column_clear (&chosen_order);
  for (guint c = 0; c < mc_table_get_n_columns (self->source); c++)
    {
      McColumn *column = mc_table_get_column (self->source, c);

      if (column->role != MC_ROLE_AMOUNT || !mc_column_is_numeric (column))
        continue;
      if (is_order_level (column, order))
        {
          g_autofree char *warning = g_strdup_printf (_("%s is written once per order, on its first line: it is an "
                                                        "order total, not a line amount, and is not added up."),
                                                      column->name);
          mc_model_add_warning (self, warning);
          continue;
        }
      g_ptr_array_add (money, column);
      _mc_model_add_alternative (self, MC_MODEL_AMOUNT, column->name);
    }
  unit = first_of (money, MONEY_UNIT);
  total = first_of (money, MONEY_TOTAL);
  price = first_of (money, MONEY_PRICE);
  extra = first_of (money, MONEY_EXTRA);
  if (total != NULL)
    choose_total (self, total, quantity, unit);
  else if (quantity != NULL && unit != NULL)
    {
      g_autofree char *expression = g_strdup_printf ("%s*%s", quantity->name, unit->name);

      choose (self, expression, 0.85, _("a unit price beside a quantity: the line's amount is their product"));
    }
  else if (price != NULL && extra != NULL)
    {
      g_autofree char *expression = g_strdup_printf ("%s+%s", price->name, extra->name);

      _mc_model_add_alternative (self, MC_MODEL_AMOUNT, price->name);
      choose (self, expression, 0.7, _("what the buyer paid for the line: its price and its freight or fees"));
    }
  else if (price != NULL && quantity != NULL)
    {
      g_autofree char *expression = g_strdup_printf ("%s*%s", quantity->name, price->name);

      _mc_model_add_alternative (self, MC_MODEL_AMOUNT, price->name);
      choose (self, expression, 0.55, _("a price beside a quantity, read as a price per unit"));
    }
  else if (price != NULL || money->len > 0)
    choose (self, (price != NULL ? price : (McColumn *) g_ptr_array_index (money, 0))->name, 0.75,
            _("the one amount of the purchase lines"));
  else
    choose_from_list_price (self, quantity);
  offer_payments (self);
  if (choice->value != NULL && choice->confidence < 0.7)
    {
      g_autofree char *warning = g_strdup_printf (_("The amount is a guess (%s); set it if the data means another "
                                                    "column."), choice->value);
      mc_model_add_warning (self, warning);
    }
  if (choice->value == NULL)
    mc_model_add_warning (self, _("No column gives the purchases' amount: revenue and every money figure need one."));
  return TRUE;
}
