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
  const size_t N = grid_.size();
  t.kick.resize(N);
  t.kick2.resize(N);
  t.drift.resize(N);
  std::vector<std::vector<double>> ax(d), kx(d);
  for (int i = 0; i < d; ++i) {
    ax[i] = grid_.axis(i);
    kx[i].resize(n);
    for (int j = 0; j < n; ++j) kx[i][j] = 2 * M_PI / grid_.box() * (j < n / 2 ? j : j - n);
  }
  for (size_t idx = 0; idx < N; ++idx) {
    size_t rest = idx;
    double chirp = 0, disp = 0;
    for (int i = d - 1; i >= 0; --i) {   // row-major: last axis fastest
      size_t j = rest % n;
      rest /= n;
      double x = ax[i][j] - centre_[i];
      chirp += a[i] * x * x;
      disp += b[i] * kx[i][j] * kx[i][j];
    }
    t.kick[idx] = std::polar(1.0, -chirp);
    t.kick2[idx] = std::polar(1.0, -2 * chirp);
    t.drift[idx] = std::polar(1.0, -disp);
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

void HarmonicFlow::apply(ComplexField& u, double theta) {
  if (theta == 0) return;
  const Tables& t = tables(theta);
  const size_t N = u.size();
  for (size_t i = 0; i < N; ++i) u[i] *= t.kick[i] * t.phase;
  for (int r = 0; r < t.substeps; ++r) {
    fft_.applyMultiplier(u, t.drift, u);
    const auto& k = r + 1 < t.substeps ? t.kick2 : t.kick;   // merge the chirps between rotations
    for (size_t i = 0; i < N; ++i) u[i] *= k[i];
  }
}

}  // namespace cbec
