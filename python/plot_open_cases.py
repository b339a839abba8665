#!/usr/bin/env python3
"""Figures of a `cbec opencases` study: reads DIR/summary.json, writes DIR/*.png (matplotlib, Agg).

  cross_term:  cross_term.png       log10 Δ = E - c1E1 - c2E2 against ℓ along the theorem3 path (direct formula,
                                    first order, energy difference of three grid solves) with the fitted decay,
                                    and the local rate -dlnΔ/dℓ / |z1-z2| against ℓ (sharp value 2)
               cross_term_separation.png   log10 Δ against |z1 - z2| at fixed d
  coincident:  coincident.png       E/(c1E1 + c2E2) per starting guess against d, and the peak separation
                                    ℓ|x1 - x2| of the lowest state against ln ℓ
  window:      window.png           E and the scale ℓ = max‖∇u_i‖ against a12 across the window of M Theorem 6
"""
import json
import math
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from plot_common import colour, save  # noqa: E402

LOG10 = math.log(10.0)


def cross_term(s, directory):
    pts = s["path"]
    ell = [p["ell"][0] for p in pts]
    D = s["separation"]
    fig, ax = plt.subplots(1, 2, figsize=(11, 4))
    ax[0].plot(ell, [p["log_direct"] / LOG10 for p in pts], "o-", label="direct: c1c2|a12|I - c1R1 - c2R2")
    ax[0].plot(ell, [p["log_first_order"] / LOG10 for p in pts], "s--", ms=4, label="first order c1c2|a12|I")
    e = [(p["ell"][0], math.log10(p["energy_difference"])) for p in pts if p["energy_difference"]]
    if e:
        ax[0].plot(*zip(*e), "x", ms=9, color="k", label="E - c1E1 - c2E2 (three grid solves)")
    f = s["path_fit"]
    if f["rate"] is not None:
        xs = [x for x in ell if x * D >= 6] or ell
        ax[0].plot(xs, [(f["log_prefactor"] + f["power"] * math.log(x) - f["rate"] * x) / LOG10 for x in xs], ":",
                   color="gray", label=f'fit: rate {f["rate"]:.4f} per ℓ ({f["rate"] / D:.4f}·|z1-z2|)')
    ax[0].set_xlabel("ℓ = Λ d^{-1/(p+2)}")
    ax[0].set_ylabel("log10 Δ")
    ax[0].legend(fontsize=7)
    ax[0].set_title(f'cross term along theorem3, |z1-z2| = {D:g}, a12 = {s["a12"]:g}')
    mid = [0.5 * (a + b) for a, b in zip(ell[:-1], ell[1:])]
    ax[1].semilogx(mid, s["local_rate_per_separation"], "o-")
    ax[1].axhline(2.0, color="gray", lw=0.8)
    ax[1].set_xlabel("ℓ")
    ax[1].set_ylabel("-Δ ln Δ / Δℓ / |z1-z2|")
    ax[1].set_title("local decay rate (sharp prediction 2: Δ ~ e^{-2ℓ|z1-z2|})")
    save(fig, os.path.join(directory, "cross_term.png"))
    sep = s["separation_scan"]
    if sep:
        fig, ax = plt.subplots(figsize=(5.5, 4))
        ax.plot([p["separation"] for p in sep], [p["log_direct"] / LOG10 for p in sep], "o-")
        f = s["separation_fit"]
        ax.set_xlabel("|z1 - z2|")
        ax.set_ylabel("log10 Δ")
        rate = "" if f["rate"] is None else f'; fitted rate {f["rate"]:.4f} = {f["rate"] / sep[0]["kappa"][0]:.4f} κ'
        ax.set_title(f'd = {sep[0]["distance"]:g}, κ = {sep[0]["kappa"][0]:.4g}{rate}', fontsize=9)
        save(fig, os.path.join(directory, "cross_term_separation.png"))


def coincident(s, directory):
    pts = s["points"]
    names = [c["start"] for c in pts[-1]["starts"]]
    fig, ax = plt.subplots(1, 2, figsize=(11, 4))
    for n, name in enumerate(names):
        xy = [(p["distance"], c["ratio"]) for p in pts for c in p["starts"] if c["start"] == name]
        ax[0].loglog(*zip(*xy), "o-", color=colour(n, len(names)), label=name, ms=4)
    ax[0].set_xlabel("d = a_* - a_i")
    ax[0].set_ylabel("E / (c1E1 + c2E2)")
    ax[0].invert_xaxis()
    ax[0].legend(fontsize=7)
    ax[0].set_title(f'z1 = z2, a12 = {s["a12"]:g}: energy per starting guess')
    lows = [p["starts"][[c["start"] for c in p["starts"]].index(p["lowest"])] for p in pts]
    ell = [0.5 * (c["ell_measured"][0] + c["ell_measured"][1]) for c in lows]
    ax[1].plot([math.log(x) for x in ell], [c["separation_scaled"] for c in lows], "o-", label="lowest state")
    ax[1].set_xlabel("ln ℓ  (ℓ = mean ‖∇u_i‖)")
    ax[1].set_ylabel("ℓ |x1 - x2|")
    ax[1].set_title("separation of the two peaks in units of the core size")
    ax[1].legend(fontsize=7)
    save(fig, os.path.join(directory, "coincident.png"))


def window(s, directory):
    pts = s["points"]
    fig, ax = plt.subplots(1, 2, figsize=(11, 4))
    att = [p for p in pts if p["verdict"] == "attained"]
    unb = [p for p in pts if p["verdict"] == "unbounded" and len(p["dilated_energy"]) == 2]
    unr = [p for p in pts if p["verdict"] == "unresolved"]
    ax[0].plot([p["a12"] for p in att], [p["energy"] for p in att], "o", color="tab:blue", label="attained: E of the minimiser")
    ax[0].plot([p["a12"] for p in unb], [p["dilated_energy"][1] for p in unb], "v", color="tab:red",
               label="unbounded: E(u_λ), λ = 4, of the certificate")
    if unr:
        ax[0].plot([p["a12"] for p in unr], [0 for p in unr], "x", color="k", label="unresolved")
    ax[1].semilogy([p["a12"] for p in att], [p["ell"] for p in att], "o", color="tab:blue", label="attained: ℓ of the minimiser")
    for a in ax:
        a.axvline(s["lower_bound"], color="gray", ls="--", lw=0.8)
        a.axvline(s["upper_bound"], color="gray", ls="--", lw=0.8)
        if s["bracket"][0] is not None and s["bracket"][1] is not None:
            a.axvspan(s["bracket"][0], s["bracket"][1], color="orange", alpha=0.5, label="threshold bracket")
        a.set_xlabel("a12")
        a.legend(fontsize=7)
    ax[0].axhline(0, color="gray", lw=0.6)
    ax[0].set_ylabel("energy")
    ax[0].set_title(f'c1 = {s["c1"]:g}, a1 = {s["a1"]:g}, a2 = {s["a2"]:g}; dashed: Theorem 6 bounds', fontsize=9)
    ax[1].set_ylabel("ℓ = max ‖∇u_i‖")
    fit = s["threshold_fit"]
    ax[1].set_title(f'threshold in [{s["bracket"][0]:.4f}, {s["bracket"][1]:.4f}]'
                    + ("" if fit is None else f", E-extrapolation {fit:.4f}"), fontsize=9)
    save(fig, os.path.join(directory, "window.png"))


def main(directory):
    with open(os.path.join(directory, "summary.json")) as f:
        s = json.load(f)
    {"cross_term": cross_term, "coincident": coincident, "window": window}[s["case"]](s, directory)


if __name__ == "__main__":
    main(sys.argv[1])
