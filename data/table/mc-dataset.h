/* mc-dataset.h: a set of tables with their keys, relations and roles
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mc-table.h"

G_BEGIN_DECLS

typedef struct
{
  McTable *from_table;   /* borrowed from the dataset */
  guint    from_column;
  McTable *to_table;
  guint    to_column;    /* the referenced table's primary key */
  double   match_rate;   /* share of non-missing from values found in to */
  gsize    n_unmatched;  /* non-missing from values not found */
} McRelation;

#define MC_TYPE_DATASET (mc_dataset_get_type ())

G_DECLARE_FINAL_TYPE (McDataset, mc_dataset, MC, DATASET, GObject)

/* Datasets are read from files and databases by mc-dataset-loader.h. */
McDataset    *mc_dataset_new              (void);
const GPtrArray *mc_dataset_get_skipped   (McDataset    *self);
void          mc_dataset_add_skipped      (McDataset    *self,
                                           const char   *note);
void          mc_dataset_add_table        (McDataset    *self,
                                           McTable      *table);
void          mc_dataset_declare_primary_key (McDataset *self,
                                           McTable      *table,
                                           guint         column);
void          mc_dataset_declare_relation (McDataset    *self,
                                           McTable      *from_table,
                                           guint         from_column,
                                           McTable      *to_table,
                                           guint         to_column);
guint         mc_dataset_get_n_tables     (McDataset    *self);
McTable      *mc_dataset_get_table        (McDataset    *self,
                                           guint         index);
McTable      *mc_dataset_lookup_table     (McDataset    *self,
                                           const char   *name);
/* Detects primary keys, foreign keys and column roles. Roles that were
 * overridden with mc_table_set_role() are kept. */
void          mc_dataset_infer            (McDataset    *self);
/* The first part of mc_dataset_infer(), for a loader that names it: keys,
 * roles and relations, checking CANCELLABLE between columns. */
gboolean      mc_dataset_infer_relations  (McDataset    *self,
                                           GCancellable *cancellable,
                                           GError      **error);
guint         mc_dataset_get_n_relations  (McDataset    *self);
const McRelation *mc_dataset_get_relation (McDataset    *self,
                                           guint         index);
/* The model (model/mc-model.h) attaches itself: table/ keeps it and
 * knows nothing of it. mc_model_for_dataset() is how to ask for it. */
void          mc_dataset_attach_model     (McDataset    *self,
                                           GObject      *model,
                                           GArray       *relations,
                                           GHashTable   *settings,
                                           const GError *error);
GObject      *mc_dataset_get_attached_model (McDataset  *self,
                                           const GError **error,
                                           GObject     **like,
                                           McDataset   **original);
GHashTable   *mc_dataset_get_model_settings (McDataset  *self);
gboolean      mc_dataset_set_relation_settings (McDataset *self,
                                           GHashTable   *settings,
                                           GArray      **before,
                                           GError      **error);
void          mc_dataset_restore_relations (McDataset   *self,
                                           GArray       *relations);
McDataset    *mc_dataset_new_replacing    (McDataset    *self,
                                           McTable     **tables);
McDataset    *mc_dataset_new_with_rows    (McDataset    *self,
                                           McTable      *table,
                                           const gsize  *rows,
                                           gsize         n);
McDataset    *mc_dataset_new_taking_part  (McDataset    *self,
                                           McDataset    *whole);
const McRelation *mc_dataset_get_relation_from (McDataset *self,
                                           McTable      *table,
                                           guint         nth);
/* The first column with ROLE, looking at tables in order; TABLE_OUT
 * receives its table. NULL when no column has the role. */
McColumn     *mc_dataset_find_role        (McDataset    *self,
                                           McRole        role,
                                           McTable     **table_out);

G_END_DECLS
