/* mc-model-candidates.c: weighing the columns that could be a choice
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What every chooser (mc-model-infer.c, -customer.c, -events.c) reads
 * a table or a column by: a table's kind from its name, a column's name
 * against a list of words, and the scored search for the best column
 * with a role among the tables the purchases reach. It calls none of
 * the choosers, so they can all use it.
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
