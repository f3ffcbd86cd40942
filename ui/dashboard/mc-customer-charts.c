/* mc-customer-charts.c: the charts of customers and their visits: RFM
 * segments and their movement, cohorts, the visit funnel
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-standard-charts"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mc-model.h"
#include "mc-query.h"
#include "mc-rfm.h"
#include "mc-standard-charts-private.h"

static void
count_segments (GArray *rows,
                double  counts[MC_RFM_N_SEGMENTS])
{
  memset (counts, 0, MC_RFM_N_SEGMENTS * sizeof (double));
  for (guint i = 0; i < rows->len; i++)
    for (guint s = 0; s < MC_RFM_N_SEGMENTS; s++)
      if (g_str_equal (g_array_index (rows, McRfmRow, i).segment, mc_rfm_segment_name (s)))
        counts[s]++;
}

McChart *
_mc_chart_build_rfm_segments (McChartData *data)
{
  double counts[MC_RFM_N_SEGMENTS];
  const char *names[MC_RFM_N_SEGMENTS];
  McChart *chart = mc_chart_new_titled (MC_CHART_TREEMAP, _("RFM segments"), _("Customers per segment, by recency and frequency"));

  count_segments (data->rfm, counts);
  for (guint s = 0; s < MC_RFM_N_SEGMENTS; s++)
    names[s] = mc_rfm_segment_title (s);
  mc_chart_set_categories (chart, names, MC_RFM_N_SEGMENTS);
  mc_chart_add_series (chart, _("customers"), NULL, counts, MC_RFM_N_SEGMENTS);
  mc_chart_set_formats (chart, MC_VALUE_NUMBER, MC_VALUE_COUNT);
  return chart;
}

char *
_mc_chart_find_rfm_segments (McChartData *data)
{
  double counts[MC_RFM_N_SEGMENTS];
  double total = MAX (data->rfm->len, 1);

  count_segments (data->rfm, counts);
  /* Champions and Loyal first; At risk and Can't lose them, by index. */
  return g_strdup_printf (_("%.0f %% of customers are Champions or Loyal; %.0f %% are At risk or Can't lose them, "
                            "and %.0f %% are Hibernating or Lost."),
                          100 * (counts[0] + counts[1]) / total, 100 * (counts[7] + counts[8]) / total,
                          100 * (counts[9] + counts[10]) / total);
}

McChart *
_mc_chart_build_rfm_movement (McChartData *data)
{
  McRfmMovement movement;
  const char *columns[MC_RFM_N_SEGMENTS], *rows[MC_RFM_N_SEGMENTS + 1];
  double values[(MC_RFM_N_SEGMENTS + 1) * MC_RFM_N_SEGMENTS];
  char day[16];
  g_autofree char *subtitle = NULL;
  McChart *chart;

  mc_format_date (data->reference_day - MC_CHART_MOVEMENT_DAYS, day);
  subtitle = g_strdup_printf (_("Customers by segment on %s (rows) and now (columns)"), day);
  chart = mc_chart_new_titled (MC_CHART_HEATMAP, _("RFM segment movement"), subtitle);
  mc_rfm_movement (data->rfm_before, data->rfm, &movement);
  for (guint s = 0; s < MC_RFM_N_SEGMENTS; s++)
    columns[s] = rows[s] = mc_rfm_segment_title (s);
  rows[MC_RFM_N_SEGMENTS] = _("(new customer)");
  for (guint r = 0; r <= MC_RFM_N_SEGMENTS; r++)
    for (guint c = 0; c < MC_RFM_N_SEGMENTS; c++)
      values[r * MC_RFM_N_SEGMENTS + c] = movement.counts[r][c];
  mc_chart_set_categories (chart, columns, MC_RFM_N_SEGMENTS);
  mc_chart_set_matrix (chart, rows, MC_RFM_N_SEGMENTS + 1, values);
  mc_chart_set_formats (chart, MC_VALUE_NUMBER, MC_VALUE_COUNT);
  return chart;
}

char *
_mc_chart_find_rfm_movement (McChartData *data)
{
  McRfmMovement movement;
  guint better = 0, worse = 0, fresh = 0;
  g_autofree char *better_text = NULL;
  g_autofree char *worse_text = NULL;
  g_autofree char *fresh_text = NULL;

  mc_rfm_movement (data->rfm_before, data->rfm, &movement);
  /* Segments are listed best first: a lower index is a better one. */
  for (guint r = 0; r <= MC_RFM_N_SEGMENTS; r++)
    for (guint c = 0; c < MC_RFM_N_SEGMENTS; c++)
      {
        if (r == MC_RFM_N_SEGMENTS)
          fresh += movement.counts[r][c];
        else if (c < r)
          better += movement.counts[r][c];
        else if (c > r)
          worse += movement.counts[r][c];
      }
  better_text = mc_format_count (better);
  worse_text = mc_format_count (worse);
  fresh_text = mc_format_count (fresh);
  return g_strdup_printf (_("In the last %d days %s customers moved to a better segment, %s to a worse one, "
                            "and %s new customers arrived."), MC_CHART_MOVEMENT_DAYS, better_text, worse_text,
                          fresh_text);
}

McChart *
_mc_chart_build_cohorts (McChartData *data)
{
  GArray *cohorts = data->patterns->cohorts;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  const char *columns[13];
  char names[13][8];
  McChart *chart = mc_chart_new_titled (MC_CHART_HEATMAP, _("Cohort retention"),
                              _("Share of each month's new customers ordering again 1 to 12 months later"));

  for (int k = 0; k < 12; k++)
    {
      g_snprintf (names[k], sizeof names[k], "+%d", k + 1);
      columns[k] = names[k];
    }
  /* The last two years of cohorts that have customers. */
  for (guint c = cohorts->len > 24 ? cohorts->len - 24 : 0; c < cohorts->len; c++)
    {
      McCohort *cohort = &g_array_index (cohorts, McCohort, c);

      if (cohort->customers == 0)
        continue;
      g_ptr_array_add (rows, cohort->month);
      for (guint k = 1; k <= 12; k++)
        {
          double share = k < cohort->retention->len ? g_array_index (cohort->retention, double, k) : NAN;

          g_array_append_val (values, share);
        }
    }
  mc_chart_set_categories (chart, columns, 12);
  mc_chart_set_matrix (chart, (const char * const *) rows->pdata, rows->len, (double *) values->data);
  mc_chart_set_formats (chart, MC_VALUE_NUMBER, MC_VALUE_PERCENT);
  return chart;
}

char *
_mc_chart_find_cohorts (McChartData *data)
{
  GArray *cohorts = data->patterns->cohorts;
  double sum = 0, customers = 0;

  /* Weighted by size: buyers again within three months. */
  for (guint c = 0; c < cohorts->len; c++)
    {
      McCohort *cohort = &g_array_index (cohorts, McCohort, c);
      double again = 0;
      gboolean known = FALSE;

      if (cohort->retention->len < 4)
        continue;
      /* Months past the end of the data are not known (NAN), not zero. */
      for (guint k = 1; k <= 3; k++)
        if (!isnan (g_array_index (cohort->retention, double, k)))
          {
            again = MAX (again, g_array_index (cohort->retention, double, k));
            known = TRUE;
          }
      if (!known)
        continue;
      sum += again * cohort->customers;
      customers += cohort->customers;
    }
  return g_strdup_printf (_("In a typical month %.1f %% of new customers order again in one of the next three months."),
                          customers > 0 ? 100 * sum / customers : 0);
}

/* A funnel is steps of one path, each at most the one before. When a
 * visit type has more visitors than the type before it (the types are
 * not steps: anyone can book a test drive without a brochure), the
 * chart is a bar per type, as the share of all visitors who had one. */
static gboolean
funnel_is_sequence (GArray *funnel)
{
  for (guint s = 1; s < funnel->len; s++)
    if (g_array_index (funnel, McFunnelStage, s).customers > g_array_index (funnel, McFunnelStage, s - 1).customers)
      return FALSE;
  return TRUE;
}

McChart *
_mc_chart_build_funnel (McChartData *data)
{
  GArray *funnel = data->patterns->funnel;
  g_autoptr(GPtrArray) stages = g_ptr_array_new ();
  g_autofree double *visitors = g_new (double, MAX (funnel->len, 1));
  gboolean sequence = funnel_is_sequence (funnel);
  McChart *chart;

  if (sequence)
    chart = mc_chart_new_titled (MC_CHART_FUNNEL, _("Visit funnel"), _("Visitors with a visit of each type, and those who bought"));
  else
    {
      chart = mc_chart_new_titled (MC_CHART_BAR, _("Visitors by visit type"),
                         _("Share of visitors with a visit of each type, and of those who bought; "
                           "the types are not steps of one path"));
      mc_chart_set_horizontal (chart, TRUE);
    }
  for (guint s = 0; s < funnel->len; s++)
    {
      const McFunnelStage *stage = &g_array_index (funnel, McFunnelStage, s);

      /* The stages are the data's visit types, then those who bought. */
      g_ptr_array_add (stages, s + 1 == funnel->len ? (char *) C_("visit funnel", "bought") : stage->stage);
      visitors[s] = sequence ? (double) stage->customers : stage->share;
    }
  mc_chart_set_categories (chart, (const char * const *) stages->pdata, stages->len);
  mc_chart_add_series (chart, _("visitors"), NULL, visitors, funnel->len);
  mc_chart_set_formats (chart, MC_VALUE_NUMBER, sequence ? MC_VALUE_COUNT : MC_VALUE_PERCENT);
  mc_chart_set_unit (chart, _("visitors"));
  if (!sequence)
    {
      g_autofree double *counts = g_new (double, MAX (funnel->len, 1));

      for (guint s = 0; s < funnel->len; s++)
        counts[s] = g_array_index (funnel, McFunnelStage, s).customers;
      mc_chart_set_counts (chart, 0, counts);
    }
  return chart;
}

char *
_mc_chart_find_funnel (McChartData *data)
{
  GArray *funnel = data->patterns->funnel;
  McFunnelStage *bought = &g_array_index (funnel, McFunnelStage, funnel->len - 1);

  return g_strdup_printf (_("%.1f %% of visitors bought; it took them %.1f visits each up to their first order."),
                          100 * bought->share, bought->visits_to_order);
}

/* The visits of each visitor, as CUSTOMER (the visits' customer id) groups them. */
typedef struct
{
  McColumn *customer;
  GArray   *counts;
} VisitCounts;

static void
visit_counts_free (gpointer data)
{
  VisitCounts *kept = data;

  mc_column_unref (kept->customer);
  g_array_unref (kept->counts);
  g_free (kept);
}

static GArray *
count_visits (McTable  *visits,
              McColumn *customer)
{
  McGroupKey key = { { customer, NULL }, MC_BUCKET_NONE };
  McAggregate count = { MC_AGGREGATE_COUNT, { NULL } };
  g_autoptr(McGroupResult) groups = mc_group_by (mc_table_get_n_rows (visits), NULL, &key, 1, &count, 1, NULL);
  GArray *counts = g_array_sized_new (FALSE, FALSE, sizeof (double), groups->n_groups);

  for (gsize g = 0; g < groups->n_groups; g++)
    g_array_append_val (counts, groups->values[g]);
  return counts;
}

/* Visits per visitor, from the visits table itself: the whole's, under
 * a filter too. Counted once per visits table and customer column and
 * kept on the table, since each filter's charts are built on the main
 * thread and counting a million visits there again took a fifth of a
 * second per click (bench/run-app-bench.sh). Shared: never changed. */
static GArray *
visits_per_visitor (McChartData *data)
{
  static GMutex lock;
  McColumn *start = NULL;
  McTable *visits = mc_model_find_visits (data->dataset, &start);
  McColumn *customer = mc_table_find_role (visits, MC_ROLE_CUSTOMER_ID);
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&lock);
  VisitCounts *kept = g_object_get_data (G_OBJECT (visits), "mc-visits-per-visitor");

  if (kept == NULL || kept->customer != customer)
    {
      kept = g_new0 (VisitCounts, 1);
      kept->customer = mc_column_ref (customer);
      kept->counts = count_visits (visits, customer);
      g_object_set_data_full (G_OBJECT (visits), "mc-visits-per-visitor", kept, visit_counts_free);
    }
  return g_array_ref (kept->counts);
}

McChart *
_mc_chart_build_visits_per_customer (McChartData *data)
{
  g_autoptr(GArray) counts = visits_per_visitor (data);
  McChart *chart = mc_chart_new_titled (MC_CHART_HISTOGRAM, _("Visits per visitor"), _("How many visitors came how often"));

  mc_chart_add_series (chart, _("visits"), NULL, (double *) counts->data, counts->len);
  mc_chart_set_formats (chart, MC_VALUE_COUNT, MC_VALUE_COUNT);
  mc_chart_set_axis_titles (chart, _("visits"), _("visitors"));
  mc_chart_set_unit (chart, _("visitors"));
  return chart;
}

char *
_mc_chart_find_visits_per_customer (McChartData *data)
{
  g_autoptr(GArray) kept = visits_per_visitor (data);
  g_autofree double *counts = g_memdup2 (kept->data, kept->len * sizeof (double));

  mc_sort_doubles (counts, kept->len);
  return g_strdup_printf (_("The median visitor came %.0f times; a quarter came %.0f times or more."),
                          mc_quantile (counts, kept->len, 0.5), mc_quantile (counts, kept->len, 0.75));
}
