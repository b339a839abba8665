// The pair interaction (pair_interaction.hpp), V > 0 repulsive: the spherical average K(r, r') from the
// primitive F against direct quadrature over the angle, for the Gaussian, the regularised Coulomb
// sgn(V)·min(|V|, N³) (F 5.16) and the scaled Gaussian profile w_N; Fourier transforms against the integral of
// the value; the mixture's W_st = −a_st w_N as interactions of coupling −a_st.
#include <cbec/io/errors.hpp>
#include <cbec/model/mixture.hpp>
#include <cbec/model/pair_interaction.hpp>

#include <gtest/gtest.h>

#include <cmath>

using namespace cbec;

namespace {
/// (1/2)∫_{-1}^{1} f(√(r² + r'² − 2rr'μ)) dμ by composite Gauss–Legendre (5 points on 4000 panels).
double angularAverage(const PairInteraction& V, double r, double rp) {
  const double x[5] = {-0.9061798459386640, -0.5384693101056831, 0.0, 0.5384693101056831, 0.9061798459386640};
  const double w[5] = {0.2369268850561891, 0.4786286704993665, 0.5688888888888889, 0.4786286704993665, 0.2369268850561891};
  const int P = 4000;
  double sum = 0;
  for (int p = 0; p < P; ++p) {
    double a = -1 + 2.0 * p / P, b = a + 2.0 / P;
    for (int k = 0; k < 5; ++k) {
      double mu = 0.5 * (a + b) + 0.5 * (b - a) * x[k];
      sum += 0.5 * (b - a) * w[k] * V.value(std::sqrt(std::max(0.0, r * r + rp * rp - 2 * r * rp * mu)));
    }
  }
  return sum / 2;
}
}  // namespace

TEST(PairInteraction, SphericalAverageMatchesAngularQuadrature) {
  auto g = PairInteraction::gaussian(1.3, 0.7);
  auto c = PairInteraction::coulomb(-2.0, 8.0);   // r_c = 0.25
  for (double r : {0.1, 0.6, 2.0})
    for (double rp : {0.05, 0.6, 1.7}) {
      EXPECT_NEAR(g.sphericalAverage(r, rp), angularAverage(g, r, rp), 1e-12) << r << " " << rp;
      EXPECT_NEAR(c.sphericalAverage(r, rp), angularAverage(c, r, rp), 1e-7) << r << " " << rp;   // kink at r_c
    }
  EXPECT_NEAR(c.value(0.1), -8.0, 0);
  EXPECT_NEAR(c.value(1.0), -2.0, 1e-15);
  EXPECT_THROW(PairInteraction::gaussian(1.0, 0.0), InputError);
  EXPECT_THROW(PairInteraction::coulomb(1.0, -1.0), InputError);
}

TEST(PairInteraction, GaussianFourierTransformIsItsIntegral) {
  // V̂(0) = ∫V d³x = strength (2π w²)^{3/2}; V̂(k) = (4π/k)∫ r V(r) sin(kr) dr.
  auto g = PairInteraction::gaussian(1.3, 0.7);
  for (double k : {0.0, 0.8, 2.5}) {
    double sum = 0, h = 1e-3;
    for (int i = 1; i < 20000; ++i) {
      double r = i * h;
      sum += (k > 0 ? r * std::sin(k * r) / k : r * r) * g.value(r) * h;
    }
    EXPECT_NEAR(g.fourier(k * k), 4 * M_PI * sum, 1e-10) << k;
  }
}

TEST(PairInteraction, ScaledGaussianProfileIsTheNormalisedWN) {
  // w_N(x) = N^{dβ} π^{-d/2} e^{-N^{2β}|x|²}, ŵ_N(k) = e^{-|k|² N^{-2β}/4}; g multiplies both.
  const double N = 40, beta = 0.35, g = -1.7, ell = std::pow(N, -beta);
  const auto w = PairInteraction::scaled(PairProfile::byName("gaussian", "profile"), N, beta, g);
  EXPECT_EQ(w.kind(), PairInteraction::Kind::Scaled);
  EXPECT_NEAR(w.length(), ell, 1e-15);
  for (int d = 1; d <= 3; ++d)
    for (double s : {0.0, 0.3 * ell, 1.1 * ell}) {
      EXPECT_NEAR(w.value(s, d), g * std::pow(M_PI * ell * ell, -0.5 * d) * std::exp(-s * s / (ell * ell)),
                  1e-13 * std::abs(w.value(0, d)));
      const double k2 = s * s / std::pow(ell, 4);   // |k| up to 1.1/ℓ
      EXPECT_NEAR(w.fourier(k2, d), g * std::exp(-k2 * ell * ell / 4), 1e-15);
    }
  // the unit shape: ŵ_N(0) = 1, and hartree() is scaled() with g = 1
  const auto h = PairInteraction::hartree(PairProfile::byName("gaussian", "profile"), N, beta);
  EXPECT_EQ(h.coupling(), 1.0);
  EXPECT_EQ(h.fourier(0.0, 2), 1.0);
  EXPECT_EQ(h.withCoupling(g).fourier(2.5, 3), w.fourier(2.5, 3));
  EXPECT_EQ(h.describe(), "hartree gaussian (N = 40, beta = 0.35)");
  // in 3D its radial primitive is that of the Gaussian of peak g π^{-3/2} ℓ^{-3} and width ℓ/√2
  for (double r : {0.02, 0.1, 0.4})
    for (double rp : {0.01, 0.15, 0.3})
      EXPECT_NEAR(w.sphericalAverage(r, rp), angularAverage(w, r, rp), 1e-12 * std::abs(w.value(0))) << r << " " << rp;
}

TEST(PairInteraction, ScaledFourierTransformIsItsIntegral) {
  // 3D: ŵ(k) = (4π/k) ∫ r V(r) sin(kr) dr for the scaled Gaussian of range 0.5.
  const auto w = PairInteraction::scaled(PairProfile::byName("gaussian", "profile"), 4.0, 0.5, 2.0);
  for (double k : {0.0, 1.5, 4.0}) {
    double sum = 0, h = 1e-4;
    for (int i = 1; i < 40000; ++i) {
      double r = i * h;
      sum += (k > 0 ? r * std::sin(k * r) / k : r * r) * w.value(r) * h;
    }
    EXPECT_NEAR(w.fourier(k * k), 4 * M_PI * sum, 1e-10) << k;
  }
}

TEST(PairInteraction, OneSignConventionAndLengths) {
  // V > 0 repulsive for every profile: the sign of V(0⁺) and of ∫V is the sign of g.
  EXPECT_GT(PairInteraction::gaussian(0.5, 1.0).value(0.2), 0);
  EXPECT_LT(PairInteraction::coulomb(-0.5, 10.0).value(0.2), 0);
  EXPECT_GT(PairInteraction::contact(0.5).fourier(3.0, 2), 0);
  EXPECT_NEAR(PairInteraction::coulomb(-0.5, 10.0).length(), 0.05, 1e-16);   // r_c = |g|/M
  EXPECT_EQ(PairInteraction::contact().length(), 0.0);
  EXPECT_EQ(PairInteraction::gaussian(1.0, 0.7).width(), 0.7);
  EXPECT_THROW(PairInteraction::contact().value(0.1), InputError);
  EXPECT_THROW(PairInteraction::contact().primitive(0.1), InputError);
  EXPECT_THROW(PairInteraction::scaled(PairProfile::byName("gaussian", "p"), 0.5, 0.1), InputError);
  // the mixture: W_st = −a_st w_N, attractive (V < 0) for a_st > 0
  const Trap trap = Trap::power(2.0, {0.0, 0.0});
  Eigen::MatrixXd a(2, 2);
  a << 0.0, 0.8, 0.8, 0.0;
  const Mixture m(2, {Species{"A", 0.5, 1.5, trap}, Species{"B", 0.5, -0.3, trap}}, a,
                  PairInteraction::hartree(PairProfile::byName("gaussian", "profile"), 10.0, 0.2), PairScaling::N, 10.0);
  EXPECT_EQ(m.interaction(0, 1).coupling(), -0.8);
  EXPECT_EQ(m.interaction(0, 0).coupling(), -1.5);
  EXPECT_EQ(m.interaction(1, 1).coupling(), 0.3);
  EXPECT_LT(m.interaction(0, 1).value(0.1, 2), 0);
  EXPECT_NEAR(m.meanFieldInteraction(0, 0).coupling(), -1.5 * 4.0 / 10.0, 1e-15);   // κ_s = (N_s − 1)/N
  EXPECT_EQ(m.meanFieldInteraction(0, 1).coupling(), -0.8);
  // the shape must be a unit-coupling contact or scaled profile
  EXPECT_THROW(Mixture(2, {Species{"A", 1.0, 1.0, trap}}, Eigen::MatrixXd::Zero(1, 1), PairInteraction::gaussian(1.0, 1.0)),
               InputError);
  EXPECT_THROW(Mixture(2, {Species{"A", 1.0, 1.0, trap}}, Eigen::MatrixXd::Zero(1, 1), PairInteraction::contact(2.0)),
               InputError);
}
