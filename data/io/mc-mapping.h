/* mc-mapping.h: a read-only mapping of a file that never raises SIGBUS
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading a page of a mapping past the end of a file that another program
 * cut short raises SIGBUS, which kills the process. While an McMapping
 * exists, such a page is replaced by one of zeros and the mapping
 * remembers it: the reader carries on over zeros and asks
 * mc_mapping_faulted() before trusting what it read.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _McMapping McMapping;

/* Maps the LENGTH bytes of the open file FD (LENGTH > 0). */
McMapping   *mc_mapping_new        (int          fd,
                                    gsize        length,
                                    GError     **error);
const char  *mc_mapping_get_data   (McMapping   *self);
gsize        mc_mapping_get_length (McMapping   *self);
/* Whether a read of the mapping found the file shorter than when it was
 * mapped (and read zeros instead). */
gboolean     mc_mapping_faulted    (McMapping   *self);
void         mc_mapping_free       (McMapping   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McMapping, mc_mapping_free)

G_END_DECLS
