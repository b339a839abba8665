"""The mixture paper's Hartree–GP bound (M 3.21) with its constant, and the second-order law it is set against
(scripts/bound_constants.py; docs/theory-to-code.md, "How loose are the paper's bounds")."""
import importlib.util
import pathlib

import pytest

SCRIPT = pathlib.Path(__file__).resolve().parents[2] / "scripts" / "bound_constants.py"
spec = importlib.util.spec_from_file_location("bound_constants", SCRIPT)
bounds = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bounds)
import cbec  # noqa: E402
import numpy as np  # noqa: E402


def test_hartree_minus_gp_lies_below_the_explicit_bound_and_follows_the_second_order_law():
    gp = cbec.groundstate(bounds.mixture_config(0.0, 1.0, contact=True))
    x = [np.asarray(a) for a in gp["x"]]
    u = [np.asarray(gp["fields"][n]) for n in ("A", "B")]
    (L6a, Ga), (L6b, Gb) = bounds.norms(u[0], x), bounds.norms(u[1], x)
    R2 = 0.5 * 3.0 * L6a ** 3 * Ga + 0.5 * 2.0 * L6b ** 3 * Gb + 2 * 0.25 * 1.5 * L6a ** 2 * L6b * Gb
    dV = float(np.prod([xi[1] - xi[0] for xi in x]))
    g1, g2 = bounds.gradient(u[0] ** 2, x), bounds.gradient(u[1] ** 2, x)
    second = 0.25 * (0.75 * sum(np.sum(g * g) for g in g1) + 0.5 * sum(np.sum(g * g) for g in g2)
                     + 0.375 * sum(np.sum(a * b) for a, b in zip(g1, g2))) * dV
    beta = 0.25
    for N in (1e4, 1e6):
        gap = cbec.groundstate(bounds.mixture_config(beta, N))["energy"] - gp["energy"]
        assert 0 < gap < N ** -beta * bounds.GAUSSIAN_M1 * R2          # (M 3.21), E^H ≥ E^GP (attractive)
        assert gap == pytest.approx(second * N ** (-2 * beta), rel=2 * N ** (-2 * beta))   # next order O(N^{−4β})


def test_the_explicit_many_body_constant_counts_pairs():
    # one species: the bracket is N a/(2(N−1)) · w_N(0), w_N(0) = N^{2β}/π; two species add 2 a12
    assert bounds.explicit_316(3, 0, 2.0, 0.0, 0.0, 0.0) == pytest.approx(3 * 2.0 / 4 / np.pi / 3)
    assert bounds.explicit_316(2, 2, 3.0, 2.0, 1.5, 0.25) == pytest.approx(
        (3.0 + 2.0 + 3.0) * 4 ** 0.5 / np.pi / 4)
