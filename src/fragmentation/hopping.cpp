// The hopping operator a_i† a_j by index arithmetic (hopping.hpp).
#include <cbec/fragmentation/hopping.hpp>

#include <cbec/io/errors.hpp>

#include <fmt/format.h>

#include <cmath>
#include <complex>

namespace cbec {

namespace {

template <class Vector>
Vector hop(const FockBasis& basis, const Vector& psi, int i, int j) {
  const int M = basis.orbitals();
  if (i < 0 || i >= M || j < 0 || j >= M)
    throw InputError(fmt::format("applyHopping: orbitals ({}, {}) outside [0, {})", i, j, M));
  if (static_cast<std::size_t>(psi.size()) != basis.dimension())
    throw InputError(fmt::format("applyHopping: state has {} coefficients, the basis has {}", psi.size(),
                                 basis.dimension()));
  Vector out = Vector::Zero(psi.size());
  Occupations n = basis.first();
  std::vector<int> u(M + 1);
  std::size_t idx = 0;
  do {
    if (n[j] > 0) {
      const double amp = std::sqrt(double(n[j]) * (n[i] + (i == j ? 0 : 1)));
      // Suffix sums of n - e_j + e_i, ranked by the combinatorial number system.
      u[M] = 0;
      for (int r = M - 1; r >= 0; --r) u[r] = u[r + 1] + n[r] + (r == i) - (r == j);
      out[basis.indexFromSuffixSums(u.data())] += amp * psi[idx];
    }
    ++idx;
  } while (basis.next(n));
  return out;
}

}  // namespace

Eigen::VectorXd applyHopping(const FockBasis& basis, const Eigen::VectorXd& psi, int i, int j) {
  return hop(basis, psi, i, j);
}

Eigen::VectorXcd applyHopping(const FockBasis& basis, const Eigen::VectorXcd& psi, int i, int j) {
  return hop(basis, psi, i, j);
}

}  // namespace cbec
