/* mc-tables-page-columns.c: what the Tables page says of a column
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A column's row (its type, what Mercato reads it as, its gaps, and the
 * chart of its values when expanded), the facts its header's tooltip
 * lists, its header menu (sorting, the model's choices it can be, what
 * it refers to) and a table's relations.
 */
#define G_LOG_DOMAIN "mc-tables-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-chart-view.h"
#include "mc-format.h"
#include "mc-model.h"
#include "mc-tables-page-private.h"

/* What a role means, in words a business reader uses; the role's id
 * (product_id) is for the tooltip and mercato-cli --set. */
static const char *
role_words (McRole role)
{
  static const char *words[] = {
    NULL, N_("the customer"), N_("the product"), N_("the order"), N_("the visit"), N_("when it happened"),
    N_("the amount paid"), N_("the list price"), N_("the quantity"), N_("the product type"), N_("the brand"),
    N_("the product's name"), N_("the sales platform"), N_("a rating"), N_("an e-mail address"), N_("a gender"),
    N_("the country"), N_("the city"), N_("when the visit started"), N_("when the visit ended"),
    N_("the kind of event"), N_("the device"), N_("the release date"), N_("a status"), N_("a first name"),
    N_("a last name"), N_("the currency"), N_("a key"), N_("a customer segment"), N_("a return or credit note"),
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (words) == MC_N_ROLES);

  return role < MC_N_ROLES && words[role] != NULL ? _(words[role]) : NULL;
}

static char *
describe_column (McColumn *column)
{
  if (column->role == MC_ROLE_NONE)
    return g_strdup (mc_column_type_to_string (column->type));
  /* Translators: a column's type and what Mercato reads it as, e.g. "date · when it happened". */
  return g_strdup_printf (_("%s · %s"), mc_column_type_to_string (column->type), role_words (column->role));
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

GtkWidget *
_mc_tables_page_column_row_new (McColumn *column)
{
  g_autofree char *subtitle = describe_column (column);
  g_autofree char *missing = mc_format_count (column->n_missing);
  g_autofree char *suffix = NULL;
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *label;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), column->name);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  if (column->role != MC_ROLE_NONE)
    {
      /* Translators: %s is a role's id, as mercato-cli --set and the model's choices write it. */
      g_autofree char *tooltip = g_strdup_printf (_("Role %s"), mc_role_to_string (column->role));

      gtk_widget_set_tooltip_text (row, tooltip);
    }
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

GtkWidget *
_mc_tables_page_relations_group_new (McDataset *dataset,
                                     McTable   *table)
{
  GtkWidget *group = adw_preferences_group_new ();
  guint shown = 0;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Relations"));
  for (guint i = 0; i < mc_dataset_get_n_relations (dataset); i++)
    {
      const McRelation *relation = mc_dataset_get_relation (dataset, i);
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

/* What a column holds: its type and role, its gaps, its range. */
GStrv
_mc_tables_page_column_facts (McColumn *column)
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

GMenuModel *
_mc_tables_page_column_menu (McDataset *dataset,
                             McTable   *table,
                             McColumn  *column,
                             int        index)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) sorting = g_menu_new ();
  g_autoptr(GMenu) facts = g_menu_new ();
  g_autoptr(GMenuModel) uses = model_choice_menu (table, column);
  g_autoptr(GMenuModel) refers = relation_menu (dataset, table, column);
  g_auto(GStrv) lines = _mc_tables_page_column_facts (column);

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
