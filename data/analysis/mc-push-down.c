/* mc-push-down.c: what the analyses computed on a database's server share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-analysis"

#include "config.h"

#include "mc-push-down.h"

void
mc_push_down_say_why (char **not_pushed_down,
                      char  *reason)
{
  if (not_pushed_down != NULL)
    *not_pushed_down = reason;
  else
    {
      if (reason != NULL)
        g_debug ("%s", reason);
      g_free (reason);
    }
}
