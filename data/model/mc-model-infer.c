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

/* What a table holds, from its name: order_items are lines even though
 * they speak of orders, payments and reviews are about orders but are
 * not purchases. */
TableKind
_mc_model_table_kind (McTable *table)
{
  g_autofree char *n = mc_roles_normalise_name (mc_table_get_name (table));

  if (mc_roles_has_any_word (n, MC_WORDS ("payment", "payments", "transactions_payments")))
    return KIND_PAYMENTS;
  if (mc_roles_has_any_word (n, MC_WORDS ("review", "reviews", "ratings", "feedback")))
    return KIND_REVIEWS;
  if (mc_roles_has_any_word (n, MC_WORDS ("item", "items", "line", "lines", "detail", "details", "lineitems")))
    return KIND_LINES;
  switch (mc_roles_entity_of (mc_table_get_name (table)))
    {
    case MC_ENTITY_ORDER: return KIND_ORDERS;
    case MC_ENTITY_PRODUCT: return KIND_PRODUCTS;
    case MC_ENTITY_CUSTOMER: return KIND_CUSTOMERS;
    case MC_ENTITY_VISIT: return KIND_VISITS;
    case MC_ENTITY_DEVICE:
    case MC_ENTITY_NONE:
    default:
      return KIND_OTHER;
    }
}

gboolean
_mc_model_column_named (McColumn           *column,
                        const char * const *words)
{
  g_autofree char *n = mc_roles_normalise_name (column->name);

  return mc_roles_has_any_word (n, words);
}

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

/* The value of an event type that means a purchase, in an event log. */
const char *
_mc_model_purchase_event_value (McTable *table)
{
  McColumn *type = mc_table_find_role (table, MC_ROLE_EVENT_TYPE);

  for (guint c = 0; type != NULL && type->dict != NULL && c < type->dict->len; c++)
    {
      const char *value = g_ptr_array_index (type->dict, c);
      g_autofree char *lower = g_ascii_strdown (value, -1);

      if (g_str_equal (lower, "purchase") || g_str_equal (lower, "purchased") || g_str_equal (lower, "order")
          || g_str_equal (lower, "transaction") || g_str_equal (lower, "sale") || g_str_equal (lower, "buy"))
        return value;
    }
  return NULL;
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

/* Candidates */

typedef struct
{
  McTable  *table;
  McColumn *column;
  int       score;
} Candidate;

/* Every column with ROLE in the purchases table or the tables it reaches
 * (not of kind AVOID), scored by SCORE_FUNC. */
static GArray *
candidates_for (McModel   *self,
                McRole     role,
                TableKind  avoid,
                int      (*score_func) (McModel *, McTable *, McColumn *))
{
  GArray *found = g_array_new (FALSE, FALSE, sizeof (Candidate));

  for (guint t = 0; t < mc_dataset_get_n_tables (self->dataset); t++)
    {
      McTable *table = mc_dataset_get_table (self->dataset, t);
      g_autoptr(GArray) path = NULL;

      if (table != self->source && _mc_model_table_kind (table) == avoid)
        continue;
      if ((path = _mc_model_find_path (self->dataset, self->source, table)) == NULL)
        continue;
      for (guint c = 0; c < mc_table_get_n_columns (table); c++)
        {
          McColumn *column = mc_table_get_column (table, c);
          Candidate candidate = { table, column, 0 };

          if (column->role != role)
            continue;
          /* Nearer is likelier: the purchases' own column first. */
          candidate.score = (score_func != NULL ? score_func (self, table, column) : 0) * 4 - (int) path->len;
          g_array_append_val (found, candidate);
        }
    }
  return found;
}

/* Whether A and B are one key seen from two tables (order_items.order_id
 * and the orders.order_id it refers to): no alternative to each other. */
static gboolean
same_key (McDataset       *dataset,
          const Candidate *a,
          const Candidate *b)
{
  for (guint i = 0; i < mc_dataset_get_n_relations (dataset); i++)
    {
      const McRelation *r = mc_dataset_get_relation (dataset, i);
      McColumn *from = mc_table_get_column (r->from_table, r->from_column);
      McColumn *to = mc_table_get_column (r->to_table, r->to_column);

      if ((from == a->column && to == b->column) || (from == b->column && to == a->column))
        return TRUE;
    }
  return FALSE;
}

/* Chooses the best of CANDIDATES for KEY, lists the others, and returns
 * the winner (NULL when there is none). */
static const Candidate *
choose_best (McModel    *self,
             McModelKey  key,
             GArray     *candidates,
             const char *reason)
{
  const Candidate *best = NULL;

  for (guint i = 0; i < candidates->len; i++)
    {
      const Candidate *c = &g_array_index (candidates, Candidate, i);

      if (best == NULL || c->score > best->score)
        best = c;
    }
  if (best != NULL)
    {
      g_autofree char *spec = _mc_model_column_spec (best->table, best->column);
      gboolean close = FALSE;

      for (guint i = 0; i < candidates->len; i++)
        {
          const Candidate *c = &g_array_index (candidates, Candidate, i);
          g_autofree char *other = _mc_model_column_spec (c->table, c->column);

          if (c == best || same_key (self->dataset, best, c))
            continue;
          close |= best->score - c->score < 4;
          _mc_model_add_alternative (self, key, other);
        }
      _mc_model_choose (self, key, spec, close ? 0.6 : 0.9, reason);
    }
  return best;
}

void
_mc_model_choose_role (McModel    *self,
                       McModelKey  key,
                       McRole      role,
                       TableKind   avoid,
                       int       (*score_func) (McModel *, McTable *, McColumn *),
                       const char *reason)
{
  g_autoptr(GArray) candidates = NULL;

  if (self->choices[key].set_by_user)
    return;
  candidates = candidates_for (self, role, avoid, score_func);
  choose_best (self, key, candidates, reason);
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
