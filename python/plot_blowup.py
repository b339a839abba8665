#!/usr/bin/env python3
"""Figures of a `cbec blowup` scan: reads DIR/summary.json, writes DIR/*.png (matplotlib, Agg).

  energy_ratio.png   E / predicted leading term against the distance d (log x), and E against d
                     (log-log) with the predicted power law
  profiles.png       rescaled components ℓ⁻¹u_i(ℓ⁻¹x + z_i) along the x-axis overlaid on Q_0
  radial_cuts.png    |ũ_i − Q_0| along the x-axis on a log scale, one curve per distance
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

if __name__ == "__main__":
    main(sys.argv[1])
