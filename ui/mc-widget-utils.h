/* mc-widget-utils.h: small helpers the widgets share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void          mc_widget_remove_all        (GtkWidget    *container);

G_END_DECLS
