/* mc-duplicates.c: rows and values that repeat earlier ones
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The duplicate checks and the cleaning that drops copies ask the same
 * question of a table or a column: which earlier row is this one equal to.
 */
#define G_LOG_DOMAIN "mc-duplicates"

#include "config.h"

#include <string.h>

#include "mc-duplicates.h"
#include "mc-key-set.h"

/* Cells hash and compare by their stored value: dictionary codes, UUID
 * bytes or numbers; two missing cells are equal. */
static guint64
cell_hash (McColumn *column,
           gsize     row)
{
  guint64 bits = 0x9e3779b97f4a7c15;
  double d;

  if (mc_column_is_missing (column, row))
    return bits;
  if (column->is_uuid)
    {
      memcpy (&bits, column->v.uuids + row * 16 + 8, 8);
      return bits;
    }
  if (mc_column_has_codes (column))
    return column->v.codes[row];
  if (mc_column_get_double (column, row, &d))
    memcpy (&bits, &d, 8);
  return bits;
}

static gboolean
cells_equal (McColumn *column,
             gsize     a,
             gsize     b)
{
  double x, y;

  if (mc_column_is_missing (column, a) || mc_column_is_missing (column, b))
    return mc_column_is_missing (column, a) == mc_column_is_missing (column, b);
  if (column->is_uuid)
    return memcmp (column->v.uuids + a * 16, column->v.uuids + b * 16, 16) == 0;
  if (mc_column_has_codes (column))
    return column->v.codes[a] == column->v.codes[b];
  if (column->type == MC_COLUMN_TYPE_INTEGER || column->type == MC_COLUMN_TYPE_DATETIME)
    return column->v.i64[a] == column->v.i64[b];
  mc_column_get_double (column, a, &x);
  mc_column_get_double (column, b, &y);
  return x == y;
}

static guint64
row_hash (McTable *table,
          gsize    row)
{
  guint64 hash = 1469598103934665603;

  for (guint c = 0; c < mc_table_get_n_columns (table); c++)
    hash = (hash ^ cell_hash (mc_table_get_column (table, c), row)) * 1099511628211;
  return hash ^ (hash >> 29);
}

static gboolean
rows_equal (McTable *table,
            gsize    a,
            gsize    b)
{
  for (guint c = 0; c < mc_table_get_n_columns (table); c++)
    if (!cells_equal (mc_table_get_column (table, c), a, b))
      return FALSE;
  return TRUE;
}

/* For each row, the first earlier row that SAME says equals it, or -1:
 * an open-addressing table of (hash, row), probed once per row. */
typedef gboolean (*SameFunc) (gpointer data, gsize a, gsize b);

static gssize *
find_earlier_equals (gsize     n_rows,
                     guint64 (*hash_func) (gpointer, gsize),
                     SameFunc  same,
                     gpointer  data)
{
  gsize capacity = 16;
  g_autofree guint64 *hashes = NULL;
  g_autofree gssize *slots = NULL;
  gssize *earlier = g_new (gssize, MAX (n_rows, 1));

  while (capacity < n_rows + n_rows / 2)
    capacity *= 2;
  hashes = g_new (guint64, capacity);
  slots = g_new (gssize, capacity);
  for (gsize i = 0; i < capacity; i++)
    slots[i] = -1;

  for (gsize r = 0; r < n_rows; r++)
    {
      guint64 hash = hash_func (data, r);
      gsize i = hash & (capacity - 1);

      while (slots[i] >= 0 && (hashes[i] != hash || !same (data, slots[i], r)))
        i = (i + 1) & (capacity - 1);
      earlier[r] = slots[i];
      if (slots[i] < 0)
        {
          slots[i] = r;
          hashes[i] = hash;
        }
    }
  return earlier;
}

static guint64
table_row_hash (gpointer data,
                gsize    row)
{
  return row_hash (data, row);
}

static gboolean
table_rows_equal (gpointer data,
                  gsize    a,
                  gsize    b)
{
  return rows_equal (data, a, b);
}

static guint64
key_cell_hash (gpointer data,
               gsize    row)
{
  guint64 h = cell_hash (data, row);

  return h ^ (h >> 31) ^ (h << 17);
}

static gboolean
key_cells_equal (gpointer data,
                 gsize    a,
                 gsize    b)
{
  return cells_equal (data, a, b);
}

/**
 * mc_duplicates_find_rows:
 *
 * For each row, the first earlier row equal to it in every column, or -1.
 */
gssize *
mc_duplicates_find_rows (McTable *table)
{
  g_return_val_if_fail (MC_IS_TABLE (table), NULL);

  return find_earlier_equals (mc_table_get_n_rows (table), table_row_hash, table_rows_equal, table);
}

/**
 * mc_duplicates_find_values:
 *
 * For each row, the first earlier row with the same value, or -1; missing
 * cells count as one value, so callers skip them.
 */
gssize *
mc_duplicates_find_values (McColumn *column)
{
  g_return_val_if_fail (column != NULL, NULL);

  return find_earlier_equals (column->n_rows, key_cell_hash, key_cells_equal, column);
}


/* The form two spellings share when they are the same value written
 * differently: trimmed, case-folded, NFC. */
char *
mc_duplicates_spelling_key (const char *text)
{
  g_autofree char *nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  g_autofree char *trimmed = g_strstrip (g_strdup (nfc != NULL ? nfc : text));

  return g_utf8_casefold (trimmed, -1);
}

