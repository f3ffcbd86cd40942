/* mc-roles.c: what a column means to the analyses
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Roles are inferred from column names (snake_case, camelCase, spaces,
 * the names real e-commerce exports use) and checked against the
 * column's type and values, so the same analyses run on automotive
 * sales, electronics purchase logs and shop event data alike.
 */
#define G_LOG_DOMAIN "mc-roles"

#include "config.h"

#include <string.h>

#include "mc-roles.h"

static const char *role_names[MC_N_ROLES] = {
  "none", "customer_id", "product_id", "order_id", "visit_id", "event_time",
  "amount", "list_price", "quantity", "category", "brand", "product_name",
  "channel", "rating", "email", "gender", "country", "city", "visit_start",
  "visit_end", "event_type", "device_id", "release_date", "status",
  "first_name", "last_name", "currency", "id", "segment", "return",
};

const char *
mc_role_to_string (McRole role)
{
  g_return_val_if_fail (role < MC_N_ROLES, NULL);

  return role_names[role];
}

gboolean
mc_role_from_string (const char *name,
                     McRole     *role)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < MC_N_ROLES; i++)
    if (g_str_equal (name, role_names[i]))
      {
        *role = i;
        return TRUE;
      }
  return FALSE;
}

/* Words of e-commerce exports, for names written in one piece. */
static const char *vocabulary[] = {
  "order", "orders", "number", "line", "lines", "item", "items", "product", "products", "customer", "customers",
  "client", "name", "first", "last", "date", "time", "timestamp", "quantity", "qty", "ordered", "price", "each",
  "unit", "sales", "sale", "total", "amount", "status", "code", "category", "type", "country", "city", "state",
  "postal", "zip", "phone", "address", "territory", "deal", "size", "msrp", "year", "month", "day", "qtr",
  "invoice", "stock", "description", "contact", "email", "user", "session", "event", "brand", "discount",
  "shipping", "ship", "freight", "tax", "payment", "method", "channel", "platform", "source", "store", "review",
  "rating", "score", "value", "created", "updated", "paid", "currency", "gender", "age", "segment", "region",
  "market", "profit", "mode", "sub", "transaction", "purchase", "visit", "start", "end", "device", "location",
  "release", "model", "fuel", "id", "no", "nr", "num", "key", "uuid", "count", "net", "gross", "cost", "list",
  "shop", "ticket", "receipt", "seller", "vendor", "supplier", "buyer", "member", "account", "title", "group",
  "family", "class", "department", "genre", "qtd", "units", "revenue", "lifetime", "at", "in", "of", "by",
};

/* "QUANTITYORDERED" → "quantity_ordered", "ordernumber" → "order_number":
 * a name in one piece cut into known words, longest first, when it can
 * be cut wholly; NULL otherwise. */
static char *
split_one_piece (const char *lower)
{
  gsize len = strlen (lower);
  g_autofree int *cut_at = g_new0 (int, len + 1);   /* length of the word ending here, 0: no cut */

  if (len < 7)
    return NULL;
  cut_at[0] = -1;
  for (gsize end = 1; end <= len; end++)
    for (guint w = 0; w < G_N_ELEMENTS (vocabulary); w++)
      {
        gsize n = strlen (vocabulary[w]);

        if (n <= end && cut_at[end - n] != 0 && (gsize) cut_at[end] < n
            && strncmp (lower + end - n, vocabulary[w], n) == 0)
          cut_at[end] = (int) n;
      }
  if (cut_at[len] == 0)
    return NULL;
  {
    GString *out = g_string_new (NULL);

    for (gsize end = len; end > 0; end -= cut_at[end])
      {
        g_string_prepend_len (out, lower + end - cut_at[end], cut_at[end]);
        if (end - cut_at[end] > 0)
          g_string_prepend_c (out, '_');
      }
    return g_string_free (out, FALSE);
  }
}

/* "purchaseDate", "Purchase Date" and "purchase-date" all become
 * "purchase_date"; "ORDERNUMBER" becomes "order_number". */
char *
mc_roles_normalise_name (const char *name)
{
  GString *out = g_string_new (NULL);
  char *split;

  for (const char *p = name; *p; p++)
    {
      if (g_ascii_isupper (*p) && p > name && g_ascii_islower (p[-1]))
        g_string_append_c (out, '_');
      if (g_ascii_isalnum (*p))
        g_string_append_c (out, g_ascii_tolower (*p));
      else if (out->len > 0 && out->str[out->len - 1] != '_')
        g_string_append_c (out, '_');
    }
  while (out->len > 0 && out->str[out->len - 1] == '_')
    g_string_truncate (out, out->len - 1);
  if (strchr (out->str, '_') == NULL && (split = split_one_piece (out->str)) != NULL)
    {
      g_string_free (out, TRUE);
      return split;
    }
  return g_string_free (out, FALSE);
}

/* Whether NAME has WORD as one of its '_'-separated words. */
static gboolean
has_word (const char *name,
          const char *word)
{
  gsize len = strlen (word);

  for (const char *p = strstr (name, word); p != NULL; p = strstr (p + 1, word))
    if ((p == name || p[-1] == '_') && (p[len] == '\0' || p[len] == '_'))
      return TRUE;
  return FALSE;
}

gboolean
mc_roles_has_any_word (const char         *name,
                       const char * const *words)
{
  for (guint i = 0; words[i] != NULL; i++)
    if (has_word (name, words[i]))
      return TRUE;
  return FALSE;
}

/* "InvoiceNo", "order_number", "Ticket Nr", "StockCode": numbers or
 * codes of an order, an invoice, a product… which may carry letters
 * ("C536379", "85123A") and are never amounts. LOWER is lowercased. */
gboolean
mc_roles_is_numbered_key (const char *lower)
{
  static const char *things[] = {
    "invoice", "order", "transaction", "ticket", "receipt", "bill", "customer", "client", "stock", "product",
    "item", "article", "sku", "sale",
  };
  static const char *suffixes[] = { "no", "nr", "num", "number", "code" };
  gsize len = strlen (lower);

  for (guint s = 0; s < G_N_ELEMENTS (suffixes); s++)
    {
      gsize n = strlen (suffixes[s]);
      gsize stem;

      if (len <= n || !g_str_has_suffix (lower, suffixes[s]))
        continue;
      stem = len - n;
      /* "invoice_no", "invoice no", "invoiceno", "invoice.no" */
      if (lower[stem - 1] == '_' || lower[stem - 1] == ' ' || lower[stem - 1] == '.' || lower[stem - 1] == '-')
        stem--;
      for (guint t = 0; t < G_N_ELEMENTS (things); t++)
        if (stem >= strlen (things[t]) && strncmp (lower + stem - strlen (things[t]), things[t], strlen (things[t])) == 0)
          return TRUE;
    }
  return FALSE;
}

#define WORDS(...) ((const char * const[]) { __VA_ARGS__, NULL })

McEntity
mc_roles_entity_of (const char *name)
{
  g_autofree char *n = mc_roles_normalise_name (name);

  /* Order lines are parts of orders, not products, whatever they hold;
   * an order's reviews and payments are about it but are not orders. */
  if (mc_roles_has_any_word (n, WORDS ("line", "lines", "review", "reviews", "payment", "payments")))
    return MC_ENTITY_NONE;
  if (mc_roles_has_any_word (n, WORDS ("customer", "customers", "user", "users", "client", "clients",
                              "buyer", "buyers", "member", "members", "shopper", "shoppers")))
    return MC_ENTITY_CUSTOMER;
  if (mc_roles_has_any_word (n, WORDS ("order", "orders", "transaction", "transactions", "sale", "sales",
                              "purchase", "purchases", "invoice", "invoices", "deal", "deals")))
    return MC_ENTITY_ORDER;
  if (mc_roles_has_any_word (n, WORDS ("product", "products", "car", "cars", "item", "items", "article",
                              "articles", "sku", "skus", "vehicle", "vehicles", "stock")))
    return MC_ENTITY_PRODUCT;
  if (mc_roles_has_any_word (n, WORDS ("visit", "visits", "session", "sessions", "event", "events")))
    return MC_ENTITY_VISIT;
  if (mc_roles_has_any_word (n, WORDS ("device", "devices")))
    return MC_ENTITY_DEVICE;
  return MC_ENTITY_NONE;
}

static McRole
role_of_entity (McEntity entity)
{
  switch (entity)
    {
    case MC_ENTITY_CUSTOMER: return MC_ROLE_CUSTOMER_ID;
    case MC_ENTITY_PRODUCT: return MC_ROLE_PRODUCT_ID;
    case MC_ENTITY_ORDER: return MC_ROLE_ORDER_ID;
    case MC_ENTITY_VISIT: return MC_ROLE_VISIT_ID;
    case MC_ENTITY_DEVICE: return MC_ROLE_DEVICE_ID;
    case MC_ENTITY_NONE:
    default:
      return MC_ROLE_ID;
    }
}

static gboolean
is_key_name (const char *n)
{
  /* A till log's "Transaction" or "Ticket" column numbers the sale. */
  static const char *numbering[] = { "transaction", "invoice", "ticket", "receipt", "order" };

  for (guint i = 0; i < G_N_ELEMENTS (numbering); i++)
    if (g_str_equal (n, numbering[i]))
      return TRUE;
  return mc_roles_is_numbered_key (n) || g_str_equal (n, "id") || g_str_has_suffix (n, "_id") || g_str_has_suffix (n, "_key")
      || g_str_has_suffix (n, "_uuid");
}

/* "sales" → "sale", "categories" → "category". */
char *
mc_roles_singular (const char *name)
{
  g_autofree char *n = mc_roles_normalise_name (name);
  gsize len = strlen (n);

  if (len > 3 && g_str_has_suffix (n, "ies"))
    return g_strdup_printf ("%.*sy", (int) (len - 3), n);
  if (len > 1 && n[len - 1] == 's' && n[len - 2] != 's')
    return g_strndup (n, len - 1);
  return g_steal_pointer (&n);
}

/* A key means the entity its name speaks of ("car_id": product); a
 * table's own key named after the table ("id", "line_item_id" in
 * line_items) means the table's entity. */
static McRole
infer_key_role (McTable    *table,
                const char *n)
{
  const char *last = strrchr (n, '_');
  /* "invoiceno" has no '_': the thing it numbers is all the name says. */
  g_autofree char *stem = g_str_equal (n, "id") ? g_strdup ("") : last != NULL ? g_strndup (n, last - n) : g_strdup (n);
  g_autofree char *own = mc_roles_singular (mc_table_get_name (table));
  McEntity named = mc_roles_entity_of (stem);

  if (stem[0] == '\0' || g_str_equal (stem, own))
    named = mc_roles_entity_of (own);
  return role_of_entity (named);
}

static gboolean
is_product_table (McTable *table)
{
  return mc_roles_entity_of (mc_table_get_name (table)) == MC_ENTITY_PRODUCT;
}

static McRole
infer_time_role (McTable    *table,
                 const char *n)
{
  if (mc_roles_has_any_word (n, WORDS ("start", "begin", "started", "from")))
    return MC_ROLE_VISIT_START;
  if (mc_roles_has_any_word (n, WORDS ("end", "finish", "stop", "ended", "until", "to")))
    return MC_ROLE_VISIT_END;
  if (mc_roles_has_any_word (n, WORDS ("release", "launch", "released", "introduced")))
    return MC_ROLE_RELEASE_DATE;
  if (is_product_table (table))
    return MC_ROLE_NONE;
  return MC_ROLE_EVENT_TIME;
}

static gboolean
values_look_like_emails (McColumn *column)
{
  gsize with_at = 0, seen = 0;

  for (gsize r = 0; r < column->n_rows && seen < 1000; r++)
    {
      const char *text = mc_column_get_string (column, r);

      if (text == NULL)
        continue;
      seen++;
      with_at += strchr (text, '@') != NULL;
    }
  return seen > 0 && with_at * 2 >= seen;
}

/* Scores on a scale of at most ten, allowing a few off it (reviews of 11
 * on a 1–5 column are what out_of_range is there to find). */
static gboolean
is_small_scale (McColumn *column)
{
  gsize present = 0, off = 0;

  for (gsize r = 0; r < column->n_rows; r++)
    {
      double v;

      if (!mc_column_get_double (column, r, &v))
        continue;
      present++;
      off += v < 0 || v > 10;
    }
  return off * 50 <= present;
}

static McRole
infer_number_role (McTable    *table,
                   McColumn   *column,
                   const char *n)
{
  if (mc_roles_has_any_word (n, WORDS ("rating", "review", "score", "stars", "satisfaction", "user_review"))
      && is_small_scale (column))
    return MC_ROLE_RATING;
  if ((mc_roles_has_any_word (n, WORDS ("quantity", "qty", "units", "cds", "pieces")) || g_str_has_prefix (n, "number_of"))
      && !is_product_table (table))
    return MC_ROLE_QUANTITY;
  /* "payment_sequential", "payment_installments": counts about money. */
  if (mc_roles_has_any_word (n, WORDS ("sequential", "sequence", "seq", "installments", "installment", "count",
                                       "number", "index", "position", "rank")))
    return MC_ROLE_NONE;
  if (mc_roles_has_any_word (n, WORDS ("price", "msrp", "list")) && is_product_table (table))
    return MC_ROLE_LIST_PRICE;
  if (mc_roles_has_any_word (n, WORDS ("price", "amount", "revenue", "total", "value", "cost", "spend",
                              "spent", "paid", "payment", "dollar", "sales", "turnover")))
    return MC_ROLE_AMOUNT;
  return MC_ROLE_NONE;
}

static McRole
infer_text_role (McTable    *table,
                 McColumn   *column,
                 const char *n)
{
  const struct { McRole role; const char * const *words; } by_name[] = {
    { MC_ROLE_GENDER, WORDS ("gender", "sex") },
    { MC_ROLE_FIRST_NAME, WORDS ("first_name", "firstname", "given_name", "forename") },
    { MC_ROLE_LAST_NAME, WORDS ("last_name", "lastname", "surname", "family_name") },
    { MC_ROLE_COUNTRY, WORDS ("country", "nation", "location") },
    { MC_ROLE_CITY, WORDS ("city", "town") },
    { MC_ROLE_CHANNEL, WORDS ("platform", "channel", "source", "medium", "origin", "store_type") },
    { MC_ROLE_BRAND, WORDS ("brand", "make", "manufacturer") },
    { MC_ROLE_EVENT_TYPE, WORDS ("visit_type", "event_type", "action", "activity", "interaction") },
    { MC_ROLE_STATUS, WORDS ("status", "state_of_order") },
    { MC_ROLE_CURRENCY, WORDS ("currency") },
    { MC_ROLE_CATEGORY, WORDS ("category", "category_code", "fuel_type", "product_type", "product_line", "segment",
                               "department", "product_category_name", "business_segment", "genre") },
  };

  if (mc_roles_has_any_word (n, WORDS ("email", "e_mail", "mail")) || values_look_like_emails (column))
    return values_look_like_emails (column) ? MC_ROLE_EMAIL : MC_ROLE_NONE;
  for (guint i = 0; i < G_N_ELEMENTS (by_name); i++)
    if (mc_roles_has_any_word (n, by_name[i].words))
      return by_name[i].role;
  if (is_product_table (table) && mc_roles_has_any_word (n, WORDS ("name", "model", "title", "car_model", "product_name")))
    return MC_ROLE_PRODUCT_NAME;
  if (has_word (n, "type") && is_product_table (table))
    return MC_ROLE_CATEGORY;
  return MC_ROLE_NONE;
}

/* Infers the role of COLUMN in TABLE; the table's primary key must be
 * known already. */
McRole
mc_roles_infer (McTable  *table,
                McColumn *column)
{
  g_autofree char *n = mc_roles_normalise_name (column->name);

  g_return_val_if_fail (MC_IS_TABLE (table), MC_ROLE_NONE);
  g_return_val_if_fail (column != NULL, MC_ROLE_NONE);

  switch (column->type)
    {
    case MC_COLUMN_TYPE_IDENTIFIER:
      if (has_word (n, "device") || has_word (n, "device_id"))
        return MC_ROLE_DEVICE_ID;
      return is_key_name (n) ? infer_key_role (table, n) : MC_ROLE_NONE;
    case MC_COLUMN_TYPE_DATE:
    case MC_COLUMN_TYPE_DATETIME:
      return infer_time_role (table, n);
    case MC_COLUMN_TYPE_INTEGER:
    case MC_COLUMN_TYPE_NUMBER:
      if (is_key_name (n))
        return infer_key_role (table, n);
      return infer_number_role (table, column, n);
    case MC_COLUMN_TYPE_CATEGORY:
    case MC_COLUMN_TYPE_TEXT:
      return infer_text_role (table, column, n);
    case MC_COLUMN_TYPE_BOOLEAN:
    case MC_N_COLUMN_TYPES:
    default:
      return MC_ROLE_NONE;
    }
}
