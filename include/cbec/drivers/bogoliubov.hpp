#pragma once
/// @file bogoliubov.hpp
/// Driver of `cbec bogoliubov`: the Bogoliubov correction e_B (N·E_N^Q = N·E^H + e_B + o(1)) around the grid
/// Hartree minimiser (solver/grid_bogoliubov.hpp), for the configured particle numbers or a sweep over N:
///  1. per N: the Mixture at N (fractions c_s, w_N = N^{dβ}w(N^β·), pair scaling at N); the grid: [grid] box or
///     16 trap lengths, [grid] points or the smallest power of two from 128 (1D) / 64 (2D) / 32 (3D) with spacing
///     ≤ range(w_N)/4 and a halved grid of at least M + 2 points, capped at bogoliubov.max_points (a warning names an unresolved w_N);
///  2. Hartree minimiser on that grid (PCG, tolerance 1e-11) and on the grid of half the points (same box);
///     the grid Bogoliubov with M modes per species on both;
///  3. e_B: the fine grid's Aitken-extrapolated value; uncertainty = its mode-cutoff uncertainty + |e_B(fine) −
///     e_B(coarse)| (grid halving); converged when every solve converged, 𝔸 ± 𝔹 > 0, and uncertainty ≤
///     max(tolerance·|e_B|, 16 ε M ε_cutoff) (the second: round-off of a sum over M modes up to the cutoff ε_cutoff;
///     without interaction e_B = 0) — otherwise false with a warning naming the cause;
///  4. extras: ∫ρ_sρ_t and, in 2D, the second-order ultraviolet slope d e_B/d ln N = −(β/8π)[Σ_s ã_s²∫ρ_s² +
///     Σ_{s≠t} c_s c_t a_st² ∫ρ_sρ_t] (docs/bogoliubov.md), set against the measured e_B(N);
///  5. outputs (RunOptions::out_dir): summary.json (INTERFACE.md keys; arrays over N with [bogoliubov] N),
///     sweep.csv.
#include <cbec/config/bogoliubov_config.hpp>
#include <cbec/drivers/session.hpp>
#include <cbec/io/output.hpp>

#include <string>
#include <vector>

namespace cbec::drivers {

struct BogoliubovPoint {
  double N = 0;
  double e_B = 0, uncertainty = 0;
  double e_B_last = 0;                   ///< at the largest mode rung, fine grid (before Aitken)
  double e_B_coarse = 0;                 ///< extrapolated, on the grid of half the points
  double hartree_energy = 0;             ///< E^H per particle (fine grid)
  std::vector<double> mu;
  std::vector<double> depletion;         ///< per species
  std::vector<double> excitations;       ///< lowest e_k
  std::vector<double> gap;               ///< lowest ε per species
  std::vector<int> rung_modes;
  std::vector<double> rung_e_B, rung_cutoff;
  std::vector<double> density_overlaps;  ///< ∫ρ_sρ_t, row-major S×S
  double log_slope = 0;                  ///< 2D: the second-order UV prediction of d e_B / d ln N (NaN otherwise)
  int points = 0;
  double box = 0, range = 0;
  bool converged = false;
  double seconds = 0;
};

struct BogoliubovRun {
  std::vector<BogoliubovPoint> points;
  bool sweep = false;                    ///< [bogoliubov] N given: summary keys are arrays
  int modes = 0, rungs = 0;
  bool converged = false;
  double wall_seconds = 0;
  std::vector<std::string> warnings;
};

BogoliubovRun bogoliubov(const BogoliubovConfig& config, const RunOptions& run = {});
/// The summary.json object (INTERFACE.md keys first, then extras).
Json toJson(const BogoliubovRun& run);

}  // namespace cbec::drivers
