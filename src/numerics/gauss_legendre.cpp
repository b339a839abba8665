// Gauss–Legendre nodes and weights by Newton's method on P_n (gauss_legendre.hpp).
#include <cbec/numerics/gauss_legendre.hpp>

#include <cmath>
#include <numbers>

namespace cbec {

void gaussLegendre(int n, double a, double b, std::vector<double>& x, std::vector<double>& w) {
  x.resize(n);
  w.resize(n);
  for (int i = 0; i < n; ++i) {
    double z = std::cos(std::numbers::pi * (i + 0.75) / (n + 0.5)), dp = 0;
    for (int it = 0; it < 100; ++it) {
      double p0 = 1, p1 = z;   // P_{k-1}, P_k
      for (int k = 2; k <= n; ++k) {
        const double p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      dp = n * (z * p1 - p0) / (z * z - 1);
      const double dz = p1 / dp;
      z -= dz;
      if (std::abs(dz) < 1e-16) break;
    }
    x[i] = 0.5 * (a + b) + 0.5 * (b - a) * z;
    w[i] = (b - a) / ((1 - z * z) * dp * dp);
  }
}

}  // namespace cbec
