/* mc-model-events.c: which lines count: statuses, returns, purchase events, reviews, visits
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-model"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "mc-model-private.h"
#include "mc-roles.h"

/* "failed", "Cancelled", "refunded" … : an order that brought no money. */
static gboolean
status_is_failure (const char *status)
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

void
_mc_model_choose_excluded_status (McModel *self)
{
  McModelColumn status;
  g_autoptr(GString) excluded = g_string_new (NULL);
  g_autoptr(GString) counted = g_string_new (NULL);
  g_autofree char *reason = NULL;

  if (self->choices[MC_MODEL_EXCLUDED_STATUS].set_by_user || self->choices[MC_MODEL_STATUS].value == NULL
      || !_mc_model_column_lookup (&status, self->dataset, self->source, self->choices[MC_MODEL_STATUS].value))
    return;
  for (guint c = 0; status.column->dict != NULL && c < status.column->dict->len; c++)
    {
      const char *value = g_ptr_array_index (status.column->dict, c);
      GString *into = status_is_failure (value) ? excluded : counted;

      g_string_append_printf (into, "%s%s", into->len > 0 ? "|" : "", value);
    }
  _mc_model_column_clear (&status);
  if (excluded->len == 0)
    return;
  reason = g_strdup_printf (_("these statuses name orders that brought no money; counted: %s"),
                            counted->len > 0 ? counted->str : _("none"));
  _mc_model_choose (self, MC_MODEL_EXCLUDED_STATUS, excluded->str, 0.8, reason);
}

/* Lines of ORDER (may be NULL) whose id starts with a "C" while their
 * quantity is negative: Online Retail's credit notes. */
static gboolean
credit_notes_prefixed (McColumn *order,
                       McColumn *quantity)
{
  gsize prefixed = 0, negative = 0;

  for (gsize r = 0; order != NULL && r < quantity->n_rows; r++)
    {
      double value;
      const char *id = mc_column_get_string (order, r);

      if (!mc_column_get_double (quantity, r, &value) || value >= 0)
        continue;
      negative++;
      prefixed += id != NULL && (id[0] == 'C' || id[0] == 'c') && g_ascii_isdigit (id[1]);
    }
  return negative > 0 && prefixed * 10 >= negative * 9;
}

/* Returns and credit notes are netted: lines with a negative quantity,
 * which Online Retail also marks with a C before the invoice number. */
void
_mc_model_choose_returns (McModel *self)
{
  McModelColumn quantity, order = { NULL };
  gsize negative = 0;
  g_autofree char *reason = NULL;

  if (self->choices[MC_MODEL_RETURNS].set_by_user || self->choices[MC_MODEL_QUANTITY].value == NULL
      || !_mc_model_column_lookup (&quantity, self->dataset, self->source, self->choices[MC_MODEL_QUANTITY].value))
    return;
  for (gsize r = 0; r < quantity.column->n_rows; r++)
    {
      double value;

      negative += mc_column_get_double (quantity.column, r, &value) && value < 0;
    }
  if (negative > 0 && self->choices[MC_MODEL_ORDER].value != NULL)
    _mc_model_column_lookup (&order, self->dataset, self->source, self->choices[MC_MODEL_ORDER].value);
  if (negative > 0 && order.table == self->source && credit_notes_prefixed (order.column, quantity.column))
    {
      reason = g_strdup_printf (_("%zu lines have a negative quantity and an order number starting with C: they "
                                  "are credit notes, netted from revenue and not counted as orders"), negative);
      _mc_model_choose (self, MC_MODEL_RETURNS, "order id prefix C", 0.85, reason);
      _mc_model_add_alternative (self, MC_MODEL_RETURNS, "negative quantity");
    }
  else if (negative > 0)
    {
      reason = g_strdup_printf (_("%zu lines have a negative quantity: they are returns or credit notes, netted "
                                  "from revenue and not counted as orders"), negative);
      _mc_model_choose (self, MC_MODEL_RETURNS, "negative quantity", 0.8, reason);
    }
  _mc_model_column_clear (&quantity);
  _mc_model_column_clear (&order);
}

void
_mc_model_choose_purchase_events (McModel *self)
{
  McColumn *type = mc_table_find_role (self->source, MC_ROLE_EVENT_TYPE);
  const char *value = _mc_model_purchase_event_value (self->source);
  g_autofree char *rule = NULL;

  if (self->choices[MC_MODEL_PURCHASE_EVENTS].set_by_user || value == NULL)
    return;
  rule = g_strdup_printf ("%s=%s", type->name, value);
  _mc_model_choose (self, MC_MODEL_PURCHASE_EVENTS, rule, 0.9,
                    _("the table is an event log: only its purchase events are sales"));
}

/* Reviews in a table of their own that refers to the orders (Olist's
 * order_reviews): each order's score is the mean of its reviews. */
void
_mc_model_choose_review_table (McModel *self)
{
  for (guint t = 0; t < mc_dataset_get_n_tables (self->dataset); t++)
    {
      McTable *table = mc_dataset_get_table (self->dataset, t);
      McColumn *score = mc_table_find_role (table, MC_ROLE_RATING);
      g_autofree char *spec = NULL;
      McColumn *found;
      const McRelation *relation;
      GArray *path;

      if (score == NULL || table == self->source)
        continue;
      spec = _mc_model_column_spec (table, score);
      if (!_mc_model_reviews_lookup (self->dataset, self->source, spec, &found, &relation, &path))
        continue;
      g_array_unref (path);
      _mc_model_choose (self, MC_MODEL_RATING, spec, 0.8,
                        _("the reviews of the orders, kept in a table of their own: an order's score is the mean "
                          "of its reviews"));
      return;
    }
}

/* A yes/no column saying a session bought (UCI shoppers' Revenue), in the
 * visits or, for a web-analytics export, in a table of sessions. */
static McColumn *
conversion_flag (McTable *table)
{
  for (guint c = 0; c < mc_table_get_n_columns (table); c++)
    {
      McColumn *column = mc_table_get_column (table, c);

      if (column->type == MC_COLUMN_TYPE_BOOLEAN
          && _mc_model_column_named (column, MC_WORDS ("revenue", "purchase", "purchased", "converted", "conversion",
                                             "transaction", "bought", "ordered", "buy", "sale")))
        return column;
    }
  return NULL;
}

static void
choose_converted (McModel *self,
                  McTable *visits)
{
  McColumn *flag = NULL;

  if (self->choices[MC_MODEL_CONVERTED].set_by_user)
    return;
  for (guint t = 0; visits == NULL && t < mc_dataset_get_n_tables (self->dataset); t++)
    {
      McTable *table = mc_dataset_get_table (self->dataset, t);

      if (table != self->source && (flag = conversion_flag (table)) != NULL)
        {
          visits = table;
          _mc_model_choose (self, MC_MODEL_VISITS, mc_table_get_name (table), 0.75,
                            _("each row is a session, with a yes/no column saying it bought"));
        }
    }
  if (visits != NULL && (flag != NULL || (flag = conversion_flag (visits)) != NULL))
    {
      g_autofree char *spec = _mc_model_column_spec (visits, flag);

      _mc_model_choose (self, MC_MODEL_CONVERTED, spec, 0.75,
                        _("a yes/no column named for a purchase: the sessions that bought"));
    }
}

/* The customers' visits: a table with a visit start, or else an event
 * log (a customer, a time and an event type) beside the purchases, or
 * the purchases' own event log. */
void
_mc_model_choose_visits (McModel *self)
{
  McTable *visits = NULL;

  if (self->choices[MC_MODEL_VISITS].set_by_user)
    return;
  for (guint t = 0; visits == NULL && t < mc_dataset_get_n_tables (self->dataset); t++)
    if (mc_table_find_role (mc_dataset_get_table (self->dataset, t), MC_ROLE_VISIT_START) != NULL)
      visits = mc_dataset_get_table (self->dataset, t);
  for (guint t = 0; visits == NULL && t < mc_dataset_get_n_tables (self->dataset); t++)
    {
      McTable *table = mc_dataset_get_table (self->dataset, t);

      if (table != self->source && mc_table_find_role (table, MC_ROLE_CUSTOMER_ID) != NULL
          && mc_table_find_role (table, MC_ROLE_EVENT_TYPE) != NULL && mc_table_find_role (table, MC_ROLE_EVENT_TIME) != NULL)
        visits = table;
    }
  if (visits == NULL && self->choices[MC_MODEL_PURCHASE_EVENTS].value != NULL)
    visits = self->source;
  if (visits != NULL)
    _mc_model_choose (self, MC_MODEL_VISITS, mc_table_get_name (visits), 0.8,
                      _("its rows are visits or events of customers, with a time"));
  choose_converted (self, visits);
}

