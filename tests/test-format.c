/* test-format.c: numbers and amounts written for people, in any locale
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <math.h>

#include "mc-format.h"

/* Switches every category to LOCALE (as the app does at start, from the
 * environment when LOCALE is ""); FALSE when the machine lacks it. */
static gboolean
use_locale (const char *locale)
{
  return setlocale (LC_ALL, locale) != NULL;
}

static void
test_grouped_without_lang (void)
{
  g_autofree char *million = NULL;
  g_autofree char *count = NULL;
  g_autofree char *negative = NULL;
  g_autofree char *small = NULL;

  /* LANG unset: the C locale, where printf's %' groups nothing. */
  g_unsetenv ("LC_ALL");
  g_unsetenv ("LC_NUMERIC");
  g_unsetenv ("LANG");
  g_assert_true (use_locale (""));
  million = mc_format_grouped (1234567, 0);
  count = mc_format_count (1234567);
  negative = mc_format_grouped (-1234567.891, 2);
  small = mc_format_grouped (999, 1);
  g_assert_cmpstr (million, ==, "1,234,567");
  g_assert_cmpstr (count, ==, "1,234,567");
  g_assert_cmpstr (negative, ==, "-1,234,567.89");
  g_assert_cmpstr (small, ==, "999.0");
}

static void
test_grouped_in_locales (void)
{
  g_autofree char *german = NULL;
  g_autofree char *french = NULL;

  if (!use_locale ("de_DE.UTF-8"))
    {
      g_test_skip ("no de_DE.UTF-8 locale");
      return;
    }
  german = mc_format_grouped (1234567.5, 2);
  g_assert_cmpstr (german, ==, "1.234.567,50");
  if (use_locale ("fr_FR.UTF-8"))
    {
      /* French groups with a narrow no-break space. */
      french = mc_format_grouped (1234567.5, 2);
      g_assert_cmpstr (french, ==, "1\u202f234\u202f567,50");
    }
  use_locale ("C");
}

static void
test_compact_amounts (void)
{
  static const struct { double value; const char *text; } cases[] = {
    { 49571270, "49.57 M" },
    { 999999.999, "1.00 M" },
    { 12345.678, "12.35 k" },
    { -1234, "-1.23 k" },
    { 812.4, "812.40" },
    { 3.2e9, "3.20 B" },
    { 0, "0.00" },
  };

  use_locale ("C");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = mc_format_compact (cases[i].value);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
  {
    g_autofree char *missing = mc_format_compact (NAN);

    g_assert_cmpstr (missing, ==, "—");
  }
}

static void
test_rounded (void)
{
  g_autofree char *large = NULL;
  g_autofree char *share = NULL;
  g_autofree char *few = NULL;

  use_locale ("C");
  large = mc_format_rounded (32755.31);
  share = mc_format_rounded (0.45);
  few = mc_format_rounded (2.34);
  g_assert_cmpstr (large, ==, "32,755");
  g_assert_cmpstr (share, ==, "0.45");
  g_assert_cmpstr (few, ==, "2.3");
}

static void
test_axis_values (void)
{
  g_autofree char *millions = NULL;
  g_autofree char *full = NULL;

  use_locale ("C");
  millions = mc_format_value (1234567, MC_VALUE_MONEY, 500000, TRUE);
  full = mc_format_value (1234567.891, MC_VALUE_MONEY, 0.01, FALSE);
  g_assert_cmpstr (millions, ==, "1.2 M");
  g_assert_cmpstr (full, ==, "1,234,567.89");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Mercato/Format/grouped-without-lang", test_grouped_without_lang);
  g_test_add_func ("/Mercato/Format/grouped-in-locales", test_grouped_in_locales);
  g_test_add_func ("/Mercato/Format/compact-amounts", test_compact_amounts);
  g_test_add_func ("/Mercato/Format/rounded", test_rounded);
  g_test_add_func ("/Mercato/Format/axis-values", test_axis_values);

  return g_test_run ();
}
