/* test-reader-faults.c: a file cut short or rewritten while the reader
 * reads it gives an error that says so, never SIGBUS (issue 17)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reader calls mc_csv_phase_hook between its phases; the hook here
 * changes the file at one of them. Before mc-mapping.c, reading the
 * mapping past the new end of the file killed the test with SIGBUS.
 */
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "mc-csv-private.h"
#include "mc-csv-reader.h"

typedef enum
{
  CHANGE_TRUNCATE_EMPTY,
  CHANGE_TRUNCATE_SHORT,    /* to a few bytes: the first page stays, the rest goes */
  CHANGE_REWRITE,           /* emptied and written again, shorter */
} Change;

typedef struct
{
  McCsvPhase  phase;
  Change      change;
} Case;

static const Case *current;
static gboolean changed;

static void
change_file_cb (McCsvPhase  phase,
                const char *path)
{
  if (phase != current->phase || changed)
    return;
  changed = TRUE;
  switch (current->change)
    {
    case CHANGE_TRUNCATE_EMPTY:
      g_assert_cmpint (truncate (path, 0), ==, 0);
      break;
    case CHANGE_TRUNCATE_SHORT:
      g_assert_cmpint (truncate (path, 100), ==, 0);
      break;
    case CHANGE_REWRITE:
    default:
      {
        /* In place, as an editor saving without a temporary does (a
         * rename would leave the reader the old file, whole). */
        FILE *file = fopen (path, "w");

        g_assert_nonnull (file);
        g_assert_cmpint (fputs ("id,amount\n1,2\n", file), >=, 0);
        g_assert_cmpint (fclose (file), ==, 0);
      }
      break;
    }
}

/* About 3 MB, so that there are two slices; every value is a quoted field
 * with line breaks in it, so that the first cut falls inside one and the
 * reader cuts again with its quote-aware scan of the mapping. */
static char *
write_file (const char *dir)
{
  g_autoptr(GString) text = g_string_new ("id,note,amount\n");
  char *path = g_build_filename (dir, "changing.csv", NULL);

  for (guint i = 0; text->len < 3 * 1024 * 1024; i++)
    g_string_append_printf (text, "%u,\"line one\nline two\nline three\nline four\",%u.50\n", i, i % 100);
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  return path;
}

static void
test_changed (gconstpointer data)
{
  McCsvReadOptions options = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mercato-faults-XXXXXX", &error);
  g_autofree char *path = write_file (dir);
  g_autofree char *prefix = g_strdup_printf ("%s: ", path);
  g_autoptr(McTable) table = NULL;

  current = data;
  changed = FALSE;
  options.n_threads = 2;
  mc_csv_phase_hook = change_file_cb;
  table = mc_csv_read (path, &options, NULL, NULL, NULL, &error);
  mc_csv_phase_hook = NULL;

  g_assert_true (changed);
  g_assert_null (table);
  g_assert_error (error, MC_CSV_ERROR, MC_CSV_ERROR_IO);
  g_test_message ("%s", error->message);
  /* Which file, what happened, what to do. */
  g_assert_true (g_str_has_prefix (error->message, prefix));
  g_assert_nonnull (strstr (error->message, "the file changed while it was being read"));
  g_assert_nonnull (strstr (error->message, "open it again"));
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Unchanged, the same file reads whole: the cases above fail for the
 * change, not for the file. */
static void
test_unchanged (void)
{
  McCsvReadOptions options = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mercato-faults-XXXXXX", &error);
  g_autofree char *path = write_file (dir);
  g_autoptr(McTable) table = NULL;

  options.n_threads = 2;
  table = mc_csv_read (path, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mc_table_get_n_columns (table), ==, 3);
  g_assert_cmpuint (mc_table_get_n_rows (table), >, 40000);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  static const struct
  {
    const char *name;
    Case        c;
  } cases[] = {
    { "/Mercato/ReaderFaults/opened/truncated-empty", { MC_CSV_PHASE_OPENED, CHANGE_TRUNCATE_EMPTY } },
    { "/Mercato/ReaderFaults/opened/truncated-short", { MC_CSV_PHASE_OPENED, CHANGE_TRUNCATE_SHORT } },
    { "/Mercato/ReaderFaults/opened/rewritten", { MC_CSV_PHASE_OPENED, CHANGE_REWRITE } },
    { "/Mercato/ReaderFaults/sniffed/truncated-empty", { MC_CSV_PHASE_SNIFFED, CHANGE_TRUNCATE_EMPTY } },
    { "/Mercato/ReaderFaults/sniffed/truncated-short", { MC_CSV_PHASE_SNIFFED, CHANGE_TRUNCATE_SHORT } },
    { "/Mercato/ReaderFaults/sniffed/rewritten", { MC_CSV_PHASE_SNIFFED, CHANGE_REWRITE } },
    { "/Mercato/ReaderFaults/recut/truncated-empty", { MC_CSV_PHASE_RECUT, CHANGE_TRUNCATE_EMPTY } },
    { "/Mercato/ReaderFaults/recut/truncated-short", { MC_CSV_PHASE_RECUT, CHANGE_TRUNCATE_SHORT } },
  };

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Mercato/ReaderFaults/unchanged", test_unchanged);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_test_add_data_func (cases[i].name, &cases[i].c, test_changed);
  return g_test_run ();
}
