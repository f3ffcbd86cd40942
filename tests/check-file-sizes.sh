#!/usr/bin/env bash
# No source file in ui/ over 900 lines, none in data/ over 800
# (docs/design.md): a file that grows past them holds more than one idea.
set -u
root=${MERCATO_SOURCE_ROOT:-$(dirname "$0")/..}
status=0
check () {
  local folder=$1 limit=$2
  while IFS= read -r file; do
    lines=$(wc -l < "$file")
    if [ "$lines" -gt "$limit" ]; then
      echo "FAIL: ${file#"$root"/} has $lines lines, more than $limit: split it where its ideas part"
      status=1
    fi
  done < <(find "$root/$folder" -name '*.[ch]')
}
check ui 900
check data 800
[ $status -eq 0 ] && echo "PASS: no file in ui/ over 900 lines, none in data/ over 800"
exit $status
