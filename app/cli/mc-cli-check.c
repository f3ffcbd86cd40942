/* mc-cli-check.c: mercato-cli check, what is wrong with the data
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mercato-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-checks.h"
#include "mc-cli.h"

static void
write_finding (McJsonWriter    *json,
               const McFinding *finding)
{
  mc_json_writer_begin_object (json);
  mc_json_writer_key (json, "check");
  mc_json_writer_string (json, finding->check);
  mc_json_writer_key (json, "severity");
  mc_json_writer_string (json, mc_severity_to_string (finding->severity));
  mc_json_writer_key (json, "table");
  mc_json_writer_string (json, finding->table);
  /* One column as a string, several as a list (the mercato-cli
   * contract in ../shared/DESIGN.md). */
  mc_json_writer_key (json, "column");
  if (g_strv_length (finding->columns) == 1)
    mc_json_writer_string (json, finding->columns[0]);
  else
    {
      mc_json_writer_begin_array (json);
      for (guint i = 0; finding->columns[i] != NULL; i++)
        mc_json_writer_string (json, finding->columns[i]);
      mc_json_writer_end_array (json);
    }
  mc_json_writer_key (json, "count");
  mc_json_writer_int (json, finding->count);
  mc_json_writer_key (json, "examples");
  mc_json_writer_begin_array (json);
  for (guint i = 0; i < finding->n_examples; i++)
    mc_json_writer_int (json, finding->examples[i]);
  mc_json_writer_end_array (json);
  mc_json_writer_key (json, "message");
  mc_json_writer_string (json, finding->message);
  mc_json_writer_end_object (json);
}

static int
write_findings (McJsonWriter *json,
                McDataset    *dataset)
{
  g_autoptr(GPtrArray) findings = mc_checks_run (dataset, g_get_real_time ());

  mc_json_writer_key (json, "findings");
  mc_json_writer_begin_array (json);
  for (guint i = 0; i < findings->len; i++)
    write_finding (json, g_ptr_array_index (findings, i));
  mc_json_writer_end_array (json);
  return 0;
}

static int
run_check (int    argc,
           char **argv)
{
  return mc_cli_run_json (argv + 1, write_findings);
}

const McCliCommand mc_cli_check_command = {
  "check", "check PATH...",
  /* Translators: a summary in mercato-cli --help, as that of describe. */
  N_("Print what is wrong with the data as JSON findings: duplicates, missing\n"
     "  values, values that do not parse, invalid e-mails, negative amounts,\n"
     "  outliers, out-of-range ratings, dates out of order or in the future,\n"
     "  sales before a product's release, and keys with no match. Exits 0\n"
     "  even when it finds something."),
  run_check,
};
