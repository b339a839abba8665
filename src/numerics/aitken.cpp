// Aitken's Δ² extrapolation (aitken.hpp).
#include <cbec/numerics/aitken.hpp>

namespace cbec {

double aitkenLimit(double E0, double E1, double E2) {
  const double d1 = E1 - E0, d2 = E2 - E1;
  if (d1 == 0.0 || d2 == 0.0 || d2 / d1 <= 0 || d2 / d1 >= 1) return E2;
  return E2 - d2 * d2 / (d2 - d1);
}

}  // namespace cbec
