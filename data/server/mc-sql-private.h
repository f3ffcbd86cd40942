/* mc-sql-private.h: what the server's queries share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-column.h"

G_BEGIN_DECLS

/* QUOTED (COLUMN on the server, "t"."name") as the text of a key, NULL
 * where the column store has none: empty, or a text it read as missing
 * (a placeholder such as "data layer field missing"), each such text a
 * parameter appended to PARAMS (char *). */
char         *_mc_sql_key_text            (GPtrArray    *params,
                                           McColumn     *column,
                                           const char   *quoted);

G_END_DECLS
