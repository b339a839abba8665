// Least-squares power law through log-log points (power_law_fit.hpp).
#include <cbec/numerics/power_law_fit.hpp>

#include <cmath>
#include <limits>

namespace cbec {

PowerLawFit fitPowerLaw(const std::vector<double>& x, const std::vector<double>& y) {
  double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (std::size_t k = 0; k < x.size() && k < y.size(); ++k) {
    if (!(x[k] > 0 && y[k] > 0)) continue;
    const double lx = std::log(x[k]), ly = std::log(y[k]);
    n += 1, sx += lx, sy += ly, sxx += lx * lx, sxy += lx * ly;
  }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double det = n * sxx - sx * sx;
  if (n < 2 || !(det > 0)) return {nan, nan};
  const double p = (n * sxy - sx * sy) / det;
  return {p, std::exp((sy - p * sx) / n)};
}

}  // namespace cbec
