/* mc-group-by.c: aggregates per combination of key codes
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A group-by turns each key into a dense code per row (category codes
 * and time buckets map straight to array slots, so no hashing happens
 * per row), combines the codes into one slot number, and accumulates
 * every aggregate in one pass. Medians, quantiles and distinct counts
 * then sort each group's values, which a second pass gathers.
 */
#define G_LOG_DOMAIN "mc-query"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mc-query-private.h"
#include "mc-stats.h"

typedef struct
{
  gsize    n_groups;
  guint32 *group_of_row;   /* MC_NO_CODE: not selected, or a key missing */
} Grouping;

/* Numbers each non-empty combination of key codes, in key order. */
static gboolean
grouping_init (Grouping          *grouping,
               McGroupResult     *result,
               gsize              n_rows,
               const McSelection *selection,
               GError           **error)
{
  gsize n_slots = 1;
  g_autofree gsize *slot_rows = NULL;
  g_autofree guint32 *group_of_slot = NULL;

  for (guint k = 0; k < result->n_keys; k++)
    {
      gsize n_codes = result->keys[k].labels->len;

      if (n_codes != 0 && n_slots > MAX_SLOTS / n_codes)
        {
          g_set_error (error, MC_QUERY_ERROR, MC_QUERY_ERROR_TOO_MANY,
                       /* Translators: %zu is a large number (16777216). */
                       _("these keys make more than %zu combinations; group by fewer or coarser keys"), MAX_SLOTS);
          return FALSE;
        }
      n_slots *= n_codes;
    }

  grouping->group_of_row = g_new (guint32, MAX (n_rows, 1));
  slot_rows = g_new0 (gsize, MAX (n_slots, 1));
  for (gsize r = 0; r < n_rows; r++)
    {
      gsize slot = 0;
      guint k;

      grouping->group_of_row[r] = MC_NO_CODE;
      if (!mc_selection_contains (selection, r))
        continue;
      for (k = 0; k < result->n_keys && result->keys[k].codes[r] != MC_NO_CODE; k++)
        slot = slot * result->keys[k].labels->len + result->keys[k].codes[r];
      if (k < result->n_keys)
        continue;
      grouping->group_of_row[r] = (guint32) slot;
      slot_rows[slot]++;
    }

  group_of_slot = g_new (guint32, MAX (n_slots, 1));
  grouping->n_groups = 0;
  for (gsize s = 0; s < n_slots; s++)
    if (slot_rows[s] > 0)
      group_of_slot[s] = grouping->n_groups++;
  result->n_groups = grouping->n_groups;
  result->rows = g_new (gsize, MAX (grouping->n_groups, 1));
  result->codes = g_new (guint32, MAX (grouping->n_groups * result->n_keys, 1));
  for (gsize s = 0; s < n_slots; s++)
    if (slot_rows[s] > 0)
      {
        gsize g = group_of_slot[s], rest = s;

        result->rows[g] = slot_rows[s];
        for (guint k = result->n_keys; k-- > 0;)
          {
            result->codes[g * result->n_keys + k] = rest % result->keys[k].labels->len;
            rest /= result->keys[k].labels->len;
          }
      }
  for (gsize r = 0; r < n_rows; r++)
    if (grouping->group_of_row[r] != MC_NO_CODE)
      grouping->group_of_row[r] = group_of_slot[grouping->group_of_row[r]];
  return TRUE;
}

/* Each group's values (or key codes) gathered together, to sort. */
typedef struct
{
  gsize  *offsets;    /* n_groups + 1 */
  double *values;
} Gathered;

static void
gather (Gathered       *gathered,
        const Grouping *grouping,
        const Reader   *reader,
        const guint32  *codes,
        gsize           n_rows)
{
  g_autofree gsize *fill = g_new0 (gsize, grouping->n_groups + 1);
  double value;

  gathered->offsets = g_new0 (gsize, grouping->n_groups + 1);
  for (gsize r = 0; r < n_rows; r++)
    {
      guint32 g = grouping->group_of_row[r];
      gssize row = g != MC_NO_CODE ? _mc_reader_row (reader, r) : -1;

      if (row >= 0 && (codes != NULL ? codes[r] != MC_NO_CODE : mc_column_get_double (reader->column, row, &value)))
        gathered->offsets[g + 1]++;
    }
  for (gsize g = 0; g < grouping->n_groups; g++)
    gathered->offsets[g + 1] += gathered->offsets[g];
  gathered->values = g_new (double, MAX (gathered->offsets[grouping->n_groups], 1));
  for (gsize r = 0; r < n_rows; r++)
    {
      guint32 g = grouping->group_of_row[r];
      gssize row = g != MC_NO_CODE ? _mc_reader_row (reader, r) : -1;

      if (row < 0)
        continue;
      if (codes != NULL ? codes[r] != MC_NO_CODE : mc_column_get_double (reader->column, row, &value))
        gathered->values[gathered->offsets[g] + fill[g]++] = codes != NULL ? codes[r] : value;
    }
  for (gsize g = 0; g < grouping->n_groups; g++)
    mc_sort_doubles (gathered->values + gathered->offsets[g], gathered->offsets[g + 1] - gathered->offsets[g]);
}

static void
gathered_clear (Gathered *gathered)
{
  g_clear_pointer (&gathered->offsets, g_free);
  g_clear_pointer (&gathered->values, g_free);
}

/* Medians, quantiles and distinct counts, from sorted group values. */
static void
aggregate_sorted (McGroupResult     *result,
                  const Grouping    *grouping,
                  const McAggregate *aggregate,
                  guint              a,
                  gsize              n_rows)
{
  McKeyCodes distinct = { NULL };
  Gathered gathered;
  Reader reader;

  _mc_reader_init (&reader, aggregate->ref, n_rows);
  if (aggregate->kind == MC_AGGREGATE_DISTINCT)
    mc_key_codes_init (&distinct, aggregate->ref, MC_BUCKET_NONE, n_rows);
  gather (&gathered, grouping, &reader, distinct.codes, n_rows);
  for (gsize g = 0; g < grouping->n_groups; g++)
    {
      double *values = gathered.values + gathered.offsets[g];
      gsize n = gathered.offsets[g + 1] - gathered.offsets[g];
      double *out = &result->values[g * result->n_aggregates + a];

      if (aggregate->kind == MC_AGGREGATE_DISTINCT)
        {
          *out = 0;
          for (gsize i = 0; i < n; i++)
            *out += i == 0 || values[i] != values[i - 1];
        }
      else if (n > 0)
        *out = mc_quantile (values, n, aggregate->kind == MC_AGGREGATE_MEDIAN ? 0.5 : aggregate->quantile);
    }
  gathered_clear (&gathered);
  mc_key_codes_clear (&distinct);
  _mc_reader_clear (&reader);
}

/* Counts, sums, means, minima and maxima in one pass. */
static void
aggregate_streaming (McGroupResult     *result,
                     const Grouping    *grouping,
                     const McAggregate *aggregate,
                     guint              a,
                     gsize              n_rows)
{
  gsize n_groups = grouping->n_groups;
  g_autofree McSum *sum = g_new0 (McSum, MAX (n_groups, 1));
  g_autofree double *mean = g_new0 (double, MAX (n_groups, 1));
  g_autofree double *squares = g_new0 (double, MAX (n_groups, 1));
  g_autofree double *extreme = g_new (double, MAX (n_groups, 1));
  g_autofree gsize *count = g_new0 (gsize, MAX (n_groups, 1));
  gboolean is_max = aggregate->kind == MC_AGGREGATE_MAX;
  Reader reader = { NULL };

  if (aggregate->ref.column != NULL || aggregate->ref.join != NULL)
    _mc_reader_init (&reader, aggregate->ref, n_rows);
  for (gsize g = 0; g < n_groups; g++)
    extreme[g] = is_max ? -INFINITY : INFINITY;
  for (gsize r = 0; r < n_rows; r++)
    {
      guint32 g = grouping->group_of_row[r];
      gssize row;
      double value, delta;

      if (g == MC_NO_CODE)
        continue;
      if (reader.column == NULL)
        {
          count[g]++;
          continue;
        }
      if ((row = _mc_reader_row (&reader, r)) < 0 || !mc_column_get_double (reader.column, row, &value))
        {
          count[g] += aggregate->kind == MC_AGGREGATE_COUNT && row >= 0;
          continue;
        }
      count[g]++;
      mc_sum_add (&sum[g], value);
      /* Welford's update: no cancellation between large squares. */
      delta = value - mean[g];
      mean[g] += delta / count[g];
      squares[g] += delta * (value - mean[g]);
      extreme[g] = is_max ? MAX (extreme[g], value) : MIN (extreme[g], value);
    }
  for (gsize g = 0; g < n_groups; g++)
    {
      double *out = &result->values[g * result->n_aggregates + a];

      switch (aggregate->kind)
        {
        case MC_AGGREGATE_COUNT:
          *out = count[g];
          break;
        case MC_AGGREGATE_SUM:
          *out = mc_sum_value (&sum[g]);
          break;
        case MC_AGGREGATE_MEAN:
          *out = count[g] > 0 ? mc_sum_value (&sum[g]) / count[g] : NAN;
          break;
        case MC_AGGREGATE_STDDEV:
          *out = count[g] > 1 ? sqrt (squares[g] / (count[g] - 1)) : NAN;
          break;
        case MC_AGGREGATE_MIN:
        case MC_AGGREGATE_MAX:
        case MC_AGGREGATE_MEDIAN:
        case MC_AGGREGATE_QUANTILE:
        case MC_AGGREGATE_DISTINCT:
        default:
          *out = count[g] > 0 ? extreme[g] : NAN;
          break;
        }
    }
  _mc_reader_clear (&reader);
}

McGroupResult *
mc_group_by (gsize               n_rows,
             const McSelection  *selection,
             const McGroupKey   *keys,
             guint               n_keys,
             const McAggregate  *aggregates,
             guint               n_aggregates,
             GError            **error)
{
  g_autoptr(McGroupResult) result = g_new0 (McGroupResult, 1);
  Grouping grouping = { 0 };

  g_return_val_if_fail (selection == NULL || selection->n_rows == n_rows, NULL);

  result->n_keys = n_keys;
  result->n_aggregates = n_aggregates;
  result->keys = g_new0 (McKeyCodes, MAX (n_keys, 1));
  for (guint k = 0; k < n_keys; k++)
    mc_key_codes_init (&result->keys[k], keys[k].ref, keys[k].bucket, n_rows);
  if (!grouping_init (&grouping, result, n_rows, selection, error))
    return NULL;

  result->values = g_new (double, MAX (grouping.n_groups * n_aggregates, 1));
  for (guint a = 0; a < n_aggregates; a++)
    {
      McAggregateKind kind = aggregates[a].kind;

      if (kind == MC_AGGREGATE_COUNT && aggregates[a].ref.column == NULL && aggregates[a].ref.join == NULL)
        for (gsize g = 0; g < grouping.n_groups; g++)
          result->values[g * n_aggregates + a] = result->rows[g];
      else if (kind == MC_AGGREGATE_MEDIAN || kind == MC_AGGREGATE_QUANTILE || kind == MC_AGGREGATE_DISTINCT)
        aggregate_sorted (result, &grouping, &aggregates[a], a, n_rows);
      else
        aggregate_streaming (result, &grouping, &aggregates[a], a, n_rows);
    }
  g_free (grouping.group_of_row);
  return g_steal_pointer (&result);
}

void
mc_group_result_free (McGroupResult *self)
{
  if (self == NULL)
    return;
  for (guint k = 0; self->keys != NULL && k < self->n_keys; k++)
    mc_key_codes_clear (&self->keys[k]);
  g_free (self->keys);
  g_free (self->codes);
  g_free (self->rows);
  g_free (self->values);
  g_free (self);
}

