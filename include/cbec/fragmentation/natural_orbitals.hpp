#pragma once
/// @file natural_orbitals.hpp
/// The spectral decomposition of a one-body reduced density matrix (F 1.6):
///
///   γ^(1) = Σ_j n_j |φ_j⟩⟨φ_j|,   1 ≥ n_0 ≥ n_1 ≥ … ≥ 0,   Σ_j n_j = 1,
///
/// natural orbitals φ_j (columns, coordinates over the M orbitals of the Fock basis) and occupation
/// numbers n_j. The condensate fraction is n_0 (simple BEC: n_0 → 1, (F 1.7, 1.9)); ℓ-level
/// fragmentation shows ℓ macroscopic n_j (F 1.8, 1.12).
///
/// @code
///   Eigen::MatrixXd g1 = Eigen::Vector2d(0.75, 0.25).asDiagonal();
///   auto no = cbec::naturalOrbitals(g1);   // no.occupations == (0.75, 0.25), no.condensateFraction() == 0.75
/// @endcode
#include <Eigen/Dense>

namespace cbec {

struct NaturalOrbitals {
  Eigen::VectorXd occupations;  ///< n_0 ≥ n_1 ≥ … (eigenvalues of γ^(1), descending)
  Eigen::MatrixXcd orbitals;    ///< column j is φ_j

  double condensateFraction() const { return occupations[0]; }
  Eigen::VectorXcd leading() const { return orbitals.col(0); }
};

/// Natural orbitals of a self-adjoint γ^(1) (Eigen's SelfAdjointEigenSolver). InputError if γ is
/// empty or not square.
NaturalOrbitals naturalOrbitals(const Eigen::MatrixXcd& gamma1);
NaturalOrbitals naturalOrbitals(const Eigen::MatrixXd& gamma1);

}  // namespace cbec
