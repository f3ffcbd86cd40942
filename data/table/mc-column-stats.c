/* mc-column-stats.c: what describe and the analyses ask of a whole
 * column: its distinct values (on all cores), summaries, sorted values,
 * quantiles, the median and its extremes
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-column"

#include "config.h"

#include <math.h>
#include <stdlib.h>
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
                        gsize           expected)
{
  BitsSet set = { NULL, 0, 0 };
  gint64 batch[BITS_BATCH];
  guint64 hashes[BITS_BATCH];
  gsize seen = 0;
  guint n = 0;

  bits_set_resize (&set, _mc_hash_capacity_for (0));
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
  mc_buffer_free (set.slots);
  return set.size;
}

static gsize
count_distinct_bits (const McColumn *self)
{
  gsize present = self->n_rows - self->n_missing;
  gboolean has_zero = FALSE;
  gsize distinct;

  for (gsize r = 0; r < self->n_rows && !has_zero; r++)
    has_zero = !mc_column_is_missing (self, r) && value_bits (self, r) == 0;
  if (present <= SPLIT_ABOVE)
    distinct = count_distinct_bits_in (self, -1, present);
  else
    distinct = count_distinct_bits_in (self, 0, present / 2) + count_distinct_bits_in (self, 1, present / 2);
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

/* Records the number of distinct values of a UUID column, counted by a
 * key set over all its rows, so that describing the column after
 * inferring keys does not hash it again. */
void
_mc_column_set_distinct (McColumn *self,
                         gsize     distinct)
{
  g_assert (self->is_uuid);

  self->distinct_plus_one = distinct + 1;
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

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

void
mc_sort_doubles (double *values,
                 gsize   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
}

/* The Q quantile of sorted VALUES with linear interpolation (pandas'
 * and numpy's default). */
double
mc_quantile (const double *values,
             gsize         n,
             double        q)
{
  double position = q * (n - 1);
  gsize below = (gsize) floor (position);
  gsize above = MIN (below + 1, n - 1);

  g_return_val_if_fail (n > 0, NAN);

  return values[below] + (values[above] - values[below]) * (position - below);
}

/* Reorders VALUES so that VALUES[NTH] is the value a sort would put
 * there, the smaller ones before it and the larger ones after (Hoare's
 * selection, median of three pivots): linear, where a sort is not. */
static void
select_nth (double *values,
            gsize   n,
            gsize   nth)
{
  gssize low = 0, high = (gssize) n - 1, target = (gssize) nth;

  while (low < high)
    {
      gssize i = low, j = high, mid = low + (high - low) / 2;
      double a = values[low], b = values[mid], c = values[high];
      double pivot = a < b ? (b < c ? b : MAX (a, c)) : (a < c ? a : MAX (b, c));

      /* Afterwards [low, j] holds values <= pivot, [i, high] values >=
       * pivot, and anything between them equals the pivot. */
      while (i <= j)
        {
          while (values[i] < pivot)
            i++;
          while (values[j] > pivot)
            j--;
          if (i <= j)
            {
              double swap = values[i];

              values[i++] = values[j];
              values[j--] = swap;
            }
        }
      if (target <= j)
        high = j;
      else if (target >= i)
        low = i;
      else
        return;
    }
}

/* The median of VALUES (no NAN), as mc_quantile() of them sorted would
 * give, reordering them instead of sorting. */
double
mc_median_in_place (double *values,
                    gsize   n)
{
  gsize below = (n - 1) / 2, above = MIN (below + 1, n - 1);
  double next = INFINITY;

  g_return_val_if_fail (n > 0, NAN);

  select_nth (values, n, below);
  for (gsize i = below + 1; i < n; i++)
    next = MIN (next, values[i]);
  if (above == below)
    next = values[below];
  return values[below] + (next - values[below]) * (0.5 * (n - 1) - below);
}

/* The column's non-missing values as doubles, sorted; N receives how
 * many. */
double *
mc_column_sorted_values (const McColumn *self,
                         gsize          *n)
{
  double *values;

  g_return_val_if_fail (self != NULL, NULL);

  values = g_new (double, MAX (self->n_rows, 1));
  *n = 0;
  for (gsize r = 0; r < self->n_rows; r++)
    if (mc_column_get_double (self, r, &values[*n]))
      (*n)++;
  mc_sort_doubles (values, *n);
  return values;
}

/* Orders strings of digits by value ("9999" before "10000") and other
 * strings bytewise. */
int
mc_compare_text (const char *a,
                 const char *b)
{
  gsize la = strlen (a), lb = strlen (b);

  if (la != lb && la > 0 && lb > 0
      && strspn (a, "0123456789") == la && strspn (b, "0123456789") == lb)
    return la < lb ? -1 : 1;
  return strcmp (a, b);
}

/* The extreme text of a dictionary-coded column, compared once per code
 * used rather than once per row: equal texts print the same, so which of
 * their rows is returned does not matter. */
static gssize
find_extreme_code_row (const McColumn *self,
                       int             sign)
{
  g_autofree gssize *first_row = g_new (gssize, MAX (self->dict->len, 1));
  gssize best = -1;

  for (guint code = 0; code < self->dict->len; code++)
    first_row[code] = -1;
  for (gsize r = self->n_rows; r-- > 0;)
    if (!mc_column_is_missing (self, r))
      first_row[self->v.codes[r]] = r;
  for (guint code = 0; code < self->dict->len; code++)
    if (first_row[code] >= 0
        && (best < 0 || sign * mc_compare_text (g_ptr_array_index (self->dict, code),
                                                mc_column_get_string (self, best)) < 0))
      best = first_row[code];
  return best;
}

/* Whether ROW's value comes before BEST's (SIGN 1) or after (SIGN -1);
 * numbers compare as doubles, counts and times as integers. */
static inline gboolean
is_beyond (const McColumn *self,
           gsize           row,
           gsize           best,
           int             sign)
{
  int cmp;

  if (self->is_uuid)
    cmp = memcmp (self->v.uuids + row * 16, self->v.uuids + best * 16, 16);
  else if (self->type == MC_COLUMN_TYPE_INTEGER || self->type == MC_COLUMN_TYPE_DATETIME)
    cmp = (self->v.i64[row] > self->v.i64[best]) - (self->v.i64[row] < self->v.i64[best]);
  else
    {
      double a = 0, b = 0;

      mc_column_get_double (self, row, &a);
      mc_column_get_double (self, best, &b);
      cmp = (a > b) - (a < b);
    }
  return cmp * sign < 0;
}

/* Finds the row holding the smallest (SIGN 1) or largest (SIGN -1) value,
 * the first of equal ones; strings compare in UTF-8 collation-free byte
 * order, which is what a stable, locale-independent JSON output needs. */
static gssize
find_extreme_row (const McColumn *self,
                  int             sign)
{
  gssize best = -1;

  if (mc_column_has_codes (self))
    return find_extreme_code_row (self, sign);
  for (gsize r = 0; r < self->n_rows; r++)
    if (!mc_column_is_missing (self, r) && (best < 0 || is_beyond (self, r, best, sign)))
      best = r;
  return best;
}

char *
mc_column_format_min (const McColumn *self)
{
  gssize row;

  g_return_val_if_fail (self != NULL, NULL);

  row = find_extreme_row (self, 1);
  return row < 0 ? NULL : mc_column_format_value (self, row);
}

char *
mc_column_format_max (const McColumn *self)
{
  gssize row;

  g_return_val_if_fail (self != NULL, NULL);

  row = find_extreme_row (self, -1);
  return row < 0 ? NULL : mc_column_format_value (self, row);
}
