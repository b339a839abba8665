#!/usr/bin/env bash
# Install cbec's build and test dependencies from Debian packages (non-interactive, idempotent).
set -euo pipefail
PKGS=(
  build-essential cmake pkg-config git
  libfftw3-dev libeigen3-dev libspectra-dev libtomlplusplus-dev libcli11-dev
  nlohmann-json3-dev libhdf5-dev libfmt-dev libmpfr-dev libgmp-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  python3 python3-numpy python3-matplotlib python3-dev pybind11-dev python3-pytest doxygen
  libopenmpi-dev openmpi-bin libfftw3-mpi-dev libpetsc64-real3.18-dev libslepc64-real3.18-dev
)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
