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
