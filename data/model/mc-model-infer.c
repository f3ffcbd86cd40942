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

typedef enum
{
  KIND_OTHER,
  KIND_LINES,
  KIND_ORDERS,
  KIND_PAYMENTS,
  KIND_REVIEWS,
  KIND_PRODUCTS,
  KIND_CUSTOMERS,
  KIND_VISITS,
} TableKind;

/* What a table holds, from its name: order_items are lines even though
 * they speak of orders, payments and reviews are about orders but are
 * not purchases. */
static TableKind
table_kind (McTable *table)
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

static gboolean
column_named (McColumn           *column,
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

      if (mc_table_find_role (other, role) == NULL || (other != table && table_kind (other) == avoid))
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
static const char *
purchase_event_value (McTable *table)
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
  gboolean list_amount = !own_amount && !dimension && table_kind (table) != KIND_PRODUCTS
                         && reaches_price (dataset, table);
  gboolean time = reaches_role (dataset, table, MC_ROLE_EVENT_TIME, KIND_PRODUCTS);
  gboolean customer = reaches_role (dataset, table, MC_ROLE_CUSTOMER_ID, KIND_OTHER)
                      || mc_table_find_role (table, MC_ROLE_EMAIL) != NULL;
  int score;

  if (!own_amount && !list_amount)
    return -1;
  if (table_kind (table) == KIND_VISITS && purchase_event_value (table) == NULL)
    return -1;
  score = (own_amount ? 6 : 4) + 3 * time + 3 * customer + kind_bonus[table_kind (table)];
  g_string_append (why, own_amount ? _("its rows carry an amount") : _("its rows name a product with a price"));
  if (time)
    g_string_append (why, _(", a purchase time"));
  if (customer)
    g_string_append (why, _(", a customer"));
  if (table_kind (table) == KIND_LINES)
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

      if (table != self->source && table_kind (table) == avoid)
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

static void
choose_role (McModel    *self,
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
  if (column_named (column, MC_WORDS ("deliver", "delivered", "delivery", "ship", "shipped", "shipping",
                                      "estimated", "approved", "update", "updated", "modified", "carrier",
                                      "limit", "due", "cancelled", "canceled", "refunded", "processed", "prcd",
                                      "fulfilled", "closed")))
    return 0;
  if (column_named (column, MC_WORDS ("purchase", "purchased", "order", "ordered", "created", "invoice",
                                      "transaction", "trans", "sale", "checked", "checkout")))
    return 3;
  if (column_named (column, MC_WORDS ("event", "date", "time", "timestamp")))
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

  if (column_named (column, MC_WORDS ("category", "category_code", "product_type", "product_line", "type", "fuel_type",
                                      "department", "genre", "product_category_name", "family")))
    score += 3;
  if (column_named (column, MC_WORDS ("sub", "subcategory", "sub_category")))
    score -= 2;
  if (column_named (column, MC_WORDS ("segment", "business_segment", "customer")))
    score -= 4;
  if (table_kind (table) == KIND_PRODUCTS)
    score += 2;
  if (table_kind (table) == KIND_CUSTOMERS)
    score -= 4;
  return score;
}

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
          && table_kind (r->to_table) == KIND_ORDERS)
        score += 2;
    }
  if (table_kind (table) == KIND_LINES && (int) mc_table_get_column_index (table, column->name) == mc_table_get_primary_key (table))
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

static void
choose_order (McModel *self)
{
  choose_role (self, MC_MODEL_ORDER, MC_ROLE_ORDER_ID, KIND_PAYMENTS, order_score,
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
          || !column_named (column, MC_WORDS ("unique", "person", "household", "master", "global")))
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
          || !column_named (column, MC_WORDS ("customer", "client", "buyer", "account", "company"))
          || !column_named (column, MC_WORDS ("name", "customer", "client", "buyer", "account", "company")))
        continue;
      spec = _mc_model_column_spec (self->source, column);
      _mc_model_choose (self, MC_MODEL_CUSTOMER, spec, 0.6,
                        _("no customer id or e-mail: customers are told apart by their name"));
      mc_model_add_warning (self, _("Customers are told apart by their name, for want of an id: two customers of "
                                    "one name count as one."));
      return;
    }
}

static void
choose_customer (McModel *self)
{
  choose_role (self, MC_MODEL_CUSTOMER, MC_ROLE_CUSTOMER_ID, KIND_OTHER, NULL,
               _("its name says it identifies the customer"));
  if (self->choices[MC_MODEL_CUSTOMER].value == NULL)
    choose_role (self, MC_MODEL_CUSTOMER, MC_ROLE_EMAIL, KIND_OTHER, NULL,
                 _("no customer id: the e-mail address tells customers apart"));
  if (self->choices[MC_MODEL_CUSTOMER].value == NULL)
    choose_customer_name (self);
  refine_person (self);
  if (self->choices[MC_MODEL_CUSTOMER].value == NULL)
    mc_model_add_warning (self, _("No column identifies the customer: customers, customer lifetime value, repeat "
                                  "purchases, RFM and segments need one and are left out."));
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
              || !column_named (column, MC_WORDS ("name", "title", "label", "category", "genre")))
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

  choose_role (self, MC_MODEL_PRODUCT_TYPE, MC_ROLE_CATEGORY, KIND_CUSTOMERS, product_type_score,
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

          if (c != r->to_column && column_named (column, MC_WORDS ("english", "en", "translation", "translated", "label")))
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

static void
choose_excluded_status (McModel *self)
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
      GString *into = mc_status_is_failure (value) ? excluded : counted;

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
static void
choose_returns (McModel *self)
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

static void
choose_purchase_events (McModel *self)
{
  McColumn *type = mc_table_find_role (self->source, MC_ROLE_EVENT_TYPE);
  const char *value = purchase_event_value (self->source);
  g_autofree char *rule = NULL;

  if (self->choices[MC_MODEL_PURCHASE_EVENTS].set_by_user || value == NULL)
    return;
  rule = g_strdup_printf ("%s=%s", type->name, value);
  _mc_model_choose (self, MC_MODEL_PURCHASE_EVENTS, rule, 0.9,
                    _("the table is an event log: only its purchase events are sales"));
}

/* Reviews in a table of their own that refers to the orders (Olist's
 * order_reviews): each order's score is the mean of its reviews. */
static void
choose_review_table (McModel *self)
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
          && column_named (column, MC_WORDS ("revenue", "purchase", "purchased", "converted", "conversion",
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
static void
choose_visits (McModel *self)
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

gboolean
_mc_model_infer_choices (McModel  *self,
                         GError  **error)
{
  if (!choose_purchases (self, error))
    return FALSE;
  if (self->source == NULL)
    {
      mc_model_add_warning (self, _("No table holds purchases with an amount: sales figures need one."));
      choose_visits (self);
      return TRUE;
    }
  choose_purchase_events (self);
  choose_role (self, MC_MODEL_QUANTITY, MC_ROLE_QUANTITY, KIND_PRODUCTS, NULL, _("its name says it counts units"));
  choose_order (self);
  if (!_mc_model_choose_amount (self, error))
    return FALSE;
  choose_customer (self);
  choose_role (self, MC_MODEL_TIME, MC_ROLE_EVENT_TIME, KIND_PRODUCTS, time_score, _("the time the purchase was made"));
  if (self->choices[MC_MODEL_TIME].value == NULL)
    mc_model_add_warning (self, _("No column gives the purchase time: trends, months, recency and cohorts need one."));
  choose_role (self, MC_MODEL_CHANNEL, MC_ROLE_CHANNEL, KIND_CUSTOMERS, NULL, _("the platform or channel of the sale"));
  choose_role (self, MC_MODEL_PRODUCT, MC_ROLE_PRODUCT_ID, KIND_OTHER, NULL, _("its name says it identifies the product"));
  choose_product_type (self);
  choose_role (self, MC_MODEL_RATING, MC_ROLE_RATING, KIND_OTHER, NULL, _("a review score of the purchase"));
  if (self->choices[MC_MODEL_RATING].value == NULL)
    choose_review_table (self);
  choose_role (self, MC_MODEL_STATUS, MC_ROLE_STATUS, KIND_PAYMENTS, NULL, _("the status of the order"));
  choose_excluded_status (self);
  choose_returns (self);
  choose_role (self, MC_MODEL_CURRENCY, MC_ROLE_CURRENCY, KIND_OTHER, NULL, _("the currency the amounts are in"));
  choose_visits (self);
  return TRUE;
}
