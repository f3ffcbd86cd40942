/* test-csv-reader.c: reading CSV files into typed columns
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every expected value is worked out by hand from the fixture in
 * tests/fixtures/csv/; days since 1970-01-01 are noted where used.
 */
#include <glib/gstdio.h>
#include <string.h>

#include "mc-csv-private.h"
#include "mc-csv-reader.h"

#define DAY_2024_05_01 19844   /* 54 years × 365 + 13 leap days + 121 */
#define DAY_1997_01_01 9862    /* 27 × 365 + 7 leap days */
#define MICROS_PER_DAY G_GINT64_CONSTANT (86400000000)

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "csv", name, NULL);
}

static McTable *
read_fixture (const char *name)
{
  g_autofree char *path = fixture (name);
  g_autoptr(GError) error = NULL;
  McTable *table = mc_csv_read (path, NULL, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (table);
  return table;
}

static McColumn *
column (McTable    *table,
        const char *name)
{
  McColumn *c = mc_table_lookup_column (table, name);

  g_assert_nonnull (c);
  return c;
}

static void
assert_text (McTable    *table,
             const char *name,
             gsize       row,
             const char *expected)
{
  g_autofree char *text = mc_column_format_value (column (table, name), row);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_types (void)
{
  g_autoptr(McTable) table = read_fixture ("types.csv");
  McColumn *quantity = column (table, "quantity");
  McColumn *price = column (table, "price");
  McColumn *ordered_on = column (table, "ordered_on");
  McColumn *ordered_at = column (table, "ordered_at");
  McColumn *gift = column (table, "gift");
  McColumn *platform = column (table, "platform");
  McColumn *customer = column (table, "customer_id");
  McColumn *note = column (table, "note");

  g_assert_cmpuint (mc_table_get_n_rows (table), ==, 5);
  g_assert_cmpint (column (table, "order_id")->type, ==, MC_COLUMN_TYPE_IDENTIFIER);
  assert_text (table, "order_id", 0, "00042");

  g_assert_cmpint (quantity->type, ==, MC_COLUMN_TYPE_INTEGER);
  g_assert_cmpint (quantity->v.i64[2], ==, 12);
  g_assert_true (mc_column_is_missing (quantity, 4));

  g_assert_cmpint (price->type, ==, MC_COLUMN_TYPE_NUMBER);
  g_assert_cmpfloat (price->v.f64[0], ==, 12.5);
  g_assert_cmpfloat (price->v.f64[2], ==, -3.25);
  g_assert_cmpfloat (price->v.f64[3], ==, 1000);
  g_assert_cmpfloat (price->v.f64[4], ==, 0.1);

  g_assert_cmpint (ordered_on->type, ==, MC_COLUMN_TYPE_DATE);
  g_assert_cmpint (ordered_on->v.days[0], ==, DAY_2024_05_01);
  g_assert_true (mc_column_is_missing (ordered_on, 4));

  g_assert_cmpint (ordered_at->type, ==, MC_COLUMN_TYPE_DATETIME);
  g_assert_cmpint (ordered_at->v.i64[0], ==, DAY_2024_05_01 * MICROS_PER_DAY + G_GINT64_CONSTANT (49500) * 1000000);
  /* 2024-05-02T08:00:00Z */
  g_assert_cmpint (ordered_at->v.i64[1], ==, (DAY_2024_05_01 + 1) * MICROS_PER_DAY + G_GINT64_CONSTANT (28800) * 1000000);
  g_assert_cmpint (ordered_at->v.i64[2] % 1000000, ==, 500000);

  g_assert_cmpint (gift->type, ==, MC_COLUMN_TYPE_BOOLEAN);
  g_assert_cmpuint (gift->v.bools[0], ==, 1);
  g_assert_cmpuint (gift->v.bools[1], ==, 0);
  g_assert_cmpuint (gift->v.bools[2], ==, 1);
  g_assert_cmpuint (gift->v.bools[3], ==, 0);

  g_assert_cmpint (platform->type, ==, MC_COLUMN_TYPE_CATEGORY);
  g_assert_cmpuint (mc_column_count_distinct (platform), ==, 2);
  g_assert_cmpstr (mc_column_get_string (platform, 2), ==, "Dealership");

  g_assert_cmpint (customer->type, ==, MC_COLUMN_TYPE_IDENTIFIER);
  g_assert_true (customer->is_uuid);
  assert_text (table, "customer_id", 1, "d2e63c70-e732-4299-bb0c-ba00b875a4bd");
  g_assert_true (mc_column_is_missing (customer, 4));

  g_assert_cmpint (note->type, ==, MC_COLUMN_TYPE_TEXT);
  g_assert_cmpstr (mc_column_get_string (note, 2), ==, "rush, please");
  /* Empty, NA and null are missing. */
  g_assert_cmpuint (note->n_missing, ==, 3);
}

static void
assert_delimiter (const char *name,
                  char        delimiter,
                  gboolean    aligned)
{
  g_autoptr(McTable) table = read_fixture (name);

  g_assert_cmpint (mc_table_get_delimiter (table), ==, delimiter);
  g_assert_cmpint (mc_table_get_whitespace_aligned (table), ==, aligned);
  g_assert_cmpuint (mc_table_get_n_columns (table), >=, 3);
}

static void
test_delimiters (void)
{
  g_autoptr(McTable) semicolon = read_fixture ("semicolon.csv");
  g_autoptr(McTable) tabs = read_fixture ("tabs.tsv");

  assert_delimiter ("semicolon.csv", ';', FALSE);
  assert_delimiter ("tabs.tsv", '\t', FALSE);
  assert_delimiter ("pipes.csv", '|', FALSE);
  g_assert_cmpfloat (column (semicolon, "c")->v.f64[1], ==, 3.75);
  g_assert_cmpstr (mc_column_get_string (column (tabs, "b"), 0), ==, "x, y");
}

static void
test_space_aligned (void)
{
  g_autoptr(McTable) table = read_fixture ("spaces.txt");

  g_assert_true (mc_table_get_whitespace_aligned (table));
  g_assert_cmpstr (mc_table_get_line_ending (table), ==, "crlf");
  g_assert_cmpuint (mc_table_get_n_rows (table), ==, 3);
  g_assert_cmpint (column (table, "customer_id")->type, ==, MC_COLUMN_TYPE_IDENTIFIER);
  assert_text (table, "customer_id", 2, "00012");
  /* Eight-digit dates throughout: a date column. */
  g_assert_cmpint (column (table, "date")->type, ==, MC_COLUMN_TYPE_DATE);
  g_assert_cmpint (column (table, "date")->v.days[0], ==, DAY_1997_01_01);
  g_assert_cmpint (column (table, "number_of_cds")->v.i64[2], ==, 5);
  g_assert_cmpfloat (column (table, "dollar_value")->v.f64[0], ==, 11.77);
}

static void
test_quotes (void)
{
  g_autoptr(McTable) table = read_fixture ("quotes.csv");
  McColumn *comment = column (table, "comment");

  g_assert_cmpuint (mc_table_get_n_rows (table), ==, 4);
  g_assert_cmpstr (mc_column_get_string (comment, 0), ==, "Hello, world");
  g_assert_cmpstr (mc_column_get_string (comment, 1), ==, "She said \"hi\"");
  g_assert_cmpstr (mc_column_get_string (comment, 2), ==, "two\nlines");
  /* Row 2 spans lines 4 and 5, so the last row is on line 6. */
  g_assert_cmpuint (mc_table_get_row_line (table, 0), ==, 2);
  g_assert_cmpuint (mc_table_get_row_line (table, 2), ==, 4);
  g_assert_cmpuint (mc_table_get_row_line (table, 3), ==, 6);
  g_assert_cmpint (column (table, "amount")->v.i64[3], ==, 8);
}

static void
test_bom_and_line_endings (void)
{
  g_autoptr(McTable) bom = read_fixture ("bom.csv");
  g_autoptr(McTable) crlf = read_fixture ("crlf-no-final-newline.csv");

  g_assert_cmpstr (mc_table_get_column (bom, 0)->name, ==, "customer_id");
  g_assert_cmpstr (mc_table_get_encoding (bom), ==, "utf-8");
  g_assert_cmpstr (mc_table_get_line_ending (crlf), ==, "crlf");
  g_assert_cmpuint (mc_table_get_n_rows (crlf), ==, 2);
  g_assert_cmpint (column (crlf, "b")->v.i64[1], ==, 4);
}

static void
test_windows_1252 (void)
{
  g_autoptr(McTable) table = read_fixture ("cp1252.csv");
  const GPtrArray *notes = mc_table_get_notes (table);
  McColumn *city = column (table, "city");

  g_assert_cmpstr (mc_table_get_encoding (table), ==, "windows-1252");
  g_assert_cmpuint (notes->len, >=, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (notes, 0), "WINDOWS-1252"));
  g_assert_cmpstr (mc_column_get_string (city, 0), ==, "São Paulo");
  g_assert_cmpstr (mc_column_get_string (city, 1), ==, "€ zone");
  g_assert_cmpstr (mc_column_get_string (city, 2), ==, "Köln");
}

static void
test_number_separators (void)
{
  g_autoptr(McTable) european = read_fixture ("decimal-comma.csv");
  g_autoptr(McTable) english = read_fixture ("thousands.csv");
  McColumn *price = column (european, "price");
  McColumn *weight = column (european, "weight");

  /* "1,5" can only be a decimal comma, so "12,500" is twelve and a half. */
  g_assert_cmpfloat (price->v.f64[0], ==, 1.5);
  g_assert_cmpfloat (price->v.f64[1], ==, 12.5);
  g_assert_cmpfloat (price->v.f64[2], ==, 3);
  g_assert_cmpfloat (weight->v.f64[0], ==, 1234.56);
  g_assert_cmpfloat (weight->v.f64[1], ==, 2);
  g_assert_cmpfloat (weight->v.f64[2], ==, 1000000.25);

  /* Here "1,234.50" shows thousands commas, so "12,000" is twelve thousand. */
  g_assert_cmpfloat (column (english, "price")->v.f64[0], ==, 1234.5);
  g_assert_cmpfloat (column (english, "price")->v.f64[1], ==, 12000);
  g_assert_cmpfloat (column (english, "price")->v.f64[2], ==, 7.25);
}

static void
test_day_month_order (void)
{
  g_autoptr(McTable) day_first = read_fixture ("day-first.csv");
  g_autoptr(McTable) month_first = read_fixture ("month-first.csv");
  g_autoptr(McTable) dashed = read_fixture ("dashed.csv");

  /* 25/12/2023 can only be day first. */
  g_assert_cmpint (column (day_first, "d")->type, ==, MC_COLUMN_TYPE_DATE);
  g_assert_cmpint (column (day_first, "d")->v.days[0], ==, DAY_2024_05_01);
  assert_text (day_first, "d", 2, "2024-04-03");
  /* 12/25/2023 can only be month first. */
  assert_text (month_first, "d", 0, "2024-01-05");
  assert_text (month_first, "d", 1, "2023-12-25");
  assert_text (month_first, "d", 2, "2024-03-04");
  g_assert_cmpstr (column (month_first, "d")->format, ==, "%m/%d/%Y");
  assert_text (dashed, "first_contact_date", 0, "2018-02-01");
  assert_text (dashed, "first_contact_date", 1, "2017-10-20");
}

static void
test_compact_dates (void)
{
  g_autoptr(McTable) table = read_fixture ("compact-dates.csv");

  g_assert_cmpint (column (table, "when")->type, ==, MC_COLUMN_TYPE_DATE);
  g_assert_cmpstr (column (table, "when")->format, ==, "%Y%m%d");
  assert_text (table, "when", 0, "1997-01-01");
  assert_text (table, "when", 2, "2000-02-29");
  /* Small numbers stay numbers. */
  g_assert_cmpint (column (table, "n")->type, ==, MC_COLUMN_TYPE_INTEGER);
}

static void
test_mixed_precision (void)
{
  g_autoptr(McTable) table = read_fixture ("mixed-precision.csv");
  McColumn *start = column (table, "start_timestamp");

  g_assert_cmpint (start->type, ==, MC_COLUMN_TYPE_DATETIME);
  g_assert_cmpint (start->v.i64[1] - start->v.i64[0], ==, 123456);
  g_assert_cmpint (start->v.i64[2], ==, start->v.i64[0]);
  assert_text (table, "start_timestamp", 1, "2023-05-01 10:00:00.123456");
}

static void
test_missing_values (void)
{
  g_autoptr(McTable) table = read_fixture ("missing.csv");

  /* NA, null, NaN and empty, in a number column and in a text column. */
  g_assert_cmpint (column (table, "a")->type, ==, MC_COLUMN_TYPE_INTEGER);
  g_assert_cmpuint (column (table, "a")->n_missing, ==, 4);
  g_assert_cmpuint (column (table, "b")->n_missing, ==, 4);
  g_assert_cmpuint (mc_column_count_issues (column (table, "a"), MC_CELL_ISSUE_MISMATCH), ==, 0);
  g_assert_cmpuint (mc_column_count_issues (column (table, "a"), MC_CELL_ISSUE_PLACEHOLDER), ==, 0);
  /* The tokens' texts are kept, to be written back as they were. */
  g_assert_cmpuint (mc_column_count_issues (column (table, "a"), MC_CELL_ISSUE_VERBATIM), ==, 3);
}

static void
test_placeholders (void)
{
  g_autoptr(McTable) table = read_fixture ("placeholders.csv");
  McColumn *customer = column (table, "customer_id");
  McColumn *amount = column (table, "amount");
  g_autoptr(GHashTable) ids = mc_column_count_placeholders (customer);
  g_autoptr(GHashTable) amounts = mc_column_count_placeholders (amount);

  g_assert_true (customer->is_uuid);
  g_assert_cmpuint (customer->n_missing, ==, 2);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (ids, "data layer field missing")), ==, 2);
  g_assert_cmpint (amount->type, ==, MC_COLUMN_TYPE_INTEGER);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (amounts, "data layer field missing")), ==, 1);
  /* n/a is missing, not a placeholder. */
  g_assert_cmpuint (amount->n_missing, ==, 2);
  g_assert_cmpuint (mc_column_count_issues (amount, MC_CELL_ISSUE_MISMATCH), ==, 0);
}

static void
test_type_mismatches (void)
{
  g_autoptr(McTable) table = read_fixture ("mismatches.csv");
  g_autoptr(McTable) text = read_fixture ("mostly-text.csv");
  McColumn *amount = column (table, "amount");
  const McCellIssue *first, *second;

  g_assert_cmpint (amount->type, ==, MC_COLUMN_TYPE_NUMBER);
  g_assert_cmpuint (mc_table_get_n_rows (table), ==, 41);
  g_assert_cmpuint (mc_column_count_issues (amount, MC_CELL_ISSUE_MISMATCH), ==, 2);
  first = &g_array_index (amount->issues, McCellIssue, 0);
  second = &g_array_index (amount->issues, McCellIssue, 1);
  g_assert_cmpuint (first->row, ==, 38);
  g_assert_cmpstr (first->raw, ==, "12..5");
  g_assert_cmpuint (second->row, ==, 39);
  g_assert_cmpstr (second->raw, ==, "abc1");
  /* Line 40 of the file: 38 data rows follow the header. */
  g_assert_cmpuint (mc_table_get_row_line (table, first->row), ==, 40);
  g_assert_true (mc_column_is_missing (amount, 38));
  g_assert_cmpfloat (amount->v.f64[40], ==, 40.25);

  g_assert_cmpint (column (text, "label")->type, ==, MC_COLUMN_TYPE_TEXT);
}

static void
assert_error (const char *name,
              int         code,
              const char *expected)
{
  g_autofree char *path = fixture (name);
  g_autofree char *prefix = g_strdup_printf ("%s%s", path, expected);
  g_autoptr(GError) error = NULL;
  g_autoptr(McTable) table = mc_csv_read (path, NULL, NULL, NULL, NULL, &error);

  g_assert_null (table);
  g_assert_error (error, MC_CSV_ERROR, code);
  g_assert_true (g_str_has_prefix (error->message, prefix));
}

static void
test_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McTable) missing = mc_csv_read ("/nonexistent/sales.csv", NULL, NULL, NULL, NULL, &error);
  g_autoptr(McTable) header_only = read_fixture ("header-only.csv");

  assert_error ("unterminated.csv", MC_CSV_ERROR_UNTERMINATED_QUOTE, ":2:3: unterminated quoted field");
  assert_error ("ragged.csv", MC_CSV_ERROR_RAGGED_ROWS, ":3: expected 3 fields as in the header, found 2 (also lines 4)");
  assert_error ("empty.csv", MC_CSV_ERROR_EMPTY, ": the file is empty");

  g_assert_null (missing);
  g_assert_error (error, MC_CSV_ERROR, MC_CSV_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, "/nonexistent/sales.csv: "));

  g_assert_cmpuint (mc_table_get_n_rows (header_only), ==, 0);
  g_assert_cmpuint (mc_table_get_n_columns (header_only), ==, 3);
}

static void
test_no_header (void)
{
  g_autoptr(McTable) table = read_fixture ("no-header.txt");

  g_assert_false (mc_table_get_has_header (table));
  g_assert_cmpuint (mc_table_get_n_rows (table), ==, 3);
  g_assert_cmpstr (mc_table_get_column (table, 0)->name, ==, "column_1");
  g_assert_cmpstr (mc_table_get_column (table, 4)->name, ==, "column_5");
  assert_text (table, "column_1", 0, "00004");
  assert_text (table, "column_2", 2, "0002");
  g_assert_cmpuint (mc_table_get_row_line (table, 0), ==, 1);
}

/* Writes a few MB with quoted line breaks and delimiters; around the
 * middle, where the reader cuts the file between threads, nearly every
 * line break is inside quotes, so the first cut is wrong and must be
 * redone. */
static char *
write_big_file (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "big.csv", NULL);
  g_autoptr(GString) text = g_string_new ("id,customer_id,amount,note,when\n");
  const guint n = 60000;

  for (guint i = 0; i < n; i++)
    {
      g_string_append_printf (text, "%u,c%u,%u.%02u,", i, i % 977, i % 5000, i % 100);
      if (i % 1000 == 0)
        g_string_append_printf (text, "\"line one, %u\nline \"\"two\"\"\"", i);
      else if (i > n / 2 - 300 && i < n / 2 + 300)
        {
          g_string_append_printf (text, "\"%u", i);
          for (guint k = 0; k < 60; k++)
            g_string_append (text, "\nsome, text");
          g_string_append_c (text, '"');
        }
      else
        g_string_append_printf (text, "note %u", i % 13);
      g_string_append_printf (text, ",2024-%02u-%02u %02u:00:00\n", 1 + i % 12, 1 + i % 28, i % 24);
    }
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  return g_steal_pointer (&path);
}

static McTable *
read_with_threads (const char *path,
                   guint       n_threads)
{
  McCsvReadOptions options = { n_threads, 0, MC_CSV_HEADER_AUTO };
  g_autoptr(GError) error = NULL;
  McTable *table = mc_csv_read (path, &options, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  return table;
}

static void
test_threads_agree (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mercato-test-XXXXXX", NULL);
  g_autofree char *path = write_big_file (dir);
  g_autoptr(McTable) one = read_with_threads (path, 1);
  g_autoptr(McTable) two = read_with_threads (path, 2);

  g_assert_cmpuint (mc_table_get_n_rows (one), ==, 60000);
  g_assert_cmpuint (mc_table_get_n_rows (two), ==, 60000);
  for (guint c = 0; c < mc_table_get_n_columns (one); c++)
    {
      McColumn *a = mc_table_get_column (one, c);
      McColumn *b = mc_table_get_column (two, c);

      g_assert_cmpint (a->type, ==, b->type);
      for (gsize r = 0; r < mc_table_get_n_rows (one); r++)
        {
          g_autofree char *x = mc_column_format_value (a, r);
          g_autofree char *y = mc_column_format_value (b, r);

          g_assert_cmpstr (x, ==, y);
        }
    }
  for (gsize r = 0; r < 60000; r++)
    g_assert_cmpuint (mc_table_get_row_line (one, r), ==, mc_table_get_row_line (two, r));
  /* Row 1000 holds a line break, so row 1001 starts two lines later. */
  g_assert_cmpuint (mc_table_get_row_line (two, 1001), ==, mc_table_get_row_line (two, 1000) + 2);
  g_assert_cmpint (mc_table_get_column (two, 4)->type, ==, MC_COLUMN_TYPE_DATETIME);

  g_unlink (path);
  g_rmdir (dir);
}

/* Several 1 MB blocks: quotes (and a line break inside one) only in the
 * first, so the others are split without libcsv; CRLF line ends, a blank
 * line every 997 rows, an empty last field, and rows cut by the blocks'
 * ends. LINES receives the line each row starts on. */
static char *
write_plain_file (const char *dir,
                  guint32    *lines,
                  gsize       n_rows)
{
  g_autoptr(GString) text = g_string_new ("id,name,amount,note\r\n");
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "plain.csv", NULL);
  guint32 line = 2;

  for (gsize r = 0; r < n_rows; r++)
    {
      if (r % 997 == 0)
        {
          g_string_append (text, "\r\n");
          line++;
        }
      lines[r] = line++;
      if (r == 10)
        {
          g_string_append_printf (text, "%" G_GSIZE_FORMAT ",\"two\r\nlines\",%" G_GSIZE_FORMAT ".5,\r\n", r, r);
          line++;
        }
      else
        g_string_append_printf (text, "%" G_GSIZE_FORMAT ",name %" G_GSIZE_FORMAT ",%" G_GSIZE_FORMAT ".5,%s\r\n",
                                r, r % 7, r, r % 3 == 0 ? "" : "kept as is ");
    }
  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_plain_blocks (void)
{
  const gsize n_rows = 120000;
  g_autofree guint32 *lines = g_new (guint32, n_rows);
  g_autofree char *dir = g_dir_make_tmp ("mercato-test-XXXXXX", NULL);
  g_autofree char *path = write_plain_file (dir, lines, n_rows);
  g_autoptr(McTable) table = read_with_threads (path, 1);

  g_assert_cmpuint (mc_table_get_n_rows (table), ==, n_rows);
  g_assert_cmpint (column (table, "amount")->type, ==, MC_COLUMN_TYPE_NUMBER);
  assert_text (table, "name", 10, "two\r\nlines");
  for (gsize r = 0; r < n_rows; r += r < 200 ? 1 : 7919)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GSIZE_FORMAT, r);
      g_autofree char *name = g_strdup_printf ("name %" G_GSIZE_FORMAT, r % 7);

      assert_text (table, "id", r, id);
      if (r != 10)
        assert_text (table, "name", r, name);
      assert_text (table, "note", r, r % 3 == 0 || r == 10 ? NULL : "kept as is ");
      g_assert_cmpuint (mc_table_get_row_line (table, r), ==, lines[r]);
    }
  g_assert_cmpuint (mc_table_get_row_line (table, n_rows - 1), ==, lines[n_rows - 1]);

  g_unlink (path);
  g_rmdir (dir);
}

static void
on_progress_cb (double      fraction,
                const char *stage,
                gpointer    user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, last[0]);
  g_assert_cmpfloat (fraction, <=, 1.0);
  last[0] = fraction;
  /* Typing is named after the file it reads. */
  if (stage != NULL)
    last[1] += strstr (stage, "big.csv") != NULL;
}

static void
test_progress_and_cancel (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mercato-test-XXXXXX", NULL);
  g_autofree char *path = write_big_file (dir);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(McTable) table = NULL;
  g_autoptr(McTable) cancelled = NULL;
  double progress[2] = { 0, 0 };

  table = mc_csv_read (path, NULL, on_progress_cb, progress, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (progress[0], ==, 1.0);
  g_assert_cmpfloat (progress[1], >=, 1.0);

  g_cancellable_cancel (cancellable);
  cancelled = mc_csv_read (path, NULL, NULL, NULL, cancellable, &error);
  g_assert_null (cancelled);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_statistics (void)
{
  g_autoptr(McTable) table = read_fixture ("types.csv");
  g_autofree char *min_price = mc_column_format_min (column (table, "price"));
  g_autofree char *max_price = mc_column_format_max (column (table, "price"));
  g_autofree char *max_day = mc_column_format_max (column (table, "ordered_on"));

  g_assert_cmpstr (min_price, ==, "-3.25");
  g_assert_cmpstr (max_price, ==, "1000");
  g_assert_cmpstr (max_day, ==, "2024-05-04");
  /* 12.5, 7, -3.25, 1000 and 0.1 */
  g_assert_cmpuint (mc_column_count_distinct (column (table, "price")), ==, 5);
  /* Two rows share one customer. */
  g_assert_cmpuint (mc_column_count_distinct (column (table, "customer_id")), ==, 3);
}

/* A text column's dictionary: codes in the order texts first appear,
 * texts that share their first 8 bytes or are prefixes of one another
 * kept apart, and the codes unchanged as the table grows past 16 slots. */
static void
test_intern (void)
{
  g_autoptr(GPtrArray) dict = g_ptr_array_new ();
  GStringChunk *arena = g_string_chunk_new (256);
  McCsvIntern *intern = mc_csv_intern_new (dict, arena);
  static const char *texts[] = { "a", "b", "", "abc", "abcd", "abcdefgh1", "abcdefgh2", "abcdefgh12345678x" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    g_assert_cmpuint (mc_csv_intern (intern, texts[i], strlen (texts[i])), ==, i);
  g_assert_cmpuint (mc_csv_intern (intern, "a", 1), ==, 0);
  g_assert_cmpuint (mc_csv_intern (intern, "abcdefgh2", 9), ==, 6);
  g_assert_cmpuint (mc_csv_intern (intern, "", 0), ==, 2);
  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < 1000; i++)
      {
        g_autofree char *text = g_strdup_printf ("v%u", i);

        g_assert_cmpuint (mc_csv_intern (intern, text, strlen (text)), ==, G_N_ELEMENTS (texts) + i);
      }
  g_assert_cmpuint (dict->len, ==, G_N_ELEMENTS (texts) + 1000);
  g_assert_cmpstr (g_ptr_array_index (dict, 4), ==, "abcd");
  g_assert_cmpstr (g_ptr_array_index (dict, G_N_ELEMENTS (texts) + 999), ==, "v999");
  g_assert_cmpuint (mc_csv_intern (intern, "abcd", 4), ==, 4);
  mc_csv_intern_free (intern);
  g_string_chunk_free (arena);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Mercato/CsvReader/types", test_types);
  g_test_add_func ("/Mercato/CsvReader/intern", test_intern);
  g_test_add_func ("/Mercato/CsvReader/delimiters", test_delimiters);
  g_test_add_func ("/Mercato/CsvReader/space-aligned", test_space_aligned);
  g_test_add_func ("/Mercato/CsvReader/quotes", test_quotes);
  g_test_add_func ("/Mercato/CsvReader/bom-and-line-endings", test_bom_and_line_endings);
  g_test_add_func ("/Mercato/CsvReader/windows-1252", test_windows_1252);
  g_test_add_func ("/Mercato/CsvReader/number-separators", test_number_separators);
  g_test_add_func ("/Mercato/CsvReader/day-month-order", test_day_month_order);
  g_test_add_func ("/Mercato/CsvReader/compact-dates", test_compact_dates);
  g_test_add_func ("/Mercato/CsvReader/mixed-precision", test_mixed_precision);
  g_test_add_func ("/Mercato/CsvReader/missing-values", test_missing_values);
  g_test_add_func ("/Mercato/CsvReader/placeholders", test_placeholders);
  g_test_add_func ("/Mercato/CsvReader/type-mismatches", test_type_mismatches);
  g_test_add_func ("/Mercato/CsvReader/errors", test_errors);
  g_test_add_func ("/Mercato/CsvReader/no-header", test_no_header);
  g_test_add_func ("/Mercato/CsvReader/threads-agree", test_threads_agree);
  g_test_add_func ("/Mercato/CsvReader/plain-blocks", test_plain_blocks);
  g_test_add_func ("/Mercato/CsvReader/progress-and-cancel", test_progress_and_cancel);
  g_test_add_func ("/Mercato/CsvReader/statistics", test_statistics);

  return g_test_run ();
}
