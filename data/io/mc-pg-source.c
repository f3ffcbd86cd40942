/* mc-pg-source.c: a PostgreSQL database read as the tables of a dataset
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The catalogue says which tables the connection's schema holds, their
 * columns, types and keys; each table is then streamed with COPY … TO
 * STDOUT, one row at a time, into the column store. Columns whose type
 * the server knows exactly (integers, numbers, dates, timestamps,
 * booleans) are stored as such; text, identifiers (uuid, and integers
 * named as ids) and everything else go through the CSV reader's own
 * column builder, so that ids, categories and text are told apart as
 * they are for a CSV export of the same table.
 */
#define G_LOG_DOMAIN "mc-pg-source"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libpq-fe.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mc-buffer.h"
#include "mc-csv-private.h"
#include "mc-pg-source.h"

/* Progress is reported every so many rows of a table. */
#define PROGRESS_ROWS 4096

typedef enum
{
  READ_TEXT,
  READ_INTEGER,
  READ_NUMBER,
  READ_DATE,
  READ_DATETIME,
  READ_BOOLEAN,
} ReadAs;

typedef struct
{
  char          *name;
  int            attnum;
  char          *type_name;
  ReadAs         read_as;
  McChunkColumn  text;      /* READ_TEXT */
  McColumn      *typed;     /* the others */
  gsize          capacity;
  GArray        *missing;   /* guint32 rows of a typed column */
} PgColumn;

typedef struct
{
  char      *name;
  guint32    oid;
  double     estimated_rows;   /* -1 when the table was never analysed */
  double     sample_percent;   /* > 0: read TABLESAMPLE SYSTEM of that share */
  guint64    bytes;
  GPtrArray *columns;          /* PgColumn */
  gsize      n_rows;
  McTable   *table;
} PgTable;

typedef struct
{
  McPgConnection     connection;
  const char        *conninfo;
  char              *schema;
  GPtrArray         *tables;    /* PgTable */
  McProgressFunc     progress;
  gpointer           user_data;
  guint64            bytes_total;
  guint64            bytes_before;
} PgReader;

static void
pg_column_free (gpointer data)
{
  PgColumn *column = data;

  g_free (column->name);
  g_free (column->type_name);
  if (column->read_as == READ_TEXT)
    mc_chunk_column_clear (&column->text);
  g_clear_pointer (&column->typed, mc_column_unref);
  g_clear_pointer (&column->missing, g_array_unref);
  g_free (column);
}

static void
pg_table_free (gpointer data)
{
  PgTable *table = data;

  g_free (table->name);
  g_clear_pointer (&table->columns, g_ptr_array_unref);
  g_clear_object (&table->table);
  g_free (table);
}

static void
pg_reader_clear (PgReader *reader)
{
  mc_pg_connection_close (&reader->connection);
  g_clear_pointer (&reader->schema, g_free);
  g_clear_pointer (&reader->tables, g_ptr_array_unref);
}

gboolean
mc_pg_is_conninfo (const char *path)
{
  g_return_val_if_fail (path != NULL, FALSE);

  return g_str_has_prefix (path, "postgresql:") || g_str_has_prefix (path, "postgres:")
      || g_str_has_prefix (path, "service=");
}

char *
mc_pg_get_database_name (const char *conninfo)
{
  PQconninfoOption *options;
  char *name = NULL;

  g_return_val_if_fail (conninfo != NULL, NULL);

  if ((options = PQconninfoParse (conninfo, NULL)) == NULL)
    return NULL;
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    if (g_str_equal (o->keyword, "dbname") && o->val != NULL && o->val[0] != '\0')
      name = g_strdup (o->val);
  PQconninfoFree (options);
  return name;
}

static const char tables_sql[] =
  "SELECT t.table_name, c.oid, c.reltuples, pg_catalog.pg_relation_size (c.oid) "
  "FROM information_schema.tables t "
  "JOIN pg_catalog.pg_namespace n ON n.nspname = t.table_schema "
  "JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = t.table_name "
  "WHERE t.table_schema = $1 AND t.table_type = 'BASE TABLE' "
  "ORDER BY t.table_name COLLATE \"C\"";

static gboolean
find_schema (PgReader  *reader,
             GError   **error)
{
  g_autoptr(PGresult) result = NULL;

  /* Translators: what Mercato was doing when the server answered with an error. */
  result = mc_pg_connection_query (&reader->connection, _("finding the connection's schema"), "SELECT current_schema ()", 0, NULL, error);
  if (result == NULL)
    return FALSE;
  if (PQgetisnull (result, 0, 0))
    {
      g_set_error (error, MC_PG_ERROR, MC_PG_ERROR_EMPTY,
                   _("%s: the search path names no schema that exists; name one with "
                     "?options=-csearch_path=SCHEMA"), reader->connection.label);
      return FALSE;
    }
  reader->schema = g_strdup (PQgetvalue (result, 0, 0));
  return TRUE;
}

/* Tables larger than this (by the catalogue's estimate) are read as a
 * sample of about that many rows, TABLESAMPLE SYSTEM: enough to infer
 * roles and the model from; the figures the server computes use every
 * row. MERCATO_PG_SAMPLE_ROWS sets it (0: never sample). */
#define DEFAULT_SAMPLE_ROWS 10000000

static double
sample_threshold (void)
{
  const char *rows = g_getenv ("MERCATO_PG_SAMPLE_ROWS");
  double threshold = rows != NULL ? g_ascii_strtod (rows, NULL) : DEFAULT_SAMPLE_ROWS;

  return threshold > 0 ? threshold : G_MAXDOUBLE;
}

static gboolean
list_tables (PgReader  *reader,
             GError   **error)
{
  g_autoptr(PGresult) result = NULL;
  /* Translators: %s is a schema of the database. */
  g_autofree char *doing = g_strdup_printf (_("listing the tables of schema %s"), reader->schema);
  const char *params[] = { reader->schema };

  result = mc_pg_connection_query (&reader->connection, doing, tables_sql, 1, params, error);
  if (result == NULL)
    return FALSE;
  if (PQntuples (result) == 0)
    {
      g_set_error (error, MC_PG_ERROR, MC_PG_ERROR_EMPTY,
                   _("%s: schema %s holds no table; load the data, or name the schema that holds it "
                     "with ?options=-csearch_path=SCHEMA"), reader->connection.label, reader->schema);
      return FALSE;
    }
  reader->tables = g_ptr_array_new_with_free_func (pg_table_free);
  for (int r = 0; r < PQntuples (result); r++)
    {
      PgTable *table = g_new0 (PgTable, 1);

      table->name = g_strdup (PQgetvalue (result, r, 0));
      table->oid = (guint32) g_ascii_strtoull (PQgetvalue (result, r, 1), NULL, 10);
      table->estimated_rows = g_ascii_strtod (PQgetvalue (result, r, 2), NULL);
      if (table->estimated_rows > sample_threshold ())
        {
          /* Only a sample is read; what the table holds is the estimate's share of it. */
          table->sample_percent = 100.0 * sample_threshold () / table->estimated_rows;
          table->estimated_rows = sample_threshold ();
        }
      table->bytes = g_ascii_strtoull (PQgetvalue (result, r, 3), NULL, 10);
      table->columns = g_ptr_array_new_with_free_func (pg_column_free);
      g_ptr_array_add (reader->tables, table);
      reader->bytes_total += MAX (table->bytes, 1);
    }
  return TRUE;
}

/* How a column is read, from its type (a domain's base type). Integers
 * named as ids are ids, not quantities, as in a CSV export. */
static ReadAs
read_as_for (const char *type_name,
             const char *column_name)
{
  if (g_str_equal (type_name, "int2") || g_str_equal (type_name, "int4") || g_str_equal (type_name, "int8"))
    return mc_name_is_id_like (column_name) ? READ_TEXT : READ_INTEGER;
  if (g_str_equal (type_name, "numeric") || g_str_equal (type_name, "float4") || g_str_equal (type_name, "float8"))
    return READ_NUMBER;
  if (g_str_equal (type_name, "date"))
    return READ_DATE;
  if (g_str_equal (type_name, "timestamp") || g_str_equal (type_name, "timestamptz"))
    return READ_DATETIME;
  if (g_str_equal (type_name, "bool"))
    return READ_BOOLEAN;
  return READ_TEXT;
}

static McColumnType
column_type_for (ReadAs read_as)
{
  switch (read_as)
    {
    case READ_INTEGER: return MC_COLUMN_TYPE_INTEGER;
    case READ_NUMBER: return MC_COLUMN_TYPE_NUMBER;
    case READ_DATE: return MC_COLUMN_TYPE_DATE;
    case READ_DATETIME: return MC_COLUMN_TYPE_DATETIME;
    case READ_BOOLEAN: return MC_COLUMN_TYPE_BOOLEAN;
    case READ_TEXT:
    default:
      g_assert_not_reached ();
    }
}

static const char columns_sql[] =
  "SELECT a.attname, a.attnum, b.typname "
  "FROM pg_catalog.pg_attribute a "
  "JOIN pg_catalog.pg_type t ON t.oid = a.atttypid "
  "JOIN pg_catalog.pg_type b ON b.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END "
  "WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped "
  "ORDER BY a.attnum";

static gboolean
list_columns (PgReader  *reader,
              PgTable   *table,
              GError   **error)
{
  g_autoptr(PGresult) result = NULL;
  g_autofree char *oid = g_strdup_printf ("%u", table->oid);
  /* Translators: %s is a table of the database. */
  g_autofree char *doing = g_strdup_printf (_("listing the columns of table %s"), table->name);
  const char *params[] = { oid };

  result = mc_pg_connection_query (&reader->connection, doing, columns_sql, 1, params, error);
  if (result == NULL)
    return FALSE;
  for (int r = 0; r < PQntuples (result); r++)
    {
      PgColumn *column = g_new0 (PgColumn, 1);

      column->name = g_strdup (PQgetvalue (result, r, 0));
      column->attnum = atoi (PQgetvalue (result, r, 1));
      column->type_name = g_strdup (PQgetvalue (result, r, 2));
      column->read_as = read_as_for (column->type_name, column->name);
      g_ptr_array_add (table->columns, column);
    }
  return TRUE;
}

/* What the server sends for a column: dates as days since 1970 and
 * timestamps as microseconds since the epoch, worked out exactly on the
 * server (infinite ones are missing); char(n) without its padding. */
static void
append_select_item (GString    *sql,
                    PgReader   *reader,
                    PgColumn   *column)
{
  g_autofree char *quoted = mc_pg_connection_quote (&reader->connection, column->name);

  if (column->read_as == READ_DATE)
    g_string_append_printf (sql, "CASE WHEN pg_catalog.isfinite (%s) THEN %s - DATE '1970-01-01' END", quoted, quoted);
  else if (column->read_as == READ_DATETIME)
    g_string_append_printf (sql, "CASE WHEN pg_catalog.isfinite (%s) THEN (EXTRACT (EPOCH FROM %s) * 1000000)::int8 END",
                            quoted, quoted);
  else if (g_str_equal (column->type_name, "bpchar"))
    g_string_append_printf (sql, "%s::text", quoted);
  else
    g_string_append (sql, quoted);
}

static char *
copy_sql (PgReader *reader,
          PgTable  *table)
{
  g_autoptr(GString) sql = g_string_new ("COPY (SELECT ");
  g_autofree char *schema = mc_pg_connection_quote (&reader->connection, reader->schema);
  g_autofree char *name = mc_pg_connection_quote (&reader->connection, table->name);

  for (guint c = 0; c < table->columns->len; c++)
    {
      if (c > 0)
        g_string_append (sql, ", ");
      append_select_item (sql, reader, g_ptr_array_index (table->columns, c));
    }
  g_string_append_printf (sql, " FROM %s.%s", schema, name);
  if (table->sample_percent > 0)
    {
      char percent[G_ASCII_DTOSTR_BUF_SIZE];

      /* COPY takes no parameters; the share is a number computed here,
       * never text from the user or the data. The same pages every time. */
      g_string_append_printf (sql, " TABLESAMPLE SYSTEM (%s) REPEATABLE (0)",
                              g_ascii_formatd (percent, sizeof percent, "%.6f", table->sample_percent));
    }
  g_string_append (sql, ") TO STDOUT");
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

static void
start_columns (PgTable *table)
{
  gsize capacity = table->estimated_rows > 0 ? (gsize) table->estimated_rows + 1 : 1024;

  for (guint c = 0; c < table->columns->len; c++)
    {
      PgColumn *column = g_ptr_array_index (table->columns, c);

      if (column->read_as == READ_TEXT)
        {
          mc_chunk_column_init_text (&column->text, capacity);
          continue;
        }
      column->typed = mc_column_new (column->name, column_type_for (column->read_as), 0);
      column->missing = g_array_new (FALSE, FALSE, sizeof (guint32));
    }
}

/* Decodes a field of COPY's text format in place: \N is NULL, and a
 * backslash escapes the delimiter, line breaks and itself. */
static const char *
unescape_field (char *field)
{
  char *out = field;

  if (g_str_equal (field, "\\N"))
    return NULL;
  for (const char *in = field; *in != '\0'; in++)
    {
      if (*in != '\\' || in[1] == '\0')
        {
          *out++ = *in;
          continue;
        }
      in++;
      switch (*in)
        {
        case 'b': *out++ = '\b'; break;
        case 'f': *out++ = '\f'; break;
        case 'n': *out++ = '\n'; break;
        case 'r': *out++ = '\r'; break;
        case 't': *out++ = '\t'; break;
        case 'v': *out++ = '\v'; break;
        default: *out++ = *in; break;
        }
    }
  *out = '\0';
  return field;
}

static gsize
value_size (McColumnType type)
{
  return type == MC_COLUMN_TYPE_DATE ? sizeof (gint32)
       : type == MC_COLUMN_TYPE_BOOLEAN ? sizeof (guint8)
       : sizeof (gint64);
}

static gboolean
parse_typed (PgColumn   *column,
             const char *text,
             gpointer    slot)
{
  double number;

  switch (column->read_as)
    {
    case READ_INTEGER:
    case READ_DATETIME:
      *(gint64 *) slot = g_ascii_strtoll (text, NULL, 10);
      return TRUE;
    case READ_DATE:
      *(gint32 *) slot = (gint32) g_ascii_strtoll (text, NULL, 10);
      return TRUE;
    case READ_BOOLEAN:
      *(guint8 *) slot = text[0] == 't';
      return TRUE;
    case READ_NUMBER:
      /* NaN and the infinities are no amount: missing, as "NaN" in a CSV file. */
      number = g_ascii_strtod (text, NULL);
      *(double *) slot = number;
      return isfinite (number);
    case READ_TEXT:
    default:
      g_assert_not_reached ();
    }
}

static void
append_typed (PgColumn   *column,
              gsize       row,
              const char *text)
{
  gsize size = value_size (column->typed->type);
  gpointer slot;

  if (row >= column->capacity)
    {
      column->capacity = MAX (column->capacity * 2, 1024);
      column->typed->v.data = mc_buffer_resize (column->typed->v.data, column->capacity * size);
    }
  slot = (guint8 *) column->typed->v.data + row * size;
  memset (slot, 0, size);
  if (text == NULL || !parse_typed (column, text, slot))
    {
      guint32 missing_row = (guint32) row;

      g_array_append_val (column->missing, missing_row);
    }
}

static void
append_field (PgColumn   *column,
              gsize       row,
              const char *text)
{
  if (column->read_as == READ_TEXT)
    mc_chunk_column_append_text (&column->text, text != NULL ? text : "");
  else
    append_typed (column, row, text);
}

/* One row as COPY sends it: fields separated by tabs, ending with a
 * line break. */
static gboolean
append_row (PgTable *table,
            char    *line,
            int      len)
{
  char *field = line;
  guint c = 0;

  if (len > 0 && line[len - 1] == '\n')
    line[len - 1] = '\0';
  for (char *p = line;; p++)
    {
      gboolean last = *p == '\0';

      if (*p != '\t' && !last)
        continue;
      *p = '\0';
      if (c >= table->columns->len)
        return FALSE;
      append_field (g_ptr_array_index (table->columns, c++), table->n_rows, unescape_field (field));
      field = p + 1;
      if (last)
        break;
    }
  table->n_rows++;
  return c == table->columns->len;
}

static void
report_progress (PgReader *reader,
                 PgTable  *table)
{
  double share;

  if (reader->progress == NULL)
    return;
  /* The catalogue's row count is an estimate: never past the table. */
  share = table->estimated_rows > 0 ? MIN (table->n_rows / table->estimated_rows, 1.0) : 0.0;
  reader->progress ((reader->bytes_before + share * MAX (table->bytes, 1)) / MAX (reader->bytes_total, 1),
                    NULL, reader->user_data);
}

/* Ends a COPY that failed or finished: the server's last word on it. */
static gboolean
finish_copy (PgReader   *reader,
             const char *doing,
             GError    **error)
{
  gboolean ok = TRUE;
  PGresult *result;

  while ((result = PQgetResult (reader->connection.conn)) != NULL)
    {
      if (ok && PQresultStatus (result) != PGRES_COMMAND_OK)
        ok = mc_pg_connection_set_error (&reader->connection, error, result, doing);
      PQclear (result);
    }
  return ok;
}

static gboolean
stream_rows (PgReader   *reader,
             PgTable    *table,
             const char *doing,
             GError    **error)
{
  char *line;
  int len;

  while ((len = PQgetCopyData (reader->connection.conn, &line, FALSE)) > 0)
    {
      gboolean fits = append_row (table, line, len);

      PQfreemem (line);
      if (!fits)
        {
          g_set_error (error, MC_PG_ERROR, MC_PG_ERROR_QUERY,
                       _("%s: the server sent a row whose fields do not match the table's columns"), doing);
          return FALSE;
        }
      if (table->n_rows % PROGRESS_ROWS == 0)
        report_progress (reader, table);
    }
  if (len == -2)
    return finish_copy (reader, doing, error) && mc_pg_connection_set_error (&reader->connection, error, NULL, doing);
  return finish_copy (reader, doing, error);
}

static gboolean
read_rows (PgReader  *reader,
           PgTable   *table,
           GError   **error)
{
  g_autofree char *sql = copy_sql (reader, table);
  /* Translators: %s is a table of the database. */
  g_autofree char *doing = g_strdup_printf (_("reading table %s"), table->name);
  g_autoptr(PGresult) result = NULL;

  if (g_cancellable_is_cancelled (reader->connection.cancellable))
    {
      /* Translators: %s says what was being read when the user cancelled. */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("%s: cancelled"), doing);
      return FALSE;
    }
  result = PQexecParams (reader->connection.conn, sql, 0, NULL, NULL, NULL, NULL, 0);
  if (PQresultStatus (result) != PGRES_COPY_OUT)
    return mc_pg_connection_set_error (&reader->connection, error, result, doing);
  start_columns (table);
  if (!stream_rows (reader, table, doing, error))
    return FALSE;
  /* A cancel that came as the last row arrived still cancels. */
  if (g_cancellable_is_cancelled (reader->connection.cancellable))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("%s: cancelled"), doing);
      return FALSE;
    }
  return TRUE;
}

static McColumn *
finish_typed (PgColumn *column,
              gsize     n_rows)
{
  McColumn *typed = g_steal_pointer (&column->typed);

  if (n_rows > column->capacity)
    typed->v.data = mc_buffer_resize (typed->v.data, MAX (n_rows, 1) * value_size (typed->type));
  typed->n_rows = n_rows;
  for (guint i = 0; i < column->missing->len; i++)
    mc_column_set_missing (typed, g_array_index (column->missing, guint32, i));
  return typed;
}

/* Where the table is on the server, for queries that run there. */
static void
set_origin (PgReader *reader,
            PgTable  *table)
{
  McPgOrigin *origin = g_new0 (McPgOrigin, 1);

  origin->conninfo = g_strdup (reader->conninfo);
  origin->schema = g_strdup (reader->schema);
  origin->table = g_strdup (table->name);
  origin->rows = table->estimated_rows;
  origin->sampled = table->sample_percent > 0;
  origin->types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint c = 0; c < table->columns->len; c++)
    {
      PgColumn *column = g_ptr_array_index (table->columns, c);

      g_hash_table_insert (origin->types, g_strdup (column->name), g_strdup (column->type_name));
    }
  mc_pg_table_set_origin (table->table, origin);
}

static void
build_table (PgReader *reader,
             PgTable  *table)
{
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);

  table->table = mc_table_new (table->name, reader->connection.label);
  set_origin (reader, table);
  for (guint c = 0; c < table->columns->len; c++)
    {
      PgColumn *column = g_ptr_array_index (table->columns, c);
      g_autoptr(McColumn) built = NULL;

      if (column->read_as == READ_TEXT)
        built = mc_csv_finish_strings (&column->text, column->name, notes);
      else
        built = finish_typed (column, table->n_rows);
      mc_table_add_column (table->table, built);
    }
  mc_table_set_encoding (table->table, "utf-8");
  if (table->sample_percent > 0)
    g_ptr_array_add (notes, g_strdup_printf (_("only a sample of %zu of its about %.0f rows was read (TABLESAMPLE); "
                                               "the figures computed on the server use every row"),
                                             table->n_rows, table->estimated_rows * 100.0 / table->sample_percent));
  for (guint i = 0; i < notes->len; i++)
    mc_table_add_note (table->table, g_ptr_array_index (notes, i));
}

static gboolean
read_table (PgReader  *reader,
            PgTable   *table,
            GError   **error)
{
  if (!list_columns (reader, table, error) || !read_rows (reader, table, error))
    return FALSE;
  build_table (reader, table);
  reader->bytes_before += MAX (table->bytes, 1);
  if (reader->progress != NULL)
    reader->progress ((double) reader->bytes_before / MAX (reader->bytes_total, 1), NULL, reader->user_data);
  return TRUE;
}

/* Single-column keys only: the dataset's relations join one column to
 * another's primary key. */
static const char keys_sql[] =
  "SELECT con.contype, con.conrelid, con.conkey[1], con.confrelid, con.confkey[1] "
  "FROM pg_catalog.pg_constraint con "
  "JOIN pg_catalog.pg_class c ON c.oid = con.conrelid "
  "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
  "WHERE n.nspname = $1 AND con.contype IN ('p', 'f') AND pg_catalog.cardinality (con.conkey) = 1 "
  "ORDER BY con.contype DESC, con.conname COLLATE \"C\"";

static PgTable *
find_table (PgReader   *reader,
            const char *oid_text)
{
  guint32 oid = (guint32) g_ascii_strtoull (oid_text, NULL, 10);

  for (guint t = 0; t < reader->tables->len; t++)
    if (((PgTable *) g_ptr_array_index (reader->tables, t))->oid == oid)
      return g_ptr_array_index (reader->tables, t);
  return NULL;
}

static int
find_column (PgTable    *table,
             const char *attnum_text)
{
  int attnum = atoi (attnum_text);

  for (guint c = 0; table != NULL && c < table->columns->len; c++)
    if (((PgColumn *) g_ptr_array_index (table->columns, c))->attnum == attnum)
      return (int) c;
  return -1;
}

static void
add_key (PgTable *table,
         int      column,
         PgTable *to_table,
         int      to_column,
         GArray  *foreign_keys)
{
  McPgForeignKey key = { table->table, column, NULL, 0 };

  if (to_table == NULL)
    {
      mc_table_set_primary_key (table->table, column);
      return;
    }
  /* A reference to a unique column that is not the key is left to
   * inference, which joins to primary keys only. */
  if (to_column < 0 || mc_table_get_primary_key (to_table->table) != to_column)
    return;
  key.to_table = to_table->table;
  key.to_column = to_column;
  g_array_append_val (foreign_keys, key);
}

static gboolean
read_keys (PgReader  *reader,
           GArray    *foreign_keys,
           GError   **error)
{
  g_autoptr(PGresult) result = NULL;
  /* Translators: %s is a schema of the database. */
  g_autofree char *doing = g_strdup_printf (_("reading the keys of schema %s"), reader->schema);
  const char *params[] = { reader->schema };

  result = mc_pg_connection_query (&reader->connection, doing, keys_sql, 1, params, error);
  if (result == NULL)
    return FALSE;
  /* Primary keys come first (ORDER BY contype DESC): references need them. */
  for (int r = 0; r < PQntuples (result); r++)
    {
      gboolean primary = PQgetvalue (result, r, 0)[0] == 'p';
      PgTable *table = find_table (reader, PQgetvalue (result, r, 1));
      PgTable *to_table = primary ? NULL : find_table (reader, PQgetvalue (result, r, 3));
      int column = find_column (table, PQgetvalue (result, r, 2));

      if (table == NULL || column < 0 || (!primary && to_table == NULL))
        continue;
      add_key (table, column, to_table, primary ? -1 : find_column (to_table, PQgetvalue (result, r, 4)), foreign_keys);
    }
  return TRUE;
}

static gboolean
read_tables (PgReader  *reader,
             GArray    *foreign_keys,
             GError   **error)
{
  if (!find_schema (reader, error) || !list_tables (reader, error))
    return FALSE;
  for (guint t = 0; t < reader->tables->len; t++)
    if (!read_table (reader, g_ptr_array_index (reader->tables, t), error))
      return FALSE;
  return read_keys (reader, foreign_keys, error);
}

GPtrArray *
mc_pg_read (const char         *conninfo,
            GArray            **foreign_keys,
            McProgressFunc      progress,
            gpointer            user_data,
            GCancellable       *cancellable,
            GError            **error)
{
  PgReader reader = { .conninfo = conninfo, .progress = progress, .user_data = user_data };
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (McPgForeignKey));
  GPtrArray *tables = NULL;

  g_return_val_if_fail (conninfo != NULL, NULL);
  g_return_val_if_fail (foreign_keys != NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (mc_pg_connection_open (&reader.connection, conninfo, cancellable, error)
      && read_tables (&reader, keys, error))
    {
      tables = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint t = 0; t < reader.tables->len; t++)
        g_ptr_array_add (tables, g_object_ref (((PgTable *) g_ptr_array_index (reader.tables, t))->table));
      *foreign_keys = g_steal_pointer (&keys);
    }
  pg_reader_clear (&reader);
  return tables;
}
