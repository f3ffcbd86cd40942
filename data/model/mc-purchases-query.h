/* mc-purchases-query.h: the model's purchases as a description other executors compile
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The column store makes the purchases table from the model's choices
 * (mc-model-purchases.c). A database computes the same purchases where
 * the data is, from this description of them, made from the same
 * choices: the table whose rows they are, each field as a column of it
 * or of a table it refers to (with the relations that lead there), the
 * amount expression, the statuses and events that bring no money, the
 * returns rule, and the filters the user set. What the model does that
 * a description cannot say (a value written on an order's first line
 * only, reviews averaged per order) is listed, so that an executor
 * falls back to the column store and says why.
 */
#pragma once

#include "mc-dataset.h"
#include "mc-query.h"

G_BEGIN_DECLS

typedef enum
{
  MC_PURCHASES_ORDER,
  MC_PURCHASES_CUSTOMER,
  MC_PURCHASES_TIME,
  MC_PURCHASES_CHANNEL,
  MC_PURCHASES_PRODUCT_TYPE,
  MC_PURCHASES_QUANTITY,
  MC_PURCHASES_RATING,
  MC_PURCHASES_STATUS,
  MC_PURCHASES_CURRENCY,
  MC_PURCHASES_LIST_PRICE,    /* of what was bought, in a table the purchases refer to */
  MC_PURCHASES_EVENT_TYPE,    /* in an event log: only PURCHASE_EVENT rows are purchases */
  MC_PURCHASES_N_FIELDS
} McPurchasesField;

/* A column of the source or of a table it refers to, many to one,
 * through PATH (const McRelation *, from the source; empty for its own). */
typedef struct
{
  McTable  *table;
  McColumn *column;
  GArray   *path;
} McPurchasesColumn;

typedef struct
{
  const McPurchasesColumn *column;   /* NULL: NUMBER */
  double                   number;
} McPurchasesFactor;

/* Terms are added; a term is SIGN × its factors. */
typedef struct
{
  double  sign;
  GArray *factors;                   /* McPurchasesFactor */
} McPurchasesTerm;

/* VALUES as McFilter's: text read as the field's type. */
typedef struct
{
  McPurchasesField  field;
  McFilterOp        op;
  GStrv             values;
} McPurchasesFilter;

/* What a chart's mark stands for: "platform is Website", "month is
 * 2023-05" (McChartCondition, ui/dashboard/mc-standard-charts.h). */
typedef struct
{
  McRole        role;      /* of the column, in the purchases or a table they refer to */
  McTimeBucket  bucket;    /* for times */
  char         *value;     /* as the chart labels it */
} McPurchasesCondition;

/* VALUE copied. */
McPurchasesCondition *mc_purchases_condition_new (McRole        role,
                                                  McTimeBucket  bucket,
                                                  const char   *value);
void          mc_purchases_condition_free    (gpointer            condition);

typedef struct
{
  McTable           *source;                        /* the table the purchases are rows of */
  McPurchasesColumn *fields[MC_PURCHASES_N_FIELDS]; /* NULL: the model has none */
  GPtrArray         *amount_columns;                /* McPurchasesColumn *: the factors' columns */
  GArray            *amount;                        /* McPurchasesTerm */
  GStrv              excluded_statuses;             /* NULL: none excluded */
  char              *purchase_event;                /* the EVENT_TYPE value of purchases */
  char              *returns;                       /* the model's rule: "negative quantity", "negative amount", "order prefix C" */
  char              *currency_code;                 /* a currency the user named for all purchases */
  GArray            *filters;                       /* McPurchasesFilter, all of them must hold */
  GPtrArray         *not_expressible;               /* char *: what only the column store does, in words */
} McPurchasesQuery;

/* The purchases DATASET's model reads; NULL (and ERROR) when the model
 * has no purchases or no amount. */
McPurchasesQuery *mc_purchases_query_new     (McDataset          *dataset,
                                              GError            **error);
void          mc_purchases_query_free        (McPurchasesQuery   *self);
/* Keeps only the purchases whose FIELD passes OP with VALUES (a
 * cross-filter); FALSE when the model has no such field. */
gboolean      mc_purchases_query_add_filter  (McPurchasesQuery   *self,
                                              McPurchasesField    field,
                                              McFilterOp          op,
                                              const char * const *values);
/* Keeps only the purchases a chart's mark stands for: those whose
 * column with ROLE (counted by BUCKET, for times) is VALUE, as the
 * chart labels it ("Website", "2023-05"). A condition SQL cannot say
 * (a weekday, an hour, a segment: a set of customers held in memory, a
 * column the purchases have no field for) is added to not_expressible,
 * so the figures are computed in memory and say why; FALSE then. */
gboolean      mc_purchases_query_add_condition (McPurchasesQuery *self,
                                              McRole              role,
                                              McTimeBucket        bucket,
                                              const char         *value);
/* Each of CONDITIONS (McPurchasesCondition *), as
 * mc_purchases_query_add_condition(); FALSE when one cannot be said. */
gboolean      mc_purchases_query_add_conditions (McPurchasesQuery *self,
                                              GPtrArray          *conditions);
/* "channel", "product_type": the model's names of the fields. */
const char   *mc_purchases_field_to_string   (McPurchasesField    field);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McPurchasesQuery, mc_purchases_query_free)

G_END_DECLS
