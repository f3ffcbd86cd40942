/* test-value-parse.c: cell text → values
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "mc-value-parse.h"

static McNumberSyntax
parse_number (const char *text,
              double     *value)
{
  return mc_parse_number (text, strlen (text), value);
}

static void
test_integers (void)
{
  gint64 v;

  g_assert_true (mc_parse_int64 ("42", 2, &v));
  g_assert_cmpint (v, ==, 42);
  g_assert_true (mc_parse_int64 ("-7", 2, &v));
  g_assert_cmpint (v, ==, -7);
  g_assert_true (mc_parse_int64 ("0", 1, &v));
  g_assert_cmpint (v, ==, 0);
  /* Zero-padded codes are not numbers. */
  g_assert_false (mc_parse_int64 ("00042", 5, &v));
  g_assert_false (mc_parse_int64 ("4.2", 3, &v));
  g_assert_false (mc_parse_int64 ("", 0, &v));
  g_assert_false (mc_parse_int64 ("-", 1, &v));
  g_assert_false (mc_parse_int64 ("1234567890123456789", 19, &v));
}

static void
test_numbers (void)
{
  double v;

  g_assert_cmpint (parse_number ("12.5", &v), ==, MC_NUMBER_DECIMAL);
  g_assert_cmpfloat (v, ==, 12.5);
  g_assert_cmpint (parse_number ("-0.25", &v), ==, MC_NUMBER_DECIMAL);
  g_assert_cmpfloat (v, ==, -0.25);
  g_assert_cmpint (parse_number (".5", &v), ==, MC_NUMBER_DECIMAL);
  g_assert_cmpfloat (v, ==, 0.5);
  g_assert_cmpint (parse_number ("3e-2", &v), ==, MC_NUMBER_DECIMAL);
  g_assert_cmpfloat (v, ==, 0.03);
  /* 0.1 must be the same double strtod gives, to the last bit. */
  g_assert_cmpint (parse_number ("0.1", &v), ==, MC_NUMBER_DECIMAL);
  g_assert_cmpfloat (v, ==, 0.1);
  g_assert_cmpint (parse_number ("63973.52223", &v), ==, MC_NUMBER_DECIMAL);
  g_assert_cmpfloat (v, ==, 63973.52223);
  g_assert_cmpint (parse_number ("12345678901234567.5", &v), ==, MC_NUMBER_DECIMAL);
  g_assert_cmpfloat (v, ==, 12345678901234567.5);
  /* More than 15 significant digits take strtod's path: the sign, the
   * separators and a decimal comma must still be read. */
  g_assert_cmpint (parse_number ("-7.9760794131960076", &v), ==, MC_NUMBER_DECIMAL);
  g_assert_cmpfloat (v, ==, -7.9760794131960076);
  g_assert_cmpint (parse_number ("1,234,567.1234567890123", &v), ==, MC_NUMBER_COMMA_GROUPED);
  g_assert_cmpfloat (v, ==, 1234567.1234567890123);
  g_assert_cmpint (parse_number ("-1.234.567,1234567890123", &v), ==, MC_NUMBER_DOT_GROUPED);
  g_assert_cmpfloat (v, ==, -1234567.1234567890123);

  g_assert_cmpint (parse_number ("1,234,567", &v), ==, MC_NUMBER_COMMA_GROUPED);
  g_assert_cmpfloat (v, ==, 1234567);
  g_assert_cmpint (parse_number ("1,234.50", &v), ==, MC_NUMBER_COMMA_GROUPED);
  g_assert_cmpfloat (v, ==, 1234.5);
  g_assert_cmpint (parse_number ("1.234,56", &v), ==, MC_NUMBER_DOT_GROUPED);
  g_assert_cmpfloat (v, ==, 1234.56);
  g_assert_cmpint (parse_number ("1.234.567", &v), ==, MC_NUMBER_DOT_GROUPED);
  g_assert_cmpfloat (v, ==, 1234567);
  g_assert_cmpint (parse_number ("1,5", &v), ==, MC_NUMBER_COMMA_DECIMAL);
  g_assert_cmpfloat (v, ==, 1.5);
  g_assert_cmpint (parse_number ("0,500", &v), ==, MC_NUMBER_COMMA_DECIMAL);
  g_assert_cmpfloat (v, ==, 0.5);
  g_assert_cmpint (parse_number ("12,500", &v), ==, MC_NUMBER_COMMA_AMBIGUOUS);
  g_assert_cmpfloat (v, ==, 12500);
  g_assert_cmpint (parse_number ("-12,500", &v), ==, MC_NUMBER_COMMA_AMBIGUOUS);
  g_assert_cmpfloat (v, ==, -12500);

  g_assert_true (mc_parse_number_european ("12,500", 6, &v));
  g_assert_cmpfloat (v, ==, 12.5);
  g_assert_true (mc_parse_number_european ("1.234", 5, &v));
  g_assert_cmpfloat (v, ==, 1234);

  g_assert_cmpint (parse_number ("12..5", &v), ==, MC_NUMBER_NONE);
  g_assert_cmpint (parse_number ("1,23,4", &v), ==, MC_NUMBER_NONE);
  g_assert_cmpint (parse_number ("abc", &v), ==, MC_NUMBER_NONE);
  g_assert_cmpint (parse_number ("00042", &v), ==, MC_NUMBER_NONE);
  g_assert_cmpint (parse_number ("1e", &v), ==, MC_NUMBER_NONE);
  g_assert_cmpint (parse_number (".", &v), ==, MC_NUMBER_NONE);

  /* Overflow to infinity is no number (issue 17): no analysis can use it. */
  g_assert_cmpint (parse_number ("1e309", &v), ==, MC_NUMBER_NONE);
  g_assert_cmpint (parse_number ("-1e400", &v), ==, MC_NUMBER_NONE);
  g_assert_cmpint (parse_number ("1,0e309", &v), ==, MC_NUMBER_NONE);
  g_assert_false (mc_parse_number_european ("1e309", 5, &v));
  g_assert_cmpint (parse_number ("1.7e308", &v), ==, MC_NUMBER_DECIMAL);
  g_assert_cmpint (parse_number ("99999999999999999999999", &v), ==, MC_NUMBER_DECIMAL);
}

static McDateSyntax
parse_date (const char *text,
            gint64     *value)
{
  return mc_parse_date (text, strlen (text), value);
}

static void
test_dates (void)
{
  gint64 v;

  /* 2024-05-01 is 19844 days after 1970-01-01: 54 years hold 13 leap
   * days (1972…2020), 54 × 365 + 13 = 19723, plus 121 days to May 1st
   * of a leap year. */
  g_assert_cmpint (mc_days_from_civil (2024, 5, 1), ==, 19844);
  g_assert_cmpint (mc_days_from_civil (1970, 1, 1), ==, 0);
  g_assert_cmpint (mc_days_from_civil (1969, 12, 31), ==, -1);

  g_assert_cmpint (parse_date ("2024-05-01", &v), ==, MC_DATE_ISO);
  g_assert_cmpint (v, ==, 19844);
  g_assert_cmpint (parse_date ("2024-05-01 13:45:00", &v), ==, MC_DATETIME_ISO);
  g_assert_cmpint (v, ==, 19844 * MC_MICROS_PER_DAY + (13 * 3600 + 45 * 60) * G_GINT64_CONSTANT (1000000));
  g_assert_cmpint (parse_date ("2024-05-01T13:45:00Z", &v), ==, MC_DATETIME_ISO);
  g_assert_cmpint (v, ==, 19844 * MC_MICROS_PER_DAY + (13 * 3600 + 45 * 60) * G_GINT64_CONSTANT (1000000));
  /* 13:45 at +02:00 is 11:45 UTC. */
  g_assert_cmpint (parse_date ("2024-05-01T13:45:00+02:00", &v), ==, MC_DATETIME_ISO);
  g_assert_cmpint (v, ==, 19844 * MC_MICROS_PER_DAY + (11 * 3600 + 45 * 60) * G_GINT64_CONSTANT (1000000));
  g_assert_cmpint (parse_date ("2023-05-01 10:00:00.123456", &v), ==, MC_DATETIME_ISO);
  g_assert_cmpint (v % 1000000, ==, 123456);
  g_assert_cmpint (parse_date ("2020-04-24 11:50:39 UTC", &v), ==, MC_DATETIME_ISO);
  g_assert_cmpint (v % MC_MICROS_PER_DAY, ==, (11 * 3600 + 50 * 60 + 39) * G_GINT64_CONSTANT (1000000));
  g_assert_cmpint (parse_date ("2023-05-01 10:00:00.5", &v), ==, MC_DATETIME_ISO);
  g_assert_cmpint (v % 1000000, ==, 500000);

  g_assert_cmpint (parse_date ("01/05/2024", &v), ==, MC_DATE_AB);
  g_assert_cmpint (v, ==, 20240105);
  g_assert_cmpint (parse_date ("20-10-2017", &v), ==, MC_DATE_AB);
  g_assert_cmpint (v, ==, 20172010);
  g_assert_cmpint (parse_date ("1/5/2024 09:30", &v), ==, MC_DATETIME_AB);

  g_assert_cmpint (parse_date ("2024-02-30", &v), ==, MC_DATE_NONE);
  g_assert_cmpint (parse_date ("2024-13-01", &v), ==, MC_DATE_NONE);
  g_assert_cmpint (parse_date ("25/13/2024", &v), ==, MC_DATE_NONE);
  g_assert_cmpint (parse_date ("2024-05-01 25:00", &v), ==, MC_DATE_NONE);
  g_assert_cmpint (parse_date ("19970101", &v), ==, MC_DATE_NONE);
  g_assert_cmpint (parse_date ("hello world", &v), ==, MC_DATE_NONE);
}

static void
test_uuids (void)
{
  static const guint8 expected[16] = {
    0x2c, 0x19, 0x2c, 0x40, 0xf6, 0x9f, 0x42, 0xe5, 0x94, 0x31, 0x41, 0xd9, 0x25, 0x58, 0x56, 0x8b,
  };
  guint8 bytes[16];
  int letter_case;
  gboolean plain;

  g_assert_true (mc_parse_uuid ("2c192c40-f69f-42e5-9431-41d92558568b", 36, bytes, &letter_case, &plain));
  g_assert_cmpmem (bytes, 16, expected, 16);
  g_assert_cmpint (letter_case, ==, 1);
  g_assert_false (plain);
  g_assert_true (mc_parse_uuid ("2C192C40F69F42E5943141D92558568B", 32, bytes, &letter_case, &plain));
  g_assert_cmpmem (bytes, 16, expected, 16);
  g_assert_cmpint (letter_case, ==, 2);
  g_assert_true (plain);
  g_assert_false (mc_parse_uuid ("2c192c40-f69f-42e5-9431-41d92558568g", 36, bytes, &letter_case, &plain));
  g_assert_false (mc_parse_uuid ("data layer field missing", 24, bytes, &letter_case, &plain));
  g_assert_false (mc_parse_uuid ("2c192c40f-69f-42e5-9431-41d92558568b", 36, bytes, &letter_case, &plain));
}

static void
test_booleans_and_missing (void)
{
  guint8 flag;

  g_assert_true (mc_parse_boolean ("TRUE", 4, &flag) && flag == 1);
  g_assert_true (mc_parse_boolean ("false", 5, &flag) && flag == 0);
  g_assert_true (mc_parse_boolean ("Yes", 3, &flag) && flag == 1);
  g_assert_true (mc_parse_boolean ("no", 2, &flag) && flag == 0);
  g_assert_false (mc_parse_boolean ("1", 1, &flag));
  g_assert_false (mc_parse_boolean ("maybe", 5, &flag));

  g_assert_true (mc_is_missing_token ("", 0));
  g_assert_true (mc_is_missing_token ("  ", 2));
  g_assert_true (mc_is_missing_token ("NA", 2));
  g_assert_true (mc_is_missing_token ("null", 4));
  g_assert_true (mc_is_missing_token ("NaN", 3));
  g_assert_false (mc_is_missing_token ("0", 1));
  g_assert_false (mc_is_missing_token ("Nancy", 5));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Mercato/ValueParse/integers", test_integers);
  g_test_add_func ("/Mercato/ValueParse/numbers", test_numbers);
  g_test_add_func ("/Mercato/ValueParse/dates", test_dates);
  g_test_add_func ("/Mercato/ValueParse/uuids", test_uuids);
  g_test_add_func ("/Mercato/ValueParse/booleans-and-missing", test_booleans_and_missing);

  return g_test_run ();
}
