/* mc-csv-cells.c: a slice's columns, cell by cell: each value converted
 * to its column's storage as it is tokenised, widened when a value needs
 * it, kept verbatim when its text would not print back the same, and the
 * slices' columns merged in order
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-csv-chunk"

#include "config.h"

#include <string.h>

#include "mc-buffer.h"
#include "mc-csv-private.h"

static gsize
storage_size (McStorage storage)
{
  switch (storage)
    {
    case MC_STORAGE_INT:
    case MC_STORAGE_DOUBLE:
    case MC_STORAGE_DATETIME:
    case MC_STORAGE_DATETIME_AB:
      return 8;
    case MC_STORAGE_DATE:
    case MC_STORAGE_DATE_AB:
    case MC_STORAGE_STRING:
      return 4;
    case MC_STORAGE_BOOL:
      return 1;
    case MC_STORAGE_UUID:
      return 16;
    case MC_STORAGE_SKIP:
    default:
      return 0;
    }
}

void
mc_chunk_column_init (McChunkColumn *column,
                      McStorage      storage,
                      gsize          capacity,
                      gsize          text_bytes)
{
  /* The arena grows in blocks of this size: no bigger than the column's
   * share of the slice, so 50,000 columns do not take 64 KB each. */
  gsize block = storage == MC_STORAGE_STRING ? CLAMP (text_bytes, 256, 65536) : 256;

  memset (column, 0, sizeof *column);
  column->storage = storage;
  column->capacity = storage == MC_STORAGE_SKIP ? 0 : MAX (capacity, 64);
  column->data = mc_buffer_alloc (column->capacity * MAX (storage_size (storage), 1));
  column->missing = mc_buffer_alloc ((column->capacity / 64 + 1) * sizeof (guint64));
  column->arena = g_string_chunk_new (block);
  column->issues = g_array_new (FALSE, FALSE, sizeof (McChunkIssue));
  column->dict = g_ptr_array_new ();
  if (storage == MC_STORAGE_STRING)
    column->intern = mc_csv_intern_new (column->dict, column->arena);
}

void
mc_chunk_column_clear (McChunkColumn *column)
{
  g_clear_pointer (&column->data, mc_buffer_free);
  g_clear_pointer (&column->missing, mc_buffer_free);
  g_clear_pointer (&column->date_only, mc_buffer_free);
  g_clear_pointer (&column->intern, mc_csv_intern_free);
  g_clear_pointer (&column->arena, g_string_chunk_free);
  g_clear_pointer (&column->dict, g_ptr_array_unref);
  g_clear_pointer (&column->issues, g_array_unref);
}

static void
chunk_column_grow (McChunkColumn *column,
                   gsize          needed)
{
  if (needed <= column->capacity)
    return;
  column->capacity = MAX (needed, column->capacity + column->capacity / 2);
  column->data = mc_buffer_resize (column->data, column->capacity * storage_size (column->storage));
  column->missing = mc_buffer_resize (column->missing, (column->capacity / 64 + 1) * sizeof (guint64));
  if (column->date_only != NULL)
    column->date_only = mc_buffer_resize (column->date_only, (column->capacity / 64 + 1) * sizeof (guint64));
}

/* A bit per row, not a copy of the text: the text is the date. */
static void
mark_date_only (McChunkColumn *column,
                gsize          row)
{
  if (column->date_only == NULL)
    column->date_only = mc_buffer_alloc ((column->capacity / 64 + 1) * sizeof (guint64));
  column->date_only[row >> 6] |= G_GUINT64_CONSTANT (1) << (row & 63);
}

static gboolean
is_plain_date (const char *text,
               gsize       len)
{
  return len == 10 && text[4] == '-' && text[7] == '-';
}

static inline void
mark_missing (McChunkColumn *column,
              gsize          row)
{
  column->missing[row >> 6] |= G_GUINT64_CONSTANT (1) << (row & 63);
  column->n_missing++;
}

static gboolean
has_ascii_digit (const char *text,
                 gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (g_ascii_isdigit (text[i]))
      return TRUE;
  return FALSE;
}

/* A value that does not fit: text without digits stands in for a value
 * ("data layer field missing"); anything else is a malformed value. */
static void
add_issue (McChunkColumn *column,
           gsize          row,
           const char    *text,
           gsize          len)
{
  McChunkIssue issue;

  issue.row = (guint32) row;
  issue.kind = has_ascii_digit (text, len) ? MC_CELL_ISSUE_MISMATCH : MC_CELL_ISSUE_PLACEHOLDER;
  issue.raw = g_string_chunk_insert_len (column->arena, text, len);
  g_array_append_val (column->issues, issue);
  mark_missing (column, row);
}

/* A cell whose value is kept but whose text would not print back the
 * same: the text is kept too (MC_CELL_ISSUE_VERBATIM). */
static void
add_verbatim (McChunkColumn *column,
              gsize          row,
              const char    *text,
              gsize          len)
{
  McChunkIssue issue = { (guint32) row, MC_CELL_ISSUE_VERBATIM, NULL };

  issue.raw = g_string_chunk_insert_len (column->arena, text, len);
  g_array_append_val (column->issues, issue);
}

static gboolean
is_plain_number (const char *text,
                 gsize       len)
{
  gsize digits = 0, zeros_after_point = 0, i = text[0] == '-';
  gboolean point = FALSE, leading = TRUE;

  /* "-0", ".5", "5.", "1e3", "+5", "007" and trailing zeros print
   * otherwise. */
  if (len == 0 || i == len || text[0] == '+' || text[len - 1] == '.' || text[i] == '.'
      || (len == 2 && text[0] == '-' && text[1] == '0')
      || (text[i] == '0' && i + 1 < len && g_ascii_isdigit (text[i + 1])))
    return FALSE;
  for (; i < len; i++)
    {
      if (text[i] == '.')
        {
          if (point)
            return FALSE;
          point = TRUE;
          continue;
        }
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      leading = leading && text[i] == '0';
      digits += !leading;
      /* %.15g writes 0.00001 as 1e-05: four zeros after the point. */
      zeros_after_point += point && leading;
    }
  /* Fifteen significant digits print back through %.15g. */
  return digits <= 15 && !(point && text[len - 1] == '0') && zeros_after_point < 4;
}

static gboolean
is_plain_datetime (const char *text,
                   gsize       len)
{
  if (len == 19)
    return text[10] == ' ' && text[13] == ':' && text[16] == ':';
  /* A fraction prints with six digits, and not at all when it is zero. */
  return len == 26 && text[10] == ' ' && text[19] == '.' && strncmp (text + 19, ".000000", 7) != 0;
}

gboolean
mc_csv_prints_back (McColumnType  type,
                    const char   *text,
                    gsize         len)
{
  switch (type)
    {
    case MC_COLUMN_TYPE_INTEGER:
    case MC_COLUMN_TYPE_NUMBER:
      return is_plain_number (text, len);
    case MC_COLUMN_TYPE_DATE:
      return is_plain_date (text, len);
    case MC_COLUMN_TYPE_DATETIME:
      return is_plain_datetime (text, len);
    case MC_COLUMN_TYPE_BOOLEAN:
      return (len == 4 && memcmp (text, "true", 4) == 0) || (len == 5 && memcmp (text, "false", 5) == 0);
    case MC_COLUMN_TYPE_IDENTIFIER:
    case MC_COLUMN_TYPE_CATEGORY:
    case MC_COLUMN_TYPE_TEXT:
    case MC_N_COLUMN_TYPES:
    default:
      return TRUE;
    }
}

static McColumnType
type_of_storage (McStorage storage)
{
  switch (storage)
    {
    case MC_STORAGE_INT:
    case MC_STORAGE_DOUBLE:
      return MC_COLUMN_TYPE_NUMBER;
    case MC_STORAGE_DATE:
      return MC_COLUMN_TYPE_DATE;
    case MC_STORAGE_DATETIME:
      return MC_COLUMN_TYPE_DATETIME;
    case MC_STORAGE_BOOL:
      return MC_COLUMN_TYPE_BOOLEAN;
    case MC_STORAGE_DATE_AB:
    case MC_STORAGE_DATETIME_AB:
      /* Day/month dates print as ISO dates: never the same text. */
      return MC_COLUMN_TYPE_INTEGER;
    case MC_STORAGE_STRING:
    case MC_STORAGE_UUID:
    case MC_STORAGE_SKIP:
    default:
      return MC_COLUMN_TYPE_TEXT;
    }
}

/* The ISO dates a DATE column stored so far printed back as dates; once
 * it holds datetimes they must still: each gets its date_only bit, but
 * a cell kept verbatim ("2021/03/04") already prints as read. */
static void
mark_stored_dates (McChunkColumn *column)
{
  guint next_issue = 0;

  for (gsize r = 0; r < column->n; r++)
    {
      gboolean verbatim = FALSE;

      for (; next_issue < column->issues->len && g_array_index (column->issues, McChunkIssue, next_issue).row <= r;
           next_issue++)
        verbatim |= g_array_index (column->issues, McChunkIssue, next_issue).row == r;
      if (!verbatim && !((column->missing[r >> 6] >> (r & 63)) & 1))
        mark_date_only (column, r);
    }
}

/* Widening keeps every value already stored: integers become doubles in
 * place; dates (days) become datetimes (µs at midnight). */
static void
chunk_column_widen (McChunkColumn *column,
                    McStorage      to)
{
  gsize count = column->n;

  if (column->storage == to)
    return;
  if (column->storage == MC_STORAGE_INT && to == MC_STORAGE_DOUBLE)
    {
      gint64 *ints = column->data;
      double *doubles = column->data;

      for (gsize i = 0; i < count; i++)
        doubles[i] = (double) ints[i];
    }
  else if ((column->storage == MC_STORAGE_DATE && to == MC_STORAGE_DATETIME)
           || (column->storage == MC_STORAGE_DATE_AB && to == MC_STORAGE_DATETIME_AB))
    {
      gint32 *days = column->data;
      gint64 *micros = mc_buffer_alloc (column->capacity * sizeof (gint64));

      for (gsize i = 0; i < count; i++)
        micros[i] = days[i] * MC_MICROS_PER_DAY;
      mc_buffer_free (column->data);
      column->data = micros;
      if (to == MC_STORAGE_DATETIME)
        mark_stored_dates (column);
    }
  else
    g_assert_not_reached ();
  column->storage = to;
}

static void
track_day_month (McChunkColumn *column,
                 gint64         packed_date)
{
  int a = (int) (packed_date / 100 % 100);
  int b = (int) (packed_date % 100);

  column->max_a = MAX (column->max_a, a);
  column->max_b = MAX (column->max_b, b);
}

static void
store_number (McChunkColumn *column,
              gsize          row,
              const char    *text,
              gsize          len)
{
  double value;
  McNumberSyntax syntax = mc_parse_number (text, len, &value);

  if (syntax == MC_NUMBER_NONE)
    {
      add_issue (column, row, text, len);
      return;
    }
  chunk_column_widen (column, MC_STORAGE_DOUBLE);
  column->n_by_syntax[syntax]++;
  ((double *) column->data)[row] = value;
}

/* Whether the day/month date TEXT writes its first or second part with
 * one digit ("1/5/2024", "12/1/10"). */
static gboolean
has_unpadded_part (const char *text,
                   gsize       len)
{
  gsize second = 0;

  if (len < 4)
    return FALSE;
  if (!g_ascii_isdigit (text[1]))
    return TRUE;
  while (second < len && g_ascii_isdigit (text[second]))
    second++;
  second++;
  return second + 1 < len && g_ascii_isdigit (text[second]) && !g_ascii_isdigit (text[second + 1]);
}

static void
store_date (McChunkColumn *column,
            gsize          row,
            const char    *text,
            gsize          len)
{
  gint64 value;
  McDateSyntax syntax = mc_parse_date (text, len, &value);
  gboolean ab = column->storage == MC_STORAGE_DATE_AB || column->storage == MC_STORAGE_DATETIME_AB;

  if (syntax == MC_DATE_NONE || ab != (syntax == MC_DATE_AB || syntax == MC_DATETIME_AB))
    {
      add_issue (column, row, text, len);
      return;
    }
  if ((syntax == MC_DATETIME_ISO || syntax == MC_DATETIME_AB) && column->storage != MC_STORAGE_DATETIME
      && column->storage != MC_STORAGE_DATETIME_AB)
    {
      chunk_column_widen (column, ab ? MC_STORAGE_DATETIME_AB : MC_STORAGE_DATETIME);
      /* Widening marked every row stored, this one too: it is not a date. */
      if (column->date_only != NULL)
        column->date_only[row >> 6] &= ~(G_GUINT64_CONSTANT (1) << (row & 63));
    }

  if (column->storage == MC_STORAGE_DATE || column->storage == MC_STORAGE_DATE_AB)
    ((gint32 *) column->data)[row] = (gint32) value;
  else if (syntax == MC_DATE_ISO || syntax == MC_DATE_AB)
    ((gint64 *) column->data)[row] = value * MC_MICROS_PER_DAY;
  else
    ((gint64 *) column->data)[row] = value;

  if (ab)
    {
      track_day_month (column, syntax == MC_DATE_AB ? value : value / MC_MICROS_PER_DAY);
      column->unpadded |= has_unpadded_part (text, len);
    }
}

static void
store_string (McChunkColumn *column,
              gsize          row,
              const char    *text,
              gsize          len)
{
  ((guint32 *) column->data)[row] = mc_csv_intern (column->intern, text, len);
}

static void
store_uuid (McChunkColumn *column,
            gsize          row,
            const char    *text,
            gsize          len)
{
  guint8 *bytes = (guint8 *) column->data + row * 16;
  int letter_case;
  gboolean plain;

  if (!mc_parse_uuid (text, len, bytes, &letter_case, &plain))
    {
      add_issue (column, row, text, len);
      return;
    }
  /* "A1B2…" among "a1b2…" keeps its case when written back. */
  if (!mc_uuid_form_matches (column->uuid_form, letter_case, plain))
    add_verbatim (column, row, text, len);
}

static void
chunk_column_store (McChunkColumn *column,
                    gsize          row,
                    const char    *text,
                    gsize          len)
{
  gint64 integer;
  guint8 flag;

  switch (column->storage)
    {
    case MC_STORAGE_STRING:
      store_string (column, row, text, len);
      break;
    case MC_STORAGE_INT:
      if (mc_parse_int64 (text, len, &integer))
        ((gint64 *) column->data)[row] = integer;
      else
        store_number (column, row, text, len);
      break;
    case MC_STORAGE_DOUBLE:
      store_number (column, row, text, len);
      break;
    case MC_STORAGE_DATE:
    case MC_STORAGE_DATETIME:
    case MC_STORAGE_DATE_AB:
    case MC_STORAGE_DATETIME_AB:
      store_date (column, row, text, len);
      break;
    case MC_STORAGE_BOOL:
      if (mc_parse_boolean (text, len, &flag))
        ((guint8 *) column->data)[row] = flag;
      else
        add_issue (column, row, text, len);
      break;
    case MC_STORAGE_UUID:
      store_uuid (column, row, text, len);
      break;
    case MC_STORAGE_SKIP:
    default:
      g_assert_not_reached ();
    }
}

/* TEXT is NUL-terminated (CSV_APPEND_NULL). */
void
mc_chunk_column_add (McChunkColumn *column,
                     gsize          row,
                     const char    *text,
                     gsize          len)
{
  if (column->storage == MC_STORAGE_SKIP)
    return;
  chunk_column_grow (column, row + 1);
  column->n = row + 1;

  if (mc_is_missing_token (text, len))
    {
      mark_missing (column, row);
      if (column->storage == MC_STORAGE_STRING)
        ((guint32 *) column->data)[row] = 0;
      /* "NA" is written back as "NA", not as an empty cell. */
      if (len > 0)
        add_verbatim (column, row, text, len);
      return;
    }
  if (column->storage == MC_STORAGE_DATETIME && is_plain_date (text, len))
    {
      gsize issues = column->issues->len;

      chunk_column_store (column, row, text, len);
      if (column->issues->len == issues)
        mark_date_only (column, row);
      return;
    }
  if (!mc_csv_prints_back (type_of_storage (column->storage), text, len))
    {
      gsize issues = column->issues->len;

      chunk_column_store (column, row, text, len);
      /* Unless it did not parse at all (an issue of its own). */
      if (column->issues->len == issues)
        add_verbatim (column, row, text, len);
      return;
    }
  chunk_column_store (column, row, text, len);
}

/* The column builder as other readers use it: a column of text, typed
 * afterwards by mc_csv_finish_strings() exactly as CSV text is, so that a
 * workbook and its CSV export come out with the same column types. */
void
mc_chunk_column_init_text (McChunkColumn *column,
                           gsize          capacity)
{
  /* The text's size is not known ahead: a guess of 16 bytes a cell. */
  mc_chunk_column_init (column, MC_STORAGE_STRING, capacity, capacity * 16);
}

/* TEXT is NUL-terminated; an empty or missing-value token is missing. */
void
mc_chunk_column_append_text (McChunkColumn *column,
                             const char    *text)
{
  g_assert (column->storage == MC_STORAGE_STRING);

  mc_chunk_column_add (column, column->n, text, strlen (text));
}

/* Copies N_BITS bits of SRC to DST starting at bit AT (DST is zeroed). */
static void
append_bits (guint64       *dst,
             gsize          at,
             const guint64 *src,
             gsize          n_bits)
{
  for (gsize w = 0; w < (n_bits + 63) / 64; w++)
    {
      guint64 word = src[w];
      gsize bit = at + w * 64;

      if (word == 0)
        continue;
      if (n_bits - w * 64 < 64)
        word &= (G_GUINT64_CONSTANT (1) << (n_bits - w * 64)) - 1;
      dst[bit >> 6] |= word << (bit & 63);
      /* The next word only when bits spill into it: past the last row
       * there may be no next word. */
      if ((bit & 63) != 0 && (word >> (64 - (bit & 63))) != 0)
        dst[(bit >> 6) + 1] |= word >> (64 - (bit & 63));
    }
}

static void
merge_strings (McChunkColumn *into,
               McChunkColumn *from)
{
  g_autofree guint32 *remap = g_new (guint32, MAX (from->dict->len, 1));
  guint32 *codes = from->data;

  for (guint i = 0; i < from->dict->len; i++)
    {
      const char *text = g_ptr_array_index (from->dict, i);

      remap[i] = mc_csv_intern (into->intern, text, strlen (text));
    }
  for (gsize r = 0; r < from->n; r++)
    codes[r] = ((from->missing[r >> 6] >> (r & 63)) & 1) ? 0 : remap[codes[r]];
}

static McStorage
wider_storage (McStorage a,
               McStorage b)
{
  /* The enum lists each narrow storage before its wide form. */
  return MAX (a, b);
}

/* Appends FROM's rows to INTO; FROM is emptied. */
void
mc_chunk_column_merge (McChunkColumn *into,
                       McChunkColumn *from)
{
  McStorage storage = wider_storage (into->storage, from->storage);
  gsize size;

  if (into->storage == MC_STORAGE_SKIP)
    return;
  chunk_column_widen (into, storage);
  chunk_column_widen (from, storage);
  if (storage == MC_STORAGE_STRING)
    merge_strings (into, from);

  size = storage_size (storage);
  chunk_column_grow (into, into->n + from->n);
  mc_buffer_move ((char *) into->data + into->n * size, from->data, from->data, from->n * size);
  append_bits (into->missing, into->n, from->missing, from->n);
  if (from->date_only != NULL)
    {
      if (into->date_only == NULL)
        into->date_only = mc_buffer_alloc ((into->capacity / 64 + 1) * sizeof (guint64));
      append_bits (into->date_only, into->n, from->date_only, from->n);
    }
  for (guint i = 0; i < from->issues->len; i++)
    {
      McChunkIssue issue = g_array_index (from->issues, McChunkIssue, i);

      issue.row += (guint32) into->n;
      issue.raw = g_string_chunk_insert (into->arena, issue.raw);
      g_array_append_val (into->issues, issue);
    }
  for (guint s = 0; s < G_N_ELEMENTS (into->n_by_syntax); s++)
    into->n_by_syntax[s] += from->n_by_syntax[s];
  into->max_a = MAX (into->max_a, from->max_a);
  into->max_b = MAX (into->max_b, from->max_b);
  into->unpadded |= from->unpadded;
  into->n += from->n;
  into->n_missing += from->n_missing;
  mc_chunk_column_clear (from);
}
