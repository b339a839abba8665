#!/usr/bin/env python3
"""Figures of a `cbec evolve` run: reads DIR/summary.json, writes DIR/*.png (matplotlib, Agg).

  observables.png     energy drift, <|x|^2> and |<u0,u>|^2 against t
  infinite_gap.png    (toy model) Tr|γ^(1)_{∞,ν,t} − γ^(1)_{∞,∞,t}| against t, with the first-order prediction
  nu_sweep.png        (toy model with [sweep]) distance against ν (log-log), fitted exponent, the 1/√ν bound's slope
"""
import json
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from plot_common import save  # noqa: E402


def observables(s, directory):
    t = s["times"]
    o = s["observables"]
    fig, ax = plt.subplots(1, 3, figsize=(13, 3.6))
    e0 = o["energy"][0]
    ax[0].plot(t, [abs(e - e0) / max(abs(e0), 1e-300) for e in o["energy"]], "o-")
    ax[0].set_title("relative energy change (vs first output)")
    ax[0].set_yscale("symlog", linthresh=1e-16)
    ax[1].plot(t, o["x2"], "o-")
    ax[1].set_title("<|x|^2>")
    ax[2].plot(t, o["overlap"], "o-")
    ax[2].set_title("|<u(0), u(t)>|^2")
    for a in ax:
        a.set_xlabel("t")
    save(fig, os.path.join(directory, "observables.png"))


def infinite_gap(s, directory):
    t = s["times"]
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.plot(t, s["infinite_gap_distance"], "o-", label="Tr|γ_∞,ν − γ_∞,∞| (computed)")
    ax.plot(t, s["predicted_distance_first_order"], "x--", label="first order in 1/ν")
    ax.set_xlabel("t")
    ax.set_yscale("log")
    ax.legend()
    ax.set_title("infinite-gap distance (F 3.16)")
    save(fig, os.path.join(directory, "infinite_gap.png"))


def sweep(s, directory):
    w = s["sweep"]
    nu = w["nu"]
    fig, ax = plt.subplots(figsize=(6.5, 4.5))
    for m, t in enumerate(w["times"]):
        ax.loglog(nu, [d[m] for d in w["distance"]], "o-", label=f"t = {t:g} (slope {w['fitted_exponent'][m]:.3f})")
    ax.loglog(nu, w["sup_distance"], "k-s", label=f"sup over t (slope {w['fitted_exponent_sup']:.3f})")
    ref = w["sup_distance"][0]
    ax.loglog(nu, [ref * (n / nu[0]) ** -0.5 for n in nu], "r:", label="slope −1/2 (bound F 3.16)")
    ax.loglog(nu, [ref * (n / nu[0]) ** -1.0 for n in nu], "g:", label="slope −1")
    ax.set_xlabel("ν")
    ax.set_ylabel("Tr|γ_∞,ν,t − γ_∞,∞,t|")
    ax.legend(fontsize=8)
    save(fig, os.path.join(directory, "nu_sweep.png"))


def sweep_strength(s, directory):
    w = s["sweep_strength"]
    a = w["strength"]
    fig, ax = plt.subplots(figsize=(6.5, 4.5))
    ax.loglog(a, w["sup_distance"], "k-s", label=f"sup over t (slope {w['fitted_exponent_sup']:.3f})")
    ref = w["sup_distance"][0]
    ax.loglog(a, [ref * (x / a[0]) for x in a], "g:", label="slope 1 (first order)")
    ax.set_xlabel("strength of V")
    ax.set_ylabel("sup_t Tr|γ_∞,ν,t − γ_∞,∞,t|")
    ax.legend(fontsize=8)
    save(fig, os.path.join(directory, "strength_sweep.png"))


def main(directory):
    with open(os.path.join(directory, "summary.json")) as f:
        s = json.load(f)
    observables(s, directory)
    if "infinite_gap_distance" in s:
        infinite_gap(s, directory)
    if "sweep" in s:
        sweep(s, directory)
    if "sweep_strength" in s:
        sweep_strength(s, directory)


if __name__ == "__main__":
    main(sys.argv[1])
