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

bool OscillatorModes::isotropic2D(const Trap& trap) {
  if (trap.dimension() != 2) return false;
  if (trap.isPower()) return trap.exponent() == 2.0;
  return trap.omega()[0] == trap.omega()[1];
}

OscillatorModes OscillatorModes::circularModes(double omega, std::vector<double> centre, int shells) {
  if (centre.size() != 2) throw InputError("OscillatorModes: circular modes need two dimensions");
  OscillatorModes modes({omega, omega}, std::move(centre), shells);
  modes.circular_ = true;
  return modes;
}

OscillatorModes OscillatorModes::forTrap(const Trap& trap, int shells, const std::string& key, double scale,
                                         bool circular) {
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
  if (circular && !isotropic2D(trap))
    throw InputError(fmt::format("{}: circular (L_z) modes need a 2D isotropic harmonic trap", key));
  OscillatorModes modes(basis, trap.centre(), shells);
  modes.circular_ = circular;
  modes.trap_omega_ = omega;
  return modes;
}

int OscillatorModes::shell(int m) const { return std::accumulate(nu_[m].begin(), nu_[m].end(), 0); }

double OscillatorModes::energy(int m) const {
  double e = 0;
  for (int d = 0; d < dimension(); ++d) e += omega_[d] * (2 * nu_[m][d] + 1);
  return e;
}

int OscillatorModes::angularMomentum(int m) const {
  if (!circular_) throw InputError("OscillatorModes: L_z is a quantum number of circular modes only");
  return nu_[m][0] - nu_[m][1];
}

unsigned OscillatorModes::parityMask(int m) const {
  if (circular_) return 0u;
  unsigned mask = 0;
  for (int d = 0; d < dimension(); ++d)
    if (nu_[m][d] & 1) mask |= 1u << d;
  return mask;
}

Eigen::MatrixXd OscillatorModes::oneBodyMatrix() const {
  Eigen::MatrixXd h = Eigen::MatrixXd::Zero(count(), count());
  for (int m = 0; m < count(); ++m) h(m, m) = energy(m);
  if (circular_) {   // (ω² − ω'²) r², r² = (n_+ + n_- + 1 + a_+ a_- + a_+† a_-†)/ω'
    const double w = omega_[0], c = trap_omega_[0] * trap_omega_[0] - w * w;
    if (c == 0.0) return h;
    for (int m = 0; m < count(); ++m) {
      const int np = nu_[m][0], nm = nu_[m][1];
      h(m, m) += c * (np + nm + 1) / w;
      const auto it = std::find(nu_.begin(), nu_.end(), std::vector<int>{np + 1, nm + 1});
      if (it == nu_.end()) continue;
      const int p = static_cast<int>(it - nu_.begin());
      h(p, m) = h(m, p) = c * std::sqrt(double(np + 1) * (nm + 1)) / w;
    }
    return h;
  }
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
  if (circular_) throw InputError("OscillatorModes::value: circular modes are complex (complexValue)");
  std::vector<double> psi(shells_ + 1);
  double v = 1;
  for (int d = 0; d < dimension(); ++d) {
    hermiteFunctions(nu_[m][d], omega_[d], centre_[d], x[d], psi.data());
    v *= psi[nu_[m][d]];
  }
  return v;
}

}  // namespace cbec

namespace cbec {

std::complex<double> OscillatorModes::complexValue(int m, const double* x) const {
  if (!circular_) return value(m, x);
  const int np = nu_[m][0], nm = nu_[m][1], n = std::min(np, nm), am = std::abs(np - nm);
  const double w = omega_[0], dx = x[0] - centre_[0], dy = x[1] - centre_[1];
  const double rho2 = w * (dx * dx + dy * dy);
  // generalised Laguerre L_n^{am}(ρ²): (k+1) L_{k+1} = (2k + 1 + am − x) L_k − (k + am) L_{k−1}
  double a = 1.0, b = 1.0 + am - rho2;
  const double L = n == 0 ? 1.0 : [&] {
    for (int k = 1; k < n; ++k) {
      const double c = ((2 * k + 1 + am - rho2) * b - (k + am) * a) / (k + 1);
      a = b, b = c;
    }
    return b;
  }();
  const double norm = std::sqrt(w / std::numbers::pi * std::exp(std::lgamma(n + 1.0) - std::lgamma(n + am + 1.0)));
  const double radial = (n % 2 ? -1.0 : 1.0) * norm * std::pow(std::sqrt(rho2), am) * L * std::exp(-0.5 * rho2);
  const double theta = (np - nm) * std::atan2(dy, dx);
  return {radial * std::cos(theta), radial * std::sin(theta)};
}

}  // namespace cbec
