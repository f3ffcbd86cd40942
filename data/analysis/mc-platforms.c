/* mc-platforms.c: what each platform sells, and how that goes with its
 * sales and review scores
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The platform is the purchases' channel role, the product type their
 * category role or the category of the product they refer to (a car's
 * fuel type), so the same analysis runs on every kind of shop.
 */
#define G_LOG_DOMAIN "mc-platforms"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "mc-model.h"
#include "mc-platforms.h"
#include "mc-purchase-selection.h"
#include "mc-push-down.h"
#include "mc-stats.h"

#define MC_PLATFORMS_ERROR (g_quark_from_static_string ("mc-platforms-error"))

void
mc_platform_summary_clear (gpointer data)
{
  g_free (((McPlatformSummary *) data)->platform);
}

static void
correlation_clear (gpointer data)
{
  g_free (((McTypeCorrelation *) data)->type);
}

/* Sales, revenue and reviews per platform. */
static GArray *
summarise_platforms (McTable   *purchases,
                     McColumn  *platform,
                     GError   **error)
{
  McGroupKey key = { { platform, NULL }, MC_BUCKET_NONE };
  McColumn *amount = mc_table_find_role (purchases, MC_ROLE_AMOUNT);
  McColumn *rating = mc_table_find_role (purchases, MC_ROLE_RATING);
  McAggregate aggregates[] = {
    { MC_AGGREGATE_SUM, { amount, NULL } },
    { MC_AGGREGATE_COUNT, { rating, NULL } },
    { MC_AGGREGATE_MEAN, { rating, NULL } },
  };
  g_autoptr(McGroupResult) groups = NULL;
  GArray *platforms;

  groups = mc_group_by (mc_table_get_n_rows (purchases), NULL, &key, 1, aggregates, rating != NULL ? 3 : 1, error);
  if (groups == NULL)
    return NULL;
  platforms = g_array_sized_new (FALSE, TRUE, sizeof (McPlatformSummary), groups->n_groups);
  g_array_set_clear_func (platforms, mc_platform_summary_clear);
  for (gsize g = 0; g < groups->n_groups; g++)
    {
      McPlatformSummary summary = {
        g_strdup (mc_group_result_label (groups, g, 0)),
        groups->rows[g],
        mc_group_result_value (groups, g, 0),
        rating != NULL ? (gsize) mc_group_result_value (groups, g, 1) : 0,
        rating != NULL ? mc_group_result_value (groups, g, 2) : NAN,
      };

      g_array_append_val (platforms, summary);
    }
  return platforms;
}

static const McPlatformSummary *
find_platform (GArray     *platforms,
               const char *name)
{
  for (guint p = 0; p < platforms->len; p++)
    if (g_str_equal (g_array_index (platforms, McPlatformSummary, p).platform, name))
      return &g_array_index (platforms, McPlatformSummary, p);
  return NULL;
}

/* Pearson's r over the platforms of each type's share of the platform's
 * sales against the platform's sales and its mean review. */
static GArray *
correlate_types (const McCrosstab *crosstab,
                 GArray           *platforms)
{
  GArray *correlations = g_array_new (FALSE, TRUE, sizeof (McTypeCorrelation));
  gsize n = crosstab->n_columns;
  g_autofree double *share = g_new (double, MAX (n, 1));
  g_autofree double *sales = g_new (double, MAX (n, 1));
  g_autofree double *reviewed_share = g_new (double, MAX (n, 1));
  g_autofree double *reviews = g_new (double, MAX (n, 1));

  g_array_set_clear_func (correlations, correlation_clear);
  for (gsize t = 0; t < crosstab->n_rows; t++)
    {
      McTypeCorrelation correlation = { g_strdup (g_ptr_array_index (crosstab->row_labels, t)) };
      gsize n_reviewed = 0;

      for (gsize p = 0; p < n; p++)
        {
          const McPlatformSummary *summary = find_platform (platforms, g_ptr_array_index (crosstab->column_labels, p));

          share[p] = mc_crosstab_column_share (crosstab, t, p);
          sales[p] = crosstab->column_totals[p];
          if (summary != NULL && !isnan (summary->review_mean))
            {
              reviewed_share[n_reviewed] = share[p];
              reviews[n_reviewed++] = summary->review_mean;
            }
        }
      correlation.with_sales = mc_stats_pearson (share, sales, n);
      correlation.with_reviews = mc_stats_pearson (reviewed_share, reviews, n_reviewed);
      g_array_append_val (correlations, correlation);
    }
  return correlations;
}

/* "fuel_type" → "Fuel type" */
static char *
humanise (const char *name,
          gboolean    capital)
{
  g_autofree char *spaced = g_strdelimit (g_strdup (name), "_.-", ' ');
  g_autofree char *lower = g_utf8_strdown (spaced, -1);

  if (capital && g_ascii_islower (lower[0]))
    lower[0] = g_ascii_toupper (lower[0]);
  return g_steal_pointer (&lower);
}

static char *
format_p (double p)
{
  return p < 0.001 ? g_strdup ("p < 0.001") : g_strdup_printf ("p = %.3f", p);
}

static char *
state_association (const McPlatformAnalysis *self)
{
  const McCrosstab *crosstab = self->crosstab;
  g_autofree char *type = humanise (self->type_name, TRUE);
  g_autofree char *platform = humanise (self->platform_name, FALSE);
  g_autofree char *p = format_p (crosstab->p_value);

  if (crosstab->p_value < 0.05)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         /* Translators: the first two %s name columns ("Fuel type", "platform"),
                                          * %.2f is a chi-square, %.0f its degrees of freedom, the third %s a
                                          * p-value ("p = 0.012"), the last %s how strong the association is
                                          * (weak, moderate…). */
                                         "%s and %s are related: χ² = %.2f with %.0f degrees of freedom, %s; "
                                         "Cramér's V = %.2f, a %s association.",
                                         "%s and %s are related: χ² = %.2f with %.0f degrees of freedom, %s; "
                                         "Cramér's V = %.2f, a %s association.",
                                         (gulong) crosstab->dof),
                            type, platform, crosstab->chi_square, crosstab->dof, p, crosstab->cramers_v,
                            g_dpgettext2 (GETTEXT_PACKAGE, "association strength",
                                          mc_stats_association_strength (crosstab->cramers_v)));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: the first two %s name columns ("Fuel type", "platform"),
                                        * %.2f is a chi-square, %.0f its degrees of freedom, the third %s a
                                        * p-value ("p = 0.766"). */
                                       "%s and %s are not clearly related (χ² = %.2f with %.0f degrees of "
                                       "freedom, %s; Cramér's V = %.2f).",
                                       "%s and %s are not clearly related (χ² = %.2f with %.0f degrees of "
                                       "freedom, %s; Cramér's V = %.2f).",
                                       (gulong) crosstab->dof),
                          type, platform, crosstab->chi_square, crosstab->dof, p, crosstab->cramers_v);
}

/* The same in words a business reader follows: no test statistics. */
static char *
state_association_plainly (const McPlatformAnalysis *self)
{
  const McCrosstab *crosstab = self->crosstab;
  g_autofree char *type = humanise (self->type_name, TRUE);
  g_autofree char *platform = humanise (self->platform_name, FALSE);

  if (crosstab->p_value < 0.05)
    /* Translators: the first two %s name columns ("Fuel type", "platform"), the last how strong the link is
     * (weak, moderate…). */
    return g_strdup_printf (_("%s depends on the %s: each sells a different mix, too different to be chance "
                              "(a %s link)."),
                            type, platform,
                            g_dpgettext2 (GETTEXT_PACKAGE, "association strength",
                                          mc_stats_association_strength (crosstab->cramers_v)));
  /* Translators: the two %s name columns ("Fuel type", "platform"). */
  return g_strdup_printf (_("%s does not clearly depend on the %s: the differences between them could be chance."),
                          type, platform);
}

/* The type whose share differs most between two platforms. */
static char *
state_mix (const McCrosstab *crosstab)
{
  double widest = -1;
  gsize type = 0, high = 0, low = 0;

  for (gsize t = 0; t < crosstab->n_rows; t++)
    for (gsize a = 0; a < crosstab->n_columns; a++)
      for (gsize b = 0; b < crosstab->n_columns; b++)
        if (mc_crosstab_column_share (crosstab, t, a) - mc_crosstab_column_share (crosstab, t, b) > widest)
          {
            widest = mc_crosstab_column_share (crosstab, t, a) - mc_crosstab_column_share (crosstab, t, b);
            type = t, high = a, low = b;
          }
  /* Translators: the first %s is a product type (Electric), the other two
   * are platforms (Website, Dealership); %.0f %% are percentages. */
  return g_strdup_printf (_("%s is %.0f %% of %s sales vs %.0f %% of %s sales."),
                          (char *) g_ptr_array_index (crosstab->row_labels, type),
                          100 * mc_crosstab_column_share (crosstab, type, high),
                          (char *) g_ptr_array_index (crosstab->column_labels, high),
                          100 * mc_crosstab_column_share (crosstab, type, low),
                          (char *) g_ptr_array_index (crosstab->column_labels, low));
}

/* The best and the worst reviewed platforms; NULL with fewer than two. */
static char *
state_reviews (GArray *platforms)
{
  const McPlatformSummary *best = NULL, *worst = NULL;
  g_autofree char *best_count = NULL;
  g_autofree char *worst_count = NULL;

  for (guint p = 0; p < platforms->len; p++)
    {
      const McPlatformSummary *s = &g_array_index (platforms, McPlatformSummary, p);

      if (s->reviews == 0)
        continue;
      if (best == NULL || s->review_mean > best->review_mean)
        best = s;
      if (worst == NULL || s->review_mean < worst->review_mean)
        worst = s;
    }
  if (best == NULL || best == worst)
    return NULL;
  /* Translators: how many reviews a platform has, in "Website reviews
   * average 4.1 (12 reviews) vs…". */
  best_count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%zu review", "%zu reviews", best->reviews),
                                best->reviews);
  worst_count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%zu review", "%zu reviews", worst->reviews),
                                 worst->reviews);
  /* Translators: the first %s is the best reviewed platform, %.1f its
   * mean score, the second %s its number of reviews ("3 reviews"); then
   * the worst one's mean, name and number of reviews. */
  return g_strdup_printf (_("%s reviews average %.1f (%s) vs %.1f at %s (%s)."),
                          best->platform, best->review_mean, best_count,
                          worst->review_mean, worst->platform, worst_count);
}

/* The type whose share goes most strongly with reviews (WITH_REVIEWS)
 * or with sales; NULL when no correlation could be computed. */
static char *
state_correlation (GArray   *correlations,
                   guint     n_platforms,
                   gboolean  with_reviews,
                   gboolean  plainly)
{
  const McTypeCorrelation *strongest = NULL;
  const char *caveat;
  double r;

  for (guint t = 0; t < correlations->len; t++)
    {
      const McTypeCorrelation *c = &g_array_index (correlations, McTypeCorrelation, t);
      double value = with_reviews ? c->with_reviews : c->with_sales;

      if (!isnan (value) && (strongest == NULL || fabs (value) > fabs (with_reviews ? strongest->with_reviews : strongest->with_sales)))
        strongest = c;
    }
  if (strongest == NULL)
    return NULL;
  r = with_reviews ? strongest->with_reviews : strongest->with_sales;
  /* Translators: follows the correlation in the sentences "Across the 3
   * platforms, a larger share of…". */
  caveat = n_platforms < 5 ? _("; with so few platforms this is a hint, not proof") : "";
  if (plainly)
    {
      /* Translators: %u counts platforms, %s is a product type (Electric), the last %s is empty or a caveat
       * ("; with so few platforms this is a hint, not proof"). */
      const char *format = with_reviews && r > 0 ? N_("Across the %u platforms, a larger share of %s goes with higher review scores%s.")
                           : with_reviews ? N_("Across the %u platforms, a larger share of %s goes with lower review scores%s.")
                           : r > 0 ? N_("Across the %u platforms, a larger share of %s goes with more sales%s.")
                           : N_("Across the %u platforms, a larger share of %s goes with fewer sales%s.");

      return g_strdup_printf (_(format), n_platforms, strongest->type, caveat);
    }
  if (with_reviews && r > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         /* Translators: %u counts platforms, %s is a product type
                                          * (Electric), %.2f is Pearson's r, the last %s is empty
                                          * or a caveat ("; with so few platforms this is a hint,
                                          * not proof"). */
                                         "Across the %u platforms, a larger share of %s goes with higher "
                                         "review scores (r = %.2f)%s.",
                                         "Across the %u platforms, a larger share of %s goes with higher "
                                         "review scores (r = %.2f)%s.",
                                         n_platforms),
                            n_platforms, strongest->type, r, caveat);
  if (with_reviews)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         /* Translators: as "Across the %u platforms… higher review
                                          * scores". */
                                         "Across the %u platforms, a larger share of %s goes with lower "
                                         "review scores (r = %.2f)%s.",
                                         "Across the %u platforms, a larger share of %s goes with lower "
                                         "review scores (r = %.2f)%s.",
                                         n_platforms),
                            n_platforms, strongest->type, r, caveat);
  if (r > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         /* Translators: as "Across the %u platforms… higher review
                                          * scores". */
                                         "Across the %u platforms, a larger share of %s goes with more "
                                         "sales (r = %.2f)%s.",
                                         "Across the %u platforms, a larger share of %s goes with more "
                                         "sales (r = %.2f)%s.",
                                         n_platforms),
                            n_platforms, strongest->type, r, caveat);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: as "Across the %u platforms… higher review
                                        * scores". */
                                       "Across the %u platforms, a larger share of %s goes with fewer "
                                       "sales (r = %.2f)%s.",
                                       "Across the %u platforms, a larger share of %s goes with fewer "
                                       "sales (r = %.2f)%s.",
                                       n_platforms),
                          n_platforms, strongest->type, r, caveat);
}

/* A finding, with the same in plain words (PLAIN may be NULL: the
 * statement is plain already). */
static void
add_statement (McPlatformAnalysis *self,
               char               *statement,
               char               *plain)
{
  if (statement == NULL)
    {
      g_free (plain);
      return;
    }
  g_ptr_array_add (self->plain_statements, plain != NULL ? plain : g_strdup (statement));
  g_ptr_array_add (self->statements, statement);
}

static McPlatformsPushDown push_down;

/**
 * mc_platform_analysis_set_push_down:
 *
 * Installs the executor that counts platform × type on a database's
 * server; called once, before any dataset is analysed.
 */
void
mc_platform_analysis_set_push_down (McPlatformsPushDown func)
{
  push_down = func;
}

McPlatformAnalysis *
mc_platform_analysis_compute_pushed (McDataset     *dataset,
                                     GCancellable  *cancellable,
                                     char         **not_pushed_down)
{
  g_autofree char *reason = NULL;
  McPlatformAnalysis *self;

  g_return_val_if_fail (MC_IS_DATASET (dataset), NULL);

  if (push_down == NULL)
    return NULL;
  self = push_down (dataset, cancellable, &reason);
  mc_push_down_say_why (not_pushed_down, g_steal_pointer (&reason));
  return self;
}

McPlatformAnalysis *
mc_platform_analysis_compute (McDataset  *dataset,
                              GError    **error)
{
  g_autoptr(McTable) purchases = NULL;
  McPlatformAnalysis *self;

  g_return_val_if_fail (MC_IS_DATASET (dataset), NULL);

  if ((self = mc_platform_analysis_compute_pushed (dataset, NULL, NULL)) != NULL)
    return self;
  purchases = mc_purchase_selection_new (dataset, NULL, 0);
  return mc_platform_analysis_compute_for (dataset, purchases, error);
}

/**
 * mc_platform_analysis_finish:
 *
 * The correlations and the findings of SELF's counts, whoever counted
 * them: the column store or a database's server.
 */
McPlatformAnalysis *
mc_platform_analysis_finish (McPlatformAnalysis *self)
{
  g_return_val_if_fail (self != NULL && self->crosstab != NULL && self->platforms != NULL, NULL);

  self->correlations = correlate_types (self->crosstab, self->platforms);
  self->statements = g_ptr_array_new_with_free_func (g_free);
  self->plain_statements = g_ptr_array_new_with_free_func (g_free);
  if (!isnan (self->crosstab->p_value))
    add_statement (self, state_association (self), state_association_plainly (self));
  if (self->crosstab->n_columns > 1)
    add_statement (self, state_mix (self->crosstab), NULL);
  self->reviews_statement = state_reviews (self->platforms);
  add_statement (self, g_strdup (self->reviews_statement), NULL);
  add_statement (self, state_correlation (self->correlations, self->crosstab->n_columns, FALSE, FALSE),
                 state_correlation (self->correlations, self->crosstab->n_columns, FALSE, TRUE));
  add_statement (self, state_correlation (self->correlations, self->crosstab->n_columns, TRUE, FALSE),
                 state_correlation (self->correlations, self->crosstab->n_columns, TRUE, TRUE));
  return self;
}

McPlatformAnalysis *
mc_platform_analysis_compute_for (McDataset  *dataset,
                                  McTable    *purchases,
                                  GError    **error)
{
  g_autoptr(McPlatformAnalysis) self = g_new0 (McPlatformAnalysis, 1);
  McColumn *platform = purchases != NULL ? mc_table_find_role (purchases, MC_ROLE_CHANNEL) : NULL;
  McColumnRef type;
  McJoin join;
  McGroupKey type_key, platform_key = { { platform, NULL }, MC_BUCKET_NONE };
  McColumnRef amount = { purchases != NULL ? mc_table_find_role (purchases, MC_ROLE_AMOUNT) : NULL, NULL };

  if (platform == NULL || !mc_column_ref_for_role (&type, &join, dataset, purchases, MC_ROLE_CATEGORY))
    {
      g_set_error_literal (error, MC_PLATFORMS_ERROR, 0,
                           _("the purchases need a platform (channel) column and a product type (category) column, "
                             "in them or in the products they refer to; set those roles and try again"));
      return NULL;
    }
  type_key = (McGroupKey) { type, MC_BUCKET_NONE };
  self->type_name = g_strdup (type.join != NULL ? join.related->name : type.column->name);
  self->platform_name = g_strdup (platform->name);
  self->crosstab = mc_crosstab_new (mc_table_get_n_rows (purchases), NULL, &type_key, &platform_key, &amount, error);
  if (type.join != NULL)
    mc_join_clear (&join);
  if (self->crosstab == NULL || (self->platforms = summarise_platforms (purchases, platform, error)) == NULL)
    return NULL;
  return mc_platform_analysis_finish (g_steal_pointer (&self));
}

void
mc_platform_analysis_free (McPlatformAnalysis *self)
{
  if (self == NULL)
    return;
  g_free (self->type_name);
  g_free (self->platform_name);
  g_clear_pointer (&self->crosstab, mc_crosstab_free);
  g_clear_pointer (&self->platforms, g_array_unref);
  g_clear_pointer (&self->correlations, g_array_unref);
  g_clear_pointer (&self->statements, g_ptr_array_unref);
  g_clear_pointer (&self->plain_statements, g_ptr_array_unref);
  g_free (self->reviews_statement);
  g_free (self);
}
