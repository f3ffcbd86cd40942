/* mc-csv-reader.h: read a CSV file into a typed, columnar McTable
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mc-progress.h"
#include "mc-table.h"

G_BEGIN_DECLS

#define MC_CSV_ERROR (mc_csv_error_quark ())

typedef enum
{
  MC_CSV_ERROR_IO,
  MC_CSV_ERROR_EMPTY,
  MC_CSV_ERROR_UNTERMINATED_QUOTE,
  MC_CSV_ERROR_RAGGED_ROWS,
  MC_CSV_ERROR_PARSE,
} McCsvError;

typedef enum
{
  MC_CSV_HEADER_AUTO,
  MC_CSV_HEADER_PRESENT,
  MC_CSV_HEADER_ABSENT,
} McCsvHeader;

typedef struct
{
  guint        n_threads;   /* 0: one per processor */
  char         delimiter;   /* 0: detect */
  McCsvHeader  header;
} McCsvReadOptions;

GQuark        mc_csv_error_quark          (void);
McTable      *mc_csv_read                 (const char             *path,
                                           const McCsvReadOptions *options,
                                           McProgressFunc          progress,
                                           gpointer                user_data,
                                           GCancellable           *cancellable,
                                           GError                **error);

G_END_DECLS
