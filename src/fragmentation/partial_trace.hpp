#pragma once
// Private engine behind reducedDensityMatrix and doubleReducedDensityMatrix: the partial trace
// (F 1.2) of |Ψ⟩⟨Ψ| over the Fock space of one or two species, as a sum over an orthonormal basis
// (ξ_m) of what is traced out:
//
//   γ^(k)_{ab} = Σ_m B_a(m) conj(B_b(m)),   B_a(m) = ⟨m ⊗ |a⟩, Ψ⟩ = sqrt(Π_i C(m_i+a_i, a_i) / C(N, k)) Ψ(m + a)
//
// where m runs over the (N-k)-particle Fock basis, a over the k-particle one, and the square root is
// the normalisation that makes Σ_a A_a†A_a = C(N, k) for the normalised k-particle annihilators A_a.
// For two species the sum runs over pairs (m1, m2) and a = (a1, a2), with one such factor per species.
// The loop visits every traced-out state once, gathers the columns B(m) in blocks and accumulates
// γ += B B† with a rank update: no dense N-body matrix is formed.
#include <cbec/fragmentation/fock_basis.hpp>

#include <Eigen/Dense>

#include <vector>

namespace cbec::detail {

/// One species of a product Fock basis: its full basis and the number k of particles kept.
struct SpeciesTrace {
  const FockBasis* full;
  int kept;
};

/// γ over the product of the kept k_s-particle bases (pattern index p = p1·P2 + p2), for a state
/// indexed by i1·D2 + i2. Normalised to trace 1 (divided by ‖Ψ‖²).
template <class Scalar>
Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic> partialTrace(
    const std::vector<SpeciesTrace>& species, const Eigen::Matrix<Scalar, Eigen::Dynamic, 1>& psi);

}  // namespace cbec::detail
