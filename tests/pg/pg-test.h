/* pg-test.h: what the C tests against the throwaway server share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <math.h>
#include <string.h>

#include "mc-dataset.h"
#include "mc-dataset-loader.h"
#include "mc-metrics.h"
#include "mc-patterns.h"

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

/* A database and the CSV files it was loaded from. */
typedef struct
{
  McDataset *csv;
  McDataset *database;
} Pair;

/* The database NAME and its CSV files, loaded; FALSE (skipped) when
 * run-pg-tests.sh did not name them (MERCATO_PG_<NAME>_URI and _CSV). */
static inline gboolean
pair_load (Pair       *pair,
           const char *name)
{
  g_autofree char *uri_variable = g_strdup_printf ("MERCATO_PG_%s_URI", name);
  g_autofree char *csv_variable = g_strdup_printf ("MERCATO_PG_%s_CSV", name);
  const char *paths[] = { g_getenv (csv_variable), NULL };
  g_autoptr(GError) error = NULL;

  *pair = (Pair) { NULL };
  if (paths[0] == NULL)
    {
      g_test_skip_printf ("%s is not set: run tests/pg/run-pg-tests.sh", csv_variable);
      return FALSE;
    }
  if ((pair->database = pg_test_load_or_skip (uri_variable)) == NULL)
    return FALSE;
  pair->csv = mc_dataset_load (paths, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return TRUE;
}

static inline void
pair_clear (Pair *pair)
{
  g_clear_object (&pair->csv);
  g_clear_object (&pair->database);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Pair, pair_clear)

/* The same figure, but for the last bits of a double summed in another
 * order. */
static inline void
assert_close (double a,
              double b)
{
  if (isnan (a) || isnan (b))
    g_assert_true (isnan (a) && isnan (b));
  else
    g_assert_cmpfloat_with_epsilon (a, b, 1e-9 * MAX (1.0, MAX (fabs (a), fabs (b))));
}

static inline void
assert_same_visits (const McVisitMetrics *a,
                    const McVisitMetrics *b)
{
  g_assert_cmpuint (a->visits, ==, b->visits);
  g_assert_cmpuint (a->visitors, ==, b->visitors);
  assert_close (a->conversion_rate, b->conversion_rate);
  assert_close (a->purchasing_visit_rate, b->purchasing_visit_rate);
  assert_close (a->visits_per_customer, b->visits_per_customer);
  assert_close (a->mean_minutes, b->mean_minutes);
  assert_close (a->median_minutes, b->median_minutes);
  assert_close (a->repeat_visit_rate, b->repeat_visit_rate);
  g_assert_cmpint (a->has_sessions, ==, b->has_sessions);
  assert_close (a->events_per_session, b->events_per_session);
}

/* Every visit figure, of all visits and of each month. */
static inline void
assert_same_visit_metrics (const McMetrics *a,
                           const McMetrics *b)
{
  g_assert_cmpint (a->has_visits, ==, b->has_visits);
  if (!a->has_visits)
    return;
  assert_same_visits (&a->visits, &b->visits);
  g_assert_cmpuint (a->visits_by_month->len, ==, b->visits_by_month->len);
  for (guint g = 0; g < a->visits_by_month->len; g++)
    {
      const McVisitGroup *x = &g_array_index (a->visits_by_month, McVisitGroup, g);
      const McVisitGroup *y = &g_array_index (b->visits_by_month, McVisitGroup, g);

      g_assert_cmpstr (x->key, ==, y->key);
      assert_same_visits (&x->visits, &y->visits);
    }
}

static inline void
assert_same_days (const McDays *a,
                  const McDays *b)
{
  g_assert_cmpuint (a->n, ==, b->n);
  assert_close (a->mean, b->mean);
  assert_close (a->p25, b->p25);
  assert_close (a->median, b->median);
  assert_close (a->p75, b->p75);
}

static inline void
assert_same_funnel (GArray *a,
                    GArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint s = 0; s < a->len; s++)
    {
      const McFunnelStage *x = &g_array_index (a, McFunnelStage, s), *y = &g_array_index (b, McFunnelStage, s);

      g_assert_cmpstr (x->stage, ==, y->stage);
      g_assert_cmpuint (x->customers, ==, y->customers);
      assert_close (x->share, y->share);
      assert_close (x->visits_to_order, y->visits_to_order);
      assert_close (x->days_from_first_visit, y->days_from_first_visit);
    }
}

/* The purchases of SELECTION whose channel is PLATFORM, as rows of it. */
static inline GArray *
rows_of_platform (McTable    *selection,
                  const char *platform)
{
  McColumn *channel = mc_table_find_role (selection, MC_ROLE_CHANNEL);
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (gsize));

  for (gsize r = 0; r < mc_table_get_n_rows (selection); r++)
    {
      g_autofree char *value = mc_column_format_value (channel, r);

      if (g_strcmp0 (value, platform) == 0)
        g_array_append_val (rows, r);
    }
  return rows;
}
