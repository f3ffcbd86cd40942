/* test-xlsx-writer.c: workbooks Mercato writes reopen, in Mercato and in
 * LibreOffice, with the values written
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gsf/gsf.h>
#include <glib/gstdio.h>
#include <string.h>

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
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "/nonexistent-folder"));
}

/* mercato-cli rfm --out FILE.xlsx holds what --out FILE.csv holds. */
static void
test_cli_rfm (void)
{
  g_autofree char *sample = g_build_filename (g_getenv ("MERCATO_SOURCE_ROOT"), "app", "sample", "automotive", NULL);
  g_autofree char *dir = g_dir_make_tmp ("mercato-xlsx-XXXXXX", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "rfm.xlsx", NULL);
  g_autofree char *csv = g_build_filename (dir, "rfm.csv", NULL);
  g_autoptr(McDataset) from_xlsx = NULL;
  g_autoptr(McDataset) from_csv = NULL;
  g_auto(Run) a = { 0 };
  g_auto(Run) b = { 0 };

  run_cli (&a, "rfm", sample, "--out", xlsx, NULL);
  run_cli (&b, "rfm", sample, "--out", csv, NULL);
  g_assert_cmpint (a.status, ==, 0);
  g_assert_cmpint (b.status, ==, 0);
  from_xlsx = load_dataset_at (xlsx);
  from_csv = load_dataset_at (csv);
  assert_values (mc_dataset_get_table (from_csv, 0), mc_dataset_get_table (from_xlsx, 0), FALSE);
  g_unlink (xlsx);
  g_unlink (csv);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Mercato/XlsxWriter/round-trip", test_round_trip);
  g_test_add_func ("/Mercato/XlsxWriter/atomic-failure", test_atomic_failure);
  g_test_add_func ("/Mercato/XlsxWriter/cli-rfm", test_cli_rfm);

  return g_test_run ();
}
