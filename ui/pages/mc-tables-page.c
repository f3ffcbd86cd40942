/* mc-tables-page.c: the tables of the dataset, their columns and rows
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A sidebar of the dataset's tables and, for the one selected, its
 * columns with their types, roles and missing values, its relations,
 * and its rows (sorted and searched in data/). Under a filter, every
 * table is cut to the rows taking part. A database's table shows its
 * rows as they are on the server, a page at a time as they are
 * scrolled to (mc-pg-rows.c), sorted and searched there too, and says
 * above them when the server did not give a page. Follows the session.
 */
#define G_LOG_DOMAIN "mc-tables-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-chart-view.h"
#include "mc-model.h"
#include "mc-pg-rows.h"
#include "mc-table-model.h"
#include "mc-tables-page-private.h"
#include "mc-widget-utils.h"

struct _McTablesPage
{
  AdwBin             parent_instance;

  /* Template widgets */
  GtkListBox        *table_list;
  GtkBox            *table_details;
  GtkStack          *table_stack;
  GtkScrolledWindow *rows_scroller;
  GtkSearchBar      *search_bar;
  GtkSearchEntry    *search_entry;
  GtkLabel          *search_count;
  GtkColumnView     *rows_view;
  GtkRevealer       *filter_revealer;
  GtkLabel          *filter_label;
  GtkRevealer       *rows_error_revealer;
  GtkLabel          *rows_error_label;

  McSession         *session;
  gboolean           making_columns; /* the rows view's sorter changes, not by the user */
};

G_DEFINE_FINAL_TYPE (McTablesPage, mc_tables_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


static GtkWidget *
table_row_new (McTable *table)
{
  g_autofree char *rows = mc_format_count (mc_table_get_n_rows (table));
  g_autofree char *subtitle = g_strdup_printf (g_dngettext (NULL, "%s row", "%s rows", mc_table_get_n_rows (table)), rows);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (mc_table_get_name (table));
  GtkWidget *count = gtk_label_new (subtitle);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (count), 0);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "caption");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), count);
  return box;
}

static void
on_cell_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  McColumn                 *column)
{
  GtkWidget *label = gtk_label_new (NULL);

  /* Numbers line up on the right, in figures of one width. */
  gtk_label_set_xalign (GTK_LABEL (label), mc_column_is_numeric (column) ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 8);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
  if (mc_column_is_numeric (column))
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
on_cell_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 McColumn                 *column)
{
  McTableRow *row = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  g_autofree char *text = mc_column_format_value (column, mc_table_row_get_index (row));

  gtk_label_set_text (label, text != NULL ? text : "");
  if (text == NULL)
    gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
}

static McTableModel *
rows_model (McTablesPage *self)
{
  GtkSelectionModel *selection = gtk_column_view_get_model (self->rows_view);
  GListModel *model;

  if (selection == NULL)
    return NULL;
  model = gtk_single_selection_get_model (GTK_SINGLE_SELECTION (selection));
  return MC_IS_TABLE_MODEL (model) ? MC_TABLE_MODEL (model) : NULL;
}

/* The rows on a database's server, when they are what is shown. */
static McPgRows *
server_rows (McTablesPage *self)
{
  GtkSelectionModel *selection = gtk_column_view_get_model (self->rows_view);
  GListModel *model = selection != NULL ? gtk_single_selection_get_model (GTK_SINGLE_SELECTION (selection)) : NULL;

  return MC_IS_PG_ROWS (model) ? MC_PG_ROWS (model) : NULL;
}

static void update_search_count (McTablesPage *self);

/* A page the server did not give: the table, the server's words and
 * Retry above the rows already shown. */
static void
update_rows_error (McTablesPage *self)
{
  McPgRows *rows = server_rows (self);
  const GError *error = rows != NULL ? mc_pg_rows_get_error (rows) : NULL;
  g_autofree char *message = NULL;

  if (error != NULL)
    /* Translators: the first %s is a table, the second the server's error after what Mercato asked. */
    message = g_strdup_printf (_("Could not read rows of table %s from the database server: %s. The rows shown stay."),
                               mc_table_get_name (mc_pg_rows_get_table (rows)), error->message);
  gtk_label_set_text (self->rows_error_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->rows_error_revealer, message != NULL);
}

static void
on_server_rows_notify_cb (McTablesPage *self)
{
  update_rows_error (self);
  update_search_count (self);
}

static void
on_rows_retry_clicked_cb (McTablesPage *self)
{
  if (server_rows (self) != NULL)
    mc_pg_rows_retry (server_rows (self));
}

/* The rows on a server that ROWS replace stop coming: their query on
 * the server is cancelled. */
static void
set_rows (McTablesPage *self,
          GListModel   *rows)
{
  McPgRows *before = server_rows (self);

  if (before != NULL)
    {
      g_signal_handlers_disconnect_by_data (before, self);
      mc_pg_rows_cancel (before);
    }
  gtk_column_view_set_model (self->rows_view, GTK_SELECTION_MODEL (gtk_single_selection_new (g_object_ref (rows))));
  if (MC_IS_PG_ROWS (rows))
    g_signal_connect_object (rows, "notify", G_CALLBACK (on_server_rows_notify_cb), self, G_CONNECT_SWAPPED);
  update_rows_error (self);
}

/* Near the end of the rows on the server: the next page. */
static void
on_rows_scrolled_cb (GtkAdjustment *adjustment,
                     McTablesPage  *self)
{
  McPgRows *rows = server_rows (self);
  double left = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_value (adjustment)
                - gtk_adjustment_get_page_size (adjustment);

  if (rows != NULL && left < 2 * gtk_adjustment_get_page_size (adjustment))
    mc_pg_rows_load_more (rows);
}

/* "12 rows match" as the server counted them, once it has. */
static void
update_server_search_count (McTablesPage *self,
                            McPgRows     *rows)
{
  gint64 n = mc_pg_rows_get_n_matches (rows);
  g_autofree char *count = mc_format_count (MAX (n, 0));
  g_autofree char *message = NULL;

  if (mc_pg_rows_get_error (rows) != NULL && n < 0)
    message = g_strdup (_("The search did not run"));
  else if (n < 0)
    message = g_strdup (_("Searching on the database server…"));
  else if (n == 0)
    message = g_strdup (_("No row matches"));
  else
    /* Translators: how many of a database table's rows the search finds, counted by the server. */
    message = g_strdup_printf (g_dngettext (NULL, "%s row matches", "%s rows match", (gulong) n), count);
  gtk_label_set_text (self->search_count, message);
  gtk_widget_set_visible (GTK_WIDGET (self->search_count), TRUE);
}

/* "12 of 1,487 rows match" beside the search entry, while searching. */
static void
update_search_count (McTablesPage *self)
{
  McTableModel *model = rows_model (self);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint shown, total;
  g_autofree char *matching = NULL;
  g_autofree char *all = NULL;
  g_autofree char *message = NULL;

  if (server_rows (self) != NULL && text != NULL && *text != '\0')
    {
      update_server_search_count (self, server_rows (self));
      return;
    }
  if (model == NULL || text == NULL || *text == '\0')
    {
      gtk_widget_set_visible (GTK_WIDGET (self->search_count), FALSE);
      return;
    }
  shown = g_list_model_get_n_items (G_LIST_MODEL (model));
  total = mc_table_get_n_rows (mc_table_model_get_table (model));
  matching = mc_format_count (shown);
  all = mc_format_count (total);
  if (shown == 0)
    message = g_strdup (_("No row matches"));
  else
    /* Translators: how many of a table's rows the search finds. */
    message = g_strdup_printf (g_dngettext (NULL, "%s of %s row matches", "%s of %s rows match", shown), matching, all);
  gtk_label_set_text (self->search_count, message);
  gtk_widget_set_visible (GTK_WIDGET (self->search_count), TRUE);
}

static void
on_search_changed_cb (McTablesPage *self)
{
  McPgRows *rows = server_rows (self);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  /* A database's table is searched on its server, in the same order;
   * the rows of the search before stop coming. */
  if (rows != NULL)
    {
      gboolean descending;
      int sort = mc_pg_rows_get_sort_column (rows, &descending);
      g_autoptr(McPgRows) found = mc_pg_rows_new_search (mc_pg_rows_get_table (rows), sort, descending, text);

      set_rows (self, G_LIST_MODEL (found));
    }
  else if (rows_model (self) != NULL)
    mc_table_model_search (rows_model (self), text);
  update_search_count (self);
}

/* Header sorting. The rows are sorted in data/ (never behind a
 * GtkSortListModel); each view column has a sorter only so that its
 * header can be clicked and shows the arrow. GTK 4.8 cannot tell which
 * column the view sorts by, so its sorter is asked to compare two
 * probes: the first column sorter it consults is the primary one, and
 * the order it answers tells ascending from descending. */
static int probed_column = -1;

static int
probe_column_cb (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  if (probed_column < 0)
    probed_column = GPOINTER_TO_INT (user_data);
  return GTK_ORDERING_SMALLER;
}

static void
on_rows_sorter_changed_cb (GtkSorter       *sorter,
                           GtkSorterChange  change,
                           McTablesPage    *self)
{
  g_autoptr(GObject) a = NULL;
  g_autoptr(GObject) b = NULL;
  GtkOrdering order;

  if (self->making_columns || (rows_model (self) == NULL && server_rows (self) == NULL))
    return;
  a = g_object_new (G_TYPE_OBJECT, NULL);
  b = g_object_new (G_TYPE_OBJECT, NULL);
  probed_column = -1;
  order = gtk_sorter_compare (sorter, a, b);
  if (server_rows (self) != NULL)
    {
      /* Sorted on the server: pages by that column, then the key. */
      g_autoptr(McPgRows) sorted = mc_pg_rows_new_search (mc_pg_rows_get_table (server_rows (self)),
                                                          order == GTK_ORDERING_EQUAL ? -1 : probed_column,
                                                          order == GTK_ORDERING_LARGER,
                                                          mc_pg_rows_get_search (server_rows (self)));

      set_rows (self, G_LIST_MODEL (sorted));
      return;
    }
  mc_table_model_sort (rows_model (self), order == GTK_ORDERING_EQUAL ? -1 : probed_column,
                       order == GTK_ORDERING_LARGER);
}

/* GTK 4.8 has no API for a column header's tooltip: its title widgets
 * are the column view's own, in column order, so they are found by type
 * and given the column's facts. */
static void
set_header_tooltips (GtkWidget *widget,
                     McTable   *table,
                     guint     *next)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (g_str_equal (G_OBJECT_TYPE_NAME (child), "GtkColumnViewTitle") && *next < mc_table_get_n_columns (table))
        {
          g_auto(GStrv) facts = _mc_tables_page_column_facts (mc_table_get_column (table, (*next)++));
          g_autofree char *text = g_strjoinv ("\n", facts);

          gtk_widget_set_tooltip_text (child, text);
          continue;
        }
      set_header_tooltips (child, table, next);
    }
}

/* Fills the rows view: one view column per table column, each cell read
 * from the column's array when it scrolls into view, or, FROM_SERVER,
 * from the pages of a database's table. */
static void
show_rows (McTablesPage *self,
           McTable      *table,
           gboolean      from_server)
{
  GListModel *columns = gtk_column_view_get_columns (self->rows_view);
  g_autoptr(McTableModel) model = mc_table_model_new (table);
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(McPgRows) on_server = from_server ? mc_pg_rows_new_search (table, -1, FALSE, search) : NULL;

  self->making_columns = TRUE;
  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) first = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (self->rows_view, first);
    }
  /* The new rows first: columns added to the old ones would be asked for
   * rows their table may not have. */
  /* A search going on applies to the new table too. */
  mc_table_model_search (model, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  set_rows (self, on_server != NULL ? G_LIST_MODEL (on_server) : G_LIST_MODEL (model));
  /* GtkColumnView makes every column's cells for each visible row. */
  for (guint c = 0; c < MIN (mc_table_get_n_columns (table), MC_MAX_LISTED); c++)
    {
      McColumn *column = mc_table_get_column (table, c);
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) view_column = NULL;

      g_signal_connect_data (factory, "setup", G_CALLBACK (on_cell_setup_cb), mc_column_ref (column),
                             (GClosureNotify) mc_column_unref, 0);
      if (on_server != NULL)
        g_signal_connect (factory, "bind", G_CALLBACK (mc_pg_rows_bind_cell_cb), GUINT_TO_POINTER (c));
      else
        g_signal_connect_data (factory, "bind", G_CALLBACK (on_cell_bind_cb), mc_column_ref (column),
                               (GClosureNotify) mc_column_unref, 0);
      view_column = gtk_column_view_column_new (column->name, factory);
      gtk_column_view_column_set_resizable (view_column, TRUE);
      {
        g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (probe_column_cb, GINT_TO_POINTER (c), NULL));

        gtk_column_view_column_set_sorter (view_column, sorter);
      }
      {
        g_autoptr(GMenuModel) menu = _mc_tables_page_column_menu (mc_session_get_listed (self->session), table, column, c);

        gtk_column_view_column_set_header_menu (view_column, menu);
      }
      gtk_column_view_append_column (self->rows_view, view_column);
    }
  {
    guint next = 0;

    set_header_tooltips (GTK_WIDGET (self->rows_view), table, &next);
  }
  self->making_columns = FALSE;
  update_search_count (self);
}

static void
show_table (McTablesPage *self,
            McTable      *table)
{
  GtkWidget *columns = adw_preferences_group_new ();
  g_autofree char *rows = mc_format_count (mc_table_get_n_rows (table));
  g_autofree char *description = NULL;
  g_autofree char *markup = NULL;
  int key = mc_table_get_primary_key (table);

  mc_widget_remove_all (GTK_WIDGET (self->table_details));
  if (key >= 0)
    description = g_strdup_printf (_("%s rows from %s; each row is identified by %s"), rows,
                                   mc_table_get_path (table), mc_table_get_column (table, key)->name);
  else
    description = g_strdup_printf (_("%s rows from %s"), rows, mc_table_get_path (table));
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (columns), mc_table_get_name (table));
  /* A group's description is markup; a path, or a database's URI, may hold "&". */
  markup = g_markup_escape_text (description, -1);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (columns), markup);
  for (guint c = 0; c < MIN (mc_table_get_n_columns (table), MC_MAX_LISTED); c++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (columns), _mc_tables_page_column_row_new (mc_table_get_column (table, c)));
  if (mc_table_get_n_columns (table) > MC_MAX_LISTED)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (columns),
                               mc_not_listed_row_new (mc_table_get_n_columns (table) - MC_MAX_LISTED,
                                                      _("Neither here nor in the rows view; mercato-cli describe "
                                                        "lists every column")));
  gtk_box_append (self->table_details, columns);
  gtk_box_append (self->table_details, _mc_tables_page_relations_group_new (mc_session_get_listed (self->session), table));
  show_rows (self, table, TRUE);
}

static void
on_table_selected_cb (McTablesPage  *self,
                      GtkListBoxRow *row)
{
  if (row == NULL || self->session == NULL || mc_session_get_dataset (self->session) == NULL)
    return;
  show_table (self, mc_dataset_get_table (mc_session_get_listed (self->session), gtk_list_box_row_get_index (row)));
}

static void
list_tables (McTablesPage *self,
             McDataset    *dataset)
{
  mc_widget_remove_all (GTK_WIDGET (self->table_list));
  for (guint t = 0; t < mc_dataset_get_n_tables (dataset); t++)
    gtk_list_box_append (self->table_list, table_row_new (mc_dataset_get_table (dataset, t)));
  gtk_list_box_select_row (self->table_list, gtk_list_box_get_row_at_index (self->table_list, 0));
}


/**
 * mc_tables_page_show_customers:
 *
 * Shows the table of customers (their details, else their purchases),
 * with its rows.
 */
void
mc_tables_page_show_customers (McTablesPage *self)
{
  McDataset *dataset;
  McTable *purchases;
  int best = -1;

  g_return_if_fail (MC_IS_TABLES_PAGE (self));

  if ((dataset = mc_session_get_listed (self->session)) == NULL)
    return;
  purchases = mc_model_find_purchases (dataset);

  for (guint t = 0; t < mc_dataset_get_n_tables (dataset); t++)
    {
      McTable *table = mc_dataset_get_table (dataset, t);
      int key = mc_table_get_primary_key (table);

      if (key >= 0 && mc_table_get_column (table, key)->role == MC_ROLE_CUSTOMER_ID)
        best = t;
      else if (best < 0 && purchases != NULL && g_str_equal (mc_table_get_name (table), mc_table_get_name (purchases)))
        best = t;
    }
  if (best >= 0)
    gtk_list_box_select_row (self->table_list, gtk_list_box_get_row_at_index (self->table_list, best));
  gtk_stack_set_visible_child_name (self->table_stack, "rows");
}


/* Shows the data row that starts on LINE of TABLE's file. */
static gboolean
show_row_idle (gpointer data)
{
  McTablesPage *self = data;
  GtkSelectionModel *model = gtk_column_view_get_model (self->rows_view);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->rows_scroller);
  guint row = gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (model));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  /* GTK 4.8 has no scroll_to for column views: rows share one height, so
   * the row's place in the scrollable height is its place in the list. */
  if (n > 0)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) * row / n
                                          - gtk_adjustment_get_page_size (adjustment) / 2);
  return G_SOURCE_REMOVE;
}

/**
 * mc_tables_page_show_row:
 *
 * Shows, in the rows of TABLE_NAME, the row that starts on LINE of its
 * file. The lines are those of the whole dataset: the page must not be
 * filtered.
 */
gboolean
mc_tables_page_show_row (McTablesPage *self,
                         const char   *table_name,
                         guint         line)
{
  McDataset *dataset;
  McTable *table;
  gssize row;

  g_return_val_if_fail (MC_IS_TABLES_PAGE (self), FALSE);

  dataset = mc_session_get_listed (self->session);
  if (dataset == NULL || (table = mc_dataset_lookup_table (dataset, table_name)) == NULL)
    return FALSE;
  row = mc_table_find_row_at_line (table, line);
  for (guint t = 0; t < mc_dataset_get_n_tables (dataset); t++)
    if (mc_dataset_get_table (dataset, t) == table)
      gtk_list_box_select_row (self->table_list, gtk_list_box_get_row_at_index (self->table_list, t));
  gtk_stack_set_visible_child_name (self->table_stack, "rows");
  if (row < 0)
    return TRUE;
  /* The row is found among those in memory, in the file's order. */
  if (server_rows (self) != NULL)
    show_rows (self, table, FALSE);
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (gtk_column_view_get_model (self->rows_view)), row);
  g_idle_add_full (G_PRIORITY_LOW, show_row_idle, g_object_ref (self), g_object_unref);
  return TRUE;
}


/**
 * mc_tables_page_sort_rows:
 *
 * Sorts the rows by COLUMN (−1: in file order), as a click on its
 * header does.
 */
void
mc_tables_page_sort_rows (McTablesPage *self,
                          int           column,
                          gboolean      descending)
{
  McTable *table;

  g_return_if_fail (MC_IS_TABLES_PAGE (self));

  table = rows_model (self) != NULL ? mc_table_model_get_table (rows_model (self))
          : server_rows (self) != NULL ? mc_pg_rows_get_table (server_rows (self)) : NULL;
  if (table == NULL || column >= (int) mc_table_get_n_columns (table))
    return;
  /* Through the view's sorter, so that the header shows it; its change
   * sorts the rows. */
  if (column < 0)
    gtk_column_view_sort_by_column (self->rows_view, NULL, GTK_SORT_ASCENDING);
  else
    {
      g_autoptr(GtkColumnViewColumn) view_column = g_list_model_get_item (gtk_column_view_get_columns (self->rows_view), column);

      gtk_column_view_sort_by_column (self->rows_view, view_column, descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
    }
}


/* The dataset or its filter changed: the tables listed follow, and a
 * bar says what part of them is shown. */
static void
on_listed_changed_cb (McTablesPage *self)
{
  McDataset *listed = mc_session_get_listed (self->session);
  const char *label = mc_session_get_filter_label (self->session);
  gboolean filtered = mc_session_get_filtered (self->session) != NULL && label != NULL;

  if (filtered)
    {
      g_autofree char *showing = g_strdup_printf (_("Showing only %s"), label);

      gtk_label_set_text (self->filter_label, showing);
    }
  gtk_revealer_set_reveal_child (self->filter_revealer, filtered);
  if (listed != NULL)
    list_tables (self, listed);
}

static void
mc_tables_page_dispose (GObject *object)
{
  McTablesPage *self = (McTablesPage *)object;

  mc_tables_page_set_session (self, NULL);
  if (server_rows (self) != NULL)
    mc_pg_rows_cancel (server_rows (self));
  /* The rows view's columns go after the page's other widgets: their
   * sorter changes then are no user's. */
  if (self->rows_view != NULL)
    g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->rows_view), self);

  G_OBJECT_CLASS (mc_tables_page_parent_class)->dispose (object);
}

static void
mc_tables_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  McTablesPage *self = MC_TABLES_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_tables_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  McTablesPage *self = MC_TABLES_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      mc_tables_page_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_tables_page_class_init (McTablesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_tables_page_dispose;
  object_class->get_property = mc_tables_page_get_property;
  object_class->set_property = mc_tables_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, MC_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/mercato/Mercato/ui/mc-tables-page.ui");
  gtk_widget_class_bind_template_child (widget_class, McTablesPage, table_list);
  gtk_widget_class_bind_template_child (widget_class, McTablesPage, table_details);
  gtk_widget_class_bind_template_child (widget_class, McTablesPage, table_stack);
  gtk_widget_class_bind_template_child (widget_class, McTablesPage, rows_scroller);
  gtk_widget_class_bind_template_child (widget_class, McTablesPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, McTablesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, McTablesPage, search_count);
  gtk_widget_class_bind_template_child (widget_class, McTablesPage, rows_view);
  gtk_widget_class_bind_template_child (widget_class, McTablesPage, filter_revealer);
  gtk_widget_class_bind_template_child (widget_class, McTablesPage, filter_label);
  gtk_widget_class_bind_template_child (widget_class, McTablesPage, rows_error_revealer);
  gtk_widget_class_bind_template_child (widget_class, McTablesPage, rows_error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_rows_retry_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_table_selected_cb);
}

static void
mc_tables_page_init (McTablesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (gtk_column_view_get_sorter (self->rows_view), "changed",
                    G_CALLBACK (on_rows_sorter_changed_cb), self);
  g_signal_connect (gtk_scrolled_window_get_vadjustment (self->rows_scroller), "value-changed",
                    G_CALLBACK (on_rows_scrolled_cb), self);
}

GtkWidget *
mc_tables_page_new (McSession *session)
{
  return g_object_new (MC_TYPE_TABLES_PAGE, "session", session, NULL);
}

McSession *
mc_tables_page_get_session (McTablesPage *self)
{
  g_return_val_if_fail (MC_IS_TABLES_PAGE (self), NULL);

  return self->session;
}

/**
 * mc_tables_page_set_session:
 *
 * Shows the tables of SESSION's dataset (NULL: none), and follows it.
 */
void
mc_tables_page_set_session (McTablesPage *self,
                            McSession    *session)
{
  g_return_if_fail (MC_IS_TABLES_PAGE (self));
  g_return_if_fail (session == NULL || MC_IS_SESSION (session));

  if (self->session == session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      g_signal_connect_swapped (session, "notify::dataset", G_CALLBACK (on_listed_changed_cb), self);
      g_signal_connect_swapped (session, "notify::filtered", G_CALLBACK (on_listed_changed_cb), self);
      on_listed_changed_cb (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

/**
 * mc_tables_page_find:
 *
 * Shows the rows of the selected table, with the search entry focused.
 */
void
mc_tables_page_find (McTablesPage *self)
{
  g_return_if_fail (MC_IS_TABLES_PAGE (self));

  gtk_stack_set_visible_child_name (self->table_stack, "rows");
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Another dataset starts at the first row and column. */
void
mc_tables_page_scroll_to_start (McTablesPage *self)
{
  g_return_if_fail (MC_IS_TABLES_PAGE (self));

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->rows_scroller), 0);
  gtk_adjustment_set_value (gtk_scrolled_window_get_hadjustment (self->rows_scroller), 0);
}

GtkListBox *
_mc_tables_page_get_table_list (McTablesPage *self)
{
  g_return_val_if_fail (MC_IS_TABLES_PAGE (self), NULL);

  return self->table_list;
}

GtkColumnView *
_mc_tables_page_get_rows_view (McTablesPage *self)
{
  g_return_val_if_fail (MC_IS_TABLES_PAGE (self), NULL);

  return self->rows_view;
}

const char *
_mc_tables_page_get_rows_error (McTablesPage *self)
{
  g_return_val_if_fail (MC_IS_TABLES_PAGE (self), NULL);

  return gtk_revealer_get_reveal_child (self->rows_error_revealer) ? gtk_label_get_text (self->rows_error_label) : NULL;
}

GtkEditable *
_mc_tables_page_get_search_entry (McTablesPage *self)
{
  g_return_val_if_fail (MC_IS_TABLES_PAGE (self), NULL);

  return GTK_EDITABLE (self->search_entry);
}

const char *
_mc_tables_page_get_search_count (McTablesPage *self)
{
  g_return_val_if_fail (MC_IS_TABLES_PAGE (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->search_count)) ? gtk_label_get_text (self->search_count) : NULL;
}
