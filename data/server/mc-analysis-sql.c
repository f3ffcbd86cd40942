/* mc-analysis-sql.c: a filter's analysis computed on a database's server
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-analysis"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-analysis-sql.h"
#include "mc-metrics-sql.h"
#include "mc-patterns-sql.h"
#include "mc-pg-source.h"
#include "mc-platforms-sql.h"
#include "mc-rfm-sql.h"
#include "mc-server-run.h"

typedef struct
{
  McDataset        *dataset;
  McPurchasesQuery *query;
  McAnalysis       *analysis;
  GCancellable     *cancellable;
} Run;

/* Why a piece was computed in memory, with the figures' warnings. */
static void
warn_in_memory (Run          *run,
                const char   *in_memory,
                const GError *error)
{
  char *not_pushed_down;

  mc_server_say_not_pushed_down (&not_pushed_down, in_memory, error);
  if (not_pushed_down != NULL)
    g_ptr_array_add (run->analysis->metrics->warnings, not_pushed_down);
}

static gboolean
has_fields (const McPurchasesQuery *query,
            McPurchasesField        a,
            McPurchasesField        b)
{
  return query->fields[a] != NULL && query->fields[b] != NULL;
}

static void
compute_platforms (Run *run)
{
  McAnalysis *analysis = run->analysis;
  g_autoptr(GError) error = NULL;

  if (has_fields (run->query, MC_PURCHASES_PRODUCT_TYPE, MC_PURCHASES_CHANNEL)
      && (analysis->platforms = mc_platforms_sql_compute_query (run->query, run->cancellable, &error)) != NULL)
    return;
  warn_in_memory (run, _("Platform × type was computed in memory, not on the database's server"), error);
  analysis->platforms = mc_platform_analysis_compute_for (run->dataset, analysis->purchases, NULL);
}

/* RFM as of AT; the column store's when the server fails. None on or
 * before AT is no failure: the column store finds none either. */
static GArray *
rfm_at (Run    *run,
        gint32  at,
        gint32 *reference_day)
{
  g_autoptr(GError) error = NULL;
  GArray *rows = NULL;

  if (!has_fields (run->query, MC_PURCHASES_CUSTOMER, MC_PURCHASES_TIME)
      || ((rows = mc_rfm_sql_compute_query (run->query, at, reference_day, run->cancellable, &error)) == NULL
          && error != NULL && error->domain == MC_PG_ERROR))
    {
      warn_in_memory (run, _("RFM was computed in memory, not on the database's server"), error);
      rows = mc_rfm_compute_for (run->analysis->purchases, at, reference_day, NULL);
    }
  return rows;
}

static void
compute_rfm (Run *run)
{
  McAnalysis *analysis = run->analysis;
  gint32 ignored;

  analysis->rfm = rfm_at (run, G_MININT32, &analysis->reference_day);
  if (analysis->rfm != NULL && !g_cancellable_is_cancelled (run->cancellable))
    analysis->rfm_before = rfm_at (run, analysis->reference_day - MC_ANALYSIS_MOVEMENT_DAYS, &ignored);
}

/* No purchase with a customer, a time and an amount is no failure:
 * the column store then says so. */
static void
compute_patterns (Run *run)
{
  McAnalysis *analysis = run->analysis;
  g_autoptr(GError) error = NULL;
  char *visits_in_memory = NULL;

  if (has_fields (run->query, MC_PURCHASES_CUSTOMER, MC_PURCHASES_TIME)
      && (analysis->patterns = mc_patterns_sql_compute_query (run->dataset, run->query, run->cancellable,
                                                              &visits_in_memory, &error)) != NULL)
    {
      if (visits_in_memory != NULL)
        g_ptr_array_add (analysis->metrics->warnings, visits_in_memory);
      return;
    }
  warn_in_memory (run, _("The purchase patterns were computed in memory, not on the database's server"), error);
  analysis->patterns = mc_patterns_compute_for (run->dataset, analysis->purchases, NULL);
}

gboolean
mc_analysis_sql_compute_query (McDataset         *dataset,
                               McPurchasesQuery  *query,
                               McAnalysis        *analysis,
                               GCancellable      *cancellable,
                               GError           **error)
{
  Run run = { dataset, query, analysis, cancellable };
  McMetrics *metrics;

  g_return_val_if_fail (MC_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (analysis != NULL && analysis->purchases != NULL, FALSE);

  if (!mc_server_is_enabled (dataset) || mc_pg_table_get_origin (query->source) == NULL)
    return FALSE;
  /* The first query says whether the filter can be computed there at
   * all (every condition said in SQL, the server reached). */
  if ((metrics = mc_metrics_sql_compute_query (dataset, query, cancellable, error)) == NULL)
    return FALSE;
  /* The visit figures are the whole's; conversion, of the filter's buyers. */
  mc_metrics_sql_add_visits (metrics, dataset, query, analysis->purchases, cancellable);
  g_ptr_array_add (metrics->warnings, g_strdup (_("The filter's figures were computed on the database's server.")));
  analysis->metrics = metrics;
  /* A newer filter stops the pieces still to do; the caller frees the
   * analysis half made. */
  if (!g_cancellable_is_cancelled (cancellable))
    compute_rfm (&run);
  if (!g_cancellable_is_cancelled (cancellable))
    compute_platforms (&run);
  if (!g_cancellable_is_cancelled (cancellable))
    compute_patterns (&run);
  return TRUE;
}

McPurchasesQuery *
mc_analysis_sql_filter_query (McDataset *dataset,
                              GPtrArray *conditions)
{
  McPurchasesQuery *query;

  g_return_val_if_fail (MC_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (conditions != NULL, NULL);

  if ((query = mc_server_purchases_query (dataset)) != NULL)
    mc_purchases_query_add_conditions (query, conditions);
  return query;
}
