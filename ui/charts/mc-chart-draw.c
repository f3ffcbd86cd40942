/* mc-chart-draw.c: a chart's frame, titles, legend and axes
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything is measured before it is drawn: the widest value label
 * decides the left margin, and category labels that would overlap are
 * turned 45° and, if still too close, thinned to every Nth.
 */
#define G_LOG_DOMAIN "mc-chart"

#include "config.h"

#include <math.h>

#include "mc-chart-layer.h"

#define PAD 14.0

/* Text */

PangoLayout *
mc_chart_layout (cairo_t    *cr,
                 const char *text,
                 double      size,
                 gboolean    bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (MC_CHART_FONT);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Metrics independent of the device: the same layout on screen and
   * in a PDF. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (pango_layout_get_context (layout), options);
  cairo_font_options_destroy (options);
  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

void
mc_chart_text_extent (cairo_t    *cr,
                      const char *text,
                      double      size,
                      double     *width,
                      double     *height)
{
  g_autoptr(PangoLayout) layout = mc_chart_layout (cr, text, size, FALSE);
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  *width = (double) w / PANGO_SCALE;
  *height = (double) h / PANGO_SCALE;
}

static void
draw_layout (McChart     *self,
             cairo_t     *cr,
             PangoLayout *layout,
             double       x,
             double       y,
             double       xalign,
             double       yalign,
             double       strength)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  mc_chart_set_source (cr, mc_chart_foreground (self, strength), 1);
  cairo_move_to (cr, x - xalign * w / PANGO_SCALE, y - yalign * h / PANGO_SCALE);
  pango_cairo_show_layout (cr, layout);
}

void
mc_chart_draw_text (McChart    *self,
                    cairo_t    *cr,
                    const char *text,
                    double      x,
                    double      y,
                    double      size,
                    double      xalign,
                    double      yalign,
                    double      strength)
{
  g_autoptr(PangoLayout) layout = mc_chart_layout (cr, text, size, FALSE);

  draw_layout (self, cr, layout, x, y, xalign, yalign, strength);
}

/* Title and subtitle at the top of AREA, which shrinks below them. */
static void
draw_titles (McChart  *self,
             cairo_t  *cr,
             McRect   *area)
{
  if (self->title != NULL && !self->layer->own_title)
    {
      g_autoptr(PangoLayout) layout = mc_chart_layout (cr, self->title, 12.5, TRUE);
      int w, h;

      pango_layout_set_width (layout, (int) (area->width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_get_size (layout, &w, &h);
      draw_layout (self, cr, layout, area->x, area->y, 0, 0, 1);
      area->y += (double) h / PANGO_SCALE + 2;
      area->height -= (double) h / PANGO_SCALE + 2;
    }
  if (self->subtitle != NULL && !self->layer->own_title)
    {
      g_autoptr(PangoLayout) layout = mc_chart_layout (cr, self->subtitle, 9.5, FALSE);
      int w, h;

      /* Narrow charts wrap the subtitle, on two lines at most. */
      pango_layout_set_width (layout, (int) (area->width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
      pango_layout_set_height (layout, -2);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_get_size (layout, &w, &h);
      draw_layout (self, cr, layout, area->x, area->y, 0, 0, 0.65);
      area->y += (double) h / PANGO_SCALE;
      area->height -= (double) h / PANGO_SCALE;
    }
  if (self->note != NULL)
    {
      g_autoptr(PangoLayout) layout = mc_chart_layout (cr, self->note, 9.5, TRUE);
      int w, h;

      pango_layout_set_width (layout, (int) (area->width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
      pango_layout_get_size (layout, &w, &h);
      draw_layout (self, cr, layout, area->x, area->y + 2, 0, 0, 0.85);
      area->y += (double) h / PANGO_SCALE + 2;
      area->height -= (double) h / PANGO_SCALE + 2;
    }
  area->y += 8;
  area->height -= 8;
}

/* Legend */

/* Swatches and names in rows across the top of AREA; hidden series are
 * drawn hollow and dimmed, and each entry is a mark to click. */
void
mc_chart_draw_legend (McChart           *self,
                      cairo_t           *cr,
                      McRect            *area,
                      guint              n,
                      McLegendEntryFunc  entry_func)
{
  double x = area->x, y = area->y, line = 0;

  for (guint i = 0; i < n; i++)
    {
      McLegendEntry entry = { NULL, { 0, 0, 0 }, 1, FALSE };
      double width, height, room;

      entry_func (self, i, &entry);
      mc_chart_text_extent (cr, entry.name, MC_CHART_TEXT_SIZE, &width, &height);
      room = 14 + width + 14;
      if (x + room > area->x + area->width && x > area->x)
        {
          x = area->x;
          y += line + 4;
        }
      mc_chart_set_source (cr, entry.colour, entry.hidden ? 0.35 : entry.alpha);
      cairo_rectangle (cr, x + 0.5, y + height / 2 - 4.5, 9, 9);
      if (entry.hidden)
        {
          cairo_set_line_width (cr, 1);
          cairo_stroke (cr);
        }
      else
        cairo_fill (cr);
      mc_chart_draw_text (self, cr, entry.name, x + 14, y, MC_CHART_TEXT_SIZE, 0, 0, entry.hidden ? 0.4 : 0.85);
      mc_chart_add_mark (self, x, y, room - 6, height, i, -1, MC_CHART_LEGEND_ROW);
      x += room;
      line = MAX (line, height);
    }
  area->height -= y + line + 10 - area->y;
  area->y = y + line + 10;
}

/* Axes */

void
mc_axis_clear (McAxis *axis)
{
  mc_ticks_clear (&axis->ticks);
}

double
mc_axis_band (const McAxis *axis,
              double        length)
{
  return axis->categorical ? length / MAX (axis->labels->len, 1) : 0;
}

double
mc_axis_position (const McAxis *axis,
                  double        value,
                  double        start,
                  double        length,
                  gboolean      reversed)
{
  double t;

  if (axis->categorical)
    t = (value + 0.5) / MAX (axis->labels->len, 1);
  else
    t = (value - axis->ticks.min) / (axis->ticks.max - axis->ticks.min);
  return reversed ? start + length * (1 - t) : start + length * t;
}

double
mc_plot_x (const McPlot *plot,
           double        value)
{
  return mc_axis_position (&plot->x, value, plot->area.x, plot->area.width, FALSE);
}

/* Values grow upwards; categories run top to bottom. */
double
mc_plot_y (const McPlot *plot,
           double        value)
{
  return mc_axis_position (&plot->y, value, plot->area.y, plot->area.height, !plot->y.categorical);
}

static char *
axis_label (const McAxis *axis,
            guint         i)
{
  if (axis->categorical)
    return g_strdup (g_ptr_array_index (axis->labels, i));
  if (axis->format == MC_VALUE_DAY)
    return mc_format_day (axis->ticks.ticks[i], axis->ticks.date_step);
  return mc_format_value (axis->ticks.ticks[i], axis->format, axis->ticks.step, TRUE);
}

static guint
axis_count (const McAxis *axis)
{
  return axis->categorical ? axis->labels->len : axis->ticks.n_ticks;
}

static void
widest_label (cairo_t      *cr,
              const McAxis *axis,
              double       *width,
              double       *height)
{
  *width = *height = 0;
  for (guint i = 0; i < axis_count (axis); i++)
    {
      g_autofree char *label = axis_label (axis, i);
      double w, h;

      mc_chart_text_extent (cr, label, MC_CHART_TEXT_SIZE, &w, &h);
      *width = MAX (*width, w);
      *height = MAX (*height, h);
    }
}

/* Room under the plot for category labels: level if they fit their
 * band, else at 45°, thinned when even that would overlap. */
static double
fit_category_labels (McAxis *axis,
                     double  band,
                     double  label_width,
                     double  label_height)
{
  axis->label_every = 1;
  axis->rotated = FALSE;
  if (label_width + 6 <= band)
    return label_height;
  axis->rotated = TRUE;
  axis->label_every = (guint) ceil ((label_height * 1.3) / MAX (band, 0.1));
  axis->label_every = MAX (axis->label_every, 1);
  return MIN (label_width, 140) * G_SQRT2 / 2 + label_height;
}

static void
draw_grid_and_labels (McChart      *self,
                      cairo_t      *cr,
                      const McPlot *plot)
{
  const McRect *a = &plot->area;

  cairo_set_line_width (cr, 1);
  for (guint i = 0; !plot->y.categorical && i < plot->y.ticks.n_ticks; i++)
    {
      double y = round (mc_plot_y (plot, plot->y.ticks.ticks[i])) + 0.5;
      g_autofree char *label = axis_label (&plot->y, i);

      mc_chart_set_source (cr, mc_chart_foreground (self, plot->y.ticks.ticks[i] == 0 ? 0.45 : 0.12), 1);
      cairo_move_to (cr, a->x, y);
      cairo_line_to (cr, a->x + a->width, y);
      cairo_stroke (cr);
      mc_chart_draw_text (self, cr, label, a->x - 6, y, MC_CHART_TEXT_SIZE, 1, 0.5, 0.7);
    }
  /* Labels too long for the left margin wrap onto a second line where
   * the rows are tall enough ("High-value recent frequent buyers"), and
   * are cut beyond it, never clipped. */
  for (guint i = 0; plot->y.categorical && i < plot->y.labels->len; i += MAX (plot->y.label_every, 1))
    {
      double size = plot->y.label_size > 0 ? plot->y.label_size : MC_CHART_TEXT_SIZE;
      double band = a->height / MAX (plot->y.labels->len, 1);
      g_autoptr(PangoLayout) layout = mc_chart_layout (cr, g_ptr_array_index (plot->y.labels, i), size, FALSE);
      int w, h;

      pango_layout_set_width (layout, (int) (plot->y.label_room * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
      pango_layout_set_height (layout, band >= 4 * size ? -2 : -1);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      draw_layout (self, cr, layout, a->x - 6, mc_plot_y (plot, i), 1, 0.5, 0.7);
      pango_layout_get_size (layout, &w, &h);
      mc_chart_add_label_box (self, a->x - 6 - (double) w / PANGO_SCALE, mc_plot_y (plot, i) - h / 2.0 / PANGO_SCALE,
                              (double) w / PANGO_SCALE, (double) h / PANGO_SCALE, i);
    }
  for (guint i = 0; !plot->x.categorical && i < plot->x.ticks.n_ticks; i++)
    {
      double x = round (mc_plot_x (plot, plot->x.ticks.ticks[i])) + 0.5;
      g_autofree char *label = axis_label (&plot->x, i);

      double label_width, label_height;

      if (x < a->x - 1 || x > a->x + a->width + 1)
        continue;
      mc_chart_set_source (cr, mc_chart_foreground (self, 0.12), 1);
      cairo_move_to (cr, x, a->y);
      cairo_line_to (cr, x, a->y + a->height);
      cairo_stroke (cr);
      /* A label reaching under the value labels would run into them. */
      mc_chart_text_extent (cr, label, MC_CHART_TEXT_SIZE, &label_width, &label_height);
      if (x - label_width / 2 >= a->x - 8 && x + label_width / 2 <= a->x + a->width + 12)
        mc_chart_draw_text (self, cr, label, x, a->y + a->height + 5, MC_CHART_TEXT_SIZE, 0.5, 0, 0.7);
    }
}

static void
draw_category_labels (McChart      *self,
                      cairo_t      *cr,
                      const McPlot *plot)
{
  for (guint i = 0; plot->x.categorical && i < plot->x.labels->len; i += plot->x.label_every)
    {
      const char *label = g_ptr_array_index (plot->x.labels, i);
      double x = mc_plot_x (plot, i), y = plot->area.y + plot->area.height + 5;
      g_autoptr(PangoLayout) layout = mc_chart_layout (cr, label, MC_CHART_TEXT_SIZE, FALSE);
      McChartMark box = { x, y, 0, 0, -1, i, -1 };
      int w, h;

      pango_layout_get_size (layout, &w, &h);
      box.width = MIN ((double) w / PANGO_SCALE, plot->x.rotated ? 140 : G_MAXDOUBLE);
      box.height = (double) h / PANGO_SCALE;
      g_array_append_val (self->label_boxes, box);
      if (!plot->x.rotated)
        {
          draw_layout (self, cr, layout, x, y, 0.5, 0, 0.7);
          continue;
        }
      /* Turned 45°, ending at the tick; long labels are cut. */
      pango_layout_set_width (layout, 140 * PANGO_SCALE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_get_size (layout, &w, &h);
      cairo_save (cr);
      cairo_translate (cr, x, y);
      cairo_rotate (cr, -G_PI / 4);
      draw_layout (self, cr, layout, 0, 0, 1, 0.5, 0.7);
      cairo_restore (cr);
    }
}

static void
draw_axis_titles (McChart      *self,
                  cairo_t      *cr,
                  const McPlot *plot,
                  McRect        area)
{
  if (self->x_title != NULL)
    mc_chart_draw_text (self, cr, self->x_title, plot->area.x + plot->area.width / 2, area.y + area.height,
                        MC_CHART_TEXT_SIZE, 0.5, 1, 0.6);
  if (self->y_title != NULL)
    {
      cairo_save (cr);
      cairo_translate (cr, area.x, plot->area.y + plot->area.height / 2);
      cairo_rotate (cr, -G_PI / 2);
      mc_chart_draw_text (self, cr, self->y_title, 0, 0, MC_CHART_TEXT_SIZE, 0.5, 0, 0.6);
      cairo_restore (cr);
    }
}

/* Numeric x ticks, as many as their labels leave room for. */
static void
fit_numeric_x (cairo_t *cr,
               McAxis  *axis,
               double   low,
               double   high,
               double   width)
{
  double label_width, label_height;
  guint wanted = 8;

  for (int attempt = 0; attempt < 3; attempt++)
    {
      mc_ticks_clear (&axis->ticks);
      if (axis->format == MC_VALUE_DAY)
        mc_ticks_init_dates (&axis->ticks, low, high, wanted);
      else
        mc_ticks_init_numeric (&axis->ticks, low, high, wanted, FALSE);
      widest_label (cr, axis, &label_width, &label_height);
      if ((label_width + 12) * axis->ticks.n_ticks <= width || wanted <= 2)
        return;
      wanted = MAX (2, (guint) (width / (label_width + 12)));
    }
}

void
mc_chart_draw_axes (McChart *self,
                    cairo_t *cr,
                    McRect   area,
                    McPlot  *plot)
{
  double y_width, y_height, x_width, x_height, below, left, line_height, title_width;
  double x_low = plot->x.ticks.min, x_high = plot->x.ticks.max;

  mc_chart_text_extent (cr, "Mg", MC_CHART_TEXT_SIZE, &title_width, &line_height);
  widest_label (cr, &plot->y, &y_width, &y_height);
  plot->y.label_room = MIN (y_width, area.width * 0.3) + 1;
  left = plot->y.label_room + 8 + (self->y_title != NULL ? line_height + 4 : 0);
  plot->area = (McRect) { area.x + left, area.y + 4, area.width - left - 6, 0 };
  if (plot->x.categorical)
    {
      widest_label (cr, &plot->x, &x_width, &x_height);
      below = fit_category_labels (&plot->x, mc_axis_band (&plot->x, plot->area.width), x_width, x_height);
    }
  else
    {
      fit_numeric_x (cr, &plot->x, x_low, x_high, plot->area.width);
      below = line_height;
    }
  below += 8 + (self->x_title != NULL ? line_height + 4 : 0);
  plot->area.height = MAX (area.height - 4 - below, 10);
  /* Rows too tight for every label take a smaller type first (down to
   * 6.5 points, still legible), and only then every other label. */
  if (plot->y.categorical)
    {
      double band = MAX (mc_axis_band (&plot->y, plot->area.height), 0.1);

      plot->y.label_size = MC_CHART_TEXT_SIZE;
      while (line_height * 1.1 * plot->y.label_size / MC_CHART_TEXT_SIZE > band && plot->y.label_size > 6.5)
        plot->y.label_size -= 0.5;
      plot->y.label_every = MAX (1, (guint) ceil (line_height * 1.1 * plot->y.label_size / MC_CHART_TEXT_SIZE / band));
    }

  draw_grid_and_labels (self, cr, plot);
  self->labels_rotated = plot->x.rotated;
  draw_category_labels (self, cr, plot);
  draw_axis_titles (self, cr, plot, area);

  self->has_plot = TRUE;
  self->plot_x = plot->area.x;
  self->plot_y = plot->area.y;
  self->plot_width = plot->area.width;
  self->plot_height = plot->area.height;
  self->x_min = plot->x.categorical ? -0.5 : plot->x.ticks.min;
  self->x_max = plot->x.categorical ? plot->x.labels->len - 0.5 : plot->x.ticks.max;
  self->y_min = plot->y.categorical ? plot->y.labels->len - 0.5 : plot->y.ticks.min;
  self->y_max = plot->y.categorical ? -0.5 : plot->y.ticks.max;
}

/* Whether the mark of HIT is the highlighted selection: a bar, a cell,
 * or every mark of a category when the selection names no series. */
static gboolean
is_highlighted (McChart          *self,
                const McChartHit *hit)
{
  if (self->highlight_series == -1 && self->highlight_row == -1 && mc_chart_get_n_groups (self) > 1)
    return hit->series == self->highlight_index;
  return (self->highlight_series < 0 || hit->series == self->highlight_series)
         && hit->index == self->highlight_index
         && (self->highlight_row < 0 || hit->row == self->highlight_row);
}

/* The selection keeps its colours; every other mark is veiled in the
 * background, so that it stays readable but recedes. */
void
mc_chart_draw_highlight (McChart *self,
                         cairo_t *cr)
{
  if (self->highlight_index == -2)
    return;
  cairo_save (cr);
  mc_chart_set_source (cr, mc_chart_background (self), 0.7);
  for (guint m = 0; m < mc_chart_get_n_marks (self); m++)
    {
      double x, y, width, height;
      McChartHit hit;

      if (!mc_chart_get_mark (self, m, &x, &y, &width, &height)
          || !mc_chart_hit_test (self, x + width / 2, y + height / 2, &hit))
        continue;
      if (!is_highlighted (self, &hit))
        {
          cairo_rectangle (cr, x - 0.5, y - 0.5, width + 1, height + 1);
          cairo_fill (cr);
        }
      mc_chart_hit_clear (&hit);
    }
  cairo_restore (cr);
}

void
mc_chart_draw_frame (McChart *self,
                     cairo_t *cr,
                     double   width,
                     double   height)
{
  McRect area = { PAD, PAD, width - 2 * PAD, height - 2 * PAD };
  McPlot plot = { { 0 } };

  g_array_set_size (self->marks, 0);
  g_array_set_size (self->label_boxes, 0);
  self->has_plot = FALSE;
  mc_chart_set_source (cr, mc_chart_background (self), 1);
  cairo_paint (cr);
  draw_titles (self, cr, &area);
  if (self->layer->plan_axes == NULL)
    {
      plot.area = area;
      self->layer->draw (self, cr, &plot);
      return;
    }
  if (self->layer->draw_key != NULL)
    self->layer->draw_key (self, cr, &area);
  self->layer->plan_axes (self, &plot);
  mc_chart_draw_axes (self, cr, area, &plot);
  cairo_save (cr);
  cairo_rectangle (cr, plot.area.x, plot.area.y - 1, plot.area.width, plot.area.height + 2);
  cairo_clip (cr);
  self->layer->draw (self, cr, &plot);
  cairo_restore (cr);
  mc_axis_clear (&plot.x);
  mc_axis_clear (&plot.y);
}

/**
 * mc_chart_render:
 *
 * Draws the chart over WIDTH × HEIGHT points of CR, and remembers where
 * each mark went, for mc_chart_hit_test().
 */
void
mc_chart_render (McChart *self,
                 cairo_t *cr,
                 double   width,
                 double   height)
{
  g_return_if_fail (MC_IS_CHART (self));

  cairo_save (cr);
  /* The background is painted: keep it inside the chart's own box, so
   * charts can share a page. */
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  mc_chart_draw_frame (self, cr, width, height);
  mc_chart_draw_highlight (self, cr);
  cairo_restore (cr);
}
