/* pg-test.h: what the C tests against the throwaway server share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include "mc-dataset.h"
#include "mc-dataset-loader.h"
#include "mc-metrics.h"

/* The database run-pg-tests.sh names in VARIABLE, loaded; NULL (the
 * test skipped) when the variable is not set. */
static inline McDataset *
pg_test_load_or_skip (const char *variable)
{
  const char *uri = g_getenv (variable);
  const char *paths[] = { uri, NULL };
  g_autoptr(GError) error = NULL;
  McDataset *dataset;

  if (uri == NULL)
    {
      g_test_skip_printf ("%s is not set: run tests/pg/run-pg-tests.sh", variable);
      return NULL;
    }
  dataset = mc_dataset_load (paths, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return dataset;
}

/* Whether one of METRICS's warnings says TEXT. */
static inline gboolean
pg_test_says (const McMetrics *metrics,
              const char      *text)
{
  for (guint i = 0; i < metrics->warnings->len; i++)
    if (strstr (g_ptr_array_index (metrics->warnings, i), text) != NULL)
      return TRUE;
  return FALSE;
}
