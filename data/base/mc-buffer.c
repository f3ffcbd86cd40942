/* mc-buffer.c: memory for large column arrays
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loading 1.5 M rows allocates, grows and frees arrays of tens of MB on
 * several threads. Through malloc, freed blocks stay resident in the
 * threads' arenas and growing copies them; through mmap they do not.
 */
#define G_LOG_DOMAIN "mc-buffer"

#include "config.h"

#include <string.h>
#include <sys/mman.h>

#include "mc-buffer.h"

#define HEADER      64                 /* keeps the data 64-byte aligned */
#define MAP_AT_LEAST (256 * 1024)

typedef struct
{
  gsize    size;        /* usable bytes */
  gsize    mapped;      /* bytes mapped, header included; 0 if malloc'ed */
} Header;

G_STATIC_ASSERT (sizeof (Header) <= HEADER);

static gsize
page_round (gsize size)
{
  gsize page = 4096;

  return (size + page - 1) & ~(page - 1);
}

static Header *
header_of (gpointer buffer)
{
  return (Header *) ((char *) buffer - HEADER);
}

/* Columns are filled front to back right after allocation; with 2 MB
 * pages that costs one page fault where 4 KB pages cost 512, which is a
 * tenth of the load time on virtual machines. */
static void
advise_huge_pages (void  *memory,
                   gsize  length)
{
#ifdef MADV_HUGEPAGE
  if (length >= 4 * 1024 * 1024)
    madvise (memory, length, MADV_HUGEPAGE);
#endif
}

gpointer
mc_buffer_alloc (gsize size)
{
  Header *header;

  if (size + HEADER >= MAP_AT_LEAST)
    {
      gsize mapped = page_round (size + HEADER);
      void *memory = mmap (NULL, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

      if (memory == MAP_FAILED)
        g_error ("%s: out of memory allocating %" G_GSIZE_FORMAT " bytes", G_STRLOC, size);
      advise_huge_pages (memory, mapped);
      header = memory;
      header->mapped = mapped;
    }
  else
    {
      header = g_aligned_alloc0 (1, size + HEADER, HEADER);
      header->mapped = 0;
    }
  header->size = size;
  return (char *) header + HEADER;
}

gpointer
mc_buffer_resize (gpointer buffer,
                  gsize    size)
{
  Header *header;
  gpointer bigger;

  if (buffer == NULL)
    return mc_buffer_alloc (size);
  header = header_of (buffer);
  if (header->mapped != 0 && size + HEADER <= header->mapped)
    {
      /* Bytes past the old size are still zero: they were never used. */
      header->size = size;
      return buffer;
    }
  if (header->mapped != 0)
    {
      gsize mapped = page_round (MAX (size + HEADER, header->mapped + header->mapped / 2));
      void *memory = mremap (header, header->mapped, mapped, MREMAP_MAYMOVE);

      if (memory == MAP_FAILED)
        g_error ("%s: out of memory growing to %" G_GSIZE_FORMAT " bytes", G_STRLOC, size);
      advise_huge_pages (memory, mapped);
      header = memory;
      header->mapped = mapped;
      header->size = size;
      return (char *) header + HEADER;
    }

  bigger = mc_buffer_alloc (size);
  memcpy (bigger, buffer, MIN (size, header->size));
  mc_buffer_free (buffer);
  return bigger;
}

void
mc_buffer_free (gpointer buffer)
{
  Header *header;

  if (buffer == NULL)
    return;
  header = header_of (buffer);
  if (header->mapped != 0)
    munmap (header, header->mapped);
  else
    g_aligned_free (header);
}

/* Copies the N bytes at FROM (inside BUFFER, an mc_buffer) to TO a
 * megabyte at a time, handing each copied megabyte of BUFFER back to the
 * kernel as it goes: appending one large column to another then never
 * holds both copies, which is what set the reader's peak memory. BUFFER
 * is freed afterwards anyway; what was handed back reads as zeros. */
#define MOVE_STEP (1024 * 1024)

void
mc_buffer_move (gpointer      to,
                gpointer      buffer,
                gconstpointer from,
                gsize         n)
{
  Header *header = header_of (buffer);
  const char *src = from;
  char *dst = to;

  for (gsize done = 0; done < n; done += MIN (MOVE_STEP, n - done))
    {
      gsize step = MIN (MOVE_STEP, n - done);
      guintptr first, last;

      memcpy (dst + done, src + done, step);
      if (header->mapped == 0)
        continue;
      /* Whole pages of the copied range only, never the header's. */
      first = ((guintptr) (src + done) + 4095) & ~(guintptr) 4095;
      last = ((guintptr) (src + done + step)) & ~(guintptr) 4095;
      if (last > first && first >= (guintptr) header + 4096)
        madvise ((void *) first, last - first, MADV_DONTNEED);
    }
}
