#include <cbec/dynamics/harmonic_flow.hpp>
#include <cbec/io/errors.hpp>

#include <cmath>

namespace cbec {

HarmonicFlow::HarmonicFlow(const Grid& grid, FourierTransform& fourier, std::vector<double> omega,
                           std::vector<double> centre)
    : grid_(grid), fft_(fourier), omega_(std::move(omega)), centre_(std::move(centre)) {
  const size_t d = static_cast<size_t>(grid.dimension());
  if (omega_.size() != d || centre_.size() != d) throw InputError("harmonic flow: one ω and one centre per axis");
  for (double w : omega_)
    if (!(w >= 0) || !std::isfinite(w)) throw InputError("harmonic flow: ω must be finite and ≥ 0");
}

const HarmonicFlow::Tables& HarmonicFlow::tables(double theta) {
  for (const Tables& t : cache_)
    if (t.theta == theta) return t;
  const int d = grid_.dimension(), n = grid_.points();
  // reduce ωθ modulo π per axis, then split into m rotations of at most π/4
  std::vector<double> phi(d);
  int m = 1, parity = 0;
  for (int i = 0; i < d; ++i) {
    double full = omega_[i] * theta;
    double k = omega_[i] > 0 ? std::round(full / M_PI) : 0.0;
    phi[i] = full - k * M_PI;
    parity += static_cast<int>(std::fmod(std::abs(k), 2.0));
    m = std::max(m, static_cast<int>(std::ceil(std::abs(phi[i]) / (M_PI / 4) - 1e-12)));
  }
  std::vector<double> a(d), b(d);
  for (int i = 0; i < d; ++i) {
    double sub = phi[i] / m;   // angle ω·(θ/m) of one rotation
    if (omega_[i] > 0) {
      a[i] = 0.5 * omega_[i] * std::tan(sub);
      b[i] = std::sin(2 * sub) / (2 * omega_[i]);
    } else {
      a[i] = 0;
      b[i] = theta / m;
    }
  }
  Tables t;
  t.theta = theta;
  t.substeps = m;
  t.phase = parity % 2 ? -1.0 : 1.0;
  t.kick.resize(d);
  t.kick2.resize(d);
  t.drift.resize(d);
  for (int i = 0; i < d; ++i) {
    const std::vector<double> ax = grid_.axis(i);
    for (int j = 0; j < n; ++j) {
      double x = ax[j] - centre_[i], k = 2 * M_PI / grid_.box() * (j < n / 2 ? j : j - n);
      t.kick[i].push_back(std::polar(1.0, -a[i] * x * x));
      t.kick2[i].push_back(std::polar(1.0, -2 * a[i] * x * x));
      t.drift[i].push_back(std::polar(1.0, -b[i] * k * k));
    }
  }
  if (cache_.size() < 6) {
    cache_.push_back(std::move(t));
    return cache_.back();
  }
  cache_[next_] = std::move(t);
  const Tables& r = cache_[next_];
  next_ = (next_ + 1) % cache_.size();
  return r;
}

void HarmonicFlow::multiplySeparable(ComplexField& u, const std::vector<std::vector<std::complex<double>>>& f) const {
  const int d = grid_.dimension(), n = grid_.points();
  std::complex<double>* p = u.data();
  if (d == 1) {
    for (int a = 0; a < n; ++a) p[a] *= f[0][a];
  } else if (d == 2) {
    for (int a = 0; a < n; ++a)
      for (int b = 0; b < n; ++b) *p++ *= f[0][a] * f[1][b];
  } else {
    for (int a = 0; a < n; ++a)
      for (int b = 0; b < n; ++b) {
        const std::complex<double> ab = f[0][a] * f[1][b];
        for (int c = 0; c < n; ++c) *p++ *= ab * f[2][c];
      }
  }
}

void HarmonicFlow::apply(ComplexField& u, double theta) {
  if (theta == 0) return;
  const Tables& t = tables(theta);
  multiplySeparable(u, t.kick);
  if (t.phase != 1.0)
    for (auto& z : u) z *= t.phase;
  for (int r = 0; r < t.substeps; ++r) {
    fft_.forward(u, spec_);
    multiplySeparable(spec_, t.drift);
    fft_.backward(spec_, u);
    multiplySeparable(u, r + 1 < t.substeps ? t.kick2 : t.kick);   // merge the chirps between rotations
  }
}

}  // namespace cbec
