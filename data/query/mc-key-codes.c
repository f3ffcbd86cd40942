/* mc-key-codes.c: the values of a key column, a related column or a time bucket as dense codes in order
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-query"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "mc-query-private.h"
#include "mc-value-parse.h"

/* Doubles as integers in the same order (IEEE 754 sign-magnitude). */
static gint64
ordered_bits (double value)
{
  guint64 bits;

  memcpy (&bits, &value, sizeof bits);
  bits = (bits >> 63) ? ~bits : bits | G_GUINT64_CONSTANT (0x8000000000000000);
  return (gint64) (bits ^ G_GUINT64_CONSTANT (0x8000000000000000));
}

typedef struct
{
  gint64 *raw;          /* per row; G_MININT64 when missing */
  gint64  min, max;
  gboolean by_label;    /* order distinct values by their label */
} RawKeys;

/* Fills keys->raw with EXPR of each row present (ROW its row in the
 * column read), G_MININT64 elsewhere. One loop per type keeps the type
 * switch out of the million-row loop. */
#define FILL_RAW(keys, reader, n_rows, expr)                             \
  for (gsize r = 0; r < (n_rows); r++)                                  \
    {                                                                   \
      gssize row = _mc_reader_row ((reader), r);                            \
      (keys)->raw[r] = row >= 0 ? (gint64) (expr) : G_MININT64;         \
    }

static void
fill_raw_values (RawKeys      *keys,
                 const Reader *reader,
                 gsize         n_rows)
{
  const McColumn *column = reader->column;
  g_autoptr(McKeySet) uuids = NULL;

  switch (column->type)
    {
    case MC_COLUMN_TYPE_INTEGER:
    case MC_COLUMN_TYPE_DATETIME:
      FILL_RAW (keys, reader, n_rows, column->v.i64[row]);
      break;
    case MC_COLUMN_TYPE_NUMBER:
      FILL_RAW (keys, reader, n_rows, ordered_bits (column->v.f64[row]));
      break;
    case MC_COLUMN_TYPE_DATE:
      FILL_RAW (keys, reader, n_rows, column->v.days[row]);
      break;
    case MC_COLUMN_TYPE_BOOLEAN:
      FILL_RAW (keys, reader, n_rows, column->v.bools[row]);
      break;
    case MC_COLUMN_TYPE_CATEGORY:
    case MC_COLUMN_TYPE_IDENTIFIER:
    case MC_COLUMN_TYPE_TEXT:
    case MC_N_COLUMN_TYPES:
    default:
      if (!column->is_uuid)
        {
          FILL_RAW (keys, reader, n_rows, column->v.codes[row]);
          break;
        }
      /* A UUID's raw value is the first row holding it. */
      uuids = mc_key_set_new ((McColumn *) column);
      FILL_RAW (keys, reader, n_rows, mc_key_set_lookup (uuids, (McColumn *) column, row));
      break;
    }
}

static void
fill_raw_hours (RawKeys      *keys,
                const Reader *reader,
                gsize         n_rows)
{
  const McColumn *column = reader->column;

  if (column->type == MC_COLUMN_TYPE_DATETIME)
    FILL_RAW (keys, reader, n_rows,
              (column->v.i64[row] - (gint64) mc_column_get_day (column, row) * MC_MICROS_PER_DAY) / G_GINT64_CONSTANT (3600000000))
  else
    FILL_RAW (keys, reader, n_rows, 0)
}

/* Buckets of days: the day of each row, then each day's bucket from a
 * table over the days present (a few hundred calendar computations, not
 * a million). */
static void
fill_raw_buckets (RawKeys      *keys,
                  const Reader *reader,
                  McTimeBucket  bucket,
                  gsize         n_rows)
{
  const McColumn *column = reader->column;
  gint64 first = G_MAXINT64, last = G_MININT64;
  g_autofree gint32 *bucket_of = NULL;

  FILL_RAW (keys, reader, n_rows, mc_column_get_day (column, row));
  for (gsize r = 0; r < n_rows; r++)
    if (keys->raw[r] != G_MININT64)
      {
        first = MIN (first, keys->raw[r]);
        last = MAX (last, keys->raw[r]);
      }
  if (bucket == MC_BUCKET_DAY || first > last)
    return;
  bucket_of = g_new (gint32, last - first + 1);
  for (gint64 day = first; day <= last; day++)
    bucket_of[day - first] = mc_time_bucket_of_day (bucket, (gint32) day);
  for (gsize r = 0; r < n_rows; r++)
    if (keys->raw[r] != G_MININT64)
      keys->raw[r] = bucket_of[keys->raw[r] - first];
}

static void
raw_keys_init (RawKeys      *keys,
               const Reader *reader,
               McTimeBucket  bucket,
               gsize         n_rows)
{
  McColumn *column = reader->column;

  if (!mc_column_is_temporal (column))
    bucket = MC_BUCKET_NONE;
  keys->by_label = bucket == MC_BUCKET_NONE && (mc_column_has_codes (column) || column->is_uuid);
  keys->raw = g_new (gint64, MAX (n_rows, 1));
  if (bucket == MC_BUCKET_NONE)
    fill_raw_values (keys, reader, n_rows);
  else if (bucket == MC_BUCKET_HOUR)
    fill_raw_hours (keys, reader, n_rows);
  else
    fill_raw_buckets (keys, reader, bucket, n_rows);
  keys->min = G_MAXINT64;
  keys->max = G_MININT64;
  for (gsize r = 0; r < n_rows; r++)
    if (keys->raw[r] != G_MININT64)
      {
        keys->min = MIN (keys->min, keys->raw[r]);
        keys->max = MAX (keys->max, keys->raw[r]);
      }
}

typedef struct
{
  gint64 raw;
  gsize  row;      /* the first row holding it, to label it */
  char  *label;
  guint32 code;    /* its rank in the key's natural order */
} Distinct;

static int
compare_distinct_raw (gconstpointer a,
                      gconstpointer b)
{
  const Distinct *x = a, *y = b;

  if (x->raw != y->raw)
    return x->raw < y->raw ? -1 : 1;
  return x->row < y->row ? -1 : x->row > y->row;
}

static int
compare_distinct_label (gconstpointer a,
                        gconstpointer b)
{
  return mc_compare_text (((const Distinct *) a)->label, ((const Distinct *) b)->label);
}

/* A UUID as two integers in the order of its printed form: the bytes
 * big-endian, as hexadecimal digits of one case sort as the nibbles they
 * stand for and the hyphens stand at the same places in every label. */
typedef struct
{
  guint64 high, low;
  guint   index;      /* in the distinct values */
} UuidOrder;

static int
compare_uuid_order (const void *a,
                    const void *b)
{
  const UuidOrder *x = a, *y = b;

  if (x->high != y->high)
    return x->high < y->high ? -1 : 1;
  return (x->low > y->low) - (x->low < y->low);
}

/* The order of compare_distinct_label() for a UUID column's values,
 * whose labels all have the column's case and hyphens: their bytes
 * compared as two integers, without a string compare per pair. */
static void
sort_distinct_uuids (GArray       *distinct,
                     const Reader *reader)
{
  g_autofree UuidOrder *order = g_new (UuidOrder, MAX (distinct->len, 1));
  g_autofree Distinct *sorted = g_new (Distinct, MAX (distinct->len, 1));

  for (guint i = 0; i < distinct->len; i++)
    {
      const guint8 *bytes = reader->column->v.uuids
                            + 16 * _mc_reader_row (reader, g_array_index (distinct, Distinct, i).row);
      guint64 high, low;

      memcpy (&high, bytes, 8);
      memcpy (&low, bytes + 8, 8);
      order[i] = (UuidOrder) { GUINT64_FROM_BE (high), GUINT64_FROM_BE (low), i };
    }
  qsort (order, distinct->len, sizeof (UuidOrder), compare_uuid_order);
  for (guint i = 0; i < distinct->len; i++)
    sorted[i] = g_array_index (distinct, Distinct, order[i].index);
  if (distinct->len > 0)
    memcpy (distinct->data, sorted, distinct->len * sizeof (Distinct));
}

/* Whether the raw values fit an array indexed by value − min; computed
 * unsigned, as the span of two gint64 may not fit one. */
static gboolean
raw_keys_are_dense (const RawKeys *keys)
{
  return keys->min <= keys->max && (guint64) keys->max - (guint64) keys->min < MAX_SLOTS;
}

/* The distinct raw values with the first row of each, in raw order. */
static GArray *
find_distinct (const RawKeys *keys,
               gsize          n_rows)
{
  GArray *distinct = g_array_new (FALSE, FALSE, sizeof (Distinct));
  guint kept = 0;

  if (keys->min > keys->max)
    return distinct;
  if (raw_keys_are_dense (keys))
    {
      gsize range = keys->max - keys->min + 1;
      g_autofree gsize *first = g_new0 (gsize, range);

      for (gsize r = n_rows; r-- > 0;)
        if (keys->raw[r] != G_MININT64)
          first[keys->raw[r] - keys->min] = r + 1;
      for (gsize i = 0; i < range; i++)
        if (first[i] != 0)
          g_array_append_val (distinct, ((Distinct) { keys->min + (gint64) i, first[i] - 1 }));
      return distinct;
    }
  for (gsize r = 0; r < n_rows; r++)
    if (keys->raw[r] != G_MININT64)
      g_array_append_val (distinct, ((Distinct) { keys->raw[r], r }));
  g_array_sort (distinct, compare_distinct_raw);
  for (guint i = 0; i < distinct->len; i++)
    if (kept == 0 || g_array_index (distinct, Distinct, i).raw != g_array_index (distinct, Distinct, kept - 1).raw)
      g_array_index (distinct, Distinct, kept++) = g_array_index (distinct, Distinct, i);
  g_array_set_size (distinct, kept);
  return distinct;
}

static int
compare_raw (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = ((const Distinct *) b)->raw;

  return x < y ? -1 : x > y;
}

/* Each distinct value's label, and its code: its rank in the order of
 * the labels (text) or of the values (numbers, times). */
static void
label_distinct (McKeyCodes   *self,
                GArray       *distinct,
                const Reader *reader,
                RawKeys      *keys,
                McTimeBucket  bucket)
{
  gboolean timed = bucket != MC_BUCKET_NONE && mc_column_is_temporal (reader->column);

  self->labels = g_ptr_array_new_full (distinct->len, g_free);
  for (guint i = 0; i < distinct->len; i++)
    {
      Distinct *d = &g_array_index (distinct, Distinct, i);
      gssize row = _mc_reader_row (reader, d->row);

      d->label = timed ? mc_time_bucket_label (bucket, (gint32) d->raw) : mc_column_format_value (reader->column, row);
    }
  if (keys->by_label && reader->column->is_uuid)
    sort_distinct_uuids (distinct, reader);
  else if (keys->by_label)
    g_array_sort (distinct, compare_distinct_label);
  for (guint i = 0; i < distinct->len; i++)
    {
      g_array_index (distinct, Distinct, i).code = i;
      g_ptr_array_add (self->labels, g_array_index (distinct, Distinct, i).label);
    }
  /* Back in raw order for the binary search; an array indexed by the
   * raw value needs no order. */
  if (keys->by_label && !raw_keys_are_dense (keys))
    g_array_sort (distinct, compare_distinct_raw);
}

static void
key_codes_init (McKeyCodes   *self,
                McColumnRef   ref,
                McTimeBucket  bucket,
                gsize         n_rows,
                gboolean      labelled)
{
  Reader reader;
  RawKeys keys;
  g_autoptr(GArray) distinct = NULL;
  g_autofree guint32 *code_of = NULL;

  _mc_reader_init (&reader, ref, n_rows);
  raw_keys_init (&keys, &reader, bucket, n_rows);
  distinct = find_distinct (&keys, n_rows);
  if (labelled)
    label_distinct (self, distinct, &reader, &keys, bucket);
  else
    {
      self->labels = NULL;
      for (guint i = 0; i < distinct->len; i++)
        g_array_index (distinct, Distinct, i).code = i;
    }

  /* Raw value → code: an array when the raw values are few and close
   * (codes, buckets), a binary search otherwise. */
  self->codes = g_new (guint32, MAX (n_rows, 1));
  if (raw_keys_are_dense (&keys))
    {
      code_of = g_new (guint32, keys.max - keys.min + 1);
      for (guint i = 0; i < distinct->len; i++)
        code_of[g_array_index (distinct, Distinct, i).raw - keys.min] = g_array_index (distinct, Distinct, i).code;
      for (gsize r = 0; r < n_rows; r++)
        self->codes[r] = keys.raw[r] != G_MININT64 ? code_of[keys.raw[r] - keys.min] : MC_NO_CODE;
    }
  else
    {
      for (gsize r = 0; r < n_rows; r++)
        {
          Distinct *found = keys.raw[r] != G_MININT64 ? bsearch (&keys.raw[r], distinct->data, distinct->len, sizeof (Distinct), compare_raw) : NULL;

          self->codes[r] = found != NULL ? found->code : MC_NO_CODE;
        }
    }
  g_free (keys.raw);
  _mc_reader_clear (&reader);
}

void
mc_key_codes_init (McKeyCodes   *self,
                   McColumnRef   ref,
                   McTimeBucket  bucket,
                   gsize         n_rows)
{
  key_codes_init (self, ref, bucket, n_rows, TRUE);
}

void
mc_key_codes_init_unlabelled (McKeyCodes  *self,
                              McColumnRef  ref,
                              gsize        n_rows)
{
  key_codes_init (self, ref, MC_BUCKET_NONE, n_rows, FALSE);
}

void
mc_key_codes_clear (McKeyCodes *self)
{
  g_clear_pointer (&self->codes, g_free);
  g_clear_pointer (&self->labels, g_ptr_array_unref);
}

