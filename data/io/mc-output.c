/* mc-output.c: writing files without losing the user's data
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every file Mercato writes goes through here: nothing replaces a source,
 * nothing is left half written, a killed run leaves nothing that the next
 * does not remove, and a failure says why in the user's words.
 */
#define G_LOG_DOMAIN "mc-output"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "mc-dataset.h"
#include "mc-output.h"
#include "mc-value-parse.h"

#define TEMPORARY_TAG ".mercato-"

gboolean
mc_output_check_not_file (const char  *source,
                          const char  *path,
                          GError     **error)
{
  GStatBuf target, info;

  g_return_val_if_fail (path != NULL, FALSE);

  /* g_stat follows links: a link to a source has the source's inode, and
   * "dir/../dir/a.csv" or a hard link name the same file. */
  if (source == NULL || g_stat (path, &target) != 0 || g_stat (source, &info) != 0
      || info.st_dev != target.st_dev || info.st_ino != target.st_ino)
    return TRUE;
  if (g_str_equal (path, source))
    /* Translators: %s is the output asked for. */
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                 _("%s is a file of the data being read; sources are never replaced: choose another name "
                   "or folder for the output"),
                 path);
  else
    /* Translators: the first %s is the output asked for, the second
     * the source file it is (or links to). */
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                 _("%s is %s, a file of the data being read; sources are never replaced: choose another "
                   "name or folder for the output"),
                 path, source);
  return FALSE;
}

gboolean
mc_output_check_not_source (McDataset   *dataset,
                            const char  *path,
                            GError     **error)
{
  g_return_val_if_fail (MC_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  for (guint t = 0; t < mc_dataset_get_n_tables (dataset); t++)
    if (!mc_output_check_not_file (mc_table_get_path (mc_dataset_get_table (dataset, t)), path, error))
      return FALSE;
  return TRUE;
}

/* A temporary of a run that was killed: its process no longer exists. */
static gboolean
is_stale (const char *name,
          const char *prefix)
{
  const char *pid_text = name + strlen (prefix);
  char *end;
  gint64 pid;

  if (!g_str_has_prefix (name, prefix))
    return FALSE;
  pid = g_ascii_strtoll (pid_text, &end, 10);
  if (end == pid_text || *end != '-' || pid <= 0)
    return FALSE;
  return kill ((pid_t) pid, 0) != 0 && errno == ESRCH;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_remove (path);
}

/* Removes what killed runs left beside PATH. */
static void
remove_stale (const char *folder,
              const char *prefix)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (is_stale (name, prefix))
      {
        g_autofree char *stale = g_build_filename (folder, name, NULL);

        g_debug ("removing %s, left by a run that ended early", stale);
        remove_tree (stale);
      }
}

static char *
temporary_prefix (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);

  return g_strconcat (".", base, TEMPORARY_TAG, NULL);
}

static gboolean
over_size_limit (const char *path)
{
  struct rlimit limit;
  GStatBuf info;

  return getrlimit (RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY && g_stat (path, &info) == 0
         && (rlim_t) info.st_size >= limit.rlim_cur;
}

int
mc_output_guess_errno (const char *written)
{
  g_autofree char *folder = g_path_get_dirname (written);
  struct statvfs space;

  if (statvfs (folder, &space) == 0 && space.f_bavail == 0)
    return ENOSPC;
  if (over_size_limit (written))
    return EFBIG;
  return 0;
}

void
mc_output_set_error (GError     **error,
                     const char  *path,
                     int          errno_value)
{
  g_autofree char *folder = g_path_get_dirname (path);

  if (errno_value == 0)
    errno_value = mc_output_guess_errno (path);
  switch (errno_value)
    {
    case ENOSPC:
    case EDQUOT:
      /* Translators: %s is the file that could not be written. */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   _("Cannot write %s: no space left on the device; free some space or write elsewhere"), path);
      break;
    case EFBIG:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   _("Cannot write %s: the file would exceed the size allowed (ulimit -f); write elsewhere"), path);
      break;
    case EACCES:
    case EPERM:
    case EROFS:
      /* Translators: the first %s is a folder, the second the reason. */
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno_value),
                   _("Cannot write in %s: %s; choose a folder you may write in"), folder, g_strerror (errno_value));
      break;
    case ENOENT:
    case ENOTDIR:
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno_value),
                   _("Cannot write in %s: the folder does not exist; create it or choose another"), folder);
      break;
    case 0:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write %s: the write failed"), path);
      break;
    default:
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno_value), _("Cannot write %s: %s"), path,
                   g_strerror (errno_value));
    }
}

char *
mc_output_reserve (const char  *path,
                   GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *prefix = temporary_prefix (path);
  g_autofree char *name = g_strdup_printf ("%s%d-XXXXXX", prefix, (int) getpid ());
  char *temporary = g_build_filename (folder, name, NULL);
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  remove_stale (folder, prefix);
  /* 0666: the umask decides, as for every other file the user makes. */
  fd = g_mkstemp_full (temporary, O_RDWR | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      mc_output_set_error (error, path, errno);
      g_free (temporary);
      return NULL;
    }
  close (fd);
  return temporary;
}

gboolean
mc_output_commit (const char  *temporary,
                  const char  *path,
                  GError     **error)
{
  if (g_rename (temporary, path) == 0)
    return TRUE;
  mc_output_set_error (error, path, errno);
  g_unlink (temporary);
  return FALSE;
}

static gboolean
write_all (int         fd,
           const char *data,
           gsize       length)
{
  while (length > 0)
    {
      gssize n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      length -= n;
    }
  return fdatasync (fd) == 0 || errno == EINVAL;
}

gboolean
mc_output_write (const char  *path,
                 const char  *data,
                 gsize        length,
                 GError     **error)
{
  g_autofree char *temporary = mc_output_reserve (path, error);
  int fd, saved;

  if (temporary == NULL)
    return FALSE;
  fd = g_open (temporary, O_WRONLY | O_CLOEXEC | O_TRUNC, 0);
  if (fd >= 0 && write_all (fd, data, length) && close (fd) == 0)
    return mc_output_commit (temporary, path, error);
  saved = errno;
  if (fd >= 0)
    close (fd);
  g_unlink (temporary);
  mc_output_set_error (error, path, saved);
  return FALSE;
}

/* Inside DIR when it exists, so that its files move in by rename on the
 * same file system; beside it otherwise, to become DIR at once. */
char *
mc_output_reserve_folder (const char  *dir,
                          GError     **error)
{
  g_autofree char *clean = g_canonicalize_filename (dir, NULL);
  gboolean exists = g_file_test (clean, G_FILE_TEST_IS_DIR);
  g_autofree char *parent = exists ? g_strdup (clean) : g_path_get_dirname (clean);
  g_autofree char *prefix = exists ? g_strdup (TEMPORARY_TAG) : temporary_prefix (clean);
  g_autofree char *name = g_strdup_printf ("%s%d-XXXXXX", prefix, (int) getpid ());
  char *staging = g_build_filename (parent, name, NULL);

  remove_stale (parent, prefix);
  if (g_mkdtemp_full (staging, 0777) == NULL)
    {
      g_autofree char *inside = g_build_filename (clean, "x", NULL);

      mc_output_set_error (error, exists ? inside : clean, errno);
      g_free (staging);
      return NULL;
    }
  return staging;
}

/* Every file was written before any is moved: a full disk or a kill
 * while writing leaves DIR as the previous run left it. The renames
 * that follow cannot run out of space. Files of DIR that this run does
 * not write are the user's and stay. */
gboolean
mc_output_commit_folder (const char  *staging,
                         const char  *dir,
                         GError     **error)
{
  g_autofree char *clean = g_canonicalize_filename (dir, NULL);
  g_autoptr(GDir) files = NULL;
  const char *name;

  if (!g_file_test (clean, G_FILE_TEST_IS_DIR))
    {
      if (g_rename (staging, clean) == 0)
        return TRUE;
      mc_output_set_error (error, clean, errno);
      return FALSE;
    }
  files = g_dir_open (staging, 0, error);
  if (files == NULL)
    return FALSE;
  while ((name = g_dir_read_name (files)) != NULL)
    {
      g_autofree char *from = g_build_filename (staging, name, NULL);
      g_autofree char *to = g_build_filename (clean, name, NULL);

      if (g_rename (from, to) != 0)
        {
          mc_output_set_error (error, to, errno);
          return FALSE;
        }
    }
  g_rmdir (staging);
  return TRUE;
}

void
mc_output_discard_folder (const char *staging)
{
  if (staging != NULL)
    remove_tree (staging);
}

char *
mc_output_neutralise (const char *text)
{
  double number;

  if (text == NULL || text[0] == '\0' || strchr ("=+-@\t\r", text[0]) == NULL)
    return NULL;
  /* "-12.5" or "+33612345678" is a number to a spreadsheet, not a formula. */
  if ((text[0] == '-' || text[0] == '+') && mc_parse_number (text, strlen (text), &number) != MC_NUMBER_NONE)
    return NULL;
  return g_strconcat ("'", text, NULL);
}
