/* mc-rankings.h: top products, categories, brands and locations, and
 * the distribution of purchase amounts over price bands
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-query.h"

G_BEGIN_DECLS

typedef struct
{
  char   *label;
  gsize   purchases;
  double  revenue;
  double  share;          /* of all revenue */
} McRanked;

typedef struct
{
  double  from;           /* −∞ for the band of low outliers */
  double  to;             /* +∞ for the band of high outliers; excluded */
  gsize   purchases;
  double  revenue;
} McPriceBand;

/* The LIMIT values of the column with ROLE (in the purchases or a table
 * they refer to) with the most revenue, most first; NULL when no column
 * has the role. COLUMN_NAME receives the column's name. */
GArray     *mc_rank_by_role     (McDataset  *dataset,
                                 McRole      role,
                                 guint       limit,
                                 char      **column_name);
/* The same of PURCHASES, a selection of DATASET's purchases (a filter). */
GArray     *mc_rank_by_role_in  (McDataset  *dataset,
                                 McTable    *purchases,
                                 McRole      role,
                                 guint       limit,
                                 char      **column_name);
/* Purchase amounts in bands of a round width (1, 2, 2.5 or 5 × 10^k)
 * covering the 1st to 99th percentile, with a band each for what lies
 * below and above. */
GArray     *mc_price_bands      (McDataset  *dataset,
                                 double     *width);
GArray     *mc_price_bands_in   (McTable    *purchases,
                                 double     *width);

G_END_DECLS
