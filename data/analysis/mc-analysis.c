/* mc-analysis.c: everything worked out from a dataset's model, once
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window, the chart catalogue, the report and the CLI used to work
 * out the metrics, patterns and RFM each for itself. They now ask the
 * dataset for its one analysis, kept with it, so every page and export
 * shows the same figures and they are computed once per dataset (and per
 * filter, which is a dataset of its own).
 */
#define G_LOG_DOMAIN "mc-analysis"

#include "config.h"

#include "mc-analysis.h"

static GMutex analysis_mutex;

static void
analysis_free (McAnalysis *analysis)
{
  g_clear_pointer (&analysis->metrics, mc_metrics_free);
  g_clear_pointer (&analysis->patterns, mc_patterns_free);
  g_clear_pointer (&analysis->platforms, mc_platform_analysis_free);
  g_clear_pointer (&analysis->rfm, g_array_unref);
  g_clear_pointer (&analysis->sessions, mc_sessions_free);
  g_free (analysis);
}

/* Each part's share of the time, measured on the 1.5 M-row export. */
#define METRICS_DONE   0.62
#define PATTERNS_DONE  0.90
#define PLATFORMS_DONE 0.91
#define RFM_DONE       0.99

/* Reports a part done, unless the work is cancelled. */
static gboolean
part_done (McProgressFunc  progress,
           gpointer        user_data,
           double          fraction,
           GCancellable   *cancellable)
{
  if (g_cancellable_is_cancelled (cancellable))
    return FALSE;
  mc_progress_report (progress, user_data, fraction, NULL);
  return TRUE;
}

static McAnalysis *
analysis_drop (McAnalysis *analysis)
{
  analysis_free (analysis);
  return NULL;
}

/* Its parts in turn, reporting after each and stopping at the first
 * check that finds CANCELLABLE cancelled: NULL then, never a part-made
 * analysis. */
static McAnalysis *
analysis_new (McDataset      *dataset,
              McProgressFunc  progress,
              gpointer        user_data,
              GCancellable   *cancellable)
{
  McAnalysis *analysis = g_new0 (McAnalysis, 1);

  if (g_cancellable_is_cancelled (cancellable))
    return analysis_drop (analysis);
  analysis->metrics = mc_metrics_compute_full (dataset, cancellable, NULL);
  if (!part_done (progress, user_data, METRICS_DONE, cancellable))
    return analysis_drop (analysis);
  analysis->patterns = mc_patterns_compute_full (dataset, cancellable, NULL);
  if (!part_done (progress, user_data, PATTERNS_DONE, cancellable))
    return analysis_drop (analysis);
  analysis->platforms = mc_platform_analysis_compute (dataset, NULL);
  if (!part_done (progress, user_data, PLATFORMS_DONE, cancellable))
    return analysis_drop (analysis);
  analysis->rfm = mc_rfm_compute (dataset, G_MININT32, &analysis->reference_day, NULL);
  if (!part_done (progress, user_data, RFM_DONE, cancellable))
    return analysis_drop (analysis);
  analysis->sessions = mc_sessions_compute (dataset, NULL);
  if (!part_done (progress, user_data, 1.0, cancellable))
    return analysis_drop (analysis);
  return analysis;
}

/**
 * mc_dataset_compute_analysis:
 *
 * Works out the analysis mc_dataset_get_analysis() returns, unless it
 * already is, reporting PROGRESS (may be NULL) as its parts are done.
 * When CANCELLABLE is cancelled it stops at the next part or group,
 * keeps nothing and fails with G_IO_ERROR_CANCELLED.
 */
gboolean
mc_dataset_compute_analysis (McDataset       *dataset,
                             McProgressFunc   progress,
                             gpointer         user_data,
                             GCancellable    *cancellable,
                             GError         **error)
{
  McAnalysis *analysis;

  g_return_val_if_fail (MC_IS_DATASET (dataset), FALSE);

  /* One worker computes it; a reader on another thread waits for it
   * rather than computing it twice. */
  g_mutex_lock (&analysis_mutex);
  analysis = g_object_get_data (G_OBJECT (dataset), "mc-analysis");
  if (analysis == NULL && (analysis = analysis_new (dataset, progress, user_data, cancellable)) != NULL)
    g_object_set_data_full (G_OBJECT (dataset), "mc-analysis", analysis, (GDestroyNotify) analysis_free);
  g_mutex_unlock (&analysis_mutex);
  return analysis != NULL || !g_cancellable_set_error_if_cancelled (cancellable, error);
}

const McAnalysis *
mc_dataset_get_analysis (McDataset *dataset)
{
  g_return_val_if_fail (MC_IS_DATASET (dataset), NULL);

  mc_dataset_compute_analysis (dataset, NULL, NULL, NULL, NULL);
  return g_object_get_data (G_OBJECT (dataset), "mc-analysis");
}
