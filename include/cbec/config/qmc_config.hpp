#pragma once
/// @file qmc_config.hpp
/// The `cbec qmc` configuration (INTERFACE.md): a `cbec manybody` configuration plus [qmc].
///
///   [model]      dimension, interaction = "hartree" (required), profile, beta (≥ 0), pair_scaling ("N-1" | "N")
///   [[species]]  name, particles (N_s ≥ 1), a, trap = { power = p > 0 (|x − z|^p) or omega = [...], center }
///   [coupling]   a12
///   [qmc]        walkers (2000), target_error (1e-5: standard error of the energy per particle), seed (1),
///                time_steps ([0.02, 0.01]: runs extrapolated linearly to τ → 0; one entry: no extrapolation),
///                threads (1), max_steps (200000 measured steps per time step), equilibration_time (4),
///                forward_walkers (16; 0: no condensate fraction), forward_time (2), forward_every (50),
///                max_seconds (0 = none; when it binds the run is not reproducible and not converged),
///                population_correction_time (1.0: T_p τ of the population-control reweighting; 0 = off),
///                density_matrix_degree (2: γ_s in the basis u_s·P, deg P ≤ 2; 0–4), density_points (bins per
///                axis of the density histogram; default 64/32/16 in 1/2/3D; 0 = no density)
///   [trial]      jastrow ("none" | "gaussian": Ψ_T gains Π_{i<j} e^{J(|x_i − x_j|)}, J = A e^{−κr²},
///                diffusion_monte_carlo.hpp), jastrow_range (1.0: κ = (N^β/jastrow_range)²; > 0)
///   [grid]       points, box: grid of the Hartree trial state (default: box 16 ℓ, spacing ≤ min(1/8, range/4))
///   [basis], [solver], [sweep]: the `cbec manybody` tables, accepted and not used
#include <cbec/config/config_table.hpp>
#include <cbec/model/mixture.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cbec {

struct QmcConfig {
  Mixture mixture;
  std::vector<int> particles{};
  int walkers = 2000;
  double target_error = 1e-5;
  std::uint64_t seed = 1;
  std::vector<double> time_steps{0.02, 0.01};
  int threads = 1;
  long max_steps = 200000;
  double equilibration_time = 4.0;
  int forward_walkers = 16;
  double forward_time = 2.0;
  long forward_every = 50;
  double max_seconds = 0;
  double population_correction_time = 1.0;
  int density_matrix_degree = 2;            ///< γ_s in the modes u·P, deg P ≤ this (trial_modes.hpp)
  std::optional<int> density_points{};      ///< bins per axis of the density (default 64, 32, 16 in 1–3D; 0: none)
  std::string jastrow = "none";             ///< [trial] jastrow: "none" | "gaussian" (the pair factor)
  double jastrow_range = 1.0;               ///< [trial] jastrow_range: its range in units of N^{-β}
  std::optional<int> grid_points{};
  std::optional<double> grid_box{};
};

/// The whole file (root.finish() included: unknown tables or keys are errors naming them).
QmcConfig readQmcConfig(ConfigTable&& root);

}  // namespace cbec
