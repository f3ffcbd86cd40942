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
McRole    mc_roles_infer           (McTable    *table,
                                    McColumn   *column);

G_END_DECLS
