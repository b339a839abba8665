#!/usr/bin/env python3
"""Figure of `cbec bogoliubov` N sweeps: e_B(N) against ln N, with the bound's N^{2β} shape and, in 2D, the
second-order slope −(β/8π)Σ𝒢²∫ρρ (docs/bogoliubov.md, "Growth with N").

  python3 plot_bogoliubov.py OUT.png LABEL:BETA:DIR [LABEL:BETA:DIR ...]   (DIR holds sweep.csv of one run)
"""
import csv
import math
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def read(directory):
    with open(os.path.join(directory, "sweep.csv")) as f:
        return list(csv.DictReader(f))


def main(out, runs):
    fig, ax = plt.subplots(1, len(runs), figsize=(5.5 * len(runs), 4), squeeze=False)
    for a, spec in zip(ax[0], runs):
        label, beta, directory = spec.split(":", 2)
        beta = float(beta)
        rows = read(directory)
        N = [float(r["N"]) for r in rows]
        e = [float(r["e_B"]) for r in rows]
        u = [float(r["uncertainty"]) for r in rows]
        ok = [r["converged"] == "1" for r in rows]
        a.errorbar([n for n, k in zip(N, ok) if k], [x for x, k in zip(e, ok) if k],
                   yerr=[x for x, k in zip(u, ok) if k], fmt="o", label="e_B (converged)")
        if not all(ok):
            a.errorbar([n for n, k in zip(N, ok) if not k], [x for x, k in zip(e, ok) if not k],
                       yerr=[x for x, k in zip(u, ok) if not k], fmt="x", color="C3", label="e_B (not converged)")
        # N^{2β} through the first point (the shape the bound would allow), and the 2D β ln N law
        a.plot(N, [e[0] * (n / N[0]) ** (2 * beta) for n in N], ":", color="gray", label=r"$\propto N^{2\beta}$")
        slope = [float(r.get("second_order_log_slope", "nan") or "nan") for r in rows]
        if slope and not math.isnan(slope[-1]):
            a.plot(N, [e[0] + slope[-1] * math.log(n / N[0]) for n in N], "--", color="C2",
                   label=r"second order: $-(\beta/8\pi)\sum\mathcal{G}^2\!\int\rho\rho\;\ln N$")
        a.set_xscale("log")
        a.set_xlabel("N")
        a.set_ylabel(r"$e_B$")
        a.set_title(f"{label}, β = {beta}")
        a.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out, dpi=110)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
