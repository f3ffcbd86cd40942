/* mc-types.h: forward declarations and enums shared by the data layer
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _McColumn  McColumn;
typedef struct _McTable   McTable;
typedef struct _McDataset McDataset;
typedef struct _McModel   McModel;

/* The eight column types of DESIGN.md; the names returned by
 * mc_column_type_to_string() are part of the CLI contract. */
typedef enum
{
  MC_COLUMN_TYPE_INTEGER,    /* gint64 */
  MC_COLUMN_TYPE_NUMBER,     /* double */
  MC_COLUMN_TYPE_DATE,       /* gint32 days since 1970-01-01 */
  MC_COLUMN_TYPE_DATETIME,   /* gint64 microseconds since the epoch, UTC */
  MC_COLUMN_TYPE_BOOLEAN,    /* guint8 0/1 */
  MC_COLUMN_TYPE_CATEGORY,   /* guint32 dictionary codes */
  MC_COLUMN_TYPE_IDENTIFIER, /* 16-byte UUIDs, or guint32 codes of interned keys */
  MC_COLUMN_TYPE_TEXT,       /* guint32 codes into the column's string arena */
  MC_N_COLUMN_TYPES
} McColumnType;

/* Roles say what a column means to the analyses; they are inferred from
 * names and values and can be overridden. Keep mc_role_to_string() in
 * step with this list. */
typedef enum
{
  MC_ROLE_NONE,
  MC_ROLE_CUSTOMER_ID,
  MC_ROLE_PRODUCT_ID,
  MC_ROLE_ORDER_ID,
  MC_ROLE_VISIT_ID,
  MC_ROLE_EVENT_TIME,
  MC_ROLE_AMOUNT,
  MC_ROLE_LIST_PRICE,
  MC_ROLE_QUANTITY,
  MC_ROLE_CATEGORY,
  MC_ROLE_BRAND,
  MC_ROLE_PRODUCT_NAME,
  MC_ROLE_CHANNEL,
  MC_ROLE_RATING,
  MC_ROLE_EMAIL,
  MC_ROLE_GENDER,
  MC_ROLE_COUNTRY,
  MC_ROLE_CITY,
  MC_ROLE_VISIT_START,
  MC_ROLE_VISIT_END,
  MC_ROLE_EVENT_TYPE,
  MC_ROLE_DEVICE_ID,
  MC_ROLE_RELEASE_DATE,
  MC_ROLE_STATUS,
  MC_ROLE_FIRST_NAME,
  MC_ROLE_LAST_NAME,
  MC_ROLE_CURRENCY,
  MC_ROLE_ID,                /* a key with no more specific meaning */
  MC_ROLE_SEGMENT,           /* a customer segment Mercato added */
  MC_ROLE_RETURN,            /* TRUE on a return or credit-note line (the model's purchases) */
  MC_N_ROLES
} McRole;

const char   *mc_column_type_to_string   (McColumnType  type);
gboolean      mc_column_type_from_string (const char   *name,
                                          McColumnType *type);
const char   *mc_role_to_string          (McRole        role);
gboolean      mc_role_from_string        (const char   *name,
                                          McRole       *role);

G_END_DECLS
