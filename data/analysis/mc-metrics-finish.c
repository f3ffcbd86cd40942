/* mc-metrics-finish.c: what every executor of the sales figures shares
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The column store (mc-metrics.c) and the database's server
 * (mc-metrics-sql.c) sum and count the purchases each in its own way;
 * the figures that follow from those sums and counts, and what the
 * span of the purchase days lets them say, are worked out here once, so
 * that both give the same numbers and the same words; so are the
 * formulas of the figures, in words.
 */
#define G_LOG_DOMAIN "mc-metrics"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "mc-metrics.h"

/* Formulas are words, shown in tooltips and written by mercato-cli
 * metrics: marked here, translated when asked for. The names are JSON
 * keys and are never translated. */
static const struct { const char *name; const char *formula; } formulas[] = {
  /* Translators: the formulas of the metrics, shown in tooltips. */
  { "revenue", N_("sum of the amounts of all purchases") },
  { "orders", N_("distinct order ids, plus purchases without one") },
  { "customers", N_("distinct customer ids among purchases") },
  { "aov", N_("revenue ÷ orders") },
  { "units", N_("sum of quantities") },
  { "discount", N_("list prices (× quantities) of the products bought − amounts paid for them") },
  { "discount_rate", N_("discount ÷ list prices (× quantities) of the products bought") },
  { "review_mean", N_("mean of the review scores given (purchases without one left out)") },
  { "repeat_purchase_rate", N_("customers with two or more orders ÷ customers") },
  { "clv_historic", N_("revenue ÷ customers, over the span of the data") },
  { "purchase_frequency", N_("orders ÷ customers ÷ years from the first to the last purchase day (at least one)") },
  { "clv_predictive", N_("average order value × purchase frequency (per year) × expected lifespan (3 years)") },
  { "conversion_rate", N_("visitors who bought ÷ visitors") },
  { "purchasing_visit_rate", N_("visits that ended in a purchase ÷ visits") },
  { "visits_per_customer", N_("visits ÷ visitors") },
  { "mean_minutes", N_("mean visit duration, of visits that do not end before they start") },
  { "median_minutes", N_("median visit duration, of visits that do not end before they start") },
  { "repeat_visit_rate", N_("visitors with two or more visits ÷ visitors") },
  { "events_per_session", N_("events ÷ distinct session ids (when events carry a session id)") },
};

const char *
mc_metrics_formula (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (formulas); i++)
    if (g_str_equal (formulas[i].name, name))
      return _(formulas[i].formula);
  return NULL;
}

static double
ratio (double a,
       double b)
{
  return b != 0 ? a / b : 0.0;
}

/**
 * mc_sales_metrics_finish:
 *
 * The figures that follow from what an executor (the column store, or
 * SQL on the server) summed and counted: M holds the counts, units,
 * review counts, the sum of the review scores in review_mean and the
 * repeat purchase rate; the sums are given.
 */
void
mc_sales_metrics_finish (McSalesMetrics *m,
                         double          revenue,
                         double          list_total,
                         double          paid_for_listed,
                         double          years)
{
  m->revenue = revenue;
  m->list_total = list_total;
  m->aov = ratio (m->revenue, m->orders);
  m->discount = m->list_total - paid_for_listed;
  m->discount_rate = ratio (m->discount, m->list_total);
  m->review_mean = m->reviews > 0 ? m->review_mean / m->reviews : NAN;
  m->clv_historic = ratio (m->revenue, m->customers);
  /* Less than a year of data is not stretched to a year of buying; a few
   * weeks say nothing of how often people buy in a year. */
  m->purchase_frequency = years * 365.25 >= MC_METRICS_MIN_SPAN_DAYS
                          ? ratio (ratio (m->orders, m->customers), MAX (years, 1.0)) : NAN;
  m->clv_predictive = m->aov * m->purchase_frequency * MC_METRICS_LIFESPAN_YEARS;
}

/**
 * mc_visit_metrics_finish:
 *
 * The visit figures that follow from what an executor (the visit index,
 * or SQL on the server) counted: M holds the visits, the visitors,
 * whether there are sessions and the minutes' mean and median; the
 * counts are of the visits that ended in a purchase, the visitors with
 * two or more visits, those who bought, the visits with a session id
 * and the distinct session ids.
 */
void
mc_visit_metrics_finish (McVisitMetrics *m,
                         gsize           purchasing,
                         gsize           repeaters,
                         gsize           bought,
                         gsize           events,
                         gsize           sessions)
{
  m->conversion_rate = ratio (bought, m->visitors);
  m->purchasing_visit_rate = ratio (purchasing, m->visits);
  m->visits_per_customer = ratio (m->visits, m->visitors);
  m->repeat_visit_rate = ratio (repeaters, m->visitors);
  m->events_per_session = m->has_sessions ? ratio (events, sessions) : 0.0;
}

/**
 * mc_metrics_span_warnings:
 *
 * What a span of YEARS with OUTLYING days left out lets the figures
 * say (HAS_TIME: the purchases have a time at all).
 */
GPtrArray *
mc_metrics_span_warnings (double   years,
                          gsize    outlying,
                          gboolean has_time)
{
  GPtrArray *warnings = g_ptr_array_new_with_free_func (g_free);
  double days = years * 365.25;

  if (outlying > 0)
    g_ptr_array_add (warnings, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%zu purchase is dated far from all the others and is left "
                                                             "out of the span of the data (%.1f years).",
                                                             "%zu purchases are dated far from all the others and are left "
                                                             "out of the span of the data (%.1f years).",
                                                             outlying),
                                                outlying, years));
  if (has_time && days < MC_METRICS_MIN_SPAN_DAYS)
    g_ptr_array_add (warnings, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "The purchases span %.0f day: purchase frequency and "
                                                             "predicted lifetime value need at least %d and are left out.",
                                                             "The purchases span %.0f days: purchase frequency and "
                                                             "predicted lifetime value need at least %d and are left out.",
                                                             (gulong) round (days)),
                                                days, MC_METRICS_MIN_SPAN_DAYS));
  return warnings;
}
