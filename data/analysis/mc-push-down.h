/* mc-push-down.h: what the analyses computed on a database's server share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Hands REASON (taken; why a figure was computed in memory, or NULL) to
 * the caller through NOT_PUSHED_DOWN, or logs it when the caller did not
 * ask for it. */
void  mc_push_down_say_why  (char **not_pushed_down,
                             char  *reason);

G_END_DECLS
