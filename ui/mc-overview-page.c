/* mc-overview-page.c: the dataset's key figures at a glance
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tiles of the business metrics, each with its formula as a tooltip (the
 * formulas of docs/metrics.md), then what each platform sells in words.
 * The window computes everything on its worker thread; this page only
 * formats it.
 */
#define G_LOG_DOMAIN "mc-overview-page"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "mc-chart-view.h"
#include "mc-widget-utils.h"

#include "mc-overview-page.h"

struct _McOverviewPage
{
  AdwBin                parent_instance;

  GtkStack             *stack;
  GtkFlowBox           *kpi_box;
  GtkImage             *model_icon;
  GtkLabel             *model_label;
  GPtrArray            *figure_warnings;   /* char *: the shown metrics' own */
  GtkFlowBox           *chart_box;
  GtkBox               *filter_bar;
  GtkLabel             *filter_label;
  McChartData          *charts;       /* borrowed: what the charts were built from */
  AdwPreferencesGroup  *metrics_group;
  AdwPreferencesGroup  *findings_group;
  AdwPreferencesGroup  *platforms_group;

  GPtrArray            *group_rows;   /* rows added to the two groups */
  char                 *currency;     /* of the figures shown, or NULL */
};

G_DEFINE_FINAL_TYPE (McOverviewPage, mc_overview_page, ADW_TYPE_BIN)

enum {
  FILTER,
  CLEAR_FILTER,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Money as the user's locale writes numbers, followed by the currency
 * when the data says which one it is ("12,500.00 EUR"). */
static char *
format_money (McOverviewPage *self,
              double          value)
{
  if (self->currency != NULL)
    return g_strdup_printf ("%'.2f\u00a0%s", value, self->currency);
  return g_strdup_printf ("%'.2f", value);
}

static char *
format_percent (double value)
{
  return g_strdup_printf ("%.1f %%", 100 * value);
}

/* A tile: what it is, its value, a line of context, and how it is
 * computed as the tooltip. */
static void
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
  gtk_widget_set_tooltip_text (card, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip, -1);
  gtk_flow_box_append (self->kpi_box, card);
  g_free (value);
  g_free (detail);
}

static void
add_sales_tiles (McOverviewPage *self,
                 McMetrics      *metrics)
{
  const McSalesMetrics *m = &metrics->overall;
  g_autofree char *repeat = format_percent (m->repeat_purchase_rate);
  g_autofree char *predicted = format_money (self, m->clv_predictive);
  g_autofree char *discount = format_money (self, m->discount);
  g_autofree char *reviews = mc_format_count (m->reviews);

  add_tile (self, _("Revenue"), format_money (self, m->revenue),
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
  add_tile (self, _("Average Order Value"), format_money (self, m->aov), NULL, mc_metrics_formula ("aov"));
  if (m->has_customers)
    add_tile (self, _("Customer Lifetime Value"), format_money (self, m->clv_historic),
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

static void
add_visit_tiles (McOverviewPage *self,
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

static void
add_row (McOverviewPage      *self,
         AdwPreferencesGroup *group,
         const char          *title,
         const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  /* Findings hold "<" and "&": plain text, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->group_rows, row);
}

/* A row of the All Metrics list: its name, its value at the end, and
 * its formula under the name and as the tooltip. */
static void
add_metric (McOverviewPage *self,
            const char     *title,
            const char     *name,
            char           *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), mc_metrics_formula (name));
  gtk_widget_set_tooltip_text (row, mc_metrics_formula (name));
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_preferences_group_add (self->metrics_group, row);
  g_ptr_array_add (self->group_rows, row);
  g_free (value);
}

static void
list_metrics (McOverviewPage *self,
              McMetrics      *metrics)
{
  const McSalesMetrics *m = &metrics->overall;
  const McVisitMetrics *v = &metrics->visits;

  add_metric (self, _("Revenue"), "revenue", format_money (self, m->revenue));
  add_metric (self, _("Orders"), "orders", mc_format_count (m->orders));
  add_metric (self, _("Customers"), "customers", mc_format_count (m->customers));
  add_metric (self, _("Average order value"), "aov", format_money (self, m->aov));
  if (m->has_units)
    add_metric (self, _("Units"), "units", g_strdup_printf ("%'.0f", m->units));
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
  add_metric (self, _("Repeat purchase rate"), "repeat_purchase_rate", format_percent (m->repeat_purchase_rate));
  add_metric (self, _("Customer lifetime value"), "clv_historic", format_money (self, m->clv_historic));
  add_metric (self, _("Purchase frequency (per year)"), "purchase_frequency", g_strdup_printf ("%.2f", m->purchase_frequency));
  if (!isnan (m->clv_predictive))
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

static void
show_platforms (McOverviewPage     *self,
                McPlatformAnalysis *platforms)
{
  gtk_widget_set_visible (GTK_WIDGET (self->findings_group), platforms != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->platforms_group), platforms != NULL);
  if (platforms == NULL)
    return;
  for (guint i = 0; i < platforms->statements->len; i++)
    add_row (self, self->findings_group, g_ptr_array_index (platforms->statements, i), NULL);
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
on_mark_activated_cb (McChartView    *view,
                      int             series,
                      int             index,
                      int             row,
                      McOverviewPage *self)
{
  const char *name = g_object_get_data (G_OBJECT (view), "mc-chart-name");
  g_autoptr(GPtrArray) conditions = NULL;

  if (self->charts == NULL || name == NULL)
    return;
  conditions = mc_chart_data_conditions (self->charts, name, mc_chart_view_get_chart (view), series, index, row);
  if (conditions != NULL)
    g_signal_emit (self, signals[FILTER], 0, conditions);
}

static void
on_clear_filter_clicked_cb (McOverviewPage *self)
{
  g_signal_emit (self, signals[CLEAR_FILTER], 0);
}

void
mc_overview_page_set_filter (McOverviewPage *self,
                             const char     *description)
{
  g_autofree char *text = NULL;

  g_return_if_fail (MC_IS_OVERVIEW_PAGE (self));

  gtk_widget_set_visible (GTK_WIDGET (self->filter_bar), description != NULL);
  if (description == NULL)
    return;
  text = g_strdup_printf (_("Only purchases of %s"), description);
  gtk_label_set_text (self->filter_label, text);
}

/* Every standard chart the dataset has, each in a card; clicking a mark
 * asks for a filter. */
static void
show_charts (McOverviewPage *self,
             McChartData    *charts)
{
  g_autoptr(GArray) list = charts != NULL ? mc_chart_data_list (charts) : NULL;

  self->charts = charts;
  gtk_widget_set_visible (GTK_WIDGET (self->chart_box), list != NULL && list->len > 0);
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      g_autoptr(McChart) chart = mc_chart_data_build (charts, g_array_index (list, McChartInfo, i).name, NULL);
      GtkWidget *view;
      GtkWidget *card = mc_chart_card_new (chart, &view);

      g_object_set_data_full (G_OBJECT (view), "mc-chart-name", g_strdup (g_array_index (list, McChartInfo, i).name), g_free);
      g_signal_connect (view, "mark-activated", G_CALLBACK (on_mark_activated_cb), self);
      gtk_flow_box_append (self->chart_box, card);
    }
}

GList *
mc_overview_page_get_charts (McOverviewPage *self)
{
  GList *views = NULL;

  g_return_val_if_fail (MC_IS_OVERVIEW_PAGE (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->chart_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *view = gtk_widget_get_first_child (gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child)));

      if (MC_IS_CHART_VIEW (view))
        views = g_list_prepend (views, view);
    }
  return g_list_reverse (views);
}

static void
clear (McOverviewPage *self)
{
  self->charts = NULL;
  mc_widget_remove_all (GTK_WIDGET (self->kpi_box));
  mc_widget_remove_all (GTK_WIDGET (self->chart_box));
  for (guint i = 0; i < self->group_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->group_rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->group_rows, 0);
}

void
mc_overview_page_show (McOverviewPage     *self,
                       McMetrics          *metrics,
                       McPlatformAnalysis *platforms,
                       McChartData        *charts)
{
  g_return_if_fail (MC_IS_OVERVIEW_PAGE (self));

  clear (self);
  gtk_stack_set_visible_child_name (self->stack, metrics != NULL ? "overview" : "empty");
  if (metrics == NULL)
    return;
  g_free (self->currency);
  self->currency = g_strdup (metrics->currency);
  g_ptr_array_set_size (self->figure_warnings, 0);
  for (guint i = 0; metrics->warnings != NULL && i < metrics->warnings->len; i++)
    g_ptr_array_add (self->figure_warnings, g_strdup (g_ptr_array_index (metrics->warnings, i)));
  add_sales_tiles (self, metrics);
  if (metrics->has_visits)
    add_visit_tiles (self, metrics);
  show_charts (self, charts);
  list_metrics (self, metrics);
  show_platforms (self, platforms);
}

/* "Revenue adds up price+freight_value over the lines of order_items",
 * or, when Mercato had to guess or the data lacks something, the first
 * caveat, with all of them in the tooltip. */
void
mc_overview_page_set_model (McOverviewPage *self,
                            McModel        *model)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new ();
  g_autoptr(GString) all = g_string_new (NULL);
  g_autofree char *summary = NULL;

  g_return_if_fail (MC_IS_OVERVIEW_PAGE (self));

  if (model == NULL)
    return;
  if (mc_model_get_value (model, MC_MODEL_PURCHASES) == NULL)
    {
      const char *converted = mc_model_get_value (model, MC_MODEL_CONVERTED);
      /* Translators: %s is a column such as online_shoppers_intention.Revenue. */
      g_autofree char *text = converted != NULL ? g_strdup_printf (_("No purchase rows: conversion counts the "
                                                                     "sessions where %s is yes."), converted) : NULL;

      gtk_label_set_text (self->model_label, text != NULL ? text : "");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->model_label), text);
      return;
    }
  g_ptr_array_extend (warnings, (GPtrArray *) mc_model_get_warnings (model), NULL, NULL);
  g_ptr_array_extend (warnings, self->figure_warnings, NULL, NULL);
  for (guint i = 0; i < warnings->len; i++)
    g_string_append_printf (all, "%s%s", i > 0 ? "\n" : "", (const char *) g_ptr_array_index (warnings, i));
  /* Translators: the first %s is an amount expression such as
   * price+freight_value, the second the name of a table. */
  summary = g_strdup_printf (_("Revenue adds up %s over the rows of %s."),
                             mc_model_get_value (model, MC_MODEL_AMOUNT) != NULL ? mc_model_get_value (model, MC_MODEL_AMOUNT) : "—",
                             mc_model_get_value (model, MC_MODEL_PURCHASES));
  gtk_label_set_text (self->model_label, warnings->len > 0 ? g_ptr_array_index (warnings, 0) : summary);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->model_label), warnings->len > 0 ? all->str : summary);
  gtk_image_set_from_icon_name (self->model_icon, warnings->len > 0 ? "dialog-warning-symbolic" : "dialog-information-symbolic");
  if (warnings->len > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->model_icon), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->model_icon), "warning");
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
  g_autofree char *text = g_strdup_printf (_("%s of %s sessions bought"), rate, sessions);
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
 * mc_overview_page_show_sessions:
 *
 * For a web-analytics export without purchase rows: the sessions'
 * conversion and engagement, overall and by month, visitor type and
 * traffic source.
 */
void
mc_overview_page_show_sessions (McOverviewPage   *self,
                                const McSessions *sessions)
{
  const McSessionFigures *f;

  g_return_if_fail (MC_IS_OVERVIEW_PAGE (self));

  if (sessions == NULL)
    return;
  clear (self);
  gtk_stack_set_visible_child_name (self->stack, "overview");
  f = &sessions->overall;
  add_tile (self, _("Sessions"), mc_format_count (f->sessions), NULL, _("sessions in the data"));
  add_tile (self, _("Conversion Rate"), format_percent (f->conversion_rate),
            g_strdup_printf (_("%s sessions bought"), mc_format_count (f->converted)),
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

static void
mc_overview_page_dispose (GObject *object)
{
  McOverviewPage *self = MC_OVERVIEW_PAGE (object);

  g_clear_pointer (&self->group_rows, g_ptr_array_unref);
  g_clear_pointer (&self->currency, g_free);
  g_clear_pointer (&self->figure_warnings, g_ptr_array_unref);

  G_OBJECT_CLASS (mc_overview_page_parent_class)->dispose (object);
}

static void
mc_overview_page_class_init (McOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_overview_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/mercato/Mercato/ui/mc-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, McOverviewPage, stack);
  gtk_widget_class_bind_template_child (widget_class, McOverviewPage, kpi_box);
  gtk_widget_class_bind_template_child (widget_class, McOverviewPage, model_icon);
  gtk_widget_class_bind_template_child (widget_class, McOverviewPage, model_label);
  gtk_widget_class_bind_template_child (widget_class, McOverviewPage, chart_box);
  gtk_widget_class_bind_template_child (widget_class, McOverviewPage, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, McOverviewPage, filter_label);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_filter_clicked_cb);

  /* A chart's mark was clicked: filter everything by what it stands for
   * (a GPtrArray of McChartCondition). */
  signals[FILTER] = g_signal_new ("filter", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);
  signals[CLEAR_FILTER] = g_signal_new ("clear-filter", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                        NULL, G_TYPE_NONE, 0);
  gtk_widget_class_bind_template_child (widget_class, McOverviewPage, metrics_group);
  gtk_widget_class_bind_template_child (widget_class, McOverviewPage, findings_group);
  gtk_widget_class_bind_template_child (widget_class, McOverviewPage, platforms_group);
}

static void
mc_overview_page_init (McOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->group_rows = g_ptr_array_new ();
  self->figure_warnings = g_ptr_array_new_with_free_func (g_free);
}
