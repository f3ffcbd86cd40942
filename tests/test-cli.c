/* test-cli.c: mercato-cli's contract (DESIGN.md): output shapes and exit
 * statuses, checked by running the real executable.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <cairo.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <json-glib/json-glib.h>

#include "test-common.h"


static JsonObject *
find_by_name (JsonArray  *array,
              const char *name)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (object, "name"), name) == 0)
        return object;
    }
  g_error ("no element named %s", name);
}

static void
test_describe_shop (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "cli", "shop", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  JsonObject *root, *orders, *customers, *amount, *ordered_at, *email, *relation;
  JsonArray *relations;

  run_cli (&run, "describe", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);

  root = json_node_get_object (json_parser_get_root (parser));
  customers = find_by_name (json_object_get_array_member (root, "tables"), "customers");
  orders = find_by_name (json_object_get_array_member (root, "tables"), "orders");
  g_assert_cmpint (json_object_get_int_member (customers, "rows"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (orders, "rows"), ==, 5);

  amount = find_by_name (json_object_get_array_member (orders, "columns"), "amount");
  g_assert_cmpstr (json_object_get_string_member (amount, "type"), ==, "number");
  g_assert_cmpstr (json_object_get_string_member (amount, "role"), ==, "amount");
  g_assert_cmpint (json_object_get_int_member (amount, "missing"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (amount, "distinct"), ==, 4);
  g_assert_cmpfloat (json_object_get_double_member (amount, "min"), ==, 5.01);
  g_assert_cmpfloat (json_object_get_double_member (amount, "max"), ==, 100);

  ordered_at = find_by_name (json_object_get_array_member (orders, "columns"), "ordered_at");
  g_assert_cmpstr (json_object_get_string_member (ordered_at, "type"), ==, "datetime");
  g_assert_cmpstr (json_object_get_string_member (ordered_at, "max"), ==, "2024-04-05 08:00:00");

  email = find_by_name (json_object_get_array_member (customers, "columns"), "email");
  g_assert_cmpstr (json_object_get_string_member (email, "type"), ==, "text");
  g_assert_cmpstr (json_object_get_string_member (email, "role"), ==, "email");
  g_assert_cmpint (json_object_get_int_member (email, "missing"), ==, 1);

  /* orders.customer_id: c1, c1, c2, c9, c3; c9 is unknown: 4 of 5 match. */
  relations = json_object_get_array_member (root, "relations");
  g_assert_cmpuint (json_array_get_length (relations), ==, 1);
  relation = json_array_get_object_element (relations, 0);
  g_assert_cmpstr (json_object_get_string_member (relation, "from"), ==, "orders.customer_id");
  g_assert_cmpstr (json_object_get_string_member (relation, "to"), ==, "customers.customer_id");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (relation, "match_rate"), 0.8, 1e-12);
}

static void
test_describe_bad_file (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "cli", "unterminated.csv", NULL);
  g_autofree char *expected = g_strdup_printf ("%s:2:3: unterminated quoted field", path);
  g_auto(Run) run = { 0 };

  run_cli (&run, "describe", path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_true (g_str_has_prefix (run.err, expected));
}

static void
test_check_shape (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "checks", "planted", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  JsonArray *findings;

  run_cli (&run, "check", path, NULL);
  /* Findings are not failures: the exit status is 0. */
  g_assert_cmpint (run.status, ==, 0);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  findings = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "findings");
  g_assert_cmpuint (json_array_get_length (findings), ==, 5);
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *finding = json_array_get_object_element (findings, i);
      static const char *members[] = { "check", "severity", "table", "column", "count", "examples", "message" };

      for (guint m = 0; m < G_N_ELEMENTS (members); m++)
        g_assert_true (json_object_has_member (finding, members[m]));
      g_assert_cmpint (json_object_get_int_member (finding, "count"), >, 0);
    }
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (findings, 0), "check"),
                   ==, "duplicate_key");
}

static char *
checksum_of (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static void
test_clean (void)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "fixtures", "cleaning", NULL);
  g_autofree char *source_file = g_build_filename (source, "orders.csv", NULL);
  g_autofree char *before = checksum_of (source_file);
  g_autofree char *after = NULL;
  g_autofree char *out = g_dir_make_tmp ("mercato-clean-XXXXXX", NULL);
  g_autofree char *cleaned = g_build_filename (out, "orders.csv", NULL);
  g_autofree char *recipe = g_build_filename (out, "recipe.ini", NULL);
  g_autofree char *log = g_build_filename (out, "cleaning-log.txt", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) refused = { 0 };
  JsonObject *orders;

  run_cli (&run, "clean", source, "--out", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  orders = json_array_get_object_element (json_object_get_array_member (json_node_get_object (
             json_parser_get_root (parser)), "tables"), 0);
  g_assert_cmpint (json_object_get_int_member (orders, "rows_before"), ==, 10);
  g_assert_cmpint (json_object_get_int_member (orders, "rows_after"), ==, 9);
  g_assert_true (g_file_test (cleaned, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (recipe, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (log, G_FILE_TEST_EXISTS));

  /* The recipe runs again, and the source's bytes never change. */
  run_cli (&again, "clean", source, "--out", out, "--recipe", recipe, NULL);
  g_assert_cmpint (again.status, ==, 0);
  run_cli (&refused, "clean", source, "--out", source, NULL);
  g_assert_cmpint (refused.status, ==, 2);
  g_assert_nonnull (strstr (refused.err, "source files"));
  after = checksum_of (source_file);
  g_assert_cmpstr (before, ==, after);

  g_unlink (cleaned);
  g_unlink (recipe);
  g_unlink (log);
  g_rmdir (out);
}

static void
test_rfm_matches_pandas (void)
{
  g_autofree char *sample = g_build_filename (g_getenv ("MERCATO_SOURCE_ROOT"), "app", "sample", "automotive", NULL);
  g_autofree char *expected_path = g_test_build_filename (G_TEST_DIST, "fixtures", "rfm", "sample-rfm-pandas.csv", NULL);
  g_autofree char *dir = g_dir_make_tmp ("mercato-rfm-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "rfm.csv", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *actual = NULL;
  g_autofree char *automotive = g_test_build_filename (G_TEST_DIST, "fixtures", "dataset", "automotive", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  g_auto(Run) bad_date = { 0 };
  g_auto(Run) moved = { 0 };
  JsonObject *from;

  /* tests/reference/rfm_reference.py computed the same with pandas. */
  run_cli (&run, "rfm", sample, "--out", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"reference_date\": \"2024-01-31\""));
  g_assert_true (g_file_get_contents (expected_path, &expected, NULL, NULL));
  g_assert_true (g_file_get_contents (out, &actual, NULL, NULL));
  g_assert_cmpstr (actual, ==, expected);

  run_cli (&bad_date, "rfm", sample, "--out", out, "--at", "31/01/2024", NULL);
  g_assert_cmpint (bad_date.status, ==, 2);
  g_assert_nonnull (strstr (bad_date.err, "YYYY-MM-DD"));
  run_cli (&moved, "rfm", automotive, "--out", out, "--since", "2023-06-30", NULL);
  g_assert_cmpint (moved.status, ==, 0);
  json_parser_load_from_data (parser, moved.out, -1, &error);
  g_assert_no_error (error);
  from = json_object_get_object_member (json_object_get_object_member (
           json_node_get_object (json_parser_get_root (parser)), "movement"), "from");
  /* As worked out in tests/test-rfm.c: 2222 went from Champions to
   * Hibernating, and 9999 is a new customer. */
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (from, "Champions"), "Hibernating"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (from, "(new customer)"), "New"), ==, 1);

  g_unlink (out);
  g_rmdir (dir);
}

static void
test_metrics (void)
{
  g_autofree char *automotive = g_test_build_filename (G_TEST_DIST, "fixtures", "dataset", "automotive", NULL);
  g_autoptr(JsonObject) root = NULL;
  g_auto(Run) run = { 0 };
  JsonObject *overall, *website, *formulas;

  /* The numbers are worked out by hand in tests/test-metrics.c. */
  run_cli (&run, "metrics", automotive, NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_object (run.out);
  overall = json_object_get_object_member (root, "overall");
  g_assert_cmpfloat (json_object_get_double_member (overall, "revenue"), ==, 259700);
  g_assert_cmpint (json_object_get_int_member (overall, "orders"), ==, 10);
  g_assert_cmpfloat (json_object_get_double_member (overall, "aov"), ==, 25970);
  /* Money is rounded to the cent. */
  g_assert_cmpfloat (json_object_get_double_member (overall, "clv_predictive"), ==, 155820);
  g_assert_cmpfloat (json_object_get_double_member (overall, "conversion_rate"), ==, 1);
  website = json_object_get_object_member (json_object_get_object_member (root, "by_platform"), "Website");
  g_assert_cmpfloat (json_object_get_double_member (website, "revenue"), ==, 129900);
  g_assert_true (json_object_has_member (json_object_get_object_member (root, "by_month"), "2023-10"));
  g_assert_true (json_object_has_member (json_object_get_object_member (root, "by_product_type"), "Electric"));
  g_assert_cmpfloat (json_object_get_double_member (root, "lifespan_years"), ==, 3);
  formulas = json_object_get_object_member (root, "formulas");
  g_assert_cmpstr (json_object_get_string_member (formulas, "aov"), ==, "revenue ÷ orders");
}

/* Follows a "patterns.funnel.viewing.customers" path through the JSON:
 * object members by name, array elements by index or by their "month",
 * "stage" or "label"; ranked lists by their "items"; a final array of
 * numbers (a weekday's hours) gives its sum. */
static gboolean
resolve_path (JsonNode   *node,
              const char *path,
              double     *value)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);

  for (guint i = 0; parts[i] != NULL && node != NULL; i++)
    {
      if (JSON_NODE_HOLDS_OBJECT (node))
        node = json_object_get_member (json_node_get_object (node), parts[i]);
      else if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);
          JsonNode *found = NULL;

          if (strspn (parts[i], "0123456789") == strlen (parts[i])
              && (guint) atoi (parts[i]) < json_array_get_length (array))
            found = json_array_get_element (array, atoi (parts[i]));
          for (guint e = 0; found == NULL && e < json_array_get_length (array); e++)
            {
              JsonObject *element = json_array_get_object_element (array, e);
              const char *keys[] = { "month", "stage", "label" };

              for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
                if (g_strcmp0 (json_object_get_string_member_with_default (element, keys[k], NULL), parts[i]) == 0)
                  found = json_array_get_element (array, e);
            }
          node = found;
        }
      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node) && json_object_has_member (json_node_get_object (node), "items"))
        node = json_object_get_member (json_node_get_object (node), "items");
    }
  if (node == NULL)
    return FALSE;
  *value = 0;
  if (JSON_NODE_HOLDS_ARRAY (node))
    for (guint e = 0; e < json_array_get_length (json_node_get_array (node)); e++)
      *value += json_array_get_double_element (json_node_get_array (node), e);
  else
    *value = json_node_get_double (node);
  return TRUE;
}

/* Money is compared to the cent, whatever its size. */
static gboolean
is_money (const char *path)
{
  const char *suffixes[] = { ".revenue", ".discount", ".aov", ".clv_historic", ".clv_predictive" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_has_suffix (path, suffixes[i]))
      return TRUE;
  return FALSE;
}

static void
test_metrics_match_pandas (void)
{
  g_autofree char *sample = g_build_filename (g_getenv ("MERCATO_SOURCE_ROOT"), "app", "sample", "automotive", NULL);
  g_autofree char *expected_path = g_test_build_filename (G_TEST_DIST, "fixtures", "metrics", "sample-metrics-pandas.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) actual = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  JsonObject *expected;
  g_autoptr(GList) paths = NULL;

  /* tests/reference/metrics_reference.py computed these with pandas and
   * SciPy; money is printed to the cent, the rest to 1e-9. */
  run_cli (&run, "metrics", sample, NULL);
  g_assert_cmpint (run.status, ==, 0);
  json_parser_load_from_data (actual, run.out, -1, &error);
  g_assert_no_error (error);
  json_parser_load_from_file (parser, expected_path, &error);
  g_assert_no_error (error);
  expected = json_node_get_object (json_parser_get_root (parser));
  paths = json_object_get_members (expected);
  g_assert_cmpuint (g_list_length (paths), >, 100);
  for (GList *l = paths; l != NULL; l = l->next)
    {
      double want = json_object_get_double_member (expected, l->data), got;

      if (!resolve_path (json_parser_get_root (actual), l->data, &got))
        g_error ("mercato-cli metrics has no %s", (char *) l->data);
      if (fabs (got - want) > (is_money (l->data) ? 0.005 : 1e-9 * fabs (want) + 1e-12))
        g_error ("%s: mercato-cli says %.17g, pandas %.17g", (char *) l->data, got, want);
    }
}

static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out,
                NULL, NULL, &error);
  g_assert_no_error (error);
  return out;
}

static void
test_chart (void)
{
  g_autofree char *sample = g_build_filename (g_getenv ("MERCATO_SOURCE_ROOT"), "app", "sample", "automotive", NULL);
  g_autofree char *shop = g_test_build_filename (G_TEST_DIST, "fixtures", "dataset", "shop", NULL);
  g_autofree char *dir = g_dir_make_tmp ("mercato-chart-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "trend.png", NULL);
  g_autofree char *pdf = g_build_filename (dir, "funnel.pdf", NULL);
  g_autofree char *text = NULL;
  g_auto(Run) list = { 0 };
  g_auto(Run) shop_list = { 0 };
  g_auto(Run) drawn = { 0 };
  g_auto(Run) vector = { 0 };
  g_auto(Run) unknown = { 0 };
  g_auto(Run) bad_size = { 0 };
  cairo_surface_t *image;

  /* The list: a name, a tab, a description; by the dataset's roles. */
  run_cli (&list, "chart", sample, "--chart", "list", NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_nonnull (strstr (list.out, "sales-trend\tRevenue by month"));
  g_assert_nonnull (strstr (list.out, "type-by-platform\t"));
  g_assert_nonnull (strstr (list.out, "visit-funnel\t"));
  run_cli (&shop_list, "chart", shop, "--chart", "list", NULL);
  g_assert_null (strstr (shop_list.out, "type-by-platform"));
  g_assert_nonnull (strstr (shop_list.out, "top-products\t"));

  run_cli (&drawn, "chart", sample, "--chart", "sales-trend", "--out", png, "--size", "900x500", "--scale", "2", NULL);
  g_assert_cmpint (drawn.status, ==, 0);
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 1800);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 1000);
  cairo_surface_destroy (image);

  run_cli (&vector, "chart", sample, "--chart", "visit-funnel", "--out", pdf, "--theme", "dark", NULL);
  g_assert_cmpint (vector.status, ==, 0);
  text = pdf_text (pdf);
  /* The sample's visit types are no sequence (more visitors purchase than
   * test drive): shares of visitors, not a funnel. */
  g_assert_nonnull (strstr (text, "Visitors by visit type"));
  g_assert_null (strstr (text, "Visit funnel"));
  g_assert_nonnull (strstr (text, "bought"));

  run_cli (&unknown, "chart", sample, "--chart", "pie", "--out", png, NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "--chart list"));
  run_cli (&bad_size, "chart", sample, "--chart", "amounts", "--out", png, "--size", "huge", NULL);
  g_assert_cmpint (bad_size.status, ==, 2);
  g_assert_nonnull (strstr (bad_size.err, "WIDTHxHEIGHT"));

  g_unlink (png);
  g_unlink (pdf);
  g_rmdir (dir);
}

static void
test_report (void)
{
  g_autofree char *sample = g_build_filename (g_getenv ("MERCATO_SOURCE_ROOT"), "app", "sample", "automotive", NULL);
  g_autofree char *dir = g_dir_make_tmp ("mercato-report-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *text = NULL;
  g_auto(Run) run = { 0 };
  g_auto(Run) no_out = { 0 };

  run_cli (&run, "report", sample, "--out", pdf, NULL);
  g_assert_cmpint (run.status, ==, 0);
  text = pdf_text (pdf);
  /* Title page, quality, a chart per page with its finding, RFM. */
  g_assert_nonnull (strstr (text, "automotive"));
  g_assert_nonnull (strstr (text, "Key figures"));
  g_assert_nonnull (strstr (text, "Fuel type and platform are related"));
  g_assert_nonnull (strstr (text, "Data quality"));
  g_assert_nonnull (strstr (text, "dated before the product bought was released"));
  g_assert_nonnull (strstr (text, "Sales trend"));
  g_assert_nonnull (strstr (text, "Revenue peaked in"));
  g_assert_nonnull (strstr (text, "Cohort retention"));
  g_assert_nonnull (strstr (text, "RFM segments"));
  g_assert_nonnull (strstr (text, "Champions:"));
  /* Every figure traceable: the model, its reasons and caveats. */
  g_assert_nonnull (strstr (text, "How the figures are computed"));
  g_assert_nonnull (strstr (text, "amount: purchase_price"));
  g_assert_nonnull (strstr (text, "dated far from all the others"));
  /* A reader of the report has no source tree to look things up in. */
  g_assert_null (strstr (text, "docs/"));
  run_cli (&no_out, "report", sample, NULL);
  g_assert_cmpint (no_out.status, ==, 2);
  g_unlink (pdf);
  g_rmdir (dir);
}

static void
test_usage_errors (void)
{
  g_auto(Run) none = { 0 };
  g_auto(Run) unknown = { 0 };
  g_auto(Run) no_path = { 0 };
  g_auto(Run) missing = { 0 };

  run_cli (&none, NULL);
  g_assert_cmpint (none.status, ==, 2);
  run_cli (&unknown, "frobnicate", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "frobnicate"));
  run_cli (&no_path, "describe", NULL);
  g_assert_cmpint (no_path.status, ==, 2);
  /* A path that does not exist is bad data, named in the message. */
  run_cli (&missing, "describe", "/nonexistent/sales.csv", NULL);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_nonnull (strstr (missing.err, "/nonexistent/sales.csv"));
}

static void
test_help (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "describe PATH..."));
  g_assert_nonnull (strstr (run.out, "check PATH..."));
  g_assert_nonnull (strstr (run.out, "Exit status"));
}

/* The words of TEXT that MATCH finds (group 1), sorted and joined by
 * spaces: a set that compares as a string. */
static char *
collect_words (const char *text,
               const char *match)
{
  g_autoptr(GRegex) regex = g_regex_new (match, G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GMatchInfo) info = NULL;
  g_autoptr(GHashTable) words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GList) sorted = NULL;
  g_autoptr(GString) joined = g_string_new (NULL);

  for (g_regex_match (regex, text, 0, &info); g_match_info_matches (info); g_match_info_next (info, NULL))
    g_hash_table_add (words, g_match_info_fetch (info, 1));
  sorted = g_list_sort (g_hash_table_get_keys (words), (GCompareFunc) strcmp);
  for (GList *l = sorted; l != NULL; l = l->next)
    g_string_append_printf (joined, "%s%s", joined->len > 0 ? " " : "", (const char *) l->data);
  return g_string_free (g_steal_pointer (&joined), FALSE);
}

/* mercato-cli(1) names the commands and options --help names: no more,
 * no fewer. */
static void
test_man_page (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *path = g_build_filename (g_getenv ("MERCATO_SOURCE_ROOT"), "app", "man", "mercato-cli.1", NULL);
  g_autofree char *source = NULL;
  g_autofree char *man = NULL;
  g_autofree char *help_commands = NULL, *man_commands = NULL;
  g_autofree char *help_options = NULL, *man_options = NULL;
  g_autoptr(GRegex) escapes = g_regex_new ("\\\\f[BIRP]|\\\\(?=-)", 0, 0, NULL);
  const char *commands, *options;

  g_assert_true (g_file_get_contents (path, &source, NULL, NULL));
  man = g_regex_replace_literal (escapes, source, -1, 0, "", 0, NULL);
  run_cli (&run, "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);

  /* The commands are the tagged paragraphs between COMMANDS and OPTIONS. */
  commands = strstr (man, ".SH COMMANDS\n");
  options = strstr (man, ".SH OPTIONS\n");
  g_assert_nonnull (commands);
  g_assert_nonnull (options);
  man[options - man] = '\0';
  man_commands = collect_words (commands, "^\\.TP\n(?:\\.BI? )?([a-z]+)[ \"]");
  help_commands = collect_words (strstr (run.out, "Commands:"), "^  ([a-z]+) PATH");
  g_assert_cmpstr (man_commands, ==, help_commands);
  g_assert_cmpstr (man_commands, ==, "chart check clean describe metrics model report rfm segment");

  g_clear_pointer (&man, g_free);
  man = g_regex_replace_literal (escapes, source, -1, 0, "", 0, NULL);
  man_options = collect_words (man, "(--[a-z][a-z0-9-]*)");
  help_options = collect_words (run.out, "(--[a-z][a-z0-9-]*)");
  g_assert_cmpstr (man_options, ==, help_options);
}

static void
test_describe_sample (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("MERCATO_SOURCE_ROOT"), "app", "sample", "automotive", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  JsonArray *tables;
  static const char *expected[][3] = {
    { "sales", "purchase_date", "date" },
    { "sales", "platform", "category" },
    { "sales", "customer_id", "identifier" },
    { "visits", "start_timestamp", "datetime" },
    { "cars", "price", "integer" },
    { "users", "email", "text" },
  };

  run_cli (&run, "describe", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  tables = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "tables");
  g_assert_cmpuint (json_array_get_length (tables), ==, 4);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      JsonObject *table = find_by_name (tables, expected[i][0]);
      JsonObject *column = find_by_name (json_object_get_array_member (table, "columns"), expected[i][1]);

      g_assert_cmpstr (json_object_get_string_member (column, "type"), ==, expected[i][2]);
    }
}

static char *
model_fixture (const char *name)
{
  return g_build_filename (g_getenv ("MERCATO_SOURCE_ROOT"), "tests", "fixtures", "model", name, NULL);
}

static double
overall_revenue (const char *json)
{
  g_autoptr(JsonObject) root = parse_object (json);

  return json_object_get_double_member (json_object_get_object_member (root, "overall"), "revenue");
}

/* mercato-cli model, --set and --model (tests/fixtures/model/invoices:
 * Quantity × UnitPrice gives 58.99, UnitPrice alone 41.69). */
static void
test_model_options (void)
{
  g_autofree char *invoices = model_fixture ("invoices");
  g_autofree char *folder = g_dir_make_tmp ("mercato-cli-model-XXXXXX", NULL);
  g_autofree char *ini = g_build_filename (folder, "model.ini", NULL);
  g_autofree char *json = g_build_filename (folder, "model.json", NULL);
  g_auto(Run) model = { 0 };
  g_auto(Run) plain = { 0 };
  g_auto(Run) set = { 0 };
  g_auto(Run) from_ini = { 0 };
  g_auto(Run) from_json = { 0 };
  g_auto(Run) unknown = { 0 };
  g_auto(Run) missing = { 0 };
  g_autoptr(JsonObject) root = NULL;
  JsonObject *amount;

  run_cli (&model, "model", invoices, NULL);
  g_assert_cmpint (model.status, ==, 0);
  root = parse_object (model.out);
  amount = json_object_get_object_member (json_object_get_object_member (json_object_get_object_member (root, "model"),
                                                                         "choices"), "amount");
  g_assert_cmpstr (json_object_get_string_member (amount, "value"), ==, "Quantity*UnitPrice");
  g_assert_cmpstr (json_object_get_string_member (amount, "reason"), !=, "");
  g_assert_false (json_object_get_boolean_member (amount, "set_by_user"));

  run_cli (&plain, "metrics", invoices, NULL);
  g_assert_cmpfloat_with_epsilon (overall_revenue (plain.out), 58.99, 1e-9);
  /* Every JSON output says which model made it. */
  {
    g_autoptr(JsonObject) metrics = parse_object (plain.out);

    g_assert_true (json_object_has_member (metrics, "model"));
  }

  run_cli (&set, "metrics", invoices, "--set", "amount=UnitPrice", NULL);
  g_assert_cmpint (set.status, ==, 0);
  g_assert_cmpfloat_with_epsilon (overall_revenue (set.out), 41.69, 1e-9);

  g_assert_true (g_file_set_contents (ini, "[model]\namount=UnitPrice\n", -1, NULL));
  run_cli (&from_ini, "metrics", invoices, "--model", ini, NULL);
  g_assert_cmpfloat_with_epsilon (overall_revenue (from_ini.out), 41.69, 1e-9);

  /* The JSON of mercato-cli model, as it printed it, is a model file. */
  g_assert_true (g_file_set_contents (json, set.out, -1, NULL));
  run_cli (&from_json, "metrics", invoices, "--model", json, NULL);
  g_assert_cmpfloat_with_epsilon (overall_revenue (from_json.out), 41.69, 1e-9);

  run_cli (&unknown, "metrics", invoices, "--set", "colour=blue", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "“colour” is not a choice of the model"));
  run_cli (&missing, "metrics", invoices, "--set", "amount=Quantity*Colour", NULL);
  g_assert_cmpint (missing.status, ==, 2);
  g_assert_nonnull (strstr (missing.err, "Colour"));

  g_remove (ini);
  g_remove (json);
  g_rmdir (folder);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Mercato/Cli/describe/shop", test_describe_shop);
  g_test_add_func ("/Mercato/Cli/describe/bad-file", test_describe_bad_file);
  g_test_add_func ("/Mercato/Cli/describe/sample", test_describe_sample);
  g_test_add_func ("/Mercato/Cli/check/shape", test_check_shape);
  g_test_add_func ("/Mercato/Cli/clean", test_clean);
  g_test_add_func ("/Mercato/Cli/rfm/matches-pandas", test_rfm_matches_pandas);
  g_test_add_func ("/Mercato/Cli/metrics", test_metrics);
  g_test_add_func ("/Mercato/Cli/metrics/match-pandas", test_metrics_match_pandas);
  g_test_add_func ("/Mercato/Cli/chart", test_chart);
  g_test_add_func ("/Mercato/Cli/report", test_report);
  g_test_add_func ("/Mercato/Cli/usage-errors", test_usage_errors);
  g_test_add_func ("/Mercato/Cli/help", test_help);
  g_test_add_func ("/Mercato/Cli/man-page", test_man_page);
  g_test_add_func ("/Mercato/Cli/model-options", test_model_options);

  return g_test_run ();
}
