/* mc-csv-private.h: the reader's parts shared between its files
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <csv.h>
#include <gio/gio.h>

#include "mc-column.h"
#include "mc-value-parse.h"

G_BEGIN_DECLS

/* mc-csv-intern.c: a text column's dictionary while it is read. */
typedef struct _McCsvIntern McCsvIntern;

McCsvIntern *mc_csv_intern_new  (GPtrArray    *dict,
                                 GStringChunk *arena);
void         mc_csv_intern_free (McCsvIntern  *self);
guint32      mc_csv_intern      (McCsvIntern  *self,
                                 const char   *text,
                                 gsize         len);

/* How a chunk stores a column while tokenising. Every chunk starts a
 * column with the storage the sniffer chose and may only widen it along
 * INT → DOUBLE, DATE → DATETIME, DATE_AB → DATETIME_AB; text stored as
 * STRING can always be converted later, so it is the fallback. */
typedef enum
{
  MC_STORAGE_SKIP,
  MC_STORAGE_STRING,
  MC_STORAGE_INT,
  MC_STORAGE_DOUBLE,
  MC_STORAGE_DATE,
  MC_STORAGE_DATETIME,
  MC_STORAGE_DATE_AB,
  MC_STORAGE_DATETIME_AB,
  MC_STORAGE_BOOL,
  MC_STORAGE_UUID,
} McStorage;

/* How a column's UUIDs are written, from most of the first rows: a cell
 * written in another form is kept verbatim (its own case, hyphens). */
typedef enum
{
  MC_UUID_FORM_LOWER = 0,
  MC_UUID_FORM_UPPER = 1 << 0,
  MC_UUID_FORM_PLAIN = 1 << 1,   /* 32 hex digits, no hyphens */
} McUuidForm;

#define MC_N_UUID_FORMS 4

typedef struct
{
  guint32          row;
  McCellIssueKind  kind;
  const char      *raw;   /* in the chunk column's arena */
} McChunkIssue;

typedef struct
{
  McStorage     storage;
  gsize         n;
  gsize         capacity;
  gpointer      data;
  guint64      *missing;
  gsize         n_missing;
  McCsvIntern  *intern;      /* text → code, for STRING storage */
  GStringChunk *arena;
  GPtrArray    *dict;
  GArray       *issues;      /* McChunkIssue */

  /* Evidence for decisions that need the whole column. */
  gsize         n_by_syntax[7];   /* indexed by McNumberSyntax */
  int           max_a;
  int           max_b;
  gboolean      unpadded;     /* a day or month written with one digit: 1/5/24 */
  McUuidForm    uuid_form;    /* UUID storage: the form cells are printed in */
  /* DATETIME storage: bit r set = row r was written as a plain date
   * (2021-03-04); NULL until one is. Decides how midnights print. */
  guint64      *date_only;
} McChunkColumn;

typedef struct _McChunk
{
  /* What to parse. */
  const char        *text;
  gsize              begin;
  gsize              end;
  char               delimiter;
  gboolean           cr_lines;        /* lines end with a bare CR */
  gboolean           has_quotes;      /* seen so far */
  guint              n_columns;
  const McStorage   *storages;
  const McUuidForm  *uuid_forms;      /* per column, for UUID storage */
  gsize             *progress;        /* bytes parsed, shared */
  GCancellable      *cancellable;
  int                fd;              /* read with pread() when >= 0 */
  gsize              expected_rows;   /* from the sniffed bytes per row */
  gsize              file_size;

  /* What it produced. */
  McChunkColumn     *columns;
  gsize              n_rows;
  guint32           *row_lines;       /* relative to the chunk's first line */
  gsize              lines_capacity;
  guint32            n_lines;         /* line terminators seen */
  guint32            ragged_lines[8];
  guint              ragged_fields[8];
  gsize              n_ragged;
  gboolean           cancelled;
  gboolean           unterminated;    /* ended inside a quoted field */
  gboolean           invalid_utf8;
  int                read_errno;
  gsize              nul_offset;      /* of the first NUL byte, or G_MAXSIZE */

  /* Tokeniser state. */
  guint              field;
  guint32            line;
  guint32            pending_newlines;
} __attribute__ ((aligned (64))) McChunk;  /* threads never share a cache line */

gboolean    mc_text_is_utf8           (const char      *text,
                                       gsize            len);
void        mc_chunk_init             (McChunk         *chunk);
void        mc_chunk_parse            (McChunk         *chunk);
void        mc_chunk_clear            (McChunk         *chunk);
/* The realloc function every libcsv parser uses (geometric growth). */
void       *mc_csv_grow_field         (void            *buffer,
                                       size_t           size);

/* mc-csv-cells.c: a slice's column. TEXT is NUL-terminated. */
void        mc_chunk_column_init      (McChunkColumn   *column,
                                       McStorage        storage,
                                       gsize            capacity,
                                       gsize            text_bytes);
void        mc_chunk_column_add       (McChunkColumn   *column,
                                       gsize            row,
                                       const char      *text,
                                       gsize            len);
void        mc_chunk_column_clear     (McChunkColumn   *column);
void        mc_chunk_column_init_text (McChunkColumn   *column,
                                       gsize            capacity);
void        mc_chunk_column_append_text (McChunkColumn *column,
                                       const char      *text);
GStrv       mc_csv_column_names       (GPtrArray       *header,
                                       guint            n_columns);
void        mc_chunk_column_merge     (McChunkColumn   *into,
                                       McChunkColumn   *from);
McStorage   mc_storage_for_values     (const char     **values,
                                       guint            n_values,
                                       gboolean         id_like);
/* Counts WEIGHT rows of a UUID read with LETTER_CASE and PLAIN
 * (mc_parse_uuid) for its form; the form with most votes is elected. */
void        mc_uuid_form_vote         (gsize            votes[MC_N_UUID_FORMS],
                                       int              letter_case,
                                       gboolean         plain,
                                       gsize            weight);
McUuidForm  mc_uuid_form_elected      (const gsize      votes[MC_N_UUID_FORMS]);
/* The form most of VALUES' UUIDs are written in. */
McUuidForm  mc_uuid_form_for_values   (const char     **values,
                                       guint            n_values);
/* Whether a UUID read with LETTER_CASE and PLAIN (mc_parse_uuid) prints
 * back in FORM. */
gboolean    mc_uuid_form_matches      (McUuidForm       form,
                                       int              letter_case,
                                       gboolean         plain);
gboolean    mc_name_is_id_like        (const char      *name);

/* Turns a merged chunk column of any storage but text into a column; NULL
 * when the column must be read again as text (too many values that do not
 * fit its storage). Text columns go to mc_csv_finish_strings(). */
McColumn   *mc_chunk_column_finish    (McChunkColumn   *merged,
                                       const char      *name,
                                       GPtrArray       *notes);

/* For tests: called at each phase of a read, so that a test can change
 * the file between them (tests/test-reader-faults.c). */
typedef enum
{
  MC_CSV_PHASE_OPENED,    /* mapped, nothing read yet */
  MC_CSV_PHASE_SNIFFED,   /* dialect and first rows read, slices not yet */
  MC_CSV_PHASE_RECUT,     /* before the quote-aware scan of a second cut */
} McCsvPhase;

extern void (*mc_csv_phase_hook) (McCsvPhase  phase,
                                  const char *path);

G_END_DECLS

G_BEGIN_DECLS
gboolean    mc_packed_date_to_days    (gint64           packed,
                                       gboolean         day_first,
                                       gint32          *days);
gboolean    mc_decide_day_first       (const McChunkColumn *merged,
                                       const char      *name,
                                       GPtrArray       *notes);
McColumn   *mc_csv_finish_strings     (McChunkColumn   *merged,
                                       const char      *name,
                                       GPtrArray       *notes);
gboolean    mc_chunk_row_is_missing   (const McChunkColumn *column,
                                       gsize            row);
McColumn   *mc_chunk_column_take      (McChunkColumn   *merged,
                                       const char      *name,
                                       McColumnType     type);
void        mc_chunk_column_add_issue (McChunkColumn   *column,
                                       gsize            row,
                                       McCellIssueKind  kind,
                                       const char      *raw);
/* A cell read fine whose text would not print back the same: RAW is kept
 * to write it back unchanged (MC_CELL_ISSUE_VERBATIM). */
void        mc_chunk_column_add_verbatim (McChunkColumn   *column,
                                          gsize            row,
                                          const char      *raw);
/* Whether a value of TYPE read from TEXT prints back as TEXT. */
gboolean    mc_csv_prints_back        (McColumnType     type,
                                       const char      *text,
                                       gsize            len);
G_END_DECLS
