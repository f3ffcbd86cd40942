/* gui-common.h: what the widget tests share to drive a session
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-session.h"

G_BEGIN_DECLS

/* A session's operation: how to finish it, and whether it has. */
typedef struct
{
  gboolean (*finish) (McSession *, GAsyncResult *, GError **);
  gboolean   done;
} Waiting;

/* The callback of an operation waited for with WAITING as its data; the
 * operation must succeed. */
void wait_ended_cb       (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data);
/* Runs the main loop until the operation ended, then until it is idle. */
void wait_for_ending     (Waiting      *waiting);
/* Opens the dataset at PATH in SESSION and waits until it is shown. */
void open_session_at     (McSession    *session,
                          const char   *path);

G_END_DECLS
