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

/* CHART in a card, as the dashboards show charts; VIEW receives the
 * chart's view, to connect to. */
GtkWidget *
mc_chart_card_new (McChart    *chart,
                   GtkWidget **view)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  *view = mc_chart_view_new (chart);
  /* Tall enough for every row label (RFM movement's twelve rows). */
  gtk_widget_set_size_request (*view, 420, (int) ceil (mc_chart_get_preferred_height (chart, 300)));
  gtk_widget_set_hexpand (*view, TRUE);
  gtk_widget_add_css_class (card, "card");
  gtk_widget_set_overflow (card, GTK_OVERFLOW_HIDDEN);
  gtk_box_append (GTK_BOX (card), *view);
  return card;
}

/* COUNT with thousands grouped as the user's locale groups them. */
char *
mc_format_count (gsize count)
{
  return g_strdup_printf ("%'zu", count);
}

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
