/* main.c: start Mercato
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mc-application.h"
#include "mc-i18n.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(McApplication) app = NULL;

  mc_i18n_init ();

  /* Run from the build folder, find the schema compiled there; installed
   * copies find theirs in the system folders. */
  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL
      && g_file_test (MERCATO_SCHEMA_DIR G_DIR_SEPARATOR_S "gschemas.compiled", G_FILE_TEST_EXISTS))
    g_setenv ("GSETTINGS_SCHEMA_DIR", MERCATO_SCHEMA_DIR, TRUE);

  app = mc_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
