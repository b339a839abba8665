#!/usr/bin/env python3
"""Figures of a `cbec rates` run: reads DIR/summary.json, writes DIR/*.png (matplotlib, Agg).

  distance_vs_N.png     Tr|γ_N^(k)(t) − γ_∞^(k)(t)| against N (log-log), one curve per time, with N^-1
  A_of_t.png            A_k(t) = lim N·distance against t (log y) with the fitted e^{at}; N·distance per N
  spatial_spin.png      toy model: spatial part (F 4.12) and spin part c_k/N (F 4.13) against N
  infinite_gap.png      toy model, several ν: Tr|γ_{N,ν,t}^(1) − γ_{∞,∞,t}^(1)| and Tr|γ_{∞,ν} − γ_{∞,∞}|
                        against ν with ν^-1/2 and ν^-1 guides (F 3.16, 3.20)
  bogoliubov.png        toy model: ‖N Qγ^(1)Q − VV†‖₁ against N with N^-1, depletion exact vs Bogoliubov
  finite_gap.png        toy model (issue 23 item 4): N·(weight beyond the fragments' orbitals) against t with
                        Tr VV†; that weight's maximum over t against ν (ν^-2 guide); √N‖(𝒰 − 𝒰₂)Ω‖ against t
                        (rates.fluctuations, F 5.36); ‖φ_t‖²_Q / ‖φ⁰‖²_Q against t with the bound C_0(ν) (F 5.6)
"""
import json
import math
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from plot_common import colour, save  # noqa: E402


def shown(times, most=6):
    """Indices of at most `most` times spread over the run (all of them when there are few)."""
    n = len(times)
    if n <= most:
        return list(range(n))
    return sorted({round(i * (n - 1) / (most - 1)) for i in range(most)})


def positive(xs, ys):
    pts = [(x, y) for x, y in zip(xs, ys) if y is not None and y > 1e-12]   # below: round-off
    return [p[0] for p in pts], [p[1] for p in pts]


def distance_vs_N(s, sweep, out):
    N, times = s["N"], s["times"]
    fig, ax = plt.subplots(figsize=(6, 4.5))
    for q in shown(times, 10):
        t = times[q]
        x, y = positive(N, [row[q] for row in sweep["trace_distance"]])
        if not x:
            continue
        p = sweep["fitted_exponent_N"][q]
        label = f"t = {t:g}" + (f"  (slope {p:.3f})" if p is not None else "")
        ax.loglog(x, y, "o-", color=colour(q, len(times)), label=label)
        ax.loglog(x, [y[-1] * x[-1] / n for n in x], ":", color="grey", lw=0.8)
    ax.set_xlabel("N")
    ax.set_ylabel(f"Tr|γ_N^({s['k']}) − γ_∞^({s['k']})|")
    ax.set_title(f"{s['model']}: exact vs mean field (dotted: 1/N)")
    ax.legend(fontsize=8)
    save(fig, os.path.join(out, "distance_vs_N.png"))


def A_of_t(s, sweep, out):
    N, times = s["N"], s["times"]
    fig, ax = plt.subplots(1, 2, figsize=(11, 4))
    x, y = positive(times, sweep["A"])
    ax[0].semilogy(x, y, "o-", label="A_k(t) (fit N·d = A + B/N)")
    a = sweep["growth_rate"]
    if a is not None and len(x) >= 2:
        c = sum(math.log(v) - a * t for t, v in zip(x, y)) / len(x)
        ax[0].semilogy(x, [math.exp(c + a * t) for t in x], "--", label=f"A₀e^(at), a = {a:.3f}")
    ax[0].set_xlabel("t")
    ax[0].set_ylabel("A_k(t)")
    ax[0].legend(fontsize=8)
    for n, Nn in enumerate(N):
        xs, ys = positive(times, [Nn * d for d in sweep["trace_distance"][n]])
        ax[1].plot(xs, ys, "o-", color=colour(n, len(N)), label=f"N = {Nn}")
    ax[1].set_xlabel("t")
    ax[1].set_ylabel("N · distance")
    ax[1].legend(fontsize=8)
    save(fig, os.path.join(out, "A_of_t.png"))


def spatial_spin(s, sweep, out):
    N, times = s["N"], s["times"]
    fig, ax = plt.subplots(figsize=(6, 4.5))
    for q in shown(times):
        t = times[q]
        x, y = positive(N, [row[q] for row in sweep["spatial_distance"]])
        if x:
            ax.loglog(x, y, "o-", color=colour(q, len(times)), label=f"spatial, t = {t:g}")
    x, y = positive(N, [row[0] for row in sweep["spin_distance"]])
    if x:
        ax.loglog(x, y, "ks--", label="spin c_k/N (all t)")
    ax.set_xlabel("N")
    ax.set_ylabel("trace distance")
    ax.set_title(f"toy model ν = {sweep['nu']:g}: spatial (F 4.12) and spin (F 4.13) parts")
    ax.legend(fontsize=8)
    save(fig, os.path.join(out, "spatial_spin.png"))


def infinite_gap(s, out):
    sweeps, times = s["sweeps"], s["times"]
    nu = [sw["nu"] for sw in sweeps]
    fig, ax = plt.subplots(figsize=(6, 4.5))
    for q in shown(times, 4):
        t = times[q]
        if t == 0:
            continue
        x, y = positive(nu, [sw["mean_field_infinite_gap_distance"][q] for sw in sweeps])
        if x:
            ax.loglog(x, y, "o-", color=colour(q, len(times)), label=f"Tr|γ_∞,ν − γ_∞,∞|, t = {t:g}")
        x, y = positive(nu, [sw["infinite_gap_distance"][-1][q] for sw in sweeps])
        if x:
            ax.loglog(x, y, "x:", color=colour(q, len(times)), label=f"N = {s['N'][-1]}: Tr|γ_N,ν − γ_∞,∞|")
    sup = [max(sw["mean_field_infinite_gap_distance"]) for sw in sweeps]
    p = s.get("fitted_exponent_nu_sup")
    ax.loglog(nu, sup, "ks-", label="max over t" + (f" (slope {p:.3f})" if p is not None else ""))
    ref = [v for v in nu if v > 0]
    if ref:
        y0 = ax.get_ylim()[1] / 3
        ax.loglog(ref, [y0 * math.sqrt(ref[0] / v) for v in ref], "k--", lw=0.8, label="ν^-1/2")
        ax.loglog(ref, [y0 * ref[0] / v for v in ref], "k-.", lw=0.8, label="ν^-1")
    ax.set_xlabel("ν")
    ax.set_ylabel("trace distance (k = 1)")
    ax.legend(fontsize=7)
    save(fig, os.path.join(out, "infinite_gap.png"))


def bogoliubov(s, sweep, out):
    N, times = s["N"], s["times"]
    b = sweep["bogoliubov"]
    fig, ax = plt.subplots(1, 2, figsize=(11, 4))
    for q in shown(times):
        t = times[q]
        x, y = positive(N, [row[q] for row in b["block_gap"]])
        if x:
            ax[0].loglog(x, y, "o-", color=colour(q, len(times)), label=f"t = {t:g}")
            ax[1].plot([1 / n for n in N], [row[q] for row in b["depletion_exact"]], "o-",
                       color=colour(q, len(times)), label=f"t = {t:g}")
            ax[1].plot([0], [b["depletion_bogoliubov"][q]], "*", color=colour(q, len(times)), ms=12)
    ax[0].set_xlabel("N")
    ax[0].set_ylabel("‖N Qγ_N^(1)Q − VV†‖₁")
    ax[0].set_title("Bogoliubov: excitation density")
    ax[0].legend(fontsize=8)
    ax[1].set_xlabel("1/N")
    ax[1].set_ylabel("N(1 − ⟨φ_t, γ_N^(1) φ_t⟩)")
    ax[1].set_title("depletion (stars: Bogoliubov Tr VV†)")
    save(fig, os.path.join(out, "bogoliubov.png"))


def finite_gap(s, out):
    sweeps, times, N = s["sweeps"], s["times"], s["N"]
    fig, ax = plt.subplots(2, 2, figsize=(11, 8))
    first = sweeps[0]
    for n, Nn in enumerate(N):
        ax[0][0].plot(times, [Nn * w for w in first["extra_mode_weight"][n]], "o-", ms=3,
                      color=colour(n, len(N)), label=f"N = {Nn}")
    ax[0][0].plot(times, first["bogoliubov"]["depletion_bogoliubov"], "k--", label="Tr VV† (Bogoliubov)")
    ax[0][0].set_xlabel("t")
    ax[0][0].set_ylabel("N · (1 − Σ of the 2 largest occupations)")
    ax[0][0].set_title(f"weight beyond the fragments' orbitals, ν = {first['nu']:g}")
    ax[0][0].legend(fontsize=7)
    if len(sweeps) > 1:
        nu = [sw["nu"] for sw in sweeps]
        sup = [max(sw["extra_mode_weight"][-1]) for sw in sweeps]
        p = s.get("extra_mode_weight_exponent_nu_sup")
        ax[0][1].loglog(nu, sup, "ks-", label=f"N = {N[-1]}, max over t" + (f" (slope {p:.3f})" if p is not None else ""))
        ax[0][1].loglog(nu, [sup[0] * (nu[0] / v) ** 2 for v in nu], "k:", lw=0.8, label="ν^-2")
        ax[0][1].set_xlabel("ν")
        ax[0][1].set_ylabel("weight beyond the fragments")
        ax[0][1].legend(fontsize=7)
    else:
        ax[0][1].axis("off")
    if "fluctuations" in first:
        for k, sw in enumerate(sweeps):
            f = sw["fluctuations"]
            ax[1][0].plot(times, f["sqrtN_difference"][-1], "o-", ms=3, color=colour(k, len(sweeps)),
                          label=f"ν = {sw['nu']:g}, N = {f['N'][-1]:g}")
            if k == 0 and len(f["N"]) > 1:
                ax[1][0].plot(times, f["sqrtN_difference"][0], "x:", color=colour(k, len(sweeps)),
                              label=f"ν = {sw['nu']:g}, N = {f['N'][0]:g}")
        ax[1][0].set_xlabel("t")
        ax[1][0].set_ylabel("√N ‖(U(t;0) − U₂(t;0))Ω‖")
        ax[1][0].set_title("full against quadratic fluctuation dynamics (F 5.36)")
        ax[1][0].legend(fontsize=7)
    else:
        ax[1][0].axis("off")
    for k, sw in enumerate(sweeps):
        fn = sw["form_norm"]
        ax[1][1].plot(times, [x / fn["initial"] for x in fn["norm"]], "o-", ms=3, color=colour(k, len(sweeps)),
                      label=f"ν = {sw['nu']:g}" + (f", C_0 = {fn['C0_bound']:.3g}" if fn["C0_bound"] is not None else
                                                     ", ν ≤ ν_0"))
    ax[1][1].set_xlabel("t")
    ax[1][1].set_ylabel("‖φ_t‖²_Q / ‖φ⁰‖²_Q")
    ax[1][1].set_title(f"form norm (F 5.6); bound C_0(ν) for ν > ν_0 = {first['form_norm']['nu0']:g}")
    ax[1][1].legend(fontsize=7)
    fig.tight_layout()
    save(fig, os.path.join(out, "finite_gap.png"))


def main(directory):
    with open(os.path.join(directory, "summary.json")) as f:
        s = json.load(f)
    first = s["sweeps"][0]
    distance_vs_N(s, first, directory)
    A_of_t(s, first, directory)
    if s["model"] == "fragmented_toy":
        spatial_spin(s, first, directory)
        bogoliubov(s, first, directory)
        finite_gap(s, directory)
        if len(s["sweeps"]) > 1:
            infinite_gap(s, directory)


if __name__ == "__main__":
    main(sys.argv[1])
