/* mc-visits-sql.h: the visit figures and the funnel counted on a database's server
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the visit index (mc-visit-index.c) works out of the visits in
 * memory, said in SQL over the visits table where it is: visits,
 * visitors, durations, sessions, the months of the visits, the visits
 * by weekday and hour, each visitor's first visit of each type; and
 * what the purchases a filter keeps make of them (conversion, the
 * funnel's buyers, days to the first order), matched to the buyers by
 * the text of the customer id. Only aggregate rows come back; the
 * figures are finished by the column store's code.
 */
#pragma once

#include "mc-metrics.h"
#include "mc-patterns.h"
#include "mc-server-run.h"

G_BEGIN_DECLS

/* The visit figures of METRICS (McMetrics.visits, .visits_by_month,
 * .has_visits), conversion counting the buyers among RUN's purchases
 * (opened with mc_server_run_open(); its parameters are added to).
 * TRUE, with nothing set, when DATASET has no visits the figures use;
 * FALSE with ERROR saying why when they cannot be counted on the server. */
gboolean      mc_visits_sql_add_metrics   (McServerRun  *run,
                                           McDataset    *dataset,
                                           McMetrics    *metrics,
                                           GError      **error);
/* The visit patterns of PATTERNS (the visits by weekday and hour, the
 * days from a buyer's first visit to their first order, the funnel)
 * of RUN's purchases' buyers, as mc_patterns_add_visits() makes them;
 * TRUE with nothing set without visits, FALSE with ERROR saying why. */
gboolean      mc_visits_sql_add_patterns  (McServerRun  *run,
                                           McDataset    *dataset,
                                           McPatterns   *patterns,
                                           GError      **error);

G_END_DECLS
