/* mc-roles.h: what a column means to the analyses
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-table.h"

G_BEGIN_DECLS

/* The entity a name or table name speaks of: "customer" for users,
 * clients and buyers, "product" for cars, items and articles… */
typedef enum
{
  MC_ENTITY_NONE,
  MC_ENTITY_CUSTOMER,
  MC_ENTITY_PRODUCT,
  MC_ENTITY_ORDER,
  MC_ENTITY_VISIT,
  MC_ENTITY_DEVICE,
} McEntity;

char     *mc_roles_normalise_name  (const char *name);
char     *mc_roles_singular        (const char *name);
McEntity  mc_roles_entity_of       (const char *name);
gboolean  mc_roles_is_numbered_key (const char *lower);
/* Whether NAME (normalised) has one of WORDS (NULL-terminated) as one of
 * its '_'-separated words. */
gboolean  mc_roles_has_any_word    (const char         *name,
                                    const char * const *words);
#define MC_WORDS(...) ((const char * const[]) { __VA_ARGS__, NULL })
McRole    mc_roles_infer           (McTable    *table,
                                    McColumn   *column);

G_END_DECLS
