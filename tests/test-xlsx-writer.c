/* test-xlsx-writer.c: workbooks Mercato writes reopen, in Mercato and in
 * LibreOffice, with the values written
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gsf/gsf.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "mc-xlsx-writer.h"
#include "test-common.h"

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "workbook", name, NULL);
}

/* With SAME_TYPES FALSE, numbers compare as numbers: money written to the
 * cent in CSV (54000.00) is the number 54000 in a workbook. */
static void
assert_values (McTable  *expected,
               McTable  *table,
               gboolean  same_types)
{
  g_assert_cmpuint (mc_table_get_n_columns (table), ==, mc_table_get_n_columns (expected));
  g_assert_cmpuint (mc_table_get_n_rows (table), ==, mc_table_get_n_rows (expected));
  for (guint c = 0; c < mc_table_get_n_columns (expected); c++)
    for (gsize r = 0; r < mc_table_get_n_rows (expected); r++)
      {
        g_autofree char *a = mc_column_format_value (mc_table_get_column (expected, c), r);
        g_autofree char *b = mc_column_format_value (mc_table_get_column (table, c), r);

        McColumn *want = mc_table_get_column (expected, c), *got = mc_table_get_column (table, c);
        double x, y;

        g_assert_cmpstr (got->name, ==, want->name);
        if (!same_types && mc_column_is_numeric (want) && mc_column_is_numeric (got))
          {
            g_assert_cmpint (mc_column_get_double (got, r, &y), ==, mc_column_get_double (want, r, &x));
            g_assert_true (mc_column_is_missing (want, r) || x == y);
            continue;
          }
        g_assert_cmpint (got->type, ==, want->type);
        /* A workbook holds a time of day to the millisecond, as Excel
         * does (docs/csv-reading.md): microseconds are not kept. */
        if (!same_types && want->type == MC_COLUMN_TYPE_DATETIME)
          {
            g_assert_cmpint (mc_column_is_missing (got, r), ==, mc_column_is_missing (want, r));
            g_assert_true (mc_column_is_missing (want, r) || ABS (got->v.i64[r] - want->v.i64[r]) < 1000);
            continue;
          }
        g_assert_cmpstr (b, ==, a);
      }
}

static char *
read_part (const char *path,
           const char *part)
{
  g_autoptr(GError) error = NULL;
  GsfInput *input = gsf_input_stdio_new (path, &error);
  GsfInfile *zip = gsf_infile_zip_new (input, &error);
  g_auto(GStrv) names = g_strsplit (part, "/", -1);
  GsfInput *child;
  char *text;

  g_assert_no_error (error);
  child = gsf_infile_child_by_aname (zip, (const char **) names);
  g_assert_nonnull (child);
  text = g_strndup ((const char *) gsf_input_read (child, gsf_input_size (child), NULL), gsf_input_size (child));
  g_object_unref (child);
  g_object_unref (zip);
  g_object_unref (input);
  return text;
}

/* Typed cells, a bold frozen header with an autofilter, money to two
 * decimals, dates as dates, formula-like text as text; Mercato reads
 * back what it wrote, and LibreOffice's CSV of it is the source's. */
static void
test_round_trip (void)
{
  g_autofree char *csv = fixture ("formula-like.csv");
  g_autofree char *dir = g_dir_make_tmp ("mercato-xlsx-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "out.xlsx", NULL);
  g_autofree char *back_csv = g_build_filename (dir, "out.csv", NULL);
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *sheet = NULL, *styles = NULL;
  g_autoptr(McDataset) source = load_dataset_at (csv);
  g_autoptr(McDataset) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  guint n_files = 0;

  g_assert_true (mc_xlsx_write (mc_dataset_get_table (source, 0), path, &error));
  g_assert_no_error (error);
  back = load_dataset_at (path);
  assert_values (mc_dataset_get_table (source, 0), mc_dataset_get_table (back, 0), TRUE);

  sheet = read_part (path, "xl/worksheets/sheet1.xml");
  styles = read_part (path, "xl/styles.xml");
  g_assert_nonnull (strstr (sheet, "state=\"frozen\""));
  g_assert_nonnull (strstr (sheet, "<autoFilter ref=\"A1:E6\""));
  g_assert_nonnull (strstr (sheet, "<t>=1+1</t>"));
  g_assert_null (strstr (sheet, "<f>"));
  g_assert_nonnull (strstr (styles, "<b/>"));
  g_assert_nonnull (strstr (styles, "formatCode=\"#,##0.00\""));
  g_assert_nonnull (strstr (styles, "formatCode=\"yyyy-mm-dd\""));
  /* Written beside the target and renamed: nothing else is left. */
  listing = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (listing) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 1);

  if (soffice == NULL)
    {
      g_test_skip ("soffice is not installed (tests/install-deps.sh installs libreoffice-calc-nogui)");
      return;
    }
  {
    g_autofree char *profile = g_strdup_printf ("-env:UserInstallation=file://%s/profile", dir);
    const char *argv[] = { soffice, profile, "--headless", "--convert-to", "csv", "--outdir", dir, path, NULL };
    g_autoptr(McDataset) again = NULL;
    int status = 0;

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                  NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    again = load_dataset_at (back_csv);
    assert_values (mc_dataset_get_table (source, 0), mc_dataset_get_table (again, 0), TRUE);
  }
  {
    g_autofree char *command = g_strdup_printf ("rm -rf '%s'", dir);

    g_assert_cmpint (system (command), ==, 0);
  }
}

static void
test_atomic_failure (void)
{
  g_autofree char *csv = fixture ("formula-like.csv");
  g_autoptr(McDataset) source = load_dataset_at (csv);
  g_autoptr(GError) error = NULL;

  g_assert_false (mc_xlsx_write (mc_dataset_get_table (source, 0), "/nonexistent-folder/out.xlsx", &error));
  /* The message every writer gives (mc_output_set_error). */
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/nonexistent-folder: the folder does not exist"));
}

static void
remove_tree (const char *dir)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", dir);

  g_assert_cmpint (system (command), ==, 0);
}

/* LibreOffice's CSV of the workbook at PATH (written in DIR), or NULL
 * when soffice is not installed. */
static char *
soffice_csv (const char *path,
             const char *dir)
{
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *profile = g_strdup_printf ("-env:UserInstallation=file://%s/profile", dir);
  g_autofree char *outdir = g_build_filename (dir, "soffice", NULL);
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (soffice == NULL)
    return NULL;
  {
    const char *argv[] = { soffice, profile, "--headless", "--convert-to", "csv", "--outdir", outdir, path, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                  NULL, NULL, NULL, NULL, &status, &error);
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  *strrchr (base, '.') = '\0';
  return g_strconcat (outdir, G_DIR_SEPARATOR_S, base, ".csv", NULL);
}

/* The type Mercato reads back for the column NAME of TABLE. */
static McColumnType
type_of (McTable    *table,
         const char *name)
{
  McColumn *column = mc_table_lookup_column (table, name);

  g_assert_nonnull (column);
  return column->type;
}

/* mercato-cli COMMAND … --out FILE.xlsx holds what --out FILE.csv holds,
 * reopened in Mercato and through LibreOffice; TYPES are "column=type"
 * pairs the workbook must hold (ids as text, counts as integers…).
 * Returns the workbook's path, in DIR. */
static char *
check_cli_workbook (const char  *dir,
                    const char  *name,
                    const char **arguments,
                    const char  *expected_styles)
{
  g_autofree char *xlsx_name = g_strconcat (name, ".xlsx", NULL);
  g_autofree char *csv_name = g_strconcat (name, ".csv", NULL);
  char *xlsx = g_build_filename (dir, xlsx_name, NULL);
  g_autofree char *csv = g_build_filename (dir, csv_name, NULL);
  g_autofree char *back = NULL, *styles = NULL;
  g_autoptr(McDataset) from_xlsx = NULL;
  g_autoptr(McDataset) from_csv = NULL;

  for (guint pass = 0; pass < 2; pass++)
    {
      g_autofree char *command = NULL;
      g_autoptr(GString) line = g_string_new (g_getenv ("MERCATO_CLI"));
      int status = 0;

      for (guint i = 0; arguments[i] != NULL; i++)
        {
          g_autofree char *quoted = g_shell_quote (arguments[i]);

          g_string_append_printf (line, " %s", quoted);
        }
      {
        g_autofree char *quoted = g_shell_quote (pass == 0 ? xlsx : csv);

        g_string_append_printf (line, " --out %s >/dev/null", quoted);
      }
      command = g_string_free (g_steal_pointer (&line), FALSE);
      status = system (command);
      g_assert_cmpint (status, ==, 0);
    }
  /* Typed as written, not as text read back from a CSV. */
  styles = read_part (xlsx, "xl/styles.xml");
  g_assert_nonnull (strstr (styles, expected_styles));
  from_xlsx = load_dataset_at (xlsx);
  from_csv = load_dataset_at (csv);
  assert_values (mc_dataset_get_table (from_csv, 0), mc_dataset_get_table (from_xlsx, 0), FALSE);
  /* Nothing but the files asked for: no temporary left. */
  g_assert_false (g_file_test (csv, G_FILE_TEST_IS_DIR));
  if ((back = soffice_csv (xlsx, dir)) != NULL)
    {
      g_autoptr(McDataset) again = load_dataset_at (back);

      assert_values (mc_dataset_get_table (from_csv, 0), mc_dataset_get_table (again, 0), FALSE);
    }
  else
    g_test_message ("soffice is not installed (tests/install-deps.sh installs libreoffice-calc-nogui): "
                    "no LibreOffice round trip for %s", xlsx_name);
  return xlsx;
}

static void
assert_only_files (const char *dir,
                   const char *prefix)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (listing)) != NULL)
    g_assert_false (g_str_has_prefix (name, prefix));
}

static char *
sample (void)
{
  return g_build_filename (g_getenv ("MERCATO_SOURCE_ROOT"), "app", "sample", "automotive", NULL);
}

/* mercato-cli rfm --out FILE.xlsx: customer ids as text, recency,
 * frequency and scores as integers, monetary with two decimals. */
static void
test_cli_rfm (void)
{
  g_autofree char *data = sample ();
  g_autofree char *dir = g_dir_make_tmp ("mercato-xlsx-XXXXXX", NULL);
  const char *arguments[] = { "rfm", data, NULL };
  g_autofree char *xlsx = check_cli_workbook (dir, "rfm", arguments, "formatCode=\"#,##0.00\"");
  g_autofree char *sheet = read_part (xlsx, "xl/worksheets/sheet1.xml");
  g_autoptr(McDataset) back = load_dataset_at (xlsx);
  McTable *table = mc_dataset_get_table (back, 0);

  /* A1..H1 the header, A2 the first id: a string, B2 a number. */
  g_assert_true (strstr (sheet, "<c r=\"A2\" t=\"inlineStr\"") != NULL || strstr (sheet, "<c r=\"A2\" t=\"s\"") != NULL);
  g_assert_null (strstr (sheet, "<c r=\"B2\" t="));
  g_assert_cmpstr (mc_table_get_name (table), ==, "rfm");
  g_assert_cmpint (type_of (table, "frequency"), ==, MC_COLUMN_TYPE_INTEGER);
  g_assert_cmpint (type_of (table, "r_score"), ==, MC_COLUMN_TYPE_INTEGER);
  g_assert_true (mc_column_is_numeric (mc_table_lookup_column (table, "monetary")));
  assert_only_files (dir, ".rfm");
  remove_tree (dir);
}

static void
test_cli_segment (void)
{
  g_autofree char *data = sample ();
  g_autofree char *dir = g_dir_make_tmp ("mercato-xlsx-XXXXXX", NULL);
  const char *arguments[] = { "segment", data, "--preset", "rfm", "--k", "3", "--seed", "7", NULL };
  g_autofree char *xlsx = check_cli_workbook (dir, "segments", arguments, "formatCode=\"0\"");
  g_autofree char *sheet = read_part (xlsx, "xl/worksheets/sheet1.xml");
  g_autoptr(McDataset) back = load_dataset_at (xlsx);
  McTable *table = mc_dataset_get_table (back, 0);

  g_assert_true (strstr (sheet, "<c r=\"A2\" t=\"inlineStr\"") != NULL || strstr (sheet, "<c r=\"A2\" t=\"s\"") != NULL);
  g_assert_null (strstr (sheet, "<c r=\"B2\" t="));
  g_assert_cmpint (type_of (table, "segment"), ==, MC_COLUMN_TYPE_INTEGER);
  assert_only_files (dir, ".segments");
  remove_tree (dir);
}

/* A chart's data: months as dates and revenue with two decimals; counts
 * of customers per segment as integers beside their names. */
static void
test_cli_chart (void)
{
  g_autofree char *data = sample ();
  g_autofree char *dir = g_dir_make_tmp ("mercato-xlsx-XXXXXX", NULL);
  const char *trend[] = { "chart", data, "--chart", "sales-trend", NULL };
  const char *counts[] = { "chart", data, "--chart", "rfm-segments", NULL };
  g_autofree char *trend_xlsx = check_cli_workbook (dir, "sales-trend", trend, "formatCode=\"#,##0.00\"");
  g_autofree char *counts_xlsx = check_cli_workbook (dir, "rfm-segments", counts, "formatCode=\"0\"");
  g_autoptr(McDataset) trend_back = load_dataset_at (trend_xlsx);
  g_autoptr(McDataset) counts_back = load_dataset_at (counts_xlsx);
  McTable *months = mc_dataset_get_table (trend_back, 0);
  McTable *segments = mc_dataset_get_table (counts_back, 0);

  g_assert_true (mc_column_is_temporal (mc_table_get_column (months, 0)));
  g_assert_true (mc_column_is_numeric (mc_table_get_column (months, 1)));
  g_assert_cmpint (mc_table_get_column (segments, 0)->type, !=, MC_COLUMN_TYPE_INTEGER);
  g_assert_cmpint (mc_table_get_column (segments, 1)->type, ==, MC_COLUMN_TYPE_INTEGER);
  remove_tree (dir);
}

/* clean --xlsx: each cleaned table as a workbook, with what clean's CSV
 * of it holds. */
static void
test_cli_clean (void)
{
  g_autofree char *data = sample ();
  g_autofree char *dir = g_dir_make_tmp ("mercato-xlsx-XXXXXX", NULL);
  g_autofree char *as_csv = g_build_filename (dir, "csv", NULL);
  g_autofree char *as_xlsx = g_build_filename (dir, "xlsx", NULL);
  g_autoptr(GDir) listing = NULL;
  const char *entry;
  guint n_tables = 0;
  g_auto(Run) a = { 0 };
  g_auto(Run) b = { 0 };

  run_cli (&a, "clean", data, "--out", as_csv, NULL);
  run_cli (&b, "clean", data, "--out", as_xlsx, "--xlsx", NULL);
  g_assert_cmpint (a.status, ==, 0);
  g_assert_cmpint (b.status, ==, 0);
  /* Each cleaned table on its own: the folders also hold the log. */
  listing = g_dir_open (as_csv, 0, NULL);
  while ((entry = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *csv = g_build_filename (as_csv, entry, NULL);
      g_autofree char *name = NULL, *xlsx = NULL, *back = NULL;
      g_autoptr(McDataset) from_csv = NULL;
      g_autoptr(McDataset) from_xlsx = NULL;
      McTable *want, *got;

      if (!g_str_has_suffix (entry, ".csv"))
        continue;
      name = g_strndup (entry, strlen (entry) - 4);
      xlsx = g_strdup_printf ("%s/%s.xlsx", as_xlsx, name);
      from_csv = load_dataset_at (csv);
      from_xlsx = load_dataset_at (xlsx);
      want = mc_dataset_get_table (from_csv, 0);
      got = mc_dataset_get_table (from_xlsx, 0);
      g_assert_cmpstr (mc_table_get_name (got), ==, mc_table_get_name (want));
      assert_values (want, got, FALSE);
      if (n_tables++ == 0 && (back = soffice_csv (xlsx, dir)) != NULL)
        {
          g_autoptr(McDataset) again = load_dataset_at (back);

          assert_values (want, mc_dataset_get_table (again, 0), FALSE);
        }
    }
  g_assert_cmpuint (n_tables, >=, 3);
  remove_tree (dir);
}

/* No workbook replaces a file of the data: not the table's own file, not
 * one of the dataset's (by another name), not by the CLI. */
static void
test_not_over_source (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mercato-xlsx-XXXXXX", NULL);
  g_autofree char *book = fixture ("excel-autofilter00.xlsx");
  g_autofree char *copy = g_build_filename (dir, "source.xlsx", NULL);
  g_autofree char *link = g_build_filename (dir, "link.xlsx", NULL);
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(McDataset) source = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  gsize length;

  g_assert_true (g_file_get_contents (book, &before, &length, NULL));
  g_assert_true (g_file_set_contents (copy, before, length, NULL));
  g_assert_cmpint (symlink (copy, link), ==, 0);
  source = load_dataset_at (copy);

  g_assert_false (mc_xlsx_write (mc_dataset_get_table (source, 0), copy, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  {
    g_autoptr(McTable) other = mc_table_new ("other", NULL);

    g_assert_false (mc_xlsx_write_checked (other, source, link, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
    g_assert_nonnull (strstr (error->message, copy));
  }
  run_cli (&run, "rfm", copy, "--out", link, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_true (g_file_get_contents (copy, &after, NULL, NULL));
  g_assert_true (memcmp (before, after, length) == 0);
  assert_only_files (dir, ".source");
  assert_only_files (dir, ".link");
  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Mercato/XlsxWriter/round-trip", test_round_trip);
  g_test_add_func ("/Mercato/XlsxWriter/atomic-failure", test_atomic_failure);
  g_test_add_func ("/Mercato/XlsxWriter/not-over-source", test_not_over_source);
  g_test_add_func ("/Mercato/XlsxWriter/cli-rfm", test_cli_rfm);
  g_test_add_func ("/Mercato/XlsxWriter/cli-segment", test_cli_segment);
  g_test_add_func ("/Mercato/XlsxWriter/cli-chart", test_cli_chart);
  g_test_add_func ("/Mercato/XlsxWriter/cli-clean", test_cli_clean);

  return g_test_run ();
}
