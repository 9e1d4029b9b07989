#!/usr/bin/env bash
# Runs the benchmarks named in the issues on a release build and prints the figures that
# docs/benchmarks.md records. Timings are wall-clock on a shared machine: run it a few times.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=Benchmarks/out
mkdir -p "$OUT"

command -v hyperfine >/dev/null || { [ "$(id -u)" -eq 0 ] && apt-get install -y -q hyperfine >/dev/null; }
# Release builds with the Swift runtime linked statically (as a deployed binary would be):
# start-up then costs no dynamic loading of libswiftCore and Foundation.
swift build -c release --static-swift-stdlib --scratch-path .build-static --product pmo >/dev/null
swift build -c release --static-swift-stdlib --scratch-path .build-static --product pmo-bench >/dev/null
PMO=$PWD/.build-static/release/pmo
BENCH=$PWD/.build-static/release/pmo-bench

echo "== content loading and validation =="
python3 Benchmarks/content/generate_corpus.py "$OUT/corpus"
hyperfine --warmup 2 --runs 10 -N \
  "$PMO content validate --content $OUT/corpus --no-color" \
  "$PMO content validate --content . --no-color" \
  "$PMO --version" --export-markdown "$OUT/content.md"

echo "== store: 1,000,000 responses =="
if [ ! -f "$OUT/store.sqlite" ]; then
  $BENCH fill "$OUT/store.sqlite" --persons 1000 --responses 1000000
fi
$BENCH dashboard "$OUT/store.sqlite" --count 200
$BENCH record "$OUT/store.sqlite" --count 5000
USER=person0 PMO_DATABASE="$OUT/store.sqlite" hyperfine --warmup 2 --runs 20 -N "$PMO --no-color" --export-markdown "$OUT/dashboard.md"

echo "== demo organisation: 100,000 people; report org beside a bare sqlite3 scan =="
PMO=$PMO OUT="$OUT/org" Benchmarks/org/run.sh 1

echo "== measurement engines against their Python peers =="
PMO=$PMO Benchmarks/measure/run.sh

echo "== chat delivery: 10,000 messages to 50 receivers, beside apprise and curl =="
PMO=$PMO Benchmarks/chat/run.sh

echo "== answer engine: 10,000 sections, beside rank_bm25 and bm25s; wrk on /api/ask =="
Benchmarks/answer/run.sh
