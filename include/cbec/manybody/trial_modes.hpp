#pragma once
/// @file trial_modes.hpp
/// The trial's mode basis in which `cbec qmc` reports the one-body density matrices γ^(1,0), γ^(0,1)
/// (docs/qmc.md): the orbital u_s times the monomials of degree ≤ D in the scaled displacement from its
/// centre, orthonormalised in L² (Gram–Schmidt in the order of the monomials, the constant first):
///
///   φ_a(x) = u(x) P_a(x),   P_a(x) = Σ_b C_ab m_b((x − c)/ℓ),   ∫ φ_a φ_b = δ_ab,   φ_0 = u,
///   c = ∫ u² x,   ℓ² = ∫ u² |x − c|² / d,   C = L^{-1} with S = L Lᵀ (Cholesky), S_bc = ∫ u² m_b m_c.
///
/// These are the low excitations of the condensate orbital (for a Gaussian u exactly the oscillator states
/// up to degree D), where the depletion of a trapped gas goes first. The point of the choice for the forward
/// walk: the estimator needs φ_a(x)/u(x) = P_a(x), a polynomial, with no ratio of tails.
#include <cbec/discretisation/field.hpp>
#include <cbec/discretisation/grid.hpp>

#include <Eigen/Dense>

#include <array>
#include <string>
#include <vector>

namespace cbec {

struct TrialModes {
  int dimension = 0, degree = 0;
  std::vector<std::array<int, 3>> powers;   ///< the monomials m_b, in Gram–Schmidt order
  std::vector<double> centre;               ///< c
  double length = 1;                        ///< ℓ
  Eigen::MatrixXd C;                        ///< rows: P_a in the monomials
  int size() const { return int(powers.size()); }
  /// P_a(x) for all a (K values).
  void polynomials(const double* x, double* P) const;
  /// "u·x^α·y^β…" labels of the modes' leading monomials.
  std::vector<std::string> labels() const;
};

/// The modes of the grid orbital u (normalised on the grid) up to degree D (0–4).
TrialModes trialModes(const Grid& grid, const Field& u, int degree);

}  // namespace cbec
