#!/usr/bin/env python3
"""How loose are the mixture paper's two energy bounds? (issue 22 item 7; docs/theory-to-code.md, "Bound constants")

(M 3.16) many-body vs Hartree, written out with its constant (the line before (3.16), 2D, unitary Fourier
transform ŵ = (2π)^{-1}∫w e^{-ik·x}, so that (2π)^{-1}‖Ŵ‖_{L¹} = W(0) for a positive-definite profile):

    0 ≤ E^H − E_N^Q ≤ (1/N) [ N1/(2(N1−1)) a1 + N2/(2(N2−1)) a2 + 2 a12 ] · w_N(0),   w_N(0) = N^{2β}/π  (Gaussian w)

(W^(s) = −a_s w_N, W^(12) = −a12 w_N; for one species the bracket is N a/(2(N−1))). It is stated for
N1, N2 ≥ 4 after a doubling argument; the bracket is evaluated at the actual N_s.

(M 3.21) Hartree vs GP at the same state u, from (3.18) and (3.20) with the first moment m1 = ∫|z| w(z) dz
(= √π/2 for the Gaussian; the paper absorbs it into R_2):

    |E^H(u) − E^GP(u)| ≤ N^{−β} m1 R_2,
    R_2 = c1 a1 ‖u1‖_6³‖∇u1‖_2 + c2 a2 ‖u2‖_6³‖∇u2‖_2 + 2 c1 c2 a12 ‖u1‖_6²‖u2‖_6‖∇u2‖_2.

Second order (MODEL.md §4): for an even profile with m2 = ∫z_1² w (= ½ for the Gaussian),
∬ρ_i w_N(x−y) ρ_j − ∫ρ_iρ_j = −(m2/2) N^{−2β} ∫∇ρ_i·∇ρ_j + O(N^{−4β}), so

    E^H − E^GP ≈ (m2/2) N^{−2β} [ Σ_s (c_s a_s/2) ∫|∇ρ_s|² + c1 c2 a12 ∫∇ρ1·∇ρ2 ]      (ρ_s = u_s², u_s the GP minimiser)

(the minimiser's own change enters at the next order). For attractive couplings E^GP ≤ E^H ≤ E^H(u_GP) (docs/theory-to-code.md, the sign of (3.22)), so the
difference of the minima is bounded by the same right-hand side evaluated at the GP minimiser.

Measured gaps: E_N^Q from the converged exact diagonalisation (docs/manybody.md, "The automatic ladder"), the
Bogoliubov limit N(E^H − E_N^Q) → −e_B (docs/bogoliubov.md), E^H and E^GP computed here by `cbec.groundstate`.

Run:  PYTHONPATH=build/python /usr/bin/python3 scripts/bound_constants.py [--quick]
Prints two Markdown tables (the ones in docs/theory-to-code.md).
"""
import math
import sys

import numpy as np

import cbec

GAUSSIAN_M1 = math.sqrt(math.pi) / 2   # ∫|z| π^{-1} e^{-|z|²} d²z


def mixture_config(beta, N, contact=False, box=None, points=None):
    model = {"dimension": 2, "interaction": "contact" if contact else "hartree"}
    if not contact:
        model.update({"profile": "gaussian", "beta": beta, "N": N})
    cfg = {"model": model,
           "species": [{"name": "A", "fraction": 0.5, "a": 3.0}, {"name": "B", "fraction": 0.5, "a": 2.0}],
           "coupling": {"a12": 1.5},
           "solver": {"tolerance": 1e-11}}
    if box:
        cfg["grid"] = {"box": box, "points": points}
    return cfg


def explicit_316(N1, N2, a1, a2, a12, beta):
    """The constant of (M 3.16) divided by N: the bound on E^H − E_N^Q (2D Gaussian w)."""
    N = N1 + N2
    bracket = (N1 / (2 * (N1 - 1)) * a1 if N1 >= 2 else 0) + (N2 / (2 * (N2 - 1)) * a2 if N2 >= 2 else 0)
    bracket += 2 * a12 if N1 and N2 else 0
    return bracket * N ** (2 * beta) / math.pi / N


def gradient(field, x):
    """The spectral gradient of a real field on the uniform periodic grid with axes x."""
    h = [xi[1] - xi[0] for xi in x]
    F = np.fft.fftn(field)
    out = []
    for axis, xi in enumerate(x):
        k = 2 * np.pi * np.fft.fftfreq(len(xi), d=h[axis])
        shape = [1] * field.ndim
        shape[axis] = len(xi)
        out.append(np.real(np.fft.ifftn(1j * k.reshape(shape) * F)))
    return out


def norms(field, x):
    """‖u‖_6 and ‖∇u‖_2 of a real field on the uniform periodic grid with axes x (spectral gradient)."""
    dV = float(np.prod([xi[1] - xi[0] for xi in x]))
    L6 = (np.sum(np.abs(field) ** 6) * dV) ** (1 / 6)
    return L6, math.sqrt(sum(np.sum(g ** 2) for g in gradient(field, x)) * dV)


def table_316():
    print("\n(M 3.16): E^H − E_N^Q against its explicit bound (2D, a = 3, 2, a12 = 1.5, c = ½, Gaussian w, β = 0)\n")
    EH = cbec.groundstate(mixture_config(0.0, 4.0))["energy"]
    # converged exact diagonalisation (docs/manybody.md, automatic ladder, Aitken limits with their uncertainty)
    EQ = {4: (1.82064334752851, 8.6e-8), 8: (1.82280957017139, 1.1e-6), 12: (1.82325633868786, 5.4e-7)}
    eB = -0.0069652   # grid Bogoliubov, docs/bogoliubov.md: N(E_N^Q − E^H) → e_B
    print(f"E^H (grid) = {EH:.12f}\n")
    print("| N | E^H − E_N^Q (measured) | explicit bound (M 3.16) | bound / gap |")
    print("|---|---|---|---|")
    for N, (E, err) in EQ.items():
        gap = EH - E
        bound = explicit_316(N // 2, N // 2, 3.0, 2.0, 1.5, 0.0)
        print(f"| {N} | {gap:.4e} ± {err:.1e} | {bound:.4e} | {bound / gap:.0f} |")
    limit = (3.0 / 2 + 2.0 / 2 + 2 * 1.5) / math.pi
    print(f"| N → ∞ | −e_B/N = {-eB:.5f}/N | {limit:.4f}/N | {limit / -eB:.0f} |")
    return EH


def table_321(quick):
    print("\n(M 3.21): E^H − E^GP against N^{−β} m1 R_2 at the GP minimiser (same mixture, β = 0.25)\n")
    gp = cbec.groundstate(mixture_config(0.0, 1.0, contact=True))
    x = [np.asarray(a) for a in gp["x"]]
    u = [np.asarray(gp["fields"][name]) for name in ("A", "B")]
    (L6a, Ga), (L6b, Gb) = norms(u[0], x), norms(u[1], x)
    c1 = c2 = 0.5
    R2 = c1 * 3.0 * L6a ** 3 * Ga + c2 * 2.0 * L6b ** 3 * Gb + 2 * c1 * c2 * 1.5 * L6a ** 2 * L6b * Gb
    dV = float(np.prod([xi[1] - xi[0] for xi in x]))
    g1, g2 = gradient(u[0] ** 2, x), gradient(u[1] ** 2, x)
    second = 0.25 * (c1 * 3.0 / 2 * sum(np.sum(g * g) for g in g1) + c2 * 2.0 / 2 * sum(np.sum(g * g) for g in g2)
                     + c1 * c2 * 1.5 * sum(np.sum(a * b) for a, b in zip(g1, g2))) * dV   # (m2/2)[...], m2 = ½
    print(f"E^GP = {gp['energy']:.12f};  ‖u1‖_6 = {L6a:.6f}, ‖∇u1‖_2 = {Ga:.6f}, ‖u2‖_6 = {L6b:.6f}, "
          f"‖∇u2‖_2 = {Gb:.6f};  m1 R_2 = {GAUSSIAN_M1 * R2:.6f}\n")
    print("| N | E^H − E^GP (measured) | second order (m2/2)N^{−2β}[…] | N^{−β} m1 R_2 | bound / gap |")
    print("|---|---|---|---|---|")
    beta = 0.25
    for N in ([1e4, 1e8] if quick else [1e2, 1e4, 1e6, 1e8]):
        EH = cbec.groundstate(mixture_config(beta, N))["energy"]
        gap = EH - gp["energy"]
        bound = N ** (-beta) * GAUSSIAN_M1 * R2
        print(f"| {N:.0e} | {gap:.4e} | {second * N ** (-2 * beta):.4e} | {bound:.4e} | {bound / gap:.1f} |")
        if not 0 <= gap <= bound:
            raise SystemExit(f"bound violated at N = {N:g}: gap {gap:.3e}, bound {bound:.3e}")


if __name__ == "__main__":
    quick = "--quick" in sys.argv
    table_316()
    table_321(quick)
