/* mc-segments.h: customer segments from k-means, described for people
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-features.h"
#include "mc-kmeans.h"

G_BEGIN_DECLS

typedef struct
{
  char   *name;           /* "High-value recent Website buyers" */
  char   *description;    /* "3.1× average spend, 71 % Website" */
  gsize   size;
  double  share;          /* of rows */
  double  revenue_share;  /* of revenue; NAN without revenue */
  double *means;          /* per feature, in the features' own units */
  double *z;              /* (mean − overall mean) ÷ overall standard deviation */
} McSegmentProfile;

typedef struct
{
  McFeatureTable   *table;        /* borrowed: outlive it */
  GStrv             names;        /* the features clustered */
  McMatrix          original;     /* rows × features, own units */
  McMatrix          scaled;       /* as clustered */
  McKmeansResult   *result;
  double            silhouette;   /* on a sample of at most MC_SEGMENTS_SAMPLE rows */
  double           *overall_mean; /* per feature */
  McSegmentProfile *profiles;     /* result->k, by segment number */
} McSegmentation;

typedef struct
{
  guint  k;
  double inertia;
  double silhouette;
  double calinski_harabasz;
  double davies_bouldin;
  McKmeansResult *result;    /* the k-means behind the scores, until taken */
} McKScore;

#define MC_SEGMENTS_SAMPLE 10000
/* Starts k-means runs from, for segmentations: a few guard against an
 * unlucky start at little cost on customer-sized data. */
#define MC_SEGMENTS_N_INIT 4

/* The NAMES features of TABLE, log1p of the skewed ones when LOG1P, then
 * scaled: ORIGINAL and SCALED receive new matrices. */
gboolean        mc_segments_prepare       (McFeatureTable      *table,
                                           const char * const  *names,
                                           McScale              scale,
                                           gboolean             log1p,
                                           McMatrix            *original,
                                           McMatrix            *scaled,
                                           GError             **error);
McSegmentation *mc_segments_run           (McFeatureTable      *table,
                                           const char * const  *names,
                                           McScale              scale,
                                           gboolean             log1p,
                                           const McKmeansOptions *options,
                                           McProgressFunc       progress,
                                           gpointer             user_data,
                                           GCancellable        *cancellable,
                                           GError             **error);
McSegmentation *mc_segments_from_score    (McFeatureTable      *table,
                                           const char * const  *names,
                                           McScale              scale,
                                           gboolean             log1p,
                                           McKScore            *score,
                                           GError             **error);
void            mc_segmentation_free      (McSegmentation      *self);
void            mc_segmentation_rename    (McSegmentation      *self,
                                           guint                segment,
                                           const char          *name);
McDataset      *mc_segmentation_select    (McSegmentation      *self,
                                           McDataset           *dataset,
                                           const gboolean      *selected);
McDataset      *mc_segmentation_add_column (McSegmentation     *self,
                                           McDataset           *dataset);
/* The rows mc_segmentation_write_csv() writes, as a typed table named
 * NAME: the id as text, the segment number as an integer, its name. */
McTable        *mc_segmentation_to_table  (McSegmentation      *self,
                                           const char          *id_header,
                                           const char          *name);
gboolean        mc_segmentation_write_csv (McSegmentation      *self,
                                           const char          *id_header,
                                           const char          *path,
                                           GError             **error);

/* Inertia, silhouette, Calinski–Harabasz and Davies–Bouldin for each k
 * from K_MIN to K_MAX; PROGRESS goes from 0 to 1 over the whole range. */
GArray         *mc_segments_score_k       (const McMatrix      *scaled,
                                           guint                k_min,
                                           guint                k_max,
                                           const McKmeansOptions *options,
                                           McProgressFunc       progress,
                                           gpointer             user_data,
                                           GCancellable        *cancellable,
                                           GError             **error);
McKScore       *mc_segments_find_score    (GArray              *scores,
                                           guint                k);
/* The k of SCORES (McKScore) to suggest, and REASON in a sentence. */
guint           mc_segments_suggest_k     (GArray              *scores,
                                           char               **reason);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McSegmentation, mc_segmentation_free)

G_END_DECLS
