/* mc-segments-page.h: the customer segmentation wizard
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mc-dataset.h"
#include "mc-save-chooser.h"
#include "mc-segments.h"
#include "mc-session.h"

G_BEGIN_DECLS

#define MC_TYPE_SEGMENTS_PAGE (mc_segments_page_get_type ())

G_DECLARE_FINAL_TYPE (McSegmentsPage, mc_segments_page, MC, SEGMENTS_PAGE, AdwBin)

McSession      *mc_segments_page_get_session      (McSegmentsPage *self);
void            mc_segments_page_set_session      (McSegmentsPage *self,
                                                   McSession      *session);
/* "features", "scaling", "choose-k", "results"; or "preparing",
 * "unavailable" outside the wizard. */
const char     *mc_segments_page_get_step         (McSegmentsPage *self);
gboolean        mc_segments_page_get_busy         (McSegmentsPage *self);
void            mc_segments_page_choose_preset    (McSegmentsPage *self,
                                                   const char     *preset);
void            mc_segments_page_cancel           (McSegmentsPage *self);
/* The segments shown, or NULL. */
McSegmentation *mc_segments_page_get_segmentation (McSegmentsPage *self);
/* Picks the customers whose point on the map lies in the range, as a
 * drag over the map does. */
void            mc_segments_page_pick             (McSegmentsPage *self,
                                                   double          x_min,
                                                   double          x_max,
                                                   double          y_min,
                                                   double          y_max);
/* Writes the segments shown to PATH as TYPE (never over a file of the
 * data): what the save dialog does with the file and type chosen. */
gboolean        mc_segments_page_save             (McSegmentsPage *self,
                                                   const char     *path,
                                                   McSaveType      type,
                                                   GError        **error);

G_END_DECLS
