/* test-common.h: what the tests share: fixtures and mercato-cli runs
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "mc-dataset.h"
#include "mc-dataset-loader.h"

/* The exit statuses of a sanitizer report (tests/meson.build). */
#define MC_TEST_ASAN_EXIT  86
#define MC_TEST_UBSAN_EXIT 87

typedef struct
{
  int    status;
  char  *out;
  char  *err;
} Run;

void run_clear (Run *run);
/* Runs $MERCATO_CLI with the arguments up to NULL; RUN receives its exit
 * status and what it wrote. */
void run_cli   (Run        *run,
                const char *first,
                ...);

/* The dataset at PATH (a CSV file or a folder), or the test fails. */
McDataset *load_dataset_at   (const char *path);
/* The dataset of tests/fixtures/FIRST/…, the path's parts up to NULL. */
McDataset *load_test_dataset (const char *first,
                              ...) G_GNUC_NULL_TERMINATED;

/* TABLE holds EXPECTED's columns (by name) and values; numbers compare
 * as numbers (54000.00 in a CSV is 54000 in a workbook). */
void assert_same_values (McTable *expected,
                         McTable *table);

/* The JSON object TEXT holds (a reference), or the test fails. */
JsonObject *parse_object (const char *text);

/* Runs the main loop until DONE (DATA) holds, a minute at the most (or
 * the test fails), then until nothing is left to do. */
void wait_until (gboolean  (*done) (gpointer),
                 gpointer    data);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)
