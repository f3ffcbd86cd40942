#!/bin/sh
# Every source file with a string marked for translation is listed in
# po/POTFILES.in, and every file listed exists: a string in a file that
# is not listed would never reach translators.
root=${MERCATO_SOURCE_ROOT:-$(dirname "$0")/..}
cd "$root" || exit 1
status=0
marked=$(grep -rlE '(^|[^A-Za-z0-9_])(N?C?_|g_dngettext|ngettext) ?\(|translatable="yes"' app ui data \
           --include='*.c' --include='*.ui' --include='*.in' --include='*.xml' | sort)
for file in $marked; do
  if ! grep -qx "$file" po/POTFILES.in; then
    echo "not ok: $file has strings marked for translation but is not in po/POTFILES.in"
    status=1
  fi
done
for file in $(grep -v '^#' po/POTFILES.in); do
  if [ ! -f "$file" ]; then
    echo "not ok: po/POTFILES.in lists $file, which does not exist"
    status=1
  fi
done
[ $status -eq 0 ] && echo "ok: po/POTFILES.in lists the $(echo "$marked" | wc -l) files with translatable strings"
exit $status
