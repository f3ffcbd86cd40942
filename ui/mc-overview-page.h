/* mc-overview-page.h: the dataset's key figures at a glance
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mc-metrics.h"
#include "mc-platforms.h"

G_BEGIN_DECLS

#define MC_TYPE_OVERVIEW_PAGE (mc_overview_page_get_type ())

G_DECLARE_FINAL_TYPE (McOverviewPage, mc_overview_page, MC, OVERVIEW_PAGE, AdwBin)

/* Both may be NULL: a dataset without purchases, or without platforms. */
void          mc_overview_page_show       (McOverviewPage     *self,
                                           McMetrics          *metrics,
                                           McPlatformAnalysis *platforms);

G_END_DECLS
