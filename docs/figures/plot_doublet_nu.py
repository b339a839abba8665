"""docs/figures/dynamics-doublet-nu.png from the summary.json of `cbec evolve examples/evolve-doublet.toml`.

usage: /usr/bin/python3 docs/figures/plot_doublet_nu.py OUTDIR/summary.json docs/figures/dynamics-doublet-nu.png
"""
import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def main(summary, png):
    with open(summary) as f:
        w = json.load(f)["sweep"]
    nu, times = w["nu"], w["times"]
    fig, ax = plt.subplots(1, 2, figsize=(11, 4.3))
    for m, t in enumerate(times):
        d = [row[m] for row in w["distance"]]
        p = [row[m] for row in w["predicted_distance_first_order"]]
        line, = ax[0].loglog(nu, d, "o", label=f"t = {t:g} (slope {w['fitted_exponent'][m]:.3f})")
        ax[0].loglog(nu, p, "--", color=line.get_color(), lw=1)
        ax[1].loglog(nu, [abs(a - b) / a for a, b in zip(d, p)], "o-", color=line.get_color(), label=f"t = {t:g}")
    sup = w["sup_distance"]
    ax[0].loglog(nu, sup, "k-s", mfc="none", label=f"max over t (slope {w['fitted_exponent_sup']:.3f})")
    ref = sup[0]
    ax[0].loglog(nu, [ref * (n / nu[0]) ** -0.5 for n in nu], "r:", label="slope −1/2 (bound F 3.16)")
    ax[0].loglog(nu, [ref * (n / nu[0]) ** -1.0 for n in nu], "g:", label="slope −1")
    ax[0].set_xlabel("ν")
    ax[0].set_ylabel("Tr|γ∞,ν,t − γ∞,∞,t|  (dashed: first order in 1/ν)")
    ax[0].set_title("degenerate doublet of a double well")
    ax[0].legend(fontsize=8)
    rel0 = max(abs(row[0] - q[0]) / row[0] for row, q in zip(w["distance"][:1], w["predicted_distance_first_order"][:1]))
    ax[1].loglog(nu, [rel0 * nu[0] / n for n in nu], "g:", label="∝ 1/ν")
    ax[1].set_xlabel("ν")
    ax[1].set_ylabel("|computed − first order| / computed")
    ax[1].legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(png, dpi=110)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
