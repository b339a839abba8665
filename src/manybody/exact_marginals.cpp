// Exact few-mode dynamics and marginals (exact_marginals.hpp).
#include <cbec/manybody/exact_marginals.hpp>

#include <cbec/fragmentation/reduced_density_matrix.hpp>
#include <cbec/io/errors.hpp>
#include <cbec/manybody/complexified_operator.hpp>
#include <cbec/manybody/fock_hamiltonian.hpp>

#include <fmt/format.h>

#include <cmath>

namespace cbec {

Eigen::VectorXcd fragmentedFockState(const FockBasis& basis, const std::vector<std::int64_t>& populations) {
  if (static_cast<int>(populations.size()) > basis.orbitals())
    throw InputError("fragmented state: more populations than modes");
  Occupations n(basis.orbitals(), 0);
  for (std::size_t j = 0; j < populations.size(); ++j) n[j] = static_cast<int>(populations[j]);
  Eigen::VectorXcd v = Eigen::VectorXcd::Zero(basis.dimension());
  v[basis.index(n)] = 1.0;
  return v;
}

ExactMarginals exactMarginals(const FewModeModel& H, int N, const Eigen::VectorXcd& psi0, int k,
                              const std::vector<double>& times, KrylovOptions options,
                              const std::function<void(std::size_t, const Eigen::VectorXcd&)>& observe) {
  FockHamiltonian op(asModeHamiltonian(H, N));  // one species: index = FockBasis(M, N) index
  if (options.store_bytes > 0) op.assemble(options.store_bytes);   // Krylov applies it thousands of times
  const FockBasis basis(H.modes(), N);
  if (op.dimension() != basis.dimension()) throw NumericalError("exact dynamics: Fock sector is not the full basis");
  const ComplexifiedOperator Hc(op);
  const KrylovExponential prop(Hc, options);
  if (static_cast<std::size_t>(psi0.size()) != op.dimension())
    throw InputError(fmt::format("exact dynamics: initial state has {} coefficients, the Fock space {}",
                                 psi0.size(), op.dimension()));
  ExactMarginals out;
  out.dimension = op.dimension();
  Eigen::VectorXcd psi = psi0, Hpsi(psi0.size());
  double t = 0;
  for (std::size_t q = 0; q < times.size(); ++q) {
    if (!std::isfinite(times[q]) || times[q] < t) throw InputError("times: must be finite, non-negative and ascending");
    prop.propagate(psi, times[q] - t, out.krylov);
    t = times[q];
    Hc.apply(psi.data(), Hpsi.data());
    out.times.push_back(t);
    out.norm.push_back(psi.norm());
    out.energy.push_back(psi.dot(Hpsi).real() / N);
    out.gamma.push_back(reducedDensityMatrix(basis, psi, k));
    if (observe) observe(q, psi);
  }
  return out;
}

}  // namespace cbec
