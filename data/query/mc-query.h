/* mc-query.h: filters, group-by with aggregates, and time buckets
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The engine every analysis and every dashboard chart asks: "revenue and
 * orders by month × platform, of Electric cars, in 2023". It reads
 * columns of one table, or of a table it refers to through a McJoin, and
 * is fast enough to run again on every mouse-driven filter.
 */
#pragma once

#include "mc-join.h"

G_BEGIN_DECLS

#define MC_QUERY_ERROR (mc_query_error_quark ())

typedef enum
{
  MC_QUERY_ERROR_INVALID,      /* a filter value that does not fit its column */
  MC_QUERY_ERROR_TOO_MANY,     /* more groups than a result can hold */
} McQueryError;

typedef enum
{
  MC_BUCKET_NONE,              /* the column's own values */
  MC_BUCKET_DAY,               /* 2023-05-01 */
  MC_BUCKET_WEEK,              /* ISO week, 2023-W18 */
  MC_BUCKET_MONTH,             /* 2023-05 */
  MC_BUCKET_QUARTER,           /* 2023-Q2 */
  MC_BUCKET_YEAR,              /* 2023 */
  MC_BUCKET_WEEKDAY,           /* Monday … Sunday */
  MC_BUCKET_HOUR,              /* 00 … 23, of datetimes */
} McTimeBucket;

/* A column of the table queried, or, with JOIN, of the table its rows
 * refer to (JOIN->related is then the column read). */
typedef struct
{
  McColumn *column;
  McJoin   *join;
} McColumnRef;

/* The column with ROLE in TABLE, or else in a table TABLE refers to
 * (JOIN is then set up, and the caller clears it once done). */
gboolean      mc_column_ref_for_role      (McColumnRef        *ref,
                                           McJoin             *join,
                                           McDataset          *dataset,
                                           McTable            *table,
                                           McRole              role);

typedef enum
{
  MC_FILTER_EQUALS,            /* one of VALUES (several make an "or") */
  MC_FILTER_NOT_EQUALS,        /* none of VALUES */
  MC_FILTER_LESS,
  MC_FILTER_LESS_EQUAL,
  MC_FILTER_GREATER,
  MC_FILTER_GREATER_EQUAL,
  MC_FILTER_BETWEEN,           /* VALUES[0] ≤ value ≤ VALUES[1] */
  MC_FILTER_CONTAINS,          /* text contains VALUES[0], ignoring case */
  MC_FILTER_MISSING,
  MC_FILTER_PRESENT,
} McFilterOp;

/* VALUES are text, read as the column's type: "2023-05-01" for dates,
 * "25000" for numbers, "Website" for categories. */
typedef struct
{
  McColumnRef         ref;
  McFilterOp          op;
  const char * const *values;  /* NULL-terminated */
} McFilter;

/* The rows a set of filters lets through: a bitmap over the table. */
typedef struct
{
  gsize    n_rows;
  gsize    n_selected;
  guint64 *bits;
} McSelection;

/* The rows that pass every filter (an "and" of them). */
McSelection  *mc_selection_new_filtered   (gsize               n_rows,
                                           const McFilter     *filters,
                                           guint               n_filters,
                                           GError            **error);
void          mc_selection_free           (McSelection        *self);

static inline gboolean
mc_selection_contains (const McSelection *self,
                       gsize              row)
{
  return self == NULL || (self->bits[row >> 6] & (G_GUINT64_CONSTANT (1) << (row & 63))) != 0;
}

/* Each row's code along one key: 0 … labels->len − 1 in the key's
 * natural order (time, number, then text), MC_NO_CODE where missing. */
#define MC_NO_CODE G_MAXUINT32

typedef struct
{
  guint32   *codes;
  GPtrArray *labels;
} McKeyCodes;

void          mc_key_codes_init           (McKeyCodes         *self,
                                           McColumnRef         ref,
                                           McTimeBucket        bucket,
                                           gsize               n_rows);
/* Codes that only tell the values apart (sessions to count): in no
 * particular order, and LABELS is NULL. A UUID or text column takes a
 * fraction of the time labelled codes do, for no labels are made or
 * sorted. */
void          mc_key_codes_init_unlabelled (McKeyCodes        *self,
                                           McColumnRef         ref,
                                           gsize               n_rows);
void          mc_key_codes_clear          (McKeyCodes         *self);

typedef struct
{
  McColumnRef   ref;
  McTimeBucket  bucket;
} McGroupKey;

typedef enum
{
  MC_AGGREGATE_COUNT,          /* rows, or present values of a column */
  MC_AGGREGATE_SUM,
  MC_AGGREGATE_MEAN,
  MC_AGGREGATE_MEDIAN,
  MC_AGGREGATE_QUANTILE,       /* linear interpolation, as pandas */
  MC_AGGREGATE_MIN,
  MC_AGGREGATE_MAX,
  MC_AGGREGATE_DISTINCT,       /* distinct present values */
  MC_AGGREGATE_STDDEV,         /* sample standard deviation (n − 1) */
} McAggregateKind;

typedef struct
{
  McAggregateKind kind;
  McColumnRef     ref;         /* column NULL: COUNT counts rows */
  double          quantile;    /* 0 … 1, for QUANTILE */
} McAggregate;

typedef struct
{
  guint       n_keys;
  guint       n_aggregates;
  gsize       n_groups;
  guint32    *codes;           /* n_groups × n_keys, into keys[k].labels */
  gsize      *rows;            /* rows in each group */
  double     *values;          /* n_groups × n_aggregates; NAN without values */
  McKeyCodes *keys;
} McGroupResult;

/* Groups the SELECTION (NULL: all rows) of a table with N_ROWS rows by
 * KEYS and computes AGGREGATES per group. Groups come in the keys'
 * natural order; rows where a key is missing belong to no group. */
McGroupResult *mc_group_by                (gsize               n_rows,
                                           const McSelection  *selection,
                                           const McGroupKey   *keys,
                                           guint               n_keys,
                                           const McAggregate  *aggregates,
                                           guint               n_aggregates,
                                           GError            **error);
void          mc_group_result_free        (McGroupResult      *self);

static inline const char *
mc_group_result_label (const McGroupResult *self,
                       gsize                group,
                       guint                key)
{
  return g_ptr_array_index (self->keys[key].labels, self->codes[group * self->n_keys + key]);
}

static inline double
mc_group_result_value (const McGroupResult *self,
                       gsize                group,
                       guint                aggregate)
{
  return self->values[group * self->n_aggregates + aggregate];
}

/* The bucket a day falls in, and its label: for trends and cohorts. */
gint32        mc_time_bucket_of_day       (McTimeBucket        bucket,
                                           gint32              day);
char         *mc_time_bucket_label        (McTimeBucket        bucket,
                                           gint32              number);
gboolean      mc_time_bucket_from_string  (const char         *name,
                                           McTimeBucket       *bucket);

GQuark        mc_query_error_quark        (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McSelection, mc_selection_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (McGroupResult, mc_group_result_free)

G_END_DECLS
