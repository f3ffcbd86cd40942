/* mc-metrics.h: the business metrics of a dataset, overall and by group
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-dataset.h"

G_BEGIN_DECLS

#define MC_METRICS_LIFESPAN_YEARS 3.0
/* Fewer days of purchases give no yearly rate nor a prediction. */
#define MC_METRICS_MIN_SPAN_DAYS  90

typedef struct
{
  double   revenue;
  gsize    orders;
  gboolean has_customers;           /* FALSE: no customer id, customer figures mean nothing */
  gsize    customers;
  double   aov;                     /* revenue ÷ orders */
  gboolean has_units;
  double   units;
  gboolean has_discount;
  double   list_total;              /* list prices of the purchases that have one */
  double   discount;                /* list_total − what was paid for them */
  double   discount_rate;           /* discount ÷ list_total */
  gboolean has_reviews;
  gsize    reviews;
  double   review_mean;
  gsize    review_counts[11];       /* reviews rounded to 0 … 10 */
  double   repeat_purchase_rate;    /* customers with 2+ orders ÷ customers */
  double   clv_historic;            /* revenue ÷ customers over the data's span */
  double   purchase_frequency;      /* orders per customer per year; NAN over too short a span */
  double   clv_predictive;          /* aov × purchase_frequency × lifespan; NAN likewise */
} McSalesMetrics;

typedef struct
{
  gsize    visits;
  gsize    visitors;
  double   conversion_rate;         /* visitors who bought ÷ visitors */
  double   purchasing_visit_rate;   /* visits that ended in a purchase ÷ visits */
  double   visits_per_customer;     /* visits ÷ visitors */
  double   mean_minutes;            /* visit duration, visits that end after they start */
  double   median_minutes;
  double   repeat_visit_rate;       /* visitors with 2+ visits ÷ visitors */
  gboolean has_sessions;
  double   events_per_session;      /* events ÷ distinct session ids */
} McVisitMetrics;

/* A month's visits: conversion counts the visitors who bought in it. */
typedef struct
{
  char           *key;              /* "2023-05" */
  McVisitMetrics  visits;
} McVisitGroup;

typedef struct
{
  char           *key;              /* "Website", "2023-05", "Electric" */
  McSalesMetrics  sales;
} McMetricsGroup;

typedef struct
{
  McSalesMetrics  overall;
  gboolean        has_visits;
  McVisitMetrics  visits;
  double          span_years;       /* first to last purchase day, inclusive, outlying days left out */
  gsize           outlying_days;    /* purchases dated far from all the others */
  GArray         *by_platform;      /* McMetricsGroup, sorted by key; NULL without a channel */
  GArray         *by_month;         /* NULL without a purchase time */
  GArray         *by_product_type;  /* NULL without a category */
  GArray         *by_currency;      /* NULL unless the purchases mix currencies */
  GArray         *visits_by_month;  /* McVisitGroup, by the visits' start; NULL without visits */
  char           *currency;         /* the one currency of every purchase, as the data writes it; NULL if unknown or mixed */
  GPtrArray      *warnings;         /* char *: what the figures cannot say (a short span, outlying dates) */
  gboolean        pushed_down;      /* the sales figures were computed on the database's server */
} McMetrics;

/* The figures of DATASET's purchases: on the server when they come from
 * a database and every figure can be (the push-down below), else in memory. */
McMetrics    *mc_metrics_compute          (McDataset    *dataset,
                                           GError      **error);
/* The metrics of PURCHASES, a selection of DATASET's
 * (mc_purchase_selection_new()). */
McMetrics    *mc_metrics_compute_for      (McDataset    *dataset,
                                           McTable      *purchases,
                                           GError      **error);
/* As mc_metrics_compute(), giving up when CANCELLABLE is cancelled
 * (G_IO_ERROR_CANCELLED, no metrics). */
McMetrics    *mc_metrics_compute_full     (McDataset    *dataset,
                                           GCancellable *cancellable,
                                           GError      **error);
/* A second executor of the sales figures, for datasets whose rows live
 * on a database server (data/server/mc-metrics-sql.c, installed by the
 * loader): the metrics, or NULL with NOT_PUSHED_DOWN saying why (NULL
 * when nothing needs saying) and the figures then computed in memory.
 * It sits above analysis/, which calls it through this hook. */
typedef McMetrics *(*McMetricsPushDown) (McDataset     *dataset,
                                         GCancellable  *cancellable,
                                         char         **not_pushed_down);
void          mc_metrics_set_push_down    (McMetricsPushDown push_down);
/* What every executor of the sales figures shares. */
void          mc_sales_metrics_finish     (McSalesMetrics *m,
                                           double        revenue,
                                           double        list_total,
                                           double        paid_for_listed,
                                           double        years);
/* What every executor of the visit figures shares (mc-metrics-finish.c). */
void          mc_visit_metrics_finish     (McVisitMetrics *m,
                                           gsize         purchasing,
                                           gsize         repeaters,
                                           gsize         bought,
                                           gsize         events,
                                           gsize         sessions);
GPtrArray    *mc_metrics_span_warnings    (double        years,
                                           gsize         outlying,
                                           gboolean      has_time);
void          mc_metrics_add_visits       (McMetrics    *metrics,
                                           McDataset    *dataset);
void          mc_metrics_add_visits_for   (McMetrics    *metrics,
                                           McDataset    *dataset,
                                           McTable      *purchases);
void          mc_metrics_free             (McMetrics    *metrics);
/* "aov" → "revenue ÷ orders": the formulas of docs/metrics.md. */
const char   *mc_metrics_formula          (const char   *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McMetrics, mc_metrics_free)

G_END_DECLS
