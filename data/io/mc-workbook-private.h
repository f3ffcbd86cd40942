/* mc-workbook-private.h: the parts the .xlsx and .ods readers share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gsf/gsf.h>
#include <libxml/xmlreader.h>

#include "mc-csv-private.h"
#include "mc-workbook-reader.h"

G_BEGIN_DECLS

typedef struct _McSheetBuilder McSheetBuilder;

/* What a parser knows of the workbook it reads. */
typedef struct
{
  const char         *path;
  GsfInfile          *zip;
  GPtrArray          *tables;        /* McTable, in sheet order */
  McProgressFunc      progress;
  gpointer            user_data;
  GCancellable       *cancellable;
  guint64             file_size;
  guint64             xml_total;     /* uncompressed bytes of all sheets */
  guint64             xml_done;
} McWorkbook;

/* A part of the zip container read as a stream of XML nodes. */
typedef struct
{
  McWorkbook       *workbook;
  const char       *part;       /* its name in the container */
  GsfInput         *input;
  xmlTextReaderPtr  reader;
  char             *xml_error;  /* the first error libxml2 reported */
  int               error_line;
  int               error_column;
  gboolean          report;     /* progress counts this part's bytes */
  int               skip_depth; /* of the element being skipped, or -1 */
} McPart;

McPart     *mc_part_open              (McWorkbook      *workbook,
                                       const char      *name,
                                       gboolean         report,
                                       GError         **error);
void        mc_part_free              (McPart          *part);
/* Advances to the next node; FALSE at the end or on an error (set). */
gboolean    mc_part_next              (McPart          *part,
                                       gboolean        *at_end,
                                       GError         **error);
gboolean    mc_part_is_start          (McPart          *part,
                                       const char      *local_name);
gboolean    mc_part_is_end            (McPart          *part,
                                       const char      *local_name);
char       *mc_part_get_attribute     (McPart          *part,
                                       const char      *local_name);
/* Skips the current element and all it holds: while
 * mc_part_skipping() is TRUE, the nodes read are inside it. */
void        mc_part_skip              (McPart          *part);
gboolean    mc_part_skipping          (McPart          *part);
/* The text of the current element and everything in it. */
char       *mc_part_read_text         (McPart          *part);
void        mc_workbook_set_error     (McWorkbook      *workbook,
                                       GError         **error,
                                       const char      *where,
                                       const char      *format,
                                       ...) G_GNUC_PRINTF (4, 5);

/* Cells as the file types them; the builder writes each as the text a
 * CSV export would hold, and the CSV reader's typing does the rest. */
McSheetBuilder *mc_sheet_builder_new  (McWorkbook      *workbook,
                                       const char      *sheet_name);
void        mc_sheet_builder_free     (McSheetBuilder  *builder);
void        mc_sheet_builder_begin_row (McSheetBuilder *builder,
                                       guint32          row);
void        mc_sheet_builder_end_row  (McSheetBuilder  *builder);
void        mc_sheet_builder_add_text (McSheetBuilder  *builder,
                                       guint            column,
                                       const char      *text);
void        mc_sheet_builder_add_number (McSheetBuilder *builder,
                                       guint            column,
                                       double           value);
/* SERIAL counts days since 1899-12-30 (fractions are the time of day). */
void        mc_sheet_builder_add_serial_date (McSheetBuilder *builder,
                                       guint            column,
                                       double           serial,
                                       gboolean         time_only);
/* ISO 8601 as OpenDocument writes it: 2023-05-01 or 2023-05-01T10:00:00. */
void        mc_sheet_builder_add_iso_date (McSheetBuilder *builder,
                                       guint            column,
                                       const char      *iso);
void        mc_sheet_builder_add_boolean (McSheetBuilder *builder,
                                       guint            column,
                                       gboolean         value);
/* A cell that spans ROWS × COLUMNS from its top-left cell. */
void        mc_sheet_builder_add_merge (McSheetBuilder *builder,
                                       guint32          row,
                                       guint            column,
                                       guint32          n_rows,
                                       guint            n_columns);
/* Adds the sheet's table to the workbook unless the sheet has no data. */
void        mc_sheet_builder_finish   (McSheetBuilder  *builder);

gboolean    mc_xlsx_read              (McWorkbook      *workbook,
                                       GError         **error);
gboolean    mc_ods_read               (McWorkbook      *workbook,
                                       GError         **error);

G_END_DECLS
