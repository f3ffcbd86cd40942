/* mc-output.h: writing files without losing the user's data
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mc-types.h"

G_BEGIN_DECLS

/* FALSE, with an error that says so, when PATH is (or a link or another
 * name of) a file DATASET was read from: no output may replace one. */
gboolean  mc_output_check_not_source (McDataset    *dataset,
                                      const char   *path,
                                      GError      **error);
/* The same for one SOURCE file (NULL: nothing to compare with). */
gboolean  mc_output_check_not_file   (const char   *source,
                                      const char   *path,
                                      GError      **error);

/* Writing atomically: reserve a hidden file beside PATH (following the
 * umask, named ".NAME.mercato-PID-XXXXXX" so that one left by a killed
 * run is recognised and removed by the next), fill it, then commit it
 * (renamed over PATH) or let it go. */
char     *mc_output_reserve          (const char   *path,
                                      GError      **error);
gboolean  mc_output_commit           (const char   *temporary,
                                      const char   *path,
                                      GError      **error);
gboolean  mc_output_write            (const char   *path,
                                      const char   *data,
                                      gsize         length,
                                      GError      **error);

/* A folder beside DIR to write a set of files into, moved into place
 * by mc_output_commit_folder: the previous DIR stays whole until then. */
char     *mc_output_reserve_folder   (const char   *dir,
                                      GError      **error);
gboolean  mc_output_commit_folder    (const char   *staging,
                                      const char   *dir,
                                      GError      **error);
void      mc_output_discard_folder   (const char   *staging);

/* The error of a failed write of PATH: the cause in words ("No space left
 * on device") and what to do. ERRNO_VALUE 0 means unknown: the cause is
 * then looked for in the folder's free space and the file size limit. */
void      mc_output_set_error        (GError      **error,
                                      const char   *path,
                                      int           errno_value);

/* Why writing WRITTEN (a file partly written) failed when the library
 * that wrote it did not say: ENOSPC, EFBIG or 0 when not found. */
int       mc_output_guess_errno      (const char   *written);

/* TEXT made safe for spreadsheets (OWASP CSV injection): a text cell
 * starting with = + - @ tab or carriage return gets a leading '; NULL
 * when TEXT is safe as it is. Numbers are never passed here. */
char     *mc_output_neutralise       (const char   *text);

G_END_DECLS
