#pragma once
/// @file manybody.hpp
/// Driver of `cbec manybody`: finite-N ground states of one- or two-species mixtures (M 1.1, 1.6) in
/// oscillator modes (manybody/finite_n.hpp), with the policies of the command:
///  1. basis: the configured shells, or the automatic ladder n_max = 0, 1, 2, … until the total energy
///     changes by ≤ tolerance·|E| over two shells (same-parity step), the sector dimension would exceed
///     max_dimension, or n_max = max_shells; Aitken extrapolation of the last same-parity triple
///     E(n-4), E(n-2), E(n) (geometric convergence in n) with uncertainty |E_∞ - E(n)|;
///  2. the mean-field Hartree energy on a grid (solver/ground_state.hpp, public API only) for the same
///     mixture, the n_max → ∞ limit of the mode-space E^H;
///  3. the sweep over N at fixed β and sweep shells: E^H - E_N^Q against N with a least-squares fit
///     log(E^H - E^Q) = log C + p log N (M 3.17 bounds it by C N^{2β-1}) and e_B/N (bogoliubov.hpp);
///  4. outputs (RunOptions::out_dir): summary.json (INTERFACE.md keys first), ladder.csv, sweep.csv and,
///     with a sweep, the figure gap.png (python/plot_manybody.py).
/// `converged` is true only if every eigen-solve and Hartree iteration converged and, for the automatic
/// basis, the basis tolerance was met.
#include <cbec/config/manybody_config.hpp>
#include <cbec/drivers/session.hpp>
#include <cbec/io/output.hpp>
#include <cbec/manybody/finite_n.hpp>

#include <optional>
#include <string>
#include <vector>

namespace cbec::drivers {

struct ManybodySweepPoint {
  int N = 0;
  std::vector<int> particles;
  std::size_t dimension = 0;
  double energy = 0, hartree_energy = 0;   ///< E_N^Q, E^H (per particle, same modes)
  double difference = 0;                   ///< E^H - E_N^Q
  double e_B = 0;                          ///< Bogoliubov: E^H - E_N^Q ≈ -e_B/N
  double residual = 0;
};

struct ManybodyRun {
  std::vector<FiniteNResult> ladder;       ///< increasing shells; the last is the reported result
  double extrapolated_energy = 0, extrapolation_uncertainty = 0;   ///< per particle
  bool basis_converged = false;
  double scale = 1.0;                      ///< basis frequency / trap frequency of the ladder
  std::string limit;                       ///< what stopped an unconverged ladder (key and figures)
  bool converged = false;
  std::optional<double> grid_hartree_energy;
  bool grid_hartree_converged = false;
  std::vector<ManybodySweepPoint> sweep;
  double fitted_power = 0, fitted_constant = 0;   ///< E^H - E^Q ≈ C N^p (sweep)
  double wall_seconds = 0;
  std::vector<std::string> warnings;
  const FiniteNResult& result() const { return ladder.back(); }
};

ManybodyRun manybody(const ManybodyConfig& config, const RunOptions& run = {});
/// The summary.json object (INTERFACE.md keys first, then extras).
Json toJson(const ManybodyRun& run);


}  // namespace cbec::drivers
