/* mc-rfm.h: recency, frequency and monetary value per customer
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-dataset.h"

G_BEGIN_DECLS

typedef struct
{
  char   *customer;
  gint32  last_day;       /* days since the epoch */
  gint32  recency_days;
  guint   frequency;      /* orders */
  double  monetary;       /* sum of amounts */
  guint8  r_score;        /* 1–5, 5 the most recent */
  guint8  f_score;
  guint8  m_score;
  const char *segment;    /* static */
} McRfmRow;

/* RFM of every customer with a purchase on or before AT (days since the
 * epoch; G_MININT32 for the dataset's last purchase day). Rows are sorted
 * by customer id; freeing the array frees them. */
#define MC_RFM_N_SEGMENTS 11

/* How many customers went from each segment (rows; the last row is
 * "not a customer yet") to each segment (columns). */
typedef struct
{
  guint counts[MC_RFM_N_SEGMENTS + 1][MC_RFM_N_SEGMENTS];
} McRfmMovement;

GArray       *mc_rfm_compute              (McDataset    *dataset,
                                           gint32        at,
                                           gint32       *reference_day,
                                           GError      **error);
/* The RFM of PURCHASES, a selection of a dataset's
 * (mc_purchase_selection_new()); NULL PURCHASES is an error. */
GArray       *mc_rfm_compute_for          (McTable      *purchases,
                                           gint32        at,
                                           gint32       *reference_day,
                                           GError      **error);
/* An empty array of McRfmRow that frees its rows. */
GArray       *mc_rfm_rows_new             (void);
/* Another executor's customers finished as the column store's: ROWS
 * (taken) have their customer, last day, frequency and monetary value;
 * LAST_DAY is that of the purchases on or before AT (G_MININT32: none,
 * an error naming NAME). The recency, order and scores are added;
 * BY_ID says ROWS already are in the customers' order. */
GArray       *mc_rfm_finish               (GArray       *rows,
                                           gint32        at,
                                           gint32        last_day,
                                           const char   *name,
                                           gboolean      by_id,
                                           gint32       *reference_day,
                                           GError      **error);
/* A second executor, for datasets whose rows live on a database server
 * (data/server/mc-rfm-sql.c, installed by the loader): the RFM as
 * mc_rfm_compute() gives it, or NULL with NOT_PUSHED_DOWN saying why
 * (NULL when nothing needs saying). */
typedef GArray *(*McRfmPushDown) (McDataset     *dataset,
                                  gint32         at,
                                  gint32        *reference_day,
                                  GCancellable  *cancellable,
                                  char         **not_pushed_down);
void          mc_rfm_set_push_down        (McRfmPushDown push_down);
/* DATASET's RFM from its server; NULL when it is no database's or it
 * cannot be computed there: NOT_PUSHED_DOWN then says why (as for
 * mc_patterns_compute_pushed()). */
GArray       *mc_rfm_compute_pushed       (McDataset    *dataset,
                                           gint32        at,
                                           gint32       *reference_day,
                                           GCancellable *cancellable,
                                           char        **not_pushed_down);

/* ROWS as a typed table named NAME, the columns of `mercato-cli rfm`'s
 * CSV: customer_id as text, counts and scores as integers, monetary as
 * an amount rounded to the cent, segment as a category. */
McTable      *mc_rfm_to_table             (GArray       *rows,
                                           const char   *name);
const char   *mc_rfm_segment              (guint8        r_score,
                                           guint8        f_score);
const char   *mc_rfm_segment_name         (guint         index);
const char   *mc_rfm_segment_title        (guint         index);
/* Compares RFM as of an earlier date (BEFORE) with a later one (AFTER),
 * both from mc_rfm_compute(). */
void          mc_rfm_movement             (GArray       *before,
                                           GArray       *after,
                                           McRfmMovement *movement);

G_END_DECLS
