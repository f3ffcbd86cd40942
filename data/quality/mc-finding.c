/* mc-finding.c: what a check found: a count, example lines and a sentence
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-checks"

#include "config.h"

#include "mc-checks-private.h"

const char *
mc_severity_to_string (McSeverity severity)
{
  static const char *names[] = { "info", "warning", "error" };

  g_return_val_if_fail (severity <= MC_SEVERITY_ERROR, NULL);
  return names[severity];
}

void
mc_finding_free (McFinding *finding)
{
  if (finding == NULL)
    return;
  g_free (finding->check);
  g_free (finding->table);
  g_strfreev (finding->columns);
  g_free (finding->message);
  g_free (finding);
}

/* Starts a finding about COLUMNS (NULL-terminated) of TABLE. */
McFinding *
_mc_finding_new (const char *check,
                 McSeverity  severity,
                 McTable    *table,
                 const char *column,
                 ...)
{
  g_autoptr(GStrvBuilder) columns = g_strv_builder_new ();
  McFinding *finding = g_new0 (McFinding, 1);
  va_list args;

  finding->check = g_strdup (check);
  finding->severity = severity;
  finding->table = g_strdup (mc_table_get_name (table));
  va_start (args, column);
  for (const char *c = column; c != NULL; c = va_arg (args, const char *))
    g_strv_builder_add (columns, c);
  va_end (args);
  finding->columns = g_strv_builder_end (columns);
  return finding;
}

void
_mc_finding_add_row (McFinding *finding,
                     McTable   *table,
                     gsize      row)
{
  if (finding->n_examples < MC_FINDING_MAX_EXAMPLES)
    finding->examples[finding->n_examples++] = mc_table_get_row_line (table, row);
  finding->count++;
}

/* Keeps FINDING when it found something, with MESSAGE (taken). */
void
_mc_checks_emit (Checker   *checker,
      McFinding *finding,
      char      *message)
{
  if (finding->count == 0)
    {
      g_free (message);
      mc_finding_free (finding);
      return;
    }
  finding->message = message;
  g_ptr_array_add (checker->findings, finding);
}
