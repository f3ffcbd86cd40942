/* mc-csv-chunk.c: tokenise one slice of a CSV file into typed columns
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each slice starts at a record boundary and is parsed by its own libcsv
 * parser on its own thread (or split in place when a block has no
 * quote). Cells are converted while tokenising (mc-csv-cells.c): no
 * per-cell strings except for text columns, which are interned.
 */
#define G_LOG_DOMAIN "mc-csv-chunk"

#include "config.h"

#include <string.h>
#include <errno.h>
#include <malloc.h>
#include <stdlib.h>
#include <unistd.h>

#include "mc-csv-private.h"

#define FEED_SIZE (1 << 20)

/* libcsv's parser states "between rows" and "inside a field" (libcsv.c). */
#define LIBCSV_ROW_NOT_BEGUN 0
#define LIBCSV_FIELD_BEGUN 2

/* Checks UTF-8 eight bytes at a time and validates only the runs of
 * non-ASCII bytes, so plain ASCII exports cost one pass at memory speed. */
gboolean
mc_text_is_utf8 (const char *text,
                 gsize       len)
{
  const char *p = text;
  const char *end = text + len;

  while (p < end)
    {
      const char *run;
      guint64 word;

      if (end - p >= 8)
        {
          memcpy (&word, p, 8);
          if ((word & G_GUINT64_CONSTANT (0x8080808080808080)) == 0)
            {
              p += 8;
              continue;
            }
        }
      if ((guchar) *p < 0x80)
        {
          p++;
          continue;
        }
      for (run = p; run < end && (guchar) *run >= 0x80; run++)
        ;
      if (!g_utf8_validate_len (p, run - p, NULL))
        return FALSE;
      p = run;
    }
  return TRUE;
}


static gboolean
is_continuation_byte (char c)
{
  return ((guchar) c & 0xC0) == 0x80;
}

/* Validates the N bytes of BLOCK; a character cut by the block's end is
 * checked whole (up to AVAILABLE bytes) by the block it starts in, so the
 * next block skips its continuation bytes. */
static gboolean
block_is_utf8 (const char *block,
               gsize       n,
               gsize       available,
               gboolean    continues)
{
  gsize from = 0, to = n;

  if (continues)
    while (from < n && is_continuation_byte (block[from]))
      from++;
  while (to < available && is_continuation_byte (block[to]))
    to++;
  return mc_text_is_utf8 (block + from, to - from);
}

static void
on_field_cb (void   *field,
             size_t  len,
             void   *user_data)
{
  McChunk *chunk = user_data;
  const char *text = field != NULL ? field : "";

  if (chunk->has_quotes && len > 0)
    {
      /* Only quoted fields can hold line breaks; count them so that every
       * row keeps the number of the line it starts on. */
      for (const char *p = memchr (text, chunk->cr_lines ? '\r' : '\n', len);
           p != NULL;
           p = memchr (p + 1, chunk->cr_lines ? '\r' : '\n', len - (p + 1 - text)))
        chunk->pending_newlines++;
    }

  if (chunk->field < chunk->n_columns)
    mc_chunk_column_add (&chunk->columns[chunk->field], chunk->n_rows, text, len);
  chunk->field++;
}

static void
record_ragged_row (McChunk *chunk)
{
  if (chunk->n_ragged < G_N_ELEMENTS (chunk->ragged_lines))
    {
      chunk->ragged_lines[chunk->n_ragged] = chunk->line;
      chunk->ragged_fields[chunk->n_ragged] = chunk->field;
    }
  chunk->n_ragged++;
}

static void
on_row_cb (int   terminator,
           void *user_data)
{
  McChunk *chunk = user_data;
  gboolean ends_line = terminator == (chunk->cr_lines ? '\r' : '\n');

  if (chunk->field > 0)
    {
      if (chunk->field != chunk->n_columns)
        record_ragged_row (chunk);
      /* Short rows still get a value in every column, so the columns
       * stay aligned while the reader collects every ragged line. */
      for (guint c = chunk->field; c < chunk->n_columns; c++)
        mc_chunk_column_add (&chunk->columns[c], chunk->n_rows, "", 0);
      if (chunk->n_rows >= chunk->lines_capacity)
        {
          chunk->lines_capacity = MAX (1024, chunk->lines_capacity * 2);
          chunk->row_lines = g_renew (guint32, chunk->row_lines, chunk->lines_capacity);
        }
      chunk->row_lines[chunk->n_rows++] = chunk->line;
      chunk->line += chunk->pending_newlines;
      chunk->n_lines += chunk->pending_newlines;
      chunk->pending_newlines = 0;
      chunk->field = 0;
    }
  if (ends_line)
    {
      chunk->line++;
      chunk->n_lines++;
    }
}

static int
never_space (unsigned char c)
{
  /* Keep spaces around unquoted values: "Website " is not "Website",
   * and the quality checks must see it. */
  return 0;
}

void
mc_chunk_init (McChunk *chunk)
{
  gsize text_bytes = (chunk->end - chunk->begin) / MAX (chunk->n_columns, 1);
  /* Every field takes a byte at least (its delimiter): a slice has no
   * more rows than its bytes per column, whatever the sample said. */
  gsize estimate = MIN (chunk->expected_rows, text_bytes + 1);

  chunk->columns = g_new0 (McChunkColumn, chunk->n_columns);
  for (guint c = 0; c < chunk->n_columns; c++)
    {
      mc_chunk_column_init (&chunk->columns[c], chunk->storages[c], estimate, text_bytes);
      if (chunk->uuid_forms != NULL)
        chunk->columns[c].uuid_form = chunk->uuid_forms[c];
    }
  chunk->line = 0;
  chunk->nul_offset = G_MAXSIZE;
}

/* Returns the N bytes at OFFSET of the slice, read into BUFFER when the
 * slice comes from a file descriptor. Reading with pread() costs a copy
 * from the page cache but no page faults, and keeps the file out of the
 * process's memory: peak memory stays near the size of the columns.
 * AVAILABLE receives how many bytes past OFFSET may be looked at (a few
 * more than N, to finish a character cut by the block's end). */
static const char *
read_block (McChunk *chunk,
            gsize    offset,
            gsize    n,
            char    *buffer,
            gsize   *available)
{
  gsize want = MIN (n + 4, chunk->file_size - offset);
  gsize got = 0;

  if (chunk->fd < 0)
    {
      *available = MIN (n + 4, chunk->end - offset);
      return chunk->text + offset;
    }
  while (got < want)
    {
      gssize r = pread (chunk->fd, buffer + got, want - got, offset + got);

      if (r < 0 && errno == EINTR)
        continue;
      if (r <= 0)
        {
          chunk->read_errno = r < 0 ? errno : EIO;
          return NULL;
        }
      got += r;
    }
  *available = MIN (got, chunk->end - offset + 4);
  return buffer;
}

/* libcsv grows a field's buffer by a fixed block (128 bytes), so a
 * field of 10 MB took 80,000 reallocations and minutes. Growing to twice
 * the usable size makes the calls between doublings free. */
void *
mc_csv_grow_field (void   *buffer,
                   size_t  size)
{
  size_t usable = buffer != NULL ? malloc_usable_size (buffer) : 0;

  if (size <= usable)
    return buffer;
  return realloc (buffer, MAX (size, 2 * usable));
}

static gboolean
is_line_end (char c)
{
  return c == '\r' || c == '\n';
}

/* Tokenises the whole rows of BLOCK, which holds no quote and starts
 * between rows, exactly as libcsv would with CSV_APPEND_NULL |
 * CSV_REPALL_NL and no space trimming: every CR or LF ends a row (an
 * empty one is reported alone), every delimiter a field. Fields are
 * ended in place with a NUL, so BLOCK must be writable. libcsv copies
 * every byte into a buffer of its own through a state machine; this
 * looks at each byte once (a third of the time on a plain export).
 * Returns how many bytes were consumed: up to the last line end. */
static gsize
parse_plain_rows (McChunk *chunk,
                  char    *block,
                  gsize    n)
{
  char delimiter = chunk->delimiter;
  char *p = block, *last = block + n;

  while (last > block && !is_line_end (last[-1]))
    last--;
  while (p < last)
    {
      char *q = p;
      char end;

      while (*q != delimiter && !is_line_end (*q))
        q++;
      if (q == p && is_line_end (*q) && chunk->field == 0)
        {
          on_row_cb (*q, chunk);
          p = q + 1;
          continue;
        }
      end = *q;
      *q = '\0';
      on_field_cb (p, q - p, chunk);
      if (end != delimiter)
        on_row_cb (end, chunk);
      p = q + 1;
    }
  return last - block;
}

void
mc_chunk_parse (McChunk *chunk)
{
  g_autofree char *buffer = chunk->fd >= 0 ? g_malloc (FEED_SIZE + 4) : NULL;
  struct csv_parser parser;
  gsize offset = chunk->begin;

  csv_init (&parser, CSV_APPEND_NULL | CSV_REPALL_NL);
  csv_set_realloc_func (&parser, mc_csv_grow_field);
  csv_set_delim (&parser, (unsigned char) chunk->delimiter);
  csv_set_space_func (&parser, never_space);

  while (offset < chunk->end)
    {
      gsize n = MIN (FEED_SIZE, chunk->end - offset);
      const char *block;
      gsize available, parsed;
      gboolean quoted;
      const char *nul;

      if (g_cancellable_is_cancelled (chunk->cancellable))
        {
          chunk->cancelled = TRUE;
          break;
        }
      block = read_block (chunk, offset, n, buffer, &available);
      if (block == NULL)
        break;
      /* A NUL would cut its cell short wherever text is a C string: the
       * file is refused (mc-csv-reader.c), so nothing after it matters. */
      nul = memchr (block, '\0', n);
      if (nul != NULL)
        {
          chunk->nul_offset = offset + (nul - block);
          break;
        }
      /* Checked here, block by block on every core, rather than in a pass
       * of its own over the whole file before parsing. */
      if (!chunk->invalid_utf8 && !block_is_utf8 (block, n, available, offset > chunk->begin))
        chunk->invalid_utf8 = TRUE;
      quoted = memchr (block, '"', n) != NULL;
      chunk->has_quotes |= quoted;
      parsed = 0;
      if (!quoted && block == buffer)
        {
          /* Let libcsv finish a row the last block left open. */
          if (parser.pstate != LIBCSV_ROW_NOT_BEGUN)
            {
              while (parsed < n && !is_line_end (block[parsed]))
                parsed++;
              parsed = MIN (parsed + 1, n);
              csv_parse (&parser, block, parsed, on_field_cb, on_row_cb, chunk);
            }
          if (parser.pstate == LIBCSV_ROW_NOT_BEGUN)
            parsed += parse_plain_rows (chunk, buffer + parsed, n - parsed);
        }
      csv_parse (&parser, block + parsed, n - parsed, on_field_cb, on_row_cb, chunk);
      offset += n;
      g_atomic_pointer_add (chunk->progress, n);
    }
  /* libcsv reports an open quote at the end only in strict mode, which
   * would also reject the stray quotes real exports contain, so look at
   * its state: inside a field that began with a quote (FIELD_BEGUN). */
  chunk->unterminated = !chunk->cancelled && parser.quoted && parser.pstate == LIBCSV_FIELD_BEGUN;
  if (!chunk->cancelled && chunk->read_errno == 0 && chunk->nul_offset == G_MAXSIZE)
    csv_fini (&parser, on_field_cb, on_row_cb, chunk);
  csv_free (&parser);

  for (guint c = 0; c < chunk->n_columns; c++)
    if (chunk->columns[c].storage != MC_STORAGE_SKIP)
      g_assert (chunk->cancelled || chunk->read_errno != 0 || chunk->nul_offset != G_MAXSIZE
                || chunk->columns[c].n == chunk->n_rows);
}

void
mc_chunk_clear (McChunk *chunk)
{
  for (guint c = 0; chunk->columns != NULL && c < chunk->n_columns; c++)
    mc_chunk_column_clear (&chunk->columns[c]);
  g_clear_pointer (&chunk->columns, g_free);
  g_clear_pointer (&chunk->row_lines, g_free);
}
