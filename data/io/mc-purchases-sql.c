/* mc-purchases-sql.c: a description of the purchases compiled to SQL for PostgreSQL
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mc-pg-source.h"
#include "mc-purchases-sql.h"

typedef enum
{
  KIND_TEXT,      /* compared and grouped as the column store's labels */
  KIND_NUMBER,
  KIND_TIME,
} FieldKind;

/* The output columns, in McPurchasesField order. */
static const struct { const char *name; FieldKind kind; } outputs[MC_PURCHASES_N_FIELDS] = {
  [MC_PURCHASES_ORDER] = { "order_id", KIND_TEXT },
  [MC_PURCHASES_CUSTOMER] = { "customer", KIND_TEXT },
  [MC_PURCHASES_TIME] = { "time", KIND_TIME },
  [MC_PURCHASES_CHANNEL] = { "channel", KIND_TEXT },
  [MC_PURCHASES_PRODUCT_TYPE] = { "product_type", KIND_TEXT },
  [MC_PURCHASES_QUANTITY] = { "quantity", KIND_NUMBER },
  [MC_PURCHASES_RATING] = { "rating", KIND_NUMBER },
  [MC_PURCHASES_STATUS] = { "status", KIND_TEXT },
  [MC_PURCHASES_CURRENCY] = { "currency", KIND_TEXT },
  [MC_PURCHASES_LIST_PRICE] = { "list_price", KIND_NUMBER },
  [MC_PURCHASES_EVENT_TYPE] = { "event_type", KIND_TEXT },
};

const char *
mc_purchases_sql_column (McPurchasesField field)
{
  g_return_val_if_fail (field < MC_PURCHASES_N_FIELDS, NULL);

  return outputs[field].name;
}

typedef struct
{
  McPgConnection *connection;
  GPtrArray      *params;
  GString        *joins;
  GPtrArray      *join_keys;   /* char *: "parent alias/relation", alias N is index N + 1 */
  GError        **error;
  gboolean        failed;
} Compiler;

static const char *
add_param (Compiler   *c,
           const char *value)
{
  g_autofree char *placeholder = NULL;

  g_ptr_array_add (c->params, g_strdup (value));
  placeholder = g_strdup_printf ("$%u", c->params->len);
  /* As many distinct placeholders as the longest query has parameters. */
  return g_intern_string (placeholder);
}

static const char *
server_type (Compiler *c,
             McTable  *table,
             McColumn *column)
{
  const McPgOrigin *origin = mc_pg_table_get_origin (table);
  const char *type = origin != NULL && column != NULL ? g_hash_table_lookup (origin->types, column->name) : NULL;

  if (origin == NULL && !c->failed)
    {
      c->failed = TRUE;
      /* Translators: %s is a table. */
      g_set_error (c->error, MC_PG_ERROR, MC_PG_ERROR_QUERY, _("table %s is not a database's"), mc_table_get_name (table));
    }
  return type;
}

static char *
qualified_table (Compiler *c,
                 McTable  *table)
{
  const McPgOrigin *origin = mc_pg_table_get_origin (table);
  g_autofree char *schema = mc_pg_connection_quote (c->connection, origin->schema);
  g_autofree char *name = mc_pg_connection_quote (c->connection, origin->table);

  return g_strdup_printf ("%s.%s", schema, name);
}

/* The alias of the last table of PATH, joining the tables on the way
 * once each (LEFT JOIN: a key that matches nothing gives NULLs, as the
 * column store's missing values). */
static guint
join_path (Compiler *c,
           GArray   *path)
{
  guint alias = 0;

  for (guint s = 0; s < path->len && !c->failed; s++)
    {
      const McRelation *r = g_array_index (path, const McRelation *, s);
      g_autofree char *key = g_strdup_printf ("%u/%p", alias, (gconstpointer) r);
      McColumn *from = mc_table_get_column (r->from_table, r->from_column);
      McColumn *to = mc_table_get_column (r->to_table, r->to_column);
      const char *from_type = server_type (c, r->from_table, from), *to_type = server_type (c, r->to_table, to);
      g_autofree char *table = NULL, *from_name = NULL, *to_name = NULL;
      guint found;

      if (g_ptr_array_find_with_equal_func (c->join_keys, key, g_str_equal, &found))
        {
          alias = found + 1;
          continue;
        }
      if (c->failed)
        break;
      g_ptr_array_add (c->join_keys, g_steal_pointer (&key));
      table = qualified_table (c, r->to_table);
      from_name = mc_pg_connection_quote (c->connection, from->name);
      to_name = mc_pg_connection_quote (c->connection, to->name);
      /* Keys of different types (uuid and text) meet as text. */
      g_string_append_printf (c->joins, " LEFT JOIN %s t%u ON t%u.%s%s = t%u.%s%s", table, c->join_keys->len,
                              c->join_keys->len, to_name, g_strcmp0 (from_type, to_type) != 0 ? "::text" : "",
                              alias, from_name, g_strcmp0 (from_type, to_type) != 0 ? "::text" : "");
      alias = c->join_keys->len;
    }
  return alias;
}

static gboolean
type_is_number (const char *type)
{
  static const char *numbers[] = { "int2", "int4", "int8", "numeric", "float4", "float8", NULL };

  return type != NULL && g_strv_contains (numbers, type);
}

static gboolean
type_is_time (const char *type)
{
  return g_strcmp0 (type, "date") == 0 || g_strcmp0 (type, "timestamp") == 0 || g_strcmp0 (type, "timestamptz") == 0;
}

/* The texts the column store read as missing in COLUMN (placeholders
 * such as "data layer field missing", values that did not parse),
 * missing on the server too; so many that they are the data's own
 * values make the column one the server cannot read the same way. */
#define MAX_MISSING_TEXTS 64

static char *
text_sql (Compiler   *c,
          McColumn   *column,
          guint       alias,
          const char *name)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) sql = g_string_new (NULL);

  for (guint i = 0; column->issues != NULL && i < column->issues->len; i++)
    {
      const McCellIssue *issue = &g_array_index (column->issues, McCellIssue, i);

      if (issue->raw != NULL && mc_column_is_missing (column, issue->row))
        g_hash_table_add (seen, (gpointer) issue->raw);
    }
  if (g_hash_table_size (seen) > MAX_MISSING_TEXTS)
    {
      c->failed = TRUE;
      /* Translators: %s is a column; %u a number of distinct texts. */
      g_set_error (c->error, MC_PG_ERROR, MC_PG_ERROR_QUERY, _("%s holds %u distinct texts read as missing"),
                   column->name, g_hash_table_size (seen));
      return NULL;
    }
  if (g_hash_table_size (seen) > 0)
    {
      GHashTableIter iter;
      gpointer text;
      gboolean first = TRUE;

      g_string_append_printf (sql, "CASE WHEN t%u.%s::text IN (", alias, name);
      g_hash_table_iter_init (&iter, seen);
      while (g_hash_table_iter_next (&iter, &text, NULL))
        {
          g_string_append_printf (sql, "%s%s", first ? "" : ", ", add_param (c, text));
          first = FALSE;
        }
      g_string_append (sql, ") THEN NULL ELSE ");
    }
  g_string_append_printf (sql, "NULLIF (t%u.%s::text, '')", alias, name);
  if (g_hash_table_size (seen) > 0)
    g_string_append (sql, " END");
  /* Distinct counts and groups sort these: bytes compare fastest, and
   * equal texts are equal bytes under any deterministic collation. */
  g_string_prepend_c (sql, '(');
  g_string_append (sql, ") COLLATE \"C\"");
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* COLUMN as the column store reads it: text without its empty values,
 * numbers as float8 without NaN, times as they are. */
static char *
column_sql (Compiler                *c,
            const McPurchasesColumn *column,
            FieldKind                kind)
{
  guint alias = join_path (c, column->path);
  const char *type = server_type (c, column->table, column->column);
  g_autofree char *name = mc_pg_connection_quote (c->connection, column->column->name);
  gboolean fits;

  if (c->failed)
    return NULL;
  fits = kind == KIND_NUMBER ? type_is_number (type)
       : kind == KIND_TIME ? type_is_time (type)
       : column->column->type == MC_COLUMN_TYPE_TEXT || column->column->type == MC_COLUMN_TYPE_CATEGORY
         || column->column->type == MC_COLUMN_TYPE_IDENTIFIER;
  if (!fits)
    {
      c->failed = TRUE;
      /* Translators: the first %s is a column, the second its type on the server. */
      g_set_error (c->error, MC_PG_ERROR, MC_PG_ERROR_QUERY,
                   _("%s.%s is read as %s in memory from the server's %s"), mc_table_get_name (column->table),
                   column->column->name, mc_column_type_to_string (column->column->type), type);
      return NULL;
    }
  if (kind == KIND_NUMBER)
    return g_strdup_printf ("NULLIF (t%u.%s::float8, 'NaN')", alias, name);
  if (kind == KIND_TIME)
    return g_strdup_printf ("t%u.%s", alias, name);
  return text_sql (c, column->column, alias, name);
}

/* The sum of the terms; NULL when a factor is (as in the column store). */
static char *
amount_sql (Compiler               *c,
            const McPurchasesQuery *query)
{
  g_autoptr(GString) sql = g_string_new ("(");

  for (guint t = 0; t < query->amount->len; t++)
    {
      const McPurchasesTerm *term = &g_array_index (query->amount, McPurchasesTerm, t);

      g_string_append (sql, t == 0 ? (term->sign < 0 ? "-" : "") : (term->sign < 0 ? " - " : " + "));
      for (guint f = 0; f < term->factors->len; f++)
        {
          const McPurchasesFactor *factor = &g_array_index (term->factors, McPurchasesFactor, f);
          g_autofree char *value = NULL;
          char number[G_ASCII_DTOSTR_BUF_SIZE];

          if (factor->column != NULL)
            value = column_sql (c, factor->column, KIND_NUMBER);
          else
            value = g_strdup_printf ("%s::float8", add_param (c, g_ascii_dtostr (number, sizeof number, factor->number)));
          if (value == NULL)
            return NULL;
          g_string_append_printf (sql, "%s%s", f > 0 ? " * " : "", value);
        }
    }
  g_string_append (sql, ")");
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* The lines that bring no money: excluded statuses, events that are
 * not purchases. */
static char *
excluded_sql (Compiler               *c,
              const McPurchasesQuery *query)
{
  g_autoptr(GString) sql = g_string_new ("false");

  if (query->excluded_statuses != NULL && query->fields[MC_PURCHASES_STATUS] != NULL)
    {
      g_autofree char *status = column_sql (c, query->fields[MC_PURCHASES_STATUS], KIND_TEXT);

      g_string_append_printf (sql, " OR %s IN (", status != NULL ? status : "NULL");
      for (guint i = 0; query->excluded_statuses[i] != NULL; i++)
        g_string_append_printf (sql, "%s%s", i > 0 ? ", " : "", add_param (c, query->excluded_statuses[i]));
      g_string_append (sql, ")");
    }
  if (query->purchase_event != NULL && query->fields[MC_PURCHASES_EVENT_TYPE] != NULL)
    {
      g_autofree char *type = column_sql (c, query->fields[MC_PURCHASES_EVENT_TYPE], KIND_TEXT);

      g_string_append_printf (sql, " OR %s IS DISTINCT FROM %s", type != NULL ? type : "NULL",
                              add_param (c, query->purchase_event));
    }
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* The returns rule, on the purchase's own columns (mc-model-purchases.c). */
static const char *
returns_sql (const McPurchasesQuery *query)
{
  if (g_strcmp0 (query->returns, "negative quantity") == 0)
    return "COALESCE (quantity < 0, false)";
  if (g_strcmp0 (query->returns, "negative amount") == 0)
    return "COALESCE (amount < 0, false)";
  if (query->returns != NULL)
    return "COALESCE (upper (left (order_id, 1)) = 'C' AND substr (order_id, 2, 1) BETWEEN '0' AND '9', false)";
  return "false";
}

static void
append_filter (Compiler                *c,
               GString                 *where,
               const McPurchasesQuery  *query,
               const McPurchasesFilter *filter)
{
  const McPurchasesColumn *column = query->fields[filter->field];
  g_autofree char *value = column_sql (c, column, outputs[filter->field].kind);
  g_autofree char *type = NULL;
  const char *cast = "";
  guint n = filter->values != NULL ? g_strv_length (filter->values) : 0;
  static const char *comparisons[] = {
    [MC_FILTER_LESS] = "<", [MC_FILTER_LESS_EQUAL] = "<=", [MC_FILTER_GREATER] = ">", [MC_FILTER_GREATER_EQUAL] = ">=",
  };

  if (value == NULL)
    return;
  if (outputs[filter->field].kind == KIND_TIME)
    cast = type = g_strdup_printf ("::pg_catalog.%s", server_type (c, column->table, column->column));
  else if (outputs[filter->field].kind == KIND_NUMBER)
    cast = "::float8";
  g_string_append (where, where->len == 0 ? " WHERE " : " AND ");
  switch (filter->op)
    {
    case MC_FILTER_EQUALS:
    case MC_FILTER_NOT_EQUALS:
      g_string_append_printf (where, filter->op == MC_FILTER_EQUALS ? "(%s IN (" : "(%s IS NULL OR %s NOT IN (",
                              value, value);
      for (guint i = 0; i < n; i++)
        g_string_append_printf (where, "%s%s%s", i > 0 ? ", " : "", add_param (c, filter->values[i]), cast);
      g_string_append (where, n == 0 ? "NULL))" : "))");
      break;
    case MC_FILTER_BETWEEN:
      g_string_append_printf (where, "%s BETWEEN %s%s AND ", value, add_param (c, n > 0 ? filter->values[0] : NULL), cast);
      g_string_append_printf (where, "%s%s", add_param (c, n > 1 ? filter->values[1] : NULL), cast);
      break;
    case MC_FILTER_CONTAINS:
      g_string_append_printf (where, "strpos (lower (%s::text), lower (%s)) > 0", value,
                              add_param (c, n > 0 ? filter->values[0] : ""));
      break;
    case MC_FILTER_MISSING:
    case MC_FILTER_PRESENT:
      g_string_append_printf (where, "%s IS %sNULL", value, filter->op == MC_FILTER_PRESENT ? "NOT " : "");
      break;
    default:
      g_string_append_printf (where, "%s %s %s%s", value, comparisons[filter->op],
                              add_param (c, n > 0 ? filter->values[0] : NULL), cast);
      break;
    }
}

/* Days since 1970 of a date or a timestamp (UTC, as the session is). */
static const char day_sql[] =
  "CASE WHEN pg_catalog.isfinite (time) THEN time::date - DATE '1970-01-01' END";

char *
mc_purchases_sql_compile (const McPurchasesQuery  *query,
                          McPgConnection          *connection,
                          GPtrArray               *params,
                          GError                 **error)
{
  Compiler c = { connection, params, g_string_new (NULL), g_ptr_array_new_with_free_func (g_free), error };
  g_autoptr(GString) lines = g_string_new ("SELECT ");
  g_autoptr(GString) where = g_string_new (NULL);
  g_autofree char *amount = NULL, *excluded = NULL, *source = NULL;
  char *sql = NULL;

  g_return_val_if_fail (query != NULL, NULL);

  for (guint f = 0; f < MC_PURCHASES_N_FIELDS && !c.failed; f++)
    {
      g_autofree char *value = query->fields[f] != NULL ? column_sql (&c, query->fields[f], outputs[f].kind) : NULL;

      static const char *nothing[] = { [KIND_TEXT] = "NULL::text", [KIND_NUMBER] = "NULL::float8",
                                       [KIND_TIME] = "NULL::timestamp" };

      g_string_append_printf (lines, "%s AS %s, ", value != NULL ? value : nothing[outputs[f].kind], outputs[f].name);
    }
  amount = amount_sql (&c, query);
  excluded = excluded_sql (&c, query);
  for (guint i = 0; i < query->filters->len && !c.failed; i++)
    append_filter (&c, where, query, &g_array_index (query->filters, McPurchasesFilter, i));
  if (!c.failed && mc_pg_table_get_origin (query->source) == NULL)
    server_type (&c, query->source, NULL);
  if (!c.failed)
    {
      source = qualified_table (&c, query->source);
      g_string_append_printf (lines, "CASE WHEN %s THEN NULL ELSE %s END AS amount FROM %s t0%s%s",
                              excluded, amount, source, c.joins->str, where->str);
      /* The returns rule and the day read the columns made above. */
      sql = g_strdup_printf ("SELECT *, %s AS is_return, %s AS day FROM (%s) lines", returns_sql (query), day_sql,
                             lines->str);
    }
  g_string_free (c.joins, TRUE);
  g_ptr_array_unref (c.join_keys);
  return sql;
}
