#pragma once
/// @file reduced_density_matrix.hpp
/// The k-body reduced density matrix (k-marginal) of a bosonic state given by its coefficients
/// Ψ(n) over a FockBasis of M orbitals and N particles (F 1.1–1.5):
///
///   γ^(k) = Tr_[N-k] |Ψ⟩⟨Ψ|,   Tr γ^(k) = 1,
///   γ^(k)_{ab} = ⟨Ψ, A_b† A_a Ψ⟩ / C(N, k)
///
/// in the occupation (Dicke) basis |a⟩ = φ^{⊗a_0} ∨ … ∨ φ_{M-1}^{⊗a_{M-1}} of the symmetric
/// k-particle space, i.e. FockBasis(M, k) in its own order, where A_a = Π_i a_i^{a_i} / sqrt(Π_i a_i!)
/// annihilates the normalised k-particle state |a⟩. Special cases:
///   k = 1: γ^(1)_{ij} = ⟨a_j† a_i⟩ / N, an M × M matrix;
///   k = 2: the pair basis |ii⟩ = φ_i ⊗ φ_i, |ij⟩ = (φ_i⊗φ_j + φ_j⊗φ_i)/√2 (i < j), ordered as
///          FockBasis(M, 2): γ^(2)_{(ij),(kl)} = 2⟨A_{kl}† A_{ij}⟩ / (N(N-1)), A_{ij} = a_i a_j, A_{ii} = a_i²/√2.
///
/// Computed as the partial trace (F 1.2) itself: one loop over the orthonormal basis (ξ_m) of the
/// (N-k)-particle space, Σ_m ⟨m ⊗ a|Ψ⟩ conj⟨m ⊗ b|Ψ⟩, with the index of m + a from the
/// combinatorial number system and a blocked rank update; cost ≈ dim(N-k) · dim(k)² / 2 flops,
/// memory O(dim(k)²). A nonzero Ψ is normalised on the fly (γ is divided by ‖Ψ‖²).
///
/// @code
///   cbec::FockBasis basis(2, 4);                   // |4,0⟩, |3,1⟩, |2,2⟩, |1,3⟩, |0,4⟩
///   Eigen::VectorXd psi = Eigen::VectorXd::Unit(5, 1);  // φ1^{⊗3} ∨ φ2 (F 2.4, N1 = 3, N2 = 1)
///   auto g1 = cbec::reducedDensityMatrix(basis, psi, 1);  // diag(3/4, 1/4)            (F 2.11)
///   auto g2 = cbec::reducedDensityMatrix(basis, psi, 2);  // diag(1/2, 1/2, 0)          (F 2.8)
/// @endcode
#include <cbec/fragmentation/fock_basis.hpp>

#include <Eigen/Dense>

namespace cbec {

/// γ^(k) of a real state, over FockBasis(M, k). InputError if k ∉ [0, N], the vector length is not
/// basis.dimension(), or Ψ = 0.
Eigen::MatrixXd reducedDensityMatrix(const FockBasis& basis, const Eigen::VectorXd& psi, int k);
/// γ^(k) of a complex state, over FockBasis(M, k).
Eigen::MatrixXcd reducedDensityMatrix(const FockBasis& basis, const Eigen::VectorXcd& psi, int k);

}  // namespace cbec
