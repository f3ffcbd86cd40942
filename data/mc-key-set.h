/* mc-key-set.h: the distinct values of a key column, for fast lookups
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-column.h"

G_BEGIN_DECLS

typedef struct _McKeySet McKeySet;

/* Holds the distinct non-missing values of COLUMN (borrowed: it must
 * outlive the set). UUIDs are compared by their bytes, everything else by
 * its text, so an integer key 42 finds the text "42"; a set of UUIDs is
 * asked only about UUID columns. */
McKeySet *mc_key_set_new       (McColumn       *column);
void      mc_key_set_free      (McKeySet       *self);
gsize     mc_key_set_size      (const McKeySet *self);
gssize    mc_key_set_lookup    (const McKeySet *self,
                                McColumn       *column,
                                gsize           row);
gboolean  mc_key_set_contains  (const McKeySet *self,
                                McColumn       *column,
                                gsize           row);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McKeySet, mc_key_set_free)

G_END_DECLS
