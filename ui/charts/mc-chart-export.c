/* mc-chart-export.c: charts to PNG, SVG and PDF files, written atomically
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-chart"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <math.h>
#include <unistd.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "mc-chart-export.h"
#include "mc-csv-writer.h"

gboolean
mc_chart_file_from_path (const char  *path,
                         McChartFile *type)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".png"))
    *type = MC_CHART_FILE_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    *type = MC_CHART_FILE_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    *type = MC_CHART_FILE_PDF;
  else if (g_str_has_suffix (lower, ".csv"))
    *type = MC_CHART_FILE_CSV;
  else
    return FALSE;
  return TRUE;
}

/* A fresh file name beside PATH, reserved by creating it. */
char *
mc_file_reserve_beside (const char  *path,
                        GError     **error)
{
  char *temporary = g_strdup_printf ("%s.XXXXXX", path);
  int fd = g_mkstemp (temporary);

  if (fd < 0)
    {
      int saved = errno;
      g_autofree char *folder = g_path_get_dirname (path);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Cannot write in %s: %s"), folder,
                   g_strerror (saved));
      g_free (temporary);
      return NULL;
    }
  close (fd);
  return temporary;
}

static cairo_status_t
render_to (McChart     *chart,
           McChartFile  type,
           const char  *path,
           double       width,
           double       height,
           double       scale)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  if (type == MC_CHART_FILE_PNG)
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width * scale), (int) ceil (height * scale));
  else if (type == MC_CHART_FILE_SVG)
    surface = cairo_svg_surface_create (path, width, height);
  else
    surface = cairo_pdf_surface_create (path, width, height);
  cr = cairo_create (surface);
  if (type == MC_CHART_FILE_PNG)
    cairo_scale (cr, scale, scale);
  mc_chart_render (chart, cr, width, height);
  status = cairo_status (cr);
  cairo_destroy (cr);
  /* Vector surfaces write their file as they finish; images on demand. */
  if (status == CAIRO_STATUS_SUCCESS && type == MC_CHART_FILE_PNG)
    status = cairo_surface_write_to_png (surface, path);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return status;
}

gboolean
mc_file_commit (const char  *temporary,
                const char  *path,
                GError     **error)
{
  if (g_rename (temporary, path) == 0)
    return TRUE;
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), _("Cannot write %s: %s"), path, g_strerror (errno));
  g_unlink (temporary);
  return FALSE;
}

/* The chart's table; g_file_set_contents_full() writes it atomically. */
static gboolean
write_csv (McChart     *chart,
           const char  *path,
           GError     **error)
{
  g_autoptr(GPtrArray) table = mc_chart_to_table (chart);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint r = 0; r < table->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (table, r);

      for (guint c = 0; c < row->len; c++)
        {
          if (c > 0)
            g_string_append_c (out, ',');
          mc_csv_append_field (out, g_ptr_array_index (row, c));
        }
      g_string_append_c (out, '\n');
    }
  return g_file_set_contents_full (path, out->str, out->len, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}

gboolean
mc_chart_export (McChart     *chart,
                 const char  *path,
                 double       width,
                 double       height,
                 double       scale,
                 GError     **error)
{
  g_autofree char *temporary = NULL;
  cairo_status_t status;
  McChartFile type;

  g_return_val_if_fail (MC_IS_CHART (chart), FALSE);

  if (!mc_chart_file_from_path (path, &type))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s: charts are saved as .png, .svg or .pdf (or their data as .csv); name the file with one of these"),
                   path);
      return FALSE;
    }
  if (type == MC_CHART_FILE_CSV)
    return write_csv (chart, path, error);
  if ((temporary = mc_file_reserve_beside (path, error)) == NULL)
    return FALSE;
  status = render_to (chart, type, temporary, width, height, scale);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write %s: %s"), path, cairo_status_to_string (status));
      g_unlink (temporary);
      return FALSE;
    }
  return mc_file_commit (temporary, path, error);
}
