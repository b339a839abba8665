// Flyvbjerg–Petersen blocking (numerics/blocking.hpp) against series whose standard error is known.
#include <cbec/numerics/blocking.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace {

/// AR(1): x_i = φ x_{i-1} + √(1-φ²) ξ_i (unit variance); the error of the mean of n samples is
/// √((1+φ)/((1-φ) n)) for n ≫ 1/(1-φ).
std::vector<double> ar1(double phi, size_t n, unsigned seed) {
  std::mt19937_64 g(seed);
  std::normal_distribution<double> xi(0, 1);
  std::vector<double> x(n);
  double v = xi(g);
  for (auto& y : x) { v = phi * v + std::sqrt(1 - phi * phi) * xi(g); y = v; }
  return x;
}

}  // namespace

TEST(Blocking, WhiteNoiseErrorIsTheNaiveOne) {
  const auto x = ar1(0.0, 1 << 16, 3);
  const cbec::BlockingResult r = cbec::blockingAnalysis(x);
  EXPECT_TRUE(r.plateau);
  EXPECT_NEAR(r.error, 1.0 / std::sqrt(double(x.size())), 0.1 / std::sqrt(double(x.size())));
  EXPECT_NEAR(r.correlation_factor(), 1.0, 0.25);
}

TEST(Blocking, CorrelatedSeriesErrorMatchesTheAutocorrelationTime) {
  const double phi = 0.9;
  const size_t n = 1 << 18;
  const double exact = std::sqrt((1 + phi) / ((1 - phi) * double(n)));   // 19× the naive variance
  double worst = 0;
  for (unsigned seed = 1; seed <= 4; ++seed) {
    const cbec::BlockingResult r = cbec::blockingAnalysis(ar1(phi, n, seed));
    EXPECT_TRUE(r.plateau);
    worst = std::max(worst, std::abs(r.error / exact - 1));
    EXPECT_GT(r.error, 3 * r.errors[0]);   // the naive error is far too small
  }
  EXPECT_LT(worst, 0.2);
}

TEST(Blocking, ShortSeriesHasNoPlateau) {
  // 256 samples of a series correlated over ~1000: no level is flat
  const cbec::BlockingResult r = cbec::blockingAnalysis(ar1(0.999, 256, 7));
  EXPECT_FALSE(r.plateau);
}
