/* mc-xlsx-writer.c: a table as an .xlsx workbook, with libxlsxwriter
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-xlsx-writer"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "mc-csv-reader.h"
#include "mc-xlsx-writer.h"

/* 1970-01-01 in spreadsheet days (since 1899-12-30). */
#define UNIX_EPOCH_SERIAL 25569.0
/* A worksheet's rows, the header's included. */
#define MAX_ROWS 1048576

typedef struct
{
  lxw_format *header;
  lxw_format *date;
  lxw_format *datetime;
  lxw_format *money;
  lxw_format *integer;
} Formats;

gboolean
mc_xlsx_path_is_workbook (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, ".xlsx");
}

/* Money is what the roles call an amount or a price, or what is named
 * like one in tables no role was inferred for (RFM's monetary). */
static gboolean
is_money (const McColumn *column)
{
  static const char *words[] = { "price", "amount", "revenue", "monetary", "total", "cost", "sales", "aov", "clv", "spend", NULL };
  g_autofree char *lower = g_ascii_strdown (column->name, -1);

  if (column->type != MC_COLUMN_TYPE_NUMBER && column->type != MC_COLUMN_TYPE_INTEGER)
    return FALSE;
  if (column->role == MC_ROLE_AMOUNT || column->role == MC_ROLE_LIST_PRICE)
    return TRUE;
  for (guint i = 0; words[i] != NULL; i++)
    if (strstr (lower, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

static lxw_format *
column_format (const McColumn *column,
               const Formats  *formats)
{
  if (is_money (column))
    return formats->money;
  switch (column->type)
    {
    case MC_COLUMN_TYPE_DATE: return formats->date;
    case MC_COLUMN_TYPE_DATETIME: return formats->datetime;
    case MC_COLUMN_TYPE_INTEGER: return formats->integer;
    default: return NULL;
    }
}

/* Text is always a string cell: libxlsxwriter never turns "=1+1",
 * "+33…", "-x" or "@x" into a formula, so a spreadsheet shows them as
 * they are instead of running them. */
static lxw_error
write_cell (lxw_worksheet  *sheet,
            lxw_row_t       row,
            lxw_col_t       col,
            const McColumn *column,
            gsize           r,
            lxw_format     *format)
{
  g_autofree char *text = NULL;

  if (mc_column_is_missing (column, r))
    return LXW_NO_ERROR;
  switch (column->type)
    {
    case MC_COLUMN_TYPE_INTEGER:
      return worksheet_write_number (sheet, row, col, (double) column->v.i64[r], format);
    case MC_COLUMN_TYPE_NUMBER:
      return worksheet_write_number (sheet, row, col, column->v.f64[r], format);
    case MC_COLUMN_TYPE_DATE:
      return worksheet_write_number (sheet, row, col, column->v.days[r] + UNIX_EPOCH_SERIAL, format);
    case MC_COLUMN_TYPE_DATETIME:
      return worksheet_write_number (sheet, row, col, column->v.i64[r] / (double) G_TIME_SPAN_DAY + UNIX_EPOCH_SERIAL, format);
    case MC_COLUMN_TYPE_BOOLEAN:
      return worksheet_write_boolean (sheet, row, col, column->v.bools[r], format);
    case MC_COLUMN_TYPE_CATEGORY:
    case MC_COLUMN_TYPE_IDENTIFIER:
    case MC_COLUMN_TYPE_TEXT:
    default:
      text = mc_column_format_value (column, r);
      return text != NULL ? worksheet_write_string (sheet, row, col, text, NULL) : LXW_NO_ERROR;
    }
}

/* Excel refuses sheet names longer than 31 characters or with []:*?/\ . */
static char *
sheet_name (McTable *table)
{
  GString *name = g_string_new (NULL);

  for (const char *p = mc_table_get_name (table); *p != '\0' && g_utf8_strlen (name->str, -1) < 31; p = g_utf8_next_char (p))
    {
      if (strchr ("[]:*?/\\", *p) != NULL)
        g_string_append_c (name, '_');
      else
        g_string_append_unichar (name, g_utf8_get_char (p));
    }
  if (name->len == 0)
    g_string_append (name, "data");
  return g_string_free (name, FALSE);
}

static void
add_formats (lxw_workbook *workbook,
             Formats      *formats)
{
  formats->header = workbook_add_format (workbook);
  format_set_bold (formats->header);
  formats->date = workbook_add_format (workbook);
  format_set_num_format (formats->date, "yyyy-mm-dd");
  formats->datetime = workbook_add_format (workbook);
  format_set_num_format (formats->datetime, "yyyy-mm-dd hh:mm:ss");
  formats->money = workbook_add_format (workbook);
  format_set_num_format (formats->money, "#,##0.00");
  formats->integer = workbook_add_format (workbook);
  format_set_num_format (formats->integer, "0");
}

static lxw_error
write_sheet (lxw_worksheet *sheet,
             McTable       *table,
             const Formats *formats)
{
  guint n_columns = mc_table_get_n_columns (table);
  gsize n_rows = mc_table_get_n_rows (table);
  g_autofree lxw_format **column_formats = g_new0 (lxw_format *, MAX (n_columns, 1));
  lxw_error status = LXW_NO_ERROR;

  for (guint c = 0; c < n_columns && status == LXW_NO_ERROR; c++)
    {
      McColumn *column = mc_table_get_column (table, c);

      column_formats[c] = column_format (column, formats);
      worksheet_set_column (sheet, c, c, MAX (10, MIN (40, strlen (column->name) + 4)), NULL);
      status = worksheet_write_string (sheet, 0, c, column->name, formats->header);
    }
  /* Row by row: constant-memory mode streams rows to disk in order. */
  for (gsize r = 0; r < n_rows && status == LXW_NO_ERROR; r++)
    for (guint c = 0; c < n_columns && status == LXW_NO_ERROR; c++)
      status = write_cell (sheet, r + 1, c, mc_table_get_column (table, c), r, column_formats[c]);
  if (status == LXW_NO_ERROR && n_columns > 0)
    status = worksheet_autofilter (sheet, 0, 0, n_rows, n_columns - 1);
  return status;
}

gboolean
mc_xlsx_write (McTable     *table,
               const char  *path,
               GError     **error)
{
  g_autofree char *temp = NULL, *name = NULL, *dir = NULL;
  lxw_workbook_options options = { .constant_memory = LXW_TRUE };
  lxw_workbook *workbook;
  lxw_worksheet *sheet;
  Formats formats;
  lxw_error status;
  int fd;

  g_return_val_if_fail (MC_IS_TABLE (table), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (mc_table_get_n_rows (table) >= MAX_ROWS)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   /* Translators: %s is a file name, the numbers are row counts. */
                   _("%s: the table has %" G_GSIZE_FORMAT " rows and a worksheet holds %d below its header; save it as CSV instead"),
                   path, mc_table_get_n_rows (table), MAX_ROWS - 1);
      return FALSE;
    }
  /* A temporary file beside PATH, so that the rename stays on one file
   * system and cannot leave half a workbook under PATH. */
  dir = g_path_get_dirname (path);
  temp = g_build_filename (dir, ".mercato-XXXXXX.xlsx", NULL);
  if ((fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, 0644)) < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   /* Translators: %s is a folder, then the reason. */
                   _("%s: cannot write there: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);

  workbook = workbook_new_opt (temp, &options);
  name = sheet_name (table);
  sheet = workbook != NULL ? workbook_add_worksheet (workbook, name) : NULL;
  if (sheet == NULL)
    status = LXW_ERROR_MEMORY_MALLOC_FAILED;
  else
    {
      add_formats (workbook, &formats);
      worksheet_freeze_panes (sheet, 1, 0);
      status = write_sheet (sheet, table, &formats);
    }
  if (workbook != NULL)
    {
      lxw_error closed = workbook_close (workbook);

      status = status != LXW_NO_ERROR ? status : closed;
    }
  if (status != LXW_NO_ERROR || g_rename (temp, path) != 0)
    {
      int saved_errno = errno;

      g_unlink (temp);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   /* Translators: %s is a file name, then the reason. */
                   _("%s: cannot write the workbook: %s"), path,
                   status != LXW_NO_ERROR ? lxw_strerror (status) : g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

gboolean
mc_xlsx_write_from_csv (const char  *csv_path,
                        const char  *path,
                        GError     **error)
{
  g_autoptr(McTable) table = NULL;
  g_autofree char *base = g_path_get_basename (path);
  char *dot = strrchr (base, '.');

  if ((table = mc_csv_read (csv_path, NULL, NULL, NULL, NULL, error)) == NULL)
    return FALSE;
  if (dot != NULL && dot != base)
    *dot = '\0';
  mc_table_set_name (table, base);
  return mc_xlsx_write (table, path, error);
}
