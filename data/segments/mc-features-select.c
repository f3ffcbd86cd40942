/* mc-features-select.c: the features a preset or a user picks, as a matrix to cluster
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-features"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-features.h"

#define MC_FEATURES_ERROR (g_quark_from_static_string ("mc-features-error"))

int
mc_features_find (McFeatureTable *table,
                  const char     *name)
{
  if (table->index != NULL)
    return GPOINTER_TO_INT (g_hash_table_lookup (table->index, name)) - 1;
  for (guint f = 0; f < table->features->len; f++)
    if (g_strcmp0 (g_array_index (table->features, McFeature, f).name, name) == 0)
      return (int) f;
  return -1;
}

typedef struct
{
  const char *name;
  const char *groups;     /* every feature of these groups */
  const char *features;   /* and these, where present */
} Preset;

static const Preset presets[] = {
  { "rfm", "", "recency frequency monetary" },
  { "behaviour", "platform", "frequency monetary visits_per_purchase mean_visit_minutes" },
  { "product", "product", "mean_order_value discount_rate" },
  { "engagement", "", "visits visits_per_purchase mean_visit_minutes days_to_first_purchase mean_review tenure" },
};

GStrv
mc_features_preset (McFeatureTable *table,
                    const char     *preset)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  const Preset *found = NULL;

  for (guint p = 0; p < G_N_ELEMENTS (presets); p++)
    if (g_strcmp0 (presets[p].name, preset) == 0)
      found = &presets[p];
  if (found == NULL)
    return NULL;
  for (guint f = 0; f < table->features->len; f++)
    {
      McFeature *feature = &g_array_index (table->features, McFeature, f);
      g_auto(GStrv) groups = g_strsplit (found->groups, " ", -1);
      g_auto(GStrv) listed = g_strsplit (found->features, " ", -1);

      if (g_strv_contains ((const char * const *) groups, feature->group)
          || g_strv_contains ((const char * const *) listed, feature->name)
          || (g_str_equal (found->name, "engagement") && g_str_has_prefix (feature->name, "visits_")
              && g_str_equal (feature->group, "visits")))
        g_strv_builder_add (names, feature->name);
    }
  /* A plain table of numbers has no presets but all its columns. */
  if (g_str_equal (found->name, "rfm") && mc_features_find (table, "recency") < 0)
    for (guint f = 0; f < table->features->len; f++)
      g_strv_builder_add (names, g_array_index (table->features, McFeature, f).name);
  return g_strv_builder_end (names);
}

gboolean
mc_features_select (McFeatureTable      *table,
                    const char * const  *names,
                    McMatrix            *matrix,
                    GError             **error)
{
  guint d = table->features->len, k = names != NULL ? g_strv_length ((GStrv) names) : 0;
  g_autofree int *columns = g_new (int, MAX (k, 1));

  for (guint j = 0; j < k; j++)
    if ((columns[j] = mc_features_find (table, names[j])) < 0)
      {
        g_autoptr(GString) known = g_string_new (NULL);

        for (guint f = 0; f < table->features->len; f++)
          g_string_append_printf (known, "%s%s", f > 0 ? ", " : "", g_array_index (table->features, McFeature, f).name);
        /* Translators: the first %s is the name asked for, such as recency;
         * the second lists the features the data has, to pick from. */
        g_set_error (error, MC_FEATURES_ERROR, 0, _("no feature named “%s”; this data has %s"), names[j], known->str);
        return FALSE;
      }
  if (k == 0)
    {
      g_set_error_literal (error, MC_FEATURES_ERROR, 0, _("no features to segment on"));
      return FALSE;
    }
  matrix->n = table->ids->len;
  matrix->d = k;
  matrix->values = g_new (double, MAX (matrix->n * k, 1));
  for (gsize i = 0; i < matrix->n; i++)
    for (guint j = 0; j < k; j++)
      matrix->values[i * k + j] = table->values[i * d + columns[j]];
  return TRUE;
}
