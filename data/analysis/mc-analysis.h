/* mc-analysis.h: everything worked out from a dataset's model, once
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-dataset.h"
#include "mc-metrics.h"
#include "mc-patterns.h"
#include "mc-progress.h"
#include "mc-platforms.h"
#include "mc-rfm.h"
#include "mc-sessions.h"

G_BEGIN_DECLS

/* What the Overview, the charts, the report and mercato-cli read; each
 * member NULL when the data cannot give it. Owned by the dataset. */
typedef struct
{
  McMetrics          *metrics;
  McPatterns         *patterns;
  McPlatformAnalysis *platforms;
  GArray             *rfm;            /* McRfmRow, as of the last purchase day */
  McSessions         *sessions;       /* sessions with a converted flag (web analytics) */
  gint32              reference_day;
} McAnalysis;

/* The analysis of DATASET (of a filtered dataset: of its rows), worked
 * out on the first call — slow on large data, so call it first on a
 * worker thread — and the same on every later one. */
const McAnalysis *mc_dataset_get_analysis (McDataset *dataset);
/* Works it out now, on this thread, with progress and cancellation:
 * FALSE with G_IO_ERROR_CANCELLED, and no analysis kept, when cancelled. */
gboolean      mc_dataset_compute_analysis (McDataset      *dataset,
                                           McProgressFunc  progress,
                                           gpointer        user_data,
                                           GCancellable   *cancellable,
                                           GError        **error);

G_END_DECLS
