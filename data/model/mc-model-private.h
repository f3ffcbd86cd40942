/* mc-model-private.h: what the model's files share
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mc-model.c holds the object and its settings; mc-model-paths.c reads
 * columns of related tables and amount expressions;
 * mc-model-candidates.c weighs the columns that could be a choice for
 * the choosers (mc-model-amount.c, -customer.c, -events.c);
 * mc-model-purchases.c makes the purchases table; mc-model-infer.c makes
 * every choice with the choosers, then the purchases. Each file calls
 * only files before it in that order, never back.
 */
#pragma once

#include "mc-dataset.h"
#include "mc-model.h"

G_BEGIN_DECLS

struct _McModel
{
  GObject        parent_instance;

  McDataset     *dataset;      /* borrowed: the dataset owns its model */
  McModelChoice  choices[MC_MODEL_N_KEYS];
  GHashTable    *settings;     /* the user's, as given: choices and refers.* relations */
  GPtrArray     *warnings;     /* char * */
  McTable       *source;       /* the table the purchases' rows are rows of */
  McTable       *purchases;
  GArray        *purchase_relations;
};

/* A column of the purchases table or of a table it refers to (many to
 * one, through one or more relations): orders.customer_id from
 * order_items. */
typedef struct
{
  McTable  *table;
  McColumn *column;
  GArray   *path;              /* const McRelation *, from the purchases' table */
} McModelColumn;

void          _mc_model_column_clear      (McModelColumn *self);
/* Finds "table.column" or "column" (in FROM first, then in the tables
 * FROM reaches); FALSE when no reachable table has it. */
gboolean      _mc_model_column_lookup     (McModelColumn *self,
                                           McDataset    *dataset,
                                           McTable      *from,
                                           const char   *spec);
/* The path of relations from FROM to TO (NULL when TO is not reached). */
GArray       *_mc_model_find_path         (McDataset    *dataset,
                                           McTable      *from,
                                           McTable      *to);
/* For each row of the path's first table, the row of its last one (-1
 * when a key on the way is missing or matches nothing). */
gssize       *_mc_model_resolve_path      (GArray       *path,
                                           gsize         n_rows);
/* "table.column", as choices write columns. */
char         *_mc_model_column_spec       (McTable      *table,
                                           McColumn     *column);

/* An amount expression: terms added or subtracted, each a product of
 * columns and numbers ("Quantity*UnitPrice", "price+freight_value"). */
typedef struct _McModelExpr McModelExpr;

McModelExpr  *_mc_model_expr_parse        (McDataset    *dataset,
                                           McTable      *from,
                                           const char   *text,
                                           GError      **error);
void          _mc_model_expr_free         (McModelExpr  *self);
/* The expression's terms, for executors that compile it (SQL): term
 * T's sign and number of factors; factor F's column, or NULL for a
 * number (NUMBER). */
guint         _mc_model_expr_get_n_terms  (McModelExpr  *self);
double        _mc_model_expr_get_term     (McModelExpr  *self,
                                           guint         term,
                                           guint        *n_factors);
const McModelColumn *_mc_model_expr_get_factor (McModelExpr *self,
                                           guint         term,
                                           guint         factor,
                                           double       *number);
/* A column of the expression's value for every row of FROM. */
McColumn     *_mc_model_expr_evaluate     (McModelExpr  *self,
                                           gsize         n_rows);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (McModelExpr, _mc_model_expr_free)

gboolean      _mc_model_reviews_lookup    (McDataset    *dataset,
                                           McTable      *from,
                                           const char   *spec,
                                           McColumn    **score,
                                           const McRelation **relation,
                                           GArray      **path);
McColumn     *_mc_model_reviews_per_order (McColumn     *score,
                                           const McRelation *relation,
                                           GArray       *path,
                                           gsize         n,
                                           gsize        *several);

/* The two ways a model starts (mc-model.c), before its choices are made
 * (mc-model-infer.c) and its purchases built (mc-model-purchases.c):
 * with the user's overrides, or with another model's choices. */
McModel      *_mc_model_new_with_overrides (McDataset  *dataset,
                                           GHashTable  *overrides,
                                           GError     **error);
McModel      *_mc_model_new_copy          (McModel      *like,
                                           McDataset    *dataset);
void          _mc_model_choose            (McModel      *self,
                                           McModelKey    key,
                                           const char   *value,
                                           double        confidence,
                                           const char   *reason);
void          _mc_model_add_alternative   (McModel      *self,
                                           McModelKey    key,
                                           const char   *value);
/* Chooses the amount expression (mc-model-amount.c). */
gboolean      _mc_model_choose_amount     (McModel      *self,
                                           GError      **error);
/* Makes every choice not already made by the user (mc-model-infer.c). */
gboolean      _mc_model_infer_choices     (McModel      *self,
                                           GError      **error);
/* Makes the purchases table from the choices (mc-model-purchases.c). */
gboolean      _mc_model_build_purchases   (McModel      *self,
                                           GError      **error);

/* What a table holds, from its name (mc-model-infer.c). */
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

TableKind     _mc_model_table_kind        (McTable      *table);
/* Whether COLUMN's name holds one of WORDS. */
gboolean      _mc_model_column_named      (McColumn     *column,
                                           const char * const *words);
/* The value of an event type that means a purchase, in an event log. */
const char   *_mc_model_purchase_event_value (McTable   *table);
/* Chooses KEY among the columns with ROLE the purchases reach, outside
 * tables of kind AVOID, ranked by SCORE_FUNC (NULL: all equal). */
void          _mc_model_choose_role       (McModel      *self,
                                           McModelKey    key,
                                           McRole        role,
                                           TableKind     avoid,
                                           int         (*score_func) (McModel *, McTable *, McColumn *),
                                           const char   *reason);

/* mc-model-customer.c: the order of a line, the customer of an order. */
void          _mc_model_choose_order      (McModel      *self);
void          _mc_model_choose_customer   (McModel      *self);

/* mc-model-events.c: which lines count, reviews, visits. */
void          _mc_model_choose_excluded_status (McModel *self);
void          _mc_model_choose_purchase_events (McModel *self);
void          _mc_model_choose_returns    (McModel      *self);
void          _mc_model_choose_review_table (McModel    *self);
void          _mc_model_choose_visits     (McModel      *self);

G_END_DECLS
