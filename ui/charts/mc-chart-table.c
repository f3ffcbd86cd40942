/* mc-chart-table.c: a chart's data as rows of text, and in words
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "mc-chart-layer.h"

GPtrArray *
mc_chart_row_new (void)
{
  return g_ptr_array_new_with_free_func (g_free);
}

char *
mc_chart_cell (double value)
{
  return isnan (value) ? g_strdup ("") : g_strdup_printf ("%.10g", value);
}

/* One row per category (or x value), one column per series. */
static void
table_of_series (McChart   *self,
                 GPtrArray *table)
{
  GPtrArray *header = mc_chart_row_new ();
  McChartSeries *first = self->series->len > 0 ? g_ptr_array_index (self->series, 0) : NULL;
  gsize n = first != NULL ? first->n : 0;

  g_ptr_array_add (header, g_strdup (self->x_title != NULL ? self->x_title : ""));
  for (guint s = 0; s < self->series->len; s++)
    g_ptr_array_add (header, g_strdup (((McChartSeries *) g_ptr_array_index (self->series, s))->name));
  g_ptr_array_add (table, header);
  for (gsize i = 0; i < n; i++)
    {
      GPtrArray *row = mc_chart_row_new ();

      /* Days as ISO dates: "1 Jan", as the axis shows them, loses the
       * year, and a spreadsheet reads the ISO form as a date. */
      if (first->x != NULL && self->x_format == MC_VALUE_DAY && isfinite (first->x[i]))
        {
          char day[16];

          mc_format_date ((gint32) floor (first->x[i]), day);
          g_ptr_array_add (row, g_strdup (day));
        }
      else if (first->x != NULL)
        g_ptr_array_add (row, mc_chart_cell (first->x[i]));
      else
        g_ptr_array_add (row, g_strdup (mc_chart_get_category (self, i) != NULL ? mc_chart_get_category (self, i) : ""));
      for (guint s = 0; s < self->series->len; s++)
        {
          McChartSeries *series = g_ptr_array_index (self->series, s);

          g_ptr_array_add (row, i < series->n ? mc_chart_cell (series->y[i]) : g_strdup (""));
        }
      g_ptr_array_add (table, row);
    }
}

GPtrArray *
mc_chart_to_table (McChart *self)
{
  GPtrArray *table = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  g_return_val_if_fail (MC_IS_CHART (self), NULL);

  if (self->layer->to_table != NULL)
    self->layer->to_table (self, table);
  else
    table_of_series (self, table);
  return table;
}

McValueFormat
mc_chart_get_column_format (McChart *self,
                            guint    column)
{
  McChartSeries *first;

  g_return_val_if_fail (MC_IS_CHART (self), MC_VALUE_NUMBER);

  if (column > 0)
    return self->y_format;
  first = self->series->len > 0 ? g_ptr_array_index (self->series, 0) : NULL;
  /* The x of a series over days; a heat map's or box plot's first
   * column is its labels. */
  if (self->x_format == MC_VALUE_DAY && first != NULL && first->x != NULL
      && self->layer->to_table == NULL)
    return MC_VALUE_DAY;
  return self->x_format == MC_VALUE_DAY ? MC_VALUE_NUMBER : self->x_format;
}

char *
mc_chart_describe (McChart *self)
{
  double low, high;
  GString *text = g_string_new (self->layer->name != NULL ? _(self->layer->name) : "");

  g_return_val_if_fail (MC_IS_CHART (self), NULL);

  if (self->title != NULL)
    g_string_append_printf (text, _(" of %s"), self->title);
  g_string_append (text, ".");
  if (self->kpi_value != NULL)
    g_string_append_printf (text, " %s.", self->kpi_value);
  if (self->series->len > 0 && !self->layer->samples && mc_chart_value_range (self, &low, &high))
    {
      g_autofree char *from = mc_format_value (low, self->y_format, 0.01, FALSE);
      g_autofree char *to = mc_format_value (high, self->y_format, 0.01, FALSE);

      g_string_append_printf (text, _(" %u series; values from %s to %s."), self->series->len, from, to);
    }
  if (self->categories->len > 0)
    g_string_append_printf (text, _(" %u categories, from %s to %s."), self->categories->len,
                            (char *) g_ptr_array_index (self->categories, 0),
                            (char *) g_ptr_array_index (self->categories, self->categories->len - 1));
  return g_string_free (text, FALSE);
}
