#!/usr/bin/env bash
# Answer engine benchmark (issue 9): a generated index of SECTIONS sections, QUERIES queries.
#   1. pmo-answer-bench (release): writes corpus/queries (stemming off), its okapi top 10, and
#      per-query latency in process (search over tokens; full answer from text, shipped settings);
#   2. reference.py: rank_bm25 BM25Okapi and bm25s on the same tokens;
#   3. compare.py: top-10 agreement with rank_bm25 and the latencies side by side;
#   4. wrk against POST /api/ask of a running 'pmo bot serve' (WRK_SECONDS, WRK_CONNECTIONS).
#
#   Benchmarks/answer/run.sh                        # 10,000 sections, 1,000 queries, wrk 20 s
#   SECTIONS=2000 WRK_SECONDS=5 Benchmarks/answer/run.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
sections=${SECTIONS:-10000}
queries=${QUERIES:-1000}
wrk_seconds=${WRK_SECONDS:-20}
wrk_connections=${WRK_CONNECTIONS:-16}
scratch=${SCRATCH:-$root/.build-answerbench}

for product in pmo-answer-bench pmo; do
    if ! swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product "$product" > "/tmp/pmo-answerbench-build.log" 2>&1; then
        tail -30 /tmp/pmo-answerbench-build.log >&2
        exit 1
    fi
done
bin="$scratch/release"

venv="$root/Benchmarks/.venv"
[[ -x "$venv/bin/python" ]] || python3 -m venv "$venv"
"$venv/bin/python" -c "import rank_bm25, bm25s" 2>/dev/null || "$venv/bin/pip" install --quiet rank_bm25==0.2.2 bm25s==0.3.16 numpy
command -v wrk >/dev/null || { sudo -n true 2>/dev/null && SUDO=sudo || SUDO=; $SUDO apt-get install -y -qq wrk >/dev/null; }

work=$(mktemp -d /tmp/pmo-answerbench.XXXXXX)
server_pid=""
cleanup() { [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
"$bin/pmo-answer-bench" --content "$root" --sections "$sections" --queries "$queries" --out "$work"
"$venv/bin/python" "$here/reference.py" --corpus "$work/corpus.jsonl" --queries "$work/queries.jsonl" --k1 1.2 --b 0.75 --top 10 \
    --out "$work/result.json"
"$venv/bin/python" "$here/compare.py" "$work"

# wrk against /api/ask on the shipped content.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export HOME="$work" USER=bench LOGNAME=bench PMO_DATABASE="$work/academy.sqlite" PMO_CONTENT="$root" XDG_CONFIG_HOME="$work/config"
export PMO_BOT_API_TOKEN=bench-token-0123456789
"$bin/pmo" bot serve --port "$port" --no-reminders --log-level warning > "$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && break; sleep 0.1; done
cat > "$work/ask.lua" <<'LUA'
local questions = {"how do I write a risk statement", "what goes in a stakeholder register", "what is the critical path",
  "how do we run a retrospective", "what does a PMO do", "earned value cost performance index", "who approves a change request",
  "how to estimate with planning poker"}
local n = 0
request = function()
  n = n + 1
  local body = '{"question": "' .. questions[(n % #questions) + 1] .. '"}'
  return wrk.format("POST", "/api/ask", {["Authorization"] = "Bearer bench-token-0123456789", ["Content-Type"] = "application/json"}, body)
end
LUA
echo "wrk -t2 -c$wrk_connections -d${wrk_seconds}s --latency POST /api/ask (8 questions in turn), load $(cut -d' ' -f1-3 /proc/loadavg):"
wrk -t2 -c"$wrk_connections" -d"${wrk_seconds}s" --latency -s "$work/ask.lua" "http://127.0.0.1:$port" | grep -E "Requests/sec|99%|50%|Non-2xx|requests in"
