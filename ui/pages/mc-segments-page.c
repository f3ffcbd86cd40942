/* mc-segments-page.c: the customer segmentation wizard
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Four steps: the features (a preset or a pick), their scaling, the
 * number of segments (scores for a range of k, worked out on a worker
 * thread), and the segments: profiles to read and rename, a chart of
 * their size and revenue, and a map of the customers (the first two
 * principal components) to hover, click and drag over.
 *
 * The page follows its session: another dataset starts it over, and
 * what it derives from the segments goes to the session (a filter to
 * some customers, or a segment column added).
 *
 * Features, k scores and segments are all computed on worker threads;
 * a job holds references to what it reads, so that the page may start
 * over (another dataset) while it runs, and a cancelled or superseded
 * job's result is dropped.
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

G_DEFINE_FINAL_TYPE (McSegmentsPage, mc_segments_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The customers chosen are worked out: the Tables page lists them. */
static void
show_customers_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(McSegmentsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean done = mc_session_filter_finish (MC_SESSION (object), result, &error);

  /* The page is gone: its window closed. */
  if (self->session == NULL)
    return;
  if (done)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-customers", NULL);
  else if (mc_session_error_is_said (error))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-message", "(ss)", _("Could Not Open the Dataset"),
                                error->message);
}

static void
add_segments_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(McSegmentsPage) self = user_data;

  /* Closed, or another dataset opened meanwhile. */
  if (mc_session_add_segments_finish (MC_SESSION (object), result, NULL) && self->session != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.toast-undoable", "s",
                                _("Segments added to the data: the dashboard can be filtered by them"));
}

/* DERIVED, made from the segments: some customers' rows (LABEL says
 * which) to show in the Tables, or the dataset with a column of
 * segments to show in place of the session's. */
void
_mc_segments_page_use_derived (McSegmentsPage *self,
                                McDataset      *derived,
                                const char     *label)
{
  if (self->session == NULL || mc_session_get_dataset (self->session) == NULL)
    return;
  if (label != NULL)
    mc_session_filter_dataset_async (self->session, derived, label, show_customers_cb, g_object_ref (self));
  else
    mc_session_add_segments_async (self->session, derived, add_segments_cb, g_object_ref (self));
}

static const char *step_names[] = { "features", "scaling", "choose-k", "results" };

static const struct
{
  const char *preset;
  const char *title;
  const char *subtitle;
} presets[] = {
  { "rfm", N_("Recency, Frequency and Spending (RFM)"), N_("How recently, how often and how much customers bought") },
  { "behaviour", N_("Behaviour Across Platforms"),
    N_("Where customers buy, how often and how much, and how many visits a purchase takes") },
  { "product", N_("Product Preference"), N_("Which product types customers choose, what they spend per order and their discounts") },
  { "engagement", N_("Engagement"), N_("Visits, visit length, days to the first purchase, reviews and tenure") },
};

static const struct
{
  McScale     scale;
  const char *title;
  const char *subtitle;
} scales[] = {
  { MC_SCALE_ZSCORE, N_("Standard Scores"), N_("Distance from the mean in standard deviations: the usual choice") },
  { MC_SCALE_ROBUST, N_("Robust"), N_("Distance from the median in interquartile ranges: best when a few customers are extreme") },
  { MC_SCALE_MINMAX, N_("Zero to One"), N_("Each feature stretched from its lowest to its highest value") },
  { MC_SCALE_NONE, N_("None"), N_("The features as they are: only when they share a unit") },
};

Features *
_mc_segments_page_features_ref (Features *features)
{
  return g_atomic_rc_box_acquire (features);
}

static void
features_clear (Features *features)
{
  g_clear_pointer (&features->table, mc_features_free);
}

static void
features_unref (Features *features)
{
  g_atomic_rc_box_release_full (features, (GDestroyNotify) features_clear);
}

static void
segments_clear (Segments *segments)
{
  g_clear_pointer (&segments->segmentation, mc_segmentation_free);
  g_clear_pointer (&segments->features, features_unref);
  g_clear_pointer (&segments->map, g_free);
}

void
_mc_segments_page_segments_unref (Segments *segments)
{
  g_atomic_rc_box_release_full (segments, (GDestroyNotify) segments_clear);
}

void
_mc_segments_page_remove_added_rows (McSegmentsPage *self,
                   GPtrArray      *rows)
{
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP)), row);
    }
  g_ptr_array_set_size (rows, 0);
}

void
_mc_segments_page_add_row (McSegmentsPage      *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row,
         GPtrArray           *rows)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (rows, row);
}

/* A row with a check button, in a radio GROUP when one is given. */
static GtkWidget *
check_row_new (const char     *title,
               const char     *subtitle,
               GtkCheckButton *group,
               GtkWidget     **check)
{
  GtkWidget *row = adw_action_row_new ();

  *check = gtk_check_button_new ();
  gtk_widget_set_valign (*check, GTK_ALIGN_CENTER);
  if (group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (*check), group);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), *check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), *check);
  return row;
}

/* Progress from worker threads */


static gboolean
show_progress_idle (gpointer data)
{
  Progress *progress = data;

  if (progress->cancellable == progress->page->cancellable)
    gtk_progress_bar_set_fraction (progress->page->progress_bar, progress->fraction);
  return G_SOURCE_REMOVE;
}

static void
progress_free (gpointer data)
{
  Progress *progress = data;

  g_object_unref (progress->page);
  g_object_unref (progress->cancellable);
  g_free (progress);
}

/* Called on the worker thread: the bar moves on the main one. */
void
_mc_segments_page_job_progress (double      fraction,
                                const char *stage,
                                gpointer    user_data)
{
  Progress *progress = g_new0 (Progress, 1);
  Progress *job = user_data;

  *progress = *job;
  g_object_ref (progress->page);
  g_object_ref (progress->cancellable);
  progress->fraction = fraction;
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, show_progress_idle, progress, progress_free);
}

/* Navigation */

guint
_mc_segments_page_current_step (McSegmentsPage *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->steps);

  for (guint i = 0; i < G_N_ELEMENTS (step_names); i++)
    if (g_strcmp0 (name, step_names[i]) == 0)
      return i;
  return 0;
}

static GStrv
chosen_features (McSegmentsPage *self)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  for (guint f = 0; self->features != NULL && f < self->feature_checks->len; f++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->feature_checks, f)))
      g_strv_builder_add (names, g_array_index (self->features->table->features, McFeature, f).name);
  return g_strv_builder_end (names);
}

static McScale
chosen_scale (McSegmentsPage *self)
{
  for (guint i = 0; i < self->scale_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->scale_checks, i)))
      return scales[i].scale;
  return MC_SCALE_ZSCORE;
}

static void
update_navigation (McSegmentsPage *self)
{
  guint step = _mc_segments_page_current_step (self);
  gboolean busy = self->cancellable != NULL;
  g_auto(GStrv) names = chosen_features (self);
  g_autofree char *label = g_strdup_printf (_("Step %u of %u · %s"), step + 1, (guint) G_N_ELEMENTS (step_names),
                                            gtk_stack_page_get_title (gtk_stack_get_page (self->steps,
                                                                      gtk_stack_get_visible_child (self->steps))));

  gtk_label_set_text (self->step_label, label);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "segments.back", step > 0 && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "segments.next",
                                 step < G_N_ELEMENTS (step_names) - 1 && !busy && names[0] != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), step < G_N_ELEMENTS (step_names) - 1);
  gtk_button_set_label (self->next_button, step == 2 ? _("_Segment") : _("_Next"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->compare_button), !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_box), busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "segments.save", self->segments != NULL && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "segments.add-column", self->segments != NULL && !busy);
  /* Jobs read the segments' names: no renaming meanwhile. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->profiles_group), !busy);
}

void
_mc_segments_page_show_step (McSegmentsPage *self,
           guint           step)
{
  gtk_stack_set_visible_child_name (self->steps, step_names[step]);
  update_navigation (self);
}

void
_mc_segments_page_set_busy (McSegmentsPage *self,
          const char     *what)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (what != NULL)
    {
      self->cancellable = g_cancellable_new ();
      gtk_progress_bar_set_text (self->progress_bar, what);
      gtk_progress_bar_set_fraction (self->progress_bar, 0);
    }
  update_navigation (self);
}

/* Step 1: features */

/* Scores of k are for the features and scaling they were worked out
 * with: any change asks for them again. */
static void
on_settings_changed_cb (McSegmentsPage *self)
{
  g_clear_pointer (&self->scores, g_array_unref);
  gtk_widget_set_visible (GTK_WIDGET (self->k_charts), FALSE);
  adw_action_row_set_subtitle (self->k_row, "");
  update_navigation (self);
}

static void
on_feature_toggled_cb (McSegmentsPage *self)
{
  /* A feature picked by hand makes the choice the user's own. */
  if (!self->applying_preset && self->preset_checks->len > 0)
    gtk_check_button_set_active (g_ptr_array_index (self->preset_checks, self->preset_checks->len - 1), TRUE);
  on_settings_changed_cb (self);
}

void
mc_segments_page_choose_preset (McSegmentsPage *self,
                                const char     *preset)
{
  g_auto(GStrv) names = NULL;

  g_return_if_fail (MC_IS_SEGMENTS_PAGE (self));

  if (self->features == NULL || (names = mc_features_preset (self->features->table, preset)) == NULL)
    return;
  self->applying_preset = TRUE;
  for (guint f = 0; f < self->feature_checks->len; f++)
    gtk_check_button_set_active (g_ptr_array_index (self->feature_checks, f),
                                 g_strv_contains ((const char * const *) names,
                                                  g_array_index (self->features->table->features, McFeature, f).name));
  for (guint p = 0; p < self->preset_checks->len; p++)
    if (g_strcmp0 (g_object_get_data (g_ptr_array_index (self->preset_checks, p), "mc-preset"), preset) == 0)
      gtk_check_button_set_active (g_ptr_array_index (self->preset_checks, p), TRUE);
  self->applying_preset = FALSE;
  update_navigation (self);
}

static void
on_preset_toggled_cb (GtkCheckButton *check,
                      McSegmentsPage *self)
{
  const char *preset = g_object_get_data (G_OBJECT (check), "mc-preset");

  if (gtk_check_button_get_active (check) && preset != NULL && !self->applying_preset)
    mc_segments_page_choose_preset (self, preset);
}

static void
list_presets (McSegmentsPage *self)
{
  GtkWidget *check = NULL, *row;

  for (guint p = 0; p < G_N_ELEMENTS (presets); p++)
    {
      g_auto(GStrv) names = mc_features_preset (self->features->table, presets[p].preset);
      gboolean available = names != NULL && names[0] != NULL && self->features->table->rows_table == NULL;

      row = check_row_new (_(presets[p].title), available ? _(presets[p].subtitle) : _("This data lacks what it needs"),
                           self->preset_checks->len > 0 ? g_ptr_array_index (self->preset_checks, 0) : NULL, &check);
      gtk_widget_set_sensitive (row, available);
      g_object_set_data (G_OBJECT (check), "mc-preset", (gpointer) presets[p].preset);
      g_signal_connect (check, "toggled", G_CALLBACK (on_preset_toggled_cb), self);
      g_ptr_array_add (self->preset_checks, check);
      _mc_segments_page_add_row (self, self->preset_group, row, self->added_rows);
    }
  row = check_row_new (_("My Own Choice"), _("The features ticked below"), g_ptr_array_index (self->preset_checks, 0), &check);
  g_ptr_array_add (self->preset_checks, check);
  _mc_segments_page_add_row (self, self->preset_group, row, self->added_rows);
}

static void
list_features (McSegmentsPage *self)
{
  McFeatureTable *table = self->features->table;

  /* The checks are the first features; chosen_features reads them. */
  for (guint f = 0; f < MIN (table->features->len, MC_MAX_LISTED); f++)
    {
      McFeature *feature = &g_array_index (table->features, McFeature, f);
      g_autofree char *title = g_strdup (feature->description);
      g_autofree char *subtitle = NULL;
      g_autofree char *imputed = mc_format_count (feature->imputed);
      GtkWidget *check, *row;

      title[0] = g_ascii_toupper (title[0]);
      /* The feature's own name (share_website) only in the tooltip. */
      subtitle = feature->imputed > 0
        ? g_strdup_printf (g_dngettext (NULL, "%s customer had none: given the median",
                                        "%s customers had none: given the median", feature->imputed),
                           imputed)
        : NULL;
      row = check_row_new (title, subtitle, NULL, &check);
      gtk_widget_set_tooltip_text (row, feature->name);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_feature_toggled_cb), self);
      g_ptr_array_add (self->feature_checks, check);
      _mc_segments_page_add_row (self, self->features_group, row, self->added_rows);
    }
  if (table->features->len > MC_MAX_LISTED)
    _mc_segments_page_add_row (self, self->features_group,
             mc_not_listed_row_new (table->features->len - MC_MAX_LISTED,
                                    _("mercato-cli segment --features segments on any of them")),
             self->added_rows);
}

/* Step 3: choosing k */


void
_mc_segments_page_job_free (Job *job)
{
  g_clear_pointer (&job->features, features_unref);
  g_strfreev (job->names);
  g_clear_object (&job->progress.cancellable);
  g_clear_pointer (&job->score.result, mc_kmeans_result_free);
  g_free (job);
}

Job *
_mc_segments_page_job_new (McSegmentsPage *self)
{
  Job *job = g_new0 (Job, 1);

  job->features = _mc_segments_page_features_ref (self->features);
  job->names = chosen_features (self);
  job->scale = chosen_scale (self);
  job->log1p = gtk_switch_get_active (self->log_switch);
  job->k_min = gtk_spin_button_get_value_as_int (self->k_min_spin);
  job->k_max = MAX (job->k_min, (guint) gtk_spin_button_get_value_as_int (self->k_max_spin));
  mc_kmeans_options_init (&job->options, gtk_spin_button_get_value_as_int (self->k_spin));
  job->options.n_init = MC_SEGMENTS_N_INIT;
  job->progress = (Progress) { self, g_object_ref (self->cancellable), 0 };
  return job;
}

static void
score_k_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  McMatrix original = { 0 }, scaled = { 0 };
  GError *error = NULL;
  GArray *scores = NULL;

  if (mc_segments_prepare (job->features->table, (const char * const *) job->names, job->scale, job->log1p,
                           &original, &scaled, &error))
    scores = mc_segments_score_k (&scaled, job->k_min, MIN (job->k_max, scaled.n - 1), &job->options,
                                  _mc_segments_page_job_progress, &job->progress, cancellable, &error);
  g_free (original.values);
  g_free (scaled.values);
  if (scores == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, scores, (GDestroyNotify) g_array_unref);
}

static void
show_k_scores (McSegmentsPage *self,
               GArray         *scores)
{
  g_autofree char *reason = NULL;
  g_autoptr(McChart) elbow = mc_segment_chart_elbow (scores);
  g_autoptr(McChart) silhouette = mc_segment_chart_silhouette (scores);
  GtkWidget *view;
  guint k = mc_segments_suggest_k (scores, &reason);

  mc_widget_remove_all (GTK_WIDGET (self->k_charts));
  gtk_box_append (self->k_charts, mc_chart_card_new (elbow, &view));
  gtk_box_append (self->k_charts, mc_chart_card_new (silhouette, &view));
  gtk_widget_set_visible (GTK_WIDGET (self->k_charts), TRUE);
  gtk_spin_button_set_value (self->k_spin, k);
  /* Plain words; the scores behind them in the tooltip. */
  {
    g_autofree char *plain = g_strdup_printf (g_dngettext (NULL, "%u segment stands furthest apart of the %u to %u tried",
                                                           "%u segments stand furthest apart of the %u to %u tried", k),
                                              k, g_array_index (scores, McKScore, 0).k,
                                              g_array_index (scores, McKScore, scores->len - 1).k);

    adw_action_row_set_subtitle (self->k_row, plain);
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->k_row), reason);
  }
}

void
_mc_segments_page_report_error (McSegmentsPage *self,
              const GError   *error)
{
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    adw_action_row_set_subtitle (self->k_row, error->message);
}

static void
score_k_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  McSegmentsPage *self = MC_SEGMENTS_PAGE (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) scores = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;
  _mc_segments_page_set_busy (self, NULL);
  if (scores == NULL)
    {
      _mc_segments_page_report_error (self, error);
      return;
    }
  show_k_scores (self, scores);
  /* Their k-means serve again when one of these k is chosen. */
  g_clear_pointer (&self->scores, g_array_unref);
  self->scores = g_steal_pointer (&scores);
}

void
_mc_segments_page_compare_k (McSegmentsPage *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->features == NULL)
    return;
  _mc_segments_page_set_busy (self, _("Comparing numbers of segments…"));
  task = g_task_new (self, self->cancellable, score_k_cb, NULL);
  g_task_set_source_tag (task, _mc_segments_page_compare_k);
  g_task_set_task_data (task, _mc_segments_page_job_new (self), (GDestroyNotify) _mc_segments_page_job_free);
  g_task_run_in_thread (task, score_k_thread);
}

static void
on_compare_clicked_cb (McSegmentsPage *self)
{
  _mc_segments_page_compare_k (self);
}

static void
on_cancel_clicked_cb (McSegmentsPage *self)
{
  mc_segments_page_cancel (self);
}

/* Public */

void
_mc_segments_page_features_ready (McSegmentsPage *self,
                                  McFeatureTable *table)
{
  self->features = g_atomic_rc_box_new0 (Features);
  self->features->table = table;
  list_presets (self);
  list_features (self);
  gtk_spin_button_set_range (self->k_max_spin, 2, MIN (30, table->ids->len - 1));
  gtk_spin_button_set_range (self->k_spin, 2, MIN (30, table->ids->len - 1));
  if (table->rows_table == NULL)
    mc_segments_page_choose_preset (self, "rfm");
  else
    for (guint f = 0; f < self->feature_checks->len; f++)
      gtk_check_button_set_active (g_ptr_array_index (self->feature_checks, f), TRUE);
  gtk_stack_set_visible_child_name (self->stack, "wizard");
  _mc_segments_page_show_step (self, 0);
}

/* Starts the wizard over on DATASET (NULL: none), working out its
 * customers' features on a worker thread; with KEEP_RESULTS, the same
 * customers in a dataset that only gained columns, the segments stay. */
static void
set_dataset (McSegmentsPage *self,
             McDataset      *dataset,
             gboolean        keep_results)
{
  g_set_object (&self->dataset, dataset);
  if (keep_results && self->segments != NULL)
    return;
  _mc_segments_page_set_busy (self, NULL);
  g_clear_pointer (&self->segments, _mc_segments_page_segments_unref);
  g_clear_pointer (&self->scores, g_array_unref);
  g_clear_pointer (&self->features, features_unref);
  g_clear_pointer (&self->picked, g_free);
  _mc_segments_page_remove_added_rows (self, self->picked_rows);
  _mc_segments_page_remove_added_rows (self, self->profile_rows);
  _mc_segments_page_remove_added_rows (self, self->added_rows);
  g_ptr_array_set_size (self->preset_checks, 0);
  g_ptr_array_set_size (self->feature_checks, 0);
  mc_widget_remove_all (GTK_WIDGET (self->k_charts));
  mc_widget_remove_all (GTK_WIDGET (self->result_charts));
  gtk_widget_set_visible (GTK_WIDGET (self->k_charts), FALSE);
  adw_action_row_set_subtitle (self->k_row, "");
  gtk_stack_set_visible_child_name (self->steps, step_names[0]);
  gtk_stack_set_visible_child_name (self->stack, "preparing");
  if (dataset != NULL)
    _mc_segments_page_prepare (self);
}

void
mc_segments_page_prepare_again (McSegmentsPage *self)
{
  g_return_if_fail (MC_IS_SEGMENTS_PAGE (self));

  if (self->dataset != NULL)
    set_dataset (self, self->dataset, FALSE);
}

const char *
mc_segments_page_get_step (McSegmentsPage *self)
{
  const char *page;

  g_return_val_if_fail (MC_IS_SEGMENTS_PAGE (self), NULL);

  page = gtk_stack_get_visible_child_name (self->stack);
  return g_strcmp0 (page, "wizard") == 0 ? step_names[_mc_segments_page_current_step (self)] : page;
}

gboolean
mc_segments_page_get_busy (McSegmentsPage *self)
{
  g_return_val_if_fail (MC_IS_SEGMENTS_PAGE (self), FALSE);

  return self->cancellable != NULL;
}

void
mc_segments_page_cancel (McSegmentsPage *self)
{
  gboolean preparing;

  g_return_if_fail (MC_IS_SEGMENTS_PAGE (self));

  preparing = self->cancellable != NULL && g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "preparing") == 0;
  _mc_segments_page_set_busy (self, NULL);
  if (preparing)
    _mc_segments_page_preparing_cancelled (self);
}

McSegmentation *
mc_segments_page_get_segmentation (McSegmentsPage *self)
{
  g_return_val_if_fail (MC_IS_SEGMENTS_PAGE (self), NULL);

  return self->segments != NULL ? self->segments->segmentation : NULL;
}

static void
list_scales (McSegmentsPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    {
      GtkWidget *check;
      GtkWidget *row = check_row_new (_(scales[i].title), _(scales[i].subtitle),
                                      i > 0 ? g_ptr_array_index (self->scale_checks, 0) : NULL, &check);

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), i == 0);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_settings_changed_cb), self);
      g_ptr_array_add (self->scale_checks, check);
      adw_preferences_group_add (self->scale_group, row);
    }
}

static void
on_dataset_changed_cb (McSegmentsPage *self)
{
  McDataset *dataset = mc_session_get_dataset (self->session);

  if (dataset != NULL)
    set_dataset (self, dataset, mc_session_get_only_columns_added (self->session));
}

McSession *
mc_segments_page_get_session (McSegmentsPage *self)
{
  g_return_val_if_fail (MC_IS_SEGMENTS_PAGE (self), NULL);

  return self->session;
}

/**
 * mc_segments_page_set_session:
 *
 * Segments the customers of SESSION's dataset from now on, and starts
 * over whenever it changes.
 */
void
mc_segments_page_set_session (McSegmentsPage *self,
                              McSession      *session)
{
  g_return_if_fail (MC_IS_SEGMENTS_PAGE (self));
  g_return_if_fail (session == NULL || MC_IS_SESSION (session));

  if (self->session == session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      g_signal_connect_swapped (session, "notify::dataset", G_CALLBACK (on_dataset_changed_cb), self);
      on_dataset_changed_cb (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

static void
mc_segments_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  McSegmentsPage *self = MC_SEGMENTS_PAGE (object);

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
mc_segments_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  McSegmentsPage *self = MC_SEGMENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      mc_segments_page_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_segments_page_dispose (GObject *object)
{
  McSegmentsPage *self = MC_SEGMENTS_PAGE (object);

  mc_segments_page_set_session (self, NULL);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->segments, _mc_segments_page_segments_unref);
  g_clear_pointer (&self->scores, g_array_unref);
  g_clear_pointer (&self->features, features_unref);
  g_clear_object (&self->dataset);

  G_OBJECT_CLASS (mc_segments_page_parent_class)->dispose (object);
}

static void
mc_segments_page_finalize (GObject *object)
{
  McSegmentsPage *self = MC_SEGMENTS_PAGE (object);

  g_ptr_array_unref (self->preset_checks);
  g_ptr_array_unref (self->feature_checks);
  g_ptr_array_unref (self->scale_checks);
  g_ptr_array_unref (self->added_rows);
  g_ptr_array_unref (self->picked_rows);
  g_ptr_array_unref (self->profile_rows);
  g_free (self->picked);

  G_OBJECT_CLASS (mc_segments_page_parent_class)->finalize (object);
}

static void
mc_segments_page_class_init (McSegmentsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_segments_page_dispose;
  object_class->finalize = mc_segments_page_finalize;
  object_class->get_property = mc_segments_page_get_property;
  object_class->set_property = mc_segments_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, MC_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/mercato/Mercato/ui/mc-segments-page.ui");
  gtk_widget_class_bind_template_child (widget_class, McSegmentsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, McSegmentsPage, steps);
  gtk_widget_class_bind_template_child (widget_class, McSegmentsPage, unavailable_page);
  gtk_widget_class_bind_template_child (widget_class, McSegmentsPage, preset_group);
  gtk_widget_class_bind_template_child (widget_class, McSegmentsPage, features_group);
  gtk_widget_class_bind_template_child (widget_class, McSegmentsPage, scale_group);
  gtk_widget_class_bind_template_child (widget_class, McSegmentsPage, profiles_group);
  gtk_widget_class_bind_template_child (widget_class, McSegmentsPage, selection_group);
  gtk_widget_class_bind_template_child (widget_class, McSegmentsPage, log_switch);
  gtk_widget_class_bind_template_child (widget_class, McSegmentsPage, k_min_spin);
  gtk_widget_class_bind_template_child (widget_class, McSegmentsPage, k_max_spin);
  gtk_widget_class_bind_template_child (widget_class, McSegmentsPage, k_spin);
  gtk_widget_class_bind_template_child (widget_class, McSegmentsPage, compare_button);
  gtk_widget_class_bind_template_child (widget_class, McSegmentsPage, next_button);
  gtk_widget_class_bind_template_child (widget_class, McSegmentsPage, progress_box);
  gtk_widget_class_bind_template_child (widget_class, McSegmentsPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, McSegmentsPage, k_charts);
  gtk_widget_class_bind_template_child (widget_class, McSegmentsPage, result_charts);
  gtk_widget_class_bind_template_child (widget_class, McSegmentsPage, k_row);
  gtk_widget_class_bind_template_child (widget_class, McSegmentsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, McSegmentsPage, step_label);
  gtk_widget_class_bind_template_callback (widget_class, on_compare_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);

  _mc_segments_page_class_actions_init (klass);
  _mc_segments_page_class_prepare_init (klass);
}

static void
mc_segments_page_init (McSegmentsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->preset_checks = g_ptr_array_new ();
  self->feature_checks = g_ptr_array_new ();
  self->scale_checks = g_ptr_array_new ();
  self->added_rows = g_ptr_array_new ();
  self->picked_rows = g_ptr_array_new ();
  self->profile_rows = g_ptr_array_new ();
  list_scales (self);
  g_signal_connect_swapped (self->log_switch, "notify::active", G_CALLBACK (on_settings_changed_cb), self);
  g_signal_connect_swapped (self->steps, "notify::visible-child", G_CALLBACK (update_navigation), self);
  update_navigation (self);
}
