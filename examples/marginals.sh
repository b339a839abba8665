#!/usr/bin/env bash
# Fragmented vs phase-averaged vs mixture (F Proposition 2.1, Corollary 2.2, Proposition 2.3).
# Usage: examples/marginals.sh [path/to/cbec]   (default: ./build/cbec)
set -euo pipefail
CBEC=${1:-./build/cbec}

# One marginal, human-readable, with the weights of every Dicke pattern (k - j, j).
"$CBEC" marginals --N 10 --occupations 6 4 --k 3

# The same as JSON (INTERFACE.md keys).
"$CBEC" marginals --N 10 --occupations 6 4 --k 3 --json

# Proposition 2.3: N·Tr|γ - γ̃| stays bounded as N grows, and is 0 for k = 1.
"$CBEC" marginals --N-list 10 100 1000 1e6 1e9 --fractions 0.5 0.5 --k-range 1 6

# Three levels (Remark 2.5), as CSV.
"$CBEC" marginals --N-list 1000 1e6 --fractions 0.2 0.3 0.5 --k-range 1 4 --csv
