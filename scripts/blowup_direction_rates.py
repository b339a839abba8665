#!/usr/bin/python3
"""Straight paths into the critical line of M Theorems 7–8 (`path = "direction"`, docs/blowup.md): the rate of
‖|ũ1|² − |ũ2|²‖₂ along several directions, against the (M 4.6) bound (exponent 1/2) and the linear response (1).

Two species, c = (0.3, 0.7), end point a12 = 2, traps |x|^p1, |x|^p2 at the origin, d = 1e-1 … 1e-5.

  /usr/bin/python3 scripts/blowup_direction_rates.py [BUILD_DIR] [OUT_DIR]     (about 6 minutes on 2 busy cores)
writes OUT_DIR/rates.md, OUT_DIR/rates.json and docs/figures/blowup_direction_rates.png.
"""
import json
import math
import os
import subprocess
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

POWERS = [(2.0, 2.0), (2.0, 4.0)]
DIRECTIONS = [(1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (1.0, 1.0, 0.0), (0.0, 0.0, 1.0), (1.0, 1.0, -1.0)]
CONFIG = """[model]
dimension = 2
[[species]]
name = "A"
fraction = 0.3
trap = {{ power = {p1}, center = [0.0, 0.0] }}
[[species]]
name = "B"
fraction = 0.7
trap = {{ power = {p2}, center = [0.0, 0.0] }}
[scan]
path = "direction"
end_a12 = 2.0
direction = [{e}]
distances = [1e-1, 1e-2, 1e-3, 1e-4, 1e-5]
"""


def run(build, out, p, e):
    d = os.path.join(out, f"p{p[0]:g}_{p[1]:g}_e{'_'.join(f'{x:g}' for x in e)}")
    os.makedirs(d, exist_ok=True)
    summary = os.path.join(d, "out", "summary.json")
    if not os.path.exists(summary):
        cfg = os.path.join(d, "config.toml")
        with open(cfg, "w") as f:
            f.write(CONFIG.format(p1=p[0], p2=p[1], e=", ".join(f"{x:g}" for x in e)))
        subprocess.run([os.path.join(build, "cbec"), "blowup", cfg, "--out", os.path.join(d, "out"), "--no-figures"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env=dict(os.environ, CBEC_NO_PROGRESS="1"))
    with open(summary) as f:
        return json.load(f)


def main(build="build", out="/tmp/cbec_direction_rates"):
    rows = []
    for p in POWERS:
        for e in DIRECTIONS:
            if p[0] == p[1] and e[0] + 0.7 * e[2] == e[1] + 0.3 * e[2]:
                continue   # symmetric: ũ1 = ũ2 exactly (the scan warns and fits nothing)
            s = run(build, out, p, e)
            pts = s["points"]
            diff = [q["density_difference"] for q in pts]
            local = [math.log(diff[i + 1] / diff[i]) / math.log(pts[i + 1]["distance"] / pts[i]["distance"])
                     for i in range(len(pts) - 1)]
            rows.append(dict(powers=p, direction=e, normalised=s["direction"], d=[q["distance"] for q in pts],
                             difference=diff, bound=[q["density_difference_bound"] for q in pts], local=local,
                             fitted=s["density_difference"]["fitted_exponent"], ratio=[q["ratio"] for q in pts],
                             energy_exponent=s["fitted_exponent"], seconds=sum(q["wall_seconds"] for q in pts)))
            print(p, e, "fitted", rows[-1]["fitted"], "local", [f"{x:.3f}" for x in local], flush=True)
    with open(os.path.join(out, "rates.json"), "w") as f:
        json.dump(rows, f, indent=1)
    lines = ["| p1, p2 | e (given) | e (normalised) | ‖ρ̃1−ρ̃2‖₂ at d = 1e-3 | 1e-5 | bound (M 4.6) at 1e-5 | "
             "local slopes (1e-1→1e-2 … 1e-4→1e-5) | fitted (last 4) | E/predicted at 1e-5 | seconds |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['powers'][0]:g}, {r['powers'][1]:g} | {tuple(r['direction'])} | "
                     f"({', '.join(f'{x:.3g}' for x in r['normalised'])}) | {r['difference'][2]:.3e} | "
                     f"{r['difference'][4]:.3e} | {r['bound'][4]:.3e} | {', '.join(f'{x:.2f}' for x in r['local'])} | "
                     f"{r['fitted']:.3f} | {r['ratio'][4]:.6f} | {r['seconds']:.0f} |")
    with open(os.path.join(out, "rates.md"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))
    fig, ax = plt.subplots(1, len(POWERS), figsize=(12, 4.5), sharey=True)
    for k, p in enumerate(POWERS):
        for r in [r for r in rows if tuple(r["powers"]) == p]:
            ax[k].loglog(r["d"], r["difference"], "o-", label=f"e = {tuple(r['direction'])}: {r['fitted']:.2f}")
        r0 = [r for r in rows if tuple(r["powers"]) == p][0]
        ax[k].loglog(r0["d"], r0["bound"], "k--", label="(M 4.6) bound, e = first")
        ax[k].loglog(r0["d"], [0.5 * x for x in r0["d"]], "k:", label="∝ d")
        ax[k].set_title(f"p1 = {p[0]:g}, p2 = {p[1]:g}, c = (0.3, 0.7), end a12 = 2")
        ax[k].set_xlabel("d = a_* − a_N")
        ax[k].legend(fontsize=7)
    ax[0].set_ylabel("‖|ũ1|² − |ũ2|²‖₂")
    fig.tight_layout()
    os.makedirs("docs/figures", exist_ok=True)
    fig.savefig("docs/figures/blowup_direction_rates.png", dpi=110)


if __name__ == "__main__":
    main(*sys.argv[1:])
