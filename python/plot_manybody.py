#!/usr/bin/env python3
"""Figure of a `cbec manybody` N sweep: reads DIR/summary.json, writes DIR/gap.png (matplotlib, Agg).

  gap.png   E^H − E_N^Q against N (log-log) with the fitted power law C N^p and the Bogoliubov
            prediction −e_B/N (M 3.17: E^H − E_N^Q ≤ C N^{2β−1}); right: N(E_N^Q − E^H) against e_B.
"""
import json
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from plot_common import save  # noqa: E402


def main(directory):
    with open(os.path.join(directory, "summary.json")) as f:
        s = json.load(f)
    pts = s["sweep"]
    if not pts:
        return
    N = [p["N"] for p in pts]
    diff = [p["difference"] for p in pts]
    bog = [-p["e_B"] / p["N"] for p in pts]
    fig, ax = plt.subplots(1, 2, figsize=(11, 4))
    ax[0].loglog(N, diff, "o-", label=r"$E^H - E_N^Q$")
    ax[0].loglog(N, bog, "s--", label=r"$-e_B/N$ (Bogoliubov)")
    if s.get("fitted_power") is not None:
        C, p = s["fitted_constant"], s["fitted_power"]
        ax[0].loglog(N, [C * n ** p for n in N], ":", label=f"fit {C:.3g} N^{p:.3f}")
    ax[0].set_xlabel("N")
    ax[0].set_ylabel("energy per particle")
    ax[0].legend()
    ax[0].set_title(f'shells {s["basis"]["shells"]}')
    ax[1].semilogx(N, [-p["difference"] * p["N"] for p in pts], "o-", label=r"$N(E_N^Q - E^H)$")
    ax[1].semilogx(N, [p["e_B"] for p in pts], "s--", label=r"$e_B$")
    ax[1].set_xlabel("N")
    ax[1].legend()
    save(fig, os.path.join(directory, "gap.png"))


if __name__ == "__main__":
    main(sys.argv[1])
