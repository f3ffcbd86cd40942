/* mc-checks.h: what is wrong with a dataset
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-check-query.h"
#include "mc-dataset.h"

G_BEGIN_DECLS

typedef enum
{
  MC_SEVERITY_INFO,      /* worth knowing, nothing to fix (an optional column's gaps) */
  MC_SEVERITY_WARNING,   /* probably wrong: look at it */
  MC_SEVERITY_ERROR,     /* wrong: analyses will be off until it is fixed */
} McSeverity;

#define MC_FINDING_MAX_EXAMPLES MC_CHECK_QUERY_MAX_EXAMPLES

typedef struct
{
  char        *check;      /* a stable name of DESIGN.md: "duplicate_rows"… */
  McSeverity   severity;
  char        *table;
  GStrv        columns;    /* one column, or several ("start", "end") */
  gsize        count;
  guint32      examples[MC_FINDING_MAX_EXAMPLES];  /* source line numbers */
  guint        n_examples;
  char        *message;    /* one sentence a non-programmer understands */
} McFinding;

/* Runs every check on DATASET; returns McFinding*, grouped by table in
 * the dataset's order, in the order of the checks within a table. NOW is
 * the moment future dates are compared with, in µs since the epoch. */
GPtrArray    *mc_checks_run               (McDataset    *dataset,
                                           gint64        now);
/* mc_checks_run(), giving up between columns when CANCELLABLE is
 * cancelled: NULL then, never part of the findings. */
GPtrArray    *mc_checks_run_full          (McDataset    *dataset,
                                           gint64        now,
                                           GCancellable *cancellable);
/* Installs what counts the checks that are queries on a database's
 * server (server/mc-checks-sql.h, which the loader installs); without
 * it, or for tables read from files, they count the rows in memory. */
void          mc_checks_set_push_down     (McCheckQueryFunc  func);
void          mc_finding_free             (McFinding    *finding);
/* The outlier fences of a numeric column, as the outlier check uses
 * them; LOW is -G_MAXDOUBLE when no value can fall below it. */
gboolean      mc_checks_iqr_fences        (McColumn     *column,
                                           double       *low,
                                           double       *high);
/* The usual scale (1–5, 0–5, 1–10, 0–10, 0–100) that holds 95 % of a
 * rating column's values; FALSE when none does. */
gboolean      mc_checks_rating_scale      (McColumn     *column,
                                           double       *low,
                                           double       *high);
const char   *mc_severity_to_string       (McSeverity    severity);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McFinding, mc_finding_free)

G_END_DECLS
