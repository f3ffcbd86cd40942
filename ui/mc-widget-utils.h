/* mc-widget-utils.h: small helpers the widgets share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "mc-chart.h"

G_BEGIN_DECLS

void          mc_widget_remove_all        (GtkWidget    *container);
char         *mc_format_count             (gsize         count);
GtkWidget    *mc_chart_card_new           (McChart      *chart,
                                           GtkWidget   **view);

G_END_DECLS
