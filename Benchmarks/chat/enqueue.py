#!/usr/bin/env python3
"""Queues N benchmark messages round-robin over channels r1…rK, straight into pmo's outbox.

The rows look exactly like planned reminders: the payload is pmo's outbox envelope
({"message": ChatMessage}), due now, with a unique idempotency key each. Also writes the same
messages as JSON lines for the apprise and curl runs.

    enqueue.py DATABASE N K MESSAGES.jsonl
"""
import json
import sqlite3
import sys

database, count, channels, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
due = "2000-01-01 00:00:00.000"
connection = sqlite3.connect(database)
rows = []
with open(out, "w") as lines:
    for number in range(count):
        channel = f"r{number % channels + 1}"
        title = f"Reviews due {number}"
        paragraph = f"Benchmark message {number}: 5 questions are due for review (about 3 minutes). Run 'pmo review'."
        message = {"kind": "reviews-due", "title": title, "paragraphs": [paragraph], "links": [], "mentions": []}
        payload = json.dumps({"message": message}, sort_keys=True, separators=(",", ":"))
        rows.append((channel, f"{channel}|reviews-due|bench:{number}|bench", payload, due, due))
        lines.write(json.dumps({"channel": channel, "title": title, "body": paragraph}) + "\n")
with connection:
    connection.executemany(
        "INSERT INTO outbox (channel, idempotency_key, payload, status, attempts, next_attempt_at, created_at) "
        "VALUES (?, ?, ?, 'pending', 0, ?, ?)", rows)
print(f"queued {count} messages for {channels} channels")
