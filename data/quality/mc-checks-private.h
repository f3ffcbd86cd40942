/* mc-checks-private.h: what the files of the checks share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-check-query.h"
#include "mc-checks.h"

G_BEGIN_DECLS

/* One run of the checks: the findings it has kept so far. */
typedef struct
{
  McDataset    *dataset;
  GPtrArray    *findings;
  gint64        now;
  GCancellable *cancellable;
  McTable      *table;            /* the table being checked */
  gboolean      on_server;        /* the finding being made was counted on the server */
  char         *server_error;     /* why it was not, though it could have been */
} Checker;

/* Starts a finding about COLUMNS (NULL-terminated) of TABLE. */
McFinding    *_mc_finding_new             (const char   *check,
                                           McSeverity    severity,
                                           McTable      *table,
                                           const char   *column,
                                           ...);
void          _mc_finding_add_row         (McFinding    *finding,
                                           McTable      *table,
                                           gsize         row);
/* Counts QUERY's rows into FINDING where its table's rows are, when that
 * is a database's server: FALSE when the rows in memory are to be
 * counted instead (the table is no database's, or the server failed:
 * the finding then says so). */
gboolean      _mc_checks_count_on_server  (Checker            *checker,
                                           const McCheckQuery *query,
                                           McFinding          *finding);
/* Keeps FINDING when it found something, with MESSAGE (taken). */
void          _mc_checks_emit             (Checker      *checker,
                                           McFinding    *finding,
                                           char         *message);

/* mc-checks-values.c: the checks of numbers, ratings, durations and dates. */
void          _mc_check_value_outliers    (Checker      *checker,
                                           McTable      *table,
                                           McColumn     *column);
void          _mc_check_price_ratio       (Checker      *checker,
                                           McTable      *table,
                                           McColumn     *column);
void          _mc_check_rating_range      (Checker      *checker,
                                           McTable      *table,
                                           McColumn     *column);
void          _mc_check_future            (Checker      *checker,
                                           McTable      *table,
                                           McColumn     *column);
void          _mc_check_too_old           (Checker      *checker,
                                           McTable      *table,
                                           McColumn     *column);
void          _mc_check_before_release    (Checker      *checker,
                                           McTable      *table,
                                           McColumn     *column);
void          _mc_check_spans             (Checker      *checker,
                                           McTable      *table);

G_END_DECLS
