/* mc-model-purchases.c: the one table of purchases every analysis reads
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The purchases have the rows of the model's purchases table, in order,
 * so a chosen row of them is a row of that table (filters rely on it).
 * Its own columns are shared, not copied; the chosen columns of the
 * tables it refers to (the order's time and customer, the product's
 * type) are read through the relations once; the amount is the model's
 * expression. Roles are the model's: only the chosen column has the
 * customer, order, time, amount… role, so a customer's Segment is no
 * product type. Lines of excluded orders, and events that are not
 * purchases, have no amount and so count for nothing.
 */
#define G_LOG_DOMAIN "mc-model"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "mc-model-private.h"
#include "mc-query.h"

/* The roles the model decides; the purchases' other columns keep theirs. */
static const struct { McModelKey key; McRole role; } chosen_roles[] = {
  { MC_MODEL_ORDER, MC_ROLE_ORDER_ID },
  { MC_MODEL_CUSTOMER, MC_ROLE_CUSTOMER_ID },
  { MC_MODEL_TIME, MC_ROLE_EVENT_TIME },
  { MC_MODEL_CHANNEL, MC_ROLE_CHANNEL },
  { MC_MODEL_PRODUCT, MC_ROLE_PRODUCT_ID },
  { MC_MODEL_PRODUCT_TYPE, MC_ROLE_CATEGORY },
  { MC_MODEL_QUANTITY, MC_ROLE_QUANTITY },
  { MC_MODEL_RATING, MC_ROLE_RATING },
  { MC_MODEL_STATUS, MC_ROLE_STATUS },
  { MC_MODEL_CURRENCY, MC_ROLE_CURRENCY },
};

static gboolean
is_chosen_role (McRole role)
{
  if (role == MC_ROLE_AMOUNT)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (chosen_roles); i++)
    if (chosen_roles[i].role == role)
      return TRUE;
  return FALSE;
}

typedef struct
{
  McModel      *model;
  McTable      *view;
  gsize         n_rows;
  McModelColumn chosen[G_N_ELEMENTS (chosen_roles)];
} Build;

static void
build_clear (Build *b)
{
  for (guint i = 0; i < G_N_ELEMENTS (chosen_roles); i++)
    _mc_model_column_clear (&b->chosen[i]);
}

/* A review score of a reviews table referring to the orders, or a
 * currency the user named ("EUR"), is no column the purchases refer to. */
static gboolean
is_given_elsewhere (Build      *b,
                    McModelKey  key,
                    const char *value)
{
  McColumn *score;
  const McRelation *relation;
  GArray *path;

  if (key == MC_MODEL_CURRENCY)
    return strlen (value) == 3 && g_ascii_isupper (value[0]) && g_ascii_isupper (value[1]) && g_ascii_isupper (value[2]);
  if (key == MC_MODEL_RATING
      && _mc_model_reviews_lookup (b->model->dataset, b->model->source, value, &score, &relation, &path))
    {
      g_array_unref (path);
      return TRUE;
    }
  return FALSE;
}

/* Reviews kept by order: their mean on the order's first line. */
static void
add_reviews (Build *b)
{
  McModel *self = b->model;
  const char *value = self->choices[MC_MODEL_RATING].value;
  McColumn *score;
  const McRelation *relation;
  g_autoptr(GArray) path = NULL;
  g_autoptr(McColumn) mean = NULL;
  gsize several;

  if (value == NULL || mc_table_find_role (b->view, MC_ROLE_RATING) != NULL
      || !_mc_model_reviews_lookup (self->dataset, self->source, value, &score, &relation, &path))
    return;
  mean = _mc_model_reviews_per_order (score, relation, path, b->n_rows, &several);
  mean->role = MC_ROLE_RATING;
  if (several > 0)
    {
      g_autofree char *warning = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "%zu order has several reviews: the mean of them is "
                                                               "its score, counted once.",
                                                               "%zu orders have several reviews: the mean of each "
                                                               "order's is its score, counted once.", several),
                                                  several);
      mc_model_add_warning (self, warning);
    }
  if (mc_table_lookup_column (b->view, mean->name) != NULL)
    {
      g_free (mean->name);
      mean->name = g_strdup (value);
    }
  mc_table_add_column (b->view, mean);
}

static gboolean
lookup_chosen (Build   *b,
               GError **error)
{
  McModel *self = b->model;

  for (guint i = 0; i < G_N_ELEMENTS (chosen_roles); i++)
    {
      const char *value = self->choices[chosen_roles[i].key].value;

      if (value != NULL && !_mc_model_column_lookup (&b->chosen[i], self->dataset, self->source, value)
          && !is_given_elsewhere (b, chosen_roles[i].key, value))
        {
          g_set_error (error, MC_MODEL_ERROR, MC_MODEL_ERROR_BAD_VALUE,
                       _("%s=%s: neither %s nor a table it refers to has that column"),
                       mc_model_key_to_string (chosen_roles[i].key), value, mc_table_get_name (self->source));
          return FALSE;
        }
    }
  return TRUE;
}

/* The role the model gives COLUMN of TABLE: its chosen one, none for a
 * column whose role another column took, or its own. */
static McRole
role_in_view (Build    *b,
              McTable  *table,
              McColumn *column)
{
  for (guint i = 0; i < G_N_ELEMENTS (chosen_roles); i++)
    if (b->chosen[i].column == column && b->chosen[i].table == table)
      return chosen_roles[i].role;
  return is_chosen_role (column->role) ? MC_ROLE_NONE : column->role;
}

/* The relation from COLUMN of TABLE, given to column INDEX of the view. */
static void
copy_relation (Build    *b,
               McTable  *table,
               McColumn *column,
               guint     index)
{
  McDataset *dataset = b->model->dataset;

  for (guint i = 0; i < mc_dataset_get_n_relations (dataset); i++)
    {
      McRelation copy = *mc_dataset_get_relation (dataset, i);

      if (copy.from_table != table || mc_table_get_column (table, copy.from_column) != column)
        continue;
      copy.from_table = b->view;
      copy.from_column = index;
      g_array_append_val (b->model->purchase_relations, copy);
    }
}

static void
add_column (Build    *b,
            McTable  *table,
            McColumn *column,
            McColumn *cells)
{
  g_autofree char *qualified = NULL;
  const char *name = column->name;
  g_autoptr(McColumn) alias = NULL;

  if (mc_table_lookup_column (b->view, name) != NULL)
    name = qualified = _mc_model_column_spec (table, column);
  if (mc_table_lookup_column (b->view, name) != NULL)
    return;
  alias = mc_column_new_alias (cells, name, role_in_view (b, table, column));
  mc_table_add_column (b->view, alias);
  copy_relation (b, table, column, mc_table_get_n_columns (b->view) - 1);
}

/* Columns of the tables the purchases refer to: the chosen ones, and
 * every column of an orders table the lines belong to (the order's
 * columns are the line's too). */
static void
add_related_columns (Build *b)
{
  g_autoptr(GHashTable) tables = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (chosen_roles); i++)
    {
      McModelColumn *chosen = &b->chosen[i];
      g_autofree gssize *rows = NULL;
      g_autoptr(McColumn) gathered = NULL;

      if (chosen->column == NULL || chosen->table == b->model->source)
        continue;
      rows = _mc_model_resolve_path (chosen->path, b->n_rows);
      gathered = mc_column_gather (chosen->column, rows, b->n_rows);
      add_column (b, chosen->table, chosen->column, gathered);
      if (chosen->path->len > 0)
        g_hash_table_add (tables, g_array_index (chosen->path, const McRelation *, 0)->to_table);
    }
  for (guint i = 0; i < G_N_ELEMENTS (chosen_roles); i++)
    {
      McModelColumn *chosen = &b->chosen[i];
      const McRelation *first;
      g_autoptr(GArray) one = NULL;
      g_autofree gssize *rows = NULL;

      if (chosen->column == NULL || chosen->path->len == 0)
        continue;
      first = g_array_index (chosen->path, const McRelation *, 0);
      if (!g_hash_table_remove (tables, first->to_table))
        continue;
      one = g_array_new (FALSE, FALSE, sizeof (const McRelation *));
      g_array_append_val (one, first);
      rows = _mc_model_resolve_path (one, b->n_rows);
      for (guint c = 0; c < mc_table_get_n_columns (first->to_table); c++)
        {
          McColumn *column = mc_table_get_column (first->to_table, c);
          g_autoptr(McColumn) gathered = NULL;

          if ((int) c == mc_table_get_primary_key (first->to_table) || mc_table_lookup_column (b->view, column->name) != NULL)
            continue;
          gathered = mc_column_gather (column, rows, b->n_rows);
          add_column (b, first->to_table, column, gathered);
        }
    }
}

/* The rows that bring no money: excluded statuses, events that are not
 * purchases. */
static gboolean *
excluded_rows (Build *b)
{
  McModel *self = b->model;
  gboolean *excluded = g_new0 (gboolean, MAX (b->n_rows, 1));
  const char *statuses = self->choices[MC_MODEL_EXCLUDED_STATUS].value;
  const char *events = self->choices[MC_MODEL_PURCHASE_EVENTS].value;
  McColumn *status = mc_table_find_role (b->view, MC_ROLE_STATUS);

  if (statuses != NULL && status != NULL)
    {
      g_auto(GStrv) values = g_strsplit (statuses, "|", -1);

      for (gsize r = 0; r < b->n_rows; r++)
        excluded[r] = mc_column_get_string (status, r) != NULL
                      && g_strv_contains ((const char * const *) values, mc_column_get_string (status, r));
    }
  if (events != NULL && strchr (events, '=') != NULL)
    {
      g_autofree char *name = g_strndup (events, strchr (events, '=') - events);
      McColumn *type = mc_table_lookup_column (self->source, name);
      const char *wanted = strchr (events, '=') + 1;

      for (gsize r = 0; type != NULL && r < b->n_rows; r++)
        excluded[r] |= g_strcmp0 (mc_column_get_string (type, r), wanted) != 0;
    }
  return excluded;
}

static gboolean
add_amount (Build   *b,
            GError **error)
{
  McModel *self = b->model;
  g_autoptr(McModelExpr) expr = NULL;
  g_autoptr(McColumn) amount = NULL;
  g_autofree gboolean *excluded = NULL;

  if (self->choices[MC_MODEL_AMOUNT].value == NULL)
    return TRUE;
  expr = _mc_model_expr_parse (self->dataset, self->source, self->choices[MC_MODEL_AMOUNT].value, error);
  if (expr == NULL)
    return FALSE;
  amount = _mc_model_expr_evaluate (expr, b->n_rows);
  amount->role = MC_ROLE_AMOUNT;
  excluded = excluded_rows (b);
  for (gsize r = 0; r < b->n_rows; r++)
    if (excluded[r])
      mc_column_set_missing (amount, r);
  g_free (amount->name);
  amount->name = g_strdup (mc_table_lookup_column (b->view, "amount") != NULL ? "model_amount" : "amount");
  mc_table_add_column (b->view, amount);
  return TRUE;
}

/* TRUE on the lines the returns rule names. */
static void
add_returns (Build *b)
{
  const char *rule = b->model->choices[MC_MODEL_RETURNS].value;
  McColumn *quantity = mc_table_find_role (b->view, MC_ROLE_QUANTITY);
  McColumn *amount = mc_table_find_role (b->view, MC_ROLE_AMOUNT);
  McColumn *order = mc_table_find_role (b->view, MC_ROLE_ORDER_ID);
  g_autoptr(McColumn) flag = NULL;

  if (rule == NULL)
    return;
  flag = mc_column_new ("is_return", MC_COLUMN_TYPE_BOOLEAN, b->n_rows);
  flag->role = MC_ROLE_RETURN;
  for (gsize r = 0; r < b->n_rows; r++)
    {
      double value;
      const char *id;

      if (g_str_equal (rule, "negative quantity"))
        flag->v.bools[r] = quantity != NULL && mc_column_get_double (quantity, r, &value) && value < 0;
      else if (g_str_equal (rule, "negative amount"))
        flag->v.bools[r] = amount != NULL && mc_column_get_double (amount, r, &value) && value < 0;
      else
        flag->v.bools[r] = order != NULL && (id = mc_column_get_string (order, r)) != NULL
                           && g_ascii_toupper (id[0]) == 'C' && g_ascii_isdigit (id[1]);
    }
  mc_table_add_column (b->view, flag);
}

/* For each row, the row of its order's first line when COLUMN is written
 * once per order, on that line, the others empty (Shopify's Created at,
 * Financial Status, Currency); NULL when COLUMN is a line's own. */
static gssize *
order_level_rows (McColumn         *column,
                  const McKeyCodes *orders,
                  const gssize     *first_line,
                  gsize             n_rows)
{
  gsize present = 0;
  gssize *rows;

  if (first_line == NULL || column->n_missing * 4 < n_rows)
    return NULL;
  for (gsize r = 0; r < n_rows; r++)
    {
      guint32 code = orders->codes[r];

      if (mc_column_is_missing (column, r))
        continue;
      if (code != MC_NO_CODE && first_line[code] != (gssize) r)
        return NULL;   /* a value on another line: the line's own */
      present++;
    }
  /* Nearly every order has it. */
  if (present * 10 < orders->labels->len * 9)
    return NULL;
  rows = g_new (gssize, MAX (n_rows, 1));
  for (gsize r = 0; r < n_rows; r++)
    rows[r] = orders->codes[r] != MC_NO_CODE ? first_line[orders->codes[r]] : (gssize) r;
  return rows;
}

/* The first line of each order, when orders have several lines. */
static gssize *
first_lines (const McKeyCodes *orders,
             gsize             n_rows)
{
  gssize *first;

  if (orders->codes == NULL || orders->labels->len * 5 > n_rows * 4)
    return NULL;
  first = g_new (gssize, MAX (orders->labels->len, 1));
  for (guint o = 0; o < orders->labels->len; o++)
    first[o] = -1;
  for (gsize r = 0; r < n_rows; r++)
    if (orders->codes[r] != MC_NO_CODE && first[orders->codes[r]] < 0)
      first[orders->codes[r]] = (gssize) r;
  return first;
}

/* The source's columns, those written on an order's first line only
 * given to every line of the order. */
static void
add_source_columns (Build *b)
{
  McModel *self = b->model;
  McModelColumn order = { NULL };
  McKeyCodes orders = { NULL };
  g_autofree gssize *first = NULL;

  if (self->choices[MC_MODEL_ORDER].value != NULL
      && _mc_model_column_lookup (&order, self->dataset, self->source, self->choices[MC_MODEL_ORDER].value)
      && order.table == self->source)
    mc_key_codes_init (&orders, (McColumnRef) { order.column, NULL }, MC_BUCKET_NONE, b->n_rows);
  first = first_lines (&orders, b->n_rows);
  for (guint c = 0; c < mc_table_get_n_columns (self->source); c++)
    {
      McColumn *column = mc_table_get_column (self->source, c);
      g_autofree gssize *rows = column != order.column ? order_level_rows (column, &orders, first, b->n_rows) : NULL;
      g_autoptr(McColumn) filled = rows != NULL ? mc_column_gather (column, rows, b->n_rows) : NULL;

      add_column (b, self->source, column, filled != NULL ? filled : column);
    }
  mc_key_codes_clear (&orders);
  _mc_model_column_clear (&order);
}

gboolean
_mc_model_build_purchases (McModel  *self,
                           GError  **error)
{
  Build b = { self };
  gboolean ok;

  if (self->source == NULL)
    return TRUE;
  b.n_rows = mc_table_get_n_rows (self->source);
  b.view = mc_table_new (mc_table_get_name (self->source), mc_table_get_path (self->source));
  ok = lookup_chosen (&b, error);
  if (ok)
    add_source_columns (&b);
  if (ok)
    {
      add_related_columns (&b);
      ok = add_amount (&b, error);
    }
  if (ok)
    {
      add_returns (&b);
      add_reviews (&b);
    }
  build_clear (&b);
  if (!ok)
    {
      g_object_unref (b.view);
      return FALSE;
    }
  /* The source's columns come first, in order, so its key is at the same place. */
  mc_table_set_primary_key (b.view, mc_table_get_primary_key (self->source));
  self->purchases = b.view;
  return TRUE;
}

McModel *
mc_model_new_like (McModel    *like,
                   McDataset  *dataset,
                   GError    **error)
{
  g_autoptr(McModel) self = NULL;

  g_return_val_if_fail (MC_IS_MODEL (like), NULL);
  g_return_val_if_fail (MC_IS_DATASET (dataset), NULL);

  self = _mc_model_new_copy (like, dataset);
  if (!_mc_model_build_purchases (self, error))
    return NULL;
  return g_steal_pointer (&self);
}
