#pragma once
/// @file cross_term.hpp
/// The exponentially small cross term of M Theorem 3 (a12 < 0, z1 ≠ z2, a_i ↗ a_*; issue 22 item 3):
///
///   Δ = E^GP - c1 E1^GP - c2 E2^GP ≥ 0,     Δ ≤ C e^{-δ₀ (a_* - a_i)^{-1/(p_i+2)}}      (M 4.33, (2.11)).
///
/// Δ is far below the round-off of the three O(1) energies, so it is computed from small quantities.
/// Write F = c1 E1(u1) + c2 E2(u2) + c1c2|a12| ∫ρ1ρ2 and expand about the single-species minimisers
/// u_i* (radial_tail.hpp): with u1 = u1* + v1 (v1 ⊥ u1*), the second variation of E1 on the sphere is
/// ⟨v, (-Δ + V1 - μ1 - 3a1 u1*²) v⟩, so the species-1 part of F - F* is
///   c1 [⟨v1, (L1 + W1) v1⟩ + 2⟨W1 u1*, v1⟩],   W1 = c2|a12| ρ2*,
/// minimised by v1 = -(L1 + W1)^{-1} W1 u1*. Hence
///
///   Δ = c1c2|a12| I - c1 R1 - c2 R2 + O(e^{-4κD}),   I = ∫ρ1*ρ2*,   R_i = ⟨g_i, (L_i + W_i)^{-1} g_i⟩,
///   g_1 = W1 u1*  (W2 = c1|a12|ρ1*, g_2 = W2 u2*),
///
/// (κ = √(-μ) ≈ ℓ, D = |z1 - z2|). g_1 lives near z2, where u1* ~ e^{-κD} is tiny but W1 ~ κ² is not: the
/// relaxation R is of the same exponential order as I (a fixed fraction ~ (κD)^{-1/2} of it, since I
/// collects its mass along the whole segment z1z2 and R only near the ends). Neglected: the coupling of v1 and
/// v2 (relative order e^{-2κD}) and the third order of the expansion (the soft-mode part of R, below, is second
/// order in I; its own next order is ~ (κ⁴ I)² relative, 3e-3 at κD = 6).
///  * I: elliptic coordinates with foci z1, z2 (r1 + r2 = D cosh σ, r1 - r2 = D cos τ,
///    dA = (D²/4)(sinh²σ + sin²τ) dσ dτ), composite Gauss–Legendre on panels of width ∝ (κD)^{-1/2}, the
///    integrand exp(2w1(r1) + 2w2(r2) + log J) scaled by its largest value (no underflow to e^{-700}).
///  * R_i: g_i / u_i*(z_j) is O(1) (from the log profiles); (L_i + W_i) v = g̃ on u_i*^⊥ is solved by projected
///    PCG, preconditioner (-μ_i + D^{p_i} - Δ)^{-1}; R_i = u_i*(z_j)² ⟨g̃, v⟩. Up to κD = full_below on a grid over
///    both centres with the whole L_i: its soft modes (translation and dilation of u_i*, eigenvalues ~ 1/κ²) add
///    a relaxation ~ κ⁴I² (second order in I, but 4% of Δ at κD = 6); beyond, where that is < 1e-10 of Δ, on a
///    box K/κ_j around z_j with L_i ≈ -Δ + V_i - μ_i (neglected: 3a_i u_i*² and u_i*^⊥, e^{-2κD} relative).
/// The check: the same Δ as the energy difference of three grid solves on one grid where Δ ≫ 1e-12.
#include <cbec/blowup/blowup_path.hpp>
#include <cbec/blowup/radial_tail.hpp>
#include <cbec/solver/ground_state.hpp>

#include <functional>
#include <string>
#include <vector>

namespace cbec {

struct OverlapIntegral {
  double value = 0;       ///< I = ∫ e^{2w1(|x-z1|)} e^{2w2(|x-z2|)} dx
  double log_value = 0;   ///< log I (finite where I underflows)
  double quadrature_error = 0;   ///< relative: 16- against 12-point panels
};

/// I = ∫ρ1ρ2 for radial profiles centred a distance D apart (profiles must reach r = D + 15/min κ).
OverlapIntegral overlapIntegral(const RadialLogProfile& u1, const RadialLogProfile& u2, double D);

struct RelaxationOptions {
  /// κD at or below which the full operator is used (grid over both centres, the -3a u*² term and the
  /// projection on u*^⊥: the soft global modes, translation and dilation of u*, with eigenvalues ~ 1/κ², add
  /// a relaxation ~ κ⁴ I², 4% of Δ at κD = 6 and below 1e-10 of it beyond κD ≈ 16); above it the local box.
  double full_below = 16;
  int max_iterations = 5000;
  double box_factor = 48;         ///< local box = K / κ_partner; full box = D + K / min κ
  double points_per_length = 8;   ///< spacing 1/(P max κ)
  double tolerance = 1e-10;       ///< PCG: ‖residual‖ ≤ tolerance ‖g̃‖ (R converges like its square)
  int threads = 1;
};

struct Relaxation {
  double value = 0, log_value = 0;   ///< R_i and log R_i
  int iterations = 0, points = 0;
  double residual = 0;
  bool full = false;   ///< the full operator on a grid over both centres (else the local box)
};

/// R_i = ⟨W u*, (L + W)^{-1} W u*⟩ for species `self` (profile, trap power p, coupling a, centre z_self)
/// in the field W = weight·ρ_partner (weight = c_partner |a12|) of the partner centred at z_partner.
Relaxation relaxationEnergy(const RadialLogProfile& self, double p, double a, const std::vector<double>& z_self,
                            const RadialLogProfile& partner, const std::vector<double>& z_partner, double weight,
                            const RelaxationOptions& options = {});

struct CrossTermOptions {
  std::vector<double> distances{1e-1, 3e-2, 1e-2, 3e-3, 1e-3, 1e-4, 1e-5, 1e-6};   ///< d along the path
  /// Trap-centre separations |z1 - z2| at the fixed distance `separation_distance` (empty: none).
  std::vector<double> separations;
  double separation_distance = 1e-4;
  /// The energy difference E - c1E1 - c2E2 of three grid solves is computed where c1c2|a12| I exceeds this
  /// (its round-off is ~1e-13 absolute: 1e-9 keeps four digits).
  double compare_above = 1e-9;
  SolverOptions solver;
  double box_factor = 48, points_per_length = 8;   ///< single-species grids (rescaled: the same at every d)
  RelaxationOptions relaxation;
  RadialTailOptions tail;
  std::function<void(const std::string&)> log;
};

struct CrossTermPoint {
  double distance = 0, separation = 0;
  std::vector<double> a, mu, kappa, ell, single_energy, tail_mismatch;
  double overlap = 0, log_overlap = 0, quadrature_error = 0;
  std::vector<double> relaxation, log_relaxation;
  bool relaxation_full = false;     ///< R from the full operator (κD ≤ full_below), else the local box
  std::vector<int> relaxation_iterations;
  double first_order = 0, log_first_order = 0;   ///< c1c2|a12| I
  double direct = 0, log_direct = 0;             ///< Δ = c1c2|a12| I - c1R1 - c2R2 (NaN if expansion ≥ 1)
  double expansion = 0;                          ///< (c1R1 + c2R2)/(c1c2|a12|I): > 0.1 warned (κD too small)
  double energy_difference = 0;                  ///< E - c1E1 - c2E2 of three grid solves (NaN: not computed)
  double coupled_energy = 0;
  int coupled_points = 0;
  double seconds = 0;
};

struct ExponentialFit {
  double rate = 0, power = 0, log_prefactor = 0;   ///< log y ≈ log_prefactor + power log x - rate x
  double max_residual = 0;                         ///< max |fit - log y| over the points used
  int points = 0;
};

struct CrossTermStudy {
  std::vector<CrossTermPoint> path, separation_scan;
  double separation = 0, a12 = 0;
  std::vector<double> fractions, powers;
  double Lambda = 0;             ///< Λ_1 (M 2.3 form, exponent 1/(p+2))
  ExponentialFit path_fit;       ///< Δ against ℓ_1 = Λ_1 d^{-1/(p1+2)} at fixed D (points with κD ≥ 6)
  ExponentialFit separation_fit; ///< Δ against D at fixed d (points with expansion < 0.1)
  std::vector<double> local_rate;   ///< -Δlog Δ/Δℓ between consecutive path points, divided by D
  std::vector<std::string> warnings;
};

/// log y ≈ A + k log x - s x by least squares over the points (x_i, log_y_i).
ExponentialFit fitExponentialDecay(const std::vector<double>& x, const std::vector<double>& log_y);

/// Solves the single-species problems along the theorem-3 path, computes Δ (direct formula) at every point
/// and the separation scan, and the energy difference where it is resolvable. `path` must be a theorem-3 path.
CrossTermStudy runCrossTermStudy(const BlowupPath& path, const Mixture& base, const CrossTermOptions& options);

}  // namespace cbec
