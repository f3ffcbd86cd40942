/* mc-csv-finish.c: settle each column's type once all its values are in
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-csv-finish"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mc-buffer.h"
#include "mc-csv-private.h"
#include "mc-roles.h"

/* A column keeps its type when at most this share of its values fail to
 * parse; the failures are kept for the type_mismatch check. */
#define MAX_MISMATCH_SHARE 0.05
#define SNIFF_SHARE 0.9

gboolean
mc_name_is_id_like (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);
  gsize len = strlen (name);

  if (g_str_equal (lower, "id") || g_str_equal (lower, "uuid") || g_str_equal (lower, "guid"))
    return TRUE;
  if (g_str_has_suffix (lower, "_id") || g_str_has_suffix (lower, " id")
      || g_str_has_suffix (lower, "-id") || g_str_has_suffix (lower, ".id")
      || g_str_has_suffix (lower, "_uuid") || g_str_has_suffix (lower, "_key"))
    return TRUE;
  if (mc_roles_is_numbered_key (lower))
    return TRUE;
  /* camelCase "customerId" and "CustomerID". */
  return len > 2 && g_ascii_islower (name[len - 3])
      && (g_str_has_suffix (name, "Id") || g_str_has_suffix (name, "ID"));
}

typedef struct
{
  guint n, ints, numbers, iso_dates, iso_datetimes, ab_dates, ab_datetimes, bools, uuids, no_digits;
} SniffCounts;

static void
sniff_value (SniffCounts *counts,
             const char  *text)
{
  gsize len = strlen (text);
  double number;
  gint64 value;
  guint8 flag;
  guint8 bytes[16];
  int letter_case;
  gboolean plain;

  if (mc_is_missing_token (text, len))
    return;
  counts->n++;
  counts->no_digits += strpbrk (text, "0123456789") == NULL;
  counts->ints += mc_parse_int64 (text, len, &value);
  counts->numbers += mc_parse_number (text, len, &number) != MC_NUMBER_NONE;
  counts->bools += mc_parse_boolean (text, len, &flag);
  counts->uuids += mc_parse_uuid (text, len, bytes, &letter_case, &plain);
  switch (mc_parse_date (text, len, &value))
    {
    case MC_DATE_ISO: counts->iso_dates++; break;
    case MC_DATETIME_ISO: counts->iso_datetimes++; break;
    case MC_DATE_AB: counts->ab_dates++; break;
    case MC_DATETIME_AB: counts->ab_datetimes++; break;
    case MC_DATE_NONE:
    default:
      break;
    }
}

/* Chooses how chunks store a column from the first rows of the file. A
 * wrong guess costs time, never data: values that do not fit are kept as
 * issues, and a column with too many is read again as text. */
McStorage
mc_storage_for_values (const char **values,
                       guint        n_values,
                       gboolean     id_like)
{
  SniffCounts c = { 0 };
  double enough;

  for (guint i = 0; i < n_values; i++)
    sniff_value (&c, values[i]);
  if (c.n == 0)
    return MC_STORAGE_STRING;
  /* Texts without digits in a minority of rows ("data layer field
   * missing") do not vote: they will be placeholders. */
  enough = SNIFF_SHARE * (c.no_digits * 2 < c.n ? c.n - c.no_digits : c.n);
  enough = MAX (enough, 1);
  if (id_like)
    return c.uuids >= enough ? MC_STORAGE_UUID : MC_STORAGE_STRING;
  if (c.bools >= enough)
    return MC_STORAGE_BOOL;
  if (c.ints >= enough)
    return MC_STORAGE_INT;
  if (c.numbers >= enough)
    return MC_STORAGE_DOUBLE;
  if (c.iso_dates + c.iso_datetimes >= enough)
    return c.iso_datetimes > 0 ? MC_STORAGE_DATETIME : MC_STORAGE_DATE;
  if (c.ab_dates + c.ab_datetimes >= enough)
    return c.ab_datetimes > 0 ? MC_STORAGE_DATETIME_AB : MC_STORAGE_DATE_AB;
  if (c.uuids >= enough)
    return MC_STORAGE_UUID;
  return MC_STORAGE_STRING;
}

gboolean
mc_uuid_form_matches (McUuidForm form,
                      int        letter_case,
                      gboolean   plain)
{
  int expected_case = (form & MC_UUID_FORM_UPPER) ? 2 : 1;

  /* Digits only print the same in either case; mixed never does. */
  return (letter_case == 0 || letter_case == expected_case) && plain == ((form & MC_UUID_FORM_PLAIN) != 0);
}

void
mc_uuid_form_vote (gsize    votes[MC_N_UUID_FORMS],
                   int      letter_case,
                   gboolean plain,
                   gsize    weight)
{
  /* A UUID in mixed case is no form a column could print in. */
  if (letter_case != 3)
    votes[(letter_case == 2 ? MC_UUID_FORM_UPPER : 0) | (plain ? MC_UUID_FORM_PLAIN : 0)] += weight;
}

McUuidForm
mc_uuid_form_elected (const gsize votes[MC_N_UUID_FORMS])
{
  McUuidForm best = MC_UUID_FORM_LOWER;

  for (guint form = 1; form < MC_N_UUID_FORMS; form++)
    if (votes[form] > votes[best])
      best = form;
  return best;
}

McUuidForm
mc_uuid_form_for_values (const char **values,
                         guint        n_values)
{
  gsize votes[MC_N_UUID_FORMS] = { 0 };

  for (guint i = 0; i < n_values; i++)
    {
      guint8 bytes[16];
      int letter_case;
      gboolean plain;

      if (mc_parse_uuid (values[i], strlen (values[i]), bytes, &letter_case, &plain))
        mc_uuid_form_vote (votes, letter_case, plain, 1);
    }
  return mc_uuid_form_elected (votes);
}

gboolean
mc_chunk_row_is_missing (const McChunkColumn *merged,
                         gsize                row)
{
  return (merged->missing[row >> 6] >> (row & 63)) & 1;
}

void
mc_chunk_column_add_issue (McChunkColumn   *column,
                           gsize            row,
                           McCellIssueKind  kind,
                           const char      *raw)
{
  McChunkIssue issue = { (guint32) row, kind, g_string_chunk_insert (column->arena, raw) };

  g_array_append_val (column->issues, issue);
  if (!mc_chunk_row_is_missing (column, row))
    {
      column->missing[row >> 6] |= G_GUINT64_CONSTANT (1) << (row & 63);
      column->n_missing++;
    }
}

static int
compare_issue_rows (gconstpointer a,
                    gconstpointer b)
{
  guint32 x = ((const McCellIssue *) a)->row, y = ((const McCellIssue *) b)->row;

  return (x > y) - (x < y);
}

/* A verbatim cell remembers the value its text was read as, so that the
 * writer tells whether a step changed it since. */
static void
verbatim_value (McColumn           *column,
                const McChunkIssue *issue)
{
  double value = NAN;

  if (!mc_column_is_missing (column, issue->row) && !mc_column_get_double (column, issue->row, &value))
    value = NAN;
  mc_column_add_verbatim (column, issue->row, issue->raw, value);
}

void
mc_chunk_column_add_verbatim (McChunkColumn *column,
                              gsize          row,
                              const char    *raw)
{
  McChunkIssue issue = { (guint32) row, MC_CELL_ISSUE_VERBATIM, g_string_chunk_insert (column->arena, raw) };

  g_array_append_val (column->issues, issue);
}

/* Moves the merged arrays into a new column. */
McColumn *
mc_chunk_column_take (McChunkColumn *merged,
                      const char    *name,
                      McColumnType   type)
{
  McColumn *column = mc_column_new (name, type, 0);

  mc_buffer_free (column->v.data);
  column->v.data = g_steal_pointer (&merged->data);
  column->n_rows = merged->n;
  column->n_missing = merged->n_missing;
  if (merged->n_missing > 0)
    column->missing = g_steal_pointer (&merged->missing);
  for (guint i = 0; i < merged->issues->len; i++)
    {
      const McChunkIssue *issue = &g_array_index (merged->issues, McChunkIssue, i);

      if (issue->kind == MC_CELL_ISSUE_VERBATIM)
        verbatim_value (column, issue);
      else
        mc_column_add_issue (column, issue->row, issue->kind, issue->raw);
    }
  /* Verbatim cells were added beside the others, and conversions add
   * theirs after: the column's issues are sorted by row. */
  g_array_sort (column->issues, compare_issue_rows);
  return column;
}

static gboolean
too_many_issues (const McChunkColumn *merged)
{
  g_autoptr(GHashTable) placeholders = g_hash_table_new (g_str_hash, g_str_equal);
  gsize mismatches = 0, n_placeholders = 0;
  gsize good = merged->n - merged->n_missing;
  gsize values;

  for (guint i = 0; i < merged->issues->len; i++)
    {
      const McChunkIssue *issue = &g_array_index (merged->issues, McChunkIssue, i);

      if (issue->kind == MC_CELL_ISSUE_VERBATIM)
        continue;
      if (issue->kind == MC_CELL_ISSUE_MISMATCH)
        mismatches++;
      else
        n_placeholders++, g_hash_table_add (placeholders, (gpointer) issue->raw);
    }
  values = good + mismatches + n_placeholders;
  if (good == 0)
    return mismatches + n_placeholders > 0;
  /* A few distinct stand-in texts are placeholders however often they
   * occur; many distinct texts mean the column is really text. */
  if (g_hash_table_size (placeholders) > 3
      && n_placeholders > MAX_MISMATCH_SHARE * values)
    return TRUE;
  return mismatches > MAX_MISMATCH_SHARE * values;
}

static void
add_note (GPtrArray  *notes,
          const char *format,
          ...) G_GNUC_PRINTF (2, 3);

static void
add_note (GPtrArray  *notes,
          const char *format,
          ...)
{
  va_list args;

  va_start (args, format);
  if (notes != NULL)
    g_ptr_array_add (notes, g_strdup_vprintf (format, args));
  va_end (args);
}

gboolean
mc_packed_date_to_days (gint64   packed,
                        gboolean day_first,
                        gint32  *days)
{
  int year = (int) (packed / 10000);
  int a = (int) (packed / 100 % 100);
  int b = (int) (packed % 100);
  int day = day_first ? a : b;
  int month = day_first ? b : a;

  if (!mc_date_is_valid (year, month, day))
    return FALSE;
  *days = mc_days_from_civil (year, month, day);
  return TRUE;
}

/* Settles "01/05/2024": day first unless some value only fits month
 * first (12/25/2023). When nothing decides, day first is assumed and a
 * note says so. */
gboolean
mc_decide_day_first (const McChunkColumn *merged,
                     const char          *name,
                     GPtrArray           *notes)
{
  if (merged->max_b > 12 && merged->max_a <= 12)
    return FALSE;
  /* Spreadsheets in the US write month/day without leading zeros
   * (12/1/10 8:26); day-first locales pad (01/12/2010). */
  if (merged->max_a <= 12 && merged->unpadded)
    {
      /* Translators: a note on a table; %s is the name of a column. */
      add_note (notes, _("%s: dates such as 1/5 could be day/month or month/day; read as month/day, as dates "
                         "written without leading zeros usually are"), name);
      return FALSE;
    }
  if (merged->max_a <= 12)
    /* Translators: a note on a table; %s is the name of a column. */
    add_note (notes, _("%s: dates such as 01/05 could be day/month or month/day; read as day/month"), name);
  return TRUE;
}

static McColumn *
finish_ab_dates (McChunkColumn *merged,
                 const char    *name,
                 GPtrArray     *notes)
{
  gboolean day_first = mc_decide_day_first (merged, name, notes);
  gboolean with_time = merged->storage == MC_STORAGE_DATETIME_AB;
  McColumn *column;

  for (gsize r = 0; r < merged->n; r++)
    {
      gint64 packed, micros = 0;
      gint32 days;

      if (mc_chunk_row_is_missing (merged, r))
        continue;
      packed = with_time ? ((gint64 *) merged->data)[r] : ((gint32 *) merged->data)[r];
      if (with_time)
        {
          micros = packed % MC_MICROS_PER_DAY;
          packed /= MC_MICROS_PER_DAY;
        }
      if (!mc_packed_date_to_days (packed, day_first, &days))
        {
          char raw[32];

          g_snprintf (raw, sizeof raw, "%02d/%02d/%04d", (int) (packed / 100 % 100),
                      (int) (packed % 100), (int) (packed / 10000));
          mc_chunk_column_add_issue (merged, r, MC_CELL_ISSUE_MISMATCH, raw);
          continue;
        }
      if (with_time)
        ((gint64 *) merged->data)[r] = days * MC_MICROS_PER_DAY + micros;
      else
        ((gint32 *) merged->data)[r] = days;
    }
  column = mc_chunk_column_take (merged, name, with_time ? MC_COLUMN_TYPE_DATETIME : MC_COLUMN_TYPE_DATE);
  column->format = g_strdup (day_first ? "%d/%m/%Y" : "%m/%d/%Y");
  return column;
}

/* "19970101": a column of eight-digit integers that are all dates. */
static gboolean
is_compact_date_column (McChunkColumn *merged)
{
  const gint64 *values = merged->data;
  gsize seen = 0;

  for (gsize r = 0; r < merged->n; r++)
    {
      gint64 v = values[r];

      if (mc_chunk_row_is_missing (merged, r))
        continue;
      if (v < 19000101 || v > 21001231 || !mc_date_is_valid (v / 10000, v / 100 % 100, v % 100))
        return FALSE;
      seen++;
    }
  return seen > 0;
}

static McColumn *
finish_compact_dates (McChunkColumn *merged,
                      const char    *name)
{
  const gint64 *values = merged->data;
  gint32 *days = mc_buffer_alloc (MAX (merged->n, 1) * sizeof (gint32));
  McColumn *column;

  for (gsize r = 0; r < merged->n; r++)
    if (!mc_chunk_row_is_missing (merged, r))
      {
        char text[24];

        days[r] = mc_days_from_civil (values[r] / 10000, values[r] / 100 % 100, values[r] % 100);
        /* 20230105 prints as 2023-01-05: the text is kept for writing. */
        g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, values[r]);
        mc_chunk_column_add_verbatim (merged, r, text);
      }
  mc_buffer_free (merged->data);
  merged->data = days;
  column = mc_chunk_column_take (merged, name, MC_COLUMN_TYPE_DATE);
  column->format = g_strdup ("%Y%m%d");
  return column;
}

static gboolean
is_date_only (const McChunkColumn *merged,
              gsize                row)
{
  return merged->date_only != NULL && ((merged->date_only[row >> 6] >> (row & 63)) & 1);
}

/* A datetime column prints its midnights as most of them were written,
 * "2021-03-04" or "2021-03-04 00:00:00"; the others are kept verbatim.
 * Cells that are not the form of their column are the only text kept. */
static McColumn *
finish_datetimes (McChunkColumn *merged,
                  const char    *name)
{
  const gint64 *micros = merged->data;
  guint n_issues = merged->issues->len, next_issue = 0;
  gsize n_dates = 0, n_full = 0;
  gboolean as_date;
  McColumn *column;

  for (gsize r = 0; r < merged->n; r++)
    if (!mc_chunk_row_is_missing (merged, r))
      {
        n_dates += is_date_only (merged, r);
        n_full += !is_date_only (merged, r) && micros[r] % MC_MICROS_PER_DAY == 0;
      }
  as_date = n_dates > n_full;
  for (gsize r = 0; n_dates > 0 && r < merged->n; r++)
    {
      gboolean kept = FALSE;
      char text[40];

      for (; next_issue < n_issues && g_array_index (merged->issues, McChunkIssue, next_issue).row <= r; next_issue++)
        kept |= g_array_index (merged->issues, McChunkIssue, next_issue).row == r;
      if (kept || mc_chunk_row_is_missing (merged, r))
        continue;
      if (is_date_only (merged, r) && !as_date)
        mc_format_date ((gint32) (micros[r] / MC_MICROS_PER_DAY), text);
      else if (!is_date_only (merged, r) && as_date && micros[r] % MC_MICROS_PER_DAY == 0)
        mc_format_datetime (micros[r], text);
      else
        continue;
      mc_chunk_column_add_verbatim (merged, r, text);
    }
  column = mc_chunk_column_take (merged, name, MC_COLUMN_TYPE_DATETIME);
  column->midnight_as_date = as_date;
  return column;
}

/* European numbers ("1,5", "1.234,56") beside ones that read differently
 * that way ("12,500", "1.5") can only be settled from the text. */
static gboolean
numbers_need_text (const McChunkColumn *merged)
{
  const gsize *s = merged->n_by_syntax;
  gboolean european = s[MC_NUMBER_COMMA_DECIMAL] + s[MC_NUMBER_DOT_GROUPED] > 0;

  return european && s[MC_NUMBER_COMMA_AMBIGUOUS] + s[MC_NUMBER_DECIMAL] + s[MC_NUMBER_COMMA_GROUPED] > 0;
}

McColumn *
mc_chunk_column_finish (McChunkColumn *merged,
                        const char    *name,
                        GPtrArray     *notes)
{
  McColumn *column;

  if (merged->storage != MC_STORAGE_STRING && too_many_issues (merged))
    return NULL;

  switch (merged->storage)
    {
    case MC_STORAGE_INT:
      if (is_compact_date_column (merged))
        return finish_compact_dates (merged, name);
      return mc_chunk_column_take (merged, name, MC_COLUMN_TYPE_INTEGER);
    case MC_STORAGE_DOUBLE:
      if (numbers_need_text (merged))
        return NULL;
      return mc_chunk_column_take (merged, name, MC_COLUMN_TYPE_NUMBER);
    case MC_STORAGE_DATE:
      return mc_chunk_column_take (merged, name, MC_COLUMN_TYPE_DATE);
    case MC_STORAGE_DATETIME:
      return finish_datetimes (merged, name);
    case MC_STORAGE_DATE_AB:
    case MC_STORAGE_DATETIME_AB:
      return finish_ab_dates (merged, name, notes);
    case MC_STORAGE_BOOL:
      return mc_chunk_column_take (merged, name, MC_COLUMN_TYPE_BOOLEAN);
    case MC_STORAGE_UUID:
      column = mc_chunk_column_take (merged, name, MC_COLUMN_TYPE_IDENTIFIER);
      column->is_uuid = TRUE;
      column->uuid_upper = (merged->uuid_form & MC_UUID_FORM_UPPER) != 0;
      column->uuid_plain = (merged->uuid_form & MC_UUID_FORM_PLAIN) != 0;
      return column;
    case MC_STORAGE_STRING:   /* mc_csv_finish_strings()'s */
    case MC_STORAGE_SKIP:
    default:
      g_assert_not_reached ();
    }
}
