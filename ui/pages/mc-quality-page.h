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
void          mc_quality_page_show_cleaned (McQualityPage *self,
                                           McDataset     *dataset,
                                           GPtrArray     *findings,
                                           GPtrArray     *applied,
                                           GPtrArray     *log);
guint         mc_quality_page_get_n_findings (McQualityPage *self);
gboolean      mc_quality_page_add_fix     (McQualityPage *self,
                                           guint          finding);
gboolean      mc_quality_page_add_choice  (McQualityPage *self,
                                           guint          finding,
                                           guint          choice);
const char   *mc_quality_page_get_fix_state (McQualityPage *self,
                                           guint          finding);
GPtrArray    *mc_quality_page_get_recipe  (McQualityPage *self);
void          mc_quality_page_set_recipe  (McQualityPage *self,
                                           GPtrArray     *recipe);
GPtrArray    *mc_quality_page_get_applied (McQualityPage *self);
McFinding    *mc_quality_page_get_finding (McQualityPage *self,
                                           guint          finding);

G_END_DECLS
