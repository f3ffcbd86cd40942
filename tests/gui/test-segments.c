/* test-segments.c: the segmentation wizard on a real display
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With MERCATO_SHOTS set to a folder, each step is also saved there as a
 * PNG, to look at.
 */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "mc-chart-private.h"
#include "mc-chart-view.h"
#include "mc-save-chooser.h"
#include "gui-common.h"
#include "mc-segments-page-private.h"
#include "mc-window-private.h"
#include "test-common.h"

static char *
sample_path (void)
{
  return g_build_filename (g_getenv ("MERCATO_SOURCE_ROOT"), "app", "sample", "automotive", NULL);
}

/* Runs the main loop until CONDITION holds for WINDOW, for a minute at most. */
#define WAIT_FOR(condition)                                                    \
  G_STMT_START {                                                               \
    gint64 deadline = g_get_monotonic_time () + 60 * G_TIME_SPAN_SECOND;      \
    while (!(condition) && g_get_monotonic_time () < deadline)                 \
      g_main_context_iteration (NULL, TRUE);                                   \
    g_assert_true (condition);                                                 \
    while (g_main_context_iteration (NULL, FALSE))                             \
      ;                                                                        \
  } G_STMT_END

static void
settle (void)
{
  gint64 until = g_get_monotonic_time () + G_TIME_SPAN_SECOND / 4;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static void
save_shot (GtkWidget  *widget,
           const char *name)
{
  const char *folder = g_getenv ("MERCATO_SHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);

  if (folder == NULL)
    return;
  settle ();
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (folder, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static McWindow *
open_sample (void)
{
  g_autofree char *path = sample_path ();
  const char *paths[] = { path, NULL };
  McWindow *window = mc_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  mc_window_open_paths (window, paths);
  WAIT_FOR (!mc_window_get_loading (window));
  return window;
}

static McSegmentsPage *
show_segments_page (McWindow *window)
{
  McSegmentsPage *page = mc_window_get_segments_page (window);
  AdwViewStack *stack = ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (page), ADW_TYPE_VIEW_STACK));

  adw_view_stack_set_visible_child_name (stack, "segments");
  WAIT_FOR (g_str_equal (mc_segments_page_get_step (page), "features"));
  return page;
}

/* Through the wizard with PRESET to the results. */
static void
run_wizard (McSegmentsPage *page,
            McWindow       *window,
            const char     *preset)
{
  mc_segments_page_choose_preset (page, preset);
  save_shot (window != NULL ? GTK_WIDGET (window) : GTK_WIDGET (page), "segments-features.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "segments.next", NULL));
  g_assert_cmpstr (mc_segments_page_get_step (page), ==, "scaling");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "segments.next", NULL));
  g_assert_cmpstr (mc_segments_page_get_step (page), ==, "choose-k");
  /* Comparing k starts by itself, on a worker thread. */
  g_assert_true (mc_segments_page_get_busy (page));
  WAIT_FOR (!mc_segments_page_get_busy (page));
  save_shot (window != NULL ? GTK_WIDGET (window) : GTK_WIDGET (page), "segments-choose-k.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "segments.next", NULL));
  WAIT_FOR (!mc_segments_page_get_busy (page));
  g_assert_cmpstr (mc_segments_page_get_step (page), ==, "results");
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
collect_chart_views (GtkWidget *widget,
                     GPtrArray *views)
{
  if (MC_IS_CHART_VIEW (widget))
    g_ptr_array_add (views, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_chart_views (child, views);
}

/* The chart view of PAGE whose chart has KIND, shown on its results. */
static McChartView *
find_chart (McSegmentsPage *page,
            McChartKind     kind)
{
  g_autoptr(GPtrArray) views = g_ptr_array_new ();

  collect_chart_views (GTK_WIDGET (page), views);
  for (guint i = 0; i < views->len; i++)
    if (gtk_widget_is_drawable (g_ptr_array_index (views, i))
        && mc_chart_get_kind (mc_chart_view_get_chart (g_ptr_array_index (views, i))) == kind)
      return g_ptr_array_index (views, i);
  return NULL;
}

static gsize
listed_rows (McWindow   *window,
             const char *table)
{
  GtkListBox *list = mc_window_get_table_list (window);
  GtkListBoxRow *row;

  for (guint i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    {
      gtk_list_box_select_row (list, row);
      if (g_str_equal (mc_table_get_name (mc_dataset_get_table (mc_window_get_dataset (window), i)), table))
        return g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (mc_window_get_rows_view (window))));
    }
  return 0;
}

/* The wizard gives what the engine gives for the same choices. */
static void
test_wizard_matches_engine (void)
{
  McWindow *window = open_sample ();
  McSegmentsPage *page = show_segments_page (window);
  McSegmentation *shown;
  g_autoptr(McFeatureTable) table = NULL;
  g_autoptr(McSegmentation) expected = NULL;
  g_auto(GStrv) names = NULL;
  McKmeansOptions options;

  run_wizard (page, window, "behaviour");
  save_shot (GTK_WIDGET (window), "segments-results.png");
  shown = mc_segments_page_get_segmentation (page);
  g_assert_nonnull (shown);

  table = mc_features_compute (mc_window_get_dataset (window), NULL);
  names = mc_features_preset (table, "behaviour");
  g_assert_cmpstrv (shown->names, names);
  /* The suggested k of k = 2–8 was taken, as the CLI takes it. */
  mc_kmeans_options_init (&options, shown->result->k);
  options.n_init = MC_SEGMENTS_N_INIT;
  expected = mc_segments_run (table, (const char * const *) names, MC_SCALE_ZSCORE, TRUE, &options, NULL, NULL, NULL, NULL);
  g_assert_nonnull (expected);
  g_assert_cmpfloat (shown->result->inertia, ==, expected->result->inertia);
  g_assert_cmpmem (shown->result->labels, shown->scaled.n * sizeof (guint32),
                   expected->result->labels, expected->scaled.n * sizeof (guint32));
  for (guint c = 0; c < shown->result->k; c++)
    g_assert_cmpstr (shown->profiles[c].name, ==, expected->profiles[c].name);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Words a business reader would not follow, a role's id ("product_id"),
 * or a right-click given as the way to something (the card's visible
 * menu button is), in a visible label under WIDGET: the first found. */
static const char *
find_jargon (GtkWidget *widget)
{
  static const char *jargon[] = { "χ²", "Cramér", "σ", "Davies", "Bouldin", "First component", "Second component",
                                  "silhouette", "Silhouette", "r = ", "right-click", "Right-click" };

  if (!gtk_widget_get_visible (widget))
    return NULL;
  if (GTK_IS_LABEL (widget))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (widget));

      for (guint i = 0; i < G_N_ELEMENTS (jargon); i++)
        if (strstr (text, jargon[i]) != NULL)
          return text;
      for (McRole role = MC_ROLE_NONE + 1; role < MC_N_ROLES; role++)
        if (strchr (mc_role_to_string (role), '_') != NULL && strstr (text, mc_role_to_string (role)) != NULL)
          return text;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      const char *found = find_jargon (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Plain words first on the Overview and the Segments pages: statistics
 * and ids only in tooltips. */
static void
test_plain_words (void)
{
  McWindow *window = open_sample ();
  McSegmentsPage *page;
  g_autoptr(GPtrArray) views = g_ptr_array_new ();

  g_assert_null (find_jargon (GTK_WIDGET (mc_window_get_overview_page (window))));
  page = show_segments_page (window);
  g_assert_null (find_jargon (GTK_WIDGET (page)));
  mc_segments_page_choose_preset (page, "behaviour");
  g_assert_null (find_jargon (GTK_WIDGET (page)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "segments.next", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "segments.next", NULL));
  WAIT_FOR (!mc_segments_page_get_busy (page));
  g_assert_null (find_jargon (GTK_WIDGET (page)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "segments.next", NULL));
  WAIT_FOR (!mc_segments_page_get_busy (page));
  g_assert_cmpstr (mc_segments_page_get_step (page), ==, "results");
  g_assert_null (find_jargon (GTK_WIDGET (page)));

  /* The customer map's axes and points speak of customers, not components
   * or feature names. */
  collect_chart_views (GTK_WIDGET (page), views);
  for (guint i = 0; i < views->len; i++)
    {
      McChart *chart = mc_chart_view_get_chart (g_ptr_array_index (views, i));
      g_autofree char *described = mc_chart_describe (chart);
      double x, y, width, height;
      McChartHit hit;

      g_assert_null (strstr (described, "component"));
      if (mc_chart_get_kind (chart) != MC_CHART_SCATTER || !mc_chart_get_mark (chart, 0, &x, &y, &width, &height)
          || !mc_chart_hit_test (chart, x + width / 2, y + height / 2, &hit))
        continue;
      g_assert_null (strstr (hit.label, "share_"));
      g_assert_null (strstr (hit.label, "visits_"));
      mc_chart_hit_clear (&hit);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_cancel (void)
{
  McWindow *window = open_sample ();
  McSegmentsPage *page = show_segments_page (window);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "segments.next", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "segments.next", NULL));
  g_assert_true (mc_segments_page_get_busy (page));
  mc_segments_page_cancel (page);
  g_assert_false (mc_segments_page_get_busy (page));
  /* The cancelled job's result, should it come, is dropped. */
  settle ();
  g_assert_cmpstr (mc_segments_page_get_step (page), ==, "choose-k");
  g_assert_null (mc_segments_page_get_segmentation (page));
  g_assert_null (find_chart (page, MC_CHART_LINE));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* How many rows of TABLE belong to customers of SEGMENT. */
static gsize
rows_in_segment (McWindow       *window,
                 McSegmentation *segmentation,
                 const char     *table_name,
                 guint           segment)
{
  McTable *table = mc_dataset_lookup_table (mc_window_get_dataset (window), table_name);
  McColumn *customer = mc_table_lookup_column (table, "customer_id");
  gsize n = 0;

  for (gsize r = 0; r < mc_table_get_n_rows (table); r++)
    {
      g_autofree char *id = mc_column_format_value (customer, r);
      guint row;

      n += id != NULL && g_ptr_array_find_with_equal_func (segmentation->table->ids, id, g_str_equal, &row)
           && segmentation->result->labels[row] == segment;
    }
  return n;
}

/* A click on a segment's bar shows its customers and their purchases. */
static void
test_show_segment_customers (void)
{
  McWindow *window = open_sample ();
  McSegmentsPage *page = show_segments_page (window);
  McSegmentation *segmentation;
  McChartView *sizes;

  run_wizard (page, window, "rfm");
  segmentation = mc_segments_page_get_segmentation (page);
  sizes = find_chart (page, MC_CHART_BAR);
  g_assert_nonnull (sizes);
  g_signal_emit_by_name (sizes, "mark-activated", 0, 1, -1);
  WAIT_FOR (!mc_segments_page_get_busy (page));
  WAIT_FOR (!mc_window_get_filtering (window));
  settle ();
  /* Those of the segment's customers the users table has (one buys
   * without being in it: an orphan key of the sample). */
  g_assert_cmpuint (listed_rows (window, "users"), ==, rows_in_segment (window, segmentation, "users", 1));
  g_assert_cmpuint (listed_rows (window, "sales"), ==, rows_in_segment (window, segmentation, "sales", 1));
  save_shot (GTK_WIDGET (window), "segments-customers.png");
  mc_window_clear_filter (window);
  settle ();
  g_assert_cmpuint (listed_rows (window, "users"), ==, 2000);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Customers picked on the map are listed and can be shown. */
static void
test_pick_on_map (void)
{
  McWindow *window = open_sample ();
  McSegmentsPage *page = show_segments_page (window);
  McSegmentation *segmentation;
  McChartView *map;
  double x_min = -G_MAXDOUBLE, x_max = 0, y_min = -G_MAXDOUBLE, y_max = G_MAXDOUBLE;

  run_wizard (page, window, "rfm");
  segmentation = mc_segments_page_get_segmentation (page);
  map = find_chart (page, MC_CHART_SCATTER);
  g_assert_nonnull (map);
  /* Hovering a customer names them. */
  {
    McChartHit hit;
    double x, y, width, height;

    settle ();
    g_assert_cmpuint (mc_chart_get_n_marks (mc_chart_view_get_chart (map)), >, 0);
    g_assert_true (mc_chart_get_mark (mc_chart_view_get_chart (map), 0, &x, &y, &width, &height));
    g_assert_true (mc_chart_hit_test (mc_chart_view_get_chart (map), x + width / 2, y + height / 2, &hit));
    g_assert_nonnull (strstr (hit.label, g_ptr_array_index (segmentation->table->ids, hit.index)));
    /* Features in words, not their ids (issue 13: "share_mobile_app: 0"). */
    g_assert_nonnull (strstr (hit.label, "Total spent: "));
    g_assert_nonnull (strstr (hit.label, "Days since the last purchase: "));
    g_assert_null (strstr (hit.label, "monetary"));
    g_assert_null (strstr (hit.label, "recency"));
    mc_chart_hit_clear (&hit);
  }
  /* The left half of the map. */
  g_signal_emit_by_name (map, "points-selected", x_min, x_max, y_min, y_max);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "segments.show-picked", NULL));
  WAIT_FOR (!mc_segments_page_get_busy (page));
  WAIT_FOR (!mc_window_get_filtering (window));
  settle ();
  {
    gsize expected = 0;
    double *map_points = mc_matrix_pca2 (&segmentation->scaled);

    for (gsize i = 0; i < segmentation->scaled.n; i++)
      expected += map_points[2 * i] <= x_max;
    g_free (map_points);
    g_assert_cmpuint (expected, >, 0);
    g_assert_cmpuint (listed_rows (window, "users"), ==, expected);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Segments added to the data: a column in the sales and the users, a
 * dashboard chart by segment, the wizard kept, and undo. */
static void
test_add_column_and_rename (void)
{
  McWindow *window = open_sample ();
  McSegmentsPage *page = show_segments_page (window);
  McDataset *before = mc_window_get_dataset (window);
  McSegmentation *segmentation;
  McTable *sales;
  McColumn *column;

  run_wizard (page, window, "rfm");
  segmentation = mc_segments_page_get_segmentation (page);
  /* Renamed in its profile's entry, as a user does. */
  {
    GtkWidget *entry = find_descendant (GTK_WIDGET (page), ADW_TYPE_ENTRY_ROW);

    g_assert_nonnull (entry);
    gtk_editable_set_text (GTK_EDITABLE (entry), "  Core customers ");
    g_signal_emit_by_name (entry, "apply");
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "segments.add-column", NULL));
  WAIT_FOR (mc_window_get_dataset (window) != before);
  sales = mc_dataset_lookup_table (mc_window_get_dataset (window), "sales");
  column = mc_table_lookup_column (sales, "segment");
  g_assert_nonnull (column);
  g_assert_cmpint (column->role, ==, MC_ROLE_SEGMENT);
  g_assert_nonnull (mc_table_lookup_column (mc_dataset_lookup_table (mc_window_get_dataset (window), "users"), "segment"));
  /* Each sale carries its customer's segment, under its new name; sales
   * of no segmented customer (no id, no amount) have none. */
  for (gsize r = 0; r < mc_table_get_n_rows (sales); r++)
    {
      g_autofree char *customer = mc_column_format_value (mc_table_lookup_column (sales, "customer_id"), r);
      g_autofree char *segment = mc_column_format_value (column, r);
      guint row;

      if (customer != NULL && g_ptr_array_find_with_equal_func (segmentation->table->ids, customer, g_str_equal, &row))
        g_assert_cmpstr (segment, ==, segmentation->profiles[segmentation->result->labels[row]].name);
      else
        g_assert_null (segment);
    }
  g_assert_cmpstr (segmentation->profiles[0].name, ==, "Core customers");
  /* The charts and the profile take the new name. */
  g_assert_cmpstr (mc_chart_get_category (mc_chart_view_get_chart (find_chart (page, MC_CHART_BAR)), 0), ==, "Core customers");
  /* The sizes' bars in the segments' colours, those of the map. */
  {
    McChart *sizes = mc_chart_view_get_chart (find_chart (page, MC_CHART_BAR));

    g_assert_nonnull (sizes->segments);
    for (guint c = 0; c < segmentation->result->k; c++)
      g_assert_cmpuint (sizes->segments[c], ==, c);
  }
  g_assert_true (mc_segments_page_get_segmentation (page) == segmentation);
  g_assert_cmpstr (mc_segments_page_get_step (page), ==, "results");
  {
    GList *charts = mc_overview_page_get_charts (mc_window_get_overview_page (window));
    gboolean by_segment = FALSE, trend = FALSE;

    /* The dashboard splits by segment: revenue per segment, and the
     * sales trend with a line per segment. */
    for (GList *l = charts; l != NULL; l = l->next)
      {
        const char *name = g_object_get_data (l->data, "mc-chart-name");
        McChart *chart = mc_chart_view_get_chart (l->data);

        by_segment |= g_strcmp0 (name, "segments") == 0;
        /* Issue 13: each segment in the colour the Segments page gives
         * it (its place in the segmentation), bars and lines alike. */
        if (g_strcmp0 (name, "segments") == 0 || g_strcmp0 (name, "segments-trend") == 0)
          {
            gboolean lines = g_strcmp0 (name, "segments-trend") == 0;
            guint n = lines ? mc_chart_get_n_series (chart) : chart->categories->len;

            g_assert_nonnull (chart->segments);
            for (guint i = 0; i < n; i++)
              {
                const char *segment = lines ? mc_chart_get_series_name (chart, i) : mc_chart_get_category (chart, i);
                guint c = 0;

                while (c < segmentation->result->k && g_strcmp0 (segmentation->profiles[c].name, segment) != 0)
                  c++;
                g_assert_cmpuint (c, <, segmentation->result->k);
                g_assert_cmpuint (chart->segments[i], ==, c);
              }
          }
        if (g_strcmp0 (name, "segments-trend") == 0)
          {
            trend = TRUE;
            g_assert_cmpuint (mc_chart_get_n_series (chart), ==, segmentation->result->k);
          }
      }
    g_list_free (charts);
    g_assert_true (by_segment);
    g_assert_true (trend);
    adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (page), ADW_TYPE_VIEW_STACK)),
                                           "overview");
    save_shot (GTK_WIDGET (window), "segments-dashboard.png");
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (mc_window_get_dataset (window) == before);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The save dialog's answer for segments.csv typed in DIR with TYPE
 * chosen: the path and type the response writes. */
static char *
chosen_path (const char *dir,
             McSaveType  type,
             McSaveType *chosen)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new ("Save", NULL, GTK_FILE_CHOOSER_ACTION_SAVE, NULL, NULL);
  g_autoptr(GFile) file = g_file_new_build_filename (dir, "segments.csv", NULL);
  char *path;

  mc_save_chooser_add_types (GTK_FILE_CHOOSER (chooser), MC_SAVE_CSV);
  mc_save_chooser_set_type (GTK_FILE_CHOOSER (chooser), type);
  path = mc_save_chooser_get_path (GTK_FILE_CHOOSER (chooser), file, chosen);
  g_object_unref (chooser);
  return path;
}

/* The segments saved with "Workbook (.xlsx)" chosen reopen with the
 * CSV's values, the ids as text; a source is never replaced. */
static void
test_save_as_workbook (void)
{
  McWindow *window = open_sample ();
  McSegmentsPage *page = show_segments_page (window);
  g_autofree char *dir = g_dir_make_tmp ("mercato-segments-XXXXXX", NULL);
  g_autofree char *xlsx = NULL, *csv = NULL;
  g_autofree char *source = g_build_filename (g_getenv ("MERCATO_SOURCE_ROOT"), "app", "sample", "automotive",
                                              "users.csv", NULL);
  g_autoptr(McDataset) from_xlsx = NULL;
  g_autoptr(McDataset) from_csv = NULL;
  g_autoptr(GError) error = NULL;
  McSaveType type;
  McColumn *ids;

  run_wizard (page, window, "rfm");
  xlsx = chosen_path (dir, MC_SAVE_XLSX, &type);
  g_assert_cmpint (type, ==, MC_SAVE_XLSX);
  g_assert_true (g_str_has_suffix (xlsx, "/segments.xlsx"));
  g_assert_true (mc_segments_page_save (page, xlsx, type, &error));
  g_assert_no_error (error);
  csv = chosen_path (dir, MC_SAVE_CSV, &type);
  g_assert_cmpint (type, ==, MC_SAVE_CSV);
  g_assert_true (mc_segments_page_save (page, csv, type, &error));
  g_assert_no_error (error);

  from_xlsx = load_dataset_at (xlsx);
  from_csv = load_dataset_at (csv);
  assert_same_values (mc_dataset_get_table (from_csv, 0), mc_dataset_get_table (from_xlsx, 0));
  g_assert_cmpuint (mc_table_get_n_rows (mc_dataset_get_table (from_xlsx, 0)), ==,
                    mc_segments_page_get_segmentation (page)->scaled.n);
  ids = mc_table_lookup_column (mc_dataset_get_table (from_xlsx, 0), "customer_id");
  g_assert_nonnull (ids);

  /* A file of the data open in the window is never replaced. */
  g_assert_true (g_file_test (source, G_FILE_TEST_EXISTS));
  g_assert_false (mc_segments_page_save (page, source, MC_SAVE_XLSX, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);

  g_unlink (xlsx);
  g_unlink (csv);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A page on its own, given a session, segments the customers of the
 * session's dataset, and its segment column goes to the session, the
 * segments kept. */
static void
test_page_follows_session (void)
{
  g_autofree char *path = sample_path ();
  g_autoptr(McSession) session = mc_session_new ();
  McSegmentsPage *page = g_object_new (MC_TYPE_SEGMENTS_PAGE, "session", session, NULL);
  GtkWidget *window = gtk_window_new ();
  McDataset *before;

  g_assert_true (mc_segments_page_get_session (page) == session);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpstr (mc_segments_page_get_step (page), ==, "preparing");
  open_session_at (session, path);
  WAIT_FOR (g_str_equal (mc_segments_page_get_step (page), "features"));
  run_wizard (page, NULL, "rfm");
  before = mc_session_get_dataset (session);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "segments.add-column", NULL));
  WAIT_FOR (mc_session_get_dataset (session) != before);
  g_assert_nonnull (mc_table_lookup_column (mc_dataset_lookup_table (mc_session_get_dataset (session), "sales"), "segment"));
  g_assert_true (mc_session_get_only_columns_added (session));
  g_assert_cmpstr (mc_segments_page_get_step (page), ==, "results");
  g_assert_nonnull (mc_segments_page_get_segmentation (page));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/Mercato/Segments/wizard-matches-engine", test_wizard_matches_engine);
  g_test_add_func ("/Mercato/Segments/cancel", test_cancel);
  g_test_add_func ("/Mercato/Segments/plain-words", test_plain_words);
  g_test_add_func ("/Mercato/Segments/show-segment-customers", test_show_segment_customers);
  g_test_add_func ("/Mercato/Segments/pick-on-map", test_pick_on_map);
  g_test_add_func ("/Mercato/Segments/add-column-and-rename", test_add_column_and_rename);
  g_test_add_func ("/Mercato/Segments/save-as-workbook", test_save_as_workbook);
  g_test_add_func ("/Mercato/Segments/page-follows-session", test_page_follows_session);

  return g_test_run ();
}
