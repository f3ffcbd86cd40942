/* mc-widget-utils.h: small helpers the widgets share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "mc-chart.h"
#include "mc-format.h"

G_BEGIN_DECLS

void          mc_widget_remove_all        (GtkWidget    *container);
GtkWidget    *mc_chart_card_new           (McChart      *chart,
                                           GtkWidget   **view);
GtkWidget    *mc_chart_card_get_view      (GtkWidget    *card);
void          mc_chart_card_set_note      (GtkWidget    *card,
                                           const char   *note);

/* Lists of a table's columns or features show this many: a file of
 * 50,000 columns would otherwise make as many widgets (and GB). */
#define MC_MAX_LISTED 200

/* "49,800 more columns are not listed here", for the end of a list. */
GtkWidget    *mc_not_listed_row_new       (gsize         n_more,
                                           const char   *what_lists_them);

G_END_DECLS
