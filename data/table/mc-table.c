/* mc-table.c: a table read from one CSV file
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-table"

#include "config.h"

#include "mc-table.h"

struct _McTable
{
  GObject     parent_instance;

  char       *name;
  char       *path;
  GPtrArray  *columns;      /* McColumn */
  gsize       n_rows;
  guint32    *row_lines;    /* 1-based source line of each data row */
  int         primary_key;
  char       *encoding;
  char       *line_ending;
  GPtrArray  *notes;
  char        delimiter;
  gboolean    whitespace_aligned;
  gboolean    has_header;
};

G_DEFINE_FINAL_TYPE (McTable, mc_table, G_TYPE_OBJECT)

static void
mc_table_finalize (GObject *object)
{
  McTable *self = (McTable *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_pointer (&self->row_lines, g_free);
  g_clear_pointer (&self->encoding, g_free);
  g_clear_pointer (&self->line_ending, g_free);
  g_clear_pointer (&self->notes, g_ptr_array_unref);

  G_OBJECT_CLASS (mc_table_parent_class)->finalize (object);
}

static void
mc_table_class_init (McTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mc_table_finalize;
}

static void
mc_table_init (McTable *self)
{
  self->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_column_unref);
  self->notes = g_ptr_array_new_with_free_func (g_free);
  self->primary_key = -1;
  self->encoding = g_strdup ("utf-8");
  self->line_ending = g_strdup ("lf");
  self->delimiter = ',';
  self->has_header = TRUE;
}

McTable *
mc_table_new (const char *name,
              const char *path)
{
  McTable *self;

  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (MC_TYPE_TABLE, NULL);
  self->name = g_strdup (name);
  self->path = g_strdup (path);
  return self;
}

const char *
mc_table_get_name (McTable *self)
{
  g_return_val_if_fail (MC_IS_TABLE (self), NULL);

  return self->name;
}

/* Renames the table, e.g. when two files of a dataset share a name. */
void
mc_table_set_name (McTable    *self,
                   const char *name)
{
  g_return_if_fail (MC_IS_TABLE (self));
  g_return_if_fail (name != NULL);

  g_free (self->name);
  self->name = g_strdup (name);
}

const char *
mc_table_get_path (McTable *self)
{
  g_return_val_if_fail (MC_IS_TABLE (self), NULL);

  return self->path;
}

gsize
mc_table_get_n_rows (McTable *self)
{
  g_return_val_if_fail (MC_IS_TABLE (self), 0);

  return self->n_rows;
}

guint
mc_table_get_n_columns (McTable *self)
{
  g_return_val_if_fail (MC_IS_TABLE (self), 0);

  return self->columns->len;
}

McColumn *
mc_table_get_column (McTable *self,
                     guint    index)
{
  g_return_val_if_fail (MC_IS_TABLE (self), NULL);
  g_return_val_if_fail (index < self->columns->len, NULL);

  return g_ptr_array_index (self->columns, index);
}

int
mc_table_get_column_index (McTable    *self,
                           const char *name)
{
  g_return_val_if_fail (MC_IS_TABLE (self), -1);
  g_return_val_if_fail (name != NULL, -1);

  for (guint i = 0; i < self->columns->len; i++)
    {
      McColumn *column = g_ptr_array_index (self->columns, i);

      if (g_str_equal (column->name, name))
        return i;
    }
  return -1;
}

McColumn *
mc_table_lookup_column (McTable    *self,
                        const char *name)
{
  int index = mc_table_get_column_index (self, name);

  return index < 0 ? NULL : g_ptr_array_index (self->columns, index);
}

/* Takes a reference to COLUMN. The first column added fixes the table's
 * row count; every later one must have as many rows. */
void
mc_table_add_column (McTable  *self,
                     McColumn *column)
{
  g_return_if_fail (MC_IS_TABLE (self));
  g_return_if_fail (column != NULL);
  g_return_if_fail (self->columns->len == 0 || column->n_rows == self->n_rows);

  if (self->columns->len == 0)
    self->n_rows = column->n_rows;
  g_ptr_array_add (self->columns, mc_column_ref (column));
}

/* Puts COLUMN (referenced) in place of the column at INDEX. */
void
mc_table_replace_column (McTable  *self,
                         guint     index,
                         McColumn *column)
{
  g_return_if_fail (MC_IS_TABLE (self));
  g_return_if_fail (index < self->columns->len);
  g_return_if_fail (column->n_rows == self->n_rows);

  mc_column_unref (g_ptr_array_index (self->columns, index));
  g_ptr_array_index (self->columns, index) = mc_column_ref (column);
}

guint32
mc_table_get_row_line (McTable *self,
                       gsize    row)
{
  g_return_val_if_fail (MC_IS_TABLE (self), 0);
  g_return_val_if_fail (row < self->n_rows, 0);

  /* Tables built in memory have no source: count as if written plainly. */
  if (self->row_lines == NULL)
    return (guint32) row + (self->has_header ? 2 : 1);
  return self->row_lines[row];
}

/* The data row that starts on LINE of the source file, or -1. */
gssize
mc_table_find_row_at_line (McTable *self,
                           guint32  line)
{
  gsize low = 0, high;

  g_return_val_if_fail (MC_IS_TABLE (self), -1);

  high = self->n_rows;
  while (low < high)
    {
      gsize middle = low + (high - low) / 2;

      if (mc_table_get_row_line (self, middle) < line)
        low = middle + 1;
      else
        high = middle;
    }
  return low < self->n_rows && mc_table_get_row_line (self, low) == line ? (gssize) low : -1;
}

/* Takes ownership of LINES. */
void
mc_table_set_row_lines (McTable *self,
                        guint32 *lines,
                        gsize    n_rows)
{
  g_return_if_fail (MC_IS_TABLE (self));
  g_return_if_fail (self->columns->len == 0 || n_rows == self->n_rows);

  g_free (self->row_lines);
  self->row_lines = lines;
  self->n_rows = n_rows;
}

int
mc_table_get_primary_key (McTable *self)
{
  g_return_val_if_fail (MC_IS_TABLE (self), -1);

  return self->primary_key;
}

void
mc_table_set_primary_key (McTable *self,
                          int      column)
{
  g_return_if_fail (MC_IS_TABLE (self));
  g_return_if_fail (column < (int) self->columns->len);

  self->primary_key = column;
}

McColumn *
mc_table_find_role (McTable *self,
                    McRole   role)
{
  g_return_val_if_fail (MC_IS_TABLE (self), NULL);

  for (guint i = 0; i < self->columns->len; i++)
    {
      McColumn *column = g_ptr_array_index (self->columns, i);

      if (column->role == role)
        return column;
    }
  return NULL;
}

/* Sets a role chosen by the user: inference keeps it from now on. */
void
mc_table_set_role (McTable *self,
                   guint    column,
                   McRole   role)
{
  McColumn *col;

  g_return_if_fail (MC_IS_TABLE (self));
  g_return_if_fail (column < self->columns->len);
  g_return_if_fail (role < MC_N_ROLES);

  col = g_ptr_array_index (self->columns, column);
  col->role = role;
  col->role_overridden = TRUE;
}

const char *
mc_table_get_encoding (McTable *self)
{
  g_return_val_if_fail (MC_IS_TABLE (self), NULL);

  return self->encoding;
}

void
mc_table_set_encoding (McTable    *self,
                       const char *encoding)
{
  g_return_if_fail (MC_IS_TABLE (self));

  g_free (self->encoding);
  self->encoding = g_strdup (encoding);
}

char
mc_table_get_delimiter (McTable *self)
{
  g_return_val_if_fail (MC_IS_TABLE (self), ',');

  return self->delimiter;
}

gboolean
mc_table_get_whitespace_aligned (McTable *self)
{
  g_return_val_if_fail (MC_IS_TABLE (self), FALSE);

  return self->whitespace_aligned;
}

void
mc_table_set_delimiter (McTable  *self,
                        char      delimiter,
                        gboolean  whitespace_aligned)
{
  g_return_if_fail (MC_IS_TABLE (self));

  self->delimiter = delimiter;
  self->whitespace_aligned = whitespace_aligned;
}

gboolean
mc_table_get_has_header (McTable *self)
{
  g_return_val_if_fail (MC_IS_TABLE (self), TRUE);

  return self->has_header;
}

void
mc_table_set_has_header (McTable  *self,
                         gboolean  has_header)
{
  g_return_if_fail (MC_IS_TABLE (self));

  self->has_header = !!has_header;
}

const char *
mc_table_get_line_ending (McTable *self)
{
  g_return_val_if_fail (MC_IS_TABLE (self), NULL);

  return self->line_ending;
}

void
mc_table_set_line_ending (McTable    *self,
                          const char *line_ending)
{
  g_return_if_fail (MC_IS_TABLE (self));

  g_free (self->line_ending);
  self->line_ending = g_strdup (line_ending);
}

const GPtrArray *
mc_table_get_notes (McTable *self)
{
  g_return_val_if_fail (MC_IS_TABLE (self), NULL);

  return self->notes;
}

void
mc_table_add_note (McTable    *self,
                   const char *note)
{
  g_return_if_fail (MC_IS_TABLE (self));
  g_return_if_fail (note != NULL);

  g_ptr_array_add (self->notes, g_strdup (note));
}

/**
 * mc_table_select_rows:
 *
 * A new table with ROWS of SELF (in that order), each keeping its source
 * line; columns are copied with their types, roles and issues.
 */
McTable *
mc_table_select_rows (McTable     *self,
                      const gsize *rows,
                      gsize        n)
{
  McTable *copy;
  g_autofree guint32 *lines = NULL;

  g_return_val_if_fail (MC_IS_TABLE (self), NULL);

  copy = mc_table_new (self->name, self->path);
  lines = g_new (guint32, MAX (n, 1));
  for (guint c = 0; c < self->columns->len; c++)
    {
      g_autoptr(McColumn) column = mc_column_select (g_ptr_array_index (self->columns, c), rows, n);

      mc_table_add_column (copy, column);
    }
  for (gsize i = 0; i < n; i++)
    lines[i] = mc_table_get_row_line (self, rows[i]);
  mc_table_set_row_lines (copy, g_steal_pointer (&lines), n);
  mc_table_set_has_header (copy, self->has_header);
  mc_table_set_primary_key (copy, self->primary_key);
  return copy;
}

/**
 * mc_table_share_columns:
 *
 * A new table holding SELF's columns themselves (not copies): a view of
 * the same data that another dataset can own.
 */
McTable *
mc_table_share_columns (McTable *self)
{
  McTable *copy;

  g_return_val_if_fail (MC_IS_TABLE (self), NULL);

  copy = mc_table_new (self->name, self->path);
  for (guint c = 0; c < self->columns->len; c++)
    mc_table_add_column (copy, g_ptr_array_index (self->columns, c));
  if (self->row_lines != NULL)
    mc_table_set_row_lines (copy, g_memdup2 (self->row_lines, MAX (self->n_rows, 1) * sizeof (guint32)), self->n_rows);
  mc_table_set_has_header (copy, self->has_header);
  mc_table_set_primary_key (copy, self->primary_key);
  return copy;
}

/**
 * mc_table_row_is_empty:
 *
 * Whether every cell of ROW is missing, in a table of two columns or
 * more: a spreadsheet's leftover row, which is neither a copy of another
 * nor evidence about any column.
 */
gboolean
mc_table_row_is_empty (McTable *self,
                       gsize    row)
{
  g_return_val_if_fail (MC_IS_TABLE (self), FALSE);

  if (self->columns->len < 2)
    return FALSE;
  for (guint c = 0; c < self->columns->len; c++)
    if (!mc_column_is_missing (g_ptr_array_index (self->columns, c), row))
      return FALSE;
  return TRUE;
}
