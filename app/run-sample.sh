#!/usr/bin/env bash
# Installs what Mercato needs (Debian bookworm), builds it in _build and
# opens the sample dataset that ships with it. Extra arguments are passed
# to mercato instead of the sample: app/run-sample.sh ~/exports/sales.csv
set -eu
cd "$(dirname "$0")/.."
tests/install-deps.sh
[ -f _build/build.ninja ] || meson setup _build
meson compile -C _build
if [ $# -eq 0 ]; then
  set -- app/sample/automotive
fi
exec _build/app/mercato "$@"
