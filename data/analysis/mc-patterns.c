/* mc-patterns.c: when and how customers buy, and come back
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Purchases become orders (rows of one order id merged, each row without
 * one an order of its own), sorted by customer and time; trends, cohorts
 * and repeat purchases are then one walk along that list. Visits are
 * matched to buyers by the customer id's text, since visits and sales
 * are separate tables.
 */
#define G_LOG_DOMAIN "mc-patterns"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mc-model.h"
#include "mc-patterns.h"
#include "mc-purchase-selection.h"
#include "mc-push-down.h"
#include "mc-query.h"
#include "mc-stats.h"
#include "mc-value-parse.h"
#include "mc-visit-index.h"

#define MC_PATTERNS_ERROR (g_quark_from_static_string ("mc-patterns-error"))

/* How long a cohort's retention is followed: ten years. */
#define RETENTION_MONTHS 120

typedef struct
{
  guint32 customer;
  guint64 order;
  gint64  time;      /* µs since 1970; a date counts from its midnight */
  gint32  month;     /* year × 12 + month − 1 */
  double  amount;
} Order;

typedef struct
{
  GArray     *orders;       /* Order, by customer then time */
  McKeyCodes  customers;
  gboolean    has_customers; /* else every order is customer 0's */
  gint32      first_month;
  gint32      n_months;
  gboolean    has_hours;
} Orders;

static gint64
micros_of (const McColumn *time,
           gsize           row)
{
  return time->type == MC_COLUMN_TYPE_DATE ? time->v.days[row] * MC_MICROS_PER_DAY : time->v.i64[row];
}

static int
compare_by_order (gconstpointer a,
                  gconstpointer b)
{
  const Order *x = a, *y = b;

  if (x->customer != y->customer)
    return x->customer < y->customer ? -1 : 1;
  if (x->order != y->order)
    return x->order < y->order ? -1 : 1;
  return (x->time > y->time) - (x->time < y->time);
}

static int
compare_by_time (gconstpointer a,
                 gconstpointer b)
{
  const Order *x = a, *y = b;

  if (x->customer != y->customer)
    return x->customer < y->customer ? -1 : 1;
  if (x->time != y->time)
    return x->time < y->time ? -1 : 1;
  return (x->order > y->order) - (x->order < y->order);
}

/* One entry per order: the rows of an order id add up, at its first time. */
static void
merge_orders (GArray *orders)
{
  guint kept = 0;

  g_array_sort (orders, compare_by_order);
  for (guint i = 0; i < orders->len; i++)
    {
      Order *order = &g_array_index (orders, Order, i);

      if (kept > 0 && g_array_index (orders, Order, kept - 1).customer == order->customer
          && g_array_index (orders, Order, kept - 1).order == order->order)
        g_array_index (orders, Order, kept - 1).amount += order->amount;
      else
        g_array_index (orders, Order, kept++) = *order;
    }
  g_array_set_size (orders, kept);
  g_array_sort (orders, compare_by_time);
}

static gboolean
orders_init (Orders     *self,
             McTable    *purchases,
             GError    **error)
{
  McColumn *time = mc_table_find_role (purchases, MC_ROLE_EVENT_TIME);
  McColumn *amount = mc_table_find_role (purchases, MC_ROLE_AMOUNT);
  gsize n = mc_table_get_n_rows (purchases);
  McKeyCodes order_codes = { NULL };
  gint32 last_month = G_MININT32;
  gboolean any_time_of_day = FALSE;

  memset (self, 0, sizeof *self);
  /* The whole purchases' codes: no id is hashed again for a filter. */
  self->has_customers = mc_purchase_selection_codes (purchases, MC_ROLE_CUSTOMER_ID, &self->customers);
  mc_purchase_selection_codes (purchases, MC_ROLE_ORDER_ID, &order_codes);
  self->orders = g_array_new (FALSE, FALSE, sizeof (Order));
  self->first_month = G_MAXINT32;
  for (gsize r = 0; r < n; r++)
    {
      Order order;

      if ((self->has_customers && self->customers.codes[r] == MC_NO_CODE) || mc_column_is_missing (time, r)
          || !mc_column_get_double (amount, r, &order.amount))
        continue;
      order.customer = self->has_customers ? self->customers.codes[r] : 0;
      order.order = order_codes.codes != NULL && order_codes.codes[r] != MC_NO_CODE ? order_codes.codes[r] : (guint64) G_MAXUINT32 + 1 + r;
      order.time = micros_of (time, r);
      any_time_of_day |= (order.time % MC_MICROS_PER_DAY) != 0;
      order.month = mc_time_bucket_of_day (MC_BUCKET_MONTH, mc_column_get_day (time, r));
      self->first_month = MIN (self->first_month, order.month);
      last_month = MAX (last_month, order.month);
      g_array_append_val (self->orders, order);
    }
  mc_key_codes_clear (&order_codes);
  if (self->orders->len == 0)
    {
      g_set_error_literal (error, MC_PATTERNS_ERROR, 0, self->has_customers ? _("no purchase has a customer, a time and an amount")
                                                                          : _("no purchase has a time and an amount"));
      return FALSE;
    }
  self->n_months = last_month - self->first_month + 1;
  /* Timestamps all at midnight are dates: no chart of hours. */
  self->has_hours = time->type == MC_COLUMN_TYPE_DATETIME && any_time_of_day;
  merge_orders (self->orders);
  return TRUE;
}

static void
orders_clear (Orders *self)
{
  g_clear_pointer (&self->orders, g_array_unref);
  mc_key_codes_clear (&self->customers);
}

static void
summarise_days (McDays *days,
                GArray *values)
{
  double *sorted = (double *) values->data;
  McSum sum = { 0 };

  memset (days, 0, sizeof *days);
  days->n = values->len;
  days->mean = days->p25 = days->median = days->p75 = NAN;
  if (values->len == 0)
    return;
  mc_sort_doubles (sorted, values->len);
  for (guint i = 0; i < values->len; i++)
    mc_sum_add (&sum, sorted[i]);
  days->mean = mc_sum_value (&sum) / values->len;
  days->p25 = mc_quantile (sorted, values->len, 0.25);
  days->median = mc_quantile (sorted, values->len, 0.5);
  days->p75 = mc_quantile (sorted, values->len, 0.75);
}

static void
add_weekday_hour (double  table[7][24],
                  gint64  micros,
                  double  value)
{
  gint64 day = micros >= 0 ? micros / MC_MICROS_PER_DAY : -((-micros + MC_MICROS_PER_DAY - 1) / MC_MICROS_PER_DAY);
  int hour = (int) ((micros - day * MC_MICROS_PER_DAY) / G_GINT64_CONSTANT (3600000000));

  table[mc_time_bucket_of_day (MC_BUCKET_WEEKDAY, (gint32) day)][hour] += value;
}

static void
month_clear (gpointer data)
{
  g_free (((McMonth *) data)->month);
}

static void
cohort_clear (gpointer data)
{
  McCohort *cohort = data;

  g_free (cohort->month);
  g_clear_pointer (&cohort->retention, g_array_unref);
}

static GArray *
new_months (gint32 first_month,
            gint32 n_months)
{
  GArray *months = g_array_new (FALSE, TRUE, sizeof (McMonth));

  g_array_set_clear_func (months, month_clear);
  g_array_set_size (months, n_months);
  for (gint32 m = 0; m < n_months; m++)
    g_array_index (months, McMonth, m).month = mc_time_bucket_label (MC_BUCKET_MONTH, first_month + m);
  return months;
}

static GArray *
new_cohorts (gint32 first_month,
             gint32 n_months)
{
  GArray *cohorts = g_array_new (FALSE, TRUE, sizeof (McCohort));

  g_array_set_clear_func (cohorts, cohort_clear);
  g_array_set_size (cohorts, n_months);
  for (gint32 m = 0; m < n_months; m++)
    {
      McCohort *cohort = &g_array_index (cohorts, McCohort, m);

      cohort->month = mc_time_bucket_label (MC_BUCKET_MONTH, first_month + m);
      /* Sized when the cohort gets its first customer: see walk_customer. */
      cohort->retention = g_array_new (FALSE, TRUE, sizeof (double));
    }
  return cohorts;
}

/**
 * mc_patterns_new_span:
 *
 * Patterns whose months and cohorts run from FIRST_MONTH (year × 12 +
 * month − 1) for N_MONTHS, every count 0, for an executor to fill before
 * mc_patterns_finish().
 */
McPatterns *
mc_patterns_new_span (gint32   first_month,
                      gint32   n_months,
                      gboolean has_hours)
{
  McPatterns *self = g_new0 (McPatterns, 1);

  self->has_hours = has_hours;
  self->has_customers = TRUE;
  self->months = new_months (first_month, n_months);
  self->cohorts = new_cohorts (first_month, n_months);
  return self;
}

/* Retention is followed for RETENTION_MONTHS at most, and only in
 * months that have customers: dates centuries apart would otherwise
 * make a table the square of the span. */
guint
mc_patterns_retention_length (gint32 n_months,
                              gint32 cohort)
{
  return MIN (n_months - cohort, RETENTION_MONTHS + 1);
}

/* ORDER in its month's orders and revenue and the weekday × hour
 * tables: what every order counts in, with a customer or without. */
static McMonth *
count_order (McPatterns   *self,
             const Orders *orders,
             const Order  *order)
{
  McMonth *month = &g_array_index (self->months, McMonth, order->month - orders->first_month);

  month->orders++;
  month->revenue += order->amount;
  add_weekday_hour (self->orders_by_weekday_hour, order->time, 1);
  add_weekday_hour (self->revenue_by_weekday_hour, order->time, order->amount);
  return month;
}

/* One customer's orders, [FIRST, END) of the sorted list: their months
 * (new, returning, cohort), gaps, and the weekday × hour table. */
static void
walk_customer (McPatterns   *self,
               const Orders *orders,
               guint         first,
               guint         end,
               GArray       *gaps)
{
  const Order *list = (const Order *) orders->orders->data;
  gint32 cohort = list[first].month - orders->first_month;
  McCohort *joined = &g_array_index (self->cohorts, McCohort, cohort);

  self->customers++;
  self->repeat_customers += end - first >= 2;
  if (joined->customers++ == 0)
    g_array_set_size (joined->retention, mc_patterns_retention_length (orders->n_months, cohort));
  for (guint i = first; i < end; i++)
    {
      gint32 m = list[i].month - orders->first_month;
      McMonth *month = count_order (self, orders, &list[i]);

      joined->revenue += list[i].amount;
      if (i > first)
        {
          double gap = (double) (list[i].time - list[i - 1].time) / MC_MICROS_PER_DAY;

          g_array_append_val (gaps, gap);
        }
      /* Months are counted once per customer. */
      if (i > first && list[i].month == list[i - 1].month)
        continue;
      if (m == cohort)
        month->new_customers++;
      else
        month->returning_customers++;
      if ((guint) (m - cohort) < joined->retention->len)
        g_array_index (joined->retention, double, m - cohort)++;
    }
}

/**
 * mc_patterns_finish:
 *
 * The moving average, the change over a year, and retention counts as
 * shares, whoever counted the months and cohorts.
 */
void
mc_patterns_finish (McPatterns *self)
{
  for (guint m = 0; m < self->months->len; m++)
    {
      McMonth *month = &g_array_index (self->months, McMonth, m);

      month->moving_average = NAN;
      month->year_over_year = NAN;
      if (m >= 2)
        month->moving_average = (month->revenue + g_array_index (self->months, McMonth, m - 1).revenue
                                 + g_array_index (self->months, McMonth, m - 2).revenue) / 3;
      if (m >= 12 && g_array_index (self->months, McMonth, m - 12).revenue > 0)
        month->year_over_year = month->revenue / g_array_index (self->months, McMonth, m - 12).revenue - 1;
    }
  for (guint c = 0; c < self->cohorts->len; c++)
    {
      McCohort *cohort = &g_array_index (self->cohorts, McCohort, c);

      for (guint k = 0; k < cohort->retention->len; k++)
        g_array_index (cohort->retention, double, k) = cohort->customers > 0
          ? g_array_index (cohort->retention, double, k) / cohort->customers : NAN;
    }
}

/* Orders without customers: each month's orders and revenue, and the
 * weekday × hour tables; nothing of cohorts, repeats or gaps. */
static void
walk_orders (McPatterns   *self,
             const Orders *orders)
{
  const Order *list = (const Order *) orders->orders->data;

  for (guint i = 0; i < orders->orders->len; i++)
    count_order (self, orders, &list[i]);
}

static void
compute_purchase_patterns (McPatterns   *self,
                           const Orders *orders)
{
  g_autoptr(GArray) gaps = g_array_new (FALSE, FALSE, sizeof (double));
  const Order *list = (const Order *) orders->orders->data;

  self->has_customers = orders->has_customers;
  if (!orders->has_customers)
    walk_orders (self, orders);
  for (guint first = 0, end; orders->has_customers && first < orders->orders->len; first = end)
    {
      for (end = first + 1; end < orders->orders->len && list[end].customer == list[first].customer; end++)
        ;
      walk_customer (self, orders, first, end, gaps);
    }
  mc_patterns_finish (self);
  summarise_days (&self->days_between_orders, gaps);
}

static void
stage_clear (gpointer data)
{
  g_free (((McFunnelStage *) data)->stage);
}

/* Stages in the order visitors go through them: by how long after their
 * first visit they first make a visit of the type. */
static int
compare_stages (gconstpointer a,
                gconstpointer b)
{
  const McFunnelStage *x = a, *y = b;

  if (x->days_from_first_visit != y->days_from_first_visit)
    return x->days_from_first_visit < y->days_from_first_visit ? -1 : 1;
  if (x->customers != y->customers)
    return x->customers > y->customers ? -1 : 1;
  return g_strcmp0 (x->stage, y->stage);
}

/* Visits as seen from the orders: the buyer code of each visitor. */
typedef struct
{
  const McVisitIndex *index;
  guint32            *buyer_of;      /* per visitor code; MC_NO_CODE if they never bought */
  gint64             *first_order;   /* per buyer code */
  gboolean            by_day;        /* orders have dates only: compare days */
} Visits;

static void
visits_init (Visits             *self,
             const McVisitIndex *index,
             GPtrArray          *buyers,
             gint64             *first_order,
             gboolean            has_hours)
{
  GPtrArray *visitors = index->visitors.labels;
  const guint32 *customer_of = mc_visit_index_customers_of_visitors (index, buyers);

  self->index = index;
  self->by_day = !has_hours;
  self->first_order = first_order;
  /* A customer id among the purchases whose orders all failed is no
   * buyer. */
  self->buyer_of = g_new (guint32, MAX (visitors->len, 1));
  for (guint v = 0; v < visitors->len; v++)
    {
      guint32 b = customer_of[v];

      self->buyer_of[v] = b != MC_NO_CODE && self->first_order[b] != G_MAXINT64 ? b : MC_NO_CODE;
    }
}

static void
visits_clear (Visits *self)
{
  g_clear_pointer (&self->buyer_of, g_free);
}

/* A visit's start (µs) as it compares with orders: at midnight when
 * orders have dates only. */
static gint64
as_order_time (const Visits *visits,
               gint64        start)
{
  if (!visits->by_day || start == G_MAXINT64)
    return start;
  return (start >= 0 ? start / MC_MICROS_PER_DAY : -((-start + MC_MICROS_PER_DAY - 1) / MC_MICROS_PER_DAY))
         * MC_MICROS_PER_DAY;
}

/* Days from each buyer's first visit to their first order: the index
 * keeps each visitor's first visit, so no visit is read again. */
static void
compute_days_to_first_order (McPatterns   *self,
                             const Visits *visits,
                             guint         n_buyers)
{
  g_autofree gint64 *first_visit = g_new (gint64, MAX (n_buyers, 1));
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint b = 0; b < n_buyers; b++)
    first_visit[b] = G_MAXINT64;
  for (guint v = 0; v < visits->index->visitors.labels->len; v++)
    {
      guint32 buyer = visits->buyer_of[v];

      if (buyer != MC_NO_CODE)
        first_visit[buyer] = MIN (first_visit[buyer], as_order_time (visits, visits->index->first_visit[v]));
    }
  for (guint b = 0; b < n_buyers; b++)
    if (first_visit[b] != G_MAXINT64 && visits->first_order[b] != G_MAXINT64 && first_visit[b] <= visits->first_order[b])
      {
        double value = (double) (visits->first_order[b] - first_visit[b]) / MC_MICROS_PER_DAY;

        g_array_append_val (days, value);
      }
  summarise_days (&self->days_to_first_order, days);
}

static void
add_stage (GArray     *funnel,
           const char *name,
           gsize       customers,
           gsize       visitors,
           double      visits_before,
           gsize       buyers_who_visited,
           double      days_from_first_visit)
{
  McFunnelStage stage = {
    g_strdup (name), customers, visitors > 0 ? (double) customers / visitors : 0,
    buyers_who_visited > 0 ? visits_before / buyers_who_visited : NAN, days_from_first_visit,
  };

  g_array_append_val (funnel, stage);
}

/* Visitors with a visit of each type (the index's), in journey order,
 * then those who bought; and per buyer who visited, visits of each type
 * up to their first order: read from each buyer's visits by start
 * (the index's journeys), up to that order only. */
static void
compute_funnel (McPatterns   *self,
                const Visits *visits,
                guint         n_buyers)
{
  const McVisitIndex *index = visits->index;
  guint n_types = index->types.labels != NULL ? index->types.labels->len : 0;
  gsize n_visitors = index->visitors.labels->len, buyers_who_visited = 0, bought = 0;
  g_autofree double *before = g_new0 (double, n_types + 1);
  g_autofree guint8 *visited = g_new0 (guint8, MAX (n_buyers, 1));

  for (guint v = 0; v < n_visitors; v++)
    {
      guint32 buyer = visits->buyer_of[v];

      if (buyer == MC_NO_CODE || index->journey_offsets[v] == index->journey_offsets[v + 1])
        continue;
      buyers_who_visited += !visited[buyer];
      visited[buyer] = TRUE;
      for (gsize i = index->journey_offsets[v]; i < index->journey_offsets[v + 1]; i++)
        {
          gint64 start = as_order_time (visits, index->journey_starts[i]);

          /* By start, missing last: the rest are after the order. */
          if (start == G_MAXINT64 || start > visits->first_order[buyer])
            break;
          if (index->journey_types[i] != MC_NO_CODE)
            before[index->journey_types[i]]++;
          before[n_types]++;
        }
    }

  for (guint v = 0; v < n_visitors; v++)
    bought += visits->buyer_of[v] != MC_NO_CODE;
  mc_patterns_set_funnel (self, index->types.labels, index->type_visitors, index->type_days, before, n_visitors,
                          buyers_who_visited, bought);
}

/**
 * mc_patterns_set_funnel:
 *
 * The funnel from what an executor (the visit index, or SQL on the
 * server) counted: for each of TYPES (char *; NULL for none), its
 * visitors, their days from their first visit to their first of it
 * summed, and the buyers' visits of it up to their first order
 * (BEFORE, which has one more count: all of their visits so far);
 * then how many visitors there are, how many buyers visited and how
 * many of the visitors bought.
 */
void
mc_patterns_set_funnel (McPatterns   *self,
                        GPtrArray    *types,
                        const gsize  *type_visitors,
                        const double *type_days,
                        const double *before,
                        gsize         n_visitors,
                        gsize         buyers_who_visited,
                        gsize         bought)
{
  guint n_types = types != NULL ? types->len : 0;

  g_clear_pointer (&self->funnel, g_array_unref);
  self->funnel = g_array_new (FALSE, TRUE, sizeof (McFunnelStage));
  g_array_set_clear_func (self->funnel, stage_clear);
  for (guint t = 0; t < n_types; t++)
    add_stage (self->funnel, g_ptr_array_index (types, t), type_visitors[t], n_visitors, before[t],
               buyers_who_visited, type_visitors[t] > 0 ? type_days[t] / type_visitors[t] : NAN);
  g_array_sort (self->funnel, compare_stages);
  add_stage (self->funnel, "bought", bought, n_visitors, before[n_types], buyers_who_visited, NAN);
}

gboolean
mc_patterns_want_buyers (McDataset *dataset)
{
  const McVisitIndex *index = mc_visit_index_for_dataset (dataset);

  return index != NULL && index->customer != NULL;
}

/**
 * mc_patterns_add_visits:
 *
 * The visit patterns of DATASET, from its visit index, and their funnel
 * and days to the first order, of BUYERS (their ids) whose first orders
 * were at FIRST_ORDER (µs since 1970; G_MAXINT64 for none), whoever
 * found those. Without BUYERS (purchases without customers) only the
 * visits' hours.
 */
void
mc_patterns_add_visits (McPatterns *self,
                        McDataset  *dataset,
                        GPtrArray  *buyers,
                        gint64     *first_order)
{
  const McVisitIndex *index = mc_visit_index_for_dataset (dataset);
  Visits visits;

  if (index == NULL)
    return;
  self->has_visit_hours = index->has_hours;
  memcpy (self->visits_by_weekday_hour, index->by_weekday_hour, sizeof self->visits_by_weekday_hour);
  if (index->customer == NULL || buyers == NULL)
    return;
  self->has_visits = TRUE;
  visits_init (&visits, index, buyers, first_order, self->has_hours);
  compute_days_to_first_order (self, &visits, buyers->len);
  compute_funnel (self, &visits, buyers->len);
  visits_clear (&visits);
}

static void
compute_visit_patterns (McPatterns   *self,
                        McDataset    *dataset,
                        const Orders *orders)
{
  GPtrArray *buyers = orders->customers.labels;
  const Order *list = (const Order *) orders->orders->data;
  g_autofree gint64 *first_order = NULL;

  /* Visits without buyers to match: their hours, no funnel. */
  if (!orders->has_customers)
    {
      mc_patterns_add_visits (self, dataset, NULL, NULL);
      return;
    }
  first_order = g_new (gint64, MAX (buyers->len, 1));
  for (guint b = 0; b < buyers->len; b++)
    first_order[b] = G_MAXINT64;
  for (guint i = 0; i < orders->orders->len; i++)
    first_order[list[i].customer] = MIN (first_order[list[i].customer], list[i].time);
  mc_patterns_add_visits (self, dataset, buyers, first_order);
}

static McPatternsPushDown push_down;

/**
 * mc_patterns_set_push_down:
 *
 * Installs the executor that counts the purchase patterns on a
 * database's server; called once, before any dataset is analysed.
 */
void
mc_patterns_set_push_down (McPatternsPushDown func)
{
  push_down = func;
}

McPatterns *
mc_patterns_compute_pushed (McDataset     *dataset,
                            GCancellable  *cancellable,
                            char         **not_pushed_down)
{
  g_autofree char *reason = NULL;
  McPatterns *self;

  g_return_val_if_fail (MC_IS_DATASET (dataset), NULL);

  if (push_down == NULL)
    return NULL;
  self = push_down (dataset, cancellable, &reason);
  mc_push_down_say_why (not_pushed_down, g_steal_pointer (&reason));
  return self;
}

McPatterns *
mc_patterns_compute (McDataset  *dataset,
                     GError    **error)
{
  g_autoptr(McTable) purchases = NULL;
  McPatterns *self;

  g_return_val_if_fail (MC_IS_DATASET (dataset), NULL);

  if ((self = mc_patterns_compute_pushed (dataset, NULL, NULL)) != NULL)
    return self;
  purchases = mc_purchase_selection_new (dataset, NULL, 0);
  return mc_patterns_compute_for (dataset, purchases, error);
}

McPatterns *
mc_patterns_compute_full (McDataset     *dataset,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(McPatterns) patterns = NULL;
  gboolean cancelled = FALSE;

  g_return_val_if_fail (MC_IS_DATASET (dataset), NULL);

  /* The visits read once is the long part on large data. */
  if (!g_cancellable_is_cancelled (cancellable))
    mc_visit_index_for_dataset_full (dataset, cancellable, &cancelled);
  if (g_cancellable_set_error_if_cancelled (cancellable, error) || (patterns = mc_patterns_compute (dataset, error)) == NULL
      || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return g_steal_pointer (&patterns);
}

McPatterns *
mc_patterns_compute_for (McDataset  *dataset,
                         McTable    *purchases,
                         GError    **error)
{
  g_autoptr(McPatterns) self = NULL;
  Orders orders;

  /* Without a customer id there are still months and hours. */
  if (purchases == NULL || mc_table_find_role (purchases, MC_ROLE_EVENT_TIME) == NULL
      || mc_table_find_role (purchases, MC_ROLE_AMOUNT) == NULL)
    {
      g_set_error_literal (error, MC_PATTERNS_ERROR, 0, _("purchase patterns need purchases with a purchase time and "
                                                          "an amount"));
      return NULL;
    }
  if (!orders_init (&orders, purchases, error))
    {
      orders_clear (&orders);
      return NULL;
    }
  self = mc_patterns_new_span (orders.first_month, orders.n_months, orders.has_hours);
  compute_purchase_patterns (self, &orders);
  compute_visit_patterns (self, dataset, &orders);
  orders_clear (&orders);
  return g_steal_pointer (&self);
}

void
mc_patterns_free (McPatterns *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->months, g_array_unref);
  g_clear_pointer (&self->cohorts, g_array_unref);
  g_clear_pointer (&self->funnel, g_array_unref);
  g_free (self);
}
