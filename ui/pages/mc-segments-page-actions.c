/* mc-segments-page-actions.c: the Segments page's actions
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Back and Next through the wizard, saving the segments, adding them as
 * a column, and picking customers on the map.
 */
#define G_LOG_DOMAIN "mc-segments-page"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "mc-chart-view.h"
#include "mc-format.h"
#include "mc-output.h"
#include "mc-segment-charts.h"
#include "mc-widget-utils.h"
#include "mc-xlsx-writer.h"

#include "mc-segments-page-private.h"

/* Picking customers on the map */

void
mc_segments_page_pick (McSegmentsPage *self,
                       double          x_min,
                       double          x_max,
                       double          y_min,
                       double          y_max)
{
  McSegmentation *segmentation;
  g_autofree char *title = NULL;
  g_autofree char *count = NULL;
  gsize n = 0, listed = 0;

  g_return_if_fail (MC_IS_SEGMENTS_PAGE (self));

  if (self->segments == NULL)
    return;
  segmentation = self->segments->segmentation;
  _mc_segments_page_remove_added_rows (self, self->picked_rows);
  for (gsize i = 0; i < segmentation->scaled.n; i++)
    {
      double x = self->segments->map[2 * i], y = self->segments->map[2 * i + 1];
      GtkWidget *row;
      g_autofree char *subtitle = NULL;

      self->picked[i] = x >= x_min && x <= x_max && y >= y_min && y <= y_max;
      if (!self->picked[i])
        continue;
      n++;
      /* The first few, to read; all of them in the Tables. */
      if (listed++ >= 8)
        continue;
      subtitle = mc_segment_describe_customer (segmentation, i, ", ");
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_ptr_array_index (segmentation->table->ids, i));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      _mc_segments_page_add_row (self, self->selection_group, row, self->picked_rows);
    }
  count = mc_format_count (n);
  title = g_strdup_printf (g_dngettext (NULL, "%s Picked Customer", "%s Picked Customers", n), count);
  adw_preferences_group_set_title (self->selection_group, title);
  gtk_widget_set_visible (GTK_WIDGET (self->selection_group), n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "segments.show-picked", n > 0);
}

/* Actions */

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  McSegmentsPage *self = MC_SEGMENTS_PAGE (widget);

  if (_mc_segments_page_current_step (self) > 0)
    _mc_segments_page_show_step (self, _mc_segments_page_current_step (self) - 1);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  McSegmentsPage *self = MC_SEGMENTS_PAGE (widget);
  guint step = _mc_segments_page_current_step (self);

  if (step == 2)
    {
      _mc_segments_page_run_segmentation (self);
      return;
    }
  _mc_segments_page_show_step (self, step + 1);
  /* Arriving at the choice of k, the comparison starts by itself. */
  if (step + 1 == 2 && !gtk_widget_get_visible (GTK_WIDGET (self->k_charts)))
    _mc_segments_page_compare_k (self);
}

gboolean
mc_segments_page_save (McSegmentsPage  *self,
                       const char      *path,
                       McSaveType       type,
                       GError         **error)
{
  McSegmentation *segmentation;

  g_return_val_if_fail (MC_IS_SEGMENTS_PAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->segments == NULL || self->dataset == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("There are no segments to save"));
      return FALSE;
    }
  segmentation = self->segments->segmentation;
  /* Written whole or not at all, never over a file of the data. */
  if (!mc_output_check_not_source (self->dataset, path, error))
    return FALSE;
  if (type == MC_SAVE_XLSX)
    {
      g_autoptr(McTable) table = mc_segmentation_to_table (segmentation, "customer_id", _("Segments"));

      return mc_xlsx_write_checked (table, self->dataset, path, error);
    }
  return mc_segmentation_write_csv (segmentation, "customer_id", path, error);
}

static void
on_save_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     McSegmentsPage  *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *path = NULL;
  McSaveType type;

  if (response == GTK_RESPONSE_ACCEPT && self->segments != NULL
      && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL
      && (path = mc_save_chooser_get_path (GTK_FILE_CHOOSER (dialog), file, &type)) != NULL)
    {
      /* The toast says where, or why not. */
      if (mc_segments_page_save (self, path, type, &error))
        message = g_strdup_printf (_("Saved to %s"), path);
      gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message != NULL ? message : error->message);
    }
  g_object_unref (dialog);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  McSegmentsPage *self = MC_SEGMENTS_PAGE (widget);
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Save Segments"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("segments.csv"));
  /* A table: CSV, or a workbook with the ids as text. */
  mc_save_chooser_add_types (GTK_FILE_CHOOSER (dialog), MC_SAVE_CSV);
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
add_column_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  McSegmentsPage *self = MC_SEGMENTS_PAGE (widget);

  if (self->segments != NULL && self->dataset != NULL)
    _mc_segments_page_derive (self, NULL, NULL);
}

static void
show_picked_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  McSegmentsPage *self = MC_SEGMENTS_PAGE (widget);

  if (self->segments != NULL && self->cancellable == NULL)
    _mc_segments_page_show_customers (self, -1);
}


void
_mc_segments_page_class_actions_init (McSegmentsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "segments.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "segments.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "segments.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "segments.add-column", NULL, add_column_action);
  gtk_widget_class_install_action (widget_class, "segments.show-picked", NULL, show_picked_action);
}
