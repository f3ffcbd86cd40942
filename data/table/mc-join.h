/* mc-join.h: read a related table's column through a foreign key
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mc-dataset.h"
#include "mc-key-set.h"

G_BEGIN_DECLS

/* sales.car_id → cars.car_id, reading cars.price for each sale. */
typedef struct
{
  McColumn *from;        /* the foreign key in the table joined from */
  McColumn *to;          /* the referenced key */
  McColumn *related;     /* the column read from the referenced row */
  McKeySet *keys;
  char     *label;       /* "cars.price" */
} McJoin;

gboolean      mc_join_init                (McJoin       *join,
                                           McDataset    *dataset,
                                           McTable      *table,
                                           McRole        role);
gssize        mc_join_row                 (McJoin       *join,
                                           gsize         row);
gboolean      mc_join_value               (McJoin       *join,
                                           gsize         row,
                                           double       *value);
void          mc_join_clear               (McJoin       *join);

G_END_DECLS
