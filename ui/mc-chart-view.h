/* mc-chart-view.h: a chart on screen, to hover, click, zoom and export
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "mc-chart.h"

G_BEGIN_DECLS

#define MC_TYPE_CHART_VIEW (mc_chart_view_get_type ())

G_DECLARE_FINAL_TYPE (McChartView, mc_chart_view, MC, CHART_VIEW, GtkWidget)

GtkWidget    *mc_chart_view_new           (McChart      *chart);
McChart      *mc_chart_view_get_chart     (McChartView  *self);
void          mc_chart_view_set_chart     (McChartView  *self,
                                           McChart      *chart);
/* The mark the keyboard is on (−1: none), and moving it. */
int           mc_chart_view_get_focus_mark (McChartView *self);
gboolean      mc_chart_view_move_focus    (McChartView  *self,
                                           int           step);
/* Renders the chart as it is on screen to a PNG texture, for the
 * clipboard. */
GdkTexture   *mc_chart_view_to_texture    (McChartView  *self);
GMenuModel   *mc_chart_view_get_menu_model (void);
void          mc_chart_view_set_highlight (McChartView  *self,
                                           int           series,
                                           int           index,
                                           int           row);
gboolean      mc_chart_view_get_highlight (McChartView  *self,
                                           int          *series,
                                           int          *index,
                                           int          *row);
void          mc_chart_view_set_export_note (McChartView *self,
                                           const char   *note);
const char   *mc_chart_view_get_export_note (McChartView *self);

/* Saves the chart (.png, .svg, .pdf) or its data (.csv, .xlsx) to PATH,
 * never over a file of the window's data: what the save dialog does. */
gboolean      mc_chart_view_save          (McChartView  *self,
                                           const char   *path,
                                           GError      **error);

G_END_DECLS
