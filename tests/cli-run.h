/* cli-run.h: running mercato-cli from a test
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

typedef struct
{
  int    status;
  char  *out;
  char  *err;
} Run;

void run_clear (Run *run);
/* Runs $MERCATO_CLI with the arguments up to NULL; RUN receives its exit
 * status and what it wrote. */
void run_cli   (Run        *run,
                const char *first,
                ...);

/* The JSON object TEXT holds (a reference), or the test fails. */
JsonObject *parse_object (const char *text);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)
