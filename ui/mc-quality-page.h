/* mc-quality-page.h: what is wrong with the dataset, and the recipe to fix it
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mc-checks.h"
#include "mc-cleaning.h"

G_BEGIN_DECLS

#define MC_TYPE_QUALITY_PAGE (mc_quality_page_get_type ())

G_DECLARE_FINAL_TYPE (McQualityPage, mc_quality_page, MC, QUALITY_PAGE, AdwBin)

void          mc_quality_page_show        (McQualityPage *self,
                                           McDataset     *dataset,
                                           GPtrArray     *findings);
guint         mc_quality_page_get_n_findings (McQualityPage *self);
gboolean      mc_quality_page_add_fix     (McQualityPage *self,
                                           guint          finding);
GPtrArray    *mc_quality_page_get_recipe  (McQualityPage *self);
void          mc_quality_page_set_can_undo (McQualityPage *self,
                                           gboolean       can_undo);
void          mc_quality_page_set_last_log (McQualityPage *self,
                                           GPtrArray     *log);

G_END_DECLS
