/* mc-sheet-builder.c: one sheet's cells into a table, through the CSV
 * reader's column typing
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-sheet-builder"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mc-workbook-private.h"

/* Rows kept aside until the sheet ends, because .xlsx lists merged cells
 * after the data: the header is chosen among them once merges are known.
 * Later rows go straight into the column builders. */
#define HEAD_ROWS 16
/* Excel's widest sheet; a cell further right is a damaged reference. */
#define MAX_COLUMNS 16384

typedef struct
{
  guint32     row;
  GPtrArray  *cells;   /* char *, NULL where empty */
  GByteArray *typed;   /* TRUE where the file typed the cell (not text) */
} HeadRow;

typedef struct
{
  guint32 row;
  guint   column;
  guint32 n_rows;
  guint   n_columns;
} Merge;

struct _McSheetBuilder
{
  McWorkbook *workbook;
  char       *name;
  GArray     *head;        /* HeadRow */
  GPtrArray  *body;        /* McChunkColumn *, one per column */
  GArray     *body_rows;   /* guint32: the sheet row of each body row */
  GArray     *merges;      /* Merge */

  /* The row being read. */
  guint32     row;
  GPtrArray  *cells;
  GByteArray *typed;
  guint       n_values;
};

static void
head_row_clear (gpointer data)
{
  HeadRow *head = data;

  g_clear_pointer (&head->cells, g_ptr_array_unref);
  g_clear_pointer (&head->typed, g_byte_array_unref);
}

static void
chunk_column_free (gpointer data)
{
  mc_chunk_column_clear (data);
  g_free (data);
}

static void
start_cells (McSheetBuilder *builder)
{
  builder->cells = g_ptr_array_new_with_free_func (g_free);
  builder->typed = g_byte_array_new ();
  builder->n_values = 0;
}

McSheetBuilder *
mc_sheet_builder_new (McWorkbook *workbook,
                      const char *sheet_name)
{
  McSheetBuilder *builder = g_new0 (McSheetBuilder, 1);

  builder->workbook = workbook;
  builder->name = g_strdup (sheet_name);
  builder->head = g_array_new (FALSE, TRUE, sizeof (HeadRow));
  g_array_set_clear_func (builder->head, head_row_clear);
  builder->body = g_ptr_array_new_with_free_func (chunk_column_free);
  builder->body_rows = g_array_new (FALSE, FALSE, sizeof (guint32));
  builder->merges = g_array_new (FALSE, FALSE, sizeof (Merge));
  start_cells (builder);
  return builder;
}

void
mc_sheet_builder_free (McSheetBuilder *builder)
{
  if (builder == NULL)
    return;
  g_free (builder->name);
  g_array_unref (builder->head);
  g_ptr_array_unref (builder->body);
  g_array_unref (builder->body_rows);
  g_array_unref (builder->merges);
  g_clear_pointer (&builder->cells, g_ptr_array_unref);
  g_clear_pointer (&builder->typed, g_byte_array_unref);
  g_free (builder);
}

void
mc_sheet_builder_begin_row (McSheetBuilder *builder,
                            guint32         row)
{
  builder->row = row;
}

static void
set_cell (McSheetBuilder *builder,
          guint           column,
          char           *text,
          gboolean        typed)
{
  if (column >= MAX_COLUMNS || text[0] == '\0')
    {
      g_free (text);
      return;
    }
  if (column >= builder->cells->len)
    {
      g_ptr_array_set_size (builder->cells, column + 1);
      g_byte_array_set_size (builder->typed, column + 1);
    }
  if (g_ptr_array_index (builder->cells, column) == NULL)
    builder->n_values++;
  g_free (g_ptr_array_index (builder->cells, column));
  g_ptr_array_index (builder->cells, column) = text;
  builder->typed->data[column] = typed;
}

void
mc_sheet_builder_add_text (McSheetBuilder *builder,
                           guint           column,
                           const char     *text)
{
  set_cell (builder, column, g_strdup (text), FALSE);
}

/* As a spreadsheet shows a number in General format: whole numbers
 * without a decimal point, others to the 15 significant digits a
 * spreadsheet keeps, so that 0.1 + 0.2 reads 0.3 as in a CSV export. */
void
mc_sheet_builder_add_number (McSheetBuilder *builder,
                             guint           column,
                             double          value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    return;
  if (value == floor (value) && fabs (value) < 1e15)
    g_snprintf (buffer, sizeof buffer, "%.0f", value == 0 ? 0.0 : value);
  else
    g_ascii_formatd (buffer, sizeof buffer, "%.15g", value);
  set_cell (builder, column, g_strdup (buffer), TRUE);
}

void
mc_sheet_builder_add_serial_date (McSheetBuilder *builder,
                                  guint           column,
                                  double          serial,
                                  gboolean        time_only)
{
  g_autoptr(GDateTime) epoch = g_date_time_new_utc (1899, 12, 30, 0, 0, 0);
  g_autoptr(GDateTime) when = NULL;
  gint64 days, millis;
  char *text;

  if (!isfinite (serial) || serial < -693593 || serial > 2958465)   /* years 1 to 9999 */
    {
      mc_sheet_builder_add_number (builder, column, serial);
      return;
    }
  /* Spreadsheets store times as fractions of a day; 10:00 is
   * 0.41666…, so round to the millisecond they can show. */
  days = (gint64) floor (serial);
  millis = llround ((serial - days) * 86400000.0);
  if (millis >= 86400000)
    days++, millis -= 86400000;
  when = g_date_time_add (epoch, days * G_TIME_SPAN_DAY + millis * 1000);
  if (time_only)
    text = g_date_time_format (when, "%H:%M:%S");
  else if (millis == 0)
    text = g_date_time_format (when, "%Y-%m-%d");
  else if (millis % 1000 == 0)
    text = g_date_time_format (when, "%Y-%m-%d %H:%M:%S");
  else
    {
      g_autofree char *seconds = g_date_time_format (when, "%Y-%m-%d %H:%M:%S");

      text = g_strdup_printf ("%s.%03d", seconds, (int) (millis % 1000));
    }
  set_cell (builder, column, text, TRUE);
}

void
mc_sheet_builder_add_iso_date (McSheetBuilder *builder,
                               guint           column,
                               const char     *iso)
{
  char *text = g_strdup (iso);
  char *t = strchr (text, 'T');

  if (t != NULL)
    {
      *t = ' ';
      /* Midnight is a plain date, as in the .xlsx reader. */
      if (g_str_equal (t, " 00:00:00"))
        *t = '\0';
    }
  set_cell (builder, column, text, TRUE);
}

void
mc_sheet_builder_add_boolean (McSheetBuilder *builder,
                              guint           column,
                              gboolean        value)
{
  set_cell (builder, column, g_strdup (value ? "true" : "false"), TRUE);
}

void
mc_sheet_builder_add_merge (McSheetBuilder *builder,
                            guint32         row,
                            guint           column,
                            guint32         n_rows,
                            guint           n_columns)
{
  Merge merge = { row, column, n_rows, n_columns };

  if (n_rows > 1 || n_columns > 1)
    g_array_append_val (builder->merges, merge);
}

static McChunkColumn *
new_body_column (McSheetBuilder *builder)
{
  McChunkColumn *column = g_new0 (McChunkColumn, 1);

  mc_chunk_column_init_text (column, MAX (builder->body_rows->len, 1024));
  /* Rows read before the column's first value are empty in it. */
  for (guint r = 0; r < builder->body_rows->len; r++)
    mc_chunk_column_append_text (column, "");
  return column;
}

static void
append_body_row (McSheetBuilder *builder)
{
  guint n = MAX (builder->cells->len, builder->body->len);

  for (guint c = 0; c < n; c++)
    {
      const char *text = c < builder->cells->len ? g_ptr_array_index (builder->cells, c) : NULL;

      if (c >= builder->body->len)
        g_ptr_array_add (builder->body, new_body_column (builder));
      mc_chunk_column_append_text (g_ptr_array_index (builder->body, c), text != NULL ? text : "");
    }
  g_array_append_val (builder->body_rows, builder->row);
}

/* Rows without a value (spacers, formatting only) are left out. */
void
mc_sheet_builder_end_row (McSheetBuilder *builder)
{
  if (builder->n_values > 0 && builder->head->len < HEAD_ROWS)
    {
      HeadRow head = { builder->row, builder->cells, builder->typed };

      g_array_append_val (builder->head, head);
      start_cells (builder);
      return;
    }
  if (builder->n_values > 0)
    append_body_row (builder);
  g_ptr_array_set_size (builder->cells, 0);
  g_byte_array_set_size (builder->typed, 0);
  builder->n_values = 0;
}

static const char *
head_cell (const HeadRow *head,
           guint          column)
{
  return column < head->cells->len ? g_ptr_array_index (head->cells, column) : NULL;
}

static guint
count_values (const HeadRow *head)
{
  guint n = 0;

  for (guint c = 0; c < head->cells->len; c++)
    n += g_ptr_array_index (head->cells, c) != NULL;
  return n;
}

/* A header names columns: it has text, and no cell the file typed as a
 * number, date or boolean. */
static gboolean
is_header_row (const HeadRow *head)
{
  gboolean text = FALSE;

  for (guint c = 0; c < head->cells->len; c++)
    {
      if (g_ptr_array_index (head->cells, c) == NULL)
        continue;
      if (head->typed->data[c])
        return FALSE;
      text = TRUE;
    }
  return text;
}

static const Merge *
find_merge (McSheetBuilder *builder,
            guint32         row,
            guint           column)
{
  for (guint i = 0; i < builder->merges->len; i++)
    {
      const Merge *merge = &g_array_index (builder->merges, Merge, i);

      if (row >= merge->row && row < merge->row + merge->n_rows
          && column >= merge->column && column < merge->column + merge->n_columns)
        return merge;
    }
  return NULL;
}

/* The header's names; a merged cell names every column it spans. When
 * the header has cells merged across columns and the row below is text
 * too, that row holds the names under each group and the two combine
 * ("Customer" over "id" and "email" gives "Customer id", "Customer
 * email"). Returns how many rows the header takes. */
static guint
header_names (McSheetBuilder *builder,
              guint           first,
              guint           n_columns,
              GPtrArray      *names)
{
  const HeadRow *top = &g_array_index (builder->head, HeadRow, first);
  const HeadRow *sub = first + 1 < builder->head->len ? &g_array_index (builder->head, HeadRow, first + 1) : NULL;
  gboolean grouped = FALSE;

  for (guint c = 0; c < n_columns; c++)
    {
      const Merge *merge = find_merge (builder, top->row, c);
      const char *name = merge != NULL ? head_cell (top, merge->column) : head_cell (top, c);

      g_ptr_array_add (names, g_strdup (name != NULL ? name : ""));
      grouped |= merge != NULL && merge->n_columns > 1;
    }
  if (!grouped || sub == NULL || !is_header_row (sub))
    return 1;

  for (guint c = 0; c < n_columns; c++)
    {
      const Merge *merge = find_merge (builder, top->row, c);
      const char *below = head_cell (sub, c);
      char *name = g_ptr_array_index (names, c);

      if (below == NULL || (merge != NULL && merge->row + merge->n_rows > sub->row))
        continue;   /* merged down over the second row: one name */
      g_ptr_array_index (names, c) = merge != NULL && merge->n_columns > 1 && name[0] != '\0'
                                   ? g_strdup_printf ("%s %s", name, below)
                                   : g_strdup (below);
      g_free (name);
    }
  return 2;
}

static void
append_head_rows (McSheetBuilder *builder,
                  McChunkColumn  *columns,
                  guint           n_columns,
                  guint           from,
                  GArray         *lines)
{
  for (guint r = from; r < builder->head->len; r++)
    {
      const HeadRow *head = &g_array_index (builder->head, HeadRow, r);

      for (guint c = 0; c < n_columns; c++)
        {
          const char *text = head_cell (head, c);

          mc_chunk_column_append_text (&columns[c], text != NULL ? text : "");
        }
      g_array_append_val (lines, head->row);
    }
}

static void
append_body_rows (McSheetBuilder *builder,
                  McChunkColumn  *columns,
                  guint           n_columns,
                  GArray         *lines)
{
  for (guint c = 0; c < n_columns; c++)
    {
      if (c < builder->body->len)
        mc_chunk_column_merge (&columns[c], g_ptr_array_index (builder->body, c));
      else
        for (guint r = 0; r < builder->body_rows->len; r++)
          mc_chunk_column_append_text (&columns[c], "");
    }
  g_array_append_vals (lines, builder->body_rows->data, builder->body_rows->len);
}

/* Skips title rows: one value alone above a table of several columns
 * ("Sales report 2023", often merged across the table). */
static guint
skip_titles (McSheetBuilder *builder,
             guint           n_columns,
             GPtrArray      *notes)
{
  guint first = 0;

  while (n_columns >= 2 && first + 1 < builder->head->len
         && count_values (&g_array_index (builder->head, HeadRow, first)) == 1)
    {
      const HeadRow *title = &g_array_index (builder->head, HeadRow, first);

      for (guint c = 0; c < title->cells->len; c++)
        if (head_cell (title, c) != NULL)
          /* Translators: a note on a table; %u is a row number, %s the text left out. */
          g_ptr_array_add (notes, g_strdup_printf (_("row %u (“%s”) is a title above the table and was left out"),
                                                   title->row, head_cell (title, c)));
      first++;
    }
  return first;
}

static McTable *
build_table (McSheetBuilder *builder)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autofree McChunkColumn *columns = NULL;
  g_auto(GStrv) unique = NULL;
  McTable *table;
  guint n_columns = builder->body->len, first, data_from;
  gboolean has_header;

  for (guint r = 0; r < builder->head->len; r++)
    n_columns = MAX (n_columns, g_array_index (builder->head, HeadRow, r).cells->len);
  first = skip_titles (builder, n_columns, notes);
  has_header = is_header_row (&g_array_index (builder->head, HeadRow, first));
  data_from = first;
  if (has_header)
    data_from += header_names (builder, first, n_columns, names);
  if (data_from - first == 2)
    /* Translators: a note on a table; %u are row numbers of the sheet. */
    g_ptr_array_add (notes, g_strdup_printf (_("the header is rows %u and %u (merged group names above column names)"),
                                             g_array_index (builder->head, HeadRow, first).row,
                                             g_array_index (builder->head, HeadRow, first + 1).row));
  unique = mc_csv_column_names (has_header ? names : NULL, n_columns);

  columns = g_new0 (McChunkColumn, n_columns);
  for (guint c = 0; c < n_columns; c++)
    mc_chunk_column_init_text (&columns[c], builder->body_rows->len + HEAD_ROWS);
  append_head_rows (builder, columns, n_columns, data_from, lines);
  append_body_rows (builder, columns, n_columns, lines);

  table = mc_table_new (builder->name, builder->workbook->path);
  for (guint c = 0; c < n_columns; c++)
    {
      gboolean unnamed = !has_header || ((const char *) g_ptr_array_index (names, c))[0] == '\0';

      /* A column with neither name nor value is formatting, not data. */
      if (!(unnamed && columns[c].n_missing == columns[c].n))
        {
          McColumn *column = mc_csv_finish_strings (&columns[c], unique[c], notes);

          mc_table_add_column (table, column);
          mc_column_unref (column);
        }
      mc_chunk_column_clear (&columns[c]);
    }
  mc_table_set_row_lines (table, (guint32 *) g_array_steal (lines, NULL), builder->head->len - data_from + builder->body_rows->len);
  mc_table_set_has_header (table, has_header);
  for (guint i = 0; i < notes->len; i++)
    mc_table_add_note (table, g_ptr_array_index (notes, i));
  return table;
}

void
mc_sheet_builder_finish (McSheetBuilder *builder)
{
  if (builder->n_values > 0)
    mc_sheet_builder_end_row (builder);
  if (builder->head->len == 0)
    {
      g_debug ("%s: sheet %s has no data", builder->workbook->path, builder->name);
      return;
    }
  g_ptr_array_add (builder->workbook->tables, build_table (builder));
}
