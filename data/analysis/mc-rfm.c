/* mc-rfm.c: recency, frequency and monetary value per customer
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Purchases are read by role (customer, time, amount, order), so the same
 * code scores car buyers, CD buyers and electronics shoppers. Scores are
 * quintiles of the values themselves: equal values always get the same
 * score, which is how ties are settled. See docs/metrics.md.
 */
#define G_LOG_DOMAIN "mc-rfm"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mc-purchase-selection.h"
#include "mc-push-down.h"
#include "mc-rfm.h"
#include "mc-value-parse.h"
#include "mc-visit-index.h"

#define MC_RFM_ERROR (g_quark_from_static_string ("mc-rfm-error"))

/* The usual segment map on the R and F scores (rows: R 1–5, columns:
 * F 1–5). */
static const char *segments[5][5] = {
  /* R1 */ { "Lost", "Hibernating", "At risk", "At risk", "Can't lose them" },
  /* R2 */ { "Hibernating", "Hibernating", "At risk", "At risk", "Can't lose them" },
  /* R3 */ { "About to sleep", "About to sleep", "Need attention", "Loyal", "Loyal" },
  /* R4 */ { "Promising", "Potential loyalist", "Potential loyalist", "Loyal", "Loyal" },
  /* R5 */ { "New", "Potential loyalist", "Potential loyalist", "Champions", "Champions" },
};

/* The segments in the order reports list them, best first. */
static const char *segment_order[MC_RFM_N_SEGMENTS] = {
  /* Translators: the usual names of RFM customer segments, shown in
   * charts; the CSV and JSON of mercato-cli rfm keep the English ones. */
  N_("Champions"), N_("Loyal"), N_("Potential loyalist"), N_("New"), N_("Promising"), N_("Need attention"),
  N_("About to sleep"), N_("At risk"), N_("Can't lose them"), N_("Hibernating"), N_("Lost"),
};

const char *
mc_rfm_segment_name (guint index)
{
  g_return_val_if_fail (index < MC_RFM_N_SEGMENTS, NULL);

  return segment_order[index];
}

/**
 * mc_rfm_segment_title:
 *
 * The segment's name in the user's language, to show; files and JSON
 * use mc_rfm_segment_name().
 */
const char *
mc_rfm_segment_title (guint index)
{
  g_return_val_if_fail (index < MC_RFM_N_SEGMENTS, NULL);

  return _(segment_order[index]);
}

static guint
segment_index (const char *segment)
{
  for (guint i = 0; i < MC_RFM_N_SEGMENTS; i++)
    if (g_str_equal (segment_order[i], segment))
      return i;
  g_assert_not_reached ();
}

void
mc_rfm_movement (GArray        *before,
                 GArray        *after,
                 McRfmMovement *movement)
{
  guint b = 0;

  memset (movement, 0, sizeof *movement);
  /* Both are sorted by customer id: walk them together. */
  for (guint a = 0; a < after->len; a++)
    {
      McRfmRow *now = &g_array_index (after, McRfmRow, a);
      int cmp = -1;

      while (b < before->len && (cmp = strcmp (g_array_index (before, McRfmRow, b).customer, now->customer)) < 0)
        b++;
      if (b < before->len && cmp == 0)
        movement->counts[segment_index (g_array_index (before, McRfmRow, b).segment)][segment_index (now->segment)]++;
      else
        movement->counts[MC_RFM_N_SEGMENTS][segment_index (now->segment)]++;
    }
}

const char *
mc_rfm_segment (guint8 r_score,
                guint8 f_score)
{
  g_return_val_if_fail (r_score >= 1 && r_score <= 5 && f_score >= 1 && f_score <= 5, NULL);

  return segments[r_score - 1][f_score - 1];
}

static void
rfm_row_clear (gpointer data)
{
  g_free (((McRfmRow *) data)->customer);
}

typedef struct
{
  gint32      last_day;
  double      monetary;
  gsize       first_row;  /* where the id is read */
  guint       orders;     /* distinct order ids */
  guint       unnamed;    /* purchases without an order id */
  gboolean    seen;
} Customer;

/* Each customer's purchases on or before AT, by the codes of their ids
 * (the whole purchases', so a filter hashes no id again). */
static Customer *
collect (McTable    *purchases,
         gint32      at,
         gint32     *last_day,
         McKeyCodes *customers)
{
  McColumn *time = mc_table_find_role (purchases, MC_ROLE_EVENT_TIME);
  McColumn *amount = mc_table_find_role (purchases, MC_ROLE_AMOUNT);
  McColumn *returns = mc_table_find_role (purchases, MC_ROLE_RETURN);
  gsize n = mc_table_get_n_rows (purchases), n_pairs = 0;
  McKeyCodes orders = { NULL };
  g_autofree guint64 *pairs = g_new (guint64, MAX (n, 1));
  Customer *by_code;

  mc_purchase_selection_codes (purchases, MC_ROLE_CUSTOMER_ID, customers);
  mc_purchase_selection_codes (purchases, MC_ROLE_ORDER_ID, &orders);
  by_code = g_new0 (Customer, MAX (customers->labels->len, 1));
  *last_day = G_MININT32;
  for (gsize r = 0; r < n; r++)
    {
      guint32 code = customers->codes[r];
      Customer *c = &by_code[code != MC_NO_CODE ? code : 0];
      double value;
      gint32 day;

      if (code == MC_NO_CODE || mc_column_is_missing (time, r) || !mc_column_get_double (amount, r, &value))
        continue;
      day = mc_column_get_day (time, r);
      if (day > at)
        continue;
      *last_day = MAX (*last_day, day);
      if (!c->seen)
        *c = (Customer) { G_MININT32, 0, r, 0, 0, TRUE };
      c->monetary += value;
      /* A credit note takes money back: no purchase, no visit to recency. */
      if (returns != NULL && returns->v.bools[r])
        continue;
      c->last_day = MAX (c->last_day, day);
      /* An order of several rows (line items) is one purchase; a row
       * without an order id is one purchase of its own. */
      if (orders.codes != NULL && orders.codes[r] != MC_NO_CODE)
        pairs[n_pairs++] = (guint64) code << 32 | orders.codes[r];
      else
        c->unnamed++;
    }
  mc_sort_u64 (pairs, n_pairs);
  for (gsize i = 0; i < n_pairs; i++)
    by_code[pairs[i] >> 32].orders += i == 0 || pairs[i] != pairs[i - 1];
  mc_key_codes_clear (&orders);
  return by_code;
}

/* Sorts finite VALUES ascending with the radix sort of the visit index:
 * their bits, the sign bit flipped (all bits for negatives), order as the
 * numbers do. */
static void
sort_doubles (double *values,
              gsize   n)
{
  guint64 *keys = (guint64 *) values;

  G_STATIC_ASSERT (sizeof (double) == sizeof (guint64));
  for (gsize i = 0; i < n; i++)
    {
      guint64 bits;

      memcpy (&bits, &values[i], sizeof bits);
      keys[i] = bits >> 63 ? ~bits : bits | G_GUINT64_CONSTANT (0x8000000000000000);
    }
  mc_sort_u64 (keys, n);
  for (gsize i = 0; i < n; i++)
    {
      guint64 bits = keys[i] >> 63 ? keys[i] & ~G_GUINT64_CONSTANT (0x8000000000000000) : ~keys[i];

      memcpy (&values[i], &bits, sizeof bits);
    }
}

/* Quintile edges of VALUES (linear interpolation, as pandas' quantile). */
static void
quintile_edges (double *values,
                gsize   n,
                double  edges[4])
{
  sort_doubles (values, n);
  for (guint q = 0; q < 4; q++)
    edges[q] = mc_quantile (values, n, (q + 1) / 5.0);
}

static guint8
score (double        value,
       const double  edges[4])
{
  guint8 below = 0;

  for (guint q = 0; q < 4; q++)
    below += edges[q] < value;
  return 1 + below;
}

static int
compare_customers (gconstpointer a,
                   gconstpointer b)
{
  return strcmp (((const McRfmRow *) a)->customer, ((const McRfmRow *) b)->customer);
}

static void
assign_scores (GArray *rows)
{
  g_autofree double *values = g_new (double, MAX (rows->len, 1));
  double r_edges[4], f_edges[4], m_edges[4];

  for (guint i = 0; i < rows->len; i++)
    values[i] = g_array_index (rows, McRfmRow, i).recency_days;
  quintile_edges (values, rows->len, r_edges);
  for (guint i = 0; i < rows->len; i++)
    values[i] = g_array_index (rows, McRfmRow, i).frequency;
  quintile_edges (values, rows->len, f_edges);
  for (guint i = 0; i < rows->len; i++)
    values[i] = g_array_index (rows, McRfmRow, i).monetary;
  quintile_edges (values, rows->len, m_edges);

  for (guint i = 0; i < rows->len; i++)
    {
      McRfmRow *row = &g_array_index (rows, McRfmRow, i);

      /* Fewer days since the last purchase is better. */
      row->r_score = 6 - score (row->recency_days, r_edges);
      row->f_score = score (row->frequency, f_edges);
      row->m_score = score (row->monetary, m_edges);
      row->segment = mc_rfm_segment (row->r_score, row->f_score);
    }
}

static McRfmPushDown push_down;

/**
 * mc_rfm_set_push_down:
 *
 * Installs the executor that aggregates the customers on a database's
 * server; called once, before any dataset is analysed.
 */
void
mc_rfm_set_push_down (McRfmPushDown func)
{
  push_down = func;
}

GArray *
mc_rfm_compute_pushed (McDataset     *dataset,
                       gint32         at,
                       gint32        *reference_day,
                       GCancellable  *cancellable,
                       char         **not_pushed_down)
{
  g_autofree char *reason = NULL;
  GArray *rows;

  g_return_val_if_fail (MC_IS_DATASET (dataset), NULL);

  if (push_down == NULL)
    return NULL;
  rows = push_down (dataset, at, reference_day, cancellable, &reason);
  mc_push_down_say_why (not_pushed_down, g_steal_pointer (&reason));
  return rows;
}

GArray *
mc_rfm_compute (McDataset  *dataset,
                gint32      at,
                gint32     *reference_day,
                GError    **error)
{
  g_autoptr(McTable) purchases = NULL;
  GArray *rows;

  g_return_val_if_fail (MC_IS_DATASET (dataset), NULL);

  if ((rows = mc_rfm_compute_pushed (dataset, at, reference_day, NULL, NULL)) != NULL)
    return rows;
  purchases = mc_purchase_selection_new (dataset, NULL, 0);
  return mc_rfm_compute_for (purchases, at, reference_day, error);
}

GArray *
mc_rfm_rows_new (void)
{
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (McRfmRow));

  g_array_set_clear_func (rows, rfm_row_clear);
  return rows;
}

/**
 * mc_rfm_finish:
 *
 * Recency, order and scores of ROWS, whoever aggregated them: the
 * column store or a database's server. BY_ID: ROWS are already in the
 * customers' order (the selection's), and need no sort.
 */
GArray *
mc_rfm_finish (GArray      *rows,
               gint32       at,
               gint32       last_day,
               const char  *name,
               gboolean     by_id,
               gint32      *reference_day,
               GError     **error)
{
  g_return_val_if_fail (rows != NULL, NULL);

  if (last_day == G_MININT32)
    {
      g_array_unref (rows);
      g_set_error (error, MC_RFM_ERROR, 0,
                   at == G_MININT32
                   /* Translators: %s is the name of a table. */
                   ? _("%s has no purchase")
                   /* Translators: %s is the name of a table; the date is that of --at. */
                   : _("%s has no purchase on or before that date"),
                   name);
      return NULL;
    }
  *reference_day = at == G_MININT32 ? last_day : at;
  for (guint i = 0; i < rows->len; i++)
    g_array_index (rows, McRfmRow, i).recency_days = *reference_day - g_array_index (rows, McRfmRow, i).last_day;
  /* By id, as `mercato-cli rfm` lists them, unless they already are. */
  if (!by_id)
    g_array_sort (rows, compare_customers);
  assign_scores (rows);
  return rows;
}

GArray *
mc_rfm_compute_for (McTable    *purchases,
                    gint32      at,
                    gint32     *reference_day,
                    GError    **error)
{
  McKeyCodes codes;
  Customer *by_code;
  McColumn *customer;
  const GArray *order;
  gint32 last_day;
  GArray *rows;

  if (purchases != NULL && (mc_table_find_role (purchases, MC_ROLE_CUSTOMER_ID) == NULL
                            || mc_table_find_role (purchases, MC_ROLE_EVENT_TIME) == NULL
                            || mc_table_find_role (purchases, MC_ROLE_AMOUNT) == NULL))
    {
      g_set_error_literal (error, MC_RFM_ERROR, 0, _("RFM needs purchases with a customer, a purchase time and an "
                                                     "amount; mercato-cli model says which the data lacks"));
      return NULL;
    }
  if (purchases == NULL)
    {
      g_set_error_literal (error, MC_RFM_ERROR, 0, _("no table has a customer, a purchase time and an amount; "
                                                     "set the roles of those columns and try again"));
      return NULL;
    }
  customer = mc_table_find_role (purchases, MC_ROLE_CUSTOMER_ID);
  by_code = collect (purchases, at == G_MININT32 ? G_MAXINT32 : at, &last_day, &codes);
  /* Float ids are written again below, so their text decides. */
  order = customer->float_ids ? NULL : mc_purchase_selection_customer_order (purchases);
  rows = mc_rfm_rows_new ();
  for (guint i = 0; i < codes.labels->len; i++)
    {
      guint code = order != NULL ? g_array_index (order, guint32, i) : i;
      Customer *c = &by_code[code];
      McRfmRow row = { 0 };

      /* Only credit notes: a customer who bought nothing here. */
      if (!c->seen || c->last_day == G_MININT32)
        continue;

      /* The codes' label is the id as written, but for float ids. */
      row.customer = customer->float_ids ? mc_column_format_key (customer, c->first_row)
                                         : g_strdup (g_ptr_array_index (codes.labels, code));
      row.last_day = c->last_day;
      row.frequency = c->orders + c->unnamed;
      row.monetary = c->monetary;
      g_array_append_val (rows, row);
    }
  mc_key_codes_clear (&codes);
  g_free (by_code);
  return mc_rfm_finish (rows, at, last_day, mc_table_get_name (purchases), order != NULL, reference_day, error);
}

static McColumn *
integer_column (const char *name,
                McTable    *table,
                gsize       n)
{
  McColumn *column = mc_column_new (name, MC_COLUMN_TYPE_INTEGER, n);

  mc_table_add_column (table, column);
  mc_column_unref (column);
  return column;
}

McTable *
mc_rfm_to_table (GArray     *rows,
                 const char *name)
{
  g_autofree const char **customers = NULL;
  g_autofree const char **segment_names = NULL;
  g_autoptr(McColumn) customer = NULL;
  g_autoptr(McColumn) monetary = NULL;
  g_autoptr(McColumn) segment = NULL;
  McColumn *recency, *frequency, *r_score, *f_score, *m_score;
  McTable *table;
  gsize n;

  g_return_val_if_fail (rows != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  n = rows->len;
  customers = g_new (const char *, MAX (n, 1));
  segment_names = g_new (const char *, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    {
      customers[i] = g_array_index (rows, McRfmRow, i).customer;
      segment_names[i] = g_array_index (rows, McRfmRow, i).segment;
    }
  table = mc_table_new (name, NULL);
  /* Ids stay text: "00123" is not the number 123. */
  customer = mc_column_new_strings ("customer_id", MC_COLUMN_TYPE_IDENTIFIER, customers, n);
  mc_table_add_column (table, customer);
  mc_table_set_role (table, 0, MC_ROLE_CUSTOMER_ID);
  recency = integer_column ("recency_days", table, n);
  frequency = integer_column ("frequency", table, n);
  monetary = mc_column_new ("monetary", MC_COLUMN_TYPE_NUMBER, n);
  mc_table_add_column (table, monetary);
  /* An amount: written with two decimals, as the CSV writes it. */
  mc_table_set_role (table, 3, MC_ROLE_AMOUNT);
  r_score = integer_column ("r_score", table, n);
  f_score = integer_column ("f_score", table, n);
  m_score = integer_column ("m_score", table, n);
  segment = mc_column_new_strings ("segment", MC_COLUMN_TYPE_CATEGORY, segment_names, n);
  mc_table_add_column (table, segment);
  for (gsize i = 0; i < n; i++)
    {
      const McRfmRow *row = &g_array_index (rows, McRfmRow, i);
      char money[G_ASCII_DTOSTR_BUF_SIZE];

      recency->v.i64[i] = row->recency_days;
      frequency->v.i64[i] = row->frequency;
      /* The cent the CSV shows (the same digits, so the same number), not
       * the noise of a sum of doubles. */
      g_ascii_formatd (money, sizeof money, "%.2f", row->monetary);
      monetary->v.f64[i] = g_ascii_strtod (money, NULL);
      r_score->v.i64[i] = row->r_score;
      f_score->v.i64[i] = row->f_score;
      m_score->v.i64[i] = row->m_score;
    }
  return table;
}
