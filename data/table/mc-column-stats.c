/* mc-column-stats.c: what describe and the analyses ask of a whole
 * column: sorted values, quantiles, the median and its extremes
 * (distinct counts and summaries are in mc-column-summary.c)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-column"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mc-buffer.h"
#include "mc-column.h"

/* Records the number of distinct values of a UUID column, counted by a
 * key set over all its rows, so that describing the column after
 * inferring keys does not hash it again. */
void
_mc_column_set_distinct (McColumn *self,
                         gsize     distinct)
{
  g_assert (self->is_uuid);

  self->distinct_plus_one = distinct + 1;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

void
mc_sort_doubles (double *values,
                 gsize   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
}

/* The Q quantile of sorted VALUES with linear interpolation (pandas'
 * and numpy's default). */
double
mc_quantile (const double *values,
             gsize         n,
             double        q)
{
  double position = q * (n - 1);
  gsize below = (gsize) floor (position);
  gsize above = MIN (below + 1, n - 1);

  g_return_val_if_fail (n > 0, NAN);

  return values[below] + (values[above] - values[below]) * (position - below);
}

/* Reorders VALUES so that VALUES[NTH] is the value a sort would put
 * there, the smaller ones before it and the larger ones after (Hoare's
 * selection, median of three pivots): linear, where a sort is not. */
static void
select_nth (double *values,
            gsize   n,
            gsize   nth)
{
  gssize low = 0, high = (gssize) n - 1, target = (gssize) nth;

  while (low < high)
    {
      gssize i = low, j = high, mid = low + (high - low) / 2;
      double a = values[low], b = values[mid], c = values[high];
      double pivot = a < b ? (b < c ? b : MAX (a, c)) : (a < c ? a : MAX (b, c));

      /* Afterwards [low, j] holds values <= pivot, [i, high] values >=
       * pivot, and anything between them equals the pivot. */
      while (i <= j)
        {
          while (values[i] < pivot)
            i++;
          while (values[j] > pivot)
            j--;
          if (i <= j)
            {
              double swap = values[i];

              values[i++] = values[j];
              values[j--] = swap;
            }
        }
      if (target <= j)
        high = j;
      else if (target >= i)
        low = i;
      else
        return;
    }
}

/* The median of VALUES (no NAN), as mc_quantile() of them sorted would
 * give, reordering them instead of sorting. */
double
mc_median_in_place (double *values,
                    gsize   n)
{
  gsize below = (n - 1) / 2, above = MIN (below + 1, n - 1);
  double next = INFINITY;

  g_return_val_if_fail (n > 0, NAN);

  select_nth (values, n, below);
  for (gsize i = below + 1; i < n; i++)
    next = MIN (next, values[i]);
  if (above == below)
    next = values[below];
  return values[below] + (next - values[below]) * (0.5 * (n - 1) - below);
}

/* The column's non-missing values as doubles, sorted; N receives how
 * many. */
double *
mc_column_sorted_values (const McColumn *self,
                         gsize          *n)
{
  double *values;

  g_return_val_if_fail (self != NULL, NULL);

  values = g_new (double, MAX (self->n_rows, 1));
  *n = 0;
  for (gsize r = 0; r < self->n_rows; r++)
    if (mc_column_get_double (self, r, &values[*n]))
      (*n)++;
  mc_sort_doubles (values, *n);
  return values;
}

/* Orders strings of digits by value ("9999" before "10000") and other
 * strings bytewise. */
int
mc_compare_text (const char *a,
                 const char *b)
{
  gsize la = strlen (a), lb = strlen (b);

  if (la != lb && la > 0 && lb > 0
      && strspn (a, "0123456789") == la && strspn (b, "0123456789") == lb)
    return la < lb ? -1 : 1;
  return strcmp (a, b);
}

/* The extreme text of a dictionary-coded column, compared once per code
 * used rather than once per row: equal texts print the same, so which of
 * their rows is returned does not matter. */
static gssize
find_extreme_code_row (const McColumn *self,
                       int             sign)
{
  g_autofree gssize *first_row = g_new (gssize, MAX (self->dict->len, 1));
  gssize best = -1;

  for (guint code = 0; code < self->dict->len; code++)
    first_row[code] = -1;
  for (gsize r = self->n_rows; r-- > 0;)
    if (!mc_column_is_missing (self, r))
      first_row[self->v.codes[r]] = r;
  for (guint code = 0; code < self->dict->len; code++)
    if (first_row[code] >= 0
        && (best < 0 || sign * mc_compare_text (g_ptr_array_index (self->dict, code),
                                                mc_column_get_string (self, best)) < 0))
      best = first_row[code];
  return best;
}

/* Whether ROW's value comes before BEST's (SIGN 1) or after (SIGN -1);
 * numbers compare as doubles, counts and times as integers. */
static inline gboolean
is_beyond (const McColumn *self,
           gsize           row,
           gsize           best,
           int             sign)
{
  int cmp;

  if (self->is_uuid)
    cmp = memcmp (self->v.uuids + row * 16, self->v.uuids + best * 16, 16);
  else if (self->type == MC_COLUMN_TYPE_INTEGER || self->type == MC_COLUMN_TYPE_DATETIME)
    cmp = (self->v.i64[row] > self->v.i64[best]) - (self->v.i64[row] < self->v.i64[best]);
  else
    {
      double a = 0, b = 0;

      mc_column_get_double (self, row, &a);
      mc_column_get_double (self, best, &b);
      cmp = (a > b) - (a < b);
    }
  return cmp * sign < 0;
}

/* Finds the row holding the smallest (SIGN 1) or largest (SIGN -1) value,
 * the first of equal ones; strings compare in UTF-8 collation-free byte
 * order, which is what a stable, locale-independent JSON output needs. */
static gssize
find_extreme_row (const McColumn *self,
                  int             sign)
{
  gssize best = -1;

  if (mc_column_has_codes (self))
    return find_extreme_code_row (self, sign);
  for (gsize r = 0; r < self->n_rows; r++)
    if (!mc_column_is_missing (self, r) && (best < 0 || is_beyond (self, r, best, sign)))
      best = r;
  return best;
}

char *
mc_column_format_min (const McColumn *self)
{
  gssize row;

  g_return_val_if_fail (self != NULL, NULL);

  row = find_extreme_row (self, 1);
  return row < 0 ? NULL : mc_column_format_value (self, row);
}

char *
mc_column_format_max (const McColumn *self)
{
  gssize row;

  g_return_val_if_fail (self != NULL, NULL);

  row = find_extreme_row (self, -1);
  return row < 0 ? NULL : mc_column_format_value (self, row);
}
