// The exact oscillator flow e^{−iθ(−Δ + Σω_i²x_i²)} by chirp · free propagator · chirp (harmonic_flow.hpp):
// a coherent state's orbit, reproduced with its phase for angles small and large.
#include <cbec/discretisation/fourier.hpp>
#include <cbec/dynamics/harmonic_flow.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <cstdio>
#include <vector>

using namespace cbec;
using cplx = std::complex<double>;

namespace {

/// The coherent state of p² + x² in d dimensions with ⟨x⟩ = xc, ⟨p⟩ = pc, times the phase of its orbit:
/// ψ_α(x) = π^{−1/4} exp(−(x − x_c)²/2 + i p_c x − i x_c p_c/2) per axis (x_c = √2 Re α, p_c = √2 Im α),
/// and e^{−itH}|α⟩ = e^{−it}|α e^{−2it}⟩ per axis.
ComplexField coherent(const Grid& g, const std::vector<double>& x0, double t) {
  ComplexField u(g.shape());
  std::array<double, 3> x{};
  for (size_t i = 0; i < g.size(); ++i) {
    g.point(i, x.data());
    cplx v = 1;
    for (int k = 0; k < g.dimension(); ++k) {
      double xc = x0[k] * std::cos(2 * t), pc = -x0[k] * std::sin(2 * t);
      v *= std::pow(M_PI, -0.25) * std::exp(cplx(-(x[k] - xc) * (x[k] - xc) / 2, pc * x[k] - xc * pc / 2 - t));
    }
    u[i] = v;
  }
  return u;
}

double maxDiff(const ComplexField& a, const ComplexField& b) {
  double m = 0;
  for (size_t i = 0; i < a.size(); ++i) m = std::max(m, std::abs(a[i] - b[i]));
  return m;
}

}  // namespace

TEST(HarmonicFlow, CoherentStateOrbitWithItsPhase) {
  Grid g(2, 96, 20.0);   // box edge 10 − 1.5 from the centre: e^{−8.5²/2} ≈ 2e-16
  FourierTransform fft(g, 1, false);
  HarmonicFlow flow(g, fft, {1.0, 1.0}, {0.0, 0.0});
  const std::vector<double> x0{1.5, -0.5};
  for (double t : {0.3, 0.9, 1.7, 12.345}) {
    ComplexField u = coherent(g, x0, 0);
    flow.apply(u, t);
    EXPECT_LT(maxDiff(u, coherent(g, x0, t)), 1e-12) << "t = " << t;
  }
  // composition: many small steps equal one large one
  ComplexField u = coherent(g, x0, 0);
  for (int k = 0; k < 100; ++k) flow.apply(u, 0.0123);
  EXPECT_LT(maxDiff(u, coherent(g, x0, 1.23)), 1e-12);
}

TEST(HarmonicFlow, AnisotropicGroundStatePhaseAndFreeAxis) {
  // ω = (2, 0.5): ground state π^{-1/2}(ω1ω2)^{1/4} e^{−(ω1x² + ω2y²)/2}, energy ω1 + ω2.
  Grid g(2, 128, 24.0);   // π/h = 16.8 holds the chirped spectra of the ω = 2 axis
  FourierTransform fft(g, 1, false);
  HarmonicFlow flow(g, fft, {2.0, 0.5}, {0.5, 0.0});
  auto ground = [&](double t) {
    ComplexField u(g.shape());
    std::array<double, 3> x{};
    for (size_t i = 0; i < g.size(); ++i) {
      g.point(i, x.data());
      double X = x[0] - 0.5, Y = x[1];
      u[i] = std::pow(M_PI, -0.5) * std::pow(1.0, 0.25) * std::exp(-(2.0 * X * X + 0.5 * Y * Y) / 2) *
             std::polar(1.0, -2.5 * t);
    }
    return u;
  };
  for (double t : {0.2, 1.1, 7.0}) {
    ComplexField u = ground(0);
    flow.apply(u, t);
    EXPECT_LT(maxDiff(u, ground(t)), 1e-12) << "t = " << t;
  }
}

TEST(HarmonicFlow, FreeAxisIsTheFreePropagator) {
  // ω = 0 in 1D: e^{itΔ} on a Gaussian of width 1: |u(t)|² has variance (1 + 4t²)/2.
  Grid g(1, 256, 60.0);
  FourierTransform fft(g, 1, false);
  HarmonicFlow flow(g, fft, {0.0}, {0.0});
  ComplexField u(g.shape());
  auto x = g.axis(0);
  for (int i = 0; i < g.points(); ++i) u[i] = std::pow(M_PI, -0.25) * std::exp(-x[i] * x[i] / 2);
  const double t = 2.0;
  flow.apply(u, t);
  double var = 0;
  for (int i = 0; i < g.points(); ++i) var += x[i] * x[i] * std::norm(u[i]) * g.spacing();
  EXPECT_NEAR(var, (1 + 4 * t * t) / 2, 1e-10);
}

namespace {

/// The normalised Hermite function of p² + ω²x² (x from its centre): φ_n(x) = (ω/π)^{1/4} (2^n n!)^{−1/2}
/// H_n(√ω x) e^{−ωx²/2}, eigenvalue ω(2n + 1); H_n by its three-term recurrence.
double hermiteFunction(int n, double omega, double x) {
  const double y = std::sqrt(omega) * x;
  double h0 = std::pow(omega / M_PI, 0.25) * std::exp(-y * y / 2), h1 = std::sqrt(2.0) * y * h0;   // normalised
  if (n == 0) return h0;
  for (int k = 1; k < n; ++k) {
    const double h2 = std::sqrt(2.0 / (k + 1)) * y * h1 - std::sqrt(double(k) / (k + 1)) * h0;
    h0 = h1;
    h1 = h2;
  }
  return h1;
}

}  // namespace

TEST(HarmonicFlow, HermiteFunctionsTurnWithTheirEnergiesToRoundOff) {
  // 3D, ω = (1, 1.5, 0.75), centre (0.3, 0, −0.2): u = Σ c_n φ_{n1}φ_{n2}φ_{n3}, n_i ≤ 5, e^{−iθA}u = Σ c_n
  // e^{−iθE_n} φ_n with E_n = Σ_i ω_i(2n_i + 1): the superposition's relative phases are exact only if every
  // level turns with its own energy (the ground state alone would not see a wrong spacing).
  // the grid holds every chirped state: per axis the content (n ≤ 5) is below 1e-16 beyond |x| ≈ 7.7, 9.5, 10.8
  // (box half 12) and ω·max|x − z| ≤ 11.6 < π/h = 12.6
  Grid g(3, 96, 24.0);
  FourierTransform fft(g, 1, false);
  const std::vector<double> omega{1.0, 1.5, 0.75}, centre{0.3, 0.0, -0.2};
  HarmonicFlow flow(g, fft, omega, centre);
  struct Term { int n[3]; cplx c; };
  const std::vector<Term> terms = {{{0, 0, 0}, {0.6, 0.1}}, {{1, 0, 2}, {-0.3, 0.4}}, {{2, 3, 0}, {0.2, -0.25}},
                                   {{5, 1, 1}, {0.15, 0.05}}, {{0, 4, 5}, {-0.1, 0.2}}, {{3, 2, 4}, {0.05, -0.1}}};
  // per-axis tables φ_n(x_j) (the state is a sum of products)
  const int n = g.points();
  std::vector<std::vector<std::vector<double>>> table(3, std::vector<std::vector<double>>(6, std::vector<double>(n)));
  for (int k = 0; k < 3; ++k) {
    const std::vector<double> ax = g.axis(k);
    for (int m = 0; m < 6; ++m)
      for (int j = 0; j < n; ++j) table[k][m][j] = hermiteFunction(m, omega[k], ax[j] - centre[k]);
  }
  auto state = [&](double theta) {
    ComplexField u(g.shape());
    for (const Term& t : terms) {
      double E = 0;
      for (int k = 0; k < 3; ++k) E += omega[k] * (2 * t.n[k] + 1);
      const cplx c = t.c * std::polar(1.0, -theta * E);
      const auto &f0 = table[0][t.n[0]], &f1 = table[1][t.n[1]], &f2 = table[2][t.n[2]];
      for (int a = 0; a < n; ++a)
        for (int b = 0; b < n; ++b) {
          const cplx ab = c * (f0[a] * f1[b]);
          cplx* row = u.data() + (static_cast<size_t>(a) * n + b) * n;
          for (int z = 0; z < n; ++z) row[z] += ab * f2[z];
        }
    }
    return u;
  };
  for (double theta : {0.05, 0.37, 1.9, 31.4}) {   // one rotation, two, reduced modulo π per axis, long times
    ComplexField u = state(0);
    flow.apply(u, theta);
    const double diff = maxDiff(u, state(theta));
    std::printf("theta = %g: max |u − exact| = %.2e\n", theta, diff);
    EXPECT_LT(diff, 2e-14) << "theta = " << theta;   // measured 1.7e-16 … 4.8e-15
  }
}
