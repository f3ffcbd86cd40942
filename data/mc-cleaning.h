/* mc-cleaning.h: cleaning recipes that yield a new dataset
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-dataset.h"

G_BEGIN_DECLS

typedef enum
{
  MC_CLEAN_DROP_DUPLICATE_ROWS,   /* whole rows repeated */
  MC_CLEAN_KEEP_FIRST_KEY,        /* rows reusing an earlier row's primary key */
  MC_CLEAN_MISSING,               /* method: drop, median, mode, constant, flag */
  MC_CLEAN_OUTLIERS,              /* method: flag, winsorize, median, drop */
  MC_CLEAN_NORMALISE_TEXT,        /* method: trim, lower, upper, title (all trim and NFC) */
  MC_CLEAN_MERGE_CATEGORIES,      /* value: "website=Website;WEB=Website" */
  MC_CLEAN_SET_TYPE,              /* method: a column type, e.g. number */
  MC_CLEAN_NORMALISE_FORMAT,      /* values written as Mercato writes them: ISO dates, a decimal point */
  MC_N_CLEAN_ACTIONS
} McCleanAction;

typedef struct
{
  McCleanAction  action;
  char          *table;
  char          *column;    /* NULL for steps on whole rows */
  char          *method;
  char          *value;     /* the constant to fill with, or the merges */
} McCleanStep;

typedef struct
{
  char   *step;             /* the step in words */
  char   *table;
  gsize   rows_before;
  gsize   rows_removed;
  gsize   cells_changed;
  gsize   rows_flagged;     /* true cells in the flag column the step added */
  char   *column_added;     /* a flag column the step added, or NULL */
} McCleanLogEntry;

McCleanStep  *mc_clean_step_new        (McCleanAction  action,
                                        const char    *table,
                                        const char    *column,
                                        const char    *method,
                                        const char    *value);
void          mc_clean_step_free       (McCleanStep   *step);
/* "outliers sales.purchase_price by flag" */
char         *mc_clean_step_describe   (McCleanStep   *step);
const char   *mc_clean_action_to_string (McCleanAction action);
void          mc_clean_log_entry_free  (McCleanLogEntry *entry);

/* A recipe is a GPtrArray of McCleanStep, saved as a key file so it can
 * be run again on next month's export. */
GPtrArray    *mc_recipe_new            (void);
GPtrArray    *mc_recipe_load           (const char    *path,
                                        GError       **error);
gboolean      mc_recipe_save           (GPtrArray     *recipe,
                                        const char    *path,
                                        GError       **error);
/* The steps that fix what FINDINGS (from mc_checks_run) found without
 * losing information: exact copies dropped, repeated keys kept once,
 * outliers and gaps in required columns flagged in new columns. */
GPtrArray    *mc_recipe_suggest        (McDataset     *dataset,
                                        GPtrArray     *findings);
/* Applies RECIPE to a copy of SOURCE, which is never changed; LOG
 * receives one McCleanLogEntry per step. */
McDataset    *mc_recipe_apply          (GPtrArray     *recipe,
                                        McDataset     *source,
                                        GPtrArray    **log,
                                        GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McCleanStep, mc_clean_step_free)

G_END_DECLS
