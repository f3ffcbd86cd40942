/* mc-progress.c: how far a piece of work has gone, and in which stage
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading used to count bytes and k-means fractions, each with its own
 * callback type, and each caller scaled them by hand. Every piece of
 * work now reports a fraction of what it was given and, when it starts
 * something a user would name, the stage; a caller hands a callee a
 * part of its range with an McProgress.
 */
#define G_LOG_DOMAIN "mc-progress"

#include "config.h"

#include "mc-progress.h"

void
mc_progress_init (McProgress     *self,
                  McProgressFunc  func,
                  gpointer        user_data,
                  double          from,
                  double          to,
                  const char     *stage)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (from <= to);

  *self = (McProgress) { func, user_data, from, to, stage };
}

void
mc_progress_part_cb (double      fraction,
                     const char *stage,
                     gpointer    user_data)
{
  const McProgress *self = user_data;

  g_assert (self != NULL);

  fraction = CLAMP (fraction, 0.0, 1.0);
  mc_progress_report (self->func, self->user_data, self->from + fraction * (self->to - self->from),
                      stage != NULL ? stage : self->stage);
}

void
mc_progress_report (McProgressFunc  func,
                    gpointer        user_data,
                    double          fraction,
                    const char     *stage)
{
  if (func != NULL)
    func (fraction, stage, user_data);
}

void
mc_progress_sink_init (McProgressSink *self,
                       GFunc           changed,
                       gpointer        changed_data)
{
  g_return_if_fail (self != NULL);

  g_mutex_init (&self->mutex);
  self->fraction = 0.0;
  self->stage = NULL;
  self->changed = changed;
  self->changed_data = changed_data;
}

void
mc_progress_sink_clear (McProgressSink *self)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->stage, g_free);
  g_mutex_clear (&self->mutex);
}

void
mc_progress_sink_cb (double      fraction,
                     const char *stage,
                     gpointer    user_data)
{
  McProgressSink *self = user_data;
  gboolean changed = FALSE;

  g_assert (self != NULL);

  g_mutex_lock (&self->mutex);
  if (fraction > self->fraction)
    {
      self->fraction = MIN (fraction, 1.0);
      changed = TRUE;
    }
  if (stage != NULL && g_strcmp0 (stage, self->stage) != 0)
    {
      g_free (self->stage);
      self->stage = g_strdup (stage);
      changed = TRUE;
    }
  g_mutex_unlock (&self->mutex);

  if (changed && self->changed != NULL)
    self->changed (self, self->changed_data);
}

double
mc_progress_sink_get (McProgressSink  *self,
                      char           **stage)
{
  double fraction;

  g_return_val_if_fail (self != NULL, 0.0);

  g_mutex_lock (&self->mutex);
  fraction = self->fraction;
  if (stage != NULL)
    *stage = g_strdup (self->stage);
  g_mutex_unlock (&self->mutex);
  return fraction;
}

void
mc_progress_sink_reset (McProgressSink *self)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->mutex);
  self->fraction = 0.0;
  g_clear_pointer (&self->stage, g_free);
  g_mutex_unlock (&self->mutex);
}
