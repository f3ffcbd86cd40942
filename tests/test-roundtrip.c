/* test-roundtrip.c: a cell no step changes is written back exactly as it
 * was read (issue 17), through `mercato-cli clean` with an empty recipe
 * and the CSV writer; and a NUL inside a cell is refused, not cut.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tests/fixtures/csv/roundtrip.csv (UTF-8 with a byte order mark, CRLF)
 * holds one of each form that a typed column would print otherwise:
 * zero-padded ids; UUIDs in lower case, upper case, without hyphens and
 * in mixed case; numbers written "10.50", "+7", "1,234.50", "-0", "1e3",
 * "007", " 3 ", "0.00001" and one too long for a double; datetimes whose
 * first cells are plain dates, with a T, a Z and fractions of 1, 3 and 6
 * digits;
 * dates in three formats in one column; booleans written "Yes", "TRUE";
 * text with spaces around it, quotes, a comma, a CRLF inside and "NA".
 */
#include <csv.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "mc-csv-private.h"
#include "mc-csv-reader.h"
#include "test-common.h"

typedef struct
{
  GPtrArray *rows;   /* of GPtrArray of GBytes */
  GPtrArray *row;
} Cells;

static void
on_cell_cb (void   *field,
            size_t  len,
            void   *user_data)
{
  Cells *cells = user_data;

  if (cells->row == NULL)
    cells->row = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_ptr_array_add (cells->row, g_bytes_new (field != NULL ? field : "", len));
}

static int
no_space (unsigned char c)
{
  return 0;   /* spaces around a cell are part of it */
}

static void
on_row_cb (int   terminator,
           void *user_data)
{
  Cells *cells = user_data;

  if (cells->row != NULL)
    g_ptr_array_add (cells->rows, g_steal_pointer (&cells->row));
}

/* The cells of the CSV file at PATH, byte for byte (a byte order mark
 * is not part of the first cell). */
static GPtrArray *
read_cells (const char *path)
{
  Cells cells = { g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref), NULL };
  g_autofree char *text = NULL;
  struct csv_parser parser;
  gsize len, skip;

  g_assert_true (g_file_get_contents (path, &text, &len, NULL));
  skip = g_str_has_prefix (text, "\xEF\xBB\xBF") ? 3 : 0;
  g_assert_cmpint (csv_init (&parser, 0), ==, 0);
  csv_set_space_func (&parser, no_space);
  csv_parse (&parser, text + skip, len - skip, on_cell_cb, on_row_cb, &cells);
  csv_fini (&parser, on_cell_cb, on_row_cb, &cells);
  csv_free (&parser);
  g_assert_null (cells.row);
  return cells.rows;
}

static void
assert_same_cells (const char *expected_path,
                   const char *path)
{
  g_autoptr(GPtrArray) expected = read_cells (expected_path);
  g_autoptr(GPtrArray) got = read_cells (path);

  g_assert_cmpuint (got->len, ==, expected->len);
  for (guint r = 0; r < expected->len; r++)
    {
      GPtrArray *want = g_ptr_array_index (expected, r), *row = g_ptr_array_index (got, r);

      g_assert_cmpuint (row->len, ==, want->len);
      for (guint c = 0; c < want->len; c++)
        {
          GBytes *a = g_ptr_array_index (want, c), *b = g_ptr_array_index (row, c);

          if (!g_bytes_equal (a, b))
            g_error ("line %u, field %u: \"%.*s\" written back as \"%.*s\"", r + 1, c + 1,
                     (int) g_bytes_get_size (a), (const char *) g_bytes_get_data (a, NULL),
                     (int) g_bytes_get_size (b), (const char *) g_bytes_get_data (b, NULL));
        }
    }
}

/* A folder of its own for a test's files, removed with it. */
typedef struct
{
  char *dir;
} Scratch;

static void
scratch_init (Scratch *scratch)
{
  g_autoptr(GError) error = NULL;

  scratch->dir = g_dir_make_tmp ("mercato-roundtrip-XXXXXX", &error);
  g_assert_no_error (error);
}

/* Writes LEN bytes of CONTENTS (-1: up to the NUL) to NAME in SCRATCH. */
static char *
scratch_write (Scratch    *scratch,
               const char *name,
               const char *contents,
               gssize      len)
{
  char *path = g_build_filename (scratch->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, len, NULL));
  return path;
}

static void
scratch_clear (Scratch *scratch)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", scratch->dir);

  g_assert_cmpint (system (command), ==, 0);
  g_clear_pointer (&scratch->dir, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Scratch, scratch_clear)

/* Cleans PATH with a recipe of no steps and compares every cell. */
static void
assert_clean_writes_back (const char *path)
{
  g_auto(Scratch) scratch = { 0 };
  g_autofree char *recipe = NULL;
  g_autofree char *out = NULL;
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *cleaned = NULL;
  g_auto(Run) run = { 0 };

  scratch_init (&scratch);
  recipe = scratch_write (&scratch, "recipe.ini", "", 0);
  out = g_build_filename (scratch.dir, "out", NULL);
  cleaned = g_build_filename (out, base, NULL);
  run_cli (&run, "clean", path, "--out", out, "--recipe", recipe, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"steps\": []"));
  assert_same_cells (path, cleaned);
}

static McColumn *
read_column (McTable    *table,
             const char *name)
{
  McColumn *column = mc_table_lookup_column (table, name);

  g_assert_nonnull (column);
  return column;
}

static void
test_fixture (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "csv", "roundtrip.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(McTable) table = mc_csv_read (path, NULL, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  /* The columns keep their types: the forms are not text in disguise. */
  g_assert_cmpint (read_column (table, "customer_uuid")->type, ==, MC_COLUMN_TYPE_IDENTIFIER);
  g_assert_true (read_column (table, "customer_uuid")->is_uuid);
  g_assert_cmpint (read_column (table, "amount")->type, ==, MC_COLUMN_TYPE_NUMBER);
  g_assert_cmpint (read_column (table, "ordered_at")->type, ==, MC_COLUMN_TYPE_DATETIME);
  g_assert_cmpint (read_column (table, "paid")->type, ==, MC_COLUMN_TYPE_BOOLEAN);
  assert_clean_writes_back (path);
}

/* Writes ROWS rows past the reader's sample of 1000, so that the forms
 * the sample did not see (a datetime in a column of dates, an upper-case
 * UUID) come in while slices are parsed, and 3 MB so that there are
 * two slices to merge. */
static char *
write_generated (Scratch *scratch,
                 guint    n_rows)
{
  static const char *amounts[] = {
    "12.50", "+3", "1e3", "-0", "7", "\"1,234.50\"", "0.1", "100", "3.0", "0.00001", "0.0001",
  };
  static const char *fractions[] = { "", ".5", ".123", ".123456" };
  g_autoptr(GString) text = g_string_new ("order_id,customer_uuid,ordered_at,amount,qty\n");

  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *uuid = g_strdup_printf ("%08x-e5f6-4a7b-8c9d-0e1f2a3b4c5d", 0xa0000000u + i);
      g_autofree char *at = NULL;
      int month = 1 + i % 12, day = 1 + i % 28;

      if (i >= 1500 && i % 7 == 0)
        for (char *p = uuid; *p; p++)
          *p = g_ascii_toupper (*p);
      else if (i >= 1500 && i % 11 == 0)
        {
          g_free (uuid);
          uuid = g_strdup_printf ("%08xe5f64a7b8c9d0e1f2a3b4c5d", 0xa0000000u + i);
        }
      else if (i >= 1500 && i % 13 == 0)
        uuid[0] = 'A';
      if (i < 1500 || i % 5 == 0)
        at = g_strdup_printf ("2021-%02d-%02d", month, day);
      else if (i % 17 == 0)
        at = g_strdup_printf ("2021-%02d-%02d 00:00:00", month, day);
      else
        at = g_strdup_printf ("2021-%02d-%02d %02u:%02u:%02u%s", month, day, i % 24, i % 60, (i / 60) % 60,
                              fractions[i % 4]);
      g_string_append_printf (text, "%05u,%s,%s,%s,%s\n", i, uuid, at, amounts[i % G_N_ELEMENTS (amounts)],
                              i % 9 == 0 ? "007" : "3");
    }
  return scratch_write (scratch, "generated.csv", text->str, text->len);
}

static void
test_generated (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(Scratch) scratch = { 0 };
  g_autofree char *path = NULL;
  g_autoptr(McTable) table = NULL;
  McColumn *at;

  scratch_init (&scratch);
  path = write_generated (&scratch, 40000);
  table = mc_csv_read (path, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  at = read_column (table, "ordered_at");
  g_assert_cmpint (at->type, ==, MC_COLUMN_TYPE_DATETIME);
  /* Most midnights are written as dates: the column prints them so,
   * and keeps the text of the few written in full. */
  g_assert_true (at->midnight_as_date);
  for (guint i = 0; i < at->issues->len; i++)
    g_assert_cmpuint (strlen (g_array_index (at->issues, McCellIssue, i).raw), !=, strlen ("2021-01-01"));
  g_assert_true (read_column (table, "customer_uuid")->is_uuid);
  g_assert_false (read_column (table, "customer_uuid")->uuid_upper);
  g_assert_cmpint (read_column (table, "amount")->type, ==, MC_COLUMN_TYPE_NUMBER);
  assert_clean_writes_back (path);
}

/* A file without a header (CDNOW's layout, with commas) is written back
 * without one: column_1… are Mercato's names, not the file's. */
static void
test_no_header (void)
{
  g_auto(Scratch) scratch = { 0 };
  g_autofree char *path = NULL;

  scratch_init (&scratch);
  path = scratch_write (&scratch, "cdnow.csv", "00001,19970101,1,11.77\n00002,19970112,1,12.00\n"
                                               "00002,19970112,5,77.00\n00003,19970102,2,20.76\n", -1);
  assert_clean_writes_back (path);
}

/* What the writer would write for each cell of COLUMN. */
static char *
written_text (McColumn *column,
              gsize     row)
{
  guint next_issue = 0;
  const char *as_read = mc_column_get_written_text (column, row, &next_issue);

  return as_read != NULL ? g_strdup (as_read) : mc_column_format_value (column, row);
}

static McColumn *
finish_text_column (const char  *name,
                    const char **values,
                    gsize        n)
{
  McChunkColumn builder;
  McColumn *column;

  mc_chunk_column_init_text (&builder, n);
  for (gsize i = 0; i < n; i++)
    mc_chunk_column_append_text (&builder, values[i]);
  column = mc_csv_finish_strings (&builder, name, NULL);
  mc_chunk_column_clear (&builder);
  return column;
}

static void
assert_written_back (McColumn    *column,
                     const char **values,
                     gsize        n)
{
  for (gsize i = 0; i < n; i++)
    {
      g_autofree char *text = written_text (column, i);

      g_assert_cmpstr (text, ==, values[i]);
    }
}

/* Columns typed from their text (workbooks, columns read again as text)
 * keep the same forms as those typed while parsing. */
static void
test_text_columns (void)
{
  const char *uuids[] = {
    "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d", "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5e",
    "A1B2C3D4-E5F6-4A7B-8C9D-0E1F2A3B4C5F", "a1b2c3d4e5f64a7b8c9d0e1f2a3b4c60",
    "A1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c61", "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c62",
  };
  const char *times[] = {
    "2021-03-04", "2021-03-05", "2021-03-04 10:22:00", "2021-03-06 00:00:00", "2021-03-07", "",
    "2021-03-04 10:22:00.5",
  };
  g_autoptr(McColumn) ids = finish_text_column ("customer_id", uuids, G_N_ELEMENTS (uuids));
  g_autoptr(McColumn) at = finish_text_column ("ordered_at", times, G_N_ELEMENTS (times));
  g_autofree char *changed = NULL;

  g_assert_true (ids->is_uuid);
  assert_written_back (ids, uuids, G_N_ELEMENTS (uuids));
  g_assert_cmpint (at->type, ==, MC_COLUMN_TYPE_DATETIME);
  g_assert_true (at->midnight_as_date);
  times[5] = NULL;
  assert_written_back (at, times, G_N_ELEMENTS (times));

  /* A cell a step changes is written in the column's form. */
  memcpy (ids->v.uuids + 2 * 16, ids->v.uuids, 16);
  changed = written_text (ids, 2);
  g_assert_cmpstr (changed, ==, uuids[0]);
}

/* A NUL inside a cell is refused with its line and column: the cell
 * cannot be kept (every layer holds text as C strings) and cutting it
 * would lose what follows it without a word. */
static void
test_nul_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(Scratch) scratch = { 0 };
  g_autofree char *path = NULL;
  g_autofree char *prefix = NULL;
  g_autoptr(McTable) table = NULL;

  scratch_init (&scratch);
  path = scratch_write (&scratch, "nul.csv", "id,note\n1,ok\n2,abc\0def\n3,ok\n", 28);
  prefix = g_strdup_printf ("%s:3:6: ", path);
  table = mc_csv_read (path, NULL, NULL, NULL, NULL, &error);
  g_assert_null (table);
  g_assert_error (error, MC_CSV_ERROR, MC_CSV_ERROR_PARSE);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  g_assert_nonnull (strstr (error->message, "NUL"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Mercato/Roundtrip/fixture", test_fixture);
  g_test_add_func ("/Mercato/Roundtrip/generated", test_generated);
  g_test_add_func ("/Mercato/Roundtrip/no-header", test_no_header);
  g_test_add_func ("/Mercato/Roundtrip/text-columns", test_text_columns);
  g_test_add_func ("/Mercato/Roundtrip/nul-refused", test_nul_refused);
  return g_test_run ();
}
