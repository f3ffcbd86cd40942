/* test-column.c: typed columns, formatting and statistics
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "mc-column.h"
#include "mc-key-set.h"

static void
test_integer_column (void)
{
  g_autoptr(McColumn) column = mc_column_new ("quantity", MC_COLUMN_TYPE_INTEGER, 5);
  g_autofree char *min = NULL, *max = NULL, *third = NULL;
  static const gint64 values[] = { 3, 9999, 10000, 3, -2 };

  for (guint i = 0; i < 5; i++)
    column->v.i64[i] = values[i];
  mc_column_set_missing (column, 2);
  mc_column_set_missing (column, 2);

  g_assert_cmpuint (column->n_missing, ==, 1);
  g_assert_true (mc_column_is_missing (column, 2));
  g_assert_false (mc_column_is_missing (column, 1));
  g_assert_null (mc_column_format_value (column, 2));
  /* 3, 9999 and -2: the repeated 3 counts once, the missing cell not at all. */
  g_assert_cmpuint (mc_column_count_distinct (column), ==, 3);
  min = mc_column_format_min (column);
  max = mc_column_format_max (column);
  g_assert_cmpstr (min, ==, "-2");
  g_assert_cmpstr (max, ==, "9999");
  third = mc_column_format_value (column, 1);
  g_assert_cmpstr (third, ==, "9999");
}

static void
test_number_formatting (void)
{
  g_autoptr(McColumn) column = mc_column_new ("price", MC_COLUMN_TYPE_NUMBER, 3);
  g_autofree char *a = NULL, *b = NULL, *c = NULL;

  column->v.f64[0] = 12.3;
  column->v.f64[1] = 35000;
  column->v.f64[2] = -0.000125;
  a = mc_column_format_value (column, 0);
  b = mc_column_format_value (column, 1);
  c = mc_column_format_value (column, 2);
  g_assert_cmpstr (a, ==, "12.3");
  g_assert_cmpstr (b, ==, "35000");
  g_assert_cmpstr (c, ==, "-0.000125");
}

static void
test_temporal_formatting (void)
{
  char buffer[40];

  mc_format_date (19844, buffer);
  g_assert_cmpstr (buffer, ==, "2024-05-01");
  mc_format_date (-1, buffer);
  g_assert_cmpstr (buffer, ==, "1969-12-31");
  mc_format_datetime (G_GINT64_CONSTANT (19844) * 86400000000 + G_GINT64_CONSTANT (49500) * 1000000, buffer);
  g_assert_cmpstr (buffer, ==, "2024-05-01 13:45:00");
  mc_format_datetime (G_GINT64_CONSTANT (19844) * 86400000000 + 123456, buffer);
  g_assert_cmpstr (buffer, ==, "2024-05-01 00:00:00.123456");
  /* One microsecond before the epoch. */
  mc_format_datetime (-1, buffer);
  g_assert_cmpstr (buffer, ==, "1969-12-31 23:59:59.999999");
}

static void
test_uuid_formatting (void)
{
  static const guint8 bytes[16] = {
    0x2c, 0x19, 0x2c, 0x40, 0xf6, 0x9f, 0x42, 0xe5, 0x94, 0x31, 0x41, 0xd9, 0x25, 0x58, 0x56, 0x8b,
  };
  char buffer[37];

  mc_format_uuid (bytes, FALSE, FALSE, buffer);
  g_assert_cmpstr (buffer, ==, "2c192c40-f69f-42e5-9431-41d92558568b");
  mc_format_uuid (bytes, TRUE, TRUE, buffer);
  g_assert_cmpstr (buffer, ==, "2C192C40F69F42E5943141D92558568B");
}

static void
test_text_column (void)
{
  g_autoptr(McColumn) column = mc_column_new ("platform", MC_COLUMN_TYPE_CATEGORY, 4);
  g_autoptr(GHashTable) placeholders = NULL;
  g_autofree char *min = NULL, *max = NULL;
  guint website = mc_column_intern (column, "Website");
  guint dealership = mc_column_intern (column, "Dealership");

  column->v.codes[0] = website;
  column->v.codes[1] = dealership;
  column->v.codes[2] = website;
  mc_column_set_missing (column, 3);
  mc_column_add_issue (column, 3, MC_CELL_ISSUE_PLACEHOLDER, "data layer field missing");

  g_assert_cmpstr (mc_column_get_string (column, 1), ==, "Dealership");
  g_assert_null (mc_column_get_string (column, 3));
  g_assert_cmpuint (mc_column_count_distinct (column), ==, 2);
  min = mc_column_format_min (column);
  max = mc_column_format_max (column);
  g_assert_cmpstr (min, ==, "Dealership");
  g_assert_cmpstr (max, ==, "Website");
  g_assert_cmpuint (mc_column_count_issues (column, MC_CELL_ISSUE_PLACEHOLDER), ==, 1);
  g_assert_cmpuint (mc_column_count_issues (column, MC_CELL_ISSUE_MISMATCH), ==, 0);
  placeholders = mc_column_count_placeholders (column);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (placeholders, "data layer field missing")), ==, 1);
}

static void
test_type_names (void)
{
  McColumnType type;

  for (guint i = 0; i < MC_N_COLUMN_TYPES; i++)
    {
      g_assert_true (mc_column_type_from_string (mc_column_type_to_string (i), &type));
      g_assert_cmpint (type, ==, i);
    }
  g_assert_cmpstr (mc_column_type_to_string (MC_COLUMN_TYPE_IDENTIFIER), ==, "identifier");
  g_assert_false (mc_column_type_from_string ("string", &type));
}

/* More than 64 Ki values are counted in two halves of the hash range,
 * the second in the first's table: 200,000 rows of i % 150,000, zero
 * among them, every 1000th row from row 999 missing. The rows holding a
 * value v are v and v + 150,000, which end in the same three digits: the
 * 150 values ending in 999 are never present, the other 149,850 are. */
static void
test_distinct_halves (void)
{
  g_autoptr(McColumn) column = mc_column_new ("n", MC_COLUMN_TYPE_INTEGER, 200000);

  for (gsize i = 0; i < 200000; i++)
    {
      column->v.i64[i] = (gint64) (i % 150000);
      if (i % 1000 == 999)
        mc_column_set_missing (column, i);
    }
  g_assert_cmpuint (mc_column_count_distinct (column), ==, 149850);
}

/* A column of N values i % MODULO times STEP, as UUIDs (the value in the
 * last byte) or integers, with every tenth row from row 9 missing when
 * HOLES. */
static McColumn *
make_keys (gboolean uuid,
           gsize    n,
           guint    step,
           guint    modulo,
           gboolean holes)
{
  McColumn *column = mc_column_new ("key", uuid ? MC_COLUMN_TYPE_IDENTIFIER : MC_COLUMN_TYPE_INTEGER, n);

  column->is_uuid = uuid;
  for (gsize i = 0; i < n; i++)
    {
      guint value = (guint) (i % modulo) * step;

      if (uuid)
        {
          memset (column->v.uuids + i * 16, 0xab, 15);
          column->v.uuids[i * 16 + 15] = (guint8) value;
        }
      else
        column->v.i64[i] = value;
      if (holes && i % 10 == 9)
        mc_column_set_missing (column, i);
    }
  return column;
}

/* Sets of 100 rows go through the look-ahead of mc-key-set.c several
 * times over. Values are i % 40 with rows 9, 19, ... missing, so the
 * values 9, 19, 29 and 39 never occur: 36 distinct. */
static void
test_key_set (void)
{
  for (int uuid = 0; uuid <= 1; uuid++)
    {
      g_autoptr(McColumn) keys = make_keys (uuid, 100, 1, 40, TRUE);
      g_autoptr(McColumn) from = make_keys (uuid, 50, 2, 50, FALSE);
      g_autoptr(McKeySet) set = mc_key_set_new (keys);
      gsize unmatched = 99;

      g_assert_cmpuint (mc_key_set_size (set), ==, 36);
      /* Row 45 holds 5, first seen at row 5; row 9 is missing. */
      g_assert_cmpint (mc_key_set_lookup (set, keys, 45), ==, 5);
      g_assert_cmpint (mc_key_set_lookup (set, keys, 9), ==, -1);
      /* FROM holds 0, 2, ..., 98: the 20 values 0 to 38 are in the set. */
      g_assert_cmpfloat (mc_key_set_match_rate (set, from, 0, &unmatched), ==, 0.4);
      g_assert_cmpuint (unmatched, ==, 30);
      g_assert_cmpfloat (mc_key_set_match_rate (set, from, 10, &unmatched), ==, 1.0);
      g_assert_cmpuint (unmatched, ==, 0);
      /* 0, 2, ..., 38 match, 40, ..., 98 do not: a row of each. */
      g_assert_cmpint (mc_key_set_lookup (set, from, 19), ==, 38);
      g_assert_cmpint (mc_key_set_lookup (set, from, 20), ==, -1);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Mercato/Column/integer", test_integer_column);
  g_test_add_func ("/Mercato/Column/number-formatting", test_number_formatting);
  g_test_add_func ("/Mercato/Column/temporal-formatting", test_temporal_formatting);
  g_test_add_func ("/Mercato/Column/uuid-formatting", test_uuid_formatting);
  g_test_add_func ("/Mercato/Column/text", test_text_column);
  g_test_add_func ("/Mercato/Column/type-names", test_type_names);
  g_test_add_func ("/Mercato/Column/key-set", test_key_set);
  g_test_add_func ("/Mercato/Column/distinct-halves", test_distinct_halves);

  return g_test_run ();
}
