"""pytest: cbec.evolve, cbec.manybody and cbec.rates (run by ctest: python.pytest).

Each result is checked against an exact law of the dynamics or the spectrum (the lens identity and
the classical orbit in a harmonic trap, the non-interacting N-body energy, the variational bound
E_N^Q <= E^H, the rate 1/N) and against the `cbec` program's output for the same configuration.
"""
import json
import math
import os
import subprocess

import numpy as np
import pytest

import cbec

# 2D cubic NLS, attractive a = 3 < a_*, in V = |x|^2; a Gaussian displaced by X0 with momentum P0
X0, P0, WIDTH = np.array([1.0, 0.0]), np.array([0.5, 0.3]), 0.8
LENS = {"model": {"dimension": 2},
        "species": [{"name": "A", "a": 3.0, "trap": {"power": 2.0}}],
        "grid": {"points": 64, "box": 16.0},
        "initial": {"kind": "gaussian", "center": X0.tolist(), "width": WIDTH, "momentum": P0.tolist()},
        "evolution": {"times": [0.25, 0.5, 0.75, 1.0], "tolerance": 1e-10}}

TOY = {"model": {"kind": "fragmented_toy", "nu": 256.0, "occupations": [0.5, 0.5]},
       "potential": {"kind": "gaussian", "strength": 1.0, "width": 1.0},
       "evolution": {"times": [0.25, 0.5, 0.75, 1.0], "tolerance": 1e-12}}

MANYBODY = {"model": {"dimension": 2, "interaction": "hartree", "profile": "gaussian", "beta": 0.0},
            "species": [{"name": "A", "particles": 2, "a": 3.0}, {"name": "B", "particles": 2, "a": 2.0}],
            "coupling": {"a12": 1.5}, "basis": {"shells": 2}, "grid": {"hartree": False}}

DOUBLE_WELL = {"model": {"kind": "double_well", "gap": 1.0, "interaction": 1.0, "occupations": [0.5, 0.5]},
               "rates": {"N": [20, 40, 80, 160], "times": [0.0, 0.5, 1.0], "k": 1}}

TIMING = {"wall_seconds", "seconds", "eigensolver_seconds"}


def toml_value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return json.dumps(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k} = {toml_value(x)}" for k, x in v.items()) + " }"
    return repr(float(v)) if isinstance(v, float) else str(v)


def write_toml(path, config):
    """The dict of TOML tables as a file ([[species]] for a list of tables)."""
    lines = []
    for table, body in config.items():
        for entry in body if isinstance(body, list) else [body]:
            lines.append(f"[[{table}]]" if isinstance(body, list) else f"[{table}]")
            lines += [f"{k} = {toml_value(v)}" for k, v in entry.items()]
    path.write_text("\n".join(lines) + "\n")
    return path


def cli_json(command, toml):
    out = subprocess.run([os.environ["CBEC_BINARY"], command, str(toml), "--json", "--no-figures"], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)


def plain(x, drop=TIMING):
    """A result as summary.json holds it: numpy arrays as lists, NaN as None, timings dropped."""
    if isinstance(x, dict):
        return {k: plain(v, drop) for k, v in x.items() if k not in drop}
    if isinstance(x, np.ndarray):
        return plain(x.tolist(), drop)
    if isinstance(x, list):
        return [plain(v, drop) for v in x]
    if isinstance(x, float) and math.isnan(x):
        return None
    return x


def test_evolve_lens_identity_and_classical_orbit():
    # 2D critical NLS in V = |x|^2: d^2/dt^2 <|x|^2> = 8E - 16<|x|^2> exactly (virial), so
    #   <|x|^2>(t) = E/2 + (x2(0) - E/2) cos 4t + (x2'(0)/4) sin 4t,  x2(0) = |X0|^2 + w^2, x2'(0) = 4 P0.X0;
    # and the centre of mass follows the classical orbit X(t) = X0 cos 2t + P0 sin 2t (Kohn).
    r = cbec.evolve(LENS)
    t, obs = r["times"], r["observables"]
    assert isinstance(t, np.ndarray) and obs["x2"].shape == (4,)
    E = obs["energy"][0]
    x2 = E / 2 + (X0 @ X0 + WIDTH ** 2 - E / 2) * np.cos(4 * t) + (4 * P0 @ X0 / 4) * np.sin(4 * t)
    assert np.max(np.abs(obs["x2"] - x2)) < 1e-8
    assert r["drift"]["norm"] < 1e-12 and r["drift"]["energy"] < 1e-9
    assert r["linear_part"] == "exact_harmonic" and r["kind"] == "mean_field"
    x, y = r["x"]
    u = r["fields"]["A"]
    assert u.dtype == np.complex128 and u.shape == (64, 64)
    h = x[1] - x[0]
    rho = np.abs(u) ** 2
    assert rho.sum() * h * h == pytest.approx(1.0, abs=1e-12)
    centre = np.array([(rho * x[:, None]).sum(), (rho * y[None, :]).sum()]) * h * h
    T = t[-1]
    assert np.max(np.abs(centre - (X0 * np.cos(2 * T) + P0 * np.sin(2 * T)))) < 1e-8


def test_evolve_dict_toml_and_cli_agree(tmp_path):
    toml = write_toml(tmp_path / "lens.toml", LENS)
    from_dict = cbec.evolve(LENS)
    from_file = cbec.evolve(toml, out=tmp_path / "out")
    cli = cli_json("evolve", toml)
    written = json.loads((tmp_path / "out" / "summary.json").read_text())
    for key in ["times", "observables", "drift", "steps", "wall_seconds"]:
        assert key in from_dict
    assert plain(from_dict, TIMING | {"fields", "x"}) == plain(from_file, TIMING | {"fields", "x"}) == plain(cli) \
        == plain(written)
    assert (tmp_path / "out" / "snapshots" / "t0003.h5").exists()


def test_evolve_toy_model_first_order_and_rank():
    # F 3.16: Tr|gamma_{inf,nu,t} - gamma_{inf,inf,t}| <= C/sqrt(nu); at nu = 256 it equals its first-order
    # (1/nu) prediction at every t up to O(nu^-2) (measured 2e-4 relative); the fragmented one-body marginal
    # keeps rank 2; E = c/2 is conserved.
    r = cbec.evolve(TOY)
    d, pred = r["infinite_gap_distance"], r["predicted_distance_first_order"]
    assert d.shape == (4,) and np.all(d > 0)
    assert np.all(d < 1 / math.sqrt(256.0))
    assert np.max(np.abs(d - pred)) < 2e-3 * np.max(pred)
    assert list(r["rank"]) == [2, 2, 2, 2]
    assert r["observables"]["energy"] == pytest.approx(r["c"] / 2, rel=1e-10)


def test_manybody_non_interacting_is_exact():
    # a = 0: E_N^Q = the one-body ground energy d = 2 of -Delta + |x|^2 in 2D, all particles condensed
    cfg = json.loads(json.dumps(MANYBODY))
    for s in cfg["species"]:
        s["a"] = 0.0
    cfg["coupling"]["a12"] = 0.0
    r = cbec.manybody(cfg)
    assert r["energy"] == pytest.approx(2.0, abs=1e-12)
    assert r["energy_total"] == pytest.approx(8.0, abs=1e-11)
    assert r["hartree_energy"] == pytest.approx(2.0, abs=1e-12)
    assert r["condensate_fraction"] == pytest.approx([1.0, 1.0], abs=1e-12)
    assert r["bogoliubov"]["e_B"] == pytest.approx(0.0, abs=1e-12)


def test_manybody_dict_equals_cli_and_variational_bound(tmp_path):
    r = cbec.manybody(MANYBODY, out=tmp_path / "out")
    cli = cli_json("manybody", write_toml(tmp_path / "mb.toml", MANYBODY))
    assert plain(r) == plain(cli) == plain(json.loads((tmp_path / "out" / "summary.json").read_text()))
    for key in ["energy", "energy_total", "hartree_energy", "basis", "condensate_fraction", "converged",
                "wall_seconds"]:
        assert key in r
    # the isotropic model runs in the L_z = 0 sector by default: 65 states (129 in the parity sector, same energy)
    assert r["converged"] and r["basis"]["dimension"] == 65 and r["basis"]["shells"] == 2
    assert r["basis"]["symmetry"] == "angular_momentum" and r["basis"]["angular_momentum"] == 0
    assert r["energy_total"] == pytest.approx(4 * r["energy"], rel=1e-14)
    assert r["energy"] < r["hartree_energy"]            # the Hartree product state lies in the same Fock space
    assert isinstance(r["condensate_fraction"], np.ndarray) and np.all(r["condensate_fraction"] < 1)


def test_manybody_gap_approaches_bogoliubov():
    # N(E^H - E_N^Q) -> -e_B (> 0) as N grows at beta = 0, from above, the remainder shrinking
    cfg = dict(MANYBODY, sweep={"N": [4, 6, 8], "shells": 2})
    r = cbec.manybody(cfg)
    sweep = r["sweep"]
    N = np.array([p["N"] for p in sweep])
    scaled = N * np.array([p["difference"] for p in sweep])
    minus_eB = -np.array([p["e_B"] for p in sweep])
    assert np.all(minus_eB > 0) and np.all(scaled > minus_eB)
    assert np.all(np.diff(scaled - minus_eB) < 0)
    assert scaled[0] == pytest.approx(9.25e-3, abs=1e-5) and minus_eB[0] == pytest.approx(4.818e-3, abs=1e-6)


def test_rates_double_well_one_over_N(tmp_path):
    # F 3.14: Tr|gamma_N^(1)(t) - gamma_inf^(1)(t)| <= A e^{At}/N; at t = 0 both marginals are diag(1/2, 1/2)
    r = cbec.rates(DOUBLE_WELL)
    d = r["trace_distance"]
    assert d.shape == (4, 3) and list(r["N"]) == [20, 40, 80, 160]
    assert np.max(np.abs(d[:, 0])) < 1e-12
    assert math.isnan(r["fitted_exponent_N"][0])          # all distances vanish at t = 0 (null in summary.json)
    assert r["fitted_exponent_N"][1:] == pytest.approx([-1.0, -1.0], abs=0.05)
    Nd = d[:, 1:] * r["N"][:, None]                          # N * distance tends to A_1(t)
    assert np.all(np.abs(np.diff(Nd, axis=0)) < 0.1 * Nd[1:])
    cli = cli_json("rates", write_toml(tmp_path / "dw.toml", DOUBLE_WELL))
    assert plain(r) == plain(cli)


def test_dynamics_errors_carry_the_cli_messages(tmp_path):
    bad = {"model": {"kind": "fragmented_toy", "nu": -1.0, "occupations": [0.5, 0.5]},
           "potential": {"kind": "gaussian", "strength": 1.0, "width": 1.0}, "evolution": {"times": [1.0]}}
    with pytest.raises(cbec.InputError) as e:
        cbec.evolve(bad)
    assert "model.nu" in str(e.value)
    cli = subprocess.run([os.environ["CBEC_BINARY"], "evolve", str(write_toml(tmp_path / "bad.toml", bad)), "--json"],
                         capture_output=True, text=True)
    assert cli.returncode == 1 and str(e.value) in cli.stderr
    typo = json.loads(json.dumps(MANYBODY))
    typo["species"][1]["particle"] = typo["species"][1].pop("particles")
    with pytest.raises(cbec.InputError, match=r"species\[1\]\.particle"):
        cbec.manybody(typo)
    with pytest.raises(cbec.InputError, match=r"rates\.N"):
        cbec.rates({"model": {"kind": "double_well"}, "rates": {"N": [0], "times": [1.0]}})


BOGOLIUBOV_1D = {"model": {"dimension": 1, "interaction": "hartree", "profile": "gaussian", "beta": 0.0},
                 "species": [{"name": "A", "particles": 100, "a": 3.0}],
                 "grid": {"points": 128, "box": 16.0},
                 "bogoliubov": {"modes": 32, "tolerance": 1e-3}}


def test_bogoliubov_dict_equals_cli(tmp_path):
    r = cbec.bogoliubov(BOGOLIUBOV_1D, out=tmp_path / "out")
    cli = json.loads(subprocess.run([os.environ["CBEC_BINARY"], "bogoliubov", str(write_toml(tmp_path / "b.toml", BOGOLIUBOV_1D)),
                                     "--json"], check=True, capture_output=True, text=True).stdout)
    assert plain(r, TIMING | {"warnings", "seconds"}) == plain(cli, TIMING | {"warnings", "seconds"})
    assert r["e_B"] < 0 and r["converged"]            # attraction: the fluctuations lower the energy
    assert (tmp_path / "out" / "summary.json").exists()


def test_bogoliubov_without_interaction_is_the_oscillator():
    cfg = dict(BOGOLIUBOV_1D, species=[{"name": "A", "particles": 100, "a": 0.0}])
    r = cbec.bogoliubov(cfg)
    assert r["converged"] and not r["warnings"]
    assert r["e_B"] == pytest.approx(0.0, abs=1e-12)
    assert np.asarray(r["depletion"]) == pytest.approx(0.0, abs=1e-12)
    # -d²/dx² + x²: excitation energies 2, 4, 6, ... above the ground state
    assert np.asarray(r["excitations"])[:3] == pytest.approx([2.0, 4.0, 6.0], rel=1e-9)
