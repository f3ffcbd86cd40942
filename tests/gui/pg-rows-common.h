/* pg-rows-common.h: what the GUI tests on a database share to read the Tables page's rows
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-pg-rows.h"
#include "mc-window-private.h"

G_BEGIN_DECLS

/* The rows of a database's table that WINDOW's Tables page shows. */
McPgRows   *shown_rows  (McWindow *window);
/* Whether no page of ROWS is on its way (for wait_until()). */
gboolean    page_read   (gpointer  rows);
/* The text of a cell of ROWS. */
const char *cell        (McPgRows *rows,
                         guint     row,
                         guint     column);

G_END_DECLS
