/* mc-visit-index.c: what the analysis reads of the visits, worked out once per dataset
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A web shop's visits outnumber its purchases twenty to one, and most of
 * what the figures say of them (visitors, sessions, durations, the
 * funnel's stages) does not depend on which purchases a filter keeps.
 * Hashing a million visitor ids and sorting a million visits on every
 * filter click took seconds; they are done here once per dataset, and
 * each analysis only matches visitors to its buyers.
 */
#define G_LOG_DOMAIN "mc-visit-index"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mc-model.h"
#include "mc-stats.h"
#include "mc-value-parse.h"
#include "mc-visit-index.h"
#include "mc-visit-index-private.h"

static GMutex index_mutex;

static int
compare_u64 (const void *a,
             const void *b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return x < y ? -1 : x > y;
}

/* Below this, a radix sort's passes cost more than they save. */
#define RADIX_MIN 256

void
mc_sort_u64 (guint64 *values,
             gsize    n)
{
  g_autofree guint64 *spare = NULL;
  guint64 *from = values, *to, all_or = 0, all_and = G_MAXUINT64;

  if (n < RADIX_MIN)
    {
      qsort (values, n, sizeof (guint64), compare_u64);
      return;
    }
  spare = g_new (guint64, n);
  to = spare;
  for (gsize i = 0; i < n; i++)
    {
      all_or |= values[i];
      all_and &= values[i];
    }
  /* Byte by byte from the lowest, skipping the bytes all values share. */
  for (guint shift = 0; shift < 64; shift += 8)
    {
      gsize counts[257] = { 0 };
      guint64 *swap;

      if ((((all_or ^ all_and) >> shift) & 0xff) == 0)
        continue;
      for (gsize i = 0; i < n; i++)
        counts[((from[i] >> shift) & 0xff) + 1]++;
      for (guint b = 0; b < 256; b++)
        counts[b + 1] += counts[b];
      for (gsize i = 0; i < n; i++)
        to[counts[(from[i] >> shift) & 0xff]++] = from[i];
      swap = from;
      from = to;
      to = swap;
    }
  if (from != values)
    memcpy (values, from, n * sizeof (guint64));
}

gsize
mc_count_distinct_u64 (guint64 *values,
                       gsize    n,
                       gsize   *repeated)
{
  gsize distinct = 0, more_than_once = 0;

  mc_sort_u64 (values, n);
  for (gsize i = 0; i < n; i++)
    {
      distinct += i == 0 || values[i] != values[i - 1];
      more_than_once += i > 0 && values[i] == values[i - 1] && (i < 2 || values[i - 1] != values[i - 2]);
    }
  if (repeated != NULL)
    *repeated = more_than_once;
  return distinct;
}

static gboolean
is_purchasing_type (const char *type)
{
  g_autofree char *lower = type != NULL ? g_ascii_strdown (type, -1) : NULL;

  return lower != NULL && (strstr (lower, "purchas") || strstr (lower, "checkout") || strstr (lower, "order")
                           || strstr (lower, "buy"));
}

static gboolean
is_purchasing_visit (const McVisitIndex *self,
                     gsize               r)
{
  if (self->order != NULL)
    return !mc_column_is_missing (self->order, r);
  return self->type != NULL && is_purchasing_type (mc_column_get_string (self->type, r));
}

/**
 * mc_visit_index_find_session:
 *
 * A session id is a visit id that is not the table's own key: it
 * repeats over the events of one visit. NULL when TABLE has none.
 */
McColumn *
mc_visit_index_find_session (McTable *table)
{
  for (guint c = 0; c < mc_table_get_n_columns (table); c++)
    if (mc_table_get_column (table, c)->role == MC_ROLE_VISIT_ID && (int) c != mc_table_get_primary_key (table))
      return mc_table_get_column (table, c);
  return NULL;
}

/* Marks CODE in the bitmap SEEN, and in TWICE when it was marked
 * before: distinct codes and those seen more than once, counted without
 * a sort or a copy of the rows' codes. */
static inline void
mark_code (guint64 *seen,
           guint64 *twice,
           guint32  code)
{
  guint64 bit = G_GUINT64_CONSTANT (1) << (code & 63);

  if (twice != NULL && (seen[code >> 6] & bit) != 0)
    twice[code >> 6] |= bit;
  seen[code >> 6] |= bit;
}

static gsize
count_marked (const guint64 *words,
              gsize          n_words)
{
  gsize n = 0;

  for (gsize w = 0; w < n_words; w++)
    n += __builtin_popcountll (words[w]);
  return n;
}

/* mc_visit_minutes() of two datetime columns, read in place: the pass
 * over all visits calls it for every row. */
static inline gboolean
visit_minutes (const McVisitIndex *self,
               gsize               row,
               double             *minutes)
{
  double from, to;

  if (self->start->type != MC_COLUMN_TYPE_DATETIME || self->end->type != MC_COLUMN_TYPE_DATETIME)
    return mc_visit_minutes (self->start, self->end, row, minutes);
  if (mc_column_is_missing (self->start, row) || mc_column_is_missing (self->end, row))
    return FALSE;
  from = (double) self->start->v.i64[row];
  to = (double) self->end->v.i64[row];
  if (to < from)
    return FALSE;
  *minutes = (to - from) / 60e6;
  return TRUE;
}

/* What one group (all visits, or a month's) counts in the pass over
 * the visits, beside its bitmap of visitors. */
typedef struct
{
  guint64 *twice;        /* visitors seen more than once */
  guint64 *sessions;     /* NULL without sessions */
  gsize    n_sessions, purchasing;
  McSum    minutes_sum;
  double  *minutes;      /* its durations, in row order */
  gsize    n_minutes;
} Tally;

/* Whether each visit type is one of purchasing, when no order column
 * says it: once per type, not per visit. */
static guint8 *
purchasing_types (const McVisitIndex *self)
{
  guint8 *purchasing;

  if (self->order != NULL || self->type == NULL || !mc_column_has_codes (self->type) || self->types.labels == NULL)
    return NULL;
  purchasing = g_new0 (guint8, self->types.labels->len + 1);
  for (guint t = 0; t < self->types.labels->len; t++)
    purchasing[t] = is_purchasing_type (g_ptr_array_index (self->types.labels, t));
  return purchasing;
}

static gboolean
visit_is_purchasing (const McVisitIndex *self,
                     const guint8       *purchasing,
                     gsize               r)
{
  if (purchasing == NULL)
    return is_purchasing_visit (self, r);
  return self->types.codes[r] != MC_NO_CODE && purchasing[self->types.codes[r]];
}

/* Counts visit R in GROUP (its visitor code VISITOR, its duration
 * MINUTES when HAS_MINUTES). */
static inline void
tally_visit (McVisitGroupIndex  *group,
             Tally              *tally,
             const McVisitIndex *self,
             gsize               r,
             gboolean            purchasing,
             gboolean            has_minutes,
             double              minutes)
{
  if (self->visitors.codes[r] != MC_NO_CODE)
    mark_code (group->has_visitor, tally->twice, self->visitors.codes[r]);
  if (tally->sessions != NULL && self->sessions.codes[r] != MC_NO_CODE)
    {
      mark_code (tally->sessions, NULL, self->sessions.codes[r]);
      tally->n_sessions++;
    }
  tally->purchasing += purchasing;
  if (has_minutes)
    {
      mc_sum_add (&tally->minutes_sum, minutes);
      tally->minutes[tally->n_minutes++] = minutes;
    }
}

/* GROUP's figures from its tally; the median reorders its minutes. */
static void
group_finish (McVisitGroupIndex *group,
              Tally             *tally,
              gsize              visits,
              gsize              visitor_words,
              gsize              session_words)
{
  McVisitMetrics *m = &group->figures;

  memset (m, 0, sizeof *m);
  m->visits = visits;
  m->visitors = count_marked (group->has_visitor, visitor_words);
  group->visitors = g_new (guint32, MAX (m->visitors, 1));
  for (gsize w = 0; w < visitor_words; w++)
    for (guint64 bits = group->has_visitor[w]; bits != 0; bits &= bits - 1)
      group->visitors[group->n_visitors++] = (guint32) (w * 64 + __builtin_ctzll (bits));
  m->has_sessions = tally->sessions != NULL;
  /* Conversion depends on the purchases: the analysis works it out. */
  mc_visit_metrics_finish (m, tally->purchasing, count_marked (tally->twice, visitor_words), 0, tally->n_sessions,
                           tally->sessions != NULL ? count_marked (tally->sessions, session_words) : 0);
  m->mean_minutes = m->median_minutes = NAN;
  if (tally->n_minutes == 0)
    return;
  m->mean_minutes = mc_sum_value (&tally->minutes_sum) / tally->n_minutes;
  /* A selection, not a sort: every month's visits have their median. */
  m->median_minutes = mc_median_in_place (tally->minutes, tally->n_minutes);
}

static void
group_clear (gpointer data)
{
  McVisitGroupIndex *group = data;

  g_clear_pointer (&group->key, g_free);
  g_clear_pointer (&group->visitors, g_free);
  g_clear_pointer (&group->has_visitor, g_free);
}

/* The months of the visits' starts, each with its key and month. */
static void
months_init (McVisitIndex     *self,
             const McKeyCodes *months,
             gsize            *month_rows)
{
  guint n_months = months->labels->len;
  g_autofree gsize *first = g_new (gsize, n_months + 1);

  for (guint g = 0; g <= n_months; g++)
    first[g] = G_MAXSIZE;
  for (gsize r = self->n_rows; r-- > 0;)
    {
      guint g = months->codes[r] != MC_NO_CODE ? months->codes[r] : n_months;

      first[g] = r;
      month_rows[g]++;
    }
  self->months = g_array_new (FALSE, TRUE, sizeof (McVisitGroupIndex));
  g_array_set_clear_func (self->months, group_clear);
  g_array_set_size (self->months, n_months);
  for (guint g = 0; g < n_months; g++)
    {
      McVisitGroupIndex *group = &g_array_index (self->months, McVisitGroupIndex, g);

      group->key = g_strdup (g_ptr_array_index (months->labels, g));
      group->month = mc_time_bucket_of_day (MC_BUCKET_MONTH, mc_column_get_day (self->start, first[g]));
    }
}

/* Words of a bitmap of the session codes, which are dense from 0. */
static gsize
session_code_words (const McVisitIndex *self)
{
  guint32 top = 0;

  for (gsize r = 0; self->sessions.codes != NULL && r < self->n_rows; r++)
    if (self->sessions.codes[r] != MC_NO_CODE)
      top = MAX (top, self->sessions.codes[r]);
  return top / 64 + 1;
}

static void
tally_init (Tally  *tally,
            gsize   visitor_words,
            gsize   session_words,
            gboolean has_sessions,
            double  *minutes)
{
  *tally = (Tally) { g_new0 (guint64, visitor_words), has_sessions ? g_new0 (guint64, session_words) : NULL };
  tally->minutes = minutes;
}

static void
tally_clear (Tally *tally)
{
  g_clear_pointer (&tally->twice, g_free);
  g_clear_pointer (&tally->sessions, g_free);
}

/* The figures of all visits and of each month's, in one pass over the
 * visits in row order: each visit counted in both, its duration worked
 * out once. Sums add in row order, each month's as its rows come, so
 * the figures are those of a pass per group. Each month's durations go
 * to its own part of one array, those of rows of no month (no start)
 * to the last part; packed together after the months' medians (which
 * only reorder each part), they are all the durations, for the median
 * of all visits. */
static void
index_groups (McVisitIndex *self,
              GCancellable *cancellable)
{
  McKeyCodes months;
  guint n_months;
  gsize visitor_words = self->visitors.labels->len / 64 + 1, session_words = session_code_words (self), at = 0;
  gboolean has_sessions = self->sessions.codes != NULL;
  g_autofree gsize *month_rows = NULL;
  g_autofree Tally *tallies = NULL;
  g_autofree double *minutes = NULL;
  g_autofree guint8 *purchasing = purchasing_types (self);
  Tally all, *no_month;

  mc_key_codes_init (&months, (McColumnRef) { self->start, NULL }, MC_BUCKET_MONTH, self->n_rows);
  /* After the months' codes, which need as much while they are made. */
  minutes = self->end != NULL ? g_new (double, MAX (self->n_rows, 1)) : NULL;
  n_months = months.labels->len;
  month_rows = g_new0 (gsize, n_months + 1);
  months_init (self, &months, month_rows);
  tallies = g_new0 (Tally, n_months + 1);
  for (guint g = 0; g <= n_months; g++)
    {
      tally_init (&tallies[g], visitor_words, session_words, has_sessions && g < n_months,
                  minutes != NULL ? minutes + at : NULL);
      if (g < n_months)
        g_array_index (self->months, McVisitGroupIndex, g).has_visitor = g_new0 (guint64, visitor_words);
      at += month_rows[g];
    }
  no_month = &tallies[n_months];
  tally_init (&all, visitor_words, session_words, has_sessions, NULL);
  self->all.month = G_MININT32;
  self->all.has_visitor = g_new0 (guint64, visitor_words);

  for (gsize r = 0; r < self->n_rows && !g_cancellable_is_cancelled (cancellable); r++)
    {
      guint g = months.codes[r];
      gboolean is_purchasing = visit_is_purchasing (self, purchasing, r);
      double duration = 0;
      gboolean timed = minutes != NULL && visit_minutes (self, r, &duration);

      if (g != MC_NO_CODE)
        tally_visit (&g_array_index (self->months, McVisitGroupIndex, g), &tallies[g], self, r,
                     is_purchasing, timed, duration);
      else if (timed)
        no_month->minutes[no_month->n_minutes++] = duration;
      tally_visit (&self->all, &all, self, r, is_purchasing, FALSE, 0);
      if (timed)
        {
          mc_sum_add (&all.minutes_sum, duration);
          all.n_minutes++;
        }
    }

  for (guint g = 0; g < n_months; g++)
    group_finish (&g_array_index (self->months, McVisitGroupIndex, g), &tallies[g], month_rows[g],
                  visitor_words, session_words);
  at = 0;
  for (guint g = 0; minutes != NULL && g <= n_months; g++)
    {
      memmove (minutes + at, tallies[g].minutes, tallies[g].n_minutes * sizeof (double));
      at += tallies[g].n_minutes;
    }
  g_assert (at == all.n_minutes);
  all.minutes = minutes;
  group_finish (&self->all, &all, self->n_rows, visitor_words, session_words);

  for (guint g = 0; g <= n_months; g++)
    tally_clear (&tallies[g]);
  tally_clear (&all);
  mc_key_codes_clear (&months);
}

static void
index_hours (McVisitIndex *self)
{
  self->has_hours = self->start->type == MC_COLUMN_TYPE_DATETIME;
  for (gsize r = 0; self->has_hours && r < self->n_rows; r++)
    if (!mc_column_is_missing (self->start, r))
      {
        gint64 micros = self->start->v.i64[r];
        gint64 day = micros >= 0 ? micros / MC_MICROS_PER_DAY : -((-micros + MC_MICROS_PER_DAY - 1) / MC_MICROS_PER_DAY);
        int hour = (int) ((micros - day * MC_MICROS_PER_DAY) / G_GINT64_CONSTANT (3600000000));

        self->by_weekday_hour[mc_time_bucket_of_day (MC_BUCKET_WEEKDAY, (gint32) day)][hour]++;
      }
}

/* Visitors and customers of the same id, both ways. */
typedef struct
{
  GPtrArray *labels;
  guint32   *visitor_of;     /* per customer code */
  guint32   *customer_of;    /* per visitor code */
} Match;

static void
match_free (Match *match)
{
  g_ptr_array_unref (match->labels);
  g_free (match->visitor_of);
  g_free (match->customer_of);
  g_free (match);
}

static Match *
match_new (const McVisitIndex *self,
           GPtrArray          *labels)
{
  Match *match = g_new0 (Match, 1);
  g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *visitors = self->visitors.labels;

  match->labels = g_ptr_array_ref (labels);
  match->visitor_of = g_new (guint32, MAX (labels->len, 1));
  for (guint c = 0; c < labels->len; c++)
    {
      g_hash_table_insert (codes, g_ptr_array_index (labels, c), GUINT_TO_POINTER (c + 1));
      match->visitor_of[c] = MC_NO_CODE;
    }
  match->customer_of = g_new (guint32, MAX (visitors->len, 1));
  for (guint v = 0; v < visitors->len; v++)
    {
      guint32 c = GPOINTER_TO_UINT (g_hash_table_lookup (codes, g_ptr_array_index (visitors, v))) - 1;

      match->customer_of[v] = c;
      if (c != MC_NO_CODE)
        match->visitor_of[c] = v;
    }
  return match;
}

static const Match *
get_match (const McVisitIndex *index,
           GPtrArray          *labels)
{
  McVisitIndex *self = (McVisitIndex *) index;
  Match *match;

  g_mutex_lock (&self->matches_mutex);
  match = g_hash_table_lookup (self->matches, labels);
  if (match == NULL)
    {
      match = match_new (self, labels);
      g_hash_table_insert (self->matches, labels, match);
    }
  g_mutex_unlock (&self->matches_mutex);
  return match;
}

const guint32 *
mc_visit_index_visitors_of_customers (const McVisitIndex *index,
                                      GPtrArray          *labels)
{
  return get_match (index, labels)->visitor_of;
}

const guint32 *
mc_visit_index_customers_of_visitors (const McVisitIndex *index,
                                      GPtrArray          *labels)
{
  return get_match (index, labels)->customer_of;
}

int
mc_visit_index_find_month (const McVisitIndex *index,
                           gint32              month)
{
  guint lo = 0, hi = index->months->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      gint32 at = g_array_index (index->months, McVisitGroupIndex, mid).month;

      if (at == month)
        return mid;
      if (at < month)
        lo = mid + 1;
      else
        hi = mid;
    }
  return -1;
}

static void
index_free (McVisitIndex *self)
{
  g_clear_pointer (&self->matches, g_hash_table_unref);
  g_mutex_clear (&self->matches_mutex);
  mc_key_codes_clear (&self->visitors);
  mc_key_codes_clear (&self->sessions);
  mc_key_codes_clear (&self->types);
  group_clear (&self->all);
  g_clear_pointer (&self->months, g_array_unref);
  g_free (self->first_visit);
  g_free (self->type_visitors);
  g_free (self->type_days);
  g_free (self->journey_offsets);
  g_free (self->journey_starts);
  g_free (self->journey_types);
  g_free (self);
}

/* What each half of the index's work is given. */
typedef void (*IndexPart) (McVisitIndex *self,
                           GCancellable *cancellable);

typedef struct
{
  McVisitIndex *self;
  GCancellable *cancellable;
  IndexPart     part;
} Beside;

static gpointer
beside_thread (gpointer data)
{
  Beside *beside = data;

  beside->part (beside->self, beside->cancellable);
  return NULL;
}

/* Runs BESIDE on a thread of its own while HERE runs on this one. */
static void
in_two_threads (McVisitIndex *self,
                GCancellable *cancellable,
                IndexPart     beside,
                IndexPart     here)
{
  Beside data = { self, cancellable, beside };
  GThread *thread = g_thread_new ("mc-visit-index", beside_thread, &data);

  here (self, cancellable);
  g_thread_join (thread);
}

/* The keys but the visitors': sessions and types, and the hours. */
static void
index_keys (McVisitIndex *self,
            GCancellable *cancellable)
{
  McColumn *session = mc_visit_index_find_session (self->table);

  index_hours (self);
  if (session != NULL && !g_cancellable_is_cancelled (cancellable))
    mc_key_codes_init_unlabelled (&self->sessions, (McColumnRef) { session, NULL }, self->n_rows);
  if (self->type != NULL && !g_cancellable_is_cancelled (cancellable))
    mc_key_codes_init (&self->types, (McColumnRef) { self->type, NULL }, MC_BUCKET_NONE, self->n_rows);
}

static void
index_visitors (McVisitIndex *self,
                GCancellable *cancellable)
{
  mc_key_codes_init (&self->visitors, (McColumnRef) { self->customer, NULL }, MC_BUCKET_NONE, self->n_rows);
}

static void
index_journeys (McVisitIndex *self,
                GCancellable *cancellable)
{
  _mc_visit_index_journeys (self);
  if (!g_cancellable_is_cancelled (cancellable))
    _mc_visit_index_journey_visits (self);
}

/* NULL, with nothing kept, when CANCELLABLE is cancelled between its
 * passes over the visits. */
static McVisitIndex *
index_new (McTable      *table,
           McColumn     *start,
           GCancellable *cancellable)
{
  McVisitIndex *self = g_new0 (McVisitIndex, 1);

  self->table = table;
  g_mutex_init (&self->matches_mutex);
  self->matches = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, (GDestroyNotify) match_free);
  self->n_rows = mc_table_get_n_rows (table);
  self->start = start;
  self->end = mc_table_find_role (table, MC_ROLE_VISIT_END);
  self->order = mc_table_find_role (table, MC_ROLE_ORDER_ID);
  self->type = mc_table_find_role (table, MC_ROLE_EVENT_TYPE);
  self->customer = mc_table_find_role (table, MC_ROLE_CUSTOMER_ID);
  if (self->customer == NULL)
    {
      index_hours (self);
      return self;
    }
  /* On two cores: the visitors' codes beside the other keys, then the
   * figures beside the journeys, which write apart. */
  in_two_threads (self, cancellable, index_keys, index_visitors);
  if (!g_cancellable_is_cancelled (cancellable))
    in_two_threads (self, cancellable, index_journeys, index_groups);
  if (g_cancellable_is_cancelled (cancellable))
    g_clear_pointer (&self, index_free);
  return self;
}

const McVisitIndex *
mc_visit_index_for_dataset (McDataset *dataset)
{
  return mc_visit_index_for_dataset_full (dataset, NULL, NULL);
}

const McVisitIndex *
mc_visit_index_for_dataset_full (McDataset     *dataset,
                                 GCancellable  *cancellable,
                                 gboolean      *cancelled)
{
  McVisitIndex *index;
  McColumn *start = NULL;
  McTable *table;
  g_autofree char *key = NULL;

  g_return_val_if_fail (MC_IS_DATASET (dataset), NULL);

  if (cancelled != NULL)
    *cancelled = FALSE;
  if ((table = mc_model_find_visits (dataset, &start)) == NULL)
    return NULL;
  /* One per start column: a model may take another one. */
  key = g_strdup_printf ("mc-visit-index-%s", start->name);
  /* Kept with the visits table it reads, which a filtered dataset's
   * analysis shares with the whole's. */
  g_mutex_lock (&index_mutex);
  index = g_object_get_data (G_OBJECT (table), key);
  if (index == NULL && (index = index_new (table, start, cancellable)) != NULL)
    g_object_set_data_full (G_OBJECT (table), key, index, (GDestroyNotify) index_free);
  if (cancelled != NULL)
    *cancelled = index == NULL;
  g_mutex_unlock (&index_mutex);
  return index;
}

/**
 * mc_visit_minutes:
 *
 * The duration of the visit in ROW, from START to END; FALSE when either
 * is missing or the visit ends before it starts.
 */
gboolean
mc_visit_minutes (McColumn *start,
                  McColumn *end,
                  gsize     row,
                  double   *minutes)
{
  double from, to;

  if (!mc_column_get_double (start, row, &from) || !mc_column_get_double (end, row, &to) || to < from)
    return FALSE;
  *minutes = start->type == MC_COLUMN_TYPE_DATE ? (to - from) * 1440.0 : (to - from) / 60e6;
  return TRUE;
}
