"""Cross-check and speed reference for the answer engine: rank_bm25 and bm25s on the same
pre-tokenized corpus and queries as the Swift side.

    Benchmarks/.venv/bin/python Benchmarks/answer/reference.py \
        --corpus corpus.jsonl --queries queries.jsonl --k1 1.2 --b 0.75 --top 10 --out result.json

Input (JSON lines, already tokenized by the Swift side -- no stemming, stop words removed;
this script never re-tokenizes):
    corpus.jsonl   {"id": "s00001", "tokens": ["word", ...]}   one section per line
    queries.jsonl  {"id": "q001", "tokens": ["word", ...]}     one query per line

The BM25 that both peers compute (the Swift engine's `okapi` mode matches rank_bm25):

    score(D, Q) = sum over query tokens q (repeats counted each time) of
                  idf(q) * tf(q, D) * (k1 + 1) / (tf(q, D) + k1 * (1 - b + b * |D| / avgdl))

    rank_bm25 BM25Okapi:
        idf(q) = ln((N - n(q) + 0.5) / (n(q) + 0.5))
        N = number of documents, n(q) = number of documents containing q,
        avgdl = mean document length in tokens. A negative idf (a token in more than half
        the documents) is replaced by epsilon * average_idf, where average_idf is the mean of
        the raw idfs (negatives included) over the whole vocabulary; epsilon = 0.25.
        A token not in the corpus contributes 0.

    bm25s, method="atire", idf_method="robertson" (why: see make_bm25s below):
        the same formula, except that a negative idf is clamped to 0 instead of floored at
        epsilon * average_idf. So both give identical scores (up to float32 rounding) for every
        query whose tokens each occur in at most half the documents; a query with a token in more
        than half the documents can rank differently. Scores are float32 in bm25s (its default),
        float64 in rank_bm25.

Output (--out result.json):
    {"rank_bm25": {"top": {"q001": ["s00042", ...]}, "scores": {"q001": [12.3, ...]},
                   "index_seconds": x, "query_seconds_per_query": {"p50": .., "p99": .., "mean": ..}},
     "bm25s":     {same keys, plus "batch_seconds_per_query"},
     "settings":  {...}, "cross_check": {...}}
Top lists are in descending score order and leave out documents that score 0 (no query token
in them), so a list can be shorter than --top. rank_bm25 ties are broken by corpus order (the
earlier line first); bm25s breaks ties its own way (argpartition), which the cross-check allows.

Timing (time.perf_counter, one query at a time, after one untimed warm-up query):
    rank_bm25: get_scores(tokens) + a stable argsort for the top k, per query;
    bm25s:     retrieve([tokens], k=top) per query; "batch_seconds_per_query" is one
               retrieve(all queries) divided by the number of queries.
Index time is building the index from the token lists already in memory (reading the files is
not timed).
"""
import argparse
import json
import os
import sys
import time
from importlib.metadata import version

os.environ.setdefault("DISABLE_TQDM", "1")  # bm25s: no progress bars on stderr

import numpy as np
import rank_bm25
import bm25s


def read_jsonl(path):
    ids, tokens = [], []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            obj = json.loads(line)
            if not isinstance(obj.get("id"), str) or not isinstance(obj.get("tokens"), list):
                sys.exit(f"{path}:{number}: expected {{\"id\": str, \"tokens\": [str, ...]}}")
            ids.append(obj["id"])
            tokens.append([str(t) for t in obj["tokens"]])
    if len(set(ids)) != len(ids):
        sys.exit(f"{path}: duplicate ids")
    return ids, tokens


def summary(seconds):
    a = np.asarray(seconds, dtype=np.float64)
    if a.size == 0:
        return {"p50": 0.0, "p99": 0.0, "mean": 0.0}
    return {"p50": float(np.percentile(a, 50)), "p99": float(np.percentile(a, 99)), "mean": float(a.mean())}


def top_from_scores(scores, k):
    # Stable sort on the negated scores: descending score, ties by corpus order.
    order = np.argsort(-scores, kind="stable")[:k]
    return [int(i) for i in order if scores[i] > 0]


def run_rank_bm25(corpus_tokens, query_tokens, k1, b, top):
    start = time.perf_counter()
    index = rank_bm25.BM25Okapi(corpus_tokens, k1=k1, b=b, epsilon=0.25)
    index_seconds = time.perf_counter() - start

    if query_tokens:  # warm-up, untimed
        top_from_scores(index.get_scores(query_tokens[0]), top)
    tops, scores, times = [], [], []
    for tokens in query_tokens:
        start = time.perf_counter()
        s = index.get_scores(tokens)
        best = top_from_scores(s, top)
        times.append(time.perf_counter() - start)
        tops.append(best)
        scores.append([float(s[i]) for i in best])
    return tops, scores, index_seconds, times


def make_bm25s(k1, b, backend):
    # Which bm25s variant matches rank_bm25's BM25Okapi (read in bm25s/scoring.py, 0.3.x):
    #   term frequency part: "robertson" and "lucene" compute tf / (tf + k1 * (1 - b + b*|D|/avgdl)),
    #     without the (k1 + 1) factor; "atire" computes tf * (k1 + 1) / (tf + k1 * (...)), which is
    #     exactly rank_bm25's. (k1 + 1) is a constant factor, so it changes scores, not rankings.
    #   idf part: "robertson" is ln((N - n + 0.5) / (n + 0.5)), rank_bm25's formula, with a negative
    #     value clamped to 0; "lucene" is ln(1 + (N - n + 0.5)/(n + 0.5)) and "atire" ln(N / n),
    #     which change the relative weight of common and rare tokens and so change rankings.
    # method="atire" with idf_method="robertson" therefore gives rank_bm25's scores exactly, except
    # for tokens in more than half the documents (0 here, epsilon * average idf in rank_bm25).
    # method="robertson" alone would give the same rankings with every score divided by (k1 + 1).
    return bm25s.BM25(k1=k1, b=b, method="atire", idf_method="robertson", backend=backend)


def run_bm25s(corpus_tokens, query_tokens, k1, b, top, backend):
    k = min(top, len(corpus_tokens))
    start = time.perf_counter()
    index = make_bm25s(k1, b, backend)
    index.index(corpus_tokens, show_progress=False)
    index_seconds = time.perf_counter() - start

    def retrieve(queries):
        return index.retrieve(queries, k=k, show_progress=False, n_threads=0)

    if query_tokens:  # warm-up, untimed
        retrieve([query_tokens[0]])
    tops, scores, times = [], [], []
    for tokens in query_tokens:
        start = time.perf_counter()
        docs, s = retrieve([tokens])
        times.append(time.perf_counter() - start)
        pairs = [(int(d), float(v)) for d, v in zip(docs[0], s[0]) if v > 0]
        tops.append([d for d, _ in pairs])
        scores.append([v for _, v in pairs])

    batch = 0.0
    if query_tokens:
        start = time.perf_counter()
        retrieve(query_tokens)
        batch = (time.perf_counter() - start) / len(query_tokens)
    return tops, scores, index_seconds, times, batch, index.backend


def cross_check(query_ids, query_tokens, corpus_tokens, rb, bs):
    """Compares the two peers' top lists. "same_top_in_order": the same documents in the same
    order. "same_top_allowing_ties": the same score at every rank (relative tolerance 1e-5, for
    bm25s's float32) and the same documents above the lowest score listed, so only documents
    tied with each other may be ordered or cut off differently."""
    n_docs = len(corpus_tokens)
    df = {}
    for tokens in corpus_tokens:
        for t in set(tokens):
            df[t] = df.get(t, 0) + 1
    # rank_bm25 floors these tokens' idf at epsilon * average idf; bm25s clamps it to 0.
    common = {t for t, n in df.items() if n > n_docs / 2.0}
    same_order, same_ties, differ, max_diff = 0, 0, [], 0.0
    for qi, q in enumerate(query_ids):
        a_docs, a_scores = rb[0][qi], rb[1][qi]
        b_docs, b_scores = bs[0][qi], bs[1][qi]
        if not any(t in common for t in query_tokens[qi]):
            b_by_doc = dict(zip(b_docs, b_scores))
            for d, v in zip(a_docs, a_scores):
                if d in b_by_doc:
                    max_diff = max(max_diff, abs(v - b_by_doc[d]) / max(1.0, abs(v)))
        if a_docs == b_docs:
            same_order += 1
            same_ties += 1
            continue
        tol = 1e-5 * max([1.0] + [abs(v) for v in a_scores])
        if len(a_docs) == len(b_docs) and all(abs(x - y) <= tol for x, y in zip(a_scores, b_scores)):
            last = a_scores[-1]
            above_a = {d for d, v in zip(a_docs, a_scores) if v > last + tol}
            above_b = {d for d, v in zip(b_docs, b_scores) if v > last + tol}
            if above_a == above_b:
                same_ties += 1
                continue
        differ.append(q)
    return {
        "queries": len(query_ids),
        "same_top_in_order": same_order,
        "same_top_allowing_ties": same_ties,
        "differing_queries": differ,
        "differing_with_a_token_in_over_half_the_documents": [
            q for q in differ if any(t in common for t in query_tokens[query_ids.index(q)])],
        # over the documents both list, on queries without a token in over half the documents
        "max_relative_score_difference": max_diff,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--queries", required=True)
    parser.add_argument("--k1", type=float, default=1.2)
    parser.add_argument("--b", type=float, default=0.75)
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--out", required=True)
    parser.add_argument("--bm25s-backend", default="numpy", choices=["numpy", "numba", "auto"],
                        help="bm25s retrieval backend (numba needs the numba package; default numpy)")
    args = parser.parse_args()
    if args.top < 1:
        sys.exit("--top must be at least 1")

    doc_ids, corpus_tokens = read_jsonl(args.corpus)
    query_ids, query_tokens = read_jsonl(args.queries)
    if not doc_ids:
        sys.exit(f"{args.corpus}: no documents")

    rb_tops, rb_scores, rb_index_s, rb_times = run_rank_bm25(
        corpus_tokens, query_tokens, args.k1, args.b, args.top)
    bs_tops, bs_scores, bs_index_s, bs_times, bs_batch, bs_backend = run_bm25s(
        corpus_tokens, query_tokens, args.k1, args.b, args.top, args.bm25s_backend)

    def block(tops, scores, index_s, times):
        return {
            "top": {q: [doc_ids[i] for i in t] for q, t in zip(query_ids, tops)},
            "scores": {q: s for q, s in zip(query_ids, scores)},
            "index_seconds": index_s,
            "query_seconds_per_query": summary(times),
        }

    result = {
        "rank_bm25": block(rb_tops, rb_scores, rb_index_s, rb_times),
        "bm25s": dict(block(bs_tops, bs_scores, bs_index_s, bs_times), batch_seconds_per_query=bs_batch),
        "settings": {
            "k1": args.k1, "b": args.b, "top": args.top,
            "documents": len(doc_ids), "queries": len(query_ids),
            "rank_bm25": {"version": version("rank_bm25"), "class": "BM25Okapi", "epsilon": 0.25},
            "bm25s": {"version": version("bm25s"), "method": "atire", "idf_method": "robertson",
                      "dtype": "float32", "backend": bs_backend},
            "numpy": np.__version__, "python": sys.version.split()[0],
        },
        "cross_check": cross_check(query_ids, query_tokens, corpus_tokens, (rb_tops, rb_scores),
                                   (bs_tops, bs_scores)),
    }
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1)
        f.write("\n")

    def ms(x):
        return f"{x * 1000:.3f} ms"
    for name in ("rank_bm25", "bm25s"):
        r = result[name]
        t = r["query_seconds_per_query"]
        extra = f", batch {ms(r['batch_seconds_per_query'])}/query" if "batch_seconds_per_query" in r else ""
        print(f"{name}: index {r['index_seconds']:.3f} s; per query p50 {ms(t['p50'])}, "
              f"p99 {ms(t['p99'])}, mean {ms(t['mean'])}{extra}")
    c = result["cross_check"]
    print(f"cross-check: {c['same_top_in_order']}/{c['queries']} identical top-{args.top}, "
          f"{c['same_top_allowing_ties']}/{c['queries']} allowing ties; "
          f"max relative score difference {c['max_relative_score_difference']:.2e}")


if __name__ == "__main__":
    main()
