/* test-segments.c: per-customer features, segments and mercato-cli segment
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tests/fixtures/segments: three customers, worked out by hand below.
 * tests/fixtures/kmeans/blobs.csv: 600 points in four blobs of 150, the
 * blob in column "blob".
 */
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "test-common.h"

#include "mc-features.h"
#include "mc-segments.h"

static McFeatureTable *
compute (McDataset *dataset)
{
  g_autoptr(GError) error = NULL;
  McFeatureTable *table = mc_features_compute (dataset, &error);

  g_assert_no_error (error);
  g_assert_nonnull (table);
  return table;
}

static const McFeature *
feature (McFeatureTable *table,
         const char     *name)
{
  int f = mc_features_find (table, name);

  if (f < 0)
    g_error ("no feature %s", name);
  return &g_array_index (table->features, McFeature, f);
}

static double
value (McFeatureTable *table,
       gsize           row,
       const char     *name)
{
  return table->values[row * table->features->len + mc_features_find (table, name)];
}

/* The dataset's last purchase, 2024-04-01, is the reference day. Rows
 * by customer id: u1, u2, u3.
 *
 * u1 bought car k1 (Electric, list 40000) twice on the Website:
 * 2024-01-10 for 36000 (review 5) and 2024-03-10 for 40000 (review 4).
 * Recency: 21 days left in March + 1 = 22. Tenure: 31 + 29 (2024 is a
 * leap year) = 60. Discount: (80000 − 76000) ÷ 80000 = 0.05. Visits:
 * 2024-01-01 viewing 30 min, 2024-01-10 testing 60 min: mean 45, first
 * visit 9 days before the first purchase.
 *
 * u2 bought k2 (Diesel, list 20000) at the Dealership on 2024-02-01 for
 * 20000, no review: 29 (February) + 31 (March) = 60 days ago. Visits:
 * 2024-01-20 viewing 10 min, 2024-02-01 testing 20 min and viewing 20
 * min: mean 50 ÷ 3, 12 days from first visit to first purchase.
 *
 * u3 bought k2 on the Website 2023-12-01 for 18000 (review 3) and k1 at
 * the Dealership 2024-04-01 for 38000: recency 0, tenure 31 + 31 + 29 +
 * 31 = 122, discount (60000 − 56000) ÷ 60000. No visits: 0 visits, 0
 * per purchase; minutes and days to purchase have no value and get the
 * median of the others.
 *
 * Shares come most common first: Website 3 purchases, Dealership 2;
 * Electric 3, Diesel 2; visits: viewing 3, testing 2. */
typedef struct
{
  const char *name;
  const char *group;
  const char *label;
  gboolean    skewed;
  gsize       imputed;
  double      values[3];
} Expected;

static const Expected expected_features[] = {
  { "recency", "purchases", NULL, FALSE, 0, { 22, 60, 0 } },
  { "frequency", "purchases", NULL, TRUE, 0, { 2, 1, 2 } },
  { "monetary", "purchases", NULL, TRUE, 0, { 76000, 20000, 56000 } },
  { "mean_order_value", "purchases", NULL, TRUE, 0, { 38000, 20000, 28000 } },
  { "tenure", "purchases", NULL, FALSE, 0, { 60, 0, 122 } },
  { "discount_rate", "purchases", NULL, FALSE, 0, { 0.05, 0, 4000.0 / 60000 } },
  { "mean_review", "purchases", NULL, FALSE, 1, { 4.5, (4.5 + 3) / 2, 3 } },
  { "share_website", "platform", "Website", FALSE, 0, { 1, 0, 0.5 } },
  { "share_dealership", "platform", "Dealership", FALSE, 0, { 0, 1, 0.5 } },
  { "share_electric", "product", "Electric", FALSE, 0, { 1, 0, 0.5 } },
  { "share_diesel", "product", "Diesel", FALSE, 0, { 0, 1, 0.5 } },
  { "visits", "visits", NULL, TRUE, 0, { 2, 3, 0 } },
  { "visits_per_purchase", "visits", NULL, TRUE, 0, { 1, 3, 0 } },
  { "mean_visit_minutes", "visits", NULL, TRUE, 1, { 45, 50.0 / 3, (45 + 50.0 / 3) / 2 } },
  { "days_to_first_purchase", "visits", NULL, TRUE, 1, { 9, 12, (9 + 12) / 2.0 } },
  { "visits_viewing", "visits", "viewing", TRUE, 0, { 1, 2, 0 } },
  { "visits_testing", "visits", "testing", TRUE, 0, { 1, 1, 0 } },
};

static McFeatureTable *
fixture_features (McDataset **dataset_out)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "segments", NULL);

  *dataset_out = load_dataset_at (path);
  return compute (*dataset_out);
}

static void
test_features_by_hand (void)
{
  g_autoptr(McDataset) dataset = NULL;
  g_autoptr(McFeatureTable) table = fixture_features (&dataset);

  g_assert_cmpuint (table->ids->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (table->ids, 0), ==, "u1");
  g_assert_cmpstr (g_ptr_array_index (table->ids, 1), ==, "u2");
  g_assert_cmpstr (g_ptr_array_index (table->ids, 2), ==, "u3");
  /* Every feature the roles allow, and no other. */
  g_assert_cmpuint (table->features->len, ==, G_N_ELEMENTS (expected_features));
  for (guint e = 0; e < G_N_ELEMENTS (expected_features); e++)
    {
      const Expected *want = &expected_features[e];
      const McFeature *got = feature (table, want->name);

      g_test_message ("%s", want->name);
      g_assert_cmpstr (got->group, ==, want->group);
      g_assert_cmpstr (got->label, ==, want->label);
      g_assert_cmpint (got->skewed, ==, want->skewed);
      g_assert_cmpuint (got->imputed, ==, want->imputed);
      for (gsize row = 0; row < 3; row++)
        g_assert_cmpfloat_with_epsilon (value (table, row, want->name), want->values[row], 1e-9);
    }
  /* Most common first. */
  g_assert_cmpint (mc_features_find (table, "share_website"), <, mc_features_find (table, "share_dealership"));
  g_assert_cmpint (mc_features_find (table, "share_electric"), <, mc_features_find (table, "share_diesel"));
  g_assert_cmpint (mc_features_find (table, "visits_viewing"), <, mc_features_find (table, "visits_testing"));
  g_assert_cmpint (mc_features_find (table, "nosuch"), ==, -1);
  /* Revenue is what each customer spent. */
  g_assert_nonnull (table->revenue);
  g_assert_cmpfloat (table->revenue[0], ==, 76000);
  g_assert_cmpfloat (table->revenue[1], ==, 20000);
  g_assert_cmpfloat (table->revenue[2], ==, 56000);
}

/* A feature nobody has a value for is dropped, and the columns after it
 * move down (this crashed with a double free once). Every first visit
 * comes after the customer's first purchase, so days_to_first_purchase
 * has no value; no list price, no review. */
static void
test_dropped_feature (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mercato-segments-XXXXXX", NULL);
  g_autofree char *sales = g_build_filename (dir, "sales.csv", NULL);
  g_autofree char *visits = g_build_filename (dir, "visits.csv", NULL);
  g_autoptr(McDataset) dataset = NULL;
  g_autoptr(McFeatureTable) table = NULL;

  g_assert_true (g_file_set_contents (sales,
    "transaction_id,customer_id,platform,purchase_date,purchase_price\n"
    "t1,u1,Website,2024-01-10,36000\n"
    "t2,u1,Website,2024-03-10,40000\n"
    "t3,u2,Dealership,2024-02-01,20000\n"
    "t4,u3,Website,2023-12-01,18000\n", -1, NULL));
  g_assert_true (g_file_set_contents (visits,
    "visit_id,customer_id,start_timestamp,end_timestamp,visit_type\n"
    "v1,u1,2024-05-01 10:00:00,2024-05-01 10:30:00,viewing\n"
    "v2,u2,2024-05-10 09:00:00,2024-05-10 10:00:00,testing\n"
    "v3,u3,2024-05-20 12:00:00,2024-05-20 12:10:00,viewing\n", -1, NULL));
  dataset = load_dataset_at (dir);
  table = compute (dataset);
  g_assert_cmpint (mc_features_find (table, "days_to_first_purchase"), ==, -1);
  g_assert_cmpint (mc_features_find (table, "discount_rate"), ==, -1);
  g_assert_cmpint (mc_features_find (table, "mean_review"), ==, -1);
  for (guint f = 0; f < table->features->len; f++)
    g_assert_nonnull (g_array_index (table->features, McFeature, f).name);
  /* u1 2 orders, u2 and u3 one each. */
  g_assert_cmpfloat (value (table, 0, "visits_per_purchase"), ==, 0.5);
  g_assert_cmpfloat (value (table, 1, "visits_per_purchase"), ==, 1);
  g_assert_cmpfloat (value (table, 0, "mean_visit_minutes"), ==, 30);
  g_assert_cmpfloat (value (table, 1, "mean_visit_minutes"), ==, 60);
  g_assert_cmpfloat (value (table, 2, "mean_visit_minutes"), ==, 10);
  g_assert_cmpfloat (value (table, 0, "visits_viewing"), ==, 1);
  g_assert_cmpfloat (value (table, 1, "visits_viewing"), ==, 0);
  g_assert_cmpfloat (value (table, 1, "visits_testing"), ==, 1);
  g_assert_cmpfloat (value (table, 2, "visits_viewing"), ==, 1);
  g_unlink (sales);
  g_unlink (visits);
  g_rmdir (dir);
}

static void
assert_strv (GStrv        got,
             const char **want)
{
  g_autofree char *joined = g_strjoinv (",", got);

  g_test_message ("got %s", joined);
  g_assert_cmpuint (g_strv_length (got), ==, g_strv_length ((GStrv) want));
  for (guint i = 0; want[i] != NULL; i++)
    g_assert_true (g_strv_contains ((const char * const *) got, want[i]));
}

static void
test_presets (void)
{
  g_autoptr(McDataset) dataset = NULL;
  g_autoptr(McFeatureTable) table = fixture_features (&dataset);
  g_auto(GStrv) rfm = mc_features_preset (table, "rfm");
  g_auto(GStrv) behaviour = mc_features_preset (table, "behaviour");
  g_auto(GStrv) product = mc_features_preset (table, "product");
  g_auto(GStrv) engagement = mc_features_preset (table, "engagement");
  const char *want_rfm[] = { "recency", "frequency", "monetary", NULL };
  const char *want_behaviour[] = { "share_website", "share_dealership", "frequency", "monetary",
                                   "visits_per_purchase", "mean_visit_minutes", NULL };
  const char *want_product[] = { "share_electric", "share_diesel", "mean_order_value", "discount_rate", NULL };
  const char *want_engagement[] = { "visits", "visits_per_purchase", "mean_visit_minutes", "days_to_first_purchase",
                                    "visits_viewing", "visits_testing", "mean_review", "tenure", NULL };
  const char *unknown[] = { "recency", "nosuch", NULL };
  McMatrix matrix = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (rfm);
  g_assert_cmpuint (g_strv_length (rfm), ==, 3);
  g_assert_cmpstr (rfm[0], ==, "recency");
  g_assert_cmpstr (rfm[1], ==, "frequency");
  g_assert_cmpstr (rfm[2], ==, "monetary");
  assert_strv (rfm, want_rfm);
  assert_strv (behaviour, want_behaviour);
  g_assert_false (g_strv_contains ((const char * const *) behaviour, "share_electric"));
  g_assert_false (g_strv_contains ((const char * const *) behaviour, "share_diesel"));
  assert_strv (product, want_product);
  assert_strv (engagement, want_engagement);
  g_assert_null (mc_features_preset (table, "nosuch"));

  g_assert_false (mc_features_select (table, unknown, &matrix, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "nosuch"));
  g_assert_null (matrix.values);
  g_clear_error (&error);
  /* The columns asked for, in that order. */
  g_assert_true (mc_features_select (table, (const char * const *) rfm, &matrix, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (matrix.n, ==, 3);
  g_assert_cmpuint (matrix.d, ==, 3);
  g_assert_cmpfloat (matrix.values[1 * 3 + 0], ==, 60);
  g_assert_cmpfloat (matrix.values[2 * 3 + 2], ==, 56000);
  g_free (matrix.values);
}

/* blobs.csv read without the library: x, y, z and the blob per row. */
typedef struct
{
  gsize    n;
  double  *xyz;
  guint32 *blob;
} Blobs;

static void
blobs_clear (Blobs *blobs)
{
  g_free (blobs->xyz);
  g_free (blobs->blob);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Blobs, blobs_clear)

static char *
blobs_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "kmeans", "blobs.csv", NULL);
}

static void
blobs_read (Blobs *blobs)
{
  g_autofree char *path = blobs_path ();
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  blobs->xyz = g_new (double, 3 * g_strv_length (lines));
  blobs->blob = g_new (guint32, g_strv_length (lines));
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++, blobs->n++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[i], ",", -1);

      for (guint j = 0; j < 3; j++)
        blobs->xyz[blobs->n * 3 + j] = g_ascii_strtod (cells[j], NULL);
      blobs->blob[blobs->n] = atoi (cells[3]);
    }
}

static const char *xyz[] = { "x", "y", "z", NULL };

/* The dataset reads x, y and z as the CSV has them, to the last bit:
 * half of them are negative numbers of more than 15 digits. */
static void
assert_blobs_read_back (McFeatureTable *table,
                        const Blobs    *blobs)
{
  g_assert_cmpuint (table->ids->len, ==, blobs->n);
  for (gsize i = 0; i < blobs->n; i++)
    for (guint j = 0; j < 3; j++)
      g_assert_cmpfloat (value (table, i, xyz[j]), ==, blobs->xyz[i * 3 + j]);
}

static McSegmentation *
segment (McFeatureTable     *table,
         const char * const *names,
         guint               k,
         guint64             seed)
{
  McKmeansOptions options;
  g_autoptr(GError) error = NULL;
  McSegmentation *segmentation;

  mc_kmeans_options_init (&options, k);
  options.seed = seed;
  segmentation = mc_segments_run (table, names, MC_SCALE_ZSCORE, TRUE, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (segmentation);
  return segmentation;
}

static void
test_plain_numeric (void)
{
  g_autofree char *path = blobs_path ();
  g_autoptr(McDataset) dataset = load_dataset_at (path);
  g_autoptr(McFeatureTable) table = compute (dataset);
  g_autoptr(McSegmentation) segmentation = NULL;
  g_auto(Blobs) blobs = { 0 };
  const char *columns[] = { "x", "y", "z", "blob" };
  double overall[3] = { 0 }, sd[3] = { 0 }, shares = 0;

  blobs_read (&blobs);
  g_assert_cmpuint (blobs.n, ==, 600);
  g_assert_cmpuint (table->ids->len, ==, 600);
  g_assert_null (table->revenue);
  g_assert_cmpuint (table->features->len, ==, 4);
  for (guint j = 0; j < 4; j++)
    {
      const McFeature *f = &g_array_index (table->features, McFeature, j);

      g_assert_cmpstr (f->name, ==, columns[j]);
      g_assert_cmpstr (f->group, ==, "columns");
      g_assert_null (f->label);
    }

  assert_blobs_read_back (table, &blobs);
  segmentation = segment (table, xyz, 4, 5);
  g_assert_cmpuint (segmentation->result->k, ==, 4);
  g_assert_cmpfloat (mc_kmeans_adjusted_rand_index (segmentation->result->labels, blobs.blob, 600), >=, 0.99);

  for (gsize i = 0; i < 600; i++)
    for (guint j = 0; j < 3; j++)
      overall[j] += blobs.xyz[i * 3 + j] / 600;
  for (gsize i = 0; i < 600; i++)
    for (guint j = 0; j < 3; j++)
      sd[j] += pow (blobs.xyz[i * 3 + j] - overall[j], 2) / 600;
  for (guint j = 0; j < 3; j++)
    {
      sd[j] = sqrt (sd[j]);
      g_assert_cmpfloat_with_epsilon (segmentation->overall_mean[j], overall[j], 1e-9);
    }
  for (guint c = 0; c < 4; c++)
    {
      const McSegmentProfile *p = &segmentation->profiles[c];
      double means[3] = { 0 };
      gsize size = 0;

      /* Segment 1 the largest. */
      if (c > 0)
        g_assert_cmpuint (p->size, <=, segmentation->profiles[c - 1].size);
      for (gsize i = 0; i < 600; i++)
        if (segmentation->result->labels[i] == c)
          {
            size++;
            for (guint j = 0; j < 3; j++)
              means[j] += blobs.xyz[i * 3 + j];
          }
      g_assert_cmpuint (p->size, ==, size);
      g_assert_cmpuint (segmentation->result->sizes[c], ==, size);
      g_assert_cmpfloat_with_epsilon (p->share, size / 600.0, 1e-12);
      shares += p->share;
      for (guint j = 0; j < 3; j++)
        {
          means[j] /= size;
          g_assert_cmpfloat_with_epsilon (p->means[j], means[j], 1e-9);
          g_assert_cmpfloat_with_epsilon (p->z[j], (means[j] - overall[j]) / sd[j], 1e-9);
        }
      g_assert_true (isnan (p->revenue_share));
      g_assert_nonnull (p->name);
      g_assert_true (g_str_has_prefix (p->name, "High ") || g_str_has_prefix (p->name, "Low ")
                     || g_str_equal (p->name, "Typical rows"));
      g_assert_nonnull (p->description);
    }
  g_assert_cmpfloat_with_epsilon (shares, 1, 1e-12);
  g_assert_cmpfloat (segmentation->silhouette, >, 0.5);
}

static void
test_choose_k (void)
{
  g_autofree char *path = blobs_path ();
  g_autoptr(McDataset) dataset = load_dataset_at (path);
  g_autoptr(McFeatureTable) table = compute (dataset);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) scores = NULL;
  g_autoptr(GArray) close = g_array_new (FALSE, TRUE, sizeof (McKScore));
  g_autofree char *reason = NULL;
  g_auto(Blobs) blobs = { 0 };
  McMatrix original, scaled;
  McKmeansOptions options;

  blobs_read (&blobs);
  assert_blobs_read_back (table, &blobs);
  g_assert_true (mc_segments_prepare (table, xyz, MC_SCALE_ZSCORE, TRUE, &original, &scaled, &error));
  g_assert_no_error (error);
  /* Scaled to mean 0 and (population) deviation 1; the original kept. */
  for (guint j = 0; j < 3; j++)
    {
      double sum = 0, squares = 0;

      for (gsize i = 0; i < scaled.n; i++)
        sum += scaled.values[i * 3 + j], squares += scaled.values[i * 3 + j] * scaled.values[i * 3 + j];
      g_assert_cmpfloat_with_epsilon (sum / scaled.n, 0, 1e-9);
      g_assert_cmpfloat_with_epsilon (squares / scaled.n, 1, 1e-9);
    }
  g_assert_cmpfloat (original.values[0], ==, value (table, 0, "x"));

  mc_kmeans_options_init (&options, 2);
  options.seed = 5;
  options.n_init = 3;
  scores = mc_segments_score_k (&scaled, 2, 6, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (scores->len, ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      McKScore *score = &g_array_index (scores, McKScore, i);

      g_assert_cmpuint (score->k, ==, 2 + i);
      if (i > 0)
        g_assert_cmpfloat (score->inertia, <, g_array_index (scores, McKScore, i - 1).inertia);
    }
  g_assert_cmpuint (mc_segments_suggest_k (scores, &reason), ==, 4);
  g_test_message ("%s", reason);
  g_assert_true (g_str_has_prefix (reason, "4 segments"));
  g_assert_nonnull (strstr (reason, "silhouette"));

  /* A bigger k must beat the best so far by more than 0.01. */
  g_array_append_vals (close, (McKScore[]) { { 2, 0, 0.50 }, { 3, 0, 0.509 } }, 2);
  g_assert_cmpuint (mc_segments_suggest_k (close, NULL), ==, 2);
  g_array_append_vals (close, (McKScore[]) { { 4, 0, 0.52 } }, 1);
  g_assert_cmpuint (mc_segments_suggest_k (close, NULL), ==, 4);

  g_assert_null (mc_segments_score_k (&scaled, 1, 4, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, MC_KMEANS_ERROR, MC_KMEANS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (mc_segments_score_k (&scaled, 2, 600, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, MC_KMEANS_ERROR, MC_KMEANS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (mc_segments_score_k (&scaled, 5, 3, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, MC_KMEANS_ERROR, MC_KMEANS_ERROR_INVALID);
  g_free (original.values);
  g_free (scaled.values);
}

/* NAME as a CSV field: quoted when it holds a comma or a quote. */
static char *
csv_field (const char *name)
{
  g_autofree char *doubled = NULL;
  g_auto(GStrv) parts = NULL;

  if (strpbrk (name, ",\"\n") == NULL)
    return g_strdup (name);
  parts = g_strsplit (name, "\"", -1);
  doubled = g_strjoinv ("\"\"", parts);
  return g_strdup_printf ("\"%s\"", doubled);
}

static void
test_csv (void)
{
  g_autofree char *path = blobs_path ();
  g_autoptr(McDataset) dataset = load_dataset_at (path);
  g_autoptr(McFeatureTable) table = compute (dataset);
  g_autoptr(McSegmentation) segmentation = segment (table, xyz, 4, 5);
  g_autofree char *dir = g_dir_make_tmp ("mercato-segments-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "segments.csv", NULL);
  g_autofree char *missing_dir = g_build_filename (dir, "missing", NULL);
  g_autofree char *missing = g_build_filename (missing_dir, "segments.csv", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean seen[4] = { FALSE };

  g_assert_true (mc_segmentation_write_csv (segmentation, "id", out, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
  g_assert_true (g_str_has_suffix (text, "\n"));
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 600 + 1);
  g_assert_cmpstr (lines[0], ==, "id,segment,segment_name");
  g_assert_cmpstr (lines[601], ==, "");
  for (gsize i = 0; i < 600; i++)
    {
      guint number = segmentation->result->labels[i] + 1;
      g_autofree char *name = csv_field (segmentation->profiles[number - 1].name);
      g_autofree char *want = g_strdup_printf ("%s,%u,%s", (char *) g_ptr_array_index (table->ids, i), number, name);

      g_assert_cmpuint (number, >=, 1);
      g_assert_cmpuint (number, <=, 4);
      seen[number - 1] = TRUE;
      g_assert_cmpstr (lines[1 + i], ==, want);
    }
  g_assert_true (seen[0] && seen[1] && seen[2] && seen[3]);
  g_assert_cmpint (g_unlink (out), ==, 0);

  /* Nowhere to write: an error, and no file, no folder, no temporary. */
  g_assert_false (mc_segmentation_write_csv (segmentation, "id", missing, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (missing_dir, G_FILE_TEST_EXISTS));
  listing = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (listing);
  g_assert_null (g_dir_read_name (listing));
  g_rmdir (dir);
}

/* A name "… PLATFORM buyers" with a description "100 % PLATFORM…". */
static gboolean
named_for (const McSegmentProfile *p,
           const char             *platform)
{
  g_autofree char *tail = g_strdup_printf ("%s buyers", platform);
  g_autofree char *share = g_strdup_printf ("100 %% %s", platform);
  gsize at;

  if (!g_str_has_suffix (p->name, tail))
    return FALSE;
  at = strlen (p->name) - strlen (tail);
  return (at == 0 || p->name[at - 1] == ' ') && g_str_has_prefix (p->description, share);
}

static void
test_names (void)
{
  g_autofree char *sample = g_build_filename (g_getenv ("MERCATO_SOURCE_ROOT"), "app", "sample", "automotive", NULL);
  g_autoptr(McDataset) dataset = load_dataset_at (sample);
  g_autoptr(McFeatureTable) table = compute (dataset);
  g_auto(GStrv) behaviour = mc_features_preset (table, "behaviour");
  g_autoptr(McSegmentation) segmentation = segment (table, (const char * const *) behaviour, 4, 0);
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  const char *platforms[] = { "Dealership", "Mobile App", "Website" };
  double revenue = 0;
  gsize rows = 0;

  for (guint c = 0; c < 4; c++)
    {
      const McSegmentProfile *p = &segmentation->profiles[c];

      g_test_message ("%s: %s", p->name, p->description);
      g_assert_true (g_hash_table_add (names, p->name));
      revenue += p->revenue_share;
      rows += p->size;
    }
  for (guint i = 0; i < G_N_ELEMENTS (platforms); i++)
    {
      gboolean found = FALSE;

      for (guint c = 0; c < 4; c++)
        found |= named_for (&segmentation->profiles[c], platforms[i]);
      if (!found)
        g_error ("no segment of %s buyers", platforms[i]);
    }
  g_assert_cmpfloat_with_epsilon (revenue, 1, 1e-9);
  g_assert_cmpuint (rows, ==, table->ids->len);
}


/* mercato-cli segment exits 2 with a message for bad usage. */
static void
assert_bad_usage (const char *path,
                  const char *out,
                  const char *option,
                  const char *argument,
                  const char *more,
                  const char *more_argument)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "segment", path, "--out", out, option, argument, more, more_argument, NULL);
  g_test_message ("%s %s %s %s: %s", option, argument, more ? more : "", more_argument ? more_argument : "", run.err);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, "mercato-cli segment: "));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

/* The fixture with RFM and k = 2, by hand. In its own units: recency
 * 22, 60, 0 (mean 82 ÷ 3, deviation 24.78); frequency 2, 1, 2; spend
 * 76000, 20000, 56000 (mean 50666.67, deviation 23170.8). Clustered on
 * z-scores of recency, log1p(frequency), log1p(spend): u1 and u3 lie
 * 1.04 apart, u2 more than 3 from either, so u1 and u3 make segment 1
 * (means 11, 2, 66000) and u2 segment 2. Segment 1 is 0.66 deviations
 * above the average spend, 0.71 above the frequency, 0.66 below the
 * recency: high-value, frequent, recent; segment 2 is 1.32 below the
 * spend and 1.32 above the recency: low-value, lapsed (few orders has
 * no word). Revenue: 132000 and 20000 of 152000. */
static void
test_cli (void)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures", "segments", NULL);
  g_autofree char *blobs = blobs_path ();
  g_autofree char *dir = g_dir_make_tmp ("mercato-segments-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "segments.csv", NULL);
  g_autofree char *text = NULL;
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(JsonObject) ranged = NULL;
  g_auto(Run) run = { 0 };
  g_auto(Run) range = { 0 };
  g_auto(Run) no_out = { 0 };
  g_auto(Run) unknown = { 0 };
  g_auto(Run) missing = { 0 };
  JsonArray *sizes, *centroids, *profiles, *k_scores;
  JsonObject *first, *second;
  gint64 total = 0;

  run_cli (&run, "segment", fixture, "--k", "2", "--preset", "rfm", "--out", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_object (run.out);
  g_assert_cmpint (json_object_get_int_member (root, "k"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (root, "rows"), ==, 3);
  g_assert_false (json_object_has_member (root, "k_scores"));
  sizes = json_object_get_array_member (root, "sizes");
  g_assert_cmpuint (json_array_get_length (sizes), ==, 2);
  for (guint c = 0; c < 2; c++)
    total += json_array_get_int_element (sizes, c);
  g_assert_cmpint (total, ==, 3);
  g_assert_cmpint (json_array_get_int_element (sizes, 0), ==, 2);
  centroids = json_object_get_array_member (root, "centroids");
  g_assert_cmpuint (json_array_get_length (centroids), ==, 2);
  for (guint c = 0; c < 2; c++)
    {
      JsonObject *means = json_object_get_object_member (json_array_get_object_element (centroids, c), "means");

      g_assert_cmpuint (json_object_get_size (means), ==, 3);
      g_assert_true (json_object_has_member (means, "recency"));
      g_assert_true (json_object_has_member (means, "frequency"));
      g_assert_true (json_object_has_member (means, "monetary"));
    }
  first = json_object_get_object_member (json_array_get_object_element (centroids, 0), "means");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (first, "recency"), 11, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (first, "frequency"), 2, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (first, "monetary"), 66000, 1e-9);
  profiles = json_object_get_array_member (root, "profiles");
  g_assert_cmpuint (json_array_get_length (profiles), ==, 2);
  for (guint c = 0; c < 2; c++)
    {
      JsonObject *profile = json_array_get_object_element (profiles, c);
      static const char *members[] = { "name", "description", "size", "share", "revenue_share" };

      for (guint m = 0; m < G_N_ELEMENTS (members); m++)
        g_assert_true (json_object_has_member (profile, members[m]));
    }
  first = json_array_get_object_element (profiles, 0);
  second = json_array_get_object_element (profiles, 1);
  g_assert_cmpstr (json_object_get_string_member (first, "name"), ==, "High-value recent frequent buyers");
  g_assert_cmpstr (json_object_get_string_member (second, "name"), ==, "Low-value lapsed buyers");
  /* Traits by how far they stand out: frequency, spend, recency. */
  g_assert_cmpstr (json_object_get_string_member (second, "description"), ==,
                   "1.0 orders (average 1.7), 0.4× average spend, last bought 60 days ago (average 27)");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (first, "share"), 2.0 / 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (first, "revenue_share"), 132000.0 / 152000, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (second, "revenue_share"), 20000.0 / 152000, 1e-9);
  g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
  g_assert_cmpstr (text, ==,
                   "id,segment,segment_name\n"
                   "u1,1,High-value recent frequent buyers\n"
                   "u2,2,Low-value lapsed buyers\n"
                   "u3,1,High-value recent frequent buyers\n");
  g_unlink (out);

  /* A plain numeric CSV, k chosen over a range of one. */
  run_cli (&range, "segment", blobs, "--features", "x,y,z", "--k-range", "2-2", "--out", out, NULL);
  g_assert_cmpint (range.status, ==, 0);
  ranged = parse_object (range.out);
  g_assert_cmpint (json_object_get_int_member (ranged, "k"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (ranged, "rows"), ==, 600);
  k_scores = json_object_get_array_member (ranged, "k_scores");
  g_assert_nonnull (k_scores);
  g_assert_cmpuint (json_array_get_length (k_scores), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (k_scores, 0), "k"), ==, 2);
  g_assert_true (json_object_has_member (ranged, "k_reason"));
  g_assert_false (json_object_has_member (json_array_get_object_element (
                    json_object_get_array_member (ranged, "profiles"), 0), "revenue_share"));
  g_unlink (out);

  assert_bad_usage (fixture, out, "--k", "1", NULL, NULL);
  assert_bad_usage (fixture, out, "--k", "3", "--k-range", "2-4");
  assert_bad_usage (fixture, out, "--scale", "foo", NULL, NULL);
  assert_bad_usage (fixture, out, "--k-range", "5-3", NULL, NULL);
  assert_bad_usage (fixture, out, "--preset", "foo", NULL, NULL);
  assert_bad_usage (fixture, out, "--preset", "rfm", "--features", "recency");
  run_cli (&no_out, "segment", fixture, "--k", "2", NULL);
  g_assert_cmpint (no_out.status, ==, 2);
  g_assert_nonnull (strstr (no_out.err, "--out"));

  run_cli (&unknown, "segment", fixture, "--features", "recency,nosuch", "--k", "2", "--out", out, NULL);
  g_assert_cmpint (unknown.status, ==, 1);
  g_assert_nonnull (strstr (unknown.err, "nosuch"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  run_cli (&missing, "segment", "/nonexistent/sales.csv", "--k", "2", "--out", out, NULL);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_nonnull (strstr (missing.err, "/nonexistent/sales.csv"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_rmdir (dir);
}

/* A k scored over a range gives, reused, the segments a run of its own
 * gives: the same labels and silhouette, without clustering again. */
static void
test_from_score (void)
{
  g_autofree char *path = blobs_path ();
  g_autoptr(McDataset) dataset = load_dataset_at (path);
  g_autoptr(McFeatureTable) table = compute (dataset);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) scores = NULL;
  g_autoptr(McSegmentation) reused = NULL;
  g_autoptr(McSegmentation) run = NULL;
  McMatrix original, scaled;
  McKmeansOptions options;
  McKScore *score;

  g_assert_true (mc_segments_prepare (table, xyz, MC_SCALE_ZSCORE, TRUE, &original, &scaled, &error));
  mc_kmeans_options_init (&options, 2);
  options.seed = 5;
  scores = mc_segments_score_k (&scaled, 3, 5, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_free (original.values);
  g_free (scaled.values);
  score = mc_segments_find_score (scores, 4);
  g_assert_nonnull (score);
  g_assert_null (mc_segments_find_score (scores, 6));
  reused = mc_segments_from_score (table, xyz, MC_SCALE_ZSCORE, TRUE, score, &error);
  g_assert_no_error (error);
  /* Taken: a second use would cluster again. */
  g_assert_null (mc_segments_find_score (scores, 4));
  options.k = 4;
  run = mc_segments_run (table, xyz, MC_SCALE_ZSCORE, TRUE, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (reused->result->labels, reused->scaled.n * sizeof (guint32),
                   run->result->labels, run->scaled.n * sizeof (guint32));
  g_assert_cmpfloat (reused->result->inertia, ==, run->result->inertia);
  g_assert_cmpfloat (reused->silhouette, ==, run->silhouette);
  for (guint c = 0; c < 4; c++)
    g_assert_cmpstr (reused->profiles[c].name, ==, run->profiles[c].name);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Mercato/Segments/features-by-hand", test_features_by_hand);
  g_test_add_func ("/Mercato/Segments/dropped-feature", test_dropped_feature);
  g_test_add_func ("/Mercato/Segments/presets", test_presets);
  g_test_add_func ("/Mercato/Segments/plain-numeric", test_plain_numeric);
  g_test_add_func ("/Mercato/Segments/choose-k", test_choose_k);
  g_test_add_func ("/Mercato/Segments/from-score", test_from_score);
  g_test_add_func ("/Mercato/Segments/csv", test_csv);
  g_test_add_func ("/Mercato/Segments/names", test_names);
  g_test_add_func ("/Mercato/Segments/cli", test_cli);
  return g_test_run ();
}
