/* test-hostile.c: inputs that once crashed or hung mercato-cli (issue 17),
 * run through every command that reads data. Each must end with exit
 * status 0 or 1 and a message, never a signal or a sanitizer report.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "test-common.h"

/* The commands a hostile file goes through; OUTPUT names a file in the
 * test's folder for the option that needs one. */
static const struct
{
  const char *command;
  const char *option;
  const char *value;
  gboolean    output;
} commands[] = {
  { "describe", NULL, NULL, FALSE },
  { "check", NULL, NULL, FALSE },
  { "metrics", NULL, NULL, FALSE },
  { "rfm", "--out", "rfm.csv", TRUE },
  { "segment", "--out", "segments.csv", TRUE },
  { "chart", "--chart", "list", FALSE },
  { "report", "--out", "report.pdf", TRUE },
};

static char *
write_input (const char *dir,
             const char *name,
             const char *contents)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* Runs every command on PATH; each must succeed or refuse the data. */
static void
run_every_command (const char *dir,
                   const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *value = commands[i].output ? g_build_filename (dir, commands[i].value, NULL)
                                                  : g_strdup (commands[i].value);
      g_auto(Run) run = { 0 };

      run_cli (&run, commands[i].command, path, commands[i].option, value, NULL);
      g_test_message ("%s: exit %d: %s", commands[i].command, run.status, run.err);
      g_assert_cmpint (run.status, <=, 1);
      if (run.status == 1)
        g_assert_cmpstr (run.err, !=, "");
    }
}

static char *
make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("mercato-hostile-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_dir (const char *dir)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", dir);

  g_assert_cmpint (system (command), ==, 0);
}

/* Issue 17, 1 and 2: an amount that overflows to infinity. */
static void
test_infinite_amount (void)
{
  g_autofree char *dir = make_dir ();
  g_autoptr(GString) text = g_string_new ("customer_id,purchase_date,purchase_price,visits\n");
  g_autofree char *small = NULL, *large = NULL;
  g_auto(Run) run = { 0 };
  g_autoptr(JsonObject) root = NULL;
  JsonArray *findings;
  gboolean reported = FALSE;

  small = write_input (dir, "three.csv", "customer_id,purchase_date,purchase_price\n"
                                         "1,2023-01-01,10\n2,2023-01-02,1e309\n3,2023-01-03,30\n");
  run_every_command (dir, small);

  for (int i = 1; i <= 40; i++)
    g_string_append_printf (text, "%d,2023-01-%02d,%d,%d\n", i % 5, i % 28 + 1, i * 10, i);
  g_string_append (text, "2,2023-02-01,1e309,1e309\n");
  large = write_input (dir, "forty.csv", text->str);
  run_every_command (dir, large);

  /* The infinity is a cell the checks report, not a number. */
  run_cli (&run, "check", large, NULL);
  root = parse_object (run.out);
  findings = json_object_get_array_member (root, "findings");
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *finding = json_array_get_object_element (findings, i);

      if (g_str_equal (json_object_get_string_member (finding, "check"), "type_mismatch")
          && g_str_equal (json_object_get_string_member (finding, "column"), "purchase_price"))
        reported = TRUE;
    }
  g_assert_true (reported);
  remove_dir (dir);
}

/* Finite amounts whose sum overflows: the analyses above the reader
 * must refuse them, not crash. */
static void
test_overflowing_sum (void)
{
  g_autofree char *dir = make_dir ();
  g_autoptr(GString) text = g_string_new ("customer_id,purchase_date,purchase_price\n");
  g_autofree char *out = g_build_filename (dir, "segments.csv", NULL);
  g_autofree char *path = NULL;
  g_auto(Run) run = { 0 };

  for (int i = 1; i <= 20; i++)
    g_string_append_printf (text, "%d,2023-01-%02d,%d\n", i % 5, i, i * 10);
  g_string_append (text, "2,2023-01-25,1.7e308\n2,2023-01-26,1.7e308\n");
  path = write_input (dir, "sum.csv", text->str);
  run_every_command (dir, path);

  run_cli (&run, "segment", path, "--out", out, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "too large"));
  remove_dir (dir);
}

/* Issue 17, 3: an integer, a UUID and a stand-in text in one column; the
 * stand-in's text was read after its arena had been freed. */
static void
test_mixed_identifier (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = write_input (dir, "ids.csv", "id\n5\n27e8166d-4cdc-412d-b9ac-c2bd3c23d4ca\n"
                                                        "data layer field missing\n");
  g_auto(Run) run = { 0 };
  g_autoptr(JsonObject) root = NULL;
  JsonObject *column, *placeholders;

  run_every_command (dir, path);
  run_cli (&run, "describe", path, NULL);
  root = parse_object (run.out);
  column = json_array_get_object_element (
    json_object_get_array_member (json_array_get_object_element (json_object_get_array_member (root, "tables"), 0),
                                  "columns"),
    0);
  placeholders = json_object_get_object_member (column, "placeholders");
  g_assert_nonnull (placeholders);
  g_assert_cmpint (json_object_get_int_member (placeholders, "data layer field missing"), ==, 1);
  g_assert_cmpuint (json_object_get_size (placeholders), ==, 1);
  remove_dir (dir);
}

/* Issue 17, 4: dates 10,000 years apart made a cohort table the square
 * of the span (20 GB). Work is bounded by the data; the old date is a
 * finding. */
static void
test_date_span (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = write_input (dir, "span.csv", "customer_id,purchase_date,purchase_price\n"
                                                         "1,0001-01-01,10\n2,9999-12-31,20\n"
                                                         "3,2023-01-03,30\n1,2023-02-01,5\n");
  g_autofree char *png = g_build_filename (dir, "cohorts.png", NULL);
  g_auto(Run) run = { 0 };
  g_auto(Run) chart = { 0 };
  gint64 start = g_get_monotonic_time ();

  run_every_command (dir, path);
  run_cli (&chart, "chart", path, "--chart", "cohort-retention", "--out", png, NULL);
  g_assert_cmpint (chart.status, ==, 0);
  /* Each took over a minute before; 20 s leave room for the sanitizers. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);

  run_cli (&run, "check", path, NULL);
  g_assert_nonnull (strstr (run.out, "dated before 1990"));
  remove_dir (dir);
}

/* Issue 17, 5: a FIFO named .csv blocked every command in open(). */
static void
test_fifo (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *folder = g_build_filename (dir, "shop", NULL);
  g_autofree char *lone = g_build_filename (dir, "lone.csv", NULL);
  g_autofree char *pipe = g_build_filename (folder, "b.csv", NULL);
  g_autofree char *good = NULL;
  g_auto(Run) alone = { 0 };
  g_auto(Run) inside = { 0 };

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  good = write_input (folder, "a.csv", "customer_id,amount\n1,10\n2,20\n");
  g_assert_cmpint (mkfifo (lone, 0600), ==, 0);
  g_assert_cmpint (mkfifo (pipe, 0600), ==, 0);

  run_cli (&alone, "describe", lone, NULL);
  g_assert_cmpint (alone.status, ==, 1);
  g_assert_nonnull (strstr (alone.err, "not a regular file"));
  /* In a folder the pipe is skipped, and said to be. */
  run_cli (&inside, "describe", folder, NULL);
  g_assert_cmpint (inside.status, ==, 0);
  g_assert_nonnull (strstr (inside.err, "b.csv: skipped"));
  g_assert_nonnull (strstr (inside.out, "\"name\": \"a\""));
  run_every_command (dir, folder);
  remove_dir (dir);
}

/* Issue 17, 6: 50,000 columns took 1.7 GB and minutes. */
static void
test_wide_file (void)
{
  g_autofree char *dir = make_dir ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *path = NULL;
  gint64 start = g_get_monotonic_time ();

  for (int row = 0; row < 3; row++)
    {
      for (int c = 0; c < 50000; c++)
        if (row == 0)
          g_string_append_printf (text, "%sc%d", c > 0 ? "," : "", c);
        else
          g_string_append_printf (text, "%s%d", c > 0 ? "," : "", (c + row) % 10);
      g_string_append_c (text, '\n');
    }
  path = write_input (dir, "wide.csv", text->str);
  run_every_command (dir, path);
  /* Every command in about 3 s here; 60 s leave room for the sanitizers. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 60 * G_USEC_PER_SEC);
  remove_dir (dir);
}

/* Issue 17, 7: libcsv grew a field 128 bytes at a time. */
static void
test_long_field (void)
{
  g_autofree char *dir = make_dir ();
  g_autoptr(GString) text = g_string_new ("id,note\n1,\"");
  g_autofree char *path = NULL;
  g_auto(Run) run = { 0 };
  gint64 start = g_get_monotonic_time ();

  for (int i = 0; i < 10 * 1024 * 1024; i++)
    g_string_append_c (text, 'x');
  g_string_append (text, "\"\n2,short\n");
  path = write_input (dir, "long.csv", text->str);
  run_cli (&run, "describe", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 30 * G_USEC_PER_SEC);
  remove_dir (dir);
}

/* "the k range 2–0 must start at 2 …" said nothing of the real cause. */
static void
test_too_few_customers (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = write_input (dir, "one.csv", "customer_id,purchase_date,purchase_price\n"
                                                        "1,2023-01-01,10\n");
  g_autofree char *out = g_build_filename (dir, "segments.csv", NULL);
  g_auto(Run) run = { 0 };

  run_cli (&run, "segment", path, "--out", out, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "too few customers to segment: the data has 1; at least 3 are needed"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Mercato/Hostile/infinite-amount", test_infinite_amount);
  g_test_add_func ("/Mercato/Hostile/overflowing-sum", test_overflowing_sum);
  g_test_add_func ("/Mercato/Hostile/mixed-identifier", test_mixed_identifier);
  g_test_add_func ("/Mercato/Hostile/date-span", test_date_span);
  g_test_add_func ("/Mercato/Hostile/fifo", test_fifo);
  g_test_add_func ("/Mercato/Hostile/wide-file", test_wide_file);
  g_test_add_func ("/Mercato/Hostile/long-field", test_long_field);
  g_test_add_func ("/Mercato/Hostile/too-few-customers", test_too_few_customers);
  return g_test_run ();
}
