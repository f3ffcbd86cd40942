/* mc-analysis.c: everything worked out from a dataset's model, once
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window, the chart catalogue, the report and the CLI used to work
 * out the metrics, patterns and RFM each for itself. They now ask the
 * dataset for its one analysis, kept with it, so every page and export
 * shows the same figures and they are computed once per dataset.
 *
 * A filter is a selection of the purchases' rows, and its analysis is
 * that of those rows (mc_analysis_new()); the dataset's own is that of
 * the selection of every row, so filtered and unfiltered figures come
 * from one code path and cannot disagree.
 */
#define G_LOG_DOMAIN "mc-analysis"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-analysis.h"
#include "mc-visit-index.h"

static GMutex analysis_mutex;
static McAnalysisPushDown push_down;

/**
 * mc_analysis_set_push_down:
 *
 * Installs the executor that computes a filter's analysis on a
 * database's server; called once, before any dataset is analysed.
 */
void
mc_analysis_set_push_down (McAnalysisPushDown func)
{
  push_down = func;
}

void
mc_analysis_free (McAnalysis *analysis)
{
  if (analysis == NULL)
    return;
  g_clear_pointer (&analysis->metrics, mc_metrics_free);
  g_clear_pointer (&analysis->patterns, mc_patterns_free);
  g_clear_pointer (&analysis->platforms, mc_platform_analysis_free);
  g_clear_pointer (&analysis->rfm, g_array_unref);
  g_clear_pointer (&analysis->rfm_before, g_array_unref);
  g_clear_pointer (&analysis->sessions, mc_sessions_free);
  g_clear_object (&analysis->purchases);
  g_free (analysis);
}

typedef struct
{
  McDataset    *dataset;
  McAnalysis   *analysis;
  gboolean      whole;          /* every purchase, not a filter's */
  GCancellable *cancellable;
  char         *patterns_not_pushed_down; /* why the patterns were computed in memory */
  GPtrArray    *not_pushed_down;          /* char *: why the others were */
} Pieces;

/* The patterns and metrics, beside RFM and the rest: about half the
 * work each, on two cores. */
static gpointer
patterns_thread (gpointer data)
{
  Pieces *pieces = data;
  McAnalysis *analysis = pieces->analysis;

  /* The whole dataset's patterns and sales figures come from its server
   * when it is a database; a filter's, from its rows. */
  if (!pieces->whole
      || (analysis->patterns = mc_patterns_compute_pushed (pieces->dataset, pieces->cancellable,
                                                           &pieces->patterns_not_pushed_down)) == NULL)
    analysis->patterns = mc_patterns_compute_for (pieces->dataset, analysis->purchases, NULL);
  if (g_cancellable_is_cancelled (pieces->cancellable))
    return NULL;
  if (pieces->whole)
    analysis->metrics = mc_metrics_compute_full (pieces->dataset, pieces->cancellable, NULL);
  else
    analysis->metrics = mc_metrics_compute_for (pieces->dataset, analysis->purchases, NULL);
  return NULL;
}

/* RFM as of AT: the whole dataset's from its server when it is a
 * database (mc_rfm_set_push_down()), a filter's from its rows. */
static GArray *
rfm_at (Pieces *pieces,
        gint32  at,
        gint32 *reference_day)
{
  char *not_pushed_down = NULL;
  GArray *rows = pieces->whole ? mc_rfm_compute_pushed (pieces->dataset, at, reference_day, pieces->cancellable,
                                                        &not_pushed_down)
                               : NULL;

  if (not_pushed_down != NULL)
    g_ptr_array_add (pieces->not_pushed_down, not_pushed_down);
  return rows != NULL ? rows : mc_rfm_compute_for (pieces->analysis->purchases, at, reference_day, NULL);
}

static void
compute_platforms (Pieces *pieces)
{
  McAnalysis *analysis = pieces->analysis;
  char *not_pushed_down = NULL;

  if (pieces->whole)
    analysis->platforms = mc_platform_analysis_compute_pushed (pieces->dataset, pieces->cancellable, &not_pushed_down);
  if (not_pushed_down != NULL)
    g_ptr_array_add (pieces->not_pushed_down, not_pushed_down);
  if (analysis->platforms == NULL)
    analysis->platforms = mc_platform_analysis_compute_for (pieces->dataset, analysis->purchases, NULL);
}

/* What was computed in memory although the figures came from the
 * server, and why: with the figures' warnings. */
static void
warn_not_pushed_down (Pieces *pieces)
{
  McMetrics *metrics = pieces->analysis->metrics;

  if (pieces->patterns_not_pushed_down != NULL)
    g_ptr_array_add (pieces->not_pushed_down, g_steal_pointer (&pieces->patterns_not_pushed_down));
  for (guint i = 0; metrics != NULL && metrics->pushed_down && i < pieces->not_pushed_down->len; i++)
    g_ptr_array_add (metrics->warnings, g_strdup (g_ptr_array_index (pieces->not_pushed_down, i)));
  g_ptr_array_unref (pieces->not_pushed_down);
}

static void
compute_rfm (Pieces *pieces)
{
  McAnalysis *analysis = pieces->analysis;
  gint32 ignored;

  analysis->rfm = rfm_at (pieces, G_MININT32, &analysis->reference_day);
  if (analysis->rfm != NULL && !g_cancellable_is_cancelled (pieces->cancellable))
    analysis->rfm_before = rfm_at (pieces, analysis->reference_day - MC_ANALYSIS_MOVEMENT_DAYS, &ignored);
}

static McTimeBucket
trend_bucket (const McMetrics *metrics)
{
  return metrics != NULL && metrics->by_month != NULL && metrics->span_years > 0
         && metrics->span_years * 365.25 <= MC_ANALYSIS_DAILY_SPAN_DAYS ? MC_BUCKET_DAY : MC_BUCKET_MONTH;
}

/* Each part's share of the time, measured on the 1.5 M-row export: the
 * visits read once, then the figures of the purchases. */
#define VISITS_DONE   0.80

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

/* The filter's figures from the database's server, QUERY's filters as
 * WHERE clauses, the sessions (not the purchases') in memory; FALSE when
 * they are to be computed in memory, NOT_ON_SERVER then saying why (or
 * NULL: nothing needs saying). */
static gboolean
compute_on_server (McDataset         *dataset,
                   McPurchasesQuery  *query,
                   McAnalysis        *analysis,
                   GCancellable      *cancellable,
                   char             **not_on_server)
{
  g_autoptr(GError) error = NULL;

  if (push_down == NULL)
    return FALSE;
  if (!push_down (dataset, query, analysis, cancellable, &error))
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        /* Translators: %s is the reason, or the server's error. */
        *not_on_server = g_strdup_printf (_("The filter's figures were computed in memory, not on the "
                                            "database's server: %s."), error->message);
      return FALSE;
    }
  if (!g_cancellable_is_cancelled (cancellable))
    analysis->sessions = mc_sessions_compute (dataset, NULL);
  return TRUE;
}

/* ANALYSIS's last part, and its progress; NULL when cancelled. */
static McAnalysis *
finish (McAnalysis     *analysis,
        McProgressFunc  progress,
        gpointer        user_data,
        GCancellable   *cancellable)
{
  analysis->trend_bucket = trend_bucket (analysis->metrics);
  if (!part_done (progress, user_data, 1.0, cancellable))
    g_clear_pointer (&analysis, mc_analysis_free);
  return analysis;
}

/* The analysis of ROWS, reporting PROGRESS after each part and stopping
 * at the first check that finds CANCELLABLE cancelled: NULL then, never
 * a part-made analysis. */
static McAnalysis *
analysis_compute (McDataset        *dataset,
                  McPurchasesQuery *query,
                  const gsize      *rows,
                  gsize             n_rows,
                  McProgressFunc    progress,
                  gpointer          user_data,
                  GCancellable     *cancellable)
{
  g_autofree char *not_on_server = NULL;
  McAnalysis *analysis;
  Pieces pieces;
  GThread *thread;
  gboolean cancelled = FALSE;

  if (g_cancellable_is_cancelled (cancellable))
    return NULL;
  /* Built once, before the two threads both want it. */
  mc_visit_index_for_dataset_full (dataset, cancellable, &cancelled);
  if (cancelled || !part_done (progress, user_data, VISITS_DONE, cancellable))
    return NULL;
  analysis = g_new0 (McAnalysis, 1);
  analysis->purchases = mc_purchase_selection_new (dataset, rows, n_rows);
  if (query != NULL && compute_on_server (dataset, query, analysis, cancellable, &not_on_server))
    return finish (analysis, progress, user_data, cancellable);
  if (g_cancellable_is_cancelled (cancellable))
    {
      mc_analysis_free (analysis);
      return NULL;
    }
  pieces = (Pieces) { dataset, analysis, rows == NULL, cancellable, NULL, g_ptr_array_new_with_free_func (g_free) };
  thread = g_thread_new ("mc-patterns", patterns_thread, &pieces);
  /* A filter superseded by a newer click stops between the pieces: the
   * pieces still to do are skipped, what was made is freed below. */
  compute_rfm (&pieces);
  if (!g_cancellable_is_cancelled (cancellable))
    compute_platforms (&pieces);
  if (!g_cancellable_is_cancelled (cancellable))
    analysis->sessions = mc_sessions_compute (dataset, NULL);
  g_thread_join (thread);
  warn_not_pushed_down (&pieces);
  if (not_on_server != NULL && analysis->metrics != NULL)
    g_ptr_array_add (analysis->metrics->warnings, g_steal_pointer (&not_on_server));
  return finish (analysis, progress, user_data, cancellable);
}

McAnalysis *
mc_analysis_new (McDataset   *dataset,
                 const gsize *rows,
                 gsize        n_rows)
{
  g_return_val_if_fail (MC_IS_DATASET (dataset), NULL);

  return analysis_compute (dataset, NULL, rows, n_rows, NULL, NULL, NULL);
}

/**
 * mc_analysis_new_full:
 *
 * mc_analysis_new(), reporting PROGRESS (may be NULL) after the visits
 * and at the end, and checking CANCELLABLE between its pieces: when it is
 * cancelled, NULL with G_IO_ERROR_CANCELLED, nothing half made kept.
 */
McAnalysis *
mc_analysis_new_full (McDataset       *dataset,
                      const gsize     *rows,
                      gsize            n_rows,
                      McProgressFunc   progress,
                      gpointer         user_data,
                      GCancellable    *cancellable,
                      GError         **error)
{
  return mc_analysis_new_for_query (dataset, NULL, rows, n_rows, progress, user_data, cancellable, error);
}

/**
 * mc_analysis_new_for_query:
 *
 * mc_analysis_new_full() of the purchases at ROWS, which QUERY (may be
 * NULL) describes: their figures computed on the database's server when
 * the dataset is a database's and QUERY can be said in SQL.
 */
McAnalysis *
mc_analysis_new_for_query (McDataset         *dataset,
                           McPurchasesQuery  *query,
                           const gsize       *rows,
                           gsize              n_rows,
                           McProgressFunc     progress,
                           gpointer           user_data,
                           GCancellable      *cancellable,
                           GError           **error)
{
  McAnalysis *analysis;

  g_return_val_if_fail (MC_IS_DATASET (dataset), NULL);

  analysis = analysis_compute (dataset, query, rows, n_rows, progress, user_data, cancellable);
  if (analysis == NULL)
    g_cancellable_set_error_if_cancelled (cancellable, error);
  return analysis;
}

/**
 * mc_analysis_compute_for_dataset:
 *
 * Works out the analysis mc_analysis_for_dataset() returns, unless it
 * already is, reporting PROGRESS (may be NULL) as its parts are done.
 * When CANCELLABLE is cancelled it stops at the next part, keeps nothing
 * and fails with G_IO_ERROR_CANCELLED.
 */
gboolean
mc_analysis_compute_for_dataset (McDataset       *dataset,
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
  if (analysis == NULL
      && (analysis = analysis_compute (dataset, NULL, NULL, 0, progress, user_data, cancellable)) != NULL)
    g_object_set_data_full (G_OBJECT (dataset), "mc-analysis", analysis, (GDestroyNotify) mc_analysis_free);
  g_mutex_unlock (&analysis_mutex);
  return analysis != NULL || !g_cancellable_set_error_if_cancelled (cancellable, error);
}

const McAnalysis *
mc_analysis_for_dataset (McDataset *dataset)
{
  g_return_val_if_fail (MC_IS_DATASET (dataset), NULL);

  mc_analysis_compute_for_dataset (dataset, NULL, NULL, NULL, NULL);
  return g_object_get_data (G_OBJECT (dataset), "mc-analysis");
}
