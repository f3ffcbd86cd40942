/* mc-taking-part.h: the rows of every table that take part in a selection of purchases
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-dataset.h"

G_BEGIN_DECLS

/* DATASET with its purchases' table (the model's source) cut to ROWS
 * (N_ROWS of them, ascending, as mc_analysis_new() takes them: the
 * analysis's selection) and every other table to the rows that take
 * part in them: what they refer to, what refers to them, along the
 * relations, each table once, nearest first. The rows are those
 * mc_dataset_new_taking_part() lists for a dataset of the selected rows,
 * but read from row links worked out once per dataset, so a filter
 * neither hashes a key nor derives the purchases again. When ROWS keep
 * every purchase, every table is whole. NULL without purchases. */
McDataset *mc_taking_part_new (McDataset   *dataset,
                               const gsize *rows,
                               gsize        n_rows);

G_END_DECLS
