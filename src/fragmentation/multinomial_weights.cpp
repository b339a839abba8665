// Phase-averaged multinomial weights on the Dicke states (multinomial_weights.hpp).
#include <cbec/fragmentation/multinomial_weights.hpp>

#include <cbec/fragmentation/fock_basis.hpp>

#include <cmath>

namespace cbec {

std::vector<double> multinomialWeights(const std::vector<double>& n, int k) {
  const int levels = static_cast<int>(n.size());
  FockBasis basis(levels, k);
  std::vector<double> w;
  w.reserve(basis.dimension());
  Occupations a = basis.first();
  do {
    double logw = std::lgamma(k + 1.0);
    for (int j = 0; j < levels; ++j) logw += a[j] * std::log(n[j]) - std::lgamma(a[j] + 1.0);
    w.push_back(std::exp(logw));
  } while (basis.next(a));
  return w;
}

}  // namespace cbec
