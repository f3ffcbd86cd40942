/* mc-chart-layer.h: what a kind of chart does, as one table of functions
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * McChart holds the data, the frame (titles, legend, axes) and the
 * hover; each kind of chart is a McChartLayer in a file of its own
 * (mc-bar-layer.c, mc-line-layer.c…) that plans its axes, draws its
 * marks, says what a mark stands for and gives its data as rows, as
 * sysprof's chart layers do. A new kind is one new file and one line in
 * mc-chart-layer.c's list; mc_chart_layer_register() adds one at run
 * time.
 */
#pragma once

#include <glib/gi18n-lib.h>

#include "mc-chart-draw.h"

G_BEGIN_DECLS

struct _McChartLayer
{
  McChartKind  kind;
  const char  *name;           /* N_("Bar chart"): the kind in words */
  gboolean     own_title;      /* draws the title itself (a key figure) */
  gboolean     samples;        /* series hold raw values, not the values shown */
  gboolean     over_x;         /* marks stand at x values (lines, points), not categories */

  /* Axes layers plan the axes and draw inside them; a layer without
   * plan_axes draws over the whole area under the titles (PLOT's area,
   * no axes). */
  void       (*plan_axes)     (McChart            *chart,
                               McPlot             *plot);
  void       (*draw)          (McChart            *chart,
                               cairo_t            *cr,
                               const McPlot       *plot);

  /* All optional. Above the plot: a legend or a colour scale, taking
   * its room off AREA. */
  void       (*draw_key)      (McChart            *chart,
                               cairo_t            *cr,
                               McRect             *area);
  /* The colour of series S at category I (−1: its legend entry);
   * NULL: the series' colour, or its segment's. */
  McRgb      (*mark_colour)   (McChart            *chart,
                               guint               s,
                               int                 i,
                               double             *alpha);
  /* The datum of a mark drawn; NULL: the y of the series' point. */
  double     (*mark_value)    (McChart            *chart,
                               const McChartMark  *mark,
                               double             *x);
  /* A hovered mark in words; NULL: where it is and its value. */
  char      *(*describe_hit)  (McChart            *chart,
                               const McChartHit   *hit);
  /* Hit-testing where no mark was kept (dense scatters). */
  gboolean   (*lookup_item)   (McChart            *chart,
                               double              x,
                               double              y,
                               McChartHit         *hit);
  /* The data as rows of text, the first the header; NULL: a row per
   * category or x, a column per series. */
  void       (*to_table)      (McChart            *chart,
                               GPtrArray          *rows);
  /* Rows of labels the chart stacks (heat map rows, horizontal bars),
   * for its preferred height. */
  guint      (*n_rows)        (McChart            *chart);
};

/* The layer of KIND, NULL for a kind never registered. */
const McChartLayer *mc_chart_layer_lookup      (McChartKind          kind);
/* Adds a kind (LAYER->kind, unused so far); LAYER must outlive every
 * chart of it. */
void                mc_chart_layer_register    (const McChartLayer  *layer);

/* What layers share. */
/* Tables: a row, and a number as its cell ("" when missing). */
GPtrArray          *mc_chart_row_new           (void);
char               *mc_chart_cell              (double               value);
McChartSeries      *mc_chart_series_at         (McChart             *chart,
                                                guint                s);
/* The x range of the visible series; 0 to 1 when there is none. */
void                mc_chart_x_range           (McChart             *chart,
                                                double              *low,
                                                double              *high);
void                mc_axis_set_categories     (McAxis              *axis,
                                                GPtrArray           *labels);
void                mc_axis_set_values         (McAxis              *axis,
                                                double               low,
                                                double               high,
                                                McValueFormat        format,
                                                gboolean             zero_based);
/* Values up, x (numbers or days) across, for lines, areas and points;
 * ZERO_BASED starts the values at zero. */
void                mc_chart_plan_xy_axes      (McChart             *chart,
                                                McPlot              *plot,
                                                gboolean             zero_based);
/* The legend of the series, when there are several. */
void                mc_chart_draw_series_key   (McChart             *chart,
                                                cairo_t             *cr,
                                                McRect              *area);
/* "Website · May 2023: VALUE": where HIT is, then VALUE (NULL: its
 * value, as a share with its count when the series has counts). */
char               *mc_chart_describe_at       (McChart             *chart,
                                                const McChartHit    *hit,
                                                const char          *value);
/* "245 sales": COUNT (taken) with the chart's unit. */
char               *mc_chart_with_unit         (McChart             *chart,
                                                char                *count);
/* The day of a point of SERIES in full, with its year: "Sep 2023" for
 * a month, "14 Sep 2023" for a day. */
char               *mc_chart_point_day         (McChart             *chart,
                                                int                  series,
                                                double               day);
/* A value as a tooltip gives it. */
char               *mc_chart_hover_value       (double               value,
                                                McValueFormat        format);

G_END_DECLS
