/* mc-report.h: a PDF report a manager can read
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-dataset.h"

G_BEGIN_DECLS

/* A title page with the dataset and its key figures, the data-quality
 * findings (FINDINGS, McFinding), every standard chart with a one-line
 * finding, and the RFM segments; A4 landscape, text as text. Written
 * atomically to PATH. */
gboolean  mc_report_write  (McDataset   *dataset,
                            GPtrArray   *findings,
                            const char  *title,
                            const char  *path,
                            GError     **error);

G_END_DECLS
