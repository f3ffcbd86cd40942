/* test-pg-features.c: segmentation's per-customer features computed on the server
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run by run-pg-tests.sh, which names the databases it loaded in
 * MERCATO_PG_AUTOMOTIVE_URI and MERCATO_PG_GENERATED_URI and their CSV
 * folders in MERCATO_PG_AUTOMOTIVE_CSV and MERCATO_PG_GENERATED_CSV. The
 * features from the server (one row per customer) must be the column
 * store's, and so must k-means on them with a fixed seed; beyond the
 * cap (set small here) segmentation fails and says how many customers
 * there are.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "mc-features.h"
#include "mc-features-sql.h"
#include "mc-pg-connection.h"
#include "mc-segments.h"
#include "pg-test.h"

static McDataset *
load_folder (const char *variable)
{
  g_autofree char *folder = g_strdup (g_getenv (variable));
  const char *paths[] = { folder, NULL };
  g_autoptr(GError) error = NULL;
  McDataset *dataset;

  g_assert_nonnull (folder);
  dataset = mc_dataset_load (paths, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return dataset;
}

static void
assert_same_features (McFeatureTable *a,
                      McFeatureTable *b)
{
  guint d = a->features->len;

  g_assert_cmpuint (a->ids->len, ==, b->ids->len);
  for (guint i = 0; i < a->ids->len; i++)
    g_assert_cmpstr (g_ptr_array_index (a->ids, i), ==, g_ptr_array_index (b->ids, i));
  g_assert_cmpuint (d, ==, b->features->len);
  for (guint f = 0; f < d; f++)
    {
      McFeature *x = &g_array_index (a->features, McFeature, f), *y = &g_array_index (b->features, McFeature, f);

      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpstr (x->description, ==, y->description);
      g_assert_cmpstr (x->group, ==, y->group);
      g_assert_cmpstr (x->label, ==, y->label);
      g_assert_cmpint (x->skewed, ==, y->skewed);
      g_assert_cmpuint (x->imputed, ==, y->imputed);
    }
  /* Money summed on the server in another order: the last bits of a double. */
  for (gsize i = 0; i < a->ids->len * d; i++)
    g_assert_cmpfloat_with_epsilon (a->values[i], b->values[i], 1e-9 * MAX (1.0, fabs (a->values[i])));
  for (gsize i = 0; i < a->ids->len; i++)
    g_assert_cmpfloat_with_epsilon (a->revenue[i], b->revenue[i], 1e-9 * MAX (1.0, fabs (a->revenue[i])));
}

static void
assert_same_segments (McFeatureTable *a,
                      McFeatureTable *b,
                      const char     *preset)
{
  g_auto(GStrv) names = mc_features_preset (a, preset);
  g_autoptr(McSegmentation) x = NULL;
  g_autoptr(McSegmentation) y = NULL;
  g_autoptr(GError) error = NULL;
  McKmeansOptions options;

  mc_kmeans_options_init (&options, 4);
  options.seed = 42;
  x = mc_segments_run (a, (const char * const *) names, MC_SCALE_ZSCORE, TRUE, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  y = mc_segments_run (b, (const char * const *) names, MC_SCALE_ZSCORE, TRUE, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (x->result->k, ==, y->result->k);
  g_assert_cmpmem (x->result->labels, a->ids->len * sizeof (guint32), y->result->labels, b->ids->len * sizeof (guint32));
  g_assert_cmpfloat_with_epsilon (x->result->inertia, y->result->inertia, 1e-6 * MAX (1.0, x->result->inertia));
}

/* The server's figures are one row per customer who bought. */
static void
assert_computed_on_server (McDataset      *database,
                           McFeatureTable *features)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McTable) figures = mc_features_sql_compute (database, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (figures);
  g_assert_cmpuint (mc_table_get_n_rows (figures), ==, features->ids->len);
}

static void
check_database (const char *uri_variable,
                const char *csv_variable,
                const char *preset)
{
  g_autoptr(McDataset) database = pg_test_load_or_skip (uri_variable);
  g_autoptr(McDataset) files = NULL;
  g_autoptr(McFeatureTable) from_database = NULL;
  g_autoptr(McFeatureTable) from_files = NULL;
  g_autoptr(GError) error = NULL;

  if (database == NULL)
    return;
  files = load_folder (csv_variable);
  from_files = mc_features_compute (files, &error);
  g_assert_no_error (error);
  from_database = mc_features_compute (database, &error);
  g_assert_no_error (error);
  assert_computed_on_server (database, from_database);
  assert_same_features (from_files, from_database);
  assert_same_segments (from_files, from_database, "rfm");
  assert_same_segments (from_files, from_database, preset);
}

static void
test_automotive (void)
{
  check_database ("MERCATO_PG_AUTOMOTIVE_URI", "MERCATO_PG_AUTOMOTIVE_CSV", "behaviour");
}

static void
test_generated (void)
{
  check_database ("MERCATO_PG_GENERATED_URI", "MERCATO_PG_GENERATED_CSV", "engagement");
}

/* Beyond the cap nothing is fetched: the error says how many customers
 * bought (the column store's count) and what to do. */
static void
test_cap (void)
{
  g_autoptr(McDataset) database = pg_test_load_or_skip ("MERCATO_PG_AUTOMOTIVE_URI");
  g_autoptr(McDataset) files = NULL;
  g_autoptr(McFeatureTable) from_files = NULL;
  g_autoptr(McFeatureTable) capped = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;

  if (database == NULL)
    return;
  files = load_folder ("MERCATO_PG_AUTOMOTIVE_CSV");
  from_files = mc_features_compute (files, NULL);
  mc_features_sql_set_max_customers (10);
  capped = mc_features_compute (database, &error);
  mc_features_sql_set_max_customers (0);
  g_assert_null (capped);
  g_assert_error (error, MC_PG_ERROR, MC_PG_ERROR_TOO_LARGE);
  expected = g_strdup_printf ("the database has %u customers who bought, more than the 10 Mercato segments at once",
                              from_files->ids->len);
  g_assert_nonnull (strstr (error->message, expected));
  g_assert_nonnull (strstr (error->message, "filter by platform"));
  g_clear_error (&error);
  /* Exactly the cap is allowed. */
  mc_features_sql_set_max_customers (from_files->ids->len);
  capped = mc_features_compute (database, &error);
  mc_features_sql_set_max_customers (0);
  g_assert_no_error (error);
  g_assert_cmpuint (capped->ids->len, ==, from_files->ids->len);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Mercato/PgFeatures/automotive", test_automotive);
  g_test_add_func ("/Mercato/PgFeatures/generated", test_generated);
  g_test_add_func ("/Mercato/PgFeatures/cap", test_cap);

  return g_test_run ();
}
