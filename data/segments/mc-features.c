/* mc-features.c: one row of numbers per customer, for segmentation
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Features are read by role, so the same presets segment car buyers and
 * electronics shoppers. Customers are those RFM scores (a customer, a
 * time and an amount); every other feature is laid against them by the
 * text of their id.
 */
#define G_LOG_DOMAIN "mc-features"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mc-analysis.h"
#include "mc-features.h"
#include "mc-metrics.h"
#include "mc-model.h"
#include "mc-query.h"
#include "mc-rfm.h"
#include "mc-visit-index.h"

#define MC_FEATURES_ERROR (g_quark_from_static_string ("mc-features-error"))

/* Shares are kept to the most common values, the rest summed as "other",
 * so a shop with fifty categories does not get fifty features. */
#define MAX_SHARES 8

typedef struct
{
  McFeatureTable *table;
  gsize           n;
  GPtrArray      *columns;     /* double *, n each, NAN where missing */
  GHashTable     *row_of;      /* customer id → row + 1 */
  double         *first_purchase;  /* day, per row */
  const char     *group;       /* of the features being added */
  GHashTable     *names;       /* the features' names, for feature_name */
} Builder;

/* A feature name made of NAME in lower case with spaces and punctuation
 * as underscores, unique in the table. */
static char *
feature_name (Builder    *b,
              const char *name)
{
  g_autofree char *base = g_ascii_strdown (name, -1);
  char *unique;

  g_strdelimit (base, " -/.,;:()'\"", '_');
  unique = g_strdup (base);
  /* A set, not mc_features_find: a file of 50,000 columns has as many
   * features, and looking each up in a list took minutes. */
  for (guint copy = 2; g_hash_table_contains (b->names, unique); copy++)
    {
      g_free (unique);
      unique = g_strdup_printf ("%s_%u", base, copy);
    }
  return unique;
}

/* A new feature column, all missing until filled. */
static double *
add_feature (Builder    *b,
             const char *name,
             const char *description,
             gboolean    skewed)
{
  McFeature feature = { feature_name (b, name), g_strdup (description), b->group, NULL, skewed, 0 };
  double *column = g_new (double, MAX (b->n, 1));

  for (gsize i = 0; i < b->n; i++)
    column[i] = NAN;
  g_array_append_val (b->table->features, feature);
  g_hash_table_add (b->names, feature.name);
  g_ptr_array_add (b->columns, column);
  return column;
}

static McFeature *
last_feature (Builder *b)
{
  return &g_array_index (b->table->features, McFeature, b->table->features->len - 1);
}

/* The row of the customer in ROW of COLUMN, or -1. */
static gssize
row_of (Builder  *b,
        McColumn *column,
        gsize     row)
{
  g_autofree char *id = column != NULL ? mc_column_format_key (column, row) : NULL;

  return id != NULL ? (gssize) GPOINTER_TO_SIZE (g_hash_table_lookup (b->row_of, id)) - 1 : -1;
}

/* Customers and their recency, frequency and spending, from RFM. */
static gboolean
add_rfm (Builder    *b,
         McDataset  *dataset,
         GError    **error)
{
  const McAnalysis *analysis = mc_analysis_for_dataset (dataset);
  GArray *rows = analysis->rfm;
  double *recency, *frequency, *monetary, *mean_order;
  gint32 reference;

  /* The dataset's one RFM; asked again only to say why there is none. */
  if (rows == NULL)
    {
      GArray *none = mc_rfm_compute (dataset, G_MININT32, &reference, error);

      g_clear_pointer (&none, g_array_unref);
      return FALSE;
    }
  b->n = rows->len;
  for (guint i = 0; i < rows->len; i++)
    {
      McRfmRow *row = &g_array_index (rows, McRfmRow, i);

      g_ptr_array_add (b->table->ids, g_strdup (row->customer));
      g_hash_table_insert (b->row_of, g_strdup (row->customer), GSIZE_TO_POINTER (i + 1));
    }
  recency = add_feature (b, "recency", _("days since the last purchase"), FALSE);
  frequency = add_feature (b, "frequency", _("orders"), TRUE);
  monetary = add_feature (b, "monetary", _("total spent"), TRUE);
  mean_order = add_feature (b, "mean_order_value", _("mean spent per order"), TRUE);
  b->table->revenue = g_new (double, MAX (b->n, 1));
  for (guint i = 0; i < rows->len; i++)
    {
      McRfmRow *row = &g_array_index (rows, McRfmRow, i);

      recency[i] = row->recency_days;
      frequency[i] = row->frequency;
      monetary[i] = b->table->revenue[i] = row->monetary;
      mean_order[i] = row->frequency > 0 ? row->monetary / row->frequency : NAN;
    }
  return TRUE;
}

/* Which share column each code of CODES counts in: the MAX_SHARES − 1
 * most common values have their own, the rest share "other". Returns
 * the number of columns; LABELS receives their names. */
static guint
share_slots (const McKeyCodes *codes,
             gsize             n,
             guint32          *slot_of,
             GPtrArray        *labels)
{
  guint n_values = codes->labels->len;
  g_autofree gsize *counts = g_new0 (gsize, MAX (n_values, 1));
  g_autofree guint32 *order = g_new (guint32, MAX (n_values, 1));
  guint kept = n_values <= MAX_SHARES ? n_values : MAX_SHARES - 1;

  for (gsize r = 0; r < n; r++)
    if (codes->codes[r] != MC_NO_CODE)
      counts[codes->codes[r]]++;
  for (guint v = 0; v < n_values; v++)
    order[v] = v;
  /* Insertion sort by count, most common first; ties keep natural order. */
  for (guint i = 1; i < n_values; i++)
    for (guint j = i; j > 0 && counts[order[j]] > counts[order[j - 1]]; j--)
      {
        guint32 swap = order[j];
        order[j] = order[j - 1];
        order[j - 1] = swap;
      }
  for (guint i = 0; i < n_values; i++)
    slot_of[order[i]] = MIN (i, kept);
  for (guint i = 0; i < kept; i++)
    g_ptr_array_add (labels, g_ptr_array_index (codes->labels, order[i]));
  if (kept < n_values)
    g_ptr_array_add (labels, (gpointer) "other");
  return labels->len;
}

/* Each customer's share of purchases per value of the column with ROLE
 * (platform, product type): "share_website". */
static void
add_shares (Builder    *b,
            McDataset  *dataset,
            McTable    *purchases,
            McRole      role,
            const char *description_format)  /* "share of purchases on %s" */
{
  McColumn *customer = mc_table_find_role (purchases, MC_ROLE_CUSTOMER_ID);
  McColumn *amount = mc_table_find_role (purchases, MC_ROLE_AMOUNT);
  gsize n = mc_table_get_n_rows (purchases);
  g_autofree double *totals = g_new0 (double, MAX (b->n, 1));
  g_autoptr(GPtrArray) shares = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autofree guint32 *slot_of = NULL;
  McColumnRef ref;
  McJoin join;
  McKeyCodes codes;

  if (!mc_column_ref_for_role (&ref, &join, dataset, purchases, role))
    return;
  mc_key_codes_init (&codes, ref, MC_BUCKET_NONE, n);
  slot_of = g_new (guint32, MAX (codes.labels->len, 1));
  share_slots (&codes, n, slot_of, labels);
  for (guint v = 0; v < labels->len && labels->len > 1; v++)
    {
      const char *label = g_ptr_array_index (labels, v);
      g_autofree char *name = g_strdup_printf ("share_%s", label);
      g_autofree char *description = g_strdup_printf (description_format, label);

      g_ptr_array_add (shares, add_feature (b, name, description, FALSE));
      last_feature (b)->label = g_strdup (label);
    }
  for (gsize r = 0; r < n && shares->len > 0; r++)
    {
      gssize row = mc_column_is_missing (amount, r) ? -1 : row_of (b, customer, r);
      double *column;

      if (row < 0 || codes.codes[r] == MC_NO_CODE)
        continue;
      column = g_ptr_array_index (shares, slot_of[codes.codes[r]]);
      column[row] = isnan (column[row]) ? 1 : column[row] + 1;
      totals[row]++;
    }
  for (guint v = 0; v < shares->len; v++)
    {
      double *column = g_ptr_array_index (shares, v);

      for (gsize i = 0; i < b->n; i++)
        column[i] = totals[i] > 0 ? (isnan (column[i]) ? 0 : column[i] / totals[i]) : NAN;
    }
  mc_key_codes_clear (&codes);
  if (ref.join != NULL)
    mc_join_clear (&join);
}

/* Discount rate and tenure, purchase by purchase; also each customer's
 * first purchase day, for the visits. */
static void
add_purchase_habits (Builder   *b,
                     McDataset *dataset,
                     McTable   *purchases)
{
  McColumn *customer = mc_table_find_role (purchases, MC_ROLE_CUSTOMER_ID);
  McColumn *amount = mc_table_find_role (purchases, MC_ROLE_AMOUNT);
  McColumn *time = mc_table_find_role (purchases, MC_ROLE_EVENT_TIME);
  g_autofree double *listed = g_new0 (double, MAX (b->n, 1));
  g_autofree double *paid = g_new0 (double, MAX (b->n, 1));
  double *first = b->first_purchase, *discount = NULL;
  double *tenure = add_feature (b, "tenure", _("days from the first to the last purchase"), FALSE);
  McJoin list_price;
  gboolean has_list = mc_join_init (&list_price, dataset, purchases, MC_ROLE_LIST_PRICE);

  if (has_list)
    discount = add_feature (b, "discount_rate", _("mean discount off the list price"), FALSE);
  for (gsize i = 0; i < b->n; i++)
    first[i] = INFINITY, tenure[i] = -INFINITY;
  for (gsize r = 0; r < mc_table_get_n_rows (purchases); r++)
    {
      gssize row = row_of (b, customer, r);
      double value, list;

      if (row < 0 || time == NULL || mc_column_is_missing (time, r) || !mc_column_get_double (amount, r, &value))
        continue;
      first[row] = MIN (first[row], mc_column_get_day (time, r));
      tenure[row] = MAX (tenure[row], mc_column_get_day (time, r));
      if (has_list && mc_join_value (&list_price, r, &list))
        listed[row] += list, paid[row] += value;
    }
  for (gsize i = 0; i < b->n; i++)
    {
      tenure[i] = isfinite (first[i]) ? tenure[i] - first[i] : NAN;
      if (discount != NULL)
        discount[i] = listed[i] > 0 ? (listed[i] - paid[i]) / listed[i] : NAN;
    }
  if (has_list)
    mc_join_clear (&list_price);
}

/* The mean review each customer gave, wherever reviews are kept (the
 * purchases, or a table of reviews with a customer id). */
static void
add_reviews (Builder   *b,
             McDataset *dataset)
{
  McTable *table = NULL;
  McColumn *rating = mc_dataset_find_role (dataset, MC_ROLE_RATING, &table);
  McColumn *customer = table != NULL ? mc_table_find_role (table, MC_ROLE_CUSTOMER_ID) : NULL;
  g_autofree double *counts = NULL;
  double *review;

  if (customer == NULL)
    return;
  counts = g_new0 (double, MAX (b->n, 1));
  review = add_feature (b, "mean_review", _("mean review given"), FALSE);
  for (gsize r = 0; r < mc_table_get_n_rows (table); r++)
    {
      gssize row = row_of (b, customer, r);
      double value;

      if (row < 0 || !mc_column_get_double (rating, r, &value))
        continue;
      review[row] = counts[row]++ == 0 ? value : review[row] + value;
    }
  for (gsize i = 0; i < b->n; i++)
    if (counts[i] > 0)
      review[i] /= counts[i];
}

/* Visits of each type ("visits_testing"), when the visits have a type. */
static void
add_visit_types (Builder  *b,
                 McTable  *visits,
                 McColumn *customer)
{
  McColumn *type = mc_table_find_role (visits, MC_ROLE_EVENT_TYPE);
  gsize n = mc_table_get_n_rows (visits);
  g_autoptr(GPtrArray) columns = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autofree guint32 *slot_of = NULL;
  McKeyCodes codes;

  if (type == NULL)
    return;
  mc_key_codes_init (&codes, (McColumnRef) { type, NULL }, MC_BUCKET_NONE, n);
  slot_of = g_new (guint32, MAX (codes.labels->len, 1));
  share_slots (&codes, n, slot_of, labels);
  for (guint v = 0; v < labels->len && labels->len > 1; v++)
    {
      const char *label = g_ptr_array_index (labels, v);
      g_autofree char *name = g_strdup_printf ("visits_%s", label);
      g_autofree char *description = g_strdup_printf (_("visits of type %s"), label);
      double *column = add_feature (b, name, description, TRUE);

      last_feature (b)->label = g_strdup (label);
      for (gsize i = 0; i < b->n; i++)
        column[i] = 0;
      g_ptr_array_add (columns, column);
    }
  for (gsize r = 0; r < n && columns->len > 0; r++)
    {
      gssize row = row_of (b, customer, r);

      if (row >= 0 && codes.codes[r] != MC_NO_CODE)
        ((double *) g_ptr_array_index (columns, slot_of[codes.codes[r]]))[row]++;
    }
  mc_key_codes_clear (&codes);
}

/* Visits, visits per purchase, mean duration and the days from the first
 * visit to the first purchase. Customers with no visit have none: zero
 * visits is a fact, not a missing value. */
static void
add_visits (Builder   *b,
            McDataset *dataset,
            const double *frequency)
{
  McColumn *start;
  McTable *visits = mc_model_find_visits (dataset, &start);
  McColumn *customer = visits != NULL ? mc_table_find_role (visits, MC_ROLE_CUSTOMER_ID) : NULL;
  McColumn *end = visits != NULL ? mc_table_find_role (visits, MC_ROLE_VISIT_END) : NULL;
  g_autofree double *first_visit = NULL, *timed = NULL;
  double *count, *per_purchase, *minutes = NULL, *to_purchase;

  if (customer == NULL)
    return;
  first_visit = g_new (double, MAX (b->n, 1));
  timed = g_new0 (double, MAX (b->n, 1));
  count = add_feature (b, "visits", _("visits"), TRUE);
  per_purchase = add_feature (b, "visits_per_purchase", _("visits per order"), TRUE);
  if (end != NULL)
    minutes = add_feature (b, "mean_visit_minutes", _("mean visit duration in minutes"), TRUE);
  to_purchase = add_feature (b, "days_to_first_purchase", _("days from the first visit to the first purchase"), TRUE);
  for (gsize i = 0; i < b->n; i++)
    count[i] = 0, first_visit[i] = INFINITY;
  for (gsize r = 0; r < mc_table_get_n_rows (visits); r++)
    {
      gssize row = row_of (b, customer, r);
      double duration;

      if (row < 0)
        continue;
      count[row]++;
      if (!mc_column_is_missing (start, r))
        first_visit[row] = MIN (first_visit[row], mc_column_get_day (start, r));
      if (minutes != NULL && mc_visit_minutes (start, end, r, &duration))
        minutes[row] = timed[row]++ == 0 ? duration : minutes[row] + duration;
    }
  for (gsize i = 0; i < b->n; i++)
    {
      per_purchase[i] = frequency[i] > 0 ? count[i] / frequency[i] : NAN;
      if (minutes != NULL && timed[i] > 0)
        minutes[i] /= timed[i];
      /* A first visit after the first purchase says nothing of the road to it. */
      if (isfinite (first_visit[i]) && isfinite (b->first_purchase[i]) && first_visit[i] <= b->first_purchase[i])
        to_purchase[i] = b->first_purchase[i] - first_visit[i];
    }
  add_visit_types (b, visits, customer);
}

/* Long right tail: the mean well above the median, as money and counts. */
static gboolean
is_skewed (const double *values,
           gsize         n)
{
  g_autofree double *present = g_new (double, MAX (n, 1));
  gsize m = 0;
  double sum = 0, largest = -INFINITY;

  for (gsize i = 0; i < n; i++)
    if (!isnan (values[i]))
      {
        sum += present[m++] = values[i];
        largest = MAX (largest, values[i]);
      }
  if (m < 3)
    return FALSE;
  return sum / m > 1.5 * mc_median_in_place (present, m) && largest > 3 * (sum / m);
}

static gboolean
is_key_role (McRole role)
{
  return role == MC_ROLE_ID || role == MC_ROLE_CUSTOMER_ID || role == MC_ROLE_PRODUCT_ID
      || role == MC_ROLE_ORDER_ID || role == MC_ROLE_VISIT_ID || role == MC_ROLE_DEVICE_ID;
}

/* Without purchases: the numeric columns of the largest table, a row
 * each, named by the table's key or by line. */
static gboolean
add_numeric_columns (Builder    *b,
                     McDataset  *dataset,
                     GError    **error)
{
  McTable *table = NULL;
  McColumn *key;

  for (guint t = 0; t < mc_dataset_get_n_tables (dataset); t++)
    {
      McTable *candidate = mc_dataset_get_table (dataset, t);

      if (table == NULL || mc_table_get_n_rows (candidate) > mc_table_get_n_rows (table))
        table = candidate;
    }
  if (table == NULL || mc_table_get_n_rows (table) == 0)
    {
      g_set_error_literal (error, MC_FEATURES_ERROR, 0, _("the dataset has no rows to segment"));
      return FALSE;
    }
  b->n = mc_table_get_n_rows (table);
  b->table->rows_table = g_strdup (mc_table_get_name (table));
  key = mc_table_find_role (table, MC_ROLE_CUSTOMER_ID);
  if (key == NULL)
    key = mc_table_find_role (table, MC_ROLE_ID);
  for (gsize r = 0; r < b->n; r++)
    g_ptr_array_add (b->table->ids, key != NULL ? mc_column_format_key (key, r) : g_strdup_printf ("%" G_GSIZE_FORMAT, r + 1));
  for (guint c = 0; c < mc_table_get_n_columns (table); c++)
    {
      McColumn *column = mc_table_get_column (table, c);
      double *values;
      double low = INFINITY;

      if (column->type != MC_COLUMN_TYPE_INTEGER && column->type != MC_COLUMN_TYPE_NUMBER)
        continue;
      if (column == key || is_key_role (column->role))
        continue;
      values = add_feature (b, column->name, column->name, FALSE);
      for (gsize r = 0; r < b->n; r++)
        if (mc_column_get_double (column, r, &values[r]))
          low = MIN (low, values[r]);
        else
          values[r] = NAN;
      last_feature (b)->skewed = low >= 0 && is_skewed (values, b->n);
    }
  if (b->columns->len == 0)
    {
      /* Translators: %s is the name of a table. */
      g_set_error (error, MC_FEATURES_ERROR, 0, _("%s has no purchases and no numeric column to segment on"),
                   mc_table_get_name (table));
      return FALSE;
    }
  return TRUE;
}

static void
mc_feature_clear (McFeature *feature)
{
  g_clear_pointer (&feature->name, g_free);
  g_clear_pointer (&feature->description, g_free);
  g_clear_pointer (&feature->label, g_free);
}

/* The feature columns as rows, missing values replaced by the feature's
 * median (and counted); features with no value at all are dropped. */
static void
assemble (Builder *b)
{
  McFeatureTable *table = b->table;
  g_autofree double *present = g_new (double, MAX (b->n, 1));
  guint d = 0;

  for (guint f = 0; f < b->columns->len; f++)
    {
      McFeature *feature = &g_array_index (table->features, McFeature, f);
      double *column = g_ptr_array_index (b->columns, f);
      gsize m = 0;

      for (gsize i = 0; i < b->n; i++)
        if (!isnan (column[i]))
          present[m++] = column[i];
      if (m == 0)
        {
          mc_feature_clear (feature);
          g_free (column);
          b->columns->pdata[f] = NULL;
          continue;
        }
      feature->imputed = b->n - m;
      /* The median only when there is a gap to fill with it. */
      if (m < b->n)
        {
          double median = mc_median_in_place (present, m);

          for (gsize i = 0; i < b->n; i++)
            if (isnan (column[i]))
              column[i] = median;
        }
      g_array_index (table->features, McFeature, d) = *feature;
      /* Moved down over dropped ones: each column held once. */
      b->columns->pdata[f] = NULL;
      b->columns->pdata[d++] = column;
    }
  g_array_set_size (table->features, d);
  /* Wide files have tens of thousands of features to look up by name. */
  table->index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint f = 0; f < d; f++)
    g_hash_table_insert (table->index, g_array_index (table->features, McFeature, f).name, GINT_TO_POINTER (f + 1));
  table->values = g_new (double, MAX (b->n * d, 1));
  for (guint f = 0; f < d; f++)
    for (gsize i = 0; i < b->n; i++)
      table->values[i * d + f] = ((double *) g_ptr_array_index (b->columns, f))[i];
}

McFeatureTable *
mc_features_compute (McDataset  *dataset,
                     GError    **error)
{
  g_autoptr(McFeatureTable) table = g_new0 (McFeatureTable, 1);
  McTable *purchases = mc_model_find_purchases (dataset);
  Builder b = { table, 0, g_ptr_array_new_with_free_func (g_free),
                g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL), NULL, "purchases",
                g_hash_table_new (g_str_hash, g_str_equal) };
  gboolean ok;

  table->ids = g_ptr_array_new_with_free_func (g_free);
  table->features = g_array_new (FALSE, FALSE, sizeof (McFeature));
  if (purchases != NULL && mc_table_find_role (purchases, MC_ROLE_CUSTOMER_ID) != NULL)
    ok = add_rfm (&b, dataset, error);
  else
    {
      b.group = "columns";
      ok = add_numeric_columns (&b, dataset, error);
    }
  if (ok && purchases != NULL && table->revenue != NULL)
    {
      const double *frequency = g_ptr_array_index (b.columns, 1);

      b.first_purchase = g_new (double, MAX (b.n, 1));
      add_purchase_habits (&b, dataset, purchases);
      add_reviews (&b, dataset);
      b.group = "platform";
      /* Translators: a feature: the share of a customer's purchases made on
       * a platform (%s: "Website"). */
      add_shares (&b, dataset, purchases, MC_ROLE_CHANNEL, _("share of purchases on %s"));
      b.group = "product";
      /* Translators: a feature: the share of a customer's purchases of a
       * product type (%s: "Electric"). */
      add_shares (&b, dataset, purchases, MC_ROLE_CATEGORY, _("share of purchases of %s"));
      b.group = "visits";
      add_visits (&b, dataset, frequency);
    }
  if (ok)
    assemble (&b);
  g_ptr_array_unref (b.columns);
  g_hash_table_unref (b.row_of);
  g_hash_table_unref (b.names);
  g_free (b.first_purchase);
  return ok ? g_steal_pointer (&table) : NULL;
}

void
mc_features_free (McFeatureTable *table)
{
  if (table == NULL)
    return;
  for (guint f = 0; table->features != NULL && f < table->features->len; f++)
    mc_feature_clear (&g_array_index (table->features, McFeature, f));
  g_clear_pointer (&table->index, g_hash_table_unref);
  g_clear_pointer (&table->features, g_array_unref);
  g_clear_pointer (&table->ids, g_ptr_array_unref);
  g_free (table->values);
  g_free (table->revenue);
  g_free (table->rows_table);
  g_free (table);
}

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
