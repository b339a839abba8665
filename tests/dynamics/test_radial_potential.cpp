// Radial pair potentials (radial_potential.hpp): the spherical average K(r, r') from the primitive F against
// direct quadrature over the angle, for the Gaussian and the regularised Coulomb sgn(V)·min(|V|, N³) (F 5.16).
#include <cbec/io/errors.hpp>
#include <cbec/model/radial_potential.hpp>

#include <gtest/gtest.h>

#include <cmath>

using namespace cbec;

namespace {
/// (1/2)∫_{-1}^{1} f(√(r² + r'² − 2rr'μ)) dμ by composite Gauss–Legendre (5 points on 4000 panels).
double angularAverage(const RadialPotential& V, double r, double rp) {
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

TEST(RadialPotential, SphericalAverageMatchesAngularQuadrature) {
  auto g = RadialPotential::gaussian(1.3, 0.7);
  auto c = RadialPotential::coulomb(-2.0, 8.0);   // r_c = 0.25
  for (double r : {0.1, 0.6, 2.0})
    for (double rp : {0.05, 0.6, 1.7}) {
      EXPECT_NEAR(g.sphericalAverage(r, rp), angularAverage(g, r, rp), 1e-12) << r << " " << rp;
      EXPECT_NEAR(c.sphericalAverage(r, rp), angularAverage(c, r, rp), 1e-7) << r << " " << rp;   // kink at r_c
    }
  EXPECT_NEAR(c.value(0.1), -8.0, 0);
  EXPECT_NEAR(c.value(1.0), -2.0, 1e-15);
  EXPECT_THROW(RadialPotential::gaussian(1.0, 0.0), InputError);
  EXPECT_THROW(RadialPotential::coulomb(1.0, -1.0), InputError);
}

TEST(RadialPotential, GaussianFourierTransformIsItsIntegral) {
  // V̂(0) = ∫V d³x = strength (2π w²)^{3/2}; V̂(k) = (4π/k)∫ r V(r) sin(kr) dr.
  auto g = RadialPotential::gaussian(1.3, 0.7);
  for (double k : {0.0, 0.8, 2.5}) {
    double sum = 0, h = 1e-3;
    for (int i = 1; i < 20000; ++i) {
      double r = i * h;
      sum += (k > 0 ? r * std::sin(k * r) / k : r * r) * g.value(r) * h;
    }
    EXPECT_NEAR(g.fourier(k * k), 4 * M_PI * sum, 1e-10) << k;
  }
}
