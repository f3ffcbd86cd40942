/* mc-cleaning.h: cleaning recipes that yield a new dataset
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-checks.h"
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
  MC_CLEAN_ORPHAN_ROWS,           /* method: drop, flag; value: the referenced "table.column" */
  MC_CLEAN_DATE_ORDER,            /* method: swap, drop; column: the start, value: the end column */
  MC_CLEAN_BEFORE_RELEASE,        /* method: drop, flag; column: the date, value: "fk=table.key;table.release" */
  MC_CLEAN_OUT_OF_RANGE,          /* method: missing; value: the scale "1..5" */
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
  char   *step;             /* the step as a sentence, in the user's language */
  char   *command;          /* the step in the recipe's words: "outliers sales.purchase_price by flag" */
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
McCleanStep  *mc_clean_step_copy       (McCleanStep   *step);
void          mc_clean_step_free       (McCleanStep   *step);
/* "Flag outliers of sales.purchase_price in a new column": a sentence,
 * translated, for the app and cleaning-log.txt. */
char         *mc_clean_step_describe   (McCleanStep   *step);
/* "outliers sales.purchase_price by flag": the recipe's own words. */
char         *mc_clean_step_to_string  (McCleanStep   *step);
gboolean      mc_clean_step_equal      (McCleanStep   *a,
                                        McCleanStep   *b);
McCleanLogEntry *mc_clean_log_entry_copy (McCleanLogEntry *entry);
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
/* The steps a person may choose from to fix FINDING, the suggested one
 * first: drop or flag orphan rows, swap or drop visits that end before
 * they start, drop or flag sales before release, ratings outside their
 * scale set missing… Empty when the finding needs judgement only. */
GPtrArray    *mc_recipe_choices        (McDataset     *dataset,
                                        McFinding     *finding);
/* The step of RECIPE that already treats FINDING (the same action on its
 * table and column, such as the flag column it added), or NULL. */
McCleanStep  *mc_recipe_find_fix       (GPtrArray     *recipe,
                                        McDataset     *dataset,
                                        McFinding     *finding);
GPtrArray    *mc_recipe_copy           (GPtrArray     *recipe);
/* Applies RECIPE to a copy of SOURCE, which is never changed; LOG
 * receives one McCleanLogEntry per step. */
McDataset    *mc_recipe_apply          (GPtrArray     *recipe,
                                        McDataset     *source,
                                        GPtrArray    **log,
                                        GError       **error);

/* The text of cleaning-log.txt: a title, then one numbered sentence a
 * step with what it changed. */
char         *mc_clean_log_to_text     (GPtrArray     *log);
/* TRUE when OUT is a folder SOURCE's files were read from. */
gboolean      mc_clean_is_source_folder (McDataset    *source,
                                        const char    *out);
/* Writes a cleaned copy into the folder OUT, as `mercato-cli clean`
 * does: each table of CLEANED as NAME.csv (or .xlsx), RECIPE as
 * recipe.ini and LOG as cleaning-log.txt, all into a staging folder
 * moved into place once every file is written, so that a failure leaves
 * OUT as it was. Never over a file of SOURCE: G_IO_ERROR_EXISTS then.
 * Other files in OUT are left alone. */
gboolean      mc_clean_write_copy      (McDataset     *source,
                                        McDataset     *cleaned,
                                        GPtrArray     *recipe,
                                        GPtrArray     *log,
                                        const char    *out,
                                        gboolean       as_workbook,
                                        GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McCleanStep, mc_clean_step_free)

G_END_DECLS
