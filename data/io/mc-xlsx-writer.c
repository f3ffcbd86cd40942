/* mc-xlsx-writer.c: a table as an .xlsx workbook, with libxlsxwriter
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-xlsx-writer"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "mc-dataset.h"
#include "mc-output.h"
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

/* What libxlsxwriter reports for a file it could not create or finish
 * is mostly "error creating output xlsx file": the cause (a full disk,
 * the size limit, a folder not to be written in) is found as for every
 * other writer, from the temporary it was filling. */
static void
set_write_error (GError     **error,
                 const char  *path,
                 const char  *temporary,
                 lxw_error    status)
{
  int cause = errno;

  switch (status)
    {
    case LXW_ERROR_CREATING_XLSX_FILE:
    case LXW_ERROR_CREATING_TMPFILE:
    case LXW_ERROR_READING_TMPFILE:
    case LXW_ERROR_ZIP_FILE_OPERATION:
    case LXW_ERROR_ZIP_BAD_ZIP_FILE:
    case LXW_ERROR_ZIP_INTERNAL_ERROR:
    case LXW_ERROR_ZIP_FILE_ADD:
    case LXW_ERROR_ZIP_CLOSE:
      {
        int guessed = mc_output_guess_errno (temporary);

        mc_output_set_error (error, path, guessed != 0 ? guessed : cause);
      }
      break;
    default:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   /* Translators: %s is a file name, then the reason. */
                   _("%s: cannot write the workbook: %s"), path, lxw_strerror (status));
    }
}

gboolean
mc_xlsx_write_checked (McTable     *table,
                       McDataset   *sources,
                       const char  *path,
                       GError     **error)
{
  g_autofree char *temporary = NULL, *name = NULL, *dir = NULL;
  lxw_workbook_options options = { .constant_memory = LXW_TRUE };
  lxw_workbook *workbook;
  lxw_worksheet *sheet;
  Formats formats;
  lxw_error status;

  g_return_val_if_fail (MC_IS_TABLE (table), FALSE);
  g_return_val_if_fail (sources == NULL || MC_IS_DATASET (sources), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* A workbook never replaces a file of the data, as no CSV does. */
  if ((sources != NULL && !mc_output_check_not_source (sources, path, error))
      || !mc_output_check_not_file (mc_table_get_path (table), path, error))
    return FALSE;
  if (mc_table_get_n_rows (table) >= MAX_ROWS)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   /* Translators: %s is a file name, the numbers are row counts. */
                   _("%s: the table has %zu rows and a worksheet holds %d below its header; save it as CSV instead"),
                   path, mc_table_get_n_rows (table), MAX_ROWS - 1);
      return FALSE;
    }
  /* The temporary every writer uses (mc-output.h): beside PATH, so the
   * rename stays on one file system, and recognised if a kill leaves it.
   * libxlsxwriter's own scratch files (constant-memory rows) go in the
   * same folder, so a full disk there is the one the user sees. */
  if ((temporary = mc_output_reserve (path, error)) == NULL)
    return FALSE;
  dir = g_path_get_dirname (path);
  options.tmpdir = dir;

  errno = 0;
  workbook = workbook_new_opt (temporary, &options);
  name = sheet_name (table);
  sheet = workbook != NULL ? workbook_add_worksheet (workbook, name) : NULL;
  if (sheet == NULL)
    status = workbook == NULL ? LXW_ERROR_CREATING_XLSX_FILE : LXW_ERROR_MEMORY_MALLOC_FAILED;
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
  if (status != LXW_NO_ERROR)
    {
      set_write_error (error, path, temporary, status);
      g_unlink (temporary);
      return FALSE;
    }
  return mc_output_commit (temporary, path, error);
}

gboolean
mc_xlsx_write (McTable     *table,
               const char  *path,
               GError     **error)
{
  return mc_xlsx_write_checked (table, NULL, path, error);
}
