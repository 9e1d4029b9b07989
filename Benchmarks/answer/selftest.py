"""Self-test of reference.py: a 5-document toy corpus written to a temporary directory under /tmp,
the script run on it, and its output checked against BM25 computed by hand here.

    Benchmarks/.venv/bin/python Benchmarks/answer/selftest.py
"""
import json
import math
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

CORPUS = [
    ("s00001", "risk register owner risk response".split()),
    ("s00002", "critical path schedule float project".split()),
    ("s00003", "earned value cost schedule variance project".split()),
    ("s00004", "stakeholder map power interest project".split()),
    ("s00005", "risk appetite threshold project".split()),
]
QUERIES = [
    ("q001", ["risk", "register"]),        # s00001 first, then s00005
    ("q002", ["schedule", "variance"]),    # s00003, then s00002
    ("q003", ["canteen"]),                 # no document: empty list
    ("q004", ["project", "stakeholder"]),  # "project" is in 4 of 5 documents (negative idf)
    ("q005", []),                          # an empty query
]
K1, B, EPS = 1.2, 0.75, 0.25


def okapi(query):
    """rank_bm25's BM25Okapi, written out: idf = ln((N - n + 0.5) / (n + 0.5)), negative idfs
    replaced by EPS * mean raw idf."""
    n_docs = len(CORPUS)
    avgdl = sum(len(t) for _, t in CORPUS) / n_docs
    df = {}
    for _, tokens in CORPUS:
        for t in set(tokens):
            df[t] = df.get(t, 0) + 1
    idf = {t: math.log((n_docs - n + 0.5) / (n + 0.5)) for t, n in df.items()}
    floor = EPS * sum(idf.values()) / len(idf)
    idf = {t: (v if v >= 0 else floor) for t, v in idf.items()}
    scores = []
    for doc_id, tokens in CORPUS:
        s = 0.0
        for q in query:
            tf = tokens.count(q)
            s += idf.get(q, 0.0) * tf * (K1 + 1) / (tf + K1 * (1 - B + B * len(tokens) / avgdl))
        scores.append((doc_id, s))
    return sorted([p for p in scores if p[1] > 0], key=lambda p: -p[1])


def main():
    with tempfile.TemporaryDirectory(prefix="bm25-selftest-", dir="/tmp") as tmp:
        corpus, queries, out = (os.path.join(tmp, n) for n in ("corpus.jsonl", "queries.jsonl", "result.json"))
        with open(corpus, "w") as f:
            for i, t in CORPUS:
                f.write(json.dumps({"id": i, "tokens": t}) + "\n")
        with open(queries, "w") as f:
            for i, t in QUERIES:
                f.write(json.dumps({"id": i, "tokens": t}) + "\n")
        subprocess.run([sys.executable, os.path.join(HERE, "reference.py"), "--corpus", corpus,
                        "--queries", queries, "--k1", str(K1), "--b", str(B), "--top", "10",
                        "--out", out], check=True)
        with open(out) as f:
            result = json.load(f)

    failures = []

    def check(ok, what):
        if not ok:
            failures.append(what)

    for name in ("rank_bm25", "bm25s"):
        r = result[name]
        check(set(r["top"]) == {q for q, _ in QUERIES}, f"{name}: every query has a top list")
        check(r["index_seconds"] >= 0, f"{name}: index_seconds")
        t = r["query_seconds_per_query"]
        check(0 < t["p50"] <= t["p99"] and t["mean"] > 0, f"{name}: timings {t}")
        for q, _ in QUERIES:
            check(len(r["top"][q]) == len(r["scores"][q]), f"{name} {q}: one score per document")
            check(r["scores"][q] == sorted(r["scores"][q], reverse=True), f"{name} {q}: descending scores")
        check(r["top"]["q003"] == [] and r["top"]["q005"] == [], f"{name}: no match gives an empty list")
        check(r["top"]["q001"][:1] == ["s00001"], f"{name} q001: {r['top']['q001']}")
        check(r["top"]["q002"][:1] == ["s00003"], f"{name} q002: {r['top']['q002']}")
    check(result["bm25s"]["batch_seconds_per_query"] > 0, "bm25s: batch_seconds_per_query")

    # rank_bm25 matches the hand-written formula everywhere, floor included.
    for q, tokens in QUERIES:
        want = okapi(tokens)
        got = list(zip(result["rank_bm25"]["top"][q], result["rank_bm25"]["scores"][q]))
        check([d for d, _ in got] == [d for d, _ in want] and
              all(abs(a - b) < 1e-9 for (_, a), (_, b) in zip(got, want)), f"rank_bm25 {q}: {got} != {want}")
    # bm25s matches it (float32) on the queries without a token in more than half the documents.
    for q in ("q001", "q002"):
        want = okapi(dict(QUERIES)[q])
        got = list(zip(result["bm25s"]["top"][q], result["bm25s"]["scores"][q]))
        check([d for d, _ in got] == [d for d, _ in want] and
              all(abs(a - b) < 1e-5 * max(1, abs(b)) for (_, a), (_, b) in zip(got, want)), f"bm25s {q}: {got} != {want}")
    # On q004 "project" scores 0 in bm25s (idf clamped) but EPS * mean idf in rank_bm25.
    check(result["bm25s"]["top"]["q004"] == ["s00004"], f"bm25s q004: {result['bm25s']['top']['q004']}")
    check(len(result["rank_bm25"]["top"]["q004"]) == 4, f"rank_bm25 q004: {result['rank_bm25']['top']['q004']}")
    c = result["cross_check"]
    check(c["differing_queries"] == ["q004"] and c["differing_with_a_token_in_over_half_the_documents"] == ["q004"],
          f"cross_check: {c}")

    if failures:
        print("selftest FAILED:\n  " + "\n  ".join(failures))
        sys.exit(1)
    print("selftest passed")


if __name__ == "__main__":
    main()
