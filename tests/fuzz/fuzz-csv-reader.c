/* fuzz-csv-reader.c: feed arbitrary bytes to the CSV reader
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built as a libFuzzer target with -Dfuzzing=true (clang), and always as
 * a plain program that replays the corpus, so every input that once
 * crashed the reader stays a test.
 */
#include <glib/gstdio.h>
#include <unistd.h>

#include "mc-csv-reader.h"

static void
read_one (const guint8 *data,
          size_t        size,
          guint         n_threads)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(McTable) table = NULL;
  McCsvReadOptions options = { n_threads, 0, MC_CSV_HEADER_AUTO };
  int fd = g_file_open_tmp ("mercato-fuzz-XXXXXX.csv", &path, NULL);

  g_assert (fd >= 0);
  g_assert (write (fd, data, size) == (gssize) size);
  close (fd);

  table = mc_csv_read (path, &options, NULL, NULL, NULL, &error);
  /* Either a table or an error that names the file, never both. */
  g_assert ((table == NULL) != (error == NULL));
  if (error != NULL)
    g_assert (g_str_has_prefix (error->message, path));
  if (table != NULL)
    for (guint c = 0; c < mc_table_get_n_columns (table); c++)
      for (gsize r = 0; r < mc_table_get_n_rows (table); r++)
        g_free (mc_column_format_value (mc_table_get_column (table, c), r));
  g_unlink (path);
}

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  read_one (data, size, 1);
  return 0;
}

#ifndef MERCATO_LIBFUZZER
static void
test_corpus (void)
{
  const char *dir = g_test_get_filename (G_TEST_DIST, "fuzz", "corpus", NULL);
  g_autoptr(GDir) corpus = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (corpus);
  while ((name = g_dir_read_name (corpus)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      read_one ((const guint8 *) contents, length, 1);
      read_one ((const guint8 *) contents, length, 2);
      n++;
    }
  g_assert_cmpuint (n, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Mercato/Fuzz/csv-reader-corpus", test_corpus);
  return g_test_run ();
}
#endif
