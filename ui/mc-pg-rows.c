/* mc-pg-rows.c: a database table's rows, fetched a page at a time as they are scrolled to
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Tables page's rows of a table on a server: keyset pages
 * (data/io/mc-pg-page.c) read on a worker, appended as they come, so
 * that a table of millions of rows shows its first rows at once and
 * never comes whole over the network.
 */
#define G_LOG_DOMAIN "mc-pg-rows"

#include "config.h"

#include "mc-pg-page.h"
#include "mc-pg-rows.h"
#include "mc-widget-utils.h"

/* Enough rows to fill a tall window several times over. */
#define PAGE_ROWS 200

struct _McPgRows
{
  GObject       parent_instance;

  McTable      *table;
  McPgPager    *pager;      /* used by the worker while loading */
  GPtrArray    *rows;       /* GtkStringList * */
  GCancellable *cancellable;
  GError       *error;
  guint         n_pages;
  int           sort_column;
  gboolean      descending;
  char         *search;     /* NULL: every row */
  gint64        n_matches;  /* of the search, from the server; -1 before */
  gboolean      loading;
  gboolean      complete;
};

enum {
  PROP_0,
  PROP_LOADING,
  PROP_ERROR_MESSAGE,
  PROP_N_MATCHES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (McPgRows, mc_pg_rows, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return GTK_TYPE_STRING_LIST;
}

static guint
get_n_items (GListModel *model)
{
  return MC_PG_ROWS (model)->rows->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  McPgRows *self = MC_PG_ROWS (model);

  return position < self->rows->len ? g_object_ref (g_ptr_array_index (self->rows, position)) : NULL;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
page_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  McPgRows *self = source_object;
  GError *error = NULL;
  GPtrArray *rows = mc_pg_pager_next (self->pager, mc_pg_table_get_origin (self->table), PAGE_ROWS,
                                      cancellable, &error);

  if (rows == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, rows, (GDestroyNotify) g_ptr_array_unref);
}

static GtkStringList *
row_new (GPtrArray *cells)
{
  GtkStringList *row = gtk_string_list_new (NULL);

  for (guint c = 0; c < cells->len; c++)
    gtk_string_list_append (row, g_ptr_array_index (cells, c) != NULL ? g_ptr_array_index (cells, c) : "");
  return row;
}

static void
set_loading (McPgRows *self,
             gboolean  loading)
{
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
page_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  McPgRows *self = MC_PG_ROWS (object);
  g_autoptr(GPtrArray) page = g_task_propagate_pointer (G_TASK (result), &self->error);
  guint before = self->rows->len;

  set_loading (self, FALSE);
  if (page == NULL)
    {
      /* The rows read so far stay; the error says why no more come, and
       * mc_pg_rows_retry() asks again. */
      g_debug ("%s", self->error->message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
      return;
    }
  self->n_pages++;
  self->complete = page->len < PAGE_ROWS;
  /* The worker is done with the pager: it may be read. */
  if (self->n_matches != self->pager->n_matches)
    {
      self->n_matches = self->pager->n_matches;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_MATCHES]);
    }
  for (guint r = 0; r < page->len; r++)
    g_ptr_array_add (self->rows, row_new (g_ptr_array_index (page, r)));
  g_list_model_items_changed (G_LIST_MODEL (self), before, 0, page->len);
}

void
mc_pg_rows_load_more (McPgRows *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MC_IS_PG_ROWS (self));

  if (self->loading || self->complete || self->error != NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  set_loading (self, TRUE);
  task = g_task_new (self, self->cancellable, page_cb, NULL);
  g_task_set_source_tag (task, mc_pg_rows_load_more);
  g_task_run_in_thread (task, page_thread);
}

void
mc_pg_rows_retry (McPgRows *self)
{
  g_return_if_fail (MC_IS_PG_ROWS (self));

  if (self->error == NULL)
    return;
  g_clear_error (&self->error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
  mc_pg_rows_load_more (self);
}

void
mc_pg_rows_cancel (McPgRows *self)
{
  g_return_if_fail (MC_IS_PG_ROWS (self));

  g_cancellable_cancel (self->cancellable);
}

static void
mc_pg_rows_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  McPgRows *self = MC_PG_ROWS (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error != NULL ? self->error->message : NULL);
      break;
    case PROP_N_MATCHES:
      g_value_set_int64 (value, self->n_matches);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_pg_rows_dispose (GObject *object)
{
  McPgRows *self = MC_PG_ROWS (object);

  g_cancellable_cancel (self->cancellable);
  G_OBJECT_CLASS (mc_pg_rows_parent_class)->dispose (object);
}

static void
mc_pg_rows_finalize (GObject *object)
{
  McPgRows *self = MC_PG_ROWS (object);

  g_clear_object (&self->table);
  g_clear_pointer (&self->pager, mc_pg_pager_free);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->error);
  G_OBJECT_CLASS (mc_pg_rows_parent_class)->finalize (object);
}

static void
mc_pg_rows_class_init (McPgRowsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mc_pg_rows_dispose;
  object_class->finalize = mc_pg_rows_finalize;
  object_class->get_property = mc_pg_rows_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Why the last page did not come, in words; NULL when it did. */
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_MATCHES] =
    g_param_spec_int64 ("n-matches", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mc_pg_rows_init (McPgRows *self)
{
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
  self->n_matches = -1;
}

McPgRows *
mc_pg_rows_new (McTable  *table,
                int       sort_column,
                gboolean  descending)
{
  return mc_pg_rows_new_search (table, sort_column, descending, NULL);
}

/* The columns the Tables page shows, which a search looks in. */
static GStrv
shown_columns (McTable *table)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  GStrv names;

  for (guint c = 0; c < MIN (mc_table_get_n_columns (table), MC_MAX_LISTED); c++)
    g_strv_builder_add (builder, mc_table_get_column (table, c)->name);
  names = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return names;
}

McPgRows *
mc_pg_rows_new_search (McTable    *table,
                       int         sort_column,
                       gboolean    descending,
                       const char *search)
{
  McPgRows *self;
  int key;

  g_return_val_if_fail (MC_IS_TABLE (table), NULL);

  key = mc_table_get_primary_key (table);
  if (mc_pg_table_get_origin (table) == NULL || key < 0 || sort_column >= (int) mc_table_get_n_columns (table))
    return NULL;
  self = g_object_new (MC_TYPE_PG_ROWS, NULL);
  self->table = g_object_ref (table);
  self->sort_column = sort_column;
  self->descending = descending;
  self->pager = mc_pg_pager_new (mc_table_get_column (table, key)->name,
                                 sort_column >= 0 ? mc_table_get_column (table, sort_column)->name : NULL,
                                 descending);
  if (search != NULL && *search != '\0')
    {
      g_auto(GStrv) columns = shown_columns (table);

      self->search = g_strdup (search);
      mc_pg_pager_set_search (self->pager, (const char * const *) columns, search);
    }
  mc_pg_rows_load_more (self);
  return self;
}

int
mc_pg_rows_get_sort_column (McPgRows *self,
                            gboolean *descending)
{
  g_return_val_if_fail (MC_IS_PG_ROWS (self), -1);

  if (descending != NULL)
    *descending = self->descending;
  return self->sort_column;
}

const char *
mc_pg_rows_get_search (McPgRows *self)
{
  g_return_val_if_fail (MC_IS_PG_ROWS (self), NULL);

  return self->search;
}

gint64
mc_pg_rows_get_n_matches (McPgRows *self)
{
  g_return_val_if_fail (MC_IS_PG_ROWS (self), -1);

  return self->n_matches;
}

McTable *
mc_pg_rows_get_table (McPgRows *self)
{
  g_return_val_if_fail (MC_IS_PG_ROWS (self), NULL);

  return self->table;
}

gboolean
mc_pg_rows_get_loading (McPgRows *self)
{
  g_return_val_if_fail (MC_IS_PG_ROWS (self), FALSE);

  return self->loading;
}

gboolean
mc_pg_rows_get_complete (McPgRows *self)
{
  g_return_val_if_fail (MC_IS_PG_ROWS (self), FALSE);

  return self->complete;
}

guint
mc_pg_rows_get_n_pages (McPgRows *self)
{
  g_return_val_if_fail (MC_IS_PG_ROWS (self), 0);

  return self->n_pages;
}

const GError *
mc_pg_rows_get_error (McPgRows *self)
{
  g_return_val_if_fail (MC_IS_PG_ROWS (self), NULL);

  return self->error;
}

void
mc_pg_rows_bind_cell_cb (GtkSignalListItemFactory *factory,
                         GtkListItem              *item,
                         gpointer                  column)
{
  GtkStringList *row = gtk_list_item_get_item (item);
  const char *text = gtk_string_list_get_string (row, GPOINTER_TO_UINT (column));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text != NULL ? text : "");
}
