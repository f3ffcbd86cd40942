/* mc-visit-journeys.c: the visitors' journeys of the visits index
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the funnel reads of the visits: each visitor's first visit, per
 * visit type its visitors and their days to it, and each visitor's
 * visits in the order of their start.
 */
#define G_LOG_DOMAIN "mc-visit-index"

#include "config.h"

#include <stdlib.h>

#include "mc-visit-index-private.h"

/* Where each code's rows start when they are put one after the other:
 * code g's at offsets[g] to offsets[g + 1] − 1. */
static gsize *
code_offsets (const McKeyCodes *key,
              gsize             n_rows)
{
  gsize *offsets = g_new0 (gsize, key->labels->len + 1);

  for (gsize r = 0; r < n_rows; r++)
    if (key->codes[r] != MC_NO_CODE)
      offsets[key->codes[r] + 1]++;
  for (guint g = 0; g < key->labels->len; g++)
    offsets[g + 1] += offsets[g];
  return offsets;
}

gsize *
mc_key_codes_group_rows (const McKeyCodes *key,
                         gsize             n_rows,
                         gsize            *rows)
{
  gsize *offsets = code_offsets (key, n_rows);
  g_autofree gsize *fill = g_memdup2 (offsets, (key->labels->len + 1) * sizeof (gsize));

  for (gsize r = 0; r < n_rows; r++)
    if (key->codes[r] != MC_NO_CODE)
      rows[fill[key->codes[r]]++] = r;
  return offsets;
}

/* The start of the visit in ROW, missing ones last. */
static gint64
start_or_last (const McVisitIndex *self,
               gsize               row)
{
  return mc_column_is_missing (self->start, row) ? G_MAXINT64 : micros_of (self->start, row);
}

/* A visit of a journey: its start and its type. */
typedef struct
{
  gint64  start;
  guint32 type;
} Step;

static int
compare_steps (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  gint64 x = ((const Step *) a)->start, y = ((const Step *) b)->start;

  return (x > y) - (x < y);
}

/* Sorts a visitor's N visits (their STARTS and TYPES) by start, equal
 * starts in row order (as they come): by insertion for the few visits
 * most visitors have, by GLib's merge sort, as stable, for many. */
static void
sort_journey (gint64  *starts,
              guint32 *types,
              gsize    n)
{
  if (n > 32)
    {
      g_autofree Step *steps = g_new (Step, n);

      for (gsize i = 0; i < n; i++)
        steps[i] = (Step) { starts[i], types[i] };
      g_qsort_with_data (steps, n, sizeof (Step), compare_steps, NULL);
      for (gsize i = 0; i < n; i++)
        {
          starts[i] = steps[i].start;
          types[i] = steps[i].type;
        }
      return;
    }
  for (gsize i = 1; i < n; i++)
    {
      gint64 start = starts[i];
      guint32 type = types[i];
      gsize j = i;

      for (; j > 0 && starts[j - 1] > start; j--)
        {
          starts[j] = starts[j - 1];
          types[j] = types[j - 1];
        }
      starts[j] = start;
      types[j] = type;
    }
}

/* Each visitor's visits one after the other, by start (missing last),
 * equal starts in row order: each visitor's starts and types sorted
 * where they are kept, not through the rows. */
void
_mc_visit_index_journey_visits (McVisitIndex *self)
{
  gsize n_visitors = self->visitors.labels->len;
  g_autofree gsize *fill = NULL;
  gsize n;

  /* Grouped by visitor straight into the arrays kept (a counting sort),
   * with no array of rows beside them. */
  self->journey_offsets = code_offsets (&self->visitors, self->n_rows);
  n = self->journey_offsets[n_visitors];
  fill = g_memdup2 (self->journey_offsets, (n_visitors + 1) * sizeof (gsize));
  self->journey_starts = g_new (gint64, MAX (n, 1));
  self->journey_types = g_new (guint32, MAX (n, 1));
  for (gsize r = 0; r < self->n_rows; r++)
    {
      guint32 visitor = self->visitors.codes[r];

      if (visitor == MC_NO_CODE)
        continue;
      self->journey_starts[fill[visitor]] = start_or_last (self, r);
      self->journey_types[fill[visitor]++] = self->types.codes != NULL ? self->types.codes[r] : MC_NO_CODE;
    }
  for (gsize v = 0; v < n_visitors; v++)
    sort_journey (self->journey_starts + self->journey_offsets[v], self->journey_types + self->journey_offsets[v],
                  self->journey_offsets[v + 1] - self->journey_offsets[v]);
}

/* Each visitor's first visit; per type, its visitors and their days from
 * their first visit to their first of this type. The rows are taken a
 * type at a time (a counting sort by type), each visitor's first visit
 * of the type kept in one array reused for every type: linear in the
 * visits, where sorting every (type, visitor, time) was not. */
void
_mc_visit_index_journeys (McVisitIndex *self)
{
  gsize n_visitors = self->visitors.labels->len, n_touched = 0;
  guint n_types = self->types.labels != NULL ? self->types.labels->len : 0;
  g_autofree gsize *type_start = g_new0 (gsize, n_types + 1);
  g_autofree gsize *by_type = g_new (gsize, MAX (self->n_rows, 1));
  g_autofree gint64 *first_of_type = g_new (gint64, MAX (n_visitors, 1));
  g_autofree guint32 *touched = g_new (guint32, MAX (n_visitors, 1));

  self->first_visit = g_new (gint64, MAX (n_visitors, 1));
  self->type_visitors = g_new0 (gsize, n_types + 1);
  self->type_days = g_new0 (double, n_types + 1);
  for (gsize v = 0; v < n_visitors; v++)
    self->first_visit[v] = first_of_type[v] = G_MAXINT64;
  for (gsize r = 0; r < self->n_rows; r++)
    {
      guint32 visitor = self->visitors.codes[r];
      guint32 type = self->types.codes != NULL ? self->types.codes[r] : MC_NO_CODE;

      if (visitor == MC_NO_CODE || mc_column_is_missing (self->start, r))
        continue;
      self->first_visit[visitor] = MIN (self->first_visit[visitor], micros_of (self->start, r));
      if (type != MC_NO_CODE)
        type_start[type + 1]++;
    }
  for (guint t = 0; t < n_types; t++)
    type_start[t + 1] += type_start[t];
  {
    g_autofree gsize *next = g_memdup2 (type_start, sizeof (gsize) * (n_types + 1));

    for (gsize r = 0; r < self->n_rows; r++)
      if (self->visitors.codes[r] != MC_NO_CODE && self->types.codes != NULL
          && self->types.codes[r] != MC_NO_CODE && !mc_column_is_missing (self->start, r))
        by_type[next[self->types.codes[r]]++] = r;
  }
  for (guint t = 0; t < n_types; t++)
    {
      for (gsize i = type_start[t]; i < type_start[t + 1]; i++)
        {
          gsize r = by_type[i];
          guint32 visitor = self->visitors.codes[r];

          if (first_of_type[visitor] == G_MAXINT64)
            touched[n_touched++] = visitor;
          first_of_type[visitor] = MIN (first_of_type[visitor], micros_of (self->start, r));
        }
      for (gsize i = 0; i < n_touched; i++)
        {
          guint32 visitor = touched[i];

          self->type_visitors[t]++;
          self->type_days[t] += (double) (first_of_type[visitor] - self->first_visit[visitor]) / MC_MICROS_PER_DAY;
          first_of_type[visitor] = G_MAXINT64;
        }
      n_touched = 0;
    }
}
