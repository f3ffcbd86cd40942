/* mc-tables-page.h: the tables of the dataset, their columns and rows
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mc-session.h"

G_BEGIN_DECLS

#define MC_TYPE_TABLES_PAGE (mc_tables_page_get_type ())

G_DECLARE_FINAL_TYPE (McTablesPage, mc_tables_page, MC, TABLES_PAGE, AdwBin)

GtkWidget    *mc_tables_page_new              (McSession    *session);
McSession    *mc_tables_page_get_session      (McTablesPage *self);
void          mc_tables_page_set_session      (McTablesPage *self,
                                               McSession    *session);
void          mc_tables_page_find             (McTablesPage *self);
void          mc_tables_page_sort_rows        (McTablesPage *self,
                                               int           column,
                                               gboolean      descending);
gboolean      mc_tables_page_show_row         (McTablesPage *self,
                                               const char   *table_name,
                                               guint         line);
void          mc_tables_page_show_customers   (McTablesPage *self);
void          mc_tables_page_scroll_to_start  (McTablesPage *self);

G_END_DECLS
