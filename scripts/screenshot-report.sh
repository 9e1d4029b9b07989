#!/usr/bin/env bash
# Takes a headless-Chromium screenshot of an HTML report, to check how it looks.
#
#   scripts/screenshot-report.sh IN.html [OUT.png] [WIDTHxHEIGHT]
#   scripts/screenshot-report.sh --samples [DIR]
#
# The first form screenshots one file (default OUT: IN with .png; default size 1200x1600).
# --samples renders the sample reports with the AcademyReportsTests (the shipped maturity
# model for a realistic unit, a first assessment, and the bar chart and heatmap samples)
# into DIR (default /tmp/pmo-report-samples) and screenshots each HTML file there, plus a
# full-page PDF print of the maturity report when pdftoppm is available.
#
# Chromium is installed with apt-get when it is missing and the script runs as root;
# otherwise the script says what to install and exits 2. SCRATCH_PATH chooses the build
# directory for --samples (default .build).
set -euo pipefail

die() { echo "screenshot-report: $*" >&2; exit "${2:-1}"; }

find_chromium() {
    for name in chromium chromium-browser google-chrome google-chrome-stable; do
        if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return 0; fi
    done
    return 1
}

ensure_chromium() {
    if CHROMIUM=$(find_chromium); then return 0; fi
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        echo "screenshot-report: installing chromium with apt-get…" >&2
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
        CHROMIUM=$(find_chromium) || die "chromium was installed but is not on PATH" 2
    else
        die "chromium is not installed; install it (Debian/Ubuntu: sudo apt-get install chromium fonts-liberation) or run as root" 2
    fi
}

# shot IN OUT SIZE: one headless screenshot.
shot() {
    local in out size abs
    in=$1 out=$2 size=${3:-1200x1600}
    [ -f "$in" ] || die "no such file: $in"
    abs=$(cd "$(dirname "$in")" && pwd)/$(basename "$in")
    "$CHROMIUM" --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
        --screenshot="$out" --window-size="${size/x/,}" "file://$abs" >/dev/null 2>&1 \
        || die "chromium could not render $in"
    [ -s "$out" ] || die "chromium wrote no screenshot for $in"
    echo "$out"
}

# print_pdf IN OUT_PREFIX: prints to an A4 PDF and rasterises its pages, to check print layout.
print_pdf() {
    local in=$1 prefix=$2 abs
    abs=$(cd "$(dirname "$in")" && pwd)/$(basename "$in")
    "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
        --print-to-pdf="$prefix.pdf" "file://$abs" >/dev/null 2>&1 || die "chromium could not print $in"
    echo "$prefix.pdf"
    if command -v pdftoppm >/dev/null 2>&1; then
        pdftoppm -png -r 60 "$prefix.pdf" "$prefix-page"
        ls "$prefix"-page*.png
    fi
}

main() {
    [ $# -ge 1 ] || die "usage: $0 IN.html [OUT.png] [WIDTHxHEIGHT] | --samples [DIR]"
    ensure_chromium
    if [ "$1" = "--samples" ]; then
        local dir=${2:-/tmp/pmo-report-samples} root
        root=$(cd "$(dirname "$0")/.." && pwd)
        mkdir -p "$dir"
        echo "screenshot-report: rendering the samples (swift test --filter MaturityReportSampleTests)…" >&2
        if ! (cd "$root" && PMO_REPORT_SAMPLE_DIR="$dir" swift test --scratch-path "${SCRATCH_PATH:-$root/.build}" \
            --filter "AcademyReportsTests.MaturityReportSampleTests") >"$dir/render.log" 2>&1; then
            tail -n 30 "$dir/render.log" >&2
            die "rendering the samples failed; the full log is $dir/render.log"
        fi
        for html in "$dir"/*.html; do
            shot "$html" "${html%.html}.png" 1200x1600
        done
        shot "$dir/maturity.html" "$dir/maturity-narrow.png" 800x1600
        print_pdf "$dir/maturity.html" "$dir/maturity-print"
        return
    fi
    shot "$1" "${2:-${1%.html}.png}" "${3:-1200x1600}"
}

main "$@"
