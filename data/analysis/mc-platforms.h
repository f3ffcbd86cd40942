/* mc-platforms.h: what each platform sells, and how that goes with its
 * sales and review scores
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-crosstab.h"

G_BEGIN_DECLS

typedef struct
{
  char   *platform;
  gsize   sales;
  double  revenue;
  gsize   reviews;
  double  review_mean;          /* NAN without reviews */
} McPlatformSummary;

/* Across platforms: how a product type's share of a platform's sales
 * goes with the platform's sales and its mean review (Pearson's r). */
typedef struct
{
  char   *type;
  double  with_sales;           /* NAN when it cannot be computed */
  double  with_reviews;
} McTypeCorrelation;

typedef struct
{
  char        *type_name;       /* "fuel_type" */
  char        *platform_name;   /* "platform" */
  McCrosstab  *crosstab;        /* types × platforms: counts and revenue */
  GArray      *platforms;       /* McPlatformSummary, in label order */
  GArray      *correlations;    /* McTypeCorrelation, one per type */
  GPtrArray   *statements;      /* the findings in words, with their statistics */
  GPtrArray   *plain_statements; /* the same findings for a business reader: no χ², r… */
  char        *reviews_statement; /* the one on reviews, or NULL */
} McPlatformAnalysis;

/* NULL, with ERROR set, when the purchases have no platform (channel) or
 * no product type (category, in them or in the product they refer to). */
McPlatformAnalysis *mc_platform_analysis_compute (McDataset           *dataset,
                                                  GError             **error);
/* The analysis of PURCHASES, a selection of DATASET's
 * (mc_purchase_selection_new()). */
McPlatformAnalysis *mc_platform_analysis_compute_for (McDataset           *dataset,
                                                      McTable             *purchases,
                                                      GError             **error);
void                mc_platform_analysis_free    (McPlatformAnalysis  *self);

/* Another executor's counts finished as the column store's: SELF (taken
 * and returned) has its names, crosstab and platforms (McPlatformSummary
 * in label order, cleared by mc_platform_summary_clear()); the
 * correlations and findings are worked out from them. */
McPlatformAnalysis *mc_platform_analysis_finish  (McPlatformAnalysis  *self);
void                mc_platform_summary_clear    (gpointer             summary);

/* A second executor, for datasets whose rows live on a database server
 * (data/server/mc-platforms-sql.c, installed by the loader): the
 * analysis, or NULL with NOT_PUSHED_DOWN saying why (NULL when nothing
 * needs saying). */
typedef McPlatformAnalysis *(*McPlatformsPushDown) (McDataset     *dataset,
                                                    GCancellable  *cancellable,
                                                    char         **not_pushed_down);
void                mc_platform_analysis_set_push_down (McPlatformsPushDown push_down);
/* DATASET's whole analysis from its server; NULL when it is no
 * database's or cannot be computed there: NOT_PUSHED_DOWN then says why
 * (as for mc_patterns_compute_pushed()). */
McPlatformAnalysis *mc_platform_analysis_compute_pushed (McDataset    *dataset,
                                                         GCancellable *cancellable,
                                                         char        **not_pushed_down);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McPlatformAnalysis, mc_platform_analysis_free)

G_END_DECLS
