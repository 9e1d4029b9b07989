"""The Python peers of `pmo measure`, timed on the files `pmo measure simulate` wrote.

Each subcommand runs one peer in its own process and prints one JSON line: seconds of compute
(loading the files is not timed), the peak resident memory of the process, and checks against
the output of `pmo measure` where there is one.

    eap-girth DIR ESTIMATES      girth.ability_eap on all persons (61 Gauss-Legendre nodes on [-4, 4])
    eap-catsim DIR SAMPLE        catsim EAP (61 equally spaced nodes on [-4, 4], N(0,1)) on the first SAMPLE persons
    calibrate-girth DIR OURS     girth.twopl_mml with its defaults
    fsrs DIR CARDS SAMPLE        py-fsrs on every review of the first SAMPLE cards
"""
import csv
import json
import resource
import sys
import time
from datetime import datetime, timezone

import numpy as np


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def read_items(directory):
    with open(f"{directory}/items.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    return [r["item"] for r in rows], np.array([float(r["a"]) for r in rows]), np.array([float(r["b"]) for r in rows])


def read_dense_responses(directory, n_items):
    """The [items x persons] 0/1 matrix of a dense file written by `pmo measure simulate`.

    simulate writes every person's answers to every item, person after person, items in bank
    order, so the answer is the byte before each line break; the layout is checked on a sample.
    """
    data = np.fromfile(f"{directory}/responses.csv", dtype=np.uint8)
    ends = np.flatnonzero(data == 10)[1:]  # skip the header line
    answers = (data[ends - 1] - 48).astype(int)
    if len(answers) % n_items != 0:
        raise SystemExit("responses.csv is not dense person x item; run pmo measure simulate without --answered")
    with open(f"{directory}/responses.csv") as f:
        next(f)
        for index, line in zip(range(3 * n_items), f):
            person, item, correct = line.strip().split(",")
            if int(correct) != answers[index]:
                raise SystemExit("unexpected layout of responses.csv")
    return answers.reshape(-1, n_items).T.copy()


def eap_girth(directory, estimates):
    from girth import ability_eap
    ids, a, b = read_items(directory)
    dataset = read_dense_responses(directory, len(ids))
    start = time.perf_counter()
    theta = ability_eap(dataset, b, a, {"quadrature_n": 61, "quadrature_bounds": (-4.0, 4.0)})
    seconds = time.perf_counter() - start
    ours = np.loadtxt(estimates, delimiter=",", skiprows=1, usecols=2, max_rows=100000)
    return {"peer": "girth.ability_eap", "persons": int(dataset.shape[1]), "seconds": seconds, "peak_mb": peak_mb(),
            "mean_abs_diff_theta_first_100k": float(np.mean(np.abs(ours - theta[: len(ours)])))}


def eap_catsim(directory, sample):
    from catsim import irt
    ids, a, b = read_items(directory)
    dataset = read_dense_responses(directory, len(ids))[:, :sample]
    items = np.column_stack([a, b, np.zeros(len(a)), np.ones(len(a))])
    nodes = np.linspace(-4.0, 4.0, 61)
    log_weights = np.log(np.full(61, 8.0 / 60))
    log_prior = -0.5 * np.log(2.0 * np.pi) - 0.5 * nodes ** 2
    start = time.perf_counter()
    for person in range(dataset.shape[1]):
        responses = [bool(x) for x in dataset[:, person]]
        log_post = log_prior + np.array([irt.log_likelihood(float(t), responses, items) for t in nodes]) + log_weights
        post = np.exp(log_post - log_post.max())
        post /= post.sum()
        mean = float(np.sum(nodes * post))
        float(np.sum((nodes - mean) ** 2 * post)) ** 0.5
    seconds = time.perf_counter() - start
    return {"peer": "catsim EAP (catsim.irt.log_likelihood, EAPEstimator's posterior)", "persons": sample,
            "seconds": seconds, "peak_mb": peak_mb()}


def calibrate_girth(directory, ours):
    from girth import twopl_mml
    ids, a, b = read_items(directory)
    dataset = read_dense_responses(directory, len(ids))
    start = time.perf_counter()
    result = twopl_mml(dataset)
    seconds = time.perf_counter() - start
    with open(ours, newline="") as f:
        rows = {r["item"]: r for r in csv.DictReader(f)}
    our_a = np.array([float(rows[i]["a"]) for i in ids])
    our_b = np.array([float(rows[i]["b"]) for i in ids])
    return {"peer": "girth.twopl_mml", "items": len(ids), "persons": int(dataset.shape[1]), "seconds": seconds,
            "peak_mb": peak_mb(),
            "max_abs_diff_a": float(np.max(np.abs(our_a - result["Discrimination"]))),
            "max_abs_diff_b": float(np.max(np.abs(our_b - result["Difficulty"]))),
            "max_abs_error_b_vs_truth_girth": float(np.max(np.abs(result["Difficulty"] - b))),
            "max_abs_error_b_vs_truth_ours": float(np.max(np.abs(our_b - b)))}


def fsrs_replay(directory, cards_csv, sample_cards):
    from fsrs import Card, Rating, Scheduler
    wanted = set()
    log = []
    with open(f"{directory}/reviews.csv", newline="") as f:
        for row in csv.DictReader(f):
            number = int(row["card"][1:])
            if number <= sample_cards:
                log.append((row["card"], Rating(int(row["rating"])),
                            datetime.fromtimestamp(int(row["reviewed_at"]), tz=timezone.utc)))
                wanted.add(row["card"])
    scheduler = Scheduler(enable_fuzzing=False)
    cards = {}
    start = time.perf_counter()
    for card_id, rating, moment in log:
        card = cards.get(card_id)
        if card is None:
            card = Card(card_id=int(card_id[1:]), due=moment)
        card, _ = scheduler.review_card(card, rating, moment)
        cards[card_id] = card
    seconds = time.perf_counter() - start
    mismatches = 0
    with open(cards_csv, newline="") as f:
        for row in csv.DictReader(f):
            if row["card"] in cards:
                due = cards[row["card"]].due.strftime("%Y-%m-%dT%H:%M:%SZ")
                if due != row["due"]:
                    mismatches += 1
    return {"peer": "py-fsrs Scheduler.review_card", "reviews": len(log), "cards": len(cards), "seconds": seconds,
            "peak_mb": peak_mb(), "due_mismatches_vs_pmo": mismatches}


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "eap-girth":
        result = eap_girth(args[0], args[1])
    elif command == "eap-catsim":
        result = eap_catsim(args[0], int(args[1]))
    elif command == "calibrate-girth":
        result = calibrate_girth(args[0], args[1])
    elif command == "fsrs":
        result = fsrs_replay(args[0], args[1], int(args[2]))
    else:
        raise SystemExit(__doc__)
    print(json.dumps(result))
