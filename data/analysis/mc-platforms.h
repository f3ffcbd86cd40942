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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McPlatformAnalysis, mc_platform_analysis_free)

G_END_DECLS
