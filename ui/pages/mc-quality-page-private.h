/* mc-quality-page-private.h: the Data Quality page, for tests
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a test reads of the findings shown and how it picks their fixes
 * as a click would.
 */
#pragma once

#include "mc-quality-page.h"

G_BEGIN_DECLS

guint         mc_quality_page_get_n_findings (McQualityPage *self);
gboolean      mc_quality_page_add_fix     (McQualityPage *self,
                                           guint          finding);
gboolean      mc_quality_page_add_choice  (McQualityPage *self,
                                           guint          finding,
                                           guint          choice);
const char   *mc_quality_page_get_fix_state (McQualityPage *self,
                                           guint          finding);
GPtrArray    *mc_quality_page_get_applied (McQualityPage *self);
McFinding    *mc_quality_page_get_finding (McQualityPage *self,
                                           guint          finding);

G_END_DECLS
