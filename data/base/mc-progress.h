/* mc-progress.h: how far a piece of work has gone, and in which stage
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The one way work in data/ says how far it is: FRACTION of the work
 * given to it, from 0 to 1, and STAGE, a translated sentence naming what
 * it is doing ("Reading orders.csv"), or NULL when it has nothing to add
 * to what its caller said. Reading, loading, the analysis and k-means
 * call it on the thread they run on, which may be a worker: whatever it
 * does must be safe there (McProgressSink is). */
typedef void (*McProgressFunc) (double      fraction,
                                const char *stage,
                                gpointer    user_data);

/* A part of a caller's work handed to a callee: the callee's 0 to 1 is
 * reported to FUNC as FROM to TO, under STAGE unless the callee names a
 * stage of its own. Read-only once made, so threads may share it. Pass
 * mc_progress_part_cb with the part as user data. */
typedef struct
{
  McProgressFunc  func;
  gpointer        user_data;
  double          from;
  double          to;
  const char     *stage;     /* borrowed; may be NULL */
} McProgress;

void          mc_progress_init            (McProgress     *self,
                                           McProgressFunc  func,
                                           gpointer        user_data,
                                           double          from,
                                           double          to,
                                           const char     *stage);
void          mc_progress_part_cb         (double          fraction,
                                           const char     *stage,
                                           gpointer        user_data);
/* Calls FUNC when there is one: the way to report. */
void          mc_progress_report          (McProgressFunc  func,
                                           gpointer        user_data,
                                           double          fraction,
                                           const char     *stage);

/* Where the reports of one piece of work end, for one observer: the
 * largest fraction reported yet (a pass that starts again never moves a
 * bar back) and the latest stage, kept under a mutex. CHANGED is called
 * on the reporting thread, outside the mutex, after every report that
 * changed something; it may be NULL when the observer polls. */
typedef struct
{
  GMutex          mutex;
  double          fraction;
  char           *stage;
  GFunc           changed;
  gpointer        changed_data;
} McProgressSink;

void          mc_progress_sink_init       (McProgressSink *self,
                                           GFunc           changed,
                                           gpointer        changed_data);
void          mc_progress_sink_clear      (McProgressSink *self);
/* An McProgressFunc: USER_DATA is the sink. */
void          mc_progress_sink_cb         (double          fraction,
                                           const char     *stage,
                                           gpointer        user_data);
/* Both at once, as last reported; STAGE receives a copy. */
double        mc_progress_sink_get        (McProgressSink *self,
                                           char          **stage);
/* Forgets what was reported, for a new piece of work. */
void          mc_progress_sink_reset      (McProgressSink *self);

G_END_DECLS
