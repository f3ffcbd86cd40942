/* mc-json-writer.c: write JSON to a GString with correct escaping
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "mc-json-writer"

#include "config.h"

#include <math.h>

#include "mc-json-writer.h"

struct _McJsonWriter
{
  GString  *out;
  GArray   *counts;     /* values written at each open level */
  gboolean  pretty;
  gboolean  after_key;
};

McJsonWriter *
mc_json_writer_new (gboolean pretty)
{
  McJsonWriter *self = g_new0 (McJsonWriter, 1);

  self->out = g_string_new (NULL);
  self->counts = g_array_new (FALSE, TRUE, sizeof (guint));
  self->pretty = pretty;
  return self;
}

void
mc_json_writer_free (McJsonWriter *self)
{
  if (self == NULL)
    return;
  g_string_free (self->out, TRUE);
  g_array_unref (self->counts);
  g_free (self);
}

char *
mc_json_writer_steal (McJsonWriter *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->pretty)
    g_string_append_c (self->out, '\n');
  return g_strdup (self->out->str);
}

static void
newline (McJsonWriter *self)
{
  if (!self->pretty)
    return;
  g_string_append_c (self->out, '\n');
  for (guint i = 0; i < self->counts->len; i++)
    g_string_append (self->out, "  ");
}

/* Writes the separator a new value or key needs at this level. */
static void
before_value (McJsonWriter *self)
{
  guint *count;

  if (self->after_key)
    {
      self->after_key = FALSE;
      return;
    }
  if (self->counts->len == 0)
    return;
  count = &g_array_index (self->counts, guint, self->counts->len - 1);
  if ((*count)++ > 0)
    g_string_append_c (self->out, ',');
  newline (self);
}

static void
open_level (McJsonWriter *self,
            char          bracket)
{
  guint zero = 0;

  before_value (self);
  g_string_append_c (self->out, bracket);
  g_array_append_val (self->counts, zero);
}

static void
close_level (McJsonWriter *self,
             char          bracket)
{
  guint count;

  g_return_if_fail (self->counts->len > 0);

  count = g_array_index (self->counts, guint, self->counts->len - 1);
  g_array_set_size (self->counts, self->counts->len - 1);
  if (count > 0)
    newline (self);
  g_string_append_c (self->out, bracket);
}

void
mc_json_writer_begin_object (McJsonWriter *self)
{
  open_level (self, '{');
}

void
mc_json_writer_end_object (McJsonWriter *self)
{
  close_level (self, '}');
}

void
mc_json_writer_begin_array (McJsonWriter *self)
{
  open_level (self, '[');
}

void
mc_json_writer_end_array (McJsonWriter *self)
{
  close_level (self, ']');
}

static void
append_escaped (GString    *out,
                const char *text)
{
  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) text; *p; p++)
    {
      switch (*p)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, (char) *p);
        }
    }
  g_string_append_c (out, '"');
}

void
mc_json_writer_key (McJsonWriter *self,
                    const char   *key)
{
  before_value (self);
  append_escaped (self->out, key);
  g_string_append (self->out, self->pretty ? ": " : ":");
  self->after_key = TRUE;
}

void
mc_json_writer_string (McJsonWriter *self,
                       const char   *value)
{
  if (value == NULL)
    {
      mc_json_writer_null (self);
      return;
    }
  before_value (self);
  append_escaped (self->out, value);
}

void
mc_json_writer_int (McJsonWriter *self,
                    gint64        value)
{
  before_value (self);
  g_string_append_printf (self->out, "%" G_GINT64_FORMAT, value);
}

void
mc_json_writer_double (McJsonWriter *self,
                       double        value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* JSON has no NaN or infinity. */
  if (!isfinite (value))
    {
      mc_json_writer_null (self);
      return;
    }
  before_value (self);
  /* The shortest form that reads back as the same double. */
  g_ascii_formatd (buffer, sizeof buffer, "%.15g", value);
  if (g_ascii_strtod (buffer, NULL) != value)
    g_ascii_formatd (buffer, sizeof buffer, "%.17g", value);
  g_string_append (self->out, buffer);
}

void
mc_json_writer_boolean (McJsonWriter *self,
                        gboolean      value)
{
  before_value (self);
  g_string_append (self->out, value ? "true" : "false");
}

void
mc_json_writer_null (McJsonWriter *self)
{
  before_value (self);
  g_string_append (self->out, "null");
}
