/* mc-segments.c: customer segments from k-means, described for people
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Clustering happens in scaled units, but people read segments in their
 * own: profiles are means of the unscaled features, compared with the
 * overall mean in standard deviations (z) to say what sets a segment
 * apart.
 */
#define G_LOG_DOMAIN "mc-segments"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mc-segments.h"

/* A trait names a segment when its mean is this many standard
 * deviations from the overall mean. */
#define NOTABLE_Z 0.5

/* Larger values are implausible for any feature of a shop's customers,
 * and their squares would overflow. */
#define MC_SEGMENTS_MAX_VALUE 1e150

/* A feature summed from huge amounts can overflow to infinity; the
 * scaled distances would be nan and k-means would have nothing to
 * compare. Name the feature so the user finds the cell. */
static gboolean
check_magnitudes (const McMatrix      *matrix,
                  const char * const  *names,
                  GError             **error)
{
  for (gsize i = 0; i < matrix->n * matrix->d; i++)
    if (!(fabs (matrix->values[i]) <= MC_SEGMENTS_MAX_VALUE))
      {
        g_set_error (error, MC_KMEANS_ERROR, MC_KMEANS_ERROR_INVALID,
                     _("the feature “%s” has a value too large to compare (%g); look for an implausible "
                       "amount or count in the data (mercato-cli check) and correct or exclude it"),
                     names[i % matrix->d], matrix->values[i]);
        return FALSE;
      }
  return TRUE;
}

gboolean
mc_segments_prepare (McFeatureTable      *table,
                     const char * const  *names,
                     McScale              scale,
                     gboolean             log1p,
                     McMatrix            *original,
                     McMatrix            *scaled,
                     GError             **error)
{
  g_autofree gboolean *skewed = NULL;

  if (!mc_features_select (table, names, original, error))
    return FALSE;
  if (!check_magnitudes (original, names, error))
    {
      g_clear_pointer (&original->values, g_free);
      return FALSE;
    }
  skewed = g_new0 (gboolean, original->d);
  for (guint j = 0; j < original->d; j++)
    skewed[j] = log1p && g_array_index (table->features, McFeature, mc_features_find (table, names[j])).skewed;
  *scaled = *original;
  scaled->values = g_memdup2 (original->values, sizeof (double) * MAX (original->n * original->d, 1));
  mc_matrix_scale (scaled, scale, skewed);
  return TRUE;
}

static const McFeature *
feature_of (McSegmentation *self,
            guint           j)
{
  return &g_array_index (self->table->features, McFeature, mc_features_find (self->table, self->names[j]));
}

/* Means per segment and overall, z against the overall spread, and the
 * share of rows and of revenue. */
static void
compute_profiles (McSegmentation *self)
{
  const McMatrix *m = &self->original;
  guint k = self->result->k, d = m->d;
  g_autofree double *sd = g_new0 (double, d);
  g_autofree double *revenue = g_new0 (double, k);
  double total_revenue = 0;

  self->overall_mean = g_new0 (double, d);
  self->profiles = g_new0 (McSegmentProfile, k);
  for (guint c = 0; c < k; c++)
    {
      self->profiles[c].means = g_new0 (double, d);
      self->profiles[c].z = g_new0 (double, d);
      self->profiles[c].size = self->result->sizes[c];
    }
  for (gsize i = 0; i < m->n; i++)
    {
      McSegmentProfile *p = &self->profiles[self->result->labels[i]];

      for (guint j = 0; j < d; j++)
        {
          p->means[j] += m->values[i * d + j];
          self->overall_mean[j] += m->values[i * d + j];
        }
      if (self->table->revenue != NULL)
        {
          revenue[self->result->labels[i]] += self->table->revenue[i];
          total_revenue += self->table->revenue[i];
        }
    }
  for (guint j = 0; j < d; j++)
    self->overall_mean[j] /= MAX (m->n, 1);
  for (gsize i = 0; i < m->n; i++)
    for (guint j = 0; j < d; j++)
      sd[j] += (m->values[i * d + j] - self->overall_mean[j]) * (m->values[i * d + j] - self->overall_mean[j]);
  for (guint c = 0; c < k; c++)
    {
      McSegmentProfile *p = &self->profiles[c];

      p->share = (double) p->size / MAX (m->n, 1);
      p->revenue_share = self->table->revenue != NULL && total_revenue > 0 ? revenue[c] / total_revenue : NAN;
      for (guint j = 0; j < d; j++)
        {
          double spread = sqrt (sd[j] / MAX (m->n, 1));

          p->means[j] /= MAX (p->size, 1);
          p->z[j] = spread > 0 ? (p->means[j] - self->overall_mean[j]) / spread : 0;
        }
    }
}

/* "3.1× average spend", "71 % Website": one trait in words. */
static char *
describe_trait (const McFeature *feature,
                double           mean,
                double           overall)
{
  const char *name = feature->name;
  double times = overall != 0 ? mean / overall : NAN;

  if (g_str_equal (name, "monetary"))
    return g_strdup_printf (_("%.1f× average spend"), times);
  if (g_str_equal (name, "mean_order_value"))
    return g_strdup_printf (_("%.1f× average order value"), times);
  if (g_str_equal (name, "frequency"))
    return g_strdup_printf (_("%.1f orders (average %.1f)"), mean, overall);
  if (g_str_equal (name, "recency"))
    return g_strdup_printf (_("last bought %.0f days ago (average %.0f)"), mean, overall);
  if (g_str_equal (name, "discount_rate"))
    return g_strdup_printf (_("%.0f %% discount (average %.0f %%)"), mean * 100, overall * 100);
  if (g_str_has_prefix (name, "share_") && feature->label != NULL)
    /* Translators: a segment's share of purchases of one value: "71 % Website". */
    return g_strdup_printf (_("%.0f %% %s"), mean * 100, feature->label);
  if (g_str_has_prefix (name, "visits_") && feature->label != NULL)
    return g_strdup_printf (_("%.1f %s visits (average %.1f)"), mean, feature->label, overall);
  return g_strdup_printf (_("%s %.3g (average %.3g)"), feature->description, mean, overall);
}

static int
compare_abs_z (gconstpointer a,
               gconstpointer b,
               gpointer      z)
{
  double za = fabs (((double *) z)[*(const guint *) a]), zb = fabs (((double *) z)[*(const guint *) b]);

  return za < zb ? 1 : za > zb ? -1 : (int) *(const guint *) a - (int) *(const guint *) b;
}

/* The most telling share of GROUP: a value most of the segment buys
 * and more than others do. */
static const char *
dominant_label (McSegmentation   *self,
                McSegmentProfile *p,
                const char       *group)
{
  const char *best = NULL;
  double best_mean = 0.5;

  for (guint j = 0; self->names[j] != NULL; j++)
    {
      const McFeature *feature = feature_of (self, j);

      if (g_str_equal (feature->group, group) && feature->label != NULL
          && p->means[j] >= best_mean && p->z[j] >= NOTABLE_Z)
        {
          best = feature->label;
          best_mean = p->means[j];
        }
    }
  return best;
}

/* Words for a segment well above or below the average of a feature;
 * NULL where that says nothing worth a name. In the order they read. */
static const struct
{
  const char *feature;
  const char *high;
  const char *low;
} adjectives[] = {
  /* Translators: words that name a segment of customers, put together
   * in "%s buyers": "high-value recent frequent buyers". */
  { "monetary", N_("high-value"), N_("low-value") },
  { "mean_order_value", N_("big-ticket"), N_("small-basket") },
  { "recency", N_("lapsed"), N_("recent") },
  { "frequency", N_("frequent"), NULL },
  { "tenure", N_("long-standing"), NULL },
  { "discount_rate", N_("discount-seeking"), N_("full-price") },
  { "visits", N_("engaged"), N_("rarely visiting") },
  { "visits_per_purchase", N_("deliberating"), N_("decisive") },
  { "days_to_first_purchase", N_("slow-to-decide"), N_("quick-to-decide") },
  { "mean_visit_minutes", N_("long-visit"), N_("short-visit") },
  { "mean_review", N_("satisfied"), N_("critical") },
};

#define MAX_ADJECTIVES 3

/* The adjectives of the segment's most notable features. */
static void
append_adjectives (McSegmentation   *self,
                   McSegmentProfile *p,
                   GString          *name)
{
  const char *words[G_N_ELEMENTS (adjectives)] = { NULL };
  double strength[G_N_ELEMENTS (adjectives)] = { 0 };
  guint n_words = 0;

  for (guint a = 0; a < G_N_ELEMENTS (adjectives); a++)
    for (guint j = 0; self->names[j] != NULL; j++)
      if (g_str_equal (self->names[j], adjectives[a].feature) && fabs (p->z[j]) >= NOTABLE_Z)
        {
          words[a] = p->z[j] > 0 ? adjectives[a].high : adjectives[a].low;
          strength[a] = words[a] != NULL ? fabs (p->z[j]) : 0;
          n_words += words[a] != NULL;
        }
  /* Keep the strongest few, in reading order. */
  for (; n_words > MAX_ADJECTIVES; n_words--)
    {
      guint weakest = G_N_ELEMENTS (adjectives);

      for (guint a = 0; a < G_N_ELEMENTS (adjectives); a++)
        if (words[a] != NULL && (weakest == G_N_ELEMENTS (adjectives) || strength[a] < strength[weakest]))
          weakest = a;
      words[weakest] = NULL;
    }
  for (guint a = 0; a < G_N_ELEMENTS (adjectives); a++)
    if (words[a] != NULL)
      g_string_append_printf (name, "%s%s", name->len > 0 ? " " : "", _(words[a]));
}

/* NAME with its first letter in upper case, whatever the language. */
static char *
capitalise (GString *name)
{
  gunichar first = g_utf8_get_char (name->str);
  char upper[8];
  int length;

  if (first == 0)
    return g_string_free (name, FALSE);
  length = g_unichar_to_utf8 (g_unichar_totitle (first), upper);
  g_string_erase (name, 0, g_utf8_next_char (name->str) - name->str);
  g_string_prepend_len (name, upper, length);
  return g_string_free (name, FALSE);
}

/* "High-value recent Website buyers": the segment's notable habits and
 * its dominant platform and product type. */
static char *
name_segment (McSegmentation   *self,
              McSegmentProfile *p,
              const guint      *order)
{
  GString *name = g_string_new (NULL);
  const char *labels[] = { dominant_label (self, p, "platform"), dominant_label (self, p, "product") };
  g_autofree char *buyers = NULL;

  if (g_str_equal (feature_of (self, 0)->group, "columns"))
    {
      /* Plain numbers: the two most distinctive columns. */
      for (guint t = 0; t < MIN (self->original.d, 2) && fabs (p->z[order[t]]) >= NOTABLE_Z; t++)
        {
          if (t > 0)
            g_string_append (name, ", ");
          /* Translators: a segment of rows by one of their columns: "high income". */
          g_string_append_printf (name, p->z[order[t]] > 0 ? _("high %s") : _("low %s"), feature_of (self, order[t])->name);
        }
      if (name->len == 0)
        g_string_append (name, _("typical rows"));
      return capitalise (name);
    }
  append_adjectives (self, p, name);
  for (guint l = 0; l < G_N_ELEMENTS (labels); l++)
    if (labels[l] != NULL)
      g_string_append_printf (name, "%s%s", name->len > 0 ? " " : "", labels[l]);
  if (name->len == 0)
    {
      g_string_free (name, TRUE);
      return capitalise (g_string_new (_("typical buyers")));
    }
  /* Translators: %s is what sets the segment apart, words from the list
   * above and a platform or product type: "high-value recent Website". */
  buyers = g_strdup_printf (_("%s buyers"), name->str);
  g_string_free (name, TRUE);
  return capitalise (g_string_new (buyers));
}

/* Name and describe each segment by its most distinctive features; a
 * name two segments share gets a number. */
static void
describe_segments (McSegmentation *self)
{
  guint d = self->original.d;
  g_autofree guint *order = g_new (guint, d);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint c = 0; c < self->result->k; c++)
    {
      McSegmentProfile *p = &self->profiles[c];
      g_autoptr(GString) description = g_string_new (NULL);
      guint copies;

      for (guint j = 0; j < d; j++)
        order[j] = j;
      g_qsort_with_data (order, d, sizeof (guint), compare_abs_z, p->z);
      for (guint t = 0; t < MIN (d, 3); t++)
        {
          g_autofree char *trait = NULL;

          if (t > 0 && fabs (p->z[order[t]]) < NOTABLE_Z)
            break;
          /* "0 % Website" says less than what the segment does buy. */
          if (t > 0 && p->z[order[t]] < 0 && feature_of (self, order[t])->label != NULL)
            continue;
          trait = describe_trait (feature_of (self, order[t]), p->means[order[t]], self->overall_mean[order[t]]);
          g_string_append_printf (description, "%s%s", t > 0 ? ", " : "", trait);
        }
      p->name = name_segment (self, p, order);
      copies = GPOINTER_TO_UINT (g_hash_table_lookup (seen, p->name)) + 1;
      g_hash_table_insert (seen, p->name, GUINT_TO_POINTER (copies));
      if (copies > 1)
        {
          char *numbered = g_strdup_printf ("%s (%u)", p->name, copies);

          g_free (p->name);
          p->name = numbered;
        }
      p->description = g_string_free (g_steal_pointer (&description), FALSE);
    }
}

static int
compare_by_size (gconstpointer a,
                 gconstpointer b,
                 gpointer      sizes)
{
  gsize sa = ((gsize *) sizes)[*(const guint *) a], sb = ((gsize *) sizes)[*(const guint *) b];

  return sa < sb ? 1 : sa > sb ? -1 : (int) *(const guint *) a - (int) *(const guint *) b;
}

/* Segment 1 is the largest: k-means numbers clusters by chance. */
static void
number_by_size (McKmeansResult *result,
                gsize           n)
{
  guint k = result->k, d = result->d;
  g_autofree guint *order = g_new (guint, k);
  g_autofree guint *new_number = g_new (guint, k);
  g_autofree double *centers = g_memdup2 (result->centers, sizeof (double) * k * d);
  g_autofree gsize *sizes = g_memdup2 (result->sizes, sizeof (gsize) * k);

  for (guint c = 0; c < k; c++)
    order[c] = c;
  g_qsort_with_data (order, k, sizeof (guint), compare_by_size, sizes);
  for (guint c = 0; c < k; c++)
    {
      new_number[order[c]] = c;
      result->sizes[c] = sizes[order[c]];
      memcpy (result->centers + c * d, centers + order[c] * d, sizeof (double) * d);
    }
  for (gsize i = 0; i < n; i++)
    result->labels[i] = new_number[result->labels[i]];
}

/* A segmentation of TABLE's NAMES features, scaled, before k-means. */
static McSegmentation *
segmentation_new (McFeatureTable      *table,
                  const char * const  *names,
                  McScale              scale,
                  gboolean             log1p,
                  GError             **error)
{
  McSegmentation *self = g_new0 (McSegmentation, 1);

  self->table = table;
  self->names = g_strdupv ((GStrv) names);
  if (!mc_segments_prepare (table, names, scale, log1p, &self->original, &self->scaled, error))
    g_clear_pointer (&self, mc_segmentation_free);
  return self;
}

/* Takes RESULT, k-means of SELF's scaled rows, and describes its
 * segments; SILHOUETTE is worked out with SEED when NAN. */
static McSegmentation *
segmentation_finish (McSegmentation *self,
                     McKmeansResult *result,
                     double          silhouette,
                     guint64         seed)
{
  self->result = result;
  number_by_size (self->result, self->scaled.n);
  /* The silhouette does not depend on how segments are numbered. */
  self->silhouette = !isnan (silhouette) ? silhouette
                     : mc_kmeans_silhouette (&self->scaled, self->result->labels, self->result->k,
                                             MC_SEGMENTS_SAMPLE, seed);
  compute_profiles (self);
  describe_segments (self);
  return self;
}

McSegmentation *
mc_segments_run (McFeatureTable         *table,
                 const char * const     *names,
                 McScale                 scale,
                 gboolean                log1p,
                 const McKmeansOptions  *options,
                 McProgressFunc          progress,
                 gpointer                user_data,
                 GCancellable           *cancellable,
                 GError                **error)
{
  g_autoptr(McSegmentation) self = segmentation_new (table, names, scale, log1p, error);
  McKmeansResult *result;

  if (self == NULL)
    return NULL;
  result = mc_kmeans_run (&self->scaled, options, progress, user_data, cancellable, error);
  if (result == NULL)
    return NULL;
  return segmentation_finish (g_steal_pointer (&self), result, NAN, options->seed);
}

/**
 * mc_segments_from_score:
 *
 * The segments of SCORE, one k of mc_segments_score_k() run on the same
 * features and scaling: its k-means result (taken from SCORE) and its
 * silhouette serve again instead of being worked out a second time.
 */
McSegmentation *
mc_segments_from_score (McFeatureTable      *table,
                        const char * const  *names,
                        McScale              scale,
                        gboolean             log1p,
                        McKScore            *score,
                        GError             **error)
{
  McSegmentation *self;

  g_return_val_if_fail (score->result != NULL, NULL);

  if ((self = segmentation_new (table, names, scale, log1p, error)) == NULL)
    return NULL;
  return segmentation_finish (self, g_steal_pointer (&score->result), score->silhouette, 0);
}

/* The score of K among SCORES that still has its result, or NULL. */
McKScore *
mc_segments_find_score (GArray *scores,
                        guint   k)
{
  for (guint i = 0; scores != NULL && i < scores->len; i++)
    if (g_array_index (scores, McKScore, i).k == k && g_array_index (scores, McKScore, i).result != NULL)
      return &g_array_index (scores, McKScore, i);
  return NULL;
}

static void
k_score_clear (gpointer data)
{
  g_clear_pointer (&((McKScore *) data)->result, mc_kmeans_result_free);
}

GArray *
mc_segments_score_k (const McMatrix         *scaled,
                     guint                   k_min,
                     guint                   k_max,
                     const McKmeansOptions  *options,
                     McProgressFunc          progress,
                     gpointer                user_data,
                     GCancellable           *cancellable,
                     GError                **error)
{
  g_autoptr(GArray) scores = g_array_new (FALSE, TRUE, sizeof (McKScore));
  guint n_k = k_max >= k_min ? k_max - k_min + 1 : 0;

  g_array_set_clear_func (scores, k_score_clear);
  if (k_min < 2 || k_max < k_min || k_max >= scaled->n)
    {
      g_set_error (error, MC_KMEANS_ERROR, MC_KMEANS_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                /* Translators: the two %u are the ends of a range of numbers of
                                 * segments, %zu counts rows. */
                                "the k range %u–%u must start at 2 or more and stay below the %zu rows",
                                "the k range %u–%u must start at 2 or more and stay below the %zu rows",
                                scaled->n),
                   k_min, k_max, scaled->n);
      return NULL;
    }
  for (guint k = k_min; k <= k_max; k++)
    {
      McKmeansOptions at_k = *options;
      g_autoptr(McKmeansResult) result = NULL;
      McKScore score = { k };
      McProgress part;

      /* Each k is an equal part of the range. */
      mc_progress_init (&part, progress, user_data, (double) (k - k_min) / n_k, (double) (k - k_min + 1) / n_k, NULL);
      at_k.k = k;
      result = mc_kmeans_run (scaled, &at_k, mc_progress_part_cb, &part, cancellable, error);
      if (result == NULL)
        return NULL;
      score.inertia = result->inertia;
      score.silhouette = mc_kmeans_silhouette (scaled, result->labels, k, MC_SEGMENTS_SAMPLE, options->seed);
      score.calinski_harabasz = mc_kmeans_calinski_harabasz (scaled, result);
      score.davies_bouldin = mc_kmeans_davies_bouldin (scaled, result);
      score.result = g_steal_pointer (&result);
      g_array_append_val (scores, score);
    }
  return g_steal_pointer (&scores);
}

/* The k whose segments stand furthest apart (highest silhouette); a
 * larger k must beat a smaller one clearly, as more segments are harder
 * to act on. */
guint
mc_segments_suggest_k (GArray  *scores,
                       char   **reason)
{
  const McKScore *best = NULL;
  const McKScore *first = &g_array_index (scores, McKScore, 0);
  const McKScore *last = &g_array_index (scores, McKScore, scores->len - 1);

  for (guint i = 0; i < scores->len; i++)
    {
      const McKScore *score = &g_array_index (scores, McKScore, i);

      if (best == NULL || score->silhouette > best->silhouette + 0.01)
        best = score;
    }
  if (reason != NULL)
    *reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            /* Translators: the first %u is the number of segments chosen, the
                                             * other two the range of numbers tried; the first %.2f is a
                                             * silhouette score, the second a Davies–Bouldin index. */
                                            "%u segments stand furthest apart: the highest silhouette of k = "
                                            "%u–%u (%.2f; 1 is perfectly separated, 0 overlapping), "
                                            "Davies–Bouldin %.2f (lower is better)",
                                            "%u segments stand furthest apart: the highest silhouette of k = "
                                            "%u–%u (%.2f; 1 is perfectly separated, 0 overlapping), "
                                            "Davies–Bouldin %.2f (lower is better)",
                                            best->k),
                               best->k, first->k, last->k, best->silhouette, best->davies_bouldin);
  return best->k;
}
