/* mc-dataset-loader.h: open a dataset, from its files to its figures
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mc-csv-reader.h"
#include "mc-dataset.h"
#include "mc-dataset-files.h"
#include "mc-progress.h"

G_BEGIN_DECLS

#define MC_TYPE_DATASET_LOADER (mc_dataset_loader_get_type ())

G_DECLARE_FINAL_TYPE (McDatasetLoader, mc_dataset_loader, MC, DATASET_LOADER, GObject)

/* PATHS are CSV files, workbooks or folders of them; together they form
 * one dataset. A PostgreSQL URI or service (mc-pg-source.h) is a dataset
 * of its own, the only path. */
McDatasetLoader *mc_dataset_loader_new              (const char * const  *paths);
const char * const *mc_dataset_loader_get_paths     (McDatasetLoader     *self);
/* Whether loading ends with the analysis (mc-analysis.h) worked out;
 * TRUE unless set otherwise. */
gboolean         mc_dataset_loader_get_analyse      (McDatasetLoader     *self);
void             mc_dataset_loader_set_analyse      (McDatasetLoader     *self,
                                                     gboolean             analyse);
/* Whether the model is made with the corrections the user saved for
 * these files (mc-model-store.h) when they still fit; FALSE unless set. */
gboolean         mc_dataset_loader_get_use_saved_model (McDatasetLoader  *self);
void             mc_dataset_loader_set_use_saved_model (McDatasetLoader  *self,
                                                     gboolean             use_saved_model);
/* How far the load is, 0 to 1, and the stage it is in, as last notified
 * on the main context the load was started from. */
double           mc_dataset_loader_get_fraction     (McDatasetLoader     *self);
const char      *mc_dataset_loader_get_message      (McDatasetLoader     *self);
void             mc_dataset_loader_load_async       (McDatasetLoader     *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
McDataset       *mc_dataset_loader_load_finish      (McDatasetLoader     *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
/* The same load on this thread. */
McDataset       *mc_dataset_loader_load             (McDatasetLoader     *self,
                                                     GCancellable        *cancellable,
                                                     GError             **error);
/* The same load on this thread, every report also given to PROGRESS as
 * it comes, before it is coalesced: for a caller that runs the load on
 * its own worker (the app's session) or watches each report (tests). */
McDataset       *mc_dataset_loader_load_reporting   (McDatasetLoader     *self,
                                                     McProgressFunc       progress,
                                                     gpointer             user_data,
                                                     GCancellable        *cancellable,
                                                     GError             **error);

/* The load without the analysis, on this thread, PROGRESS (may be NULL)
 * called with every report: for the CLI and the tests. */
McDataset       *mc_dataset_load                    (const char * const  *paths,
                                                     McProgressFunc       progress,
                                                     gpointer             user_data,
                                                     GCancellable        *cancellable,
                                                     GError             **error);

G_END_DECLS
