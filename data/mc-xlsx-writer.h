/* mc-xlsx-writer.h: write a table as an .xlsx workbook
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-table.h"

G_BEGIN_DECLS

/* TRUE when PATH names a workbook (ends in .xlsx, in any case). */
gboolean      mc_xlsx_path_is_workbook    (const char   *path);
/* One sheet named after the table: typed cells, dates as dates, money
 * with two decimals, a bold frozen header with an autofilter. Written
 * beside PATH and renamed over it, so PATH is whole or untouched. */
gboolean      mc_xlsx_write               (McTable      *table,
                                           const char   *path,
                                           GError      **error);
/* Reads the CSV at CSV_PATH as Mercato reads any CSV (so its columns
 * are typed) and writes it to PATH as a workbook. */
gboolean      mc_xlsx_write_from_csv      (const char   *csv_path,
                                           const char   *path,
                                           GError      **error);

G_END_DECLS
