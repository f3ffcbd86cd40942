/* mc-workbook-reader.h: tell files apart by content, read .xlsx and .ods
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-csv-reader.h"

G_BEGIN_DECLS

#define MC_WORKBOOK_ERROR (mc_workbook_error_quark ())

typedef enum
{
  MC_WORKBOOK_ERROR_NOT_A_TABLE,   /* neither delimited text nor a workbook */
  MC_WORKBOOK_ERROR_ENCRYPTED,
  MC_WORKBOOK_ERROR_CORRUPT,
  MC_WORKBOOK_ERROR_EMPTY,
} McWorkbookError;

typedef enum
{
  MC_FILE_KIND_TEXT,   /* delimited text: the CSV reader's */
  MC_FILE_KIND_XLSX,   /* Office Open XML workbook */
  MC_FILE_KIND_ODS,    /* OpenDocument spreadsheet */
} McFileKind;

GQuark        mc_workbook_error_quark     (void);
/* Looks at the first bytes (and, for zip and OLE containers, at the
 * parts they hold), never at the name. FALSE, with an error naming what
 * the file is, for anything Mercato cannot read as a table. */
gboolean      mc_file_kind_detect         (const char          *path,
                                           McFileKind          *kind,
                                           GError             **error);
/* Every sheet with data, as tables named after the sheets. */
GPtrArray    *mc_workbook_read            (const char          *path,
                                           McFileKind           kind,
                                           McProgressFunc       progress,
                                           gpointer             user_data,
                                           GCancellable        *cancellable,
                                           GError             **error);

G_END_DECLS
