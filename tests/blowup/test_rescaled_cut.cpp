// rescaledCut: exact on trigonometric polynomials (including the Nyquist mode), and equal to the former
// O(n³) row-by-row DFT implementation (kept here as the reference) to round-off.
#include <cbec/blowup/rescaled_profile.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <complex>

using namespace cbec;

namespace {
// The former implementation (row DFTs, then a DFT of the line), verbatim.
std::vector<double> referenceCut(const Grid& g, const Field& u, double ell, const std::vector<double>& z,
                                 const std::vector<double>& xs) {
  const int n = g.points();
  const double L = g.box(), x0 = g.centre()[0] - L / 2, y0 = g.centre()[1] - L / 2;
  auto trigInterpolate = [&](const std::vector<double>& f, double origin, double t) {
    std::vector<std::complex<double>> c(n / 2 + 1);
    for (int k = 0; k <= n / 2; ++k) {
      std::complex<double> s = 0;
      for (int j = 0; j < n; ++j) s += f[j] * std::polar(1.0, -2 * M_PI * k * j / n);
      c[k] = s / double(n);
    }
    const double theta = 2 * M_PI * (t - origin) / L;
    double v = c[0].real();
    for (int k = 1; k < n / 2; ++k) v += 2 * (c[k] * std::polar(1.0, k * theta)).real();
    v += (c[n / 2] * std::cos(n / 2 * theta)).real();
    return v;
  };
  std::vector<double> line(n), row(n);
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) row[j] = u[static_cast<size_t>(i) * n + j];
    line[i] = trigInterpolate(row, y0, z[1]);
  }
  std::vector<double> out;
  for (double x : xs) out.push_back(trigInterpolate(line, x0, z[0] + x / ell) / ell);
  return out;
}
}  // namespace

TEST(RescaledCut, ExactOnTrigonometricPolynomials) {
  const int n = 32;
  Grid g(2, n, 6.0, {0.4, -0.3});
  const double L = g.box(), x0 = 0.4 - L / 2, y0 = -0.3 - L / 2, w = 2 * M_PI / L;
  auto f = [&](double x, double y) {
    return 1 + std::cos(3 * w * (x - x0)) * std::sin(5 * w * (y - y0)) + 0.2 * std::sin(7 * w * (x - x0) + 1) +
           0.3 * std::cos(n / 2 * w * (y - y0)) * std::cos(2 * w * (x - x0));
  };
  Field u = g.sample([&](const double* x) { return f(x[0], x[1]); });
  FourierTransform fft(g, 1, false);
  const double ell = 1.7;
  const std::vector<double> z = {0.13, 0.29}, xs = {-2.0, -0.37, 0.0, 0.5, 1.91};
  const auto cut = rescaledCut(fft, u, ell, z, xs);
  for (size_t i = 0; i < xs.size(); ++i) EXPECT_NEAR(cut[i], f(z[0] + xs[i] / ell, z[1]) / ell, 1e-13);
}

TEST(RescaledCut, MatchesTheFormerDftImplementation) {
  Grid g(2, 96, 8.0, {-0.5, 0.25});
  Field u = g.sample([](const double* x) {
    return std::exp(-1.3 * (x[0] + 0.5) * (x[0] + 0.5) - 0.7 * x[1] * x[1]) * (1 + 0.4 * x[0] * x[1]);
  });
  FourierTransform fft(g, 1, false);
  std::vector<double> xs;
  for (int i = 0; i <= 40; ++i) xs.push_back(-3 + 0.15 * i);
  for (const std::vector<double>& z : {std::vector<double>{-0.5, 0.0}, std::vector<double>{-0.41, 0.137}}) {
    const auto a = rescaledCut(fft, u, 2.3, z, xs), b = referenceCut(g, u, 2.3, z, xs);
    for (size_t i = 0; i < xs.size(); ++i) EXPECT_NEAR(a[i], b[i], 1e-14) << "x = " << xs[i];
  }
}
