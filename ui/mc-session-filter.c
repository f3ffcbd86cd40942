/* mc-session-filter.c: the part of the dataset the pages show
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A chart's mark or a segment keeps some purchases: their figures and
 * charts are worked out on a worker thread, the label said at once.
 * Data Quality and cleaning keep to the whole dataset.
 */
#define G_LOG_DOMAIN "mc-session"

#include "config.h"

#include "mc-analysis-sql.h"
#include "mc-model.h"
#include "mc-session-private.h"
#include "mc-taking-part.h"

/* The filter */

static void filter_start (McSession           *self,
                          McDataset           *filtered,
                          GPtrArray           *conditions,
                          const char          *label,
                          McPurchasesQuery    *query,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data);

typedef struct
{
  McDataset *filtered;  /* NULL until the worker selected CONDITIONS' rows */
  McDataset *whole;
  McChartData *charts;  /* the whole's, to select the rows of CONDITIONS from; or NULL */
  GPtrArray *conditions;
  gsize     *rows;      /* of the whole's purchases, or NULL: FILTERED is worked out afresh */
  gsize      n_rows;
  McPurchasesQuery *query; /* the rows' conditions, for a database's server; or NULL */
  McSession *session;   /* for the progress, which it outlives */
} Filtering;

static void
filtering_free (Filtering *filtering)
{
  g_clear_object (&filtering->filtered);
  g_clear_object (&filtering->whole);
  g_clear_pointer (&filtering->charts, mc_chart_data_free);
  g_clear_pointer (&filtering->conditions, g_ptr_array_unref);
  g_free (filtering->rows);
  g_clear_pointer (&filtering->query, mc_purchases_query_free);
  g_clear_object (&filtering->session);
  g_free (filtering);
}

/* The figures and charts of the whole's one analysis, filtered to ROWS
 * (a database's figures on its server, with QUERY's WHERE clauses):
 * nothing is inferred or derived again. */
static Snapshot *
snapshot_new_selection (Filtering     *filtering,
                        GCancellable  *cancellable,
                        GError       **error)
{
  Snapshot *snapshot;
  McAnalysis *analysis = mc_analysis_new_for_query (filtering->whole, filtering->query, filtering->rows,
                                                    filtering->n_rows, NULL, NULL, cancellable, error);

  /* Superseded by a newer filter or dataset: stopped, nothing shown. */
  if (analysis == NULL)
    return NULL;
  snapshot = g_new0 (Snapshot, 1);
  snapshot->dataset = g_object_ref (filtering->filtered);
  snapshot->analysis = analysis;
  snapshot->charts = mc_chart_data_new_for (filtering->whole, snapshot->analysis);
  return snapshot;
}

/* The purchases a chart's marks keep, and the dataset of them the Tables
 * page and the report list: a pass over every purchase, on the worker
 * (on 15 M rows it would hold the main thread for a third of a second). */
static gboolean
select_rows (Filtering  *filtering,
             GError    **error)
{
  McTable *purchases;

  if (filtering->conditions == NULL)
    return TRUE;
  filtering->rows = mc_chart_data_select (filtering->charts, filtering->conditions, &filtering->n_rows, error);
  if (filtering->rows == NULL)
    return FALSE;
  purchases = mc_model_find_purchases (filtering->whole);
  filtering->filtered = mc_dataset_new_with_rows (filtering->whole,
                                                  mc_dataset_lookup_table (filtering->whole, mc_table_get_name (purchases)),
                                                  filtering->rows, filtering->n_rows);
  return TRUE;
}

static gpointer
filter_work (gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  Filtering *filtering = data;
  Snapshot *snapshot;

  if (!select_rows (filtering, error))
    return NULL;
  /* A database's filtered figures: each query names the stage. */
  _mc_session_hear_queries (filtering->session);
  snapshot = filtering->rows != NULL ? snapshot_new_selection (filtering, cancellable, error)
                                     : _mc_snapshot_new_view (g_object_ref (filtering->filtered));
  _mc_session_hear_queries (NULL);
  if (snapshot == NULL)
    return NULL;
  /* Superseded while its figures were worked out: no listing either. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      _mc_snapshot_free (snapshot);
      return NULL;
    }

  /* A chart's selection lists its rows from the analysis's selection. */
  snapshot->listed = filtering->rows != NULL
                     ? mc_taking_part_new (filtering->whole, filtering->rows, filtering->n_rows)
                     : mc_dataset_new_taking_part (filtering->filtered, filtering->whole);
  return snapshot;
}

static void
filter_apply (McSession *self,
              Job       *job,
              gpointer   made)
{
  if (made == NULL)
    return;
  g_clear_pointer (&self->filtered, _mc_snapshot_free);
  self->filtered = made;
  _mc_session_notify (self, PROP_FILTERED);
}

/**
 * mc_session_filter_async:
 *
 * Keeps only the purchases that meet CONDITIONS (McChartCondition, as
 * charts' marks give them); the figures and charts are worked out again
 * on a worker thread. Data Quality and cleaning keep to the whole
 * dataset.
 */
void
mc_session_filter_async (McSession           *self,
                         GPtrArray           *conditions,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autofree char *label = NULL;

  g_return_if_fail (MC_IS_SESSION (self));
  g_return_if_fail (conditions != NULL);

  label = mc_chart_conditions_describe (conditions);
  filter_start (self, NULL, conditions, label, self->dataset != NULL ? mc_analysis_sql_filter_query (self->dataset, conditions) : NULL,
                callback, user_data);
}

/**
 * mc_session_filter_dataset_async:
 *
 * Keeps FILTERED, a part of the dataset shown (as LABEL says: "Website",
 * "the segment Big spenders"); its figures and charts are worked out on
 * a worker thread. The label is said at once, the filtered data once
 * ready.
 */
void
mc_session_filter_dataset_async (McSession           *self,
                                 McDataset           *filtered,
                                 const char          *label,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (MC_IS_SESSION (self));
  g_return_if_fail (MC_IS_DATASET (filtered));

  filter_start (self, filtered, NULL, label, NULL, callback, user_data);
}

/* Works FILTERED out on a worker: from the whole's analysis filtered to
 * ROWS (taken) of its purchases, which QUERY (taken, may be NULL)
 * describes, or afresh without them. */
static void
filter_start (McSession           *self,
              McDataset           *filtered,
              GPtrArray           *conditions,
              const char          *label,
              McPurchasesQuery    *query,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Filtering *filtering;

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, mc_session_filter_dataset_async);
  if (self->shown == NULL)
    {
      g_clear_pointer (&query, mc_purchases_query_free);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, "No dataset");
      return;
    }
  g_free (self->filter_label);
  self->filter_label = g_strdup (label);
  filtering = g_new0 (Filtering, 1);
  filtering->filtered = filtered != NULL ? g_object_ref (filtered) : NULL;
  filtering->whole = g_object_ref (self->dataset);
  /* The rows are selected on the worker, from charts of their own. */
  if (conditions != NULL)
    {
      filtering->charts = mc_chart_data_new (self->dataset);
      filtering->conditions = g_ptr_array_new_with_free_func (mc_purchases_condition_free);
      for (guint i = 0; i < conditions->len; i++)
        {
          McChartCondition *condition = g_ptr_array_index (conditions, i);

          g_ptr_array_add (filtering->conditions,
                           mc_purchases_condition_new (condition->role, condition->bucket, condition->value));
        }
    }
  filtering->query = query;
  filtering->session = g_object_ref (self);
  _mc_session_clear_progress (self);
  _mc_session_run_job (self, SLOT_FILTER, task, filter_work, filter_apply, (GDestroyNotify) _mc_snapshot_free, filtering,
           (GDestroyNotify) filtering_free);
  _mc_session_notify (self, PROP_FILTER_LABEL);
}

gboolean
mc_session_filter_finish (McSession     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  return _mc_session_finish_job (self, result, error) >= 0;
}

/**
 * mc_session_clear_filter:
 *
 * Keeps every purchase again, and drops a filter being worked out.
 */
void
mc_session_clear_filter (McSession *self)
{
  g_return_if_fail (MC_IS_SESSION (self));

  _mc_session_drop_filter (self);
}

