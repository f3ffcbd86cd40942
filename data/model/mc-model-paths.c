/* mc-model-paths.c: columns of related tables, and amount expressions
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A choice of the model may name a column two tables away from the
 * purchases (order_items → orders → customers.customer_unique_id); this
 * file finds the relations that lead there and the row each purchase
 * reaches, and evaluates amounts such as Quantity*UnitPrice.
 */
#define G_LOG_DOMAIN "mc-model"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "mc-key-set.h"
#include "mc-model-private.h"

void
_mc_model_column_clear (McModelColumn *self)
{
  g_clear_pointer (&self->path, g_array_unref);
  self->table = NULL;
  self->column = NULL;
}

char *
_mc_model_column_spec (McTable  *table,
                       McColumn *column)
{
  return g_strdup_printf ("%s.%s", mc_table_get_name (table), column->name);
}

/* Breadth first over the relations, so the shortest path wins: with a
 * relation to orders and one to reviews, order_items reaches customers
 * through orders. */
GArray *
_mc_model_find_path (McDataset *dataset,
                     McTable   *from,
                     McTable   *to)
{
  guint n_tables = mc_dataset_get_n_tables (dataset);
  g_autoptr(GHashTable) came_by = g_hash_table_new (NULL, NULL);   /* table → relation that reached it */
  g_autoptr(GQueue) queue = g_queue_new ();
  GArray *path;

  if (from == to)
    return g_array_new (FALSE, FALSE, sizeof (const McRelation *));
  g_hash_table_insert (came_by, from, NULL);
  g_queue_push_tail (queue, from);
  while (!g_queue_is_empty (queue) && !g_hash_table_contains (came_by, to))
    {
      McTable *table = g_queue_pop_head (queue);

      for (guint i = 0; i < mc_dataset_get_n_relations (dataset) && n_tables > 0; i++)
        {
          const McRelation *r = mc_dataset_get_relation (dataset, i);

          if (r->from_table != table || g_hash_table_contains (came_by, r->to_table))
            continue;
          g_hash_table_insert (came_by, r->to_table, (gpointer) r);
          g_queue_push_tail (queue, r->to_table);
        }
    }
  if (!g_hash_table_contains (came_by, to))
    return NULL;
  path = g_array_new (FALSE, FALSE, sizeof (const McRelation *));
  for (McTable *t = to; t != from;)
    {
      const McRelation *r = g_hash_table_lookup (came_by, t);

      g_array_prepend_val (path, r);
      t = r->from_table;
    }
  return path;
}

gssize *
_mc_model_resolve_path (GArray *path,
                        gsize   n_rows)
{
  gssize *rows = g_new (gssize, MAX (n_rows, 1));

  for (gsize r = 0; r < n_rows; r++)
    rows[r] = (gssize) r;
  for (guint i = 0; i < path->len; i++)
    {
      const McRelation *relation = g_array_index (path, const McRelation *, i);
      McColumn *from = mc_table_get_column (relation->from_table, relation->from_column);
      g_autoptr(McKeySet) keys = mc_key_set_new (mc_table_get_column (relation->to_table, relation->to_column));

      for (gsize r = 0; r < n_rows; r++)
        if (rows[r] >= 0)
          rows[r] = mc_key_set_lookup (keys, from, rows[r]);
    }
  return rows;
}

static McColumn *
find_column (McTable    *table,
             const char *name)
{
  McColumn *column = mc_table_lookup_column (table, name);

  for (guint c = 0; column == NULL && c < mc_table_get_n_columns (table); c++)
    if (g_ascii_strcasecmp (mc_table_get_column (table, c)->name, name) == 0)
      column = mc_table_get_column (table, c);
  return column;
}

static gboolean
lookup_in (McModelColumn *self,
           McDataset     *dataset,
           McTable       *from,
           McTable       *table,
           const char    *name)
{
  McColumn *column = find_column (table, name);
  GArray *path;

  if (column == NULL || (path = _mc_model_find_path (dataset, from, table)) == NULL)
    return FALSE;
  *self = (McModelColumn) { table, column, path };
  return TRUE;
}

gboolean
_mc_model_column_lookup (McModelColumn *self,
                         McDataset     *dataset,
                         McTable       *from,
                         const char    *spec)
{
  *self = (McModelColumn) { NULL };
  /* "table.column": the longest table name that SPEC starts with, since
   * table names may themselves hold dots. */
  for (guint t = 0; t < mc_dataset_get_n_tables (dataset); t++)
    {
      McTable *table = mc_dataset_get_table (dataset, t);
      const char *name = mc_table_get_name (table);
      gsize len = strlen (name);

      if (g_ascii_strncasecmp (spec, name, len) == 0 && spec[len] == '.'
          && (self->table == NULL || len > strlen (mc_table_get_name (self->table))))
        {
          McModelColumn found;

          if (lookup_in (&found, dataset, from, table, spec + len + 1))
            {
              _mc_model_column_clear (self);
              *self = found;
            }
        }
    }
  if (self->column != NULL)
    return TRUE;
  if (from != NULL && lookup_in (self, dataset, from, from, spec))
    return TRUE;
  for (guint t = 0; from != NULL && t < mc_dataset_get_n_tables (dataset); t++)
    if (lookup_in (self, dataset, from, mc_dataset_get_table (dataset, t), spec))
      return TRUE;
  return FALSE;
}

/* Expressions */

typedef struct
{
  McModelColumn column;      /* column NULL: a number */
  double        number;
} Factor;

typedef struct
{
  double  sign;              /* +1 or −1 */
  GArray *factors;           /* Factor, multiplied */
} Term;

struct _McModelExpr
{
  GArray    *terms;          /* Term, added */
  GPtrArray *columns;        /* McModelColumn *, borrowed from the factors */
  gssize   **rows;           /* per column: the row it reads for each purchase */
};

static void
term_clear (gpointer data)
{
  Term *term = data;

  for (guint i = 0; i < term->factors->len; i++)
    _mc_model_column_clear (&g_array_index (term->factors, Factor, i).column);
  g_array_unref (term->factors);
}

void
_mc_model_expr_free (McModelExpr *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; self->rows != NULL && i < self->columns->len; i++)
    g_free (self->rows[i]);
  g_free (self->rows);
  g_ptr_array_unref (self->columns);
  g_array_unref (self->terms);
  g_free (self);
}

/* The longest "table.column" or column name of FROM's reach that TEXT
 * starts with: names hold spaces and dashes ("Lineitem price"). */
static gsize
match_column (McModelColumn *found,
              McDataset     *dataset,
              McTable       *from,
              const char    *text)
{
  gsize best = 0;

  *found = (McModelColumn) { NULL };
  for (guint t = 0; t < mc_dataset_get_n_tables (dataset); t++)
    {
      McTable *table = mc_dataset_get_table (dataset, t);
      g_autoptr(GArray) path = _mc_model_find_path (dataset, from, table);

      for (guint c = 0; path != NULL && c < mc_table_get_n_columns (table); c++)
        {
          McColumn *column = mc_table_get_column (table, c);
          g_autofree char *qualified = _mc_model_column_spec (table, column);
          const char *names[] = { qualified, table == from ? column->name : NULL };

          for (guint i = 0; i < G_N_ELEMENTS (names); i++)
            {
              gsize len = names[i] != NULL ? strlen (names[i]) : 0;

              if (len > best && g_ascii_strncasecmp (text, names[i], len) == 0)
                {
                  _mc_model_column_clear (found);
                  *found = (McModelColumn) { table, column, g_array_ref (path) };
                  best = len;
                }
            }
        }
    }
  return best;
}

static gboolean
parse_factor (Factor      *factor,
              McDataset   *dataset,
              McTable     *from,
              const char **p,
              GError     **error)
{
  char *end;
  gsize len;

  while (g_ascii_isspace (**p))
    (*p)++;
  if ((len = match_column (&factor->column, dataset, from, *p)) > 0)
    {
      if (!mc_column_is_numeric (factor->column.column))
        {
          g_set_error (error, MC_MODEL_ERROR, MC_MODEL_ERROR_BAD_VALUE,
                       _("the column %s holds no numbers and cannot be part of an amount"), factor->column.column->name);
          _mc_model_column_clear (&factor->column);
          return FALSE;
        }
      *p += len;
      return TRUE;
    }
  factor->number = g_ascii_strtod (*p, &end);
  if (end == *p)
    {
      g_set_error (error, MC_MODEL_ERROR, MC_MODEL_ERROR_BAD_VALUE,
                   _("“%s” is neither a column of the purchases or of a table they refer to, nor a number"), *p);
      return FALSE;
    }
  *p = end;
  return TRUE;
}

static gboolean
parse_term (Term        *term,
            McDataset   *dataset,
            McTable     *from,
            const char **p,
            GError     **error)
{
  term->factors = g_array_new (FALSE, TRUE, sizeof (Factor));
  for (;;)
    {
      Factor factor = { { NULL } };

      if (!parse_factor (&factor, dataset, from, p, error))
        return FALSE;
      g_array_append_val (term->factors, factor);
      while (g_ascii_isspace (**p))
        (*p)++;
      if (**p != '*' && !g_str_has_prefix (*p, "×"))
        return TRUE;
      /* "×" is two bytes in UTF-8. */
      *p += g_str_has_prefix (*p, "×") ? strlen ("×") : 1;
    }
}

McModelExpr *
_mc_model_expr_parse (McDataset   *dataset,
                      McTable     *from,
                      const char  *text,
                      GError     **error)
{
  g_autoptr(McModelExpr) self = g_new0 (McModelExpr, 1);
  const char *p = text;
  double sign = 1;

  self->terms = g_array_new (FALSE, TRUE, sizeof (Term));
  g_array_set_clear_func (self->terms, term_clear);
  self->columns = g_ptr_array_new ();
  for (;;)
    {
      Term term = { sign, NULL };

      if (!parse_term (&term, dataset, from, &p, error))
        {
          if (term.factors != NULL)
            term_clear (&term);
          g_prefix_error (error, _("the amount “%s”: "), text);
          return NULL;
        }
      g_array_append_val (self->terms, term);
      while (g_ascii_isspace (*p))
        p++;
      if (*p == '\0')
        break;
      if (*p != '+' && *p != '-')
        {
          g_set_error (error, MC_MODEL_ERROR, MC_MODEL_ERROR_BAD_VALUE,
                       _("the amount “%s”: expected + - or * before “%s”"), text, p);
          return NULL;
        }
      sign = *p == '-' ? -1 : 1;
      p++;
    }
  for (guint t = 0; t < self->terms->len; t++)
    {
      GArray *factors = g_array_index (self->terms, Term, t).factors;

      for (guint f = 0; f < factors->len; f++)
        if (g_array_index (factors, Factor, f).column.column != NULL)
          g_ptr_array_add (self->columns, &g_array_index (factors, Factor, f).column);
    }
  return g_steal_pointer (&self);
}

static gboolean
factor_value (const Factor *factor,
              gssize        row,
              double       *value)
{
  if (factor->column.column == NULL)
    {
      *value = factor->number;
      return TRUE;
    }
  return row >= 0 && mc_column_get_double (factor->column.column, row, value) && isfinite (*value);
}

/* The row of FACTOR's table for purchase R, through the rows resolved
 * once per column. */
static gssize
factor_row (McModelExpr  *self,
            const Factor *factor,
            gsize         r)
{
  for (guint i = 0; i < self->columns->len; i++)
    if (g_ptr_array_index (self->columns, i) == &factor->column)
      return self->rows[i][r];
  return -1;
}

McColumn *
_mc_model_expr_evaluate (McModelExpr *self,
                         gsize        n_rows)
{
  McColumn *amount = mc_column_new ("amount", MC_COLUMN_TYPE_NUMBER, n_rows);

  self->rows = g_new0 (gssize *, MAX (self->columns->len, 1));
  for (guint i = 0; i < self->columns->len; i++)
    self->rows[i] = _mc_model_resolve_path (((McModelColumn *) g_ptr_array_index (self->columns, i))->path, n_rows);
  for (gsize r = 0; r < n_rows; r++)
    {
      double total = 0;
      gboolean present = TRUE;

      for (guint t = 0; t < self->terms->len && present; t++)
        {
          const Term *term = &g_array_index (self->terms, Term, t);
          double product = term->sign;

          for (guint f = 0; f < term->factors->len && present; f++)
            {
              const Factor *factor = &g_array_index (term->factors, Factor, f);
              double value;

              present = factor_value (factor, factor->column.column != NULL ? factor_row (self, factor, r) : 0, &value);
              product *= value;
            }
          total += product;
        }
      if (present)
        amount->v.f64[r] = total;
      else
        mc_column_set_missing (amount, r);
    }
  return amount;
}

guint
_mc_model_expr_get_n_terms (McModelExpr *self)
{
  return self->terms->len;
}

double
_mc_model_expr_get_term (McModelExpr *self,
                         guint        term,
                         guint       *n_factors)
{
  const Term *t = &g_array_index (self->terms, Term, term);

  *n_factors = t->factors->len;
  return t->sign;
}

const McModelColumn *
_mc_model_expr_get_factor (McModelExpr *self,
                           guint        term,
                           guint        factor,
                           double      *number)
{
  const Factor *f = &g_array_index (g_array_index (self->terms, Term, term).factors, Factor, factor);

  *number = f->number;
  return f->column.column != NULL ? &f->column : NULL;
}

/* Reviews */

/**
 * _mc_model_reviews_lookup:
 *
 * A review score kept in a table that refers to what the purchases
 * reach (Olist's order_reviews.review_score, keyed by the order): the
 * other way round from a column the purchases refer to. SPEC is
 * "table.column"; RELATION receives the relation from the reviews to
 * the reviewed table, PATH the purchases' path to that table.
 */
gboolean
_mc_model_reviews_lookup (McDataset         *dataset,
                          McTable           *from,
                          const char        *spec,
                          McColumn         **score,
                          const McRelation **relation,
                          GArray           **path)
{
  for (guint t = 0; t < mc_dataset_get_n_tables (dataset); t++)
    {
      McTable *table = mc_dataset_get_table (dataset, t);
      const char *name = mc_table_get_name (table);
      gsize len = strlen (name);
      McColumn *column;

      if (g_ascii_strncasecmp (spec, name, len) != 0 || spec[len] != '.'
          || (column = find_column (table, spec + len + 1)) == NULL || !mc_column_is_numeric (column))
        continue;
      for (guint i = 0; i < mc_dataset_get_n_relations (dataset); i++)
        {
          const McRelation *r = mc_dataset_get_relation (dataset, i);

          if (r->from_table != table || (*path = _mc_model_find_path (dataset, from, r->to_table)) == NULL)
            continue;
          *score = column;
          *relation = r;
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * _mc_model_reviews_per_order:
 *
 * For N purchases, the mean SCORE of the reviews of what each reaches
 * through PATH, on the first purchase that reaches it (its other lines
 * missing, so an order of three lines counts its reviews once); COUNT
 * receives how many reviewed things have several reviews.
 */
McColumn *
_mc_model_reviews_per_order (McColumn         *score,
                             const McRelation *relation,
                             GArray           *path,
                             gsize             n,
                             gsize            *several)
{
  McTable *reviewed = relation->to_table;
  gsize n_reviewed = mc_table_get_n_rows (reviewed);
  g_autofree double *sum = g_new0 (double, MAX (n_reviewed, 1));
  g_autofree guint *count = g_new0 (guint, MAX (n_reviewed, 1));
  g_autofree gssize *targets = _mc_model_resolve_path (path, n);
  g_autofree gboolean *given = g_new0 (gboolean, MAX (n_reviewed, 1));
  g_autoptr(McKeySet) keys = mc_key_set_new (mc_table_get_column (reviewed, relation->to_column));
  McColumn *from = mc_table_get_column (relation->from_table, relation->from_column);
  McColumn *mean = mc_column_new (score->name, MC_COLUMN_TYPE_NUMBER, n);

  *several = 0;
  for (gsize r = 0; r < score->n_rows; r++)
    {
      gssize target = mc_key_set_lookup (keys, from, r);
      double value;

      if (target < 0 || !mc_column_get_double (score, r, &value) || !isfinite (value))
        continue;
      sum[target] += value;
      *several += ++count[target] == 2;
    }
  for (gsize r = 0; r < n; r++)
    {
      gssize target = targets[r];

      if (target < 0 || count[target] == 0 || given[target])
        {
          mc_column_set_missing (mean, r);
          continue;
        }
      mean->v.f64[r] = sum[target] / count[target];
      given[target] = TRUE;
    }
  return mean;
}
