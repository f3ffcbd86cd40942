/* mc-column.h: one typed column with a missing-value bitmap
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Columns are hot data: plain arrays, not GObjects. Fields marked
 * read-only may be read directly by analyses for speed. The value array
 * and the bitmap are mc_buffer allocations (mc-buffer.h).
 */
#pragma once

#include "mc-format.h"
#include "mc-types.h"

G_BEGIN_DECLS

typedef enum
{
  /* Text standing in for a value, such as "data layer field missing":
   * the cell is missing and the text is counted per distinct placeholder. */
  MC_CELL_ISSUE_PLACEHOLDER,
  /* A value that looks like data but did not parse as the column's type,
   * such as "12..5" in a number column: missing, kept for type_mismatch. */
  MC_CELL_ISSUE_MISMATCH,
  /* A value read as the column's type (or a missing-value token such as
   * "NA") whose text would not print back the same ("10.50", "+33…",
   * "12/31/2023"): RAW is the text, so that a cell no cleaning step
   * changes is written back exactly as read. The cell is not an issue
   * for the checks. */
  MC_CELL_ISSUE_VERBATIM,
} McCellIssueKind;

typedef struct
{
  guint32          row;   /* 0-based data row */
  McCellIssueKind  kind;
  const char      *raw;   /* the cell's text, owned by the column */
  double           value; /* VERBATIM: the value RAW was read as (NAN if missing) */
} McCellIssue;

struct _McColumn
{
  /*< public, read-only >*/
  char          *name;
  McColumnType   type;
  McRole         role;
  gboolean       role_overridden;
  gsize          n_rows;
  gsize          n_missing;
  guint64       *missing;      /* bit r set = row r missing; NULL if none */
  union {
    gint64      *i64;          /* INTEGER, DATETIME */
    double      *f64;          /* NUMBER */
    gint32      *days;         /* DATE */
    guint8      *bools;        /* BOOLEAN */
    guint32     *codes;        /* CATEGORY, TEXT, IDENTIFIER unless is_uuid */
    guint8      *uuids;        /* IDENTIFIER when is_uuid: 16 bytes a row */
    gpointer     data;
  } v;
  gboolean       is_uuid;
  gboolean       uuid_upper;   /* print UUIDs in upper case */
  gboolean       uuid_plain;   /* 32 hex digits without hyphens */
  gboolean       midnight_as_date; /* DATETIME: print 00:00:00 as the date alone */
  GPtrArray     *dict;         /* code -> const char *, strings in arena */
  GArray        *issues;       /* McCellIssue, sorted by row */
  char          *format;       /* how values were written, e.g. "%d/%m/%Y" */
  gboolean       float_ids;    /* every id written as a spreadsheet float, 16764.0 */

  /*< private >*/
  GStringChunk  *arena;
  /* Distinct values + 1 of a UUID column, 0 until a key set over the
   * whole column has counted them; cleared when a cell changes. */
  gsize          distinct_plus_one;
  gint           ref_count;
  struct _McColumn *shares;    /* an alias's column, whose data it reads */
};

McColumn     *mc_column_new               (const char   *name,
                                           McColumnType  type,
                                           gsize         n_rows);
/* A column of text (TYPE CATEGORY, TEXT or IDENTIFIER) holding the N
 * strings of VALUES, NULL for a missing cell: for tables an analysis
 * makes (RFM scores, segments) to be written as typed files. */
McColumn     *mc_column_new_strings       (const char   *name,
                                           McColumnType  type,
                                           const char * const *values,
                                           gsize         n);
McColumn     *mc_column_ref               (McColumn     *self);
/* The same cells under another name and role, sharing SELF's arrays:
 * for views such as the model's purchases. An alias is read-only. */
McColumn     *mc_column_new_alias         (McColumn     *self,
                                           const char   *name,
                                           McRole        role);
void          mc_column_unref             (McColumn     *self);

static inline gboolean
mc_column_is_missing (const McColumn *self,
                      gsize           row)
{
  return self->missing != NULL
      && (self->missing[row >> 6] & (G_GUINT64_CONSTANT (1) << (row & 63))) != 0;
}

/* The day (since 1970-01-01) of a DATE or DATETIME cell that is not
 * missing; datetimes before 1970 round down to their own day. */
static inline gint32
mc_column_get_day (const McColumn *self,
                   gsize           row)
{
  gint64 micros;

  if (self->type == MC_COLUMN_TYPE_DATE)
    return self->v.days[row];
  micros = self->v.i64[row];
  return (gint32) (micros >= 0 ? micros / G_GINT64_CONSTANT (86400000000)
                               : -((-micros + G_GINT64_CONSTANT (86400000000) - 1) / G_GINT64_CONSTANT (86400000000)));
}

void          mc_column_set_missing       (McColumn     *self,
                                           gsize         row);
void          mc_column_clear_missing     (McColumn     *self,
                                           gsize         row);
McColumn     *mc_column_select            (const McColumn *self,
                                           const gsize  *rows,
                                           gsize         n);
McColumn     *mc_column_gather            (const McColumn *self,
                                           const gssize *rows,
                                           gsize         n);
const char   *mc_column_get_string        (const McColumn *self,
                                           gsize         row);
char         *mc_column_format_value      (const McColumn *self,
                                           gsize         row);
/* An id as it is meant: 16764 for a spreadsheet's 16764.0 (float_ids). */
char         *mc_column_format_key        (const McColumn *self,
                                           gsize         row);
gboolean      mc_column_get_double        (const McColumn *self,
                                           gsize         row,
                                           double       *value);
gboolean      mc_column_is_numeric        (const McColumn *self);
gboolean      mc_column_is_temporal       (const McColumn *self);
gboolean      mc_column_has_codes         (const McColumn *self);
guint         mc_column_intern            (McColumn     *self,
                                           const char   *text);
const char   *mc_column_keep_text         (McColumn     *self,
                                           const char   *text);
void          mc_column_add_issue         (McColumn     *self,
                                           guint32       row,
                                           McCellIssueKind kind,
                                           const char   *raw);
void          mc_column_add_verbatim      (McColumn     *self,
                                           guint32       row,
                                           const char   *raw,
                                           double        value);
const char   *mc_column_get_written_text  (const McColumn *self,
                                           gsize         row,
                                           guint        *next_issue);
gsize         mc_column_count_issues      (const McColumn *self,
                                           McCellIssueKind kind);
GHashTable   *mc_column_count_placeholders (const McColumn *self);
gsize         mc_column_count_distinct    (const McColumn *self);

/* What describe says of each column, worked out on all cores. */
typedef struct
{
  gsize  distinct;
  char  *min;         /* formatted, NULL when every cell is missing */
  char  *max;
} McColumnSummary;

void          mc_columns_summarize        (McColumn    **columns,
                                           guint         n_columns,
                                           McColumnSummary *summaries);
void          mc_column_summary_clear     (McColumnSummary *summary);
void          _mc_column_set_distinct     (McColumn     *self,
                                           gsize         distinct);
char         *mc_column_format_min        (const McColumn *self);
char         *mc_column_format_max        (const McColumn *self);

double       *mc_column_sorted_values     (const McColumn *self,
                                           gsize        *n);
/* "9999" before "10000", other strings bytewise. */
int           mc_compare_text             (const char   *a,
                                           const char   *b);
void          mc_sort_doubles             (double       *values,
                                           gsize         n);
double        mc_median_in_place          (double       *values,
                                           gsize         n);
double        mc_quantile                 (const double *sorted,
                                           gsize         n,
                                           double        q);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McColumn, mc_column_unref)

G_END_DECLS
