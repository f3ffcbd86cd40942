/* mc-patterns.h: when and how customers buy, and come back
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-dataset.h"

G_BEGIN_DECLS

typedef struct
{
  char   *month;                 /* "2023-05"; every month from first to last */
  gsize   orders;
  double  revenue;
  double  moving_average;        /* revenue, mean of this and the two months before; NAN before that */
  double  year_over_year;        /* revenue ÷ that of 12 months before − 1; NAN without one */
  gsize   new_customers;         /* whose first order is in this month */
  gsize   returning_customers;   /* who ordered before this month */
} McMonth;

typedef struct
{
  char   *month;                 /* the month of the cohort's first orders */
  gsize   customers;
  double  revenue;               /* everything the cohort spent, ever */
  GArray *retention;             /* double: share of the cohort ordering k months later, k = 0, 1, … */
} McCohort;

/* Summary of a distribution of days. */
typedef struct
{
  gsize   n;
  double  mean;
  double  p25;
  double  median;
  double  p75;
} McDays;

typedef struct
{
  char   *stage;                 /* a visit type, or "bought" */
  gsize   customers;             /* visitors with a visit of this type (or who bought) */
  double  share;                 /* of all visitors */
  double  visits_to_order;       /* per buyer who visited: visits of this type up to
                                  * their first order (on its day, for dates); all
                                  * types for "bought" */
  double  days_from_first_visit; /* mean, from a visitor's first visit to their first
                                  * of this type: the journey's order; NAN for "bought" */
} McFunnelStage;

typedef struct
{
  /* Orders and revenue by weekday (Monday first) and hour; hours only
   * when purchase times have them. */
  gboolean  has_hours;
  double    orders_by_weekday_hour[7][24];
  double    revenue_by_weekday_hour[7][24];
  gboolean  has_visit_hours;
  double    visits_by_weekday_hour[7][24];

  GArray   *months;              /* McMonth */
  GArray   *cohorts;             /* McCohort */

  /* FALSE when the purchases have no customer id (a till's sales): the
   * months count orders and revenue only, no cohort has customers and
   * the customer figures below mean nothing. */
  gboolean  has_customers;
  gsize     customers;
  gsize     repeat_customers;    /* with two or more orders */
  McDays    days_between_orders; /* consecutive orders of one customer */

  gboolean  has_visits;
  McDays    days_to_first_order; /* from a buyer's first visit to their first order
                                  * (whole days when orders have dates only) */
  GArray   *funnel;              /* McFunnelStage, in journey order, "bought" last */
} McPatterns;

McPatterns *mc_patterns_compute (McDataset   *dataset,
                                 GError     **error);
/* The patterns of PURCHASES, a selection of DATASET's
 * (mc_purchase_selection_new()). */
McPatterns *mc_patterns_compute_for (McDataset  *dataset,
                                     McTable    *purchases,
                                     GError    **error);
/* As mc_patterns_compute(), giving up when CANCELLABLE is cancelled
 * (G_IO_ERROR_CANCELLED, no patterns). */
McPatterns *mc_patterns_compute_full (McDataset     *dataset,
                                      GCancellable  *cancellable,
                                      GError       **error);
void        mc_patterns_free    (McPatterns  *self);

/* For another executor, whose counts are finished as the column store's:
 * patterns whose months and cohorts run from FIRST_MONTH (year × 12 +
 * month − 1) for N_MONTHS, all 0; a cohort's retention, once it has
 * customers, has mc_patterns_retention_length() months (counts of its
 * customers ordering k months later, made shares by mc_patterns_finish(),
 * which also works out the moving averages and changes over a year). */
McPatterns *mc_patterns_new_span          (gint32        first_month,
                                           gint32        n_months,
                                           gboolean      has_hours);
guint       mc_patterns_retention_length  (gint32        n_months,
                                           gint32        cohort);
void        mc_patterns_finish            (McPatterns   *self);
/* Whether the visit patterns need the buyers' first orders (visits with
 * a customer id); then mc_patterns_add_visits() with BUYERS (char *:
 * their ids) and FIRST_ORDER (µs since 1970, one per buyer). */
gboolean    mc_patterns_want_buyers       (McDataset    *dataset);
void        mc_patterns_add_visits        (McPatterns   *self,
                                           McDataset    *dataset,
                                           GPtrArray    *buyers,
                                           gint64       *first_order);
/* The funnel from another executor's counts (mc-patterns.c says which). */
void        mc_patterns_set_funnel        (McPatterns   *self,
                                           GPtrArray    *types,
                                           const gsize  *type_visitors,
                                           const double *type_days,
                                           const double *before,
                                           gsize         n_visitors,
                                           gsize         buyers_who_visited,
                                           gsize         bought);

/* A second executor, for datasets whose rows live on a database server
 * (data/server/mc-patterns-sql.c, installed by the loader): the
 * patterns, or NULL with NOT_PUSHED_DOWN saying why (NULL when nothing
 * needs saying). */
typedef McPatterns *(*McPatternsPushDown) (McDataset     *dataset,
                                           GCancellable  *cancellable,
                                           char         **not_pushed_down);
void        mc_patterns_set_push_down     (McPatternsPushDown push_down);
/* DATASET's whole patterns from its server; NULL when it is no
 * database's or they cannot be computed there: NOT_PUSHED_DOWN then
 * says why (NULL when nothing needs saying; a NULL NOT_PUSHED_DOWN logs
 * it as a debug message). */
McPatterns *mc_patterns_compute_pushed    (McDataset    *dataset,
                                           GCancellable *cancellable,
                                           char        **not_pushed_down);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McPatterns, mc_patterns_free)

G_END_DECLS
