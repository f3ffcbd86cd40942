/* mc-overview-page.h: the dataset's key figures at a glance
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mc-metrics.h"
#include "mc-model.h"
#include "mc-sessions.h"
#include "mc-platforms.h"
#include "mc-standard-charts.h"

G_BEGIN_DECLS

#define MC_TYPE_OVERVIEW_PAGE (mc_overview_page_get_type ())

G_DECLARE_FINAL_TYPE (McOverviewPage, mc_overview_page, MC, OVERVIEW_PAGE, AdwBin)

/* All may be NULL: a dataset without purchases, or without platforms.
 * CHARTS must live as long as the page shows them. */
void          mc_overview_page_show       (McOverviewPage     *self,
                                           McMetrics          *metrics,
                                           McPlatformAnalysis *platforms,
                                           McChartData        *charts);
/* Says what the figures and charts are filtered by ("Website ·
 * Electric"), or that they are not (NULL). */
void          mc_overview_page_show_filtered (McOverviewPage  *self,
                                           McMetrics          *metrics,
                                           McPlatformAnalysis *platforms,
                                           McChartData        *charts,
                                           McChartData        *whole,
                                           const char         *description);
void          mc_overview_page_set_filter (McOverviewPage     *self,
                                           const char         *description);
void          mc_overview_page_set_busy   (McOverviewPage     *self,
                                           const char         *description);
gboolean      mc_overview_page_get_busy   (McOverviewPage     *self);
gboolean      mc_overview_page_focus_content (McOverviewPage *self);
void          mc_overview_page_forget_selection (McOverviewPage *self);
void          mc_overview_page_scroll_to_top (McOverviewPage  *self);
double        mc_overview_page_get_scroll (McOverviewPage     *self);
GtkScrolledWindow *mc_overview_page_get_scroller (McOverviewPage *self);
/* The chart views shown, in order. */
GList        *mc_overview_page_get_charts (McOverviewPage     *self);

void          mc_overview_page_show_sessions (McOverviewPage   *self,
                                           const McSessions   *sessions);
/* The model the figures come from: its caveats and a way to correct it. */
void          mc_overview_page_set_model  (McOverviewPage     *self,
                                           McModel            *model);

G_END_DECLS
