// Flyvbjerg–Petersen blocking (blocking.hpp).
#include <cbec/numerics/blocking.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace cbec {

BlockingResult blockingAnalysis(const std::vector<double>& x, std::size_t min_blocks) {
  if (x.size() < 2) throw std::invalid_argument("blockingAnalysis: at least two samples are needed");
  BlockingResult r;
  double s = 0;
  for (double v : x) s += v;
  r.mean = s / double(x.size());
  std::vector<double> y = x;
  while (y.size() >= 2) {
    const std::size_t n = y.size();
    double m = 0;
    for (double v : y) m += v;
    m /= double(n);
    double c0 = 0;
    for (double v : y) c0 += (v - m) * (v - m);
    c0 /= double(n);
    const double sigma = std::sqrt(c0 / double(n - 1));
    r.errors.push_back(sigma);
    r.error_errors.push_back(sigma / std::sqrt(2.0 * double(n - 1)));
    r.blocks.push_back(n);
    std::vector<double> z(n / 2);
    for (std::size_t i = 0; i < n / 2; ++i) z[i] = 0.5 * (y[2 * i] + y[2 * i + 1]);
    y.swap(z);
  }
  // usable levels: at least min_blocks blocks
  std::size_t usable = 0;
  while (usable < r.blocks.size() && r.blocks[usable] >= min_blocks) ++usable;
  if (usable == 0) {
    r.error = *std::max_element(r.errors.begin(), r.errors.end());
    r.level = int(std::max_element(r.errors.begin(), r.errors.end()) - r.errors.begin());
    return r;
  }
  for (std::size_t k = 0; k + 1 < usable; ++k) {
    bool flat = true;
    for (std::size_t j = k + 1; j < usable && flat; ++j)
      flat = std::abs(r.errors[j] - r.errors[k]) <= 2.0 * r.error_errors[j];
    if (flat) {
      r.plateau = true;
      r.level = int(k);
      r.error = r.errors[k];
      return r;
    }
  }
  // no plateau before the last usable level: the largest error seen (a lower bound)
  r.level = int(usable - 1);
  r.error = *std::max_element(r.errors.begin(), r.errors.begin() + long(usable));
  return r;
}

}  // namespace cbec
