/* mc-purchase-selection.c: the purchases a filter keeps, as the analysis reads them
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A filter is a selection of rows of the one purchases table the model
 * derives: the filtered figures are those of these rows, never of a
 * dataset derived again. The unfiltered figures are those of the
 * selection of every row, so both come from the same code.
 */
#define G_LOG_DOMAIN "mc-analysis"

#include "config.h"

#include "mc-model.h"
#include "mc-join.h"
#include "mc-purchase-selection.h"

#include <string.h>

/* What the figures and charts read through a relation of the purchases. */
static const McRole related_roles[] = {
  MC_ROLE_LIST_PRICE, MC_ROLE_CATEGORY, MC_ROLE_CURRENCY, MC_ROLE_PRODUCT_NAME, MC_ROLE_BRAND,
  MC_ROLE_SEGMENT, MC_ROLE_COUNTRY, MC_ROLE_CITY,
};

/* The column of ROLE that the purchases refer to, and the row of it
 * each purchase refers to (-1 for none). */
typedef struct
{
  McColumn *column;     /* NULL when no relation leads to one */
  gssize   *rows;
} Related;

static GMutex related_mutex;

static void
related_free (Related *related)
{
  g_clear_pointer (&related->column, mc_column_unref);
  g_free (related->rows);
  g_free (related);
}

static Related *
related_new (McDataset *dataset,
             McTable   *purchases,
             McRole     role)
{
  Related *related = g_new0 (Related, 1);
  gsize n = mc_table_get_n_rows (purchases);
  McJoin join;

  if (!mc_join_init (&join, dataset, purchases, role))
    return related;
  related->column = mc_column_ref (join.related);
  related->rows = g_new (gssize, MAX (n, 1));
  for (gsize r = 0; r < n; r++)
    related->rows[r] = mc_join_row (&join, r);
  mc_join_clear (&join);
  return related;
}

/* Kept with the purchases table, whose rows it is of. */
static const Related *
get_related (McDataset *dataset,
             McTable   *purchases,
             McRole     role)
{
  g_autofree char *key = g_strdup_printf ("mc-related-%s", mc_role_to_string (role));
  Related *related;

  g_mutex_lock (&related_mutex);
  related = g_object_get_data (G_OBJECT (purchases), key);
  if (related == NULL)
    {
      related = related_new (dataset, purchases, role);
      g_object_set_data_full (G_OBJECT (purchases), key, related, (GDestroyNotify) related_free);
    }
  g_mutex_unlock (&related_mutex);
  return related;
}

static void
add_related (McTable     *selection,
             const Related *related,
             const gsize *rows,
             gsize        n_rows)
{
  g_autofree gssize *at = NULL;
  g_autoptr(McColumn) column = NULL;

  if (rows == NULL)
    {
      column = mc_column_gather (related->column, related->rows, n_rows);
    }
  else
    {
      at = g_new (gssize, MAX (n_rows, 1));
      for (gsize i = 0; i < n_rows; i++)
        at[i] = related->rows[rows[i]];
      column = mc_column_gather (related->column, at, n_rows);
    }
  mc_table_add_column (selection, column);
}

/* The purchases' own ids, coded once per dataset. */
static const McRole coded_roles[] = { MC_ROLE_CUSTOMER_ID, MC_ROLE_ORDER_ID };

static void
codes_free (McKeyCodes *codes)
{
  mc_key_codes_clear (codes);
  g_free (codes);
}

static char *
codes_key (McRole role)
{
  return g_strdup_printf ("mc-codes-%s", mc_role_to_string (role));
}

const McKeyCodes *
mc_purchase_codes (McDataset *dataset,
                   McRole     role)
{
  McTable *purchases = mc_model_find_purchases (dataset);
  McColumn *column = purchases != NULL ? mc_table_find_role (purchases, role) : NULL;
  g_autofree char *key = codes_key (role);
  McKeyCodes *codes;

  if (column == NULL)
    return NULL;
  g_mutex_lock (&related_mutex);
  codes = g_object_get_data (G_OBJECT (purchases), key);
  if (codes == NULL)
    {
      codes = g_new0 (McKeyCodes, 1);
      mc_key_codes_init (codes, (McColumnRef) { column, NULL }, MC_BUCKET_NONE, mc_table_get_n_rows (purchases));
      g_object_set_data_full (G_OBJECT (purchases), key, codes, (GDestroyNotify) codes_free);
    }
  g_mutex_unlock (&related_mutex);
  return codes;
}

static int
compare_labels (gconstpointer a,
                gconstpointer b,
                gpointer      labels)
{
  return strcmp (g_ptr_array_index ((GPtrArray *) labels, *(const guint32 *) a),
                 g_ptr_array_index ((GPtrArray *) labels, *(const guint32 *) b));
}

/* The codes of DATASET's purchases' customers in the order of their ids'
 * text, sorted once per dataset: RFM lists customers in that order, and
 * a filter then sorts no id. */
static GArray *
get_label_order (McDataset        *dataset,
                 const McKeyCodes *codes)
{
  McTable *purchases = mc_model_find_purchases (dataset);
  GArray *order;

  g_mutex_lock (&related_mutex);
  order = g_object_get_data (G_OBJECT (purchases), "mc-order-customer");
  if (order == NULL)
    {
      order = g_array_sized_new (FALSE, FALSE, sizeof (guint32), codes->labels->len);
      for (guint32 c = 0; c < codes->labels->len; c++)
        g_array_append_val (order, c);
      g_array_sort_with_data (order, compare_labels, codes->labels);
      g_object_set_data_full (G_OBJECT (purchases), "mc-order-customer", order, (GDestroyNotify) g_array_unref);
    }
  g_mutex_unlock (&related_mutex);
  return order;
}

/* SELECTION (at ROWS of the purchases, all when NULL) keeps the codes of
 * its ids, for mc_purchase_selection_codes(), and the order of its
 * customers' (mc_purchase_selection_customer_order()). */
static void
add_codes (McTable     *selection,
           McDataset   *dataset,
           const gsize *rows,
           gsize        n_rows)
{
  for (guint i = 0; i < G_N_ELEMENTS (coded_roles); i++)
    {
      const McKeyCodes *whole = mc_purchase_codes (dataset, coded_roles[i]);
      McKeyCodes *codes;

      if (whole == NULL)
        continue;
      codes = g_new0 (McKeyCodes, 1);
      codes->labels = g_ptr_array_ref (whole->labels);
      codes->codes = g_new (guint32, MAX (n_rows, 1));
      for (gsize r = 0; r < n_rows; r++)
        codes->codes[r] = whole->codes[rows != NULL ? rows[r] : r];
      g_object_set_data_full (G_OBJECT (selection), g_intern_static_string (i == 0 ? "mc-codes-customer" : "mc-codes-order"),
                              codes, (GDestroyNotify) codes_free);
      if (coded_roles[i] == MC_ROLE_CUSTOMER_ID)
        g_object_set_data_full (G_OBJECT (selection), "mc-order-customer", g_array_ref (get_label_order (dataset, whole)),
                                (GDestroyNotify) g_array_unref);
    }
}

const GArray *
mc_purchase_selection_customer_order (McTable *selection)
{
  return g_object_get_data (G_OBJECT (selection), "mc-order-customer");
}

gboolean
mc_purchase_selection_codes (McTable    *selection,
                             McRole      role,
                             McKeyCodes *codes)
{
  McKeyCodes *kept = g_object_get_data (G_OBJECT (selection), role == MC_ROLE_CUSTOMER_ID ? "mc-codes-customer"
                                                                : role == MC_ROLE_ORDER_ID ? "mc-codes-order" : "");
  McColumn *column = mc_table_find_role (selection, role);
  gsize n = mc_table_get_n_rows (selection);

  if (column == NULL)
    return FALSE;
  /* A table that is no selection codes its own. */
  if (kept == NULL)
    {
      mc_key_codes_init (codes, (McColumnRef) { column, NULL }, MC_BUCKET_NONE, n);
      return TRUE;
    }
  codes->codes = g_memdup2 (kept->codes, MAX (n, 1) * sizeof (guint32));
  codes->labels = g_ptr_array_ref (kept->labels);
  return TRUE;
}

McTable *
mc_purchase_selection_new (McDataset   *dataset,
                           const gsize *rows,
                           gsize        n_rows)
{
  McTable *purchases, *selection;

  g_return_val_if_fail (MC_IS_DATASET (dataset), NULL);

  if ((purchases = mc_model_find_purchases (dataset)) == NULL)
    return NULL;
  if (rows == NULL)
    {
      n_rows = mc_table_get_n_rows (purchases);
      selection = mc_table_share_columns (purchases);
    }
  else
    {
      selection = mc_table_select_rows (purchases, rows, n_rows);
    }
  for (guint i = 0; i < G_N_ELEMENTS (related_roles); i++)
    if (mc_table_find_role (purchases, related_roles[i]) == NULL)
      {
        const Related *related = get_related (dataset, purchases, related_roles[i]);

        if (related->column != NULL)
          add_related (selection, related, rows, n_rows);
      }
  add_codes (selection, dataset, rows, n_rows);
  return selection;
}
