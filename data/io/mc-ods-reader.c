/* mc-ods-reader.c: the sheets of an OpenDocument spreadsheet (.ods)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-ods-reader"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mc-workbook-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McPart, mc_part_free)

/* LibreOffice writes a run of identical rows or cells once with a repeat
 * count, and ends sheets with a million repeated empty rows: only cells
 * with a value are ever repeated, and never wider than a sheet. */
#define MAX_COLUMNS 16384

typedef enum
{
  VALUE_NONE,
  VALUE_TEXT,
  VALUE_NUMBER,
  VALUE_DATE,
  VALUE_TIME,
  VALUE_BOOLEAN,
} ValueKind;

typedef struct
{
  guint      column;
  guint      repeat;
  ValueKind  kind;
  char      *value;   /* office:value, office:date-value, …, or the text */
} Cell;

static void
cell_clear (gpointer data)
{
  g_free (((Cell *) data)->value);
}

/* The document is encrypted when its manifest says how. */
static gboolean
check_not_encrypted (McWorkbook *workbook,
                     GError    **error)
{
  g_autoptr(McPart) part = mc_part_open (workbook, "META-INF/manifest.xml", FALSE, NULL);
  gboolean at_end;

  while (part != NULL && mc_part_next (part, &at_end, NULL))
    if (mc_part_is_start (part, "encryption-data"))
      {
        g_set_error_literal (error, MC_WORKBOOK_ERROR, MC_WORKBOOK_ERROR_ENCRYPTED,
                             _("the spreadsheet is protected by a password; open it in LibreOffice, "
                               "save a copy without the password and open that"));
        g_prefix_error (error, "%s: ", workbook->path);
        return FALSE;
      }
  return TRUE;
}

/* "PT10H30M05S" → "10:30:05". */
static char *
duration_to_time (const char *iso)
{
  guint64 hours = 0, minutes = 0;
  double seconds = 0;
  const char *p = iso;
  char *end;

  if (!g_str_has_prefix (p, "PT"))
    return g_strdup (iso);
  for (p += 2; *p != '\0'; p = end + 1)
    {
      double value = g_ascii_strtod (p, &end);

      if (end == p || *end == '\0')
        return g_strdup (iso);
      if (*end == 'H')
        hours = (guint64) value;
      else if (*end == 'M')
        minutes = (guint64) value;
      else if (*end == 'S')
        seconds = value;
    }
  return g_strdup_printf ("%02" G_GUINT64_FORMAT ":%02" G_GUINT64_FORMAT ":%02d",
                          hours, minutes, (int) (seconds + 0.5));
}

static void
start_cell (McPart *part,
            Cell   *cell)
{
  g_autofree char *type = mc_part_get_attribute (part, "value-type");
  g_autofree char *repeat = mc_part_get_attribute (part, "number-columns-repeated");

  cell->repeat = repeat != NULL ? CLAMP (g_ascii_strtoull (repeat, NULL, 10), 1, MAX_COLUMNS) : 1;
  cell->kind = VALUE_NONE;
  if (type == NULL || g_str_equal (type, "string"))
    return;
  if (g_str_equal (type, "float") || g_str_equal (type, "percentage") || g_str_equal (type, "currency"))
    cell->kind = VALUE_NUMBER, cell->value = mc_part_get_attribute (part, "value");
  else if (g_str_equal (type, "date"))
    cell->kind = VALUE_DATE, cell->value = mc_part_get_attribute (part, "date-value");
  else if (g_str_equal (type, "time"))
    {
      g_autofree char *iso = mc_part_get_attribute (part, "time-value");

      cell->kind = VALUE_TIME;
      cell->value = iso != NULL ? duration_to_time (iso) : NULL;
    }
  else if (g_str_equal (type, "boolean"))
    cell->kind = VALUE_BOOLEAN, cell->value = mc_part_get_attribute (part, "boolean-value");
  if (cell->value == NULL)
    cell->kind = VALUE_NONE;
}

/* The cell's paragraphs, one per line, with OpenDocument's spaces and
 * tabs; comments (office:annotation) are not the cell's value. */
static gboolean
read_cell_text (McPart   *part,
                GString  *text,
                GError  **error)
{
  gboolean at_end, first_paragraph = TRUE;

  if (xmlTextReaderIsEmptyElement (part->reader))
    return TRUE;
  while (mc_part_next (part, &at_end, error))
    {
      int type = xmlTextReaderNodeType (part->reader);

      if (mc_part_skipping (part))
        continue;
      if (mc_part_is_end (part, "table-cell") || mc_part_is_end (part, "covered-table-cell"))
        return TRUE;
      if (mc_part_is_start (part, "annotation"))
        mc_part_skip (part);
      else if (mc_part_is_start (part, "p"))
        {
          if (!first_paragraph)
            g_string_append_c (text, '\n');
          first_paragraph = FALSE;
        }
      else if (mc_part_is_start (part, "s"))
        {
          g_autofree char *count = mc_part_get_attribute (part, "c");

          for (guint64 n = count != NULL ? MIN (g_ascii_strtoull (count, NULL, 10), 1000) : 1; n > 0; n--)
            g_string_append_c (text, ' ');
        }
      else if (mc_part_is_start (part, "tab"))
        g_string_append_c (text, '\t');
      else if (mc_part_is_start (part, "line-break"))
        g_string_append_c (text, '\n');
      else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE)
        g_string_append (text, (const char *) xmlTextReaderConstValue (part->reader));
    }
  return FALSE;
}

static void
add_cell (McSheetBuilder *builder,
          const Cell     *cell)
{
  for (guint k = 0; k < cell->repeat && cell->column + k < MAX_COLUMNS; k++)
    switch (cell->kind)
      {
      case VALUE_TEXT:
      case VALUE_TIME:
        mc_sheet_builder_add_text (builder, cell->column + k, cell->value);
        break;
      case VALUE_NUMBER:
        mc_sheet_builder_add_number (builder, cell->column + k, g_ascii_strtod (cell->value, NULL));
        break;
      case VALUE_DATE:
        mc_sheet_builder_add_iso_date (builder, cell->column + k, cell->value);
        break;
      case VALUE_BOOLEAN:
        mc_sheet_builder_add_boolean (builder, cell->column + k, g_str_equal (cell->value, "true"));
        break;
      case VALUE_NONE:
      default:
        break;
      }
}

typedef struct
{
  McWorkbook     *workbook;
  McPart         *part;
  McSheetBuilder *builder;
  guint32         row;     /* rows of the sheet read so far */
  GArray         *cells;   /* Cell: the row being read */
  guint           column;
} Sheet;

static gboolean
read_cell (Sheet   *sheet,
           GError **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *columns_spanned = mc_part_get_attribute (sheet->part, "number-columns-spanned");
  g_autofree char *rows_spanned = mc_part_get_attribute (sheet->part, "number-rows-spanned");
  Cell cell = { sheet->column };

  start_cell (sheet->part, &cell);
  if (columns_spanned != NULL || rows_spanned != NULL)
    mc_sheet_builder_add_merge (sheet->builder, sheet->row + 1, sheet->column,
                                rows_spanned != NULL ? g_ascii_strtoull (rows_spanned, NULL, 10) : 1,
                                columns_spanned != NULL ? g_ascii_strtoull (columns_spanned, NULL, 10) : 1);
  if (!read_cell_text (sheet->part, text, error))
    {
      cell_clear (&cell);
      return FALSE;
    }
  if (cell.kind == VALUE_NONE && text->len > 0)
    cell.kind = VALUE_TEXT, cell.value = g_strdup (text->str);
  sheet->column = MIN (sheet->column + cell.repeat, MAX_COLUMNS);
  if (cell.kind == VALUE_NONE)
    cell_clear (&cell);
  else
    g_array_append_val (sheet->cells, cell);
  return TRUE;
}

/* Emits the row as many times as it is repeated; empty rows only move
 * the row number on. */
static void
end_row (Sheet  *sheet,
         guint32 repeat)
{
  if (sheet->cells->len == 0)
    repeat = MIN (repeat, 1);
  for (guint32 k = 0; k < repeat; k++)
    {
      mc_sheet_builder_begin_row (sheet->builder, sheet->row + 1 + k);
      for (guint i = 0; i < sheet->cells->len; i++)
        add_cell (sheet->builder, &g_array_index (sheet->cells, Cell, i));
      mc_sheet_builder_end_row (sheet->builder);
    }
  sheet->row += repeat;
  g_array_set_size (sheet->cells, 0);
}

static gboolean
read_table (McWorkbook  *workbook,
            McPart      *part,
            GError     **error)
{
  g_autofree char *name = mc_part_get_attribute (part, "name");
  g_autoptr(GArray) cells = g_array_new (FALSE, TRUE, sizeof (Cell));
  Sheet sheet = { workbook, part, NULL, 0, cells, 0 };
  gboolean at_end = FALSE, ok = TRUE;
  guint32 repeat = 1;

  g_array_set_clear_func (cells, cell_clear);
  sheet.builder = mc_sheet_builder_new (workbook, name != NULL ? name : "sheet");
  while (ok && (ok = mc_part_next (part, &at_end, error)))
    {
      if (mc_part_is_end (part, "table"))
        break;
      if (mc_part_is_start (part, "table-row"))
        {
          g_autofree char *repeated = mc_part_get_attribute (part, "number-rows-repeated");

          repeat = repeated != NULL ? CLAMP (g_ascii_strtoull (repeated, NULL, 10), 1, G_MAXUINT32 / 2) : 1;
          sheet.column = 0;
          if ((sheet.row & 4095) == 0 && g_cancellable_set_error_if_cancelled (workbook->cancellable, error))
            ok = FALSE;
        }
      if (mc_part_is_end (part, "table-row"))
        end_row (&sheet, repeat);
      else if (mc_part_is_start (part, "table-cell") || mc_part_is_start (part, "covered-table-cell"))
        ok = read_cell (&sheet, error);
    }
  if (ok)
    mc_sheet_builder_finish (sheet.builder);
  mc_sheet_builder_free (sheet.builder);
  return ok;
}

gboolean
mc_ods_read (McWorkbook *workbook,
             GError    **error)
{
  g_autoptr(McPart) part = NULL;
  gboolean at_end = FALSE;

  if (!check_not_encrypted (workbook, error))
    return FALSE;
  if ((part = mc_part_open (workbook, "content.xml", TRUE, error)) == NULL)
    return FALSE;
  while (mc_part_next (part, &at_end, error))
    if (mc_part_is_start (part, "table") && !xmlTextReaderIsEmptyElement (part->reader)
        && !read_table (workbook, part, error))
      return FALSE;
  return at_end;
}
