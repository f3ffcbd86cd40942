/* mc-table-model.h: a table's rows as a list model, made on demand
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mc-table.h"

G_BEGIN_DECLS

#define MC_TYPE_TABLE_ROW (mc_table_row_get_type ())

G_DECLARE_FINAL_TYPE (McTableRow, mc_table_row, MC, TABLE_ROW, GObject)

guint         mc_table_row_get_index      (McTableRow   *self);

#define MC_TYPE_TABLE_MODEL (mc_table_model_get_type ())

G_DECLARE_FINAL_TYPE (McTableModel, mc_table_model, MC, TABLE_MODEL, GObject)

McTableModel *mc_table_model_new          (McTable      *table);
McTable      *mc_table_model_get_table    (McTableModel *self);
/* Orders the rows by COLUMN (−1: the file's order), equal values keeping
 * their order. */
void          mc_table_model_sort         (McTableModel *self,
                                           int           column,
                                           gboolean      descending);
/* Keeps the rows where some cell contains TEXT, ignoring case (NULL or
 * "": all rows). */
void          mc_table_model_search       (McTableModel *self,
                                           const char   *text);

G_END_DECLS
