/* mc-key-set.c: the distinct values of a key column, for fast lookups
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Relations and primary keys are found by hashing every value of every
 * id column, a million and more per table: an open-addressing table of
 * row numbers, with no allocation per value, keeps that to milliseconds.
 */
#define G_LOG_DOMAIN "mc-key-set"

#include "config.h"

#include <string.h>

#include "mc-buffer.h"
#include "mc-key-set.h"

/* A slot is eight bytes: a fragment of the value's hash beside its row,
 * so most probes of a miss end without reading the column, and a set of
 * ten million rows takes half the memory full hashes would. The slot's
 * place in the table comes from the same fragment, so growing the table
 * never reads the column again. Row 0 stands for an empty slot, so a
 * table fresh from mc_buffer_alloc() (zeroed) needs no filling. */
typedef struct
{
  guint32  tag;        /* the low 32 bits of the value's hash */
  guint32  row_1;      /* 1 + the value's row in the set's column; 0 empty */
} Slot;

struct _McKeySet
{
  McColumn *column;
  Slot     *slots;
  gsize     mask;
  gsize     size;
};

/* Sets start small and double when two thirds full: a foreign key such
 * as visits.customer_id holds a hundred thousand values among millions
 * of rows, and a table sized for the rows would be mostly empty and miss
 * the cache on every probe. When the first SAMPLE values are nearly all
 * distinct, as in a key, the table is sized for every row at once
 * instead, so that it is not copied a dozen times on the way. */
#define MIN_CAPACITY 1024
#define SAMPLE       1024

static guint64
hash_text (const char *text)
{
  guint64 h = G_GUINT64_CONSTANT (1469598103934665603);

  for (; *text; text++)
    h = (h ^ (guchar) *text) * G_GUINT64_CONSTANT (1099511628211);
  return mc_hash_mix (h);
}

/* Writes an integer key as text, as the reader would have seen it. */
static const char *
text_of (McColumn *column,
         gsize     row,
         char      buffer[40])
{
  if (mc_column_has_codes (column))
    return mc_column_get_string (column, row);
  if (column->is_uuid)
    mc_format_uuid (column->v.uuids + row * 16, column->uuid_upper, column->uuid_plain, buffer);
  else
    g_snprintf (buffer, 40, "%" G_GINT64_FORMAT, column->v.i64[row]);
  return buffer;
}

static guint64
hash_of (McColumn *column,
         gsize     row,
         gboolean  by_bytes)
{
  char buffer[40];
  guint64 a, b;

  if (!by_bytes)
    return hash_text (text_of (column, row, buffer));
  memcpy (&a, column->v.uuids + row * 16, 8);
  memcpy (&b, column->v.uuids + row * 16 + 8, 8);
  return mc_hash_mix (a ^ mc_hash_mix (b));
}

static gboolean
equal (McColumn *a,
       gsize     row_a,
       McColumn *b,
       gsize     row_b,
       gboolean  by_bytes)
{
  char buffer_a[40], buffer_b[40];

  if (by_bytes)
    return memcmp (a->v.uuids + row_a * 16, b->v.uuids + row_b * 16, 16) == 0;
  return strcmp (text_of (a, row_a, buffer_a), text_of (b, row_b, buffer_b)) == 0;
}

/* Finds the slot holding ROW's value of COLUMN, or the empty slot where
 * it would go. */
static gsize
find_slot (const McKeySet *self,
           McColumn       *column,
           gsize           row,
           guint32         tag)
{
  gboolean by_bytes = column->is_uuid && self->column->is_uuid;
  gsize i = tag & self->mask;

  while (self->slots[i].row_1 != 0
         && (self->slots[i].tag != tag || !equal (self->column, self->slots[i].row_1 - 1, column, row, by_bytes)))
    i = (i + 1) & self->mask;
  return i;
}

/* The smallest table that holds N values at most two thirds full. */
gsize
_mc_hash_capacity_for (gsize n)
{
  gsize capacity = MIN_CAPACITY;

  while (capacity / 3 * 2 < n)
    capacity *= 2;
  return capacity;
}

/* Moves the set into a table of CAPACITY slots. The values it holds are
 * distinct already, so they move without a comparison. */
static void
resize (McKeySet *self,
        gsize     capacity)
{
  Slot *old = self->slots;
  gsize old_capacity = self->mask + 1;

  self->slots = mc_buffer_alloc (capacity * sizeof (Slot));
  self->mask = capacity - 1;
  for (gsize i = 0; i < old_capacity; i++)
    if (old[i].row_1 != 0)
      {
        gsize j = old[i].tag & self->mask;

        while (self->slots[j].row_1 != 0)
          j = (j + 1) & self->mask;
        self->slots[j] = old[i];
      }
  mc_buffer_free (old);
}

/* Adds ROW (with TAG) unless its value is there already. */
static void
insert (McKeySet *self,
        gsize     row,
        guint32   tag)
{
  gsize slot = find_slot (self, self->column, row, tag);

  if (self->slots[slot].row_1 != 0)
    return;
  self->slots[slot] = (Slot) { tag, (guint32) row + 1 };
  if (++self->size * 3 > (self->mask + 1) * 2)
    resize (self, (self->mask + 1) * 2);
}

/* A set of ten million keys, and the column its slots point into, are
 * far larger than the caches: waiting for one slot, then for the value
 * it points to, left the core idle most of the time, the more so the
 * larger the table. Rows therefore go through a pipeline: a row's slot
 * is fetched from memory LAG rows before the value that slot points to,
 * and that value LAG rows before the row is looked up, so that the
 * misses of several rows overlap. Rows are looked up in their order. */
#define LAG  8
#define RING (4 * LAG)   /* a power of two above 2 * LAG */

typedef void (*ProbeFunc) (McKeySet *self,
                           gsize     row,
                           guint32   tag,
                           gpointer  data);

/* Fetches the value the slot at TAG's place points to, when its tag is
 * TAG: that value is compared next. */
static inline void
prefetch_candidate (const McKeySet *self,
                    guint32         tag)
{
  const Slot *slot = &self->slots[tag & self->mask];
  const McColumn *column = self->column;
  gsize row;

  if (slot->row_1 == 0 || slot->tag != tag)
    return;
  row = slot->row_1 - 1;
  if (column->is_uuid)
    __builtin_prefetch (column->v.uuids + row * 16);
  else if (mc_column_has_codes (column))
    __builtin_prefetch (&column->v.codes[row]);
  else
    __builtin_prefetch (&column->v.i64[row]);
}

/* Calls PROBE on each of the first N_ROWS rows of COLUMN with a value,
 * in order, with the tag of its hash, through the pipeline above. */
static inline void
probe_rows (McKeySet  *self,
            McColumn  *column,
            gsize      n_rows,
            ProbeFunc  probe,
            gpointer   data)
{
  gsize rows[RING], in = 0, out = 0;
  guint32 tags[RING];

  for (gsize r = 0; r < n_rows; r++)
    {
      gsize k;

      if (mc_column_is_missing (column, r))
        continue;
      k = in++ & (RING - 1);
      rows[k] = r;
      tags[k] = (guint32) hash_of (column, r, column->is_uuid);
      __builtin_prefetch (&self->slots[tags[k] & self->mask]);
      if (in > LAG)
        prefetch_candidate (self, tags[(in - 1 - LAG) & (RING - 1)]);
      if (in > 2 * LAG)
        {
          k = out++ & (RING - 1);
          probe (self, rows[k], tags[k], data);
        }
    }
  for (gsize i = in > LAG ? in - LAG : 0; i < in; i++)
    prefetch_candidate (self, tags[i & (RING - 1)]);
  for (; out < in; out++)
    probe (self, rows[out & (RING - 1)], tags[out & (RING - 1)], data);
}

/* Inserts a row; DATA counts the rows seen, for the sizing in
 * mc_key_set_new(). */
static void
insert_probe (McKeySet *self,
              gsize     row,
              guint32   tag,
              gpointer  data)
{
  gsize *seen = data;

  insert (self, row, tag);
  if (++*seen == SAMPLE && self->size >= SAMPLE * 9 / 10)
    {
      gsize present = self->column->n_rows - self->column->n_missing;

      resize (self, MAX (self->mask + 1, _mc_hash_capacity_for (present)));
    }
}

McKeySet *
mc_key_set_new (McColumn *column)
{
  McKeySet *self;
  gsize seen = 0;

  g_return_val_if_fail (column != NULL, NULL);
  g_return_val_if_fail (column->n_rows < G_MAXUINT32, NULL);

  self = g_new0 (McKeySet, 1);
  self->column = column;
  self->mask = MIN_CAPACITY - 1;
  self->slots = mc_buffer_alloc (MIN_CAPACITY * sizeof (Slot));
  probe_rows (self, column, column->n_rows, insert_probe, &seen);
  if (column->is_uuid)
    _mc_column_set_distinct (column, self->size);
  return self;
}

void
mc_key_set_free (McKeySet *self)
{
  if (self == NULL)
    return;
  mc_buffer_free (self->slots);
  g_free (self);
}

gsize
mc_key_set_size (const McKeySet *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->size;
}

/* Returns the row of the set's column holding ROW's value of COLUMN, or
 * -1 when the set does not hold it. */
gssize
mc_key_set_lookup (const McKeySet *self,
                   McColumn       *column,
                   gsize           row)
{
  guint32 found;

  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (row < column->n_rows, -1);
  g_return_val_if_fail (column->is_uuid == self->column->is_uuid, -1);

  if (mc_column_is_missing (column, row))
    return -1;
  found = self->slots[find_slot (self, column, row, (guint32) hash_of (column, row, column->is_uuid))].row_1;
  return (gssize) found - 1;
}

gboolean
mc_key_set_contains (const McKeySet *self,
                     McColumn       *column,
                     gsize           row)
{
  return mc_key_set_lookup (self, column, row) >= 0;
}

typedef struct
{
  McColumn *from;
  gsize     present;
  gsize     found;
} Matching;

static void
match_probe (McKeySet *self,
             gsize     row,
             guint32   tag,
             gpointer  data)
{
  Matching *m = data;

  m->present++;
  m->found += self->slots[find_slot (self, m->from, row, tag)].row_1 != 0;
}

double
mc_key_set_match_rate (const McKeySet *self,
                       McColumn       *from,
                       gsize           limit,
                       gsize          *unmatched)
{
  Matching m = { from, 0, 0 };
  gsize n = limit > 0 ? MIN (limit, from->n_rows) : from->n_rows;

  *unmatched = 0;
  g_return_val_if_fail (from->is_uuid == self->column->is_uuid, 0.0);

  /* The set is only read. */
  probe_rows ((McKeySet *) self, from, n, match_probe, &m);
  *unmatched = m.present - m.found;
  return m.present > 0 ? (double) m.found / m.present : 0.0;
}
