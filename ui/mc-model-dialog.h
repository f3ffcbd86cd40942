/* mc-model-dialog.h: "How the figures are computed", to read and correct
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mc-dataset.h"

G_BEGIN_DECLS

#define MC_TYPE_MODEL_DIALOG (mc_model_dialog_get_type ())

G_DECLARE_FINAL_TYPE (McModelDialog, mc_model_dialog, MC, MODEL_DIALOG, AdwPreferencesWindow)

McModelDialog *mc_model_dialog_new        (GtkWindow     *parent,
                                           McDataset     *dataset);
void          mc_model_dialog_set_dataset (McModelDialog *self,
                                           McDataset     *dataset);
void          mc_model_dialog_set_busy    (McModelDialog *self,
                                           gboolean       busy);
/* For tests: whether the dialog says the figures are being worked out. */
gboolean      _mc_model_dialog_get_busy   (McModelDialog *self);

G_END_DECLS
