/* mc-window-private.h: what the window's files share
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window is split by concern (gnome-text-editor's editor-window*.c):
 * mc-window.c the shell that follows the session, -actions.c the win.*
 * actions and keys (those the pages activate included), -changes.c what
 * it asks the session to open, change or write, -recent.c the recent
 * datasets, -dnd.c the drop target. The pages take the session as a
 * property, bound in mc-window.ui.
 */
#pragma once

#include "mc-model-dialog.h"
#include "mc-quality-page-private.h"
#include "mc-session.h"
#include "mc-tables-page-private.h"
#include "mc-window.h"

G_BEGIN_DECLS

struct _McWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwViewSwitcherTitle *window_title;
  AdwViewStack         *view_stack;
  McOverviewPage       *overview_page;
  McQualityPage        *quality_page;
  McSegmentsPage       *segments_page;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  GtkLabel             *loading_label;
  GtkProgressBar       *progress_bar;
  McTablesPage         *tables_page;
  AdwPreferencesGroup  *recent_group;
  GMenu                *recent_menu;    /* Open Recent in the primary menu */
  GPtrArray            *recent_rows;

  /* Owned references */
  McSession            *session;        /* the dataset shown and what was done to it; NULL once closed */
  GtkFileChooserNative *cleaning_chooser; /* Open Recipe… or Save Cleaned Copy…, while open */
  McModelDialog        *model_dialog;   /* "How the figures are computed", while open */
  GSettings            *settings;
  char                 *last_error;
  char                 *previous_page;
};


/* What a job the window asked the session for needs when it ends: the
 * window (which may have closed meanwhile) and the file it was about. */
typedef struct
{
  McWindow   *window;
  GStrv       paths;
  /* For a job whose end says only that it failed: how to finish it, and
   * the title of the message. */
  gboolean  (*finish) (McSession     *session,
                       GAsyncResult  *result,
                       GError       **error);
  const char *failure;
} Request;



Request  *_mc_window_request_new          (McWindow            *self,
                                           const char          *path);
void      _mc_window_request_free         (Request             *request);
gboolean  _mc_window_request_answered     (Request             *request,
                                           GError              *error);
Request  *_mc_window_request_failure_only (McWindow            *self,
                                           gboolean           (*finish) (McSession *, GAsyncResult *, GError **),
                                           const char          *failure);
void      _mc_window_failure_only_cb      (GObject             *object,
                                           GAsyncResult        *result,
                                           gpointer             user_data);
void      _mc_window_show_error           (McWindow            *self,
                                           const char          *message);
void      _mc_window_show_message         (McWindow            *self,
                                           const char          *title,
                                           const char          *message);
void      _mc_window_toast_undoable       (McWindow            *self,
                                           const char          *message);
void      _mc_window_show_recent          (McWindow            *self);
void      _mc_window_remember_dataset     (McWindow            *self,
                                           const char * const  *paths);
void      _mc_window_class_actions_init   (McWindowClass       *klass);
void      _mc_window_dnd_init             (McWindow            *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, _mc_window_request_free)

/* For tests: the widgets inside. */
GtkListBox     *mc_window_get_table_list    (McWindow *self);
GtkColumnView  *mc_window_get_rows_view     (McWindow *self);
McQualityPage  *mc_window_get_quality_page  (McWindow *self);
McOverviewPage *mc_window_get_overview_page (McWindow *self);
McSegmentsPage *mc_window_get_segments_page (McWindow *self);
gboolean        mc_window_get_filtering     (McWindow *self);
const char     *mc_window_get_last_error    (McWindow *self);
/* The open "How the figures are computed" dialog, or NULL. */
McModelDialog  *_mc_window_get_model_dialog (McWindow *self);

G_END_DECLS
