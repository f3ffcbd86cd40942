/* mc-workbook-part.c: one XML part of a workbook's zip, read as a stream of elements
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The readers of each format (mc-xlsx-reader.c, mc-ods-reader.c) walk
 * their sheets with these; mc-workbook-reader.c, above them, picks one.
 */
#define G_LOG_DOMAIN "mc-workbook-reader"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdarg.h>
#include <string.h>

#include "mc-workbook-private.h"

G_DEFINE_QUARK (mc-workbook-error-quark, mc_workbook_error)

void
mc_workbook_set_error (McWorkbook  *workbook,
                       GError     **error,
                       const char  *where,
                       const char  *format,
                       ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, MC_WORKBOOK_ERROR, MC_WORKBOOK_ERROR_CORRUPT, "%s:%s%s%s",
               workbook->path, where != NULL ? where : "", where != NULL ? ": " : " ", message);
}

static int
on_part_read_cb (void *context,
                 char *buffer,
                 int   len)
{
  McPart *part = context;
  gsf_off_t left = gsf_input_remaining (part->input);
  int n = (int) MIN ((gsf_off_t) len, left);

  if (n <= 0)
    return 0;
  if (gsf_input_read (part->input, n, (guint8 *) buffer) == NULL)
    return -1;
  if (part->report)
    {
      McWorkbook *workbook = part->workbook;

      workbook->xml_done += n;
      if (workbook->progress != NULL && workbook->xml_total > 0)
        workbook->progress (MIN (1.0, (double) workbook->xml_done / workbook->xml_total), NULL, workbook->user_data);
    }
  return n;
}

static void
on_part_error_cb (void                   *arg,
                  const char             *msg,
                  xmlParserSeverities     severity,
                  xmlTextReaderLocatorPtr locator)
{
  McPart *part = arg;

  if (part->xml_error != NULL
      || severity == XML_PARSER_SEVERITY_WARNING
      || severity == XML_PARSER_SEVERITY_VALIDITY_WARNING)
    return;
  part->xml_error = g_strchomp (g_strdup (msg));
  part->error_line = xmlTextReaderLocatorLineNumber (locator);
}

McPart *
mc_part_open (McWorkbook  *workbook,
              const char  *name,
              gboolean     report,
              GError     **error)
{
  g_auto(GStrv) names = g_strsplit (name[0] == '/' ? name + 1 : name, "/", -1);
  GsfInput *input = gsf_infile_child_by_aname (workbook->zip, (const char **) names);
  McPart *part;

  if (input == NULL)
    {
      if (error != NULL)
        /* Translators: %s is a part of the workbook, such as xl/workbook.xml. */
        mc_workbook_set_error (workbook, error, NULL, _("the workbook has no part %s; it is damaged, so save it again from your spreadsheet"), name);
      return NULL;
    }
  part = g_new0 (McPart, 1);
  part->workbook = workbook;
  part->part = g_intern_string (name);
  part->input = input;
  part->report = report;
  part->skip_depth = -1;
  part->reader = xmlReaderForIO (on_part_read_cb, NULL, part, name, NULL,
                                 XML_PARSE_NONET | XML_PARSE_HUGE | XML_PARSE_COMPACT);
  xmlTextReaderSetErrorHandler (part->reader, on_part_error_cb, part);
  return part;
}

void
mc_part_free (McPart *part)
{
  if (part == NULL)
    return;
  g_clear_pointer (&part->reader, xmlFreeTextReader);
  g_clear_object (&part->input);
  g_free (part->xml_error);
  g_free (part);
}

gboolean
mc_part_next (McPart    *part,
              gboolean  *at_end,
              GError   **error)
{
  int status = xmlTextReaderRead (part->reader);

  *at_end = status == 0;
  if (status == 1)
    return TRUE;
  if (status < 0 || part->xml_error != NULL)
    {
      g_autofree char *where = g_strdup_printf ("%s:%d", part->part, part->error_line);

      mc_workbook_set_error (part->workbook, error, where,
                             /* Translators: %s is libxml2's reason. */
                             _("the XML is damaged (%s); save the workbook again from your spreadsheet"),
                             part->xml_error != NULL ? part->xml_error : _("read error"));
      *at_end = FALSE;
    }
  return FALSE;
}

static gboolean
is_node (McPart     *part,
         int         type,
         const char *local_name)
{
  return xmlTextReaderNodeType (part->reader) == type
      && g_strcmp0 ((const char *) xmlTextReaderConstLocalName (part->reader), local_name) == 0;
}

gboolean
mc_part_is_start (McPart     *part,
                  const char *local_name)
{
  return is_node (part, XML_READER_TYPE_ELEMENT, local_name);
}

/* An empty element (<c/>) ends where it starts. */
gboolean
mc_part_is_end (McPart     *part,
                const char *local_name)
{
  return is_node (part, XML_READER_TYPE_END_ELEMENT, local_name)
      || (is_node (part, XML_READER_TYPE_ELEMENT, local_name) && xmlTextReaderIsEmptyElement (part->reader));
}

/* Attributes are looked up by local name: the prefixes (r:, table:,
 * office:) differ between producers, their meaning does not. */
char *
mc_part_get_attribute (McPart     *part,
                       const char *local_name)
{
  char *value = NULL;

  if (xmlTextReaderMoveToFirstAttribute (part->reader) != 1)
    return NULL;
  do
    if (g_strcmp0 ((const char *) xmlTextReaderConstLocalName (part->reader), local_name) == 0)
      {
        value = g_strdup ((const char *) xmlTextReaderConstValue (part->reader));
        break;
      }
  while (xmlTextReaderMoveToNextAttribute (part->reader) == 1);
  xmlTextReaderMoveToElement (part->reader);
  return value;
}

void
mc_part_skip (McPart *part)
{
  if (!xmlTextReaderIsEmptyElement (part->reader))
    part->skip_depth = xmlTextReaderDepth (part->reader);
}

gboolean
mc_part_skipping (McPart *part)
{
  if (part->skip_depth < 0)
    return FALSE;
  if (xmlTextReaderNodeType (part->reader) == XML_READER_TYPE_END_ELEMENT
      && xmlTextReaderDepth (part->reader) == part->skip_depth)
    part->skip_depth = -1;
  return TRUE;
}

char *
mc_part_read_text (McPart *part)
{
  xmlChar *text = xmlTextReaderReadString (part->reader);
  char *copy = g_strdup (text != NULL ? (const char *) text : "");

  xmlFree (text);
  return copy;
}

