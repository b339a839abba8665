#!/usr/bin/env bash
# The three open-case studies of docs/open-cases.md (issue 22 items 3-5): runs `cbec opencases` on the example
# configurations and copies the figures to docs/figures/. Usage: scripts/open_cases.sh [OUTDIR] (default out/open-cases).
# Run times on the shared 2-core machine: cross term ~2 min, window ~1 min, coincident centres ~25 min wall (15 min CPU).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-out/open-cases}
cbec=${CBEC:-$root/build/cbec}
mkdir -p "$out"
"$cbec" opencases "$root/examples/opencases-cross-term.toml" --out "$out/cross-term"
"$cbec" opencases "$root/examples/opencases-window.toml" --out "$out/window"
"$cbec" opencases "$root/examples/opencases-coincident.toml" --out "$out/coincident"
cp "$out/cross-term/cross_term.png" "$root/docs/figures/open-cross-term.png"
cp "$out/cross-term/cross_term_separation.png" "$root/docs/figures/open-cross-term-separation.png"
cp "$out/window/window.png" "$root/docs/figures/open-window.png"
cp "$out/coincident/coincident.png" "$root/docs/figures/open-coincident.png"
