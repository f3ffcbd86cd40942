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

gsize *
mc_key_codes_group_rows (const McKeyCodes *key,
                         gsize             n_rows,
                         gsize            *rows)
{
  gsize *offsets = g_new0 (gsize, key->labels->len + 1);
  g_autofree gsize *fill = NULL;

  for (gsize r = 0; r < n_rows; r++)
    if (key->codes[r] != MC_NO_CODE)
      offsets[key->codes[r] + 1]++;
  for (guint g = 0; g < key->labels->len; g++)
    offsets[g + 1] += offsets[g];
  fill = g_memdup2 (offsets, (key->labels->len + 1) * sizeof (gsize));
  for (gsize r = 0; r < n_rows; r++)
    if (key->codes[r] != MC_NO_CODE)
      rows[fill[key->codes[r]]++] = r;
  return offsets;
}

static gint64
micros_of (const McColumn *time,
           gsize           row)
{
  return time->type == MC_COLUMN_TYPE_DATE ? time->v.days[row] * MC_MICROS_PER_DAY : time->v.i64[row];
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

static void
summarise_minutes (McVisitMetrics *m,
                   double         *minutes,
                   gsize           n)
{
  McSum sum = { 0 };

  m->mean_minutes = m->median_minutes = NAN;
  if (n == 0)
    return;
  for (gsize i = 0; i < n; i++)
    mc_sum_add (&sum, minutes[i]);
  m->mean_minutes = mc_sum_value (&sum) / n;
  /* A selection, not a sort: every month's visits have their median. */
  m->median_minutes = mc_median_in_place (minutes, n);
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

/* The figures of the N visits at ROWS but conversion, and their
 * distinct visitors. */
static void
group_init (McVisitGroupIndex  *group,
            const McVisitIndex *self,
            const gsize        *rows,
            gsize               n)
{
  McVisitMetrics *m = &group->figures;
  gsize visitor_words = self->visitors.labels->len / 64 + 1, session_words = self->n_rows / 64 + 1;
  g_autofree guint64 *twice = g_new0 (guint64, visitor_words);
  g_autofree guint64 *sessions = self->sessions.codes != NULL ? g_new0 (guint64, session_words) : NULL;
  g_autofree double *minutes = self->end != NULL ? g_new (double, MAX (n, 1)) : NULL;
  gsize n_sessions = 0, purchasing = 0, n_minutes = 0;

  memset (m, 0, sizeof *m);
  m->visits = n;
  group->has_visitor = g_new0 (guint64, visitor_words);
  for (gsize i = 0; i < n; i++)
    {
      gsize r = rows[i];
      double duration;

      if (self->visitors.codes[r] != MC_NO_CODE)
        mark_code (group->has_visitor, twice, self->visitors.codes[r]);
      if (sessions != NULL && self->sessions.codes[r] != MC_NO_CODE)
        {
          mark_code (sessions, NULL, self->sessions.codes[r]);
          n_sessions++;
        }
      purchasing += is_purchasing_visit (self, r);
      if (self->end != NULL && mc_visit_minutes (self->start, self->end, r, &duration))
        minutes[n_minutes++] = duration;
    }
  m->visitors = count_marked (group->has_visitor, visitor_words);
  group->visitors = g_new (guint32, MAX (m->visitors, 1));
  for (gsize w = 0; w < visitor_words; w++)
    for (guint64 bits = group->has_visitor[w]; bits != 0; bits &= bits - 1)
      group->visitors[group->n_visitors++] = (guint32) (w * 64 + __builtin_ctzll (bits));
  m->has_sessions = sessions != NULL;
  /* Conversion depends on the purchases: the analysis works it out. */
  mc_visit_metrics_finish (m, purchasing, count_marked (twice, visitor_words), 0, n_sessions,
                           sessions != NULL ? count_marked (sessions, session_words) : 0);
  summarise_minutes (m, minutes, n_minutes);
}

static void
group_clear (gpointer data)
{
  McVisitGroupIndex *group = data;

  g_clear_pointer (&group->key, g_free);
  g_clear_pointer (&group->visitors, g_free);
  g_clear_pointer (&group->has_visitor, g_free);
}

static void
index_months (McVisitIndex *self,
              GCancellable *cancellable)
{
  McKeyCodes months;
  g_autofree gsize *rows = g_new (gsize, MAX (self->n_rows, 1));
  g_autofree gsize *offsets = NULL;

  mc_key_codes_init (&months, (McColumnRef) { self->start, NULL }, MC_BUCKET_MONTH, self->n_rows);
  offsets = mc_key_codes_group_rows (&months, self->n_rows, rows);
  self->months = g_array_new (FALSE, TRUE, sizeof (McVisitGroupIndex));
  g_array_set_clear_func (self->months, group_clear);
  g_array_set_size (self->months, months.labels->len);
  for (guint g = 0; g < months.labels->len; g++)
    {
      McVisitGroupIndex *group = &g_array_index (self->months, McVisitGroupIndex, g);
      gsize first = offsets[g];

      group->key = g_strdup (g_ptr_array_index (months.labels, g));
      group->month = mc_time_bucket_of_day (MC_BUCKET_MONTH, mc_column_get_day (self->start, rows[first]));
      if (!g_cancellable_is_cancelled (cancellable))
        group_init (group, self, rows + first, offsets[g + 1] - first);
    }
  mc_key_codes_clear (&months);
}

/* The start of the visit in ROW, missing ones last. */
static gint64
start_or_last (const McVisitIndex *self,
               gsize               row)
{
  return mc_column_is_missing (self->start, row) ? G_MAXINT64 : micros_of (self->start, row);
}

static int
compare_visit_starts (gconstpointer a,
                      gconstpointer b,
                      gpointer      data)
{
  gint64 x = start_or_last (data, *(const gsize *) a), y = start_or_last (data, *(const gsize *) b);

  return (x > y) - (x < y);
}

/* Each visitor's visits one after the other, by start (missing last).
 * The rows are sorted in place, a visitor at a time: no copy of the
 * visits beside the two arrays kept. */
static void
index_journey_visits (McVisitIndex *self)
{
  gsize n_visitors = self->visitors.labels->len;
  g_autofree gsize *rows = g_new (gsize, MAX (self->n_rows, 1));
  gsize n;

  self->journey_offsets = mc_key_codes_group_rows (&self->visitors, self->n_rows, rows);
  n = self->journey_offsets[n_visitors];
  for (gsize v = 0; v < n_visitors; v++)
    g_qsort_with_data (rows + self->journey_offsets[v], self->journey_offsets[v + 1] - self->journey_offsets[v],
                       sizeof (gsize), compare_visit_starts, self);
  self->journey_starts = g_new (gint64, MAX (n, 1));
  self->journey_types = g_new (guint32, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    {
      self->journey_starts[i] = start_or_last (self, rows[i]);
      self->journey_types[i] = self->types.codes != NULL ? self->types.codes[rows[i]] : MC_NO_CODE;
    }
}

/* Each visitor's first visit; per type, its visitors and their days from
 * their first visit to their first of this type. The rows are taken a
 * type at a time (a counting sort by type), each visitor's first visit
 * of the type kept in one array reused for every type: linear in the
 * visits, where sorting every (type, visitor, time) was not. */
static void
index_journeys (McVisitIndex *self)
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

/* NULL, with nothing kept, when CANCELLABLE is cancelled between its
 * passes over the visits. */
static McVisitIndex *
index_new (McTable      *table,
           McColumn     *start,
           GCancellable *cancellable)
{
  McVisitIndex *self = g_new0 (McVisitIndex, 1);
  McColumn *session;
  g_autofree gsize *all = g_new (gsize, MAX (mc_table_get_n_rows (table), 1));

  self->table = table;
  g_mutex_init (&self->matches_mutex);
  self->matches = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, (GDestroyNotify) match_free);
  self->n_rows = mc_table_get_n_rows (table);
  self->start = start;
  self->end = mc_table_find_role (table, MC_ROLE_VISIT_END);
  self->order = mc_table_find_role (table, MC_ROLE_ORDER_ID);
  self->type = mc_table_find_role (table, MC_ROLE_EVENT_TYPE);
  self->customer = mc_table_find_role (table, MC_ROLE_CUSTOMER_ID);
  index_hours (self);
  if (self->customer == NULL)
    return self;
  mc_key_codes_init (&self->visitors, (McColumnRef) { self->customer, NULL }, MC_BUCKET_NONE, self->n_rows);
  if ((session = mc_visit_index_find_session (table)) != NULL && !g_cancellable_is_cancelled (cancellable))
    mc_key_codes_init_unlabelled (&self->sessions, (McColumnRef) { session, NULL }, self->n_rows);
  if (self->type != NULL && !g_cancellable_is_cancelled (cancellable))
    mc_key_codes_init (&self->types, (McColumnRef) { self->type, NULL }, MC_BUCKET_NONE, self->n_rows);
  for (gsize r = 0; r < self->n_rows; r++)
    all[r] = r;
  self->all.month = G_MININT32;
  if (!g_cancellable_is_cancelled (cancellable))
    group_init (&self->all, self, all, self->n_rows);
  if (!g_cancellable_is_cancelled (cancellable))
    index_months (self, cancellable);
  if (!g_cancellable_is_cancelled (cancellable))
    index_journeys (self);
  if (!g_cancellable_is_cancelled (cancellable))
    index_journey_visits (self);
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
