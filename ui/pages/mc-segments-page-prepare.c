/* mc-segments-page-prepare.c: the Segments page working out its customers' features
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Before the wizard's first step, on a worker: the per-customer
 * features, from a database's server when the dataset is one. Cancel
 * stops the query on the server too (the job's GCancellable sends
 * PQcancel), and the page then offers to prepare again. A server that
 * fails is said in the wizard, above its steps, with what it was asked
 * and its own words, and that the features come from memory instead.
 */
#define G_LOG_DOMAIN "mc-segments-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-segments-page-private.h"

/* What the worker hands back. */
typedef struct
{
  McFeatureTable *table;
  char           *not_on_server;   /* NULL, or why the server did not compute them */
} Prepared;

static void
prepared_free (Prepared *prepared)
{
  g_clear_pointer (&prepared->table, mc_features_free);
  g_free (prepared->not_on_server);
  g_free (prepared);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Prepared, prepared_free)

static void
show_server_note (McSegmentsPage *self,
                  const char     *note)
{
  gtk_label_set_text (self->server_note_label, note != NULL ? note : "");
  gtk_revealer_set_reveal_child (self->server_note_revealer, note != NULL);
}

static void
show_unavailable (McSegmentsPage *self,
                  const char     *title,
                  const char     *description,
                  gboolean        can_retry)
{
  adw_status_page_set_title (self->unavailable_page, title);
  adw_status_page_set_description (self->unavailable_page, description);
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), can_retry);
  gtk_stack_set_visible_child_name (self->stack, "unavailable");
}

static void
features_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  McSegmentsPage *self = MC_SEGMENTS_PAGE (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(Prepared) prepared = g_task_propagate_pointer (G_TASK (result), &error);

  /* Cancelled by the user, or superseded by another dataset. */
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;
  _mc_segments_page_set_busy (self, NULL);
  if (prepared == NULL)
    show_unavailable (self, _("Nothing to Segment"), error->message, FALSE);
  else if (prepared->table->ids->len < 3)
    show_unavailable (self, _("Nothing to Segment"), _("Segments need at least three customers."), FALSE);
  else
    {
      show_server_note (self, prepared->not_on_server);
      _mc_segments_page_features_ready (self, g_steal_pointer (&prepared->table));
    }
}

static void
features_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  g_autoptr(Prepared) prepared = g_new0 (Prepared, 1);
  GError *error = NULL;

  prepared->table = mc_features_compute_full (task_data, cancellable, &prepared->not_on_server, &error);
  if (prepared->table == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&prepared), (GDestroyNotify) prepared_free);
}

void
_mc_segments_page_prepare (McSegmentsPage *self)
{
  g_autoptr(GTask) task = NULL;

  show_server_note (self, NULL);
  gtk_stack_set_visible_child_name (self->stack, "preparing");
  _mc_segments_page_set_busy (self, _("Preparing…"));
  task = g_task_new (self, self->cancellable, features_cb, NULL);
  g_task_set_source_tag (task, _mc_segments_page_prepare);
  g_task_set_task_data (task, g_object_ref (self->dataset), g_object_unref);
  g_task_run_in_thread (task, features_thread);
}

void
_mc_segments_page_preparing_cancelled (McSegmentsPage *self)
{
  show_unavailable (self, _("Preparing Cancelled"),
                    _("The customers' features were not worked out, and the database server was asked to stop. "
                      "Prepare them again to segment the customers."), TRUE);
}

static void
on_retry_clicked_cb (McSegmentsPage *self)
{
  mc_segments_page_prepare_again (self);
}

const char *
mc_segments_page_get_server_note (McSegmentsPage *self)
{
  g_return_val_if_fail (MC_IS_SEGMENTS_PAGE (self), NULL);

  return gtk_revealer_get_reveal_child (self->server_note_revealer) ? gtk_label_get_text (self->server_note_label) : NULL;
}

void
_mc_segments_page_class_prepare_init (McSegmentsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_bind_template_child (widget_class, McSegmentsPage, server_note_revealer);
  gtk_widget_class_bind_template_child (widget_class, McSegmentsPage, server_note_label);
  gtk_widget_class_bind_template_child (widget_class, McSegmentsPage, retry_button);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_clicked_cb);
}
