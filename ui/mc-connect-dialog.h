/* mc-connect-dialog.h: "Connect to Database…"
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MC_TYPE_CONNECT_DIALOG (mc_connect_dialog_get_type ())

G_DECLARE_FINAL_TYPE (McConnectDialog, mc_connect_dialog, MC, CONNECT_DIALOG, AdwWindow)

McConnectDialog *mc_connect_dialog_new              (GtkWindow       *parent);
/* Installs win.connect-database (Ctrl+D) on a McWindow class,
 * and makes the app's connections find their passwords in the keyring. */
void             mc_connect_dialog_install_action   (GtkWidgetClass  *window_class);

/* For tests: the dialog's rows and what it shows. */
AdwEntryRow     *_mc_connect_dialog_get_row         (McConnectDialog *self,
                                                     const char      *name);
AdwComboRow     *_mc_connect_dialog_get_sslmode_row (McConnectDialog *self);
GtkSwitch       *_mc_connect_dialog_get_remember    (McConnectDialog *self);
void             _mc_connect_dialog_connect         (McConnectDialog *self);
gboolean         _mc_connect_dialog_get_connecting  (McConnectDialog *self);
const char      *_mc_connect_dialog_get_error       (McConnectDialog *self);
gboolean         _mc_connect_dialog_get_looking_up  (McConnectDialog *self);

G_END_DECLS
