/* mc-chart-export.h: charts to PNG, SVG and PDF files, written atomically
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-chart.h"
#include "mc-table.h"

G_BEGIN_DECLS

typedef enum
{
  MC_CHART_FILE_PNG,
  MC_CHART_FILE_SVG,
  MC_CHART_FILE_PDF,
  MC_CHART_FILE_CSV,      /* the chart's data, as its table */
  MC_CHART_FILE_XLSX,     /* the same data as a typed workbook */
} McChartFile;

/* From the file name's extension; FALSE when it is none of the five. */
gboolean  mc_chart_file_from_path  (const char   *path,
                                    McChartFile  *type);
/* Writes CHART at WIDTH × HEIGHT points (PNG: × SCALE pixels each) to
 * PATH, or its data (.csv: mc_chart_to_table(), .xlsx: mc_chart_export_table()): into a
 * new file beside it first, renamed over PATH once whole, so a failure
 * leaves what was there. */
gboolean  mc_chart_export          (McChart      *chart,
                                    const char   *path,
                                    double        width,
                                    double        height,
                                    double        scale,
                                    GError      **error);

/* The chart's rows as a typed table, for workbooks: days as dates,
 * counts as integers, money as amounts (two decimals), labels as text;
 * numbers hold the digits the CSV shows, so both reopen with the same
 * values. */
McTable  *mc_chart_export_table    (McChart      *chart);

/* The error of a cairo surface that failed to write TEMPORARY, the file
 * to become PATH: the cause in words (no space left, the size limit). */
void      mc_chart_export_set_error (GError        **error,
                                     const char     *path,
                                     const char     *temporary,
                                     cairo_status_t  status);

G_END_DECLS
