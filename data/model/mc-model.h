/* mc-model.h: the one reading of a dataset that every figure comes from
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Roles guessed from names are not enough: real exports put the amount on
 * order lines or split it (quantity × unit price), key the customer per
 * order while the person is elsewhere, keep the product type behind a
 * translation table, and mark credit notes and cancelled orders in ways
 * of their own. The model says, once per dataset, which rows are
 * purchases and which columns are their amount, order, customer, time,
 * channel, product type…, each choice with its reason, a confidence and
 * the alternatives, and it makes the one table of purchases that every
 * analysis reads (docs/model.md).
 */
#pragma once

#include <gio/gio.h>

#include "mc-types.h"

G_BEGIN_DECLS

/* The choices, in the order they are made (later ones depend on the
 * purchases table). mc_model_key_to_string() gives the names used by
 * --set KEY=VALUE, model files and the JSON. */
typedef enum
{
  MC_MODEL_PURCHASES,        /* the table whose rows are purchase lines */
  MC_MODEL_PURCHASE_EVENTS,  /* "event_type=purchase": the rows that are purchases in an event log */
  MC_MODEL_AMOUNT,           /* an expression: "price", "Quantity*UnitPrice", "price+freight_value" */
  MC_MODEL_ORDER,            /* table.column */
  MC_MODEL_CUSTOMER,         /* the person, table.column */
  MC_MODEL_TIME,
  MC_MODEL_CHANNEL,
  MC_MODEL_PRODUCT,
  MC_MODEL_PRODUCT_TYPE,
  MC_MODEL_QUANTITY,
  MC_MODEL_RATING,
  MC_MODEL_STATUS,
  MC_MODEL_EXCLUDED_STATUS,  /* status values, separated by "|" */
  MC_MODEL_RETURNS,          /* "negative quantity", "negative amount", "order prefix C" */
  MC_MODEL_CURRENCY,         /* table.column, or a currency code the user gave */
  MC_MODEL_VISITS,           /* the table of visits or events */
  MC_MODEL_CONVERTED,        /* a yes/no column of the visits: the session bought (web-analytics exports) */
  MC_MODEL_N_KEYS
} McModelKey;

typedef struct
{
  char      *value;          /* NULL: the data has no such thing */
  char      *reason;         /* plain words: why this value */
  double     confidence;     /* 0 … 1 */
  GPtrArray *alternatives;   /* char *: other values considered */
  gboolean   set_by_user;
} McModelChoice;

#define MC_MODEL_ERROR (mc_model_error_quark ())

typedef enum
{
  MC_MODEL_ERROR_UNKNOWN_KEY,
  MC_MODEL_ERROR_BAD_VALUE,
  MC_MODEL_ERROR_BAD_FILE,
} McModelError;

#define MC_TYPE_MODEL (mc_model_get_type ())

G_DECLARE_FINAL_TYPE (McModel, mc_model, MC, MODEL, GObject)

GQuark        mc_model_error_quark        (void);
const char   *mc_model_key_to_string      (McModelKey    key);

/* Infers every choice for DATASET, taking OVERRIDES (key name → value,
 * may be NULL) as the user's; fails when an override names a column or
 * table the dataset does not have. */
McModel      *mc_model_infer              (McDataset    *dataset,
                                           GHashTable   *overrides,
                                           GCancellable *cancellable,
                                           GError      **error);
/* A model for DATASET that makes LIKE's choices (DATASET is LIKE's with
 * other rows): filters keep the reading of the whole data. */
McModel      *mc_model_new_like           (McModel      *like,
                                           McDataset    *dataset,
                                           GError      **error);
const McModelChoice *mc_model_get_choice  (McModel      *self,
                                           McModelKey    key);
const char   *mc_model_get_value          (McModel      *self,
                                           McModelKey    key);
/* Sentences about what the figures cannot say or had to guess. */
const GPtrArray *mc_model_get_warnings    (McModel      *self);
void          mc_model_add_warning        (McModel      *self,
                                           const char   *warning);
/* The table of purchases the analyses read (mc-model-purchases.c), with
 * the relations from it; NULL when the dataset has no purchases. */
McTable      *mc_model_get_purchases      (McModel      *self);
GArray       *mc_model_get_purchase_relations (McModel  *self);
McTable      *mc_model_get_source         (McModel      *self);
/* The choices the user made, as key name → value (a new table). */
GHashTable   *mc_model_dup_overrides      (McModel      *self);

/* --set KEY=VALUE and model files (INI with a [model] group, or the JSON
 * of mercato-cli model, read by the CLI). */
gboolean      mc_model_parse_setting      (GHashTable   *overrides,
                                           const char   *setting,
                                           GError      **error);
gboolean      mc_model_load_keyfile       (GHashTable   *overrides,
                                           const char   *path,
                                           GError      **error);
gboolean      mc_model_save_keyfile       (McModel      *self,
                                           const char   *path,
                                           gboolean      only_user,
                                           GError      **error);
GHashTable   *mc_model_overrides_new      (void);
gboolean      mc_model_is_relation_setting (const char  *name);

/* mc-model-dataset.c: the model a dataset keeps, made once. */
McModel      *mc_model_for_dataset        (McDataset    *dataset);
gboolean      mc_model_set_dataset_settings (McDataset  *dataset,
                                           GHashTable   *settings,
                                           GError      **error);
gboolean      mc_model_infer_for_dataset  (McDataset    *dataset,
                                           GHashTable   *settings,
                                           GCancellable *cancellable,
                                           GError      **error);
McTable      *mc_model_find_purchases     (McDataset    *dataset);
McTable      *mc_model_find_visits        (McDataset    *dataset,
                                           McColumn    **start);

G_END_DECLS
