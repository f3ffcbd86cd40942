/* mc-segments-page-private.h: what the Segments page's files share
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mc-segments-page.c has the wizard's steps up to choosing k;
 * mc-segments-page-results.c the segments found, their profiles and
 * charts and what is derived from them; mc-segments-page-actions.c the
 * page's actions and picking customers on the map.
 */
#pragma once

#include "mc-segments-page.h"

G_BEGIN_DECLS

/* The features table, shared by the page and the jobs reading it. */
typedef struct
{
  McFeatureTable *table;
} Features;

/* A segmentation and its map, shared by the page and the map's tooltips. */
typedef struct
{
  Features       *features;
  McSegmentation *segmentation;
  double         *map;          /* rows × 2: the first two principal components */
} Segments;

struct _McSegmentsPage
{
  AdwBin               parent_instance;

  GtkStack            *stack;
  GtkStack            *steps;
  AdwStatusPage       *unavailable_page;
  AdwPreferencesGroup *preset_group;
  AdwPreferencesGroup *features_group;
  AdwPreferencesGroup *scale_group;
  AdwPreferencesGroup *profiles_group;
  AdwPreferencesGroup *selection_group;
  GtkSwitch           *log_switch;
  GtkSpinButton       *k_min_spin;
  GtkSpinButton       *k_max_spin;
  GtkSpinButton       *k_spin;
  GtkButton           *compare_button;
  GtkButton           *next_button;
  GtkBox              *progress_box;
  GtkProgressBar      *progress_bar;
  GtkBox              *k_charts;
  GtkBox              *result_charts;
  AdwActionRow        *k_row;
  GtkLabel            *summary_label;
  GtkLabel            *step_label;
  GtkRevealer         *server_note_revealer;
  GtkLabel            *server_note_label;
  GtkButton           *retry_button;

  McSession           *session;
  McDataset           *dataset;         /* the session's, once the page started over on it */
  Features            *features;
  GPtrArray           *preset_checks;   /* GtkCheckButton, data "mc-preset" */
  GPtrArray           *feature_checks;  /* GtkCheckButton per feature */
  GPtrArray           *scale_checks;    /* GtkCheckButton per McScale */
  GPtrArray           *added_rows;      /* rows added to the groups, to remove */
  GPtrArray           *picked_rows;
  GPtrArray           *profile_rows;
  gboolean             applying_preset;
  GCancellable        *cancellable;     /* of the running job */
  GArray              *scores;          /* McKScore of the k compared, for these features and scaling */
  Segments            *segments;
  gboolean            *picked;          /* per row of the features */
};



typedef struct
{
  McSegmentsPage *page;
  GCancellable   *cancellable;
  double          fraction;
} Progress;

typedef struct
{
  Features        *features;
  GStrv            names;
  McScale          scale;
  gboolean         log1p;
  guint            k_min;
  guint            k_max;
  McKmeansOptions  options;
  McKScore         score;      /* of the chosen k when compared: its k-means is reused */
  Progress         progress;
} Job;

void      _mc_segments_page_add_row (McSegmentsPage       *self,
                                     AdwPreferencesGroup  *group,
                                     GtkWidget            *row,
                                     GPtrArray            *rows);
guint     _mc_segments_page_current_step (McSegmentsPage       *self);
Features  *_mc_segments_page_features_ref (Features             *features);
Job       *_mc_segments_page_job_new (McSegmentsPage       *self);
void      _mc_segments_page_job_free (Job                  *job);
void      _mc_segments_page_job_progress (double               fraction,
                                          const char          *stage,
                                          gpointer             user_data);
void      _mc_segments_page_compare_k (McSegmentsPage       *self);
void      _mc_segments_page_remove_added_rows (McSegmentsPage       *self,
                                               GPtrArray            *rows);
void      _mc_segments_page_report_error (McSegmentsPage       *self,
                                          const GError         *error);
void      _mc_segments_page_segments_unref (Segments             *segments);
void      _mc_segments_page_set_busy (McSegmentsPage       *self,
                                      const char           *what);
void      _mc_segments_page_show_step (McSegmentsPage       *self,
                                       guint                step);
void      _mc_segments_page_derive (McSegmentsPage       *self,
                                    gboolean             *chosen,
                                    char                 *label);
void      _mc_segments_page_run_segmentation (McSegmentsPage       *self);
void      _mc_segments_page_show_customers (McSegmentsPage       *self,
                                            int                  segment);
void      _mc_segments_page_use_derived (McSegmentsPage       *self,
                                          McDataset            *derived,
                                          const char           *label);
void      _mc_segments_page_class_actions_init (McSegmentsPageClass  *klass);
/* mc-segments-page-prepare.c */
void      _mc_segments_page_class_prepare_init (McSegmentsPageClass  *klass);
/* Works out the features of the page's dataset on a worker; then
 * _mc_segments_page_features_ready() takes them. */
void      _mc_segments_page_prepare (McSegmentsPage       *self);
void      _mc_segments_page_features_ready (McSegmentsPage       *self,
                                            McFeatureTable       *table);
void      _mc_segments_page_preparing_cancelled (McSegmentsPage       *self);

/* For the page's own files and the tests: what a user does on the
 * page, done without the pointer. */
/* "features", "scaling", "choose-k", "results"; or "preparing",
 * "unavailable" outside the wizard. */
const char     *mc_segments_page_get_step         (McSegmentsPage *self);
gboolean        mc_segments_page_get_busy         (McSegmentsPage *self);
void            mc_segments_page_choose_preset    (McSegmentsPage *self,
                                                   const char     *preset);
void            mc_segments_page_cancel           (McSegmentsPage *self);
/* Starts over, working out the features again (after a cancel while
 * preparing, the page's "Prepare Again"). */
void            mc_segments_page_prepare_again    (McSegmentsPage *self);
/* What the wizard says above its steps about the database server (the
 * features computed in memory because it failed), or NULL. */
const char     *mc_segments_page_get_server_note  (McSegmentsPage *self);
/* The segments shown, or NULL. */
McSegmentation *mc_segments_page_get_segmentation (McSegmentsPage *self);
/* Picks the customers whose point on the map lies in the range, as a
 * drag over the map does. */
void            mc_segments_page_pick             (McSegmentsPage *self,
                                                   double          x_min,
                                                   double          x_max,
                                                   double          y_min,
                                                   double          y_max);
/* Writes the segments shown to PATH as TYPE (never over a file of the
 * data): what the save dialog does with the file and type chosen. */
gboolean        mc_segments_page_save             (McSegmentsPage *self,
                                                   const char     *path,
                                                   McSaveType      type,
                                                   GError        **error);

G_END_DECLS
