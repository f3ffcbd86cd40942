/* mc-save-chooser.h: the file types a table can be saved as, in a file chooser
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  MC_SAVE_CSV,
  MC_SAVE_XLSX,
} McSaveType;

/* Offers "CSV (.csv)" and "Workbook (.xlsx)" in CHOOSER, TYPE chosen. */
void        mc_save_chooser_add_types     (GtkFileChooser *chooser,
                                           McSaveType      type);
/* Chooses TYPE among the types offered, as the user does. */
void        mc_save_chooser_set_type      (GtkFileChooser *chooser,
                                           McSaveType      type);
/* The path to write FILE (from CHOOSER's response) to and, in TYPE, its
 * type: the type chosen in CHOOSER decides, and the name's extension is
 * made to say it (segments.csv saved as a workbook is segments.xlsx).
 * Without a type chosen, the name's extension decides. */
char       *mc_save_chooser_get_path      (GtkFileChooser *chooser,
                                           GFile          *file,
                                           McSaveType     *type);

G_END_DECLS
