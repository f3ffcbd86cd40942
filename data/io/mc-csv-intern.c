/* mc-csv-intern.c: a text column's dictionary while it is read, each
 * distinct text given the next code
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every cell of a text column is looked up here, fifteen million times
 * in a large export. A GHashTable keeps its hashes, keys and values in
 * three arrays and hashes and compares through function pointers: once
 * a column holds a million distinct values (emails), each lookup missed
 * the cache three times, and more often the larger the column. Here a
 * slot is eight bytes, the hash's tag beside the code, and the text in
 * the dictionary is read only when the tags agree.
 */
#define G_LOG_DOMAIN "mc-csv-reader"

#include "config.h"

#include <string.h>

#include "mc-buffer.h"
#include "mc-csv-private.h"
#include "mc-key-set.h"

typedef struct
{
  guint32  tag;        /* the low 32 bits of the text's hash */
  guint32  code_1;     /* 1 + the text's code; 0 for an empty slot */
} Slot;

struct _McCsvIntern
{
  GPtrArray    *dict;      /* borrowed: code → text */
  GStringChunk *arena;     /* borrowed: where added texts are copied */
  Slot         *slots;
  gsize         mask;
};

/* Small, as most text columns are categories of a few values, and a
 * file may have thousands of columns. */
#define MIN_CAPACITY 16

McCsvIntern *
mc_csv_intern_new (GPtrArray    *dict,
                   GStringChunk *arena)
{
  McCsvIntern *self = g_new0 (McCsvIntern, 1);

  self->dict = dict;
  self->arena = arena;
  self->slots = mc_buffer_alloc (MIN_CAPACITY * sizeof (Slot));
  self->mask = MIN_CAPACITY - 1;
  return self;
}

void
mc_csv_intern_free (McCsvIntern *self)
{
  if (self == NULL)
    return;
  mc_buffer_free (self->slots);
  g_free (self);
}

static inline guint64
mix_word (guint64 h,
          guint64 word)
{
  h = (h ^ word) * G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  return h ^ (h >> 32);
}

/* Eight bytes at a time, the last eight (or two overlapping halves of a
 * short text) read whole: a byte at a time was a dependent step per
 * byte, and so was copying the tail into a word byte by byte. */
static guint32
hash_text (const char *text,
           gsize       len)
{
  guint64 h = len * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  guint64 word = 0;
  guint32 low, high;

  if (len >= 8)
    {
      const char *last = text + len - 8;

      for (; text < last; text += 8)
        {
          memcpy (&word, text, 8);
          h = mix_word (h, word);
        }
      memcpy (&word, last, 8);
    }
  else if (len >= 4)
    {
      memcpy (&low, text, 4);
      memcpy (&high, text + len - 4, 4);
      word = (guint64) high << 32 | low;
    }
  else if (len > 0)
    word = (guint64) (guchar) text[0] << 16 | (guint64) (guchar) text[len / 2] << 8 | (guchar) text[len - 1];
  return (guint32) mc_hash_mix (mix_word (h, word));
}

/* Moves the codes into a table twice as large; they are distinct, so
 * they move by their tags alone. */
static void
grow (McCsvIntern *self)
{
  Slot *old = self->slots;
  gsize old_capacity = self->mask + 1;

  self->slots = mc_buffer_alloc (2 * old_capacity * sizeof (Slot));
  self->mask = 2 * old_capacity - 1;
  for (gsize i = 0; i < old_capacity; i++)
    if (old[i].code_1 != 0)
      {
        gsize j = old[i].tag & self->mask;

        while (self->slots[j].code_1 != 0)
          j = (j + 1) & self->mask;
        self->slots[j] = old[i];
      }
  mc_buffer_free (old);
}

/**
 * mc_csv_intern:
 *
 * Returns the code of TEXT (LEN bytes, NUL-terminated, no NUL before):
 * its index in the dictionary, to which it is added (copied into the
 * arena) when it is not there yet.
 */
guint32
mc_csv_intern (McCsvIntern *self,
               const char  *text,
               gsize        len)
{
  guint32 tag = hash_text (text, len);
  gsize i;
  char *kept;

  for (i = tag & self->mask; self->slots[i].code_1 != 0; i = (i + 1) & self->mask)
    if (self->slots[i].tag == tag)
      {
        const char *known = g_ptr_array_index (self->dict, self->slots[i].code_1 - 1);

        if (strncmp (known, text, len) == 0 && known[len] == '\0')
          return self->slots[i].code_1 - 1;
      }

  kept = g_string_chunk_insert_len (self->arena, text, len);
  g_ptr_array_add (self->dict, kept);
  self->slots[i] = (Slot) { tag, self->dict->len };
  /* At most half full: a miss, the common case of a key, ends soon. */
  if (self->dict->len * 2 > self->mask + 1)
    grow (self);
  return self->dict->len - 1;
}
