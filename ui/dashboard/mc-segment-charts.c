/* mc-segment-charts.c: the Segments page's charts: how well each number
 * of segments separates customers, the segments' shares, the customer
 * map
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Here rather than in the page so that the CLI and tests build the same
 * charts without a display.
 */
#define G_LOG_DOMAIN "mc-segment-charts"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "mc-segment-charts.h"

static McChart *
k_chart_new (GArray     *scores,
             const char *title,
             const char *subtitle,
             gsize       offset)
{
  McChart *chart = mc_chart_new (MC_CHART_LINE);
  g_autofree double *x = g_new (double, MAX (scores->len, 1));
  g_autofree double *y = g_new (double, MAX (scores->len, 1));

  for (guint i = 0; i < scores->len; i++)
    {
      McKScore *score = &g_array_index (scores, McKScore, i);

      x[i] = score->k;
      y[i] = G_STRUCT_MEMBER (double, score, offset);
    }
  mc_chart_set_title (chart, title, subtitle);
  mc_chart_set_axis_titles (chart, _("Segments"), NULL);
  mc_chart_add_series (chart, title, x, y, scores->len);
  return chart;
}

McChart *
mc_segment_chart_elbow (GArray *scores)
{
  return k_chart_new (scores, _("How Alike Customers Are Within Segments"),
                      _("Lower is more alike; more segments always help a little: look for the bend "
                        "(inertia)"),
                      G_STRUCT_OFFSET (McKScore, inertia));
}

McChart *
mc_segment_chart_silhouette (GArray *scores)
{
  return k_chart_new (scores, _("How Far Apart Segments Stand"), _("Higher is more clearly apart (silhouette)"),
                      G_STRUCT_OFFSET (McKScore, silhouette));
}

static GStrv
segment_names (McSegmentation *segmentation)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  for (guint c = 0; c < segmentation->result->k; c++)
    g_strv_builder_add (names, segmentation->profiles[c].name);
  return g_strv_builder_end (names);
}

/* A feature in words, as the features name it ("Share of purchases on
 * Mobile App", "Days since the last purchase"), never its id
 * ("share_mobile_app"). */
static char *
feature_words (McSegmentation *segmentation,
               guint           j)
{
  int index = mc_features_find (segmentation->table, segmentation->names[j]);
  const char *description = index >= 0 ? g_array_index (segmentation->table->features, McFeature, index).description : NULL;
  char *words = g_strdelimit (g_strdup (description != NULL ? description : segmentation->names[j]), "_", ' ');
  gunichar first = g_utf8_get_char (words);
  char upper[8];
  char *capital;

  upper[g_unichar_to_utf8 (g_unichar_totitle (first), upper)] = '\0';
  capital = g_strconcat (upper, g_utf8_next_char (words), NULL);
  g_free (words);
  return capital;
}

/* "Website buyers", then "Days since the last purchase: 40", "monetary: 32,110"… each after
 * SEPARATOR: a customer's segment and values. */
char *
mc_segment_describe_customer (McSegmentation *segmentation,
                              gsize           row,
                              const char     *separator)
{
  GString *text = g_string_new (segmentation->profiles[segmentation->result->labels[row]].name);

  for (guint j = 0; j < segmentation->original.d && j < 6; j++)
    {
      double number = segmentation->original.values[row * segmentation->original.d + j];
      g_autofree char *words = feature_words (segmentation, j);
      g_autofree char *value = g_str_has_prefix (segmentation->names[j], "share_")
                                 ? g_strdup_printf ("%.0f %%", 100 * number) : mc_format_rounded (number);

      g_string_append_printf (text, "%s%s: %s", j == 0 ? " · " : separator, words, value);
    }
  return g_string_free (text, FALSE);
}

/* What the map's tooltips need: the segmentation, kept alive by its
 * owner. */
typedef struct
{
  McSegmentation *segmentation;
  gpointer        owner;
  GDestroyNotify  release;
} MapLabels;

static void
map_labels_free (gpointer data)
{
  MapLabels *labels = data;

  if (labels->release != NULL)
    labels->release (labels->owner);
  g_free (labels);
}

/* The map's tooltip: who the customer is, their segment and values. */
static char *
label_customer (McChart  *chart,
                int       series,
                int       index,
                gpointer  user_data)
{
  MapLabels *labels = user_data;
  g_autofree char *values = mc_segment_describe_customer (labels->segmentation, index, "\n");

  return g_strdup_printf ("%s\n%s", (char *) g_ptr_array_index (labels->segmentation->table->ids, index), values);
}

McChart *
mc_segment_chart_sizes (McSegmentation *segmentation)
{
  guint k = segmentation->result->k;
  McChart *chart = mc_chart_new (MC_CHART_BAR);
  g_auto(GStrv) names = segment_names (segmentation);
  g_autofree double *customers = g_new (double, k);
  g_autofree double *revenue = g_new (double, k);

  for (guint c = 0; c < k; c++)
    {
      customers[c] = segmentation->profiles[c].share;
      revenue[c] = segmentation->profiles[c].revenue_share;
    }
  mc_chart_set_title (chart, _("Segments"), _("Share of customers (solid) and of revenue (light)"));
  mc_chart_set_categories (chart, (const char * const *) names, k);
  mc_chart_add_series (chart, _("Customers"), NULL, customers, k);
  if (segmentation->table->revenue != NULL)
    mc_chart_add_series (chart, _("Revenue"), NULL, revenue, k);
  mc_chart_set_formats (chart, MC_VALUE_NUMBER, MC_VALUE_PERCENT);
  mc_chart_set_horizontal (chart, TRUE);
  /* Each segment in its colour, as on the map and the Overview. */
  {
    g_autofree guint *places = g_new (guint, k);

    for (guint c = 0; c < k; c++)
      places[c] = c;
    mc_chart_set_segments (chart, places, k);
  }
  return chart;
}

McChart *
mc_segment_chart_map (McSegmentation *segmentation,
                      const double   *map,
                      gpointer        owner,
                      GDestroyNotify  release)
{
  gsize n = segmentation->scaled.n;
  McChart *chart = mc_chart_new (MC_CHART_SCATTER);
  g_autofree double *x = g_new (double, MAX (n, 1));
  g_autofree double *y = g_new (double, MAX (n, 1));
  g_auto(GStrv) names = segment_names (segmentation);
  MapLabels *labels;

  for (gsize i = 0; i < n; i++)
    {
      x[i] = map[2 * i];
      y[i] = map[2 * i + 1];
    }
  mc_chart_set_title (chart, _("Customer Map"), _("Customers placed by the two main directions their features vary in"));
  /* The principal components, in words: what they are stays in the
   * subtitle's sense, not their name. */
  mc_chart_set_axis_titles (chart, _("Main way customers differ"), _("Second way customers differ"));
  mc_chart_add_series (chart, _("Customers"), x, y, n);
  mc_chart_set_groups (chart, 0, segmentation->result->labels, (const char * const *) names, segmentation->result->k);
  labels = g_new0 (MapLabels, 1);
  labels->segmentation = segmentation;
  labels->owner = owner;
  labels->release = release;
  mc_chart_set_point_labeller (chart, label_customer, labels, map_labels_free);
  return chart;
}
