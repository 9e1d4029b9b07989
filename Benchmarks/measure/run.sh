#!/usr/bin/env bash
# Times `pmo measure` against its Python peers on the same simulated data, in one run:
#   EAP, 1,000,000 persons x 20 responses: pmo vs girth.ability_eap (all persons) and catsim's EAP
#     (a sample of persons, extrapolated linearly);
#   calibration, 100 items x 20,000 persons: pmo vs girth.twopl_mml;
#   FSRS replay, 1,000,000 reviews: pmo vs py-fsrs (the reviews of a sample of cards, extrapolated).
# pmo is timed end to end (reading the CSV, computing, writing the results) by /usr/bin/time -v,
# which also gives its peak memory; the peers are timed on their compute only. The ratios at the
# end compare pmo's end-to-end wall time with the peers' compute time.
# pmo reads regular files through a memory map on all cores; a pipe goes through its streaming
# path instead, so the script also checks that both paths print the same bytes.
# Results go to Benchmarks/out/measure/ (results.txt has the figures).
#
# Environment: PMO=path/to/pmo to use an existing release binary (default: build one with
# `swift build -c release --scratch-path .build-bench`); PYTHON=python3.x for the venv;
# CHECK=0 to skip the comparison with the streaming path.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/Benchmarks/out/measure"
venv="$root/Benchmarks/.venv"
mkdir -p "$out"

if [ -z "${PMO:-}" ]; then
    swift build -c release --scratch-path "$root/.build-bench" --product pmo
    PMO="$root/.build-bench/release/pmo"
fi
if [ ! -x "$venv/bin/python" ]; then "${PYTHON:-python3}" -m venv "$venv"; fi
"$venv/bin/pip" install --quiet --disable-pip-version-check -r "$root/scripts/golden/requirements.txt"
py="$venv/bin/python"
results="$out/results.txt"
: > "$results"
say() { echo "$*" | tee -a "$results"; }

# Wall-clock seconds and peak RSS (MB) of a command, from GNU time; the seconds go to $out/$name.wall.
timed() {
    local name="$1"; shift
    /usr/bin/time -v -o "$out/$name.time" "$@"
    local wall rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$out/$name.time")
    rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$out/$name.time")
    echo "$wall" > "$out/$name.wall"
    say "$name: wall ${wall} s, peak ${rss} MB"
}

# The same command reading its input through a pipe (the streaming path) must print the same bytes.
same_as_streaming() {
    local name="$1" expected="$2" input="$3"; shift 3
    [ "${CHECK:-1}" = 1 ] || return 0
    if cat "$input" | "$@" | cmp -s - "$expected"; then
        say "$name: same output when streamed from a pipe"
    else
        say "$name: DIFFERENT output when streamed from a pipe"
        exit 1
    fi
}

say "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg); pmo: $PMO"

say "== EAP: 1,000,000 persons x 20 responses"
[ -f "$out/eap/responses.csv" ] || "$PMO" measure simulate --persons 1000000 --items 20 --seed 42 --output "$out/eap"
cat "$out/eap/responses.csv" > /dev/null  # the same page cache for pmo and the peers
timed pmo-estimate sh -c "'$PMO' measure estimate --items '$out/eap/items.csv' --responses '$out/eap/responses.csv' --timings > '$out/eap/estimates.csv' 2> '$out/eap/estimate.log'"
cat "$out/eap/estimate.log" | tee -a "$results"
girth_eap="$("$py" "$here/peers.py" eap-girth "$out/eap" "$out/eap/estimates.csv")"
say "girth: $girth_eap"
catsim_eap="$("$py" "$here/peers.py" eap-catsim "$out/eap" 2000)"
say "catsim: $catsim_eap"
same_as_streaming pmo-estimate "$out/eap/estimates.csv" "$out/eap/responses.csv" \
    "$PMO" measure estimate --items "$out/eap/items.csv" --responses /dev/stdin

say "== Calibration: 100 items x 20,000 persons"
[ -f "$out/calibration/responses.csv" ] || "$PMO" measure simulate --persons 20000 --items 100 --seed 43 --output "$out/calibration"
timed pmo-calibrate sh -c "'$PMO' measure calibrate --responses '$out/calibration/responses.csv' --min-responses 1 --timings > '$out/calibration/items-calibrated.csv' 2> '$out/calibration/calibrate.log'"
cat "$out/calibration/calibrate.log" | tee -a "$results"
girth_calibration="$("$py" "$here/peers.py" calibrate-girth "$out/calibration" "$out/calibration/items-calibrated.csv")"
say "girth: $girth_calibration"

say "== FSRS: 1,000,000 reviews"
[ -f "$out/fsrs/reviews.csv" ] || "$PMO" measure simulate --persons 0 --items 1 --reviews 1000000 --seed 44 --output "$out/fsrs"
cat "$out/fsrs/reviews.csv" > /dev/null
timed pmo-fsrs sh -c "'$PMO' measure fsrs --reviews '$out/fsrs/reviews.csv' --timings > '$out/fsrs/cards.csv' 2> '$out/fsrs/fsrs.log'"
cat "$out/fsrs/fsrs.log" | tee -a "$results"
py_fsrs="$("$py" "$here/peers.py" fsrs "$out/fsrs" "$out/fsrs/cards.csv" 5000)"
say "py-fsrs: $py_fsrs"
same_as_streaming pmo-fsrs "$out/fsrs/cards.csv" "$out/fsrs/reviews.csv" "$PMO" measure fsrs --reviews /dev/stdin

say "== Ratios (peer compute time / pmo end-to-end wall time)"
"$py" - "$out" "$girth_eap" "$catsim_eap" "$girth_calibration" "$py_fsrs" <<'EOF' | tee -a "$results"
import json, sys
out = sys.argv[1]
girth_eap, catsim_eap, girth_calibration, py_fsrs = (json.loads(a) for a in sys.argv[2:6])
wall = {name: float(open(f"{out}/pmo-{name}.wall").read()) for name in ("estimate", "calibrate", "fsrs")}
rows = [
    ("EAP vs girth.ability_eap", wall["estimate"], girth_eap["seconds"], 3),
    ("EAP vs catsim EAP (extrapolated to 1,000,000 persons)", wall["estimate"],
     catsim_eap["seconds"] * 1_000_000 / catsim_eap["persons"], 100),
    ("calibration vs girth.twopl_mml", wall["calibrate"], girth_calibration["seconds"], 3),
    ("FSRS vs py-fsrs (extrapolated to 1,000,000 reviews)", wall["fsrs"],
     py_fsrs["seconds"] * 1_000_000 / py_fsrs["reviews"], 50),
]
for name, ours, theirs, target in rows:
    ratio = theirs / ours
    print(f"{name}: pmo {ours:.2f} s, peer {theirs:.2f} s, {ratio:.1f}x (target {target}x: {'met' if ratio >= target else 'NOT met'})")
EOF
echo "figures in $results"
