#pragma once
/// @file few_mode_fock_operator.hpp
/// The many-body Hamiltonian of a FewModeModel on the N-particle Fock space, matrix-free:
///
///   H_N = Σ_ij h_ij a_i† a_j + (λ/2) Σ_{p,q} W_pq A_p† A_q,     λ = 1/N (F 3.5),
///
/// with unordered pairs p = (i ≤ j), A_p = a_j a_i, and W_pq = Σ V_{i'j'k'l'} over the distinct
/// orderings (i',j') of p and (k',l') of q (this regroups Σ_ijkl V_ijkl a_i†a_j†a_l a_k, as bosonic
/// pair operators commute). Rows are gathered: y_m = Σ_n ⟨m|H|n⟩ x_n with
///   ⟨m|a_i†a_j|m - e_i + e_j⟩ = sqrt(m_i (m_j - δ_ij + 1)),
///   ⟨m|A_p†A_q|n⟩ = sqrt(m_i (m_j - δ_ij)) · sqrt(n_k (n_l - δ_kl)),  n = m - e_i - e_j + e_k + e_l,
/// so row blocks are independent (thread-safe) and H is real symmetric. Cost per row: M² + P²
/// index evaluations (P = M(M+1)/2); memory: none beyond the basis.
///
/// (A one-species operator written for the rate study; the general operator of `cbec manybody`
/// implements the same LinearOperator interface.)
#include <cbec/fragmentation/fock_basis.hpp>
#include <cbec/manybody/linear_operator.hpp>
#include <cbec/manybody/few_mode_model.hpp>

namespace cbec {

class FewModeFockOperator final : public LinearOperator<double> {
 public:
  /// The operator on FockBasis(H.modes(), N) with pair coupling λ (default 1/N; N ≥ 1).
  FewModeFockOperator(const FewModeModel& H, int N, double lambda = -1);

  std::size_t dimension() const override { return basis_.dimension(); }
  void applyRows(const double* x, double* y, std::size_t begin, std::size_t end) const override;

  const FockBasis& basis() const { return basis_; }
  double coupling() const { return lambda_; }

 private:
  int M_;
  FockBasis basis_;
  double lambda_;
  Eigen::MatrixXd h_;
  std::vector<std::pair<int, int>> pairs_;
  Eigen::MatrixXd W_;
};

/// The coordinates of the condensate φ^{⊗N} (φ = Σ c_i φ_i, ‖c‖ = 1) over FockBasis(M, N):
/// sqrt(N!/Π n_i!) Π c_i^{n_i}, evaluated in logarithms (no overflow for N up to 10^6).
Eigen::VectorXcd condensateState(const FockBasis& basis, const Eigen::VectorXcd& c);

}  // namespace cbec
