"""Compares the Swift answer engine's top 10 (swift.json, okapi mode, stemming off) with rank_bm25's
(result.json from reference.py) and prints the side-by-side latencies.

    python compare.py DIR        # DIR holds swift.json and result.json

Two top lists agree when they hold the same documents in the same order, where documents whose
scores are equal (within 1e-9 relative) may appear in either order, and a tie straddling the cut at
10 may be resolved either way.
"""
import json
import sys

d = sys.argv[1]
swift = json.load(open(f"{d}/swift.json"))
ref = json.load(open(f"{d}/result.json"))
rb = ref["rank_bm25"]


def same(a_ids, a_scores, b_ids, b_scores):
    if len(a_ids) != len(b_ids):
        return False
    for x, y in zip(a_scores, b_scores):
        if abs(x - y) > 1e-9 * max(1.0, abs(x)):
            return False
    # Positions whose scores differ from every other score must name the same document.
    for i, (x, y) in enumerate(zip(a_ids, b_ids)):
        if x == y:
            continue
        tied = [j for j, s in enumerate(a_scores) if abs(s - a_scores[i]) <= 1e-9 * max(1.0, abs(s))]
        last = a_scores[-1]
        at_cut = abs(a_scores[i] - last) <= 1e-9 * max(1.0, abs(last))
        if len(tied) < 2 and not at_cut:
            return False
        if not at_cut and set(a_ids[j] for j in tied) != set(b_ids[j] for j in tied):
            return False
    return True


queries = sorted(swift["top"])
agree = sum(1 for q in queries if same(swift["top"][q], swift["scores"][q], rb["top"][q], rb["scores"][q]))
exact = sum(1 for q in queries if swift["top"][q] == rb["top"][q])
bad = [q for q in queries if not same(swift["top"][q], swift["scores"][q], rb["top"][q], rb["scores"][q])]
print(f"top-10 agreement with rank_bm25 BM25Okapi: {agree}/{len(queries)} (identical lists: {exact}); differing: {bad[:10]}")


def us(x):
    return f"{x * 1e6:9.1f} µs"


rows = [
    ("pmo BM25Index.search (pre-tokenized)", swift["search_seconds_per_query"]),
    ("pmo AnswerEngine.ask (text → answer)", swift["answer_seconds_per_query"]),
    ("rank_bm25 get_scores + argsort", rb["query_seconds_per_query"]),
    ("bm25s retrieve, one query at a time", ref["bm25s"]["query_seconds_per_query"]),
]
print(f"{'per query, ' + str(swift['sections']) + ' sections':44} {'p50':>12} {'p99':>12} {'mean':>12}")
for name, t in rows:
    print(f"{name:44} {us(t['p50'])} {us(t['p99'])} {us(t['mean'])}")
print(f"{'bm25s retrieve, all queries in one call':44} {'':12} {'':12} {us(ref['bm25s']['batch_seconds_per_query'])}")
s = swift["search_seconds_per_query"]["mean"]
print(f"speed-up of pmo search (mean): {rb['query_seconds_per_query']['mean'] / s:.0f}× rank_bm25, "
      f"{ref['bm25s']['query_seconds_per_query']['mean'] / s:.0f}× bm25s per query, "
      f"{ref['bm25s']['batch_seconds_per_query'] / s:.1f}× bm25s batched")
sys.exit(0 if agree == len(queries) else 1)
