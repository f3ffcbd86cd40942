/* mc-table-model.c: a table's rows as a list model, made on demand
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A million rows must not mean a million objects: get_item() makes a
 * tiny row object when the view asks for one (as gtk-demo's colour list
 * does for 16 M items), and cells read straight from the column arrays.
 */
#define G_LOG_DOMAIN "mc-table-model"

#include "config.h"

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
};

static GType
mc_table_model_get_item_type (GListModel *model)
{
  return MC_TYPE_TABLE_ROW;
}

static guint
mc_table_model_get_n_items (GListModel *model)
{
  return mc_table_get_n_rows (MC_TABLE_MODEL (model)->table);
}

static gpointer
mc_table_model_get_item (GListModel *model,
                         guint       position)
{
  McTableRow *row;

  if (position >= mc_table_get_n_rows (MC_TABLE_MODEL (model)->table))
    return NULL;
  row = g_object_new (MC_TYPE_TABLE_ROW, NULL);
  row->index = position;
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
  g_clear_object (&MC_TABLE_MODEL (object)->table);

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
