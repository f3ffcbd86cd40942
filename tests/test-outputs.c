/* test-outputs.c: what mercato-cli writes never costs the user a file
 * (issue 17): no output replaces a source, clean moves a whole run into
 * place, text cells cannot run as formulas, files follow the umask.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "mc-output.h"
#include "test-common.h"

typedef struct
{
  char *dir;
  char *source;   /* dir/src, a copy of the automotive fixture */
} Fixture;

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_file_get_contents (from, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (to, contents, length, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  static const char *names[] = { "cars.csv", "sales.csv", "users.csv", "visits.csv" };
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("mercato-outputs-XXXXXX", &error);
  g_assert_no_error (error);
  f->source = g_build_filename (f->dir, "src", NULL);
  g_assert_cmpint (g_mkdir (f->source, 0755), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *from = g_test_build_filename (G_TEST_DIST, "fixtures", "dataset", "automotive", names[i], NULL);
      g_autofree char *to = g_build_filename (f->source, names[i], NULL);

      copy_file (from, to);
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *command = g_strdup_printf ("chmod -R u+w '%s'; rm -rf '%s'", f->dir, f->dir);

  g_assert_cmpint (system (command), ==, 0);
  g_free (f->source);
  g_free (f->dir);
}

static char *
digest_of (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static void
assert_same_digest (const char *path,
                    const char *expected)
{
  g_autofree char *digest = digest_of (path);

  g_assert_cmpstr (digest, ==, expected);
}

/* Every command with an output, aimed at a source by three names. */
static void
test_out_is_source (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *sales = g_build_filename (f->source, "sales.csv", NULL);
  g_autofree char *dotted = g_build_filename (f->source, "..", "src", "users.csv", NULL);
  g_autofree char *link = g_build_filename (f->dir, "link.csv", NULL);
  g_autofree char *visits = g_build_filename (f->source, "visits.csv", NULL);
  g_autofree char *before = digest_of (sales);
  const char *targets[] = { sales, dotted, link };

  g_assert_cmpint (symlink (visits, link), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_auto(Run) rfm = { 0 };
      g_auto(Run) segment = { 0 };
      g_auto(Run) chart = { 0 };

      run_cli (&rfm, "rfm", f->source, "--out", targets[i], NULL);
      run_cli (&segment, "segment", f->source, "--out", targets[i], NULL);
      run_cli (&chart, "chart", f->source, "--chart", "amounts", "--out", targets[i], NULL);
      g_assert_cmpint (rfm.status, ==, 2);
      g_assert_cmpint (segment.status, ==, 2);
      g_assert_cmpint (chart.status, ==, 2);
      g_assert_nonnull (strstr (rfm.err, "sources are never replaced"));
    }
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  assert_same_digest (sales, before);
}

/* clean L --out R, where L links to R's files, overwrote R. */
static void
test_clean_through_links (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *links = g_build_filename (f->dir, "links", NULL);
  g_autofree char *sales = g_build_filename (f->source, "sales.csv", NULL);
  g_autofree char *link = g_build_filename (links, "sales.csv", NULL);
  g_autofree char *before = digest_of (sales);
  g_auto(Run) run = { 0 };

  g_assert_cmpint (g_mkdir (links, 0755), ==, 0);
  g_assert_cmpint (symlink (sales, link), ==, 0);
  run_cli (&run, "clean", links, "--out", f->source, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "sources are never replaced"));
  assert_same_digest (sales, before);
}

/* A run that fails leaves the previous output whole; one that succeeds
 * leaves no staging folder or temporary behind. */
static void
test_clean_is_whole (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "out", NULL);
  g_autofree char *log = g_build_filename (out, "cleaning-log.txt", NULL);
  g_autofree char *first = NULL;
  g_auto(Run) run = { 0 };
  g_auto(Run) again = { 0 };
  g_autoptr(GDir) dir = NULL;
  struct rlimit previous, limit;
  const char *name;

  run_cli (&run, "clean", f->source, "--out", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  first = digest_of (log);
  /* A disk that fills up after the first file (the file size limit
   * stands in for it: it needs no mount and works as root). */
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &previous), ==, 0);
  limit = previous;
  limit.rlim_cur = 1000;
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  run_cli (&again, "clean", f->source, "--out", out, NULL);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &previous), ==, 0);
  g_assert_cmpint (again.status, ==, 1);
  g_assert_nonnull (strstr (again.err, out));
  g_assert_nonnull (strstr (again.err, "size allowed"));
  g_assert_null (strstr (again.err, ".mercato-"));
  assert_same_digest (log, first);
  dir = g_dir_open (out, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_prefix (name, "."));
}

/* Temporaries of a killed run are recognised by name and removed. */
static void
test_stale_temporaries (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "rfm.csv", NULL);
  /* No process has pid 2^22 + 1 on Linux (pid_max is at most 2^22). */
  g_autofree char *stale = g_build_filename (f->dir, ".rfm.csv.mercato-4194305-AbC123", NULL);
  g_auto(Run) run = { 0 };

  g_assert_true (g_file_set_contents (stale, "half a file", -1, NULL));
  run_cli (&run, "rfm", f->source, "--out", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (out, G_FILE_TEST_EXISTS));
}

/* Every export follows the umask, images as CSVs. */
static void
test_umask (Fixture       *f,
            gconstpointer  data)
{
  const char *names[] = { "chart.png", "chart.svg", "chart.pdf", "chart.csv" };
  mode_t previous = umask (027);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *out = g_build_filename (f->dir, names[i], NULL);
      g_auto(Run) run = { 0 };
      GStatBuf info;

      run_cli (&run, "chart", f->source, "--chart", "amounts", "--out", out, NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_cmpint (g_stat (out, &info), ==, 0);
      g_assert_cmpint (info.st_mode & 0777, ==, 0640);
    }
  umask (previous);
}

static void
test_neutralise (void)
{
  const char *formulas[] = { "=1+2", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\rx" };
  const char *safe[] = { "", "Website", "-12.5", "+33612345678", "a=b", "'quoted" };

  for (guint i = 0; i < G_N_ELEMENTS (formulas); i++)
    {
      g_autofree char *made = mc_output_neutralise (formulas[i]);
      g_autofree char *expected = g_strconcat ("'", formulas[i], NULL);

      g_assert_cmpstr (made, ==, expected);
    }
  for (guint i = 0; i < G_N_ELEMENTS (safe); i++)
    g_assert_null (mc_output_neutralise (safe[i]));
}

/* A formula in a text column reaches no CSV as a formula. */
static void
test_formula_cells (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "orders.csv", NULL);
  g_autofree char *out = g_build_filename (f->dir, "clean", NULL);
  g_autofree char *cleaned = g_build_filename (out, "orders.csv", NULL);
  g_autofree char *rfm = g_build_filename (f->dir, "rfm.csv", NULL);
  g_autofree char *text = NULL;
  g_auto(Run) run = { 0 };
  g_auto(Run) scores = { 0 };

  g_assert_true (g_file_set_contents (path,
                                      "customer_id,purchase_date,amount,note\n"
                                      "=HYPERLINK(\"x\"),2023-01-01,-5,=1+2\n"
                                      "c2,2023-01-02,20,@SUM(A1)\nc3,2023-01-03,30,fine\n"
                                      "c4,2023-01-04,40,+cmd\n",
                                      -1, NULL));
  run_cli (&run, "clean", path, "--out", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (cleaned, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "'=1+2"));
  g_assert_nonnull (strstr (text, "'@SUM(A1)"));
  g_assert_nonnull (strstr (text, "'+cmd"));
  g_assert_nonnull (strstr (text, ",-5,"));
  g_clear_pointer (&text, g_free);

  run_cli (&scores, "rfm", path, "--out", rfm, NULL);
  g_assert_cmpint (scores.status, ==, 0);
  g_assert_true (g_file_get_contents (rfm, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "\"'=HYPERLINK(\"\"x\"\")\""));
}

/* A cell no step changes is written back as read, through a step that
 * removes rows (a duplicate) and one that adds a column. */
static void
test_clean_as_read (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "orders.csv", NULL);
  g_autofree char *out = g_build_filename (f->dir, "clean", NULL);
  g_autofree char *cleaned = g_build_filename (out, "orders.csv", NULL);
  g_autofree char *text = NULL;
  g_auto(Run) run = { 0 };
  const char *rows[] = {
    "1,10.50,12/31/2023,+33612345678,yes,20230105,2023-05-01T10:00:00+02:00,NA",
    "2,20.00,01/15/2024,+33600000000,no,20230106,2023-05-02 10:00:00.500000,ok",
    "3,7,02/01/2024,+33611111111,yes,20230107,2023-05-03 11:00:00,ok",
  };

  g_assert_true (g_file_set_contents (path,
                                      "order_id,amount,ordered,phone,gift,day,at,note\n"
                                      "1,10.50,12/31/2023,+33612345678,yes,20230105,2023-05-01T10:00:00+02:00,NA\n"
                                      "2,20.00,01/15/2024,+33600000000,no,20230106,2023-05-02 10:00:00.500000,ok\n"
                                      "2,20.00,01/15/2024,+33600000000,no,20230106,2023-05-02 10:00:00.500000,ok\n"
                                      "3,7,02/01/2024,+33611111111,yes,20230107,2023-05-03 11:00:00,ok\n",
                                      -1, NULL));
  run_cli (&run, "clean", path, "--out", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"rows_removed\": 1"));
  g_assert_true (g_file_get_contents (cleaned, &text, NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_test_message ("%s", text);
      g_assert_nonnull (strstr (text, rows[i]));
    }
}

/* Writing values in one form is a step of its own, counted. */
static void
test_normalise_format (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "orders.csv", NULL);
  g_autofree char *recipe = g_build_filename (f->dir, "recipe.ini", NULL);
  g_autofree char *out = g_build_filename (f->dir, "clean", NULL);
  g_autofree char *cleaned = g_build_filename (out, "orders.csv", NULL);
  g_autofree char *text = NULL;
  g_auto(Run) run = { 0 };

  g_assert_true (g_file_set_contents (path, "order_id,amount,ordered\n1,10.50,12/31/2023\n2,20.00,01/15/2024\n"
                                            "3,7,02/01/2024\n", -1, NULL));
  g_assert_true (g_file_set_contents (recipe, "[step 1]\naction=normalise-format\ntable=orders\ncolumn=amount\n",
                                      -1, NULL));
  run_cli (&run, "clean", path, "--out", out, "--recipe", recipe, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"cells_changed\": 2"));
  g_assert_true (g_file_get_contents (cleaned, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "order_id,amount,ordered\n1,10.5,12/31/2023\n2,20,01/15/2024\n3,7,02/01/2024\n");
}

/* Messages that named the wrong thing (issue 17). */
static void
test_messages (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *sales = g_build_filename (f->source, "sales.csv", NULL);
  g_autofree char *out = g_build_filename (f->dir, "out", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "no", "such", NULL);
  g_autofree char *png = g_build_filename (missing, "x.png", NULL);
  g_auto(Run) recipe = { 0 };
  g_auto(Run) report = { 0 };
  g_auto(Run) chart = { 0 };

  run_cli (&recipe, "clean", f->source, "--out", out, "--recipe", sales, NULL);
  g_assert_cmpint (recipe.status, ==, 2);
  g_assert_nonnull (strstr (recipe.err, "is not a cleaning recipe"));
  g_assert_null (strstr (recipe.err, "key-value"));

  run_cli (&report, "report", f->source, "--out", "visits.csv", NULL);
  g_assert_cmpint (report.status, ==, 2);
  g_assert_nonnull (strstr (report.err, "--out visits.csv: the report is a PDF"));

  run_cli (&chart, "chart", f->source, "--chart", "amounts", "--out", png, NULL);
  g_assert_cmpint (chart.status, ==, 1);
  g_assert_nonnull (strstr (chart.err, missing));
  g_assert_nonnull (strstr (chart.err, "does not exist"));
  g_assert_null (strstr (chart.err, ".mercato-"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/Mercato/Outputs/out-is-source", Fixture, NULL, fixture_set_up, test_out_is_source,
              fixture_tear_down);
  g_test_add ("/Mercato/Outputs/clean-through-links", Fixture, NULL, fixture_set_up, test_clean_through_links,
              fixture_tear_down);
  g_test_add ("/Mercato/Outputs/clean-is-whole", Fixture, NULL, fixture_set_up, test_clean_is_whole,
              fixture_tear_down);
  g_test_add ("/Mercato/Outputs/stale-temporaries", Fixture, NULL, fixture_set_up, test_stale_temporaries,
              fixture_tear_down);
  g_test_add ("/Mercato/Outputs/umask", Fixture, NULL, fixture_set_up, test_umask, fixture_tear_down);
  g_test_add_func ("/Mercato/Outputs/neutralise", test_neutralise);
  g_test_add ("/Mercato/Outputs/formula-cells", Fixture, NULL, fixture_set_up, test_formula_cells,
              fixture_tear_down);
  g_test_add ("/Mercato/Outputs/clean-as-read", Fixture, NULL, fixture_set_up, test_clean_as_read,
              fixture_tear_down);
  g_test_add ("/Mercato/Outputs/normalise-format", Fixture, NULL, fixture_set_up, test_normalise_format,
              fixture_tear_down);
  g_test_add ("/Mercato/Outputs/messages", Fixture, NULL, fixture_set_up, test_messages, fixture_tear_down);
  return g_test_run ();
}
