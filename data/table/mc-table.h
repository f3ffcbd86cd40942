/* mc-table.h: a table read from one CSV file
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "mc-column.h"

G_BEGIN_DECLS

#define MC_TYPE_TABLE (mc_table_get_type ())

G_DECLARE_FINAL_TYPE (McTable, mc_table, MC, TABLE, GObject)

McTable      *mc_table_new                (const char   *name,
                                           const char   *path);
McTable      *mc_table_select_rows        (McTable      *self,
                                           const gsize  *rows,
                                           gsize         n);
McTable      *mc_table_share_columns      (McTable      *self);
const char   *mc_table_get_name           (McTable      *self);
void          mc_table_set_name           (McTable      *self,
                                           const char   *name);
const char   *mc_table_get_path           (McTable      *self);
gsize         mc_table_get_n_rows         (McTable      *self);
guint         mc_table_get_n_columns      (McTable      *self);
McColumn     *mc_table_get_column         (McTable      *self,
                                           guint         index);
McColumn     *mc_table_lookup_column      (McTable      *self,
                                           const char   *name);
int           mc_table_get_column_index   (McTable      *self,
                                           const char   *name);
void          mc_table_add_column         (McTable      *self,
                                           McColumn     *column);
void          mc_table_replace_column     (McTable      *self,
                                           guint         index,
                                           McColumn     *column);
guint32       mc_table_get_row_line       (McTable      *self,
                                           gsize         row);
gssize        mc_table_find_row_at_line   (McTable      *self,
                                           guint32       line);
void          mc_table_set_row_lines      (McTable      *self,
                                           guint32      *lines,
                                           gsize         n_rows);
int           mc_table_get_primary_key    (McTable      *self);
void          mc_table_set_primary_key    (McTable      *self,
                                           int           column);
gboolean      mc_table_row_is_empty       (McTable      *self,
                                           gsize         row);
McColumn     *mc_table_find_role          (McTable      *self,
                                           McRole        role);
void          mc_table_set_role           (McTable      *self,
                                           guint         column,
                                           McRole        role);

/* How the file was written, as detected by the reader. */
const char   *mc_table_get_encoding       (McTable      *self);
void          mc_table_set_encoding       (McTable      *self,
                                           const char   *encoding);
char          mc_table_get_delimiter      (McTable      *self);
gboolean      mc_table_get_whitespace_aligned (McTable  *self);
void          mc_table_set_delimiter      (McTable      *self,
                                           char          delimiter,
                                           gboolean      whitespace_aligned);
gboolean      mc_table_get_has_header     (McTable      *self);
void          mc_table_set_has_header     (McTable      *self,
                                           gboolean      has_header);
const char   *mc_table_get_line_ending    (McTable      *self);
void          mc_table_set_line_ending    (McTable      *self,
                                           const char   *line_ending);
/* Sentences such as "converted from Windows-1252 to UTF-8". */
const GPtrArray *mc_table_get_notes       (McTable      *self);
void          mc_table_add_note           (McTable      *self,
                                           const char   *note);

G_END_DECLS
