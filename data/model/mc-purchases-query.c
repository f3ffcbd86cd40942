/* mc-purchases-query.c: the model's purchases as a description other executors compile
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "mc-model-private.h"
#include "mc-purchases-query.h"

/* The fields the model chooses a column for, as mc-model-purchases.c
 * gives them their roles. */
static const struct { McPurchasesField field; McModelKey key; const char *name; } chosen_fields[] = {
  { MC_PURCHASES_ORDER, MC_MODEL_ORDER, "order" },
  { MC_PURCHASES_CUSTOMER, MC_MODEL_CUSTOMER, "customer" },
  { MC_PURCHASES_TIME, MC_MODEL_TIME, "time" },
  { MC_PURCHASES_CHANNEL, MC_MODEL_CHANNEL, "channel" },
  { MC_PURCHASES_PRODUCT_TYPE, MC_MODEL_PRODUCT_TYPE, "product_type" },
  { MC_PURCHASES_QUANTITY, MC_MODEL_QUANTITY, "quantity" },
  { MC_PURCHASES_RATING, MC_MODEL_RATING, "rating" },
  { MC_PURCHASES_STATUS, MC_MODEL_STATUS, "status" },
  { MC_PURCHASES_CURRENCY, MC_MODEL_CURRENCY, "currency" },
};

const char *
mc_purchases_field_to_string (McPurchasesField field)
{
  for (guint i = 0; i < G_N_ELEMENTS (chosen_fields); i++)
    if (chosen_fields[i].field == field)
      return chosen_fields[i].name;
  return field == MC_PURCHASES_LIST_PRICE ? "list_price" : "event_type";
}

static McPurchasesColumn *
column_new (McTable  *table,
            McColumn *column,
            GArray   *path)
{
  McPurchasesColumn *self = g_new0 (McPurchasesColumn, 1);

  self->table = table;
  self->column = column;
  self->path = path != NULL ? g_array_ref (path) : g_array_new (FALSE, FALSE, sizeof (const McRelation *));
  return self;
}

static void
column_free (gpointer data)
{
  McPurchasesColumn *self = data;

  if (self == NULL)
    return;
  g_array_unref (self->path);
  g_free (self);
}

static void
filter_clear (gpointer data)
{
  g_strfreev (((McPurchasesFilter *) data)->values);
}

static void
term_clear (gpointer data)
{
  g_array_unref (((McPurchasesTerm *) data)->factors);
}

void
mc_purchases_query_free (McPurchasesQuery *self)
{
  if (self == NULL)
    return;
  for (guint f = 0; f < MC_PURCHASES_N_FIELDS; f++)
    column_free (self->fields[f]);
  g_ptr_array_unref (self->amount_columns);
  g_array_unref (self->amount);
  g_strfreev (self->excluded_statuses);
  g_free (self->purchase_event);
  g_free (self->returns);
  g_free (self->currency_code);
  g_array_unref (self->filters);
  g_ptr_array_unref (self->not_expressible);
  g_free (self);
}

/* A column the purchases table fills from an order's first line has
 * fewer missing values there than in the source: no single row of the
 * source holds it. */
static gboolean
is_filled_per_order (McPurchasesQuery *self,
                     McTable          *purchases,
                     McPurchasesColumn *field)
{
  McColumn *seen;

  if (field->table != self->source)
    return FALSE;
  seen = mc_table_lookup_column (purchases, field->column->name);
  return seen != NULL && seen->n_missing != field->column->n_missing;
}

static void
add_chosen_fields (McPurchasesQuery *self,
                   McModel          *model,
                   McDataset        *dataset)
{
  McTable *purchases = mc_model_get_purchases (model);

  for (guint i = 0; i < G_N_ELEMENTS (chosen_fields); i++)
    {
      const char *value = mc_model_get_value (model, chosen_fields[i].key);
      McModelColumn found = { NULL };

      if (value == NULL)
        continue;
      if (!_mc_model_column_lookup (&found, dataset, self->source, value))
        {
          if (chosen_fields[i].key == MC_MODEL_CURRENCY)
            self->currency_code = g_strdup (value);
          else
            /* Translators: %s is a column the model chose ("reviews.score"). */
            g_ptr_array_add (self->not_expressible,
                             g_strdup_printf (_("the review scores of %s are averaged per order"), value));
          continue;
        }
      self->fields[chosen_fields[i].field] = column_new (found.table, found.column, found.path);
      _mc_model_column_clear (&found);
      if (is_filled_per_order (self, purchases, self->fields[chosen_fields[i].field]))
        /* Translators: %s is a column of the data ("Created at"). */
        g_ptr_array_add (self->not_expressible,
                         g_strdup_printf (_("%s is written on each order's first line only"), value));
    }
}

/* The list price of what was bought, as the metrics find it: a column
 * with that role in a table a column of the purchases refers to. */
static void
add_list_price (McPurchasesQuery *self,
                McModel          *model,
                McDataset        *dataset)
{
  McJoin join;
  McModelColumn from = { NULL };

  if (!mc_join_init (&join, dataset, mc_model_get_purchases (model), MC_ROLE_LIST_PRICE))
    return;
  if (_mc_model_column_lookup (&from, dataset, self->source, join.from->name))
    for (guint i = 0; i < mc_dataset_get_n_relations (dataset); i++)
      {
        const McRelation *r = mc_dataset_get_relation (dataset, i);
        g_autoptr(GArray) path = NULL;

        if (r->from_table != from.table || mc_table_get_column (r->from_table, r->from_column) != from.column
            || mc_table_find_role (r->to_table, MC_ROLE_LIST_PRICE) != join.related)
          continue;
        path = g_array_copy (from.path);
        g_array_append_val (path, r);
        self->fields[MC_PURCHASES_LIST_PRICE] = column_new (r->to_table, join.related, path);
        break;
      }
  if (self->fields[MC_PURCHASES_LIST_PRICE] == NULL)
    g_ptr_array_add (self->not_expressible, g_strdup (_("the list prices are read through a relation of their own")));
  _mc_model_column_clear (&from);
  mc_join_clear (&join);
}

static gboolean
add_amount (McPurchasesQuery  *self,
            McModel           *model,
            McDataset         *dataset,
            GError           **error)
{
  g_autoptr(McModelExpr) expr = _mc_model_expr_parse (dataset, self->source,
                                                      mc_model_get_value (model, MC_MODEL_AMOUNT), error);

  if (expr == NULL)
    return FALSE;
  for (guint t = 0; t < _mc_model_expr_get_n_terms (expr); t++)
    {
      McPurchasesTerm term = { 0 };
      guint n_factors;

      term.sign = _mc_model_expr_get_term (expr, t, &n_factors);
      term.factors = g_array_new (FALSE, FALSE, sizeof (McPurchasesFactor));
      for (guint f = 0; f < n_factors; f++)
        {
          McPurchasesFactor factor = { NULL };
          const McModelColumn *column = _mc_model_expr_get_factor (expr, t, f, &factor.number);

          if (column != NULL)
            {
              factor.column = column_new (column->table, column->column, column->path);
              g_ptr_array_add (self->amount_columns, (gpointer) factor.column);
            }
          g_array_append_val (term.factors, factor);
        }
      g_array_append_val (self->amount, term);
    }
  return TRUE;
}

/* "event_type=purchase": only those rows of an event log are purchases. */
static void
add_purchase_event (McPurchasesQuery *self,
                    McModel          *model)
{
  const char *events = mc_model_get_value (model, MC_MODEL_PURCHASE_EVENTS);
  const char *equals = events != NULL ? strchr (events, '=') : NULL;
  g_autofree char *name = equals != NULL ? g_strndup (events, equals - events) : NULL;
  McColumn *type = name != NULL ? mc_table_lookup_column (self->source, name) : NULL;

  if (equals == NULL)
    return;
  self->purchase_event = g_strdup (equals + 1);
  /* The column store counts every row of a log without that column as no purchase. */
  self->fields[MC_PURCHASES_EVENT_TYPE] = type != NULL ? column_new (self->source, type, NULL) : NULL;
  if (type == NULL)
    g_ptr_array_add (self->not_expressible, g_strdup_printf (_("%s names no column of the purchases"), events));
}

McPurchasesQuery *
mc_purchases_query_new (McDataset  *dataset,
                        GError    **error)
{
  McModel *model;
  g_autoptr(McPurchasesQuery) self = NULL;
  const char *statuses;

  g_return_val_if_fail (MC_IS_DATASET (dataset), NULL);

  model = mc_model_for_dataset (dataset);
  if (model == NULL || model->source == NULL || mc_model_get_value (model, MC_MODEL_AMOUNT) == NULL)
    {
      g_set_error_literal (error, MC_MODEL_ERROR, MC_MODEL_ERROR_BAD_VALUE,
                           _("no table holds purchases with an amount; say which "
                             "with --set purchases=TABLE --set amount=COLUMN"));
      return NULL;
    }
  self = g_new0 (McPurchasesQuery, 1);
  self->source = model->source;
  self->amount_columns = g_ptr_array_new_with_free_func (column_free);
  self->amount = g_array_new (FALSE, FALSE, sizeof (McPurchasesTerm));
  g_array_set_clear_func (self->amount, term_clear);
  self->filters = g_array_new (FALSE, FALSE, sizeof (McPurchasesFilter));
  g_array_set_clear_func (self->filters, filter_clear);
  self->not_expressible = g_ptr_array_new_with_free_func (g_free);
  self->returns = g_strdup (mc_model_get_value (model, MC_MODEL_RETURNS));
  if ((statuses = mc_model_get_value (model, MC_MODEL_EXCLUDED_STATUS)) != NULL)
    self->excluded_statuses = g_strsplit (statuses, "|", -1);
  add_chosen_fields (self, model, dataset);
  add_list_price (self, model, dataset);
  add_purchase_event (self, model);
  if (!add_amount (self, model, dataset, error))
    return NULL;
  return g_steal_pointer (&self);
}

gboolean
mc_purchases_query_add_filter (McPurchasesQuery   *self,
                               McPurchasesField    field,
                               McFilterOp          op,
                               const char * const *values)
{
  McPurchasesFilter filter = { field, op, NULL };

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (field < MC_PURCHASES_N_FIELDS, FALSE);

  if (self->fields[field] == NULL)
    return FALSE;
  filter.values = g_strdupv ((char **) values);
  g_array_append_val (self->filters, filter);
  return TRUE;
}

/* The fields whose column has ROLE in the purchases table
 * (mc-model-purchases.c gives the chosen columns these roles). */
static const struct { McRole role; McPurchasesField field; } role_fields[] = {
  { MC_ROLE_ORDER_ID, MC_PURCHASES_ORDER },
  { MC_ROLE_CUSTOMER_ID, MC_PURCHASES_CUSTOMER },
  { MC_ROLE_EVENT_TIME, MC_PURCHASES_TIME },
  { MC_ROLE_CHANNEL, MC_PURCHASES_CHANNEL },
  { MC_ROLE_CATEGORY, MC_PURCHASES_PRODUCT_TYPE },
  { MC_ROLE_STATUS, MC_PURCHASES_STATUS },
  { MC_ROLE_CURRENCY, MC_PURCHASES_CURRENCY },
};

/* A month, "2023-05", as the days from its first to the next month's
 * first: a range the server compares its dates and times with. */
static gboolean
add_month (McPurchasesQuery *self,
           const char       *month)
{
  int year, number;
  char end;
  g_autofree char *first = NULL;
  g_autofree char *next = NULL;

  if (sscanf (month, "%d-%d%c", &year, &number, &end) != 2 || number < 1 || number > 12)
    return FALSE;
  first = g_strdup_printf ("%04d-%02d-01", year, number);
  next = g_strdup_printf ("%04d-%02d-01", number == 12 ? year + 1 : year, number % 12 + 1);
  return mc_purchases_query_add_filter (self, MC_PURCHASES_TIME, MC_FILTER_GREATER_EQUAL,
                                        (const char *[]) { first, NULL })
         && mc_purchases_query_add_filter (self, MC_PURCHASES_TIME, MC_FILTER_LESS, (const char *[]) { next, NULL });
}

static gboolean
add_condition (McPurchasesQuery *self,
               McRole            role,
               McTimeBucket      bucket,
               const char       *value)
{
  for (guint i = 0; i < G_N_ELEMENTS (role_fields); i++)
    {
      if (role_fields[i].role != role)
        continue;
      if (role_fields[i].field == MC_PURCHASES_TIME)
        return bucket == MC_BUCKET_MONTH && add_month (self, value);
      return bucket == MC_BUCKET_NONE
             && mc_purchases_query_add_filter (self, role_fields[i].field, MC_FILTER_EQUALS,
                                               (const char *[]) { value, NULL });
    }
  return FALSE;
}

gboolean
mc_purchases_query_add_condition (McPurchasesQuery *self,
                                  McRole            role,
                                  McTimeBucket      bucket,
                                  const char       *value)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (add_condition (self, role, bucket, value))
    return TRUE;
  if (role == MC_ROLE_SEGMENT)
    /* Translators: %s is a segment's name. */
    g_ptr_array_add (self->not_expressible,
                     g_strdup_printf (_("the segment %s is a set of customers held in memory"), value));
  else
    /* Translators: the first %s is a role ("channel", "event_time"), the second a value ("Monday", "Website"). */
    g_ptr_array_add (self->not_expressible,
                     g_strdup_printf (_("the filter %s = %s is not one the server's purchases can say"),
                                      mc_role_to_string (role), value));
  return FALSE;
}

gboolean
mc_purchases_query_add_conditions (McPurchasesQuery *self,
                                   GPtrArray        *conditions)
{
  gboolean all = TRUE;

  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < conditions->len; i++)
    {
      const McPurchasesCondition *condition = g_ptr_array_index (conditions, i);

      all = mc_purchases_query_add_condition (self, condition->role, condition->bucket, condition->value) && all;
    }
  return all;
}

McPurchasesCondition *
mc_purchases_condition_new (McRole        role,
                            McTimeBucket  bucket,
                            const char   *value)
{
  McPurchasesCondition *condition = g_new0 (McPurchasesCondition, 1);

  *condition = (McPurchasesCondition) { role, bucket, g_strdup (value) };
  return condition;
}

void
mc_purchases_condition_free (gpointer data)
{
  McPurchasesCondition *condition = data;

  if (condition == NULL)
    return;
  g_free (condition->value);
  g_free (condition);
}
