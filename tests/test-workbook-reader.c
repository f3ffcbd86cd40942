/* test-workbook-reader.c: .xlsx and .ods from LibreOffice, Excel and
 * libxlsxwriter open with the same values as their CSV; other files are
 * refused by content
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <gsf/gsf.h>
#include <string.h>
#include <xlsxwriter.h>

#include "mc-dataset-loader.h"
#include "mc-workbook-reader.h"
#include "test-common.h"

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "workbook", name, NULL);
}

static char *
temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("mercato-workbook-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_dir (const char *dir)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", dir);

  g_assert_cmpint (system (command), ==, 0);
}

/* Converts SOURCE with LibreOffice into DIR; NULL (the test skipped) when
 * soffice is not installed. Each run has its own profile, so that tests
 * running at once do not wait for each other's. */
static char *
soffice_convert (const char *source,
                 const char *format,
                 const char *dir)
{
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *profile = NULL, *base = NULL, *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  char *dot;

  if (soffice == NULL)
    {
      g_test_skip ("soffice is not installed (tests/install-deps.sh installs libreoffice-calc-nogui)");
      return NULL;
    }
  profile = g_strdup_printf ("-env:UserInstallation=file://%s/profile", dir);
  {
    const char *argv[] = { soffice, profile, "--headless", "--convert-to", format, "--outdir", dir, source, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                  NULL, NULL, NULL, NULL, &status, &error);
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  base = g_path_get_basename (source);
  if ((dot = strrchr (base, '.')) != NULL)
    *dot = '\0';
  out = g_strdup_printf ("%s/%s.%.*s", dir, base, (int) strcspn (format, ":"), format);
  g_assert_true (g_file_test (out, G_FILE_TEST_EXISTS));
  return g_steal_pointer (&out);
}

static void
assert_same_table (McTable *expected,
                   McTable *table)
{
  g_assert_cmpuint (mc_table_get_n_columns (table), ==, mc_table_get_n_columns (expected));
  g_assert_cmpuint (mc_table_get_n_rows (table), ==, mc_table_get_n_rows (expected));
  for (guint c = 0; c < mc_table_get_n_columns (expected); c++)
    {
      McColumn *want = mc_table_get_column (expected, c);
      McColumn *got = mc_table_get_column (table, c);

      g_assert_cmpstr (got->name, ==, want->name);
      g_assert_cmpint (got->type, ==, want->type);
      for (gsize r = 0; r < mc_table_get_n_rows (expected); r++)
        {
          g_autofree char *a = mc_column_format_value (want, r);
          g_autofree char *b = mc_column_format_value (got, r);

          g_assert_cmpstr (b, ==, a);
        }
    }
}

static double
overall_revenue (const char *path)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonObject) object = NULL;

  run_cli (&run, "metrics", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  object = parse_object (run.out);
  return json_object_get_double_member (json_object_get_object_member (object, "overall"), "revenue");
}

/* A CSV saved by LibreOffice as FORMAT opens with the CSV's columns,
 * types and values, and gives the same figures. */
static void
check_libreoffice (const char *format)
{
  g_autofree char *csv = fixture ("orders.csv");
  g_autofree char *dir = temp_dir ();
  g_autofree char *workbook = soffice_convert (csv, format, dir);
  g_autoptr(McDataset) from_csv = NULL;
  g_autoptr(McDataset) from_workbook = NULL;

  if (workbook == NULL)
    return;
  from_csv = load_dataset_at (csv);
  from_workbook = load_dataset_at (workbook);
  g_assert_cmpuint (mc_dataset_get_n_tables (from_workbook), ==, 1);
  g_assert_cmpstr (mc_table_get_name (mc_dataset_get_table (from_workbook, 0)), ==, "orders");
  assert_same_table (mc_dataset_get_table (from_csv, 0), mc_dataset_get_table (from_workbook, 0));
  g_assert_cmpfloat_with_epsilon (overall_revenue (workbook), overall_revenue (csv), 1e-6);
  remove_dir (dir);
}

static void
test_libreoffice_xlsx (void)
{
  check_libreoffice ("xlsx");
}

static void
test_libreoffice_ods (void)
{
  check_libreoffice ("ods");
}

/* A workbook saved by Excel itself holds what it was made from. */
static void
test_excel_table (void)
{
  g_autofree char *path = fixture ("excel-autofilter00.xlsx");
  g_autofree char *csv = fixture ("excel-autofilter00.csv");
  g_autoptr(McDataset) workbook = load_dataset_at (path);
  g_autoptr(McDataset) expected = load_dataset_at (csv);
  McTable *table = mc_dataset_get_table (workbook, 0);
  McColumn *volume = mc_table_lookup_column (table, "Volume");
  double sum = 0, value;

  g_assert_cmpstr (mc_table_get_name (table), ==, "Sheet1");
  assert_same_table (mc_dataset_get_table (expected, 0), table);
  for (gsize r = 0; r < volume->n_rows; r++)
    if (mc_column_get_double (volume, r, &value))
      sum += value;
  g_assert_cmpfloat (sum, ==, 292000);
  /* Row numbers are the sheet's: the header is row 1. */
  g_assert_cmpuint (mc_table_get_row_line (table, 0), ==, 2);
}

static void
check_dates (const char         *name,
             const char * const *dates)
{
  g_autofree char *path = fixture (name);
  g_autoptr(McDataset) dataset = load_dataset_at (path);
  McColumn *column = mc_table_get_column (mc_dataset_get_table (dataset, 0), 0);

  g_assert_cmpint (column->type, ==, MC_COLUMN_TYPE_DATE);
  g_assert_cmpuint (column->n_rows, ==, g_strv_length ((char **) dates));
  for (gsize r = 0; r < column->n_rows; r++)
    {
      g_autofree char *text = mc_column_format_value (column, r);

      g_assert_cmpstr (text, ==, dates[r]);
    }
}

/* Excel's 1900 date system (with its 29 February 1900) and the 1904 one. */
static void
test_excel_dates (void)
{
  static const char * const dates_1900[] = { "1900-01-01", "1902-09-26", "1913-09-08", "1927-05-18", "2173-10-14", "4637-11-26", NULL };
  static const char * const dates_1904[] = { "1904-01-01", "1906-09-27", "1917-09-09", "1931-05-19", "2177-10-15", "4641-11-27", NULL };

  check_dates ("excel-date_1904_01.xlsx", dates_1900);
  check_dates ("excel-date_1904_02.xlsx", dates_1904);
}

/* A report-like sheet: a merged title, a blank row, group names merged
 * over column names, a formula with its cached value, a date format, a
 * boolean, and a second sheet; strings inline (constant memory mode). */
static void
write_report (const char *path,
              gboolean    inline_strings)
{
  lxw_workbook_options options = { .constant_memory = inline_strings };
  lxw_workbook *workbook = workbook_new_opt (path, &options);
  lxw_worksheet *sheet = workbook_add_worksheet (workbook, "Sales 2023");
  lxw_worksheet *other = workbook_add_worksheet (workbook, "Customers");
  lxw_format *date = workbook_add_format (workbook);

  format_set_num_format (date, "dd/mm/yyyy");
  worksheet_merge_range (sheet, 0, 0, 0, 4, "Quarterly sales report", NULL);
  worksheet_write_string (sheet, 2, 0, "Order", NULL);
  worksheet_merge_range (sheet, 2, 1, 2, 2, "Customer", NULL);
  worksheet_write_string (sheet, 2, 3, "Total", NULL);
  worksheet_write_string (sheet, 2, 4, "Paid", NULL);
  worksheet_write_string (sheet, 3, 1, "id", NULL);
  worksheet_write_string (sheet, 3, 2, "city", NULL);
  for (int i = 0; i < 3; i++)
    {
      lxw_datetime when = { 2023, 5, 1 + i, 0, 0, 0 };

      worksheet_write_number (sheet, 4 + i, 0, 100 + i, NULL);
      worksheet_write_string (sheet, 4 + i, 1, i == 1 ? "C2" : "C1", NULL);
      worksheet_write_string (sheet, 4 + i, 2, "Lyon", NULL);
      worksheet_write_formula_num (sheet, 4 + i, 3, "=A5*2", NULL, 2.5 * (i + 1));
      worksheet_write_boolean (sheet, 4 + i, 4, i != 1, NULL);
      worksheet_write_datetime (sheet, 4 + i, 5, &when, date);
    }
  worksheet_write_string (other, 0, 0, "id", NULL);
  worksheet_write_string (other, 1, 0, "C1", NULL);
  g_assert_cmpint (workbook_close (workbook), ==, LXW_NO_ERROR);
}

static void
check_report (gboolean inline_strings)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "report.xlsx", NULL);
  g_autoptr(McDataset) dataset = NULL;
  McTable *table;
  static const char *names[] = { "Order", "Customer id", "Customer city", "Total", "Paid", "column_6" };
  static const char *first[] = { "100", "C1", "Lyon", "2.5", "true", "2023-05-01" };

  write_report (path, inline_strings);
  dataset = load_dataset_at (path);
  g_assert_cmpuint (mc_dataset_get_n_tables (dataset), ==, 2);
  table = mc_dataset_lookup_table (dataset, "Sales 2023");
  g_assert_nonnull (table);
  g_assert_nonnull (mc_dataset_lookup_table (dataset, "Customers"));
  g_assert_cmpuint (mc_table_get_n_rows (table), ==, 3);
  g_assert_cmpuint (mc_table_get_n_columns (table), ==, G_N_ELEMENTS (names));
  for (guint c = 0; c < G_N_ELEMENTS (names); c++)
    {
      McColumn *column = mc_table_get_column (table, c);
      g_autofree char *value = mc_column_format_value (column, 0);

      g_assert_cmpstr (column->name, ==, names[c]);
      g_assert_cmpstr (value, ==, first[c]);
    }
  g_assert_cmpint (mc_table_get_column (table, 3)->type, ==, MC_COLUMN_TYPE_NUMBER);
  g_assert_cmpint (mc_table_get_column (table, 4)->type, ==, MC_COLUMN_TYPE_BOOLEAN);
  g_assert_cmpint (mc_table_get_column (table, 5)->type, ==, MC_COLUMN_TYPE_DATE);
  g_assert_cmpuint (mc_table_get_row_line (table, 0), ==, 5);
  remove_dir (dir);
}

static void
test_report_shared_strings (void)
{
  check_report (FALSE);
}

static void
test_report_inline_strings (void)
{
  check_report (TRUE);
}

/* Writes a zip (or, with OLE, a compound file) holding the given parts:
 * name, contents, …, NULL. */
static void
write_container (const char *path,
                 gboolean    ole,
                 ...)
{
  g_autoptr(GError) error = NULL;
  GsfOutput *sink = gsf_output_stdio_new (path, &error);
  GsfOutfile *outfile;
  va_list args;

  g_assert_no_error (error);
  outfile = ole ? gsf_outfile_msole_new (sink) : gsf_outfile_zip_new (sink, &error);
  g_assert_no_error (error);
  va_start (args, ole);
  for (const char *name = va_arg (args, const char *); name != NULL; name = va_arg (args, const char *))
    {
      const char *contents = va_arg (args, const char *);
      g_auto(GStrv) parts = g_strsplit (name, "/", -1);
      GsfOutfile *folder = outfile;
      GsfOutput *child;

      for (guint i = 0; parts[i + 1] != NULL; i++)
        folder = GSF_OUTFILE (gsf_outfile_new_child (folder, parts[i], TRUE));
      child = gsf_outfile_new_child (folder, parts[g_strv_length (parts) - 1], FALSE);
      gsf_output_write (child, strlen (contents), (const guint8 *) contents);
      gsf_output_close (child);
      g_object_unref (child);
      while (folder != outfile)
        {
          GsfOutfile *parent = GSF_OUTFILE (gsf_output_container (GSF_OUTPUT (folder)));

          gsf_output_close (GSF_OUTPUT (folder));
          g_object_unref (folder);
          folder = parent;
        }
    }
  va_end (args);
  gsf_output_close (GSF_OUTPUT (outfile));
  g_object_unref (outfile);
  g_object_unref (sink);
}

static void
assert_refused (const char *path,
                GQuark      domain,
                int         code,
                const char *says)
{
  const char *paths[] = { path, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(McDataset) dataset = mc_dataset_load (paths, NULL, NULL, NULL, &error);

  g_assert_null (dataset);
  g_assert_error (error, domain, code);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, says));
}

/* Refused by what they hold, whatever their names say. */
static void
test_refused_by_content (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *pdf = g_build_filename (dir, "report.csv", NULL);
  g_autofree char *png = g_build_filename (dir, "chart.xlsx", NULL);
  g_autofree char *docx = g_build_filename (dir, "letter.xlsx", NULL);
  g_autofree char *xls = g_build_filename (dir, "old.xlsx", NULL);
  g_autofree char *odt = g_build_filename (dir, "text.ods", NULL);
  g_autofree char *binary = g_build_filename (dir, "data.csv", NULL);

  g_assert_true (g_file_set_contents (pdf, "%PDF-1.7\n", -1, NULL));
  g_assert_true (g_file_set_contents (png, "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, NULL));
  g_assert_true (g_file_set_contents (binary, "id,x\n1,\0\0\0\x01", 12, NULL));
  write_container (docx, FALSE, "[Content_Types].xml", "<Types/>", "word/document.xml", "<document/>", NULL);
  write_container (xls, TRUE, "Workbook", "\x09\x08\x10\x00", NULL);
  write_container (odt, FALSE, "mimetype", "application/vnd.oasis.opendocument.text", NULL);

  assert_refused (pdf, MC_WORKBOOK_ERROR, MC_WORKBOOK_ERROR_NOT_A_TABLE, "a PDF document");
  assert_refused (png, MC_WORKBOOK_ERROR, MC_WORKBOOK_ERROR_NOT_A_TABLE, "a PNG image");
  assert_refused (binary, MC_WORKBOOK_ERROR, MC_WORKBOOK_ERROR_NOT_A_TABLE, "binary data");
  assert_refused (docx, MC_WORKBOOK_ERROR, MC_WORKBOOK_ERROR_NOT_A_TABLE, "a Word document");
  assert_refused (xls, MC_WORKBOOK_ERROR, MC_WORKBOOK_ERROR_NOT_A_TABLE, "Excel 97–2003");
  assert_refused (odt, MC_WORKBOOK_ERROR, MC_WORKBOOK_ERROR_NOT_A_TABLE, "opendocument.text");
  remove_dir (dir);
}

static void
test_password_protected (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *xlsx = g_build_filename (dir, "secret.xlsx", NULL);
  g_autofree char *ods = g_build_filename (dir, "secret.ods", NULL);

  /* What Excel writes for a password: the package, encrypted, in an OLE
   * compound file; and LibreOffice: the parts, with how they are
   * encrypted in the manifest. */
  write_container (xlsx, TRUE, "EncryptionInfo", "\x04\x00\x04\x00", "EncryptedPackage", "\x01\x02", NULL);
  write_container (ods, FALSE, "mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                   "META-INF/manifest.xml",
                   "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">"
                   "<manifest:file-entry manifest:full-path=\"content.xml\"><manifest:encryption-data/>"
                   "</manifest:file-entry></manifest:manifest>",
                   "content.xml", "\x8b\x13\x99", NULL);
  assert_refused (xlsx, MC_WORKBOOK_ERROR, MC_WORKBOOK_ERROR_ENCRYPTED, "password");
  assert_refused (ods, MC_WORKBOOK_ERROR, MC_WORKBOOK_ERROR_ENCRYPTED, "password");
  remove_dir (dir);
}

static void
test_corrupt (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *good = fixture ("excel-autofilter00.xlsx");
  g_autofree char *cut = g_build_filename (dir, "cut.xlsx", NULL);
  g_autofree char *broken = g_build_filename (dir, "broken.xlsx", NULL);
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (good, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (cut, contents, len / 2, NULL));
  assert_refused (cut, MC_WORKBOOK_ERROR, MC_WORKBOOK_ERROR_CORRUPT, "damaged or cut short");

  write_container (broken, FALSE,
                   "xl/workbook.xml", "<workbook><sheets><sheet name=\"S\" r:id=\"rId1\" xmlns:r=\"r\"/></sheets></workbook>",
                   "xl/_rels/workbook.xml.rels",
                   "<Relationships><Relationship Id=\"rId1\" Type=\"x/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>",
                   "xl/worksheets/sheet1.xml", "<worksheet><sheetData>\n<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>\n<row r=\"2\"><c r=\"A2\"><v>2</c>",
                   NULL);
  assert_refused (broken, MC_WORKBOOK_ERROR, MC_WORKBOOK_ERROR_CORRUPT, "xl/worksheets/sheet1.xml:3");
  remove_dir (dir);
}

/* 100,000 rows × 20 columns stream through: the sheet's XML (about 100
 * MB unpacked) is never held whole. */
static void
test_big (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "big.xlsx", NULL);
  lxw_workbook_options options = { .constant_memory = TRUE };
  lxw_workbook *workbook = workbook_new_opt (path, &options);
  lxw_worksheet *sheet = workbook_add_worksheet (workbook, "orders");
  g_autoptr(McDataset) dataset = NULL;
  McTable *table;
  McColumn *column;
  double sum = 0, value;

  for (int c = 0; c < 20; c++)
    {
      g_autofree char *name = g_strdup_printf ("v%d", c);

      worksheet_write_string (sheet, 0, c, name, NULL);
    }
  for (int r = 1; r <= 100000; r++)
    for (int c = 0; c < 20; c++)
      worksheet_write_number (sheet, r, c, r * 20 + c, NULL);
  g_assert_cmpint (workbook_close (workbook), ==, LXW_NO_ERROR);

  dataset = load_dataset_at (path);
  table = mc_dataset_get_table (dataset, 0);
  g_assert_cmpuint (mc_table_get_n_rows (table), ==, 100000);
  g_assert_cmpuint (mc_table_get_n_columns (table), ==, 20);
  column = mc_table_get_column (table, 19);
  g_assert_cmpint (column->type, ==, MC_COLUMN_TYPE_INTEGER);
  for (gsize r = 0; r < column->n_rows; r++)
    if (mc_column_get_double (column, r, &value))
      sum += value;
  g_assert_cmpfloat (sum, ==, 20.0 * 100000 * 100001 / 2 + 19 * 100000.0);
  remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Mercato/WorkbookReader/libreoffice-xlsx", test_libreoffice_xlsx);
  g_test_add_func ("/Mercato/WorkbookReader/libreoffice-ods", test_libreoffice_ods);
  g_test_add_func ("/Mercato/WorkbookReader/excel-table", test_excel_table);
  g_test_add_func ("/Mercato/WorkbookReader/excel-dates", test_excel_dates);
  g_test_add_func ("/Mercato/WorkbookReader/report-shared-strings", test_report_shared_strings);
  g_test_add_func ("/Mercato/WorkbookReader/report-inline-strings", test_report_inline_strings);
  g_test_add_func ("/Mercato/WorkbookReader/refused-by-content", test_refused_by_content);
  g_test_add_func ("/Mercato/WorkbookReader/password-protected", test_password_protected);
  g_test_add_func ("/Mercato/WorkbookReader/corrupt", test_corrupt);
  g_test_add_func ("/Mercato/WorkbookReader/big", test_big);

  return g_test_run ();
}
