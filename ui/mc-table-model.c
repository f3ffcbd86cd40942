/* mc-table-model.c: a table's rows as a list model, made on demand
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A million rows must not mean a million objects: get_item() makes a
 * tiny row object when the view asks for one (as gtk-demo's colour list
 * does for 16 M items), and cells read straight from the column arrays.
 */
#define G_LOG_DOMAIN "mc-table-model"

#include "config.h"

#include <string.h>

#include "mc-query.h"
#include "mc-table-model.h"

struct _McTableRow
{
  GObject parent_instance;
  guint   index;
};

G_DEFINE_FINAL_TYPE (McTableRow, mc_table_row, G_TYPE_OBJECT)

static void
mc_table_row_class_init (McTableRowClass *klass)
{
}

static void
mc_table_row_init (McTableRow *self)
{
}

guint
mc_table_row_get_index (McTableRow *self)
{
  g_return_val_if_fail (MC_IS_TABLE_ROW (self), 0);

  return self->index;
}

struct _McTableModel
{
  GObject  parent_instance;
  McTable *table;
  guint   *order;        /* the rows in sorted order; NULL: the file's */
  guint   *visible;      /* the rows shown, in that order; NULL: all */
  guint    n_visible;
  char    *search;       /* casefolded, or NULL */
};

static GType
mc_table_model_get_item_type (GListModel *model)
{
  return MC_TYPE_TABLE_ROW;
}

static guint
mc_table_model_get_n_items (GListModel *model)
{
  McTableModel *self = MC_TABLE_MODEL (model);

  return self->visible != NULL ? self->n_visible : mc_table_get_n_rows (self->table);
}

static gpointer
mc_table_model_get_item (GListModel *model,
                         guint       position)
{
  McTableModel *self = MC_TABLE_MODEL (model);
  McTableRow *row;

  if (position >= mc_table_model_get_n_items (model))
    return NULL;
  row = g_object_new (MC_TYPE_TABLE_ROW, NULL);
  row->index = self->visible != NULL ? self->visible[position] : self->order != NULL ? self->order[position] : position;
  return row;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = mc_table_model_get_item_type;
  iface->get_n_items = mc_table_model_get_n_items;
  iface->get_item = mc_table_model_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (McTableModel, mc_table_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
mc_table_model_dispose (GObject *object)
{
  McTableModel *self = MC_TABLE_MODEL (object);

  g_clear_pointer (&self->order, g_free);
  g_clear_pointer (&self->visible, g_free);
  g_clear_pointer (&self->search, g_free);
  g_clear_object (&self->table);

  G_OBJECT_CLASS (mc_table_model_parent_class)->dispose (object);
}

static void
mc_table_model_class_init (McTableModelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = mc_table_model_dispose;
}

static void
mc_table_model_init (McTableModel *self)
{
}

McTableModel *
mc_table_model_new (McTable *table)
{
  McTableModel *self;

  g_return_val_if_fail (MC_IS_TABLE (table), NULL);

  self = g_object_new (MC_TYPE_TABLE_MODEL, NULL);
  self->table = g_object_ref (table);
  return self;
}

McTable *
mc_table_model_get_table (McTableModel *self)
{
  g_return_val_if_fail (MC_IS_TABLE_MODEL (self), NULL);

  return self->table;
}

/* Sorting */

typedef struct
{
  const guint32 *codes;     /* each row's rank in the column's order */
  gboolean       descending;
} SortBy;

/* Missing values last whatever the direction; ties by row, for a
 * stable order. */
static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  const SortBy *by = data;
  guint x = *(const guint *) a, y = *(const guint *) b;
  guint32 u = by->codes[x], v = by->codes[y];
  int order;

  if (u == MC_NO_CODE || v == MC_NO_CODE)
    order = (u == MC_NO_CODE) - (v == MC_NO_CODE);
  else
    order = by->descending ? (u < v) - (u > v) : (u > v) - (u < v);
  return order != 0 ? order : (x > y) - (x < y);
}

static gboolean
row_matches (McTableModel *self,
             guint         row)
{
  for (guint c = 0; c < mc_table_get_n_columns (self->table); c++)
    {
      g_autofree char *text = mc_column_format_value (mc_table_get_column (self->table, c), row);
      g_autofree char *folded = text != NULL ? g_utf8_casefold (text, -1) : NULL;

      if (folded != NULL && strstr (folded, self->search) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* The rows to show: sorted, then searched. */
static void
refresh (McTableModel *self)
{
  guint before = mc_table_model_get_n_items (G_LIST_MODEL (self)), n = mc_table_get_n_rows (self->table);

  g_clear_pointer (&self->visible, g_free);
  self->n_visible = 0;
  if (self->search != NULL)
    {
      self->visible = g_new (guint, MAX (n, 1));
      for (guint i = 0; i < n; i++)
        {
          guint row = self->order != NULL ? self->order[i] : i;

          if (row_matches (self, row))
            self->visible[self->n_visible++] = row;
        }
    }
  g_list_model_items_changed (G_LIST_MODEL (self), 0, before, mc_table_model_get_n_items (G_LIST_MODEL (self)));
}

void
mc_table_model_sort (McTableModel *self,
                     int           column,
                     gboolean      descending)
{
  guint n;
  McKeyCodes codes;
  SortBy by;

  g_return_if_fail (MC_IS_TABLE_MODEL (self));
  g_return_if_fail (column < (int) mc_table_get_n_columns (self->table));

  g_clear_pointer (&self->order, g_free);
  if (column >= 0)
    {
      /* Ranks first (times, numbers, then text in their natural order):
       * comparing them is cheap, comparing cells is not. */
      n = mc_table_get_n_rows (self->table);
      mc_key_codes_init (&codes, (McColumnRef) { mc_table_get_column (self->table, column), NULL }, MC_BUCKET_NONE, n);
      by = (SortBy) { codes.codes, descending };
      self->order = g_new (guint, MAX (n, 1));
      for (guint i = 0; i < n; i++)
        self->order[i] = i;
      g_qsort_with_data (self->order, n, sizeof (guint), compare_rows, &by);
      mc_key_codes_clear (&codes);
    }
  refresh (self);
}

void
mc_table_model_search (McTableModel *self,
                       const char   *text)
{
  g_return_if_fail (MC_IS_TABLE_MODEL (self));

  g_clear_pointer (&self->search, g_free);
  if (text != NULL && text[0] != '\0')
    self->search = g_utf8_casefold (text, -1);
  refresh (self);
}
