/* mc-csv-reader-private.h: the CSV reader's source and job, shared by
 * mc-csv-reader.c (sniffing the layout, the entry point), mc-csv-source.c
 * (the file: opening, encoding, dialect, record boundaries) and
 * mc-csv-slices.c (cutting, parsing on every core, merging)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sys/stat.h>

#include "mc-csv-private.h"
#include "mc-csv-reader.h"
#include "mc-mapping.h"

/* Parsing is most of the reading; merging the slices and settling the
 * columns' types the rest. */
#define MC_CSV_PARSE_SHARE 0.9

G_BEGIN_DECLS

/* The dialect is sniffed from this many bytes, the layout from four
 * times as many. */
#define MC_CSV_SNIFF_BYTES (64 * 1024)

typedef struct
{
  const char   *path;
  McMapping    *mapping;      /* for sniffing and the quote-aware scan */
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

void        mc_csv_source_clear        (Source                 *source);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Source, mc_csv_source_clear)

typedef struct
{
  Source             *source;
  gsize               data_start;
  guint32             first_line;     /* source line of the first data row */
  guint               n_columns;
  GStrv               names;
  gboolean            has_header;
  double              bytes_per_row;   /* in the sample, to size arrays */
  McUuidForm         *uuid_forms;      /* per column, from the sample */
  guint               n_threads;
  McChunk            *chunks;
  guint               n_chunks;
  gsize               progress;
  gsize               unreported;     /* bytes of passes that do not report */
  guint64             reported;       /* the most progress reported yet */
  GMutex              mutex;
  GCond               cond;
  guint               n_done;
  McProgressFunc      progress_func;
  gpointer            user_data;
  char               *typing_stage;   /* named once parsing is done */
  GCancellable       *cancellable;
} Job;

/* mc-csv-source.c */
gboolean    mc_csv_source_open         (Source                 *source,
                                        const char             *path,
                                        const McCsvReadOptions *options,
                                        GError                **error);
gboolean    mc_csv_source_unchanged    (const Source           *source,
                                        GError                **error);
gboolean    mc_csv_source_convert      (Source                 *source,
                                        const char             *from,
                                        GError                **error);
void        mc_csv_reach_phase         (const Source           *source,
                                        McCsvPhase              phase);
gsize       mc_csv_next_record_start   (const Source           *source,
                                        gsize                   from,
                                        gsize                   target,
                                        gsize                  *open_quote);
guint32     mc_csv_count_lines         (const Source           *source,
                                        gsize                   from,
                                        gsize                   to);
gboolean    mc_csv_check_quotes_closed (const Source           *source,
                                        gsize                   from,
                                        GError                **error);
void        mc_csv_refuse_nul          (const Source           *source,
                                        gsize                   offset,
                                        GError                **error);

/* mc-csv-slices.c */
void        mc_csv_locate_data         (Job                    *job);
gboolean    mc_csv_run_pass            (Job                    *job,
                                        const McStorage        *storages,
                                        gboolean                report,
                                        GError                **error);
guint32    *mc_csv_merge_row_lines     (Job                    *job,
                                        gsize                  *n_rows);
void        mc_csv_finish_columns      (Job                    *job,
                                        McColumn              **columns);
gboolean    mc_csv_reread_as_text      (Job                    *job,
                                        McColumn              **columns,
                                        GError                **error);
void        mc_csv_clear_slices        (Job                    *job);

G_END_DECLS
