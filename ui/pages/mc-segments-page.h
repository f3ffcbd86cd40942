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

G_END_DECLS
