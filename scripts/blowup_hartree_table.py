#!/usr/bin/python3
"""The (β, γ) table of docs/blowup.md: the joint limit of M Theorem 1 at the Hartree level.

For each β and γ, `cbec blowup` runs one species, V = |x|², path theorem1, interaction "hartree" (Gaussian w),
N = 1e2 … 1e6 with d = N^-γ, and reports E^H/E^GP (GP solved at the same couplings), its local exponent
s = d log(E^H/E^GP - 1)/d log N over the two largest N, the prediction 3γ/2 - 2β of the second-order expansion
(joint_limit.hpp, valid while E^H/E^GP - 1 ≪ 1), the range-arrested prediction γ/2 - 2β/3 for log(E^H/E^GP)
(valid when ≫ 1: E^H ~ N^{-2βp/(p+4)}, E^GP ~ N^{-γp/(p+2)}), the theorems' window and the crossover γ_H = 4β/3
where both vanish.

  /usr/bin/python3 scripts/blowup_hartree_table.py [BUILD_DIR] [OUT_DIR]     (about 4 minutes on 2 busy cores)
  /usr/bin/python3 scripts/blowup_hartree_table.py --render OUT_DIR          (table and figures from table.json)
writes OUT_DIR/table.md, OUT_DIR/table.json and docs/figures/blowup_hartree_*.png.
"""
import json
import math
import os
import subprocess
import sys
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

BETAS = [0.1, 0.25, 0.4]
GAMMAS = [0.1, 0.3, 0.5, 0.7, 0.9]
NS = [1e2, 1e3, 1e4, 1e5, 1e6]
CONFIG = """[model]
dimension = 2
interaction = "hartree"
profile = "gaussian"
beta = {beta}
[[species]]
name = "A"
trap = {{ power = 2.0, center = [0.0, 0.0] }}
[scan]
path = "theorem1"
N = [{ns}]
gamma = {gamma}
"""


def run(build, out, beta, gamma):
    d = os.path.join(out, f"b{beta}_g{gamma}")
    os.makedirs(d, exist_ok=True)
    cfg = os.path.join(d, "config.toml")
    with open(cfg, "w") as f:
        f.write(CONFIG.format(beta=beta, gamma=gamma, ns=", ".join(f"{n:g}" for n in NS)))
    summary = os.path.join(d, "out", "summary.json")
    if os.path.exists(summary):   # done by an earlier (interrupted) run of this script
        with open(summary) as f:
            s = json.load(f)
        s["seconds"] = sum(p["wall_seconds"] for p in s["points"])
        return s
    t = time.time()
    subprocess.run([os.path.join(build, "cbec"), "blowup", cfg, "--out", os.path.join(d, "out"), "--no-figures"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env=dict(os.environ, CBEC_NO_PROGRESS="1"))
    with open(os.path.join(d, "out", "summary.json")) as f:
        s = json.load(f)
    s["seconds"] = time.time() - t
    return s


def main(build="build", out="/tmp/cbec_hartree_table"):
    rows = []
    for beta in BETAS:
        for gamma in GAMMAS:
            s = run(build, out, beta, gamma)
            pts = s["points"]
            gap = [p["hartree_gp_ratio"] - 1 for p in pts]
            slope = math.log(gap[-1] / gap[-2]) / math.log(pts[-1]["N"] / pts[-2]["N"])
            rows.append(dict(beta=beta, gamma=gamma, window=s["joint_limit"]["window"],
                             crossover=s["joint_limit"]["hartree_crossover"], in_window=s["joint_limit"]["in_window"],
                             N=[p["N"] for p in pts], ratio_H_GP=[p["hartree_gp_ratio"] for p in pts],
                             ratio_H_pred=[p["ratio"] for p in pts], rho_L1=[p["density_error_L1"][0] for p in pts],
                             range_rescaled=[p["range_rescaled"][0] for p in pts],
                             first_order=[p.get("first_order_gap") for p in pts],
                             slope=slope, predicted_slope=1.5 * gamma - 2 * beta, seconds=s["seconds"],
                             converged=all(p["converged"] and p["gp_converged"] for p in pts)))
            r = rows[-1]
            print(f"beta {beta} gamma {gamma}: E^H/E^GP {r['ratio_H_GP'][0]:.4g} .. {r['ratio_H_GP'][-1]:.4g} "
                  f"slope {slope:.3f} (pred {r['predicted_slope']:.3f}) {r['seconds']:.1f} s", flush=True)
    with open(os.path.join(out, "table.json"), "w") as f:
        json.dump(rows, f, indent=1)
    render(rows, out)


def render(rows, out):
    lines = ["| β | γ | window γ < | γ_H | E^H/E^GP at N = 1e2 | 1e4 | 1e6 | measured slope s | 3γ/2 − 2β | "
             "γ/2 − 2β/3 | ‖ρ̃ − Q_0²‖₁ at 1e6 | ℓN^−β at 1e6 | s (seconds) | verdict |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        verdict = ("→ GP" if r["slope"] < 0 else "departs") + (", in window" if r["in_window"] else "")
        lines.append(f"| {r['beta']} | {r['gamma']} | {r['window']:.3g} | {r['crossover']:.3g} | "
                     f"{r['ratio_H_GP'][0]:.4f} | {r['ratio_H_GP'][2]:.4f} | {r['ratio_H_GP'][4]:.4f} | "
                     f"{r['slope']:+.3f} | {r['predicted_slope']:+.3f} | {r['gamma'] / 2 - 2 * r['beta'] / 3:+.3f} | "
                     f"{r['rho_L1'][4]:.2e} | {r['range_rescaled'][4]:.3g} | {r['seconds']:.0f} | {verdict} |")
    with open(os.path.join(out, "table.md"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))
    figures(rows)


def figures(rows):
    os.makedirs("docs/figures", exist_ok=True)
    fig, ax = plt.subplots(1, len(BETAS), figsize=(15, 4), sharey=True)
    for k, beta in enumerate(BETAS):
        for r in [r for r in rows if r["beta"] == beta]:
            ax[k].loglog(r["N"], [g - 1 for g in r["ratio_H_GP"]], "o-",
                         label=f"γ = {r['gamma']}" + (" (window)" if r["in_window"] else ""))
        ax[k].set_title(f"β = {beta}: window γ < {min(4 * beta / 5, 2 * (1 - 2 * beta)):.3g}, "
                        f"γ_H = {4 * beta / 3:.3g}")
        ax[k].set_xlabel("N")
        ax[k].legend(fontsize=7)
    ax[0].set_ylabel("E^H / E^GP − 1")
    fig.suptitle("Joint limit at the Hartree level (theorem1, p = 2, Gaussian w): d = N^-γ, w_N = N^{2β}w(N^β·)")
    fig.tight_layout()
    fig.savefig("docs/figures/blowup_hartree_gap.png", dpi=110)

    fig, ax = plt.subplots(figsize=(6, 4.5))
    bs = [i / 100 for i in range(1, 50)]
    ax.plot(bs, [min(4 * b / 5, 2 * (1 - 2 * b)) for b in bs], "k-", label="theorems' window γ < min{4β/5, 2(1−2β)}")
    ax.plot(bs, [4 * b / 3 for b in bs], "k--", label="Hartree crossover γ_H = 4β/3")
    for r in rows:
        ax.plot(r["beta"], r["gamma"], "o" if r["slope"] < 0 else "x", color="tab:green" if r["slope"] < 0 else "tab:red",
                ms=8)
    ax.plot([], [], "o", color="tab:green", label="measured: E^H/E^GP − 1 falls with N")
    ax.plot([], [], "x", color="tab:red", label="measured: E^H/E^GP − 1 grows with N")
    ax.set_xlabel("β")
    ax.set_ylabel("γ")
    ax.set_ylim(0, 1)
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig("docs/figures/blowup_hartree_window.png", dpi=110)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--render"]:
        with open(os.path.join(sys.argv[2], "table.json")) as f:
            render(json.load(f), sys.argv[2])
    else:
        main(*sys.argv[1:])
