/* mc-csv-writer.h: write a table as CSV
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-table.h"

G_BEGIN_DECLS

gboolean      mc_csv_write                (McTable      *table,
                                           const char   *path,
                                           GError      **error);

/* Appends TEXT as one CSV field, quoted only where it must be. */
void          mc_csv_append_field         (GString      *out,
                                           const char   *text);
/* The same for a text cell, neutralised first if it looks like a
 * formula: every CSV writer uses this for text (mc_output_neutralise). */
void          mc_csv_append_text          (GString      *out,
                                           const char   *text);

G_END_DECLS
