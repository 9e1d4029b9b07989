"""EAP golden vectors: catsim's EAP (61 equally spaced nodes on [-4, 4], N(0, 1) prior) and
girth's ability_eap (Gauss-Legendre nodes), on random response patterns over a 2PL bank.

catsim's `EAPEstimator` lives in catsim's repository but is in no PyPI release up to 0.21.0
(the pinned one). When the installed catsim has it, it is used as is. Otherwise `catsim_eap`
below reproduces it line for line: the posterior over a `QuadratureGrid.uniform` grid is
log_prior(nodes) + catsim.irt.log_likelihood(node, ...) + log(weights), exponentiated after
subtracting its maximum and normalised; theta is its mean and the SE its standard deviation.
The likelihood itself is catsim's released `irt.log_likelihood` (numexpr, 4PL with c=0, d=1).
"""
import json
import sys

import numpy as np
from catsim import irt
from girth import ability_eap

NODES, LOW, HIGH = 61, -4.0, 4.0


def catsim_eap(responses, items):
    """Posterior mean and SD exactly as catsim's EAPEstimator computes them."""
    nodes = np.linspace(LOW, HIGH, NODES, dtype=float)
    weights = np.full(NODES, (HIGH - LOW) / (NODES - 1), dtype=float)
    log_prior = -0.5 * np.log(2.0 * np.pi) - 0.5 * nodes ** 2
    if len(responses) == 0:
        log_lik = np.zeros_like(nodes)
    else:
        log_lik = np.array([irt.log_likelihood(float(t), responses, items) for t in nodes], dtype=float)
    log_post = log_prior + log_lik + np.log(weights)
    post = np.exp(log_post - np.max(log_post))
    post = post / post.sum()
    mean = float(np.sum(nodes * post))
    var = float(np.sum(((nodes - mean) ** 2) * post))
    return mean, var ** 0.5


def reference():
    try:
        from catsim.estimation import EAPEstimator  # noqa: F401  (future catsim releases)
        return "catsim.estimation.EAPEstimator"
    except ImportError:
        return "catsim.irt.log_likelihood + EAPEstimator's posterior (not released on PyPI as of catsim 0.21.0)"


def main(path):
    rng = np.random.default_rng(20240501)
    n_items = 60
    a = rng.uniform(0.5, 2.5, n_items)
    b = np.clip(rng.normal(0.0, 1.2, n_items), -3.5, 3.5)
    bank = np.column_stack([a, b, np.zeros(n_items), np.ones(n_items)])

    cases = []
    for case in range(400):
        length = int(rng.integers(0, 41)) if case > 3 else [0, 1, 20, 20][case]
        chosen = rng.choice(n_items, size=length, replace=False)
        theta = rng.normal()
        probs = 1 / (1 + np.exp(-a[chosen] * (theta - b[chosen])))
        answers = (rng.uniform(size=length) < probs)
        if case == 2:
            answers[:] = True   # all right
        if case == 3:
            answers[:] = False  # all wrong
        items = bank[chosen]
        mean, se = catsim_eap([bool(x) for x in answers], items)
        cases.append({"items": [int(i) for i in chosen], "correct": [int(x) for x in answers],
                      "theta": mean, "se": se})

    # girth's ability_eap: Gauss-Legendre quadrature, theta only, dense [items x persons] with missing = -99999.
    girth_options = {"quadrature_n": 41, "quadrature_bounds": (-4.5, 4.5)}
    persons = [c for c in cases if len(c["items"]) > 0][:200]
    dataset = np.full((n_items, len(persons)), -99999, dtype=int)
    for column, c in enumerate(persons):
        dataset[c["items"], column] = c["correct"]
    girth_theta = ability_eap(dataset, b, a, girth_options)
    girth_cases = [{"items": c["items"], "correct": c["correct"], "theta": float(t)}
                   for c, t in zip(persons, girth_theta)]

    document = {
        "description": "EAP ability estimates from reference implementations for the same 2PL bank",
        "catsim": {"reference": reference(), "nodes": NODES, "lower": LOW, "upper": HIGH, "prior": "N(0,1)",
                   "cases": cases},
        "girth": {"reference": "girth.ability_eap", "quadrature": "gauss-legendre", "nodes": 41,
                  "lower": -4.5, "upper": 4.5, "prior": "N(0,1)", "cases": girth_cases},
        "bank": {"a": [float(x) for x in a], "b": [float(x) for x in b]},
    }
    with open(path, "w") as f:
        json.dump(document, f, separators=(",", ":"))


if __name__ == "__main__":
    main(sys.argv[1])
