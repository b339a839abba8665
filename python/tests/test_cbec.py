"""pytest suite of the Python module (run by ctest: python.pytest).

Every value is checked against an exact result, an identity, or the `cbec` program's own output
(CBEC_BINARY), so the module and the CLI are seen to share one code path.
"""
import json
import math
import os
import subprocess
import threading

import numpy as np
import pytest

import cbec

ONE_D = {"model": {"dimension": 1}, "species": [{"name": "A", "a": 0.0}], "grid": {"points": 64, "box": 16.0}}


def test_townes_constants_and_pohozaev():
    Q = cbec.townes()
    assert Q.a_star == pytest.approx(11.700896524559644, rel=1e-13)
    assert Q.Q0 == pytest.approx(2.2062, abs=1e-4)
    assert Q.grad_Q_sq == pytest.approx(Q.a_star, rel=1e-12)        # Pohozaev ||grad Q||^2 = a_*
    assert 0.5 * Q.Q_L4_4 == pytest.approx(Q.a_star, rel=1e-12)     # ||Q||_4^4 / 2 = a_*
    r = np.linspace(0.0, 3.0, 7)
    assert Q(r).shape == r.shape and Q(0.0) == pytest.approx(Q.Q0)
    assert Q.normalised(1.0) == pytest.approx(Q(1.0) / math.sqrt(Q.a_star))
    # a_* = ||Q||^2 = 2 pi int_0^oo Q(r)^2 r dr, by Simpson's rule on a fine radial grid
    rr = np.linspace(0.0, 30.0, 30001)
    f = Q(rr) ** 2 * rr
    simpson = (rr[1] - rr[0]) / 3 * (f[0] + 4 * f[1:-1:2].sum() + 2 * f[2:-1:2].sum() + f[-1])
    assert 2 * math.pi * simpson == pytest.approx(Q.a_star, rel=1e-10)


def test_soliton_dictionary_equals_cli():
    d = cbec.soliton(powers=[2.0], fractions=(0.5, 0.5))
    cli = json.loads(subprocess.run([os.environ["CBEC_BINARY"], "soliton", "--power", "2", "--fractions", "0.5",
                                     "0.5", "--json"], check=True, capture_output=True, text=True).stdout)
    assert d == cli


def test_groundstate_harmonic_1d_exact():
    # -u'' + x^2 u = mu u: ground state energy 1, u = pi^{-1/4} exp(-x^2/2)
    r = cbec.groundstate(ONE_D)
    assert r["converged"] and r["regime"] == "exists"
    assert r["energy"] == pytest.approx(1.0, abs=1e-9)
    assert r["mu"][0] == pytest.approx(1.0, abs=1e-9)
    (x,) = r["x"]
    u = r["fields"]["A"]
    assert u.shape == (64,) and x.shape == (64,)
    h = x[1] - x[0]
    assert np.sum(u ** 2) * h == pytest.approx(1.0, abs=1e-12)
    assert np.max(np.abs(u - math.pi ** -0.25 * np.exp(-x ** 2 / 2))) < 1e-8


def test_groundstate_dict_toml_and_cli_agree(tmp_path):
    cfg = {"model": {"dimension": 2},
           "species": [{"name": "A", "fraction": 0.5, "a": 3.0, "trap": {"power": 2.0, "center": [0.0, 0.0]}},
                       {"name": "B", "fraction": 0.5, "a": 4.0, "trap": {"power": 2.0, "center": [0.0, 0.0]}}],
           "coupling": {"a12": 2.0}, "grid": {"points": 48, "box": 12.0}}
    toml = tmp_path / "two.toml"
    toml.write_text("""[model]
dimension = 2
[[species]]
name = "A"
fraction = 0.5
a = 3.0
trap = { power = 2.0, center = [0.0, 0.0] }
[[species]]
name = "B"
fraction = 0.5
a = 4.0
trap = { power = 2.0, center = [0.0, 0.0] }
[coupling]
a12 = 2.0
[grid]
points = 48
box = 12.0
""")
    from_dict = cbec.groundstate(cfg)
    from_file = cbec.groundstate(str(toml), out=tmp_path / "out")
    cli = json.loads(subprocess.run([os.environ["CBEC_BINARY"], "groundstate", str(toml), "--json"], check=True,
                                    capture_output=True, text=True).stdout)
    written = json.loads((tmp_path / "out" / "summary.json").read_text())
    for key in ["energy", "mu", "residual", "iterations", "converged", "regime", "terms", "grid", "error_estimate",
                "wall_seconds"]:
        assert key in from_dict
    for key in ["energy", "mu", "residual", "terms", "grid", "error_estimate", "regime", "iterations"]:
        assert from_dict[key] == from_file[key] == cli[key] == written[key], key
    assert set(cli) == set(written) == set(from_dict) - {"fields", "x", "warnings"}
    terms = from_dict["terms"]   # weighted as in the functional: they sum to the energy
    assert sum(terms["kinetic"]) + sum(terms["trap"]) + sum(terms["intra"]) + terms["inter"] == \
        pytest.approx(from_dict["energy"], rel=1e-12)
    assert from_dict["fields"]["A"].shape == (48, 48)
    assert (tmp_path / "out" / "state.h5").exists()


def test_groundstate_from_objects():
    trap = cbec.Trap.power(2.0, [0.0])
    mix = cbec.Mixture(1, [cbec.Species("A", 1.0, 0.0, trap)], np.zeros((1, 1)))
    assert mix.regime()[0] == "exists"
    r = cbec.groundstate(mix)
    assert r["energy"] == pytest.approx(1.0, abs=1e-8)
    assert r["error_estimate"] < 1e-8


def test_errors_are_python_exceptions_with_the_cli_messages():
    with pytest.raises(cbec.InputError, match=r"model\.dimension"):
        cbec.groundstate({"model": {"dimension": 4}, "species": [{"a": 1.0}]})
    with pytest.raises(cbec.InputError, match=r"species\[0\]\.fracton"):
        cbec.groundstate({"species": [{"fracton": 1.0}]})
    with pytest.raises(cbec.InputError, match=r"model\.beta: must be finite"):
        cbec.groundstate({"model": {"beta": float("nan")}, "species": [{}]})
    with pytest.raises(cbec.UnboundedEnergyError, match=r"a_\*"):
        cbec.groundstate({"model": {"dimension": 2}, "species": [{"a": 20.0}]})
    with pytest.raises(ValueError):   # both are ValueErrors
        cbec.groundstate({"model": {"dimension": 2}, "species": [{"a": 20.0}]})
    with pytest.raises(cbec.InputError, match="run.toml"):
        cbec.groundstate("/nonexistent/run.toml")
    with pytest.raises(cbec.InputError, match="Mixture: the species fractions must sum to 1"):
        cbec.Mixture(1, [cbec.Species("A", 0.5, 0.0, cbec.Trap.power(2.0, [0.0]))], np.zeros((1, 1)))


def test_marginals_two_levels():
    r = cbec.marginals(occupations=[6, 4], k=2)
    assert r["ranks"] == {"fragmented": 3, "phase_averaged": 3, "mixture": 2}
    for model in ("fragmented", "phase_averaged", "mixture"):
        assert sum(r["weights"][model]) == pytest.approx(1.0, abs=1e-14)
    # mixture of condensates: weights (n1^2, 0, n2^2) on the patterns (2,0), (1,1), (0,2)
    assert r["patterns"] == [[2, 0], [1, 1], [0, 2]]
    assert r["weights"]["mixture"] == pytest.approx([0.6, 0.0, 0.4])
    # fragmented k = 2 marginal of phi1^6 v phi2^4: weights C(6,a1)C(4,a2)/C(10,2)
    assert r["weights"]["fragmented"] == pytest.approx([15 / 45, 24 / 45, 6 / 45])
    rows = cbec.marginals(N=[100, 1000], fractions=[0.5, 0.5], k=1)
    assert len(rows) == 2 and all("weights" not in row for row in rows)
    with pytest.raises(cbec.InputError, match="occupations: N1 \\+ N2 \\+ ... = 11 but N is 10"):
        cbec.marginals(N=10, occupations=[6, 5], k=2)


def test_blowup_scan_theorem1_short():
    cfg = {"model": {"dimension": 2}, "species": [{"name": "A", "a": 0.0}],
           "scan": {"path": "theorem1", "distances": [0.3, 0.1], "box_factor": 24.0, "points_per_length": 4.0}}
    s = cbec.blowup(cfg)
    assert s["path"] == "theorem1" and s["expected_exponent"] == pytest.approx(0.5)
    assert [p["distance"] for p in s["points"]] == [0.3, 0.1]
    assert abs(s["points"][-1]["ratio"] - 1) < 0.01           # E / (C d^{1/2}) -> 1
    assert s["points"][-1]["profile_error_L2"][0] < s["points"][0]["profile_error_L2"][0]


def test_solves_run_concurrently_with_the_gil_released():
    results = []
    threads = [threading.Thread(target=lambda: results.append(cbec.groundstate(ONE_D)["energy"])) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == pytest.approx([1.0, 1.0], abs=1e-9)
