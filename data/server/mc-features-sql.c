/* mc-features-sql.c: the per-customer numbers of segmentation, aggregated on a database's server
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same sums as mc-features.c's loops, each written to mean what the
 * loop means: RFM over purchases with a customer, a day and an amount
 * (credit notes add their money but no order and no recency); shares
 * over the purchases with money; reviews and visits from their own
 * tables, matched to the customer by the text of the id. The most
 * common values of the platform, the product type and the visit type
 * are asked first (a row per value), so the one query per customer
 * counts each as a parameter.
 */
#define G_LOG_DOMAIN "mc-features"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mc-features-sql.h"
#include "mc-model.h"
#include "mc-pg-table.h"
#include "mc-purchases-sql.h"
#include "mc-server-run.h"
#include "mc-sql-private.h"

/* As segments/mc-features.c: the most common values have a share of
 * their own, the rest share "other". */
#define MAX_SHARES 8

static guint max_customers;

void
mc_features_sql_set_max_customers (guint cap)
{
  max_customers = cap;
}

/* A value column's kept values and the name prefix of its features. */
typedef struct
{
  const char *prefix;      /* "platform", "product", "visit_type" */
  GPtrArray  *labels;      /* char *: kept values, then "other" when some are not */
  gboolean    has_other;
  guint       first;       /* the result column of the first value */
} Slots;

typedef struct
{
  McPgConnection  connection;
  McDataset      *dataset;
  McPurchasesQuery *query;
  char           *purchases;     /* the SELECT of the purchases */
  GPtrArray      *params;        /* char * */
  GError        **error;
  /* The tables of reviews and visits, when the server has them. */
  char           *reviews;       /* "SELECT customer, rating FROM …" */
  char           *visits;        /* "SELECT customer, day, minutes, type FROM …" */
  gboolean        has_minutes;
  Slots           slots[3];
} Run;

enum { SLOT_PLATFORM, SLOT_PRODUCT, SLOT_VISIT_TYPE };

static void
run_clear (Run *run)
{
  mc_pg_connection_close (&run->connection);
  g_clear_pointer (&run->query, mc_purchases_query_free);
  g_clear_pointer (&run->purchases, g_free);
  g_clear_pointer (&run->params, g_ptr_array_unref);
  g_clear_pointer (&run->reviews, g_free);
  g_clear_pointer (&run->visits, g_free);
  for (guint s = 0; s < G_N_ELEMENTS (run->slots); s++)
    g_clear_pointer (&run->slots[s].labels, g_ptr_array_unref);
}

static PGresult *
run_query (Run        *run,
           const char *doing,
           const char *sql)
{
  /* A cancel between two queries has no query on the server to stop. */
  if (g_cancellable_is_cancelled (run->connection.cancellable))
    {
      g_set_error (run->error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("%s: cancelled"), doing);
      return NULL;
    }
  mc_server_say_query (doing);
  return mc_pg_connection_query (&run->connection, doing, sql, run->params->len,
                                 (const char **) run->params->pdata, run->error);
}

static char *
column_on_server (Run        *run,
                  McTable    *table,
                  McColumn   *column,
                  const char *types)
{
  return _mc_sql_column_on_server (&run->connection, mc_pg_table_get_origin (run->query->source), table, column, types);
}

/* The reviews each customer gave, wherever reviews are kept; FALSE when
 * they are not on the server. */
static gboolean
prepare_reviews (Run *run)
{
  McTable *table = NULL;
  McColumn *rating = mc_dataset_find_role (run->dataset, MC_ROLE_RATING, &table);
  McColumn *customer = table != NULL ? mc_table_find_role (table, MC_ROLE_CUSTOMER_ID) : NULL;
  g_autofree char *key = NULL, *value = NULL, *from = NULL, *key_text = NULL;

  if (customer == NULL)
    return TRUE;
  if ((key = column_on_server (run, table, customer, NULL)) == NULL
      || (value = column_on_server (run, table, rating, "int2 int4 int8 numeric float4 float8")) == NULL)
    return FALSE;
  from = _mc_sql_table_on_server (&run->connection, table);
  key_text = _mc_sql_key_text (run->params, customer, key);
  run->reviews = g_strdup_printf ("SELECT %s AS customer, CASE WHEN %s::float8 > '-Infinity'::float8 AND "
                                  "%s::float8 < 'Infinity'::float8 THEN %s::float8 END AS rating FROM %s",
                                  key_text, value, value, value, from);
  return TRUE;
}

#define TIME_TYPES "date timestamp timestamptz"

/* Days since 1970 of a date or timestamp (its day in UTC, the session's
 * zone), NULL when infinite. */
static char *
day_sql (const char *column)
{
  return g_strdup_printf ("CASE WHEN pg_catalog.isfinite (%s) THEN %s::date - DATE '1970-01-01' END", column, column);
}

/* The visits: who, the day each started, how long it lasted and its
 * type; FALSE when they are not on the server. */
static gboolean
prepare_visits (Run *run)
{
  McColumn *start;
  McTable *visits = mc_model_find_visits (run->dataset, &start);
  McColumn *customer = visits != NULL ? mc_table_find_role (visits, MC_ROLE_CUSTOMER_ID) : NULL;
  McColumn *end = visits != NULL ? mc_table_find_role (visits, MC_ROLE_VISIT_END) : NULL;
  McColumn *type = visits != NULL ? mc_table_find_role (visits, MC_ROLE_EVENT_TYPE) : NULL;
  g_autofree char *key = NULL, *from = NULL, *day = NULL, *minutes = NULL, *kind = NULL;
  g_autofree char *key_text = NULL, *start_sql = NULL, *end_sql = NULL, *kind_text = NULL;

  if (customer == NULL)
    return TRUE;
  if ((key = column_on_server (run, visits, customer, NULL)) == NULL
      || (start_sql = column_on_server (run, visits, start, TIME_TYPES)) == NULL
      || (end != NULL && (end_sql = column_on_server (run, visits, end, TIME_TYPES)) == NULL)
      || (type != NULL && (kind = column_on_server (run, visits, type, NULL)) == NULL))
    return FALSE;
  from = _mc_sql_table_on_server (&run->connection, visits);
  key_text = _mc_sql_key_text (run->params, customer, key);
  day = day_sql (start_sql);
  run->has_minutes = end != NULL;
  minutes = end != NULL ? _mc_sql_visit_minutes (start, start_sql, end_sql) : g_strdup ("NULL::float8");
  kind_text = type != NULL ? _mc_sql_key_text (run->params, type, kind) : g_strdup ("NULL::text");
  run->visits = g_strdup_printf ("SELECT %s AS customer, %s AS day, %s AS minutes, %s AS type FROM %s",
                                 key_text, day, minutes, kind_text, from);
  return TRUE;
}

typedef struct
{
  char  *label;
  guint64 count;
} Value;

static int
compare_values (gconstpointer a,
                gconstpointer b)
{
  const Value *x = a, *y = b;

  /* Most common first; ties in the labels' natural order, as the codes are. */
  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return mc_compare_text (x->label, y->label);
}

/* The kept values of COLUMN in the rows of FROM (purchases or visits),
 * as share_slots() in mc-features.c keeps them. */
static gboolean
find_slots (Run        *run,
            Slots      *slots,
            const char *prefix,
            const char *from,
            const char *column)
{
  g_autofree char *visits = run->visits != NULL ? g_strdup_printf (", visits AS (%s)", run->visits) : NULL;
  g_autofree char *sql = g_strdup_printf ("WITH purchases AS (%s)%s SELECT %s, pg_catalog.count(*) FROM %s "
                                          "WHERE %s IS NOT NULL GROUP BY 1", run->purchases, visits != NULL ? visits : "",
                                          column, from, column);
  /* Translators: what Mercato was doing when the server answered with an error. */
  g_autoptr(PGresult) result = run_query (run, _("finding the most common values for segmentation"), sql);
  g_autoptr(GArray) values = NULL;
  guint kept;

  if (result == NULL)
    return FALSE;
  values = g_array_new (FALSE, FALSE, sizeof (Value));
  for (int r = 0; r < PQntuples (result); r++)
    {
      Value value = { PQgetvalue (result, r, 0), g_ascii_strtoull (PQgetvalue (result, r, 1), NULL, 10) };

      g_array_append_val (values, value);
    }
  g_array_sort (values, compare_values);
  kept = values->len <= MAX_SHARES ? values->len : MAX_SHARES - 1;
  slots->prefix = prefix;
  slots->labels = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < kept; i++)
    g_ptr_array_add (slots->labels, g_strdup (g_array_index (values, Value, i).label));
  slots->has_other = kept < values->len;
  return TRUE;
}

/* ", count(*) FILTER (WHERE col = $n) AS prefix_0 …, count(col) AS prefix_n":
 * a count per kept value and of all values. */
static void
append_slot_counts (Run        *run,
                    GString    *sql,
                    Slots      *slots,
                    const char *column_sql,
                    const char *name)
{
  for (guint v = 0; v < slots->labels->len; v++)
    {
      g_ptr_array_add (run->params, g_strdup (g_ptr_array_index (slots->labels, v)));
      g_string_append_printf (sql, ", pg_catalog.count(*) FILTER (WHERE %s = $%u) AS %s_%u",
                              column_sql, run->params->len, name, v);
    }
  g_string_append_printf (sql, ", pg_catalog.count(%s) AS %s_all", column_sql, name);
}

static void
append_slot_columns (GString    *sql,
                     Slots      *slots,
                     const char *from,
                     const char *name)
{
  for (guint v = 0; v < slots->labels->len; v++)
    g_string_append_printf (sql, ", %s.%s_%u", from, name, v);
  g_string_append_printf (sql, ", %s.%s_all", from, name);
}

/* One row per customer who bought: RFM, tenure, discount and the counts
 * per value; the reviews and visits joined by the customer's text. */
static char *
customers_sql (Run *run)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GString) select = g_string_new (NULL);

  g_string_append_printf (sql,
    "WITH purchases AS (%s), "
    "b AS (SELECT customer, day, amount, order_id, list_price, coalesce (is_return, false) AS is_return "
    "  FROM purchases WHERE customer IS NOT NULL AND day IS NOT NULL AND amount IS NOT NULL), "
    "c AS (SELECT customer, max (day) FILTER (WHERE NOT is_return) AS last_day, "
    "  count(DISTINCT order_id) FILTER (WHERE NOT is_return) "
    "  + count(*) FILTER (WHERE NOT is_return AND order_id IS NULL) AS frequency, "
    "  sum (amount::numeric) AS monetary, min (day) AS first_day, max (day) AS last_any, "
    "  sum (list_price) FILTER (WHERE list_price IS NOT NULL) AS listed, "
    "  sum (amount) FILTER (WHERE list_price IS NOT NULL) AS paid "
    "  FROM b GROUP BY customer HAVING max (day) FILTER (WHERE NOT is_return) IS NOT NULL), "
    "s AS (SELECT customer", run->purchases);
  append_slot_counts (run, sql, &run->slots[SLOT_PLATFORM], "channel", "platform");
  append_slot_counts (run, sql, &run->slots[SLOT_PRODUCT], "product_type", "product");
  g_string_append (sql, " FROM purchases WHERE amount IS NOT NULL AND customer IS NOT NULL GROUP BY customer)");
  g_string_append (select, "SELECT c.customer, (SELECT max (day) FROM b) - c.last_day, c.frequency, c.monetary, "
                   "c.first_day, c.last_any, c.listed, c.paid");
  append_slot_columns (select, &run->slots[SLOT_PLATFORM], "s", "platform");
  append_slot_columns (select, &run->slots[SLOT_PRODUCT], "s", "product");
  if (run->reviews != NULL)
    {
      g_string_append_printf (sql, ", r AS (SELECT customer, sum (rating) AS total, count(rating) AS n "
                              "FROM (%s) x WHERE customer IS NOT NULL GROUP BY customer)", run->reviews);
      g_string_append (select, ", r.total, r.n");
    }
  if (run->visits != NULL)
    {
      g_string_append_printf (sql, ", v AS (SELECT customer, count(*) AS n, min (day) AS first_day, "
                              "sum (minutes) AS minutes, count(minutes) AS timed");
      append_slot_counts (run, sql, &run->slots[SLOT_VISIT_TYPE], "type", "visit_type");
      g_string_append_printf (sql, " FROM (%s) x WHERE customer IS NOT NULL GROUP BY customer)", run->visits);
      g_string_append (select, ", v.n, v.first_day, v.minutes, v.timed");
      append_slot_columns (select, &run->slots[SLOT_VISIT_TYPE], "v", "visit_type");
    }
  g_string_append_printf (select, " FROM c LEFT JOIN s ON s.customer = c.customer%s%s",
                          run->reviews != NULL ? " LEFT JOIN r ON r.customer = c.customer" : "",
                          run->visits != NULL ? " LEFT JOIN v ON v.customer = c.customer" : "");
  g_string_append_c (sql, ' ');
  g_string_append (sql, select->str);
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* The features' columns as they are filled, in the order of mc-features.c. */
typedef struct
{
  GPtrArray *names;    /* char * */
  GPtrArray *values;   /* double *, one per customer */
  gsize      n;
} Columns;

static double *
add_column (Columns    *columns,
            const char *name)
{
  double *values = g_new (double, MAX (columns->n, 1));

  for (gsize i = 0; i < columns->n; i++)
    values[i] = NAN;
  g_ptr_array_add (columns->names, g_strdup (name));
  g_ptr_array_add (columns->values, values);
  return values;
}

static double
number_at (PGresult *result,
           int       row,
           int       column)
{
  return PQgetisnull (result, row, column) ? NAN : g_ascii_strtod (PQgetvalue (result, row, column), NULL);
}

static double
count_at (PGresult *result,
          int       row,
          int       column)
{
  return PQgetisnull (result, row, column) ? 0 : g_ascii_strtod (PQgetvalue (result, row, column), NULL);
}

/* Each kept value's share of the customer's counted rows ("other" the
 * rest), or counts (visit types); from the result columns at FIRST. */
static void
add_slot_columns (Columns  *columns,
                  PGresult *result,
                  Slots    *slots,
                  int       first,
                  gboolean  shares)
{
  guint n_values = slots->labels->len;
  g_autofree double **kept = g_new (double *, n_values + 1);

  /* One value alone is no feature, as in memory. */
  if (n_values + slots->has_other <= 1)
    return;
  for (guint v = 0; v < n_values + slots->has_other; v++)
    {
      g_autofree char *name = g_strdup_printf ("%s:%s", slots->prefix,
                                               v < n_values ? (const char *) g_ptr_array_index (slots->labels, v) : "other");

      kept[v] = add_column (columns, name);
    }
  for (int r = 0; r < PQntuples (result); r++)
    {
      double all = count_at (result, r, first + n_values), rest = all;

      for (guint v = 0; v < n_values + slots->has_other; v++)
        {
          double count = v < n_values ? count_at (result, r, first + v) : rest;

          rest -= v < n_values ? count : 0;
          kept[v][r] = !shares ? count : all > 0 ? count / all : NAN;
        }
    }
}

static void
add_purchase_columns (Run      *run,
                      Columns  *columns,
                      PGresult *result)
{
  double *recency = add_column (columns, "recency"), *frequency = add_column (columns, "frequency");
  double *monetary = add_column (columns, "monetary"), *mean_order = add_column (columns, "mean_order_value");
  double *tenure = add_column (columns, "tenure");
  double *discount = run->query->fields[MC_PURCHASES_LIST_PRICE] != NULL ? add_column (columns, "discount_rate") : NULL;
  double *review = run->reviews != NULL ? add_column (columns, "mean_review") : NULL;

  for (int r = 0; r < PQntuples (result); r++)
    {
      double listed = number_at (result, r, 6);

      recency[r] = number_at (result, r, 1);
      frequency[r] = number_at (result, r, 2);
      monetary[r] = number_at (result, r, 3);
      mean_order[r] = frequency[r] > 0 ? monetary[r] / frequency[r] : NAN;
      tenure[r] = number_at (result, r, 5) - number_at (result, r, 4);
      if (discount != NULL)
        discount[r] = listed > 0 ? (listed - number_at (result, r, 7)) / listed : NAN;
    }
  if (review != NULL)
    {
      int at = 8 + run->slots[SLOT_PLATFORM].labels->len + 1 + run->slots[SLOT_PRODUCT].labels->len + 1;

      for (int r = 0; r < PQntuples (result); r++)
        review[r] = count_at (result, r, at + 1) > 0 ? number_at (result, r, at) / count_at (result, r, at + 1) : NAN;
    }
}

/* Visits, visits per order, mean minutes, days from the first visit to
 * the first purchase (a first visit after it says nothing), visit types. */
static void
add_visit_columns (Run      *run,
                   Columns  *columns,
                   PGresult *result,
                   int       at)
{
  double *count = add_column (columns, "visits"), *per_purchase = add_column (columns, "visits_per_purchase");
  double *minutes = run->has_minutes ? add_column (columns, "mean_visit_minutes") : NULL;
  double *to_purchase = add_column (columns, "days_to_first_purchase");

  for (int r = 0; r < PQntuples (result); r++)
    {
      double frequency = number_at (result, r, 2), first_purchase = number_at (result, r, 4);
      double first_visit = number_at (result, r, at + 1), timed = count_at (result, r, at + 3);

      count[r] = count_at (result, r, at);
      per_purchase[r] = frequency > 0 ? count[r] / frequency : NAN;
      if (minutes != NULL)
        minutes[r] = timed > 0 ? number_at (result, r, at + 2) / timed : NAN;
      if (!isnan (first_visit) && first_visit <= first_purchase)
        to_purchase[r] = first_purchase - first_visit;
    }
  add_slot_columns (columns, result, &run->slots[SLOT_VISIT_TYPE], at + 4, FALSE);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b,
             gpointer      ids)
{
  return strcmp (g_ptr_array_index ((GPtrArray *) ids, *(const guint *) a),
                 g_ptr_array_index ((GPtrArray *) ids, *(const guint *) b));
}

/* The columns as a table, its rows sorted by customer id as RFM's. */
static McTable *
build_table (PGresult *result,
             Columns  *columns)
{
  gsize n = columns->n;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autofree guint *order = g_new (guint, MAX (n, 1));
  g_autofree const char **sorted = g_new (const char *, MAX (n, 1));
  g_autoptr(McColumn) id_column = NULL;
  McTable *table = mc_table_new ("features", NULL);

  for (gsize r = 0; r < n; r++)
    {
      g_ptr_array_add (ids, PQgetvalue (result, r, 0));
      order[r] = r;
    }
  g_qsort_with_data (order, n, sizeof (guint), compare_ids, ids);
  for (gsize i = 0; i < n; i++)
    sorted[i] = g_ptr_array_index (ids, order[i]);
  id_column = mc_column_new_strings ("customer", MC_COLUMN_TYPE_IDENTIFIER, sorted, n);
  mc_table_add_column (table, id_column);
  for (guint c = 0; c < columns->names->len; c++)
    {
      g_autoptr(McColumn) column = mc_column_new (g_ptr_array_index (columns->names, c), MC_COLUMN_TYPE_NUMBER, n);
      const double *values = g_ptr_array_index (columns->values, c);

      for (gsize i = 0; i < n; i++)
        if (isnan (column->v.f64[i] = values[order[i]]))
          mc_column_set_missing (column, i);
      mc_table_add_column (table, column);
    }
  return table;
}

/* The customers beyond the cap are not fetched: how many there are. */
static void
set_too_many (Run        *run,
              const char *sql,
              guint       cap)
{
  g_autofree char *count_sql = g_strdup_printf ("SELECT pg_catalog.count(*) FROM (%s) x", sql);
  g_autoptr(PGresult) result = run_query (run, _("counting the customers to segment"), count_sql);

  if (result == NULL)
    return;
  g_set_error (run->error, MC_PG_ERROR, MC_PG_ERROR_TOO_LARGE,
               /* Translators: the first %s counts the customers in the database, %u the most Mercato segments at once. */
               _("the database has %s customers who bought, more than the %u Mercato segments at once; segment "
                 "a part of them (filter by platform, product type or period) or a sample of the data"),
               PQgetvalue (result, 0, 0), cap);
}

static McTable *
fetch_customers (Run *run)
{
  guint cap = max_customers > 0 ? max_customers : MC_FEATURES_SQL_MAX_CUSTOMERS;
  g_autofree char *sql = customers_sql (run);
  /* One more than the cap says whether there are more. */
  g_autofree char *limited = g_strdup_printf ("%s LIMIT %u", sql, cap + 1);
  g_autoptr(PGresult) result = run_query (run, _("computing each customer's figures for segmentation"), limited);
  Columns columns = { g_ptr_array_new_with_free_func (g_free), g_ptr_array_new_with_free_func (g_free), 0 };
  McTable *table = NULL;
  int at;

  if (result != NULL && (guint) PQntuples (result) > cap)
    set_too_many (run, sql, cap);
  else if (result != NULL)
    {
      columns.n = PQntuples (result);
      add_purchase_columns (run, &columns, result);
      add_slot_columns (&columns, result, &run->slots[SLOT_PLATFORM], 8, TRUE);
      add_slot_columns (&columns, result, &run->slots[SLOT_PRODUCT], 8 + run->slots[SLOT_PLATFORM].labels->len + 1, TRUE);
      at = 8 + run->slots[SLOT_PLATFORM].labels->len + 1 + run->slots[SLOT_PRODUCT].labels->len + 1
           + (run->reviews != NULL ? 2 : 0);
      if (run->visits != NULL)
        add_visit_columns (run, &columns, result, at);
      table = build_table (result, &columns);
    }
  g_ptr_array_unref (columns.names);
  g_ptr_array_unref (columns.values);
  return table;
}

/* The queries in the order their parameters are added: each query
 * uses every parameter so far (a parameter the server never sees has
 * no type). */
static McTable *
compute (Run *run)
{
  if (!find_slots (run, &run->slots[SLOT_PLATFORM], "platform", "purchases", "channel")
      || !find_slots (run, &run->slots[SLOT_PRODUCT], "product", "purchases", "product_type")
      || !prepare_visits (run)
      || (run->visits != NULL && !find_slots (run, &run->slots[SLOT_VISIT_TYPE], "visit_type", "visits", "type"))
      || !prepare_reviews (run))
    return NULL;
  return fetch_customers (run);
}

McTable *
mc_features_sql_compute (McDataset     *dataset,
                         GCancellable  *cancellable,
                         GError       **error)
{
  McModel *model = mc_model_for_dataset (dataset);
  McTable *source = model != NULL ? mc_model_get_source (model) : NULL;
  Run run = { .dataset = dataset, .error = error };
  McTable *table = NULL;

  g_return_val_if_fail (MC_IS_DATASET (dataset), NULL);

  if (source == NULL || mc_pg_table_get_origin (source) == NULL
      || (run.query = mc_purchases_query_new (dataset, NULL)) == NULL
      || run.query->fields[MC_PURCHASES_CUSTOMER] == NULL || run.query->fields[MC_PURCHASES_TIME] == NULL
      || run.query->not_expressible->len > 0)
    {
      run_clear (&run);
      return NULL;
    }
  if (mc_pg_connection_open (&run.connection, mc_pg_table_get_origin (source)->conninfo, cancellable, error))
    {
      run.params = g_ptr_array_new_with_free_func (g_free);
      run.purchases = mc_purchases_sql_compile (run.query, &run.connection, run.params, NULL);
      if (run.purchases != NULL)
        table = compute (&run);
    }
  run_clear (&run);
  return table;
}
