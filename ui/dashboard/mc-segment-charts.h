/* mc-segment-charts.h: the Segments page's charts
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-chart.h"
#include "mc-segments.h"

G_BEGIN_DECLS

/* Over the numbers of segments compared (SCORES, McKScore): how alike
 * customers are within segments (inertia), how far apart segments
 * stand (silhouette). */
McChart  *mc_segment_chart_elbow        (GArray          *scores);
McChart  *mc_segment_chart_silhouette   (GArray          *scores);
/* Each segment's share of customers (solid) and of revenue (light), in
 * the segment's colour. */
McChart  *mc_segment_chart_sizes        (McSegmentation  *segmentation);
/* Customers placed by MAP (rows × 2: the first two principal
 * components), coloured by segment; tooltips describe the customer.
 * OWNER keeps SEGMENTATION alive while the chart is: RELEASE drops it
 * with the chart. */
McChart  *mc_segment_chart_map          (McSegmentation  *segmentation,
                                         const double    *map,
                                         gpointer         owner,
                                         GDestroyNotify   release);
/* "Website buyers · Days since the last purchase: 40", the values after
 * SEPARATOR: customer ROW's segment and values. */
char     *mc_segment_describe_customer  (McSegmentation  *segmentation,
                                         gsize            row,
                                         const char      *separator);

G_END_DECLS
