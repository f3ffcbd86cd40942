/* mc-crosstab.h: two keys crossed, with a chi-square test of independence
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-query.h"

G_BEGIN_DECLS

typedef struct
{
  gsize      n_rows;            /* e.g. fuel types */
  gsize      n_columns;         /* e.g. platforms */
  GPtrArray *row_labels;
  GPtrArray *column_labels;
  double    *counts;            /* n_rows × n_columns */
  double    *amounts;           /* the same cells' sums; NULL without an amount */
  double    *row_totals;
  double    *column_totals;
  double     total;
  double     chi_square;        /* Pearson's, without continuity correction */
  double     dof;               /* (rows − 1) × (columns − 1) */
  double     p_value;           /* NAN when dof is 0 */
  double     cramers_v;
} McCrosstab;

/* Counts (and sums of AMOUNT, when not NULL) of the SELECTION's rows per
 * pair of ROW_KEY and COLUMN_KEY values; rows missing either key are
 * left out. */
McCrosstab *mc_crosstab_new           (gsize               n_rows,
                                       const McSelection  *selection,
                                       const McGroupKey   *row_key,
                                       const McGroupKey   *column_key,
                                       const McColumnRef  *amount,
                                       GError            **error);
/* A crosstab of ROW_LABELS × COLUMN_LABELS (char *, both taken) whose
 * counts (and amounts) are all 0, for another executor to fill; then
 * mc_crosstab_finish(). */
McCrosstab *mc_crosstab_new_empty     (GPtrArray          *row_labels,
                                       GPtrArray          *column_labels,
                                       gboolean            with_amounts);
/* Works out the totals and the chi-square test from the counts. */
void        mc_crosstab_finish        (McCrosstab         *self);
void        mc_crosstab_free          (McCrosstab         *self);

static inline double
mc_crosstab_count (const McCrosstab *self,
                   gsize             row,
                   gsize             column)
{
  return self->counts[row * self->n_columns + column];
}

/* The cell's share of its row, and of its column. */
double      mc_crosstab_row_share     (const McCrosstab   *self,
                                       gsize               row,
                                       gsize               column);
double      mc_crosstab_column_share  (const McCrosstab   *self,
                                       gsize               row,
                                       gsize               column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McCrosstab, mc_crosstab_free)

G_END_DECLS
