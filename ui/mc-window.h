/* mc-window.h: Mercato's main window
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mc-dataset.h"
#include "mc-overview-page.h"
#include "mc-quality-page.h"
#include "mc-segments-page.h"

G_BEGIN_DECLS

#define MC_TYPE_WINDOW (mc_window_get_type ())

G_DECLARE_FINAL_TYPE (McWindow, mc_window, MC, WINDOW, AdwApplicationWindow)

McWindow     *mc_window_new               (AdwApplication *application);
void          mc_window_open_paths        (McWindow      *self,
                                           const char * const *paths);
void          mc_window_open_files        (McWindow      *self,
                                           GFile        **files,
                                           guint          n_files);
void          mc_window_choose            (McWindow      *self,
                                           gboolean       folder);
void          mc_window_cancel_load       (McWindow      *self);
McDataset    *mc_window_get_dataset       (McWindow      *self);
gboolean      mc_window_get_loading       (McWindow      *self);
void          mc_window_show_row          (McWindow      *self,
                                           const char    *table,
                                           guint          line);
void          mc_window_apply_recipe      (McWindow      *self);
void          mc_window_undo_cleaning     (McWindow      *self);
void          mc_window_redo_cleaning     (McWindow      *self);
void          mc_window_open_recipe       (McWindow      *self,
                                           const char    *path);
void          mc_window_save_cleaned_copy (McWindow      *self,
                                           const char    *folder);

void          mc_window_clear_filter      (McWindow           *self);
void          mc_window_export_report     (McWindow           *self,
                                           const char         *path);
void          mc_window_set_model_settings (McWindow          *self,
                                           GHashTable         *settings);

G_END_DECLS
