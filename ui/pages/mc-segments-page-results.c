/* mc-segments-page-results.c: the segments found
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The last step of the wizard: the segmentation worked out on a worker
 * thread, its profiles to read and rename, its charts, and the datasets
 * derived from it (some customers' rows, or a column of segments).
 */
#define G_LOG_DOMAIN "mc-segments-page"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "mc-chart-view.h"
#include "mc-output.h"
#include "mc-segment-charts.h"
#include "mc-widget-utils.h"
#include "mc-xlsx-writer.h"

#include "mc-segments-page-private.h"

/* Step 4: segments */

static void
segment_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  Segments *segments = g_atomic_rc_box_new0 (Segments);

  segments->features = _mc_segments_page_features_ref (job->features);
  if (job->score.result != NULL)
    segments->segmentation = mc_segments_from_score (job->features->table, (const char * const *) job->names,
                                                     job->scale, job->log1p, &job->score, &error);
  else
    segments->segmentation = mc_segments_run (job->features->table, (const char * const *) job->names, job->scale,
                                              job->log1p, &job->options, _mc_segments_page_job_progress, &job->progress,
                                              cancellable, &error);
  if (segments->segmentation == NULL)
    {
      _mc_segments_page_segments_unref (segments);
      g_task_return_error (task, error);
      return;
    }
  segments->map = mc_matrix_pca2 (&segments->segmentation->scaled);
  g_task_return_pointer (task, segments, (GDestroyNotify) _mc_segments_page_segments_unref);
}

/* Datasets made from the segments: the rows of some customers, or the
 * segments added as a column. One pass over every table naming
 * customers, so on a worker thread. */
typedef struct
{
  Segments  *segments;
  McDataset *dataset;
  gboolean  *chosen;    /* per customer; NULL: add the column */
  char      *label;
} Derivation;

static void
derivation_free (Derivation *derivation)
{
  g_clear_pointer (&derivation->segments, _mc_segments_page_segments_unref);
  g_clear_object (&derivation->dataset);
  g_free (derivation->chosen);
  g_free (derivation->label);
  g_free (derivation);
}

static void
derive_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Derivation *derivation = task_data;
  McSegmentation *segmentation = derivation->segments->segmentation;
  McDataset *derived = derivation->chosen != NULL
    ? mc_segmentation_select (segmentation, derivation->dataset, derivation->chosen)
    : mc_segmentation_add_column (segmentation, derivation->dataset);

  if (derived == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No table names these customers"));
  else
    g_task_return_pointer (task, derived, g_object_unref);
}

static void
derive_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  McSegmentsPage *self = MC_SEGMENTS_PAGE (object);
  Derivation *derivation = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(McDataset) derived = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;
  _mc_segments_page_set_busy (self, NULL);
  if (derived == NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", error->message);
  else
    _mc_segments_page_use_derived (self, derived, derivation->chosen != NULL ? derivation->label : NULL);
}

/* Derives from the dataset with CHOSEN (taken) customers, or NULL to
 * add the segments as a column. */
void
_mc_segments_page_derive (McSegmentsPage *self,
        gboolean       *chosen,
        char           *label)
{
  g_autoptr(GTask) task = NULL;
  Derivation *derivation = g_new0 (Derivation, 1);

  derivation->segments = g_atomic_rc_box_acquire (self->segments);
  derivation->dataset = g_object_ref (self->dataset);
  derivation->chosen = chosen;
  derivation->label = label;
  _mc_segments_page_set_busy (self, _("Preparing the customers…"));
  task = g_task_new (self, self->cancellable, derive_cb, NULL);
  g_task_set_source_tag (task, _mc_segments_page_derive);
  g_task_set_task_data (task, derivation, (GDestroyNotify) derivation_free);
  g_task_run_in_thread (task, derive_thread);
}

/* The customers of SEGMENT (or the picked ones, for −1) in the Tables. */
void
_mc_segments_page_show_customers (McSegmentsPage *self,
                int             segment)
{
  McSegmentation *segmentation = self->segments->segmentation;
  gboolean *chosen = g_new0 (gboolean, MAX (segmentation->scaled.n, 1));
  g_autofree char *count = NULL;
  char *label;
  gsize n = 0;

  for (gsize i = 0; i < segmentation->scaled.n; i++)
    n += chosen[i] = segment >= 0 ? segmentation->result->labels[i] == (guint) segment : self->picked[i];
  count = mc_format_count (n);
  label = segment >= 0 ? g_strdup_printf (_("the segment %s"), segmentation->profiles[segment].name)
                       : g_strdup_printf (g_dngettext (NULL, "%s picked customer",
                                                       "%s picked customers", n), count);
  _mc_segments_page_derive (self, chosen, label);
}

static void
on_segment_activated_cb (McChartView    *view,
                         int             series,
                         int             index,
                         int             row,
                         McSegmentsPage *self)
{
  McChart *chart = mc_chart_view_get_chart (view);

  if (self->segments == NULL || index < 0 || self->cancellable != NULL)
    return;
  /* A bar or a legend entry is a segment; a point is a customer. */
  if (mc_chart_get_kind (chart) == MC_CHART_SCATTER && series >= 0)
    index = self->segments->segmentation->result->labels[index];
  _mc_segments_page_show_customers (self, index);
}

static void
on_points_selected_cb (McChartView    *view,
                       double          x_min,
                       double          x_max,
                       double          y_min,
                       double          y_max,
                       McSegmentsPage *self)
{
  mc_segments_page_pick (self, x_min, x_max, y_min, y_max);
}

static void
show_result_charts (McSegmentsPage *self)
{
  g_autoptr(McChart) sizes = mc_segment_chart_sizes (self->segments->segmentation);
  g_autoptr(McChart) map = mc_segment_chart_map (self->segments->segmentation, self->segments->map,
                                                        g_atomic_rc_box_acquire (self->segments),
                                                        (GDestroyNotify) _mc_segments_page_segments_unref);
  GtkWidget *view;

  mc_widget_remove_all (GTK_WIDGET (self->result_charts));
  gtk_box_append (self->result_charts, mc_chart_card_new (sizes, &view));
  g_signal_connect (view, "mark-activated", G_CALLBACK (on_segment_activated_cb), self);
  gtk_box_append (self->result_charts, mc_chart_card_new (map, &view));
  g_signal_connect (view, "mark-activated", G_CALLBACK (on_segment_activated_cb), self);
  g_signal_connect (view, "points-selected", G_CALLBACK (on_points_selected_cb), self);
}

/* A new name shows in the profile's title and the charts; the profile
 * stays open. */
static void
on_rename_cb (AdwEntryRow    *entry,
              McSegmentsPage *self)
{
  guint segment = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (entry), "mc-segment"));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  GtkWidget *profile = gtk_widget_get_ancestor (GTK_WIDGET (entry), ADW_TYPE_EXPANDER_ROW);

  if (self->segments == NULL || *name == '\0')
    return;
  mc_segmentation_rename (self->segments->segmentation, segment, name);
  if (profile != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (profile), name);
  show_result_charts (self);
}

static void
on_show_segment_cb (GtkButton      *button,
                    McSegmentsPage *self)
{
  _mc_segments_page_show_customers (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "mc-segment")));
}

/* How far from everyone's a segment's mean is, in words. */
static const char *
describe_z (double z)
{
  if (z >= 1)
    return _("well above average");
  if (z >= 0.25)
    return _("above average");
  if (z > -0.25)
    return _("about average");
  if (z > -1)
    return _("below average");
  return _("well below average");
}

/* "2.3 against 1.3 for everyone: well above average", the standard
 * deviations in the tooltip. */
static GtkWidget *
feature_row_new (McSegmentation   *segmentation,
                 McSegmentProfile *profile,
                 guint             j)
{
  const McFeature *feature = &g_array_index (segmentation->table->features, McFeature,
                                             mc_features_find (segmentation->table, segmentation->names[j]));
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *mean = mc_format_rounded (profile->means[j]);
  g_autofree char *overall = mc_format_rounded (segmentation->overall_mean[j]);
  g_autofree char *title = g_strdup (feature->description);
  /* Translators: a segment's mean, everyone's, then how far apart in words ("well above average"). */
  g_autofree char *subtitle = g_strdup_printf (_("%s against %s for everyone: %s"), mean, overall, describe_z (profile->z[j]));
  /* Translators: %+.1f counts standard deviations (σ). */
  g_autofree char *tooltip = g_strdup_printf (_("%+.1f standard deviations (σ) from everyone's mean"), profile->z[j]);

  title[0] = g_ascii_toupper (title[0]);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_tooltip_text (row, tooltip);
  return row;
}

static GtkWidget *
profile_row_new (McSegmentsPage *self,
                 guint           segment)
{
  McSegmentation *segmentation = self->segments->segmentation;
  McSegmentProfile *profile = &segmentation->profiles[segment];
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *entry = adw_entry_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("Show _Customers"));
  g_autofree char *size = mc_format_count (profile->size);
  g_autofree char *subtitle = isnan (profile->revenue_share)
    ? g_strdup_printf (_("%s customers (%.0f %%) · %s"), size, 100 * profile->share, profile->description)
    : g_strdup_printf (_("%s customers (%.0f %%), %.0f %% of revenue · %s"), size, 100 * profile->share,
                       100 * profile->revenue_share, profile->description);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), profile->name);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), _("Name"));
  gtk_editable_set_text (GTK_EDITABLE (entry), profile->name);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (entry), TRUE);
  g_object_set_data (G_OBJECT (entry), "mc-segment", GUINT_TO_POINTER (segment));
  g_signal_connect (entry, "apply", G_CALLBACK (on_rename_cb), self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), entry);
  for (guint j = 0; j < segmentation->original.d; j++)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row), feature_row_new (segmentation, profile, j));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (button), "mc-segment", GINT_TO_POINTER (segment));
  g_signal_connect (button, "clicked", G_CALLBACK (on_show_segment_cb), self);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), button);
  return row;
}

static void
show_profiles (McSegmentsPage *self)
{
  McSegmentation *segmentation = self->segments->segmentation;
  g_autofree char *customers = mc_format_count (segmentation->scaled.n);
  const char *apart = segmentation->silhouette >= 0.5 ? _("clearly apart")
                      : segmentation->silhouette >= 0.25 ? _("fairly apart") : _("overlapping a lot");
  /* Translators: the number of segments, of customers, then how far apart they stand ("clearly apart"). */
  g_autofree char *summary = g_strdup_printf (_("%u segments of %s customers, %s"),
                                              segmentation->result->k, customers, apart);
  g_autofree char *score = g_strdup_printf (_("Silhouette %.2f (1: clearly apart, 0: overlapping)"), segmentation->silhouette);

  gtk_label_set_text (self->summary_label, summary);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->summary_label), score);
  _mc_segments_page_remove_added_rows (self, self->profile_rows);
  for (guint c = 0; c < segmentation->result->k; c++)
    _mc_segments_page_add_row (self, self->profiles_group, profile_row_new (self, c), self->profile_rows);
}

static void
show_segments (McSegmentsPage *self,
               Segments       *segments)
{
  g_clear_pointer (&self->segments, _mc_segments_page_segments_unref);
  self->segments = segments;
  g_clear_pointer (&self->picked, g_free);
  self->picked = g_new0 (gboolean, MAX (segments->segmentation->scaled.n, 1));
  _mc_segments_page_remove_added_rows (self, self->picked_rows);
  gtk_widget_set_visible (GTK_WIDGET (self->selection_group), FALSE);
  show_result_charts (self);
  show_profiles (self);
  _mc_segments_page_show_step (self, 3);
}

static void
segment_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  McSegmentsPage *self = MC_SEGMENTS_PAGE (object);
  g_autoptr(GError) error = NULL;
  Segments *segments = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    {
      g_clear_pointer (&segments, _mc_segments_page_segments_unref);
      return;
    }
  _mc_segments_page_set_busy (self, NULL);
  if (segments == NULL)
    _mc_segments_page_report_error (self, error);
  else
    show_segments (self, segments);
}

void
_mc_segments_page_run_segmentation (McSegmentsPage *self)
{
  g_autoptr(GTask) task = NULL;
  Job *job;
  McKScore *score;

  _mc_segments_page_set_busy (self, _("Segmenting…"));
  job = _mc_segments_page_job_new (self);
  /* A k compared already was clustered then: its k-means moves to the job. */
  if ((score = mc_segments_find_score (self->scores, job->options.k)) != NULL)
    {
      job->score = *score;
      score->result = NULL;
    }
  task = g_task_new (self, self->cancellable, segment_cb, NULL);
  g_task_set_source_tag (task, _mc_segments_page_run_segmentation);
  g_task_set_task_data (task, job, (GDestroyNotify) _mc_segments_page_job_free);
  g_task_run_in_thread (task, segment_thread);
}

