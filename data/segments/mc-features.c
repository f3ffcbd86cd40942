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
#include "mc-pg-connection.h"
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

/* The features of one name, wherever they are computed (here or on a
 * database's server, mc_features_set_push_down()). */
static const struct
{
  const char *name;
  const char *group;
  const char *description;
  gboolean    skewed;
} named_features[] = {
  { "recency", "purchases", N_("days since the last purchase"), FALSE },
  { "frequency", "purchases", N_("orders"), TRUE },
  { "monetary", "purchases", N_("total spent"), TRUE },
  { "mean_order_value", "purchases", N_("mean spent per order"), TRUE },
  { "tenure", "purchases", N_("days from the first to the last purchase"), FALSE },
  { "discount_rate", "purchases", N_("mean discount off the list price"), FALSE },
  { "mean_review", "purchases", N_("mean review given"), FALSE },
  { "visits", "visits", N_("visits"), TRUE },
  { "visits_per_purchase", "visits", N_("visits per order"), TRUE },
  { "mean_visit_minutes", "visits", N_("mean visit duration in minutes"), TRUE },
  { "days_to_first_purchase", "visits", N_("days from the first visit to the first purchase"), TRUE },
};

static double *
add_named (Builder    *b,
           const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (named_features); i++)
    if (g_str_equal (named_features[i].name, name))
      return add_feature (b, name, _(named_features[i].description), named_features[i].skewed);
  g_return_val_if_reached (NULL);
}

/* The features of a value's share or count, one per common value. */
typedef struct
{
  const char *server_prefix;  /* as mc-features-sql.h names them: "platform:Website" */
  const char *group;
  const char *name_format;
  const char *description_format;
  gboolean    skewed;
} SlotKind;

enum { SLOT_PLATFORM, SLOT_PRODUCT, SLOT_VISIT_TYPE };

static const SlotKind slot_kinds[] = {
  /* Translators: a feature: the share of a customer's purchases made on
   * a platform (%s: "Website"). */
  { "platform", "platform", "share_%s", N_("share of purchases on %s"), FALSE },
  /* Translators: a feature: the share of a customer's purchases of a
   * product type (%s: "Electric"). */
  { "product", "product", "share_%s", N_("share of purchases of %s"), FALSE },
  /* Translators: a feature: how many visits of a type (%s: "testing") a customer made. */
  { "visit_type", "visits", "visits_%s", N_("visits of type %s"), TRUE },
};

static double *
add_slot (Builder        *b,
          const SlotKind *kind,
          const char     *label)
{
  g_autofree char *name = g_strdup_printf (kind->name_format, label);
  g_autofree char *description = g_strdup_printf (_(kind->description_format), label);
  const char *group = b->group;
  double *column;

  b->group = kind->group;
  column = add_feature (b, name, description, kind->skewed);
  b->group = group;
  last_feature (b)->label = g_strdup (label);
  return column;
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
  recency = add_named (b, "recency");
  frequency = add_named (b, "frequency");
  monetary = add_named (b, "monetary");
  mean_order = add_named (b, "mean_order_value");
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
            const SlotKind *kind)
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
      g_ptr_array_add (shares, add_slot (b, kind, label));
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
  double *tenure = add_named (b, "tenure");
  McJoin list_price;
  gboolean has_list = mc_join_init (&list_price, dataset, purchases, MC_ROLE_LIST_PRICE);

  if (has_list)
    discount = add_named (b, "discount_rate");
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
  review = add_named (b, "mean_review");
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
      double *column = add_slot (b, &slot_kinds[SLOT_VISIT_TYPE], g_ptr_array_index (labels, v));

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
  count = add_named (b, "visits");
  per_purchase = add_named (b, "visits_per_purchase");
  if (end != NULL)
    minutes = add_named (b, "mean_visit_minutes");
  to_purchase = add_named (b, "days_to_first_purchase");
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

static McFeaturesPushDown push_down;

void
mc_features_set_push_down (McFeaturesPushDown func)
{
  push_down = func;
}

static double *
add_from_server (Builder    *b,
                 const char *name)
{
  const char *colon = strchr (name, ':');

  for (guint k = 0; colon != NULL && k < G_N_ELEMENTS (slot_kinds); k++)
    if (strncmp (name, slot_kinds[k].server_prefix, colon - name) == 0 && slot_kinds[k].server_prefix[colon - name] == '\0')
      return add_slot (b, &slot_kinds[k], colon + 1);
  for (guint i = 0; i < G_N_ELEMENTS (named_features); i++)
    if (g_str_equal (named_features[i].name, name))
      b->group = named_features[i].group;
  return add_named (b, name);
}

/* The customers' figures the server computed (mc-features-sql.h), as
 * the features the loops here would have made of the same rows. */
static void
fill_from_server (Builder *b,
                  McTable *figures)
{
  McColumn *ids = mc_table_get_column (figures, 0);

  b->n = mc_table_get_n_rows (figures);
  for (gsize i = 0; i < b->n; i++)
    g_ptr_array_add (b->table->ids, mc_column_format_key (ids, i));
  for (guint c = 1; c < mc_table_get_n_columns (figures); c++)
    {
      McColumn *column = mc_table_get_column (figures, c);
      double *values = add_from_server (b, column->name);

      for (gsize i = 0; i < b->n; i++)
        if (!mc_column_get_double (column, i, &values[i]))
          values[i] = NAN;
      if (g_str_equal (column->name, "monetary"))
        b->table->revenue = g_memdup2 (values, MAX (b->n, 1) * sizeof (double));
    }
}

/* The figures from the server when DATASET is a database's: TRUE when
 * they are in B, FALSE with ERROR when the server cannot give them (too
 * many customers) or the user cancelled, FALSE without to compute them
 * here, *NOT_ON_SERVER then saying why when the server failed. */
static gboolean
try_server (Builder       *b,
            McDataset     *dataset,
            GCancellable  *cancellable,
            char         **not_on_server,
            GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(McTable) figures = push_down != NULL ? push_down (dataset, cancellable, &local_error) : NULL;

  if (figures != NULL)
    {
      fill_from_server (b, figures);
      return TRUE;
    }
  /* Too many customers is the data's size, not the server's failure;
   * after a cancel nothing more is computed. */
  if (g_error_matches (local_error, MC_PG_ERROR, MC_PG_ERROR_TOO_LARGE)
      || g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (local_error != NULL && not_on_server != NULL)
    /* Translators: %s is the server's error, after what Mercato was asking it. */
    *not_on_server = g_strdup_printf (_("Could not compute the customers' features on the database server: %s. "
                                        "They were computed in memory, from the rows Mercato read, instead."),
                                      local_error->message);
  else if (local_error != NULL)
    g_debug ("Segmentation features computed in memory: %s", local_error->message);
  return FALSE;
}

McFeatureTable *
mc_features_compute (McDataset  *dataset,
                     GError    **error)
{
  return mc_features_compute_full (dataset, NULL, NULL, error);
}

McFeatureTable *
mc_features_compute_full (McDataset     *dataset,
                          GCancellable  *cancellable,
                          char         **not_on_server,
                          GError       **error)
{
  g_autoptr(McFeatureTable) table = g_new0 (McFeatureTable, 1);
  McTable *purchases = mc_model_find_purchases (dataset);
  Builder b = { table, 0, g_ptr_array_new_with_free_func (g_free),
                g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL), NULL, "purchases",
                g_hash_table_new (g_str_hash, g_str_equal) };
  gboolean ok, from_server = FALSE;

  if (not_on_server != NULL)
    *not_on_server = NULL;
  table->ids = g_ptr_array_new_with_free_func (g_free);
  table->features = g_array_new (FALSE, FALSE, sizeof (McFeature));
  if (purchases != NULL && mc_table_find_role (purchases, MC_ROLE_CUSTOMER_ID) != NULL)
    {
      g_autoptr(GError) server_error = NULL;

      from_server = try_server (&b, dataset, cancellable, not_on_server, &server_error);
      ok = server_error == NULL && (from_server || add_rfm (&b, dataset, error));
      if (server_error != NULL)
        g_propagate_error (error, g_steal_pointer (&server_error));
    }
  else
    {
      b.group = "columns";
      ok = add_numeric_columns (&b, dataset, error);
    }
  if (ok && !from_server && purchases != NULL && table->revenue != NULL)
    {
      const double *frequency = g_ptr_array_index (b.columns, 1);

      b.first_purchase = g_new (double, MAX (b.n, 1));
      add_purchase_habits (&b, dataset, purchases);
      add_reviews (&b, dataset);
      add_shares (&b, dataset, purchases, MC_ROLE_CHANNEL, &slot_kinds[SLOT_PLATFORM]);
      add_shares (&b, dataset, purchases, MC_ROLE_CATEGORY, &slot_kinds[SLOT_PRODUCT]);
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
