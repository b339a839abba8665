// Phase-averaged Hartree marginals γ_∞^(k)(t) (mean_field_marginal.hpp).
#include <cbec/manybody/mean_field_marginal.hpp>

#include <cbec/fragmentation/condensation_bounds.hpp>
#include <cbec/fragmentation/fock_basis.hpp>
#include <cbec/fragmentation/trace_norm.hpp>
#include <cbec/io/errors.hpp>
#include <cbec/manybody/mode_hartree_flow.hpp>

#include <fmt/format.h>

#include <cmath>

namespace cbec {

MeanFieldMarginals phaseAveragedMarginals(const FewModeModel& H, const std::vector<Eigen::VectorXcd>& orbitals,
                                          const std::vector<double>& fractions, int k,
                                          const std::vector<double>& times, int phases, double tol) {
  const int L = static_cast<int>(orbitals.size());
  if (L < 1 || static_cast<int>(fractions.size()) != L)
    throw InputError("mean-field marginal: one fraction per orbital, at least one orbital");
  if (phases < 2 || phases % 2) throw InputError(fmt::format("mean-field marginal: phases must be even, got {}", phases));
  double sum = 0;
  for (double n : fractions) {
    if (!(std::isfinite(n) && n > 0)) throw InputError("mean-field marginal: fractions must be positive");
    sum += n;
  }
  if (std::abs(sum - 1) > 1e-12) throw InputError("mean-field marginal: fractions must sum to 1");
  const std::size_t dk = FockBasis(H.modes(), k).dimension();
  const std::size_t T = times.size();
  std::vector<Eigen::MatrixXcd> full(T, Eigen::MatrixXcd::Zero(dk, dk)), half = full;
  const int P = L == 1 ? 1 : phases;
  std::size_t points = 1;
  for (int j = 1; j < L; ++j) points *= P;
  std::size_t halfPoints = 0;
  for (std::size_t q = 0; q < points; ++q) {
    Eigen::VectorXcd c0 = std::sqrt(fractions[0]) * orbitals[0];
    bool even = true;
    std::size_t r = q;
    for (int j = 1; j < L; ++j) {
      const int digit = static_cast<int>(r % P);
      r /= P;
      even = even && digit % 2 == 0;
      c0 += std::sqrt(fractions[j]) * std::polar(1.0, -2 * M_PI * digit / P) * orbitals[j];
    }
    const auto cs = hartreeOrbitals(H, c0, times, 1.0, tol);
    if (even) ++halfPoints;
    for (std::size_t t = 0; t < T; ++t) {
      const Eigen::VectorXcd v = symmetricPower(cs[t], k);
      const Eigen::MatrixXcd proj = v * v.adjoint();
      full[t] += proj;
      if (even) half[t] += proj;
    }
  }
  MeanFieldMarginals out;
  out.times = times;
  for (std::size_t t = 0; t < T; ++t) {
    full[t] /= double(points);
    half[t] /= double(halfPoints);
    out.gamma.push_back(full[t]);
    out.quadratureError.push_back(L == 1 ? 0.0 : traceNorm(Eigen::MatrixXcd(full[t] - half[t])));
  }
  return out;
}

}  // namespace cbec
