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

static McAnalysis *
analysis_new (McDataset *dataset)
{
  McAnalysis *analysis = g_new0 (McAnalysis, 1);

  analysis->metrics = mc_metrics_compute (dataset, NULL);
  analysis->patterns = mc_patterns_compute (dataset, NULL);
  analysis->platforms = mc_platform_analysis_compute (dataset, NULL);
  analysis->rfm = mc_rfm_compute (dataset, G_MININT32, &analysis->reference_day, NULL);
  analysis->sessions = mc_sessions_compute (dataset, NULL);
  return analysis;
}

const McAnalysis *
mc_dataset_get_analysis (McDataset *dataset)
{
  McAnalysis *analysis;

  g_return_val_if_fail (MC_IS_DATASET (dataset), NULL);

  /* One worker computes it; a reader on another thread waits for it
   * rather than computing it twice. */
  g_mutex_lock (&analysis_mutex);
  analysis = g_object_get_data (G_OBJECT (dataset), "mc-analysis");
  if (analysis == NULL)
    {
      analysis = analysis_new (dataset);
      g_object_set_data_full (G_OBJECT (dataset), "mc-analysis", analysis, (GDestroyNotify) analysis_free);
    }
  g_mutex_unlock (&analysis_mutex);
  return analysis;
}
