/* test-overview.c: the Overview page's key figures on a real display
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <string.h>

#include "mc-chart-view.h"
#include "gui-common.h"
#include "mc-overview-page-private.h"
#include "test-common.h"

/* Every label's text and every tooltip under WIDGET, one per line. */
static void
collect_text (GtkWidget *widget,
              GString   *text)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  if (gtk_widget_get_tooltip_text (widget) != NULL)
    g_string_append_printf (text, "tooltip: %s\n", gtk_widget_get_tooltip_text (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_text (child, text);
}

/* The text of PAGE shown in a window, thousands separators dropped so
 * that the test reads the same in every locale. */
static char *
page_text (McOverviewPage *page)
{
  GtkWidget *window = gtk_window_new ();
  g_autoptr(GString) text = g_string_new (NULL);

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  collect_text (window, text);
  gtk_window_destroy (GTK_WINDOW (window));
  g_string_replace (text, ",", "", 0);
  /* No-break spaces (before a currency, or grouping digits) as spaces. */
  g_string_replace (text, "\u00a0", " ", 0);
  g_string_replace (text, "\u202f", " ", 0);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” is not on the page:\n%s", part, text);
}

static void
test_key_figures (void)
{
  g_autoptr(McDataset) dataset = load_test_dataset ("dataset", "automotive", NULL);
  g_autoptr(McMetrics) metrics = mc_metrics_compute (dataset, NULL);
  g_autoptr(McPlatformAnalysis) platforms = mc_platform_analysis_compute (dataset, NULL);
  McOverviewPage *page = g_object_new (MC_TYPE_OVERVIEW_PAGE, NULL);
  g_autofree char *text = NULL;

  /* The numbers of tests/test-metrics.c, with their formulas as tooltips. */
  mc_overview_page_show (page, metrics, platforms, NULL);
  text = page_text (page);
  assert_contains (text, "Revenue\n259.70 k\n");
  /* The exact amount is in the tooltip. */
  assert_contains (text, "tooltip: Revenue: 259700.00\nRevenue = sum of the amounts of all purchases");
  assert_contains (text, "Average Order Value\n25.97 k\n");
  assert_contains (text, "tooltip: Average Order Value: 25970.00\nAverage Order Value = revenue ÷ orders");
  assert_contains (text, "Customers\n5\n80.0 % buy again");
  assert_contains (text, "Discount\n2.0 %\n5300.00 off list prices");
  assert_contains (text, "Mean Review\n3.50\n4 reviews");
  assert_contains (text, "Conversion Rate\n100.0 %\nof 4 visitors");
  assert_contains (text, "155820.00 predicted over 3 years");
  /* Every metric is listed with its formula. */
  assert_contains (text, "Purchasing visit rate\nvisits that ended in a purchase ÷ visits\n33.3 %");
  assert_contains (text, "Purchase frequency (per year)\norders ÷ customers ÷ years");
  assert_contains (text, "Median visit duration\nmedian visit duration");
  /* What each platform sells, in words, and each platform's figures. */
  assert_contains (text, "Electric is 60 % of Website sales vs 33 % of Dealership sales.");
  assert_contains (text, "Website\n5 sales revenue 129900.00 reviews average 3.5");
}

static void
test_dashboard (void)
{
  g_autoptr(McDataset) dataset = load_test_dataset ("dataset", "automotive", NULL);
  g_autoptr(McMetrics) metrics = mc_metrics_compute (dataset, NULL);
  g_autoptr(McChartData) charts = mc_chart_data_new (dataset);
  g_autoptr(GArray) list = mc_chart_data_list (charts);
  McOverviewPage *page = g_object_new (MC_TYPE_OVERVIEW_PAGE, NULL);
  g_autoptr(GList) views = NULL;
  g_autofree char *text = NULL;

  /* One chart view per standard chart, the sales trend first. */
  mc_overview_page_show (page, metrics, NULL, charts);
  views = mc_overview_page_get_charts (page);
  g_assert_cmpuint (g_list_length (views), ==, list->len);
  g_assert_cmpuint (list->len, >=, 10);
  g_assert_cmpstr (mc_chart_get_title (mc_chart_view_get_chart (views->data)), ==, "Sales trend");
  g_object_ref_sink (page);
  text = page_text (page);
  g_object_unref (page);
}

/* Every chart fills its card, also beside a taller one (RFM movement's
 * rows make its card taller than a line chart's): no card has an empty
 * lower part. */
static void
test_charts_fill_cards (void)
{
  g_autoptr(McDataset) dataset = load_test_dataset ("dataset", "automotive", NULL);
  g_autoptr(McMetrics) metrics = mc_metrics_compute (dataset, NULL);
  g_autoptr(McChartData) charts = mc_chart_data_new (dataset);
  McOverviewPage *page = g_object_new (MC_TYPE_OVERVIEW_PAGE, NULL);
  GtkWidget *window = gtk_window_new ();
  g_autoptr(GList) views = NULL;
  int shortest = G_MAXINT, tallest = 0;

  mc_overview_page_show (page, metrics, NULL, charts);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 900);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  views = mc_overview_page_get_charts (page);
  for (GList *l = views; l != NULL; l = l->next)
    {
      GtkWidget *view = l->data;
      GtkWidget *card = gtk_widget_get_parent (gtk_widget_get_parent (view));
      GtkWidget *note = g_object_get_data (G_OBJECT (card), "mc-chart-note");
      int note_height = gtk_widget_get_visible (note) ? gtk_widget_get_height (note) : 0;

      g_assert_cmpint (gtk_widget_get_height (view), >=, gtk_widget_get_height (card) - note_height - 2);
      shortest = MIN (shortest, gtk_widget_get_height (card));
      tallest = MAX (tallest, gtk_widget_get_height (card));
    }
  /* The cards are not all made as tall as the tallest. */
  g_assert_cmpint (shortest, <, tallest);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Pizza sales without a customer id (tests/corpus/pizza-sales): the
 * sales figures as pandas has them, and no customer figure reading 0. */
static void
test_no_customers (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("MERCATO_SOURCE_ROOT"), "tests", "corpus", "pizza-sales",
                                            "data", NULL);
  g_autoptr(McDataset) dataset = load_dataset_at (path);
  g_autoptr(McMetrics) metrics = mc_metrics_compute (dataset, NULL);
  g_autoptr(McChartData) charts = mc_chart_data_new (dataset);
  McOverviewPage *page = g_object_ref_sink (g_object_new (MC_TYPE_OVERVIEW_PAGE, NULL));
  g_autoptr(GList) views = NULL;
  g_autofree char *text = NULL;
  gboolean trend = FALSE, cohorts = FALSE;

  mc_overview_page_show (page, metrics, NULL, charts);
  /* The sales charts, without those of customers. */
  views = mc_overview_page_get_charts (page);
  for (GList *l = views; l != NULL; l = l->next)
    {
      const char *title = mc_chart_get_title (mc_chart_view_get_chart (l->data));

      trend |= g_str_equal (title, "Sales trend");
      cohorts |= g_str_equal (title, "Cohort retention");
    }
  g_assert_true (trend);
  g_assert_false (cohorts);
  text = page_text (page);
  assert_contains (text, "Revenue\nsum of the amounts of all purchases\n817860.05");
  assert_contains (text, "Orders\ndistinct order ids plus purchases without one\n21350");
  g_assert_null (strstr (text, "Customers\n"));
  g_assert_null (strstr (text, "Repeat purchase rate"));
  g_assert_null (strstr (text, "Customer lifetime value"));
  g_assert_null (strstr (text, "Purchase frequency"));
  g_object_unref (page);
}

static void
test_no_purchases (void)
{
  g_autoptr(McDataset) shop = load_test_dataset ("dataset", "shop", NULL);
  g_autoptr(McMetrics) metrics = mc_metrics_compute (shop, NULL);
  McOverviewPage *page = g_object_new (MC_TYPE_OVERVIEW_PAGE, NULL);
  McOverviewPage *empty = g_object_new (MC_TYPE_OVERVIEW_PAGE, NULL);
  g_autofree char *text = NULL;
  g_autofree char *empty_text = NULL;

  /* A shop without platforms: key figures, no platform groups. */
  mc_overview_page_show (page, metrics, NULL, NULL);
  text = page_text (page);
  /* Its only buyer pays in euros, as customers.csv says. */
  assert_contains (text, "Revenue\n3.19 k EUR\n");
  g_assert_null (strstr (text, "Platforms"));
  mc_overview_page_show (empty, NULL, NULL, NULL);
  empty_text = page_text (empty);
  assert_contains (empty_text, "No Purchases Found");
}

/* A page on its own, given a session, shows the figures of what the
 * session opens (those of test_key_figures), its filter, and every
 * purchase again once the filter is dropped. */
static void
test_follows_session (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "dataset", "automotive", NULL);
  g_autoptr(McSession) session = mc_session_new ();
  McOverviewPage *page = g_object_ref_sink (g_object_new (MC_TYPE_OVERVIEW_PAGE, "session", session, NULL));
  g_autoptr(McDataset) electric = NULL;
  g_autofree char *text = NULL;
  g_autofree char *filtered_text = NULL;
  g_autofree char *whole_text = NULL;
  g_autoptr(GList) charts = NULL;
  McTable *sales;
  gsize rows[] = { 0, 1 };
  Waiting filtering = { mc_session_filter_finish, FALSE };

  g_assert_true (mc_overview_page_get_session (page) == session);
  open_session_at (session, path);
  text = page_text (page);
  assert_contains (text, "Revenue\n259.70 k\n");
  assert_contains (text, "Customers\n5\n80.0 % buy again");
  charts = mc_overview_page_get_charts (page);
  g_assert_cmpuint (g_list_length (charts), >=, 10);

  /* Two sales rows as a part of the dataset: the filter bar says so. */
  sales = mc_dataset_lookup_table (mc_session_get_dataset (session), "sales");
  electric = mc_dataset_new_with_rows (mc_session_get_dataset (session), sales, rows, G_N_ELEMENTS (rows));
  mc_session_filter_dataset_async (session, electric, "two sales", wait_ended_cb, &filtering);
  wait_for_ending (&filtering);
  filtered_text = page_text (page);
  assert_contains (filtered_text, "Only purchases of two sales");
  g_assert_null (strstr (filtered_text, "Revenue\n259.70 k\n"));

  mc_session_clear_filter (session);
  whole_text = page_text (page);
  assert_contains (whole_text, "Revenue\n259.70 k\n");
  g_assert_null (strstr (whole_text, "Only purchases of"));

  mc_overview_page_set_session (page, NULL);
  g_assert_null (mc_overview_page_get_session (page));
  g_object_unref (page);
}

/* A web-analytics export without purchase rows (the UCI shoppers'
 * sessions, tests/corpus/online-shoppers): its charts of sessions and
 * conversion, each group's figures in words, and no empty sections. */
static void
test_sessions (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("MERCATO_SOURCE_ROOT"), "tests", "corpus", "online-shoppers",
                                            "data", NULL);
  g_autoptr(McSession) session = mc_session_new ();
  McOverviewPage *page = g_object_ref_sink (g_object_new (MC_TYPE_OVERVIEW_PAGE, "session", session, NULL));
  const char *wanted[] = { "Sessions by month", "Conversion by month", "Conversion by visitor type",
                           "Conversion by traffic source" };
  g_autoptr(GList) charts = NULL;
  g_autofree char *text = NULL;
  guint i = 0;

  open_session_at (session, path);
  text = page_text (page);
  charts = mc_overview_page_get_charts (page);
  g_assert_cmpuint (g_list_length (charts), ==, G_N_ELEMENTS (wanted));
  for (GList *l = charts; l != NULL; l = l->next)
    g_assert_cmpstr (mc_chart_get_title (mc_chart_view_get_chart (l->data)), ==, wanted[i++]);
  assert_contains (text, "Conversion Rate\n15.5 %\n1908 sessions bought");
  assert_contains (text, "Month: Nov\n25.4 % of 2998 sessions bought");
  /* Traffic source 12 had one session. */
  assert_contains (text, "Traffic source: 12\n0.0 % of 1 session bought");
  g_assert_null (strstr (text, "Platforms"));
  g_object_unref (page);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/Mercato/Overview/key-figures", test_key_figures);
  g_test_add_func ("/Mercato/Overview/dashboard", test_dashboard);
  g_test_add_func ("/Mercato/Overview/charts-fill-cards", test_charts_fill_cards);
  g_test_add_func ("/Mercato/Overview/no-purchases", test_no_purchases);
  g_test_add_func ("/Mercato/Overview/no-customers", test_no_customers);
  g_test_add_func ("/Mercato/Overview/sessions", test_sessions);
  g_test_add_func ("/Mercato/Overview/follows-session", test_follows_session);
  return g_test_run ();
}
