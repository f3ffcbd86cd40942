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
#include "mc-output.h"
#include "mc-xlsx-writer.h"

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
  else if (g_str_has_suffix (lower, ".xlsx"))
    *type = MC_CHART_FILE_XLSX;
  else
    return FALSE;
  return TRUE;
}

/* Cairo says "error while writing to output stream" whatever the cause;
 * the cause (a full disk, the size limit) is found from TEMPORARY. */
void
mc_chart_export_set_error (GError         **error,
                           const char      *path,
                           const char      *temporary,
                           cairo_status_t   status)
{
  if (status == CAIRO_STATUS_WRITE_ERROR)
    mc_output_set_error (error, path, mc_output_guess_errno (temporary));
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write %s: %s"), path,
                 cairo_status_to_string (status));
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

/* The chart's table, its labels neutralised as every CSV's text is. */
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
          mc_csv_append_text (out, g_ptr_array_index (row, c));
        }
      g_string_append_c (out, '\n');
    }
  return mc_output_write (path, out->str, out->len, error);
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
                   _("%s: charts are saved as .png, .svg or .pdf (or their data as .csv or .xlsx); name the file with one of these"),
                   path);
      return FALSE;
    }
  if (type == MC_CHART_FILE_CSV)
    return write_csv (chart, path, error);
  if (type == MC_CHART_FILE_XLSX)
    {
      g_autoptr(McTable) table = mc_chart_to_typed_table (chart);

      return mc_xlsx_write (table, path, error);
    }
  if ((temporary = mc_output_reserve (path, error)) == NULL)
    return FALSE;
  status = render_to (chart, type, temporary, width, height, scale);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      mc_chart_export_set_error (error, path, temporary, status);
      g_unlink (temporary);
      return FALSE;
    }
  return mc_output_commit (temporary, path, error);
}
