/* mc-mapping.c: a read-only mapping of a file that never raises SIGBUS
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The way systemd's journal reader survives truncated files
 * (src/basic/sigbus.c): a SIGBUS handler, installed once, looks whether
 * the faulting address is inside a live McMapping; if so it maps a page
 * of zeros over the faulting page and returns, so the read is repeated
 * and finds zeros, and the mapping is marked faulted. Faults elsewhere go
 * to the handler that was there before (or kill as they would have).
 *
 * The handler may only read memory that is always valid: a fixed table
 * of slots, filled and emptied with atomic operations.
 */
#define G_LOG_DOMAIN "mc-mapping"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "mc-mapping.h"

#define N_SLOTS 64

struct _McMapping
{
  char  *data;
  gsize  length;
  int    slot;      /* -1 when no slot was free: unguarded */
};

typedef struct
{
  gpointer start;   /* NULL: free */
  gsize    length;
  gint     faulted;
} Slot;

static Slot slots[N_SLOTS];
static GMutex slots_lock;               /* taking and giving back slots */
static struct sigaction previous_action;
static long page_size;                  /* sysconf() is not for handlers */

static gboolean
replace_faulting_page (gpointer address)
{
  for (guint i = 0; i < N_SLOTS; i++)
    {
      char *start = g_atomic_pointer_get (&slots[i].start);
      gpointer page_start;

      if (start == NULL || (char *) address < start || (char *) address >= start + slots[i].length)
        continue;
      page_start = (gpointer) ((guintptr) address & ~(guintptr) (page_size - 1));
      if (mmap (page_start, page_size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED)
        return FALSE;
      g_atomic_int_set (&slots[i].faulted, 1);
      return TRUE;
    }
  return FALSE;
}

static void
on_sigbus (int        signal_number,
           siginfo_t *info,
           void      *context)
{
  int saved_errno = errno;

  if (info != NULL && replace_faulting_page (info->si_addr))
    {
      errno = saved_errno;
      return;
    }
  /* Not ours: as if this handler had never been installed. */
  if (previous_action.sa_flags & SA_SIGINFO)
    {
      previous_action.sa_sigaction (signal_number, info, context);
      return;
    }
  if (previous_action.sa_handler != SIG_DFL && previous_action.sa_handler != SIG_IGN)
    {
      previous_action.sa_handler (signal_number);
      return;
    }
  /* Returning repeats the faulting read, which then kills as SIGBUS does. */
  sigaction (SIGBUS, &previous_action, NULL);
  errno = saved_errno;
}

static void
install_handler_once (void)
{
  static gsize installed = 0;

  if (g_once_init_enter (&installed))
    {
      struct sigaction action = { 0 };

      page_size = sysconf (_SC_PAGESIZE);
      action.sa_sigaction = on_sigbus;
      action.sa_flags = SA_SIGINFO | SA_NODEFER;
      sigemptyset (&action.sa_mask);
      sigaction (SIGBUS, &action, &previous_action);
      g_once_init_leave (&installed, 1);
    }
}

static int
take_slot (gpointer start,
           gsize    length)
{
  int found = -1;

  g_mutex_lock (&slots_lock);
  for (int i = 0; i < N_SLOTS && found < 0; i++)
    if (g_atomic_pointer_get (&slots[i].start) == NULL)
      {
        slots[i].length = length;
        g_atomic_int_set (&slots[i].faulted, 0);
        /* Last: the handler looks at a slot once its start is set. */
        g_atomic_pointer_set (&slots[i].start, start);
        found = i;
      }
  g_mutex_unlock (&slots_lock);
  return found;
}

McMapping *
mc_mapping_new (int      fd,
                gsize    length,
                GError **error)
{
  McMapping *self;
  gpointer data;

  g_return_val_if_fail (fd >= 0, NULL);
  g_return_val_if_fail (length > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  install_handler_once ();
  data = mmap (NULL, length, PROT_READ, MAP_PRIVATE, fd, 0);
  if (data == MAP_FAILED)
    {
      int saved_errno = errno;

      g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno), g_strerror (saved_errno));
      return NULL;
    }
  self = g_new0 (McMapping, 1);
  self->data = data;
  self->length = length;
  self->slot = take_slot (data, length);
  if (self->slot < 0)
    g_warning ("more than %d files mapped at once: a file cut short while it is read may stop the program",
               N_SLOTS);
  return self;
}

const char *
mc_mapping_get_data (McMapping *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->data;
}

gsize
mc_mapping_get_length (McMapping *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->length;
}

gboolean
mc_mapping_faulted (McMapping *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->slot >= 0 && g_atomic_int_get (&slots[self->slot].faulted) != 0;
}

void
mc_mapping_free (McMapping *self)
{
  if (self == NULL)
    return;
  /* Out of the table before the pages go: a fault on them now is a bug. */
  if (self->slot >= 0)
    g_atomic_pointer_set (&slots[self->slot].start, NULL);
  munmap (self->data, self->length);
  g_free (self);
}
