/* mc-window.c: Mercato's main window
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows a welcome page, then a dataset: a sidebar of its tables and,
 * for the selected table, its columns with their types, roles and
 * missing values, and the relations between tables. Loading runs on a
 * worker thread; the previous dataset stays until a new one is ready.
 */
#define G_LOG_DOMAIN "mc-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-dataset-loader.h"
#include "mc-widget-utils.h"

#include "mc-chart-view.h"
#include "mc-overview-page.h"
#include "mc-report.h"
#include "mc-analysis.h"
#include "mc-model-dialog.h"
#include "mc-model-store.h"
#include "mc-model.h"
#include "mc-quality-page.h"
#include "mc-segments-page.h"
#include "mc-table-model.h"
#include "mc-window.h"

struct _McWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwViewSwitcherTitle *window_title;
  AdwViewStack         *view_stack;
  McOverviewPage       *overview_page;
  McQualityPage        *quality_page;
  McSegmentsPage       *segments_page;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  GtkLabel             *loading_label;
  GtkProgressBar       *progress_bar;
  GtkListBox           *table_list;
  GtkBox               *table_details;
  GtkStack             *table_stack;
  GtkScrolledWindow    *rows_scroller;
  GtkSearchBar         *search_bar;
  AdwPreferencesGroup  *recent_group;
  GMenu                *recent_menu;    /* Open Recent in the primary menu */
  GPtrArray            *recent_rows;
  GtkSearchEntry       *search_entry;
  GtkLabel             *search_count;
  gboolean              making_columns; /* the rows view's sorter changes, not by the user */
  GtkColumnView        *rows_view;
  GtkRevealer          *tables_filter_revealer;
  GtkLabel             *tables_filter_label;

  McDataset            *dataset;        /* of shown */
  struct _Snapshot     *shown;
  struct _Snapshot     *filtered;       /* the shown data under the overview's filter, or NULL */
  char                 *filter_label;
  GCancellable         *filter_cancellable;
  guint                 filter_busy_source;  /* shows the busy sign if the filter takes long */
  GPtrArray            *undo;           /* Snapshot: the datasets before each change */
  GPtrArray            *redo;           /* Snapshot: the changes undone, the last undone last */
  GtkFileChooserNative *cleaning_chooser; /* Open Recipe… or Save Cleaned Copy…, while open */
  gboolean              history_busy;   /* a step undo or redo reached is being made */
  guint                 history_generation; /* counts the datasets opened: each starts a history */
  gboolean              keep_segments;  /* the next dataset shown only gained a segment column */
  gboolean              tables_after_filter; /* show the Tables once the filter is ready */
  GCancellable         *load_cancellable;
  McModelDialog        *model_dialog;   /* "How the figures are computed", while open */
  GCancellable         *model_cancellable;
  GSettings            *settings;
  char                 *last_error;
  char                 *previous_page;

  /* Progress of the running load, written by the worker thread. */
  GMutex                progress_mutex;
  double                progress_fraction;
  guint                 progress_idle;
};

G_DEFINE_FINAL_TYPE (McWindow, mc_window, ADW_TYPE_APPLICATION_WINDOW)

/* A dataset with what the checks found in it: what loading and cleaning
 * produce on the worker thread, and what undo goes back to. */
typedef struct _Snapshot
{
  McDataset          *dataset;
  GPtrArray          *findings;
  McMetrics          *metrics;     /* the dataset's analysis' (borrowed); NULL without purchases */
  McPlatformAnalysis *platforms;   /* likewise; NULL without platforms or product types */
  McChartData        *charts;      /* what the dashboard's charts are drawn from */
  GPtrArray          *log;         /* McCleanLogEntry of each step in RECIPE, or NULL */
  GPtrArray          *recipe;      /* the cleaning steps that made it from the data opened, or NULL */
  McDataset          *listed;      /* under a filter: every table cut to the rows taking part, for the Tables page */
  McAnalysis         *analysis;    /* under a filter of the overview: the figures of its rows, which METRICS, PLATFORMS and CHARTS borrow */
  /* A step in the middle of one Apply is kept as the way to make it
   * (DATASET is NULL until undo or redo reaches it): ANCHOR, the data
   * the Apply started from, and the steps of that Apply up to this one. */
  McDataset          *anchor;
  GPtrArray          *steps;
} Snapshot;

static void
snapshot_free (Snapshot *snapshot)
{
  if (snapshot == NULL)
    return;
  g_clear_object (&snapshot->dataset);
  g_clear_object (&snapshot->listed);
  g_clear_pointer (&snapshot->findings, g_ptr_array_unref);
  g_clear_pointer (&snapshot->charts, mc_chart_data_free);
  g_clear_pointer (&snapshot->log, g_ptr_array_unref);
  g_clear_pointer (&snapshot->recipe, g_ptr_array_unref);
  g_clear_object (&snapshot->anchor);
  g_clear_pointer (&snapshot->steps, g_ptr_array_unref);
  g_clear_pointer (&snapshot->analysis, mc_analysis_free);
  g_free (snapshot);
}

/* The figures and charts of DATASET (taken). */
static Snapshot *
snapshot_new_view (McDataset *dataset)
{
  Snapshot *snapshot = g_new0 (Snapshot, 1);

  snapshot->dataset = dataset;
  snapshot->metrics = mc_dataset_get_analysis (dataset)->metrics;
  snapshot->platforms = mc_dataset_get_analysis (dataset)->platforms;
  snapshot->charts = mc_chart_data_new (dataset);
  return snapshot;
}

/* Everything the pages show of DATASET (taken), worked out on the
 * worker thread that made it. */
static Snapshot *
snapshot_new (McDataset *dataset,
              GPtrArray *log)
{
  Snapshot *snapshot = snapshot_new_view (dataset);

  snapshot->findings = mc_checks_run (dataset, g_get_real_time ());
  snapshot->log = log;
  return snapshot;
}

enum {
  PROP_0,
  PROP_DATASET,
  PROP_LOADING,
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

static char *
describe_column (McColumn *column)
{
  if (column->role == MC_ROLE_NONE)
    return g_strdup (mc_column_type_to_string (column->type));
  /* Translators: a column's type and the role Mercato gave it, e.g. "date · event_time". */
  return g_strdup_printf (_("%s · %s"), mc_column_type_to_string (column->type), mc_role_to_string (column->role));
}

/* The chart of a column, made when its row is first expanded. */
static void
on_column_expanded_cb (AdwExpanderRow *row,
                       GParamSpec     *pspec,
                       McColumn       *column)
{
  g_autoptr(McChart) chart = NULL;
  GtkWidget *child;

  if (!adw_expander_row_get_expanded (row) || g_object_get_data (G_OBJECT (row), "mc-chart-made") != NULL)
    return;
  g_object_set_data (G_OBJECT (row), "mc-chart-made", GINT_TO_POINTER (TRUE));
  if ((chart = mc_chart_for_column (column)) != NULL)
    {
      child = mc_chart_view_new (chart);
      gtk_widget_set_size_request (child, -1, 260);
    }
  else
    {
      child = gtk_label_new (_("Every value is different: this column identifies rows."));
      gtk_widget_add_css_class (child, "dim-label");
      gtk_widget_set_margin_top (child, 12);
      gtk_widget_set_margin_bottom (child, 12);
    }
  adw_expander_row_add_row (row, child);
}

static GtkWidget *
column_row_new (McColumn *column)
{
  g_autofree char *subtitle = describe_column (column);
  g_autofree char *missing = mc_format_count (column->n_missing);
  g_autofree char *suffix = NULL;
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *label;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), column->name);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  suffix = column->n_missing == 0 ? g_strdup (_("complete"))
                                  : g_strdup_printf (g_dngettext (NULL, "%s missing", "%s missing", column->n_missing), missing);
  label = gtk_label_new (suffix);
  gtk_widget_add_css_class (label, column->n_missing == 0 ? "dim-label" : "warning");
  gtk_widget_add_css_class (label, "numeric");
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), label);
  /* Expanding shows how the values are spread. */
  g_signal_connect_data (row, "notify::expanded", G_CALLBACK (on_column_expanded_cb), mc_column_ref (column),
                         (GClosureNotify) mc_column_unref, 0);
  return row;
}

/* The dataset the Tables page lists: the filtered one while the
 * overview is filtered. */
static McDataset *
listed_dataset (McWindow *self)
{
  if (self->filtered != NULL)
    return self->filtered->listed != NULL ? self->filtered->listed : self->filtered->dataset;
  return self->dataset;
}

static GtkWidget *
relations_group_new (McWindow *self,
                     McTable  *table)
{
  GtkWidget *group = adw_preferences_group_new ();
  guint shown = 0;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Relations"));
  for (guint i = 0; i < mc_dataset_get_n_relations (listed_dataset (self)); i++)
    {
      const McRelation *relation = mc_dataset_get_relation (listed_dataset (self), i);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (relation->from_table != table && relation->to_table != table)
        continue;
      title = g_strdup_printf ("%s.%s → %s.%s",
                               mc_table_get_name (relation->from_table),
                               mc_table_get_column (relation->from_table, relation->from_column)->name,
                               mc_table_get_name (relation->to_table),
                               mc_table_get_column (relation->to_table, relation->to_column)->name);
      /* Translators: how many of a foreign key's values exist in the table it points to. */
      subtitle = g_strdup_printf (_("%.1f %% of values found"), relation->match_rate * 100.0);
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      shown++;
    }
  if (shown == 0)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                           _("No other table refers to this one, and it refers to none."));
  return group;
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
rows_model (McWindow *self)
{
  GtkSelectionModel *selection = gtk_column_view_get_model (self->rows_view);

  if (selection == NULL)
    return NULL;
  return MC_TABLE_MODEL (gtk_single_selection_get_model (GTK_SINGLE_SELECTION (selection)));
}

/* "12 of 1,487 rows match" beside the search entry, while searching. */
static void
update_search_count (McWindow *self)
{
  McTableModel *model = rows_model (self);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint shown, total;
  g_autofree char *matching = NULL;
  g_autofree char *all = NULL;
  g_autofree char *message = NULL;

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
on_search_changed_cb (McWindow *self)
{
  if (rows_model (self) != NULL)
    mc_table_model_search (rows_model (self), gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
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
                           McWindow        *self)
{
  g_autoptr(GObject) a = NULL;
  g_autoptr(GObject) b = NULL;
  GtkOrdering order;

  if (self->making_columns || rows_model (self) == NULL)
    return;
  a = g_object_new (G_TYPE_OBJECT, NULL);
  b = g_object_new (G_TYPE_OBJECT, NULL);
  probed_column = -1;
  order = gtk_sorter_compare (sorter, a, b);
  mc_table_model_sort (rows_model (self), order == GTK_ORDERING_EQUAL ? -1 : probed_column,
                       order == GTK_ORDERING_LARGER);
}

/* Ctrl+F: the rows of the selected table, with the search entry. */
static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  McWindow *self = MC_WINDOW (widget);

  if (self->dataset == NULL)
    return;
  adw_view_stack_set_visible_child_name (self->view_stack, "tables");
  gtk_stack_set_visible_child_name (self->table_stack, "rows");
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Alt+1…4: a page by name, once a dataset is open. */
static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  McWindow *self = MC_WINDOW (widget);

  if (self->dataset != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, g_variant_get_string (parameter, NULL));
}

static void
sort_rows_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  McWindow *self = MC_WINDOW (widget);
  int column;
  gboolean descending;

  g_variant_get (parameter, "(ib)", &column, &descending);
  if (rows_model (self) == NULL || column >= (int) mc_table_get_n_columns (mc_table_model_get_table (rows_model (self))))
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

/* What a column holds: its type and role, its gaps, its range. */
static GStrv
column_facts (McColumn *column)
{
  g_autoptr(GStrvBuilder) facts = g_strv_builder_new ();
  g_autofree char *kind = describe_column (column);
  g_autofree char *missing = mc_format_count (column->n_missing);
  g_autofree char *gaps = g_strdup_printf (g_dngettext (NULL, "%s missing", "%s missing", column->n_missing), missing);
  g_autofree char *low = mc_column_format_min (column);
  g_autofree char *high = mc_column_format_max (column);
  g_autofree char *range = low != NULL ? g_strdup_printf (_("from %s to %s"), low, high) : NULL;

  g_strv_builder_add_many (facts, kind, gaps, range, NULL);
  return g_strv_builder_end (facts);
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
          g_auto(GStrv) facts = column_facts (mc_table_get_column (table, (*next)++));
          g_autofree char *text = g_strjoinv ("\n", facts);

          gtk_widget_set_tooltip_text (child, text);
          continue;
        }
      set_header_tooltips (child, table, next);
    }
}

/* The header menu of a column: sorting, and what the column holds as
 * lines of information. */
/* "Use for the Figures": the model's choices a column can be, so a
 * reader who sees the amount is elsewhere says so where they see it. */
static GMenuModel *
model_choice_menu (McTable  *table,
                   McColumn *column)
{
  static const struct { McModelKey key; const char *label; gboolean numeric; } uses[] = {
    { MC_MODEL_AMOUNT, N_("Use as the _Amount"), TRUE },
    { MC_MODEL_QUANTITY, N_("Use as the _Quantity"), TRUE },
    { MC_MODEL_CUSTOMER, N_("Use as the _Customer"), FALSE },
    { MC_MODEL_ORDER, N_("Use as the _Order"), FALSE },
    { MC_MODEL_TIME, N_("Use as the _Time of Purchase"), FALSE },
    { MC_MODEL_PRODUCT_TYPE, N_("Use as the Product _Type"), FALSE },
    { MC_MODEL_CHANNEL, N_("Use as the C_hannel"), FALSE },
    { MC_MODEL_STATUS, N_("Use as the Order _Status"), FALSE },
  };
  GMenu *menu = g_menu_new ();
  g_autofree char *spec = g_strdup_printf ("%s.%s", mc_table_get_name (table), column->name);

  for (guint i = 0; i < G_N_ELEMENTS (uses); i++)
    {
      g_autoptr(GMenuItem) item = NULL;

      if (uses[i].numeric != mc_column_is_numeric (column) && uses[i].key != MC_MODEL_ORDER
          && uses[i].key != MC_MODEL_CUSTOMER)
        continue;
      if (uses[i].key == MC_MODEL_TIME && !mc_column_is_temporal (column))
        continue;
      item = g_menu_item_new (_(uses[i].label), NULL);
      g_menu_item_set_action_and_target (item, "win.set-model-choice", "(ss)",
                                         mc_model_key_to_string (uses[i].key), spec);
      g_menu_append_item (menu, item);
    }
  return G_MENU_MODEL (menu);
}

/* "Refers To": the keys of the other tables a column may point at, and
 * nothing; what Mercato found is marked. */
static GMenuModel *
relation_menu (McDataset *dataset,
               McTable   *table,
               McColumn  *column)
{
  GMenu *menu = g_menu_new ();
  g_autofree char *setting = g_strdup_printf ("refers.%s.%s", mc_table_get_name (table), column->name);
  g_autoptr(GMenuItem) none = g_menu_item_new (_("_Nothing"), NULL);

  for (guint t = 0; dataset != NULL && t < mc_dataset_get_n_tables (dataset); t++)
    {
      McTable *other = mc_dataset_get_table (dataset, t);
      int key = mc_table_get_primary_key (other);
      g_autofree char *target = NULL;
      g_autoptr(GMenuItem) item = NULL;

      if (other == table || key < 0)
        continue;
      target = g_strdup_printf ("%s.%s", mc_table_get_name (other), mc_table_get_column (other, key)->name);
      item = g_menu_item_new (target, NULL);
      g_menu_item_set_action_and_target (item, "win.set-model-choice", "(ss)", setting, target);
      g_menu_append_item (menu, item);
    }
  g_menu_item_set_action_and_target (none, "win.set-model-choice", "(ss)", setting, "none");
  g_menu_append_item (menu, none);
  return G_MENU_MODEL (menu);
}

static GMenuModel *
column_menu (McDataset *dataset,
             McTable   *table,
             McColumn  *column,
             int        index)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) sorting = g_menu_new ();
  g_autoptr(GMenu) facts = g_menu_new ();
  g_autoptr(GMenuModel) uses = model_choice_menu (table, column);
  g_autoptr(GMenuModel) refers = relation_menu (dataset, table, column);
  g_auto(GStrv) lines = column_facts (column);

  for (int i = 0; i < 3; i++)
    {
      static const char *labels[] = { N_("Sort _Ascending"), N_("Sort _Descending"), N_("_File Order") };
      g_autoptr(GMenuItem) item = g_menu_item_new (_(labels[i]), NULL);

      g_menu_item_set_action_and_target (item, "win.sort-rows", "(ib)", i == 2 ? -1 : index, i == 1);
      g_menu_append_item (sorting, item);
    }
  for (guint i = 0; lines[i] != NULL; i++)
    g_menu_append (facts, lines[i], NULL);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (sorting));
  g_menu_append_submenu (menu, _("Use for the _Figures"), uses);
  g_menu_append_submenu (menu, _("_Refers To"), refers);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (facts));
  return G_MENU_MODEL (menu);
}

/* Fills the rows view: one view column per table column, each cell read
 * from the column's array when it scrolls into view. */
static void
show_rows (McWindow *self,
           McTable  *table)
{
  GListModel *columns = gtk_column_view_get_columns (self->rows_view);
  g_autoptr(McTableModel) model = mc_table_model_new (table);

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
  gtk_column_view_set_model (self->rows_view,
                             GTK_SELECTION_MODEL (gtk_single_selection_new (G_LIST_MODEL (g_steal_pointer (&model)))));
  /* GtkColumnView makes every column's cells for each visible row. */
  for (guint c = 0; c < MIN (mc_table_get_n_columns (table), MC_MAX_LISTED); c++)
    {
      McColumn *column = mc_table_get_column (table, c);
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) view_column = NULL;

      g_signal_connect_data (factory, "setup", G_CALLBACK (on_cell_setup_cb), mc_column_ref (column),
                             (GClosureNotify) mc_column_unref, 0);
      g_signal_connect_data (factory, "bind", G_CALLBACK (on_cell_bind_cb), mc_column_ref (column),
                             (GClosureNotify) mc_column_unref, 0);
      view_column = gtk_column_view_column_new (column->name, factory);
      gtk_column_view_column_set_resizable (view_column, TRUE);
      {
        g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (probe_column_cb, GINT_TO_POINTER (c), NULL));

        gtk_column_view_column_set_sorter (view_column, sorter);
      }
      {
        g_autoptr(GMenuModel) menu = column_menu (listed_dataset (self), table, column, c);

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
show_table (McWindow *self,
            McTable  *table)
{
  GtkWidget *columns = adw_preferences_group_new ();
  g_autofree char *rows = mc_format_count (mc_table_get_n_rows (table));
  g_autofree char *description = NULL;
  int key = mc_table_get_primary_key (table);

  mc_widget_remove_all (GTK_WIDGET (self->table_details));
  if (key >= 0)
    description = g_strdup_printf (_("%s rows from %s; each row is identified by %s"), rows,
                                   mc_table_get_path (table), mc_table_get_column (table, key)->name);
  else
    description = g_strdup_printf (_("%s rows from %s"), rows, mc_table_get_path (table));
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (columns), mc_table_get_name (table));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (columns), description);
  for (guint c = 0; c < MIN (mc_table_get_n_columns (table), MC_MAX_LISTED); c++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (columns), column_row_new (mc_table_get_column (table, c)));
  if (mc_table_get_n_columns (table) > MC_MAX_LISTED)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (columns),
                               mc_not_listed_row_new (mc_table_get_n_columns (table) - MC_MAX_LISTED,
                                                      _("Neither here nor in the rows view; mercato-cli describe "
                                                        "lists every column")));
  gtk_box_append (self->table_details, columns);
  gtk_box_append (self->table_details, relations_group_new (self, table));
  show_rows (self, table);
}

static void
on_table_selected_cb (McWindow      *self,
                      GtkListBoxRow *row)
{
  if (row == NULL || self->dataset == NULL)
    return;
  show_table (self, mc_dataset_get_table (listed_dataset (self), gtk_list_box_row_get_index (row)));
}

/* "automotive — 4 tables": where the data came from, at a glance, and
 * what part of it the pages show under a filter. */
static void
update_subtitle (McWindow *self)
{
  guint n = self->dataset != NULL ? mc_dataset_get_n_tables (self->dataset) : 0;
  const char *path = n > 0 ? mc_table_get_path (mc_dataset_get_table (self->dataset, 0)) : NULL;
  g_autofree char *folder = path != NULL ? g_path_get_dirname (path) : NULL;
  g_autofree char *name = folder != NULL ? g_path_get_basename (folder) : g_strdup ("");
  g_autofree char *subtitle = NULL;

  /* Translators: the dataset's folder and how many tables it has. */
  subtitle = g_strdup_printf (g_dngettext (NULL, "%s — %u table", "%s — %u tables", n), name, n);
  if (self->filtered != NULL && self->filter_label != NULL)
    {
      /* Translators: the dataset, then what part of it is shown. */
      g_autofree char *part = g_strdup_printf (_("%s · only %s"), subtitle, self->filter_label);
      g_autofree char *showing = g_strdup_printf (_("Showing only %s"), self->filter_label);

      g_free (subtitle);
      subtitle = g_steal_pointer (&part);
      gtk_label_set_text (self->tables_filter_label, showing);
    }
  gtk_revealer_set_reveal_child (self->tables_filter_revealer, self->filtered != NULL && self->filter_label != NULL);
  adw_view_switcher_title_set_subtitle (self->window_title, subtitle);
}

static void
list_tables (McWindow  *self,
             McDataset *dataset)
{
  mc_widget_remove_all (GTK_WIDGET (self->table_list));
  for (guint t = 0; t < mc_dataset_get_n_tables (dataset); t++)
    gtk_list_box_append (self->table_list, table_row_new (mc_dataset_get_table (dataset, t)));
  gtk_list_box_select_row (self->table_list, gtk_list_box_get_row_at_index (self->table_list, 0));
}

static void
drop_filter (McWindow *self)
{
  g_cancellable_cancel (self->filter_cancellable);
  g_clear_object (&self->filter_cancellable);
  g_clear_handle_id (&self->filter_busy_source, g_source_remove);
  g_clear_pointer (&self->filtered, snapshot_free);
  g_clear_pointer (&self->filter_label, g_free);
  mc_overview_page_set_busy (self->overview_page, NULL);
  mc_overview_page_set_filter (self->overview_page, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.clear-filter", FALSE);
  update_subtitle (self);
}

static void show_cleaning (McWindow *self,
                           Snapshot *snapshot);
static void show_cleaning_error (McWindow   *self,
                                 const char *title,
                                 const char *message);

/* Shows SNAPSHOT (taken) in every page. */
static void
show_dataset (McWindow *self,
              Snapshot *snapshot)
{
  McDataset *dataset = snapshot->dataset;

  drop_filter (self);
  g_clear_pointer (&self->shown, snapshot_free);
  self->shown = snapshot;
  g_set_object (&self->dataset, dataset);
  mc_overview_page_show (self->overview_page, snapshot->metrics, snapshot->platforms, snapshot->charts);
  if (snapshot->metrics == NULL)
    mc_overview_page_show_sessions (self->overview_page, mc_dataset_get_analysis (dataset)->sessions);
  mc_overview_page_set_model (self->overview_page, mc_model_for_dataset (dataset));
  if (self->model_dialog != NULL)
    mc_model_dialog_set_dataset (self->model_dialog, dataset);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-model", TRUE);
  show_cleaning (self, snapshot);
  mc_segments_page_set_dataset (self->segments_page, dataset, self->keep_segments);
  self->keep_segments = FALSE;
  adw_view_switcher_title_set_view_switcher_enabled (self->window_title, TRUE);
  list_tables (self, dataset);
  gtk_stack_set_visible_child_name (self->stack, "dataset");
  update_subtitle (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-report", TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
}

static gboolean
publish_progress_idle (gpointer data)
{
  McWindow *self = data;
  double fraction;

  g_mutex_lock (&self->progress_mutex);
  fraction = self->progress_fraction;
  self->progress_idle = 0;
  g_mutex_unlock (&self->progress_mutex);

  /* The load may have ended, or the window closed, since this was queued. */
  if (self->load_cancellable == NULL)
    return G_SOURCE_REMOVE;
  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  return G_SOURCE_REMOVE;
}

/* Runs on the worker thread: store, and let the main loop show it, with
 * at most one idle pending however often the reader reports. */
static void
on_load_progress_cb (double      fraction,
                     const char *stage,
                     gpointer    user_data)
{
  McWindow *self = user_data;

  g_mutex_lock (&self->progress_mutex);
  self->progress_fraction = fraction;
  if (self->progress_idle == 0)
    self->progress_idle = g_idle_add_full (G_PRIORITY_LOW, publish_progress_idle,
                                           g_object_ref (self), g_object_unref);
  g_mutex_unlock (&self->progress_mutex);
}

static void
load_dataset_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  const char * const *paths = task_data;
  GError *error = NULL;
  McDataset *dataset = mc_dataset_load (paths, on_load_progress_cb, source_object, cancellable, &error);
  g_autoptr(GHashTable) kept = NULL;

  if (dataset == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* The user's corrections from last time, if they still fit the data. */
  if ((kept = mc_model_store_load (dataset)) != NULL && !mc_model_set_dataset_settings (dataset, kept, &error))
    {
      g_warning ("Kept model settings no longer fit: %s", error->message);
      g_clear_error (&error);
    }
  g_task_return_pointer (task, snapshot_new (dataset, NULL), (GDestroyNotify) snapshot_free);
}

static void
set_loading (McWindow *self,
             gboolean  loading)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-load", loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
show_error (McWindow   *self,
            const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Open the Dataset"), message);

  g_free (self->last_error);
  self->last_error = g_strdup (message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Recent datasets */

static char *
describe_paths (const char * const *paths)
{
  g_autofree char *first = g_path_get_basename (paths[0]);
  guint n = g_strv_length ((GStrv) paths);

  if (n == 1)
    return g_strdup_printf (_("Reading %s"), first);
  return g_strdup_printf (g_dngettext (NULL, "Reading %s and %u other file", "Reading %s and %u other files", n - 1),
                          first, n - 1);
}

/* "automotive", "sales.csv and 2 other files" */
static char *
name_paths (const char * const *paths)
{
  g_autofree char *first = g_path_get_basename (paths[0]);
  guint n = g_strv_length ((GStrv) paths);

  if (n == 1)
    return g_steal_pointer (&first);
  return g_strdup_printf (g_dngettext (NULL, "%s and %u other file", "%s and %u other files", n - 1), first, n - 1);
}


#define MAX_RECENT 8

static void
on_recent_activated_cb (AdwActionRow *row,
                        McWindow     *self)
{
  const char * const *paths = g_object_get_data (G_OBJECT (row), "mc-paths");

  mc_window_open_paths (self, paths);
}

/* The welcome page's list of recent datasets whose files are still there. */
static void
show_recent (McWindow *self)
{
  g_autoptr(GVariant) recent = self->settings != NULL ? g_settings_get_value (self->settings, "recent-datasets") : NULL;
  GVariantIter iter;
  GVariant *entry;

  g_menu_remove_all (self->recent_menu);
  for (guint i = 0; i < self->recent_rows->len; i++)
    adw_preferences_group_remove (self->recent_group, g_ptr_array_index (self->recent_rows, i));
  g_ptr_array_set_size (self->recent_rows, 0);
  if (recent != NULL)
    {
      g_variant_iter_init (&iter, recent);
      while ((entry = g_variant_iter_next_value (&iter)) != NULL)
        {
          g_auto(GStrv) paths = g_variant_dup_strv (entry, NULL);
          g_autofree char *title = NULL;
          g_autofree char *folder = NULL;
          GtkWidget *row;

          g_autoptr(GMenuItem) item = NULL;

          g_variant_unref (entry);
          if (paths[0] == NULL || !g_file_test (paths[0], G_FILE_TEST_EXISTS))
            continue;
          title = name_paths ((const char * const *) paths);
          folder = g_path_get_dirname (paths[0]);
          /* The same in the primary menu's Open Recent: "automotive — /home/…". */
          {
            g_autofree char *label = g_strdup_printf (_("%s — %s"), title, folder);
            g_autoptr(GString) escaped = g_string_new (label);

            /* Menu labels take underscores as mnemonics. */
            g_string_replace (escaped, "_", "__", 0);
            item = g_menu_item_new (escaped->str, NULL);
            g_menu_item_set_action_and_target_value (item, "win.open-paths",
                                                     g_variant_new_strv ((const char * const *) paths, -1));
            g_menu_append_item (self->recent_menu, item);
          }
          row = adw_action_row_new ();
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), folder);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
          g_object_set_data_full (G_OBJECT (row), "mc-paths", g_steal_pointer (&paths), (GDestroyNotify) g_strfreev);
          g_signal_connect (row, "activated", G_CALLBACK (on_recent_activated_cb), self);
          adw_preferences_group_add (self->recent_group, row);
          g_ptr_array_add (self->recent_rows, row);
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->recent_group), self->recent_rows->len > 0);
  if (self->recent_rows->len == 0)
    /* No action: shown, insensitive. */
    g_menu_append (self->recent_menu, _("No Recent Datasets"), NULL);
}

/* Puts PATHS first among the recent datasets, and each file in the
 * desktop's recent files. */
static void
remember_dataset (McWindow           *self,
                  const char * const *paths)
{
  g_autoptr(GVariant) recent = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  GVariant *entry;
  guint kept = 1;

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);
      g_autofree char *uri = g_file_get_uri (file);

      gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
    }
  if (self->settings == NULL)
    return;
  recent = g_settings_get_value (self->settings, "recent-datasets");
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aas"));
  g_variant_builder_add_value (&builder, g_variant_new_strv (paths, -1));
  g_variant_iter_init (&iter, recent);
  while ((entry = g_variant_iter_next_value (&iter)) != NULL)
    {
      g_auto(GStrv) other = g_variant_dup_strv (entry, NULL);

      if (kept < MAX_RECENT && !g_strv_equal ((const char * const *) other, paths))
        {
          g_variant_builder_add_value (&builder, entry);
          kept++;
        }
      g_variant_unref (entry);
    }
  g_settings_set_value (self->settings, "recent-datasets", g_variant_builder_end (&builder));
  show_recent (self);
}

/* One CSV opened, with related ones beside it (sales.csv, cars.csv…):
 * offer to open them together. */
static void
offer_related_files (McWindow  *self,
                     McDataset *dataset)
{
  g_auto(GStrv) related = mc_dataset_find_related_files (dataset);
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) paths = NULL;
  g_autofree char *message = NULL;
  AdwToast *toast;

  if (related == NULL)
    return;
  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, mc_table_get_path (mc_dataset_get_table (dataset, 0)));
  g_strv_builder_addv (builder, (const char **) related);
  paths = g_strv_builder_end (builder);
  message = g_strdup_printf (g_dngettext (NULL, "%u related file is beside it", "%u related files are beside it",
                                          g_strv_length (related)),
                             g_strv_length (related));
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Open Together"));
  adw_toast_set_action_name (toast, "win.open-paths");
  adw_toast_set_action_target_value (toast, g_variant_new_strv ((const char * const *) paths, -1));
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
open_paths_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  g_autofree const char **paths = g_variant_get_strv (parameter, NULL);

  mc_window_open_paths (MC_WINDOW (widget), paths);
}

/* A pipe or a device among a folder's files is not read (it would block
 * or never end): say so rather than leave it out silently. */
static void
toast_skipped (McWindow  *self,
               McDataset *dataset)
{
  const GPtrArray *skipped = mc_dataset_get_skipped (dataset);

  for (guint i = 0; i < skipped->len; i++)
    {
      /* A toast's title is markup; a file name may hold "&". */
      g_autofree char *title = g_markup_escape_text (g_ptr_array_index (skipped, i), -1);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
    }
}

static void
load_dataset_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  McWindow *self = MC_WINDOW (object);
  g_autoptr(GError) error = NULL;
  Snapshot *loaded = g_task_propagate_pointer (G_TASK (result), &error);

  /* A load replaced by a newer one has nothing to show. */
  if (g_task_get_cancellable (G_TASK (result)) != self->load_cancellable)
    {
      g_clear_pointer (&loaded, snapshot_free);
      return;
    }
  g_clear_object (&self->load_cancellable);
  if (loaded != NULL)
    {
      /* A new dataset starts a new history. */
      g_ptr_array_set_size (self->undo, 0);
      remember_dataset (self, g_task_get_task_data (G_TASK (result)));
      g_ptr_array_set_size (self->redo, 0);
      self->history_generation++;
      if (self->history_busy)
        gtk_widget_set_sensitive (GTK_WIDGET (self->quality_page), TRUE);
      self->history_busy = FALSE;
      /* Another dataset starts at the top of every page. */
      mc_overview_page_scroll_to_top (self->overview_page);
      show_dataset (self, loaded);
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->rows_scroller), 0);
      gtk_adjustment_set_value (gtk_scrolled_window_get_hadjustment (self->rows_scroller), 0);
      offer_related_files (self, loaded->dataset);
      toast_skipped (self, loaded->dataset);
    }
  else
    {
      /* A failed or cancelled load leaves what was there before. */
      gtk_stack_set_visible_child_name (self->stack, self->previous_page);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      else
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Loading cancelled")));
    }
  set_loading (self, FALSE);
}


/**
 * mc_window_open_paths:
 *
 * Loads the CSV files or folders PATHS as one dataset, in the background.
 */
void
mc_window_open_paths (McWindow           *self,
                      const char * const *paths)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *message = NULL;

  g_return_if_fail (MC_IS_WINDOW (self));
  g_return_if_fail (paths != NULL && paths[0] != NULL);

  if (self->load_cancellable == NULL)
    {
      g_free (self->previous_page);
      self->previous_page = g_strdup (gtk_stack_get_visible_child_name (self->stack));
    }
  mc_window_cancel_load (self);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();

  message = describe_paths (paths);
  gtk_label_set_text (self->loading_label, message);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_stack_set_visible_child_name (self->stack, "loading");

  task = g_task_new (self, self->load_cancellable, load_dataset_cb, NULL);
  g_task_set_source_tag (task, mc_window_open_paths);
  g_task_set_task_data (task, g_strdupv ((GStrv) paths), (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, load_dataset_thread);
  set_loading (self, TRUE);
}

void
mc_window_open_files (McWindow  *self,
                      GFile    **files,
                      guint      n_files)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) paths = NULL;

  g_return_if_fail (MC_IS_WINDOW (self));

  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);

      if (path != NULL)
        g_strv_builder_add (builder, path);
    }
  paths = g_strv_builder_end (builder);
  if (paths[0] == NULL)
    {
      show_error (self, _("Mercato can only open files on this computer."));
      return;
    }
  mc_window_open_paths (self, (const char * const *) paths);
}

void
mc_window_cancel_load (McWindow *self)
{
  g_return_if_fail (MC_IS_WINDOW (self));

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
}

static void
on_cancel_clicked_cb (McWindow *self)
{
  mc_window_cancel_load (self);
}

/* What a cleaning works on: its own references, so that the window may
 * move on (open another dataset) while it runs. */
typedef struct
{
  GPtrArray *recipe;      /* the steps to apply */
  McDataset *dataset;
  GPtrArray *applied;     /* the steps that made DATASET, and their log */
  GPtrArray *applied_log;
} Cleaning;

static void
cleaning_free (Cleaning *cleaning)
{
  g_clear_pointer (&cleaning->recipe, g_ptr_array_unref);
  g_clear_object (&cleaning->dataset);
  g_clear_pointer (&cleaning->applied, g_ptr_array_unref);
  g_clear_pointer (&cleaning->applied_log, g_ptr_array_unref);
  g_free (cleaning);
}

static GPtrArray *
copy_log (GPtrArray *log)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_clean_log_entry_free);

  for (guint i = 0; log != NULL && i < log->len; i++)
    g_ptr_array_add (copy, mc_clean_log_entry_copy (g_ptr_array_index (log, i)));
  return copy;
}

/* The whole recipe in one go (one copy of the data, one round of
 * checks and charts); the steps in between are made again only if undo
 * or redo reaches them. */
static void
clean_dataset_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  Cleaning *cleaning = task_data;
  GPtrArray *log = NULL;
  GError *error = NULL;
  McDataset *cleaned = mc_recipe_apply (cleaning->recipe, cleaning->dataset, &log, &error);
  Snapshot *snapshot;

  if (cleaned == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  snapshot = snapshot_new (cleaned, copy_log (cleaning->applied_log));
  g_ptr_array_extend_and_steal (snapshot->log, log);
  snapshot->recipe = mc_recipe_copy (cleaning->applied);
  for (guint i = 0; i < cleaning->recipe->len; i++)
    g_ptr_array_add (snapshot->recipe, mc_clean_step_copy (g_ptr_array_index (cleaning->recipe, i)));
  g_task_return_pointer (task, snapshot, (GDestroyNotify) snapshot_free);
}

/* The step K (from 1) of the Apply CLEANING did, which LAST finished,
 * to be made when undo or redo reaches it. */
static Snapshot *
snapshot_new_step (Cleaning *cleaning,
                   Snapshot *last,
                   guint     k)
{
  Snapshot *snapshot = g_new0 (Snapshot, 1);
  guint before = cleaning->applied->len;

  snapshot->anchor = g_object_ref (cleaning->dataset);
  snapshot->steps = mc_recipe_new ();
  for (guint i = 0; i < k; i++)
    g_ptr_array_add (snapshot->steps, mc_clean_step_copy (g_ptr_array_index (cleaning->recipe, i)));
  snapshot->recipe = mc_recipe_new ();
  snapshot->log = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_clean_log_entry_free);
  for (guint i = 0; i < before + k; i++)
    {
      g_ptr_array_add (snapshot->recipe, mc_clean_step_copy (g_ptr_array_index (last->recipe, i)));
      g_ptr_array_add (snapshot->log, mc_clean_log_entry_copy (g_ptr_array_index (last->log, i)));
    }
  return snapshot;
}

/* Shows CHANGED (taken) in place of the dataset shown, which goes on the
 * undo list; a toast says MESSAGE and offers to undo. */
static void
replace_shown (McWindow   *self,
               Snapshot   *changed,
               const char *message)
{
  AdwToast *toast = adw_toast_new (message);

  /* A new change: what was undone cannot be redone any more. */
  g_ptr_array_set_size (self->redo, 0);
  if (changed->recipe == NULL && self->shown->recipe != NULL)
    {
      /* Segments added to cleaned data keep its recipe. */
      changed->recipe = mc_recipe_copy (self->shown->recipe);
      changed->log = copy_log (self->shown->log);
    }
  g_ptr_array_add (self->undo, g_steal_pointer (&self->shown));
  show_dataset (self, changed);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
clean_dataset_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  McWindow *self = MC_WINDOW (object);
  Cleaning *cleaning = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  Snapshot *cleaned = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *message = NULL;
  gsize removed = 0;

  /* The window was closed while cleaning: nothing to show it in. */
  if (self->undo == NULL)
    {
      snapshot_free (cleaned);
      return;
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->quality_page), TRUE);
  if (cleaned == NULL)
    {
      show_cleaning_error (self, _("Could Not Clean the Data"), error->message);
      return;
    }
  if (cleaning->dataset != self->dataset)
    {
      /* Another dataset was opened meanwhile: this result is stale. */
      snapshot_free (cleaned);
      return;
    }
  for (guint i = cleaning->applied->len; i < cleaned->log->len; i++)
    removed += ((McCleanLogEntry *) g_ptr_array_index (cleaned->log, i))->rows_removed;
  /* Undo goes back one step at a time: the steps in between go on the
   * undo list, to be made again when it reaches them. */
  g_ptr_array_set_size (self->redo, 0);
  for (guint k = 1; k < cleaning->recipe->len; k++)
    {
      g_ptr_array_add (self->undo, g_steal_pointer (&self->shown));
      self->shown = snapshot_new_step (cleaning, cleaned, k);
    }
  message = g_strdup_printf (g_dngettext (NULL, "Cleaned: %'zu row removed",
                                          "Cleaned: %'zu rows removed", removed),
                             removed);
  replace_shown (self, cleaned, message);
}

/**
 * mc_window_apply_recipe:
 *
 * Cleans a copy of the dataset with the quality page's recipe on a worker
 * thread; the dataset before stays on the undo list.
 */
void
mc_window_apply_recipe (McWindow *self)
{
  g_autoptr(GTask) task = NULL;
  Cleaning *cleaning;
  GPtrArray *recipe;

  g_return_if_fail (MC_IS_WINDOW (self));

  recipe = mc_quality_page_get_recipe (self->quality_page);
  if (self->dataset == NULL || recipe->len == 0)
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->quality_page), FALSE);
  cleaning = g_new0 (Cleaning, 1);
  cleaning->recipe = mc_recipe_copy (recipe);
  cleaning->dataset = g_object_ref (self->dataset);
  cleaning->applied = mc_recipe_copy (self->shown->recipe);
  cleaning->applied_log = copy_log (self->shown->log);
  task = g_task_new (self, NULL, clean_dataset_cb, NULL);
  g_task_set_source_tag (task, mc_window_apply_recipe);
  g_task_set_task_data (task, cleaning, (GDestroyNotify) cleaning_free);
  g_task_run_in_thread (task, clean_dataset_thread);
}

static void
on_apply_recipe_cb (McWindow *self)
{
  mc_window_apply_recipe (self);
}

/* The model */

typedef struct
{
  McDataset  *dataset;    /* the shown one's tables, to read anew */
  GHashTable *settings;
} Remodel;

static void
remodel_free (Remodel *remodel)
{
  g_clear_object (&remodel->dataset);
  g_clear_pointer (&remodel->settings, g_hash_table_unref);
  g_free (remodel);
}

static void
remodel_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Remodel *remodel = task_data;
  GError *error = NULL;

  if (!mc_model_set_dataset_settings (remodel->dataset, remodel->settings, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (!mc_model_store_save (remodel->dataset, &error))
    {
      g_warning ("The model settings could not be kept: %s", error->message);
      g_clear_error (&error);
    }
  g_task_return_pointer (task, snapshot_new (g_object_ref (remodel->dataset), NULL), (GDestroyNotify) snapshot_free);
}

static void
remodel_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  McWindow *self = MC_WINDOW (object);
  g_autoptr(GError) error = NULL;
  Snapshot *remodelled = g_task_propagate_pointer (G_TASK (result), &error);

  /* Superseded by a newer change, or the window closed. */
  if (g_task_get_cancellable (G_TASK (result)) != self->model_cancellable || self->undo == NULL)
    {
      g_clear_pointer (&remodelled, snapshot_free);
      return;
    }
  g_clear_object (&self->model_cancellable);
  if (self->model_dialog != NULL)
    mc_model_dialog_set_busy (self->model_dialog, FALSE);
  if (remodelled == NULL)
    {
      if (self->model_dialog != NULL)
        adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self->model_dialog), adw_toast_new (error->message));
      else
        show_error (self, error->message);
      return;
    }
  show_dataset (self, remodelled);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Every figure was worked out again")));
}

/**
 * mc_window_set_model_settings:
 *
 * Reads the shown dataset again with SETTINGS as the user's choices of
 * its model, on a worker thread, and shows every figure anew; the
 * settings are kept for these files.
 */
void
mc_window_set_model_settings (McWindow   *self,
                              GHashTable *settings)
{
  g_autoptr(GTask) task = NULL;
  g_autofree McTable **same = NULL;
  Remodel *remodel;

  g_return_if_fail (MC_IS_WINDOW (self));

  if (self->dataset == NULL)
    return;
  g_cancellable_cancel (self->model_cancellable);
  g_clear_object (&self->model_cancellable);
  self->model_cancellable = g_cancellable_new ();
  /* The shown dataset stays as it is while pages read it. */
  same = g_new0 (McTable *, mc_dataset_get_n_tables (self->dataset) + 1);
  remodel = g_new0 (Remodel, 1);
  remodel->dataset = mc_dataset_new_replacing (self->dataset, same);
  remodel->settings = g_hash_table_ref (settings);
  if (self->model_dialog != NULL)
    mc_model_dialog_set_busy (self->model_dialog, TRUE);
  task = g_task_new (self, self->model_cancellable, remodel_cb, NULL);
  g_task_set_source_tag (task, mc_window_set_model_settings);
  g_task_set_task_data (task, remodel, (GDestroyNotify) remodel_free);
  g_task_run_in_thread (task, remodel_thread);
}

static void
on_model_settings_changed_cb (McModelDialog *dialog,
                              GHashTable    *settings,
                              McWindow      *self)
{
  mc_window_set_model_settings (self, settings);
}

static void
on_model_dialog_destroyed_cb (McWindow *self)
{
  self->model_dialog = NULL;
}

static void
set_model_choice_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  McWindow *self = MC_WINDOW (widget);
  McModel *model = self->dataset != NULL ? mc_model_for_dataset (self->dataset) : NULL;
  g_autoptr(GHashTable) settings = model != NULL ? mc_model_dup_overrides (model) : mc_model_overrides_new ();
  const char *key, *value;

  g_variant_get (parameter, "(&s&s)", &key, &value);
  g_hash_table_insert (settings, g_strdup (key), g_strdup (value));
  mc_window_set_model_settings (self, settings);
}

static void
show_model_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  McWindow *self = MC_WINDOW (widget);

  if (self->dataset == NULL)
    return;
  if (self->model_dialog == NULL)
    {
      self->model_dialog = mc_model_dialog_new (GTK_WINDOW (self), self->dataset);
      g_signal_connect (self->model_dialog, "settings-changed", G_CALLBACK (on_model_settings_changed_cb), self);
      g_signal_connect_swapped (self->model_dialog, "destroy", G_CALLBACK (on_model_dialog_destroyed_cb), self);
    }
  gtk_window_present (GTK_WINDOW (self->model_dialog));
}

McModelDialog *
_mc_window_get_model_dialog (McWindow *self)
{
  return self->model_dialog;
}

/* Export report */

typedef struct
{
  McDataset *dataset;
  GPtrArray *findings;
  char      *title;
  char      *path;
} Report;

static void
report_free (Report *report)
{
  g_clear_object (&report->dataset);
  g_clear_pointer (&report->findings, g_ptr_array_unref);
  g_free (report->title);
  g_free (report->path);
  g_free (report);
}

static void
report_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Report *report = task_data;
  GError *error = NULL;

  if (mc_report_write (report->dataset, report->findings, report->title, report->path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
report_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  McWindow *self = MC_WINDOW (object);
  Report *report = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-report", self->dataset != NULL);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      show_error (self, error->message);
      return;
    }
  message = g_strdup_printf (_("Report saved to %s"), report->path);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/**
 * mc_window_export_report:
 *
 * Writes the PDF report of what the pages show (the filtered purchases
 * under a filter, its title saying so) to PATH on a worker thread, and
 * says where in a toast.
 */
void
mc_window_export_report (McWindow   *self,
                         const char *path)
{
  g_autoptr(GTask) task = NULL;
  Report *report;

  g_return_if_fail (MC_IS_WINDOW (self));

  if (self->shown == NULL)
    return;
  report = g_new0 (Report, 1);
  /* Under a filter, the report is of what the pages show, and its
   * title (the window's subtitle) says which part that is. */
  report->dataset = g_object_ref (self->filtered != NULL ? self->filtered->dataset : self->dataset);
  report->findings = g_ptr_array_ref (self->shown->findings);
  report->title = g_strdup (adw_view_switcher_title_get_subtitle (self->window_title));
  report->path = g_strdup (path);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-report", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-recipe", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-cleaned-copy", FALSE);
  task = g_task_new (self, NULL, report_cb, NULL);
  g_task_set_source_tag (task, mc_window_export_report);
  g_task_set_task_data (task, report, (GDestroyNotify) report_free);
  g_task_run_in_thread (task, report_thread);
}

static void
on_report_response_cb (GtkNativeDialog *dialog,
                       int              response,
                       gpointer         user_data)
{
  McWindow *self = MC_WINDOW (user_data);
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL
      && (path = g_file_get_path (file)) != NULL)
    mc_window_export_report (self, path);
  g_object_unref (dialog);
}

static void
export_report_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  McWindow *self = MC_WINDOW (widget);
  GtkFileChooserNative *dialog;

  if (self->dataset == NULL)
    return;
  dialog = gtk_file_chooser_native_new (_("Export Report"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("Mercato report.pdf"));
  g_signal_connect (dialog, "response", G_CALLBACK (on_report_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Filtering the overview and the tables by a chart's mark */

typedef struct
{
  McDataset *filtered;
  McDataset *whole;
  gsize     *rows;      /* of the whole's purchases, or NULL: FILTERED is worked out afresh */
  gsize      n_rows;
} Filtering;

static void
filtering_free (Filtering *filtering)
{
  g_clear_object (&filtering->filtered);
  g_clear_object (&filtering->whole);
  g_free (filtering->rows);
  g_free (filtering);
}

/* The figures and charts of the whole's one analysis, filtered to ROWS:
 * nothing is inferred or derived again. */
static Snapshot *
snapshot_new_selection (Filtering *filtering)
{
  Snapshot *snapshot = g_new0 (Snapshot, 1);

  snapshot->dataset = g_object_ref (filtering->filtered);
  snapshot->analysis = mc_analysis_new (filtering->whole, filtering->rows, filtering->n_rows);
  snapshot->metrics = snapshot->analysis->metrics;
  snapshot->platforms = snapshot->analysis->platforms;
  snapshot->charts = mc_chart_data_new_for (filtering->whole, snapshot->analysis);
  return snapshot;
}

static void
filter_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Filtering *filtering = task_data;
  Snapshot *snapshot = filtering->rows != NULL ? snapshot_new_selection (filtering)
                                               : snapshot_new_view (g_object_ref (filtering->filtered));

  snapshot->listed = mc_dataset_new_taking_part (filtering->filtered, filtering->whole);
  g_task_return_pointer (task, snapshot, (GDestroyNotify) snapshot_free);
}

/* A filter that answers quickly shows no busy sign, which would only
 * flicker. */
#define FILTER_BUSY_DELAY_MS 100

static gboolean
filter_busy_cb (gpointer data)
{
  McWindow *self = data;

  self->filter_busy_source = 0;
  mc_overview_page_set_busy (self->overview_page, self->filter_label);
  return G_SOURCE_REMOVE;
}

/* The table of customers (their details, else their purchases) in the
 * Tables page, with its rows. */
static void
show_customers_table (McWindow *self)
{
  McDataset *dataset = listed_dataset (self);
  McTable *purchases = mc_model_find_purchases (dataset);
  int best = -1;

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
  adw_view_stack_set_visible_child_name (self->view_stack, "tables");
  gtk_stack_set_visible_child_name (self->table_stack, "rows");
}

static void
filter_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  McWindow *self = MC_WINDOW (object);
  Snapshot *filtered = g_task_propagate_pointer (G_TASK (result), NULL);

  /* Cleared, replaced by another filter or another dataset meanwhile. */
  if (g_task_get_cancellable (G_TASK (result)) != self->filter_cancellable || filtered == NULL)
    {
      g_clear_pointer (&filtered, snapshot_free);
      return;
    }
  g_clear_object (&self->filter_cancellable);
  g_clear_handle_id (&self->filter_busy_source, g_source_remove);
  g_clear_pointer (&self->filtered, snapshot_free);
  self->filtered = filtered;
  mc_overview_page_set_busy (self->overview_page, NULL);
  mc_overview_page_show_filtered (self->overview_page, filtered->metrics, filtered->platforms, filtered->charts,
                                  self->shown->charts, self->filter_label);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.clear-filter", TRUE);
  update_subtitle (self);
  list_tables (self, listed_dataset (self));
  if (self->tables_after_filter)
    show_customers_table (self);
  self->tables_after_filter = FALSE;
}

static void filter_start (McWindow   *self,
                          McDataset  *filtered,
                          const char *label,
                          gsize      *rows,
                          gsize       n_rows);

/**
 * mc_window_filter:
 *
 * Shows only the purchases that meet CONDITIONS (McChartCondition, as
 * charts' marks give them) on the Overview and the Tables pages; the
 * figures and charts are worked out again on a worker thread. Data
 * Quality and cleaning keep to the whole dataset.
 */
void
mc_window_filter (McWindow  *self,
                  GPtrArray *conditions)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McDataset) filtered = NULL;
  g_autofree char *label = NULL;
  g_autofree gsize *rows = NULL;
  gsize n_rows;
  McTable *purchases;

  g_return_if_fail (MC_IS_WINDOW (self));

  if (self->shown == NULL || self->shown->charts == NULL)
    return;
  if ((rows = mc_chart_data_select (self->shown->charts, conditions, &n_rows, &error)) == NULL)
    {
      show_error (self, error->message);
      return;
    }
  /* The Tables page and the report list the rows taking part. */
  purchases = mc_model_find_purchases (self->shown->dataset);
  filtered = mc_dataset_new_with_rows (self->shown->dataset,
                                       mc_dataset_lookup_table (self->shown->dataset, mc_table_get_name (purchases)),
                                       rows, n_rows);
  label = mc_chart_conditions_describe (conditions);
  self->tables_after_filter = FALSE;
  filter_start (self, filtered, label, g_steal_pointer (&rows), n_rows);
}

/**
 * mc_window_filter_dataset:
 *
 * Shows FILTERED, a part of the dataset shown (as LABEL says: "Website",
 * "the segment Big spenders"), on the Overview and the Tables pages;
 * its figures and charts are worked out on a worker thread.
 */
void
mc_window_filter_dataset (McWindow   *self,
                          McDataset  *filtered,
                          const char *label)
{
  g_return_if_fail (MC_IS_WINDOW (self));

  if (self->shown == NULL)
    return;
  filter_start (self, filtered, label, NULL, 0);
}

/* Works FILTERED out on a worker: from the whole's analysis filtered to
 * ROWS (taken) of its purchases, or afresh without them. */
static void
filter_start (McWindow   *self,
              McDataset  *filtered,
              const char *label,
              gsize      *rows,
              gsize       n_rows)
{
  g_autoptr(GTask) task = NULL;
  Filtering *filtering;

  g_cancellable_cancel (self->filter_cancellable);
  g_clear_object (&self->filter_cancellable);
  self->filter_cancellable = g_cancellable_new ();
  g_free (self->filter_label);
  self->filter_label = g_strdup (label);
  filtering = g_new0 (Filtering, 1);
  filtering->filtered = g_object_ref (filtered);
  filtering->whole = g_object_ref (self->dataset);
  filtering->rows = rows;
  filtering->n_rows = n_rows;
  /* Worked out on a worker: the page stays, its filter bar shows at once
   * (the page moves once, under the chart kept in place), and a busy
   * sign only if it takes long. */
  g_clear_handle_id (&self->filter_busy_source, g_source_remove);
  self->filter_busy_source = g_timeout_add (FILTER_BUSY_DELAY_MS, filter_busy_cb, self);
  mc_overview_page_set_filter (self->overview_page, label);
  task = g_task_new (self, self->filter_cancellable, filter_cb, NULL);
  g_task_set_source_tag (task, mc_window_filter_dataset);
  g_task_set_task_data (task, filtering, (GDestroyNotify) filtering_free);
  g_task_run_in_thread (task, filter_thread);
}

/**
 * mc_window_clear_filter:
 *
 * Shows every purchase again.
 */
void
mc_window_clear_filter (McWindow *self)
{
  g_return_if_fail (MC_IS_WINDOW (self));

  if (self->shown == NULL)
    return;
  drop_filter (self);
  mc_overview_page_show (self->overview_page, self->shown->metrics, self->shown->platforms, self->shown->charts);
  list_tables (self, self->dataset);
}

static void
on_filter_cb (McWindow  *self,
              GPtrArray *conditions)
{
  mc_window_filter (self, conditions);
}

static void
on_clear_filter_cb (McWindow *self)
{
  mc_window_clear_filter (self);
}

/* Shows the data row that starts on LINE of TABLE's file. */
static gboolean
show_row_idle (gpointer data)
{
  McWindow *self = data;
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
 * mc_window_show_row:
 *
 * Shows, in the table's rows, the row that starts on LINE of its file.
 */
void
mc_window_show_row (McWindow   *self,
                    const char *table_name,
                    guint       line)
{
  McTable *table;
  gssize row;

  g_return_if_fail (MC_IS_WINDOW (self));

  if (self->dataset == NULL || (table = mc_dataset_lookup_table (self->dataset, table_name)) == NULL)
    return;
  /* Lines are those of the whole dataset, which the table must show. */
  if (self->filtered != NULL || self->filter_cancellable != NULL)
    mc_window_clear_filter (self);
  row = mc_table_find_row_at_line (table, line);
  for (guint t = 0; t < mc_dataset_get_n_tables (self->dataset); t++)
    if (mc_dataset_get_table (self->dataset, t) == table)
      gtk_list_box_select_row (self->table_list, gtk_list_box_get_row_at_index (self->table_list, t));
  adw_view_stack_set_visible_child_name (self->view_stack, "tables");
  gtk_stack_set_visible_child_name (self->table_stack, "rows");
  if (row < 0)
    return;
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (gtk_column_view_get_model (self->rows_view)), row);
  g_idle_add_full (G_PRIORITY_LOW, show_row_idle, g_object_ref (self), g_object_unref);
}

static void
on_show_line_cb (McWindow   *self,
                 const char *table,
                 guint       line)
{
  mc_window_show_row (self, table, line);
}

/* The Data Quality page of SNAPSHOT, with the steps that made it; undo
 * and redo are possible when there is somewhere to go. */
static void
show_cleaning (McWindow *self,
               Snapshot *snapshot)
{
  mc_quality_page_show_cleaned (self->quality_page, snapshot->dataset, snapshot->findings, snapshot->recipe,
                                snapshot->log);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", self->undo->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", self->redo->len > 0);
  /* A copy is worth saving once a step changed it. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-cleaned-copy",
                                 snapshot->recipe != NULL && snapshot->recipe->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-recipe", TRUE);
}

static void
show_cleaning_error (McWindow   *self,
                     const char *title,
                     const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), title, message);

  g_free (self->last_error);
  self->last_error = g_strdup (message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* "Undone: Drop the repeated rows of sales" */
static void
toast_step (McWindow   *self,
            const char *format,
            Snapshot   *with_step)
{
  g_autofree char *step = NULL;
  g_autofree char *title = NULL;
  g_autofree char *markup = NULL;

  if (with_step->recipe == NULL || with_step->recipe->len == 0)
    step = g_strdup (_("the last change"));
  else
    step = mc_clean_step_describe (g_ptr_array_index (with_step->recipe, with_step->recipe->len - 1));
  title = g_strdup_printf (format, step);
  /* A toast's title is markup; a column name may hold "&". */
  markup = g_markup_escape_text (title, -1);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (markup));
}

static void
make_step_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Snapshot *step = task_data;
  GError *error = NULL;
  McDataset *dataset = mc_recipe_apply (step->steps, step->anchor, NULL, &error);
  Snapshot *made;

  if (dataset == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  made = snapshot_new (dataset, NULL);
  g_task_return_pointer (task, made, (GDestroyNotify) snapshot_free);
}

/* Moves SHOWN to the list FROM_LIST did not give TARGET from, then shows
 * TARGET (taken). */
static void
go_to (McWindow *self,
       Snapshot *target,
       gboolean  undoing)
{
  g_ptr_array_add (undoing ? self->redo : self->undo, g_steal_pointer (&self->shown));
  show_dataset (self, target);
}

static void
make_step_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  McWindow *self = MC_WINDOW (object);
  guint generation = GPOINTER_TO_UINT (user_data) >> 1;
  gboolean undoing = GPOINTER_TO_UINT (user_data) & 1;
  /* Not owned by the task: it goes back to a list or is freed here. */
  Snapshot *target = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  Snapshot *made = g_task_propagate_pointer (G_TASK (result), &error);

  /* Closed, or another dataset opened meanwhile: a new history. */
  if (self->undo == NULL || self->shown == NULL || generation != self->history_generation)
    {
      snapshot_free (made);
      snapshot_free (target);
      return;
    }
  self->history_busy = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->quality_page), TRUE);
  if (made == NULL)
    {
      /* Put back where it was taken from. */
      g_ptr_array_add (undoing ? self->undo : self->redo, target);
      show_cleaning_error (self, _("Could Not Clean the Data"), error->message);
      return;
    }
  /* TARGET keeps its recipe and log, and is made for good. */
  target->dataset = g_steal_pointer (&made->dataset);
  target->findings = g_steal_pointer (&made->findings);
  target->metrics = made->metrics;
  target->platforms = made->platforms;
  target->charts = g_steal_pointer (&made->charts);
  g_clear_object (&target->anchor);
  g_clear_pointer (&target->steps, g_ptr_array_unref);
  snapshot_free (made);
  go_to (self, target, undoing);
}

/* Goes to TARGET (taken from the undo list when UNDOING, else from the
 * redo list), making it first on a worker thread if it is a step in
 * the middle of an Apply. */
static void
go_to_snapshot (McWindow *self,
                Snapshot *target,
                gboolean  undoing)
{
  g_autoptr(GTask) task = NULL;

  if (target->dataset != NULL)
    {
      go_to (self, target, undoing);
      return;
    }
  self->history_busy = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->quality_page), FALSE);
  task = g_task_new (self, NULL, make_step_cb, GUINT_TO_POINTER (self->history_generation << 1 | (undoing != FALSE)));
  g_task_set_source_tag (task, go_to_snapshot);
  g_task_set_task_data (task, target, NULL);
  g_task_run_in_thread (task, make_step_thread);
}

/**
 * mc_window_undo_cleaning:
 *
 * Goes back one step: the data before the last cleaning step (or the
 * segments added); the recipe loses that step, and redo brings it back.
 * A step in the middle of an Apply is made again on a worker thread.
 */
void
mc_window_undo_cleaning (McWindow *self)
{
  g_return_if_fail (MC_IS_WINDOW (self));

  if (self->undo->len == 0 || self->shown == NULL || self->history_busy)
    return;
  /* Translators: %s is the step undone, such as "Drop the repeated rows of sales". */
  toast_step (self, _("Undone: %s"), self->shown);
  go_to_snapshot (self, g_ptr_array_steal_index (self->undo, self->undo->len - 1), TRUE);
}

/**
 * mc_window_redo_cleaning:
 *
 * Takes again the step the last undo took back, with its place in the
 * recipe.
 */
void
mc_window_redo_cleaning (McWindow *self)
{
  Snapshot *after;

  g_return_if_fail (MC_IS_WINDOW (self));

  if (self->redo->len == 0 || self->shown == NULL || self->history_busy)
    return;
  after = g_ptr_array_steal_index (self->redo, self->redo->len - 1);
  /* Translators: %s is the step done again, such as "Drop the repeated rows of sales". */
  toast_step (self, _("Redone: %s"), after);
  go_to_snapshot (self, after, FALSE);
}

/**
 * mc_window_open_recipe:
 *
 * Replays the recipe file at PATH (a recipe.ini) on the dataset shown:
 * its steps replace those not applied yet, then are applied. A file that
 * is not a recipe gets a message saying what one looks like.
 */
void
mc_window_open_recipe (McWindow   *self,
                       const char *path)
{
  g_autoptr(GPtrArray) recipe = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (MC_IS_WINDOW (self));

  if (self->dataset == NULL)
    return;
  recipe = mc_recipe_load (path, &error);
  if (recipe != NULL && recipe->len == 0)
    {
      g_autofree char *name = g_filename_display_name (path);

      recipe = (g_ptr_array_unref (recipe), NULL);
      /* Translators: %s is a file; [step 1], action= and table= stay as written. */
      error = g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("%s holds no cleaning steps: a recipe is the recipe.ini that Save Cleaned Copy… or "
                             "mercato-cli clean writes, groups such as [step 1] with action=… and table=… lines"),
                           name);
    }
  if (recipe == NULL)
    {
      show_cleaning_error (self, _("Not a Cleaning Recipe"), error->message);
      return;
    }
  mc_quality_page_set_recipe (self->quality_page, recipe);
  mc_window_apply_recipe (self);
}

typedef struct
{
  McDataset *source;
  McDataset *cleaned;
  GPtrArray *recipe;
  GPtrArray *log;
  char      *folder;
} CleanCopy;

static void
clean_copy_free (CleanCopy *copy)
{
  g_clear_object (&copy->source);
  g_clear_object (&copy->cleaned);
  g_clear_pointer (&copy->recipe, g_ptr_array_unref);
  g_clear_pointer (&copy->log, g_ptr_array_unref);
  g_free (copy->folder);
  g_free (copy);
}

static void
save_cleaned_copy_thread (GTask        *task,
                          gpointer      source_object,
                          gpointer      task_data,
                          GCancellable *cancellable)
{
  CleanCopy *copy = task_data;
  GError *error = NULL;

  if (mc_clean_write_copy (copy->source, copy->cleaned, copy->recipe, copy->log, copy->folder, FALSE, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
save_cleaned_copy_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  McWindow *self = MC_WINDOW (object);
  CleanCopy *copy = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *markup = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (self->undo != NULL)
        show_cleaning_error (self, _("Could Not Save the Cleaned Copy"), error->message);
      return;
    }
  if (self->undo == NULL)
    return;
  name = g_filename_display_name (copy->folder);
  /* Translators: %s is a folder. */
  title = g_strdup_printf (_("Cleaned copy saved in %s, with its recipe and log"), name);
  markup = g_markup_escape_text (title, -1);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (markup));
}

/**
 * mc_window_save_cleaned_copy:
 *
 * Writes the data shown, the recipe that made it and what each step did
 * into FOLDER on a worker thread, as `mercato-cli clean --out FOLDER`
 * does: NAME.csv for each table, recipe.ini and cleaning-log.txt, all
 * at once, never over the files opened.
 */
void
mc_window_save_cleaned_copy (McWindow   *self,
                             const char *folder)
{
  g_autoptr(GTask) task = NULL;
  CleanCopy *copy;

  g_return_if_fail (MC_IS_WINDOW (self));

  if (self->shown == NULL)
    return;
  copy = g_new0 (CleanCopy, 1);
  /* The data as opened: its files are the ones never to write over. */
  copy->source = g_object_ref (self->undo->len > 0 ? ((Snapshot *) g_ptr_array_index (self->undo, 0))->dataset
                                                    : self->dataset);
  copy->cleaned = g_object_ref (self->dataset);
  copy->recipe = mc_recipe_copy (self->shown->recipe);
  copy->log = copy_log (self->shown->log);
  copy->folder = g_strdup (folder);
  task = g_task_new (self, NULL, save_cleaned_copy_cb, NULL);
  g_task_set_source_tag (task, mc_window_save_cleaned_copy);
  g_task_set_task_data (task, copy, (GDestroyNotify) clean_copy_free);
  g_task_run_in_thread (task, save_cleaned_copy_thread);
}

static void
on_cleaning_chooser_response_cb (GtkNativeDialog *chooser,
                                 int              response,
                                 McWindow        *self)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
  gboolean saving = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER;

  if (response == GTK_RESPONSE_ACCEPT && path != NULL)
    {
      if (saving)
        mc_window_save_cleaned_copy (self, path);
      else
        mc_window_open_recipe (self, path);
    }
  g_clear_object (&self->cleaning_chooser);
}

static void
choose_for_cleaning (McWindow *self,
                     gboolean  saving)
{
  if (self->cleaning_chooser != NULL || self->dataset == NULL)
    return;
  if (saving)
    {
      self->cleaning_chooser = gtk_file_chooser_native_new (_("Save Cleaned Copy"), GTK_WINDOW (self),
                                                            GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Save Here"),
                                                            _("_Cancel"));
    }
  else
    {
      g_autoptr(GtkFileFilter) recipes = gtk_file_filter_new ();
      g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

      self->cleaning_chooser = gtk_file_chooser_native_new (_("Open Recipe"), GTK_WINDOW (self),
                                                            GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
      gtk_file_filter_set_name (recipes, _("Cleaning recipes"));
      gtk_file_filter_add_pattern (recipes, "*.ini");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->cleaning_chooser), recipes);
      gtk_file_filter_set_name (all, _("All files"));
      gtk_file_filter_add_pattern (all, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->cleaning_chooser), all);
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->cleaning_chooser), TRUE);
  g_signal_connect (self->cleaning_chooser, "response", G_CALLBACK (on_cleaning_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->cleaning_chooser));
}

static void
save_cleaned_copy_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  choose_for_cleaning (MC_WINDOW (widget), TRUE);
}

static void
open_recipe_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  choose_for_cleaning (MC_WINDOW (widget), FALSE);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  mc_window_redo_cleaning (MC_WINDOW (widget));
}

/* F6 (and Shift+F6) goes between the window's regions: the header bar,
 * and the page shown (on the Overview, its first chart). */
static gboolean
next_region_cb (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  McWindow *self = MC_WINDOW (widget);
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (self));
  GtkWidget *header = gtk_widget_get_ancestor (GTK_WIDGET (self->window_title), ADW_TYPE_HEADER_BAR);
  GtkWidget *page = gtk_stack_get_visible_child (self->stack);

  if (focus != NULL && !gtk_widget_is_ancestor (focus, header))
    {
      gtk_window_set_focus (GTK_WINDOW (self), NULL);
      return gtk_widget_child_focus (header, GTK_DIR_TAB_FORWARD);
    }
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "dataset") == 0)
    {
      page = adw_view_stack_get_visible_child (self->view_stack);
      if (page == GTK_WIDGET (self->overview_page))
        return mc_overview_page_focus_content (self->overview_page);
    }
  return page != NULL && gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD);
}

/* Escape cancels a load, else clears the filter. */
static gboolean
escape_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  McWindow *self = MC_WINDOW (widget);

  if (mc_window_get_loading (self))
    mc_window_cancel_load (self);
  else if (self->filtered != NULL || self->filter_cancellable != NULL)
    mc_window_clear_filter (self);
  else
    return FALSE;
  return TRUE;
}

static void
clear_filter_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  mc_window_clear_filter (MC_WINDOW (widget));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  mc_window_undo_cleaning (MC_WINDOW (widget));
}

static void
toast_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  adw_toast_overlay_add_toast (MC_WINDOW (widget)->toast_overlay, adw_toast_new (g_variant_get_string (parameter, NULL)));
}

/* Segments */

static void
add_segment_column_thread (GTask        *task,
                           gpointer      source_object,
                           gpointer      task_data,
                           GCancellable *cancellable)
{
  g_task_return_pointer (task, snapshot_new (g_object_ref (task_data), NULL), (GDestroyNotify) snapshot_free);
}

static void
add_segment_column_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  McWindow *self = MC_WINDOW (object);
  McDataset *before = user_data;
  Snapshot *changed = g_task_propagate_pointer (G_TASK (result), NULL);

  /* Closed, or another dataset opened meanwhile. */
  if (self->undo == NULL || before != self->dataset || changed == NULL)
    g_clear_pointer (&changed, snapshot_free);
  else
    {
      self->keep_segments = TRUE;
      replace_shown (self, changed, _("Segments added to the data: the dashboard can be filtered by them"));
    }
  g_object_unref (before);
}

/**
 * mc_window_add_segment_column:
 *
 * Shows WITH_COLUMN, the dataset shown with the segments of the
 * Segments page added, once its figures are worked out on a worker
 * thread; the dataset before goes on the undo list.
 */
void
mc_window_add_segment_column (McWindow  *self,
                              McDataset *with_column)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MC_IS_WINDOW (self));

  if (self->dataset == NULL)
    return;
  task = g_task_new (self, NULL, add_segment_column_cb, g_object_ref (self->dataset));
  g_task_set_source_tag (task, mc_window_add_segment_column);
  g_task_set_task_data (task, g_object_ref (with_column), g_object_unref);
  g_task_run_in_thread (task, add_segment_column_thread);
}

static void
on_add_segment_column_cb (McWindow  *self,
                          McDataset *with_column)
{
  mc_window_add_segment_column (self, with_column);
}

static void
on_show_customers_cb (McWindow   *self,
                      McDataset  *selection,
                      const char *label)
{
  self->tables_after_filter = TRUE;
  /* No chart's mark set this filter. */
  mc_overview_page_forget_selection (self->overview_page);
  mc_window_filter_dataset (self, selection, label);
}

static void
on_chooser_response_cb (GtkNativeDialog *dialog,
                        int              response,
                        gpointer         user_data)
{
  McWindow *self = MC_WINDOW (user_data);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      guint n = g_list_model_get_n_items (files);
      g_autofree GFile **array = g_new0 (GFile *, n + 1);

      for (guint i = 0; i < n; i++)
        array[i] = g_list_model_get_item (files, i);
      mc_window_open_files (self, array, n);
      for (guint i = 0; i < n; i++)
        g_object_unref (array[i]);
    }
  g_object_unref (dialog);
}

/**
 * mc_window_choose:
 *
 * Asks for CSV files, or a FOLDER of them, and opens them.
 */
void
mc_window_choose (McWindow *self,
                  gboolean  folder)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  g_return_if_fail (MC_IS_WINDOW (self));

  chooser = gtk_file_chooser_native_new (folder ? _("Open a Folder of CSV Files") : _("Open CSV Files"),
                                         GTK_WINDOW (self),
                                         folder ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER : GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  if (!folder)
    {
      gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
      gtk_file_filter_set_name (filter, _("CSV and text tables"));
      gtk_file_filter_add_mime_type (filter, "text/csv");
      gtk_file_filter_add_mime_type (filter, "text/tab-separated-values");
      gtk_file_filter_add_suffix (filter, "csv");
      gtk_file_filter_add_suffix (filter, "tsv");
      gtk_file_filter_add_suffix (filter, "txt");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
    }
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            gpointer       user_data)
{
  McWindow *self = MC_WINDOW (user_data);
  GSList *list = g_value_get_boxed (value);
  g_autoptr(GPtrArray) files = g_ptr_array_new ();

  for (GSList *l = list; l != NULL; l = l->next)
    g_ptr_array_add (files, l->data);
  if (files->len == 0)
    return FALSE;
  mc_window_open_files (self, (GFile **) files->pdata, files->len);
  return TRUE;
}

static void
cancel_load_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  mc_window_cancel_load (MC_WINDOW (widget));
}

static void
mc_window_dispose (GObject *object)
{
  McWindow *self = (McWindow *)object;

  mc_window_cancel_load (self);
  g_clear_object (&self->load_cancellable);
  g_cancellable_cancel (self->model_cancellable);
  g_clear_object (&self->model_cancellable);
  if (self->model_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->model_dialog));
  g_cancellable_cancel (self->filter_cancellable);
  g_clear_object (&self->filter_cancellable);
  g_clear_handle_id (&self->filter_busy_source, g_source_remove);
  g_clear_pointer (&self->filtered, snapshot_free);
  g_clear_pointer (&self->filter_label, g_free);
  g_clear_object (&self->dataset);
  g_clear_pointer (&self->shown, snapshot_free);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  if (self->cleaning_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->cleaning_chooser));
  g_clear_object (&self->cleaning_chooser);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->recent_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (mc_window_parent_class)->dispose (object);
}

static void
mc_window_finalize (GObject *object)
{
  McWindow *self = (McWindow *)object;

  g_clear_pointer (&self->last_error, g_free);
  g_clear_pointer (&self->previous_page, g_free);
  g_mutex_clear (&self->progress_mutex);

  G_OBJECT_CLASS (mc_window_parent_class)->finalize (object);
}

static void
mc_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  McWindow *self = MC_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, mc_window_get_loading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_window_class_init (McWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_window_dispose;
  object_class->finalize = mc_window_finalize;
  object_class->get_property = mc_window_get_property;

  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL, MC_TYPE_DATASET,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MC_TYPE_OVERVIEW_PAGE);
  g_type_ensure (MC_TYPE_QUALITY_PAGE);
  g_type_ensure (MC_TYPE_SEGMENTS_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/mercato/Mercato/ui/mc-window.ui");
  gtk_widget_class_bind_template_child (widget_class, McWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, McWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, McWindow, overview_page);
  gtk_widget_class_bind_template_child (widget_class, McWindow, quality_page);
  gtk_widget_class_bind_template_child (widget_class, McWindow, segments_page);
  gtk_widget_class_bind_template_child (widget_class, McWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, McWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, McWindow, loading_label);
  gtk_widget_class_bind_template_child (widget_class, McWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, McWindow, table_list);
  gtk_widget_class_bind_template_child (widget_class, McWindow, table_details);
  gtk_widget_class_bind_template_child (widget_class, McWindow, table_stack);
  gtk_widget_class_bind_template_child (widget_class, McWindow, rows_scroller);
  gtk_widget_class_bind_template_child (widget_class, McWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, McWindow, recent_group);
  gtk_widget_class_bind_template_child (widget_class, McWindow, recent_menu);
  gtk_widget_class_bind_template_child (widget_class, McWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, McWindow, search_count);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_child (widget_class, McWindow, rows_view);
  gtk_widget_class_bind_template_child (widget_class, McWindow, tables_filter_revealer);
  gtk_widget_class_bind_template_child (widget_class, McWindow, tables_filter_label);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_table_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_apply_recipe_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_show_line_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_filter_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_show_customers_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_segment_column_cb);

  gtk_widget_class_install_action (widget_class, "win.cancel-load", NULL, cancel_load_action);
  gtk_widget_class_install_action (widget_class, "win.export-report", NULL, export_report_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_install_action (widget_class, "win.open-recipe", NULL, open_recipe_action);
  gtk_widget_class_install_action (widget_class, "win.save-cleaned-copy", NULL, save_cleaned_copy_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  {
    static const char *pages[] = { "overview", "tables", "segments", "quality" };

    for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK, "win.show-page", "s", pages[i]);
  }
  gtk_widget_class_install_action (widget_class, "win.clear-filter", NULL, clear_filter_action);
  gtk_widget_class_install_action (widget_class, "win.toast", "s", toast_action);
  gtk_widget_class_install_action (widget_class, "win.show-model", NULL, show_model_action);
  gtk_widget_class_install_action (widget_class, "win.set-model-choice", "(ss)", set_model_choice_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK, "win.show-model", NULL);
  gtk_widget_class_install_action (widget_class, "win.open-paths", "as", open_paths_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_install_action (widget_class, "win.sort-rows", "(ib)", sort_rows_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export-report", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F6, 0, next_region_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F6, GDK_SHIFT_MASK, next_region_cb, NULL);
}

/* Remembers the window's size when the schema is installed (or found
 * through GSETTINGS_SCHEMA_DIR); an uninstalled build without it simply
 * does not remember. */
static void
bind_window_state (McWindow *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    return;
  self->settings = g_settings_new (APPLICATION_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  show_recent (self);
}

static void
mc_window_init (McWindow *self)
{
  GtkDropTarget *drop;

  g_mutex_init (&self->progress_mutex);
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) snapshot_free);
  self->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) snapshot_free);
  self->recent_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  self->previous_page = g_strdup ("welcome");
  gtk_window_set_default_size (GTK_WINDOW (self), 1100, 720);
  bind_window_state (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-load", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-model", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-report", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.clear-filter", FALSE);

  g_signal_connect (gtk_column_view_get_sorter (self->rows_view), "changed",
                    G_CALLBACK (on_rows_sorter_changed_cb), self);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

McWindow *
mc_window_new (AdwApplication *application)
{
  return g_object_new (MC_TYPE_WINDOW, "application", application, NULL);
}

McDataset *
mc_window_get_dataset (McWindow *self)
{
  g_return_val_if_fail (MC_IS_WINDOW (self), NULL);

  return self->dataset;
}

gboolean
mc_window_get_loading (McWindow *self)
{
  g_return_val_if_fail (MC_IS_WINDOW (self), FALSE);

  return self->load_cancellable != NULL;
}

const char *
mc_window_get_last_error (McWindow *self)
{
  g_return_val_if_fail (MC_IS_WINDOW (self), NULL);

  return self->last_error;
}

GtkColumnView *
mc_window_get_rows_view (McWindow *self)
{
  g_return_val_if_fail (MC_IS_WINDOW (self), NULL);

  return self->rows_view;
}

McQualityPage *
mc_window_get_quality_page (McWindow *self)
{
  g_return_val_if_fail (MC_IS_WINDOW (self), NULL);

  return self->quality_page;
}

GtkListBox *
mc_window_get_table_list (McWindow *self)
{
  g_return_val_if_fail (MC_IS_WINDOW (self), NULL);

  return self->table_list;
}

McOverviewPage *
mc_window_get_overview_page (McWindow *self)
{
  g_return_val_if_fail (MC_IS_WINDOW (self), NULL);

  return self->overview_page;
}

/* Whether a filter is being worked out. */
gboolean
mc_window_get_filtering (McWindow *self)
{
  g_return_val_if_fail (MC_IS_WINDOW (self), FALSE);

  return self->filter_cancellable != NULL;
}

McSegmentsPage *
mc_window_get_segments_page (McWindow *self)
{
  g_return_val_if_fail (MC_IS_WINDOW (self), NULL);

  return self->segments_page;
}
