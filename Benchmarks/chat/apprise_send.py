#!/usr/bin/env python3
"""Posts the benchmark messages with apprise (json:// to the loopback receivers), one notify each.

    apprise_send.py MESSAGES.jsonl BASE_PORT [LIMIT]
"""
import json
import sys
import time

import apprise

path, base_port = sys.argv[1], int(sys.argv[2])
limit = int(sys.argv[3]) if len(sys.argv) > 3 else None
messages = [json.loads(line) for line in open(path)]
if limit:
    messages = messages[:limit]
targets = {}
for message in messages:
    channel = message["channel"]
    if channel not in targets:
        port = base_port + int(channel[1:]) - 1
        target = apprise.Apprise()
        target.add(f"json://127.0.0.1:{port}/hooks/{channel}")
        targets[channel] = target
failures = 0
start = time.perf_counter()
for message in messages:
    if not targets[message["channel"]].notify(title=message["title"], body=message["body"]):
        failures += 1
elapsed = time.perf_counter() - start
print(json.dumps({"messages": len(messages), "seconds": elapsed, "failures": failures}))
