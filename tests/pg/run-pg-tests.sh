#!/usr/bin/env bash
# Opens PostgreSQL databases as datasets against a throwaway server:
# initdb into a temporary folder, the server on a Unix socket in that
# folder (no TCP), fixtures loaded with COPY, then mercato-cli's figures
# from the database compared with those from the same CSV files. Prints
# TAP. Usage: run-pg-tests.sh MERCATO_CLI TEST_PG_SOURCE SOURCE_ROOT
# TEST_PG_METRICS MERCATO_GENERATE TEST_PG_ANALYSES TEST_PG_CHECKS TEST_PG_FEATURES
# TEST_PG_SESSION TEST_PG_VISITS
set -u
cli=$1 test_pg_source=$2 root=$3 test_pg_metrics=$4 generate=$5 test_pg_analyses=$6 test_pg_checks=$7 test_pg_features=$8
test_pg_session=$9 test_pg_visits=${10}
here=$root/tests/pg
. "$here/pg-server.sh"

bin=$(pg_server_bin)
pg_server_installed || exit 0
pg_server_null_device "$0" "$@"
psql_bin=$bin/psql
[ -x "$psql_bin" ] || psql_bin=psql

tmp=$(mktemp -d /tmp/mercato-pg.XXXXXX)
mkdir -p "$tmp/out"

stop_server () {
  pg_server_stop
  rm -rf "$tmp"
}
trap stop_server EXIT

n=0 failed=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () {
  n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"
  shift
  [ $# -gt 0 ] && printf '%s\n' "$@" | sed 's/^/# /'
}

if ! pg_server_init "$tmp" >"$tmp/initdb.log" 2>&1; then
  echo "1..1"; not_ok "initdb" "$(cat "$tmp/initdb.log")"; exit 1
fi
if ! pg_server_start >"$tmp/pg_ctl.log" 2>&1; then
  echo "1..1"; not_ok "the server starts" "$(cat "$tmp/pg_ctl.log")" "$(cat "$data/server.log" 2>/dev/null)"; exit 1
fi

export PGHOST=$socket PGUSER=mercato
unset PGPASSWORD PGDATABASE PGSERVICE PGOPTIONS
psql () { "$psql_bin" -X -q -v ON_ERROR_STOP=1 "$@"; }

# load DATABASE FIXTURE CSV_FOLDER TABLE...: tables created by
# FIXTURE.sql, each filled with COPY from TABLE.csv, then FIXTURE-keys.sql.
load () {
  local db=$1 fixture=$2 folder=$3 table
  shift 3
  psql -d postgres -c "CREATE DATABASE \"$db\"" &&
  psql -d "$db" -f "$here/$fixture.sql" || return 1
  for table in "$@"; do
    psql -d "$db" -c "SET datestyle = 'ISO, MDY'" \
         -c "COPY \"$table\" FROM STDIN (FORMAT csv, HEADER true)" <"$folder/$table.csv" || return 1
  done
  [ ! -f "$here/$fixture-keys.sql" ] || psql -d "$db" -f "$here/$fixture-keys.sql" || return 1
  psql -d "$db" -c "ANALYZE"
}

uri () { echo "postgresql:///$1?host=$socket"; }

# same_figures NAME DATABASE CSV_FOLDER: describe, metrics and rfm agree.
same_figures () {
  local name=$1 db=$2 folder=$3 out=$tmp/out/$1 diff mark
  mkdir -p "$out"
  # Where this dataset's statements start in the server's log.
  mark=$(wc -l <"$data/server.log")
  for command in describe metrics check; do
    "$cli" "$command" "$folder" >"$out/csv-$command.json" 2>"$out/csv-$command.err"
    if ! PGOPTIONS="-c log_statement=all" "$cli" "$command" "$(uri "$db")" >"$out/pg-$command.json" \
           2>"$out/pg-$command.err"; then
      not_ok "$name: mercato-cli $command on the database" "$(cat "$out/pg-$command.err")"
      continue
    fi
    if diff=$(python3 "$here/compare.py" "$command" "$out/csv-$command.json" "$out/pg-$command.json" 2>&1); then
      ok "$name: $command from the database is the CSV files'"
    else
      not_ok "$name: $command from the database is the CSV files'" "$diff"
    fi
  done
  # The same figures computed in memory from the database's tables.
  if ! "$cli" metrics --in-memory "$(uri "$db")" >"$out/pg-memory.json" 2>"$out/pg-memory.err"; then
    not_ok "$name: mercato-cli metrics --in-memory on the database" "$(cat "$out/pg-memory.err")"
  elif diff=$(python3 "$here/compare.py" metrics "$out/csv-metrics.json" "$out/pg-memory.json" 2>&1) &&
       ! grep -q '"pushed_down"' "$out/pg-memory.json"; then
    ok "$name: metrics --in-memory from the database is the CSV files'"
  else
    not_ok "$name: metrics --in-memory from the database is the CSV files'" "$diff"
  fi
  if grep -q '"pushed_down" *: *true' "$out/pg-metrics.json"; then
    ok "$name: the sales figures were computed on the server"
  else
    not_ok "$name: the sales figures were computed on the server" \
      "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["warnings"])' "$out/pg-metrics.json")"
  fi
  "$cli" rfm "$folder" --out "$out/csv-rfm.csv" >/dev/null 2>"$out/csv-rfm.err"
  if ! PGOPTIONS="-c log_statement=all" "$cli" rfm "$(uri "$db")" --out "$out/pg-rfm.csv" >/dev/null \
         2>"$out/pg-rfm.err"; then
    not_ok "$name: mercato-cli rfm on the database" "$(cat "$out/pg-rfm.err")"
  elif diff=$(diff "$out/csv-rfm.csv" "$out/pg-rfm.csv" | head -n 20) && [ -s "$out/pg-rfm.csv" ]; then
    ok "$name: rfm scores from the database are the CSV files'"
  else
    not_ok "$name: rfm scores from the database are the CSV files'" "$diff"
  fi
  # The statements the server logged for this dataset's commands: RFM
  # (of mercato-cli rfm and of metrics), the patterns, the visits and,
  # with platforms and types, platform × type were aggregated there, and
  # the JSON says nothing fell back to memory.
  local ran=("HAVING bool_or (NOT is_return)" "percentile_cont (0.25)" "GROUP BY cohort, month") missing="" query
  grep -q '"platform_product_type"' "$out/csv-metrics.json" &&
    ran+=("GROUPING SETS ((product_type, channel), (channel))")
  # With visits, their figures by month and the funnel's stages too.
  python3 -c 'import json,sys; sys.exit("visits" not in json.load(open(sys.argv[1]))["overall"])' \
      "$out/csv-metrics.json" &&
    ran+=("GROUPING SETS ((month, visitor), (visitor))" "SELECT DISTINCT type FROM vt WHERE type IS NOT NULL")
  tail -n +"$((mark + 1))" "$data/server.log" >"$out/statements.log"
  for query in "${ran[@]}"; do
    grep -qF -- "$query" "$out/statements.log" || missing="$missing$query; "
  done
  [ "$(grep -cF "HAVING bool_or (NOT is_return)" "$out/statements.log")" -ge 3 ] || missing="${missing}RFM of rfm; "
  if [ -z "$missing" ] && ! grep -q "computed in memory, not on the database's server" "$out/pg-metrics.json"; then
    ok "$name: platform × type, patterns, visits and RFM were aggregated on the server"
  else
    not_ok "$name: platform × type, patterns, visits and RFM were aggregated on the server" "not run: $missing" \
      "$(grep -o "[^\"]*computed in memory, not on[^\"]*" "$out/pg-metrics.json")"
  fi
}

# same_segments NAME DATABASE CSV_FOLDER: mercato-cli segment (features
# from the server, k-means with a fixed seed) gives the CSV files'
# segments, customer by customer.
same_segments () {
  local name=$1 db=$2 folder=$3 out=$tmp/out/$1 diff
  local options=(--preset behaviour --k 3 --seed 5)
  "$cli" segment "$folder" "${options[@]}" --out "$out/csv-segments.csv" >"$out/csv-segment.json" 2>"$out/csv-segment.err"
  if ! "$cli" segment "$(uri "$db")" "${options[@]}" --out "$out/pg-segments.csv" >"$out/pg-segment.json" 2>"$out/pg-segment.err"; then
    not_ok "$name: mercato-cli segment on the database" "$(cat "$out/pg-segment.err")"
  elif diff=$(diff "$out/csv-segments.csv" "$out/pg-segments.csv" | head -n 20; \
              python3 "$here/compare.py" segment "$out/csv-segment.json" "$out/pg-segment.json" 2>&1) &&
       [ -z "$diff" ] && [ -s "$out/pg-segments.csv" ]; then
    ok "$name: segments from the database are the CSV files'"
  else
    not_ok "$name: segments from the database are the CSV files'" "$diff"
  fi
}

# fails_with NAME EXPECTED_TEXT ARGS...: mercato-cli exits 1 (data it
# cannot read, as for a file) and says it.
fails_with () {
  local name=$1 expected=$2 status
  shift 2
  "$cli" "$@" >/dev/null 2>"$tmp/error.txt"
  status=$?
  if [ $status -eq 1 ] && grep -qF -- "$expected" "$tmp/error.txt"; then
    ok "$name"
  else
    not_ok "$name" "exit status $status, expected 1 and \"$expected\"; the message was:" "$(cat "$tmp/error.txt")"
  fi
}

olist=$root/tests/corpus/olist/data
retail=$root/tests/corpus/online-retail/data
sample=$root/app/sample/automotive
loaded=1
load automotive automotive "$sample" cars users sales visits >"$tmp/load.log" 2>&1 &&
load olist olist "$olist" customers olist_sellers_dataset product_category_name_translation products orders order_items >>"$tmp/load.log" 2>&1 &&
load retail online-retail "$retail" OnlineRetail >>"$tmp/load.log" 2>&1 &&
psql -d postgres -f "$here/types.sql" >>"$tmp/load.log" 2>&1 &&
psql -d postgres -f "$here/quoted.sql" >>"$tmp/load.log" 2>&1 &&
psql -d postgres -f "$here/big.sql" >>"$tmp/load.log" 2>&1 &&
"$generate" --customers 3000 --seed 7 --out "$tmp/generated" >>"$tmp/load.log" 2>&1 &&
load generated automotive "$tmp/generated" cars users sales visits >>"$tmp/load.log" 2>&1 &&
load checks automotive "$here/checks" cars users sales visits >>"$tmp/load.log" 2>&1 &&
load textvisits automotive "$sample" cars users sales visits >>"$tmp/load.log" 2>&1 &&
psql -d textvisits -c "ALTER TABLE visits ALTER COLUMN start_timestamp TYPE text" >>"$tmp/load.log" 2>&1 &&
psql -d postgres -f "$here/big-checks.sql" >>"$tmp/load.log" 2>&1 || loaded=0

echo "1..53"
if [ $loaded -eq 0 ]; then
  not_ok "fixtures load with COPY" "$(cat "$tmp/load.log")"
  exit 1
fi
ok "fixtures load with COPY"

same_figures automotive automotive "$sample"
same_figures olist olist "$olist"
same_figures online-retail retail "$retail"
same_figures generated generated "$tmp/generated"
same_figures checks checks "$here/checks"
same_segments automotive automotive "$sample"
same_segments generated generated "$tmp/generated"

# Quoted names and a value that is SQL text: the figures on the server
# are those in memory, the value is a platform like any other, and the
# table is still there.
"$cli" metrics "$(uri quoted)" >"$tmp/out/quoted.json" 2>"$tmp/out/quoted.err"
"$cli" metrics --in-memory "$(uri quoted)" >"$tmp/out/quoted-memory.json" 2>>"$tmp/out/quoted.err"
if diff=$(python3 "$here/compare.py" metrics "$tmp/out/quoted-memory.json" "$tmp/out/quoted.json" 2>&1) &&
   grep -q '"pushed_down" *: *true' "$tmp/out/quoted.json"; then
  ok "quoted names: the figures on the server are those in memory"
else
  not_ok "quoted names: the figures on the server are those in memory" "$diff" "$(cat "$tmp/out/quoted.err")"
fi
if python3 -c 'import json,sys; sys.exit(0 if "\x27; DROP TABLE \"sales \"\"2024\"\"\"; --" in json.load(open(sys.argv[1]))["by_platform"] else 1)' \
     "$tmp/out/quoted.json" &&
   [ "$(psql -d quoted -At -c 'SELECT count(*) FROM "sales ""2024"""')" = 5 ]; then
  ok "a value that is SQL text is a platform, and the table stays"
else
  not_ok "a value that is SQL text is a platform, and the table stays" "$(head -c 2000 "$tmp/out/quoted.json")"
fi

fails_with "a bad URI is refused in words" "not a database Mercato can connect to" \
  describe "postgresql:///olist?host=$socket&nosuchoption=1"
fails_with "a missing database is named" 'database "nosuchdb" does not exist' \
  metrics "$(uri nosuchdb)"
fails_with "a table the user may not read is named with the server's words" \
  "reading table secret: permission denied for table secret" \
  describe "postgresql:///types?host=$socket&user=reader"
fails_with "an empty schema says how to name another" "holds no table" \
  describe "postgresql:///types?host=$socket&options=-csearch_path%3Dempty"

"$cli" report "$(uri olist)" --out "$tmp/olist.pdf" >"$tmp/report.log" 2>&1
if [ -s "$tmp/olist.pdf" ] && pdftotext "$tmp/olist.pdf" - 2>/dev/null | grep -q "olist"; then
  ok "report on a database, titled by its name"
else
  not_ok "report on a database, titled by its name" "$(cat "$tmp/report.log")"
fi

# The C tests: typed columns, escapes, keys, cancelling a read.
if MERCATO_PG_TYPES_URI="postgresql:///types?host=$socket&options=-csearch_path%3Dtyped" \
   MERCATO_PG_AUTOMOTIVE_URI=$(uri automotive) "$test_pg_source" >"$tmp/test-pg-source.log" 2>&1; then
  ok "test-pg-source (types, keys, cancelling)"
else
  not_ok "test-pg-source (types, keys, cancelling)" "$(cat "$tmp/test-pg-source.log")"
fi

# The C tests of push-down: filters, parameters, cancelling a long query.
if MERCATO_PG_AUTOMOTIVE_URI=$(uri automotive) MERCATO_PG_QUOTED_URI=$(uri quoted) MERCATO_PG_BIG_URI=$(uri big) \
   "$test_pg_metrics" >"$tmp/test-pg-metrics.log" 2>&1; then
  ok "test-pg-metrics (filters, parameters, cancelling, sampling, pages)"
else
  not_ok "test-pg-metrics (filters, parameters, cancelling, sampling, pages)" "$(cat "$tmp/test-pg-metrics.log")"
fi

# The C tests of platform × type and RFM on the server: each figure is
# the column store's from the same CSV files, only aggregates come back.
if MERCATO_PG_AUTOMOTIVE_URI=$(uri automotive) MERCATO_PG_AUTOMOTIVE_CSV=$sample \
   MERCATO_PG_GENERATED_URI=$(uri generated) MERCATO_PG_GENERATED_CSV=$tmp/generated \
   MERCATO_PG_OLIST_URI=$(uri olist) MERCATO_PG_OLIST_CSV=$olist \
   MERCATO_PG_RETAIL_URI=$(uri retail) MERCATO_PG_RETAIL_CSV=$retail \
   "$test_pg_analyses" >"$tmp/test-pg-analyses.log" 2>&1 && ! grep -q "# SKIP" "$tmp/test-pg-analyses.log"; then
  ok "test-pg-analyses (platform × type, RFM, patterns, filters, aggregates only)"
  grep -E "^(not )?ok" "$tmp/test-pg-analyses.log" | sed 's/^/# /'
else
  not_ok "test-pg-analyses (platform × type, RFM, patterns, filters, aggregates only)" \
    "$(grep -v DEBUG "$tmp/test-pg-analyses.log")"
fi

# The C tests of the visit figures and the funnel on the server: each
# figure, each month's and each stage the column store's from the same
# CSV files, for all purchases and a filter's, only aggregates fetched;
# visits whose start the server keeps as text, in memory and said why.
if MERCATO_PG_AUTOMOTIVE_URI=$(uri automotive) MERCATO_PG_AUTOMOTIVE_CSV=$sample \
   MERCATO_PG_GENERATED_URI=$(uri generated) MERCATO_PG_GENERATED_CSV=$tmp/generated \
   MERCATO_PG_OLIST_URI=$(uri olist) MERCATO_PG_OLIST_CSV=$olist \
   MERCATO_PG_CHECKS_URI=$(uri checks) MERCATO_PG_CHECKS_CSV=$here/checks \
   MERCATO_PG_TEXTVISITS_URI=$(uri textvisits) MERCATO_PG_TEXTVISITS_CSV=$sample \
   "$test_pg_visits" >"$tmp/test-pg-visits.log" 2>&1 && ! grep -q "# SKIP" "$tmp/test-pg-visits.log"; then
  ok "test-pg-visits (visit figures, months, funnel, filters, aggregates only)"
  grep -E "^(not )?ok" "$tmp/test-pg-visits.log" | sed 's/^/# /'
else
  not_ok "test-pg-visits (visit figures, months, funnel, filters, aggregates only)" \
    "$(grep -v DEBUG "$tmp/test-pg-visits.log")"
fi

# The app's session on a database: a chart's filter (Website · Electric)
# computed on the server, the CSV files' figures; a weekday in memory.
if MERCATO_PG_AUTOMOTIVE_URI=$(uri automotive) MERCATO_PG_AUTOMOTIVE_CSV=$sample \
   "$test_pg_session" >"$tmp/test-pg-session.log" 2>&1 && ! grep -q "# SKIP" "$tmp/test-pg-session.log"; then
  ok "test-pg-session (a chart's filter computed on the server)"
else
  not_ok "test-pg-session (a chart's filter computed on the server)" "$(grep -v DEBUG "$tmp/test-pg-session.log")"
fi

# The C tests of the checks that are queries: each kind of problem, as
# the CSV files' findings, counted on the server (rows added there after
# reading, a table read as a sample).
if MERCATO_PG_CHECKS_URI=$(uri checks) MERCATO_PG_CHECKS_CSV=$here/checks MERCATO_PG_BIGCHECKS_URI=$(uri bigchecks) \
   "$test_pg_checks" >"$tmp/test-pg-checks.log" 2>&1; then
  ok "test-pg-checks (each kind of problem, counted on the server, sampled tables)"
else
  not_ok "test-pg-checks (each kind of problem, counted on the server, sampled tables)" "$(cat "$tmp/test-pg-checks.log")"
fi

# The C tests of segmentation on the server: the features (one row per
# customer) and k-means with a fixed seed are the CSV files', and beyond
# the cap the error says how many customers there are.
if MERCATO_PG_AUTOMOTIVE_URI=$(uri automotive) MERCATO_PG_AUTOMOTIVE_CSV=$sample \
   MERCATO_PG_GENERATED_URI=$(uri generated) MERCATO_PG_GENERATED_CSV=$tmp/generated \
   "$test_pg_features" >"$tmp/test-pg-features.log" 2>&1; then
  ok "test-pg-features (features and k-means from the server, the cap)"
else
  not_ok "test-pg-features (features and k-means from the server, the cap)" "$(cat "$tmp/test-pg-features.log")"
fi

# The cancel while visits streamed reached the server (PQcancel), which
# stopped the COPY rather than sending the rest of the table.
if grep -q "canceling statement due to user request" "$data/server.log"; then
  ok "cancelling stops the query on the server"
else
  not_ok "cancelling stops the query on the server" "the server's log does not show the COPY cancelled:" \
    "$(tail -n 20 "$data/server.log")"
fi

[ $failed -eq 0 ]
