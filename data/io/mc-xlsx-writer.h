/* mc-xlsx-writer.h: write a table as an .xlsx workbook
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-table.h"
#include "mc-types.h"

G_BEGIN_DECLS

/* TRUE when PATH names a workbook (ends in .xlsx, in any case). */
gboolean      mc_xlsx_path_is_workbook    (const char   *path);
/* One sheet named after the table: typed cells, dates as dates, money
 * with two decimals, a bold frozen header with an autofilter. Written
 * as every output is (mc_output_reserve/mc_output_commit): beside PATH
 * and renamed over it, so PATH is whole or untouched. PATH may not be
 * the file TABLE was read from, nor (when SOURCES is given) any file of
 * SOURCES: sources are never replaced. */
gboolean      mc_xlsx_write               (McTable      *table,
                                           const char   *path,
                                           GError      **error);
gboolean      mc_xlsx_write_checked       (McTable      *table,
                                           McDataset    *sources,
                                           const char   *path,
                                           GError      **error);

G_END_DECLS
