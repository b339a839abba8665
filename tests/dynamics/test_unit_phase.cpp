// The vectorised phase rotation (unit_phase.hpp) against std::cos / std::sin.
#include <cbec/dynamics/unit_phase.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <random>
#include <vector>

TEST(UnitPhase, AgreesWithLibmToAFewUlpsOverEveryQuadrant) {
  std::mt19937_64 gen(7);
  for (double range : {1.0, 10.0, 1e3, 1e5, 1e7}) {   // 1e7: the libm fallback block
    std::uniform_real_distribution<double> d(-range, range);
    std::vector<double> phase(5000);
    for (double& p : phase) p = d(gen);
    phase[0] = 0.0;
    phase[1] = M_PI / 4;
    phase[2] = -M_PI / 2;
    phase[3] = 3 * M_PI;
    std::vector<std::complex<double>> v(phase.size(), std::complex<double>(0.6, -0.8));
    cbec::rotateByPhases(v.data(), phase.data(), v.size());
    double worst = 0;
    for (size_t i = 0; i < v.size(); ++i) {
      const std::complex<double> exact = std::complex<double>(0.6, -0.8) * std::polar(1.0, phase[i]);
      worst = std::max(worst, std::abs(v[i] - exact));
    }
    // |v| = 1: the error is absolute; std::sin/cos themselves carry ~1 ulp of |φ|·2^-53 from the argument
    EXPECT_LT(worst, 1e-15) << "range " << range;
  }
}

TEST(UnitPhase, ExactAtMultiplesOfHalfPiAndPreservesTheModulus) {
  std::vector<double> phase = {0.0, M_PI / 2, M_PI, 3 * M_PI / 2, -M_PI / 2};
  std::vector<std::complex<double>> v(phase.size(), std::complex<double>(1.0, 0.0));
  cbec::rotateByPhases(v.data(), phase.data(), v.size());
  const std::complex<double> want[] = {{1, 0}, {0, 1}, {-1, 0}, {0, -1}, {0, -1}};
  // fl(kπ/2) differs from kπ/2 by up to 2.5e-16: sin(fl(π)) = 1.22e-16 is right
  for (size_t i = 0; i < v.size(); ++i) EXPECT_LT(std::abs(v[i] - want[i]), 3e-16) << i;
  EXPECT_EQ(v[0], std::complex<double>(1.0, 0.0));
  EXPECT_NEAR(std::abs(v[0]), 1.0, 1e-16);
}
