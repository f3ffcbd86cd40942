/* mc-chart-private.h: what mc-chart.c and the drawing code share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pangocairo.h>

#include "mc-chart.h"

G_BEGIN_DECLS

/* Above this many points a scatter is drawn as a density image. */
#define MC_CHART_DENSITY_POINTS 20000

typedef struct
{
  char     *name;
  double   *x;           /* NULL: one y per category */
  double   *y;
  gsize     n;
  guint32  *groups;      /* scatter colours, or NULL */
  double   *counts;      /* the counts behind shares, for tooltips; or NULL */
  gboolean  hidden;
  double    x_low, x_high; /* finite values' ranges, worked out once */
  double    y_low, y_high;
} McChartSeries;

/* A mark drawn, for hit-testing: a rectangle (points are small ones). */
typedef struct
{
  double x, y, width, height;
  int    series;
  int    index;
  int    row;        /* MC_CHART_LEGEND_ROW for legend entries */
} McChartMark;

#define MC_CHART_LEGEND_ROW (-2)

typedef struct
{
  double red, green, blue;
} McRgb;

typedef struct _McChartLayer McChartLayer;

struct _McChart
{
  GObject        parent_instance;

  McChartKind    kind;
  const McChartLayer *layer;   /* what the kind draws (mc-chart-layer.h) */
  char          *title;
  char          *subtitle;
  char          *note;         /* a line under the subtitle: the filter an export shows */
  int            highlight_series;  /* the selection drawn whole, the other marks veiled; */
  int            highlight_index;   /* index −2: none (mc_chart_set_highlight()) */
  int            highlight_row;
  char          *x_title;
  char          *y_title;
  McValueFormat  x_format;
  McValueFormat  y_format;
  McChartTheme   theme;
  gboolean       horizontal;
  McBarMode      bar_mode;
  guint          moving_average;
  int            point_period;  /* McDateStep, or -1: guessed from the points */
  double         view_low;     /* x view (zoom); NAN: all */
  double         view_high;
  double         bin_low;      /* histogram range; NAN: the values' */
  double         bin_high;

  GPtrArray     *categories;   /* char * */
  GPtrArray     *series;       /* McChartSeries * */
  GPtrArray     *group_names;  /* char *: scatter groups */
  GPtrArray     *row_labels;   /* heatmap */
  double        *matrix;
  double        *boxes;        /* five per category */
  double        *box_means;    /* mean, low, high per category */
  McChartLabelFunc point_labeller;
  gpointer       point_labeller_data;
  GDestroyNotify point_labeller_destroy;
  guint         *segments;     /* segment of each category (bars) or series; or NULL */
  guint          n_segments;
  char          *unit;         /* what values count ("sales"), for tooltips */
  char          *kpi_value;
  char          *kpi_detail;

  float         *density;      /* scatter density cells, reused between draws */
  gsize          density_size;
  cairo_surface_t *density_image;
  guint32       *density_keys;   /* 2 × density_keys_size */
  gsize          density_keys_size;

  /* Where the last render drew. */
  double         bin_start;    /* histogram bins drawn */
  double         bin_width;
  guint          n_bins;
  double        *bin_counts;   /* n_bins per series */
  gboolean       bins_below;   /* values under the first bin are in it */
  gboolean       bins_above;   /* values over the last bin are in it */
  GArray        *marks;        /* McChartMark */
  GArray        *label_boxes;  /* McChartMark: category labels drawn (x: anchor) */
  gboolean       labels_rotated;
  double         plot_x, plot_y, plot_width, plot_height;
  double         x_min, x_max, y_min, y_max;
  gboolean       has_plot;
};

/* The theme's colours. */
McRgb        mc_chart_palette        (guint           index);
McRgb        mc_chart_sequential     (double          t);
/* The colour of series S (at category I, for bars), segments heeded. */
McRgb        mc_chart_mark_colour    (McChart        *self,
                                      guint           s,
                                      int             i,
                                      double         *alpha);
McRgb        mc_chart_foreground     (McChart        *self,
                                      double          strength);
McRgb        mc_chart_background     (McChart        *self);
/* Veils every mark but the highlighted selection, after the layers drew. */
void         mc_chart_draw_highlight (McChart        *self,
                                      cairo_t        *cr);
void         mc_chart_set_source     (cairo_t        *cr,
                                      McRgb           rgb,
                                      double          alpha);

void         mc_chart_add_mark       (McChart        *self,
                                      double          x,
                                      double          y,
                                      double          width,
                                      double          height,
                                      int             series,
                                      int             index,
                                      int             row);

/* A label drawn (besides category labels), for tests and layout. */
void         mc_chart_add_label_box  (McChart        *self,
                                      double          x,
                                      double          y,
                                      double          width,
                                      double          height,
                                      int             index);

/* The value ranges series span, hidden ones left out; FALSE if empty. */
gboolean     mc_chart_value_range    (McChart        *self,
                                      double         *low,
                                      double         *high);

/* mc-chart-draw.c */
void         mc_chart_draw_frame     (McChart        *self,
                                      cairo_t        *cr,
                                      double          width,
                                      double          height);

G_END_DECLS
