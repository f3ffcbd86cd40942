/* mc-cli.h: what every mercato-cli command shares
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-dataset.h"
#include "mc-json-writer.h"

G_BEGIN_DECLS

#define EXIT_BAD_DATA  1
#define EXIT_BAD_USAGE 2

/* A command of mercato-cli: one file of app/cli/ each, listed in
 * mercato-cli.c, whose main() and --help read this. The name and the
 * synopsis are what users type, never translated; the summary is marked
 * with N_() and translated when printed. RUN gets the command's
 * arguments with ARGV[0] its name, --model and --set already taken out,
 * and returns the exit status. */
typedef struct
{
  const char  *name;
  const char  *synopsis;
  const char  *summary;
  int        (*run) (int    argc,
                     char **argv);
} McCliCommand;

extern const McCliCommand mc_cli_model_command;
extern const McCliCommand mc_cli_describe_command;
extern const McCliCommand mc_cli_check_command;
extern const McCliCommand mc_cli_clean_command;
extern const McCliCommand mc_cli_metrics_command;
extern const McCliCommand mc_cli_chart_command;
extern const McCliCommand mc_cli_report_command;
extern const McCliCommand mc_cli_rfm_command;
extern const McCliCommand mc_cli_segment_command;

/* Prints "mercato-cli COMMAND: MESSAGE" (or "mercato-cli: MESSAGE"
 * without a COMMAND) and a newline on standard error. */
void       mc_cli_error          (const char      *command,
                                  const char      *format,
                                  ...) G_GNUC_PRINTF (2, 3);
/* mc_cli_error() with ERROR's message; returns STATUS, for
 * "return mc_cli_fail (…);". */
int        mc_cli_fail           (const char      *command,
                                  const GError    *error,
                                  int              status);

/* Parses a command's options from ARGV (ARGV[0] the command's name);
 * what remains after ARGV[0] is its paths. */
gboolean   mc_cli_parse_options  (int             *argc,
                                  char          ***argv,
                                  GOptionEntry    *entries,
                                  int             *status);
/* Loads the dataset named by PATHS, with --model and --set applied;
 * prints the error and sets STATUS when it cannot. */
McDataset *mc_cli_load_dataset   (char           **paths,
                                  int             *status);
/* FALSE, with the message printed and STATUS set, when OUT is one of
 * DATASET's sources (or a link to one): outputs never replace them. */
gboolean   mc_cli_check_output   (const char      *command,
                                  McDataset       *dataset,
                                  const char      *out,
                                  int             *status);
/* For --out FILE.xlsx: TABLE (made by the command, typed) written as a
 * workbook whose sheet is named after FILE, never over a file of
 * DATASET. Steals nothing. */
gboolean   mc_cli_write_workbook (McTable         *table,
                                  McDataset       *dataset,
                                  const char      *out,
                                  GError         **error);

/* --model FILE and --set KEY=VALUE, taken out of ARGV by main() for
 * every command and applied by mc_cli_load_dataset() (mc-cli-model.c). */
gboolean   mc_cli_take_model_options (int         *argc,
                                  char           **argv,
                                  int             *status);
gboolean   mc_cli_apply_model_settings (McDataset *dataset,
                                  int             *status);

/* The JSON a command prints: mc_cli_json_begin() opens its object,
 * mc_cli_json_finish() adds "model" (the model DATASET was read with,
 * which every output embeds), closes the object and prints it on
 * standard output. */
McJsonWriter *mc_cli_json_begin  (void);
void       mc_cli_json_finish    (McJsonWriter    *json,
                                  McDataset       *dataset);
/* What a command that takes only PATHs does: WRITE adds its members to
 * the JSON object of the dataset they name and returns 0, and the JSON
 * is finished and printed; or WRITE prints why it cannot and returns
 * the exit status, and nothing goes to standard output. */
typedef int (*McCliJsonFunc) (McJsonWriter *json,
                              McDataset    *dataset);
int        mc_cli_run_json       (char           **paths,
                                  McCliJsonFunc    write);
/* "model": the dataset's model (mc-cli-model.c). */
void       mc_cli_write_model    (McJsonWriter    *json,
                                  McDataset       *dataset);

/* "key": value, money rounded to the cent. */
void       mc_cli_write_money    (McJsonWriter    *json,
                                  const char      *key,
                                  double           value);
/* "key": value, null when it is NAN (a figure the data cannot give). */
void       mc_cli_write_number   (McJsonWriter    *json,
                                  const char      *key,
                                  double           value);
void       mc_cli_write_count    (McJsonWriter    *json,
                                  const char      *key,
                                  gsize            value);
void       mc_cli_write_string   (McJsonWriter    *json,
                                  const char      *key,
                                  const char      *value);
/* "key": [the strings of STRINGS]. */
void       mc_cli_write_strings  (McJsonWriter    *json,
                                  const char      *key,
                                  const GPtrArray *strings);

/* Writes the members of ITEM, one element of an array of structs. */
typedef void (*McCliMembersFunc) (McJsonWriter  *json,
                                  gconstpointer  item);
/* "key": [{…}, …], an object for each element of ITEMS. */
void       mc_cli_write_objects  (McJsonWriter    *json,
                                  const char      *key,
                                  GArray          *items,
                                  McCliMembersFunc write_members);
/* "key": {NAME: {…}, …}, an object for each element of ITEMS, named by
 * the string at NAME_OFFSET in it (G_STRUCT_OFFSET (Type, member));
 * without ITEMS, {}. */
void       mc_cli_write_named_objects (McJsonWriter *json,
                                  const char      *key,
                                  GArray          *items,
                                  gsize            name_offset,
                                  McCliMembersFunc write_members);

/* The "patterns" object of mercato-cli metrics (mc-cli-patterns.c). */
void       mc_cli_write_patterns (McJsonWriter    *json,
                                  McDataset       *dataset);

G_END_DECLS
