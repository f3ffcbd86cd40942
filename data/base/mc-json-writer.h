/* mc-json-writer.h: write JSON to a GString with correct escaping
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _McJsonWriter McJsonWriter;

McJsonWriter *mc_json_writer_new          (gboolean      pretty);
void          mc_json_writer_free         (McJsonWriter *self);
char         *mc_json_writer_steal        (McJsonWriter *self);
void          mc_json_writer_begin_object (McJsonWriter *self);
void          mc_json_writer_end_object   (McJsonWriter *self);
void          mc_json_writer_begin_array  (McJsonWriter *self);
void          mc_json_writer_end_array    (McJsonWriter *self);
void          mc_json_writer_key          (McJsonWriter *self,
                                           const char   *key);
void          mc_json_writer_string       (McJsonWriter *self,
                                           const char   *value);
void          mc_json_writer_int          (McJsonWriter *self,
                                           gint64        value);
void          mc_json_writer_double       (McJsonWriter *self,
                                           double        value);
void          mc_json_writer_boolean      (McJsonWriter *self,
                                           gboolean      value);
void          mc_json_writer_null         (McJsonWriter *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McJsonWriter, mc_json_writer_free)

G_END_DECLS
