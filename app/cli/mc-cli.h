/* mc-cli.h: what every mercato-cli command shares
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-dataset.h"
#include "mc-json-writer.h"

G_BEGIN_DECLS

#define EXIT_BAD_DATA  1
#define EXIT_BAD_USAGE 2

/* Prints "mercato-cli COMMAND: MESSAGE" (or "mercato-cli: MESSAGE"
 * without a COMMAND) and a newline on standard error. */
void       mc_cli_error          (const char      *command,
                                  const char      *format,
                                  ...) G_GNUC_PRINTF (2, 3);

/* Loads the dataset named by PATHS; prints the error and sets STATUS
 * when it cannot. */
McDataset *mc_cli_load_dataset   (char           **paths,
                                  int             *status);
/* --model FILE and --set KEY=VALUE, taken out of ARGV by main() for
 * every command and applied by mc_cli_load_dataset(). */
gboolean   mc_cli_take_model_options (int         *argc,
                                  char           **argv,
                                  int             *status);
gboolean   mc_cli_apply_model_settings (McDataset *dataset,
                                  int             *status);
/* "model": the dataset's model, embedded in every JSON output. */
void       mc_cli_write_model    (McJsonWriter    *json,
                                  McDataset       *dataset);
int        mc_cli_model          (int              argc,
                                  char           **argv);

/* FALSE, with the message printed and STATUS set, when OUT is one of
 * DATASET's sources (or a link to one): outputs never replace them. */
gboolean   mc_cli_check_output   (const char      *command,
                                  McDataset       *dataset,
                                  const char      *out,
                                  int             *status);
/* Parses a command's options; the remaining arguments are its paths. */
gboolean   mc_cli_parse_options  (int             *argc,
                                  char          ***argv,
                                  GOptionEntry    *entries,
                                  int             *status);

/* "key": value, money rounded to the cent. */
void       mc_cli_write_money    (McJsonWriter    *json,
                                  const char      *key,
                                  double           value);
void       mc_cli_write_number   (McJsonWriter    *json,
                                  const char      *key,
                                  double           value);
void       mc_cli_write_count    (McJsonWriter    *json,
                                  const char      *key,
                                  gsize            value);
void       mc_cli_write_string   (McJsonWriter    *json,
                                  const char      *key,
                                  const char      *value);
/* Prints the JSON to standard output. */
void       mc_cli_print_json     (McJsonWriter    *json);

/* The "patterns" object of mercato-cli metrics. */
void       mc_cli_write_patterns (McJsonWriter    *json,
                                  McDataset       *dataset);

int        mc_cli_chart          (int              argc,
                                  char           **argv);
int        mc_cli_report         (int              argc,
                                  char           **argv);
int        mc_cli_metrics        (int              argc,
                                  char           **argv);
int        mc_cli_segment        (int              argc,
                                  char           **argv);

/* For --out FILE.xlsx: TABLE (made by the command, typed) written as a
 * workbook whose sheet is named after FILE, never over a file of
 * DATASET. Steals nothing. */
gboolean      mc_cli_write_workbook       (McTable      *table,
                                           McDataset    *dataset,
                                           const char   *out,
                                           GError      **error);

G_END_DECLS
