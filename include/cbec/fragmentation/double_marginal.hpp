#pragma once
/// @file double_marginal.hpp
/// Two-species bosonic states and their double reduced density matrices (M §2.1):
///
///   γ^(k,ℓ) = Tr_{k+1→N1} ⊗ Tr_{ℓ+1→N2} |Ψ⟩⟨Ψ|,   Tr γ^(k,ℓ) = 1,
///   γ^(k,ℓ)_{(a,b),(a',b')} = ⟨Ψ, A_{a'}† B_{b'}† B_b A_a Ψ⟩ / (C(N1, k) C(N2, ℓ)),
///
/// A_a, B_b the normalised k- and ℓ-particle annihilators of species 1 and 2 (see
/// reduced_density_matrix.hpp). The state lives on FockBasis(M1, N1) ⊗ FockBasis(M2, N2) with
/// index i1·D2 + i2; γ^(k,ℓ) lives on FockBasis(M1, k) ⊗ FockBasis(M2, ℓ) with index p1·P2 + p2.
/// k = 0 or ℓ = 0 gives the marginal of the other species alone.
///
/// @code
///   cbec::TwoSpeciesFockBasis basis{cbec::FockBasis(2, 3), cbec::FockBasis(2, 2)};
///   Eigen::VectorXd psi = Eigen::VectorXd::Zero(basis.dimension());
///   psi[basis.index(0, 0)] = 1;          // φ^{⊗3} ⊗ χ^{⊗2}: a product of two condensates
///   auto g11 = cbec::doubleReducedDensityMatrix(basis, psi, 1, 1);  // |φ ⊗ χ⟩⟨φ ⊗ χ|, 4 × 4
/// @endcode
#include <cbec/fragmentation/fock_basis.hpp>

#include <Eigen/Dense>

namespace cbec {

/// The product FockBasis(M1, N1) ⊗ FockBasis(M2, N2) of two distinguishable species.
struct TwoSpeciesFockBasis {
  FockBasis first, second;

  std::size_t dimension() const { return first.dimension() * second.dimension(); }
  std::size_t index(std::size_t i1, std::size_t i2) const { return i1 * second.dimension() + i2; }
};

/// γ^(k,ℓ) of a real or complex two-species state. InputError if k ∉ [0, N1], ℓ ∉ [0, N2], the
/// vector length is not basis.dimension(), or Ψ = 0.
Eigen::MatrixXd doubleReducedDensityMatrix(const TwoSpeciesFockBasis& basis, const Eigen::VectorXd& psi,
                                           int k, int l);
Eigen::MatrixXcd doubleReducedDensityMatrix(const TwoSpeciesFockBasis& basis, const Eigen::VectorXcd& psi,
                                            int k, int l);

}  // namespace cbec
