#pragma once
/// @file existence_window.hpp
/// The window of M Theorem 6 / MODEL.md §3 where `cbec` classifies an attractive mixture as "undetermined":
///   0 < a1, a2 < a_*,   √((a_*-a1)(a_*-a2)/(c1c2)) ≤ a12 ≤ (a_* - c1a1 - c2a2)/(2c1c2)      (issue 22 item 5).
/// For one (c1, a1, a2) and traps with one centre z, a12 is scanned across the window (continuation in a12)
/// and at each value the GP functional is minimised on a grid that follows the concentration: box
/// min(box_max, K/ℓ_g), spacing 1/(Pℓ_g), ℓ_g re-chosen from the measured scale max_i ‖∇u_i‖ whenever the
/// state leaves it (×1.25), checked every `chunk` PCG iterations; the box is enlarged (×1.25) while the boundary
/// amplitude exceeds 1e-9 of the peak and the resolution (×1.5) while the top Fourier modes exceed 1e-8.
///
/// Verdicts, from the scaling u_λ = λu(λ(x - z)) + z, under which (contact, traps |x - z|^{p_i})
///   E(u_λ) = λ² (K - P) + Σ_i λ^{-p_i} T_i      (K kinetic, P interaction, T_i trap energies, all weighted):
///  * "attained": a converged, resolved state at finite ℓ with E > 0; at a minimiser the virial identity
///    2(K - P) = Σ p_i T_i holds (reported as `virial`, relative), so K - P > 0;
///  * "unbounded": a state with K - P < 0 was reached, inside its box (boundary ≤ 1e-6 of the peak: no periodic
///    image adds to P) and resolved (top modes ≤ 1e-8), or (top modes ≤ 1e-2) with
///    K - P still < 0 when its trigonometric interpolant is evaluated on twice the points: then E(u_λ) → -∞, a proof that
///    inf E = -∞ for this a12 (the energy of u_λ at λ = 2, 4 is reported as the evidence), typically after
///    the descent has slid through several re-griddings with the scale growing and E falling;
///  * "unresolved": neither within max_regrids (reported, never silently classified).
/// The threshold a12_c is bracketed by the last "attained" and first "unbounded" values and refined by
/// bisection; near a12_c from below E ~ (a12_c - a12)^{p0/(p0+2)} (the balance λ²(K-P) against λ^{-p0}T, as on
/// the theorem-2 path), so E^{(p0+2)/p0} is linear in a12 and the root of the line through the two attained points
/// nearest the threshold is a second estimate.
#include <cbec/model/mixture.hpp>
#include <cbec/solver/ground_state.hpp>

#include <functional>
#include <string>
#include <vector>

namespace cbec {

struct WindowOptions {
  std::vector<double> a12;      ///< values scanned (increasing order is used); empty: `count` across the window
  int count = 12;               ///< points from the lower bound - 0.5 to the upper bound + 0.3
  int bisections = 4;           ///< refinements of the bracket [last attained, first unbounded]
  int max_regrids = 12;
  /// PCG iterations per chunk: after each chunk the state is checked (certificate, scale, resolution) and the
  /// grid re-chosen, so a collapsing descent is caught while it is still resolved.
  int chunk = 10;
  int max_chunks = 400;
  double max_scale = 400;       ///< ℓ_g beyond this: "unresolved"
  double box_max = 16, box_factor = 48, points_per_length = 8;
  int max_points = 1536;        ///< per direction; beyond: "unresolved"
  SolverOptions solver;
  std::function<void(const std::string&)> log;
};

struct WindowStep {   ///< one grid of the concentration-following minimisation
  double ell_grid = 0, ell_measured = 0, energy = 0, kinetic_minus_interaction = 0, high_modes = 0, boundary = 0;
  long iterations = 0;
  bool converged = false;
};

struct WindowPoint {
  double a12 = 0;
  std::string regime;    ///< classifyRegime: "exists", "undetermined" or "unbounded"
  std::string verdict;   ///< "attained" | "unbounded" | "unresolved"
  double energy = 0, ell = 0, virial = 0, kinetic_minus_interaction = 0, trap = 0;
  double refined_kinetic_minus_interaction = 0;   ///< K - P of the state on the 2× grid (NaN: not needed)
  std::vector<double> ell_species;
  std::vector<double> dilated_energy;   ///< E(u_λ) at λ = 2, 4 (the evidence of "unbounded")
  std::vector<WindowStep> steps;
  bool bisection = false;
  double seconds = 0;
};

struct WindowStudy {
  double lower = 0, upper = 0;      ///< the window's bounds (Theorem 6 (i) and (ii))
  double c1 = 0, a1 = 0, a2 = 0;
  std::vector<WindowPoint> points;  ///< in increasing a12 (bisection points included)
  double bracket_low = 0, bracket_high = 0;   ///< last attained, first unbounded (NaN if absent)
  double threshold_fit = 0;         ///< root of the line through E^{(p0+2)/p0} of the attained points nearest a12_c
  std::vector<std::string> warnings;
};

/// `base`: two species, 2D contact, power traps with one centre, 0 < a_i < a_*; a12 of `base` is ignored.
WindowStudy runWindowStudy(const Mixture& base, const WindowOptions& options);

}  // namespace cbec
