/* mc-csv-reader.c: read a CSV file into a typed, columnar McTable
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file is opened and its dialect sniffed (mc-csv-source.c), its
 * layout settled from the first rows (here), then it is cut at record
 * boundaries into one slice per core; each slice is tokenised by libcsv
 * on its own thread into typed columns (mc-csv-slices.c, mc-csv-chunk.c),
 * the slices are merged, and each column's type is settled from all of
 * its values (mc-csv-finish.c, mc-csv-text.c).
 */
#define G_LOG_DOMAIN "mc-csv-reader"

#include "config.h"

#include <string.h>
#include <sys/resource.h>
#ifdef __GLIBC__
#include <malloc.h>

#include <glib/gi18n-lib.h>
#endif

#include "mc-csv-reader-private.h"

#define SAMPLE_ROWS 1000

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
      job->uuid_forms[c] = mc_uuid_form_for_values (values, n);
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

  sample_end = mc_csv_next_record_start (source, source->start, MIN (source->len, source->start + 4 * MC_CSV_SNIFF_BYTES), &open_quote);
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
  job->uuid_forms = g_new0 (McUuidForm, job->n_columns);
  job->names = mc_csv_column_names (*has_header ? first : NULL, job->n_columns);
  job->has_header = *has_header;
  mc_csv_locate_data (job);
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

/* The stage after parsing, named for the user. */
static void
report_typing (Job *job)
{
  g_autofree char *name = NULL;

  if (job->progress_func == NULL)
    return;
  name = g_path_get_basename (job->source->path);
  /* Translators: %s is a file's name; its columns' types are being worked out. */
  job->typing_stage = g_strdup_printf (_("Finding types in %s"), name);
  job->progress_func (MC_CSV_PARSE_SHARE, job->typing_stage, job->user_data);
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
             McProgressFunc          progress,
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
  if (!mc_csv_source_open (&source, path, options, error))
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
  if (!mc_csv_source_unchanged (&source, error))
    goto out;
  mc_csv_reach_phase (&source, MC_CSV_PHASE_SNIFFED);
  if (!mc_csv_run_pass (&job, storages, TRUE, error))
    goto out;

  if (!mc_csv_source_unchanged (&source, error))
    goto out;
  log_phase (path, "parsed", started);
  report_typing (&job);
  row_lines = mc_csv_merge_row_lines (&job, &n_rows);
  mc_csv_finish_columns (&job, columns);
  mc_csv_clear_slices (&job);
#ifdef __GLIBC__
  /* The slices' small allocations were freed on the worker threads, into
   * malloc arenas that keep the pages; give them back before the columns
   * are used, so that they do not add to the peak memory. */
  malloc_trim (0);
#endif

  log_phase (path, "merged and typed", started);
  if (!mc_csv_reread_as_text (&job, columns, error))
    goto out;
  table = build_table (&job, columns, g_steal_pointer (&row_lines), n_rows, has_header);
  mc_progress_report (progress, user_data, 1.0, job.typing_stage);

out:
  for (guint c = 0; c < job.n_columns; c++)
    g_clear_pointer (&columns[c], mc_column_unref);
  g_free (row_lines);
  g_strfreev (job.names);
  g_free (job.uuid_forms);
  g_free (job.typing_stage);
  g_mutex_clear (&job.mutex);
  g_cond_clear (&job.cond);
  return table;
}
