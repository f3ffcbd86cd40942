/* mc-workbook-reader.c: what a file is, by content; the zip container and
 * its XML parts for the .xlsx and .ods readers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-workbook-reader"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdarg.h>
#include <string.h>

#include "mc-workbook-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInput, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInfile, g_object_unref)

#define ODS_MIMETYPE "application/vnd.oasis.opendocument.spreadsheet"

typedef struct
{
  const char *magic;
  gsize       len;
  const char *what;
} Magic;

/* Formats people mistake for tables, by their first bytes. */
static const Magic magics[] = {
  { "%PDF-", 5, N_("a PDF document") },
  { "\x89PNG\r\n\x1a\n", 8, N_("a PNG image") },
  { "\xff\xd8\xff", 3, N_("a JPEG image") },
  { "GIF8", 4, N_("a GIF image") },
  { "\x1f\x8b", 2, N_("a gzip-compressed file") },
  { "BZh", 3, N_("a bzip2-compressed file") },
  { "\xfd" "7zXZ", 5, N_("an xz-compressed file") },
  { "7z\xbc\xaf\x27\x1c", 6, N_("a 7-Zip archive") },
  { "Rar!", 4, N_("a RAR archive") },
  { "SQLite format 3", 16, N_("an SQLite database") },
  { "PAR1", 4, N_("a Parquet file") },
  { "\x7f" "ELF", 4, N_("a program (ELF executable)") },
};

static gboolean
refuse (GError     **error,
        const char  *path,
        const char  *what)
{
  /* Translators: %s is what the file is, such as "a PDF document". */
  g_set_error (error, MC_WORKBOOK_ERROR, MC_WORKBOOK_ERROR_NOT_A_TABLE,
               _("this is %s, not a table; open a CSV file, an .xlsx or an .ods workbook"), what);
  g_prefix_error (error, "%s: ", path);
  return FALSE;
}

static gboolean
has_child (GsfInfile  *infile,
           const char *first,
           ...)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GsfInput) child = NULL;
  va_list args;

  va_start (args, first);
  for (const char *name = first; name != NULL; name = va_arg (args, const char *))
    g_ptr_array_add (names, (gpointer) name);
  va_end (args);
  g_ptr_array_add (names, NULL);
  child = gsf_infile_child_by_aname (infile, (const char **) names->pdata);
  return child != NULL;
}

/* An OLE2 compound file is either an encrypted Office Open XML package
 * (what Excel writes when a password protects the workbook) or an old
 * binary Office document. */
static gboolean
detect_ole (GsfInput    *input,
            const char  *path,
            GError     **error)
{
  g_autoptr(GsfInfile) ole = gsf_infile_msole_new (input, NULL);

  if (ole != NULL && has_child (ole, "EncryptionInfo", NULL))
    {
      g_set_error_literal (error, MC_WORKBOOK_ERROR, MC_WORKBOOK_ERROR_ENCRYPTED,
                           _("the workbook is protected by a password; open it in your spreadsheet, "
                             "remove the password (or save an unprotected copy) and open that"));
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }
  if (ole != NULL && (has_child (ole, "Workbook", NULL) || has_child (ole, "Book", NULL)))
    {
      g_set_error_literal (error, MC_WORKBOOK_ERROR, MC_WORKBOOK_ERROR_NOT_A_TABLE,
                           _("this is an Excel 97–2003 workbook (.xls), which Mercato cannot read; "
                             "save it as .xlsx or CSV and open that"));
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }
  if (ole != NULL && has_child (ole, "WordDocument", NULL))
    return refuse (error, path, _("a Word 97–2003 document"));
  return refuse (error, path, _("a Microsoft Office compound file"));
}

static char *
read_mimetype (GsfInfile *zip)
{
  g_autoptr(GsfInput) child = gsf_infile_child_by_name (zip, "mimetype");
  gsf_off_t size;
  const guint8 *bytes;

  if (child == NULL || (size = gsf_input_size (child)) <= 0 || size > 200)
    return NULL;
  bytes = gsf_input_read (child, size, NULL);
  return bytes != NULL ? g_strndup ((const char *) bytes, size) : NULL;
}

static gboolean
detect_zip (GsfInput    *input,
            const char  *path,
            McFileKind  *kind,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GsfInfile) zip = gsf_infile_zip_new (input, &local_error);
  g_autofree char *mimetype = NULL;

  if (zip == NULL)
    {
      g_set_error (error, MC_WORKBOOK_ERROR, MC_WORKBOOK_ERROR_CORRUPT,
                   /* Translators: %s is the zip library's reason. */
                   _("the file starts like a workbook (a zip archive) but cannot be opened: %s; "
                     "it may be damaged or cut short, so copy or export it again"),
                   local_error != NULL ? local_error->message : _("unknown error"));
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }
  mimetype = read_mimetype (zip);
  if (mimetype != NULL && g_str_equal (mimetype, ODS_MIMETYPE))
    {
      *kind = MC_FILE_KIND_ODS;
      return TRUE;
    }
  if (mimetype != NULL && g_str_has_prefix (mimetype, "application/vnd.oasis.opendocument."))
    {
      /* Translators: %s is a MIME type such as application/vnd.oasis.opendocument.text. */
      g_autofree char *what = g_strdup_printf (_("an OpenDocument file of another kind (%s)"), mimetype);

      return refuse (error, path, what);
    }
  if (has_child (zip, "xl", "workbook.xml", NULL))
    {
      *kind = MC_FILE_KIND_XLSX;
      return TRUE;
    }
  if (has_child (zip, "word", "document.xml", NULL))
    return refuse (error, path, _("a Word document (.docx)"));
  if (has_child (zip, "ppt", "presentation.xml", NULL))
    return refuse (error, path, _("a PowerPoint presentation (.pptx)"));
  return refuse (error, path, _("a zip archive that holds no workbook"));
}

gboolean
mc_file_kind_detect (const char  *path,
                     McFileKind  *kind,
                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GsfInput) input = NULL;
  guint8 head[4096];
  gsf_off_t n;

  g_return_val_if_fail (path != NULL && kind != NULL, FALSE);

  *kind = MC_FILE_KIND_TEXT;
  input = gsf_input_stdio_new (path, &local_error);
  if (input == NULL)
    {
      /* Translators: %s says why, such as "No such file or directory". */
      g_set_error (error, MC_CSV_ERROR, MC_CSV_ERROR_IO, _("cannot open the file: %s"), local_error->message);
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }
  n = MIN (gsf_input_size (input), (gsf_off_t) sizeof head);
  if (n <= 0 || gsf_input_read (input, n, head) == NULL)
    return TRUE;   /* the CSV reader says what is wrong with an empty file */
  gsf_input_seek (input, 0, G_SEEK_SET);

  if (n >= 4 && memcmp (head, "PK\x03\x04", 4) == 0)
    return detect_zip (input, path, kind, error);
  if (n >= 8 && memcmp (head, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) == 0)
    return detect_ole (input, path, error);
  for (guint i = 0; i < G_N_ELEMENTS (magics); i++)
    if ((gsize) n >= magics[i].len && memcmp (head, magics[i].magic, magics[i].len) == 0)
      return refuse (error, path, _(magics[i].what));
  /* Text has no NUL bytes, except UTF-16, which starts with its mark. */
  if (!(n >= 2 && ((head[0] == 0xff && head[1] == 0xfe) || (head[0] == 0xfe && head[1] == 0xff)))
      && memchr (head, '\0', n) != NULL)
    return refuse (error, path, _("binary data"));
  return TRUE;
}

static guint64
sheets_size (GsfInfile *zip)
{
  guint64 total = 0;
  g_autoptr(GsfInput) folder = gsf_infile_child_by_vname (zip, "xl", "worksheets", NULL);
  g_autoptr(GsfInput) content = gsf_infile_child_by_name (zip, "content.xml");

  if (folder != NULL && GSF_IS_INFILE (folder))
    for (int i = 0; i < gsf_infile_num_children (GSF_INFILE (folder)); i++)
      {
        g_autoptr(GsfInput) sheet = gsf_infile_child_by_index (GSF_INFILE (folder), i);

        total += sheet != NULL ? gsf_input_size (sheet) : 0;
      }
  if (content != NULL)
    total += gsf_input_size (content);
  return total;
}

/**
 * mc_workbook_read:
 *
 * Reads every sheet of the workbook at PATH that has data. The sheets'
 * XML is streamed from the zip container, never held whole in memory.
 * Errors name the file and, where one applies, the part and line, or
 * the sheet and cell.
 */
GPtrArray *
mc_workbook_read (const char         *path,
                  McFileKind          kind,
                  McProgressFunc      progress,
                  gpointer            user_data,
                  GCancellable       *cancellable,
                  GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GsfInput) input = NULL;
  g_autoptr(GsfInfile) zip = NULL;
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_object_unref);
  McWorkbook workbook = { path, NULL, tables, progress, user_data, cancellable, 0, 0, 0 };
  gboolean ok;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (kind == MC_FILE_KIND_XLSX || kind == MC_FILE_KIND_ODS, NULL);

  if ((input = gsf_input_stdio_new (path, &local_error)) == NULL
      || (zip = gsf_infile_zip_new (input, &local_error)) == NULL)
    {
      mc_workbook_set_error (&workbook, error, NULL, _("cannot open the workbook: %s"), local_error->message);
      return NULL;
    }
  workbook.zip = zip;
  workbook.file_size = gsf_input_size (input);
  workbook.xml_total = sheets_size (zip);

  ok = kind == MC_FILE_KIND_XLSX ? mc_xlsx_read (&workbook, error) : mc_ods_read (&workbook, error);
  if (!ok)
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (tables->len == 0)
    {
      g_set_error_literal (error, MC_WORKBOOK_ERROR, MC_WORKBOOK_ERROR_EMPTY,
                           _("no sheet of the workbook holds data; put the table on a sheet and save again"));
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }
  return g_steal_pointer (&tables);
}
