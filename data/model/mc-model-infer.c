/* mc-model-infer.c: the model's choices, from names, types and values
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each choice weighs the candidates the dataset has, keeps the best with
 * the reason it won and lists the others, and says how sure it is. The
 * purchases table comes first: every other choice is a column of it or of
 * a table it refers to.
 */
#define G_LOG_DOMAIN "mc-model"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "mc-model-private.h"
#include "mc-roles.h"

/* A column with ROLE in TABLE or in a table TABLE reaches that is not of
 * kind AVOID (a product's date is no purchase time). */
static gboolean
reaches_role (McDataset *dataset,
              McTable   *table,
              McRole     role,
              TableKind  avoid)
{
  for (guint t = 0; t < mc_dataset_get_n_tables (dataset); t++)
    {
      McTable *other = mc_dataset_get_table (dataset, t);
      g_autoptr(GArray) path = NULL;

      if (mc_table_find_role (other, role) == NULL || (other != table && _mc_model_table_kind (other) == avoid))
        continue;
      if ((path = _mc_model_find_path (dataset, table, other)) != NULL)
        return TRUE;
    }
  return FALSE;
}

static gboolean
has_numeric_role (McTable *table,
                  McRole   role)
{
  for (guint c = 0; c < mc_table_get_n_columns (table); c++)
    {
      McColumn *column = mc_table_get_column (table, c);

      if (column->role == role && mc_column_is_numeric (column))
        return TRUE;
    }
  return FALSE;
}

/* A table other tables refer to that has no time of its own to reach:
 * a price list, a catalogue (pizzas, cars), whatever its name. */
static gboolean
is_dimension (McDataset *dataset,
              McTable   *table)
{
  gboolean referred = FALSE;

  for (guint i = 0; i < mc_dataset_get_n_relations (dataset) && !referred; i++)
    referred = mc_dataset_get_relation (dataset, i)->to_table == table;
  return referred && !reaches_role (dataset, table, MC_ROLE_EVENT_TIME, KIND_PRODUCTS);
}

/* Whether TABLE refers to a catalogue with a price. */
static gboolean
reaches_price (McDataset *dataset,
               McTable   *table)
{
  if (reaches_role (dataset, table, MC_ROLE_LIST_PRICE, KIND_OTHER))
    return TRUE;
  for (guint t = 0; t < mc_dataset_get_n_tables (dataset); t++)
    {
      McTable *other = mc_dataset_get_table (dataset, t);
      g_autoptr(GArray) path = NULL;

      if (other != table && has_numeric_role (other, MC_ROLE_AMOUNT) && is_dimension (dataset, other)
          && (path = _mc_model_find_path (dataset, table, other)) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* How much TABLE looks like the purchase lines; below 0 it cannot be. */
static int
purchases_score (McDataset *dataset,
                 McTable   *table,
                 GString   *why)
{
  static const int kind_bonus[] = { 0, 3, 1, -4, -6, -8, -8, -3 };
  gboolean dimension = is_dimension (dataset, table);
  gboolean own_amount = has_numeric_role (table, MC_ROLE_AMOUNT) && !dimension;
  gboolean list_amount = !own_amount && !dimension && _mc_model_table_kind (table) != KIND_PRODUCTS
                         && reaches_price (dataset, table);
  gboolean time = reaches_role (dataset, table, MC_ROLE_EVENT_TIME, KIND_PRODUCTS);
  gboolean customer = reaches_role (dataset, table, MC_ROLE_CUSTOMER_ID, KIND_OTHER)
                      || mc_table_find_role (table, MC_ROLE_EMAIL) != NULL;
  int score;

  if (!own_amount && !list_amount)
    return -1;
  if (_mc_model_table_kind (table) == KIND_VISITS && _mc_model_purchase_event_value (table) == NULL)
    return -1;
  score = (own_amount ? 6 : 4) + 3 * time + 3 * customer + kind_bonus[_mc_model_table_kind (table)];
  g_string_append (why, own_amount ? _("its rows carry an amount") : _("its rows name a product with a price"));
  if (time)
    g_string_append (why, _(", a purchase time"));
  if (customer)
    g_string_append (why, _(", a customer"));
  if (_mc_model_table_kind (table) == KIND_LINES)
    g_string_append (why, _(", and it holds order lines"));
  return score;
}

static gboolean
choose_purchases (McModel  *self,
                  GError  **error)
{
  McModelChoice *choice = &self->choices[MC_MODEL_PURCHASES];
  int best = -1, second = -1;
  g_autoptr(GString) best_why = NULL;

  if (choice->set_by_user)
    {
      if (choice->value != NULL && (self->source = mc_dataset_lookup_table (self->dataset, choice->value)) == NULL)
        {
          g_set_error (error, MC_MODEL_ERROR, MC_MODEL_ERROR_BAD_VALUE,
                       _("purchases=%s: the dataset has no table of that name"), choice->value);
          return FALSE;
        }
      return TRUE;
    }
  for (guint t = 0; t < mc_dataset_get_n_tables (self->dataset); t++)
    {
      McTable *table = mc_dataset_get_table (self->dataset, t);
      g_autoptr(GString) why = g_string_new (NULL);
      int score = purchases_score (self->dataset, table, why);

      if (score < 0)
        continue;
      if (score > best)
        {
          if (self->source != NULL)
            _mc_model_add_alternative (self, MC_MODEL_PURCHASES, mc_table_get_name (self->source));
          second = best;
          best = score;
          self->source = table;
          if (best_why != NULL)
            g_string_free (best_why, TRUE);
          best_why = g_steal_pointer (&why);
        }
      else
        {
          second = MAX (second, score);
          g_ptr_array_add (choice->alternatives, g_strdup (mc_table_get_name (table)));
        }
    }
  if (self->source == NULL)
    return TRUE;
  _mc_model_choose (self, MC_MODEL_PURCHASES, mc_table_get_name (self->source),
                    best - second >= 3 ? 0.9 : 0.6, best_why->str);
  return TRUE;
}

/* The time of a purchase, not of its delivery, payment or approval. */
static int
time_score (McModel  *self,
            McTable  *table,
            McColumn *column)
{
  if (_mc_model_column_named (column, MC_WORDS ("deliver", "delivered", "delivery", "ship", "shipped", "shipping",
                                      "estimated", "approved", "update", "updated", "modified", "carrier",
                                      "limit", "due", "cancelled", "canceled", "refunded", "processed", "prcd",
                                      "fulfilled", "closed")))
    return 0;
  if (_mc_model_column_named (column, MC_WORDS ("purchase", "purchased", "order", "ordered", "created", "invoice",
                                      "transaction", "trans", "sale", "checked", "checkout")))
    return 3;
  if (_mc_model_column_named (column, MC_WORDS ("event", "date", "time", "timestamp")))
    return 2;
  return 1;
}

/* The product's kind: a category, type or genre of what was bought,
 * never a customer attribute such as Segment. */
static int
product_type_score (McModel  *self,
                    McTable  *table,
                    McColumn *column)
{
  int score = 1;

  if (_mc_model_column_named (column, MC_WORDS ("category", "category_code", "product_type", "product_line", "type", "fuel_type",
                                      "department", "genre", "product_category_name", "family")))
    score += 3;
  if (_mc_model_column_named (column, MC_WORDS ("sub", "subcategory", "sub_category")))
    score -= 2;
  if (_mc_model_column_named (column, MC_WORDS ("segment", "business_segment", "customer")))
    score -= 4;
  if (_mc_model_table_kind (table) == KIND_PRODUCTS)
    score += 2;
  if (_mc_model_table_kind (table) == KIND_CUSTOMERS)
    score -= 4;
  return score;
}

/* A table that classifies products (Chinook's genres, a categories
 * table), reached from the purchases: its name column is the type. */
static void
choose_classification_table (McModel *self)
{
  for (guint t = 0; t < mc_dataset_get_n_tables (self->dataset); t++)
    {
      McTable *table = mc_dataset_get_table (self->dataset, t);
      g_autofree char *n = mc_roles_normalise_name (mc_table_get_name (table));
      g_autoptr(GArray) path = NULL;

      if (!mc_roles_has_any_word (n, MC_WORDS ("genre", "genres", "category", "categories", "department",
                                               "departments", "product_type", "product_types", "family", "families")))
        continue;
      if ((path = _mc_model_find_path (self->dataset, self->source, table)) == NULL)
        continue;
      for (guint c = 0; c < mc_table_get_n_columns (table); c++)
        {
          McColumn *column = mc_table_get_column (table, c);
          g_autofree char *spec = NULL;

          if ((column->type != MC_COLUMN_TYPE_TEXT && column->type != MC_COLUMN_TYPE_CATEGORY)
              || !_mc_model_column_named (column, MC_WORDS ("name", "title", "label", "category", "genre")))
            continue;
          spec = _mc_model_column_spec (table, column);
          _mc_model_choose (self, MC_MODEL_PRODUCT_TYPE, spec, 0.75,
                            _("the name in the table that classifies what was bought"));
          return;
        }
    }
}

/* The product's type; a category name with a translation table reads
 * the translation (Olist's product_category_name_english). */
static void
choose_product_type (McModel *self)
{
  McModelChoice *choice = &self->choices[MC_MODEL_PRODUCT_TYPE];
  McModelColumn chosen;

  _mc_model_choose_role (self, MC_MODEL_PRODUCT_TYPE, MC_ROLE_CATEGORY, KIND_CUSTOMERS, product_type_score,
               _("the category of what was bought"));
  if (choice->value == NULL)
    choose_classification_table (self);
  if (choice->set_by_user || choice->value == NULL
      || !_mc_model_column_lookup (&chosen, self->dataset, self->source, choice->value))
    return;
  for (guint i = 0; i < mc_dataset_get_n_relations (self->dataset); i++)
    {
      const McRelation *r = mc_dataset_get_relation (self->dataset, i);

      if (r->from_table != chosen.table || mc_table_get_column (r->from_table, r->from_column) != chosen.column)
        continue;
      for (guint c = 0; c < mc_table_get_n_columns (r->to_table); c++)
        {
          McColumn *column = mc_table_get_column (r->to_table, c);

          if (c != r->to_column && _mc_model_column_named (column, MC_WORDS ("english", "en", "translation", "translated", "label")))
            {
              g_autofree char *spec = _mc_model_column_spec (r->to_table, column);

              _mc_model_add_alternative (self, MC_MODEL_PRODUCT_TYPE, choice->value);
              _mc_model_choose (self, MC_MODEL_PRODUCT_TYPE, spec, 0.85,
                                _("the category of what was bought, in the translation the data gives"));
            }
        }
    }
  _mc_model_column_clear (&chosen);
}

gboolean
_mc_model_infer_choices (McModel  *self,
                         GError  **error)
{
  if (!choose_purchases (self, error))
    return FALSE;
  if (self->source == NULL)
    {
      mc_model_add_warning (self, _("No table holds purchases with an amount: sales figures need one."));
      _mc_model_choose_visits (self);
      return TRUE;
    }
  _mc_model_choose_purchase_events (self);
  _mc_model_choose_role (self, MC_MODEL_QUANTITY, MC_ROLE_QUANTITY, KIND_PRODUCTS, NULL, _("its name says it counts units"));
  _mc_model_choose_order (self);
  if (!_mc_model_choose_amount (self, error))
    return FALSE;
  _mc_model_choose_customer (self);
  _mc_model_choose_role (self, MC_MODEL_TIME, MC_ROLE_EVENT_TIME, KIND_PRODUCTS, time_score, _("the time the purchase was made"));
  if (self->choices[MC_MODEL_TIME].value == NULL)
    mc_model_add_warning (self, _("No column gives the purchase time: trends, months, recency and cohorts need one."));
  _mc_model_choose_role (self, MC_MODEL_CHANNEL, MC_ROLE_CHANNEL, KIND_CUSTOMERS, NULL, _("the platform or channel of the sale"));
  _mc_model_choose_role (self, MC_MODEL_PRODUCT, MC_ROLE_PRODUCT_ID, KIND_OTHER, NULL, _("its name says it identifies the product"));
  choose_product_type (self);
  _mc_model_choose_role (self, MC_MODEL_RATING, MC_ROLE_RATING, KIND_OTHER, NULL, _("a review score of the purchase"));
  if (self->choices[MC_MODEL_RATING].value == NULL)
    _mc_model_choose_review_table (self);
  _mc_model_choose_role (self, MC_MODEL_STATUS, MC_ROLE_STATUS, KIND_PAYMENTS, NULL, _("the status of the order"));
  _mc_model_choose_excluded_status (self);
  _mc_model_choose_returns (self);
  _mc_model_choose_role (self, MC_MODEL_CURRENCY, MC_ROLE_CURRENCY, KIND_OTHER, NULL, _("the currency the amounts are in"));
  _mc_model_choose_visits (self);
  return TRUE;
}

/**
 * mc_model_infer:
 *
 * Reads DATASET once: which rows are purchases, their amount, order,
 * customer, time…, and makes the table of purchases every analysis
 * reads. OVERRIDES (key name → value) are taken as they are; a value
 * that names nothing in the dataset is an error. CANCELLABLE is
 * checked between the steps (G_IO_ERROR_CANCELLED, no model).
 */
McModel *
mc_model_infer (McDataset     *dataset,
                GHashTable    *overrides,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(McModel) self = NULL;

  g_return_val_if_fail (MC_IS_DATASET (dataset), NULL);

  if ((self = _mc_model_new_with_overrides (dataset, overrides, error)) == NULL
      || g_cancellable_set_error_if_cancelled (cancellable, error)
      || !_mc_model_infer_choices (self, error)
      || g_cancellable_set_error_if_cancelled (cancellable, error)
      || !_mc_model_build_purchases (self, error)
      || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return g_steal_pointer (&self);
}
