// Matrix-free Fock-space Hamiltonian of a few-mode model (few_mode_fock_operator.hpp).
#include <cbec/manybody/few_mode_fock_operator.hpp>

#include <cbec/io/errors.hpp>
#include <cbec/model/pair_scaling.hpp>

#include <fmt/format.h>

#include <cmath>

namespace cbec {

FewModeFockOperator::FewModeFockOperator(const FewModeModel& H, int N, double lambda)
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

namespace {

/// index(n) without allocation: suffix sums on the stack (M ≤ 64).
std::size_t fastIndex(const FockBasis& basis, const Occupations& n) {
  int suffix[65];
  const int M = basis.orbitals();
  suffix[M] = 0;
  for (int i = M - 1; i >= 0; --i) suffix[i] = suffix[i + 1] + n[i];
  return basis.indexFromSuffixSums(suffix);
}

}  // namespace

void FewModeFockOperator::applyRows(const double* x, double* y, std::size_t begin, std::size_t end) const {
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
        acc += h_(i, j) * std::sqrt(double(m[i]) * n[j]) * x[fastIndex(basis_, n)];
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
        acc += 0.5 * lambda_ * W_(p, q) * ap * aq * x[fastIndex(basis_, n)];
      }
    }
    y[row] = acc;
    if (row + 1 < end) basis_.next(m);
  }
}

Eigen::VectorXcd condensateState(const FockBasis& basis, const Eigen::VectorXcd& c) {
  if (c.size() != basis.orbitals()) throw InputError("condensate state: orbital has the wrong number of modes");
  const int N = basis.particles();
  Eigen::VectorXcd v(basis.dimension());
  Occupations n = basis.first();
  std::size_t idx = 0;
  do {
    double logAmp = std::lgamma(N + 1.0);
    double phase = 0;
    bool zero = false;
    for (int i = 0; i < basis.orbitals(); ++i) {
      logAmp -= std::lgamma(n[i] + 1.0);
      if (n[i] == 0) continue;
      if (c[i] == 0.0) zero = true;
      else {
        logAmp += 2.0 * n[i] * std::log(std::abs(c[i]));
        phase += n[i] * std::arg(c[i]);
      }
    }
    v[idx++] = zero ? 0.0 : std::polar(std::exp(0.5 * logAmp), phase);
  } while (basis.next(n));
  return v;
}

}  // namespace cbec
