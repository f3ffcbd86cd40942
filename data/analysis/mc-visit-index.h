/* mc-visit-index.h: what the analysis reads of the visits, worked out once per dataset
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-dataset.h"
#include "mc-metrics.h"
#include "mc-query.h"

G_BEGIN_DECLS

/* All visits, or those of one month: every figure but conversion, which
 * depends on the purchases a filter keeps. */
typedef struct
{
  char           *key;            /* "2023-05"; NULL for all visits */
  gint32          month;          /* of mc_time_bucket_of_day(MONTH); G_MININT32 for all visits */
  McVisitMetrics  figures;        /* conversion_rate 0 */
  guint32        *visitors;       /* their distinct visitor codes, ascending */
  gsize           n_visitors;
  guint64        *has_visitor;    /* a bit per visitor code: whether they visited in it */
} McVisitGroupIndex;

/* The visits table read once: the codes of its visitors, sessions,
 * types and months, and what does not depend on the purchases. */
typedef struct
{
  McTable           *table;
  gsize              n_rows;
  McColumn          *start;
  McColumn          *end;
  McColumn          *order;
  McColumn          *type;
  McColumn          *customer;
  McKeyCodes         visitors;    /* codes NULL without a customer column */
  McKeyCodes         sessions;    /* codes NULL without a session id */
  McKeyCodes         types;       /* codes NULL without a visit type */
  McVisitGroupIndex  all;
  GArray            *months;      /* McVisitGroupIndex, by the visits' start */
  gboolean           has_hours;
  double             by_weekday_hour[7][24];
  gint64            *first_visit;   /* per visitor code, µs; G_MAXINT64 if never dated */
  gsize             *type_visitors; /* per type code: visitors with a visit of it */
  double            *type_days;     /* per type code: their days from first visit to first of it, summed */
  /* Each visitor's visits by their start, so that a filter's funnel reads
   * only its buyers' visits up to their first order: visitor v's are at
   * journey_offsets[v] to journey_offsets[v + 1] − 1 of these. */
  gsize             *journey_offsets;
  gint64            *journey_starts;  /* µs (days × µs a day for dates); G_MAXINT64 when missing */
  guint32           *journey_types;   /* type codes; MC_NO_CODE for none */
  /* private */
  GMutex             matches_mutex;
  GHashTable        *matches;       /* customers' labels → Match, for the *_of_* functions */
} McVisitIndex;

/* The visits index of DATASET's model's visits, computed on the first
 * call (slow on large data: call it on a worker) and kept with the
 * dataset; NULL without a visits table. */
const McVisitIndex *mc_visit_index_for_dataset (McDataset *dataset);
/* The same, giving up (NULL, CANCELLED set, nothing kept) when
 * CANCELLABLE is cancelled while it is worked out. */
const McVisitIndex *mc_visit_index_for_dataset_full (McDataset     *dataset,
                                                     GCancellable  *cancellable,
                                                     gboolean      *cancelled);

/* For customer codes of LABELS (a purchases' key codes' labels), the
 * visitor of the same id, or MC_NO_CODE; worked out once per LABELS. */
const guint32      *mc_visit_index_visitors_of_customers (const McVisitIndex *index,
                                                          GPtrArray          *labels);
/* For each visitor code, the customer code among LABELS of the same id,
 * or MC_NO_CODE; worked out once per LABELS. */
const guint32      *mc_visit_index_customers_of_visitors (const McVisitIndex *index,
                                                          GPtrArray          *labels);
/* The index of the month group of MONTH (mc_time_bucket_of_day(MONTH)),
 * or -1. */
int                 mc_visit_index_find_month  (const McVisitIndex *index,
                                                gint32              month);

static inline gboolean
mc_visit_index_month_has (const McVisitIndex *index,
                          guint               group,
                          guint32             visitor)
{
  const guint64 *bits = g_array_index (index->months, McVisitGroupIndex, group).has_visitor;

  return (bits[visitor >> 6] >> (visitor & 63)) & 1;
}

/* Sorts VALUES ascending (a radix sort: a filter sorts many ids). */
void                mc_sort_u64                (guint64   *values,
                                                gsize      n);
/* Sorts VALUES and counts the distinct ones; REPEATED (may be NULL)
 * receives how many of them occur more than once. */
gsize               mc_count_distinct_u64      (guint64   *values,
                                                gsize      n,
                                                gsize     *repeated);
/* Puts the rows of each KEY value one after the other in ROWS (a
 * counting sort); value g's rows are ROWS[offsets[g]] to
 * ROWS[offsets[g + 1] − 1]. Returns the offsets. */
gsize              *mc_key_codes_group_rows    (const McKeyCodes *key,
                                                gsize             n_rows,
                                                gsize            *rows);

/* The column of TABLE (visits) that says which session each row is of. */
McColumn     *mc_visit_index_find_session (McTable      *table);
/* The duration of the visit in ROW, in minutes (mc-visit-index.c). */
gboolean      mc_visit_minutes            (McColumn     *start,
                                           McColumn     *end,
                                           gsize         row,
                                           double       *minutes);

G_END_DECLS
