# bench-common.sh: what the bench/run-*.sh scripts share (sourced, not run).
# Each contender is run RUNS times, interleaved with the others so they
# share the machine's moods, and prints one line "TOOL SECONDS PEAK_MB ...".

sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo

# python_ensure MODULE PACKAGE: installs the Debian PACKAGE unless
# /usr/bin/python3 can import MODULE; fails when it cannot be installed.
python_ensure () {
  /usr/bin/python3 -c "import $1" 2>/dev/null ||
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$2" >/dev/null 2>&1
}

# GNU time, for the whole-process time and peak memory of a command.
time_ensure () {
  [ -x /usr/bin/time ] || DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq time >/dev/null 2>&1
}

# DuckDB's Node.js client, from npm, into bench/node_modules.
duckdb_ensure () {
  [ -d bench/node_modules/@duckdb/node-api ] ||
    npm install --prefix bench --no-save --silent @duckdb/node-api >/dev/null 2>&1
}

# whole TOOL COMMAND...: runs COMMAND with its output thrown away and
# prints "TOOL SECONDS PEAK_MB" for the whole process.
whole () {
  local tool=$1 stats
  shift
  stats=$(mktemp)
  /usr/bin/time -o "$stats" -f "%e %M" "$@" >/dev/null 2>&1
  awk -v tool="$tool" 'END { printf "%s %s %d\n", tool, $1, $2 / 1024 }' "$stats"
  rm -f "$stats"
}

# summarise RESULTS TOOL...: min and median seconds and the largest peak
# memory of each TOOL's lines in the RESULTS file (fields 2 and 3).
summarise () {
  local results=$1 tool
  shift
  printf '%-16s %8s %8s %8s\n' tool min_s median_s peak_MB
  for tool in "$@"; do
    grep "^$tool " "$results" | sort -k2 -n | awk -v tool="$tool" '
      { t[NR] = $2; if ($3 > m) m = $3 }
      END { printf "%-16s %8.3f %8.3f %8d\n", tool, t[1], t[int((NR + 1) / 2)], m }'
  done
}

# median RESULTS TOOL: the median seconds of TOOL.
median () {
  grep "^$2 " "$1" | sort -k2 -n | awk '{ t[NR] = $2 } END { print t[int((NR + 1) / 2)] }'
}

machine () {
  echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
}
