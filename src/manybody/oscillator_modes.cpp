// Hermite-function mode basis of a harmonic trap (oscillator_modes.hpp).
#include <cbec/manybody/oscillator_modes.hpp>

#include <cbec/io/errors.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>

namespace cbec {

void hermiteFunctions(int nmax, double omega, double centre, double t, double* out) {
  const double xi = std::sqrt(omega) * (t - centre);
  hermitePolynomials(nmax, xi, out);
  const double g = std::pow(omega / std::numbers::pi, 0.25) * std::exp(-0.5 * xi * xi);
  for (int n = 0; n <= nmax; ++n) out[n] *= g;
}

OscillatorModes::OscillatorModes(std::vector<double> omega, std::vector<double> centre, int shells)
    : omega_(std::move(omega)), centre_(std::move(centre)), trap_omega_(omega_), shells_(shells) {
  const int d = dimension();
  if (d < 1 || d > 3 || static_cast<int>(centre_.size()) != d)
    throw InputError(fmt::format("OscillatorModes: need 1-3 frequencies and as many centre coordinates"));
  for (double w : omega_)
    if (!(w > 0) || !std::isfinite(w)) throw InputError(fmt::format("OscillatorModes: frequency must be > 0, got {}", w));
  if (shells < 0) throw InputError(fmt::format("OscillatorModes: shells must be >= 0, got {}", shells));
  for (int n = 0; n <= shells; ++n) {
    // all ν with |ν| = n, descending lexicographic
    std::vector<int> nu(d, 0);
    nu[0] = n;
    while (true) {
      nu_.push_back(nu);
      // predecessor in descending lex order among compositions of n into d parts
      int p = d - 2;
      while (p >= 0 && nu[p] == 0) --p;
      if (p < 0) break;
      const int tail = std::accumulate(nu.begin() + p + 1, nu.end(), 0);
      --nu[p];
      for (int i = p + 1; i < d; ++i) nu[i] = 0;
      nu[p + 1] = tail + 1;
    }
  }
}

OscillatorModes OscillatorModes::forTrap(const Trap& trap, int shells, const std::string& key, double scale) {
  if (!(scale > 0) || !std::isfinite(scale))
    throw InputError(fmt::format("{}: the oscillator basis scale must be > 0, got {}", key, scale));
  std::vector<double> omega;
  if (trap.isPower()) {
    if (trap.exponent() != 2.0)
      throw InputError(fmt::format("{}: the many-body mode basis needs a harmonic trap (power = 2), got power = {}",
                                   key, trap.exponent()));
    omega.assign(trap.dimension(), 1.0);
  } else {
    omega = trap.omega();
  }
  std::vector<double> basis = omega;
  for (double& w : basis) w *= scale;
  OscillatorModes modes(basis, trap.centre(), shells);
  modes.trap_omega_ = omega;
  return modes;
}

int OscillatorModes::shell(int m) const { return std::accumulate(nu_[m].begin(), nu_[m].end(), 0); }

double OscillatorModes::energy(int m) const {
  double e = 0;
  for (int d = 0; d < dimension(); ++d) e += omega_[d] * (2 * nu_[m][d] + 1);
  return e;
}

unsigned OscillatorModes::parityMask(int m) const {
  unsigned mask = 0;
  for (int d = 0; d < dimension(); ++d)
    if (nu_[m][d] & 1) mask |= 1u << d;
  return mask;
}

Eigen::MatrixXd OscillatorModes::oneBodyMatrix() const {
  Eigen::MatrixXd h = Eigen::MatrixXd::Zero(count(), count());
  for (int m = 0; m < count(); ++m) h(m, m) = energy(m);
  for (int d = 0; d < dimension(); ++d) {
    const double w = omega_[d], c = trap_omega_[d] * trap_omega_[d] - w * w;
    if (c == 0.0) continue;
    for (int m = 0; m < count(); ++m) {
      const int n = nu_[m][d];
      h(m, m) += c * (2 * n + 1) / (2 * w);
      std::vector<int> up = nu_[m];   // ν + 2e_d
      up[d] += 2;
      const auto it = std::find(nu_.begin(), nu_.end(), up);
      if (it == nu_.end()) continue;
      const int p = static_cast<int>(it - nu_.begin());
      h(p, m) = h(m, p) = c * std::sqrt(double(n + 1) * (n + 2)) / (2 * w);
    }
  }
  return h;
}

double OscillatorModes::value(int m, const double* x) const {
  std::vector<double> psi(shells_ + 1);
  double v = 1;
  for (int d = 0; d < dimension(); ++d) {
    hermiteFunctions(nu_[m][d], omega_[d], centre_[d], x[d], psi.data());
    v *= psi[nu_[m][d]];
  }
  return v;
}

}  // namespace cbec
