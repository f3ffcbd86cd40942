/* mc-model-store.h: the user's corrections of a dataset's model, kept
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-dataset.h"
#include "mc-model.h"

G_BEGIN_DECLS

char         *mc_model_store_path         (McDataset    *dataset);
GHashTable   *mc_model_store_load         (McDataset    *dataset);
gboolean      mc_model_store_save         (McDataset    *dataset,
                                           GError      **error);

G_END_DECLS
