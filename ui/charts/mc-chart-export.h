/* mc-chart-export.h: charts to PNG, SVG and PDF files, written atomically
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-chart.h"

G_BEGIN_DECLS

typedef enum
{
  MC_CHART_FILE_PNG,
  MC_CHART_FILE_SVG,
  MC_CHART_FILE_PDF,
  MC_CHART_FILE_CSV,      /* the chart's data, as its table */
} McChartFile;

/* From the file name's extension; FALSE when it is none of the four. */
gboolean  mc_chart_file_from_path  (const char   *path,
                                    McChartFile  *type);
/* Writes CHART at WIDTH × HEIGHT points (PNG: × SCALE pixels each) to
 * PATH: into a new file beside it first, renamed over PATH once whole,
 * so a failure leaves what was there. */
gboolean  mc_chart_export          (McChart      *chart,
                                    const char   *path,
                                    double        width,
                                    double        height,
                                    double        scale,
                                    GError      **error);

/* Writing a file atomically: reserve a new file beside PATH, write it,
 * then commit it (renamed over PATH) or, on failure, let it go. */
char     *mc_file_reserve_beside   (const char   *path,
                                    GError      **error);
gboolean  mc_file_commit           (const char   *temporary,
                                    const char   *path,
                                    GError      **error);

G_END_DECLS
