// Orthonormal Hermite polynomials by their three-term recurrence (hermite_polynomials.hpp).
#include <cbec/numerics/hermite_polynomials.hpp>

#include <cmath>

namespace cbec {

void hermitePolynomials(int nmax, double xi, double* p) {
  p[0] = 1.0;
  if (nmax >= 1) p[1] = std::sqrt(2.0) * xi;
  for (int n = 1; n < nmax; ++n)
    p[n + 1] = std::sqrt(2.0 / (n + 1)) * xi * p[n] - std::sqrt(static_cast<double>(n) / (n + 1)) * p[n - 1];
}

}  // namespace cbec
