/* mc-cli-segment.c: mercato-cli segment, customer segments by k-means
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mercato-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-cli.h"
#include "mc-segments.h"
#include "mc-xlsx-writer.h"

/* Without --k or --k-range, this range is tried and the best k kept. */
#define DEFAULT_K_MIN 2
#define DEFAULT_K_MAX 8

typedef struct
{
  char    *preset;
  char    *features;
  int      k;
  char    *k_range;
  char    *scale;
  int      n_init;
  gint64   seed;
  gboolean no_log1p;
  char    *out;
} SegmentOptions;

static void
segment_options_clear (SegmentOptions *o)
{
  g_free (o->preset);
  g_free (o->features);
  g_free (o->k_range);
  g_free (o->scale);
  g_free (o->out);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SegmentOptions, segment_options_clear)

static gboolean
parse_k_range (const char *text,
               guint      *k_min,
               guint      *k_max)
{
  g_auto(GStrv) bounds = text != NULL ? g_strsplit (text, "-", 2) : NULL;
  guint64 low, high;

  if (bounds == NULL || g_strv_length (bounds) != 2
      || !g_ascii_string_to_unsigned (bounds[0], 10, 2, 100, &low, NULL)
      || !g_ascii_string_to_unsigned (bounds[1], 10, low, 100, &high, NULL))
    return FALSE;
  *k_min = low;
  *k_max = high;
  return TRUE;
}

/* The feature names asked for: --features, a --preset, or by default
 * RFM (all numeric columns for a plain table). */
static GStrv
chosen_features (McFeatureTable       *table,
                 const SegmentOptions *o,
                 int                  *status)
{
  GStrv names;

  if (o->features != NULL)
    return g_strsplit (o->features, ",", -1);
  names = mc_features_preset (table, o->preset != NULL ? o->preset : "rfm");
  if (names == NULL)
    {
      /* Translators: %s is what was given; rfm, behaviour, product and
       * engagement are the names of the presets: keep them. */
      mc_cli_error ("segment", _("unknown preset “%s”; use rfm, behaviour, product or engagement"), o->preset);
      *status = EXIT_BAD_USAGE;
    }
  else if (names[0] == NULL)
    {
      /* Translators: %s is the name of a preset (rfm, behaviour…). */
      mc_cli_error ("segment", _("this dataset has none of the features of the “%s” preset"), o->preset);
      g_clear_pointer (&names, g_strfreev);
      *status = EXIT_BAD_DATA;
    }
  return names;
}

static void
write_features (McJsonWriter   *json,
                McFeatureTable *table,
                GStrv           names,
                gboolean        log1p)
{
  mc_json_writer_key (json, "features");
  mc_json_writer_begin_array (json);
  for (guint j = 0; names[j] != NULL; j++)
    {
      McFeature *feature = &g_array_index (table->features, McFeature, mc_features_find (table, names[j]));

      mc_json_writer_begin_object (json);
      mc_cli_write_string (json, "name", feature->name);
      mc_cli_write_string (json, "description", feature->description);
      mc_cli_write_count (json, "imputed", feature->imputed);
      mc_json_writer_key (json, "log1p");
      mc_json_writer_boolean (json, log1p && feature->skewed);
      mc_json_writer_end_object (json);
    }
  mc_json_writer_end_array (json);
}

static void
write_k_score (McJsonWriter  *json,
               gconstpointer  item)
{
  const McKScore *score = item;

  mc_cli_write_count (json, "k", score->k);
  mc_cli_write_number (json, "inertia", score->inertia);
  mc_cli_write_number (json, "silhouette", score->silhouette);
  mc_cli_write_number (json, "calinski_harabasz", score->calinski_harabasz);
  mc_cli_write_number (json, "davies_bouldin", score->davies_bouldin);
}

/* "name": value for each feature, from VALUES. */
static void
write_by_feature (McJsonWriter   *json,
                  const char     *key,
                  McSegmentation *segmentation,
                  const double   *values)
{
  mc_json_writer_key (json, key);
  mc_json_writer_begin_object (json);
  for (guint j = 0; segmentation->names[j] != NULL; j++)
    mc_cli_write_number (json, segmentation->names[j], values[j]);
  mc_json_writer_end_object (json);
}

static void
write_segments (McJsonWriter   *json,
                McSegmentation *segmentation)
{
  guint k = segmentation->result->k;

  mc_json_writer_key (json, "sizes");
  mc_json_writer_begin_array (json);
  for (guint c = 0; c < k; c++)
    mc_json_writer_int (json, segmentation->profiles[c].size);
  mc_json_writer_end_array (json);
  /* Centroids in the features' own units: the segments' means. */
  mc_json_writer_key (json, "centroids");
  mc_json_writer_begin_array (json);
  for (guint c = 0; c < k; c++)
    {
      mc_json_writer_begin_object (json);
      write_by_feature (json, "means", segmentation, segmentation->profiles[c].means);
      mc_json_writer_end_object (json);
    }
  mc_json_writer_end_array (json);
  write_by_feature (json, "overall_means", segmentation, segmentation->overall_mean);
  mc_json_writer_key (json, "profiles");
  mc_json_writer_begin_array (json);
  for (guint c = 0; c < k; c++)
    {
      McSegmentProfile *p = &segmentation->profiles[c];

      mc_json_writer_begin_object (json);
      mc_cli_write_count (json, "segment", c + 1);
      mc_cli_write_string (json, "name", p->name);
      mc_cli_write_string (json, "description", p->description);
      mc_cli_write_count (json, "size", p->size);
      mc_cli_write_number (json, "share", p->share);
      if (segmentation->table->revenue != NULL)
        mc_cli_write_number (json, "revenue_share", p->revenue_share);
      write_by_feature (json, "means", segmentation, p->means);
      write_by_feature (json, "z", segmentation, p->z);
      mc_json_writer_end_object (json);
    }
  mc_json_writer_end_array (json);
}

/* Scoring k segments needs k + 1 rows at least; with fewer the range
 * would be empty, which is no help to someone who gave no range. */
static gboolean
enough_rows (const McFeatureTable  *table,
             gsize                  n_rows,
             guint                  k_min,
             GError               **error)
{
  if (n_rows > k_min)
    return TRUE;
  if (table->rows_table != NULL)
    g_set_error (error, MC_KMEANS_ERROR, MC_KMEANS_ERROR_INVALID,
                 /* Translators: %s names a table, %zu counts rows, %u is the least rows needed. */
                 _("too few rows to segment: %s has %zu; at least %u are needed"),
                 table->rows_table, n_rows, k_min + 1);
  else
    g_set_error (error, MC_KMEANS_ERROR, MC_KMEANS_ERROR_INVALID,
                 /* Translators: %zu counts customers, %u is the least needed. */
                 _("too few customers to segment: the data has %zu; at least %u are needed"),
                 n_rows, k_min + 1);
  return FALSE;
}

/* Chooses k over a range when asked (or when no k is given), then
 * segments with it and writes the CSV and the JSON summary. */
static int
segment_and_write (McDataset            *dataset,
                   const SegmentOptions *o,
                   McScale               scale,
                   guint                 k_min,
                   guint                 k_max)
{
  gboolean written;
  g_autoptr(McFeatureTable) table = NULL;
  g_autoptr(McSegmentation) segmentation = NULL;
  g_autoptr(McJsonWriter) json = NULL;
  g_autoptr(GArray) scores = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  g_autofree char *reason = NULL;
  McKmeansOptions options;
  int status = 0;

  table = mc_features_compute (dataset, &error);
  if (table == NULL || (names = chosen_features (table, o, &status)) == NULL)
    goto failed;
  mc_kmeans_options_init (&options, o->k > 0 ? (guint) o->k : k_min);
  options.n_init = o->n_init > 0 ? (guint) o->n_init : MC_SEGMENTS_N_INIT;
  options.seed = (guint64) o->seed;
  if (o->k <= 0)
    {
      McMatrix original, scaled;

      if (!mc_segments_prepare (table, (const char * const *) names, scale, !o->no_log1p, &original, &scaled, &error))
        goto failed;
      if (!enough_rows (table, scaled.n, k_min, &error))
        {
          g_free (original.values);
          g_free (scaled.values);
          goto failed;
        }
      scores = mc_segments_score_k (&scaled, k_min, MIN (k_max, scaled.n - 1), &options, NULL, NULL, NULL, &error);
      g_free (original.values);
      g_free (scaled.values);
      if (scores == NULL)
        goto failed;
      options.k = mc_segments_suggest_k (scores, &reason);
    }
  /* The chosen k was clustered while scoring the range: not again. */
  if (mc_segments_find_score (scores, options.k) != NULL)
    segmentation = mc_segments_from_score (table, (const char * const *) names, scale, !o->no_log1p,
                                           mc_segments_find_score (scores, options.k), &error);
  else
    segmentation = mc_segments_run (table, (const char * const *) names, scale, !o->no_log1p, &options,
                                    NULL, NULL, NULL, &error);
  if (segmentation == NULL)
    goto failed;
  if (mc_xlsx_path_is_workbook (o->out))
    {
      g_autoptr(McTable) rows = mc_segmentation_to_table (segmentation, "id", "segments");

      written = mc_cli_write_workbook (rows, dataset, o->out, &error);
    }
  else
    written = mc_segmentation_write_csv (segmentation, "id", o->out, &error);
  if (!written)
    goto failed;

  json = mc_cli_json_begin ();
  mc_cli_write_count (json, "rows", table->ids->len);
  mc_cli_write_string (json, "scale", o->scale != NULL ? o->scale : "zscore");
  write_features (json, table, names, !o->no_log1p);
  mc_cli_write_count (json, "k", segmentation->result->k);
  if (scores != NULL)
    {
      mc_cli_write_string (json, "k_reason", reason);
      mc_cli_write_objects (json, "k_scores", scores, write_k_score);
    }
  mc_cli_write_number (json, "inertia", segmentation->result->inertia);
  mc_cli_write_number (json, "silhouette", segmentation->silhouette);
  mc_cli_write_count (json, "iterations", segmentation->result->n_iter);
  write_segments (json, segmentation);
  mc_cli_write_string (json, "out", o->out);
  mc_cli_json_finish (json, dataset);
  return 0;

failed:
  if (error != NULL)
    mc_cli_error ("segment", "%s", error->message);
  return status != 0 ? status : EXIT_BAD_DATA;
}

static int
run_segment (int    argc,
             char **argv)
{
  g_auto(SegmentOptions) o = { .n_init = 0 };
  GOptionEntry entries[] = {
    { "preset", 0, 0, G_OPTION_ARG_STRING, &o.preset, NULL, NULL },
    { "features", 0, 0, G_OPTION_ARG_STRING, &o.features, NULL, NULL },
    { "k", 0, 0, G_OPTION_ARG_INT, &o.k, NULL, NULL },
    { "k-range", 0, 0, G_OPTION_ARG_STRING, &o.k_range, NULL, NULL },
    { "scale", 0, 0, G_OPTION_ARG_STRING, &o.scale, NULL, NULL },
    { "n-init", 0, 0, G_OPTION_ARG_INT, &o.n_init, NULL, NULL },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &o.seed, NULL, NULL },
    { "no-log1p", 0, 0, G_OPTION_ARG_NONE, &o.no_log1p, NULL, NULL },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &o.out, NULL, NULL },
    { NULL }
  };
  g_autoptr(McDataset) dataset = NULL;
  guint k_min = DEFAULT_K_MIN, k_max = DEFAULT_K_MAX;
  McScale scale = MC_SCALE_ZSCORE;
  int status = 0;

  if (!mc_cli_parse_options (&argc, &argv, entries, &status))
    return status;
  if (o.out == NULL)
    {
      /* Translators: FILE.csv stays as in the usage. */
      mc_cli_error ("segment", _("--out FILE.csv is required"));
      return EXIT_BAD_USAGE;
    }
  if (o.preset != NULL && o.features != NULL)
    {
      mc_cli_error ("segment", _("give --preset or --features, not both"));
      return EXIT_BAD_USAGE;
    }
  if ((o.k != 0 && o.k < 2) || (o.k != 0 && o.k_range != NULL) || o.n_init < 0 || o.n_init > 1000)
    {
      mc_cli_error ("segment", _("--k must be 2 or more, --n-init 1 to 1000, and --k and --k-range cannot be "
                                 "used together"));
      return EXIT_BAD_USAGE;
    }
  if (o.k_range != NULL && !parse_k_range (o.k_range, &k_min, &k_max))
    {
      /* Translators: %s is what was given; LOW-HIGH may be translated. */
      mc_cli_error ("segment", _("--k-range %s: write it as LOW-HIGH, e.g. 2-10, from 2 to 100"), o.k_range);
      return EXIT_BAD_USAGE;
    }
  if (o.scale != NULL && !mc_scale_from_string (o.scale, &scale))
    {
      /* Translators: %s is what was given; zscore, minmax, robust and none
       * are the values --scale takes: keep them. */
      mc_cli_error ("segment", _("--scale %s: use zscore, minmax, robust or none"), o.scale);
      return EXIT_BAD_USAGE;
    }
  dataset = mc_cli_load_dataset (argv + 1, &status);
  if (dataset == NULL || !mc_cli_check_output ("segment", dataset, o.out, &status))
    return status;
  return segment_and_write (dataset, &o, scale, k_min, k_max);
}

const McCliCommand mc_cli_segment_command = {
  "segment", "segment PATH... --out FILE.csv|xlsx [--preset rfm|behaviour|product|engagement | --features a,b,c]\n"
  "          [--k K | --k-range 2-10] [--scale zscore|minmax|robust|none] [--no-log1p]\n"
  "          [--n-init N] [--seed S]",
  /* Translators: a summary in mercato-cli --help, as that of describe. */
  N_("Group customers into segments by k-means on features built from the\n"
     "  data (RFM, platform and product-type shares, visits...). Without --k,\n"
     "  tries k = 2-8 (or --k-range) and keeps the k whose segments stand\n"
     "  furthest apart. Skewed money and counts are log1p'd unless --no-log1p.\n"
     "  Writes id,segment,segment_name per row to the CSV and prints k, inertia,\n"
     "  silhouette, sizes, centroids in the features' units and a profile of\n"
     "  each segment as JSON. A plain numeric CSV is segmented on all its\n"
     "  numeric columns."),
  run_segment,
};
