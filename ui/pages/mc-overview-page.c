/* mc-overview-page.c: the dataset's key figures at a glance
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The key figures (mc-overview-page-figures.c), then the standard
 * charts, each in a card: a click on a mark filters the others by it,
 * and the chart clicked stays where it was on screen. The page follows
 * its session: the session computes everything on its worker threads,
 * filters included; this page only shows it.
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
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void show_filtered (McOverviewPage *self);
static void show_whole    (McOverviewPage *self);

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

/* A filter failed (rarely: a mark that keeps no purchase); one
 * superseded or dropped says nothing. */
static void
on_filter_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(McOverviewPage) self = user_data;
  g_autoptr(GError) error = NULL;

  /* A page gone (its window closed) has nothing to say. */
  if (!mc_session_filter_finish (MC_SESSION (object), result, &error) && self->session != NULL
      && mc_session_error_is_said (error))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-message", "(ss)", _("Could Not Open the Dataset"),
                                error->message);
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
      if (self->session != NULL)
        mc_session_clear_filter (self->session);
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
  if (self->session == NULL)
    return;
  self->asked_filter = TRUE;
  mc_session_filter_async (self->session, conditions, on_filter_done_cb, g_object_ref (self));
}

static void
on_clear_filter_clicked_cb (McOverviewPage *self)
{
  if (self->session != NULL)
    mc_session_clear_filter (self->session);
}

/* Says what the figures and charts are filtered by ("Website ·
 * Electric"), or that they are not (NULL). */
static void
set_filter (McOverviewPage *self,
            const char     *description)
{
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->filter_bar), description != NULL || gtk_widget_get_visible (GTK_WIDGET (self->filter_spinner)));
  if (description == NULL)
    return;
  text = g_strdup_printf (_("Only purchases of %s"), description);
  gtk_label_set_text (self->filter_label, text);
}

/* Shows that a filter to DESCRIPTION is being worked out (a spinner in
 * the filter bar), or, with NULL, that it is done. */
static void
set_busy (McOverviewPage *self,
          const char     *description)
{
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->filter_spinner), description != NULL);
  gtk_spinner_set_spinning (self->filter_spinner, description != NULL);
  if (description == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->filter_bar), self->filter_text != NULL);
      return;
    }
  text = g_strdup_printf (_("Filtering to the purchases of %s…"), description);
  /* A database's server works the filter out: the query it runs. */
  if (mc_session_get_filtering (self->session) && mc_session_get_progress_message (self->session) != NULL)
    {
      g_autofree char *filtering = g_steal_pointer (&text);

      /* Translators: the first %s says what is filtered, the second the query the server runs. */
      text = g_strdup_printf (_("%s %s"), filtering, mc_session_get_progress_message (self->session));
    }
  gtk_label_set_text (self->filter_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->filter_bar), TRUE);
}

gboolean
mc_overview_page_get_busy (McOverviewPage *self)
{
  g_return_val_if_fail (MC_IS_OVERVIEW_PAGE (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self->filter_spinner));
}

/* Removes the cards of the chart views VIEWS (a list of them) from the
 * page. */
static void
remove_cards (McOverviewPage *self,
              GList          *views)
{
  for (GList *l = views; l != NULL; l = l->next)
    gtk_flow_box_remove (self->chart_box, gtk_widget_get_ancestor (l->data, GTK_TYPE_FLOW_BOX_CHILD));
}

/* The card of the chart named NAME: the one shown next (*KEPT, a list
 * of the views shown before) if it is that chart's, given CHART; else
 * a new one, and those left of *KEPT go. A filter changes the charts,
 * not which there are: cards made again each time took a good part of
 * a cross-filter click (bench/run-app-bench.sh). */
static GtkWidget *
card_for (McOverviewPage  *self,
          GList          **kept,
          const char      *name,
          McChart         *chart,
          GtkWidget      **view)
{
  GtkWidget *card;

  if (*kept != NULL && g_strcmp0 (g_object_get_data ((*kept)->data, "mc-chart-name"), name) == 0)
    {
      *view = (*kept)->data;
      *kept = (*kept)->next;
      mc_chart_view_set_chart (MC_CHART_VIEW (*view), chart);
      gtk_widget_set_size_request (*view, 420, (int) ceil (mc_chart_get_preferred_height (chart, 300)));
      card = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (gtk_widget_get_ancestor (*view, GTK_TYPE_FLOW_BOX_CHILD)));
      mc_chart_view_set_highlight (MC_CHART_VIEW (*view), -1, -2, -1);
      mc_chart_view_set_export_note (MC_CHART_VIEW (*view), NULL);
      mc_chart_card_set_note (card, NULL);
      return card;
    }
  remove_cards (self, *kept);
  *kept = NULL;
  card = mc_chart_card_new (chart, view);
  g_object_set_data_full (G_OBJECT (*view), "mc-chart-name", g_strdup (name), g_free);
  g_signal_connect (*view, "mark-activated", G_CALLBACK (on_mark_activated_cb), self);
  gtk_flow_box_append (self->chart_box, card);
  /* The chart is the Tab stop, not the box's child around it. */
  gtk_widget_set_focusable (gtk_widget_get_parent (card), FALSE);
  return card;
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
  g_autoptr(GList) shown = mc_overview_page_get_charts (self);
  GList *kept = shown;

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
      card = card_for (self, &kept, name, chart, &view);
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
    }
  remove_cards (self, kept);
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

/* Removes ROWS[FROM…] from their groups, and from ROWS. */
static void
remove_rows (GPtrArray *rows,
             guint      from)
{
  for (guint i = from; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (rows, MIN (from, rows->len));
}

void
_mc_overview_page_drop_stale_rows (McOverviewPage *self)
{
  remove_rows (self->stale_rows, self->stale_next);
  g_ptr_array_set_size (self->stale_rows, 0);
  self->stale_next = 0;
}

void
_mc_overview_page_clear_keeping_rows (McOverviewPage *self)
{
  GPtrArray *shown = self->group_rows;

  /* Shown again by the figures that fill them. */
  gtk_widget_set_visible (GTK_WIDGET (self->findings_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->platforms_group), FALSE);
  mc_widget_remove_all (GTK_WIDGET (self->kpi_box));
  _mc_overview_page_drop_stale_rows (self);
  self->group_rows = self->stale_rows;
  self->stale_rows = shown;
}

void
_mc_overview_page_clear (McOverviewPage *self)
{
  self->charts = NULL;
  mc_widget_remove_all (GTK_WIDGET (self->chart_box));
  _mc_overview_page_clear_keeping_rows (self);
  _mc_overview_page_drop_stale_rows (self);
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
  _mc_overview_page_clear_keeping_rows (self);
  gtk_stack_set_visible_child_name (self->stack, metrics != NULL ? "overview" : "empty");
  if (metrics == NULL)
    {
      _mc_overview_page_clear (self);
      return;
    }
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
  _mc_overview_page_drop_stale_rows (self);
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

/* The figures of part of the purchases (as the filter's label says),
 * each tile and chart saying so; the chart whose mark set the filter is
 * drawn from the whole's charts, its selection highlighted. The scroll
 * position is kept. */
static void
show_filtered (McOverviewPage *self)
{
  const McAnalysis *filtered = mc_session_get_filtered_analysis (self->session);
  const char *description = mc_session_get_filter_label (self->session);

  self->whole = mc_session_get_charts (self->session);
  g_free (self->filter_text);
  self->filter_text = g_strdup (description);
  show_figures (self, filtered->metrics, filtered->platforms, mc_session_get_filtered_charts (self->session));
  set_filter (self, description);
}

/* Every purchase of the session's dataset. */
static void
show_whole (McOverviewPage *self)
{
  const McAnalysis *analysis = mc_session_get_analysis (self->session);

  mc_overview_page_show (self, analysis->metrics, analysis->platforms, mc_session_get_charts (self->session));
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

/* The next figures shown start at the top: for another dataset. */
void
mc_overview_page_scroll_to_top (McOverviewPage *self)
{
  g_return_if_fail (MC_IS_OVERVIEW_PAGE (self));

  self->kept_scroll = -1;
  g_clear_pointer (&self->anchor_name, g_free);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
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
static void
show_model (McOverviewPage *self,
            McModel        *model)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new ();
  g_autoptr(GString) all = g_string_new (NULL);
  g_autofree char *summary = NULL;

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

/* The session */

/* The session's dataset changed (opened, cleaned, undone): its figures,
 * unfiltered. */
static void
on_dataset_changed_cb (McOverviewPage *self)
{
  McDataset *dataset = mc_session_get_dataset (self->session);

  if (dataset == NULL)
    return;
  g_set_object (&self->dataset, dataset);
  show_whole (self);
  if (mc_session_get_analysis (self->session)->metrics == NULL && mc_session_get_analysis (self->session)->sessions != NULL)
    {
      _mc_overview_page_show_sessions (self, mc_session_get_analysis (self->session)->sessions);
      show_charts (self, mc_session_get_charts (self->session));
    }
  show_model (self, mc_model_for_dataset (dataset));
}

/* A filter that answers quickly shows no busy sign, which would only
 * flicker. */
#define FILTER_BUSY_DELAY_MS 100

static gboolean
filter_busy_cb (gpointer data)
{
  McOverviewPage *self = data;

  self->filter_busy_source = 0;
  if (mc_session_get_filtering (self->session))
    set_busy (self, mc_session_get_filter_label (self->session));
  return G_SOURCE_REMOVE;
}

static void
on_progress_message_changed_cb (McOverviewPage *self)
{
  if (mc_session_get_filtering (self->session) && gtk_widget_get_visible (GTK_WIDGET (self->filter_spinner)))
    set_busy (self, mc_session_get_filter_label (self->session));
}

/* A filter was asked for, or dropped. The filter bar shows at once (the
 * page moves once, under the chart kept in place), a busy sign only if
 * it takes long. Dropped with the dataset unchanged, every purchase
 * shows again; another dataset shows itself. */
static void
on_filter_label_changed_cb (McOverviewPage *self)
{
  const char *label = mc_session_get_filter_label (self->session);
  gboolean asked = self->asked_filter;

  self->asked_filter = FALSE;
  g_clear_handle_id (&self->filter_busy_source, g_source_remove);
  if (label != NULL)
    {
      /* A segment's customers: no chart's mark set this filter. */
      if (!asked)
        g_clear_pointer (&self->source_name, g_free);
      if (mc_session_get_filtering (self->session))
        {
          set_filter (self, label);
          self->filter_busy_source = g_timeout_add (FILTER_BUSY_DELAY_MS, filter_busy_cb, self);
        }
      return;
    }
  set_busy (self, NULL);
  set_filter (self, NULL);
  if (self->dataset != NULL && self->dataset == mc_session_get_dataset (self->session))
    show_whole (self);
}

/* The filter's purchases are worked out. */
static void
on_filtered_changed_cb (McOverviewPage *self)
{
  if (mc_session_get_filtered_analysis (self->session) == NULL)
    return;
  g_clear_handle_id (&self->filter_busy_source, g_source_remove);
  set_busy (self, NULL);
  show_filtered (self);
}

McSession *
mc_overview_page_get_session (McOverviewPage *self)
{
  g_return_val_if_fail (MC_IS_OVERVIEW_PAGE (self), NULL);

  return self->session;
}

/**
 * mc_overview_page_set_session:
 *
 * Shows SESSION's figures and charts from now on, filtered as it is;
 * a click on a mark filters it.
 */
void
mc_overview_page_set_session (McOverviewPage *self,
                              McSession      *session)
{
  static const struct { const char *signal; GCallback callback; } observed[] = {
    { "notify::dataset", G_CALLBACK (on_dataset_changed_cb) },
    { "notify::filter-label", G_CALLBACK (on_filter_label_changed_cb) },
    { "notify::filtered", G_CALLBACK (on_filtered_changed_cb) },
    { "notify::progress-message", G_CALLBACK (on_progress_message_changed_cb) },
  };

  g_return_if_fail (MC_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (session == NULL || MC_IS_SESSION (session));

  if (self->session == session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_handle_id (&self->filter_busy_source, g_source_remove);
  g_set_object (&self->session, session);
  g_clear_object (&self->dataset);
  if (session != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (observed); i++)
        g_signal_connect_swapped (session, observed[i].signal, observed[i].callback, self);
      on_dataset_changed_cb (self);
      on_filtered_changed_cb (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

static void
mc_overview_page_dispose (GObject *object)
{
  McOverviewPage *self = MC_OVERVIEW_PAGE (object);

  mc_overview_page_set_session (self, NULL);

  g_clear_pointer (&self->group_rows, g_ptr_array_unref);
  g_clear_pointer (&self->stale_rows, g_ptr_array_unref);
  g_clear_pointer (&self->currency, g_free);
  g_clear_pointer (&self->figure_warnings, g_ptr_array_unref);
  g_clear_pointer (&self->filter_text, g_free);
  g_clear_pointer (&self->source_name, g_free);
  g_clear_pointer (&self->anchor_name, g_free);

  G_OBJECT_CLASS (mc_overview_page_parent_class)->dispose (object);
}

static void
mc_overview_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  McOverviewPage *self = MC_OVERVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_overview_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  McOverviewPage *self = MC_OVERVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      mc_overview_page_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_overview_page_class_init (McOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_overview_page_dispose;
  object_class->get_property = mc_overview_page_get_property;
  object_class->set_property = mc_overview_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, MC_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

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
  gtk_widget_class_bind_template_child (widget_class, McOverviewPage, metrics_group);
  gtk_widget_class_bind_template_child (widget_class, McOverviewPage, findings_group);
  gtk_widget_class_bind_template_child (widget_class, McOverviewPage, platforms_group);
}

static void
mc_overview_page_init (McOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->group_rows = g_ptr_array_new ();
  self->stale_rows = g_ptr_array_new ();
  self->figure_warnings = g_ptr_array_new_with_free_func (g_free);
  self->kept_scroll = -1;
  g_signal_connect (gtk_scrolled_window_get_vadjustment (self->scroller), "changed",
                    G_CALLBACK (on_scroll_changed_cb), self);
}
