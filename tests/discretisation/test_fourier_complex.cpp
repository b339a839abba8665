// The c2c path of FourierTransform: round trip, -Δ on plane waves, agreement with the r2c path on real
// fields, the exact free Schrödinger propagator e^{-iτ|k|²} on a Gaussian, and the FFT counter.
#include <cbec/discretisation/fourier.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <numbers>

using namespace cbec;
using cd = std::complex<double>;

namespace {
ComplexField sampleComplex(const Grid& g, const std::function<cd(const double*)>& f) {
  ComplexField out(g.shape());
  double x[3];
  for (size_t i = 0; i < g.size(); ++i) { g.point(i, x); out[i] = f(x); }
  return out;
}
double maxDiff(const ComplexField& a, const ComplexField& b) {
  double m = 0;
  for (size_t i = 0; i < a.size(); ++i) m = std::max(m, std::abs(a[i] - b[i]));
  return m;
}
}  // namespace

TEST(FourierComplex, RoundTripAndPlaneWavesInEveryDimension) {
  for (int d = 1; d <= 3; ++d) {
    Grid g(d, d == 3 ? 16 : 32, 2 * std::numbers::pi, std::vector<double>(d, 0.3));
    FourierTransform fft(g, 1, false);
    const int k[3] = {3, -2, 5};
    auto wave = [&](const double* x) {
      double phase = 0;
      for (int i = 0; i < d; ++i) phase += k[i] * x[i];
      return std::polar(1.0, phase) * cd(0.7, -0.2);
    };
    ComplexField u = sampleComplex(g, wave), uhat, back, lap;
    fft.forward(u, uhat);
    fft.backward(uhat, back);
    EXPECT_LT(maxDiff(u, back), 1e-14) << "d = " << d;
    EXPECT_EQ(back.shape(), g.shape());
    fft.laplacianNeg(u, lap);
    double k2 = 0;
    for (int i = 0; i < d; ++i) k2 += k[i] * k[i];
    ComplexField expect = u;
    for (auto& v : expect) v *= k2;
    EXPECT_LT(maxDiff(lap, expect), 1e-11) << "d = " << d;
    // ⟨u, -Δu⟩ = |k|² ‖u‖² by Parseval
    const double form = k2 * std::pow(g.norm(u), 2);
    EXPECT_NEAR(fft.quadraticForm(u, fft.k2Full()), form, 1e-13 * form);
  }
}

TEST(FourierComplex, AgreesWithTheRealPathOnRealFields) {
  Grid g(2, 48, 10.0);
  FourierTransform fft(g, 1, false);
  Field re = g.sample([](const double* x) { return std::exp(-x[0] * x[0] - 0.5 * (x[1] - 1) * (x[1] - 1)) * (1 + x[0]); });
  Field im = g.sample([](const double* x) { return std::exp(-0.7 * (x[0] * x[0] + x[1] * x[1])) * x[1]; });
  ComplexField u(g.shape()), lapC;
  for (size_t i = 0; i < g.size(); ++i) u[i] = cd(re[i], im[i]);
  Field lapRe, lapIm;
  fft.laplacianNeg(re, lapRe);
  fft.laplacianNeg(im, lapIm);
  fft.laplacianNeg(u, lapC);
  double m = 0;
  for (size_t i = 0; i < g.size(); ++i) m = std::max(m, std::abs(lapC[i] - cd(lapRe[i], lapIm[i])));
  EXPECT_LT(m, 1e-12);
}

// i∂_t u = -Δu from u_0 = e^{-x²/(2σ²)}: u(x,t) = (σ²/(σ²+2it))^{1/2} e^{-x²/(2(σ²+2it))} (1D).
TEST(FourierComplex, FreePropagatorIsExactOnAGaussian) {
  const double sigma2 = 1.0, t = 0.7;
  Grid g(1, 256, 60.0);
  FourierTransform fft(g, 1, false);
  ComplexField u = sampleComplex(g, [&](const double* x) { return cd(std::exp(-x[0] * x[0] / (2 * sigma2))); });
  const auto prop = fft.tabulateFullComplex([&](double k2) { return std::polar(1.0, -t * k2); });
  const long before = fft.fftCount();
  fft.applyMultiplier(u, prop, u);   // in place
  EXPECT_EQ(fft.fftCount() - before, 2);
  const ComplexField exact = sampleComplex(g, [&](const double* x) {
    const cd s = sigma2 + cd(0, 2 * t);
    return std::sqrt(sigma2 / s) * std::exp(-x[0] * x[0] / (2.0 * s));
  });
  EXPECT_LT(maxDiff(u, exact), 1e-13);
  EXPECT_NEAR(g.norm(u), std::pow(std::numbers::pi * sigma2, 0.25), 1e-13);   // unitary
}

TEST(FieldShape, GridFieldsCarryTheirShape) {
  Grid g(3, 8, 4.0);
  Field f = g.sample([](const double* x) { return x[0]; });
  EXPECT_EQ(f.shape().dimension, 3);
  EXPECT_EQ(f.shape().points, 8);
  EXPECT_EQ(f.shape().size(), f.size());
  Field plain(std::vector<double>(5, 1.0));
  EXPECT_FALSE(plain.shape().known());
}
