/* mc-sql-private.h: what the server's queries share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-column.h"
#include "mc-patterns.h"
#include "mc-pg-table.h"

G_BEGIN_DECLS

/* QUOTED (COLUMN on the server, "t"."name") as the text of a key, NULL
 * where the column store has none: empty, or a text it read as missing
 * (a placeholder such as "data layer field missing"), each such text a
 * parameter appended to PARAMS (char *). */
char         *_mc_sql_key_text            (GPtrArray    *params,
                                           McColumn     *column,
                                           const char   *quoted);

/* The server types of the columns a time is read from. */
#define MC_SQL_TIME_TYPES "date timestamp timestamptz"

/* "t"."name" of COLUMN of TABLE, when it is a column of the same
 * database and schema as SOURCE (the purchases') whose server type is
 * one of TYPES (space-separated; NULL: any); else NULL, and what needs
 * it is computed in memory. */
char         *_mc_sql_column_on_server    (McPgConnection   *connection,
                                           const McPgOrigin *source,
                                           McTable          *table,
                                           McColumn         *column,
                                           const char       *types);
/* "schema"."table" t: TABLE (a database's) as the FROM of a query. */
char         *_mc_sql_table_on_server     (McPgConnection   *connection,
                                           McTable          *table);
/* Minutes from START to END (columns "t"."name", START_COLUMN the
 * column store's start) as mc_visit_minutes() has them: the column
 * store's microseconds (or days) subtracted; NULL when it ends first. */
char         *_mc_sql_visit_minutes       (McColumn         *start_column,
                                           const char       *start,
                                           const char       *end);
/* A cell as a number; NAN when it is NULL. */
double        _mc_sql_number_or_nan       (PGresult         *result,
                                           int               row,
                                           int               column);
/* DAYS from ROW's columns FIRST to FIRST + 4: how many, their mean,
 * 25th percentile, median and 75th percentile. */
void          _mc_sql_read_days           (PGresult         *result,
                                           int               row,
                                           int               first,
                                           McDays           *days);

G_END_DECLS
