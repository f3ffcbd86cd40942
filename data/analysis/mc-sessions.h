/* mc-sessions.h: sessions that may end in a purchase, as web analytics keep them
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-dataset.h"

G_BEGIN_DECLS

typedef struct
{
  gsize    sessions;
  gsize    converted;         /* sessions that bought */
  double   conversion_rate;   /* converted ÷ sessions */
  gboolean has_pages;
  double   mean_pages;        /* pages viewed per session */
  gboolean has_minutes;
  double   mean_minutes;      /* time on site per session */
  gboolean has_bounce;
  double   bounce_rate;       /* the sessions' mean bounce rate */
  gboolean has_returning;
  double   returning_share;   /* sessions of returning visitors ÷ sessions */
} McSessionFigures;

typedef struct
{
  char             *key;      /* "Feb", "Returning_Visitor", "2" */
  McSessionFigures  figures;
} McSessionGroup;

typedef struct
{
  McSessionFigures  overall;
  GArray           *by_month;            /* McSessionGroup in calendar order; NULL without a month */
  GArray           *by_visitor_type;     /* NULL without one */
  GArray           *by_traffic_source;   /* NULL without one */
  /* The columns the figures come from, to say how they were made. */
  char             *converted_column;
  char             *month_column;
  char             *visitor_column;
  char             *traffic_column;
  char             *pages_columns;       /* "Administrative + Informational + ProductRelated" */
  char             *duration_columns;
} McSessions;

/* The sessions of the model's visits table that has a converted flag
 * (the model's "converted"); NULL, with ERROR, when there is none. */
McSessions   *mc_sessions_compute         (McDataset    *dataset,
                                           GError      **error);
void          mc_sessions_free            (McSessions   *sessions);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McSessions, mc_sessions_free)

G_END_DECLS
