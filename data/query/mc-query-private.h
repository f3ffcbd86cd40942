/* mc-query-private.h: what the files of the queries share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-query.h"

G_BEGIN_DECLS

/* Most slots a result may address densely; 2^24 doubles are 128 MB. */
#define MAX_SLOTS ((gsize) 1 << 24)

/* Reads a column of the table queried, or of the related table. */
typedef struct
{
  McColumn *column;
  gssize   *rows;   /* row of the related table per row; NULL: same table */
} Reader;

void          _mc_reader_init             (Reader       *reader,
                                           McColumnRef   ref,
                                           gsize         n_rows);
void          _mc_reader_clear            (Reader       *reader);

/* The row of reader->column holding row R's value, or -1 when missing. */
static inline gssize
_mc_reader_row (const Reader *reader,
                gsize         r)
{
  gssize row = reader->rows != NULL ? reader->rows[r] : (gssize) r;

  return row >= 0 && !mc_column_is_missing (reader->column, row) ? row : -1;
}

G_END_DECLS
