/* mc-csv-text.c: settle the type of a column read as text
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Text columns are dictionary-coded, so their type can be decided from
 * the distinct values alone, each weighted by how many rows hold it.
 */
#define G_LOG_DOMAIN "mc-csv-text"

#include "config.h"

#include <math.h>
#include <string.h>

#include "mc-buffer.h"
#include "mc-csv-private.h"

#define MIN_TYPED_SHARE 0.95
#define MAX_CATEGORIES 1000

typedef enum
{
  KIND_BOOL,
  KIND_INT,
  KIND_NUMBER,
  KIND_ISO_DATE,
  KIND_ISO_DATETIME,
  KIND_AB_DATE,
  KIND_AB_DATETIME,
  KIND_UUID,
  KIND_PADDED_CODE,
  KIND_DIGITS,
  KIND_HAS_SPACE,
  KIND_NO_DIGITS,     /* could stand in for a value: "unknown", "data layer field missing" */
  N_KINDS
} ValueKind;

typedef struct
{
  McChunkColumn *merged;
  const char    *name;
  GPtrArray     *notes;
  guint32       *counts;       /* rows holding each code */
  guint32       *kinds;        /* bit set of ValueKind per code */
  gsize          weight[N_KINDS];
  gsize          n_values;     /* non-missing rows */
  gsize          n_european;   /* rows written with a decimal comma */
  gsize          n_english;    /* rows written with a decimal point */
  guint          n_no_digit_texts;  /* distinct values without digits */
  gsize          uuid_votes[MC_N_UUID_FORMS];  /* rows of UUIDs written in each form */
  McUuidForm     uuid_form;
  gsize          n_plain_dates;  /* rows written 2021-03-04 */
  gsize          n_full_midnights; /* rows written 2021-03-04 00:00:00 */
  gboolean       midnight_as_date;
  gboolean       day_month;    /* dates are written 01/05/2024 */
  gboolean       day_first;
} TextColumn;

static gboolean
is_padded_code (const char *text)
{
  gsize len = strlen (text);

  if (len < 2 || text[0] != '0')
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

static guint32
classify (TextColumn *t,
          const char *text,
          gsize       count)
{
  gsize len = strlen (text);
  guint32 kinds = 0;
  McNumberSyntax syntax;
  double number;
  gint64 value;
  guint8 bytes[16];
  int letter_case;
  gboolean plain;

  if (mc_parse_boolean (text, len, bytes))
    kinds |= 1 << KIND_BOOL;
  if (mc_parse_int64 (text, len, &value))
    kinds |= 1 << KIND_INT;
  syntax = mc_parse_number (text, len, &number);
  if (syntax != MC_NUMBER_NONE)
    kinds |= 1 << KIND_NUMBER;
  if (syntax == MC_NUMBER_COMMA_DECIMAL || syntax == MC_NUMBER_DOT_GROUPED)
    t->n_european += count;
  else if (syntax == MC_NUMBER_DECIMAL || syntax == MC_NUMBER_COMMA_GROUPED)
    t->n_english += count;
  switch (mc_parse_date (text, len, &value))
    {
    case MC_DATE_ISO:
      kinds |= 1 << KIND_ISO_DATE;
      t->n_plain_dates += mc_csv_prints_back (MC_COLUMN_TYPE_DATE, text, len) ? count : 0;
      break;
    case MC_DATETIME_ISO:
      kinds |= 1 << KIND_ISO_DATETIME;
      t->n_full_midnights += value % MC_MICROS_PER_DAY == 0 && mc_csv_prints_back (MC_COLUMN_TYPE_DATETIME, text, len)
                             ? count : 0;
      break;
    case MC_DATE_AB: kinds |= 1 << KIND_AB_DATE; break;
    case MC_DATETIME_AB: kinds |= 1 << KIND_AB_DATETIME; break;
    case MC_DATE_NONE:
    default:
      break;
    }
  if (mc_parse_uuid (text, len, bytes, &letter_case, &plain))
    {
      kinds |= 1 << KIND_UUID;
      mc_uuid_form_vote (t->uuid_votes, letter_case, plain, count);
    }
  if (is_padded_code (text))
    kinds |= 1 << KIND_PADDED_CODE;
  if (len > 0 && strspn (text, "0123456789") == len)
    kinds |= 1 << KIND_DIGITS;
  if (strchr (text, ' ') != NULL)
    kinds |= 1 << KIND_HAS_SPACE;
  if (strpbrk (text, "0123456789") == NULL)
    kinds |= 1 << KIND_NO_DIGITS;
  return kinds;
}

static void
text_column_scan (TextColumn *t)
{
  McChunkColumn *m = t->merged;
  const guint32 *codes = m->data;
  guint n_codes = m->dict->len;

  t->counts = g_new0 (guint32, MAX (n_codes, 1));
  t->kinds = g_new0 (guint32, MAX (n_codes, 1));
  for (gsize r = 0; r < m->n; r++)
    if (!mc_chunk_row_is_missing (m, r))
      t->counts[codes[r]]++;
  for (guint c = 0; c < n_codes; c++)
    {
      if (t->counts[c] == 0)
        continue;
      t->kinds[c] = classify (t, g_ptr_array_index (m->dict, c), t->counts[c]);
      t->n_values += t->counts[c];
      t->n_no_digit_texts += (t->kinds[c] >> KIND_NO_DIGITS) & 1;
      for (guint k = 0; k < N_KINDS; k++)
        if (t->kinds[c] & (1u << k))
          t->weight[k] += t->counts[c];
    }
}

/* Rows whose text may stand in for a value: a few distinct texts without
 * digits, in a minority of rows. They do not vote on the column's type
 * and become placeholders once it is settled. */
static gsize
stand_in_rows (TextColumn *t)
{
  gsize rows = t->weight[KIND_NO_DIGITS];

  return t->n_no_digit_texts <= 3 && rows * 2 < t->n_values ? rows : 0;
}

/* Whether WEIGHT rows are nearly all of the rows that vote. */
static gboolean
mostly (TextColumn *t,
        gsize       weight)
{
  gsize voters = t->n_values - stand_in_rows (t);

  return voters > 0 && weight > 0 && weight >= MIN_TYPED_SHARE * voters;
}

/* One parsed value per dictionary code, up to 16 bytes each. */
typedef union
{
  gint64  i64;
  double  f64;
  gint32  days;
  guint8  flag;
  guint8  uuid[16];
} Parsed;

/* Reads a date or datetime written as the column writes them: ISO, or
 * day and month in the order settled for the column. */
static gboolean
parse_date_code (TextColumn   *t,
                 McColumnType  type,
                 const char   *text,
                 gsize         len,
                 Parsed       *out)
{
  McDateSyntax syntax = mc_parse_date (text, len, &out->i64);
  gint64 micros = 0;
  gint32 days;

  if (t->day_month != (syntax == MC_DATE_AB || syntax == MC_DATETIME_AB) || syntax == MC_DATE_NONE)
    return FALSE;
  if (syntax == MC_DATETIME_AB)
    {
      micros = out->i64 % MC_MICROS_PER_DAY;
      out->i64 /= MC_MICROS_PER_DAY;
    }
  if (t->day_month)
    {
      if (!mc_packed_date_to_days (out->i64, t->day_first, &days))
        return FALSE;
      out->i64 = days * MC_MICROS_PER_DAY + micros;
      syntax = syntax == MC_DATE_AB ? MC_DATE_ISO : MC_DATETIME_ISO;
      if (syntax == MC_DATE_ISO)
        out->i64 = days;
    }
  if (type == MC_COLUMN_TYPE_DATE)
    {
      out->days = (gint32) out->i64;
      return syntax == MC_DATE_ISO;
    }
  if (syntax == MC_DATE_ISO)
    out->i64 *= MC_MICROS_PER_DAY;
  return TRUE;
}

/* Settles day and month order from every distinct date of the column. */
static void
settle_day_month (TextColumn *t)
{
  McChunkColumn *m = t->merged;

  for (guint c = 0; c < m->dict->len; c++)
    {
      const char *text = g_ptr_array_index (m->dict, c);
      gint64 packed;

      if (t->counts[c] == 0 || !(t->kinds[c] & (1 << KIND_AB_DATE | 1 << KIND_AB_DATETIME)))
        continue;
      mc_parse_date (text, strlen (text), &packed);
      if (t->kinds[c] & (1 << KIND_AB_DATETIME))
        packed /= MC_MICROS_PER_DAY;
      m->max_a = MAX (m->max_a, (int) (packed / 100 % 100));
      m->max_b = MAX (m->max_b, (int) (packed % 100));
    }
  t->day_month = TRUE;
  t->day_first = mc_decide_day_first (m, t->name, t->notes);
}

static gboolean
parse_code (TextColumn   *t,
            McColumnType  type,
            gboolean      is_uuid,
            const char   *text,
            Parsed       *out)
{
  gsize len = strlen (text);
  int letter_case;
  gboolean plain;

  switch (type)
    {
    case MC_COLUMN_TYPE_BOOLEAN:
      return mc_parse_boolean (text, len, &out->flag);
    case MC_COLUMN_TYPE_INTEGER:
      return mc_parse_int64 (text, len, &out->i64);
    case MC_COLUMN_TYPE_NUMBER:
      if (t->n_european > t->n_english)
        return mc_parse_number_european (text, len, &out->f64);
      switch (mc_parse_number (text, len, &out->f64))
        {
        case MC_NUMBER_NONE:
        case MC_NUMBER_COMMA_DECIMAL:
        case MC_NUMBER_DOT_GROUPED:
          return FALSE;
        default:
          return TRUE;
        }
    case MC_COLUMN_TYPE_DATE:
    case MC_COLUMN_TYPE_DATETIME:
      return parse_date_code (t, type, text, len, out);
    case MC_COLUMN_TYPE_IDENTIFIER:
      return is_uuid && mc_parse_uuid (text, len, out->uuid, &letter_case, &plain);
    case MC_COLUMN_TYPE_CATEGORY:
    case MC_COLUMN_TYPE_TEXT:
    case MC_N_COLUMN_TYPES:
    default:
      return FALSE;
    }
}

/* Whether the value TEXT was read as prints back as TEXT in the column's
 * forms: its UUIDs' case and hyphens, how its midnights print. */
static gboolean
code_prints_back (TextColumn   *t,
                  McColumnType  type,
                  gboolean      is_uuid,
                  const char   *text,
                  const Parsed *parsed)
{
  gsize len = strlen (text);
  guint8 bytes[16];
  int letter_case;
  gboolean plain;

  if (is_uuid)
    return mc_parse_uuid (text, len, bytes, &letter_case, &plain)
           && mc_uuid_form_matches (t->uuid_form, letter_case, plain);
  if (type == MC_COLUMN_TYPE_DATETIME && mc_csv_prints_back (MC_COLUMN_TYPE_DATE, text, len))
    return t->midnight_as_date;
  if (type == MC_COLUMN_TYPE_DATETIME && t->midnight_as_date && parsed->i64 % MC_MICROS_PER_DAY == 0)
    return FALSE;
  return mc_csv_prints_back (type, text, len);
}

static void
settle_forms (TextColumn *t)
{
  t->uuid_form = mc_uuid_form_elected (t->uuid_votes);
  t->midnight_as_date = t->n_plain_dates > t->n_full_midnights;
}

static gsize
type_size (McColumnType type,
           gboolean     is_uuid)
{
  switch (type)
    {
    case MC_COLUMN_TYPE_BOOLEAN: return 1;
    case MC_COLUMN_TYPE_DATE: return 4;
    case MC_COLUMN_TYPE_IDENTIFIER: return is_uuid ? 16 : 4;
    default: return 8;
    }
}

/* Rewrites the column's codes as typed values; values that do not parse
 * become issues, so nothing the file said is lost. */
static McColumn *
convert_codes (TextColumn   *t,
               McColumnType  type,
               gboolean      is_uuid)
{
  McChunkColumn *m = t->merged;
  guint n_codes = m->dict->len;
  g_autofree Parsed *parsed = g_new0 (Parsed, MAX (n_codes, 1));
  g_autofree gboolean *ok = g_new0 (gboolean, MAX (n_codes, 1));
  g_autofree gboolean *prints_back = g_new0 (gboolean, MAX (n_codes, 1));
  gsize size = type_size (type, is_uuid);
  guint8 *values = mc_buffer_alloc (MAX (m->n, 1) * size);
  const guint32 *codes = m->data;
  McColumn *column;

  settle_forms (t);
  for (guint c = 0; c < n_codes; c++)
    if (t->counts[c] > 0)
      {
        const char *text = g_ptr_array_index (m->dict, c);

        ok[c] = parse_code (t, type, is_uuid, text, &parsed[c]);
        /* "12/31/2023", "1,5", "yes" are read fine and print otherwise. */
        prints_back[c] = ok[c] && code_prints_back (t, type, is_uuid, text, &parsed[c]);
      }

  for (gsize r = 0; r < m->n; r++)
    {
      const char *raw;

      if (mc_chunk_row_is_missing (m, r))
        continue;
      if (ok[codes[r]])
        {
          memcpy (values + r * size, &parsed[codes[r]], size);
          if (!prints_back[codes[r]])
            mc_chunk_column_add_verbatim (m, r, g_ptr_array_index (m->dict, codes[r]));
          continue;
        }
      raw = g_ptr_array_index (m->dict, codes[r]);
      mc_chunk_column_add_issue (m, r, strpbrk (raw, "0123456789") ? MC_CELL_ISSUE_MISMATCH
                                                                     : MC_CELL_ISSUE_PLACEHOLDER, raw);
    }
  mc_buffer_free (m->data);
  m->data = values;
  column = mc_chunk_column_take (m, t->name, type);
  column->is_uuid = is_uuid;
  /* Printed as they were written (Olist's 32 hex digits stay so), as
   * when the chunks stored them as UUIDs. */
  column->uuid_upper = is_uuid && (t->uuid_form & MC_UUID_FORM_UPPER) != 0;
  column->uuid_plain = is_uuid && (t->uuid_form & MC_UUID_FORM_PLAIN) != 0;
  column->midnight_as_date = type == MC_COLUMN_TYPE_DATETIME && t->midnight_as_date;
  return column;
}

/* Codes such as "00042" beside "23569": digits only, some zero-padded. */
static gboolean
is_code_column (TextColumn *t)
{
  return t->weight[KIND_PADDED_CODE] > 0 && mostly (t, t->weight[KIND_DIGITS]);
}

/* Placeholders in an identifier column are the few values with spaces
 * ("data layer field missing") among codes that have none. */
static void
mark_identifier_placeholders (TextColumn *t)
{
  McChunkColumn *m = t->merged;
  const guint32 *codes = m->data;

  guint32 stand_in = 1 << KIND_HAS_SPACE | 1 << KIND_NO_DIGITS;

  if (stand_in_rows (t) == 0)
    return;
  for (gsize r = 0; r < m->n; r++)
    if (!mc_chunk_row_is_missing (m, r) && (t->kinds[codes[r]] & stand_in) == stand_in)
      mc_chunk_column_add_issue (m, r, MC_CELL_ISSUE_PLACEHOLDER, g_ptr_array_index (m->dict, codes[r]));
}

/* Whether every id is an integer a spreadsheet wrote as a float
 * ("16764.0"): the id meant is 16764. */
static gboolean
all_float_ids (GPtrArray *dict)
{
  for (guint c = 0; c < dict->len; c++)
    {
      const char *p = g_ptr_array_index (dict, c);

      if (*p == '-')
        p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
      if (*p++ != '.' || *p != '0')
        return FALSE;
      while (*p == '0')
        p++;
      if (*p != '\0')
        return FALSE;
    }
  return dict->len > 0;
}

static McColumn *
take_codes (TextColumn   *t,
            McColumnType  type)
{
  McColumn *column;
  GStringChunk *old_arena;

  column = mc_chunk_column_take (t->merged, t->name, type);
  /* The dictionary strings move with the arena. The issues' texts were
   * kept in the column's first arena: keep them in the new one before
   * the first is freed. */
  g_ptr_array_unref (column->dict);
  column->dict = g_steal_pointer (&t->merged->dict);
  old_arena = g_steal_pointer (&column->arena);
  column->arena = g_steal_pointer (&t->merged->arena);
  for (guint i = 0; i < column->issues->len; i++)
    {
      McCellIssue *issue = &g_array_index (column->issues, McCellIssue, i);

      issue->raw = mc_column_keep_text (column, issue->raw);
    }
  g_string_chunk_free (old_arena);
  if (type == MC_COLUMN_TYPE_IDENTIFIER)
    column->float_ids = all_float_ids (column->dict);
  return column;
}

static gboolean
looks_like_category (TextColumn *t)
{
  gsize distinct = 0, total_length = 0;

  for (guint c = 0; c < t->merged->dict->len; c++)
    if (t->counts[c] > 0)
      {
        const char *text = g_ptr_array_index (t->merged->dict, c);

        distinct++;
        total_length += strlen (text);
        if (strchr (text, '@') != NULL)
          return FALSE;
      }
  if (distinct == 0 || distinct > MAX_CATEGORIES || total_length / distinct > 40)
    return FALSE;
  /* Categories repeat: few distinct values for the rows they fill. */
  if (distinct * 2 > t->n_values)
    return FALSE;
  return distinct * 10 <= t->n_values || distinct <= 2 * sqrt ((double) t->n_values);
}

static McColumn *
finish_untyped (TextColumn *t)
{
  if (mc_name_is_id_like (t->name) || is_code_column (t))
    {
      if (mostly (t, t->weight[KIND_UUID]))
        return convert_codes (t, MC_COLUMN_TYPE_IDENTIFIER, TRUE);
      mark_identifier_placeholders (t);
      return take_codes (t, MC_COLUMN_TYPE_IDENTIFIER);
    }
  return take_codes (t, looks_like_category (t) ? MC_COLUMN_TYPE_CATEGORY : MC_COLUMN_TYPE_TEXT);
}

static McColumn *
finish_typed (TextColumn *t)
{
  gsize *w = t->weight;

  if (mostly (t, w[KIND_BOOL]))
    return convert_codes (t, MC_COLUMN_TYPE_BOOLEAN, FALSE);
  if (mostly (t, w[KIND_INT]) && w[KIND_INT] == w[KIND_NUMBER])
    return convert_codes (t, MC_COLUMN_TYPE_INTEGER, FALSE);
  if (mostly (t, w[KIND_NUMBER]))
    return convert_codes (t, MC_COLUMN_TYPE_NUMBER, FALSE);
  if (mostly (t, w[KIND_ISO_DATE]))
    return convert_codes (t, MC_COLUMN_TYPE_DATE, FALSE);
  if (mostly (t, w[KIND_ISO_DATE] + w[KIND_ISO_DATETIME]))
    return convert_codes (t, MC_COLUMN_TYPE_DATETIME, FALSE);
  if (mostly (t, w[KIND_AB_DATE] + w[KIND_AB_DATETIME]))
    {
      settle_day_month (t);
      return convert_codes (t, w[KIND_AB_DATETIME] > 0 ? MC_COLUMN_TYPE_DATETIME : MC_COLUMN_TYPE_DATE, FALSE);
    }
  if (mostly (t, w[KIND_UUID]))
    return convert_codes (t, MC_COLUMN_TYPE_IDENTIFIER, TRUE);
  return NULL;
}

McColumn *
mc_csv_finish_strings (McChunkColumn *merged,
                       const char    *name,
                       GPtrArray     *notes)
{
  TextColumn t = { merged, name, notes };
  McColumn *column = NULL;

  text_column_scan (&t);
  if (!mc_name_is_id_like (name) && !is_code_column (&t))
    column = finish_typed (&t);
  if (column == NULL)
    column = finish_untyped (&t);
  g_free (t.counts);
  g_free (t.kinds);
  return column;
}
