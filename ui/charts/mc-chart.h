/* mc-chart.h: a chart drawn with cairo and pango, for the screen, PNG,
 * SVG and PDF alike
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A chart takes prepared series, not tables: the dashboard
 * (ui/dashboard/, mc-standard-charts.h) prepares them from an analysis. Sizes are in points, so
 * the same chart lays itself out at 640 × 400 on screen and on an A4
 * page. After each render the chart knows where it drew every mark, for
 * tooltips, clicks and brushing (mc_chart_hit_test()).
 */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "mc-chart-axis.h"

G_BEGIN_DECLS

#define MC_TYPE_CHART (mc_chart_get_type ())

G_DECLARE_FINAL_TYPE (McChart, mc_chart, MC, CHART, GObject)

/* Each kind is drawn by a layer of its own (mc-chart-layer.h,
 * mc-<kind>-layer.c); mc_chart_layer_register() adds kinds past these. */
typedef enum
{
  MC_CHART_LINE,        /* series over a numeric or time x axis */
  MC_CHART_AREA,        /* the same, filled, stacked when several */
  MC_CHART_BAR,         /* a value per category and series */
  MC_CHART_HISTOGRAM,   /* raw values, binned by the chart */
  MC_CHART_BOX,         /* a five-number summary per category */
  MC_CHART_HEATMAP,     /* a matrix of rows × categories */
  MC_CHART_SCATTER,     /* points, coloured by group; density when many */
  MC_CHART_KPI,         /* one figure in large type */
  MC_CHART_TREEMAP,     /* areas proportional to values */
  MC_CHART_FUNNEL,      /* stages narrowing */
} McChartKind;

typedef enum
{
  MC_BARS_GROUPED,
  MC_BARS_STACKED,
  MC_BARS_PERCENT,      /* stacked to 100 % */
} McBarMode;

typedef enum
{
  MC_CHART_THEME_LIGHT,
  MC_CHART_THEME_DARK,
} McChartTheme;

/* What is under a point of the last render. */
typedef struct
{
  int     series;       /* −1 for marks of no series (heatmap cells…) */
  int     index;        /* category, point or cell */
  int     row;          /* heatmap row, or −1 */
  gboolean legend;      /* a legend entry: clicking it hides SERIES */
  double  x;            /* the datum */
  double  y;
  char   *label;        /* "Website · 2023-05: 12,345.00" */
} McChartHit;

McChart      *mc_chart_new                (McChartKind         kind);
McChart      *mc_chart_new_titled         (McChartKind         kind,
                                           const char         *title,
                                           const char         *subtitle);
McChartKind   mc_chart_get_kind           (McChart            *self);
void          mc_chart_set_title          (McChart            *self,
                                           const char         *title,
                                           const char         *subtitle);
const char   *mc_chart_get_title          (McChart            *self);
const char   *mc_chart_get_subtitle       (McChart            *self);
void          mc_chart_set_note           (McChart            *self,
                                           const char         *note);
const char   *mc_chart_get_note           (McChart            *self);
void          mc_chart_set_highlight      (McChart            *self,
                                           int                 series,
                                           int                 index,
                                           int                 row);
void          mc_chart_set_axis_titles    (McChart            *self,
                                           const char         *x_title,
                                           const char         *y_title);
void          mc_chart_set_formats        (McChart            *self,
                                           McValueFormat       x_format,
                                           McValueFormat       y_format);
void          mc_chart_set_theme          (McChart            *self,
                                           McChartTheme        theme);
void          mc_chart_set_horizontal     (McChart            *self,
                                           gboolean            horizontal);
void          mc_chart_set_bar_mode       (McChart            *self,
                                           McBarMode           mode);
/* Draws the mean of each point and the WINDOW − 1 before it over line
 * series (0: none). */
void          mc_chart_set_moving_average (McChart            *self,
                                           guint               window);
/* A time series' points each stand for a day, a month…: their labels
 * and tooltips say so ("1 Oct 2019", "Oct 2019") rather than guessing
 * from the dates, which a lone point on the 1st cannot tell. */
void          mc_chart_set_point_period   (McChart            *self,
                                           McDateStep          period);
void          mc_chart_set_categories     (McChart            *self,
                                           const char * const *labels,
                                           guint               n);
/* X NULL: one Y per category. Returns the series' index. */
guint         mc_chart_add_series         (McChart            *self,
                                           const char         *name,
                                           const double       *x,
                                           const double       *y,
                                           gsize               n);
/* Scatter: the group (cluster) of each point of SERIES, for its colour;
 * NAMES label the groups in the legend. */
void          mc_chart_set_groups         (McChart            *self,
                                           guint               series,
                                           const guint32      *groups,
                                           const char * const *names,
                                           guint               n_names);
/* Share charts: the count behind each value of SERIES, which tooltips
 * give with the share ("24 % (245 sales)"). Bars stacked to 100 % need
 * none: their values are the counts. */
void          mc_chart_set_counts         (McChart            *self,
                                           guint               series,
                                           const double       *counts);
/* What counts count ("sales", "visitors"), for tooltips. */
void          mc_chart_set_unit           (McChart            *self,
                                           const char         *unit);
/* Customer segments: one colour each, the same on every page (the
 * Segments page's map and bars, the Overview's segment charts). SEGMENT
 * is the segment's place in the segmentation. */
void          mc_chart_segment_colour     (guint               segment,
                                           double             *red,
                                           double             *green,
                                           double             *blue);
/* Colours marks by segment: bars by category (the first series solid,
 * others lighter), lines by series. SEGMENTS[i] is the segment of
 * category (or series) I. */
void          mc_chart_set_segments       (McChart            *self,
                                           const guint        *segments,
                                           guint               n);
guint         mc_chart_get_n_series       (McChart            *self);
/* Scatter: how many groups colour the points (0 without groups). */
guint         mc_chart_get_n_groups       (McChart            *self);
/* Scatter: the text a hovered point's tooltip shows ("customer 42:
 * spent 1,200"), instead of its coordinates. */
typedef char *(*McChartLabelFunc) (McChart *chart,
                                   int      series,
                                   int      index,
                                   gpointer user_data);
void          mc_chart_set_point_labeller (McChart            *self,
                                           McChartLabelFunc    func,
                                           gpointer            user_data,
                                           GDestroyNotify      destroy);
/* Names of what marks stand for; NULL out of range. */
const char   *mc_chart_get_category       (McChart            *self,
                                           int                 index);
const char   *mc_chart_get_series_name    (McChart            *self,
                                           int                 series);
/* The x of point INDEX of SERIES (NAN without one). */
double        mc_chart_get_point_x        (McChart            *self,
                                           int                 series,
                                           int                 index);
void          mc_chart_set_series_hidden  (McChart            *self,
                                           guint               series,
                                           gboolean            hidden);
gboolean      mc_chart_get_series_hidden  (McChart            *self,
                                           guint               series);
/* Heatmap: N_ROWS rows of one value per category, row by row. */
void          mc_chart_set_matrix         (McChart            *self,
                                           const char * const *row_labels,
                                           guint               n_rows,
                                           const double       *values);
/* Box plot: low whisker, first quartile, median, third quartile, high
 * whisker, for the category at INDEX. */
void          mc_chart_set_box            (McChart            *self,
                                           guint               index,
                                           const double        five[5]);
/* Histogram: bins cover LOW to HIGH only; values beyond fall in the
 * first or last bin (outliers that would squeeze the rest). */
void          mc_chart_set_bin_range      (McChart            *self,
                                           double              low,
                                           double              high);
/* Box plot: the category's mean and its confidence interval, drawn as a
 * diamond with a bar beside the box. */
void          mc_chart_set_box_mean       (McChart            *self,
                                           guint               index,
                                           double              mean,
                                           double              low,
                                           double              high);
/* KPI tile: the figure, written out, and a line under it. */
void          mc_chart_set_kpi            (McChart            *self,
                                           const char         *value,
                                           const char         *detail);

/* Line, area and scatter charts: show only X_MIN to X_MAX of the x
 * axis (zoom and pan); NAN, NAN shows everything again. */
void          mc_chart_set_x_view         (McChart            *self,
                                           double              x_min,
                                           double              x_max);
gboolean      mc_chart_get_x_view         (McChart            *self,
                                           double             *x_min,
                                           double             *x_max);
/* The x range of the data (all of it, whatever the view). */
gboolean      mc_chart_get_x_extent       (McChart            *self,
                                           double             *x_min,
                                           double             *x_max);
/* Where the last render put the marks (legend entries left out), in
 * drawing order, for keyboard navigation: the mark's box. */
guint         mc_chart_get_n_marks        (McChart            *self);
gboolean      mc_chart_get_mark           (McChart            *self,
                                           guint               index,
                                           double             *x,
                                           double             *y,
                                           double             *width,
                                           double             *height);

/* The height the chart needs for every row label to show, at least
 * MINIMUM: a heat map of many rows asks for more than a card's usual. */
double        mc_chart_get_preferred_height (McChart          *self,
                                             double            minimum);
void          mc_chart_render             (McChart            *self,
                                           cairo_t            *cr,
                                           double              width,
                                           double              height);
gboolean      mc_chart_hit_test           (McChart            *self,
                                           double              x,
                                           double              y,
                                           McChartHit         *hit);
void          mc_chart_hit_clear          (McChartHit         *hit);
/* The data under a rectangle of the last render's plot area, for zoom
 * and brushing; FALSE outside it. */
gboolean      mc_chart_data_range         (McChart            *self,
                                           double              x0,
                                           double              y0,
                                           double              x1,
                                           double              y1,
                                           double             *x_min,
                                           double             *x_max,
                                           double             *y_min,
                                           double             *y_max);

/* The chart's data as rows of text, the first the header: for "show as
 * table", screen readers and CSV. */
GPtrArray    *mc_chart_to_table           (McChart            *self);
/* How column COLUMN of those rows writes its values, for workbooks:
 * MC_VALUE_DAY for the days of a series over time (their x is
 * mc_chart_get_point_x() of series 0), MC_VALUE_COUNT for counts,
 * MC_VALUE_MONEY for amounts; labels are text whatever it says. */
McValueFormat mc_chart_get_column_format  (McChart            *self,
                                           guint               column);
/* A sentence saying what the chart shows, for screen readers. */
char         *mc_chart_describe           (McChart            *self);

G_END_DECLS
