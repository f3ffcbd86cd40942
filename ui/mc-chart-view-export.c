/* mc-chart-view-export.c: a chart view's menu: save the chart or its
 * data, copy it, show its figures as a table
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-chart-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "mc-chart-export.h"
#include "mc-chart-view-private.h"
#include "mc-output.h"
#include "mc-save-chooser.h"
#include "mc-session.h"

/* An export states the filter it shows under the chart's title (the
 * screen has the card's note), only while it is drawn. */
static void
set_export_note (McChartView *self,
                 gboolean     exporting)
{
  mc_chart_set_note (mc_chart_view_get_chart (self), exporting ? mc_chart_view_get_export_note (self) : NULL);
}

GdkTexture *
mc_chart_view_to_texture (McChartView *self)
{
  int width = MAX (gtk_widget_get_width (GTK_WIDGET (self)), 640), height = MAX (gtk_widget_get_height (GTK_WIDGET (self)), 400);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * 2, height * 2);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GBytes) bytes = NULL;
  GdkTexture *texture;

  cairo_scale (cr, 2, 2);
  set_export_note (self, TRUE);
  mc_chart_render (mc_chart_view_get_chart (self), cr, width, height);
  set_export_note (self, FALSE);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface), (gsize) cairo_image_surface_get_stride (surface) * height * 2);
  texture = gdk_memory_texture_new (width * 2, height * 2, GDK_MEMORY_DEFAULT, bytes,
                                    cairo_image_surface_get_stride (surface));
  cairo_surface_destroy (surface);
  return texture;
}

static void
toast (McChartView *self,
       const char  *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
  else
    g_message ("%s", message);
}

/* The dataset open in the view's window, through the window's session
 * property: a chart view knows no window. */
static McDataset *
shown_dataset (McChartView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(McSession) session = NULL;

  if (root == NULL || g_object_class_find_property (G_OBJECT_GET_CLASS (root), "session") == NULL)
    return NULL;
  g_object_get (root, "session", &session, NULL);
  return session != NULL ? mc_session_get_dataset (session) : NULL;
}

gboolean
mc_chart_view_save (McChartView  *self,
                    const char   *path,
                    GError      **error)
{
  McDataset *dataset;
  gboolean saved;

  g_return_val_if_fail (MC_IS_CHART_VIEW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (mc_chart_view_get_chart (self) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("There is no chart to save"));
      return FALSE;
    }
  dataset = shown_dataset (self);
  /* The file chooser lets the user pick a source: never replace one. */
  if (dataset != NULL && !mc_output_check_not_source (dataset, path, error))
    return FALSE;
  set_export_note (self, TRUE);
  saved = mc_chart_export (mc_chart_view_get_chart (self), path, MAX (gtk_widget_get_width (GTK_WIDGET (self)), 640),
                           MAX (gtk_widget_get_height (GTK_WIDGET (self)), 400), 2, error);
  set_export_note (self, FALSE);
  return saved;
}

static void
on_save_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     gpointer         user_data)
{
  McChartView *self = MC_CHART_VIEW (user_data);
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (response == GTK_RESPONSE_ACCEPT && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL)
    {
      McSaveType type;

      /* The chart's data: the type chosen (CSV or workbook) decides. */
      if (g_object_get_data (G_OBJECT (dialog), "mc-save-data") != NULL)
        path = mc_save_chooser_get_path (GTK_FILE_CHOOSER (dialog), file, &type);
      else
        path = g_file_get_path (file);
    }
  if (path != NULL)
    {
      if (mc_chart_view_save (self, path, &error))
        message = g_strdup_printf (_("Saved to %s"), path);
      else
        message = g_strdup (error->message);
      toast (self, message);
    }
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
save_as (McChartView *self,
         const char  *extension)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  McChart *chart = mc_chart_view_get_chart (self);
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;
  gboolean data = g_str_equal (extension, "csv") || g_str_equal (extension, "xlsx");

  if (chart == NULL)
    return;
  dialog = gtk_file_chooser_native_new (data ? _("Save Chart Data") : _("Save Chart"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  name = g_strdup_printf ("%s.%s", mc_chart_get_title (chart) != NULL ? mc_chart_get_title (chart) : _("Chart"),
                          extension);
  g_strdelimit (name, "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  /* The data is a table: offered as CSV or as a workbook. */
  if (data)
    {
      mc_save_chooser_add_types (GTK_FILE_CHOOSER (dialog),
                                 g_str_equal (extension, "xlsx") ? MC_SAVE_XLSX : MC_SAVE_CSV);
      g_object_set_data (G_OBJECT (dialog), "mc-save-data", GINT_TO_POINTER (TRUE));
    }
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save_as (MC_CHART_VIEW (widget), g_variant_get_string (parameter, NULL));
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  McChartView *self = MC_CHART_VIEW (widget);
  g_autoptr(GdkTexture) texture = NULL;

  if (mc_chart_view_get_chart (self) == NULL)
    return;
  texture = mc_chart_view_to_texture (self);
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (widget), texture);
  toast (self, _("Chart copied"));
}

/* The chart's figures in a window of their own, as a table. */
static void
show_table_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  McChartView *self = MC_CHART_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  McChart *chart = mc_chart_view_get_chart (self);
  g_autoptr(GPtrArray) table = NULL;
  GtkWidget *window, *toolbar, *header, *scroller, *grid;

  if (chart == NULL)
    return;
  table = mc_chart_to_table (chart);
  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), mc_chart_get_title (chart) != NULL ? mc_chart_get_title (chart) : _("Chart"));
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 480);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_hide_on_close (GTK_WINDOW (window), FALSE);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (toolbar), header);
  scroller = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scroller, TRUE);
  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_widget_set_margin_top (grid, 12);
  gtk_widget_set_margin_bottom (grid, 12);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);
  for (guint r = 0; r < table->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (table, r);

      for (guint c = 0; c < row->len; c++)
        {
          GtkWidget *label = gtk_label_new (g_ptr_array_index (row, c));

          gtk_label_set_xalign (GTK_LABEL (label), c == 0 ? 0 : 1);
          gtk_label_set_selectable (GTK_LABEL (label), TRUE);
          gtk_widget_add_css_class (label, r == 0 ? "heading" : "numeric");
          gtk_grid_attach (GTK_GRID (grid), label, c, r, 1, 1);
        }
    }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), grid);
  gtk_box_append (GTK_BOX (toolbar), scroller);
  adw_window_set_content (ADW_WINDOW (window), toolbar);
  gtk_accessible_update_property (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_window_get_title (GTK_WINDOW (window)), -1);
  gtk_window_present (GTK_WINDOW (window));
}

/**
 * mc_chart_view_get_menu_model:
 *
 * What the chart's menu offers (its actions are the view's "chart."
 * ones), for a menu button beside the chart.
 */
GMenuModel *
mc_chart_view_get_menu_model (void)
{
  GMenu *menu = g_menu_new ();

  g_menu_append (menu, _("Save as _PNG…"), "chart.save::png");
  g_menu_append (menu, _("Save as _SVG…"), "chart.save::svg");
  g_menu_append (menu, _("Save as PD_F…"), "chart.save::pdf");
  g_menu_append (menu, _("Save _Data (CSV or Workbook)…"), "chart.save::csv");
  g_menu_append (menu, _("_Copy"), "chart.copy");
  g_menu_append (menu, _("Show as _Table"), "chart.show-table");
  return G_MENU_MODEL (menu);
}

void
_mc_chart_view_class_export_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "chart.save", "s", save_action);
  gtk_widget_class_install_action (widget_class, "chart.copy", NULL, copy_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "chart.copy", NULL);
  gtk_widget_class_install_action (widget_class, "chart.show-table", NULL, show_table_action);
}
