/* test-common.c: what the tests share: fixtures and mercato-cli runs
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdarg.h>
#include <sys/wait.h>

#include "test-common.h"

void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

void
run_cli (Run        *run,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("MERCATO_CLI");
  int wait_status;
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  if (WIFSIGNALED (wait_status))
    g_error ("mercato-cli %s was killed by signal %d: %s", first, WTERMSIG (wait_status), run->err);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
  /* The statuses tests/meson.build gives the sanitizers. */
  if (run->status == MC_TEST_ASAN_EXIT)
    g_error ("mercato-cli %s: AddressSanitizer report: %s", first, run->err);
  if (run->status == MC_TEST_UBSAN_EXIT)
    g_error ("mercato-cli %s: UndefinedBehaviorSanitizer report: %s", first, run->err);
}

JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

McDataset *
load_dataset_at (const char *path)
{
  const char *paths[] = { path, NULL };
  g_autoptr(GError) error = NULL;
  McDataset *dataset = mc_dataset_load (paths, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  return dataset;
}

McDataset *
load_test_dataset (const char *first,
                   ...)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *relative = NULL;
  g_autofree char *path = NULL;
  va_list args;

  va_start (args, first);
  for (const char *part = first; part != NULL; part = va_arg (args, const char *))
    g_ptr_array_add (parts, (char *) part);
  va_end (args);
  g_ptr_array_add (parts, NULL);
  relative = g_build_filenamev ((char **) parts->pdata);
  path = g_test_build_filename (G_TEST_DIST, "fixtures", relative, NULL);
  return load_dataset_at (path);
}

void
assert_same_values (McTable *expected,
                    McTable *table)
{
  g_assert_cmpuint (mc_table_get_n_columns (table), ==, mc_table_get_n_columns (expected));
  g_assert_cmpuint (mc_table_get_n_rows (table), ==, mc_table_get_n_rows (expected));
  for (guint c = 0; c < mc_table_get_n_columns (expected); c++)
    {
      McColumn *want = mc_table_get_column (expected, c), *got = mc_table_get_column (table, c);

      g_assert_cmpstr (got->name, ==, want->name);
      for (gsize r = 0; r < mc_table_get_n_rows (expected); r++)
        {
          g_autofree char *a = mc_column_format_value (want, r);
          g_autofree char *b = mc_column_format_value (got, r);
          double x, y;

          if (mc_column_is_numeric (want) && mc_column_is_numeric (got))
            {
              g_assert_cmpint (mc_column_get_double (got, r, &y), ==, mc_column_get_double (want, r, &x));
              g_assert_true (mc_column_is_missing (want, r) || x == y);
            }
          else
            g_assert_cmpstr (b, ==, a);
        }
    }
}

void
wait_until (gboolean (*done) (gpointer),
            gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_TIME_SPAN_SECOND;

  while (!done (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (done (data));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}
