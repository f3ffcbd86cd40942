/* mc-dataset-files.h: the files a dataset is read from
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mc-dataset.h"
#include "mc-progress.h"

G_BEGIN_DECLS

/* PATHS with each folder replaced by its table files (.csv, .tsv, .txt,
 * .xlsx, .ods), sorted by name; what a folder holds that is not read
 * goes to SKIPPED as "path: why". Fails on a folder with no table. */
GPtrArray    *mc_dataset_files_list       (const char * const *paths,
                                           GPtrArray          *skipped,
                                           GError            **error);
/* The tables of the file at PATH (McTable): a workbook's sheets, or the
 * one table of a delimited text file. Refuses what is not a regular
 * file, never blocking on a pipe. */
GPtrArray    *mc_dataset_files_read       (const char         *path,
                                           McProgressFunc      progress,
                                           gpointer            user_data,
                                           GCancellable       *cancellable,
                                           GError            **error);
/* For a dataset opened from one CSV file: the other CSV files in its
 * folder that share a key column with it (sales.csv → cars.csv,
 * users.csv, visits.csv), sorted; NULL when there are none. */
GStrv         mc_dataset_find_related_files (McDataset        *self);

G_END_DECLS
