/* mc-checks-sql.h: the data-quality checks that are queries, counted on a database's server
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each check (mc-check-query.h) is one aggregate query over every row
 * of the table on the server, however few were read into memory: the
 * count and the first example rows come back, nothing else. quality/
 * words the finding as it does for the column store, so both give the
 * same findings. Examples are rows in the server's storage order (the
 * order COPY sent them in), numbered as the table's lines.
 */
#pragma once

#include "mc-check-query.h"

G_BEGIN_DECLS

/* An McCheckQueryFunc: QUERY counted on the server its table was read
 * from; FALSE with ERROR when its table is not a database's, a column's
 * server type cannot give the column store's values (numbers kept as
 * text), or the server failed. CANCELLABLE stops the query (PQcancel). */
gboolean      mc_checks_sql_count         (const McCheckQuery  *query,
                                           McCheckCount        *count,
                                           GCancellable        *cancellable,
                                           GError             **error);

G_END_DECLS
