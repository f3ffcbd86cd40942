/* mc-widget-utils.c: small helpers the widgets share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-widget-utils"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <math.h>

#include "mc-chart-view.h"
#include "mc-widget-utils.h"

/* Empties a GtkBox, GtkListBox or GtkFlowBox (GTK 4.8 has no
 * remove_all for them). */
void
mc_widget_remove_all (GtkWidget *container)
{
  GtkWidget *child;

  g_return_if_fail (GTK_IS_BOX (container) || GTK_IS_LIST_BOX (container) || GTK_IS_FLOW_BOX (container));

  while ((child = gtk_widget_get_first_child (container)) != NULL)
    {
      if (GTK_IS_LIST_BOX (container))
        gtk_list_box_remove (GTK_LIST_BOX (container), child);
      else if (GTK_IS_FLOW_BOX (container))
        gtk_flow_box_remove (GTK_FLOW_BOX (container), child);
      else
        gtk_box_remove (GTK_BOX (container), child);
    }
}

static void
forward_action_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  g_autofree char *name = g_strdup_printf ("chart.%s", g_action_get_name (G_ACTION (action)));

  gtk_widget_activate_action_variant (GTK_WIDGET (user_data), name, parameter);
}

/* CHART in a card, as the dashboards show charts, with a menu button in
 * its corner (the chart's own menu: save, copy, show as table) and, above
 * it, a note hidden until mc_chart_card_set_note() gives it words; VIEW
 * receives the chart's view, to connect to. The button is not a Tab stop
 * of its own: the chart is, and Shift+F10 or the Menu key open the same
 * menu from it. */
GtkWidget *
mc_chart_card_new (McChart    *chart,
                   GtkWidget **view)
{
  static const GActionEntry forwarded[] = {
    { "save", forward_action_cb, "s" },
    { "copy", forward_action_cb },
    { "show-table", forward_action_cb },
  };
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *note = gtk_label_new (NULL);
  g_autoptr(GMenuModel) menu = mc_chart_view_get_menu_model ();
  g_autoptr(GSimpleActionGroup) actions = g_simple_action_group_new ();

  *view = mc_chart_view_new (chart);
  /* Tall enough for every row label (RFM movement's twelve rows). */
  gtk_widget_set_size_request (*view, 420, (int) ceil (mc_chart_get_preferred_height (chart, 300)));
  gtk_widget_set_hexpand (*view, TRUE);
  /* A card beside a taller one is as tall as it: the chart fills it
   * rather than leaving its lower part empty. */
  gtk_widget_set_vexpand (*view, TRUE);
  gtk_widget_add_css_class (card, "card");
  gtk_widget_set_overflow (card, GTK_OVERFLOW_HIDDEN);

  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  /* Wrapped within the chart's width, never widening the card. */
  gtk_label_set_max_width_chars (GTK_LABEL (note), 30);
  gtk_widget_set_margin_start (note, 12);
  gtk_widget_set_margin_end (note, 48);
  gtk_widget_set_margin_top (note, 8);
  gtk_widget_add_css_class (note, "caption-heading");
  gtk_widget_add_css_class (note, "accent");
  gtk_widget_set_visible (note, FALSE);
  gtk_box_append (GTK_BOX (card), note);

  g_action_map_add_action_entries (G_ACTION_MAP (actions), forwarded, G_N_ELEMENTS (forwarded), *view);
  gtk_widget_insert_action_group (card, "chart", G_ACTION_GROUP (actions));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), menu);
  gtk_widget_set_tooltip_text (button, _("Save, Copy or Show as Table (Shift+F10)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Chart Menu"), -1);
  gtk_widget_set_can_focus (button, FALSE);
  gtk_widget_set_focus_on_click (button, FALSE);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_widget_set_valign (button, GTK_ALIGN_START);
  gtk_widget_set_margin_top (button, 6);
  gtk_widget_set_margin_end (button, 6);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), *view);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), button);
  gtk_box_append (GTK_BOX (card), overlay);

  g_object_set_data (G_OBJECT (card), "mc-chart-view", *view);
  g_object_set_data (G_OBJECT (card), "mc-chart-note", note);
  g_object_set_data (G_OBJECT (card), "mc-chart-menu-button", button);
  return card;
}

/* The view of a card mc_chart_card_new() made, or NULL. */
GtkWidget *
mc_chart_card_get_view (GtkWidget *card)
{
  return g_object_get_data (G_OBJECT (card), "mc-chart-view");
}

/* Words above the chart ("Only purchases of Website"), NULL for none. */
void
mc_chart_card_set_note (GtkWidget  *card,
                        const char *note)
{
  GtkWidget *label = g_object_get_data (G_OBJECT (card), "mc-chart-note");

  g_return_if_fail (GTK_IS_LABEL (label));

  gtk_label_set_text (GTK_LABEL (label), note != NULL ? note : "");
  gtk_widget_set_visible (label, note != NULL);
}

/* COUNT with thousands grouped as the user's locale groups them. */
GtkWidget *
mc_not_listed_row_new (gsize       n_more,
                       const char *what_lists_them)
{
  g_autofree char *count = mc_format_count (n_more);
  g_autofree char *title = g_strdup_printf (g_dngettext (NULL, "%s more is not listed here",
                                                         "%s more are not listed here", n_more),
                                            count);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), what_lists_them);
  return row;
}
