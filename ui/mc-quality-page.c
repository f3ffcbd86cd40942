/* mc-quality-page.c: what is wrong with the dataset, and the recipe to fix it
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Findings are grouped by table; each expands to its explanation and the
 * source lines of its first rows, and offers the fix the checks suggest.
 * The page only collects the recipe: the window applies it on a worker
 * thread ("apply") and keeps the datasets to go back to ("undo").
 */
#define G_LOG_DOMAIN "mc-quality-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-widget-utils.h"

#include "mc-quality-page.h"

struct _McQualityPage
{
  AdwBin      parent_instance;

  GtkListBox *recipe_list;
  GtkButton  *apply_button;
  GtkButton  *undo_button;
  GtkLabel   *log_label;
  GtkBox     *findings_box;
  AdwStatusPage *clean_status;

  McDataset  *dataset;
  GPtrArray  *findings;     /* McFinding, shown */
  GPtrArray  *recipe;       /* McCleanStep */
};

G_DEFINE_FINAL_TYPE (McQualityPage, mc_quality_page, ADW_TYPE_BIN)

enum {
  APPLY,
  UNDO,
  SHOW_LINE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
check_title (const char *check)
{
  static const struct { const char *check; const char *title; } titles[] = {
    { "duplicate_rows", N_("Repeated rows") },
    { "duplicate_key", N_("Repeated keys") },
    { "missing_values", N_("Missing values") },
    { "type_mismatch", N_("Unreadable values") },
    { "invalid_email", N_("Invalid e-mail addresses") },
    { "negative_value", N_("Negative values") },
    { "outlier", N_("Outliers") },
    { "out_of_range", N_("Out of range") },
    { "date_order", N_("Ends before it starts") },
    { "future_date", N_("Dates in the future") },
    { "before_release", N_("Before the product's release") },
    { "orphan_key", N_("Links to nothing") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (g_str_equal (check, titles[i].check))
      return _(titles[i].title);
  return check;
}

static const char *
severity_icon (McSeverity severity)
{
  switch (severity)
    {
    case MC_SEVERITY_ERROR: return "dialog-error-symbolic";
    case MC_SEVERITY_WARNING: return "dialog-warning-symbolic";
    case MC_SEVERITY_INFO:
    default:
      return "dialog-information-symbolic";
    }
}

static void
on_remove_step_clicked_cb (GtkButton     *button,
                           McQualityPage *self);

static void
update_recipe (McQualityPage *self)
{
  mc_widget_remove_all (GTK_WIDGET (self->recipe_list));
  for (guint i = 0; i < self->recipe->len; i++)
    {
      g_autofree char *title = mc_clean_step_describe (g_ptr_array_index (self->recipe, i));
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove this step"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove this step"), -1);
      g_object_set_data (G_OBJECT (remove), "step", GUINT_TO_POINTER (i));
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_step_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      gtk_list_box_append (self->recipe_list, row);
    }
  if (self->recipe->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No steps yet: choose “Add Fix” on a finding"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->recipe_list, row);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), self->recipe->len > 0);
}

static void
on_remove_step_clicked_cb (GtkButton     *button,
                           McQualityPage *self)
{
  g_ptr_array_remove_index (self->recipe, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "step")));
  update_recipe (self);
}

/* The steps the checks suggest for one finding. */
static GPtrArray *
suggest_for (McQualityPage *self,
             McFinding     *finding)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new ();

  g_ptr_array_add (one, finding);
  return mc_recipe_suggest (self->dataset, one);
}

/**
 * mc_quality_page_add_fix:
 *
 * Adds to the recipe the steps suggested for the FINDING-th finding;
 * FALSE when there is none (most findings need a person's judgement).
 */
gboolean
mc_quality_page_add_fix (McQualityPage *self,
                         guint          finding)
{
  g_autoptr(GPtrArray) steps = NULL;

  g_return_val_if_fail (MC_IS_QUALITY_PAGE (self), FALSE);
  g_return_val_if_fail (finding < self->findings->len, FALSE);

  steps = suggest_for (self, g_ptr_array_index (self->findings, finding));
  if (steps->len == 0)
    return FALSE;
  for (guint i = 0; i < steps->len; i++)
    g_ptr_array_add (self->recipe, g_steal_pointer (&g_ptr_array_index (steps, i)));
  g_ptr_array_set_free_func (steps, NULL);
  update_recipe (self);
  return TRUE;
}

static void
on_add_fix_clicked_cb (GtkButton     *button,
                       McQualityPage *self)
{
  mc_quality_page_add_fix (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "finding")));
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
}

static void
on_line_activated_cb (AdwActionRow  *row,
                      McQualityPage *self)
{
  g_signal_emit (self, signals[SHOW_LINE], 0, g_object_get_data (G_OBJECT (row), "table"),
                 GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "line")));
}

static GtkWidget *
finding_row_new (McQualityPage *self,
                 McFinding     *finding,
                 guint          index)
{
  g_autofree char *columns = g_strjoinv (", ", finding->columns);
  /* A whole-row finding would list every column: its name says enough. */
  g_autofree char *title = g_strv_length (finding->columns) > 2
                           ? g_strdup (check_title (finding->check))
                           : g_strdup_printf ("%s · %s", check_title (finding->check), columns);
  g_autofree char *count = mc_format_count (finding->count);
  g_autoptr(GPtrArray) fixes = suggest_for (self, finding);
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (severity_icon (finding->severity));
  GtkWidget *message = gtk_label_new (finding->message);
  GtkWidget *badge = gtk_label_new (count);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), finding->message);
  gtk_widget_add_css_class (icon, finding->severity == MC_SEVERITY_ERROR ? "error"
                                  : finding->severity == MC_SEVERITY_WARNING ? "warning" : "accent");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  mc_severity_to_string (finding->severity), -1);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), icon);
  gtk_widget_add_css_class (badge, "numeric");
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), badge);
  if (fixes->len > 0)
    {
      GtkWidget *fix = gtk_button_new_with_label (_("Add Fix"));

      gtk_widget_set_valign (fix, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (fix, _("Add the suggested cleaning step to the recipe"));
      g_object_set_data (G_OBJECT (fix), "finding", GUINT_TO_POINTER (index));
      g_signal_connect (fix, "clicked", G_CALLBACK (on_add_fix_clicked_cb), self);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), fix);
    }

  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_widget_set_margin_top (message, 12);
  gtk_widget_set_margin_bottom (message, 12);
  gtk_widget_set_margin_start (message, 12);
  gtk_widget_set_margin_end (message, 12);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), message);
  for (guint i = 0; i < finding->n_examples; i++)
    {
      GtkWidget *line = adw_action_row_new ();
      g_autofree char *text = g_strdup_printf (_("Line %u of %s"), finding->examples[i], finding->table);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (line), text);
      adw_action_row_add_suffix (ADW_ACTION_ROW (line), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (line), TRUE);
      gtk_widget_set_tooltip_text (line, _("Show this row of the table"));
      g_object_set_data_full (G_OBJECT (line), "table", g_strdup (finding->table), g_free);
      g_object_set_data (G_OBJECT (line), "line", GUINT_TO_POINTER (finding->examples[i]));
      g_signal_connect (line, "activated", G_CALLBACK (on_line_activated_cb), self);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), line);
    }
  return row;
}

/**
 * mc_quality_page_show:
 *
 * Shows FINDINGS (from mc_checks_run) of DATASET and starts a new recipe.
 */
void
mc_quality_page_show (McQualityPage *self,
                      McDataset     *dataset,
                      GPtrArray     *findings)
{
  AdwPreferencesGroup *group = NULL;
  const char *table = NULL;

  g_return_if_fail (MC_IS_QUALITY_PAGE (self));

  g_set_object (&self->dataset, dataset);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  self->findings = g_ptr_array_ref (findings);
  g_ptr_array_set_size (self->recipe, 0);
  update_recipe (self);

  mc_widget_remove_all (GTK_WIDGET (self->findings_box));
  for (guint i = 0; i < findings->len; i++)
    {
      McFinding *finding = g_ptr_array_index (findings, i);

      if (g_strcmp0 (table, finding->table) != 0)
        {
          table = finding->table;
          group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
          adw_preferences_group_set_title (group, table);
          gtk_box_append (self->findings_box, GTK_WIDGET (group));
        }
      adw_preferences_group_add (group, finding_row_new (self, finding, i));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->clean_status), findings->len == 0);
}

guint
mc_quality_page_get_n_findings (McQualityPage *self)
{
  g_return_val_if_fail (MC_IS_QUALITY_PAGE (self), 0);

  return self->findings != NULL ? self->findings->len : 0;
}

GPtrArray *
mc_quality_page_get_recipe (McQualityPage *self)
{
  g_return_val_if_fail (MC_IS_QUALITY_PAGE (self), NULL);

  return self->recipe;
}

void
mc_quality_page_set_can_undo (McQualityPage *self,
                              gboolean       can_undo)
{
  g_return_if_fail (MC_IS_QUALITY_PAGE (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->undo_button), can_undo);
}

/* Shows what the last cleaning did, step by step. */
void
mc_quality_page_set_last_log (McQualityPage *self,
                              GPtrArray     *log)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_if_fail (MC_IS_QUALITY_PAGE (self));

  for (guint i = 0; log != NULL && i < log->len; i++)
    {
      McCleanLogEntry *entry = g_ptr_array_index (log, i);

      g_string_append_printf (text, "%s%s: ", text->len > 0 ? "\n" : _("Last cleaning:\n"), entry->step);
      g_string_append_printf (text, _("%'zu rows removed, %'zu cells changed"),
                              entry->rows_removed, entry->cells_changed);
      if (entry->column_added != NULL)
        g_string_append_printf (text, _(", %'zu rows flagged in %s"), entry->rows_flagged,
                                entry->column_added);
    }
  gtk_label_set_text (self->log_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->log_label), text->len > 0);
}

static void
on_apply_clicked_cb (McQualityPage *self)
{
  g_signal_emit (self, signals[APPLY], 0);
}

static void
on_undo_clicked_cb (McQualityPage *self)
{
  g_signal_emit (self, signals[UNDO], 0);
}

static void
mc_quality_page_dispose (GObject *object)
{
  McQualityPage *self = (McQualityPage *)object;

  g_clear_object (&self->dataset);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_pointer (&self->recipe, g_ptr_array_unref);

  G_OBJECT_CLASS (mc_quality_page_parent_class)->dispose (object);
}

static void
mc_quality_page_class_init (McQualityPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_quality_page_dispose;

  signals[APPLY] = g_signal_new ("apply", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[UNDO] = g_signal_new ("undo", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* A source line of a finding was activated: (table name, line). */
  signals[SHOW_LINE] = g_signal_new ("show-line", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/mercato/Mercato/ui/mc-quality-page.ui");
  gtk_widget_class_bind_template_child (widget_class, McQualityPage, recipe_list);
  gtk_widget_class_bind_template_child (widget_class, McQualityPage, apply_button);
  gtk_widget_class_bind_template_child (widget_class, McQualityPage, undo_button);
  gtk_widget_class_bind_template_child (widget_class, McQualityPage, log_label);
  gtk_widget_class_bind_template_child (widget_class, McQualityPage, findings_box);
  gtk_widget_class_bind_template_child (widget_class, McQualityPage, clean_status);
  gtk_widget_class_bind_template_callback (widget_class, on_apply_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_undo_clicked_cb);
}

static void
mc_quality_page_init (McQualityPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->recipe = mc_recipe_new ();
  update_recipe (self);
}
