/* mc-quality-page.h: what is wrong with the dataset, and the recipe to fix it
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mc-checks.h"
#include "mc-cleaning.h"
#include "mc-session.h"

G_BEGIN_DECLS

#define MC_TYPE_QUALITY_PAGE (mc_quality_page_get_type ())

G_DECLARE_FINAL_TYPE (McQualityPage, mc_quality_page, MC, QUALITY_PAGE, AdwBin)

McSession    *mc_quality_page_get_session (McQualityPage *self);
void          mc_quality_page_set_session (McQualityPage *self,
                                           McSession     *session);
/* The steps not applied yet. */
GPtrArray    *mc_quality_page_get_recipe  (McQualityPage *self);
void          mc_quality_page_set_recipe  (McQualityPage *self,
                                           GPtrArray     *recipe);
void          mc_quality_page_apply       (McQualityPage *self);

G_END_DECLS
