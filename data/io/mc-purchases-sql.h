/* mc-purchases-sql.h: a description of the purchases compiled to SQL for PostgreSQL
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One SELECT whose rows are the purchases, as the column store's
 * purchases table has them: the source's rows, LEFT JOINed along the
 * model's relations, with these columns (NULL where the model has no
 * such field): amount (float8, NULL on lines that bring no money),
 * order_id, customer, channel, product_type, currency (text, NULL where
 * missing or empty), time (the server's date or timestamp), day (days
 * since 1970), quantity, rating, list_price (float8), is_return
 * (boolean). Identifiers are quoted by libpq; every value (statuses,
 * filter values, the expression's numbers) is a parameter.
 */
#pragma once

#include "mc-pg-connection.h"
#include "mc-purchases-query.h"

G_BEGIN_DECLS

/* The SELECT, its parameters appended to PARAMS (char *, "$1" is the
 * first of them); NULL, with ERROR saying what, when a column is not a
 * database's or its server type cannot give the column store's value
 * (a number kept as text). */
char         *mc_purchases_sql_compile    (const McPurchasesQuery *query,
                                           McPgConnection         *connection,
                                           GPtrArray              *params,
                                           GError                **error);
/* The output column of FIELD ("channel", "product_type"…). */
const char   *mc_purchases_sql_column     (McPurchasesField        field);

G_END_DECLS
