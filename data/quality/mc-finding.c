/* mc-finding.c: what a check found: a count, example lines and a sentence
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-checks"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mc-checks-private.h"
#include "mc-pg-table.h"

static McCheckQueryFunc push_down;

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

void
mc_checks_set_push_down (McCheckQueryFunc func)
{
  push_down = func;
}

gboolean
_mc_checks_count_on_server (Checker            *checker,
                            const McCheckQuery *query,
                            McFinding          *finding)
{
  g_autoptr(GError) error = NULL;
  McCheckCount count;

  if (push_down == NULL || mc_pg_table_get_origin (query->table) == NULL)
    return FALSE;
  if (!push_down (query, &count, checker->cancellable, &error))
    {
      g_debug ("Check %s counted in memory: %s", finding->check, error->message);
      g_free (checker->server_error);
      checker->server_error = g_strdup (error->message);
      return FALSE;
    }
  finding->count = count.count;
  finding->n_examples = count.n_examples;
  memcpy (finding->examples, count.examples, count.n_examples * sizeof count.examples[0]);
  checker->on_server = TRUE;
  return TRUE;
}

/* What a finding about a database's table says of the rows it saw:
 * nothing when the server counted every row, else that only the rows
 * read (perhaps a sample) were, and why not the server's. */
static char *
where_counted (Checker *checker)
{
  const McPgOrigin *origin = checker->table != NULL ? mc_pg_table_get_origin (checker->table) : NULL;

  if (origin == NULL || checker->on_server)
    return NULL;
  if (checker->server_error != NULL)
    /* Translators: follows a finding's sentence; %s is the server's error. */
    return g_strdup_printf (_(" Counted among the rows read into memory, as the server could not: %s."),
                            checker->server_error);
  if (origin->sampled)
    /* Translators: follows a finding's sentence; %zu counts rows. */
    return g_strdup_printf (_(" Found among a sample of %zu rows of the table, not all of them."),
                            mc_table_get_n_rows (checker->table));
  return NULL;
}

/* Keeps FINDING when it found something, with MESSAGE (taken). */
void
_mc_checks_emit (Checker   *checker,
      McFinding *finding,
      char      *message)
{
  g_autofree char *note = where_counted (checker);

  checker->on_server = FALSE;
  g_clear_pointer (&checker->server_error, g_free);
  if (finding->count == 0)
    {
      g_free (message);
      mc_finding_free (finding);
      return;
    }
  finding->message = note != NULL ? g_strconcat (message, note, NULL) : g_strdup (message);
  g_free (message);
  g_ptr_array_add (checker->findings, finding);
}
