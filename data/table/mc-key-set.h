/* mc-key-set.h: the distinct values of a key column, for fast lookups
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-column.h"

G_BEGIN_DECLS

typedef struct _McKeySet McKeySet;

/* The finaliser of MurmurHash3: spreads every bit of H over the result,
 * so that the low bits of consecutive values index a table at random. */
static inline guint64
mc_hash_mix (guint64 h)
{
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  h ^= h >> 33;
  return h;
}

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
/* Share of FROM's non-missing values among its first LIMIT rows (all
 * when 0) that the set holds; UNMATCHED receives how many it does not. */
double    mc_key_set_match_rate (const McKeySet *self,
                                McColumn       *from,
                                gsize           limit,
                                gsize          *unmatched);

/* The power-of-two table size that holds N values at most two thirds
 * full (for the sets of mc-column.c too). */
gsize     _mc_hash_capacity_for (gsize         n);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McKeySet, mc_key_set_free)

G_END_DECLS
