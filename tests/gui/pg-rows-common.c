/* pg-rows-common.c: what the GUI tests on a database share to read the Tables page's rows
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pg-rows-common.h"

McPgRows *
shown_rows (McWindow *window)
{
  GtkSelectionModel *selection = gtk_column_view_get_model (mc_window_get_rows_view (window));

  return MC_PG_ROWS (gtk_single_selection_get_model (GTK_SINGLE_SELECTION (selection)));
}

gboolean
page_read (gpointer rows)
{
  return !mc_pg_rows_get_loading (rows);
}

const char *
cell (McPgRows *rows,
      guint     row,
      guint     column)
{
  g_autoptr(GtkStringList) cells = g_list_model_get_item (G_LIST_MODEL (rows), row);

  /* The model keeps its rows: the string outlives this reference. */
  return gtk_string_list_get_string (cells, column);
}
