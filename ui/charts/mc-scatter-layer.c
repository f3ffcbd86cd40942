/* mc-scatter-layer.c: points, coloured by group (segment); a density
 * image when there are many
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-chart"

#include "config.h"

#include <math.h>
#include <string.h>

#include "mc-chart-layer.h"

/* Points are where they are: neither axis starts at zero, and a
 * numeric x gets ticks of its own. */
static void
plan_axes (McChart *self,
           McPlot  *plot)
{
  mc_chart_plan_xy_axes (self, plot, FALSE);
  if (self->x_format != MC_VALUE_DAY)
    {
      double low = plot->x.ticks.min, high = plot->x.ticks.max;

      mc_ticks_init_numeric (&plot->x.ticks, low, high, 6, FALSE);
    }
}

static McRgb
point_colour (const McChartSeries *series,
              guint                s,
              gsize                i)
{
  McRgb rgb;

  if (series->groups == NULL)
    return mc_chart_palette (s);
  /* Groups are segments (clusters): their colour on every page. */
  mc_chart_segment_colour (series->groups[i], &rgb.red, &rgb.green, &rgb.blue);
  return rgb;
}

static gsize
count_points (McChart *self)
{
  gsize n = 0;

  for (guint s = 0; s < self->series->len; s++)
    n += mc_chart_series_at (self, s)->hidden ? 0 : mc_chart_series_at (self, s)->n;
  return n;
}

/* Per device pixel of the plot: the sums of its points' colours and
 * their count. Kept by the chart between draws: a redraw only clears it. */
static float *
density_cells (McChart *self,
               gsize    n_cells)
{
  if (self->density_size != n_cells)
    {
      g_free (self->density);
      self->density = g_new (float, 4 * n_cells);
      self->density_size = n_cells;
    }
  memset (self->density, 0, 4 * n_cells * sizeof (float));
  return self->density;
}

/* Rows of cells binned together: 16 rows of a wide plot are a few
 * hundred kilobytes, which stay in the processor's cache. */
#define BAND_ROWS 16

/* Bins the points into CELLS. Adding points in their own order would
 * touch megabytes of cells at random, one cache miss each (four fifths
 * of the time); so each point's cell and colour are first packed into a
 * key (cell << 3 | colour), the keys bucketed by band of rows, and each
 * band then added up within the cache. Returns the largest count. */
static float
accumulate_points (McChart      *self,
                   const McPlot *plot,
                   float        *cells,
                   int           width,
                   int           height)
{
  double kx = width / (plot->x.ticks.max - plot->x.ticks.min), ky = height / (plot->y.ticks.max - plot->y.ticks.min);
  guint n_bands = (height + BAND_ROWS - 1) / BAND_ROWS;
  guint32 band_cells = (guint32) width * BAND_ROWS;
  g_autofree gsize *offsets = g_new0 (gsize, n_bands + 1);
  gsize n_points = MAX (count_points (self), 1);
  guint32 *keys, *sorted;
  gsize n_keys = 0;
  float colours[8][3], most = 1;

  /* Both key arrays stay with the chart, for the next draw. */
  if (self->density_keys_size < n_points)
    {
      g_free (self->density_keys);
      self->density_keys = g_new (guint32, 2 * n_points);
      self->density_keys_size = n_points;
    }
  keys = self->density_keys;
  sorted = self->density_keys + n_points;
  for (guint c = 0; c < 8; c++)
    {
      McRgb rgb;

      mc_chart_segment_colour (c, &rgb.red, &rgb.green, &rgb.blue);

      colours[c][0] = rgb.red, colours[c][1] = rgb.green, colours[c][2] = rgb.blue;
    }
  for (guint s = 0; s < self->series->len; s++)
    {
      McChartSeries *series = mc_chart_series_at (self, s);

      for (gsize i = 0; !series->hidden && series->x != NULL && i < series->n; i++)
        {
          double fx = (series->x[i] - plot->x.ticks.min) * kx, fy = (plot->y.ticks.max - series->y[i]) * ky;
          guint32 key;

          if (!(fx >= 0 && fy >= 0 && fx < width && fy < height))
            continue;
          key = (guint32) ((gsize) fy * width + (gsize) fx) << 3 | ((series->groups != NULL ? series->groups[i] : s) % 8);
          keys[n_keys++] = key;
          offsets[(gsize) fy / BAND_ROWS + 1]++;
        }
    }
  for (guint b = 0; b < n_bands; b++)
    offsets[b + 1] += offsets[b];
  for (gsize k = 0; k < n_keys; k++)
    sorted[offsets[(keys[k] >> 3) / band_cells]++] = keys[k];
  for (gsize k = 0; k < n_keys; k++)
    {
      float *cell = cells + 4 * (gsize) (sorted[k] >> 3);
      const float *colour = colours[sorted[k] & 7];

      cell[0] += colour[0], cell[1] += colour[1], cell[2] += colour[2], cell[3] += 1;
      most = MAX (most, cell[3]);
    }
  return most;
}

#define DENSITY_TABLE 1024

/* Many points: counts per device pixel, drawn as one image whose
 * opacity grows with the logarithm of the count and whose colour is the
 * points' mean. */
static void
draw_density (McChart      *self,
              cairo_t      *cr,
              const McPlot *plot)
{
  double sx = plot->area.width, sy = plot->area.height;
  int width, height, stride;
  float *cells, most, scale, alphas[DENSITY_TABLE];
  cairo_surface_t *image;
  guint8 *pixels;

  cairo_user_to_device_distance (cr, &sx, &sy);
  width = MAX ((int) ceil (fabs (sx)), 1);
  height = MAX ((int) ceil (fabs (sy)), 1);
  cells = density_cells (self, (gsize) width * height);
  most = accumulate_points (self, plot, cells, width, height);
  scale = 0.75f / logf (1 + most);
  /* Counts are whole numbers: look the opacity of small ones up. */
  for (int count = 0; count < DENSITY_TABLE; count++)
    alphas[count] = 0.25f + scale * logf (1 + count);
  /* Kept between draws too: a fresh image is a fresh page fault per
   * 4 kB. */
  if (self->density_image == NULL || cairo_image_surface_get_width (self->density_image) != width
      || cairo_image_surface_get_height (self->density_image) != height)
    {
      g_clear_pointer (&self->density_image, cairo_surface_destroy);
      self->density_image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
    }
  image = self->density_image;
  cairo_surface_flush (image);
  pixels = cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image);
  for (int y = 0; y < height; y++)
    {
      guint32 *row = (guint32 *) (pixels + y * stride);
      const float *cell = cells + 4 * (gsize) y * width;

      for (int x = 0; x < width; x++, cell += 4)
        {
          float alpha, ink;

          if (cell[3] == 0)
            {
              row[x] = 0;
              continue;
            }
          alpha = cell[3] < DENSITY_TABLE ? alphas[(int) cell[3]] : 0.25f + scale * logf (1 + cell[3]);
          ink = alpha * 255 / cell[3];
          /* Premultiplied ARGB */
          row[x] = ((guint32) (alpha * 255) << 24) | ((guint32) (ink * cell[0]) << 16) | ((guint32) (ink * cell[1]) << 8)
                   | (guint32) (ink * cell[2]);
        }
    }
  cairo_surface_mark_dirty (image);
  cairo_save (cr);
  cairo_translate (cr, plot->area.x, plot->area.y);
  cairo_scale (cr, plot->area.width / width, plot->area.height / height);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
}

static void
draw (McChart      *self,
      cairo_t      *cr,
      const McPlot *plot)
{
  if (count_points (self) > MC_CHART_DENSITY_POINTS)
    {
      draw_density (self, cr, plot);
      return;
    }
  for (guint s = 0; s < self->series->len; s++)
    {
      McChartSeries *series = mc_chart_series_at (self, s);

      for (gsize i = 0; !series->hidden && series->x != NULL && i < series->n; i++)
        {
          double x = mc_plot_x (plot, series->x[i]), y = mc_plot_y (plot, series->y[i]);

          mc_chart_set_source (cr, point_colour (series, s, i), 0.6);
          cairo_arc (cr, x, y, 2.6, 0, 2 * G_PI);
          cairo_fill (cr);
          mc_chart_add_mark (self, x - 3, y - 3, 6, 6, s, i, -1);
        }
    }
}

/* With groups, the legend names the groups (segments) in their colours. */
static void
group_entry (McChart       *self,
             guint          i,
             McLegendEntry *entry)
{
  gboolean groups = self->group_names->len > 1;

  entry->name = groups ? g_ptr_array_index (self->group_names, i) : mc_chart_series_at (self, i)->name;
  entry->hidden = groups ? FALSE : mc_chart_series_at (self, i)->hidden;
  entry->colour = mc_chart_palette (i);
  entry->alpha = 1;
}

static void
draw_key (McChart *self,
          cairo_t *cr,
          McRect  *area)
{
  if (self->group_names->len > 1 || self->series->len > 1)
    mc_chart_draw_legend (self, cr, area, self->group_names->len > 1 ? self->group_names->len : self->series->len,
                          group_entry);
}

/* A point in the caller's words ("customer 42: spent 1,200") when it
 * gave a labeller. */
static char *
describe_hit (McChart          *self,
              const McChartHit *hit)
{
  if (self->point_labeller != NULL)
    return self->point_labeller (self, hit->series, hit->index, self->point_labeller_data);
  return mc_chart_describe_at (self, hit, NULL);
}

/* Dense scatters keep no marks: find the nearest point instead. */
static gboolean
lookup_item (McChart    *self,
             double      px,
             double      py,
             McChartHit *hit)
{
  double best = 36;   /* within 6 points */

  for (guint s = 0; s < self->series->len; s++)
    {
      McChartSeries *series = g_ptr_array_index (self->series, s);

      for (gsize i = 0; !series->hidden && series->x != NULL && i < series->n; i++)
        {
          double dx = self->plot_x + (series->x[i] - self->x_min) / (self->x_max - self->x_min) * self->plot_width - px;
          double dy = self->plot_y + (self->y_max - series->y[i]) / (self->y_max - self->y_min) * self->plot_height - py;

          if (dx * dx + dy * dy < best)
            {
              best = dx * dx + dy * dy;
              *hit = (McChartHit) { s, i, -1, FALSE, series->x[i], series->y[i], NULL };
            }
        }
    }
  return best < 36;
}

const McChartLayer mc_scatter_layer = {
  .kind = MC_CHART_SCATTER,
  .name = N_("Scatter plot"),
  .over_x = TRUE,
  .plan_axes = plan_axes,
  .draw = draw,
  .draw_key = draw_key,
  .describe_hit = describe_hit,
  .lookup_item = lookup_item,
};
