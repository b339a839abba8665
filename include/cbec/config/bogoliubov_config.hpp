#pragma once
/// @file bogoliubov_config.hpp
/// The `cbec bogoliubov` configuration (INTERFACE.md): a `cbec manybody` configuration (manybody_config.hpp:
/// [model] interaction = "hartree", profile, beta, pair_scaling; [[species]] particles, a, trap; [coupling]; its
/// [grid] points and box fix the grid of the Hartree minimiser and of the Bogoliubov basis) plus
///
///   [bogoliubov]  N = [...]          particle numbers (> 0; default: Σ particles) at the fractions c_s = N_s/Σ N_s:
///                                    w_N = N^{dβ} w(N^β ·) and the pair scaling at each N (any real N ≥ 2)
///                 modes = 64         M, excitation modes per species at the largest rung (≥ 4)
///                 rungs = 3          M, M/2, M/4 (Aitken needs 3; 1 … 8)
///                 tolerance = 1e-6   relative, on e_B: `converged` needs uncertainty ≤ tolerance·|e_B|
///                 excitations = 8    lowest excitation energies reported
///                 max_points         largest grid points per axis of the automatic grid (1D 4096, 2D 256, 3D 48)
///
/// Unknown keys anywhere are errors naming them (the manybody tables' own keys stay accepted: [basis], [solver]
/// and [sweep] are read by the manybody reader and unused here).
#include <cbec/config/config_table.hpp>
#include <cbec/config/manybody_config.hpp>

#include <optional>
#include <vector>

namespace cbec {

struct BogoliubovConfig {
  ManybodyConfig base;
  std::vector<double> N;          ///< empty: the base Σ particles only (scalar summary keys)
  int modes = 64;
  int rungs = 3;
  double tolerance = 1e-6;
  int excitations = 8;
  std::optional<int> max_points;
};

BogoliubovConfig readBogoliubovConfig(ConfigTable&& root);

}  // namespace cbec
