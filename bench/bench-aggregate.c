/* bench-aggregate.c: how fast the query engine groups a million sales
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Builds N sales in memory (3 platforms, purchase times over two years,
 * amounts, 200 000 customers; a fixed seed) and times the queries a
 * dashboard asks on every filter change. Prints the best and median of
 * RUNS runs per query, in milliseconds. Usage: bench-aggregate [N] [RUNS]
 */
#include <stdio.h>
#include <stdlib.h>

#include "mc-query.h"
#include "mc-value-parse.h"

typedef struct
{
  McColumn *platform;
  McColumn *time;
  McColumn *amount;
  McColumn *customer;
} Sales;

static void
sales_init (Sales *sales,
            gsize  n)
{
  const char *platforms[] = { "Website", "Dealership", "Mobile App" };
  gint64 start = (gint64) mc_days_from_civil (2023, 1, 1) * MC_MICROS_PER_DAY;
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);

  sales->platform = mc_column_new ("platform", MC_COLUMN_TYPE_CATEGORY, n);
  sales->time = mc_column_new ("purchase_time", MC_COLUMN_TYPE_DATETIME, n);
  sales->amount = mc_column_new ("amount", MC_COLUMN_TYPE_NUMBER, n);
  sales->customer = mc_column_new ("customer_id", MC_COLUMN_TYPE_INTEGER, n);
  for (guint p = 0; p < G_N_ELEMENTS (platforms); p++)
    mc_column_intern (sales->platform, platforms[p]);
  for (gsize r = 0; r < n; r++)
    {
      sales->platform->v.codes[r] = g_rand_int_range (rand, 0, 3);
      sales->time->v.i64[r] = start + (gint64) (g_rand_double (rand) * 730 * MC_MICROS_PER_DAY);
      sales->amount->v.f64[r] = g_rand_int_range (rand, 1500000, 6000000) / 100.0;
      sales->customer->v.i64[r] = g_rand_int_range (rand, 0, 200000);
    }
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

typedef gsize (*Query) (Sales *sales, gsize n);

static void
time_query (const char *name,
            Query       query,
            Sales      *sales,
            gsize       n,
            guint       runs)
{
  g_autofree double *ms = g_new (double, runs);
  gsize groups = 0;

  for (guint i = 0; i < runs; i++)
    {
      gint64 started = g_get_monotonic_time ();

      groups = query (sales, n);
      ms[i] = (g_get_monotonic_time () - started) / 1000.0;
    }
  qsort (ms, runs, sizeof (double), compare_doubles);
  printf ("%-44s %8.1f %8.1f %6" G_GSIZE_FORMAT "\n", name, ms[0], ms[runs / 2], groups);
}

static gsize
run_group_by (Sales             *sales,
              gsize              n,
              const McSelection *selection,
              McTimeBucket       bucket,
              McAggregateKind    kind)
{
  McGroupKey keys[] = {
    { { sales->time, NULL }, bucket },
    { { sales->platform, NULL }, MC_BUCKET_NONE },
  };
  McAggregate aggregates[] = {
    { MC_AGGREGATE_COUNT, { NULL, NULL } },
    { kind, { kind == MC_AGGREGATE_DISTINCT ? sales->customer : sales->amount, NULL } },
  };
  g_autoptr(McGroupResult) result = mc_group_by (n, selection, keys, 2, aggregates, 2, NULL);

  return result->n_groups;
}

static gsize
month_platform_sum (Sales *sales,
                    gsize  n)
{
  return run_group_by (sales, n, NULL, MC_BUCKET_MONTH, MC_AGGREGATE_SUM);
}

static gsize
filtered_month_platform_sum (Sales *sales,
                             gsize  n)
{
  const char *since[] = { "2024-01-01", NULL };
  const char *platforms[] = { "Website", "Mobile App", NULL };
  McFilter filters[] = {
    { { sales->time, NULL }, MC_FILTER_GREATER_EQUAL, since },
    { { sales->platform, NULL }, MC_FILTER_EQUALS, platforms },
  };
  g_autoptr(McSelection) selection = mc_selection_new_filtered (n, filters, 2, NULL);

  return run_group_by (sales, n, selection, MC_BUCKET_MONTH, MC_AGGREGATE_SUM);
}

static gsize
week_platform_median (Sales *sales,
                      gsize  n)
{
  return run_group_by (sales, n, NULL, MC_BUCKET_WEEK, MC_AGGREGATE_MEDIAN);
}

static gsize
month_platform_distinct_customers (Sales *sales,
                                   gsize  n)
{
  return run_group_by (sales, n, NULL, MC_BUCKET_MONTH, MC_AGGREGATE_DISTINCT);
}

int
main (int   argc,
      char *argv[])
{
  gsize n = argc > 1 ? g_ascii_strtoull (argv[1], NULL, 10) : 1000000;
  guint runs = argc > 2 ? atoi (argv[2]) : 21;
  Sales sales;

  sales_init (&sales, n);
  printf ("%" G_GSIZE_FORMAT " rows, %u runs; milliseconds\n", n, MAX (runs, 1));
  printf ("%-44s %8s %8s %6s\n", "query", "best", "median", "groups");
  runs = MAX (runs, 1);
  time_query ("count, sum(amount) by month × platform", month_platform_sum, &sales, n, runs);
  time_query ("the same, filtered: 2024, Website or App", filtered_month_platform_sum, &sales, n, runs);
  time_query ("count, median(amount) by week × platform", week_platform_median, &sales, n, runs);
  time_query ("count, distinct customers by month × platform", month_platform_distinct_customers, &sales, n, runs);
  mc_column_unref (sales.platform);
  mc_column_unref (sales.time);
  mc_column_unref (sales.amount);
  mc_column_unref (sales.customer);
  return 0;
}
