/* mc-chart-view-private.h: what the chart view's files share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-chart-view.h"

G_BEGIN_DECLS

/* mc-chart-view-export.c: the "chart.save", "chart.copy" and
 * "chart.show-table" actions. */
void  _mc_chart_view_class_export_init  (GtkWidgetClass  *widget_class);

G_END_DECLS
