/* mc-overview-page-private.h: what the Overview's files share
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mc-overview-page.c has the charts, the filter and the scroll position;
 * mc-overview-page-figures.c the tiles, the metrics and the sessions.
 */
#pragma once

#include "mc-overview-page.h"
#include "mc-session.h"

G_BEGIN_DECLS

struct _McOverviewPage
{
  AdwBin                parent_instance;

  McSession            *session;
  McDataset            *dataset;      /* whose figures are shown, unfiltered or not */
  guint                 filter_busy_source; /* shows the busy sign if the filter takes long */
  gboolean              asked_filter; /* the filter coming is a mark's of this page */

  GtkStack             *stack;
  GtkFlowBox           *kpi_box;
  GtkImage             *model_icon;
  GtkLabel             *model_label;
  GPtrArray            *figure_warnings;   /* char *: the shown metrics' own */
  GtkFlowBox           *chart_box;
  GtkBox               *filter_bar;
  GtkLabel             *filter_label;
  GtkSpinner           *filter_spinner;
  GtkScrolledWindow    *scroller;
  McChartData          *charts;       /* borrowed: what the charts were built from */
  McChartData          *whole;        /* borrowed: the unfiltered ones, under a filter */
  char                 *filter_text;  /* what the figures shown are filtered to, or NULL */

  /* The chart whose mark set the filter: shown whole, the mark highlighted. */
  char                 *source_name;
  int                   source_series;
  int                   source_index;
  int                   source_row;

  double                kept_scroll;  /* to restore once the page is laid out again; −1: none */
  char                 *anchor_name;  /* the chart that stays where it was on screen, or NULL */
  double                anchor_y;     /* its top in the page before */
  guint                 anchor_frames;
  guint                 anchor_still;   /* frames it has been where it was */
  guint                 anchor_tick;
  AdwPreferencesGroup  *metrics_group;
  AdwPreferencesGroup  *findings_group;
  AdwPreferencesGroup  *platforms_group;

  GPtrArray            *group_rows;   /* rows added to the three groups */
  GPtrArray            *stale_rows;   /* the last showing's, while the next one is added */
  guint                 stale_next;   /* the next of them to take again */
  char                 *currency;     /* of the figures shown, or NULL */
};

void  _mc_overview_page_clear (McOverviewPage      *self);
/* Clears the tiles; the groups' rows stay, to be taken again by the
 * rows added next where they are the same, until
 * _mc_overview_page_drop_stale_rows() removes those not taken (the
 * charts' cards are taken again likewise by show_charts()). */
void  _mc_overview_page_clear_keeping_rows (McOverviewPage *self);
void  _mc_overview_page_drop_stale_rows (McOverviewPage      *self);
void  _mc_overview_page_add_sales_tiles (McOverviewPage      *self,
                                         McMetrics           *metrics);
void  _mc_overview_page_add_visit_tiles (McOverviewPage      *self,
                                         McMetrics           *metrics);
void  _mc_overview_page_list_metrics (McOverviewPage      *self,
                                      McMetrics           *metrics);
void  _mc_overview_page_show_platforms (McOverviewPage      *self,
                                        McPlatformAnalysis  *platforms);
void  _mc_overview_page_show_sessions (McOverviewPage      *self,
                                       const McSessions    *sessions);

/* For the page's own files and the tests. */
/* Figures given rather than the session's. All may be NULL: a dataset
 * without purchases, or without platforms. CHARTS must live as long as
 * the page shows them. */
void          mc_overview_page_show       (McOverviewPage     *self,
                                           McMetrics          *metrics,
                                           McPlatformAnalysis *platforms,
                                           McChartData        *charts);
gboolean      mc_overview_page_get_busy   (McOverviewPage     *self);
GtkScrolledWindow *mc_overview_page_get_scroller (McOverviewPage *self);

G_END_DECLS
