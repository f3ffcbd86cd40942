/* mc-model-dialog.c: "How the figures are computed", to read and correct
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lists every choice of the dataset's model in plain words with the
 * reason it was made, and lets the user pick another candidate or type
 * an expression. The dialog only asks: the window works the figures out
 * again (settings-changed) and gives the dialog the new dataset.
 */
#define G_LOG_DOMAIN "mc-model-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-analysis.h"
#include "mc-model-dialog.h"
#include "mc-model.h"
#include "mc-table.h"

struct _McModelDialog
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwPreferencesGroup  *warnings_group;
  AdwPreferencesGroup  *sales_group;
  AdwPreferencesGroup  *details_group;
  GtkButton            *reset_button;
  GtkSpinner           *spinner;

  /* Owned */
  McDataset            *dataset;
  GPtrArray            *rows;          /* GtkWidget *, added to the groups */
  GtkFileChooserNative *chooser;
  gboolean              building;
};

G_DEFINE_FINAL_TYPE (McModelDialog, mc_model_dialog, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  SETTINGS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What each choice is, as a business reader would say it. */
static const char *
choice_title (McModelKey key)
{
  switch (key)
    {
    case MC_MODEL_PURCHASES: return _("Purchases are the rows of");
    case MC_MODEL_PURCHASE_EVENTS: return _("Only these events are purchases");
    case MC_MODEL_AMOUNT: return _("Amount of a purchase line");
    case MC_MODEL_ORDER: return _("Order");
    case MC_MODEL_CUSTOMER: return _("Customer");
    case MC_MODEL_TIME: return _("Time of purchase");
    case MC_MODEL_CHANNEL: return _("Platform or channel");
    case MC_MODEL_PRODUCT: return _("Product");
    case MC_MODEL_PRODUCT_TYPE: return _("Product type");
    case MC_MODEL_QUANTITY: return _("Quantity");
    case MC_MODEL_RATING: return _("Review score");
    case MC_MODEL_STATUS: return _("Order status");
    case MC_MODEL_EXCLUDED_STATUS: return _("Statuses left out");
    case MC_MODEL_RETURNS: return _("Returns and credit notes");
    case MC_MODEL_CURRENCY: return _("Currency");
    case MC_MODEL_VISITS: return _("Visits");
    case MC_MODEL_CONVERTED: return _("Sessions that bought");
    case MC_MODEL_N_KEYS:
    default:
      g_assert_not_reached ();
    }
}

static char *
choice_subtitle (const McModelChoice *choice)
{
  const char *reason = choice->reason != NULL ? choice->reason : "";

  if (choice->value == NULL)
    return g_strdup (choice->set_by_user ? _("None: set by you") : _("None found in the data"));
  if (choice->set_by_user)
    return g_strdup (_("Set by you"));
  if (choice->confidence < 0.7)
    /* Translators: %s says why Mercato made a choice it is unsure of. */
    return g_strdup_printf (_("A guess: %s"), reason);
  return g_strdup (reason);
}

static void
add_unique (GPtrArray  *values,
            const char *value)
{
  for (guint i = 0; i < values->len; i++)
    if (g_strcmp0 (g_ptr_array_index (values, i), value) == 0)
      return;
  g_ptr_array_add (values, g_strdup (value));
}

/* The values a choice may take: the one made, those Mercato considered,
 * then what else the data offers, and none. */
static GPtrArray *
candidates (McModelDialog       *self,
            McModelKey           key,
            const McModelChoice *choice)
{
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);
  static const char *returns[] = { "negative quantity", "order id prefix C", "negative amount" };

  add_unique (values, choice->value);
  for (guint i = 0; i < choice->alternatives->len; i++)
    add_unique (values, g_ptr_array_index (choice->alternatives, i));
  for (guint t = 0; t < mc_dataset_get_n_tables (self->dataset) && values->len < 300; t++)
    {
      McTable *table = mc_dataset_get_table (self->dataset, t);

      if (key == MC_MODEL_PURCHASES || key == MC_MODEL_VISITS)
        {
          add_unique (values, mc_table_get_name (table));
          continue;
        }
      if (key == MC_MODEL_AMOUNT || key == MC_MODEL_EXCLUDED_STATUS || key == MC_MODEL_RETURNS
          || key == MC_MODEL_PURCHASE_EVENTS)
        continue;
      for (guint c = 0; c < mc_table_get_n_columns (table); c++)
        {
          g_autofree char *spec = g_strdup_printf ("%s.%s", mc_table_get_name (table),
                                                   mc_table_get_column (table, c)->name);

          add_unique (values, spec);
        }
    }
  for (guint i = 0; key == MC_MODEL_RETURNS && i < G_N_ELEMENTS (returns); i++)
    add_unique (values, returns[i]);
  add_unique (values, NULL);
  return values;
}

static GHashTable *
current_settings (McModelDialog *self)
{
  McModel *model = mc_model_for_dataset (self->dataset);

  return model != NULL ? mc_model_dup_overrides (model) : mc_model_overrides_new ();
}

static void
ask (McModelDialog *self,
     McModelKey     key,
     const char    *value)
{
  g_autoptr(GHashTable) settings = current_settings (self);

  g_hash_table_insert (settings, g_strdup (mc_model_key_to_string (key)), g_strdup (value != NULL ? value : "none"));
  g_signal_emit (self, signals[SETTINGS_CHANGED], 0, settings);
}

static void
on_combo_selected_cb (AdwComboRow   *row,
                      GParamSpec    *pspec,
                      McModelDialog *self)
{
  GPtrArray *values = g_object_get_data (G_OBJECT (row), "mc-values");
  guint selected = adw_combo_row_get_selected (row);

  if (self->building || selected >= values->len)
    return;
  ask (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "mc-key")), g_ptr_array_index (values, selected));
}

static void
on_entry_applied_cb (AdwEntryRow   *row,
                     McModelDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  ask (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "mc-key")), *text != '\0' ? text : NULL);
}

static void
add_row (McModelDialog       *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
}

static void
add_combo (McModelDialog       *self,
           AdwPreferencesGroup *group,
           McModelKey           key,
           const McModelChoice *choice)
{
  GPtrArray *values = candidates (self, key, choice);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree char *subtitle = choice_subtitle (choice);
  GtkWidget *row = adw_combo_row_new ();

  for (guint i = 0; i < values->len; i++)
    gtk_string_list_append (labels, g_ptr_array_index (values, i) != NULL ? g_ptr_array_index (values, i) : _("None"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), choice_title (key));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 0);
  g_object_set_data_full (G_OBJECT (row), "mc-values", values, (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data (G_OBJECT (row), "mc-key", GUINT_TO_POINTER (key));
  g_signal_connect (row, "notify::selected", G_CALLBACK (on_combo_selected_cb), self);
  add_row (self, group, row);
}

/* Amounts, statuses and a currency the data does not name are typed. */
static void
add_entry (McModelDialog       *self,
           AdwPreferencesGroup *group,
           McModelKey           key,
           const char          *title,
           const McModelChoice *choice)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), choice->value != NULL ? choice->value : "");
  g_object_set_data (G_OBJECT (row), "mc-key", GUINT_TO_POINTER (key));
  g_signal_connect (row, "apply", G_CALLBACK (on_entry_applied_cb), self);
  add_row (self, group, row);
}

/* The model's caveats and the figures' own (a short span, outlying
 * dates), from the analysis worked out with the dataset. */
static void
add_warnings (McModelDialog *self,
              McModel       *model)
{
  const McMetrics *metrics = mc_analysis_for_dataset (self->dataset)->metrics;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new ();

  g_ptr_array_extend (warnings, (GPtrArray *) mc_model_get_warnings (model), NULL, NULL);
  if (metrics != NULL)
    g_ptr_array_extend (warnings, metrics->warnings, NULL, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_group), warnings->len > 0);
  for (guint i = 0; i < warnings->len; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_ptr_array_index (warnings, i));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      add_row (self, self->warnings_group, row);
    }
}

static void
clear_rows (McModelDialog *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);
}

static void
rebuild (McModelDialog *self)
{
  static const McModelKey sales[] = {
    MC_MODEL_PURCHASES, MC_MODEL_PURCHASE_EVENTS, MC_MODEL_AMOUNT, MC_MODEL_ORDER, MC_MODEL_CUSTOMER,
    MC_MODEL_TIME, MC_MODEL_STATUS, MC_MODEL_EXCLUDED_STATUS, MC_MODEL_RETURNS, MC_MODEL_CURRENCY,
  };
  static const McModelKey details[] = {
    MC_MODEL_CHANNEL, MC_MODEL_PRODUCT, MC_MODEL_PRODUCT_TYPE, MC_MODEL_QUANTITY, MC_MODEL_RATING, MC_MODEL_VISITS,
    MC_MODEL_CONVERTED,
  };
  McModel *model = self->dataset != NULL ? mc_model_for_dataset (self->dataset) : NULL;
  g_autoptr(GHashTable) overrides = NULL;

  self->building = TRUE;
  clear_rows (self);
  if (model != NULL)
    {
      add_warnings (self, model);
      for (guint i = 0; i < G_N_ELEMENTS (sales); i++)
        {
          const McModelChoice *choice = mc_model_get_choice (model, sales[i]);

          add_combo (self, self->sales_group, sales[i], choice);
          if (sales[i] == MC_MODEL_AMOUNT)
            add_entry (self, self->sales_group, sales[i], _("Or type the amount, e.g. Quantity*UnitPrice"), choice);
          if (sales[i] == MC_MODEL_EXCLUDED_STATUS)
            add_entry (self, self->sales_group, sales[i], _("Statuses left out, separated by |"), choice);
          if (sales[i] == MC_MODEL_CURRENCY)
            add_entry (self, self->sales_group, sales[i], _("Or type the currency, e.g. EUR"), choice);
        }
      for (guint i = 0; i < G_N_ELEMENTS (details); i++)
        add_combo (self, self->details_group, details[i], mc_model_get_choice (model, details[i]));
      overrides = mc_model_dup_overrides (model);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->reset_button), overrides != NULL && g_hash_table_size (overrides) > 0);
  self->building = FALSE;
}

static void
toast (McModelDialog *self,
       const char    *message)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
}

static void
on_open_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     McModelDialog   *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GHashTable) settings = mc_model_overrides_new ();
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = g_file_get_path (file);
      if (mc_model_load_keyfile (settings, path, &error))
        g_signal_emit (self, signals[SETTINGS_CHANGED], 0, settings);
      else
        toast (self, error->message);
    }
  g_clear_object (&self->chooser);
}

static void
on_save_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     McModelDialog   *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = g_file_get_path (file);
      if (mc_model_save_keyfile (mc_model_for_dataset (self->dataset), path, FALSE, &error))
        {
          g_autofree char *name = g_file_get_basename (file);
          /* Translators: %s is the name of the file written. */
          g_autofree char *message = g_strdup_printf (_("Saved as %s"), name);

          toast (self, message);
        }
      else
        toast (self, error->message);
    }
  g_clear_object (&self->chooser);
}

static void
on_open_clicked_cb (McModelDialog *self)
{
  self->chooser = gtk_file_chooser_native_new (_("Open Model"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"), _("_Cancel"));
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_save_clicked_cb (McModelDialog *self)
{
  if (self->dataset == NULL || mc_model_for_dataset (self->dataset) == NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Save Model"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), "model.ini");
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_save_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_reset_clicked_cb (McModelDialog *self)
{
  g_autoptr(GHashTable) none = mc_model_overrides_new ();

  g_signal_emit (self, signals[SETTINGS_CHANGED], 0, none);
}

static void
mc_model_dialog_dispose (GObject *object)
{
  McModelDialog *self = MC_MODEL_DIALOG (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->dataset);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (mc_model_dialog_parent_class)->dispose (object);
}

static void
mc_model_dialog_class_init (McModelDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_model_dialog_dispose;

  /**
   * McModelDialog::settings-changed:
   * @settings: the user's choices, key name → value (a GHashTable)
   *
   * The user changed a choice: the figures are to be worked out again.
   */
  signals[SETTINGS_CHANGED] = g_signal_new ("settings-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_HASH_TABLE);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/mercato/Mercato/ui/mc-model-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, McModelDialog, warnings_group);
  gtk_widget_class_bind_template_child (widget_class, McModelDialog, sales_group);
  gtk_widget_class_bind_template_child (widget_class, McModelDialog, details_group);
  gtk_widget_class_bind_template_child (widget_class, McModelDialog, reset_button);
  gtk_widget_class_bind_template_child (widget_class, McModelDialog, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_open_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_reset_clicked_cb);
}

static void
mc_model_dialog_init (McModelDialog *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

McModelDialog *
mc_model_dialog_new (GtkWindow *parent,
                     McDataset *dataset)
{
  McModelDialog *self = g_object_new (MC_TYPE_MODEL_DIALOG, "transient-for", parent, NULL);

  mc_model_dialog_set_dataset (self, dataset);
  return self;
}

/**
 * mc_model_dialog_set_dataset:
 *
 * Shows the model of DATASET: the one the figures now come from.
 */
void
mc_model_dialog_set_dataset (McModelDialog *self,
                             McDataset     *dataset)
{
  g_return_if_fail (MC_IS_MODEL_DIALOG (self));

  g_set_object (&self->dataset, dataset);
  rebuild (self);
}

void
mc_model_dialog_set_busy (McModelDialog *self,
                          gboolean       busy)
{
  g_return_if_fail (MC_IS_MODEL_DIALOG (self));

  for (guint i = 0; i < self->rows->len; i++)
    gtk_widget_set_sensitive (g_ptr_array_index (self->rows, i), !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
}

gboolean
_mc_model_dialog_get_busy (McModelDialog *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->spinner));
}
