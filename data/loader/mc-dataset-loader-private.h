/* mc-dataset-loader-private.h: what the tests see of the loader
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-dataset-loader.h"

G_BEGIN_DECLS

/* mc_dataset_loader_load(), with every report the loader receives also
 * given to PROGRESS as it comes, before it is coalesced. */
McDataset    *_mc_dataset_loader_load_observed (McDatasetLoader  *self,
                                                McProgressFunc    progress,
                                                gpointer          user_data,
                                                GCancellable     *cancellable,
                                                GError          **error);

G_END_DECLS
