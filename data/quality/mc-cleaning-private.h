/* mc-cleaning-private.h: what the files of the cleaning share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-cleaning.h"

G_BEGIN_DECLS

#define MC_CLEAN_ERROR (g_quark_from_static_string ("mc-clean-error"))

/* Working state of mc_recipe_apply(): the copies the recipe changes. */
typedef struct
{
  GPtrArray *tables;   /* McTable, copies of the source's */
} McCleanWork;

/* The recipe file's word for ACTION ("drop-duplicate-rows"), and all of
 * them, comma-separated, for an error that lists them. */
const char   *_mc_clean_action_to_string  (McCleanAction    action);
char         *_mc_clean_action_list       (void);
gboolean      _mc_clean_action_from_string (const char      *name,
                                           McCleanAction   *action);
/* Adds a boolean column named after COLUMN and SUFFIX, true where MARK
 * is; FLAGGED receives how many are. Returns the new column's name. */
char         *_mc_clean_add_flag_column   (McTable         *table,
                                           McColumn        *column,
                                           const char      *suffix,
                                           const gboolean  *mark,
                                           gsize           *flagged);
/* Keeps the rows of table INDEX whose KEEP is TRUE; returns how many went. */
gsize         _mc_clean_keep_rows         (McCleanWork     *work,
                                           guint            index,
                                           gboolean        *keep);
/* Writes VALUE (a double) into a numeric or temporal cell. */
void          _mc_clean_set_number        (McColumn        *column,
                                           gsize            row,
                                           double           value);

/* mc-clean-columns.c: the steps on the cells of one column of table INDEX. */
gboolean      _mc_clean_missing           (McCleanWork     *work,
                                           guint            index,
                                           McCleanStep     *step,
                                           McCleanLogEntry *entry,
                                           GError         **error);
gboolean      _mc_clean_outliers          (McCleanWork     *work,
                                           guint            index,
                                           McCleanStep     *step,
                                           McCleanLogEntry *entry,
                                           GError         **error);
gboolean      _mc_clean_text              (McCleanWork     *work,
                                           guint            index,
                                           McCleanStep     *step,
                                           McCleanLogEntry *entry,
                                           GError         **error);
gboolean      _mc_clean_format            (McCleanWork     *work,
                                           guint            index,
                                           McCleanStep     *step,
                                           McCleanLogEntry *entry,
                                           GError         **error);
gboolean      _mc_clean_set_type          (McCleanWork     *work,
                                           guint            index,
                                           McCleanStep     *step,
                                           McCleanLogEntry *entry,
                                           GError         **error);

G_END_DECLS
