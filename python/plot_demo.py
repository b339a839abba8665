#!/usr/bin/env python3
"""Figures of `cbec demo`: reads DIR/demo-data.json (one entry per section) and writes DIR/*.png.

Usage: plot_demo.py DIR. Sections without data are skipped; unknown sections are ignored.
"""
import json
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def townes(d, out):
    r, Q = np.array(d["r"]), np.array(d["Q"])
    fig, ax = plt.subplots(1, 2, figsize=(9, 3.5))
    ax[0].plot(r, Q)
    ax[0].set(xlabel="r", ylabel="Q(r)", title=f"Townes profile, a* = {d['a_star']:.6f}")
    ax[1].semilogy(r, Q)
    ax[1].set(xlabel="r", ylabel="Q(r)", title="exponential tail ~ C K0(r)")
    fig.tight_layout()
    fig.savefig(os.path.join(out, "townes.png"), dpi=110)
    plt.close(fig)


def theorem(name, d, out):
    pts = d["points"]
    ds = np.array([p["d"] for p in pts])
    fig, ax = plt.subplots(1, 2, figsize=(10, 4))
    ax[0].loglog(ds, [p["E"] for p in pts], "o", label="cbec E")
    ax[0].loglog(ds, [p["predicted"] for p in pts], "-", label=f"C d^{d['expected_exponent']:.3g} (theorem)")
    ax[0].set(xlabel="d", ylabel="E", title=f"{name}: energy")
    ax[0].legend()
    x = np.array(d["x"])
    for p in pts:
        ax[1].plot(x, p["cut"], label=f"d = {p['d']:g}")
    ax[1].plot(x, d["Q0"], "k--", label="Q_0")
    ax[1].set(xlabel="x (blow-up units)", ylabel="rescaled u_1", title="rescaled profile vs Q_0")
    ax[1].legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(os.path.join(out, f"{name}.png"), dpi=110)
    plt.close(fig)
    if name == "theorem1":
        ell = np.array([p["ell_measured"] for p in pts])
        fig, ax = plt.subplots(figsize=(5, 4))
        ax.loglog(ds, ell, "o", label=f"measured, slope -{d['kappa']:.4f}")
        ax.loglog(ds, ell[0] * (ds / ds[0]) ** -0.25, "-", label="d^(-1/(p+2)) (M 2.3)")
        ax.loglog(ds, ell[0] * (ds / ds[0]) ** -0.5, ":", label="d^(-2/(p+2)) (for contrast)")
        ax.set(xlabel="d", ylabel="scale l", title="the scale exponent (M 2.3)")
        ax.legend(fontsize=8)
        fig.tight_layout()
        fig.savefig(os.path.join(out, "scale_exponent.png"), dpi=110)
        plt.close(fig)


def marginals(d, out):
    N = np.array(d["N"])
    fig, ax = plt.subplots(figsize=(6, 4))
    for c in d["curves"]:
        line, = ax.semilogx(N, c["N_times_trace"], "o-", label=f"k = {c['k']}")
        ax.axhline(c["limit"], color=line.get_color(), ls="--", lw=0.8)
    ax.set(xlabel="N", ylabel="N Tr|gamma - gamma~|", title="F Prop. 2.3: N Tr|gamma - gamma~| -> c_k")
    ax.legend()
    fig.tight_layout()
    fig.savefig(os.path.join(out, "marginals.png"), dpi=110)
    plt.close(fig)


def evolve(d, out):
    nu = np.array(d["nu"])
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.loglog(nu, d["sup"], "o-", label=f"sup_t distance, slope {d['theta']:.3f}")
    ax.loglog(nu, d["distance"], "s", label=f"distance at t = {d['t']:g}")
    ax.loglog(nu, d["predicted"], "-", label="first-order prediction")
    ax.loglog(nu, d["sup"][0] * (nu / nu[0]) ** -0.5, ":", label="bound ~ nu^(-1/2)")
    ax.set(xlabel="nu", ylabel="Tr|gamma_nu - gamma_inf|", title="F 3.16: infinite-gap limit")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(os.path.join(out, "evolve.png"), dpi=110)
    plt.close(fig)


def rates(d, out):
    N = np.array(d["N"], dtype=float)
    fig, ax = plt.subplots(figsize=(6, 4))
    for c in d["curves"]:
        ax.loglog(N, c["distance"], "o-", label=f"t = {c['t']:g}, slope {c['exponent']:.3f}")
    y0 = d["curves"][-1]["distance"][0]
    ax.loglog(N, y0 * N[0] / N, "k:", label="1/N")
    ax.set(xlabel="N", ylabel="Tr|gamma_N - gamma_inf|", title="F 3.14: rate 1/N (double well)")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(os.path.join(out, "rates.png"), dpi=110)
    plt.close(fig)


def manybody(d, out):
    N = np.array(d["N"], dtype=float)
    fig, ax = plt.subplots(1, 2, figsize=(10, 4))
    ax[0].plot(1 / N, d["scaled"], "o-", label="N (E^H - E_N^Q)")
    ax[0].plot([0.0], [d["extrapolated"]], "s", label="extrapolated to 1/N = 0")
    ax[0].axhline(d["minus_e_B"], color="k", ls="--", lw=0.8, label="-e_B (Bogoliubov)")
    ax[0].set(xlabel="1/N", ylabel="N (E^H - E_N^Q)", xlim=(-0.01, None), title="next order: Bogoliubov")
    ax[0].legend(fontsize=8)
    ax[1].loglog(N, d["gap"], "o-", label=f"E^H - E_N^Q (last slope {d['exponent']:.3f})")
    ax[1].loglog(N, d["gap"][-1] * N[-1] / N, "k:", label="N^(2beta-1) = 1/N (M 3.17)")
    ax[1].set(xlabel="N", ylabel="E^H - E_N^Q", title="M (2.12), (3.17): beta = 0")
    ax[1].legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(os.path.join(out, "manybody.png"), dpi=110)
    plt.close(fig)


def main(out):
    with open(os.path.join(out, "demo-data.json")) as f:
        data = json.load(f)
    for name, d in data.items():
        if not d:
            continue
        if name == "townes":
            townes(d, out)
        elif name.startswith("theorem"):
            theorem(name, d, out)
        elif name == "manybody":
            manybody(d, out)
        elif name == "marginals":
            marginals(d, out)
        elif name == "evolve":
            evolve(d, out)
        elif name == "rates":
            rates(d, out)


if __name__ == "__main__":
    main(sys.argv[1])
