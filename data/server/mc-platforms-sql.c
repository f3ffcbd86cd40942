/* mc-platforms-sql.c: product type × platform counted on a database's server
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-platforms"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "mc-pg-connection.h"
#include "mc-platforms-sql.h"
#include "mc-server-run.h"

/* Rows missing the platform are in no group, as in the column store;
 * the cells also leave out rows missing the type. */
static const char platforms_sql[] =
  "SELECT GROUPING (product_type), product_type, channel, count(*), coalesce (sum (amount::numeric), 0), "
  "  count(rating), avg (rating) "
  "FROM purchases WHERE channel IS NOT NULL "
  "GROUP BY GROUPING SETS ((product_type, channel), (channel)) "
  "HAVING GROUPING (product_type) = 1 OR product_type IS NOT NULL";

enum { COL_PER_PLATFORM, COL_TYPE, COL_PLATFORM, COL_ROWS, COL_REVENUE, COL_REVIEWS, COL_REVIEW_MEAN };

static int
compare_labels (gconstpointer a,
                gconstpointer b)
{
  return mc_compare_text (*(const char * const *) a, *(const char * const *) b);
}

/* The distinct values of COLUMN among the cells' rows, in the column
 * store's label order, and where each is in it. */
static GPtrArray *
cell_labels (PGresult    *result,
             int          column,
             GHashTable **index)
{
  GPtrArray *labels = g_ptr_array_new_with_free_func (g_free);

  *index = g_hash_table_new (g_str_hash, g_str_equal);
  for (int r = 0; r < PQntuples (result); r++)
    if (mc_server_count_at (result, r, COL_PER_PLATFORM) == 0
        && !g_hash_table_contains (*index, PQgetvalue (result, r, column)))
      {
        g_hash_table_add (*index, PQgetvalue (result, r, column));
        g_ptr_array_add (labels, g_strdup (PQgetvalue (result, r, column)));
      }
  g_ptr_array_sort (labels, compare_labels);
  for (guint i = 0; i < labels->len; i++)
    g_hash_table_insert (*index, g_ptr_array_index (labels, i), GUINT_TO_POINTER (i));
  return labels;
}

static McCrosstab *
read_crosstab (PGresult *result)
{
  g_autoptr(GHashTable) type_index = NULL;
  g_autoptr(GHashTable) platform_index = NULL;
  GPtrArray *types = cell_labels (result, COL_TYPE, &type_index);
  GPtrArray *platforms = cell_labels (result, COL_PLATFORM, &platform_index);
  McCrosstab *crosstab = mc_crosstab_new_empty (types, platforms, TRUE);

  for (int r = 0; r < PQntuples (result); r++)
    if (mc_server_count_at (result, r, COL_PER_PLATFORM) == 0)
      {
        gsize i = GPOINTER_TO_UINT (g_hash_table_lookup (type_index, PQgetvalue (result, r, COL_TYPE)));
        gsize j = GPOINTER_TO_UINT (g_hash_table_lookup (platform_index, PQgetvalue (result, r, COL_PLATFORM)));

        crosstab->counts[i * crosstab->n_columns + j] = mc_server_count_at (result, r, COL_ROWS);
        crosstab->amounts[i * crosstab->n_columns + j] = mc_server_number_at (result, r, COL_REVENUE);
      }
  mc_crosstab_finish (crosstab);
  return crosstab;
}

static int
compare_summaries (gconstpointer a,
                   gconstpointer b)
{
  return mc_compare_text (((const McPlatformSummary *) a)->platform, ((const McPlatformSummary *) b)->platform);
}

static GArray *
read_platforms (PGresult *result,
                gboolean  has_reviews)
{
  GArray *platforms = g_array_new (FALSE, TRUE, sizeof (McPlatformSummary));

  g_array_set_clear_func (platforms, mc_platform_summary_clear);
  for (int r = 0; r < PQntuples (result); r++)
    if (mc_server_count_at (result, r, COL_PER_PLATFORM) == 1)
      {
        McPlatformSummary summary = {
          g_strdup (PQgetvalue (result, r, COL_PLATFORM)),
          mc_server_count_at (result, r, COL_ROWS),
          mc_server_number_at (result, r, COL_REVENUE),
          has_reviews ? mc_server_count_at (result, r, COL_REVIEWS) : 0,
          has_reviews && !PQgetisnull (result, r, COL_REVIEW_MEAN) ? mc_server_number_at (result, r, COL_REVIEW_MEAN)
                                                                   : NAN,
        };

        g_array_append_val (platforms, summary);
      }
  g_array_sort (platforms, compare_summaries);
  return platforms;
}

McPlatformAnalysis *
mc_platforms_sql_compute_query (McPurchasesQuery  *query,
                                GCancellable      *cancellable,
                                GError           **error)
{
  McPurchasesColumn *type, *platform;
  McServerRun run;
  g_autoptr(PGresult) result = NULL;
  McPlatformAnalysis *self;

  g_return_val_if_fail (query != NULL, NULL);

  type = query->fields[MC_PURCHASES_PRODUCT_TYPE];
  platform = query->fields[MC_PURCHASES_CHANNEL];
  if (type == NULL || platform == NULL)
    {
      g_set_error_literal (error, MC_PG_ERROR, MC_PG_ERROR_QUERY,
                           _("the purchases need a platform (channel) and a product type (category)"));
      return NULL;
    }
  if (mc_server_run_open (&run, query, cancellable, error))
    /* Translators: what Mercato was doing when the server answered with an error. */
    result = mc_server_run_aggregate (&run, _("counting sales by product type and platform"), platforms_sql, error);
  mc_server_run_close (&run);
  if (result == NULL)
    return NULL;
  self = g_new0 (McPlatformAnalysis, 1);
  self->type_name = g_strdup (type->column->name);
  self->platform_name = g_strdup (platform->column->name);
  self->crosstab = read_crosstab (result);
  self->platforms = read_platforms (result, query->fields[MC_PURCHASES_RATING] != NULL);
  return mc_platform_analysis_finish (self);
}

McPlatformAnalysis *
mc_platforms_sql_compute (McDataset     *dataset,
                          GCancellable  *cancellable,
                          char         **not_pushed_down)
{
  g_autoptr(McPurchasesQuery) query = NULL;
  g_autoptr(GError) error = NULL;
  McPlatformAnalysis *self;

  g_return_val_if_fail (MC_IS_DATASET (dataset), NULL);

  *not_pushed_down = NULL;
  if ((query = mc_server_purchases_query (dataset)) == NULL
      || query->fields[MC_PURCHASES_PRODUCT_TYPE] == NULL || query->fields[MC_PURCHASES_CHANNEL] == NULL)
    return NULL;
  if ((self = mc_platforms_sql_compute_query (query, cancellable, &error)) == NULL)
    mc_server_say_not_pushed_down (not_pushed_down,
                                   _("Platform × type was computed in memory, not on the database's server"), error);
  return self;
}
