/* mc-overview-page-figures.c: the Overview's key figures
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tiles of the business metrics, each with its formula as a tooltip (the
 * formulas of docs/metrics.md), the All Metrics list, what each platform
 * sells in words, and the sessions of web analytics data.
 */
#define G_LOG_DOMAIN "mc-overview-page"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mc-widget-utils.h"

#include "mc-overview-page-private.h"

/* Money as the user's locale writes numbers, followed by the currency
 * when the data says which one it is ("12,500.00 EUR"). */
static char *
with_currency (McOverviewPage *self,
               char           *number)
{
  char *text;

  if (self->currency == NULL)
    return number;
  text = g_strdup_printf ("%s\u00a0%s", number, self->currency);
  g_free (number);
  return text;
}

static char *
format_money (McOverviewPage *self,
              double          value)
{
  return with_currency (self, mc_format_grouped (value, 2));
}

static char *
format_percent (double value)
{
  return g_strdup_printf ("%.1f %%", 100 * value);
}

/* A tile: what it is, its value, a line of context, and how it is
 * computed as the tooltip. */
static GtkWidget *
add_tile (McOverviewPage *self,
          const char     *title,
          char           *value,
          char           *detail,
          const char     *formula)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *title_label = gtk_label_new (title);
  GtkWidget *value_label = gtk_label_new (value);
  GtkWidget *detail_label = gtk_label_new (detail);
  g_autofree char *tooltip = g_strdup_printf ("%s = %s", title, formula);
  g_autofree char *spoken = g_strdup_printf ("%s: %s. %s", title, value, detail != NULL ? detail : "");

  gtk_widget_add_css_class (card, "card");
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (card), box);
  gtk_widget_add_css_class (title_label, "caption-heading");
  gtk_widget_add_css_class (title_label, "dim-label");
  gtk_widget_add_css_class (value_label, "title-1");
  gtk_widget_add_css_class (detail_label, "caption");
  gtk_widget_add_css_class (detail_label, "dim-label");
  gtk_label_set_ellipsize (GTK_LABEL (value_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_wrap (GTK_LABEL (detail_label), TRUE);
  gtk_label_set_justify (GTK_LABEL (detail_label), GTK_JUSTIFY_CENTER);
  gtk_widget_set_visible (detail_label, detail != NULL);
  gtk_box_append (GTK_BOX (box), title_label);
  gtk_box_append (GTK_BOX (box), value_label);
  gtk_box_append (GTK_BOX (box), detail_label);
  if (self->filter_text != NULL)
    {
      /* Translators: under a key figure worked out on part of the purchases. */
      g_autofree char *only = g_strdup_printf (_("Only %s"), self->filter_text);
      GtkWidget *chip = gtk_label_new (only);
      g_autofree char *filtered = g_strdup_printf ("%s (%s)", spoken, only);

      gtk_widget_add_css_class (chip, "caption-heading");
      gtk_widget_add_css_class (chip, "accent");
      gtk_label_set_wrap (GTK_LABEL (chip), TRUE);
      gtk_label_set_justify (GTK_LABEL (chip), GTK_JUSTIFY_CENTER);
      gtk_box_append (GTK_BOX (box), chip);
      g_free (spoken);
      spoken = g_steal_pointer (&filtered);
    }
  gtk_widget_set_tooltip_text (card, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip, -1);
  gtk_flow_box_append (self->kpi_box, card);
  g_free (value);
  g_free (detail);
  return card;
}

/* An amount as a business dashboard's tile writes it ("49.57 M EUR"),
 * the exact amount first in the tooltip. */
static void
add_money_tile (McOverviewPage *self,
                const char     *title,
                double          amount,
                char           *detail,
                const char     *formula)
{
  g_autofree char *exact = format_money (self, amount);
  GtkWidget *card = add_tile (self, title, with_currency (self, mc_format_compact (amount)), detail, formula);
  g_autofree char *tooltip = g_strdup_printf ("%s: %s\n%s = %s", title, exact, title, formula);

  gtk_widget_set_tooltip_text (card, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip, -1);
}

void
_mc_overview_page_add_sales_tiles (McOverviewPage *self,
                 McMetrics      *metrics)
{
  const McSalesMetrics *m = &metrics->overall;
  g_autofree char *repeat = format_percent (m->repeat_purchase_rate);
  g_autofree char *predicted = format_money (self, m->clv_predictive);
  g_autofree char *discount = format_money (self, m->discount);
  g_autofree char *reviews = mc_format_count (m->reviews);

  add_money_tile (self, _("Revenue"), m->revenue,
                  metrics->span_years * 365.25 < MC_METRICS_MIN_SPAN_DAYS
                  ? g_strdup_printf (g_dngettext (NULL, "over %.0f day", "over %.0f days", (gulong) round (metrics->span_years * 365.25)),
                                     round (metrics->span_years * 365.25))
                  : g_strdup_printf (_("over %.1f years"), metrics->span_years),
                  mc_metrics_formula ("revenue"));
  add_tile (self, _("Orders"), mc_format_count (m->orders), NULL, mc_metrics_formula ("orders"));
  /* Without a customer id there is nothing to count customers by. */
  if (m->has_customers)
    add_tile (self, _("Customers"), mc_format_count (m->customers),
              g_strdup_printf (_("%s buy again"), repeat),
              mc_metrics_formula ("customers"));
  add_money_tile (self, _("Average Order Value"), m->aov, NULL, mc_metrics_formula ("aov"));
  if (m->has_customers)
    add_money_tile (self, _("Customer Lifetime Value"), m->clv_historic,
                    isnan (m->clv_predictive) ? NULL
                    : g_strdup_printf (_("%s predicted over %.0f years"), predicted, MC_METRICS_LIFESPAN_YEARS),
                    mc_metrics_formula ("clv_historic"));
  /* Paid above list (a filter on a premium platform) is no negative discount. */
  if (m->has_discount && m->discount_rate >= 0)
    add_tile (self, _("Discount"), format_percent (m->discount_rate),
              g_strdup_printf (_("%s off list prices"), discount), mc_metrics_formula ("discount_rate"));
  else if (m->has_discount)
    {
      g_autofree char *above = format_money (self, -m->discount);

      add_tile (self, _("Above List Price"), format_percent (-m->discount_rate),
                g_strdup_printf (_("%s more than list prices"), above), mc_metrics_formula ("discount_rate"));
    }
  if (m->has_reviews && m->reviews > 0)
    add_tile (self, _("Mean Review"), g_strdup_printf ("%.2f", m->review_mean),
              g_strdup_printf (g_dngettext (NULL, "%s review", "%s reviews", m->reviews), reviews),
              mc_metrics_formula ("review_mean"));
}

void
_mc_overview_page_add_visit_tiles (McOverviewPage *self,
                 McMetrics      *metrics)
{
  const McVisitMetrics *v = &metrics->visits;
  g_autofree char *visitors = mc_format_count (v->visitors);
  g_autofree char *returning = format_percent (v->repeat_visit_rate);

  add_tile (self, _("Conversion Rate"), format_percent (v->conversion_rate),
            g_strdup_printf (_("of %s visitors"), visitors), mc_metrics_formula ("conversion_rate"));
  add_tile (self, _("Visits per Visitor"), g_strdup_printf ("%.1f", v->visits_per_customer),
            g_strdup_printf (_("%s come back"), returning),
            mc_metrics_formula ("visits_per_customer"));
  if (!isnan (v->median_minutes))
    add_tile (self, _("Visit Duration"), g_strdup_printf (_("%.0f min"), v->median_minutes),
              g_strdup_printf (_("median; mean %.0f min"), v->mean_minutes), mc_metrics_formula ("median_minutes"));
}

/* The rows of the groups stay from one showing to the next where they
 * say the same thing in the same place (a filter changes the values,
 * not the names): GTK measures every wrapped label of a new row again,
 * which took most of a cross-filter click's time (bench/run-app-bench.sh).
 * The next row of the last showing is taken again if it is GROUP's,
 * titled TITLE and of the same kind (VALUED: with a value at its end);
 * otherwise it and every row after it go. */
static GtkWidget *
reuse_row (McOverviewPage      *self,
           AdwPreferencesGroup *group,
           const char          *title,
           gboolean             valued)
{
  GtkWidget *row;

  if (self->stale_next >= self->stale_rows->len)
    return NULL;
  row = g_ptr_array_index (self->stale_rows, self->stale_next);
  if (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP) != GTK_WIDGET (group)
      || g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) != 0
      || (g_object_get_data (G_OBJECT (row), "mc-value") != NULL) != valued)
    {
      _mc_overview_page_drop_stale_rows (self);
      return NULL;
    }
  self->stale_next++;
  g_ptr_array_add (self->group_rows, row);
  return row;
}

static GtkWidget *
add_row (McOverviewPage      *self,
         AdwPreferencesGroup *group,
         const char          *title,
         const char          *subtitle)
{
  GtkWidget *row = reuse_row (self, group, title, FALSE);

  if (row != NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle != NULL ? subtitle : "");
      return row;
    }
  row = adw_action_row_new ();
  /* Findings hold "<" and "&": plain text, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->group_rows, row);
  return row;
}

/* A row of the All Metrics list: its name, its value at the end, and
 * its formula under the name and as the tooltip. */
static void
add_metric (McOverviewPage *self,
            const char     *title,
            const char     *name,
            char           *value)
{
  GtkWidget *row = reuse_row (self, self->metrics_group, title, TRUE);
  GtkWidget *label;

  if (row != NULL)
    {
      gtk_label_set_text (g_object_get_data (G_OBJECT (row), "mc-value"), value);
      g_free (value);
      return;
    }
  row = adw_action_row_new ();
  label = gtk_label_new (value);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), mc_metrics_formula (name));
  gtk_widget_set_tooltip_text (row, mc_metrics_formula (name));
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  g_object_set_data (G_OBJECT (row), "mc-value", label);
  adw_preferences_group_add (self->metrics_group, row);
  g_ptr_array_add (self->group_rows, row);
  g_free (value);
}

void
_mc_overview_page_list_metrics (McOverviewPage *self,
              McMetrics      *metrics)
{
  const McSalesMetrics *m = &metrics->overall;
  const McVisitMetrics *v = &metrics->visits;

  add_metric (self, _("Revenue"), "revenue", format_money (self, m->revenue));
  add_metric (self, _("Orders"), "orders", mc_format_count (m->orders));
  /* Without a customer id the customer figures mean nothing (the
   * caveat above says they are left out): no row reads 0 for them. */
  if (m->has_customers)
    add_metric (self, _("Customers"), "customers", mc_format_count (m->customers));
  add_metric (self, _("Average order value"), "aov", format_money (self, m->aov));
  if (m->has_units)
    add_metric (self, _("Units"), "units", mc_format_grouped (m->units, 0));
  if (m->has_discount && m->discount >= 0)
    {
      add_metric (self, _("Discount"), "discount", format_money (self, m->discount));
      add_metric (self, _("Discount rate"), "discount_rate", format_percent (m->discount_rate));
    }
  else if (m->has_discount)
    {
      add_metric (self, _("Paid above list prices"), "discount", format_money (self, -m->discount));
      add_metric (self, _("Share above list prices"), "discount_rate", format_percent (-m->discount_rate));
    }
  if (m->has_reviews && m->reviews > 0)
    add_metric (self, _("Mean review"), "review_mean", g_strdup_printf ("%.2f", m->review_mean));
  if (m->has_customers)
    {
      add_metric (self, _("Repeat purchase rate"), "repeat_purchase_rate", format_percent (m->repeat_purchase_rate));
      add_metric (self, _("Customer lifetime value"), "clv_historic", format_money (self, m->clv_historic));
      add_metric (self, _("Purchase frequency (per year)"), "purchase_frequency",
                  g_strdup_printf ("%.2f", m->purchase_frequency));
    }
  if (m->has_customers && !isnan (m->clv_predictive))
    add_metric (self, _("Predicted customer lifetime value"), "clv_predictive", format_money (self, m->clv_predictive));
  if (!metrics->has_visits)
    return;
  add_metric (self, _("Conversion rate"), "conversion_rate", format_percent (v->conversion_rate));
  add_metric (self, _("Purchasing visit rate"), "purchasing_visit_rate", format_percent (v->purchasing_visit_rate));
  add_metric (self, _("Visits per visitor"), "visits_per_customer", g_strdup_printf ("%.2f", v->visits_per_customer));
  add_metric (self, _("Repeat visit rate"), "repeat_visit_rate", format_percent (v->repeat_visit_rate));
  if (!isnan (v->mean_minutes))
    {
      add_metric (self, _("Mean visit duration"), "mean_minutes", g_strdup_printf (_("%.1f min"), v->mean_minutes));
      add_metric (self, _("Median visit duration"), "median_minutes", g_strdup_printf (_("%.1f min"), v->median_minutes));
    }
  if (v->has_sessions)
    add_metric (self, _("Events per session"), "events_per_session", g_strdup_printf ("%.2f", v->events_per_session));
}

void
_mc_overview_page_show_platforms (McOverviewPage     *self,
                McPlatformAnalysis *platforms)
{
  gtk_widget_set_visible (GTK_WIDGET (self->findings_group), platforms != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->platforms_group), platforms != NULL);
  if (platforms == NULL)
    return;
  /* Plain words first; the statistics behind them in the tooltip. */
  for (guint i = 0; i < platforms->statements->len; i++)
    {
      const char *plain = g_ptr_array_index (platforms->plain_statements, i);
      const char *technical = g_ptr_array_index (platforms->statements, i);
      GtkWidget *row = add_row (self, self->findings_group, plain, NULL);

      gtk_widget_set_tooltip_text (row, g_strcmp0 (plain, technical) != 0 ? technical : NULL);
    }
  for (guint p = 0; p < platforms->platforms->len; p++)
    {
      McPlatformSummary *summary = &g_array_index (platforms->platforms, McPlatformSummary, p);
      g_autofree char *sales = mc_format_count (summary->sales);
      g_autofree char *revenue = format_money (self, summary->revenue);
      g_autofree char *subtitle = NULL;

      if (summary->reviews > 0)
        subtitle = g_strdup_printf (g_dngettext (NULL, "%s sale, revenue %s, reviews average %.1f",
                                                 "%s sales, revenue %s, reviews average %.1f", summary->sales),
                                    sales, revenue, summary->review_mean);
      else
        subtitle = g_strdup_printf (g_dngettext (NULL, "%s sale, revenue %s", "%s sales, revenue %s", summary->sales),
                                    sales, revenue);
      add_row (self, self->platforms_group, summary->platform, subtitle);
    }
}

static void
add_session_row (McOverviewPage   *self,
                 const char       *title,
                 const McSessionFigures *f)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *sessions = mc_format_count (f->sessions);
  g_autofree char *rate = format_percent (f->conversion_rate);
  /* Translators: a share of sessions that bought, then how many sessions. */
  g_autofree char *text = g_strdup_printf (g_dngettext (NULL, "%s of %s session bought", "%s of %s sessions bought",
                                                       f->sessions), rate, sessions);
  GtkWidget *label = gtk_label_new (text);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_preferences_group_add (self->metrics_group, row);
  g_ptr_array_add (self->group_rows, row);
}

static void
add_session_groups (McOverviewPage *self,
                    const char     *by,
                    GArray         *groups)
{
  for (guint g = 0; groups != NULL && g < groups->len; g++)
    {
      McSessionGroup *group = &g_array_index (groups, McSessionGroup, g);
      /* Translators: e.g. "Month: Nov", "Visitor type: New_Visitor". */
      g_autofree char *title = g_strdup_printf (_("%s: %s"), by, group->key);

      add_session_row (self, title, &group->figures);
    }
}

/**
 * _mc_overview_page_show_sessions:
 *
 * For a web-analytics export without purchase rows: the sessions'
 * conversion and engagement, overall and by month, visitor type and
 * traffic source.
 */
void
_mc_overview_page_show_sessions (McOverviewPage   *self,
                                const McSessions *sessions)
{
  const McSessionFigures *f;
  g_autofree char *converted = NULL;

  g_return_if_fail (MC_IS_OVERVIEW_PAGE (self));

  if (sessions == NULL)
    return;
  _mc_overview_page_clear (self);
  gtk_stack_set_visible_child_name (self->stack, "overview");
  f = &sessions->overall;
  converted = mc_format_count (f->converted);
  add_tile (self, _("Sessions"), mc_format_count (f->sessions), NULL, _("sessions in the data"));
  add_tile (self, _("Conversion Rate"), format_percent (f->conversion_rate),
            g_strdup_printf (g_dngettext (NULL, "%s session bought", "%s sessions bought", f->converted), converted),
            _("sessions that bought ÷ sessions"));
  if (f->has_pages)
    add_tile (self, _("Pages per Session"), g_strdup_printf ("%.1f", f->mean_pages), NULL, sessions->pages_columns);
  if (f->has_minutes)
    add_tile (self, _("Time on Site"), g_strdup_printf (_("%.1f min"), f->mean_minutes), g_strdup (_("mean per session")),
              sessions->duration_columns);
  if (f->has_bounce)
    add_tile (self, _("Bounce Rate"), format_percent (f->bounce_rate), NULL, _("mean of the sessions' bounce rates"));
  if (f->has_returning)
    add_tile (self, _("Returning Visitors"), format_percent (f->returning_share), NULL,
              _("sessions of returning visitors ÷ sessions"));
  add_session_groups (self, _("Month"), sessions->by_month);
  add_session_groups (self, _("Visitor type"), sessions->by_visitor_type);
  add_session_groups (self, _("Traffic source"), sessions->by_traffic_source);
}

