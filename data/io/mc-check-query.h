/* mc-check-query.h: a data-quality check that is a query, as the checks describe it to a server
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * quality/ decides which checks apply to a column and words what they
 * find; the checks that only count rows matching a condition (keys used
 * twice, keys with no parent, visits ending before they start, sales
 * before a release, values off their scale or below zero) can count them
 * where a database's rows are. This is what quality/ asks and what
 * server/ answers (mc-checks-sql.h): it lives here, below both, so that
 * neither sees the other; the loader joins them (mc_checks_set_push_down).
 */
#pragma once

#include "mc-dataset.h"

G_BEGIN_DECLS

#define MC_CHECK_QUERY_MAX_EXAMPLES 20

typedef enum
{
  MC_CHECK_QUERY_DUPLICATE_KEY,   /* rows reusing COLUMN's value of an earlier, different row */
  MC_CHECK_QUERY_ORPHAN,          /* COLUMN's values not found in OTHER_TABLE.OTHER_KEY */
  MC_CHECK_QUERY_DATE_ORDER,      /* END earlier than COLUMN */
  MC_CHECK_QUERY_BEFORE_RELEASE,  /* COLUMN's day before RELATED's, OTHER_TABLE's row that VIA refers to */
  MC_CHECK_QUERY_OUT_OF_RANGE,    /* COLUMN below LOW or above HIGH */
  MC_CHECK_QUERY_NEGATIVE,        /* COLUMN below zero */
} McCheckQueryKind;

typedef struct
{
  McCheckQueryKind  kind;
  McTable          *table;        /* the table whose rows are counted */
  McColumn         *column;
  McColumn         *end;          /* DATE_ORDER */
  McColumn         *via;          /* BEFORE_RELEASE: the foreign key in TABLE */
  McTable          *other_table;  /* ORPHAN, BEFORE_RELEASE: the table referred to */
  McColumn         *other_key;    /* its key */
  McColumn         *related;      /* BEFORE_RELEASE: the release date in OTHER_TABLE */
  double            low;          /* OUT_OF_RANGE */
  double            high;
} McCheckQuery;

/* What a query found: how many rows, and the source lines of the first
 * ones, as mc_table_get_row_line() numbers them. */
typedef struct
{
  gsize    count;
  guint32  examples[MC_CHECK_QUERY_MAX_EXAMPLES];
  guint    n_examples;
} McCheckCount;

/* Counts QUERY's rows where its table's rows are; FALSE with ERROR when
 * it cannot (the table is not a database's, a column's type on the
 * server cannot give the column store's values, or the server failed). */
typedef gboolean (*McCheckQueryFunc) (const McCheckQuery  *query,
                                      McCheckCount        *count,
                                      GCancellable        *cancellable,
                                      GError             **error);

G_END_DECLS
