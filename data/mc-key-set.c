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

#include "mc-key-set.h"

#define EMPTY G_MAXUINT32

/* Hash and row side by side: one cache miss per probe, not two. */
typedef struct
{
  guint64  hash;
  guint32  row;        /* of the value in the set's column, or EMPTY */
} Slot;

struct _McKeySet
{
  McColumn *column;
  Slot     *slots;
  gsize     mask;
  gsize     size;
};

static guint64
mix (guint64 h)
{
  /* The finaliser of MurmurHash3: spreads every input bit. */
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  h ^= h >> 33;
  return h;
}

static guint64
hash_text (const char *text)
{
  guint64 h = G_GUINT64_CONSTANT (1469598103934665603);

  for (; *text; text++)
    h = (h ^ (guchar) *text) * G_GUINT64_CONSTANT (1099511628211);
  return mix (h);
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
  return mix (a ^ mix (b));
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
           guint64         hash)
{
  gboolean by_bytes = column->is_uuid && self->column->is_uuid;
  gsize i = hash & self->mask;

  while (self->slots[i].row != EMPTY
         && (self->slots[i].hash != hash || !equal (self->column, self->slots[i].row, column, row, by_bytes)))
    i = (i + 1) & self->mask;
  return i;
}

McKeySet *
mc_key_set_new (McColumn *column)
{
  McKeySet *self;
  gsize capacity = 16;

  g_return_val_if_fail (column != NULL, NULL);

  /* At most two thirds full, so probes stay short. */
  while (capacity < column->n_rows + column->n_rows / 2)
    capacity *= 2;
  self = g_new0 (McKeySet, 1);
  self->column = column;
  self->mask = capacity - 1;
  self->slots = g_new (Slot, capacity);
  for (gsize i = 0; i < capacity; i++)
    self->slots[i].row = EMPTY;

  for (gsize r = 0; r < column->n_rows; r++)
    {
      guint64 hash;
      gsize slot;

      if (mc_column_is_missing (column, r))
        continue;
      hash = hash_of (column, r, column->is_uuid);
      slot = find_slot (self, column, r, hash);
      if (self->slots[slot].row == EMPTY)
        {
          self->slots[slot] = (Slot) { hash, (guint32) r };
          self->size++;
        }
    }
  return self;
}

void
mc_key_set_free (McKeySet *self)
{
  if (self == NULL)
    return;
  g_free (self->slots);
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
  found = self->slots[find_slot (self, column, row, hash_of (column, row, column->is_uuid))].row;
  return found == EMPTY ? -1 : (gssize) found;
}

gboolean
mc_key_set_contains (const McKeySet *self,
                     McColumn       *column,
                     gsize           row)
{
  return mc_key_set_lookup (self, column, row) >= 0;
}
