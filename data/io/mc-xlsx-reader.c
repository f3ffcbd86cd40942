/* mc-xlsx-reader.c: the sheets of an Office Open XML workbook (.xlsx)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-xlsx-reader"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mc-workbook-private.h"

typedef enum
{
  FORMAT_PLAIN,
  FORMAT_DATE,   /* a date, with or without a time */
  FORMAT_TIME,   /* a time of day only */
} FormatKind;

typedef struct
{
  McWorkbook *workbook;
  GPtrArray  *shared;      /* the shared strings, in order */
  GArray     *xf_formats;  /* guint8 FormatKind per cell style */
  gboolean    date1904;
  GPtrArray  *sheet_names;
  GPtrArray  *sheet_parts;
} Xlsx;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McPart, mc_part_free)

/* The built-in number formats that show dates and times (ECMA-376,
 * part 1, 18.8.30; 27–36 and 50–58 are the East Asian dates). */
static FormatKind
builtin_format (guint id)
{
  if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58))
    return FORMAT_DATE;
  if ((id >= 18 && id <= 21) || id == 45 || id == 47)
    return FORMAT_TIME;
  return FORMAT_PLAIN;
}

/* A custom format shows a date when its first section has day, month or
 * year codes outside quoted text, escapes and [colour]/[$-locale] tags.
 * Elapsed times ([h]:mm) are durations, which stay numbers (of days). */
static FormatKind
custom_format (const char *code)
{
  gboolean date = FALSE, time = FALSE;

  for (const char *p = code; *p != '\0' && *p != ';'; p++)
    {
      char c = g_ascii_tolower (*p);

      if (*p == '"')
        {
          const char *close = strchr (p + 1, '"');

          if (close == NULL)
            break;
          p = close;
        }
      else if (*p == '\\' && p[1] != '\0')
        p++;
      else if (*p == '[')
        {
          const char *close = strchr (p, ']');

          if (strchr ("hms", g_ascii_tolower (p[1])) != NULL && p[1] != '\0')
            return FORMAT_PLAIN;
          if (close == NULL)
            break;
          p = close;
        }
      else if (c == 'y' || c == 'd')
        date = TRUE;
      else if (c == 'h' || c == 's')
        time = TRUE;
      else if (c == 'm' && !time)
        date = TRUE;   /* minutes only appear next to hours or seconds */
    }
  return date ? FORMAT_DATE : time ? FORMAT_TIME : FORMAT_PLAIN;
}

/* OOXML writes characters XML cannot hold as _xHHHH_. */
static char *
decode_escapes (GString *text)
{
  GString *out;

  if (strstr (text->str, "_x") == NULL)
    return g_string_free (text, FALSE);
  out = g_string_sized_new (text->len);
  for (const char *p = text->str; *p != '\0'; p++)
    {
      if (p[0] == '_' && p[1] == 'x' && g_ascii_isxdigit (p[2]) && g_ascii_isxdigit (p[3])
          && g_ascii_isxdigit (p[4]) && g_ascii_isxdigit (p[5]) && p[6] == '_')
        {
          gunichar c = (g_ascii_xdigit_value (p[2]) << 12) | (g_ascii_xdigit_value (p[3]) << 8)
                     | (g_ascii_xdigit_value (p[4]) << 4) | g_ascii_xdigit_value (p[5]);

          g_string_append_unichar (out, c);
          p += 6;
        }
      else
        g_string_append_c (out, *p);
    }
  g_string_free (text, TRUE);
  return g_string_free (out, FALSE);
}

/* The text of a string item (<si>, <is>): its <t> runs, without the
 * phonetic guides (<rPh>) that Japanese workbooks add. */
static char *
read_string_item (McPart     *part,
                  const char *element,
                  GError    **error)
{
  GString *text = g_string_new (NULL);
  gboolean at_end;

  if (xmlTextReaderIsEmptyElement (part->reader))
    return g_string_free (text, FALSE);
  while (mc_part_next (part, &at_end, error))
    {
      if (mc_part_skipping (part))
        continue;
      if (mc_part_is_end (part, element))
        return decode_escapes (text);
      if (mc_part_is_start (part, "rPh"))
        mc_part_skip (part);
      else if (mc_part_is_start (part, "t"))
        {
          g_autofree char *run = mc_part_read_text (part);

          g_string_append (text, run);
        }
    }
  g_string_free (text, TRUE);
  if (error != NULL && *error == NULL)
    mc_workbook_set_error (part->workbook, error, part->part, _("the workbook ends inside a string; it is damaged"));
  return NULL;
}

static gboolean
read_shared_strings (Xlsx    *x,
                     GError **error)
{
  g_autoptr(McPart) part = mc_part_open (x->workbook, "xl/sharedStrings.xml", FALSE, NULL);
  gboolean at_end = FALSE;

  if (part == NULL)
    return TRUE;   /* a workbook without text has none */
  while (mc_part_next (part, &at_end, error))
    if (mc_part_is_start (part, "si"))
      {
        char *text = read_string_item (part, "si", error);

        if (text == NULL)
          return FALSE;
        g_ptr_array_add (x->shared, text);
      }
  return at_end;
}

static guint
attribute_uint (McPart     *part,
                const char *name,
                guint       fallback)
{
  g_autofree char *value = mc_part_get_attribute (part, name);

  return value != NULL ? (guint) g_ascii_strtoull (value, NULL, 10) : fallback;
}

static gboolean
read_styles (Xlsx    *x,
             GError **error)
{
  g_autoptr(McPart) part = mc_part_open (x->workbook, "xl/styles.xml", FALSE, NULL);
  g_autoptr(GHashTable) custom = g_hash_table_new (NULL, NULL);
  gboolean at_end = FALSE, in_cell_xfs = FALSE;

  if (part == NULL)
    return TRUE;
  while (mc_part_next (part, &at_end, error))
    {
      if (mc_part_is_start (part, "numFmt"))
        {
          g_autofree char *code = mc_part_get_attribute (part, "formatCode");

          g_hash_table_insert (custom, GUINT_TO_POINTER (attribute_uint (part, "numFmtId", 0)),
                               GUINT_TO_POINTER (custom_format (code != NULL ? code : "") + 1));
        }
      else if (mc_part_is_start (part, "cellXfs"))
        in_cell_xfs = !xmlTextReaderIsEmptyElement (part->reader);
      else if (mc_part_is_end (part, "cellXfs"))
        in_cell_xfs = FALSE;
      else if (in_cell_xfs && mc_part_is_start (part, "xf"))
        {
          guint id = attribute_uint (part, "numFmtId", 0);
          gpointer kind = g_hash_table_lookup (custom, GUINT_TO_POINTER (id));
          guint8 format = kind != NULL ? GPOINTER_TO_UINT (kind) - 1 : builtin_format (id);

          g_array_append_val (x->xf_formats, format);
        }
    }
  return at_end;
}

/* Where each relationship id of the workbook points, as a part name. */
static GHashTable *
read_relationships (Xlsx    *x,
                    GError **error)
{
  g_autoptr(McPart) part = mc_part_open (x->workbook, "xl/_rels/workbook.xml.rels", FALSE, error);
  g_autoptr(GHashTable) targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gboolean at_end = FALSE;

  if (part == NULL)
    return NULL;
  while (mc_part_next (part, &at_end, error))
    if (mc_part_is_start (part, "Relationship"))
      {
        g_autofree char *id = mc_part_get_attribute (part, "Id");
        g_autofree char *type = mc_part_get_attribute (part, "Type");
        g_autofree char *target = mc_part_get_attribute (part, "Target");

        /* Chart sheets and dialog sheets hold no cells. */
        if (id == NULL || target == NULL || type == NULL || !g_str_has_suffix (type, "/worksheet"))
          continue;
        g_hash_table_insert (targets, g_steal_pointer (&id),
                             target[0] == '/' ? g_strdup (target + 1) : g_strconcat ("xl/", target, NULL));
      }
  return at_end ? g_steal_pointer (&targets) : NULL;
}

static gboolean
read_workbook (Xlsx    *x,
               GError **error)
{
  g_autoptr(GHashTable) targets = read_relationships (x, error);
  g_autoptr(McPart) part = NULL;
  gboolean at_end = FALSE;

  if (targets == NULL || (part = mc_part_open (x->workbook, "xl/workbook.xml", FALSE, error)) == NULL)
    return FALSE;
  while (mc_part_next (part, &at_end, error))
    {
      if (mc_part_is_start (part, "workbookPr"))
        {
          g_autofree char *date1904 = mc_part_get_attribute (part, "date1904");

          x->date1904 = g_strcmp0 (date1904, "1") == 0 || g_strcmp0 (date1904, "true") == 0;
        }
      else if (mc_part_is_start (part, "sheet"))
        {
          g_autofree char *name = mc_part_get_attribute (part, "name");
          g_autofree char *id = mc_part_get_attribute (part, "id");
          const char *target = id != NULL ? g_hash_table_lookup (targets, id) : NULL;

          if (name == NULL || target == NULL)
            continue;
          g_ptr_array_add (x->sheet_names, g_steal_pointer (&name));
          g_ptr_array_add (x->sheet_parts, g_strdup (target));
        }
    }
  return at_end;
}

/* "AB12" → column 27 (from 0) and row 12. */
static gboolean
parse_reference (const char *ref,
                 guint      *column,
                 guint32    *row)
{
  guint c = 0;
  const char *p = ref;

  for (; g_ascii_isalpha (*p) && p - ref < 3; p++)
    c = c * 26 + (g_ascii_toupper (*p) - 'A' + 1);
  if (c == 0 || !g_ascii_isdigit (*p))
    return FALSE;
  *column = c - 1;
  *row = (guint32) g_ascii_strtoull (p, NULL, 10);
  return TRUE;
}

static void
read_merge (McSheetBuilder *builder,
            const char     *ref)
{
  g_auto(GStrv) corners = g_strsplit (ref, ":", 2);
  guint c1, c2;
  guint32 r1, r2;

  if (g_strv_length (corners) == 2 && parse_reference (corners[0], &c1, &r1)
      && parse_reference (corners[1], &c2, &r2) && c2 >= c1 && r2 >= r1)
    mc_sheet_builder_add_merge (builder, r1, c1, r2 - r1 + 1, c2 - c1 + 1);
}

typedef struct
{
  guint    column;
  guint32  row;
  char    *type;    /* t="…": s, inlineStr, str, b, e, d, n */
  guint    style;
  char    *value;   /* <v> */
  char    *inline_text;
} Cell;

static void
cell_clear (Cell *cell)
{
  g_clear_pointer (&cell->type, g_free);
  g_clear_pointer (&cell->value, g_free);
  g_clear_pointer (&cell->inline_text, g_free);
}

/* Days since 1899-12-30. Workbooks from old Macs count from 1904; and
 * Excel, like Lotus 1-2-3 before it, counts a 29 February 1900 that never
 * was, so its serials before 1 March 1900 are one day too small. */
static double
to_1900_serial (const Xlsx *x,
                double      serial)
{
  if (x->date1904)
    return serial + 1462;
  return serial >= 1 && serial < 61 ? serial + 1 : serial;
}

/* "Sheet1:AB12", for messages. */
static char *
cell_name (const char *sheet,
           const Cell *cell)
{
  char letters[8];
  int n = 0;

  for (guint c = cell->column + 1; c > 0 && n < 7; c = (c - 1) / 26)
    letters[n++] = 'A' + (c - 1) % 26;
  letters[n] = '\0';
  g_strreverse (letters);
  return g_strdup_printf ("%s:%s%u", sheet, letters, cell->row);
}

static gboolean
add_cell (Xlsx            *x,
          McSheetBuilder  *builder,
          const char      *sheet,
          Cell            *cell,
          GError         **error)
{
  const char *type = cell->type != NULL ? cell->type : "n";
  FormatKind format;
  char *end;
  double number;

  if (g_str_equal (type, "inlineStr"))
    {
      if (cell->inline_text != NULL)
        mc_sheet_builder_add_text (builder, cell->column, cell->inline_text);
      return TRUE;
    }
  if (cell->value == NULL)
    return TRUE;   /* styled but empty */
  if (g_str_equal (type, "s"))
    {
      guint64 index = g_ascii_strtoull (cell->value, &end, 10);

      if (*end != '\0' || index >= x->shared->len)
        {
          g_autofree char *where = cell_name (sheet, cell);

          mc_workbook_set_error (x->workbook, error, where,
                                 /* Translators: %s is a number as written in the file, %u a count. */
                                 _("the cell refers to shared string %s, but the workbook has %u; it is damaged, so save it again from your spreadsheet"),
                                 cell->value, x->shared->len);
          return FALSE;
        }
      mc_sheet_builder_add_text (builder, cell->column, g_ptr_array_index (x->shared, index));
    }
  else if (g_str_equal (type, "str") || g_str_equal (type, "e"))
    mc_sheet_builder_add_text (builder, cell->column, cell->value);
  else if (g_str_equal (type, "b"))
    mc_sheet_builder_add_boolean (builder, cell->column, g_str_equal (cell->value, "1"));
  else if (g_str_equal (type, "d"))
    mc_sheet_builder_add_iso_date (builder, cell->column, cell->value);
  else
    {
      number = g_ascii_strtod (cell->value, &end);
      if (*end != '\0' || end == cell->value)
        {
          mc_sheet_builder_add_text (builder, cell->column, cell->value);
          return TRUE;
        }
      format = cell->style < x->xf_formats->len ? g_array_index (x->xf_formats, guint8, cell->style) : FORMAT_PLAIN;
      if (format == FORMAT_PLAIN)
        mc_sheet_builder_add_number (builder, cell->column, number);
      else
        mc_sheet_builder_add_serial_date (builder, cell->column, to_1900_serial (x, number),
                                          format == FORMAT_TIME);
    }
  return TRUE;
}

/* Reads the children of <c> up to its end: the cached value of a formula
 * is its <v>, the formula itself (<f>) is left alone. */
static gboolean
read_cell (Xlsx    *x,
           McPart  *part,
           Cell    *cell,
           GError **error)
{
  gboolean at_end;

  if (xmlTextReaderIsEmptyElement (part->reader))
    return TRUE;
  while (mc_part_next (part, &at_end, error))
    {
      if (mc_part_is_end (part, "c"))
        return TRUE;
      if (mc_part_is_start (part, "v"))
        {
          g_free (cell->value);
          cell->value = mc_part_read_text (part);
        }
      else if (mc_part_is_start (part, "is"))
        {
          g_free (cell->inline_text);
          if ((cell->inline_text = read_string_item (part, "is", error)) == NULL)
            return FALSE;
        }
    }
  return FALSE;
}

static gboolean
start_cell (McPart  *part,
            Cell    *cell,
            guint    next_column,
            guint32  row)
{
  g_autofree char *ref = mc_part_get_attribute (part, "r");

  cell->column = next_column;
  cell->row = row;
  if (ref != NULL)
    parse_reference (ref, &cell->column, &cell->row);
  cell->type = mc_part_get_attribute (part, "t");
  cell->style = attribute_uint (part, "s", 0);
  return TRUE;
}

static gboolean
read_sheet (Xlsx        *x,
            const char  *name,
            const char  *part_name,
            GError     **error)
{
  g_autoptr(McPart) part = mc_part_open (x->workbook, part_name, TRUE, error);
  McSheetBuilder *builder;
  gboolean at_end = FALSE, ok = TRUE;
  guint32 row = 0;
  guint next_column = 0;
  gsize n_rows = 0;

  if (part == NULL)
    return FALSE;
  builder = mc_sheet_builder_new (x->workbook, name);
  while (ok && (ok = mc_part_next (part, &at_end, error)))
    {
      if (mc_part_is_start (part, "row"))
        {
          row = attribute_uint (part, "r", row + 1);
          next_column = 0;
          mc_sheet_builder_begin_row (builder, row);
          if ((++n_rows & 4095) == 0 && g_cancellable_set_error_if_cancelled (x->workbook->cancellable, error))
            ok = FALSE;
        }
      if (mc_part_is_end (part, "row"))
        mc_sheet_builder_end_row (builder);
      else if (mc_part_is_start (part, "c"))
        {
          Cell cell = { 0 };

          start_cell (part, &cell, next_column, row);
          ok = read_cell (x, part, &cell, error) && add_cell (x, builder, name, &cell, error);
          next_column = cell.column + 1;
          cell_clear (&cell);
        }
      else if (mc_part_is_start (part, "mergeCell"))
        {
          g_autofree char *ref = mc_part_get_attribute (part, "ref");

          if (ref != NULL)
            read_merge (builder, ref);
        }
    }
  if (at_end)
    mc_sheet_builder_finish (builder);
  mc_sheet_builder_free (builder);
  return at_end;
}

gboolean
mc_xlsx_read (McWorkbook *workbook,
              GError    **error)
{
  Xlsx x = { workbook };
  gboolean ok;

  x.shared = g_ptr_array_new_with_free_func (g_free);
  x.xf_formats = g_array_new (FALSE, FALSE, sizeof (guint8));
  x.sheet_names = g_ptr_array_new_with_free_func (g_free);
  x.sheet_parts = g_ptr_array_new_with_free_func (g_free);

  ok = read_workbook (&x, error) && read_styles (&x, error) && read_shared_strings (&x, error);
  for (guint i = 0; ok && i < x.sheet_names->len; i++)
    ok = read_sheet (&x, g_ptr_array_index (x.sheet_names, i), g_ptr_array_index (x.sheet_parts, i), error);

  g_ptr_array_unref (x.shared);
  g_array_unref (x.xf_formats);
  g_ptr_array_unref (x.sheet_names);
  g_ptr_array_unref (x.sheet_parts);
  return ok;
}
