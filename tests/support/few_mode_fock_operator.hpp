#pragma once
/// @file few_mode_fock_operator.hpp (tests/support)
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
/// A test oracle: the one-species operator written first for the rate study, kept (independently written)
/// to check the one Fock operator of the library, FockHamiltonian (fock_hamiltonian.hpp).
#include <cbec/fragmentation/condensate_state.hpp>
#include <cbec/fragmentation/fock_basis.hpp>
#include <cbec/io/errors.hpp>
#include <cbec/manybody/few_mode_model.hpp>
#include <cbec/manybody/linear_operator.hpp>
#include <cbec/model/pair_scaling.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

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

inline FewModeFockOperator::FewModeFockOperator(const FewModeModel& H, int N, double lambda)
    : M_(H.modes()), basis_(H.modes(), N), lambda_(lambda < 0 ? intraPairFactor(PairScaling::N, std::max(N, 1), std::max(N, 1)) : lambda), h_(H.oneBody()) {
  if (N < 1) throw InputError(fmt::format("Fock operator: N must be at least 1, got {}", N));
  if (M_ > 64) throw InputError(fmt::format("Fock operator: at most 64 modes, got {}", M_));
  for (int i = 0; i < M_; ++i)
    for (int j = i; j < M_; ++j) pairs_.emplace_back(i, j);
  const int P = static_cast<int>(pairs_.size());
  W_.setZero(P, P);
  for (int p = 0; p < P; ++p)
    for (int q = 0; q < P; ++q) {
      const auto [i, j] = pairs_[p];
      const auto [k, l] = pairs_[q];
      double w = H.V(i, j, k, l);
      if (i != j) w += H.V(j, i, k, l);
      if (k != l) w += H.V(i, j, l, k);
      if (i != j && k != l) w += H.V(j, i, l, k);
      W_(p, q) = w;
    }
}

/// index(n) without allocation: suffix sums on the stack (M ≤ 64).
inline std::size_t fewModeOracleIndex(const FockBasis& basis, const Occupations& n) {
  int suffix[65];
  const int M = basis.orbitals();
  suffix[M] = 0;
  for (int i = M - 1; i >= 0; --i) suffix[i] = suffix[i + 1] + n[i];
  return basis.indexFromSuffixSums(suffix);
}

inline void FewModeFockOperator::applyRows(const double* x, double* y, std::size_t begin, std::size_t end) const {
  const int P = static_cast<int>(pairs_.size());
  Occupations m = basis_.occupations(begin), n(M_);
  std::vector<double> amp(P);
  for (std::size_t row = begin; row < end; ++row) {
    double acc = 0;
    for (int i = 0; i < M_; ++i) {  // one-body: n = m - e_i + e_j
      if (m[i] == 0) continue;
      for (int j = 0; j < M_; ++j) {
        if (h_(i, j) == 0.0) continue;
        n = m;
        --n[i];
        ++n[j];
        acc += h_(i, j) * std::sqrt(double(m[i]) * n[j]) * x[fewModeOracleIndex(basis_, n)];
      }
    }
    for (int p = 0; p < P; ++p) {  // two-body: r = m - e_i - e_j, n = r + e_k + e_l
      const auto [i, j] = pairs_[p];
      const int mj = m[j] - (i == j);
      if (m[i] == 0 || mj <= 0) continue;
      const double ap = std::sqrt(double(m[i]) * mj);
      for (int q = 0; q < P; ++q) {
        if (W_(p, q) == 0.0) continue;
        const auto [k, l] = pairs_[q];
        n = m;
        --n[i];
        --n[j];
        ++n[k];
        ++n[l];
        const double aq = std::sqrt(double(n[k]) * (n[l] - (k == l)));
        acc += 0.5 * lambda_ * W_(p, q) * ap * aq * x[fewModeOracleIndex(basis_, n)];
      }
    }
    y[row] = acc;
    if (row + 1 < end) basis_.next(m);
  }
}

}  // namespace cbec
