/* mc-overview-page.h: the dataset's key figures at a glance
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mc-metrics.h"
#include "mc-model.h"
#include "mc-sessions.h"
#include "mc-platforms.h"
#include "mc-session.h"
#include "mc-standard-charts.h"

G_BEGIN_DECLS

#define MC_TYPE_OVERVIEW_PAGE (mc_overview_page_get_type ())

G_DECLARE_FINAL_TYPE (McOverviewPage, mc_overview_page, MC, OVERVIEW_PAGE, AdwBin)

McSession    *mc_overview_page_get_session (McOverviewPage    *self);
void          mc_overview_page_set_session (McOverviewPage    *self,
                                            McSession         *session);
gboolean      mc_overview_page_focus_content (McOverviewPage *self);
void          mc_overview_page_scroll_to_top (McOverviewPage  *self);
/* The chart views shown, in order. */
GList        *mc_overview_page_get_charts (McOverviewPage     *self);

G_END_DECLS
