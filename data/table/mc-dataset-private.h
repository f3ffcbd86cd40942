/* mc-dataset-private.h: what mc-dataset.c and mc-dataset-keys.c share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-dataset.h"
#include "mc-key-set.h"

G_BEGIN_DECLS

struct _McDataset
{
  GObject    parent_instance;

  GPtrArray *tables;      /* McTable */
  GArray    *relations;   /* McRelation */
  GArray    *found;       /* the relations before the user's refers.* settings; NULL until some apply */
  GPtrArray *skipped;     /* "path: why", files of its folders not read */

  /* What the source declares (a database's catalogue), kept by
   * mc_dataset_infer() in place of what it would infer. */
  GHashTable *declared_keys;        /* McTable → GINT_TO_POINTER (column + 1) */
  GArray     *declared_relations;   /* McRelation */

  /* The reading of the data every figure comes from (mc-model.h), made
   * once from the user's settings, or, for a dataset derived from
   * another (filtered rows), with the choices of the other's model. */
  McModel    *model;
  GHashTable *model_settings;   /* key name → value, the user's */
  McModel    *model_like;
  GError     *model_error;
};

void          _mc_dataset_forget_model    (McDataset      *self);
/* Share of FROM's non-missing values among the first LIMIT rows (all
 * when 0) that KEYS holds; UNMATCHED receives how many it does not. */
double        _mc_dataset_match_rate      (McColumn       *from,
                                           const McKeySet *keys,
                                           gsize           limit,
                                           gsize          *unmatched);

G_END_DECLS
