#pragma once
/// @file coincident_centres.hpp
/// The case the mixture paper leaves open (M §2.2 after (2.11), §4.2): a12 < 0 fixed, z1 = z2 (one trap
/// centre), a_i ↗ a_* along the theorem-3 couplings a1 = a_* - d, a2 = a_* - d^{(p2+2)/(p1+2)}
/// (issue 22 item 4). Do the components stay together, separate symmetrically, or one stays centred?
///
/// At each d the ground state is sought from several starting guesses on one grid that follows the
/// concentration (box K/ℓ_g, spacing 1/(P ℓ_g), ℓ_g the measured scale max_i ‖∇u_i‖ carried along d and
/// re-chosen when the solution's scale leaves it by 25% or its top Fourier modes exceed 1e-8):
///   "together"        both Townes profiles at the centre (radial: PCG keeps the radial symmetry; the radial
///                     minimiser does not concentrate, so it is solved on a trap-scale grid, box 16, 256²);
///   "split k"         u1 at -k/(2ℓ) ê, u2 at +k/(2ℓ) ê (symmetric about the centre), k = 2, 4, 8;
///   "one-centred k"   u1 at the centre, u2 at k/ℓ ê, k = 4;
///   "continuation"    the previous d's lowest state, dilated by ℓ_new/ℓ_old.
/// Each result reports its energy, the peaks (sub-grid fit), the separation |x1 - x2| (also in units of 1/ℓ),
/// the scales ‖∇u_i‖, the overlap ∫ρ1ρ2 and E/(c1E1 + c2E2), with E_i the single-species energies on the
/// same grid (what the energy would be if the cross term were negligible, as in M Theorem 3).
#include <cbec/model/mixture.hpp>
#include <cbec/solver/ground_state.hpp>

#include <functional>
#include <string>
#include <vector>

namespace cbec {

struct CoincidentOptions {
  std::vector<double> distances{1e-1, 1e-2, 1e-3, 1e-4};
  std::vector<double> split_widths{2, 4, 8};   ///< k of the "split k" starts
  double one_centred_width = 4;                ///< k of the "one-centred k" start (≤ 0: none)
  SolverOptions solver;
  double box_factor = 64, points_per_length = 8;
  std::function<void(const std::string&)> log;
};

struct CoincidentStart {
  std::string start;
  double energy = 0, residual = 0;
  bool converged = false;
  long iterations = 0;
  std::vector<std::vector<double>> peak;
  std::vector<double> ell_measured;
  double separation = 0, separation_scaled = 0;   ///< |x1 - x2| and ℓ̄ |x1 - x2| (ℓ̄ = mean ‖∇u_i‖)
  double overlap = 0;                             ///< ∫ρ1ρ2
  double ratio = 0;                               ///< E / (c1E1 + c2E2)
};

struct CoincidentPoint {
  double distance = 0;
  std::vector<double> a, single_energy, predicted_ell;
  double predicted_single = 0;   ///< c1E1 + c2E2 from the one-species law (M 2.9 with exponent 1/(p+2))
  std::vector<CoincidentStart> starts;
  int lowest = 0;                ///< index of the lowest energy in starts
  int grid_points = 0;
  double grid_box = 0, seconds = 0;
};

struct CoincidentStudy {
  std::vector<CoincidentPoint> points;
  double a12 = 0;
  std::vector<std::string> warnings;
};

/// `base`: two species, contact, 2D, power traps with one centre, a12 < 0 (InputError otherwise); the
/// intra couplings of `base` are replaced along the path.
CoincidentStudy runCoincidentStudy(const Mixture& base, const CoincidentOptions& options);

}  // namespace cbec
