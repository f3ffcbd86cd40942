/* mc-quality-page.c: what is wrong with the dataset, and the recipe to fix it
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Findings are grouped by table; each expands to its explanation and the
 * source lines of its first rows, and offers the fix the checks suggest.
 * The page collects the recipe and follows its session: the session
 * applies it on a worker thread, keeps the datasets to go back to
 * (win.undo, win.redo) and says which steps made the data shown, so that
 * their findings read "Flagged" rather than offering the fix again.
 */
#define G_LOG_DOMAIN "mc-quality-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-format.h"
#include "mc-widget-utils.h"

#include "mc-quality-page-private.h"

struct _McQualityPage
{
  AdwBin      parent_instance;

  McSession  *session;
  GBinding   *changing;     /* the page waits while the session changes the data */

  GtkListBox *recipe_list;
  GtkButton  *apply_button;
  GtkBox     *findings_box;
  AdwStatusPage *clean_status;

  McDataset  *dataset;
  GPtrArray  *findings;     /* McFinding, shown */
  GPtrArray  *recipe;       /* McCleanStep, not applied yet */
  GPtrArray  *applied;      /* McCleanStep, the steps that made the data shown */
  GPtrArray  *applied_log;  /* McCleanLogEntry, one per applied step */
};

G_DEFINE_FINAL_TYPE (McQualityPage, mc_quality_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

/* "1 row removed", "3 rows flagged in purchase_price_outlier": what a
 * step changed, the counts that are not zero. */
static char *
describe_entry (McCleanLogEntry *entry)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  g_autofree char *removed = mc_format_count (entry->rows_removed);
  g_autofree char *changed = mc_format_count (entry->cells_changed);
  g_autofree char *flagged = mc_format_count (entry->rows_flagged);

  if (entry->rows_removed > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (NULL, "%s row removed", "%s rows removed",
                                                          entry->rows_removed), removed));
  if (entry->cells_changed > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (NULL, "%s cell changed", "%s cells changed",
                                                          entry->cells_changed), changed));
  if (entry->column_added != NULL)
    /* Translators: the first %s counts rows, the second is the name of the column a step added. */
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (NULL, "%s row flagged in %s", "%s rows flagged in %s",
                                                          entry->rows_flagged),
                                             flagged, entry->column_added));
  if (parts->len == 0)
    return g_strdup (_("Nothing changed"));
  g_ptr_array_add (parts, NULL);
  /* Parts of one sentence, joined with commas. */
  return g_strjoinv (", ", (char **) parts->pdata);
}

static void
update_recipe (McQualityPage *self)
{
  mc_widget_remove_all (GTK_WIDGET (self->recipe_list));
  for (guint i = 0; i < self->applied->len; i++)
    {
      g_autofree char *title = mc_clean_step_describe (g_ptr_array_index (self->applied, i));
      g_autofree char *counts = i < self->applied_log->len
                                ? describe_entry (g_ptr_array_index (self->applied_log, i)) : NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *done = gtk_image_new_from_icon_name ("object-select-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (counts != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), counts);
      gtk_widget_add_css_class (done, "success");
      gtk_widget_set_tooltip_text (done, _("Applied: undo to take this step back"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (done), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Applied"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), done);
      gtk_list_box_append (self->recipe_list, row);
    }
  for (guint i = 0; i < self->recipe->len; i++)
    {
      g_autofree char *title = mc_clean_step_describe (g_ptr_array_index (self->recipe, i));
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Not applied yet"));
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove this step"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove this step"), -1);
      g_object_set_data (G_OBJECT (remove), "step", GUINT_TO_POINTER (i));
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_step_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      gtk_list_box_append (self->recipe_list, row);
    }
  if (self->recipe->len == 0 && self->applied->len == 0)
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

/* The steps one may choose from for one finding, the suggested first. */
static GPtrArray *
choices_for (McQualityPage *self,
             McFinding     *finding)
{
  return mc_recipe_choices (self->dataset, finding);
}

static gboolean
recipe_has (GPtrArray   *recipe,
            McCleanStep *step)
{
  for (guint i = 0; i < recipe->len; i++)
    if (mc_clean_step_equal (g_ptr_array_index (recipe, i), step))
      return TRUE;
  return FALSE;
}

/**
 * mc_quality_page_add_fix:
 *
 * Adds to the recipe the suggested step for the FINDING-th finding;
 * FALSE when there is none (most findings need a person's judgement).
 */
gboolean
mc_quality_page_add_fix (McQualityPage *self,
                         guint          finding)
{
  return mc_quality_page_add_choice (self, finding, 0);
}

/**
 * mc_quality_page_add_choice:
 *
 * Adds to the recipe the CHOICE-th of the fixes offered for the
 * FINDING-th finding (mc_recipe_choices: drop or flag…); FALSE when there
 * is no such choice.
 */
gboolean
mc_quality_page_add_choice (McQualityPage *self,
                            guint          finding,
                            guint          choice)
{
  g_autoptr(GPtrArray) choices = NULL;
  McCleanStep *step;

  g_return_val_if_fail (MC_IS_QUALITY_PAGE (self), FALSE);
  g_return_val_if_fail (finding < self->findings->len, FALSE);

  choices = choices_for (self, g_ptr_array_index (self->findings, finding));
  if (choice >= choices->len)
    return FALSE;
  step = g_ptr_array_index (choices, choice);
  if (!recipe_has (self->recipe, step))
    g_ptr_array_add (self->recipe, mc_clean_step_copy (step));
  update_recipe (self);
  return TRUE;
}

/**
 * mc_quality_page_get_fix_state:
 *
 * What the FINDING-th finding offers: "add" (a fix to add), "added" (in
 * the recipe, not applied yet), "applied" (a step of the data shown
 * flagged or treated it), "none" (no fix: it needs judgement).
 */
const char *
mc_quality_page_get_fix_state (McQualityPage *self,
                               guint          finding)
{
  g_autoptr(GPtrArray) choices = NULL;
  McFinding *f;

  g_return_val_if_fail (MC_IS_QUALITY_PAGE (self), NULL);
  g_return_val_if_fail (finding < self->findings->len, NULL);

  f = g_ptr_array_index (self->findings, finding);
  if (mc_recipe_find_fix (self->applied, self->dataset, f) != NULL)
    return "applied";
  choices = choices_for (self, f);
  if (choices->len == 0)
    return "none";
  for (guint i = 0; i < choices->len; i++)
    if (recipe_has (self->recipe, g_ptr_array_index (choices, i)))
      return "added";
  return "add";
}

static void
on_add_fix_clicked_cb (GtkButton     *button,
                       McQualityPage *self)
{
  GtkWidget *holder = g_object_get_data (G_OBJECT (button), "holder");

  mc_quality_page_add_choice (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "finding")),
                              GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "choice")));
  /* The popover's menu button, or the button itself. */
  if (holder != NULL)
    {
      gtk_menu_button_popdown (GTK_MENU_BUTTON (holder));
      gtk_widget_set_sensitive (holder, FALSE);
    }
  else
    gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
}

/* "Add Fix": a button for the one fix there is, a menu of the choices
 * when there are several (drop the rows, or flag them). */
static GtkWidget *
fix_button_new (McQualityPage *self,
                GPtrArray     *choices,
                guint          index)
{
  GtkWidget *button;
  GtkWidget *box;
  GtkWidget *popover;

  if (choices->len == 1)
    {
      g_autofree char *step = mc_clean_step_describe (g_ptr_array_index (choices, 0));

      button = gtk_button_new_with_label (_("Add Fix"));
      /* Translators: %s is a step of the recipe, such as "Flag outliers of sales.purchase_price in a new column". */
      gtk_widget_set_tooltip_text (button, step);
      g_object_set_data (G_OBJECT (button), "finding", GUINT_TO_POINTER (index));
      g_signal_connect (button, "clicked", G_CALLBACK (on_add_fix_clicked_cb), self);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      return button;
    }
  button = gtk_menu_button_new ();
  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("Add Fix"));
  gtk_widget_set_tooltip_text (button, _("Choose how to fix this"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  for (guint c = 0; c < choices->len; c++)
    {
      g_autofree char *step = mc_clean_step_describe (g_ptr_array_index (choices, c));
      GtkWidget *item = gtk_button_new_with_label (step);

      gtk_widget_add_css_class (item, "flat");
      gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (item))), 0);
      g_object_set_data (G_OBJECT (item), "finding", GUINT_TO_POINTER (index));
      g_object_set_data (G_OBJECT (item), "choice", GUINT_TO_POINTER (c));
      g_object_set_data (G_OBJECT (item), "holder", button);
      g_signal_connect (item, "clicked", G_CALLBACK (on_add_fix_clicked_cb), self);
      gtk_box_append (GTK_BOX (box), item);
    }
  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  return button;
}

/* In place of "Add Fix" for a finding a step of the data shown treated:
 * "Flagged" when the rows are still there, marked in a new column. */
static GtkWidget *
fix_done_new (McCleanStep *step)
{
  g_autofree char *sentence = mc_clean_step_describe (step);
  gboolean flagged = g_strcmp0 (step->method, "flag") == 0;
  GtkWidget *label = gtk_label_new (flagged ? _("Flagged") : _("Fixed"));

  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (label, sentence);
  return label;
}

static void
on_line_activated_cb (AdwActionRow  *row,
                      McQualityPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-row", "(su)", g_object_get_data (G_OBJECT (row), "table"),
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
  g_autoptr(GPtrArray) fixes = choices_for (self, finding);
  McCleanStep *done = mc_recipe_find_fix (self->applied, self->dataset, finding);
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
  if (done != NULL)
    adw_expander_row_add_action (ADW_EXPANDER_ROW (row), fix_done_new (done));
  else if (fixes->len > 0)
    {
      GtkWidget *fix = fix_button_new (self, fixes, index);

      for (guint i = 0; i < fixes->len; i++)
        if (recipe_has (self->recipe, g_ptr_array_index (fixes, i)))
          gtk_widget_set_sensitive (fix, FALSE);
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

/* Shows FINDINGS of DATASET, which the steps APPLIED made from the data
 * opened (LOG: what each did; both NULL for the data as read), and
 * starts a new recipe after them. */
static void
show_cleaned (McQualityPage *self,
              McDataset     *dataset,
              GPtrArray     *findings,
              GPtrArray     *applied,
              GPtrArray     *log)
{
  AdwPreferencesGroup *group = NULL;
  const char *table = NULL;

  g_set_object (&self->dataset, dataset);
  g_clear_pointer (&self->applied, g_ptr_array_unref);
  self->applied = applied != NULL ? g_ptr_array_ref (applied) : mc_recipe_new ();
  g_clear_pointer (&self->applied_log, g_ptr_array_unref);
  self->applied_log = log != NULL ? g_ptr_array_ref (log) : g_ptr_array_new ();
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

/**
 * mc_quality_page_set_recipe:
 *
 * Replaces the steps not applied yet with RECIPE's (a copy), as Open
 * Recipe… does before applying them.
 */
void
mc_quality_page_set_recipe (McQualityPage *self,
                            GPtrArray     *recipe)
{
  g_return_if_fail (MC_IS_QUALITY_PAGE (self));

  g_ptr_array_set_size (self->recipe, 0);
  for (guint i = 0; i < recipe->len; i++)
    g_ptr_array_add (self->recipe, mc_clean_step_copy (g_ptr_array_index (recipe, i)));
  update_recipe (self);
}

McFinding *
mc_quality_page_get_finding (McQualityPage *self,
                             guint          finding)
{
  g_return_val_if_fail (MC_IS_QUALITY_PAGE (self), NULL);
  g_return_val_if_fail (finding < self->findings->len, NULL);

  return g_ptr_array_index (self->findings, finding);
}

GPtrArray *
mc_quality_page_get_applied (McQualityPage *self)
{
  g_return_val_if_fail (MC_IS_QUALITY_PAGE (self), NULL);

  return self->applied;
}

static void
apply_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(McQualityPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *count = NULL;
  gsize removed = 0;

  if (!mc_session_apply_recipe_finish (MC_SESSION (object), result, &removed, &error))
    {
      if (self->session != NULL && mc_session_error_is_said (error))
        gtk_widget_activate_action (GTK_WIDGET (self), "win.show-message", "(ss)", _("Could Not Clean the Data"),
                                    error->message);
      return;
    }
  /* The page is gone: its window closed. */
  if (self->session == NULL)
    return;
  count = mc_format_count (removed);
  message = g_strdup_printf (g_dngettext (NULL, "Cleaned: %s row removed",
                                          "Cleaned: %s rows removed", removed),
                             count);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast-undoable", "s", message);
}

/**
 * mc_quality_page_apply:
 *
 * Asks the session to clean a copy of its dataset with the recipe on a
 * worker thread; the dataset before stays on its undo list.
 */
void
mc_quality_page_apply (McQualityPage *self)
{
  g_return_if_fail (MC_IS_QUALITY_PAGE (self));

  if (self->session == NULL || mc_session_get_dataset (self->session) == NULL || self->recipe->len == 0)
    return;
  mc_session_apply_recipe_async (self->session, self->recipe, apply_cb, g_object_ref (self));
}

static void
on_apply_clicked_cb (McQualityPage *self)
{
  mc_quality_page_apply (self);
}

/* The session's dataset changed: its findings, and the steps that made
 * it. */
static void
on_dataset_changed_cb (McQualityPage *self)
{
  McDataset *dataset = mc_session_get_dataset (self->session);

  if (dataset != NULL)
    show_cleaned (self, dataset, mc_session_get_findings (self->session), mc_session_get_recipe (self->session),
                  mc_session_get_log (self->session));
}

McSession *
mc_quality_page_get_session (McQualityPage *self)
{
  g_return_val_if_fail (MC_IS_QUALITY_PAGE (self), NULL);

  return self->session;
}

/**
 * mc_quality_page_set_session:
 *
 * Shows what the checks found in SESSION's dataset from now on; Apply
 * cleans it.
 */
void
mc_quality_page_set_session (McQualityPage *self,
                             McSession     *session)
{
  g_return_if_fail (MC_IS_QUALITY_PAGE (self));
  g_return_if_fail (session == NULL || MC_IS_SESSION (session));

  if (self->session == session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_pointer (&self->changing, g_binding_unbind);
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      g_signal_connect_swapped (session, "notify::dataset", G_CALLBACK (on_dataset_changed_cb), self);
      /* Data Quality waits while a cleaning or a step of undo is made. */
      self->changing = g_object_bind_property (session, "changing", self, "sensitive",
                                               G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
      on_dataset_changed_cb (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

static void
mc_quality_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  McQualityPage *self = MC_QUALITY_PAGE (object);

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
mc_quality_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  McQualityPage *self = MC_QUALITY_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      mc_quality_page_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_quality_page_dispose (GObject *object)
{
  McQualityPage *self = (McQualityPage *)object;

  mc_quality_page_set_session (self, NULL);

  g_clear_object (&self->dataset);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_pointer (&self->recipe, g_ptr_array_unref);
  g_clear_pointer (&self->applied, g_ptr_array_unref);
  g_clear_pointer (&self->applied_log, g_ptr_array_unref);

  G_OBJECT_CLASS (mc_quality_page_parent_class)->dispose (object);
}

static void
mc_quality_page_class_init (McQualityPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_quality_page_dispose;
  object_class->get_property = mc_quality_page_get_property;
  object_class->set_property = mc_quality_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, MC_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/mercato/Mercato/ui/mc-quality-page.ui");
  gtk_widget_class_bind_template_child (widget_class, McQualityPage, recipe_list);
  gtk_widget_class_bind_template_child (widget_class, McQualityPage, apply_button);
  gtk_widget_class_bind_template_child (widget_class, McQualityPage, findings_box);
  gtk_widget_class_bind_template_child (widget_class, McQualityPage, clean_status);
  gtk_widget_class_bind_template_callback (widget_class, on_apply_clicked_cb);
}

static void
mc_quality_page_init (McQualityPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->recipe = mc_recipe_new ();
  self->applied = mc_recipe_new ();
  self->applied_log = g_ptr_array_new ();
  update_recipe (self);
}
