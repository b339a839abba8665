#!/usr/bin/env python3
"""Figures of a `cbec blowup` scan: reads DIR/summary.json, writes DIR/*.png (matplotlib, Agg).

  energy_ratio.png   E / predicted leading term against the distance d (log x), and E against d
                     (log-log) with the predicted power law
  profiles.png       rescaled components ℓ⁻¹u_i(ℓ⁻¹x + z_i) along the x-axis overlaid on Q_0
  radial_cuts.png    |ũ_i − Q_0| along the x-axis on a log scale, one curve per distance
  density_difference.png  (two-species theorem1/2/direction paths) ‖|ũ1|² − |ũ2|²‖₂ against d with the (M 4.6)
                     bound and the fitted exponent
  hartree_ratio.png  (joint limit) E^H/E^GP and E^H/predicted against N, and the rescaled density error
"""
import json
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from plot_common import colour, save  # noqa: E402


STYLES = ["-", "--", ":", "-."]   # one line style per species, one colour per distance


def main(directory):
    with open(os.path.join(directory, "summary.json")) as f:
        s = json.load(f)
    pts = s["points"]
    d = [p["distance"] for p in pts]
    fitted = s["fitted_exponent"]   # null for a scan with one distance (no fit)
    fitted = "not fitted (one distance)" if fitted is None else f"{fitted:.5f}"
    title = f'{s["path"]}: fitted exponent {fitted} (expected {s["expected_exponent"]:.5f})'

    fig, ax = plt.subplots(1, 2, figsize=(11, 4))
    ax[0].semilogx(d, [p["ratio"] for p in pts], "o-")
    ax[0].axhline(1.0, color="gray", lw=0.8)
    ax[0].set_xlabel("distance to criticality d")
    ax[0].set_ylabel("E / predicted")
    ax[0].invert_xaxis()
    ax[1].loglog(d, [p["energy"] for p in pts], "o", label="E (cbec)")
    ax[1].loglog(d, [p["predicted"] for p in pts], "-", label="leading term")
    ax[1].set_xlabel("d")
    ax[1].set_ylabel("energy")
    ax[1].legend()
    fig.suptitle(title)
    save(fig, os.path.join(directory, "energy_ratio.png"))

    if s.get("density_difference") and any(p["density_difference"] > 0 for p in pts):
        difference_figure(directory, s, pts)
    if s.get("joint_limit"):
        joint_figure(directory, s, pts)

    x, q0 = s["cut_abscissae"], s["Q0_cut"]
    cut_figure(directory, s, pts, x, "profiles.png", r"$\ell^{-1}u_i(\ell^{-1}x + z_i)$",
               s["path"] + ": rescaled profiles", lambda cut: cut, log=False,
               extra=lambda ax: ax.plot(x, q0, "k-", lw=2.5, label="$Q_0$"))
    cut_figure(directory, s, pts, x, "radial_cuts.png", r"$|\tilde u_i - Q_0|$",
               s["path"] + ": radial cuts of the profile error",
               lambda cut: [max(abs(a - b), 1e-17) for a, b in zip(cut, q0)], log=True)


def cut_figure(directory, s, pts, x, name, ylabel, title, transform, log, extra=None):
    """One curve per (distance, species): colour by distance, line style by species."""
    fig, ax = plt.subplots(figsize=(6, 4))
    if extra:
        extra(ax)
    plot = ax.semilogy if log else ax.plot
    for n, p in enumerate(pts):
        for i, cut in enumerate(p["cut"]):
            plot(x, transform(cut), STYLES[i % 4], color=colour(n, len(pts)), lw=1,
                 label=f'd={p["distance"]:.0e}, species {i + 1}')
    ax.set_xlabel(r"rescaled $x$")
    ax.set_ylabel(ylabel)
    ax.legend(fontsize=6, ncol=2)
    ax.set_title(title)
    save(fig, os.path.join(directory, name))

def difference_figure(directory, s, pts):
    dd = s["density_difference"]
    fig, ax = plt.subplots(figsize=(6, 4))
    d = [p["distance"] for p in pts]
    ax.loglog(d, [max(p["density_difference"], 1e-300) for p in pts], "o-", label=r"$\||\tilde u_1|^2-|\tilde u_2|^2\|_2$")
    bound = [p.get("density_difference_bound") for p in pts]
    if all(b is not None for b in bound):
        ax.loglog(d, bound, "s--", label="bound (M 4.6)/(M 4.21)")
    fitted = dd["fitted_exponent"]
    fitted = "not fitted" if fitted is None else f"{fitted:.4f}"
    ax.set_title(f'{s["path"]}: fitted exponent {fitted} (bound {dd["bound_exponent"]}, '
                 f'linear response {dd["linear_response_exponent"]})', fontsize=9)
    ax.set_xlabel("d")
    ax.legend()
    save(fig, os.path.join(directory, "density_difference.png"))


def joint_figure(directory, s, pts):
    j = s["joint_limit"]
    N = [p["N"] for p in pts]
    fig, ax = plt.subplots(1, 2, figsize=(11, 4))
    ax[0].semilogx(N, [p["ratio"] for p in pts], "o-", label="E^H / predicted")
    if all("hartree_gp_ratio" in p for p in pts):
        ax[0].semilogx(N, [p["hartree_gp_ratio"] for p in pts], "s-", label="E^H / E^GP")
        ax[0].semilogx(N, [p["gp_ratio"] for p in pts], "^--", label="E^GP / predicted")
    ax[0].axhline(1.0, color="gray", lw=0.8)
    ax[0].set_xlabel("N")
    ax[0].legend()
    for i in range(len(pts[0]["density_error_L1"])):
        ax[1].loglog(N, [p["density_error_L1"][i] for p in pts], "o-", label=f"species {i + 1}")
    ax[1].set_xlabel("N")
    ax[1].set_ylabel(r"$\|\tilde\rho - Q_0^2\|_1$")
    ax[1].legend()
    where = "inside" if j["in_window"] else "outside"
    fig.suptitle(f'{s["path"]}, Hartree joint limit: β = {j["beta"]}, γ = {j["gamma"]} ({where} the window '
                 f'γ < {j["window"]:.3g}; crossover γ_H = {j["hartree_crossover"]:.3g})', fontsize=9)
    save(fig, os.path.join(directory, "hartree_ratio.png"))


if __name__ == "__main__":
    main(sys.argv[1])
