#include <cbec/model/trap.hpp>

#include <cbec/io/errors.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>

namespace cbec {

Trap Trap::power(double p, std::vector<double> centre) {
  if (!(p > 0) || !std::isfinite(p)) throw InputError(fmt::format("trap power must be > 0, got {}", p));
  Trap t;
  t.p_ = p;
  t.centre_ = std::move(centre);
  return t;
}

Trap Trap::harmonic(std::vector<double> omega, std::vector<double> centre) {
  if (omega.size() != centre.size())
    throw InputError("trap: omega and centre must have one entry per dimension");
  for (double w : omega)
    if (!(w > 0) || !std::isfinite(w)) throw InputError(fmt::format("trap omega must be > 0, got {}", w));
  Trap t;
  t.p_ = 2.0;
  t.omega_ = std::move(omega);
  t.centre_ = std::move(centre);
  return t;
}

double Trap::operator()(const double* x) const {
  const int d = dimension();
  if (omega_.empty()) {
    double r2 = 0;
    for (int i = 0; i < d; ++i) r2 += (x[i] - centre_[i]) * (x[i] - centre_[i]);
    if (p_ == 2.0) return r2;
    return std::pow(r2, 0.5 * p_);
  }
  double v = 0;
  for (int i = 0; i < d; ++i) v += omega_[i] * omega_[i] * (x[i] - centre_[i]) * (x[i] - centre_[i]);
  return v;
}

Trap Trap::translated(const std::vector<double>& shift) const {
  Trap t = *this;
  for (size_t i = 0; i < t.centre_.size() && i < shift.size(); ++i) t.centre_[i] += shift[i];
  return t;
}

double Trap::lengthScale() const {
  if (omega_.empty()) return 1.0;
  return 1.0 / std::sqrt(*std::max_element(omega_.begin(), omega_.end()));
}

double Trap::maxLengthScale() const {
  if (omega_.empty()) return 1.0;
  return 1.0 / std::sqrt(*std::min_element(omega_.begin(), omega_.end()));
}

std::string Trap::describe() const {
  if (omega_.empty()) return fmt::format("|x - ({})|^{}", fmt::join(centre_, ", "), p_);
  return fmt::format("harmonic omega = ({}), centre ({})", fmt::join(omega_, ", "), fmt::join(centre_, ", "));
}

}  // namespace cbec
