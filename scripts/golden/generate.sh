#!/usr/bin/env bash
# Regenerates the golden vectors in Tests/AcademyCoreTests/Golden/ from the reference
# implementations (catsim, girth, py-fsrs), pinned in requirements.txt and installed into
# scripts/golden/.venv. The tests use the committed vectors; run this only to refresh them.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/Tests/AcademyCoreTests/Golden"
python="${PYTHON:-python3}"

if [ ! -x "$here/.venv/bin/python" ]; then
    "$python" -m venv "$here/.venv"
fi
"$here/.venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"

mkdir -p "$out"
"$here/.venv/bin/python" "$here/make_eap.py" "$out/eap.json"
"$here/.venv/bin/python" "$here/make_calibration.py" "$out/calibration.json"
"$here/.venv/bin/python" "$here/make_fsrs.py" "$out/fsrs.json"
ls -l "$out"
"$here/.venv/bin/python" "$here/make_porter.py" "$root" "$root/Tests/Fixtures/porter-golden.tsv"
