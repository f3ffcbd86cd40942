/* mc-buffer.h: memory for large column arrays
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Column arrays are allocated with these, never with g_malloc: large ones
 * come straight from the kernel, so freeing returns the memory at once
 * and growing moves page tables (mremap) instead of copying values. Every
 * buffer is 64-byte aligned and zero-filled. */
gpointer  mc_buffer_alloc   (gsize    size);
gpointer  mc_buffer_resize  (gpointer buffer,
                             gsize    size);
void      mc_buffer_free    (gpointer buffer);
void      mc_buffer_move    (gpointer      to,
                             gpointer      buffer,
                             gconstpointer from,
                             gsize         n);

G_END_DECLS
