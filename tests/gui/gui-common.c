/* gui-common.c: what the widget tests share to drive a session
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "gui-common.h"

void
wait_ended_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Waiting *waiting = user_data;
  g_autoptr(GError) error = NULL;

  if (!waiting->finish (MC_SESSION (object), result, &error))
    g_error ("The session's operation failed: %s", error->message);
  waiting->done = TRUE;
}

void
wait_for_ending (Waiting *waiting)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_TIME_SPAN_SECOND;

  while (!waiting->done && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (waiting->done);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

void
open_session_at (McSession  *session,
                 const char *path)
{
  const char *paths[] = { path, NULL };
  Waiting opening = { mc_session_open_finish, FALSE };

  mc_session_open_async (session, paths, NULL, wait_ended_cb, &opening);
  wait_for_ending (&opening);
}
