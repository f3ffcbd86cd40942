/* mc-chart-text.h: the charts' type, for pages drawn around charts
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The PDF report writes its paragraphs with the layout the charts use,
 * so text and charts match on the page.
 */
#pragma once

#include <pango/pangocairo.h>

G_BEGIN_DECLS

#define MC_CHART_FONT "Sans"
#define MC_CHART_TEXT_SIZE 8.5

/* TEXT at SIZE points, metrics independent of the device (the same on
 * screen and in a PDF). */
PangoLayout *mc_chart_layout        (cairo_t        *cr,
                                     const char     *text,
                                     double          size,
                                     gboolean        bold);

G_END_DECLS
