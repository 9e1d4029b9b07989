#!/usr/bin/env bash
# Organisation scale (issue 7): generates the 100,000-person demo organisation (timed), then times
# `pmo report org --format json` on it beside a bare sqlite3 full scan of the responses, in the same run.
#
#   Benchmarks/org/run.sh [RUNS]          # RUNS demo generations (default 1), each followed by the report runs
#   PMO=/path/to/pmo Benchmarks/org/run.sh   # an already built binary
#
# Every figure is printed with the load average beside it: the machine may be shared.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-1}
OUT=${OUT:-Benchmarks/out/org}
PEOPLE=${PEOPLE:-100000}
mkdir -p "$OUT"
if [ -z "${PMO:-}" ]; then
  swift build -c release --static-swift-stdlib --scratch-path .build-org --product pmo >/dev/null
  PMO=$PWD/.build-org/release/pmo
fi
for tool in hyperfine sqlite3; do
  command -v $tool >/dev/null || { [ "$(id -u)" -eq 0 ] && apt-get install -y -q $tool >/dev/null; } || { echo "install $tool"; exit 1; }
done
DB=$OUT/demo.sqlite
load() { cut -d' ' -f1-3 /proc/loadavg; }
field() { grep -E "$1" "$2" | sed 's/.*: //'; }

for run in $(seq 1 "$RUNS"); do
  echo "== demo --people $PEOPLE, run $run (load before: $(load)) =="
  /usr/bin/time -v -o "$OUT/demo.time" "$PMO" demo --people "$PEOPLE" --database "$DB" --content . --force | tee "$OUT/demo.log"
  echo "wall $(field 'Elapsed' "$OUT/demo.time")  user $(field 'User time' "$OUT/demo.time") s  system $(field 'System time' "$OUT/demo.time") s  peak $(( $(field 'Maximum resident' "$OUT/demo.time") / 1024 )) MB  (load after: $(load))"

  echo "== report org --format json beside a bare sqlite3 scan of the responses (load: $(load)) =="
  hyperfine --warmup 1 --runs 5 -N \
    "sqlite3 $DB 'SELECT COUNT(*), SUM(correct) FROM response'" \
    "$PMO report org --database $DB --content . --format json" \
    --export-json "$OUT/report.json" | grep -E "Time|±|Benchmark"
  python3 - "$OUT/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
scan, report = r[0]["mean"], r[1]["mean"]
print(f"scan {scan:.3f} s, report {report:.3f} s: the report takes {report / scan:.2f}x the scan (target <= 3x, < 3 s)")
PY
  /usr/bin/time -v -o "$OUT/report.time" "$PMO" report org --database "$DB" --content . --format json >"$OUT/report-org.json"
  echo "report peak $(( $(field 'Maximum resident' "$OUT/report.time") / 1024 )) MB, wall $(field 'Elapsed' "$OUT/report.time") (load: $(load))"
done
