/* mc-csv-source.c: the file a CSV reader reads: opened without blocking,
 * mapped safely (mc-mapping.h), its encoding fixed, its line ends and
 * delimiter sniffed, and its record boundaries found with libcsv's rules
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-csv-reader"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "mc-csv-reader-private.h"

/* Here, in the reader's lowest file, so that every part of the reader
 * can fail with it without calling back up (mc-csv-reader.h). */
G_DEFINE_QUARK (mc-csv-error-quark, mc_csv_error)

#define SNIFF_LINES 200

void
mc_csv_source_clear (Source *source)
{
  g_clear_pointer (&source->mapping, mc_mapping_free);
  if (source->fd >= 0)
    close (source->fd);
  source->fd = -1;
  g_clear_pointer (&source->owned, g_free);
  g_clear_pointer (&source->notes, g_ptr_array_unref);
}


void (*mc_csv_phase_hook) (McCsvPhase  phase,
                           const char *path) = NULL;

void
mc_csv_reach_phase (const Source *source,
                    McCsvPhase    phase)
{
  if (G_UNLIKELY (mc_csv_phase_hook != NULL))
    mc_csv_phase_hook (phase, source->path);
}

/* A file another program rewrites while it is read gives rows of two
 * versions, or ends early: say so rather than analyse half a file. A
 * mapping read past the new end of the file read zeros (mc-mapping.h). */
gboolean
mc_csv_source_unchanged (const Source  *source,
                         GError       **error)
{
  struct stat now;

  if ((source->mapping == NULL || !mc_mapping_faulted (source->mapping))
      && fstat (source->fd, &now) == 0 && now.st_size == source->opened.st_size
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
gboolean
mc_csv_source_convert (Source      *source,
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
    return mc_csv_source_convert (source, "UTF-16", error);

  window = MIN (source->len, source->start + 4 * MC_CSV_SNIFF_BYTES);
  while (window < source->len && ((guchar) source->text[window] & 0xC0) == 0x80)
    window++;
  if (mc_text_is_utf8 (source->text + source->start, window - source->start))
    return TRUE;
  return mc_csv_source_convert (source, NULL, error);
}

static void
detect_line_ending (Source *source)
{
  const char *text = source->text + source->start;
  gsize len = MIN (source->len - source->start, MC_CSV_SNIFF_BYTES);
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
  gsize len = MIN (source->len - source->start, MC_CSV_SNIFF_BYTES);
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
gsize
mc_csv_next_record_start (const Source *source,
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

gboolean
mc_csv_check_quotes_closed (const Source *source,
                            gsize         from,
                            GError      **error)
{
  gsize open_quote;
  guint line, column;

  mc_csv_next_record_start (source, from, source->len, &open_quote);
  if (!mc_csv_source_unchanged (source, error))
    return FALSE;
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

/* A NUL byte is never text: a cell holding one cannot be kept (text is
 * a C string in every layer) and must not be cut short silently. */
void
mc_csv_refuse_nul (const Source  *source,
                   gsize          offset,
                   GError       **error)
{
  guint line, column;

  offset_to_line_column (source, offset, &line, &column);
  if (!mc_csv_source_unchanged (source, error))
    return;
  g_set_error_literal (error, MC_CSV_ERROR, MC_CSV_ERROR_PARSE,
                       _("a NUL byte (code 0) inside a cell: text never holds one, so the file is damaged or "
                         "is not text (UTF-16 without a byte order mark?); remove the byte, or export the data "
                         "again as UTF-8 CSV"));
  g_prefix_error (error, "%s:%u:%u: ", source->path, line, column);
}

guint32
mc_csv_count_lines (const Source *source,
                    gsize         from,
                    gsize         to)
{
  char terminator = source->cr_lines ? '\r' : '\n';
  guint32 lines = 0;

  for (gsize i = from; i < to; i++)
    lines += source->text[i] == terminator;
  return lines;
}


gboolean
mc_csv_source_open (Source                 *source,
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
  source->text = "";
  source->len = source->opened.st_size;
  if (source->len > 0)
    source->mapping = mc_mapping_new (source->fd, source->len, &local_error);
  if (source->len > 0 && source->mapping == NULL)
    {
      /* Translators: %s says why, such as "No such file or directory". */
      g_set_error (error, MC_CSV_ERROR, MC_CSV_ERROR_IO, _("cannot open the file: %s"), local_error->message);
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }
  if (source->mapping != NULL)
    source->text = mc_mapping_get_data (source->mapping);
  mc_csv_reach_phase (source, MC_CSV_PHASE_OPENED);
  if (!source_fix_encoding (source, error) || !mc_csv_source_unchanged (source, error))
    return FALSE;
  detect_line_ending (source);
  detect_delimiter (source, options->delimiter);
  if (source->whitespace)
    normalise_whitespace (source);
  if (!mc_csv_source_unchanged (source, error))
    return FALSE;

  for (gsize i = source->start; i < source->len; i++)
    if (!g_ascii_isspace (source->text[i]))
      return mc_csv_source_unchanged (source, error);
  g_set_error_literal (error, MC_CSV_ERROR, MC_CSV_ERROR_EMPTY,
                       _("the file is empty; export the data again with a header row"));
  g_prefix_error (error, "%s: ", path);
  return FALSE;
}
