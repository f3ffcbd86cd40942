/* mc-features.h: one row of numbers per customer, for segmentation
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-dataset.h"
#include "mc-kmeans.h"

G_BEGIN_DECLS

typedef struct
{
  char     *name;          /* "monetary", "share_website", "visits_testing" */
  char     *description;   /* "total spent" */
  const char *group;       /* "purchases", "platform", "product", "visits", "columns" */
  char     *label;         /* the value a share or a count is of ("Website"); NULL for others */
  gboolean  skewed;        /* money or counts: log1p helps before scaling */
  gsize     imputed;       /* rows that had no value and got the median */
} McFeature;

typedef struct
{
  GPtrArray *ids;          /* customer ids, one per row */
  GArray    *features;     /* McFeature */
  double    *values;       /* rows × features; missing values imputed */
  double    *revenue;      /* per row, for segments' share of revenue; NULL without */
  char      *rows_table;   /* the table whose rows these are, when not customers; else NULL */
  GHashTable *index;       /* name → position + 1, made once the features are final */
} McFeatureTable;

/* Every feature the dataset's roles allow, per customer who bought:
 * recency, frequency, monetary, mean order value, mean discount rate,
 * share of purchases per platform and per product type, mean review,
 * tenure, and from visits: visits, visits per purchase, visits of each
 * type, mean visit duration, days from first visit to first purchase.
 * A dataset without purchases gives its first table's numeric columns,
 * one row per row. Missing values get the feature's median, counted in
 * McFeature.imputed. */
McFeatureTable *mc_features_compute     (McDataset       *dataset,
                                         GError         **error);
/* The same, with CANCELLABLE cancelling the query on a database's
 * server (FALSE with G_IO_ERROR_CANCELLED); when the server fails, the
 * features are computed in memory and *NOT_ON_SERVER (may be NULL; else
 * set to NULL or a message to show) says so in words, with the
 * server's error. */
McFeatureTable *mc_features_compute_full (McDataset      *dataset,
                                          GCancellable   *cancellable,
                                          char          **not_on_server,
                                          GError        **error);
void            mc_features_free        (McFeatureTable  *table);
/* Computes DATASET's per-customer figures where its rows are: a table
 * whose first column is the customer id and whose others are named as
 * server/mc-features-sql.h says; NULL without ERROR to compute them in
 * memory, NULL with MC_PG_ERROR_TOO_LARGE when there are too many
 * customers (mc_features_compute() fails with it). */
typedef McTable *(*McFeaturesPushDown)  (McDataset       *dataset,
                                         GCancellable    *cancellable,
                                         GError         **error);
/* Installs it; the loader does, with server/'s. */
void            mc_features_set_push_down (McFeaturesPushDown func);
int             mc_features_find        (McFeatureTable  *table,
                                         const char      *name);
/* The names a preset ("rfm", "behaviour", "product", "engagement")
 * takes, among those the table has; NULL for an unknown preset. */
GStrv           mc_features_preset      (McFeatureTable  *table,
                                         const char      *preset);
/* A copy of the NAMES columns, to scale and cluster; FALSE with ERROR
 * naming an unknown feature. */
gboolean        mc_features_select      (McFeatureTable  *table,
                                         const char * const *names,
                                         McMatrix        *matrix,
                                         GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McFeatureTable, mc_features_free)

G_END_DECLS
