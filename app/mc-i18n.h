/* mc-i18n.h: where the two executables find their translations
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mercato and mercato-cli bind the "mercato" text domain the same way:
 * to the installed catalogs, or to those of a build tree when
 * MERCATO_LOCALEDIR names one (the tests set it to <build>/po, where
 * meson compiles <lang>/LC_MESSAGES/mercato.mo).
 */
#pragma once

#include "config.h"

#include <glib.h>
#include <libintl.h>
#include <locale.h>

/* The folder holding <lang>/LC_MESSAGES/mercato.mo. */
static inline const char *
mc_i18n_locale_dir (void)
{
  const char *dir = g_getenv ("MERCATO_LOCALEDIR");

  return dir != NULL && dir[0] != '\0' ? dir : LOCALEDIR;
}

/* Sets the locale from the environment and binds the text domain, in
 * UTF-8 whatever the locale's charset. */
static inline void
mc_i18n_init (void)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, mc_i18n_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
