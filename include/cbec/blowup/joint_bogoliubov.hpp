#pragma once
/// @file joint_bogoliubov.hpp
/// The Bogoliubov correction e_B at one point of a joint-limit path (issue 20 item 3; joint_limit.hpp): the
/// many-body level next to the Hartree one, N·E_N^Q = N·E_N^H + e_B + o(1) (docs/bogoliubov.md), around the Hartree
/// minimiser u of the blow-up scan at (N, d = N^{-γ}, w_N = N^{2β}w(N^β·)).
///
/// The kernel is solver/grid_bogoliubov.hpp (the one of `cbec bogoliubov`): excitation basis = lowest M eigenvectors
/// of H_s − μ_s ⊥ u_s, 𝔸 = diag(ε) + 𝒦, 𝔹 = 𝒦, e_B = ½Σe_k − ½Tr𝔸, Aitken over the rungs M/4, M/2, M. What is
/// specific to the path is the grid: the state lives on the scale 1/ℓ_H (ℓ_H the Hartree scale of the scan point),
/// so the Bogoliubov grid is centred like the scan's, with box = spread + K_B/min ℓ_H + range_box·N^{-β} and
/// `points` per direction (spacing K_B/(points·ℓ_H)); the scan's minimiser is transferred to it and re-solved
/// there (PCG, residual 1e-11·max(1, ℓ_H)), and everything is repeated on the grid of half the points (same box):
///
///   uncertainty = |e_∞ − e_B(M)| (mode cutoff, grid_bogoliubov.hpp) + |e_B(points) − e_B(points/2)|.
///
/// In rescaled units (x̃ = ℓx) every point of a path is the same problem up to the rescaled range ℓN^{-β} and the
/// O(d) trap, so the cost per point does not grow along the path; but the pairs of w_N reach momenta ~N^β, i.e.
/// rescaled energies (ℓN^{-β})^{-2}, which M modes reach only while ℓN^{-β} is not small. The missing ultraviolet
/// pairs are estimated at second order with free particles above the cutoff (docs/bogoliubov.md, "Growth with N"):
///
///   e_tail = −(1/8π) S ∫_{k_M}^∞ (dk/k) ŵ(k/N^β)²,   S = Σ_s ã_s² ∫ρ_s² + Σ_{s≠t} c_s c_t a_st² ∫ρ_sρ_t,
///
/// with k_M² = min_s (ε_M + μ_s) (ε = k² − μ for a free particle above the bound states; NaN when ε_M lies below the
/// continuum, −μ_s). e_tail is never added to e_B (the Aitken value of the kernel); e_B_corrected = e_B(M) + e_tail(M)
/// is a separate key, with |its change from M/2| as uncertainty (measured against QMC on the paths: the tail
/// overestimates the missing pairs by ≈ 30–60 % of itself where it dominates, docs/blowup.md); converged means every solve converged, 𝔸 ± 𝔹 > 0 on both grids and uncertainty ≤
/// tolerance·|e_B| (the truncated e_B itself is an upper bound on the converged one, since e_B(M) decreases in M).
#include <cbec/discretisation/grid.hpp>
#include <cbec/model/mixture.hpp>
#include <cbec/solver/ground_state.hpp>

#include <string>
#include <vector>

namespace cbec {

struct JointBogoliubovOptions {
  int modes = 0;              ///< M per species at the largest rung; 0: no Bogoliubov along the path
  int rungs = 3;              ///< M, M/2, M/4
  int points = 96;            ///< per direction on the Bogoliubov grid (even; the halved grid holds M + 2 points)
  double box_factor = 12.0;   ///< K_B: box = spread + K_B/min ℓ_H + range_box·N^{-β}
  double tolerance = 1e-3;    ///< converged needs uncertainty ≤ tolerance·|e_B|
  int excitations = 4;        ///< lowest e_k kept
};

struct JointBogoliubovResult {
  double e_B = 0;               ///< Aitken-extrapolated in M, fine grid
  double e_B_last = 0;          ///< largest rung, fine grid
  double e_B_coarse = 0;        ///< extrapolated, halved grid
  double uncertainty = 0;       ///< mode + grid (above)
  double mode_uncertainty = 0, grid_uncertainty = 0;
  double cutoff = 0;            ///< ε_M (largest ε kept, fine grid)
  double tail = 0;              ///< second-order estimate of the pairs above the cutoff (NaN: cutoff below −μ)
  /// e_B(M) + e_tail(M): the largest rung with the second-order tail above its cutoff, and |its change from M/2|
  /// (in 2D the mode sum converges like the logarithm of the cutoff, which Aitken's Δ² does not extrapolate:
  /// this is the estimate docs/blowup.md uses when the Aitken triple is not geometric)
  double e_B_corrected = 0, corrected_uncertainty = 0;
  std::vector<int> rung_modes;
  std::vector<double> rung_e_B, rung_cutoff, rung_tail;
  double hartree_energy = 0;    ///< E^H on the Bogoliubov grid (against the scan's: the box/resolution check)
  std::vector<double> mu, depletion, excitations;
  int points = 0;
  double box = 0;
  bool converged = false;
  std::string why;              ///< empty when converged
  double seconds = 0;
};

/// `u` is the converged Hartree minimiser of `m` on `from`; `centre`, `spread` (max |z_i − z_j|), `ell` (ℓ_H per
/// species) and `range_margin` (range_box·N^{-β}) fix the Bogoliubov grid (above). InputError when the halved grid
/// cannot hold M + 2 points or points is odd.
JointBogoliubovResult jointBogoliubov(const Mixture& m, const Grid& from, const State& u, const std::vector<double>& ell,
                                      double spread, double range_margin, const JointBogoliubovOptions& options,
                                      int threads = 1);

}  // namespace cbec
