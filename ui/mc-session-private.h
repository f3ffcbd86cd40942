/* mc-session-private.h: what the session's files share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-session.h"

G_BEGIN_DECLS

enum {
  PROP_0,
  PROP_DATASET,
  PROP_ANALYSIS,
  PROP_FILTER_LABEL,
  PROP_FILTERED,
  PROP_LOADING,
  PROP_FILTERING,
  PROP_CHANGING,
  PROP_REMODELLING,
  PROP_WRITING,
  PROP_BUSY,
  PROP_PROGRESS_FRACTION,
  PROP_PROGRESS_MESSAGE,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};


/* The kinds of job a newer one of the same kind supersedes. */
typedef enum
{
  SLOT_OPEN,
  SLOT_MODEL,
  SLOT_FILTER,
  SLOT_CHANGE,   /* cleaning, undo and redo, segments added */
  N_SLOTS,
  SLOT_NONE = -1 /* writing a file: never superseded */
} Slot;

typedef struct
{
  GCancellable *cancellable; /* of the job running, or NULL */
  guint         serial;      /* counts the jobs started and the ones dropped */
} JobSlot;

struct _McSession
{
  GObject           parent_instance;

  McDataset        *dataset;        /* of shown */
  struct _Snapshot *shown;
  struct _Snapshot *filtered;       /* the shown data under the filter, or NULL */
  char             *filter_label;
  GPtrArray        *undo;           /* Snapshot: the datasets before each change */
  GPtrArray        *redo;           /* Snapshot: the changes undone, the last undone last */
  gboolean          only_columns_added; /* the dataset shown only gained a segment column */
  JobSlot           slots[N_SLOTS];
  guint             n_writing;

  /* Progress of the running load, written by the worker thread. */
  GMutex            progress_mutex;
  double            progress_reported;
  char             *progress_stage;     /* named by the worker, not yet said */
  guint             progress_idle;
  double            progress_fraction;
  char             *progress_message;
};

/* A dataset with what the checks found in it: what loading and cleaning
 * produce on the worker thread, and what undo goes back to. */
typedef struct _Snapshot
{
  McDataset   *dataset;
  GPtrArray   *findings;
  McChartData *charts;      /* what the dashboard's charts are drawn from */
  GPtrArray   *log;         /* McCleanLogEntry of each step in RECIPE, or NULL */
  GPtrArray   *recipe;      /* the cleaning steps that made it from the data opened, or NULL */
  McDataset   *listed;      /* under a filter: every table cut to the rows taking part, for the Tables page */
  McAnalysis  *analysis;    /* under a chart's filter: the whole's analysis of its rows; else NULL, the dataset's own */
  /* A step in the middle of one Apply is kept as the way to make it
   * (DATASET is NULL until undo or redo reaches it): ANCHOR, the data
   * the Apply started from, and the steps of that Apply up to this one. */
  McDataset   *anchor;
  GPtrArray   *steps;
} Snapshot;

typedef struct _Job Job;
/* On the worker: the result (NULL with ERROR set on failure). */
typedef gpointer (*JobWork)  (gpointer       data,
                              GCancellable  *cancellable,
                              GError       **error);
/* On the main thread, only while the job is current: takes MADE (NULL
 * when WORK failed); may set ANSWER, what the _finish returns. */
typedef void     (*JobApply) (McSession     *self,
                              Job           *job,
                              gpointer       made);

struct _Job
{
  Slot            slot;
  guint           serial;     /* of SLOT when the job started */
  McDataset      *base;       /* the dataset shown then; NULL for an open */
  JobWork         work;
  JobApply        apply;
  GDestroyNotify  free_made;
  gpointer        data;
  GDestroyNotify  free_data;
  GTask          *caller;     /* the _async's task */
  gssize          answer;
};

Snapshot *_mc_snapshot_new_view        (McDataset      *dataset);
Snapshot *_mc_snapshot_new             (McDataset      *dataset,
                                        GPtrArray      *log,
                                        GCancellable   *cancellable,
                                        GError        **error);
void      _mc_snapshot_free            (Snapshot       *snapshot);
GPtrArray *_mc_copy_log                (GPtrArray      *log);
void      _mc_session_run_job          (McSession      *self,
                                        Slot            slot,
                                        GTask          *caller,
                                        JobWork         work,
                                        JobApply        apply,
                                        GDestroyNotify  free_made,
                                        gpointer        data,
                                        GDestroyNotify  free_data);
gssize    _mc_session_finish_job       (McSession      *self,
                                        GAsyncResult   *result,
                                        GError        **error);
void      _mc_session_show             (McSession      *self,
                                        Snapshot       *snapshot);
void      _mc_session_replace_shown    (McSession      *self,
                                        Snapshot       *changed);

void      _mc_session_notify           (McSession      *self,
                                        guint           prop_id);
void      _mc_session_drop_filter      (McSession      *self);

/* The calling worker's queries to a database's server name the stage
 * of SELF's progress (NULL: no more). */
void      _mc_session_hear_queries   (McSession *self);
/* Forgets the progress said, for work that starts. */
void      _mc_session_clear_progress (McSession *self);

G_END_DECLS
