// One-body trial factors of the QMC trial state (trial_orbital.hpp).
#include <cbec/manybody/trial_orbital.hpp>

#include <algorithm>
#include <cmath>

namespace cbec {

namespace {
Field logOf(const Field& u, double floor) {
  double top = 0;
  for (size_t i = 0; i < u.size(); ++i) top = std::max(top, std::abs(u[i]));
  Field L = u;
  for (size_t i = 0; i < u.size(); ++i) L[i] = std::log(std::max(std::abs(u[i]), floor * top));
  return L;
}
}  // namespace

SplineOrbital::SplineOrbital(const Grid& grid, const Field& u, double floor) : spline_(grid, logOf(u, floor)) {}

GaussianOrbital::GaussianOrbital(std::vector<double> omega, std::vector<double> centre)
    : omega_(std::move(omega)), centre_(std::move(centre)) {}

SplineValue GaussianOrbital::logValue(const double* x) const {
  SplineValue r;
  for (size_t i = 0; i < omega_.size(); ++i) {
    const double y = x[i] - centre_[i];
    r.value -= 0.5 * omega_[i] * y * y;
    r.gradient[i] = -omega_[i] * y;
    r.laplacian -= omega_[i];
  }
  return r;
}

}  // namespace cbec
