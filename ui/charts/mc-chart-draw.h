/* mc-chart-draw.h: the drawing code's own helpers (layout, text, axes)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-chart-private.h"
#include "mc-chart-text.h"

G_BEGIN_DECLS

typedef struct
{
  double x, y, width, height;
} McRect;

typedef struct
{
  gboolean       categorical;
  GPtrArray     *labels;       /* categorical: borrowed */
  McTicks        ticks;        /* numeric */
  McValueFormat  format;
  guint          label_every;  /* draw every Nth category label */
  gboolean       rotated;      /* category labels at 45° */
  double         label_room;   /* categorical y: the width labels may take */
  double         label_size;   /* categorical y: the labels' size, smaller in tight rows */
} McAxis;

typedef struct
{
  McRect  area;                /* the plot itself, inside the axes */
  McAxis  x;                   /* horizontal */
  McAxis  y;                   /* vertical */
} McPlot;

/* Text */
void         mc_chart_text_extent   (cairo_t        *cr,
                                     const char     *text,
                                     double          size,
                                     double         *width,
                                     double         *height);
/* Draws TEXT with its box's point (XALIGN, YALIGN) at X, Y. */
void         mc_chart_draw_text     (McChart        *self,
                                     cairo_t        *cr,
                                     const char     *text,
                                     double          x,
                                     double          y,
                                     double          size,
                                     double          xalign,
                                     double          yalign,
                                     double          strength);

/* Axes: value → position along the plot, categories → band centres. */
double       mc_axis_position       (const McAxis   *axis,
                                     double          value,
                                     double          start,
                                     double          length,
                                     gboolean        reversed);
double       mc_axis_band           (const McAxis   *axis,
                                     double          length);
void         mc_axis_clear          (McAxis         *axis);
double       mc_plot_x              (const McPlot   *plot,
                                     double          value);
double       mc_plot_y              (const McPlot   *plot,
                                     double          value);

/* Lays out axes around AREA (titles and legend already taken off),
 * draws the grid and labels, and keeps the plot for hit-testing. */
void         mc_chart_draw_axes     (McChart        *self,
                                     cairo_t        *cr,
                                     McRect          area,
                                     McPlot         *plot);

/* A legend entry, as a layer names and colours it. */
typedef struct
{
  const char *name;
  McRgb       colour;
  double      alpha;
  gboolean    hidden;
} McLegendEntry;

typedef void (*McLegendEntryFunc) (McChart       *chart,
                                   guint          index,
                                   McLegendEntry *entry);

/* N entries in rows across the top of AREA, which shrinks below them;
 * each entry is a mark (MC_CHART_LEGEND_ROW) to click. */
void         mc_chart_draw_legend   (McChart            *self,
                                     cairo_t            *cr,
                                     McRect             *area,
                                     guint               n,
                                     McLegendEntryFunc   entry_func);

G_END_DECLS
