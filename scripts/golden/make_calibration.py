"""Calibration golden vectors: girth's twopl_mml on a simulated 5,000 persons x 40 items.

girth's settings (its defaults, recorded in the file): the latent distribution is N(0, 1) on
41 Gauss-Legendre nodes over [-4.5, 4.5]; no priors on a or b; a is searched in [0.2, 5]
(fminbound) and b solved from girth's look-up table over [-6, 6]; at most 25 cycles, stopping
when no a moves by more than 1e-3. The Swift test uses CalibrationOptions.girthCompatible.
"""
import json
import sys

import numpy as np
from girth import twopl_mml
from girth.utilities.girth_options import default_options


def main(path):
    rng = np.random.default_rng(20240502)
    n_items, n_persons = 40, 5000
    a = rng.uniform(0.7, 2.0, n_items)
    b = rng.uniform(-2.0, 2.0, n_items)
    theta = rng.normal(size=n_persons)
    probs = 1 / (1 + np.exp(-a[:, None] * (theta[None, :] - b[:, None])))
    dataset = (rng.uniform(size=(n_items, n_persons)) < probs).astype(int)

    result = twopl_mml(dataset)
    options = default_options()
    document = {
        "description": "girth twopl_mml on simulated 2PL data; responses[p] is person p's answers to items 0..39",
        "reference": "girth.twopl_mml",
        "options": {"quadrature": "gauss-legendre", "quadrature_n": options["quadrature_n"],
                    "quadrature_bounds": list(options["quadrature_bounds"]), "distribution": "N(0,1)",
                    "max_iteration": options["max_iteration"], "use_LUT": options["use_LUT"],
                    "item_priors": "none", "discrimination_bounds": [0.2, 5.0]},
        "true": {"a": [float(x) for x in a], "b": [float(x) for x in b]},
        "girth": {"a": [float(x) for x in result["Discrimination"]], "b": [float(x) for x in result["Difficulty"]]},
        "responses": ["".join(str(int(x)) for x in dataset[:, p]) for p in range(n_persons)],
    }
    with open(path, "w") as f:
        json.dump(document, f, separators=(",", ":"))


if __name__ == "__main__":
    main(sys.argv[1])
