/* mc-csv-reader.c: read a CSV file into a typed, columnar McTable
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file is mapped, its dialect sniffed from the first rows, then cut
 * at record boundaries into one slice per core; each slice is tokenised
 * by libcsv on its own thread into typed columns (mc-csv-chunk.c), the
 * slices are merged, and each column's type is settled from all of its
 * values (mc-csv-finish.c, mc-csv-text.c).
 */
#define G_LOG_DOMAIN "mc-csv-reader"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "mc-csv-private.h"
#include "mc-csv-reader.h"

#define SNIFF_BYTES  (64 * 1024)
#define SNIFF_LINES  200
#define SAMPLE_ROWS  1000
#define MIN_SLICE    (1 << 20)

G_DEFINE_QUARK (mc-csv-error-quark, mc_csv_error)

typedef struct
{
  const char   *path;
  GMappedFile  *mapping;      /* for sniffing and the quote-aware scan */
  int           fd;           /* for the slices, read with pread() */
  char         *owned;        /* converted or normalised text */
  const char   *text;
  gsize         len;
  gsize         start;        /* after a byte order mark */
  char          delimiter;
  gboolean      whitespace;
  gboolean      cr_lines;
  const char   *line_ending;
  const char   *encoding;
  GPtrArray    *notes;
  struct stat   opened;       /* to tell whether it changed while read */
} Source;

static void
source_clear (Source *source)
{
  g_clear_pointer (&source->mapping, g_mapped_file_unref);
  if (source->fd >= 0)
    close (source->fd);
  source->fd = -1;
  g_clear_pointer (&source->owned, g_free);
  g_clear_pointer (&source->notes, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Source, source_clear)

/* A file another program rewrites while it is read gives rows of two
 * versions, or ends early: say so rather than analyse half a file. */
static gboolean
source_unchanged (const Source  *source,
                  GError       **error)
{
  struct stat now;

  if (fstat (source->fd, &now) == 0 && now.st_size == source->opened.st_size
      && now.st_mtim.tv_sec == source->opened.st_mtim.tv_sec
      && now.st_mtim.tv_nsec == source->opened.st_mtim.tv_nsec)
    return TRUE;
  g_set_error_literal (error, MC_CSV_ERROR, MC_CSV_ERROR_IO,
                       _("the file changed while it was being read; open it again once the program writing it "
                         "has finished"));
  g_prefix_error (error, "%s: ", source->path);
  return FALSE;
}

static void
source_take_text (Source *source,
                  char   *text,
                  gsize   len)
{
  g_free (source->owned);
  source->owned = text;
  source->text = text;
  source->len = len;
  source->start = 0;
}

/* Converts the text to UTF-8 from FROM, or from Windows-1252 when FROM
 * is NULL (the usual encoding of spreadsheet exports that are not UTF-8). */
static gboolean
source_convert (Source      *source,
                const char  *from,
                GError     **error)
{
  gsize written = 0;
  char *converted;

  if (from == NULL)
    from = "WINDOWS-1252";
  converted = g_convert (source->text + source->start, source->len - source->start,
                         "UTF-8", from, NULL, &written, NULL);
  if (converted == NULL && g_str_equal (from, "WINDOWS-1252"))
    {
      /* Bytes that Windows-1252 leaves undefined: ISO-8859-1 maps all. */
      from = "ISO-8859-1";
      converted = g_convert (source->text + source->start, source->len - source->start,
                             "UTF-8", from, NULL, &written, NULL);
    }
  if (converted == NULL)
    {
      g_set_error (error, MC_CSV_ERROR, MC_CSV_ERROR_PARSE,
                   /* Translators: %s is an encoding, such as WINDOWS-1252. */
                   _("the file is neither UTF-8 nor %s text; save it as UTF-8 CSV and try again"), from);
      g_prefix_error (error, "%s: ", source->path);
      return FALSE;
    }
  source_take_text (source, converted, written);
  if (g_str_has_prefix (converted, "\xEF\xBB\xBF"))
    source->start = 3;
  source->encoding = g_str_equal (from, "UTF-16") ? "utf-16"
                   : g_str_equal (from, "ISO-8859-1") ? "iso-8859-1" : "windows-1252";
  /* Translators: a note on a table; %s is an encoding, such as WINDOWS-1252. */
  g_ptr_array_add (source->notes, g_strdup_printf (_("converted from %s to UTF-8"), from));
  return TRUE;
}

/* Strips a UTF-8 byte order mark, converts UTF-16, and converts at once
 * when the first bytes are not UTF-8; the rest of the file is checked
 * while it is parsed. */
static gboolean
source_fix_encoding (Source  *source,
                     GError **error)
{
  const guchar *bytes = (const guchar *) source->text;
  gsize window;

  if (source->len >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
    source->start = 3;
  else if (source->len >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
    return source_convert (source, "UTF-16", error);

  window = MIN (source->len, source->start + 4 * SNIFF_BYTES);
  while (window < source->len && ((guchar) source->text[window] & 0xC0) == 0x80)
    window++;
  if (mc_text_is_utf8 (source->text + source->start, window - source->start))
    return TRUE;
  return source_convert (source, NULL, error);
}

static void
detect_line_ending (Source *source)
{
  const char *text = source->text + source->start;
  gsize len = MIN (source->len - source->start, SNIFF_BYTES);
  const char *lf = memchr (text, '\n', len);
  const char *cr = memchr (text, '\r', len);

  source->cr_lines = FALSE;
  if (lf != NULL && lf > text && lf[-1] == '\r')
    source->line_ending = "crlf";
  else if (lf == NULL && cr != NULL)
    {
      source->line_ending = "cr";
      source->cr_lines = TRUE;
    }
  else
    source->line_ending = "lf";
}

/* Counts DELIMITER outside quotes on each of the first lines; a
 * delimiter is plausible when most lines hold the same number of them. */
static double
delimiter_score (const char *text,
                 gsize       len,
                 char        delimiter,
                 guint      *fields)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  guint lines = 0, count = 0, best = 0, best_count = 0;
  gboolean quoted = FALSE;

  for (gsize i = 0; i < len && lines < SNIFF_LINES; i++)
    {
      char c = text[i];

      if (c == '"')
        quoted = !quoted;
      else if (c == delimiter && !quoted)
        count++;
      else if ((c == '\n' || c == '\r') && !quoted)
        {
          guint n;

          if (c == '\r' && i + 1 < len && text[i + 1] == '\n')
            i++;
          n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (count))) + 1;
          g_hash_table_insert (counts, GUINT_TO_POINTER (count), GUINT_TO_POINTER (n));
          if (n > best_count)
            best_count = n, best = count;
          lines++;
          count = 0;
        }
    }
  *fields = best + 1;
  if (lines == 0 || best == 0)
    return 0.0;
  return (double) best_count / lines;
}

/* Fields separated by runs of spaces, as in fixed-width exports. */
static double
whitespace_score (const char *text,
                  gsize       len,
                  guint      *fields)
{
  g_autofree char *copy = g_strndup (text, len);
  g_auto(GStrv) lines = g_strsplit_set (copy, "\r\n", SNIFF_LINES);
  guint first = 0, same = 0, total = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = NULL;
      guint n = 0;

      if (lines[i][0] == '\0' || (lines[i + 1] == NULL && i > 0))
        continue;
      words = g_strsplit_set (g_strstrip (lines[i]), " \t", -1);
      for (guint w = 0; words[w] != NULL; w++)
        n += words[w][0] != '\0';
      if (total++ == 0)
        first = n;
      same += n == first;
    }
  *fields = first;
  return first >= 2 && total > 0 ? (double) same / total : 0.0;
}

static void
detect_delimiter (Source *source,
                  char    requested)
{
  static const char candidates[] = { ',', ';', '\t', '|' };
  const char *text = source->text + source->start;
  gsize len = MIN (source->len - source->start, SNIFF_BYTES);
  double best_score = 0.0;
  guint best_fields = 0, fields;

  source->delimiter = requested != 0 ? requested : ',';
  if (requested != 0)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      double score = delimiter_score (text, len, candidates[i], &fields);

      if (score >= 0.9 && (score > best_score || (score == best_score && fields > best_fields)))
        {
          best_score = score;
          best_fields = fields;
          source->delimiter = candidates[i];
        }
    }
  if (best_score == 0.0 && whitespace_score (text, len, &fields) >= 0.9)
    source->whitespace = TRUE;
}

/* Rewrites space-aligned columns as tab-separated ones. */
static void
normalise_whitespace (Source *source)
{
  const char *p = source->text + source->start;
  const char *end = source->text + source->len;
  GString *out = g_string_sized_new (source->len);
  gboolean at_line_start = TRUE, pending_gap = FALSE;

  for (; p < end; p++)
    {
      if (*p == ' ' || *p == '\t')
        {
          pending_gap = !at_line_start;
          continue;
        }
      if (*p == '\n' || *p == '\r')
        at_line_start = TRUE;
      else
        {
          if (pending_gap)
            g_string_append_c (out, '\t');
          at_line_start = FALSE;
        }
      pending_gap = FALSE;
      g_string_append_c (out, *p);
    }
  source->delimiter = '\t';
  source_take_text (source, out->str, out->len);
  g_string_free (out, FALSE);
}

static gboolean
is_line_break (char c)
{
  return c == '\n' || c == '\r';
}

/* Returns the first record start at or after TARGET, scanning from FROM
 * (a record start) with libcsv's rules: a quote opens a quoted field only
 * at the start of a field, "" inside it is a quote, and it closes at a
 * quote followed by a delimiter or line break. OPEN_QUOTE receives the
 * offset of a quote that never closes, or G_MAXSIZE. */
static gsize
next_record_start (const Source *source,
                   gsize         from,
                   gsize         target,
                   gsize        *open_quote)
{
  const char *text = source->text;
  gsize len = source->len, pos = from;
  char terminator = source->cr_lines ? '\r' : '\n';

  *open_quote = G_MAXSIZE;
  if (target <= from)
    return from;
  for (;;)
    {
      gsize search = MAX (pos, target - 1);
      const char *nl = search < len ? memchr (text + search, terminator, len - search) : NULL;
      gsize stop = nl != NULL ? (gsize) (nl - text) : len;
      /* Only quotes before that line break matter: bounding the search
       * keeps a quote-free file from being read to its end here. */
      const char *q = memchr (text + pos, '"', stop - pos);
      gsize quote;

      if (q == NULL)
        return nl != NULL ? stop + 1 : len;
      quote = q - text;
      if (quote > from && text[quote - 1] != source->delimiter && !is_line_break (text[quote - 1]))
        {
          pos = quote + 1;  /* a quote inside an unquoted value is text */
          continue;
        }
      for (pos = quote + 1;;)
        {
          const char *close = memchr (text + pos, '"', len - pos);
          gsize c;

          if (close == NULL)
            {
              *open_quote = quote;
              return len;
            }
          c = close - text;
          if (c + 1 < len && text[c + 1] == '"')
            pos = c + 2;
          else if (c + 1 == len || text[c + 1] == source->delimiter || is_line_break (text[c + 1]))
            {
              pos = c + 1;
              break;
            }
          else
            pos = c + 1;
        }
    }
}

static void
offset_to_line_column (const Source *source,
                       gsize         offset,
                       guint        *line,
                       guint        *column)
{
  char terminator = source->cr_lines ? '\r' : '\n';
  gsize line_start = source->start;

  *line = 1;
  for (gsize i = source->start; i < offset; i++)
    if (source->text[i] == terminator)
      {
        (*line)++;
        line_start = i + 1;
      }
  *column = g_utf8_strlen (source->text + line_start, offset - line_start) + 1;
}

static gboolean
check_quotes_closed (const Source *source,
                     gsize         from,
                     GError      **error)
{
  gsize open_quote;
  guint line, column;

  next_record_start (source, from, source->len, &open_quote);
  if (open_quote == G_MAXSIZE)
    return TRUE;
  offset_to_line_column (source, open_quote, &line, &column);
  /* The file:line:column: prefix is a contract (DESIGN.md): only the
   * reason after it is translated. */
  g_set_error_literal (error, MC_CSV_ERROR, MC_CSV_ERROR_UNTERMINATED_QUOTE,
                       _("unterminated quoted field: the quote opened here is never closed; "
                         "check for a missing \" in this row"));
  g_prefix_error (error, "%s:%u:%u: ", source->path, line, column);
  return FALSE;
}

/* The first rows, as strings, for choosing header, names and storage. */
typedef struct
{
  GPtrArray *rows;     /* GPtrArray of char* */
  GPtrArray *current;
} Sample;

static void
on_sample_field_cb (void   *field,
                    size_t  len,
                    void   *user_data)
{
  Sample *sample = user_data;

  if (sample->current == NULL)
    sample->current = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (sample->current, g_strndup (field != NULL ? field : "", len));
}

static void
on_sample_row_cb (int   terminator,
                  void *user_data)
{
  Sample *sample = user_data;

  if (sample->current != NULL)
    g_ptr_array_add (sample->rows, g_steal_pointer (&sample->current));
}

static int
no_space (unsigned char c)
{
  return 0;
}

static GPtrArray *
read_sample (const Source *source,
             gsize         end)
{
  Sample sample = { g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref), NULL };
  struct csv_parser parser;

  csv_init (&parser, CSV_APPEND_NULL);
  csv_set_realloc_func (&parser, mc_csv_grow_field);
  csv_set_delim (&parser, (unsigned char) source->delimiter);
  csv_set_space_func (&parser, no_space);
  csv_parse (&parser, source->text + source->start, end - source->start,
             on_sample_field_cb, on_sample_row_cb, &sample);
  csv_fini (&parser, on_sample_field_cb, on_sample_row_cb, &sample);
  csv_free (&parser);
  g_clear_pointer (&sample.current, g_ptr_array_unref);
  return sample.rows;
}

static gboolean
first_row_is_data (GPtrArray *first)
{
  for (guint i = 0; i < first->len; i++)
    {
      const char *text = g_ptr_array_index (first, i);
      double number;
      gint64 date;

      if (mc_parse_number (text, strlen (text), &number) != MC_NUMBER_NONE
          || mc_parse_date (text, strlen (text), &date) != MC_DATE_NONE)
        return TRUE;
    }
  return FALSE;
}

/* Trimmed, unique names; empty ones become column_N. Shared with the
 * workbook reader so that both name columns alike. */
GStrv
mc_csv_column_names (GPtrArray *header,
                     guint      n_columns)
{
  g_autoptr(GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);
  GStrv names = g_new0 (char *, n_columns + 1);

  for (guint i = 0; i < n_columns; i++)
    {
      g_autofree char *base = NULL;
      char *unique;

      if (header != NULL && i < header->len)
        base = g_strstrip (g_strdup (g_ptr_array_index (header, i)));
      if (base == NULL || base[0] == '\0')
        {
          g_free (base);
          base = g_strdup_printf ("column_%u", i + 1);
        }
      unique = g_strdup (base);
      for (guint n = 2; g_hash_table_contains (used, unique); n++)
        {
          g_free (unique);
          unique = g_strdup_printf ("%s_%u", base, n);
        }
      names[i] = unique;
      g_hash_table_add (used, unique);
    }
  return names;
}

typedef struct
{
  Source             *source;
  gsize               data_start;
  guint32             first_line;     /* source line of the first data row */
  guint               n_columns;
  GStrv               names;
  gboolean            has_header;
  double              bytes_per_row;   /* in the sample, to size arrays */
  guint               n_threads;
  McChunk            *chunks;
  guint               n_chunks;
  gsize               progress;
  gsize               unreported;     /* bytes of passes that do not report */
  guint64             reported;       /* the most progress reported yet */
  GMutex              mutex;
  GCond               cond;
  guint               n_done;
  McCsvProgressFunc   progress_func;
  gpointer            user_data;
  GCancellable       *cancellable;
} Job;

typedef struct
{
  Job     *job;
  McChunk *chunk;
} Slice;

static gpointer
parse_slice_thread (gpointer data)
{
  Slice *slice = data;

  /* Allocated here so that each thread's blocks come from its own arena. */
  mc_chunk_init (slice->chunk);
  mc_chunk_parse (slice->chunk);
  g_mutex_lock (&slice->job->mutex);
  slice->job->n_done++;
  g_cond_signal (&slice->job->cond);
  g_mutex_unlock (&slice->job->mutex);
  return NULL;
}

/* Cuts the data into one slice per thread. Unless EXACT, a slice ends
 * at the first line break after its share of bytes, which is a record
 * boundary unless it falls inside a quoted field; the caller checks that
 * afterwards (a slice that ends inside quotes) and cuts EXACTly then. */
static void
cut_slices (Job             *job,
            const McStorage *storages,
            gboolean         report,
            gboolean         exact)
{
  const Source *source = job->source;
  gsize data_len = source->len - job->data_start;
  guint n = CLAMP (data_len / MIN_SLICE, 1, job->n_threads);
  char terminator = source->cr_lines ? '\r' : '\n';
  gsize begin = job->data_start, open_quote;

  job->chunks = g_aligned_alloc0 (n, sizeof (McChunk), 64);
  job->n_chunks = n;
  job->progress = 0;
  for (guint i = 0; i < n; i++)
    {
      McChunk *chunk = &job->chunks[i];
      gsize target = i + 1 == n ? source->len : MAX (begin, job->data_start + data_len / n * (i + 1));
      gsize end = source->len;

      if (exact)
        end = next_record_start (source, begin, target, &open_quote);
      else if (target < source->len)
        {
          const char *nl = memchr (source->text + target, terminator, source->len - target);

          end = nl != NULL ? (gsize) (nl - source->text) + 1 : source->len;
        }

      chunk->text = source->text;
      chunk->begin = begin;
      chunk->end = end;
      chunk->delimiter = source->delimiter;
      chunk->cr_lines = source->cr_lines;
      chunk->n_columns = job->n_columns;
      chunk->storages = storages;
      chunk->progress = report ? &job->progress : &job->unreported;
      chunk->cancellable = job->cancellable;
      chunk->fd = source->owned == NULL ? source->fd : -1;
      chunk->file_size = source->len;
      chunk->expected_rows = (gsize) ((end - begin) / job->bytes_per_row * 1.05) + 64;
      begin = end;
    }
}

/* Reports progress, never going back: a pass that must be redone (a
 * slice cut inside quotes) restarts its count, the bar does not. */
static void
report_progress (Job     *job,
                 guint64  done,
                 guint64  total)
{
  if (job->progress_func == NULL || done < job->reported)
    return;
  job->reported = done;
  job->progress_func (done, total, job->user_data);
}

/* Parses every slice on its own thread; this thread reports progress. */
static void
parse_slices (Job      *job,
              gboolean  report)
{
  g_autofree Slice *slices = g_new0 (Slice, job->n_chunks);
  g_autofree GThread **threads = g_new0 (GThread *, job->n_chunks);
  /* Progress counts the header as read, so it ends at the file's size. */
  guint64 total = job->source->len;

  job->n_done = 0;
  for (guint i = 0; i < job->n_chunks; i++)
    {
      slices[i] = (Slice) { job, &job->chunks[i] };
      threads[i] = g_thread_new ("mercato-csv", parse_slice_thread, &slices[i]);
    }

  g_mutex_lock (&job->mutex);
  while (job->n_done < job->n_chunks)
    {
      gint64 deadline = g_get_monotonic_time () + 50 * G_TIME_SPAN_MILLISECOND;

      if (!g_cond_wait_until (&job->cond, &job->mutex, deadline) && report)
        {
          guint64 parsed = (gsize) g_atomic_pointer_get (&job->progress);

          g_mutex_unlock (&job->mutex);
          report_progress (job, job->data_start + parsed, total);
          g_mutex_lock (&job->mutex);
        }
    }
  g_mutex_unlock (&job->mutex);

  for (guint i = 0; i < job->n_chunks; i++)
    g_thread_join (threads[i]);
}

static void
clear_slices (Job *job)
{
  for (guint i = 0; i < job->n_chunks; i++)
    mc_chunk_clear (&job->chunks[i]);
  g_clear_pointer (&job->chunks, g_aligned_free);
  job->n_chunks = 0;
}

/* The source line of each slice's first row. */
static guint32
slice_first_line (Job   *job,
                  guint  index)
{
  guint32 line = job->first_line;

  for (guint i = 0; i < index; i++)
    line += job->chunks[i].n_lines;
  return line;
}

static gboolean
check_ragged_rows (Job     *job,
              GError **error)
{
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autofree char *also = NULL;
  gsize n_ragged = 0;
  guint32 first_line = 0, first_fields = 0, last_line = 0;

  for (guint i = 0; i < job->n_chunks; i++)
    {
      McChunk *chunk = &job->chunks[i];
      guint32 base = slice_first_line (job, i);

      for (gsize k = 0; k < MIN (chunk->n_ragged, G_N_ELEMENTS (chunk->ragged_lines)); k++)
        {
          if (n_ragged + k == 0)
            {
              first_line = base + chunk->ragged_lines[k];
              first_fields = chunk->ragged_fields[k];
            }
          /* A record whose quoted field spans lines can be counted at
           * the line it starts on twice: each line is listed once. */
          else if (n_ragged + k < 8 && base + chunk->ragged_lines[k] != last_line)
            g_string_append_printf (lines, "%s%u", lines->len > 0 ? ", " : "", base + chunk->ragged_lines[k]);
          last_line = base + chunk->ragged_lines[k];
        }
      n_ragged += chunk->n_ragged;
    }
  if (n_ragged == 0)
    return TRUE;

  /* Translators: follows "found N" in the message about ragged rows; %s
   * lists line numbers, such as "12, 40, 41". */
  also = lines->len > 0 ? g_strdup_printf (_(" (also lines %s)"), lines->str) : g_strdup ("");
  g_set_error (error, MC_CSV_ERROR, MC_CSV_ERROR_RAGGED_ROWS,
               g_dngettext (GETTEXT_PACKAGE,
                            /* Translators: the first %u is how many fields the header has, the
                             * second how many the first ragged row has, %s says which other lines
                             * are ragged (or is empty), %zu counts ragged rows, %c is the
                             * delimiter. */
                            "expected %u fields as in the header, found %u%s; %zu ragged row(s) in all. "
                            "Quote values that contain the delimiter '%c', or fix the rows, and open the "
                            "file again",
                            "expected %u fields as in the header, found %u%s; %zu ragged row(s) in all. "
                            "Quote values that contain the delimiter '%c', or fix the rows, and open the "
                            "file again", n_ragged),
               job->n_columns, first_fields, also, n_ragged,
               job->source->whitespace ? ' ' : job->source->delimiter);
  g_prefix_error (error, "%s:%u: ", job->source->path, first_line);
  return FALSE;
}

static guint32 *
merge_row_lines (Job   *job,
                 gsize *n_rows)
{
  gsize total = 0, at = 0;
  guint32 *lines;

  for (guint i = 0; i < job->n_chunks; i++)
    total += job->chunks[i].n_rows;
  lines = g_new (guint32, MAX (total, 1));
  for (guint i = 0; i < job->n_chunks; i++)
    {
      McChunk *chunk = &job->chunks[i];
      guint32 base = slice_first_line (job, i);

      for (gsize r = 0; r < chunk->n_rows; r++)
        lines[at++] = base + chunk->row_lines[r];
    }
  *n_rows = total;
  return lines;
}

static McChunkColumn *
merge_column (Job   *job,
              guint  index)
{
  McChunkColumn *into = &job->chunks[0].columns[index];

  for (guint i = 1; i < job->n_chunks; i++)
    mc_chunk_column_merge (into, &job->chunks[i].columns[index]);
  return into;
}

static guint32
count_lines (const Source *source,
             gsize         from,
             gsize         to)
{
  char terminator = source->cr_lines ? '\r' : '\n';
  guint32 lines = 0;

  for (gsize i = from; i < to; i++)
    lines += source->text[i] == terminator;
  return lines;
}

/* Finds where the data rows start, after the header if there is one. */
static void
locate_data (Job *job)
{
  const Source *source = job->source;
  gsize open_quote;

  job->data_start = source->start;
  if (job->has_header)
    job->data_start = next_record_start (source, source->start, source->start + 1, &open_quote);
  job->first_line = 1 + count_lines (source, source->start, job->data_start);
}

typedef enum
{
  PASS_DONE,
  PASS_FAILED,
  PASS_RECUT,        /* a slice boundary fell inside a quoted field */
  PASS_CONVERT,      /* the file is not UTF-8 after all */
} PassResult;

static PassResult
check_seams (Job     *job,
             GError **error)
{
  if (g_cancellable_set_error_if_cancelled (job->cancellable, error))
    return PASS_FAILED;
  for (guint i = 0; i < job->n_chunks; i++)
    if (job->chunks[i].read_errno != 0)
      {
        /* A file cut short while it was read ends before its slices do. */
        if (!source_unchanged (job->source, error))
          return PASS_FAILED;
        /* Translators: %s says why, such as "Input/output error". */
        g_set_error (error, MC_CSV_ERROR, MC_CSV_ERROR_IO, _("cannot read the file: %s"),
                     g_strerror (job->chunks[i].read_errno));
        g_prefix_error (error, "%s: ", job->source->path);
        return PASS_FAILED;
      }
  for (guint i = 0; i < job->n_chunks; i++)
    if (job->chunks[i].invalid_utf8)
      return PASS_CONVERT;
  for (guint i = 0; i + 1 < job->n_chunks; i++)
    if (job->chunks[i].unterminated)
      return PASS_RECUT;
  if (job->chunks[job->n_chunks - 1].unterminated)
    {
      /* Every earlier slice ended cleanly, so the quote is really open. */
      if (check_quotes_closed (job->source, job->data_start, error))
        {
          g_set_error_literal (error, MC_CSV_ERROR, MC_CSV_ERROR_UNTERMINATED_QUOTE,
                               _("unterminated quoted field at the end of the file"));
          g_prefix_error (error, "%s: ", job->source->path);
        }
      return PASS_FAILED;
    }
  return check_ragged_rows (job, error) ? PASS_DONE : PASS_FAILED;
}

typedef struct
{
  Job        *job;
  McColumn  **columns;
  GPtrArray **notes;        /* one list per column, joined in order */
  gint        next;
} Finishing;

static gpointer
finish_columns_thread (gpointer data)
{
  Finishing *f = data;
  guint c;

  while ((c = (guint) g_atomic_int_add (&f->next, 1)) < f->job->n_columns)
    {
      McChunkColumn *merged = merge_column (f->job, c);

      /* Text is settled from its distinct values (mc-csv-text.c), the
       * other storages by their type (mc-csv-finish.c). */
      if (merged->storage == MC_STORAGE_STRING)
        f->columns[c] = mc_csv_finish_strings (merged, f->job->names[c], f->notes[c]);
      else
        f->columns[c] = mc_chunk_column_finish (merged, f->job->names[c], f->notes[c]);
    }
  return NULL;
}

/* Merges the slices and settles each column's type, columns spread over
 * the threads: they are independent. NULL columns must be read again. */
static void
finish_columns (Job       *job,
                McColumn **columns)
{
  Finishing f = { job, columns, g_new0 (GPtrArray *, job->n_columns), 0 };
  guint n_threads = MIN (job->n_threads, job->n_columns);
  g_autofree GThread **threads = g_new0 (GThread *, n_threads);

  for (guint c = 0; c < job->n_columns; c++)
    f.notes[c] = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 1; i < n_threads; i++)
    threads[i] = g_thread_new ("mercato-csv-finish", finish_columns_thread, &f);
  finish_columns_thread (&f);
  for (guint i = 1; i < n_threads; i++)
    g_thread_join (threads[i]);

  for (guint c = 0; c < job->n_columns; c++)
    {
      g_ptr_array_extend_and_steal (job->source->notes, f.notes[c]);
      f.notes[c] = NULL;
    }
  g_free (f.notes);
}

static gboolean
run_pass (Job             *job,
          const McStorage *storages,
          gboolean         report,
          GError         **error)
{
  gboolean exact = FALSE;

  for (;;)
    {
      PassResult result;

      cut_slices (job, storages, report, exact);
      parse_slices (job, report);
      result = check_seams (job, error);
      if (result == PASS_DONE)
        {
          if (report)
            report_progress (job, job->source->len, job->source->len);
          return TRUE;
        }
      clear_slices (job);
      switch (result)
        {
        case PASS_RECUT:
          g_debug ("%s: a slice ended inside a quoted field; cutting again", job->source->path);
          exact = TRUE;
          break;
        case PASS_CONVERT:
          if (!source_convert (job->source, NULL, error))
            return FALSE;
          locate_data (job);
          break;
        case PASS_FAILED:
        case PASS_DONE:
        default:
          return FALSE;
        }
    }
}

/* Reads again, as text, the columns whose values did not fit the storage
 * the sniffer chose. */
static gboolean
reread_as_text (Job       *job,
                McColumn **columns,
                GError   **error)
{
  g_autofree McStorage *storages = g_new0 (McStorage, job->n_columns);
  gboolean any = FALSE;

  for (guint c = 0; c < job->n_columns; c++)
    if (columns[c] == NULL)
      {
        storages[c] = MC_STORAGE_STRING;
        any = TRUE;
      }
  if (!any)
    return TRUE;
  if (!run_pass (job, storages, FALSE, error))
    return FALSE;
  for (guint c = 0; c < job->n_columns; c++)
    if (columns[c] == NULL)
      columns[c] = mc_csv_finish_strings (merge_column (job, c), job->names[c], job->source->notes);
  clear_slices (job);
  return TRUE;
}

static McStorage *
choose_storages (Job       *job,
                 GPtrArray *rows,
                 guint      first_data_row)
{
  McStorage *storages = g_new0 (McStorage, job->n_columns);
  g_autofree const char **values = g_new0 (const char *, MAX (rows->len, 1));

  for (guint c = 0; c < job->n_columns; c++)
    {
      guint n = 0;

      for (guint r = first_data_row; r < rows->len; r++)
        {
          GPtrArray *row = g_ptr_array_index (rows, r);

          if (c < row->len)
            values[n++] = g_ptr_array_index (row, c);
        }
      storages[c] = mc_storage_for_values (values, n, mc_name_is_id_like (job->names[c]));
    }
  return storages;
}

/* Settles header, names and first storages from the first rows. */
static McStorage *
sniff_layout (Job                    *job,
              const McCsvReadOptions *options,
              gboolean               *has_header)
{
  Source *source = job->source;
  gsize sample_end, open_quote;
  guint n_sampled;
  g_autoptr(GPtrArray) rows = NULL;
  GPtrArray *first;

  sample_end = next_record_start (source, source->start, MIN (source->len, source->start + 4 * SNIFF_BYTES), &open_quote);
  rows = read_sample (source, sample_end);
  n_sampled = rows->len;
  if (rows->len > SAMPLE_ROWS)
    g_ptr_array_set_size (rows, SAMPLE_ROWS);
  first = g_ptr_array_index (rows, 0);

  switch (options->header)
    {
    case MC_CSV_HEADER_PRESENT: *has_header = TRUE; break;
    case MC_CSV_HEADER_ABSENT: *has_header = FALSE; break;
    case MC_CSV_HEADER_AUTO:
    default:
      *has_header = !first_row_is_data (first);
      break;
    }
  job->n_columns = first->len;
  job->names = mc_csv_column_names (*has_header ? first : NULL, job->n_columns);
  job->has_header = *has_header;
  locate_data (job);
  job->bytes_per_row = MAX (1.0, (double) (sample_end - job->data_start) / MAX (n_sampled - (*has_header ? 1 : 0), 1));
  return choose_storages (job, rows, *has_header ? 1 : 0);
}

static McTable *
build_table (Job        *job,
             McColumn  **columns,
             guint32    *row_lines,
             gsize       n_rows,
             gboolean    has_header)
{
  g_autofree char *base = g_path_get_basename (job->source->path);
  char *dot = strrchr (base, '.');
  McTable *table;

  if (dot != NULL && dot != base)
    *dot = '\0';
  table = mc_table_new (base, job->source->path);
  for (guint c = 0; c < job->n_columns; c++)
    mc_table_add_column (table, columns[c]);
  mc_table_set_row_lines (table, row_lines, n_rows);
  mc_table_set_encoding (table, job->source->encoding);
  mc_table_set_delimiter (table, job->source->delimiter, job->source->whitespace);
  mc_table_set_line_ending (table, job->source->line_ending);
  mc_table_set_has_header (table, has_header);
  for (guint i = 0; i < job->source->notes->len; i++)
    mc_table_add_note (table, g_ptr_array_index (job->source->notes, i));
  return table;
}

static gboolean
source_open (Source                 *source,
             const char             *path,
             const McCsvReadOptions *options,
             GError                **error)
{
  g_autoptr(GError) local_error = NULL;

  source->path = path;
  source->fd = -1;
  source->encoding = "utf-8";
  source->notes = g_ptr_array_new_with_free_func (g_free);
  /* O_NONBLOCK: opening a FIFO named .csv must not wait for a writer. */
  source->fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK, 0);
  if (source->fd < 0)
    {
      int saved_errno = errno;   /* looking up the translation may change errno */

      g_set_error (error, MC_CSV_ERROR, MC_CSV_ERROR_IO, _("cannot open the file: %s"), g_strerror (saved_errno));
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }
  if (fstat (source->fd, &source->opened) != 0 || !S_ISREG (source->opened.st_mode))
    {
      g_set_error_literal (error, MC_CSV_ERROR, MC_CSV_ERROR_IO,
                           _("not a regular file (a pipe, a device or a folder); save the data to a file and "
                             "open that"));
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }
  source->mapping = g_mapped_file_new_from_fd (source->fd, FALSE, &local_error);
  if (source->mapping == NULL)
    {
      /* Translators: %s says why, such as "No such file or directory". */
      g_set_error (error, MC_CSV_ERROR, MC_CSV_ERROR_IO, _("cannot open the file: %s"), local_error->message);
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }
  source->text = g_mapped_file_get_contents (source->mapping);
  source->len = g_mapped_file_get_length (source->mapping);
  if (source->text == NULL)
    source->text = "";
  if (!source_fix_encoding (source, error))
    return FALSE;
  detect_line_ending (source);
  detect_delimiter (source, options->delimiter);
  if (source->whitespace)
    normalise_whitespace (source);

  for (gsize i = source->start; i < source->len; i++)
    if (!g_ascii_isspace (source->text[i]))
      return TRUE;
  g_set_error_literal (error, MC_CSV_ERROR, MC_CSV_ERROR_EMPTY,
                       _("the file is empty; export the data again with a header row"));
  g_prefix_error (error, "%s: ", path);
  return FALSE;
}

/* For tuning: G_MESSAGES_DEBUG=mc-csv-reader shows where time goes. */
static void
log_phase (const char *path,
           const char *phase,
           gint64      started)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  g_debug ("%s: %s at %.3f s, peak memory %ld MB", path, phase,
           (g_get_monotonic_time () - started) / 1e6, usage.ru_maxrss / 1024);
}

/**
 * mc_csv_read:
 *
 * Reads PATH into a table. Runs on the calling thread plus one worker per
 * slice; PROGRESS is called on the calling thread. Errors name the file,
 * and the line and column where one applies.
 */
McTable *
mc_csv_read (const char             *path,
             const McCsvReadOptions *options,
             McCsvProgressFunc       progress,
             gpointer                user_data,
             GCancellable           *cancellable,
             GError                **error)
{
  static const McCsvReadOptions defaults = { 0 };
  g_auto(Source) source = { .fd = -1 };
  g_autofree McStorage *storages = NULL;
  g_autofree McColumn **columns = NULL;
  Job job = { 0 };
  gint64 started = g_get_monotonic_time ();
  guint32 *row_lines = NULL;
  gboolean has_header = TRUE;
  gsize n_rows = 0;
  McTable *table = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    options = &defaults;
  if (!source_open (&source, path, options, error))
    return NULL;
  log_phase (path, "opened and sniffed", started);

  job.source = &source;
  job.n_threads = options->n_threads > 0 ? options->n_threads : g_get_num_processors ();
  job.progress_func = progress;
  job.user_data = user_data;
  job.cancellable = cancellable;
  g_mutex_init (&job.mutex);
  g_cond_init (&job.cond);

  storages = sniff_layout (&job, options, &has_header);
  columns = g_new0 (McColumn *, job.n_columns);
  if (!run_pass (&job, storages, TRUE, error))
    goto out;

  if (!source_unchanged (&source, error))
    goto out;
  log_phase (path, "parsed", started);
  row_lines = merge_row_lines (&job, &n_rows);
  finish_columns (&job, columns);
  clear_slices (&job);
#ifdef __GLIBC__
  /* The slices' small allocations were freed on the worker threads, into
   * malloc arenas that keep the pages; give them back before the columns
   * are used, so that they do not add to the peak memory. */
  malloc_trim (0);
#endif

  log_phase (path, "merged and typed", started);
  if (!reread_as_text (&job, columns, error))
    goto out;
  table = build_table (&job, columns, g_steal_pointer (&row_lines), n_rows, has_header);

out:
  for (guint c = 0; c < job.n_columns; c++)
    g_clear_pointer (&columns[c], mc_column_unref);
  g_free (row_lines);
  g_strfreev (job.names);
  g_mutex_clear (&job.mutex);
  g_cond_clear (&job.cond);
  return table;
}
