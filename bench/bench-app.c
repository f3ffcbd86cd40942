/* bench-app.c: the app with its real widgets, as a user gets it
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens a dataset in a real McWindow (on an X display: run it under
 * Xvfb, see run-app-bench.sh) and times what a user waits for:
 *
 *  - from mc_window_open_paths() to the end of the first frame that
 *    drew every Overview chart on screen (a wrapper round the chart
 *    view's snapshot marks the charts drawn; the frame clock's
 *    after-paint ends the frame), and to the analysis arriving;
 *  - the memory then (VmRSS, VmHWM);
 *  - cross-filter clicks: a "released" of the chart view's own click
 *    gesture at the middle of a bar (the view hit-tests it and emits
 *    "mark-activated", as for a real click), to the end of the frame
 *    that drew every chart on screen again, filtered;
 *  - hovering: the X pointer warped over the marks of charts (real
 *    motion events: the view's motion controller and its tooltip
 *    query), each step timed from the motion reaching the view to the
 *    end of the frame painted after it, less the time the main loop
 *    slept waiting for that frame (the frame clock keeps to 60 Hz).
 *
 * Prints one line per figure:
 *   app-to-figures SECONDS HWM_MB    (the format of bench-common.sh's `whole`)
 *   app-to-data SECONDS RSS_MB
 *   app-memory RSS_MB HWM_MB
 *   app-filter MEDIAN_MS MAX_MS CLICKS
 *   app-filter-cpu MEDIAN_MS MAX_MS CLICKS  (the main thread's processor)
 *   app-hover-frame MEDIAN_MS P95_MS MAX_MS FRAMES
 *   app-hover-latency MEDIAN_MS P95_MS MAX_MS FRAMES
 *   app-hover-cpu MEDIAN_MS P95_MS MAX_MS FRAMES  (the main thread's processor)
 * and, with --verbose, one "# …" line per click and hovered chart.
 * Usage: bench-app [--clicks N] [--hover-steps N] [--verbose] DATASET
 */
#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "mc-chart-view.h"
#include "mc-column.h"
#include "mc-overview-page-private.h"
#include "mc-window-private.h"

typedef struct
{
  McWindow       *window;
  McOverviewPage *page;
  GHashTable     *drawn;        /* chart views snapshotted since armed */
  gboolean        armed;        /* waiting for the charts on screen to be drawn */
  gint64          all_drawn_at; /* the end of the frame that drew them */
  gint64          data_at;      /* the figures arrived (the dataset, or the filter's) */
  double          data_cpu;     /* the main thread's processor time then */
  double          drawn_cpu;    /* … and when they were drawn */
  gint64          paint_ended;  /* the end of the last frame */
  gint64          motion_at;    /* the last motion that reached the hovered chart */
  gint64          slept;        /* µs the main loop spent blocked in poll, in all */
  gint64          phase_at;     /* the end of the frame's last phase */
  gint64          layout_us;    /* spent in the frames' layout and paint phases */
  gint64          paint_us;     /* since the figures arrived */
  guint           frames;
  gboolean        verbose;
} Bench;

static Bench bench;
static void (*chart_view_snapshot) (GtkWidget *, GtkSnapshot *);

/* "MEDIAN P95 MAX N" of MS, in milliseconds. */
static void
print_spread (const char *figure,
              GArray     *ms,
              gboolean    with_p95)
{
  if (ms->len == 0)
    {
      printf ("%s nan nan nan 0\n", figure);
      return;
    }
  mc_sort_doubles ((double *) ms->data, ms->len);
  if (with_p95)
    printf ("%s %.1f %.1f %.1f %u\n", figure, mc_quantile ((double *) ms->data, ms->len, 0.5),
            mc_quantile ((double *) ms->data, ms->len, 0.95), g_array_index (ms, double, ms->len - 1), ms->len);
  else
    printf ("%s %.1f %.1f %u\n", figure, mc_quantile ((double *) ms->data, ms->len, 0.5),
            g_array_index (ms, double, ms->len - 1), ms->len);
}

/* A field of /proc/self/status in MB ("VmRSS", "VmHWM"). */
static double
status_mb (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) || (line = strstr (status, field)) == NULL)
    return 0;
  return g_ascii_strtod (line + strlen (field) + 1, NULL) / 1024;
}

/* The main thread's processor time, in ms: what a busy machine
 * inflates less than the wall time. */
static double
main_cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

static double
ms_between (gint64 from,
            gint64 to)
{
  return (to - from) / 1000.0;
}

/* Drawing and frames */

static void
timed_snapshot (GtkWidget   *widget,
                GtkSnapshot *snapshot)
{
  chart_view_snapshot (widget, snapshot);
  if (bench.armed)
    g_hash_table_add (bench.drawn, widget);
}

static int
timed_poll (GPollFD *fds,
            guint    n_fds,
            int      timeout)
{
  gint64 started = g_get_monotonic_time ();
  int ready = g_poll (fds, n_fds, timeout);

  bench.slept += g_get_monotonic_time () - started;
  return ready;
}

/* Whether VIEW shows, at least in part, in the page's scrolled area. */
static gboolean
on_screen (GtkWidget *view)
{
  GtkWidget *scroller = GTK_WIDGET (mc_overview_page_get_scroller (bench.page));
  graphene_rect_t bounds;

  if (!gtk_widget_get_mapped (view) || gtk_widget_get_height (view) <= 0
      || !gtk_widget_compute_bounds (view, scroller, &bounds))
    return FALSE;
  return bounds.origin.y < gtk_widget_get_height (scroller) && bounds.origin.y + bounds.size.height > 0;
}

static gboolean
charts_on_screen_drawn (void)
{
  g_autoptr(GList) views = mc_overview_page_get_charts (bench.page);
  guint shown = 0;

  for (GList *l = views; l != NULL; l = l->next)
    if (on_screen (l->data))
      {
        if (!g_hash_table_contains (bench.drawn, l->data))
          return FALSE;
        shown++;
      }
  return shown > 0;
}

/* The frame clock's phases run GTK's handlers first, then these: each
 * marks the end of a phase. */
static void
on_before_paint_cb (GdkFrameClock *clock,
                    gpointer       user_data)
{
  bench.phase_at = g_get_monotonic_time ();
}

/* The end of the layout or paint phase: its time adds to *SPENT. */
static void
on_phase_end_cb (GdkFrameClock *clock,
                 gint64        *spent)
{
  gint64 now = g_get_monotonic_time ();

  *spent += now - bench.phase_at;
  bench.phase_at = now;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gpointer       user_data)
{
  bench.paint_ended = g_get_monotonic_time ();
  bench.frames++;
  if (bench.armed && charts_on_screen_drawn ())
    {
      bench.armed = FALSE;
      bench.all_drawn_at = bench.paint_ended;
      bench.drawn_cpu = main_cpu_ms ();
    }
}

/* New figures arrived (the page has built their charts): wait for them
 * to be drawn. */
static void
on_figures_cb (void)
{
  bench.data_at = g_get_monotonic_time ();
  bench.data_cpu = main_cpu_ms ();
  bench.layout_us = bench.paint_us = 0;
  bench.frames = 0;
  g_hash_table_remove_all (bench.drawn);
  bench.armed = TRUE;
  bench.all_drawn_at = 0;
}

static void
on_filtered_cb (McSession *session)
{
  if (mc_session_get_filtered_analysis (session) != NULL)
    on_figures_cb ();
}

/* Runs the main loop until *DONE or SECONDS have passed. */
static gboolean
run_until (const gint64 *done,
           double        seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  while (*done == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  return *done != 0;
}

/* Runs the main loop for SECONDS, whatever comes. */
static void
run_for (double seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  while (g_get_monotonic_time () < deadline)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (2000);
    }
}

/* Opening */

static void
time_opening (const char *path,
              gint64      started)
{
  const char *paths[] = { path, NULL };
  gint64 opened = g_get_monotonic_time ();

  g_signal_connect_swapped (bench.window->session, "notify::dataset", G_CALLBACK (on_figures_cb), NULL);
  g_signal_connect (bench.window->session, "notify::filtered", G_CALLBACK (on_filtered_cb), NULL);
  mc_window_open_paths (bench.window, paths);
  if (!run_until (&bench.all_drawn_at, 600))
    g_error ("%s: the Overview's charts were not drawn within 10 minutes (%s)", path,
             mc_window_get_last_error (bench.window) != NULL ? mc_window_get_last_error (bench.window) : "no error");
  printf ("app-to-figures %.3f %.0f\n", ms_between (opened, bench.all_drawn_at) / 1000, status_mb ("VmHWM"));
  printf ("app-to-data %.3f %.0f\n", ms_between (opened, bench.data_at) / 1000, status_mb ("VmRSS"));
  printf ("app-memory %.0f %.0f\n", status_mb ("VmRSS"), status_mb ("VmHWM"));
  if (bench.verbose)
    printf ("# from main() to the figures drawn: %.3f s\n", ms_between (started, bench.all_drawn_at) / 1000);
}

/* Clicking and hovering */

static GtkWidget *
find_view (gboolean (*wanted) (McChart *chart))
{
  g_autoptr(GList) views = mc_overview_page_get_charts (bench.page);

  for (GList *l = views; l != NULL; l = l->next)
    if (wanted (mc_chart_view_get_chart (l->data)))
      return l->data;
  return NULL;
}

static GtkWidget *
find_named_view (const char *name)
{
  g_autoptr(GList) views = mc_overview_page_get_charts (bench.page);

  for (GList *l = views; l != NULL; l = l->next)
    if (g_strcmp0 (g_object_get_data (l->data, "mc-chart-name"), name) == 0)
      return l->data;
  return NULL;
}

static gboolean
is_bar_chart (McChart *chart)
{
  return mc_chart_get_kind (chart) == MC_CHART_BAR && mc_chart_get_n_marks (chart) >= 2;
}

static gboolean
is_line_chart (McChart *chart)
{
  McChartKind kind = mc_chart_get_kind (chart);

  return (kind == MC_CHART_LINE || kind == MC_CHART_AREA) && mc_chart_get_n_marks (chart) >= 2;
}

static gboolean
is_cell_chart (McChart *chart)
{
  McChartKind kind = mc_chart_get_kind (chart);

  return (kind == MC_CHART_HEATMAP || kind == MC_CHART_SCATTER) && mc_chart_get_n_marks (chart) >= 2;
}

/* The view's controller of TYPE (for a click gesture: the primary
 * button's). */
static GtkEventController *
find_controller (GtkWidget *view,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (view);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type)
          && (type != GTK_TYPE_GESTURE_CLICK
              || gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (controller)) == GDK_BUTTON_PRIMARY))
        return controller;
    }
  g_error ("The chart view has no %s", g_type_name (type));
}

/* The middle of mark M of VIEW's chart, as it was last drawn. */
static gboolean
mark_middle (GtkWidget *view,
             guint      m,
             double    *x,
             double    *y)
{
  double left, top, width, height;

  if (!mc_chart_get_mark (mc_chart_view_get_chart (MC_CHART_VIEW (view)), m, &left, &top, &width, &height))
    return FALSE;
  *x = left + width / 2;
  *y = top + height / 2;
  return TRUE;
}

/* Scrolls the page so that VIEW shows whole, and lets it settle. */
static void
scroll_to (GtkWidget *view)
{
  GtkAdjustment *scroll = gtk_scrolled_window_get_vadjustment (mc_overview_page_get_scroller (bench.page));
  graphene_point_t top;

  if (gtk_widget_compute_point (view, GTK_WIDGET (mc_overview_page_get_scroller (bench.page)),
                                &GRAPHENE_POINT_INIT (0, 0), &top))
    gtk_adjustment_set_value (scroll, gtk_adjustment_get_value (scroll) + top.y - 40);
  run_for (0.5);
}

static void
time_clicks (guint clicks)
{
  GtkWidget *view = find_view (is_bar_chart);
  g_autofree char *name = NULL;
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_marks;
  gint64 clicks_started;

  if (view == NULL)
    {
      printf ("# no bar chart to click\n");
      return;
    }
  name = g_strdup (g_object_get_data (G_OBJECT (view), "mc-chart-name"));
  scroll_to (view);
  n_marks = mc_chart_get_n_marks (mc_chart_view_get_chart (MC_CHART_VIEW (view)));
  clicks_started = g_get_monotonic_time ();
  for (guint i = 0; i < clicks; i++)
    {
      /* The chart clicked is built anew, from the whole data. */
      GtkWidget *clicked = find_named_view (name);
      GtkEventController *click = find_controller (clicked, GTK_TYPE_GESTURE_CLICK);
      McChartHit hit;
      double x, y, total, cpu;
      gint64 started;

      /* A different bar each time: the one selected would clear it. */
      if (!mark_middle (clicked, i % n_marks, &x, &y)
          || !mc_chart_hit_test (mc_chart_view_get_chart (MC_CHART_VIEW (clicked)), x, y, &hit))
        g_error ("The middle of bar %u of %s is not on a bar", i % n_marks, name);
      started = g_get_monotonic_time ();
      cpu = main_cpu_ms ();
      bench.all_drawn_at = 0;
      g_signal_emit_by_name (click, "released", 1, x, y);
      if (!mc_window_get_filtering (bench.window))
        g_error ("A click on %s of %s asked for no filter", hit.label, name);
      if (!run_until (&bench.all_drawn_at, 120))
        g_error ("A click on %s of %s: the charts were not drawn again within 2 minutes", hit.label, name);
      total = ms_between (started, bench.all_drawn_at);
      g_array_append_val (ms, total);
      cpu = bench.drawn_cpu - cpu;
      g_array_append_val (cpu_ms, cpu);
      if (bench.verbose)
        printf ("# click %s of %s: %.1f ms; the filter's figures shown after %.1f ms (%.1f ms of the main thread's "
                "processor), then %u frames: %.1f ms of layout, %.1f ms of paint (%.1f ms of processor)\n",
                hit.label, name, total, ms_between (started, bench.data_at), cpu - (bench.drawn_cpu - bench.data_cpu), bench.frames,
                bench.layout_us / 1000.0, bench.paint_us / 1000.0, bench.drawn_cpu - bench.data_cpu);
      mc_chart_hit_clear (&hit);
      /* The page keeps the chart clicked in place over a few frames. */
      run_for (0.4);
    }
  if (bench.verbose)
    printf ("# the clicks ran from %.3f to %.3f s of the monotonic clock (perf record -k CLOCK_MONOTONIC --time)\n",
            clicks_started / 1e6, g_get_monotonic_time () / 1e6);
  print_spread ("app-filter", ms, FALSE);
  print_spread ("app-filter-cpu", cpu_ms, FALSE);
  mc_window_clear_filter (bench.window);
  run_for (0.5);
}

static void
on_motion_cb (GtkEventControllerMotion *controller,
              double                    x,
              double                    y,
              gpointer                  user_data)
{
  bench.motion_at = g_get_monotonic_time ();
}

/* Moves the X pointer to (X, Y) of VIEW: real motion events. */
static void
warp_pointer (GtkWidget *view,
              double     x,
              double     y)
{
  GtkNative *native = gtk_widget_get_native (view);
  GdkSurface *surface = gtk_native_get_surface (native);
  Display *display = gdk_x11_display_get_xdisplay (gdk_surface_get_display (surface));
  graphene_point_t point;
  double dx, dy;

  if (!gtk_widget_compute_point (view, GTK_WIDGET (native), &GRAPHENE_POINT_INIT (x, y), &point))
    g_error ("The chart is not in the window");
  gtk_native_get_surface_transform (native, &dx, &dy);
  XWarpPointer (display, None, gdk_x11_surface_get_xid (surface), 0, 0, 0, 0, (int) (point.x + dx), (int) (point.y + dy));
  XFlush (display);
}

/* One step of the pointer to (X, Y): the time from the motion reaching
 * the view to the end of the frame painted after it, all of it
 * (LATENCY) and less the main loop's sleep (WORK), and the main
 * thread's processor time from the move to then (CPU: what a busy
 * machine's other jobs do not inflate); FALSE when the motion came to
 * nothing to paint. */
static gboolean
time_step (GtkWidget *view,
           double     x,
           double     y,
           double    *work,
           double    *latency,
           double    *cpu)
{
  gint64 deadline = g_get_monotonic_time () + G_USEC_PER_SEC / 4;
  gint64 slept = 0;
  double cpu_started = main_cpu_ms ();

  bench.motion_at = 0;
  warp_pointer (view, x, y);
  while (bench.motion_at == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  if (bench.motion_at == 0)
    return FALSE;
  slept = bench.slept;
  bench.paint_ended = 0;
  while (bench.paint_ended == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  if (bench.paint_ended == 0)
    return FALSE;
  *latency = ms_between (bench.motion_at, bench.paint_ended);
  *work = *latency - (bench.slept - slept) / 1000.0;
  *cpu = main_cpu_ms () - cpu_started;
  return TRUE;
}

/* Moves the pointer over STEPS marks of VIEW (the tooltip shown first,
 * so that each move asks it again, as when browsing a chart). */
static void
hover_chart (GtkWidget *view,
             guint      steps,
             GArray    *work,
             GArray    *latency,
             GArray    *cpu)
{
  McChart *chart = mc_chart_view_get_chart (MC_CHART_VIEW (view));
  GtkEventController *motion = find_controller (view, GTK_TYPE_EVENT_CONTROLLER_MOTION);
  guint n_marks = mc_chart_get_n_marks (chart), frames = 0, quiet = 0;
  gulong handler = g_signal_connect_after (motion, "motion", G_CALLBACK (on_motion_cb), NULL);
  double x, y, step_work, step_latency, step_cpu, most = 0;

  scroll_to (view);
  if (mark_middle (view, 0, &x, &y))
    warp_pointer (view, x, y);
  /* GTK shows a tooltip after half a second of hovering. */
  run_for (1.0);
  for (guint i = 0; i < steps; i++)
    {
      if (!mark_middle (view, (i * 7919u) % n_marks, &x, &y))
        continue;
      if (!time_step (view, x, y, &step_work, &step_latency, &step_cpu))
        {
          quiet++;
          continue;
        }
      g_array_append_val (work, step_work);
      g_array_append_val (latency, step_latency);
      g_array_append_val (cpu, step_cpu);
      most = MAX (most, step_work);
      frames++;
    }
  if (bench.verbose)
    printf ("# hover %s (%s, %u marks): %u frames, %u moves without one, the longest %.1f ms of work\n",
            (const char *) g_object_get_data (G_OBJECT (view), "mc-chart-name"),
            g_type_name (G_OBJECT_TYPE (gtk_native_get_renderer (gtk_widget_get_native (view)))), n_marks, frames, quiet,
            most);
  g_signal_handler_disconnect (motion, handler);
}

static void
time_hovering (guint steps)
{
  gboolean (*kinds[]) (McChart *) = { is_bar_chart, is_line_chart, is_cell_chart };
  g_autoptr(GArray) work = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) latency = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      GtkWidget *view = find_view (kinds[k]);

      if (view != NULL)
        hover_chart (view, steps, work, latency, cpu);
    }
  print_spread ("app-hover-frame", work, TRUE);
  print_spread ("app-hover-latency", latency, TRUE);
  print_spread ("app-hover-cpu", cpu, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  gint64 started = g_get_monotonic_time ();
  int clicks = 10, hover_steps = 60;
  gboolean verbose = FALSE;
  GOptionEntry entries[] = {
    { "clicks", 0, 0, G_OPTION_ARG_INT, &clicks, "Cross-filter clicks to time (10)", "N" },
    { "hover-steps", 0, 0, G_OPTION_ARG_INT, &hover_steps, "Pointer moves over each chart hovered (60)", "N" },
    { "verbose", 0, 0, G_OPTION_ARG_NONE, &verbose, "Say what each click and hover did", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("DATASET");
  g_autoptr(GError) error = NULL;
  GtkWidgetClass *view_class;
  GdkFrameClock *clock;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      fprintf (stderr, "Usage: bench-app [--clicks N] [--hover-steps N] [--verbose] DATASET\n%s\n",
               error != NULL ? error->message : "");
      return 2;
    }
  gtk_init ();
  adw_init ();
  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      fprintf (stderr, "bench-app: needs an X display (run it under Xvfb: bench/run-app-bench.sh)\n");
      return 2;
    }
  bench.verbose = verbose;
  bench.drawn = g_hash_table_new (NULL, NULL);
  g_main_context_set_poll_func (NULL, timed_poll);
  view_class = g_type_class_ref (MC_TYPE_CHART_VIEW);
  chart_view_snapshot = view_class->snapshot;
  view_class->snapshot = timed_snapshot;

  bench.window = mc_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (bench.window), 1280, 800);
  gtk_window_present (GTK_WINDOW (bench.window));
  bench.page = mc_window_get_overview_page (bench.window);
  run_for (0.5);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (bench.window));
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint_cb), NULL);
  g_signal_connect (clock, "layout", G_CALLBACK (on_phase_end_cb), &bench.layout_us);
  g_signal_connect (clock, "paint", G_CALLBACK (on_phase_end_cb), &bench.paint_us);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), NULL);

  time_opening (argv[1], started);
  run_for (1.0);
  if (clicks > 0)
    time_clicks (clicks);
  if (hover_steps > 0)
    time_hovering (hover_steps);
  fflush (stdout);
  /* Freeing gigabytes of tables is no figure of ours. */
  _exit (0);
}
