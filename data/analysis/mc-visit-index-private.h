/* mc-visit-index-private.h: what the parts of the visits index share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-value-parse.h"
#include "mc-visit-index.h"

G_BEGIN_DECLS

/* The µs of a date or datetime cell that is not missing. */
static inline gint64
micros_of (const McColumn *time,
           gsize           row)
{
  return time->type == MC_COLUMN_TYPE_DATE ? time->v.days[row] * MC_MICROS_PER_DAY : time->v.i64[row];
}

/* mc-visit-journeys.c: each visitor's first visit and days to each type,
 * and each visitor's visits by start. */
void _mc_visit_index_journeys       (McVisitIndex *self);
void _mc_visit_index_journey_visits (McVisitIndex *self);

G_END_DECLS
