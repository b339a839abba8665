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
/// Joint limit (joint_limit.hpp, options.joint): the points are N with d = N^{-γ}; at each the Hartree ground
/// state (pair w_N, applied with its analytic transform ŵ(k/N^β), convolution_term.hpp) is solved and, with
/// compare_gp, the GP ground state at the same couplings, plus E^H at the GP minimiser (E^H(u_GP) - E^GP: the
/// first-order gap, an upper bound on E^H - E^GP). The Hartree grid resolves ℓ_H, the variational estimate of the
/// Hartree minimiser's scale (HartreeScale, joint_limit.hpp: ℓ while ℓR ≪ 1 and ℓ⁴N^{-2β} ≪ ℓ^{-p}, smaller once the
/// range arrests the collapse), and holds the range: box = spread + K/min ℓ_H + range_box·R, R = N^{-β} (the periodic
/// images of w_N stay ≥ range_box·R away). When ℓ_H ≥ 0.9ℓ the GP state is solved on the same grid (at ℓ; E^H(u_GP)
/// is evaluated there), else on its own contact grid. A point whose boundary or high-mode check still fails after
/// three enlargements is reported with converged = false and a warning. And
/// with range_points > 0 the spacing is ≤ N^{-β}/range_points. Since ŵ_N is exact in Fourier space, a range below
/// the spacing needs no resolution of its own (the Hartree term of a resolved ρ is then exact: ŵ_N ≈ 1 on the
/// grid's band; tests/blowup/test_joint_limit.cpp checks that doubling the points changes E^H by < 1e-9), so
/// range_points defaults to 0. Every point's grid is checked before the first solve: a point that needs more than
/// max_points per direction is an InputError naming max_points.
///
/// @code
///   BlowupPath path(BlowupPath::Kind::Theorem1, Mixture::singleSpecies(2, 0.0, 2.0));
///   BlowupScanOptions o;  o.distances = {1e-1, 1e-2, 1e-3};
///   BlowupScan scan = runBlowupScan(path, o);
///   // scan.points[i].ratio → 1, scan.points[i].error_H1 → 0, scan.fitted_exponent ≈ 1/2
/// @endcode
#include <cbec/blowup/blowup_path.hpp>
#include <cbec/blowup/joint_bogoliubov.hpp>
#include <cbec/blowup/joint_limit.hpp>
#include <cbec/mpi/communicator.hpp>
#include <cbec/solver/ground_state.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace cbec {

struct BlowupScanOptions {
  std::vector<double> distances{1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6};
  SolverOptions solver;            ///< tolerance is scaled by max(1, ℓ) at each point
  double box_factor = 48.0;        ///< K: box = spread + K/min ℓ
  double points_per_length = 8.0;  ///< P: points per 1/max ℓ
  int max_points = 1536;           ///< per direction
  /// The joint limit at the Hartree level: the points are joint->N with d = N^{-γ} (distances unused).
  std::optional<JointLimit> joint;
  double range_box = 12.0;         ///< joint limit: box margin in units of the range N^{-β}
  double range_points = 0.0;       ///< joint limit: points per range N^{-β} (0: not required, see above)
  bool compare_gp = true;          ///< joint limit: also solve GP at the same couplings and grid
  /// joint limit: the Bogoliubov correction e_B around each Hartree minimiser (joint_bogoliubov.hpp) when
  /// bogoliubov.modes > 0 (config: the [bogoliubov] table of `cbec blowup`)
  JointBogoliubovOptions bogoliubov;
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
  double N = 0;                           ///< joint limit: the particle number (d = N^{-γ}); 0 otherwise
  std::vector<double> a;                  ///< intra couplings a_i at this point
  double a12 = 0;
  double energy = 0, predicted = 0, ratio = 0;
  std::vector<double> ell, ell_measured;  ///< predicted and measured (‖∇u_i‖) scales
  std::vector<double> error_L2, error_H1; ///< ‖ℓ^{-1}u_i(ℓ^{-1}·+z_i) - Q_0‖
  std::vector<double> density_error_L1;   ///< ‖|ũ_i|² - Q_0²‖_{L¹}
  /// commonProfile paths: ‖|ũ1|² - |ũ2|²‖₂ at the predicted ℓ, and its bound (M 4.6/4.21)
  /// (2E/(c1c2a12))^{1/2}/ℓ (contact only: the bound is the GP functional's); has_difference says whether set.
  bool has_difference = false;
  double density_difference = 0, density_difference_bound = 0;
  /// joint limit: range N^{-β} and, per species, the range in rescaled units ℓ_i N^{-β}
  double range = 0;
  std::vector<double> range_rescaled;
  /// joint limit with compare_gp: E^GP at the same couplings and grid, E^H evaluated at the GP minimiser
  bool gp_compared = false;
  double gp_energy = 0, gp_ratio = 0, hartree_gp_ratio = 0, hartree_at_gp = 0;
  double gp_residual = 0;
  bool gp_converged = false;
  std::vector<double> ell_hartree;        ///< joint limit: the scales the Hartree grid resolves (HartreeScale)
  bool has_bogoliubov = false;            ///< joint limit with bogoliubov.modes > 0: `bogoliubov` is set
  JointBogoliubovResult bogoliubov;       ///< e_B (N·E_N^Q = N·E^H + e_B + o(1)) around the Hartree minimiser
  bool grid_ok = true;                    ///< false: boundary / high-mode checks failed after the enlargements
  bool has_first_order = false;           ///< hartree_at_gp set (GP and Hartree on one grid: ℓN^{-β} < 1)
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
  /// commonProfile paths that are not symmetric: the slope of log ‖|ũ1|² - |ũ2|²‖₂ against log d (NaN when not
  /// fitted) and the exponent of the (M 4.6)/(M 4.21) bound (1/2), and the exponent of the linear response (1):
  /// in rescaled variables the forces that separate the components are ã1 - ã2 = O(d) and the trap terms
  /// ℓ^{-(p_i+2)} = O(d), against the O(1) stiffness c1c2a12 of ∫(ρ̃1 - ρ̃2)², so ρ̃1 - ρ̃2 = O(d).
  double difference_fitted_exponent = 0;
  double difference_bound_exponent = 0;
  double difference_linear_exponent = 0;
  bool difference_fitted = false;
  /// joint limit: β, γ, the theorems' window (sup of γ) and the Hartree crossover γ_H (joint_limit.hpp)
  bool joint = false;
  double beta = 0, gamma = 0, window = 0, crossover = 0;
  bool in_window = false;
  double fitted_exponent_N = 0;           ///< joint limit: e in E^H ≈ C N^{-e} (expected γ·expected_exponent)
  std::vector<double> direction;          ///< two-species theorem1 / direction paths: normalised (e1, e2, e12)
};

/// InputError before any solve unless every distance is valid for the path
/// (BlowupPath::requireDistance), none repeats, and there is at least one (with one, the point is computed
/// and the exponent is not fitted: BlowupScan::warnings says so).
void requireScanDistances(const BlowupPath& path, const std::vector<double>& distances);

/// Solves along the path (distances checked first with requireScanDistances, or the joint limit with
/// requireJointLimit; then every point's grid, InputError naming scan.max_points before any solve).
BlowupScan runBlowupScan(const BlowupPath& path, const BlowupScanOptions& options);

/// The exponent p of y ≈ C x^p as x → 0: fitPowerLaw (numerics/power_law_fit.hpp) over the (up to) `last`
/// points with the smallest x, taken in increasing x.
double asymptoticExponent(const std::vector<double>& x, const std::vector<double>& y, size_t last = 4);

}  // namespace cbec
