/* mc-session.h: the dataset open in a window and what the user did to it
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mc-analysis.h"
#include "mc-dataset.h"
#include "mc-standard-charts.h"

G_BEGIN_DECLS

#define MC_TYPE_SESSION (mc_session_get_type ())

G_DECLARE_FINAL_TYPE (McSession, mc_session, MC, SESSION, GObject)

McSession        *mc_session_new                     (void);

/* What is shown: the whole dataset, and what the pages show of it. */
McDataset        *mc_session_get_dataset             (McSession           *self);
const McAnalysis *mc_session_get_analysis            (McSession           *self);
GPtrArray        *mc_session_get_findings            (McSession           *self);
McChartData      *mc_session_get_charts              (McSession           *self);
GPtrArray        *mc_session_get_recipe              (McSession           *self);
GPtrArray        *mc_session_get_log                 (McSession           *self);
gboolean          mc_session_get_only_columns_added  (McSession           *self);

/* The filter: its label as soon as it is asked for, the filtered
 * purchases once they are worked out. */
const char       *mc_session_get_filter_label        (McSession           *self);
McDataset        *mc_session_get_filtered            (McSession           *self);
const McAnalysis *mc_session_get_filtered_analysis   (McSession           *self);
McChartData      *mc_session_get_filtered_charts     (McSession           *self);
McDataset        *mc_session_get_listed              (McSession           *self);

/* What runs on a worker thread. */
gboolean          mc_session_get_loading             (McSession           *self);
gboolean          mc_session_get_filtering           (McSession           *self);
gboolean          mc_session_get_changing            (McSession           *self);
gboolean          mc_session_get_remodelling         (McSession           *self);
gboolean          mc_session_get_writing             (McSession           *self);
gboolean          mc_session_get_busy                (McSession           *self);
double            mc_session_get_progress_fraction   (McSession           *self);
const char       *mc_session_get_progress_message    (McSession           *self);
gboolean          mc_session_get_can_undo            (McSession           *self);
gboolean          mc_session_get_can_redo            (McSession           *self);
char             *mc_session_describe_undo           (McSession           *self);
char             *mc_session_describe_redo           (McSession           *self);

/* Every operation below ends with G_IO_ERROR_CANCELLED when it was
 * cancelled or superseded: a newer one of its kind, or another dataset,
 * came first, and its result was dropped. */
gboolean          mc_session_error_is_said           (const GError        *error);
void              mc_session_open_async              (McSession           *self,
                                                      const char * const  *paths,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean          mc_session_open_finish             (McSession           *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);
void              mc_session_cancel_open             (McSession           *self);
void              mc_session_set_model_settings_async (McSession          *self,
                                                      GHashTable          *settings,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
void              mc_session_set_model_choice_async  (McSession           *self,
                                                      const char          *key,
                                                      const char          *value,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean          mc_session_set_model_finish        (McSession           *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);
void              mc_session_apply_recipe_async      (McSession           *self,
                                                      GPtrArray           *recipe,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean          mc_session_apply_recipe_finish     (McSession           *self,
                                                      GAsyncResult        *result,
                                                      gsize               *rows_removed,
                                                      GError             **error);
void              mc_session_undo_async              (McSession           *self,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
void              mc_session_redo_async              (McSession           *self,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean          mc_session_history_finish          (McSession           *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);
void              mc_session_filter_async            (McSession           *self,
                                                      GPtrArray           *conditions,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
void              mc_session_filter_dataset_async    (McSession           *self,
                                                      McDataset           *filtered,
                                                      const char          *label,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean          mc_session_filter_finish           (McSession           *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);
void              mc_session_clear_filter            (McSession           *self);
void              mc_session_add_segments_async      (McSession           *self,
                                                      McDataset           *with_column,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean          mc_session_add_segments_finish     (McSession           *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);
void              mc_session_export_report_async     (McSession           *self,
                                                      const char          *title,
                                                      const char          *path,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
void              mc_session_save_cleaned_copy_async (McSession           *self,
                                                      const char          *folder,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean          mc_session_write_finish            (McSession           *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

G_END_DECLS
