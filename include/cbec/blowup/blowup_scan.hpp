#pragma once
/// @file blowup_scan.hpp
/// A scan of ground states along a BlowupPath towards criticality, d = a_* - a_N → 0.
///
/// Concentration-aware discretisation: at distance d the predicted scales ℓ_i (blowup_path.hpp) fix
/// the grid — box = spread(z_i) + K/min ℓ_i centred between the blow-up points, spacing
/// h = 1/(P·max ℓ_i) — so that on the theorem 1–2 paths every grid is the previous one dilated about
/// the origin: the problem is solved in the rescaled variables ũ(x) = ℓ^{-1}u(x/ℓ + z) with the
/// same number of points at every d. The warm start dilates each component about its own blow-up
/// point, u_i ↦ s u_i(z_i + s(· - z_i)), s = ℓ_new/ℓ_old — exactly on the theorem 1–2 paths, then
/// interpolated for theorem 3 — so it already carries the soft dilation mode of the problem.
/// After each solve the boundary mass and the highest Fourier modes are checked; if either exceeds
/// its tolerance the box or the resolution is enlarged and the point solved again.
/// The residual tolerance is scaled with the concentration: tolerance · max(1, ℓ) (H ~ ℓ², but the
/// soft dilation mode needs the residual well below ℓ² · tolerance for 6 digits at d = 1e-6).
///
/// @code
///   BlowupPath path(BlowupPath::Kind::Theorem1, Mixture::singleSpecies(2, 0.0, 2.0));
///   BlowupScanOptions o;  o.distances = {1e-1, 1e-2, 1e-3};
///   BlowupScan scan = runBlowupScan(path, o);
///   // scan.points[i].ratio → 1, scan.points[i].error_H1 → 0, scan.fitted_exponent ≈ 1/2
/// @endcode
#include <cbec/blowup/blowup_path.hpp>
#include <cbec/mpi/communicator.hpp>
#include <cbec/solver/ground_state.hpp>

#include <functional>
#include <string>
#include <vector>

namespace cbec {

struct BlowupScanOptions {
  std::vector<double> distances{1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6};
  SolverOptions solver;            ///< tolerance is scaled by max(1, ℓ) at each point
  double box_factor = 48.0;        ///< K: box = spread + K/min ℓ
  double points_per_length = 8.0;  ///< P: points per 1/max ℓ
  int max_points = 1536;           ///< per direction
  double boundary_tolerance = 1e-9, spectral_tolerance = 1e-8;
  std::vector<double> cut_abscissae;   ///< rescaled x for the radial cuts (default 0..8)
  std::function<void(const std::string&)> log;   ///< one line per point (optional)
  bool progress = false;           ///< draw a cbec::Progress line over the points on stderr
  /// Ranks to split the points over (contiguous blocks of distances, each block warm-started along
  /// itself; the points gathered on every rank); null: this process alone.
  const mpi::Communicator* ranks = nullptr;
};

struct BlowupPoint {
  double distance = 0;
  std::vector<double> a;                  ///< intra couplings a_i at this point
  double a12 = 0;
  double energy = 0, predicted = 0, ratio = 0;
  std::vector<double> ell, ell_measured;  ///< predicted and measured (‖∇u_i‖) scales
  std::vector<double> error_L2, error_H1; ///< ‖ℓ^{-1}u_i(ℓ^{-1}·+z_i) - Q_0‖
  std::vector<std::vector<double>> peak;  ///< peak positions
  std::vector<std::vector<double>> cut;   ///< rescaled cuts ũ_i(x, 0) at cut_abscissae
  double residual = 0;
  long iterations = 0;
  bool converged = false;
  int grid_points = 0;
  double grid_box = 0, boundary = 0, high_modes = 0, wall_seconds = 0;
};

struct BlowupScan {
  std::string path;
  std::vector<BlowupPoint> points;        ///< in order of decreasing distance
  std::vector<double> cut_abscissae, Q0_cut;
  double fitted_exponent = 0;             ///< slope of log E against log d (asymptoticExponent); NaN for one distance
  std::vector<std::string> warnings;      ///< e.g. one distance: no fit
  double expected_exponent = 0;
  double limit_constant = 0;
};

/// InputError before any solve unless every distance is valid for the path
/// (BlowupPath::requireDistance), none repeats, and there is at least one (with one, the point is computed
/// and the exponent is not fitted: BlowupScan::warnings says so).
void requireScanDistances(const BlowupPath& path, const std::vector<double>& distances);

/// Solves along the path (distances checked first with requireScanDistances).
BlowupScan runBlowupScan(const BlowupPath& path, const BlowupScanOptions& options);

/// The exponent p of y ≈ C x^p as x → 0: fitPowerLaw (numerics/power_law_fit.hpp) over the (up to) `last`
/// points with the smallest x, taken in increasing x.
double asymptoticExponent(const std::vector<double>& x, const std::vector<double>& y, size_t last = 4);

}  // namespace cbec
