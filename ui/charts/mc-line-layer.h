/* mc-line-layer.h: what the area layer takes from the line layer
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-chart-layer.h"

G_BEGIN_DECLS

/* Each visible series as a line (FILLED: over a shaded area down to
 * zero), its moving average dashed, its points kept as marks. */
void  mc_line_layer_draw_series  (McChart       *self,
                                  cairo_t       *cr,
                                  const McPlot  *plot,
                                  gboolean       filled);

G_END_DECLS
