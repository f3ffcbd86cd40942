/* mc-csv-slices.c: cut the data into one slice per core at record
 * boundaries, parse the slices on their own threads (mc-csv-chunk.c),
 * check the seams between them, and merge and type the columns on every
 * core (mc-csv-finish.c)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-csv-reader"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "mc-csv-reader-private.h"

#define MIN_SLICE (1 << 20)

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
        end = mc_csv_next_record_start (source, begin, target, &open_quote);
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
      chunk->uuid_forms = job->uuid_forms;
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
  job->progress_func (MC_CSV_PARSE_SHARE * done / MAX (total, 1), NULL, job->user_data);
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

void
mc_csv_clear_slices (Job *job)
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

guint32 *
mc_csv_merge_row_lines (Job   *job,
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

/* Finds where the data rows start, after the header if there is one. */
void
mc_csv_locate_data (Job *job)
{
  const Source *source = job->source;
  gsize open_quote;

  job->data_start = source->start;
  if (job->has_header)
    job->data_start = mc_csv_next_record_start (source, source->start, source->start + 1, &open_quote);
  job->first_line = 1 + mc_csv_count_lines (source, source->start, job->data_start);
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
  /* Cutting read the mapping: it must still be the file's. */
  if (!mc_csv_source_unchanged (job->source, error))
    return PASS_FAILED;
  for (guint i = 0; i < job->n_chunks; i++)
    if (job->chunks[i].read_errno != 0)
      {
        /* A file cut short while it was read ends before its slices do. */
        if (!mc_csv_source_unchanged (job->source, error))
          return PASS_FAILED;
        /* Translators: %s says why, such as "Input/output error". */
        g_set_error (error, MC_CSV_ERROR, MC_CSV_ERROR_IO, _("cannot read the file: %s"),
                     g_strerror (job->chunks[i].read_errno));
        g_prefix_error (error, "%s: ", job->source->path);
        return PASS_FAILED;
      }
  for (guint i = 0; i < job->n_chunks; i++)
    if (job->chunks[i].nul_offset != G_MAXSIZE)
      {
        mc_csv_refuse_nul (job->source, job->chunks[i].nul_offset, error);
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
      if (mc_csv_check_quotes_closed (job->source, job->data_start, error))
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
void
mc_csv_finish_columns (Job       *job,
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

gboolean
mc_csv_run_pass (Job             *job,
                 const McStorage *storages,
                 gboolean         report,
                 GError         **error)
{
  gboolean exact = FALSE;

  for (;;)
    {
      PassResult result;

      if (exact)
        mc_csv_reach_phase (job->source, MC_CSV_PHASE_RECUT);
      cut_slices (job, storages, report, exact);
      parse_slices (job, report);
      result = check_seams (job, error);
      if (result == PASS_DONE)
        {
          if (report)
            report_progress (job, job->source->len, job->source->len);
          return TRUE;
        }
      mc_csv_clear_slices (job);
      switch (result)
        {
        case PASS_RECUT:
          g_debug ("%s: a slice ended inside a quoted field; cutting again", job->source->path);
          exact = TRUE;
          break;
        case PASS_CONVERT:
          if (!mc_csv_source_convert (job->source, NULL, error) || !mc_csv_source_unchanged (job->source, error))
            return FALSE;
          mc_csv_locate_data (job);
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
gboolean
mc_csv_reread_as_text (Job       *job,
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
  if (!mc_csv_run_pass (job, storages, FALSE, error))
    return FALSE;
  for (guint c = 0; c < job->n_columns; c++)
    if (columns[c] == NULL)
      columns[c] = mc_csv_finish_strings (merge_column (job, c), job->names[c], job->source->notes);
  mc_csv_clear_slices (job);
  return TRUE;
}
