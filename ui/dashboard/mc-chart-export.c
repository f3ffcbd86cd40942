/* mc-chart-export.c: charts to PNG, SVG and PDF files, and their data
 * to CSV and workbooks, written atomically
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

/* A cell is a number when all of it reads as one ("" is missing). */
static gboolean
parse_cell (const char *text,
            double     *value)
{
  char *end;

  *value = g_ascii_strtod (text, &end);
  return end != text && *end == '\0' && isfinite (*value);
}

static McColumn *
typed_column (McChart   *chart,
              GPtrArray *rows,
              guint      c)
{
  McValueFormat format = mc_chart_get_column_format (chart, c);
  GPtrArray *header = g_ptr_array_index (rows, 0);
  gsize n = rows->len - 1;
  g_autofree const char **texts = g_new0 (const char *, MAX (n, 1));
  gboolean numeric = TRUE, integral = TRUE;
  McColumn *column;
  double value;

  for (gsize r = 0; r < n; r++)
    {
      GPtrArray *row = g_ptr_array_index (rows, r + 1);
      const char *text = c < row->len ? g_ptr_array_index (row, c) : "";

      texts[r] = *text != '\0' ? text : NULL;
      if (texts[r] != NULL && !parse_cell (texts[r], &value))
        numeric = FALSE;
      else if (texts[r] != NULL && value != floor (value))
        integral = FALSE;
    }
  /* The x of a series over days: dates, written as the CSV's days. */
  if (format == MC_VALUE_DAY)
    {
      column = mc_column_new (g_ptr_array_index (header, c), MC_COLUMN_TYPE_DATE, n);
      for (gsize r = 0; r < n; r++)
        if (isfinite (mc_chart_get_point_x (chart, 0, r)))
          column->v.days[r] = (gint32) floor (mc_chart_get_point_x (chart, 0, r));
        else
          mc_column_set_missing (column, r);
      return column;
    }
  if (!numeric)
    return mc_column_new_strings (g_ptr_array_index (header, c), MC_COLUMN_TYPE_TEXT, texts, n);
  column = mc_column_new (g_ptr_array_index (header, c),
                          format == MC_VALUE_COUNT && integral ? MC_COLUMN_TYPE_INTEGER : MC_COLUMN_TYPE_NUMBER, n);
  for (gsize r = 0; r < n; r++)
    if (texts[r] == NULL)
      mc_column_set_missing (column, r);
    else if (column->type == MC_COLUMN_TYPE_INTEGER)
      column->v.i64[r] = (gint64) g_ascii_strtod (texts[r], NULL);
    else
      column->v.f64[r] = g_ascii_strtod (texts[r], NULL);
  /* Money is written with two decimals (mc-xlsx-writer.c). */
  if (format == MC_VALUE_MONEY && c > 0)
    column->role = MC_ROLE_AMOUNT;
  return column;
}

McTable *
mc_chart_export_table (McChart *chart)
{
  g_autoptr(GPtrArray) rows = NULL;
  const char *title;
  GPtrArray *header;
  McTable *table;

  g_return_val_if_fail (MC_IS_CHART (chart), NULL);

  title = mc_chart_get_title (chart);
  table = mc_table_new (title != NULL && *title != '\0' ? title : "chart", NULL);
  rows = mc_chart_to_table (chart);
  /* A key figure is one cell, headed by its title: the value as shown. */
  if (mc_chart_get_kind (chart) == MC_CHART_KPI)
    {
      GPtrArray *row = g_ptr_array_index (rows, 0);
      const char *shown = g_ptr_array_index (row, 1);
      const char *value[] = { *shown != '\0' ? shown : NULL };
      g_autoptr(McColumn) column = mc_column_new_strings (title != NULL ? title : "", MC_COLUMN_TYPE_TEXT, value, 1);

      mc_table_add_column (table, column);
      return table;
    }
  header = g_ptr_array_index (rows, 0);
  for (guint c = 0; c < header->len; c++)
    {
      g_autoptr(McColumn) column = NULL;

      /* A header left blank is named as Mercato names it reading the
       * CSV, so that a sheet's first row is plainly its header. */
      if (*(const char *) g_ptr_array_index (header, c) == '\0')
        {
          g_free (header->pdata[c]);
          header->pdata[c] = g_strdup_printf ("column_%u", c + 1);
        }
      column = typed_column (chart, rows, c);

      mc_table_add_column (table, column);
    }
  return table;
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
      g_autoptr(McTable) table = mc_chart_export_table (chart);

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
