/* mc-overview-page.c: the dataset's key figures at a glance
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The key figures (mc-overview-page-figures.c), then the standard
 * charts, each in a card: a click on a mark filters the others by it,
 * and the chart clicked stays where it was on screen. The session
 * computes everything on its worker threads; this page only shows it.
 */
#define G_LOG_DOMAIN "mc-overview-page"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mc-chart-view.h"
#include "mc-widget-utils.h"

#include "mc-overview-page-private.h"

G_DEFINE_FINAL_TYPE (McOverviewPage, mc_overview_page, ADW_TYPE_BIN)

enum {
  FILTER,
  CLEAR_FILTER,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWidget *
find_chart (McOverviewPage *self,
            const char     *name)
{
  g_autoptr(GList) views = mc_overview_page_get_charts (self);

  for (GList *l = views; l != NULL; l = l->next)
    if (g_strcmp0 (g_object_get_data (l->data, "mc-chart-name"), name) == 0)
      return l->data;
  return NULL;
}

static gboolean
chart_top (McOverviewPage *self,
           GtkWidget      *view,
           double         *y)
{
  graphene_point_t point;

  if (view == NULL || gtk_widget_get_height (view) <= 0
      || !gtk_widget_compute_point (view, GTK_WIDGET (self), &GRAPHENE_POINT_INIT (0, 0), &point))
    return FALSE;
  *y = point.y;
  return TRUE;
}

static gboolean
is_source (McOverviewPage *self,
           const char     *name)
{
  return self->whole != NULL && self->source_name != NULL && g_strcmp0 (name, self->source_name) == 0;
}

/* A click on a mark filters the other charts by it; on the selection
 * of the chart that set the filter, it shows everything again. */
static void
on_mark_activated_cb (McChartView    *view,
                      int             series,
                      int             index,
                      int             row,
                      McOverviewPage *self)
{
  const char *name = g_object_get_data (G_OBJECT (view), "mc-chart-name");
  McChartData *charts = is_source (self, name) ? self->whole : self->charts;
  g_autoptr(GPtrArray) conditions = NULL;

  if (charts == NULL || name == NULL)
    return;
  if (is_source (self, name) && series == self->source_series && index == self->source_index && row == self->source_row)
    {
      g_signal_emit (self, signals[CLEAR_FILTER], 0);
      return;
    }
  conditions = mc_chart_data_conditions (charts, name, mc_chart_view_get_chart (view), series, index, row);
  if (conditions == NULL)
    return;
  g_free (self->source_name);
  self->source_name = g_strdup (name);
  self->source_series = series;
  self->source_index = index;
  self->source_row = row;
  /* Where the chart is now, before the filter bar shows. */
  g_clear_pointer (&self->anchor_name, g_free);
  if (chart_top (self, GTK_WIDGET (view), &self->anchor_y))
    self->anchor_name = g_strdup (name);
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

  gtk_widget_set_visible (GTK_WIDGET (self->filter_bar), description != NULL || gtk_widget_get_visible (GTK_WIDGET (self->filter_spinner)));
  if (description == NULL)
    return;
  text = g_strdup_printf (_("Only purchases of %s"), description);
  gtk_label_set_text (self->filter_label, text);
}

/**
 * mc_overview_page_set_busy:
 *
 * Shows that a filter to DESCRIPTION is being worked out (a spinner in
 * the filter bar), or, with NULL, that it is done.
 */
void
mc_overview_page_set_busy (McOverviewPage *self,
                           const char     *description)
{
  g_autofree char *text = NULL;

  g_return_if_fail (MC_IS_OVERVIEW_PAGE (self));

  gtk_widget_set_visible (GTK_WIDGET (self->filter_spinner), description != NULL);
  gtk_spinner_set_spinning (self->filter_spinner, description != NULL);
  if (description == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->filter_bar), self->filter_text != NULL);
      return;
    }
  text = g_strdup_printf (_("Filtering to the purchases of %s…"), description);
  gtk_label_set_text (self->filter_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->filter_bar), TRUE);
}

gboolean
mc_overview_page_get_busy (McOverviewPage *self)
{
  g_return_val_if_fail (MC_IS_OVERVIEW_PAGE (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self->filter_spinner));
}

/* Every standard chart the dataset has, each in a card; clicking a mark
 * asks for a filter. Under a filter, each card says so, and its chart's
 * subtitle too (for exports); the chart that set it is drawn from the
 * whole data, its selection highlighted. */
static void
show_charts (McOverviewPage *self,
             McChartData    *charts)
{
  g_autoptr(GArray) list = charts != NULL ? mc_chart_data_list (charts) : NULL;

  self->charts = charts;
  gtk_widget_set_visible (GTK_WIDGET (self->chart_box), list != NULL && list->len > 0);
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      const char *name = g_array_index (list, McChartInfo, i).name;
      gboolean source = is_source (self, name);
      g_autoptr(McChart) chart = mc_chart_data_build (source ? self->whole : charts, name, NULL);
      GtkWidget *view;
      GtkWidget *card;

      if (chart == NULL)
        continue;
      if (self->filter_text != NULL && !source)
        {
          /* Translators: a chart's subtitle, then what its data is filtered to. */
          g_autofree char *subtitle = g_strdup_printf (_("%s · only %s"), mc_chart_get_subtitle (chart) != NULL
                                                                            ? mc_chart_get_subtitle (chart) : "",
                                                       self->filter_text);
          g_autofree char *title = g_strdup (mc_chart_get_title (chart));

          mc_chart_set_title (chart, title, mc_chart_get_subtitle (chart) != NULL ? subtitle : subtitle + strlen (" · "));
        }
      card = mc_chart_card_new (chart, &view);
      if (source)
        {
          g_autofree char *note = g_strdup_printf (_("%s selected: the other charts show only its purchases. Click it again to show all."),
                                                   self->filter_text);
          g_autofree char *exported = g_strdup_printf (_("Only purchases of %s highlighted"), self->filter_text);

          mc_chart_view_set_highlight (MC_CHART_VIEW (view), self->source_series, self->source_index, self->source_row);
          mc_chart_view_set_export_note (MC_CHART_VIEW (view), exported);
          mc_chart_card_set_note (card, note);
        }
      else if (self->filter_text != NULL)
        {
          g_autofree char *note = g_strdup_printf (_("Only %s"), self->filter_text);

          mc_chart_card_set_note (card, note);
        }
      g_object_set_data_full (G_OBJECT (view), "mc-chart-name", g_strdup (name), g_free);
      g_signal_connect (view, "mark-activated", G_CALLBACK (on_mark_activated_cb), self);
      gtk_flow_box_append (self->chart_box, card);
      /* The chart is the Tab stop, not the box's child around it. */
      gtk_widget_set_focusable (gtk_widget_get_parent (card), FALSE);
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
      GtkWidget *view = mc_chart_card_get_view (gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child)));

      if (MC_IS_CHART_VIEW (view))
        views = g_list_prepend (views, view);
    }
  return g_list_reverse (views);
}

void
_mc_overview_page_clear (McOverviewPage *self)
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

/* The scroll position goes back to where it was once the page is laid
 * out again with the new figures (rebuilding it would move it, and the
 * focus, once its widget is gone, would scroll to wherever it lands). */
static void
on_scroll_changed_cb (GtkAdjustment  *adjustment,
                      McOverviewPage *self)
{
  /* A chart kept in place is what counts then. */
  if (self->kept_scroll < 0 || self->anchor_name != NULL)
    return;
  gtk_adjustment_set_value (adjustment, self->kept_scroll);
  if (gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment) >= self->kept_scroll)
    self->kept_scroll = -1;
}

static gboolean
stop_keeping_scroll_cb (gpointer data)
{
  McOverviewPage *self = data;

  self->kept_scroll = -1;
  return G_SOURCE_REMOVE;
}

/* Once laid out, the chart clicked is scrolled back under the pointer. */
/* Once laid out, the chart clicked is scrolled back to where it was,
 * under the pointer; layout may take a few frames to settle. */
static gboolean
keep_anchor_tick_cb (GtkWidget     *widget,
                     GdkFrameClock *clock,
                     gpointer       user_data)
{
  McOverviewPage *self = MC_OVERVIEW_PAGE (widget);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  GtkWidget *view = self->anchor_name != NULL ? find_chart (self, self->anchor_name) : NULL;
  double y;

  /* Until it has stayed put for a few frames, a second at most. */
  if (view != NULL && ++self->anchor_frames < 60 && self->anchor_still < 5)
    {
      if (chart_top (self, view, &y) && fabs (y - self->anchor_y) >= 1)
        {
          self->kept_scroll = -1;
          self->anchor_still = 0;
          gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + y - self->anchor_y);
        }
      else if (gtk_widget_get_height (view) > 0)
        self->anchor_still++;
      return G_SOURCE_CONTINUE;
    }
  self->kept_scroll = -1;
  g_clear_pointer (&self->anchor_name, g_free);
  self->anchor_tick = 0;
  return G_SOURCE_REMOVE;
}

static void
show_figures (McOverviewPage     *self,
              McMetrics          *metrics,
              McPlatformAnalysis *platforms,
              McChartData        *charts)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  g_autofree char *focused = NULL;

  /* The chart that had the focus has it again, under the same name. */
  if (focus != NULL && MC_IS_CHART_VIEW (focus) && gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    focused = g_strdup (g_object_get_data (G_OBJECT (focus), "mc-chart-name"));
  if (self->anchor_name != NULL)
    ;
  else if (self->source_name != NULL && chart_top (self, find_chart (self, self->source_name), &self->anchor_y))
    self->anchor_name = g_strdup (self->source_name);
  else if (focused != NULL && chart_top (self, focus, &self->anchor_y))
    self->anchor_name = g_strdup (focused);
  self->kept_scroll = gtk_adjustment_get_value (adjustment);
  if (self->kept_scroll > 0)
    g_timeout_add_full (G_PRIORITY_LOW, 1000, stop_keeping_scroll_cb, g_object_ref (self), g_object_unref);
  else
    self->kept_scroll = -1;
  _mc_overview_page_clear (self);
  gtk_stack_set_visible_child_name (self->stack, metrics != NULL ? "overview" : "empty");
  if (metrics == NULL)
    return;
  g_free (self->currency);
  self->currency = g_strdup (metrics->currency);
  g_ptr_array_set_size (self->figure_warnings, 0);
  for (guint i = 0; metrics->warnings != NULL && i < metrics->warnings->len; i++)
    g_ptr_array_add (self->figure_warnings, g_strdup (g_ptr_array_index (metrics->warnings, i)));
  _mc_overview_page_add_sales_tiles (self, metrics);
  if (metrics->has_visits)
    _mc_overview_page_add_visit_tiles (self, metrics);
  show_charts (self, charts);
  _mc_overview_page_list_metrics (self, metrics);
  _mc_overview_page_show_platforms (self, platforms);
  if (focused != NULL)
    {
      g_autoptr(GList) views = mc_overview_page_get_charts (self);

      for (GList *l = views; l != NULL; l = l->next)
        if (g_strcmp0 (g_object_get_data (l->data, "mc-chart-name"), focused) == 0)
          gtk_widget_grab_focus (l->data);
    }
  if (self->kept_scroll >= 0)
    gtk_adjustment_set_value (adjustment, self->kept_scroll);
  self->anchor_frames = 0;
  self->anchor_still = 0;
  if (self->anchor_name != NULL && self->anchor_tick == 0)
    self->anchor_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), keep_anchor_tick_cb, NULL, NULL);
}

/**
 * mc_overview_page_show:
 *
 * Shows METRICS, PLATFORMS and the charts of CHARTS (borrowed: they
 * must outlive the page's use of them), unfiltered; the scroll position
 * is kept.
 */
void
mc_overview_page_show (McOverviewPage     *self,
                       McMetrics          *metrics,
                       McPlatformAnalysis *platforms,
                       McChartData        *charts)
{
  g_return_if_fail (MC_IS_OVERVIEW_PAGE (self));

  self->whole = NULL;
  g_clear_pointer (&self->filter_text, g_free);
  g_clear_pointer (&self->source_name, g_free);
  show_figures (self, metrics, platforms, charts);
}

/**
 * mc_overview_page_show_filtered:
 *
 * Shows the figures of part of the purchases (as DESCRIPTION says),
 * each tile and chart saying so; the chart whose mark set the filter is
 * drawn from WHOLE, the charts before the filter, with its selection
 * highlighted. The scroll position is kept.
 */
void
mc_overview_page_show_filtered (McOverviewPage     *self,
                                McMetrics          *metrics,
                                McPlatformAnalysis *platforms,
                                McChartData        *charts,
                                McChartData        *whole,
                                const char         *description)
{
  g_return_if_fail (MC_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (description != NULL);

  self->whole = whole;
  g_free (self->filter_text);
  self->filter_text = g_strdup (description);
  show_figures (self, metrics, platforms, charts);
  mc_overview_page_set_filter (self, description);
}

/**
 * mc_overview_page_focus_content:
 *
 * Gives the keyboard focus to the first chart, else the first control of
 * the page (F6). FALSE when there is none.
 */
gboolean
mc_overview_page_focus_content (McOverviewPage *self)
{
  g_autoptr(GList) views = NULL;

  g_return_val_if_fail (MC_IS_OVERVIEW_PAGE (self), FALSE);

  views = mc_overview_page_get_charts (self);
  if (views != NULL && gtk_widget_is_visible (views->data))
    return gtk_widget_grab_focus (views->data);
  return gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
}

/* The next filter comes from elsewhere than a chart's mark. */
void
mc_overview_page_forget_selection (McOverviewPage *self)
{
  g_return_if_fail (MC_IS_OVERVIEW_PAGE (self));

  g_clear_pointer (&self->source_name, g_free);
}

/* The next figures shown start at the top: for another dataset. */
void
mc_overview_page_scroll_to_top (McOverviewPage *self)
{
  g_return_if_fail (MC_IS_OVERVIEW_PAGE (self));

  self->kept_scroll = -1;
  g_clear_pointer (&self->anchor_name, g_free);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

double
mc_overview_page_get_scroll (McOverviewPage *self)
{
  g_return_val_if_fail (MC_IS_OVERVIEW_PAGE (self), 0);

  return gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (self->scroller));
}

GtkScrolledWindow *
mc_overview_page_get_scroller (McOverviewPage *self)
{
  g_return_val_if_fail (MC_IS_OVERVIEW_PAGE (self), NULL);

  return self->scroller;
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
mc_overview_page_dispose (GObject *object)
{
  McOverviewPage *self = MC_OVERVIEW_PAGE (object);

  g_clear_pointer (&self->group_rows, g_ptr_array_unref);
  g_clear_pointer (&self->currency, g_free);
  g_clear_pointer (&self->figure_warnings, g_ptr_array_unref);
  g_clear_pointer (&self->filter_text, g_free);
  g_clear_pointer (&self->source_name, g_free);
  g_clear_pointer (&self->anchor_name, g_free);

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
  gtk_widget_class_bind_template_child (widget_class, McOverviewPage, filter_spinner);
  gtk_widget_class_bind_template_child (widget_class, McOverviewPage, scroller);
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
  self->kept_scroll = -1;
  g_signal_connect (gtk_scrolled_window_get_vadjustment (self->scroller), "changed",
                    G_CALLBACK (on_scroll_changed_cb), self);
}
