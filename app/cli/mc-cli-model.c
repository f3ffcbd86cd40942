/* mc-cli-model.c: mercato-cli model, --model FILE and --set KEY=VALUE
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every command reads the dataset through its model; these options let
 * the user correct it, and every JSON output embeds the model it used so
 * that a figure can be traced to its columns.
 */
#define G_LOG_DOMAIN "mercato-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "mc-cli.h"
#include "mc-model.h"
#include "mc-table.h"

static GHashTable *settings;   /* key name → value, from --model and --set */

static gboolean
add_json_choices (JsonObject  *choices,
                  const char  *path,
                  GError     **error)
{
  g_autoptr(GList) members = json_object_get_members (choices);

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (choices, l->data);
      g_autofree char *setting = NULL;
      const char *value = NULL;

      if (JSON_NODE_HOLDS_OBJECT (node))
        node = json_object_get_member (json_node_get_object (node), "value");
      if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        value = json_node_get_string (node);
      setting = g_strdup_printf ("%s=%s", (const char *) l->data, value != NULL ? value : "none");
      if (!mc_model_parse_setting (settings, setting, error))
        {
          g_prefix_error (error, "%s: ", path);
          return FALSE;
        }
    }
  return TRUE;
}

/* The JSON of mercato-cli model ({"model":{"choices":{KEY:{"value"}}}}),
 * or a plain {"choices":{KEY:"value"}}. */
static gboolean
load_json (const char  *path,
           GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *choices = NULL;

  if (!json_parser_load_from_file (parser, path, error))
    {
      g_prefix_error (error, _("%s is not valid JSON: "), path);
      return FALSE;
    }
  root = JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)) ? json_node_get_object (json_parser_get_root (parser)) : NULL;
  if (root != NULL && json_object_has_member (root, "model") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "model")))
    root = json_object_get_object_member (root, "model");
  if (root != NULL && json_object_has_member (root, "choices") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "choices")))
    choices = json_object_get_object_member (root, "choices");
  /* What the user said of relations travels in "settings". */
  if (choices != NULL && json_object_has_member (root, "settings")
      && JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "settings")))
    {
      JsonObject *said = json_object_get_object_member (root, "settings");
      g_autoptr(GList) members = json_object_get_members (said);

      for (GList *l = members; l != NULL; l = l->next)
        if (mc_model_is_relation_setting (l->data)
            && JSON_NODE_HOLDS_VALUE (json_object_get_member (said, l->data)))
          g_hash_table_insert (settings, g_strdup (l->data),
                               g_strdup (json_object_get_string_member (said, l->data)));
    }
  if (choices == NULL)
    {
      g_set_error (error, MC_MODEL_ERROR, MC_MODEL_ERROR_BAD_FILE,
                   _("%s has no \"choices\" object; give the JSON that 'mercato-cli model' prints, or an INI "
                     "file with a [model] group"), path);
      return FALSE;
    }
  return add_json_choices (choices, path, error);
}

static gboolean
load_model_file (const char  *path,
                 GError     **error)
{
  g_autofree char *contents = NULL;
  const char *p;

  if (!g_file_get_contents (path, &contents, NULL, error))
    return FALSE;
  for (p = contents; g_ascii_isspace (*p); p++)
    ;
  return *p == '{' ? load_json (path, error) : mc_model_load_keyfile (settings, path, error);
}

/* Takes VALUE of an option written "--NAME VALUE" or "--NAME=VALUE" at
 * ARGV[*a]; NULL when ARGV[*a] is not that option. */
static const char *
take_option (char      **argv,
             int         argc,
             int        *a,
             const char *name)
{
  gsize len = strlen (name);

  if (strncmp (argv[*a], name, len) != 0)
    return NULL;
  if (argv[*a][len] == '=')
    return argv[*a] + len + 1;
  if (argv[*a][len] == '\0' && *a + 1 < argc)
    return argv[++*a];
  return NULL;
}

/**
 * mc_cli_take_model_options:
 *
 * Removes --model FILE and --set KEY=VALUE from ARGV, the command's name
 * and arguments (they apply to every command), and keeps their settings
 * for mc_cli_load_dataset().
 */
gboolean
mc_cli_take_model_options (int   *argc,
                           char **argv,
                           int   *status)
{
  g_autoptr(GError) error = NULL;
  int kept = 1;

  settings = mc_model_overrides_new ();
  for (int a = 1; a < *argc; a++)
    {
      const char *file = take_option (argv, *argc, &a, "--model");
      const char *setting = file == NULL ? take_option (argv, *argc, &a, "--set") : NULL;

      if (file == NULL && setting == NULL)
        argv[kept++] = argv[a];
      else if ((file != NULL && !load_model_file (file, &error))
               || (setting != NULL && !mc_model_parse_setting (settings, setting, &error)))
        {
          mc_cli_error (NULL, "%s", error->message);
          *status = EXIT_BAD_USAGE;
          return FALSE;
        }
    }
  argv[kept] = NULL;
  *argc = kept;
  return TRUE;
}

/* Applies --model and --set to DATASET. */
gboolean
mc_cli_apply_model_settings (McDataset *dataset,
                             int       *status)
{
  g_autoptr(GError) error = NULL;

  if (settings == NULL || g_hash_table_size (settings) == 0)
    return mc_model_for_dataset (dataset) != NULL || (*status = EXIT_BAD_DATA, FALSE);
  if (!mc_model_set_dataset_settings (dataset, settings, &error))
    {
      mc_cli_error (NULL, _("the model cannot be read that way: %s"), error->message);
      *status = EXIT_BAD_USAGE;
      return FALSE;
    }
  return TRUE;
}

static void
write_choice (McJsonWriter        *json,
              const McModelChoice *choice)
{
  mc_json_writer_begin_object (json);
  mc_json_writer_key (json, "value");
  if (choice->value != NULL)
    mc_json_writer_string (json, choice->value);
  else
    mc_json_writer_null (json);
  mc_cli_write_string (json, "reason", choice->reason != NULL ? choice->reason : "");
  mc_cli_write_number (json, "confidence", choice->value != NULL ? choice->confidence : 0);
  mc_json_writer_key (json, "set_by_user");
  mc_json_writer_boolean (json, choice->set_by_user);
  mc_cli_write_strings (json, "alternatives", choice->alternatives);
  mc_json_writer_end_object (json);
}

/* The columns of the purchases table and their roles: what each figure
 * reads. */
static void
write_purchase_columns (McJsonWriter *json,
                        McTable      *purchases)
{
  mc_json_writer_key (json, "purchases");
  if (purchases == NULL)
    {
      mc_json_writer_null (json);
      return;
    }
  mc_json_writer_begin_object (json);
  mc_cli_write_string (json, "table", mc_table_get_name (purchases));
  mc_cli_write_count (json, "rows", mc_table_get_n_rows (purchases));
  mc_json_writer_key (json, "roles");
  mc_json_writer_begin_object (json);
  for (guint c = 0; c < mc_table_get_n_columns (purchases); c++)
    {
      McColumn *column = mc_table_get_column (purchases, c);

      if (column->role != MC_ROLE_NONE)
        mc_cli_write_string (json, column->name, mc_role_to_string (column->role));
    }
  mc_json_writer_end_object (json);
  mc_json_writer_end_object (json);
}

/* "settings": what the user said (--set, --model), relations included. */
static void
write_settings (McJsonWriter *json,
                McModel      *model)
{
  g_autoptr(GHashTable) said = mc_model_dup_overrides (model);
  g_autoptr(GList) names = g_list_sort (g_hash_table_get_keys (said), (GCompareFunc) strcmp);

  mc_json_writer_key (json, "settings");
  mc_json_writer_begin_object (json);
  for (GList *l = names; l != NULL; l = l->next)
    mc_cli_write_string (json, l->data, g_hash_table_lookup (said, l->data));
  mc_json_writer_end_object (json);
}

/* "model": the choices, their reasons and the warnings. */
void
mc_cli_write_model (McJsonWriter *json,
                    McDataset    *dataset)
{
  McModel *model = mc_model_for_dataset (dataset);

  mc_json_writer_key (json, "model");
  if (model == NULL)
    {
      mc_json_writer_null (json);
      return;
    }
  mc_json_writer_begin_object (json);
  mc_json_writer_key (json, "choices");
  mc_json_writer_begin_object (json);
  for (guint k = 0; k < MC_MODEL_N_KEYS; k++)
    {
      mc_json_writer_key (json, mc_model_key_to_string (k));
      write_choice (json, mc_model_get_choice (model, k));
    }
  mc_json_writer_end_object (json);
  write_settings (json, model);
  mc_cli_write_strings (json, "warnings", mc_model_get_warnings (model));
  write_purchase_columns (json, mc_model_get_purchases (model));
  mc_json_writer_end_object (json);
}

/* The model alone, which every other output embeds: nothing before it. */
static int
write_nothing (McJsonWriter *json,
               McDataset    *dataset)
{
  return 0;
}

static int
run_model (int    argc,
           char **argv)
{
  return mc_cli_run_json (argv + 1, write_nothing);
}

const McCliCommand mc_cli_model_command = {
  "model", "model PATH...",
  /* Translators: a summary in mercato-cli --help, as that of describe. */
  N_("Print how the figures are computed, as JSON: which rows are purchases,\n"
     "  their amount, order, customer, time, channel, product type, statuses\n"
     "  left out, returns, currency and visits, each with its reason, a\n"
     "  confidence and the alternatives, and warnings. Every command takes\n"
     "  --set KEY=VALUE (e.g. --set amount=Quantity*UnitPrice) and --model\n"
     "  FILE (that JSON, or an INI file with a [model] group) to correct it,\n"
     "  and embeds the model it used in its JSON."),
  run_model,
};
