#!/usr/bin/env bash
# Chat delivery benchmark: MESSAGES messages to RECEIVERS loopback webhook receivers, rate limit off,
# posted three ways in one run against the same receivers:
#   1. pmo bot deliver (the outbox worker: libcurl multi, keep-alive, group commit of delivered posts),
#   2. apprise from PyPI (json:// URLs, one notify per message),
#   3. one curl command per message (a sample of CURL_SAMPLE, extrapolated),
#   4. for reference, curl --parallel (libcurl's multi interface, keep-alive, no queue, no database).
# The receivers (receivers.c, compiled here with cc: epoll, one thread, HTTP/1.1 keep-alive) parse
# every request and count the TCP connections each sender opened, the requests they answered and
# the body bytes they read. RECEIVER=python uses the older asyncio receivers.py instead.
#
#   Benchmarks/chat/run.sh                  # 10,000 messages, 50 receivers
#   MESSAGES=2000 Benchmarks/chat/run.sh    # quicker
#   PMO=/path/to/pmo Benchmarks/chat/run.sh # a given binary (it needs 'pmo bot')
#
# Only 127.0.0.1 is used; the receivers stop by themselves after 30 minutes at the latest.
# Build the binary with:
#   swift build -c release --static-swift-stdlib --scratch-path .build-chatbench --product pmo
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
messages=${MESSAGES:-10000}
receivers=${RECEIVERS:-50}
curl_sample=${CURL_SAMPLE:-300}
base_port=${BASE_PORT:-19100}
control_port=${CONTROL_PORT:-19099}
concurrency=${CONCURRENCY:-128}  # the default of pmo bot deliver --concurrency
per_host=4  # WebhookClient.Configuration.maxConcurrentTransfersPerHost

# The pmo binary: $PMO, else a release build of this tree (build one with
# 'swift build -c release --scratch-path .build-chatbench --product pmo').
pmo=${PMO:-}
if [[ -z "$pmo" ]]; then
    for candidate in "$root/.build-chatbench/release/pmo" "$root/.build/release/pmo" "/tmp/snap/.build-static/release/pmo"; do
        if [[ -x "$candidate" ]] && "$candidate" bot --help >/dev/null 2>&1; then pmo=$candidate; break; fi
    done
fi
if [[ -z "$pmo" ]] || ! "$pmo" bot --help >/dev/null 2>&1; then
    echo "no pmo binary with 'pmo bot'; build one: swift build -c release --scratch-path .build-chatbench --product pmo" >&2
    exit 1
fi

# apprise from PyPI, in Benchmarks/.venv.
venv="$root/Benchmarks/.venv"
if [[ ! -x "$venv/bin/python" ]]; then python3 -m venv "$venv"; fi
if ! "$venv/bin/python" -c "import apprise" 2>/dev/null; then "$venv/bin/pip" install --quiet apprise; fi
apprise_version=$("$venv/bin/python" -c "import apprise; print(apprise.__version__)")

work=$(mktemp -d /tmp/pmo-chatbench.XXXXXX)
receiver_pid=""
cleanup() {
    if [[ -n "$receiver_pid" ]]; then kill "$receiver_pid" 2>/dev/null || true; wait "$receiver_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

receiver_kind=${RECEIVER:-c}
if [[ "$receiver_kind" == python ]]; then
    receiver_command=(python3 "$here/receivers.py")
else
    cc -O2 -o "$work/receivers" "$here/receivers.c"
    receiver_command=("$work/receivers")
fi
"${receiver_command[@]}" --base-port "$base_port" --count "$receivers" --control-port "$control_port" --max-seconds 1800 \
    > "$work/receivers.log" 2>&1 &
receiver_pid=$!
for _ in $(seq 100); do
    curl -s -o /dev/null "http://127.0.0.1:$control_port/stats" && break
    sleep 0.1
done

stats() { curl -s "http://127.0.0.1:$control_port/stats"; }
reset() { curl -s -o /dev/null -X POST "http://127.0.0.1:$control_port/reset"; }
field() { python3 -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$1" "$2"; }
# Wall-clock seconds from bash itself: starting an interpreter to read the clock (as this script
# once did with python3) added its start-up, ~0.1 s, to every command timed with it.
now() { echo "$EPOCHREALTIME"; }

export HOME="$work" USER=bench LOGNAME=bench PMO_DATABASE="$work/academy.sqlite" XDG_CONFIG_HOME="$work/config" NO_COLOR=1
export no_proxy=127.0.0.1,localhost NO_PROXY=127.0.0.1,localhost
unset PMO_NOW PMO_SEED http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy || true

# Channels r1…rN, one per receiver, generic JSON; then the messages, straight into the outbox.
for i in $(seq "$receivers"); do
    "$pmo" bot channel add "r$i" --url "http://127.0.0.1:$((base_port + i - 1))/hooks/r$i" --format generic >/dev/null
done
python3 "$here/enqueue.py" "$PMO_DATABASE" "$messages" "$receivers" "$work/messages.jsonl" >/dev/null

echo "pmo: $pmo"
echo "apprise: $apprise_version; curl: $(curl --version | head -1 | cut -d' ' -f1-2); $(nproc) cores"
echo "messages: $messages to $receivers receivers on 127.0.0.1 ($receiver_kind receivers), rate limit off"
echo "load before: $(uptime | sed 's/.*load average/load average/')"
echo

# 1. pmo bot deliver.
reset
start=$(now)
summary=$("$pmo" bot deliver --no-rate-limit --merge-limit 1 --concurrency "$concurrency")
end=$(now)
pmo_stats=$(stats)
pmo_seconds=$(python3 -c "print($end - $start)")
echo "pmo bot deliver: $summary"

# 2. apprise, the same messages to the same receivers.
reset
apprise_result=$("$venv/bin/python" "$here/apprise_send.py" "$work/messages.jsonl" "$base_port")
apprise_stats=$(stats)
apprise_seconds=$(field "$apprise_result" seconds)
apprise_messages=$(field "$apprise_result" messages)

# 3. One curl command per message, a sample.
python3 - "$work/messages.jsonl" "$base_port" "$curl_sample" > "$work/curl.tsv" <<'PY'
import json, sys
path, base, limit = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
for number, line in enumerate(open(path)):
    if number >= limit:
        break
    m = json.loads(line)
    port = base + int(m["channel"][1:]) - 1
    print(f"http://127.0.0.1:{port}/hooks/{m['channel']}\t" + json.dumps({"title": m["title"], "text": m["body"]}))
PY
reset
start=$(now)
while IFS=$'\t' read -r url body; do
    curl -s -o /dev/null -H 'Content-Type: application/json' --data-binary "$body" "$url"
done < "$work/curl.tsv"
end=$(now)
curl_stats=$(stats)
curl_seconds=$(python3 -c "print($end - $start)")

# 4. curl --parallel: every message from one curl process, 50 transfers at once over kept-alive
#    connections. A reference for what libcurl alone does against these receivers.
python3 - "$work/messages.jsonl" "$base_port" > "$work/parallel.curlrc" <<'PY'
import json, sys
path, base = sys.argv[1], int(sys.argv[2])
entries = []
for line in open(path):
    m = json.loads(line)
    port = base + int(m["channel"][1:]) - 1
    body = json.dumps(json.dumps({"title": m["title"], "text": m["body"]}))
    entries.append(f'url = "http://127.0.0.1:{port}/hooks/{m["channel"]}"\nheader = "Content-Type: application/json"\n'
                   f'data-binary = {body}\noutput = "/dev/null"\n')
print("next\n".join(entries), end="")
PY
reset
start=$(now)
curl -s --parallel --parallel-max "$receivers" -K "$work/parallel.curlrc" 2>/dev/null
end=$(now)
parallel_stats=$(stats)
parallel_seconds=$(python3 -c "print($end - $start)")
echo "load after: $(uptime | sed 's/.*load average/load average/')"

python3 - "$messages" "$receivers" "$per_host" "$pmo_seconds" "$pmo_stats" "$apprise_messages" "$apprise_seconds" "$apprise_stats" \
    "$curl_sample" "$curl_seconds" "$curl_stats" "$parallel_seconds" "$parallel_stats" <<'PY'
import json, sys
(messages, receivers, per_host, pmo_s, pmo_stats, ap_n, ap_s, ap_stats, curl_n, curl_s, curl_stats, par_s, par_stats) = sys.argv[1:]
messages, receivers, per_host = int(messages), int(receivers), int(per_host)
rows = [
    ("pmo bot deliver", messages, float(pmo_s), json.loads(pmo_stats), ""),
    ("apprise (json://)", int(ap_n), float(ap_s), json.loads(ap_stats), ""),
    ("curl per message", int(curl_n), float(curl_s), json.loads(curl_stats), f"sample of {curl_n}, extrapolated"),
    ("curl --parallel (reference)", messages, float(par_s), json.loads(par_stats), "libcurl alone: no queue, no database"),
]
print()
print(f"| sender | messages | seconds | messages/s | TCP connections | requests answered | note |")
print(f"| --- | ---: | ---: | ---: | ---: | ---: | --- |")
rates = {}
for name, n, seconds, stats, note in rows:
    rate = n / seconds if seconds > 0 else float("inf")
    rates[name] = rate
    connections = stats["connections"]
    if note.startswith("sample"):
        connections = f"{connections} ({round(connections * messages / max(n, 1))} for {messages})"
        note = f"{note}: {messages / rate:.1f} s for {messages}"
    print(f"| {name} | {n} | {seconds:.2f} | {rate:,.0f} | {connections} | {stats['requests']} | {note} |")
pmo_stats = json.loads(pmo_stats)
ratio = rates["pmo bot deliver"] / rates["apprise (json://)"]
bound = receivers * per_host
print()
print(f"pmo / apprise: {ratio:.1f}x (target >= 20x: {'met' if ratio >= 20 else 'NOT met'})")
print(f"pmo connections: {pmo_stats['connections']} (bound: {receivers} receivers x {per_host} per host = {bound}: "
      f"{'met' if pmo_stats['connections'] <= bound else 'NOT met'}); requests answered {pmo_stats['requests']} of {messages}")
PY
