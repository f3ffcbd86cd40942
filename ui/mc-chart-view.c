/* mc-chart-view.c: a chart on screen, to hover, click, zoom and export
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The widget draws an McChart with gtk_snapshot_append_cairo() and asks
 * it what is under the pointer: a tooltip with the exact values, a click
 * on a legend entry hides or shows its series, a click on a mark emits
 * "mark-activated". Ctrl+scroll zooms a time or number axis around the
 * pointer, dragging pans it, a double click shows everything again. On
 * a scatter that is not zoomed (or with Shift), dragging draws a
 * rectangle that selects the points in it ("points-selected"). The
 * arrow keys walk the marks; the context menu saves or copies the chart
 * (mc-chart-view-export.c).
 */
#define G_LOG_DOMAIN "mc-chart-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <math.h>

#include "mc-chart-view-private.h"

struct _McChartView
{
  GtkWidget  parent_instance;

  McChart   *chart;
  int        focus_mark;      /* −1: none */
  double     pointer_x;       /* where the pointer is, to zoom around */
  double     drag_low;        /* the x view when a drag began */
  double     drag_high;
  gboolean   selecting;       /* a drag draws a selection rectangle */
  graphene_rect_t selection;  /* from the drag's start, size may be negative */
  GtkWidget *menu;
  int        highlight_series; /* the selection shown whole, the rest dimmed; */
  int        highlight_index;  /* index −2: none */
  int        highlight_row;
  char      *export_note;     /* the filter exports state, or NULL */
};

G_DEFINE_FINAL_TYPE (McChartView, mc_chart_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CHART,
  N_PROPS
};

enum {
  MARK_ACTIVATED,
  POINTS_SELECTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Charts of series over x (lines, areas, points) zoom and pan; bars and
 * cells have no x to zoom. */
static gboolean
has_x_view (McChartView *self)
{
  double low, high;

  return mc_chart_get_x_extent (self->chart, &low, &high);
}

static void
update_accessible (McChartView *self)
{
  g_autofree char *summary = self->chart != NULL ? mc_chart_describe (self->chart) : NULL;

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  summary != NULL ? summary : _("Empty chart"), -1);
}

static void
draw_focus (McChartView *self,
            cairo_t     *cr)
{
  double x, y, width, height;

  if (self->focus_mark < 0 || !gtk_widget_has_focus (GTK_WIDGET (self))
      || !mc_chart_get_mark (self->chart, self->focus_mark, &x, &y, &width, &height))
    return;
  /* Adwaita's accent blue, as GTK draws focus rings. */
  cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.9);
  cairo_set_line_width (cr, 2);
  cairo_rectangle (cr, x - 2, y - 2, width + 4, height + 4);
  cairo_stroke (cr);
}

/* A visible focus ring round the whole chart while it has the keyboard
 * focus: one Tab stop per chart. */
static void
draw_focus_ring (McChartView *self,
                 GtkSnapshot *snapshot,
                 int          width,
                 int          height)
{
  GdkRGBA accent;
  GskRoundedRect outline;

  if (!gtk_widget_has_visible_focus (GTK_WIDGET (self)))
    return;
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (self)), "accent_color", &accent))
    accent = (GdkRGBA) { 0.21, 0.52, 0.89, 1 };
G_GNUC_END_IGNORE_DEPRECATIONS
  accent.alpha = 0.8;
  gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (2, 2, width - 4, height - 4), 8);
  gtk_snapshot_append_border (snapshot, &outline, (float[4]) { 2, 2, 2, 2 },
                              (GdkRGBA[4]) { accent, accent, accent, accent });
}

static void
mc_chart_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  McChartView *self = MC_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (self->chart == NULL || width <= 0 || height <= 0)
    return;
  /* Follow the desktop's light or dark style. */
  mc_chart_set_theme (self->chart, adw_style_manager_get_dark (adw_style_manager_get_default ())
                                     ? MC_CHART_THEME_DARK : MC_CHART_THEME_LIGHT);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  mc_chart_render (self->chart, cr, width, height);
  draw_focus (self, cr);
  if (self->selecting)
    {
      cairo_rectangle (cr, self->selection.origin.x, self->selection.origin.y,
                       self->selection.size.width, self->selection.size.height);
      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.15);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.9);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
  draw_focus_ring (self, snapshot, width, height);
}

static gboolean
on_query_tooltip_cb (GtkWidget  *widget,
                     int         x,
                     int         y,
                     gboolean    keyboard,
                     GtkTooltip *tooltip,
                     gpointer    user_data)
{
  McChartView *self = MC_CHART_VIEW (widget);
  McChartHit hit;
  g_autofree char *text = NULL;

  if (self->chart == NULL || !mc_chart_hit_test (self->chart, x, y, &hit))
    return FALSE;
  if (hit.legend)
    text = g_strdup_printf (mc_chart_get_series_hidden (self->chart, hit.series) ? _("%s: click to show")
                                                                                 : _("%s: click to hide"), hit.label);
  gtk_tooltip_set_text (tooltip, text != NULL ? text : hit.label);
  mc_chart_hit_clear (&hit);
  return TRUE;
}

static void
on_click_released_cb (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      McChartView     *self)
{
  McChartHit hit;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (self->chart == NULL)
    return;
  if (n_press == 2 && has_x_view (self))
    {
      mc_chart_set_x_view (self->chart, NAN, NAN);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  if (!mc_chart_hit_test (self->chart, x, y, &hit))
    return;
  if (hit.legend && mc_chart_get_n_groups (self->chart) > 1)
    g_signal_emit (self, signals[MARK_ACTIVATED], 0, -1, hit.series, -1);
  else if (hit.legend)
    {
      mc_chart_set_series_hidden (self->chart, hit.series, !mc_chart_get_series_hidden (self->chart, hit.series));
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  else
    g_signal_emit (self, signals[MARK_ACTIVATED], 0, hit.series, hit.index, hit.row);
  mc_chart_hit_clear (&hit);
}

/* The x view now, the whole extent when not zoomed. */
static gboolean
current_view (McChartView *self,
              double      *low,
              double      *high)
{
  return mc_chart_get_x_view (self->chart, low, high) || mc_chart_get_x_extent (self->chart, low, high);
}

/* Zooms the x view by FACTOR (below 1: in) around X, a widget position. */
static gboolean
zoom (McChartView *self,
      double       x,
      double       factor)
{
  double low, high, pointer, x_min, x_max, y_min, y_max;

  if (self->chart == NULL || !has_x_view (self) || !current_view (self, &low, &high))
    return FALSE;
  if (mc_chart_data_range (self->chart, x, 0, x + 1, G_MAXINT, &x_min, &x_max, &y_min, &y_max))
    pointer = x_min;
  else
    pointer = (low + high) / 2;
  mc_chart_set_x_view (self->chart, pointer - (pointer - low) * factor, pointer + (high - pointer) * factor);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

static gboolean
on_scroll_cb (GtkEventControllerScroll *controller,
              double                    dx,
              double                    dy,
              McChartView              *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  /* Plain scrolling scrolls the page; Ctrl+scroll zooms. */
  if (!(state & GDK_CONTROL_MASK))
    return FALSE;
  return zoom (self, self->pointer_x, dy > 0 ? 1.25 : 0.8);
}

static void
on_motion_cb (GtkEventControllerMotion *controller,
              double                    x,
              double                    y,
              McChartView              *self)
{
  self->pointer_x = x;
}

static void
on_drag_begin_cb (GtkGestureDrag *gesture,
                  double          x,
                  double          y,
                  McChartView    *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  gboolean zoomed;

  if (self->chart == NULL || !has_x_view (self))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  zoomed = mc_chart_get_x_view (self->chart, &self->drag_low, &self->drag_high);
  self->selecting = mc_chart_get_kind (self->chart) == MC_CHART_SCATTER && (!zoomed || (state & GDK_SHIFT_MASK));
  self->selection = GRAPHENE_RECT_INIT (x, y, 0, 0);
  if (!zoomed && !self->selecting)
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
}

/* The selection rectangle, once the pointer has moved far enough for it
 * not to be a click, gives the data range of the points in it. */
static void
on_drag_end_cb (GtkGestureDrag *gesture,
                double          offset_x,
                double          offset_y,
                McChartView    *self)
{
  graphene_rect_t *r = &self->selection;
  double x_min, x_max, y_min, y_max;

  if (!self->selecting)
    return;
  self->selecting = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (fabs (offset_x) < 4 && fabs (offset_y) < 4)
    return;
  if (mc_chart_data_range (self->chart, r->origin.x, r->origin.y, r->origin.x + offset_x, r->origin.y + offset_y,
                           &x_min, &x_max, &y_min, &y_max))
    g_signal_emit (self, signals[POINTS_SELECTED], 0, x_min, x_max, y_min, y_max);
}

/* Dragging a zoomed axis moves the view with the pointer. */
static void
on_drag_update_cb (GtkGestureDrag *gesture,
                   double          offset_x,
                   double          offset_y,
                   McChartView    *self)
{
  double x0, y0, x_min, x_max, y_min, y_max, shift;

  if (self->selecting)
    {
      self->selection.size = GRAPHENE_SIZE_INIT (offset_x, offset_y);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  gtk_gesture_drag_get_start_point (gesture, &x0, &y0);
  mc_chart_set_x_view (self->chart, self->drag_low, self->drag_high);
  if (!mc_chart_data_range (self->chart, MIN (x0, x0 + offset_x), 0, MAX (x0, x0 + offset_x) + 0.01, G_MAXINT,
                            &x_min, &x_max, &y_min, &y_max))
    return;
  shift = offset_x > 0 ? -(x_max - x_min) : x_max - x_min;
  mc_chart_set_x_view (self->chart, self->drag_low + shift, self->drag_high + shift);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
mc_chart_view_move_focus (McChartView *self,
                          int          step)
{
  guint n;

  g_return_val_if_fail (MC_IS_CHART_VIEW (self), FALSE);

  if (self->chart == NULL || (n = mc_chart_get_n_marks (self->chart)) == 0)
    return FALSE;
  self->focus_mark = self->focus_mark < 0 ? (step > 0 ? 0 : (int) n - 1) : CLAMP (self->focus_mark + step, 0, (int) n - 1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

int
mc_chart_view_get_focus_mark (McChartView *self)
{
  g_return_val_if_fail (MC_IS_CHART_VIEW (self), -1);

  return self->focus_mark;
}

/* The focused mark's values become the accessible description, which
 * screen readers announce. */
static void
announce_focus (McChartView *self)
{
  double x, y, width, height;
  McChartHit hit;

  if (!mc_chart_get_mark (self->chart, self->focus_mark, &x, &y, &width, &height)
      || !mc_chart_hit_test (self->chart, x + width / 2, y + height / 2, &hit))
    return;
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), hit.label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, hit.label, -1);
  mc_chart_hit_clear (&hit);
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   McChartView           *self)
{
  double x, y, width, height;
  McChartHit hit;

  switch (keyval)
    {
    case GDK_KEY_Right:
    case GDK_KEY_Down:
      mc_chart_view_move_focus (self, 1);
      break;
    case GDK_KEY_Left:
    case GDK_KEY_Up:
      mc_chart_view_move_focus (self, -1);
      break;
    case GDK_KEY_Home:
      self->focus_mark = -1;
      mc_chart_view_move_focus (self, 1);
      break;
    case GDK_KEY_End:
      self->focus_mark = -1;
      mc_chart_view_move_focus (self, -1);
      break;
    case GDK_KEY_plus:
    case GDK_KEY_equal:
    case GDK_KEY_KP_Add:
      return zoom (self, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0, 0.8);
    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      return zoom (self, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0, 1.25);
    case GDK_KEY_0:
    case GDK_KEY_KP_0:
      if (self->chart == NULL || !has_x_view (self))
        return FALSE;
      mc_chart_set_x_view (self->chart, NAN, NAN);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
      if (self->chart == NULL || !mc_chart_get_mark (self->chart, self->focus_mark, &x, &y, &width, &height)
          || !mc_chart_hit_test (self->chart, x + width / 2, y + height / 2, &hit))
        return FALSE;
      g_signal_emit (self, signals[MARK_ACTIVATED], 0, hit.series, hit.index, hit.row);
      mc_chart_hit_clear (&hit);
      return TRUE;
    default:
      return FALSE;
    }
  announce_focus (self);
  return TRUE;
}

/* The context menu, made the first time it is asked for: a popover for
 * each of the twenty charts of every filter's Overview, most never
 * opened, took a tenth of a click's time (bench/run-app-bench.sh). */
static GtkPopover *
get_menu (McChartView *self)
{
  g_autoptr(GMenuModel) menu = NULL;

  if (self->menu != NULL)
    return GTK_POPOVER (self->menu);
  menu = mc_chart_view_get_menu_model ();
  self->menu = gtk_popover_menu_new_from_model (menu);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
  gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
  return GTK_POPOVER (self->menu);
}

static void
on_menu_pressed_cb (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    McChartView     *self)
{
  gtk_popover_set_pointing_to (get_menu (self), &(GdkRectangle) { x, y, 1, 1 });
  gtk_popover_popup (get_menu (self));
}

/* Shift+F10 or the Menu key: the chart's menu, at the focused mark or
 * the chart's middle. */
static void
popup_menu_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  McChartView *self = MC_CHART_VIEW (widget);
  double x, y, width, height;

  if (self->chart == NULL || !mc_chart_get_mark (self->chart, self->focus_mark, &x, &y, &width, &height))
    {
      x = gtk_widget_get_width (widget) / 2.0;
      y = gtk_widget_get_height (widget) / 2.0;
      width = height = 1;
    }
  gtk_popover_set_pointing_to (get_menu (self), &(GdkRectangle) { x, y, MAX (width, 1), MAX (height, 1) });
  gtk_popover_popup (get_menu (self));
}

/**
 * mc_chart_view_set_highlight:
 *
 * Shows the mark (SERIES, INDEX, ROW), as "mark-activated" gave it, as
 * the selection: the others are dimmed. INDEX −2 shows every mark
 * alike again.
 */
void
mc_chart_view_set_highlight (McChartView *self,
                             int          series,
                             int          index,
                             int          row)
{
  g_return_if_fail (MC_IS_CHART_VIEW (self));

  self->highlight_series = series;
  self->highlight_index = index;
  self->highlight_row = row;
  /* The chart draws it, so that its exports show it too. */
  if (self->chart != NULL)
    mc_chart_set_highlight (self->chart, series, index, row);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
mc_chart_view_get_highlight (McChartView *self,
                             int         *series,
                             int         *index,
                             int         *row)
{
  g_return_val_if_fail (MC_IS_CHART_VIEW (self), FALSE);

  if (series != NULL)
    *series = self->highlight_series;
  if (index != NULL)
    *index = self->highlight_index;
  if (row != NULL)
    *row = self->highlight_row;
  return self->highlight_index != -2;
}

/**
 * mc_chart_view_set_export_note:
 *
 * What the chart's exports (PNG, SVG, PDF, Copy) say under its title of
 * the filter they show ("Only purchases of Website · Electric
 * highlighted"); NULL for nothing. The screen has the card's note.
 */
void
mc_chart_view_set_export_note (McChartView *self,
                               const char  *note)
{
  g_return_if_fail (MC_IS_CHART_VIEW (self));

  g_free (self->export_note);
  self->export_note = g_strdup (note);
}

const char *
mc_chart_view_get_export_note (McChartView *self)
{
  g_return_val_if_fail (MC_IS_CHART_VIEW (self), NULL);

  return self->export_note;
}

/* Object */

McChart *
mc_chart_view_get_chart (McChartView *self)
{
  g_return_val_if_fail (MC_IS_CHART_VIEW (self), NULL);

  return self->chart;
}

void
mc_chart_view_set_chart (McChartView *self,
                         McChart     *chart)
{
  g_return_if_fail (MC_IS_CHART_VIEW (self));

  if (!g_set_object (&self->chart, chart))
    return;
  self->focus_mark = -1;
  if (chart != NULL)
    mc_chart_set_highlight (chart, self->highlight_series, self->highlight_index, self->highlight_row);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHART]);
}

GtkWidget *
mc_chart_view_new (McChart *chart)
{
  return g_object_new (MC_TYPE_CHART_VIEW, "chart", chart, NULL);
}

static void
mc_chart_view_dispose (GObject *object)
{
  McChartView *self = MC_CHART_VIEW (object);

  g_clear_pointer (&self->menu, gtk_widget_unparent);
  g_clear_object (&self->chart);
  g_clear_pointer (&self->export_note, g_free);

  G_OBJECT_CLASS (mc_chart_view_parent_class)->dispose (object);
}

static void
mc_chart_view_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  McChartView *self = MC_CHART_VIEW (widget);

  if (self->menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->menu));
}

/* The focus ring comes and goes with the focus. */
static void
mc_chart_view_state_flags_changed (GtkWidget     *widget,
                                   GtkStateFlags  previous)
{
  GtkStateFlags changed = previous ^ gtk_widget_get_state_flags (widget);

  if (changed & (GTK_STATE_FLAG_FOCUSED | GTK_STATE_FLAG_FOCUS_VISIBLE | GTK_STATE_FLAG_FOCUS_WITHIN))
    gtk_widget_queue_draw (widget);
  GTK_WIDGET_CLASS (mc_chart_view_parent_class)->state_flags_changed (widget, previous);
}

static void
mc_chart_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  McChartView *self = MC_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      g_value_set_object (value, self->chart);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_chart_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  McChartView *self = MC_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      mc_chart_view_set_chart (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_chart_view_class_init (McChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_chart_view_dispose;
  object_class->get_property = mc_chart_view_get_property;
  object_class->set_property = mc_chart_view_set_property;
  widget_class->snapshot = mc_chart_view_snapshot;
  widget_class->size_allocate = mc_chart_view_size_allocate;
  widget_class->state_flags_changed = mc_chart_view_state_flags_changed;

  properties[PROP_CHART] = g_param_spec_object ("chart", NULL, NULL, MC_TYPE_CHART,
                                                G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A mark was clicked or activated with Enter: (series, index, row),
   * −1 where the mark has none. A click on the legend entry of a
   * scatter's group gives (−1, group, −1). */
  signals[MARK_ACTIVATED] = g_signal_new ("mark-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_INT, G_TYPE_INT, G_TYPE_INT);
  /* A rectangle was drawn over a scatter: the data range it covers,
   * (x_min, x_max, y_min, y_max). */
  signals[POINTS_SELECTED] = g_signal_new ("points-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                           NULL, NULL, NULL, G_TYPE_NONE, 4, G_TYPE_DOUBLE, G_TYPE_DOUBLE,
                                           G_TYPE_DOUBLE, G_TYPE_DOUBLE);

  _mc_chart_view_class_export_init (widget_class);
  gtk_widget_class_install_action (widget_class, "chart.popup-menu", NULL, popup_menu_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "chart.popup-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "chart.popup-menu", NULL);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "chart");
}

static void
mc_chart_view_init (McChartView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *menu_click = gtk_gesture_click_new ();
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->focus_mark = -1;
  self->highlight_index = -2;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self), 320, 220);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);

  g_signal_connect (click, "released", G_CALLBACK (on_click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (menu_click), GDK_BUTTON_SECONDARY);
  g_signal_connect (menu_click, "pressed", G_CALLBACK (on_menu_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (menu_click));
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
}
