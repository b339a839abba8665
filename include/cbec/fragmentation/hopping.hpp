#pragma once
/// @file hopping.hpp
/// The hopping operator a_i† a_j on a Fock-space vector, by index arithmetic (no matrices):
///
///   a_i† a_j |n⟩ = sqrt(n_j (n_i + 1 - δ_ij)) |n - e_j + e_i⟩,
///
/// so that ⟨Ψ, a_i† a_j Ψ⟩ = N γ^(1)_{ji} (reduced_density_matrix.hpp) and one-body Hamiltonians
/// Σ h_ij a_i† a_j can be applied to states of 10^7 coefficients in one pass each.
///
/// @code
///   cbec::FockBasis basis(2, 2);                    // |2,0⟩, |1,1⟩, |0,2⟩
///   Eigen::VectorXd psi = Eigen::VectorXd::Unit(3, 0);
///   auto out = cbec::applyHopping(basis, psi, 1, 0);  // √2 |1,1⟩
/// @endcode
#include <cbec/fragmentation/fock_basis.hpp>

#include <Eigen/Dense>

namespace cbec {

/// a_i† a_j Ψ. InputError if i, j are not orbitals of the basis or the length is wrong.
Eigen::VectorXd applyHopping(const FockBasis& basis, const Eigen::VectorXd& psi, int i, int j);
Eigen::VectorXcd applyHopping(const FockBasis& basis, const Eigen::VectorXcd& psi, int i, int j);

}  // namespace cbec
