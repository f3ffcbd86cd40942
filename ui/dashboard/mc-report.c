/* mc-report.c: a PDF report a manager can read
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A4 landscape pages drawn with the chart library's own code, so the
 * report shows exactly what the app shows.
 */
#define G_LOG_DOMAIN "mc-report"

#include "config.h"

#include <cairo-pdf.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>

#include "mc-chart-export.h"
#include "mc-chart-text.h"
#include "mc-output.h"
#include "mc-checks.h"
#include "mc-analysis.h"
#include "mc-model.h"
#include "mc-report.h"
#include "mc-rfm.h"
#include "mc-standard-charts.h"

#define PAGE_WIDTH  842.0
#define PAGE_HEIGHT 595.0
#define MARGIN      40.0
#define TEXT_WIDTH  (PAGE_WIDTH - 2 * MARGIN)

typedef struct
{
  cairo_t *cr;
  double   y;
} Page;

static void new_page (Page *page);

/* Writes TEXT wrapped to the text width at the current line, on a new
 * page when it would not fit whole on this one (no sentence is cut at a
 * page end); returns its height. */
static double
paragraph (Page       *page,
           const char *text,
           double      size,
           gboolean    bold,
           double      grey)
{
  g_autoptr(PangoLayout) layout = mc_chart_layout (page->cr, text, size, bold);
  int width, height;

  pango_layout_set_width (layout, (int) (TEXT_WIDTH * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_size (layout, &width, &height);
  if (page->y + (double) height / PANGO_SCALE > PAGE_HEIGHT - MARGIN && page->y > MARGIN)
    new_page (page);
  cairo_set_source_rgb (page->cr, grey, grey, grey);
  cairo_move_to (page->cr, MARGIN, page->y);
  pango_cairo_show_layout (page->cr, layout);
  page->y += (double) height / PANGO_SCALE + size * 0.5;
  return (double) height / PANGO_SCALE;
}

static void
new_page (Page *page)
{
  cairo_show_page (page->cr);
  page->y = MARGIN;
}

/* Starts a new page unless NEEDED points still fit on this one. */
static void
make_room (Page   *page,
           double  needed)
{
  if (page->y + needed > PAGE_HEIGHT - MARGIN)
    new_page (page);
}

static void
draw_kpi (Page       *page,
          const char *title,
          char       *value,
          double      x,
          double      y)
{
  g_autoptr(McChart) tile = mc_chart_new (MC_CHART_KPI);

  mc_chart_set_title (tile, title, NULL);
  mc_chart_set_kpi (tile, value, NULL);
  cairo_save (page->cr);
  cairo_translate (page->cr, x, y);
  mc_chart_render (tile, page->cr, TEXT_WIDTH / 4 - 8, 86);
  cairo_restore (page->cr);
  g_free (value);
}

static void
key_figures (Page      *page,
             McMetrics *metrics)
{
  const McSalesMetrics *m = &metrics->overall;
  double top = page->y, w = TEXT_WIDTH / 4;

  draw_kpi (page, _("Revenue"), mc_format_value (m->revenue, MC_VALUE_MONEY, 1, FALSE), MARGIN, top);
  draw_kpi (page, _("Orders"), mc_format_value (m->orders, MC_VALUE_COUNT, 1, FALSE), MARGIN + w, top);
  draw_kpi (page, _("Customers"), mc_format_value (m->customers, MC_VALUE_COUNT, 1, FALSE), MARGIN + 2 * w, top);
  draw_kpi (page, _("Average order value"), mc_format_value (m->aov, MC_VALUE_MONEY, 1, FALSE), MARGIN + 3 * w, top);
  draw_kpi (page, _("Customer lifetime value"), mc_format_value (m->clv_historic, MC_VALUE_MONEY, 1, FALSE), MARGIN, top + 94);
  draw_kpi (page, _("Repeat purchase rate"), mc_format_value (m->repeat_purchase_rate, MC_VALUE_PERCENT, 1, FALSE),
            MARGIN + w, top + 94);
  if (metrics->has_visits)
    draw_kpi (page, _("Conversion rate"), mc_format_value (metrics->visits.conversion_rate, MC_VALUE_PERCENT, 1, FALSE),
              MARGIN + 2 * w, top + 94);
  if (m->reviews > 0)
    draw_kpi (page, _("Mean review"), g_strdup_printf ("%.2f", m->review_mean), MARGIN + 3 * w, top + 94);
  page->y = top + 196;
}

static void
title_page (Page        *page,
            McDataset   *dataset,
            McChartData *data,
            const char  *title)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%x");
  g_autofree char *subtitle = g_strdup_printf (_("Mercato report, %s"), today);

  paragraph (page, subtitle, 10, FALSE, 0.4);
  paragraph (page, title, 24, TRUE, 0.1);
  for (guint t = 0; t < mc_dataset_get_n_tables (dataset); t++)
    {
      McTable *table = mc_dataset_get_table (dataset, t);
      g_autofree char *rows = mc_format_grouped (mc_table_get_n_rows (table), 0);
      g_autofree char *line = g_strdup_printf (_("%s: %s rows, %u columns"), mc_table_get_name (table), rows,
                                               mc_table_get_n_columns (table));

      paragraph (page, line, 10, FALSE, 0.25);
    }
  page->y += 12;
  if (mc_chart_data_get_metrics (data) != NULL)
    {
      paragraph (page, _("Key figures"), 14, TRUE, 0.1);
      key_figures (page, mc_chart_data_get_metrics (data));
    }
  if (mc_chart_data_get_platforms (data) != NULL)
    {
      GPtrArray *statements = mc_chart_data_get_platforms (data)->statements;

      paragraph (page, _("Platforms and product types"), 14, TRUE, 0.1);
      for (guint i = 0; i < statements->len; i++)
        paragraph (page, g_ptr_array_index (statements, i), 10, FALSE, 0.2);
    }
}

/* How the figures are computed: every choice of the model that has a
 * value, and what Mercato had to guess, so a reader of the report can
 * trace each figure to its columns. */
static void
model_section (Page      *page,
               McDataset *dataset)
{
  McModel *model = mc_model_for_dataset (dataset);
  const GPtrArray *warnings;
  const McMetrics *metrics;

  if (model == NULL)
    return;
  new_page (page);
  paragraph (page, _("How the figures are computed"), 18, TRUE, 0.1);
  for (guint k = 0; k < MC_MODEL_N_KEYS; k++)
    {
      const McModelChoice *choice = mc_model_get_choice (model, k);
      g_autofree char *line = NULL;

      if (choice->value == NULL)
        continue;
      /* Translators: a choice of the model, its value, why it was made. */
      line = g_strdup_printf (_("%s: %s — %s"), mc_model_key_to_string (k), choice->value,
                              choice->reason != NULL ? choice->reason : "");
      paragraph (page, line, 9, FALSE, 0.2);
    }
  warnings = mc_model_get_warnings (model);
  for (guint i = 0; i < warnings->len; i++)
    paragraph (page, g_ptr_array_index (warnings, i), 9, FALSE, 0.35);
  metrics = mc_analysis_for_dataset (dataset)->metrics;
  for (guint i = 0; metrics != NULL && i < metrics->warnings->len; i++)
    paragraph (page, g_ptr_array_index (metrics->warnings, i), 9, FALSE, 0.35);
}

static void
quality_section (Page      *page,
                 GPtrArray *findings)
{
  guint counts[3] = { 0 };
  g_autofree char *summary = NULL;

  new_page (page);
  for (guint i = 0; i < findings->len; i++)
    counts[((McFinding *) g_ptr_array_index (findings, i))->severity]++;
  paragraph (page, _("Data quality"), 18, TRUE, 0.1);
  summary = g_strdup_printf (_("%u findings: %u errors, %u warnings, %u notes. Each names the table and column, "
                               "how many rows, and what it means."), findings->len, counts[MC_SEVERITY_ERROR],
                             counts[MC_SEVERITY_WARNING], counts[MC_SEVERITY_INFO]);
  paragraph (page, summary, 10, FALSE, 0.3);
  for (guint i = 0; i < findings->len; i++)
    {
      McFinding *finding = g_ptr_array_index (findings, i);
      g_autofree char *columns = g_strjoinv (", ", finding->columns);
      g_autofree char *count = mc_format_grouped (finding->count, 0);
      g_autofree char *line = g_strdup_printf ("%s · %s.%s (%s): %s", mc_severity_to_string (finding->severity),
                                               finding->table, columns, count, finding->message);

      make_room (page, 30);
      paragraph (page, line, 9, FALSE, 0.2);
    }
}

static void
chart_pages (Page        *page,
             McChartData *data)
{
  g_autoptr(GArray) list = mc_chart_data_list (data);

  for (guint i = 0; i < list->len; i++)
    {
      const char *name = g_array_index (list, McChartInfo, i).name;
      g_autoptr(McChart) chart = mc_chart_data_build (data, name, NULL);
      g_autofree char *finding = mc_chart_data_finding (data, name);

      new_page (page);
      cairo_save (page->cr);
      cairo_translate (page->cr, MARGIN, MARGIN);
      mc_chart_render (chart, page->cr, TEXT_WIDTH, PAGE_HEIGHT - 2 * MARGIN - 48);
      cairo_restore (page->cr);
      page->y = PAGE_HEIGHT - MARGIN - 40;
      paragraph (page, finding != NULL ? finding : "", 11, FALSE, 0.15);
    }
}

/* Customers, recency and spending per segment. */
static void
rfm_section (Page        *page,
             McChartData *data)
{
  GArray *rows = mc_chart_data_get_rfm (data);

  if (rows == NULL || rows->len == 0)
    return;
  new_page (page);
  paragraph (page, _("RFM segments"), 18, TRUE, 0.1);
  paragraph (page, _("Customers scored 1 to 5 on recency (days since their last purchase), frequency (their "
                     "orders) and monetary value (what they spent), each against the other customers; segments "
                     "from the recency and frequency scores."), 10, FALSE, 0.3);
  for (guint s = 0; s < MC_RFM_N_SEGMENTS; s++)
    {
      guint customers = 0;
      double recency = 0, monetary = 0;
      g_autofree char *spend = NULL;
      g_autofree char *count = NULL;
      g_autofree char *line = NULL;

      for (guint r = 0; r < rows->len; r++)
        if (g_str_equal (g_array_index (rows, McRfmRow, r).segment, mc_rfm_segment_name (s)))
          {
            customers++;
            recency += g_array_index (rows, McRfmRow, r).recency_days;
            monetary += g_array_index (rows, McRfmRow, r).monetary;
          }
      if (customers == 0)
        continue;
      spend = mc_format_value (monetary / customers, MC_VALUE_MONEY, 1, FALSE);
      count = mc_format_count (customers);
      line = g_strdup_printf (_("%s: %s customers (%.1f %%), last bought %.0f days ago on average, spent %s each"),
                              mc_rfm_segment_title (s), count, 100.0 * customers / rows->len, recency / customers,
                              spend);
      paragraph (page, line, 10, FALSE, 0.2);
    }
}

gboolean
mc_report_write (McDataset   *dataset,
                 GPtrArray   *findings,
                 const char  *title,
                 const char  *path,
                 GError     **error)
{
  g_autoptr(McChartData) data = mc_chart_data_new (dataset);
  g_autofree char *temporary = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  Page page = { NULL, MARGIN };

  if (!mc_output_check_not_source (dataset, path, error) || (temporary = mc_output_reserve (path, error)) == NULL)
    return FALSE;
  surface = cairo_pdf_surface_create (temporary, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Mercato");
  page.cr = cairo_create (surface);
  title_page (&page, dataset, data, title);
  model_section (&page, dataset);
  quality_section (&page, findings);
  chart_pages (&page, data);
  rfm_section (&page, data);
  cairo_show_page (page.cr);
  status = cairo_status (page.cr);
  cairo_destroy (page.cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      mc_chart_export_set_error (error, path, temporary, status);
      g_unlink (temporary);
      return FALSE;
    }
  return mc_output_commit (temporary, path, error);
}
