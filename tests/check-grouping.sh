#!/bin/sh
# Numbers people read are grouped by mc_format_grouped() and
# mc_format_count() (data/base/mc-format.c), never by printf's %' flag,
# which groups nothing in the C locale (LANG unset) or C.UTF-8: a
# "%'zu rows removed" reads "1235 rows removed" there.
root=${MERCATO_SOURCE_ROOT:-$(dirname "$0")/..}
cd "$root" || exit 1
found=$(grep -rnE "%'[-+#0]*[0-9*]*(\.[0-9*]+)?(hh|h|ll|l|z|j|t|L)?[diouxXfFeEgG]|\"%\" *\"'" app ui data \
          --include='*.c' --include='*.h' --include='*.ui')
if [ -n "$found" ]; then
  echo "not ok: printf's %' flag groups nothing in the C locale; use mc_format_count() or mc_format_grouped():"
  echo "$found"
  exit 1
fi
echo "ok: no number is grouped by printf's %' flag"
