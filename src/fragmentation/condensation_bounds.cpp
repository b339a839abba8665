// Condensation diagnostics and the inequalities (F 1.10–1.11) (condensation_bounds.hpp).
#include <cbec/fragmentation/condensation_bounds.hpp>

#include <cbec/fragmentation/natural_orbitals.hpp>
#include <cbec/fragmentation/reduced_density_matrix.hpp>
#include <cbec/fragmentation/trace_norm.hpp>
#include <cbec/io/errors.hpp>

#include <fmt/format.h>

#include <cmath>

namespace cbec {

Eigen::VectorXcd symmetricPower(const Eigen::VectorXcd& phi, int k) {
  const int M = static_cast<int>(phi.size());
  FockBasis kBasis(M, k);
  Eigen::VectorXcd v(kBasis.dimension());
  Occupations a = kBasis.first();
  std::size_t p = 0;
  do {
    double logMultinomial = std::lgamma(k + 1.0);
    std::complex<double> prod = 1;
    for (int i = 0; i < M; ++i) {
      logMultinomial -= std::lgamma(a[i] + 1.0);
      for (int t = 0; t < a[i]; ++t) prod *= phi[i];
    }
    v[p++] = std::exp(0.5 * logMultinomial) * prod;
  } while (kBasis.next(a));
  return v;
}

double CondensationBounds::traceUpperBound() const { return 2 * std::sqrt(std::max(0.0, oneBodyDepletion)); }

bool CondensationBounds::holds(double tol) const {
  return oneBodyDepletion <= oneBodyTraceDistance + tol && oneBodyTraceDistance <= traceUpperBound() + tol &&
         oneBodyDepletion <= kBodyDepletion + tol && kBodyDepletion <= kBodyUpperBound() + tol;
}

CondensationBounds condensationBounds(const Eigen::MatrixXcd& gamma1, const Eigen::MatrixXcd& gammak,
                                      const Eigen::VectorXcd& phi, int k) {
  if (gamma1.rows() != phi.size() || gamma1.cols() != phi.size())
    throw InputError(fmt::format("condensationBounds: gamma1 is {}x{}, phi has {} entries", gamma1.rows(),
                                 gamma1.cols(), phi.size()));
  if (std::abs(phi.norm() - 1) > 1e-10) throw InputError("condensationBounds: phi must be a unit vector");
  const Eigen::VectorXcd v = symmetricPower(phi, k);
  if (gammak.rows() != v.size() || gammak.cols() != v.size())
    throw InputError(fmt::format("condensationBounds: gamma^(k) must be {0}x{0} for k = {1}", v.size(), k));
  CondensationBounds b;
  b.k = k;
  b.oneBodyDepletion = 1 - phi.dot(gamma1 * phi).real();
  b.oneBodyTraceDistance = traceDistance(gamma1, phi * phi.adjoint());
  b.kBodyDepletion = 1 - v.dot(gammak * v).real();
  b.kBodyTraceDistance = traceDistance(gammak, v * v.adjoint());
  return b;
}

CondensationBounds condensationBounds(const FockBasis& basis, const Eigen::VectorXcd& psi, int k) {
  const Eigen::MatrixXcd g1 = reducedDensityMatrix(basis, psi, 1);
  const Eigen::MatrixXcd gk = reducedDensityMatrix(basis, psi, k);
  return condensationBounds(g1, gk, naturalOrbitals(g1).leading(), k);
}

}  // namespace cbec
