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

  /* The reading of the data every figure comes from: the model, which
   * model/ makes and attaches (mc_model_for_dataset()); the dataset only
   * keeps it, with the relations from its table of purchases. A copy
   * (filtered rows) keeps the original's model, or the original itself
   * while that has none yet, so that its own makes the same choices. */
  GObject    *model;
  GArray     *model_relations;  /* McRelation from the model's purchases */
  GError     *model_error;
  GHashTable *model_settings;   /* key name → value, the user's */
  GObject    *model_like;
  McDataset  *original;
};

void          _mc_dataset_forget_model    (McDataset      *self);

G_END_DECLS
