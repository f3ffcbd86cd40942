/* mc-model-customer.c: who bought: the order of a line and the customer of an order
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exports key the customer in many ways: an id per person, an id per
 * order with the person's e-mail beside it, or only a name.
 */
#define G_LOG_DOMAIN "mc-model"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "mc-model-private.h"
#include "mc-roles.h"

/* The order of a line is the key that leads to the orders table, not the
 * line's own number (order_details.order_details_id). */
static int
order_score (McModel  *self,
             McTable  *table,
             McColumn *column)
{
  int score = 1;

  for (guint i = 0; i < mc_dataset_get_n_relations (self->dataset); i++)
    {
      const McRelation *r = mc_dataset_get_relation (self->dataset, i);

      if (r->from_table == table && mc_table_get_column (table, r->from_column) == column
          && _mc_model_table_kind (r->to_table) == KIND_ORDERS)
        score += 2;
    }
  if (_mc_model_table_kind (table) == KIND_LINES && (int) mc_table_get_column_index (table, column->name) == mc_table_get_primary_key (table))
    score -= 2;
  /* Written on an order's first line only, it cannot say which order the
   * other lines belong to. */
  if (column->n_missing * 4 > column->n_rows)
    score -= 3;
  return score;
}

/* Shop platforms name orders "#1001" in a column called Name, on every
 * line of the order. */
static gboolean
holds_order_names (McColumn *column)
{
  gsize named = 0, seen = 0;

  if (column->type != MC_COLUMN_TYPE_TEXT && column->type != MC_COLUMN_TYPE_CATEGORY
      && column->type != MC_COLUMN_TYPE_IDENTIFIER)
    return FALSE;
  for (gsize r = 0; r < column->n_rows && seen < 1000; r++)
    {
      const char *text = mc_column_get_string (column, r);

      if (text == NULL)
        continue;
      seen++;
      named += text[0] == '#' && g_ascii_isdigit (text[1]);
    }
  return seen > 0 && column->n_missing == 0 && named == seen;
}

void
_mc_model_choose_order (McModel *self)
{
  _mc_model_choose_role (self, MC_MODEL_ORDER, MC_ROLE_ORDER_ID, KIND_PAYMENTS, order_score,
               _("its name says it identifies the order"));
  for (guint c = 0; !self->choices[MC_MODEL_ORDER].set_by_user && c < mc_table_get_n_columns (self->source); c++)
    if (holds_order_names (mc_table_get_column (self->source, c)))
      {
        g_autofree char *spec = _mc_model_column_spec (self->source, mc_table_get_column (self->source, c));

        _mc_model_add_alternative (self, MC_MODEL_ORDER, self->choices[MC_MODEL_ORDER].value);
        _mc_model_choose (self, MC_MODEL_ORDER, spec, 0.8,
                          _("every line names its order as shop platforms do (#1001)"));
        break;
      }
  if (self->choices[MC_MODEL_ORDER].value == NULL)
    mc_model_add_warning (self, _("No column identifies the order: each purchase line counts as an order of its "
                                  "own, so orders and the average order value count lines, not baskets."));
}

/* The customer as a person: exports key the customer per order
 * (Olist's customer_id) while another column of the customers table
 * names the person (customer_unique_id) with fewer distinct values. */
static void
refine_person (McModel *self)
{
  McModelChoice *choice = &self->choices[MC_MODEL_CUSTOMER];
  McModelColumn chosen;
  McTable *customers;

  if (choice->set_by_user || choice->value == NULL
      || !_mc_model_column_lookup (&chosen, self->dataset, self->source, choice->value))
    return;
  customers = chosen.table;
  for (guint i = 0; i < mc_dataset_get_n_relations (self->dataset); i++)
    {
      const McRelation *r = mc_dataset_get_relation (self->dataset, i);

      if (r->from_table == chosen.table && mc_table_get_column (r->from_table, r->from_column) == chosen.column)
        customers = r->to_table;
    }
  for (guint c = 0; c < mc_table_get_n_columns (customers); c++)
    {
      McColumn *column = mc_table_get_column (customers, c);
      gsize ids = mc_table_get_n_rows (customers), people;

      if ((int) c == mc_table_get_primary_key (customers) || column == chosen.column
          || !_mc_model_column_named (column, MC_WORDS ("unique", "person", "household", "master", "global")))
        continue;
      people = mc_column_count_distinct (column);
      if (people < ids)
        {
          g_autofree char *spec = _mc_model_column_spec (customers, column);
          g_autofree char *reason = g_strdup_printf (_("%s is given per order (%zu ids) while %s names the person "
                                                       "(%zu people): customers are counted as people"),
                                                     choice->value, ids, spec, people);

          _mc_model_add_alternative (self, MC_MODEL_CUSTOMER, choice->value);
          _mc_model_choose (self, MC_MODEL_CUSTOMER, spec, 0.85, reason);
          break;
        }
    }
  _mc_model_column_clear (&chosen);
}

/* Without an id or an e-mail, a customer's name (Sample Sales Data's
 * CUSTOMERNAME) tells customers apart, less surely: two people may share
 * a name, and one may write theirs two ways. */
static void
choose_customer_name (McModel *self)
{
  for (guint c = 0; c < mc_table_get_n_columns (self->source); c++)
    {
      McColumn *column = mc_table_get_column (self->source, c);
      g_autofree char *spec = NULL;

      if ((column->type != MC_COLUMN_TYPE_TEXT && column->type != MC_COLUMN_TYPE_CATEGORY)
          || !_mc_model_column_named (column, MC_WORDS ("customer", "client", "buyer", "account", "company"))
          || !_mc_model_column_named (column, MC_WORDS ("name", "customer", "client", "buyer", "account", "company")))
        continue;
      spec = _mc_model_column_spec (self->source, column);
      _mc_model_choose (self, MC_MODEL_CUSTOMER, spec, 0.6,
                        _("no customer id or e-mail: customers are told apart by their name"));
      mc_model_add_warning (self, _("Customers are told apart by their name, for want of an id: two customers of "
                                    "one name count as one."));
      return;
    }
}

void
_mc_model_choose_customer (McModel *self)
{
  _mc_model_choose_role (self, MC_MODEL_CUSTOMER, MC_ROLE_CUSTOMER_ID, KIND_OTHER, NULL,
               _("its name says it identifies the customer"));
  if (self->choices[MC_MODEL_CUSTOMER].value == NULL)
    _mc_model_choose_role (self, MC_MODEL_CUSTOMER, MC_ROLE_EMAIL, KIND_OTHER, NULL,
                 _("no customer id: the e-mail address tells customers apart"));
  if (self->choices[MC_MODEL_CUSTOMER].value == NULL)
    choose_customer_name (self);
  refine_person (self);
  if (self->choices[MC_MODEL_CUSTOMER].value == NULL)
    mc_model_add_warning (self, _("No column identifies the customer: customers, customer lifetime value, repeat "
                                  "purchases, RFM and segments need one and are left out."));
}

