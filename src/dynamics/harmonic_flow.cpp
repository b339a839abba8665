#include <cbec/dynamics/harmonic_flow.hpp>
#include <cbec/discretisation/parallel.hpp>
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

namespace {
// (a·b) in plain real arithmetic: std::complex's operator* checks for NaN/∞ (__muldc3), a call per point.
inline std::complex<double> mul(std::complex<double> a, std::complex<double> b) {
  return {a.real() * b.real() - a.imag() * b.imag(), a.real() * b.imag() + a.imag() * b.real()};
}

// out_j = in_j · w_j for j < n, on (re, im) pairs in plain arithmetic (vectorised; AVX2 where present)
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("avx2", "default")))
#endif
void multiplyRow(const std::complex<double>* in, const std::complex<double>* w, std::complex<double>* out, size_t n) {
  const double* x = reinterpret_cast<const double*>(in);
  const double* y = reinterpret_cast<const double*>(w);
  double* z = reinterpret_cast<double*>(out);
  for (size_t j = 0; j < n; ++j) {
    const double xr = x[2 * j], xi = x[2 * j + 1], yr = y[2 * j], yi = y[2 * j + 1];
    z[2 * j] = xr * yr - xi * yi;
    z[2 * j + 1] = xr * yi + xi * yr;
  }
}
}  // namespace

void HarmonicFlow::multiplySeparable(const std::complex<double>* in, std::complex<double>* out,
                                     const std::vector<std::vector<std::complex<double>>>& f,
                                     std::complex<double> sign, bool spectral) const {
  const int d = grid_.dimension();
  const size_t n = static_cast<size_t>(grid_.points());
  // a slab: its planes, and the transposed spectrum's order (axis 1, axis 0[, axis 2]) for the spectral factors
  const bool slab = grid_.distributed(), transposed = slab && spectral;
  const size_t outerCount = slab ? static_cast<size_t>(grid_.planes()) : n;
  const size_t first = slab ? static_cast<size_t>(grid_.firstPlane()) : 0, inner = d == 1 ? 1 : grid_.globalSize() / n;
  const std::vector<std::complex<double>>& outer = transposed ? f[1] : f[0];
  const std::vector<std::complex<double>>& middle = d == 3 ? (transposed ? f[0] : f[1]) : f[0];
  const std::vector<std::complex<double>>& last = d == 2 && transposed ? f[0] : f[d - 1];
  // rows of the first index split over threads; out = sign·Π_i f_i(x_i)·in pointwise (out may be in):
  // per row the factor of the last axis, w_c = sign·f_0(a)[·f_1(b)]·f_last(c), then one product per point
  parallel::forEach(fft_.threads(), outerCount, [&](size_t a0, size_t a1) {
    std::vector<std::complex<double>> w(n);
    for (size_t a = a0; a < a1; ++a) {
      const std::complex<double> fa = mul(sign, outer[first + a]);
      if (d == 1) { out[a] = mul(in[a], fa); continue; }
      const size_t rows = d == 2 ? 1 : n;
      for (size_t b = 0; b < rows; ++b) {
        const std::complex<double> ab = d == 2 ? fa : mul(fa, middle[b]);
        for (size_t c = 0; c < n; ++c) w[c] = mul(ab, last[c]);
        const size_t off = a * inner + b * n;
        multiplyRow(in + off, w.data(), out + off, n);
      }
    }
  }, parallel::kBlock / inner + 1);
}

void HarmonicFlow::apply(ComplexField& u, double theta) {
  if (theta == 0) return;
  const Tables& t = tables(theta);
  // all in FFTW's buffer: the first chirp fused into the copy in, the last (and 1/n^d) into the copy out
  std::complex<double>* buf = fft_.complexBuffer();
  multiplySeparable(u.data(), buf, t.kick, t.phase);
  for (int r = 0; r < t.substeps; ++r) {
    fft_.forwardInBuffer();
    multiplySeparable(buf, buf, t.drift, 1.0 / static_cast<double>(grid_.globalSize()), true);
    fft_.backwardInBuffer();
    if (r + 1 < t.substeps) multiplySeparable(buf, buf, t.kick2, 1.0);   // merged chirps between rotations
  }
  multiplySeparable(buf, u.data(), t.kick, 1.0);
}

}  // namespace cbec
