#include <cbec/blowup/rescaled_profile.hpp>

#include <cbec/io/errors.hpp>
#include <cbec/soliton/townes_profile.hpp>

#include <cmath>
#include <complex>

namespace cbec {

namespace {
/// Vertex of the parabola through (-1, fm), (0, f0), (1, fp), as an offset in [-1/2, 1/2].
double parabolaVertex(double fm, double f0, double fp) {
  const double den = fm - 2 * f0 + fp;
  return den < 0 ? std::clamp(0.5 * (fm - fp) / den, -0.5, 0.5) : 0.0;
}
}  // namespace

ProfileComparison compareWithBlowupProfile(FourierTransform& fourier, const Field& u, double ell,
                                           const std::vector<double>& z) {
  const Grid& g = fourier.grid();
  if (g.dimension() != 2) throw InputError("blow-up profile comparison needs a 2D grid");
  const TownesProfile& Q = TownesProfile::standard();
  Field diff = g.sample([&](const double* x) {
    return ell * Q.normalised(ell * std::hypot(x[0] - z[0], x[1] - z[1]));
  });
  double l1 = 0;   // ∫|u² - q_ℓ²|, before diff is overwritten
  for (size_t i = 0; i < diff.size(); ++i) l1 += std::abs(u[i] * u[i] - diff[i] * diff[i]);
  for (size_t i = 0; i < diff.size(); ++i) diff[i] = u[i] - diff[i];
  Field lap;
  fourier.laplacianNeg(diff, lap);
  const double l2sq = g.dot(diff, diff), gradsq = std::max(0.0, g.dot(diff, lap));
  fourier.laplacianNeg(u, lap);

  ProfileComparison c;
  c.error_L2 = std::sqrt(l2sq);
  c.error_H1 = std::sqrt(l2sq + gradsq / (ell * ell));
  c.density_error_L1 = l1 * g.cellVolume();
  c.ell_measured = std::sqrt(g.dot(u, lap));

  const int n = g.points();
  size_t imax = 0;
  for (size_t i = 1; i < u.size(); ++i)
    if (u[i] > u[imax]) imax = i;
  const int ix = static_cast<int>(imax / n), iy = static_cast<int>(imax % n);
  auto at = [&](int i, int j) { return u[static_cast<size_t>((i + n) % n) * n + (j + n) % n]; };
  double x[2];
  g.point(imax, x);
  c.peak = {x[0] + g.spacing() * parabolaVertex(at(ix - 1, iy), at(ix, iy), at(ix + 1, iy)),
            x[1] + g.spacing() * parabolaVertex(at(ix, iy - 1), at(ix, iy), at(ix, iy + 1))};
  return c;
}

double rescaledDensityDifference(const Grid& g, const Field& u1, const Field& u2, double ell) {
  Field d(u1.size());
  for (size_t i = 0; i < d.size(); ++i) d[i] = u1[i] * u1[i] - u2[i] * u2[i];
  return std::sqrt(g.dot(d, d)) / ell;
}

namespace {
/// The trigonometric interpolant of n samples f_j at x_j = origin + jL/n (n even, real f),
///   p(t) = Σ_{k=0}^{n/2} a_k Re(c_k e^{ikθ}),  c_k = (1/n) Σ_j f_j e^{-2πikj/n},  θ = 2π(t - origin)/L,
/// a_0 = a_{n/2} = 1, otherwise 2 — the real Fourier series through the samples, evaluated exactly.
/// Angles 2πkj/n are reduced exactly (kj mod n) and read from one table: O(n²) with no transcendental calls.
class TrigInterpolant {
 public:
  explicit TrigInterpolant(int n) : n_(n), cos_(n), sin_(n) {
    for (int q = 0; q < n; ++q) {
      cos_[q] = std::cos(2 * M_PI * q / n);
      sin_[q] = std::sin(2 * M_PI * q / n);
    }
  }
  /// Weights w_j with p(t) = Σ_j f_j w_j: w_j = (1/n) Σ_k a_k cos(kθ - 2πkj/n).
  std::vector<double> weights(double theta) const {
    std::vector<double> w(n_, 0.0);
    for (int k = 0; k <= n_ / 2; ++k) {
      const double a = (k == 0 || k == n_ / 2) ? 1.0 : 2.0;
      const double ck = a * std::cos(k * theta) / n_, sk = a * std::sin(k * theta) / n_;
      for (int j = 0, q = 0; j < n_; ++j, q = (q + k) % n_) w[j] += ck * cos_[q] + sk * sin_[q];
    }
    return w;
  }
  /// The coefficients c_k, k = 0..n/2.
  std::vector<std::complex<double>> coefficients(const std::vector<double>& f) const {
    std::vector<std::complex<double>> c(n_ / 2 + 1);
    for (int k = 0; k <= n_ / 2; ++k) {
      double re = 0, im = 0;
      for (int j = 0, q = 0; j < n_; ++j, q = (q + k) % n_) { re += f[j] * cos_[q]; im -= f[j] * sin_[q]; }
      c[k] = {re / n_, im / n_};
    }
    return c;
  }
  double evaluate(const std::vector<std::complex<double>>& c, double theta) const {
    double v = c[0].real();
    for (int k = 1; k < n_ / 2; ++k) v += 2 * (c[k] * std::polar(1.0, k * theta)).real();
    return v + c[n_ / 2].real() * std::cos(n_ / 2 * theta);
  }

 private:
  int n_;
  std::vector<double> cos_, sin_;
};
}  // namespace

std::vector<double> rescaledCut(FourierTransform& fourier, const Field& u, double ell,
                                const std::vector<double>& z, const std::vector<double>& xs) {
  const Grid& g = fourier.grid();
  const int n = g.points();
  const double L = g.box(), x0 = g.centre()[0] - L / 2, y0 = g.centre()[1] - L / 2;
  const TrigInterpolant trig(n);
  // Interpolation in y at y = z[1] is linear in each row: one weight vector for all rows (O(n²)).
  const std::vector<double> wy = trig.weights(2 * M_PI * (z[1] - y0) / L);
  std::vector<double> line(n);
  for (int i = 0; i < n; ++i) {
    const double* row = u.data() + static_cast<size_t>(i) * n;
    double v = 0;
    for (int j = 0; j < n; ++j) v += row[j] * wy[j];
    line[i] = v;
  }
  // then along that line in x: coefficients once, O(n) per abscissa
  const auto c = trig.coefficients(line);
  std::vector<double> out;
  for (double x : xs) out.push_back(trig.evaluate(c, 2 * M_PI * (z[0] + x / ell - x0) / L) / ell);
  return out;
}

}  // namespace cbec
