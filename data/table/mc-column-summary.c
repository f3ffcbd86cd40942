/* mc-column-summary.c: distinct counts, minima and maxima of columns
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Above the column store: a UUID column's distinct values are counted by
 * a key set (mc-key-set.c), which is itself built on columns.
 */
#define G_LOG_DOMAIN "mc-column"

#include "config.h"

#include <string.h>

#include "mc-buffer.h"
#include "mc-column.h"
#include "mc-key-set.h"

/* The value of ROW as 64 bits that are equal exactly when the values are
 * (doubles by their bits, with -0.0 made 0.0). */
static gint64
value_bits (const McColumn *self,
            gsize           row)
{
  gint64 bits;
  double d;

  switch (self->type)
    {
    case MC_COLUMN_TYPE_NUMBER:
      d = self->v.f64[row] == 0.0 ? 0.0 : self->v.f64[row];
      memcpy (&bits, &d, sizeof bits);
      return bits;
    case MC_COLUMN_TYPE_DATE:
      return self->v.days[row];
    case MC_COLUMN_TYPE_BOOLEAN:
      return self->v.bools[row];
    default:
      return self->v.i64[row];
    }
}

/* The distinct values of a 64-bit column (numbers, times, dates) are
 * counted in a set of the values' bits (open addressing, doubling when
 * two thirds full, zero marking a free slot and a zero value remembered
 * aside): linear, where sorting a copy was not. A column of more than
 * SPLIT_ABOVE values is counted in two passes, each keeping the values
 * of one half of the hash range, so that the set takes less memory than
 * the column itself even when describe counts two columns at once. */
#define SPLIT_ABOVE (64 * 1024)
#define SAMPLE      1024

typedef struct
{
  gint64  *slots;
  gsize    mask;
  gsize    size;
} BitsSet;

/* Puts BITS (not zero) in SET; TRUE when it was not there. */
static gboolean
bits_set_add (BitsSet *set,
              gint64   bits,
              guint64  hash)
{
  gsize i;

  for (i = hash & set->mask; set->slots[i] != 0; i = (i + 1) & set->mask)
    if (set->slots[i] == bits)
      return FALSE;
  set->slots[i] = bits;
  return TRUE;
}

static void
bits_set_resize (BitsSet *set,
                 gsize    capacity)
{
  gint64 *old = set->slots;
  gsize old_capacity = set->slots != NULL ? set->mask + 1 : 0;

  set->slots = mc_buffer_alloc (capacity * sizeof (gint64));
  set->mask = capacity - 1;
  for (gsize i = 0; i < old_capacity; i++)
    if (old[i] != 0)
      bits_set_add (set, old[i], mc_hash_mix (old[i]));
  mc_buffer_free (old);
}

/* Counts the distinct values other than zero whose hash has HALF as its
 * top bit (any hash when HALF is -1). Values are hashed BITS_BATCH at a
 * time and their slots fetched before any is looked at, so that the
 * misses of a set larger than the caches overlap. */
#define BITS_BATCH 16

static gsize
count_distinct_bits_in (const McColumn *self,
                        int             half,
                        gsize           expected,
                        BitsSet        *reused)
{
  BitsSet set = *reused;
  gint64 batch[BITS_BATCH];
  guint64 hashes[BITS_BATCH];
  gsize seen = 0;
  guint n = 0;

  /* The other half's table is cleared rather than unmapped: mapping as
   * much memory afresh costs more than clearing it, several times more
   * on a virtual machine once the set outgrows the memory used lately. */
  set.size = 0;
  if (set.slots == NULL)
    bits_set_resize (&set, _mc_hash_capacity_for (0));
  else
    memset (set.slots, 0, (set.mask + 1) * sizeof (gint64));
  for (gsize r = 0; r <= self->n_rows; r++)
    {
      gint64 bits;

      if (r < self->n_rows && !mc_column_is_missing (self, r) && (bits = value_bits (self, r)) != 0)
        {
          guint64 hash = mc_hash_mix (bits);

          if (half < 0 || (int) (hash >> 63) == half)
            {
              batch[n] = bits;
              hashes[n] = hash;
              __builtin_prefetch (&set.slots[hash & set.mask]);
              n++;
            }
        }
      if (n < BITS_BATCH && r < self->n_rows)
        continue;
      for (guint i = 0; i < n; i++)
        {
          if (bits_set_add (&set, batch[i], hashes[i]) && ++set.size * 3 > (set.mask + 1) * 2)
            bits_set_resize (&set, (set.mask + 1) * 2);
          /* Mostly distinct so far, as times are: make room for all at once. */
          if (++seen == SAMPLE && set.size >= SAMPLE * 9 / 10)
            bits_set_resize (&set, MAX (set.mask + 1, _mc_hash_capacity_for (expected)));
        }
      n = 0;
    }
  *reused = set;
  return set.size;
}

static gsize
count_distinct_bits (const McColumn *self)
{
  gsize present = self->n_rows - self->n_missing;
  gboolean has_zero = FALSE;
  BitsSet set = { NULL, 0, 0 };
  gsize distinct;

  for (gsize r = 0; r < self->n_rows && !has_zero; r++)
    has_zero = !mc_column_is_missing (self, r) && value_bits (self, r) == 0;
  if (present <= SPLIT_ABOVE)
    distinct = count_distinct_bits_in (self, -1, present, &set);
  else
    distinct = count_distinct_bits_in (self, 0, present / 2, &set) + count_distinct_bits_in (self, 1, present / 2, &set);
  mc_buffer_free (set.slots);
  return distinct + (has_zero ? 1 : 0);
}

static gsize
count_distinct_codes (const McColumn *self)
{
  g_autofree guint8 *used = g_malloc0 (MAX (self->dict->len, 1));
  gsize distinct = 0;

  for (gsize r = 0; r < self->n_rows; r++)
    if (!mc_column_is_missing (self, r) && !used[self->v.codes[r]])
      {
        used[self->v.codes[r]] = 1;
        distinct++;
      }
  return distinct;
}


gsize
mc_column_count_distinct (const McColumn *self)
{
  g_return_val_if_fail (self != NULL, 0);

  if (mc_column_has_codes (self))
    return count_distinct_codes (self);
  if (self->is_uuid)
    {
      if (self->distinct_plus_one == 0)
        mc_key_set_free (mc_key_set_new ((McColumn *) self));
      return self->distinct_plus_one - 1;
    }
  return count_distinct_bits (self);
}

typedef struct
{
  McColumn        **columns;
  guint            *order;
  guint             n_columns;
  McColumnSummary  *summaries;
  gint              next;
} SummaryJob;

static gpointer
summarize_worker (gpointer data)
{
  SummaryJob *job = data;
  guint i;

  while ((i = (guint) g_atomic_int_add (&job->next, 1)) < job->n_columns)
    {
      McColumn *column = job->columns[job->order[i]];
      McColumnSummary *summary = &job->summaries[job->order[i]];

      summary->distinct = mc_column_count_distinct (column);
      summary->min = mc_column_format_min (column);
      summary->max = mc_column_format_max (column);
    }
  return NULL;
}

static int
compare_rows_descending (gconstpointer a,
                         gconstpointer b,
                         gpointer      columns)
{
  gsize x = ((McColumn **) columns)[*(const guint *) a]->n_rows;
  gsize y = ((McColumn **) columns)[*(const guint *) b]->n_rows;

  return (x < y) - (x > y);
}

/**
 * mc_columns_summarize:
 *
 * Fills SUMMARIES[i] with the distinct count, minimum and maximum of
 * COLUMNS[i] (as mc_column_count_distinct(), mc_column_format_min() and
 * mc_column_format_max() give them), one column per core at a time,
 * longest columns first so that no core is left with a long one at the
 * end. The columns must not change meanwhile; clear each summary with
 * mc_column_summary_clear().
 */
void
mc_columns_summarize (McColumn        **columns,
                      guint             n_columns,
                      McColumnSummary  *summaries)
{
  g_autofree guint *order = g_new (guint, MAX (n_columns, 1));
  SummaryJob job = { columns, order, n_columns, summaries, 0 };
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  guint n_threads = MIN ((guint) g_get_num_processors (), n_columns);

  g_return_if_fail (columns != NULL || n_columns == 0);

  for (guint c = 0; c < n_columns; c++)
    order[c] = c;
  g_qsort_with_data (order, n_columns, sizeof (guint), compare_rows_descending, columns);
  for (guint t = 1; t < n_threads; t++)
    g_ptr_array_add (threads, g_thread_new ("mc-summary", summarize_worker, &job));
  summarize_worker (&job);
  for (guint t = 0; t < threads->len; t++)
    g_thread_join (g_ptr_array_index (threads, t));
}

void
mc_column_summary_clear (McColumnSummary *summary)
{
  g_clear_pointer (&summary->min, g_free);
  g_clear_pointer (&summary->max, g_free);
}

